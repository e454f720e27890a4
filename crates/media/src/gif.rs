//! GIF: a header, an optional global palette, then extension and image blocks made of
//! length-prefixed sub-blocks. Stripping drops whole extension blocks; images are copied as
//! they are.
//!
//! Kept: image blocks, graphic control extensions (frame timing, transparency), plain-text
//! extensions (they are drawn), the NETSCAPE2.0/ANIMEXTS1.0 looping extensions and the ICC
//! profile extension. Dropped: comment extensions, every other application extension (XMP
//! among them), unknown extensions, and anything after the trailer.

use crate::{le16, MediaError, MediaKind, Removed, Stripped};

const KEEP_APPS: &[&[u8]] = &[b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012"];

fn corrupt(detail: impl Into<String>) -> MediaError {
    MediaError::corrupt(MediaKind::Gif, detail)
}

pub(crate) fn dimensions(b: &[u8]) -> Result<(u32, u32), MediaError> {
    let w = le16(b, 6).ok_or_else(|| corrupt("the header is cut off"))?;
    let h = le16(b, 8).ok_or_else(|| corrupt("the header is cut off"))?;
    Ok((u32::from(w), u32::from(h)))
}

fn palette_len(packed: u8) -> usize {
    if packed & 0x80 != 0 {
        3 << ((packed & 7) + 1)
    } else {
        0
    }
}

/// Offset one past the terminating empty sub-block of the run starting at `pos`.
fn sub_blocks_end(b: &[u8], mut pos: usize) -> Result<usize, MediaError> {
    loop {
        let n = *b
            .get(pos)
            .ok_or_else(|| corrupt("the file is cut off inside a block"))?;
        pos += 1 + n as usize;
        if n == 0 {
            return Ok(pos);
        }
    }
}

pub(crate) fn strip(b: &[u8]) -> Result<Stripped, MediaError> {
    let packed = *b.get(10).ok_or_else(|| corrupt("the header is cut off"))?;
    let mut pos = 13 + palette_len(packed);
    if pos > b.len() {
        return Err(corrupt("the colour palette is cut off"));
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..pos]);
    let mut removed = Removed::default();
    let mut images = 0;
    loop {
        let start = pos;
        match b.get(pos) {
            Some(0x3B) => {
                out.push(0x3B);
                pos += 1;
                break;
            }
            Some(0x2C) => {
                let packed = *b
                    .get(pos + 9)
                    .ok_or_else(|| corrupt("an image header is cut off"))?;
                // Descriptor (10 bytes), local palette, LZW minimum code size, data.
                let data = pos + 10 + palette_len(packed) + 1;
                let end = sub_blocks_end(b, data)?;
                out.extend_from_slice(&b[start..end]);
                images += 1;
                pos = end;
            }
            Some(0x21) => {
                let label = *b
                    .get(pos + 1)
                    .ok_or_else(|| corrupt("the file is cut off inside a block"))?;
                let end = sub_blocks_end(b, pos + 2)?;
                let keep = match label {
                    0xF9 | 0x01 => true,
                    0xFE => {
                        removed.add("GIF comment");
                        false
                    }
                    0xFF => {
                        let id = b.get(pos + 3..pos + 14).unwrap_or(&[]);
                        if KEEP_APPS.contains(&id) {
                            true
                        } else if id == b"XMP DataXMP" {
                            removed.add("XMP");
                            false
                        } else {
                            let name: String = id
                                .iter()
                                .map(|&c| if c.is_ascii_graphic() { c as char } else { '?' })
                                .collect();
                            removed.add(format!("GIF application extension {name}"));
                            false
                        }
                    }
                    other => {
                        removed.add(format!("GIF extension 0x{other:02X}"));
                        false
                    }
                };
                if keep {
                    out.extend_from_slice(&b[start..end]);
                }
                pos = end;
            }
            Some(other) => {
                return Err(corrupt(format!(
                    "unexpected block 0x{other:02X} at byte {pos}"
                )))
            }
            None => return Err(corrupt("the file ends before the trailer")),
        }
    }
    if images == 0 {
        return Err(corrupt("there is no image"));
    }
    if pos < b.len() {
        removed.add("data after the end of the image");
    }
    Ok(Stripped {
        bytes: out,
        removed,
        orientation_kept: None,
    })
}
