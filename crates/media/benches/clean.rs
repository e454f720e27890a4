//! Throughput of `clean` on a ~5 MB camera-like JPEG (3000×2000, EXIF with GPS, XMP), next to
//! one plain decode by the `image` crate for scale: `clean` decodes the image twice (before
//! and after) to prove the pixels unchanged, so it should cost about two decodes.
//!
//! Run: `cargo bench -p media --bench clean` (criterion prints MiB/s).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageEncoder, RgbImage};

/// A photo-like picture: gradients plus deterministic sensor-like noise, so that the JPEG is
/// about as large as a phone's (≈5 MB at 6 Mpx and quality 95).
fn photo_jpeg() -> Vec<u8> {
    let (w, h) = (3000u32, 2000u32);
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let img = RgbImage::from_fn(w, h, |x, y| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let n = (state & 0x3F) as u32;
        image::Rgb([
            ((x * 200 / w) + n) as u8,
            ((y * 200 / h) + n / 2) as u8,
            (((x + y) & 0x7F) + n) as u8,
        ])
    });
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 95)
        .write_image(img.as_raw(), w, h, ExtendedColorType::Rgb8)
        .unwrap();
    // EXIF with a GPS IFD pointer (content is irrelevant for speed) and an XMP packet.
    let mut exif =
        b"Exif\0\0MM\0*\0\0\0\x08\0\x01\x88\x25\0\x04\0\0\0\x01\0\0\0\x1a\0\0\0\0".to_vec();
    exif.extend_from_slice(&[0; 64]);
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend_from_slice(&[b' '; 4000]);
    let mut out = jpeg[..2].to_vec();
    for (marker, payload) in [(0xE1u8, exif), (0xE1, xmp)] {
        out.extend_from_slice(&[0xFF, marker]);
        out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&payload);
    }
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn bench(c: &mut Criterion) {
    let jpeg = photo_jpeg();
    eprintln!("fixture: {:.2} MB JPEG", jpeg.len() as f64 / 1e6);
    let cleaned = media::clean(&jpeg).unwrap();
    assert_eq!(cleaned.removed, ["EXIF (including GPS)", "XMP"]);

    let mut g = c.benchmark_group("media");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(jpeg.len() as u64));
    g.bench_function("clean_jpeg_5mb", |b| {
        b.iter(|| media::clean(std::hint::black_box(&jpeg)).unwrap())
    });
    g.bench_function("decode_jpeg_5mb_reference", |b| {
        b.iter(|| {
            image::load_from_memory_with_format(
                std::hint::black_box(&jpeg),
                image::ImageFormat::Jpeg,
            )
            .unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
