//! Images: sniffing, stripping (proved with the kamadak-exif reader), pixel identity, refusal
//! of damaged files and limits.

mod common;

use std::io::Cursor;

use common::*;
use media::{clean, inspect, MediaError, MediaKind, MAX_DIMENSION, MAX_IMAGE_BYTES};

fn read_exif(bytes: &[u8]) -> Option<exif::Exif> {
    exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .ok()
}

fn has_gps(bytes: &[u8]) -> bool {
    read_exif(bytes).is_some_and(|e| {
        e.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
            .is_some()
    })
}

fn assert_no_identifiers(bytes: &[u8]) {
    assert!(!contains(bytes, NAME), "the patient's name survived");
    assert!(!contains(bytes, SERIAL), "the serial number survived");
    assert!(!contains(bytes, b"xmpmeta"), "XMP survived");
    assert!(!has_gps(bytes), "GPS survived");
}

// ---------------------------------------------------------------- JPEG

fn dirty_jpeg(orientation: Option<u16>) -> (Vec<u8>, Vec<u8>) {
    let plain = jpeg(64, 48);
    let dirty = splice_jpeg(
        &plain,
        &[
            app1_exif(&tiff_with_gps(orientation)),
            app1_xmp(),
            app13_iptc(),
            jpeg_segment(0xEC, b"Ducky\0\0\0\x01"),
            jpeg_segment(0xFE, b"Patient: Jane Doe"),
            jpeg_segment(0xE2, b"MPF\0II*\0"),
        ],
    );
    (plain, dirty)
}

#[test]
fn jpeg_gps_present_before_and_gone_after() {
    let (plain, dirty) = dirty_jpeg(None);
    let e = read_exif(&dirty).expect("the fixture has EXIF");
    let lat = e
        .get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
        .expect("the fixture has a GPS latitude");
    assert_eq!(lat.display_value().to_string(), "40 deg 44 min 54.32 sec");
    assert!(e
        .get_field(exif::Tag::BodySerialNumber, exif::In::PRIMARY)
        .is_some());

    let c = clean(&dirty).unwrap();
    assert_eq!(c.kind, MediaKind::Jpeg);
    assert_eq!(c.mime, "image/jpeg");
    assert_eq!((c.width, c.height), (Some(64), Some(48)));
    assert_eq!(
        c.removed,
        [
            "EXIF (including GPS)",
            "XMP",
            "IPTC",
            "APP12 segment",
            "JPEG comment",
            "MPF multi-picture index"
        ]
    );
    assert_eq!(c.orientation_kept, None);
    assert!(read_exif(&c.bytes).is_none(), "no EXIF at all is left");
    assert_no_identifiers(&c.bytes);
    // Without re-encoding: exactly the encoder's bytes, every table and scan unchanged.
    assert_eq!(c.bytes, plain);
    assert_eq!(pixels(&c.bytes), pixels(&dirty));
}

#[test]
fn jpeg_orientation_is_kept_alone() {
    let (plain, dirty) = dirty_jpeg(Some(6));
    let c = clean(&dirty).unwrap();
    assert_eq!(c.orientation_kept, Some(6));
    let e = read_exif(&c.bytes).expect("a minimal EXIF is kept");
    let fields: Vec<_> = e.fields().map(|f| f.tag).collect();
    assert_eq!(fields, [exif::Tag::Orientation]);
    let o = e
        .get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .unwrap();
    assert_eq!(o.value.get_uint(0), Some(6));
    assert_no_identifiers(&c.bytes);
    assert_eq!(pixels(&c.bytes), pixels(&plain));
    // The minimal EXIF follows the JFIF header; the rest is the original.
    assert_eq!(&c.bytes[..20], &plain[..20]);
    assert_eq!(&c.bytes[20 + 36..], &plain[20..]);
}

#[test]
fn jpeg_upright_orientation_needs_no_exif() {
    let (plain, dirty) = dirty_jpeg(Some(1));
    let c = clean(&dirty).unwrap();
    assert_eq!(c.orientation_kept, None);
    assert_eq!(c.bytes, plain);
}

#[test]
fn jpeg_keeps_icc_and_adobe_and_drops_jfif_thumbnail_and_trailer() {
    let plain = jpeg(32, 32);
    let icc = jpeg_segment(0xE2, b"ICC_PROFILE\0\x01\x01fake-profile-bytes");
    let adobe = jpeg_segment(0xEE, b"Adobe\0\x64\0\0\0\0\x01");
    let with_kept = splice_jpeg(&plain, &[icc.clone(), adobe.clone()]);
    let mut dirty = splice_jpeg(&plain, &[icc, app1_xmp(), adobe]);
    // A "motion photo" video appended after EOI.
    dirty.extend_from_slice(&bx(b"ftyp", b"isom"));
    let c = clean(&dirty).unwrap();
    assert_eq!(c.bytes, with_kept);
    assert!(c
        .removed
        .iter()
        .any(|r| r.starts_with("data after the end")));

    // A JFIF header with a 1×1 thumbnail loses the thumbnail, keeps the header.
    assert_eq!(&plain[2..4], [0xFF, 0xE0]);
    let jfif_len = u16::from_be_bytes([plain[4], plain[5]]) as usize;
    let mut jfif = plain[6..6 + 12].to_vec();
    jfif.extend_from_slice(&[1, 1, 200, 10, 10]);
    let mut thumb = plain[..2].to_vec();
    thumb.extend_from_slice(&jpeg_segment(0xE0, &jfif));
    thumb.extend_from_slice(&plain[4 + jfif_len..]);
    let c = clean(&thumb).unwrap();
    assert_eq!(c.removed, ["JFIF thumbnail"]);
    assert_eq!(pixels(&c.bytes), pixels(&plain));
    assert_eq!(c.bytes.len(), plain.len() - jfif_len + 16);
}

#[test]
fn jpeg_truncated_or_corrupt_is_refused() {
    let (_, dirty) = dirty_jpeg(Some(3));
    for cut in [
        3,
        10,
        200,
        dirty.len() / 2,
        dirty.len() - 2,
        dirty.len() - 1,
    ] {
        let err = clean(&dirty[..cut]).unwrap_err();
        assert!(
            matches!(
                err,
                MediaError::Corrupt {
                    kind: MediaKind::Jpeg,
                    ..
                }
            ),
            "cut at {cut}: {err:?}"
        );
        assert!(err.to_string().contains("damaged or incomplete"), "{err}");
    }
    // A segment whose length runs past the end.
    let mut bad = dirty.clone();
    bad[4] = 0xFF;
    bad[5] = 0xF0;
    assert!(matches!(clean(&bad), Err(MediaError::Corrupt { .. })));
    // Garbage where a marker belongs.
    let plain = jpeg(16, 16);
    let mut bad = plain.clone();
    let sof = plain.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    bad[sof] = 0x00;
    assert!(matches!(clean(&bad), Err(MediaError::Corrupt { .. })));
    // Structurally sound (every segment in place, EOI present) but undecodable: the frame
    // header claims a colour component that the scan does not have. Only the full decode
    // catches this one.
    let mut bad = plain.clone();
    bad[sof + 10 + 3 * 2] = 9; // third component's id
    assert!(inspect(&bad).is_ok(), "the header alone looks fine");
    let err = clean(&bad).unwrap_err();
    assert!(
        matches!(
            err,
            MediaError::Corrupt {
                kind: MediaKind::Jpeg,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn jpeg_bomb_is_refused_from_the_header() {
    let mut bomb = jpeg(16, 16);
    let sof = bomb.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    bomb[sof + 5..sof + 9].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
    let err = inspect(&bomb).unwrap_err();
    assert_eq!(
        err,
        MediaError::DimensionsTooLarge {
            kind: MediaKind::Jpeg,
            width: 65535,
            height: 65535,
            max: MAX_DIMENSION
        }
    );
    assert!(err.to_string().contains("resize it"), "{err}");
    assert!(clean(&bomb).is_err());
}

#[test]
fn oversized_image_is_refused() {
    let mut big = jpeg(16, 16);
    big.resize(MAX_IMAGE_BYTES + 1, 0);
    let err = inspect(&big).unwrap_err();
    assert!(matches!(
        err,
        MediaError::TooLarge {
            kind: MediaKind::Jpeg,
            limit_mb: 20,
            ..
        }
    ));
    assert!(err.to_string().contains("over the 20 MB limit"), "{err}");
}

// ---------------------------------------------------------------- PNG

#[test]
fn png_text_exif_and_time_are_stripped_crcs_intact() {
    let plain = png(40, 30);
    let gama = png_chunk(b"gAMA", &45455u32.to_be_bytes());
    let mut itxt = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
    itxt.extend_from_slice(&xmp_packet());
    let dirty = splice_png(
        &plain,
        &[
            gama.clone(),
            png_chunk(b"tEXt", b"Author\0Jane Doe"),
            png_chunk(b"iTXt", &itxt),
            png_chunk(b"zTXt", b"Comment\0\0x\x9c\x03\0\0\0\0\x01"),
            png_chunk(b"eXIf", &tiff_with_gps(None)),
            png_chunk(b"tIME", &[7, 234, 11, 28, 14, 3, 22]),
            png_chunk(b"prVt", SERIAL),
        ],
    );
    assert!(has_gps(&dirty), "the fixture has GPS");
    let c = clean(&dirty).unwrap();
    assert_eq!(c.mime, "image/png");
    assert_eq!((c.width, c.height), (Some(40), Some(30)));
    assert_eq!(
        c.removed,
        [
            "PNG text chunk tEXt",
            "PNG text chunk iTXt",
            "PNG text chunk zTXt",
            "EXIF (including GPS)",
            "PNG modification time (tIME)",
            "PNG chunk prVt"
        ]
    );
    assert_no_identifiers(&c.bytes);
    assert_eq!(c.bytes, splice_png(&plain, &[gama]));
    assert_eq!(pixels(&c.bytes), pixels(&plain));
}

#[test]
fn png_orientation_is_kept_alone() {
    let plain = png(8, 8);
    let dirty = splice_png(&plain, &[png_chunk(b"eXIf", &tiff_with_gps(Some(8)))]);
    let c = clean(&dirty).unwrap();
    assert_eq!(c.orientation_kept, Some(8));
    let e = read_exif(&c.bytes).expect("minimal eXIf");
    assert_eq!(
        e.fields().map(|f| f.tag).collect::<Vec<_>>(),
        [exif::Tag::Orientation]
    );
    assert_no_identifiers(&c.bytes);
    assert_eq!(pixels(&c.bytes), pixels(&plain));
}

#[test]
fn png_bad_crc_or_truncation_is_refused() {
    let plain = png(20, 20);
    let dirty = splice_png(&plain, &[png_chunk(b"tEXt", b"Author\0Jane Doe")]);
    for cut in [8, 20, 40, dirty.len() / 2, dirty.len() - 1] {
        assert!(
            matches!(
                clean(&dirty[..cut]),
                Err(MediaError::Corrupt {
                    kind: MediaKind::Png,
                    ..
                })
            ),
            "cut at {cut}"
        );
    }
    let mut bad = plain.clone();
    let idat = plain.windows(4).position(|w| w == b"IDAT").unwrap();
    bad[idat + 6] ^= 0x55;
    let err = clean(&bad).unwrap_err();
    assert!(err.to_string().contains("checksum"), "{err}");
}

// ---------------------------------------------------------------- WebP

#[test]
fn webp_exif_and_xmp_chunks_and_flags_are_removed() {
    let simple = webp_simple(24, 16);
    let dirty = webp_with_metadata(&simple, 24, 16, &tiff_with_gps(None));
    assert!(has_gps(&dirty), "the fixture has GPS");
    assert_eq!(pixels(&dirty), pixels(&simple), "the fixture decodes");
    let c = clean(&dirty).unwrap();
    assert_eq!(c.mime, "image/webp");
    assert_eq!((c.width, c.height), (Some(24), Some(16)));
    assert_eq!(c.removed, ["EXIF (including GPS)", "XMP"]);
    assert_no_identifiers(&c.bytes);
    assert_eq!(&c.bytes[12..16], b"VP8X");
    assert_eq!(c.bytes[20] & 0x0C, 0, "EXIF and XMP flags cleared");
    let riff = u32::from_le_bytes(c.bytes[4..8].try_into().unwrap()) as usize;
    assert_eq!(riff, c.bytes.len() - 8);
    // VP8X (18 bytes) then the untouched image chunk, nothing else.
    assert_eq!(&c.bytes[30..], &simple[12..]);
    assert_eq!(pixels(&c.bytes), pixels(&simple));
}

#[test]
fn webp_orientation_is_kept_alone() {
    let simple = webp_simple(8, 8);
    let dirty = webp_with_metadata(&simple, 8, 8, &tiff_with_gps(Some(3)));
    let c = clean(&dirty).unwrap();
    assert_eq!(c.orientation_kept, Some(3));
    assert_eq!(c.bytes[20] & 0x0C, 0x08, "only the EXIF flag is left");
    let e = read_exif(&c.bytes).expect("minimal EXIF");
    assert_eq!(
        e.fields().map(|f| f.tag).collect::<Vec<_>>(),
        [exif::Tag::Orientation]
    );
    assert_no_identifiers(&c.bytes);
}

#[test]
fn webp_truncated_is_refused() {
    let simple = webp_simple(24, 16);
    let dirty = webp_with_metadata(&simple, 24, 16, &tiff_with_gps(None));
    for cut in [12, 20, 40, dirty.len() - 100] {
        assert!(
            matches!(
                clean(&dirty[..cut]),
                Err(MediaError::Corrupt {
                    kind: MediaKind::WebP,
                    ..
                })
            ),
            "cut at {cut}"
        );
    }
}

// ---------------------------------------------------------------- GIF

#[test]
fn gif_comment_and_xmp_extensions_are_removed() {
    let plain = gif(10, 6);
    let header = 13 + 3 * (2 << (plain[10] & 7));
    let mut comment = vec![0x21, 0xFE, NAME.len() as u8];
    comment.extend_from_slice(NAME);
    comment.push(0);
    let mut xmp = vec![0x21, 0xFF, 11];
    xmp.extend_from_slice(b"XMP DataXMP");
    for part in xmp_packet().chunks(255) {
        xmp.push(part.len() as u8);
        xmp.extend_from_slice(part);
    }
    xmp.push(0);
    let mut dirty = plain[..header].to_vec();
    dirty.extend_from_slice(&comment);
    dirty.extend_from_slice(&xmp);
    dirty.extend_from_slice(&plain[header..]);
    let c = clean(&dirty).unwrap();
    assert_eq!(c.mime, "image/gif");
    assert_eq!(c.removed, ["GIF comment", "XMP"]);
    assert_eq!(c.bytes, plain);
    assert!(clean(&dirty[..dirty.len() - 1]).is_err(), "no trailer");
}

// ---------------------------------------------------------------- sniffing

#[test]
fn type_comes_from_magic_bytes() {
    assert_eq!(inspect(&png(4, 4)).unwrap().mime, "image/png");
    assert_eq!(inspect(&jpeg(4, 4)).unwrap().mime, "image/jpeg");
    let info = inspect(&webp_simple(5, 3)).unwrap();
    assert_eq!(
        (info.mime, info.width, info.height),
        ("image/webp", Some(5), Some(3))
    );
    assert_eq!(inspect(&gif(4, 4)).unwrap().kind, MediaKind::Gif);
}

#[test]
fn heic_and_others_are_refused_with_a_clear_message() {
    let mut heic = bx(b"ftyp", b"heic\0\0\0\0mif1heic");
    heic.extend_from_slice(&bx(b"meta", &[0; 8]));
    let err = inspect(&heic).unwrap_err();
    assert_eq!(err, MediaError::Heic);
    assert!(err
        .to_string()
        .starts_with("HEIC photos are not supported yet: export as JPEG"));
    let generic_heif = bx(b"ftyp", b"mif1\0\0\0\0mif1heic");
    assert_eq!(inspect(&generic_heif).unwrap_err(), MediaError::Heic);
    let avif = bx(b"ftyp", b"avif\0\0\0\0mif1avif");
    assert_eq!(inspect(&avif).unwrap_err(), MediaError::Avif);

    let pdf = inspect(b"%PDF-1.7\n...").unwrap_err();
    assert_eq!(
        pdf.to_string(),
        "This PDF document is not an image or video Carepost accepts (JPEG, PNG, WebP, GIF, MP4, \
         MOV): export or convert it to one of these and upload again"
    );
    let tiff = inspect(&tiff_with_gps(None)).unwrap_err();
    assert!(tiff.to_string().starts_with("This TIFF"), "{tiff}");
    let text = inspect(b"hello, this is not a photo").unwrap_err();
    assert!(text
        .to_string()
        .starts_with("This file is not an image or video"));
    assert_eq!(inspect(b"").unwrap_err(), MediaError::Empty);
}

#[test]
fn animated_gif_keeps_looping_and_every_frame() {
    use image::codecs::gif::{GifEncoder, Repeat};
    use image::{Delay, Frame, Rgba, RgbaImage};
    let mut plain = Vec::new();
    {
        let mut enc = GifEncoder::new(&mut plain);
        enc.set_repeat(Repeat::Infinite).unwrap();
        let frames = (0..3u8).map(|i| {
            let img = RgbaImage::from_fn(8, 8, |x, _| Rgba([i * 80, x as u8 * 30, 0, 255]));
            Frame::from_parts(img, 0, 0, Delay::from_numer_denom_ms(100, 1))
        });
        enc.encode_frames(frames).unwrap();
    }
    assert!(contains(&plain, b"NETSCAPE2.0"));
    let header = 13
        + if plain[10] & 0x80 != 0 {
            3 * (2 << (plain[10] & 7))
        } else {
            0
        };
    let mut comment = vec![0x21, 0xFE, NAME.len() as u8];
    comment.extend_from_slice(NAME);
    comment.push(0);
    let mut dirty = plain[..header].to_vec();
    dirty.extend_from_slice(&comment);
    dirty.extend_from_slice(&plain[header..]);
    let c = clean(&dirty).unwrap();
    assert_eq!(c.removed, ["GIF comment"]);
    assert_eq!(
        c.bytes, plain,
        "looping extension and all frames kept as they were"
    );
}
