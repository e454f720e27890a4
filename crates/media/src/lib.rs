//! Makes uploaded media safe to publish. Patients' photos and videos carry identifiers that are
//! invisible on screen: GPS coordinates, camera serial numbers, names in IPTC captions, capture
//! times. This crate removes them **without re-encoding** (the pixels and the compressed media
//! data stay byte-for-byte identical), and refuses anything it cannot vouch for.
//!
//! Pure functions over byte slices: no I/O, no async, no database.
//!
//! - [`inspect`] sniffs the real type from magic bytes (never from a file name or a declared
//!   type), reads the dimensions from the header and applies the size limits.
//! - [`clean`] does the same, strips the metadata, validates the result (images are decoded
//!   fully before and after and must give identical pixels; videos must keep a consistent box
//!   structure with every chunk offset still pointing at the same media bytes) and lists what
//!   it removed, for the audit log.
//!
//! EXIF orientation: a camera may store the picture sideways and rely on the EXIF Orientation
//! tag to show it upright. Dropping that tag would rotate the published picture, so when the
//! tag is not 1 (upright) the cleaner writes a minimal EXIF block holding only Orientation
//! (JPEG APP1, PNG `eXIf`, WebP `EXIF`) and reports it in [`Cleaned::orientation_kept`].
//! Everything else in the EXIF block, GPS included, is gone.
//!
//! What each format loses (details in each module):
//! - JPEG: every APPn segment except APP0 JFIF (thumbnail zeroed), APP2 ICC_PROFILE and APP14
//!   Adobe; COM; anything after EOI. Entropy-coded data and tables are copied unchanged.
//! - PNG: tEXt, zTXt, iTXt, eXIf, tIME and every ancillary chunk not needed for rendering;
//!   anything after IEND. Kept chunks keep their CRCs (all CRCs are verified).
//! - WebP: EXIF, XMP and unknown chunks, with the VP8X flags cleared and the RIFF size fixed.
//! - GIF: comment and application extensions (XMP) other than looping and ICC.
//! - MP4/MOV: `udta`, `meta`, `uuid`, `free`/`skip` at the top level and inside `moov`,
//!   parent sizes and `stco`/`co64` offsets fixed; creation/modification times zeroed.
//!
//! HEIC/HEIF and AVIF are recognised and refused: no pure-Rust decoder exists to prove the
//! pixels unchanged, and the user can export a JPEG instead.

mod exif;
mod gif;
mod jpeg;
mod mp4;
mod png;
mod sniff;
mod validate;
mod webp;

use std::fmt;

/// Largest image accepted, in bytes (20 MiB).
pub const MAX_IMAGE_BYTES: usize = 20 * 1024 * 1024;
/// Largest video accepted, in bytes (200 MiB).
pub const MAX_VIDEO_BYTES: usize = 200 * 1024 * 1024;
/// Largest image width or height accepted, in pixels. Checked from the header before
/// decoding, so a small file claiming a huge canvas (a decompression bomb) is refused cheaply.
pub const MAX_DIMENSION: u32 = 16384;
/// Most bytes the validating decoder may allocate for one image (a 16384×16384 RGBA image
/// with 16-bit channels, plus slack for the decoder's own buffers).
pub const MAX_DECODE_BYTES: u64 = 2 * 1024 * 1024 * 1024 + 64 * 1024 * 1024;
/// Most pixels, summed over frames, decoded to validate an animation (GIF, APNG, animated
/// WebP): a tiny file can otherwise describe thousands of full-size frames.
pub const MAX_ANIMATION_PIXELS: u64 = 1 << 29;

/// What the bytes really are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MediaKind {
    Jpeg,
    Png,
    WebP,
    Gif,
    /// ISO base media file (MP4 family: `isom`, `mp41`, `mp42`, `avc1`, `M4V `…).
    Mp4,
    /// Apple QuickTime (`qt  ` brand, or a legacy file without `ftyp`).
    QuickTime,
}

impl MediaKind {
    /// The MIME type to store and to declare when publishing.
    pub fn mime(self) -> &'static str {
        match self {
            MediaKind::Jpeg => "image/jpeg",
            MediaKind::Png => "image/png",
            MediaKind::WebP => "image/webp",
            MediaKind::Gif => "image/gif",
            MediaKind::Mp4 => "video/mp4",
            MediaKind::QuickTime => "video/quicktime",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            MediaKind::Jpeg => "jpg",
            MediaKind::Png => "png",
            MediaKind::WebP => "webp",
            MediaKind::Gif => "gif",
            MediaKind::Mp4 => "mp4",
            MediaKind::QuickTime => "mov",
        }
    }

    pub fn is_video(self) -> bool {
        matches!(self, MediaKind::Mp4 | MediaKind::QuickTime)
    }

    /// Human name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            MediaKind::Jpeg => "JPEG",
            MediaKind::Png => "PNG",
            MediaKind::WebP => "WebP",
            MediaKind::Gif => "GIF",
            MediaKind::Mp4 => "MP4",
            MediaKind::QuickTime => "QuickTime (MOV)",
        }
    }

    /// The size limit for this kind of media, in bytes.
    pub fn max_bytes(self) -> usize {
        if self.is_video() {
            MAX_VIDEO_BYTES
        } else {
            MAX_IMAGE_BYTES
        }
    }
}

impl fmt::Display for MediaKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What [`inspect`] learnt from the bytes, without changing them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaInfo {
    pub kind: MediaKind,
    pub mime: &'static str,
    /// Pixels; for videos, from the first track header (`tkhd`) with a non-zero size.
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub size: usize,
}

/// The result of [`clean`]: bytes safe to store and publish.
#[derive(Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub bytes: Vec<u8>,
    pub kind: MediaKind,
    pub mime: &'static str,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// What was removed, one human label per kind of metadata, in the order met, for the
    /// audit log (e.g. "EXIF (including GPS)", "XMP", "IPTC", "PNG text chunk tEXt",
    /// "MP4 udta metadata"). Empty when the file was already clean.
    pub removed: Vec<String>,
    /// `Some(n)` when the EXIF Orientation tag was `n` ≠ 1 and was kept, alone, in a minimal
    /// EXIF block so that the picture is still shown upright.
    pub orientation_kept: Option<u16>,
}

impl fmt::Debug for Cleaned {
    // The bytes are a patient's photo: never dump them into a log by accident.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cleaned")
            .field("bytes", &format_args!("[{} bytes]", self.bytes.len()))
            .field("kind", &self.kind)
            .field("mime", &self.mime)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("removed", &self.removed)
            .field("orientation_kept", &self.orientation_kept)
            .finish()
    }
}

/// Why an upload was refused. Each message says what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MediaError {
    #[error("The file is empty: choose the photo or video again and re-upload it")]
    Empty,
    #[error(
        "{what} is not an image or video Carepost accepts (JPEG, PNG, WebP, GIF, MP4, MOV): \
         export or convert it to one of these and upload again"
    )]
    Unsupported { what: String },
    #[error(
        "HEIC photos are not supported yet: export as JPEG (on an iPhone, Settings > Camera > \
         Formats > Most Compatible, or share the photo as JPEG) and upload again"
    )]
    Heic,
    #[error("AVIF images are not supported yet: export as JPEG, PNG or WebP and upload again")]
    Avif,
    #[error(
        "This {kind} is {size_mb:.1} MB, over the {limit_mb} MB limit: export a smaller version \
         (lower resolution or quality) and upload again"
    )]
    TooLarge {
        kind: MediaKind,
        size_mb: f64,
        limit_mb: usize,
    },
    #[error(
        "This {kind} is {width}×{height} pixels, over the {max}×{max} limit: resize it and \
         upload again"
    )]
    DimensionsTooLarge {
        kind: MediaKind,
        width: u32,
        height: u32,
        max: u32,
    },
    #[error(
        "This {kind} has too many or too large animation frames to check safely: shorten or \
         resize the animation, or convert it to an MP4 video, and upload again"
    )]
    AnimationTooLarge { kind: MediaKind },
    #[error(
        "This {kind} file is damaged or incomplete ({detail}): export it again from the \
         original and re-upload it"
    )]
    Corrupt { kind: MediaKind, detail: String },
    #[error(
        "Removing the hidden metadata from this {kind} would have changed it ({detail}), so it \
         was not stored: export it as a standard JPEG or MP4 and upload again, and tell your \
         Carepost administrator"
    )]
    CleaningFailed { kind: MediaKind, detail: String },
}

impl MediaError {
    pub(crate) fn corrupt(kind: MediaKind, detail: impl Into<String>) -> MediaError {
        MediaError::Corrupt {
            kind,
            detail: detail.into(),
        }
    }
}

/// Sniffs the type from magic bytes, reads the dimensions from the header and applies the
/// limits (size, dimensions). Does not decode or validate the whole file: [`clean`] does.
pub fn inspect(bytes: &[u8]) -> Result<MediaInfo, MediaError> {
    let kind = sniff::sniff(bytes)?;
    check_size(kind, bytes.len())?;
    let (width, height) = match kind {
        MediaKind::Jpeg => some_pair(jpeg::dimensions(bytes)?),
        MediaKind::Png => some_pair(png::dimensions(bytes)?),
        MediaKind::WebP => some_pair(webp::dimensions(bytes)?),
        MediaKind::Gif => some_pair(gif::dimensions(bytes)?),
        MediaKind::Mp4 | MediaKind::QuickTime => match mp4::dimensions(kind, bytes)? {
            Some((w, h)) => (Some(w), Some(h)),
            None => (None, None),
        },
    };
    if let (Some(w), Some(h)) = (width, height) {
        check_dimensions(kind, w, h)?;
    }
    Ok(MediaInfo {
        kind,
        mime: kind.mime(),
        width,
        height,
        size: bytes.len(),
    })
}

/// Strips identifying metadata without re-encoding, validates the result and reports what
/// was removed. See the crate documentation for what each format loses and keeps.
pub fn clean(bytes: &[u8]) -> Result<Cleaned, MediaError> {
    let info = inspect(bytes)?;
    let kind = info.kind;
    let stripped = match kind {
        MediaKind::Jpeg => jpeg::strip(bytes)?,
        MediaKind::Png => png::strip(bytes)?,
        MediaKind::WebP => webp::strip(bytes)?,
        MediaKind::Gif => gif::strip(bytes)?,
        MediaKind::Mp4 | MediaKind::QuickTime => mp4::strip(kind, bytes)?,
    };
    if kind.is_video() {
        mp4::validate(kind, bytes, &stripped.bytes)?;
    } else {
        validate::same_pixels(kind, bytes, &stripped.bytes)?;
    }
    Ok(Cleaned {
        bytes: stripped.bytes,
        kind,
        mime: kind.mime(),
        width: info.width,
        height: info.height,
        removed: stripped.removed.labels,
        orientation_kept: stripped.orientation_kept,
    })
}

fn some_pair((w, h): (u32, u32)) -> (Option<u32>, Option<u32>) {
    (Some(w), Some(h))
}

fn check_size(kind: MediaKind, size: usize) -> Result<(), MediaError> {
    if size > kind.max_bytes() {
        return Err(MediaError::TooLarge {
            kind,
            size_mb: size as f64 / (1024.0 * 1024.0),
            limit_mb: kind.max_bytes() / (1024 * 1024),
        });
    }
    Ok(())
}

fn check_dimensions(kind: MediaKind, width: u32, height: u32) -> Result<(), MediaError> {
    if width > MAX_DIMENSION || height > MAX_DIMENSION {
        return Err(MediaError::DimensionsTooLarge {
            kind,
            width,
            height,
            max: MAX_DIMENSION,
        });
    }
    if !kind.is_video() && (width == 0 || height == 0) {
        return Err(MediaError::corrupt(
            kind,
            "the header gives an empty picture",
        ));
    }
    Ok(())
}

/// Output of a format's stripper, before validation.
pub(crate) struct Stripped {
    pub bytes: Vec<u8>,
    pub removed: Removed,
    pub orientation_kept: Option<u16>,
}

/// The audit labels, each once, in the order first met.
#[derive(Default)]
pub(crate) struct Removed {
    labels: Vec<String>,
}

impl Removed {
    pub fn add(&mut self, label: impl Into<String>) {
        let label = label.into();
        if !self.labels.contains(&label) {
            self.labels.push(label);
        }
    }
}

/// Big-endian and little-endian readers that never panic: `None` past the end.
pub(crate) fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}
pub(crate) fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}
pub(crate) fn be64(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_be_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}
pub(crate) fn le16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}
pub(crate) fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}
