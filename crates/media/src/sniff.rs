//! Type detection from magic bytes only: a file name or a declared MIME type is whatever the
//! uploader's device claims, the first bytes are what every decoder will actually act on.

use crate::{be32, MediaError, MediaKind};

const MP4_BRANDS: &[&[u8; 4]] = &[
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso7", b"iso8", b"iso9", b"mp41",
    b"mp42", b"mp71", b"avc1", b"av01", b"M4V ", b"M4VH", b"M4VP", b"MSNV", b"XAVC", b"dash",
    b"mmp4", b"f4v ",
];
const HEIF_BRANDS: &[&[u8; 4]] = &[
    b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"mif2",
    b"msf1", b"miaf",
];
const AVIF_BRANDS: &[&[u8; 4]] = &[b"avif", b"avis"];

pub(crate) fn sniff(b: &[u8]) -> Result<MediaKind, MediaError> {
    if b.is_empty() {
        return Err(MediaError::Empty);
    }
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(MediaKind::Jpeg);
    }
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(MediaKind::Png);
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        return Ok(MediaKind::Gif);
    }
    if b.starts_with(b"RIFF") && b.len() >= 12 {
        return match &b[8..12] {
            b"WEBP" => Ok(MediaKind::WebP),
            b"AVI " => Err(unsupported("This AVI video")),
            b"WAVE" => Err(unsupported("This WAV audio file")),
            _ => Err(unsupported("This RIFF file")),
        };
    }
    if b.get(4..8) == Some(b"ftyp") {
        return iso_bmff(b);
    }
    // QuickTime files from before `ftyp` existed start straight with one of these atoms.
    if let (Some(size), Some(atom)) = (be32(b, 0), b.get(4..8)) {
        let legacy: &[&[u8]] = &[b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"];
        if legacy.contains(&atom) && (size == 1 || size >= 8) {
            return Ok(MediaKind::QuickTime);
        }
    }
    Err(unsupported(other_name(b)))
}

fn iso_bmff(b: &[u8]) -> Result<MediaKind, MediaError> {
    let Some(major) = b.get(8..12) else {
        return Err(unsupported("This truncated media file"));
    };
    // The ftyp box lists compatible brands after the major brand and a 4-byte minor version.
    let end = (be32(b, 0).unwrap_or(0) as usize).clamp(16, b.len().max(16));
    let compat: Vec<&[u8]> = b.get(16..end).unwrap_or(&[]).chunks_exact(4).collect();
    let is = |set: &[&[u8; 4]], brand: &[u8]| set.iter().any(|s| &s[..] == brand);

    if major == b"qt  " {
        return Ok(MediaKind::QuickTime);
    }
    if is(MP4_BRANDS, major) {
        return Ok(MediaKind::Mp4);
    }
    if is(AVIF_BRANDS, major) {
        return Err(MediaError::Avif);
    }
    if is(HEIF_BRANDS, major) {
        // mif1/msf1 are the generic HEIF brands; AVIF files use them too.
        if compat.iter().any(|c| is(AVIF_BRANDS, c)) {
            return Err(MediaError::Avif);
        }
        return Err(MediaError::Heic);
    }
    match major {
        b"3gp4" | b"3gp5" | b"3gp6" | b"3g2a" => return Err(unsupported("This 3GP video")),
        b"M4A " | b"M4B " => return Err(unsupported("This M4A audio file")),
        b"crx " => return Err(unsupported("This Canon raw photo")),
        b"jp2 " | b"jpx " => return Err(unsupported("This JPEG 2000 image")),
        _ => {}
    }
    // Unknown major brand: the compatible brands still say what a player would make of it.
    if compat.iter().any(|c| *c == b"qt  ") {
        return Ok(MediaKind::QuickTime);
    }
    if compat.iter().any(|c| is(MP4_BRANDS, c)) {
        return Ok(MediaKind::Mp4);
    }
    if compat.iter().any(|c| is(AVIF_BRANDS, c)) {
        return Err(MediaError::Avif);
    }
    if compat.iter().any(|c| is(HEIF_BRANDS, c)) {
        return Err(MediaError::Heic);
    }
    let brand: String = major
        .iter()
        .map(|&c| if c.is_ascii_graphic() { c as char } else { '?' })
        .collect();
    Err(unsupported(format!(
        "This ISO media file (brand \"{}\")",
        brand.trim_end()
    )))
}

fn other_name(b: &[u8]) -> &'static str {
    let starts = |m: &[u8]| b.starts_with(m);
    let head = &b[..b.len().min(256)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    if starts(b"%PDF") {
        "This PDF document"
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        "This TIFF (or camera raw) image"
    } else if starts(b"BM") && b.len() > 14 {
        "This BMP image"
    } else if starts(b"PK\x03\x04") {
        "This ZIP archive (or Office document)"
    } else if starts(&[0x1A, 0x45, 0xDF, 0xA3]) {
        "This WebM/Matroska video"
    } else if starts(b"8BPS") {
        "This Photoshop document"
    } else if starts(b"\0\0\x01\0") {
        "This icon file"
    } else if starts(&[0xFF, 0x0A]) || starts(b"\0\0\0\x0cJXL ") {
        "This JPEG XL image"
    } else if starts(b"\0\0\0\x0cjP  ") {
        "This JPEG 2000 image"
    } else if starts(b"OggS") || starts(b"ID3") || starts(b"fLaC") {
        "This audio file"
    } else if text.contains("<svg") {
        "This SVG drawing"
    } else if text.trim_start().starts_with('<') {
        "This HTML/XML document"
    } else {
        "This file"
    }
}

fn unsupported(what: impl Into<String>) -> MediaError {
    MediaError::Unsupported { what: what.into() }
}
