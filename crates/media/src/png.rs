//! PNG: a signature then length-type-data-CRC chunks. Stripping drops whole ancillary chunks
//! and copies the others byte for byte (CRCs included, and every CRC is checked on the way).
//!
//! Kept: every critical chunk (IHDR, PLTE, IDAT, IEND) and the ancillary chunks that affect
//! rendering: gAMA, cHRM, sRGB, iCCP, cICP, mDCv, cLLi, sBIT, pHYs, tRNS, bKGD, and the APNG
//! animation chunks acTL, fcTL, fdAT. Dropped: tEXt, zTXt, iTXt (author, comments, software,
//! often XMP), eXIf, tIME, any other ancillary chunk (private ones included), and anything
//! after IEND.

use crate::{be32, exif, MediaError, MediaKind, Removed, Stripped};

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const RENDERING: &[&[u8; 4]] = &[
    b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"cICP", b"mDCv", b"cLLi", b"sBIT", b"pHYs", b"tRNS",
    b"bKGD", b"acTL", b"fcTL", b"fdAT",
];
/// The largest chunk length the format allows (2^31 - 1).
const MAX_CHUNK: u32 = 0x7FFF_FFFF;

fn corrupt(detail: impl Into<String>) -> MediaError {
    MediaError::corrupt(MediaKind::Png, detail)
}

pub(crate) fn dimensions(b: &[u8]) -> Result<(u32, u32), MediaError> {
    if !b.starts_with(SIGNATURE) {
        return Err(corrupt("no PNG signature"));
    }
    if b.get(12..16) != Some(b"IHDR") || be32(b, 8) != Some(13) {
        return Err(corrupt("the header chunk (IHDR) is missing"));
    }
    let w = be32(b, 16).ok_or_else(|| corrupt("the header is cut off"))?;
    let h = be32(b, 20).ok_or_else(|| corrupt("the header is cut off"))?;
    Ok((w, h))
}

/// One chunk: `start` at its length field, `end` one past its CRC.
struct Chunk<'a> {
    kind: &'a [u8],
    data: &'a [u8],
    start: usize,
    end: usize,
}

/// All chunks up to and including IEND, CRC-checked, plus the offset one past IEND.
fn chunks(b: &[u8]) -> Result<(Vec<Chunk<'_>>, usize), MediaError> {
    dimensions(b)?;
    let mut out = Vec::new();
    let mut pos = SIGNATURE.len();
    loop {
        let len = be32(b, pos).ok_or_else(|| corrupt("the file ends before the IEND chunk"))?;
        if len > MAX_CHUNK {
            return Err(corrupt(format!("invalid chunk length at byte {pos}")));
        }
        let data_start = pos + 8;
        let end = data_start + len as usize + 4;
        if end > b.len() {
            return Err(corrupt("the file is cut off inside a chunk"));
        }
        let kind = &b[pos + 4..data_start];
        if !kind.iter().all(u8::is_ascii_alphabetic) {
            return Err(corrupt(format!("invalid chunk type at byte {pos}")));
        }
        let data = &b[data_start..end - 4];
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        if Some(crc.finalize()) != be32(b, end - 4) {
            return Err(corrupt(format!(
                "checksum mismatch in chunk {}",
                String::from_utf8_lossy(kind)
            )));
        }
        out.push(Chunk {
            kind,
            data,
            start: pos,
            end,
        });
        if kind == b"IEND" {
            return Ok((out, end));
        }
        pos = end;
    }
}

pub(crate) fn strip(b: &[u8]) -> Result<Stripped, MediaError> {
    let (chunks, end) = chunks(b)?;
    let mut removed = Removed::default();
    let mut orientation = None;
    let mut keep = Vec::with_capacity(chunks.len());
    for c in &chunks {
        let critical = c.kind[0].is_ascii_uppercase();
        let name = String::from_utf8_lossy(c.kind);
        let k = critical || RENDERING.iter().any(|r| &r[..] == c.kind);
        if !k {
            match c.kind {
                b"tEXt" | b"zTXt" | b"iTXt" => removed.add(format!("PNG text chunk {name}")),
                b"eXIf" => {
                    removed.add(exif::label(c.data));
                    orientation = orientation.or_else(|| exif::orientation(c.data));
                }
                b"tIME" => removed.add("PNG modification time (tIME)"),
                _ => removed.add(format!("PNG chunk {name}")),
            }
        }
        keep.push(k);
    }
    if end < b.len() {
        removed.add("data after the end of the image");
    }

    let kept_orientation = orientation.filter(|&o| o != 1);
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(SIGNATURE);
    for (i, (c, k)) in chunks.iter().zip(keep).enumerate() {
        if k {
            out.extend_from_slice(&b[c.start..c.end]);
        }
        // IHDR is always first: the EXIF block goes right after it, well before IDAT.
        if i == 0 {
            if let Some(o) = kept_orientation {
                write_chunk(&mut out, b"eXIf", &exif::minimal_tiff(o));
            }
        }
    }
    Ok(Stripped {
        bytes: out,
        removed,
        orientation_kept: kept_orientation,
    })
}

fn write_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}
