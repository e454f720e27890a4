//! Full decode of an image before and after cleaning. Before: a damaged or truncated upload is
//! refused instead of stored. After: the decoded pixels (and, for animations, every frame
//! with its position and timing) must be identical, or the cleaner broke the file.
//!
//! The two decodes are compared through a fingerprint (size, colour type and a hash of the
//! pixels) so that only one decoded image is held in memory at a time: a 16384×16384 picture
//! is a gigabyte once decoded. The hash only has to catch accidental breakage, not an
//! adversary, and the two sides are hashed by the same process.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::Cursor;

use image::codecs::gif::GifDecoder;
use image::codecs::png::PngDecoder;
use image::codecs::webp::WebPDecoder;
use image::{AnimationDecoder, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

use crate::{MediaError, MediaKind, MAX_ANIMATION_PIXELS, MAX_DECODE_BYTES, MAX_DIMENSION};

#[derive(PartialEq, Eq, Debug)]
struct Fingerprint {
    width: u32,
    height: u32,
    color: String,
    pixels: u64,
    /// One hash per animation frame (pixels, position, delay); empty for a still image.
    frames: Vec<u64>,
}

enum Failure {
    Decode(ImageError),
    AnimationTooLarge,
}

impl From<ImageError> for Failure {
    fn from(e: ImageError) -> Failure {
        Failure::Decode(e)
    }
}

pub(crate) fn same_pixels(
    kind: MediaKind,
    original: &[u8],
    cleaned: &[u8],
) -> Result<(), MediaError> {
    let before = fingerprint(kind, original).map_err(|f| match f {
        Failure::AnimationTooLarge => MediaError::AnimationTooLarge { kind },
        Failure::Decode(ImageError::Unsupported(e)) => MediaError::Unsupported {
            what: format!("This {kind} variant ({e})"),
        },
        Failure::Decode(ImageError::Limits(_)) => {
            MediaError::corrupt(kind, "it would need too much memory to decode")
        }
        Failure::Decode(e) => MediaError::corrupt(kind, e.to_string()),
    })?;
    let after = fingerprint(kind, cleaned).map_err(|f| MediaError::CleaningFailed {
        kind,
        detail: match f {
            Failure::AnimationTooLarge => "the cleaned animation grew".into(),
            Failure::Decode(e) => format!("the cleaned file no longer decodes: {e}"),
        },
    })?;
    if before != after {
        return Err(MediaError::CleaningFailed {
            kind,
            detail: "the decoded pixels differ".into(),
        });
    }
    Ok(())
}

fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(MAX_DIMENSION);
    l.max_image_height = Some(MAX_DIMENSION);
    l.max_alloc = Some(MAX_DECODE_BYTES);
    l
}

fn fingerprint(kind: MediaKind, bytes: &[u8]) -> Result<Fingerprint, Failure> {
    let format = match kind {
        MediaKind::Jpeg => ImageFormat::Jpeg,
        MediaKind::Png => ImageFormat::Png,
        MediaKind::WebP => ImageFormat::WebP,
        MediaKind::Gif => ImageFormat::Gif,
        MediaKind::Mp4 | MediaKind::QuickTime => unreachable!("videos are not decoded"),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let img = reader.decode()?;
    let mut h = DefaultHasher::new();
    img.as_bytes().hash(&mut h);
    let mut fp = Fingerprint {
        width: img.width(),
        height: img.height(),
        color: format!("{:?}", img.color()),
        pixels: h.finish(),
        frames: Vec::new(),
    };
    drop(img);
    fp.frames = match kind {
        MediaKind::Gif => {
            let mut d = GifDecoder::new(Cursor::new(bytes))?;
            d.set_limits(limits())?;
            frames(d)?
        }
        MediaKind::Png => {
            let d = PngDecoder::with_limits(Cursor::new(bytes), limits())?;
            if d.is_apng()? {
                frames(d.apng()?)?
            } else {
                Vec::new()
            }
        }
        MediaKind::WebP => {
            let mut d = WebPDecoder::new(Cursor::new(bytes))?;
            d.set_limits(limits())?;
            if d.has_animation() {
                frames(d)?
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    };
    Ok(fp)
}

fn frames<'a>(d: impl AnimationDecoder<'a>) -> Result<Vec<u64>, Failure> {
    let mut budget = MAX_ANIMATION_PIXELS;
    let mut out = Vec::new();
    for frame in d.into_frames() {
        let frame = frame?;
        let buf = frame.buffer();
        let px = u64::from(buf.width()) * u64::from(buf.height());
        budget = budget.checked_sub(px).ok_or(Failure::AnimationTooLarge)?;
        let mut h = DefaultHasher::new();
        (buf.width(), buf.height(), frame.left(), frame.top()).hash(&mut h);
        frame.delay().numer_denom_ms().hash(&mut h);
        buf.as_raw().hash(&mut h);
        out.push(h.finish());
    }
    Ok(out)
}
