//! JPEG: a sequence of marker segments, then entropy-coded scans. Metadata lives only in
//! APPn and COM segments, so stripping drops whole segments and copies every other byte
//! (tables, frame header, scans) unchanged: no re-encoding, no generation loss.
//!
//! Kept: APP0 `JFIF` (its thumbnail zeroed), APP2 `ICC_PROFILE` (colours), APP14 `Adobe`
//! (tells CMYK/YCCK decoders how to read the colour transform), every non-APP segment.
//! Dropped: APP1 (EXIF with GPS, serials, times; XMP), APP13 (Photoshop IRB/IPTC: names,
//! captions), APP12 (Ducky/picture info), APP2 other than ICC (MPF, FlashPix), every other APPn (e.g. APP11
//! JUMBF/C2PA), COM, and anything after the end-of-image marker (multi-picture secondaries,
//! "motion photo" videos, vendor trailers).

use crate::{be16, exif, MediaError, MediaKind, Removed, Stripped};

const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const APP0: u8 = 0xE0;
const APP1: u8 = 0xE1;
const APP2: u8 = 0xE2;
const APP13: u8 = 0xED;
const APP14: u8 = 0xEE;
const COM: u8 = 0xFE;

const EXIF_ID: &[u8] = b"Exif\0\0";
const XMP_ID: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const XMP_EXT_ID: &[u8] = b"http://ns.adobe.com/xmp/extension/\0";

/// One marker segment: `start` is at its 0xFF, `end` one past its last byte (for SOS, past
/// the entropy-coded data that follows the header).
#[derive(Clone, Copy)]
struct Segment {
    marker: u8,
    start: usize,
    end: usize,
}

impl Segment {
    fn payload<'a>(&self, b: &'a [u8]) -> &'a [u8] {
        // Standalone markers have no length field and so no payload.
        b.get(self.start + 4..self.end).unwrap_or(&[])
    }
}

struct Parsed {
    segments: Vec<Segment>,
    /// Offset one past EOI.
    end: usize,
}

fn corrupt(detail: impl Into<String>) -> MediaError {
    MediaError::corrupt(MediaKind::Jpeg, detail)
}

fn is_sof(m: u8) -> bool {
    matches!(m, 0xC0..=0xCF) && !matches!(m, 0xC4 | 0xC8 | 0xCC)
}

fn parse(b: &[u8]) -> Result<Parsed, MediaError> {
    if b.get(..2) != Some(&[0xFF, SOI]) {
        return Err(corrupt("no start-of-image marker"));
    }
    let mut segments = Vec::new();
    let mut frame = false;
    let mut scans = 0;
    let mut pos = 2;
    loop {
        match b.get(pos) {
            None => return Err(corrupt("the file ends before the end-of-image marker")),
            Some(0xFF) => {}
            Some(_) => return Err(corrupt(format!("unexpected data at byte {pos}"))),
        }
        // Any number of 0xFF fill bytes may precede a marker.
        let mut m = pos + 1;
        while b.get(m) == Some(&0xFF) {
            m += 1;
        }
        let Some(&marker) = b.get(m) else {
            return Err(corrupt("the file ends inside a marker"));
        };
        let start = m - 1;
        match marker {
            EOI => {
                if !frame || scans == 0 {
                    return Err(corrupt("no image data before the end-of-image marker"));
                }
                return Ok(Parsed {
                    segments,
                    end: m + 1,
                });
            }
            SOI | 0x00 => return Err(corrupt(format!("misplaced marker at byte {start}"))),
            0x01 | 0xD0..=0xD7 => {
                segments.push(Segment {
                    marker,
                    start,
                    end: m + 1,
                });
                pos = m + 1;
                continue;
            }
            _ => {}
        }
        let len = be16(b, m + 1).ok_or_else(|| corrupt("the file ends inside a segment"))?;
        if len < 2 {
            return Err(corrupt(format!("invalid segment length at byte {start}")));
        }
        let mut end = m + 1 + len as usize;
        if end > b.len() {
            return Err(corrupt("the file ends inside a segment"));
        }
        frame |= is_sof(marker);
        if marker == SOS {
            if !frame {
                return Err(corrupt("image data before the frame header"));
            }
            scans += 1;
            end = scan_end(b, end)?;
        }
        segments.push(Segment { marker, start, end });
        pos = end;
    }
}

/// Skips entropy-coded data: it ends at the first 0xFF that is not a stuffed zero
/// (0xFF00), a restart marker (0xFFD0..D7) or a fill byte.
fn scan_end(b: &[u8], mut i: usize) -> Result<usize, MediaError> {
    loop {
        let ff = b
            .get(i..)
            .and_then(|rest| rest.iter().position(|&x| x == 0xFF))
            .ok_or_else(|| corrupt("the image data is cut off"))?;
        i += ff;
        match b.get(i + 1) {
            None => return Err(corrupt("the image data is cut off")),
            Some(0x00) | Some(0xD0..=0xD7) => i += 2,
            Some(0xFF) => i += 1,
            Some(_) => return Ok(i),
        }
    }
}

pub(crate) fn dimensions(b: &[u8]) -> Result<(u32, u32), MediaError> {
    // Only the header is needed: stop at the first frame header rather than walk the scans.
    let mut pos = 2;
    if b.get(..2) != Some(&[0xFF, SOI]) {
        return Err(corrupt("no start-of-image marker"));
    }
    loop {
        let mut m = pos + 1;
        if b.get(pos) != Some(&0xFF) {
            return Err(corrupt("no frame header before the image data"));
        }
        while b.get(m) == Some(&0xFF) {
            m += 1;
        }
        let marker = *b
            .get(m)
            .ok_or_else(|| corrupt("the file ends in the header"))?;
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            pos = m + 1;
            continue;
        }
        if matches!(marker, SOS | EOI | SOI | 0x00) {
            return Err(corrupt("no frame header before the image data"));
        }
        let len = be16(b, m + 1).ok_or_else(|| corrupt("the file ends in the header"))?;
        if is_sof(marker) {
            let h = be16(b, m + 4).ok_or_else(|| corrupt("short frame header"))?;
            let w = be16(b, m + 6).ok_or_else(|| corrupt("short frame header"))?;
            return Ok((u32::from(w), u32::from(h)));
        }
        if len < 2 {
            return Err(corrupt(format!("invalid segment length at byte {}", m - 1)));
        }
        pos = m + 1 + len as usize;
    }
}

enum Action {
    Keep,
    Drop,
    /// Keep this JFIF header, but with its thumbnail removed.
    JfifWithoutThumbnail,
}

pub(crate) fn strip(b: &[u8]) -> Result<Stripped, MediaError> {
    let parsed = parse(b)?;
    let mut removed = Removed::default();
    let mut orientation = None;
    let mut actions = Vec::with_capacity(parsed.segments.len());
    for seg in &parsed.segments {
        let p = seg.payload(b);
        let action = match seg.marker {
            APP0 if p.starts_with(b"JFIF\0") && p.len() >= 14 => {
                // JFIF: id(5) version(2) units(1) density(4) thumb w(1) h(1) RGB thumbnail.
                if p.len() > 14 || p[12..14] != [0, 0] {
                    removed.add("JFIF thumbnail");
                    Action::JfifWithoutThumbnail
                } else {
                    Action::Keep
                }
            }
            APP0 if p.starts_with(b"JFXX\0") => {
                removed.add("JFIF extension thumbnail");
                Action::Drop
            }
            APP1 if p.starts_with(EXIF_ID) => {
                let tiff = &p[EXIF_ID.len()..];
                removed.add(exif::label(tiff));
                orientation = orientation.or_else(|| exif::orientation(tiff));
                Action::Drop
            }
            APP1 if p.starts_with(XMP_ID) || p.starts_with(XMP_EXT_ID) => {
                removed.add("XMP");
                Action::Drop
            }
            APP2 if p.starts_with(b"ICC_PROFILE\0") => Action::Keep,
            APP2 if p.starts_with(b"MPF\0") => {
                removed.add("MPF multi-picture index");
                Action::Drop
            }
            APP13 if p.starts_with(b"Photoshop 3.0\0") => {
                removed.add("IPTC");
                Action::Drop
            }
            APP14 if p.starts_with(b"Adobe") => Action::Keep,
            0xE0..=0xEF => {
                removed.add(format!("APP{} segment", seg.marker - APP0));
                Action::Drop
            }
            COM => {
                removed.add("JPEG comment");
                Action::Drop
            }
            _ => Action::Keep,
        };
        actions.push(action);
    }
    if parsed.end < b.len() {
        removed
            .add("data after the end of the image (e.g. a second picture or a motion-photo video)");
    }

    let kept_orientation = orientation.filter(|&o| o != 1);
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&[0xFF, SOI]);
    let mut exif_pending = kept_orientation.map(minimal_app1);
    for (seg, action) in parsed.segments.iter().zip(&actions) {
        // The EXIF block goes as early as allowed: right after a leading JFIF header.
        if seg.marker != APP0 || !matches!(action, Action::Keep | Action::JfifWithoutThumbnail) {
            if let Some(app1) = exif_pending.take() {
                out.extend_from_slice(&app1);
            }
        }
        match action {
            Action::Keep => out.extend_from_slice(&b[seg.start..seg.end]),
            Action::Drop => {}
            Action::JfifWithoutThumbnail => {
                let p = seg.payload(b);
                out.extend_from_slice(&[0xFF, APP0, 0, 16]);
                out.extend_from_slice(&p[..12]);
                out.extend_from_slice(&[0, 0]);
            }
        }
    }
    out.extend_from_slice(&[0xFF, EOI]);
    Ok(Stripped {
        bytes: out,
        removed,
        orientation_kept: kept_orientation,
    })
}

fn minimal_app1(orientation: u16) -> Vec<u8> {
    let tiff = exif::minimal_tiff(orientation);
    let len = 2 + EXIF_ID.len() + tiff.len();
    let mut seg = vec![0xFF, APP1];
    seg.extend_from_slice(&(len as u16).to_be_bytes());
    seg.extend_from_slice(EXIF_ID);
    seg.extend_from_slice(&tiff);
    seg
}
