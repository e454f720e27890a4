//! WebP: a RIFF container of chunks. Stripping drops whole chunks, clears the matching VP8X
//! feature flags and rewrites the RIFF size; the compressed image chunks are copied as they
//! are.
//!
//! Kept: VP8X, VP8, VP8L, ALPH, ANIM, ANMF (frames copied whole), ICCP. Dropped: EXIF, XMP,
//! every other chunk, and anything after the RIFF payload.

use crate::{exif, le16, le32, MediaError, MediaKind, Removed, Stripped};

const KEEP: &[&[u8; 4]] = &[
    b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF", b"ICCP",
];
const FLAG_EXIF: u8 = 0x08;
const FLAG_XMP: u8 = 0x04;

fn corrupt(detail: impl Into<String>) -> MediaError {
    MediaError::corrupt(MediaKind::WebP, detail)
}

struct Chunk<'a> {
    fourcc: &'a [u8],
    data: &'a [u8],
    start: usize,
    /// One past the padding byte, if any.
    end: usize,
}

/// The chunks of the RIFF payload, and the offset one past it.
fn chunks(b: &[u8]) -> Result<(Vec<Chunk<'_>>, usize), MediaError> {
    if b.get(..4) != Some(b"RIFF") || b.get(8..12) != Some(b"WEBP") {
        return Err(corrupt("no RIFF/WEBP header"));
    }
    let size = le32(b, 4).ok_or_else(|| corrupt("the header is cut off"))? as usize;
    let riff_end = size
        .checked_add(8)
        .filter(|&e| e <= b.len())
        .ok_or_else(|| corrupt("the file is shorter than its header says"))?;
    let mut out = Vec::new();
    let mut pos = 12;
    while pos < riff_end {
        let fourcc = b
            .get(pos..pos + 4)
            .filter(|_| pos + 8 <= riff_end)
            .ok_or_else(|| corrupt("the file is cut off inside a chunk header"))?;
        let len = le32(b, pos + 4).ok_or_else(|| corrupt("the file is cut off"))? as usize;
        let data_end = (pos + 8)
            .checked_add(len)
            .filter(|&e| e <= riff_end)
            .ok_or_else(|| corrupt("the file is cut off inside a chunk"))?;
        // Chunks are padded to an even size; a missing final pad byte is tolerated.
        let end = (data_end + (len & 1)).min(riff_end);
        out.push(Chunk {
            fourcc,
            data: &b[pos + 8..data_end],
            start: pos,
            end,
        });
        pos = end;
    }
    if out.is_empty() {
        return Err(corrupt("there is no image data"));
    }
    Ok((out, riff_end))
}

pub(crate) fn dimensions(b: &[u8]) -> Result<(u32, u32), MediaError> {
    let (chunks, _) = chunks(b)?;
    let first = &chunks[0];
    let d = first.data;
    let short = || corrupt("the image header is cut off");
    match first.fourcc {
        b"VP8X" => {
            let w = le32(d, 4).ok_or_else(short)? & 0x00FF_FFFF;
            let h = le32(d, 6).ok_or_else(short)? >> 8;
            Ok((w + 1, h + 1))
        }
        b"VP8 " => {
            if d.get(3..6) != Some(&[0x9D, 0x01, 0x2A]) {
                return Err(corrupt("invalid VP8 start code"));
            }
            let w = le16(d, 6).ok_or_else(short)? & 0x3FFF;
            let h = le16(d, 8).ok_or_else(short)? & 0x3FFF;
            Ok((u32::from(w), u32::from(h)))
        }
        b"VP8L" => {
            if d.first() != Some(&0x2F) {
                return Err(corrupt("invalid VP8L signature"));
            }
            let bits = le32(d, 1).ok_or_else(short)?;
            Ok(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
        }
        _ => Err(corrupt("the first chunk is not an image header")),
    }
}

pub(crate) fn strip(b: &[u8]) -> Result<Stripped, MediaError> {
    let (chunks, riff_end) = chunks(b)?;
    let mut removed = Removed::default();
    let mut orientation = None;
    let mut keep = Vec::with_capacity(chunks.len());
    for c in &chunks {
        let k = KEEP.iter().any(|f| &f[..] == c.fourcc);
        if !k {
            match c.fourcc {
                b"EXIF" => {
                    // The spec wants a bare TIFF; some writers add the JPEG "Exif\0\0" prefix.
                    let tiff = c.data.strip_prefix(b"Exif\0\0").unwrap_or(c.data);
                    removed.add(exif::label(tiff));
                    orientation = orientation.or_else(|| exif::orientation(tiff));
                }
                b"XMP " => removed.add("XMP"),
                other => removed.add(format!("WebP chunk {}", String::from_utf8_lossy(other))),
            }
        }
        keep.push(k);
    }
    if riff_end < b.len() {
        removed.add("data after the end of the image");
    }

    let has_vp8x = chunks[0].fourcc == b"VP8X";
    // Without a VP8X header (simple format) a WebP cannot carry EXIF at all.
    let kept_orientation = orientation.filter(|&o| o != 1 && has_vp8x);
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(b"RIFF\0\0\0\0WEBP");
    for (i, (c, k)) in chunks.iter().zip(keep).enumerate() {
        if !k {
            continue;
        }
        let at = out.len();
        out.extend_from_slice(&b[c.start..c.end]);
        if c.end - c.start < 8 + c.data.len() + (c.data.len() & 1) {
            out.push(0); // restore a missing final pad byte
        }
        if i == 0 && has_vp8x {
            let flags = &mut out[at + 8];
            *flags &= !(FLAG_EXIF | FLAG_XMP);
            if kept_orientation.is_some() {
                *flags |= FLAG_EXIF;
            }
        }
    }
    if let Some(o) = kept_orientation {
        // EXIF belongs after the image data, where the original one was.
        let tiff = exif::minimal_tiff(o);
        out.extend_from_slice(b"EXIF");
        out.extend_from_slice(&(tiff.len() as u32).to_le_bytes());
        out.extend_from_slice(&tiff);
    }
    let riff_size = (out.len() - 8) as u32;
    out[4..8].copy_from_slice(&riff_size.to_le_bytes());
    Ok(Stripped {
        bytes: out,
        removed,
        orientation_kept: kept_orientation,
    })
}
