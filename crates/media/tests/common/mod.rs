//! Fixtures built in code: small images encoded with the `image` crate, metadata segments and
//! chunks written by hand (a tiny TIFF writer for EXIF with GPS), MP4 files box by box.
#![allow(dead_code)] // each test binary uses a different subset

use std::io::Cursor;

use image::codecs::gif::GifEncoder;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{ExtendedColorType, ImageEncoder, RgbImage, RgbaImage};

/// The patient's name planted in every kind of metadata: it must never survive cleaning.
pub const NAME: &[u8] = b"Jane Doe";
pub const SERIAL: &[u8] = b"SN-4471-0922";

/// A smooth, deterministic picture (compresses like a photo, unlike noise).
pub fn picture(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([
            (x * 255 / w.max(1)) as u8,
            (y * 255 / h.max(1)) as u8,
            ((x ^ y) & 0xFF) as u8,
        ])
    })
}

pub fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(picture(w, h).as_raw(), w, h, ExtendedColorType::Rgb8)
        .unwrap();
    out
}

pub fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(picture(w, h).as_raw(), w, h, ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// A lossless WebP in the simple format (a bare VP8L chunk).
pub fn webp_simple(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    WebPEncoder::new_lossless(&mut out)
        .write_image(picture(w, h).as_raw(), w, h, ExtendedColorType::Rgb8)
        .unwrap();
    out
}

pub fn gif(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let rgba = RgbaImage::from_fn(w, h, |x, y| {
        image::Rgba([(x * 40) as u8, (y * 40) as u8, 0, 255])
    });
    GifEncoder::new(&mut out)
        .encode(rgba.as_raw(), w, h, ExtendedColorType::Rgba8)
        .unwrap();
    out
}

/// Decoded pixels, colour type and size, for "unchanged" assertions.
pub fn pixels(bytes: &[u8]) -> (u32, u32, String, Vec<u8>) {
    let img = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .unwrap()
        .decode()
        .unwrap();
    (
        img.width(),
        img.height(),
        format!("{:?}", img.color()),
        img.into_bytes(),
    )
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

// ---------------------------------------------------------------- TIFF / EXIF writer

/// One IFD entry: tag, type, count, value bytes (little-endian, as the TIFF header says).
pub struct Entry {
    tag: u16,
    ty: u16,
    count: u32,
    value: Vec<u8>,
}

fn ascii(tag: u16, s: &[u8]) -> Entry {
    let mut value = s.to_vec();
    value.push(0);
    Entry {
        tag,
        ty: 2,
        count: value.len() as u32,
        value,
    }
}
fn short(tag: u16, v: u16) -> Entry {
    Entry {
        tag,
        ty: 3,
        count: 1,
        value: v.to_le_bytes().to_vec(),
    }
}
fn long(tag: u16, v: u32) -> Entry {
    Entry {
        tag,
        ty: 4,
        count: 1,
        value: v.to_le_bytes().to_vec(),
    }
}
fn rationals(tag: u16, vals: &[(u32, u32)]) -> Entry {
    let mut value = Vec::new();
    for (n, d) in vals {
        value.extend_from_slice(&n.to_le_bytes());
        value.extend_from_slice(&d.to_le_bytes());
    }
    Entry {
        tag,
        ty: 5,
        count: vals.len() as u32,
        value,
    }
}

fn ifd_len(entries: &[Entry]) -> usize {
    let data: usize = entries
        .iter()
        .filter(|e| e.value.len() > 4)
        .map(|e| e.value.len() + (e.value.len() & 1))
        .sum();
    2 + 12 * entries.len() + 4 + data
}

/// Writes an IFD at `offset` (from the TIFF header), its out-of-line values right after it.
fn write_ifd(out: &mut Vec<u8>, offset: usize, entries: &[Entry]) {
    assert_eq!(out.len(), offset);
    let mut data_at = offset + 2 + 12 * entries.len() + 4;
    let mut data = Vec::new();
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    for e in entries {
        out.extend_from_slice(&e.tag.to_le_bytes());
        out.extend_from_slice(&e.ty.to_le_bytes());
        out.extend_from_slice(&e.count.to_le_bytes());
        if e.value.len() <= 4 {
            let mut v = e.value.clone();
            v.resize(4, 0);
            out.extend_from_slice(&v);
        } else {
            out.extend_from_slice(&(data_at as u32).to_le_bytes());
            data.extend_from_slice(&e.value);
            if e.value.len() & 1 == 1 {
                data.push(0);
            }
            data_at += e.value.len() + (e.value.len() & 1);
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&data);
}

/// A little-endian TIFF structure as a phone writes it: make, model, date, optional
/// orientation in IFD0; a body serial number and the owner's name in the Exif IFD; GPS
/// latitude/longitude (a hospital ward, to the metre) in the GPS IFD.
pub fn tiff_with_gps(orientation: Option<u16>) -> Vec<u8> {
    let exif_ifd = vec![
        ascii(0x9003, b"2026:11:28 14:03:22"), // DateTimeOriginal
        ascii(0xA430, NAME),                   // CameraOwnerName
        ascii(0xA431, SERIAL),                 // BodySerialNumber
    ];
    let gps_ifd = vec![
        Entry {
            tag: 0x0000,
            ty: 1,
            count: 4,
            value: vec![2, 3, 0, 0],
        },
        ascii(0x0001, b"N"),
        rationals(0x0002, &[(40, 1), (44, 1), (5432, 100)]),
        ascii(0x0003, b"W"),
        rationals(0x0004, &[(73, 1), (59, 1), (1234, 100)]),
    ];
    let mut ifd0 = vec![ascii(0x010F, b"Canon"), ascii(0x0110, b"Canon EOS R6")];
    if let Some(o) = orientation {
        ifd0.push(short(0x0112, o));
    }
    // Pointers are filled once the sizes are known (they do not change the sizes).
    ifd0.push(long(0x8769, 0));
    ifd0.push(long(0x8825, 0));
    let ifd0_at = 8;
    let exif_at = ifd0_at + ifd_len(&ifd0);
    let gps_at = exif_at + ifd_len(&exif_ifd);
    let n = ifd0.len();
    ifd0[n - 2] = long(0x8769, exif_at as u32);
    ifd0[n - 1] = long(0x8825, gps_at as u32);

    let mut out = b"II*\0".to_vec();
    out.extend_from_slice(&(ifd0_at as u32).to_le_bytes());
    write_ifd(&mut out, ifd0_at, &ifd0);
    write_ifd(&mut out, exif_at, &exif_ifd);
    write_ifd(&mut out, gps_at, &gps_ifd);
    out
}

pub fn xmp_packet() -> Vec<u8> {
    let mut x = b"<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?><x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/' xmlns:exif='http://ns.adobe.com/exif/1.0/' exif:GPSLatitude='40,44.905N'><dc:creator>".to_vec();
    x.extend_from_slice(NAME);
    x.extend_from_slice(
        b"</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>",
    );
    x
}

// ---------------------------------------------------------------- JPEG

pub fn jpeg_segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    s.extend_from_slice(payload);
    s
}

pub fn app1_exif(tiff: &[u8]) -> Vec<u8> {
    let mut p = b"Exif\0\0".to_vec();
    p.extend_from_slice(tiff);
    jpeg_segment(0xE1, &p)
}

pub fn app1_xmp() -> Vec<u8> {
    let mut p = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    p.extend_from_slice(&xmp_packet());
    jpeg_segment(0xE1, &p)
}

/// Photoshop image resource block 0x0404 holding IPTC 2:120 (caption) and 2:80 (by-line).
pub fn app13_iptc() -> Vec<u8> {
    let mut iptc = Vec::new();
    for (dataset, value) in [(120u8, &b"Jane Doe, MRN 0012345, ward 4B"[..]), (80, NAME)] {
        iptc.extend_from_slice(&[0x1C, 2, dataset]);
        iptc.extend_from_slice(&(value.len() as u16).to_be_bytes());
        iptc.extend_from_slice(value);
    }
    let mut p = b"Photoshop 3.0\08BIM\x04\x04\0\0".to_vec();
    p.extend_from_slice(&(iptc.len() as u32).to_be_bytes());
    p.extend_from_slice(&iptc);
    if iptc.len() & 1 == 1 {
        p.push(0);
    }
    jpeg_segment(0xED, &p)
}

/// Inserts segments right after SOI and the encoder's JFIF APP0 (if any).
pub fn splice_jpeg(jpeg: &[u8], segments: &[Vec<u8>]) -> Vec<u8> {
    let mut at = 2;
    if jpeg[2..4] == [0xFF, 0xE0] {
        at = 4 + u16::from_be_bytes([jpeg[4], jpeg[5]]) as usize;
    }
    let mut out = jpeg[..at].to_vec();
    for s in segments {
        out.extend_from_slice(s);
    }
    out.extend_from_slice(&jpeg[at..]);
    out
}

// ---------------------------------------------------------------- PNG

pub fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    c.extend_from_slice(kind);
    c.extend_from_slice(data);
    let mut h = crc32fast::Hasher::new();
    h.update(kind);
    h.update(data);
    c.extend_from_slice(&h.finalize().to_be_bytes());
    c
}

/// Inserts chunks right after IHDR (8-byte signature + 25-byte IHDR chunk).
pub fn splice_png(png: &[u8], chunks: &[Vec<u8>]) -> Vec<u8> {
    let mut out = png[..33].to_vec();
    for c in chunks {
        out.extend_from_slice(c);
    }
    out.extend_from_slice(&png[33..]);
    out
}

// ---------------------------------------------------------------- WebP

pub fn riff_chunk(fourcc: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = fourcc.to_vec();
    c.extend_from_slice(&(data.len() as u32).to_le_bytes());
    c.extend_from_slice(data);
    if data.len() & 1 == 1 {
        c.push(0);
    }
    c
}

/// Rebuilds a simple-format WebP as the extended format with EXIF and XMP chunks after the
/// image data, and the VP8X flags announcing them.
pub fn webp_with_metadata(simple: &[u8], w: u32, h: u32, tiff: &[u8]) -> Vec<u8> {
    let image_chunk = &simple[12..];
    let mut vp8x = vec![0x08 | 0x04, 0, 0, 0];
    vp8x.extend_from_slice(&(w - 1).to_le_bytes()[..3]);
    vp8x.extend_from_slice(&(h - 1).to_le_bytes()[..3]);
    let mut body = b"WEBP".to_vec();
    body.extend_from_slice(&riff_chunk(b"VP8X", &vp8x));
    body.extend_from_slice(image_chunk);
    body.extend_from_slice(&riff_chunk(b"EXIF", tiff));
    body.extend_from_slice(&riff_chunk(b"XMP ", &xmp_packet()));
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

// ---------------------------------------------------------------- MP4

pub fn bx(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut b = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
    b.extend_from_slice(kind);
    b.extend_from_slice(payload);
    b
}

pub fn full_box(kind: &[u8; 4], version: u8, payload: &[u8]) -> Vec<u8> {
    let mut p = vec![version, 0, 0, 0];
    p.extend_from_slice(payload);
    bx(kind, &p)
}

pub const CHUNKS: usize = 3;

/// The media data: three recognisable chunks.
pub fn chunk_data(i: usize) -> Vec<u8> {
    format!("CHUNK-{i}-").into_bytes().repeat(5 + i)
}

pub struct Mp4Options {
    pub moov_first: bool,
    pub co64: bool,
    pub brand: &'static [u8; 4],
}

fn mvhd() -> Vec<u8> {
    let mut p = Vec::new();
    p.extend_from_slice(&3_846_000_000u32.to_be_bytes()); // creation time (2025)
    p.extend_from_slice(&3_846_000_100u32.to_be_bytes()); // modification time
    p.extend_from_slice(&1000u32.to_be_bytes()); // timescale
    p.extend_from_slice(&3000u32.to_be_bytes()); // duration
    p.extend_from_slice(&0x0001_0000u32.to_be_bytes()); // rate
    p.extend_from_slice(&0x0100u16.to_be_bytes()); // volume
    p.extend_from_slice(&[0; 10]);
    p.extend_from_slice(&identity_matrix());
    p.extend_from_slice(&[0; 24]);
    p.extend_from_slice(&2u32.to_be_bytes()); // next track id
    full_box(b"mvhd", 0, &p)
}

fn identity_matrix() -> Vec<u8> {
    let mut m = Vec::new();
    for v in [0x0001_0000u32, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000] {
        m.extend_from_slice(&v.to_be_bytes());
    }
    m
}

pub fn tkhd(w: u32, h: u32) -> Vec<u8> {
    let mut p = Vec::new();
    p.extend_from_slice(&3_846_000_000u32.to_be_bytes());
    p.extend_from_slice(&3_846_000_100u32.to_be_bytes());
    p.extend_from_slice(&1u32.to_be_bytes()); // track id
    p.extend_from_slice(&[0; 4]);
    p.extend_from_slice(&3000u32.to_be_bytes());
    p.extend_from_slice(&[0; 8]);
    p.extend_from_slice(&[0; 4]); // layer, alternate group
    p.extend_from_slice(&[0; 4]); // volume, reserved
    p.extend_from_slice(&identity_matrix());
    p.extend_from_slice(&(w << 16).to_be_bytes());
    p.extend_from_slice(&(h << 16).to_be_bytes());
    full_box(b"tkhd", 0, &p)
}

/// QuickTime user data with a location (`©xyz`), as an iPhone writes it.
pub fn udta() -> Vec<u8> {
    let loc = b"+40.7484-073.9857+010.000/";
    let mut xyz = (loc.len() as u16).to_be_bytes().to_vec();
    xyz.extend_from_slice(&0x15c7u16.to_be_bytes());
    xyz.extend_from_slice(loc);
    let mut p = bx(b"\xa9xyz", &xyz);
    p.extend_from_slice(&bx(b"\xa9too", NAME));
    bx(b"udta", &p)
}

/// Apple `meta` box: hdlr 'mdta', keys, ilst with the device's serial.
pub fn meta() -> Vec<u8> {
    let mut hdlr = vec![0; 4];
    hdlr.extend_from_slice(b"mdta");
    hdlr.extend_from_slice(&[0; 13]);
    let mut key = b"mdta".to_vec();
    key.extend_from_slice(b"com.apple.quicktime.location.ISO6709");
    let mut keys = 1u32.to_be_bytes().to_vec();
    keys.extend_from_slice(&((key.len() + 4) as u32).to_be_bytes());
    keys.extend_from_slice(&key);
    let mut data = vec![0, 0, 0, 1, 0, 0, 0, 0];
    data.extend_from_slice(SERIAL);
    let item = bx(b"\0\0\0\x01", &bx(b"data", &data));
    let mut p = full_box(b"hdlr", 0, &hdlr);
    p.extend_from_slice(&full_box(b"keys", 0, &keys));
    p.extend_from_slice(&bx(b"ilst", &item));
    bx(b"meta", &p)
}

fn stbl(offsets: &[u64], co64: bool) -> Vec<u8> {
    let mut table = (offsets.len() as u32).to_be_bytes().to_vec();
    for &o in offsets {
        if co64 {
            table.extend_from_slice(&o.to_be_bytes());
        } else {
            table.extend_from_slice(&(o as u32).to_be_bytes());
        }
    }
    let kind = if co64 { b"co64" } else { b"stco" };
    bx(b"stbl", &full_box(kind, 0, &table))
}

fn moov(offsets: &[u64], co64: bool) -> Vec<u8> {
    let mut mdhd = Vec::new();
    mdhd.extend_from_slice(&3_846_000_000u32.to_be_bytes());
    mdhd.extend_from_slice(&3_846_000_100u32.to_be_bytes());
    mdhd.extend_from_slice(&[0, 0, 0x03, 0xE8, 0, 0, 0x0B, 0xB8, 0x55, 0xC4, 0, 0]);
    let minf = bx(b"minf", &stbl(offsets, co64));
    let mut mdia = full_box(b"mdhd", 0, &mdhd);
    mdia.extend_from_slice(&minf);
    let mut trak = tkhd(640, 480);
    trak.extend_from_slice(&udta());
    trak.extend_from_slice(&bx(b"mdia", &mdia));
    let mut p = mvhd();
    p.extend_from_slice(&udta());
    p.extend_from_slice(&meta());
    p.extend_from_slice(&bx(b"trak", &trak));
    bx(b"moov", &p)
}

fn mdat() -> (Vec<u8>, Vec<usize>) {
    let mut payload = Vec::new();
    let mut rel = Vec::new();
    for i in 0..CHUNKS {
        rel.push(8 + payload.len());
        payload.extend_from_slice(&chunk_data(i));
    }
    (bx(b"mdat", &payload), rel)
}

/// A minimal MP4 (or MOV): ftyp, a moov with metadata at three levels, mdat, and a top-level
/// uuid XMP box and a free box; chunk offsets in stco or co64.
pub fn mp4(o: &Mp4Options) -> Vec<u8> {
    let mut ftyp = o.brand.to_vec();
    ftyp.extend_from_slice(&0x200u32.to_be_bytes());
    ftyp.extend_from_slice(o.brand);
    ftyp.extend_from_slice(b"mp42");
    let ftyp = bx(b"ftyp", &ftyp);
    let mut uuid = b"\xBE\x7A\xCF\xCB\x97\xA9\x42\xE8\x9C\x71\x99\x94\x91\xE3\xAF\xAC".to_vec();
    uuid.extend_from_slice(&xmp_packet());
    let uuid = bx(b"uuid", &uuid);
    let free = bx(b"free", b"old: Jane Doe");
    let (mdat, rel) = mdat();
    // The moov's size does not depend on the offset values, so lay out once with zeros.
    let moov_len = moov(&[0; CHUNKS], o.co64).len();
    let mut out = ftyp;
    if o.moov_first {
        let mdat_at = out.len() + uuid.len() + moov_len + free.len();
        let offsets: Vec<u64> = rel.iter().map(|r| (mdat_at + r) as u64).collect();
        out.extend_from_slice(&uuid);
        out.extend_from_slice(&moov(&offsets, o.co64));
        out.extend_from_slice(&free);
        out.extend_from_slice(&mdat);
    } else {
        // Everything removable comes after mdat: no chunk offset may change.
        let mdat_at = out.len();
        let offsets: Vec<u64> = rel.iter().map(|r| (mdat_at + r) as u64).collect();
        out.extend_from_slice(&mdat);
        out.extend_from_slice(&moov(&offsets, o.co64));
        out.extend_from_slice(&uuid);
        out.extend_from_slice(&meta());
        out.extend_from_slice(&free);
    }
    out
}

/// A test-side box walker: (type, start, end) of every box under the given containers.
pub fn boxes(b: &[u8]) -> Vec<([u8; 4], usize, usize)> {
    fn walk(b: &[u8], from: usize, to: usize, out: &mut Vec<([u8; 4], usize, usize)>) {
        let mut pos = from;
        while pos < to {
            let size = u32::from_be_bytes(b[pos..pos + 4].try_into().unwrap()) as usize;
            assert!(size >= 8 && pos + size <= to, "bad box size at {pos}");
            let kind: [u8; 4] = b[pos + 4..pos + 8].try_into().unwrap();
            out.push((kind, pos, pos + size));
            if [b"moov", b"trak", b"mdia", b"minf", b"stbl"].contains(&&kind) {
                walk(b, pos + 8, pos + size, out);
            }
            pos += size;
        }
        assert_eq!(pos, to, "boxes overrun their parent");
    }
    let mut out = Vec::new();
    walk(b, 0, b.len(), &mut out);
    out
}

/// The chunk offsets of the first stco/co64 table.
pub fn chunk_offsets(b: &[u8]) -> Vec<u64> {
    let (kind, start, _) = boxes(b)
        .into_iter()
        .find(|(k, _, _)| k == b"stco" || k == b"co64")
        .expect("a chunk offset table");
    let n = u32::from_be_bytes(b[start + 12..start + 16].try_into().unwrap()) as usize;
    (0..n)
        .map(|i| {
            if &kind == b"co64" {
                u64::from_be_bytes(
                    b[start + 16 + i * 8..start + 24 + i * 8]
                        .try_into()
                        .unwrap(),
                )
            } else {
                u32::from_be_bytes(
                    b[start + 16 + i * 4..start + 20 + i * 4]
                        .try_into()
                        .unwrap(),
                ) as u64
            }
        })
        .collect()
}
