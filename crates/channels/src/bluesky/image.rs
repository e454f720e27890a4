//! Image dimensions from file headers, for `app.bsky.embed.images#aspectRatio` (clients use
//! it to reserve the right space before the image loads). Only the header is read; an
//! unknown or truncated format simply yields no aspect ratio.

/// `(width, height)` of a PNG, JPEG, GIF or WebP image.
pub fn dimensions(b: &[u8]) -> Option<(u32, u32)> {
    let dims = if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        // The IHDR chunk always comes first.
        Some((be32(b, 16)?, be32(b, 20)?))
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some((le16(b, 6)? as u32, le16(b, 8)? as u32))
    } else if b.starts_with(b"\xff\xd8") {
        jpeg(b)
    } else if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        webp(b)
    } else {
        None
    };
    dims.filter(|&(w, h)| w > 0 && h > 0)
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}
fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}
fn le16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}
fn le24(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 3)?;
    Some(s[0] as u32 | (s[1] as u32) << 8 | (s[2] as u32) << 16)
}

/// Walks the JPEG segments up to the first start-of-frame marker.
fn jpeg(b: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    loop {
        // Markers may be padded with extra 0xFF bytes.
        while *b.get(i)? == 0xff && *b.get(i + 1)? == 0xff {
            i += 1;
        }
        if *b.get(i)? != 0xff {
            return None;
        }
        let marker = *b.get(i + 1)?;
        let len = be16(b, i + 2)? as usize;
        // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), carry the frame size.
        if (0xc0..=0xcf).contains(&marker) && !matches!(marker, 0xc4 | 0xc8 | 0xcc) {
            let h = be16(b, i + 5)? as u32;
            let w = be16(b, i + 7)? as u32;
            return Some((w, h));
        }
        i += 2 + len;
    }
}

fn webp(b: &[u8]) -> Option<(u32, u32)> {
    match b.get(12..16)? {
        b"VP8X" => Some((le24(b, 24)? + 1, le24(b, 27)? + 1)),
        b"VP8L" => {
            let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
            Some(((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1))
        }
        b"VP8 " => Some((
            (le16(b, 26)? & 0x3fff) as u32,
            (le16(b, 28)? & 0x3fff) as u32,
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_gif_jpeg_webp_headers() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&640u32.to_be_bytes());
        png.extend_from_slice(&480u32.to_be_bytes());
        assert_eq!(dimensions(&png), Some((640, 480)));

        let gif = b"GIF89a\x20\x03\x58\x02rest";
        assert_eq!(dimensions(gif), Some((800, 600)));

        // SOI, an APP0 segment of length 16, then SOF0 with height 300 and width 1200.
        let mut jpeg = vec![0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10];
        jpeg.extend_from_slice(&[0; 14]);
        jpeg.extend_from_slice(&[0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x04, 0xb0]);
        assert_eq!(dimensions(&jpeg), Some((1200, 300)));

        let mut webp = b"RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0".to_vec();
        webp.extend_from_slice(&[0x3f, 0x01, 0x00, 0xef, 0x00, 0x00]);
        assert_eq!(dimensions(&webp), Some((320, 240)));
    }

    #[test]
    fn unknown_or_truncated_input_has_no_dimensions() {
        assert_eq!(dimensions(b""), None);
        assert_eq!(dimensions(b"\x89PNG\r\n\x1a\n\0\0"), None);
        assert_eq!(dimensions(&[0xff, 0xd8, 0xff]), None);
        assert_eq!(dimensions(b"plain text"), None);
    }
}
