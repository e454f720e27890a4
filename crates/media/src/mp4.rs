//! MP4 and QuickTime (ISO base media file format): a tree of size-prefixed boxes.
//!
//! Removed, at the top level and anywhere inside `moov`: `udta` (QuickTime user data: GPS as
//! `©xyz`, make, model, software), `meta` (Apple keys/ilst: location, device, creation date;
//! ID3), `uuid` (vendor boxes, XMP among them), `free`/`skip` (may hold stale metadata).
//! The creation and modification times in `mvhd`, `tkhd` and `mdhd` are zeroed in place.
//! Nothing inside `moof` fragments is removed.
//!
//! Removing bytes before `mdat` moves the media data, so every `stco`/`co64` chunk offset and
//! every explicit `tfhd` base data offset is lowered by the number of bytes removed before it;
//! when `moov` follows `mdat` no offset changes. The fragment index `mfra`, which holds
//! absolute offsets too, is dropped when anything was removed (it is optional).
//!
//! Known limit: timed-metadata *tracks* (GoPro GPMF, drone subtitle tracks) keep their
//! samples inside `mdat`, which is copied as it is.

use crate::{be32, be64, MediaError, MediaKind, Removed, Stripped};

const CONTAINERS: &[&[u8; 4]] = &[
    b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"mvex", b"moof", b"traf",
];
const MAX_DEPTH: usize = 16;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Top level and the `moov` subtree: metadata boxes are removed.
    Strip,
    /// Inside `moof`: offsets are relative to the fragment, nothing is removed.
    Fragment,
}

struct Bx {
    kind: [u8; 4],
    start: usize,
    header: usize,
    end: usize,
    large: bool,
    scope: Scope,
    /// Parsed children, for the containers listed in `CONTAINERS`.
    children: Option<Vec<Bx>>,
    /// Zero padding after the last child (old QuickTime writers end some atoms with 4 zeros).
    padding: usize,
}

impl Bx {
    fn payload<'a>(&self, b: &'a [u8]) -> &'a [u8] {
        &b[self.start + self.header..self.end]
    }
}

fn corrupt(kind: MediaKind, detail: impl Into<String>) -> MediaError {
    MediaError::corrupt(kind, detail)
}

fn parse(
    kind: MediaKind,
    b: &[u8],
    from: usize,
    to: usize,
    depth: usize,
    scope: Scope,
) -> Result<(Vec<Bx>, usize), MediaError> {
    if depth > MAX_DEPTH {
        return Err(corrupt(kind, "boxes are nested too deeply"));
    }
    let mut out = Vec::new();
    let mut pos = from;
    while pos < to {
        if to - pos < 8 {
            if depth > 0 && b[pos..to].iter().all(|&x| x == 0) {
                return Ok((out, to - pos));
            }
            return Err(corrupt(kind, format!("the file is cut off at byte {pos}")));
        }
        let size32 = be32(b, pos).unwrap_or(0);
        let mut t = [0u8; 4];
        t.copy_from_slice(&b[pos + 4..pos + 8]);
        let (mut header, large, size) = match size32 {
            0 => (8, false, (to - pos) as u64),
            1 => {
                let s = be64(b, pos + 8)
                    .filter(|_| pos + 16 <= to)
                    .ok_or_else(|| corrupt(kind, "a box header is cut off"))?;
                (16, true, s)
            }
            s => (8, false, u64::from(s)),
        };
        if &t == b"uuid" {
            header += 16;
        }
        let end = usize::try_from(size)
            .ok()
            .and_then(|s| pos.checked_add(s))
            .filter(|&e| e <= to)
            .ok_or_else(|| {
                corrupt(
                    kind,
                    format!(
                        "box \"{}\" at byte {pos} runs past the end of the file (cut off?)",
                        String::from_utf8_lossy(&t)
                    ),
                )
            })?;
        if size < header as u64 {
            return Err(corrupt(kind, format!("invalid box size at byte {pos}")));
        }
        let (children, padding) = if CONTAINERS.contains(&&t) {
            let inner = if &t == b"moof" {
                Scope::Fragment
            } else {
                scope
            };
            let (c, p) = parse(kind, b, pos + header, end, depth + 1, inner)?;
            (Some(c), p)
        } else {
            (None, 0)
        };
        out.push(Bx {
            kind: t,
            start: pos,
            header,
            end,
            large,
            scope,
            children,
            padding,
        });
        pos = end;
    }
    Ok((out, 0))
}

fn parse_file(kind: MediaKind, b: &[u8]) -> Result<Vec<Bx>, MediaError> {
    let (boxes, _) = parse(kind, b, 0, b.len(), 0, Scope::Strip)?;
    match boxes.iter().filter(|x| &x.kind == b"moov").count() {
        0 => Err(corrupt(
            kind,
            "the video index (moov box) is missing; the recording may not have finished",
        )),
        1 => Ok(boxes),
        _ => Err(corrupt(kind, "there are two video indexes (moov boxes)")),
    }
}

fn walk<'a>(boxes: &'a [Bx], f: &mut impl FnMut(&'a Bx)) {
    for x in boxes {
        f(x);
        if let Some(c) = &x.children {
            walk(c, f);
        }
    }
}

pub(crate) fn dimensions(kind: MediaKind, b: &[u8]) -> Result<Option<(u32, u32)>, MediaError> {
    let boxes = parse_file(kind, b)?;
    let mut dims = None;
    walk(&boxes, &mut |x| {
        if dims.is_none() && &x.kind == b"tkhd" {
            let p = x.payload(b);
            // After version/flags: times, track id, reserved, duration (20 or 32 bytes), then
            // reserved(8) layer(2) group(2) volume(2) reserved(2) matrix(36), width, height.
            let at = if p.first() == Some(&1) { 88 } else { 76 };
            if let (Some(w), Some(h)) = (be32(p, at), be32(p, at + 4)) {
                // 16.16 fixed point.
                let (w, h) = (w >> 16, h >> 16);
                if w > 0 && h > 0 {
                    dims = Some((w, h));
                }
            }
        }
    });
    Ok(dims)
}

fn removal_label(x: &Bx) -> Option<&'static str> {
    if x.scope != Scope::Strip {
        return None;
    }
    match &x.kind {
        b"udta" => Some("MP4 udta metadata"),
        b"meta" => Some("MP4 meta metadata"),
        b"uuid" => Some("MP4 uuid box (vendor metadata)"),
        b"free" | b"skip" => Some("MP4 free space"),
        _ => None,
    }
}

/// Removed byte ranges in ascending order, with the running total removed up to each end.
struct Shift {
    ranges: Vec<(usize, usize, usize)>,
}

impl Shift {
    /// The new position of original offset `at`, or `None` if `at` was inside a removed box.
    fn map(&self, at: u64) -> Option<u64> {
        let i = self
            .ranges
            .partition_point(|&(_, end, _)| (end as u64) <= at);
        if let Some(&(start, _, _)) = self.ranges.get(i) {
            if (start as u64) <= at {
                return None;
            }
        }
        let removed = if i == 0 { 0 } else { self.ranges[i - 1].2 };
        Some(at - removed as u64)
    }
}

pub(crate) fn strip(kind: MediaKind, b: &[u8]) -> Result<Stripped, MediaError> {
    let boxes = parse_file(kind, b)?;
    let mut removed = Removed::default();
    let mut ranges = Vec::new();
    walk(&boxes, &mut |x| {
        if let Some(label) = removal_label(x) {
            removed.add(label);
            ranges.push((x.start, x.end));
        }
    });
    let drop_mfra = !ranges.is_empty();
    if drop_mfra {
        for x in boxes.iter().filter(|x| &x.kind == b"mfra") {
            removed.add("MP4 fragment index (mfra)");
            ranges.push((x.start, x.end));
        }
    }
    // Removed boxes never nest (the walk does not enter non-containers), so sorted ranges
    // are disjoint.
    ranges.sort_unstable();
    let mut total = 0;
    let shift = Shift {
        ranges: ranges
            .into_iter()
            .map(|(s, e)| {
                total += e - s;
                (s, e, total)
            })
            .collect(),
    };
    let mut out = Vec::with_capacity(b.len());
    let mut times = false;
    let ctx = Ctx {
        kind,
        b,
        shift: &shift,
        drop_mfra,
    };
    ctx.emit(&boxes, &mut out, &mut times)?;
    if times {
        removed.add("MP4 creation/modification times");
    }
    Ok(Stripped {
        bytes: out,
        removed,
        orientation_kept: None,
    })
}

struct Ctx<'a> {
    kind: MediaKind,
    b: &'a [u8],
    shift: &'a Shift,
    drop_mfra: bool,
}

impl Ctx<'_> {
    fn emit(&self, boxes: &[Bx], out: &mut Vec<u8>, times: &mut bool) -> Result<(), MediaError> {
        let (kind, b, shift) = (self.kind, self.b, self.shift);
        for x in boxes {
            let mfra = self.drop_mfra && &x.kind == b"mfra" && x.scope == Scope::Strip;
            if removal_label(x).is_some() || mfra {
                continue;
            }
            let at = out.len();
            match &x.children {
                Some(children) => {
                    out.extend_from_slice(&b[x.start..x.start + x.header]);
                    self.emit(children, out, times)?;
                    out.extend(std::iter::repeat_n(0, x.padding));
                    let size = (out.len() - at) as u64;
                    if x.large {
                        out[at + 8..at + 16].copy_from_slice(&size.to_be_bytes());
                    } else {
                        let size = u32::try_from(size)
                            .map_err(|_| corrupt(kind, "a box grew past 4 GB"))?;
                        out[at..at + 4].copy_from_slice(&size.to_be_bytes());
                    }
                }
                None => {
                    out.extend_from_slice(&b[x.start..x.end]);
                    let p = at + x.header;
                    let end = at + (x.end - x.start);
                    match &x.kind {
                        b"stco" | b"co64" => patch_chunk_offsets(kind, x, out, p, shift)?,
                        // tfhd flags bit 0: an absolute base data offset follows the track id.
                        b"tfhd" if out.get(p + 3).is_some_and(|f| f & 1 != 0) => {
                            patch_u64(kind, out, p + 8, end, shift)?
                        }
                        b"mvhd" | b"tkhd" | b"mdhd" => *times |= zero_times(out, p, end),
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    }
}

fn patch_chunk_offsets(
    kind: MediaKind,
    x: &Bx,
    out: &mut [u8],
    p: usize,
    shift: &Shift,
) -> Result<(), MediaError> {
    let end = p + (x.end - x.start - x.header);
    let wide = &x.kind == b"co64";
    let n = be32(out, p + 4).ok_or_else(|| corrupt(kind, "a chunk offset table is cut off"))?;
    let width = if wide { 8 } else { 4 };
    let table = p + 8;
    if (n as usize)
        .checked_mul(width)
        .and_then(|len| table.checked_add(len))
        .is_none_or(|e| e > end)
    {
        return Err(corrupt(kind, "a chunk offset table is longer than its box"));
    }
    for i in 0..n as usize {
        let at = table + i * width;
        if wide {
            patch_u64(kind, out, at, end, shift)?;
        } else {
            let old = u64::from(be32(out, at).unwrap_or(0));
            let new = shift.map(old).ok_or_else(|| offset_in_metadata(kind))?;
            out[at..at + 4].copy_from_slice(&(new as u32).to_be_bytes());
        }
    }
    Ok(())
}

fn patch_u64(
    kind: MediaKind,
    out: &mut [u8],
    at: usize,
    limit: usize,
    shift: &Shift,
) -> Result<(), MediaError> {
    if at + 8 > limit {
        return Err(corrupt(kind, "a box is too short for its fields"));
    }
    let old = be64(out, at).unwrap_or(0);
    let new = shift.map(old).ok_or_else(|| offset_in_metadata(kind))?;
    out[at..at + 8].copy_from_slice(&new.to_be_bytes());
    Ok(())
}

fn offset_in_metadata(kind: MediaKind) -> MediaError {
    MediaError::CleaningFailed {
        kind,
        detail: "its media data is stored inside a metadata box".into(),
    }
}

/// Zeroes the creation and modification times of a full box whose payload starts at `p`
/// (version 0: two u32, version 1: two u64). True if they were not already zero.
fn zero_times(out: &mut [u8], p: usize, limit: usize) -> bool {
    let len = match out.get(p) {
        Some(0) => 8,
        Some(1) => 16,
        _ => return false,
    };
    let Some(field) = out.get_mut(p + 4..(p + 4 + len).min(limit)) else {
        return false;
    };
    if field.len() < len {
        return false;
    }
    let was_set = field.iter().any(|&x| x != 0);
    field.fill(0);
    was_set
}

/// Chunk offsets of every `stco`/`co64` table and explicit `tfhd` base data offsets, in file
/// order.
fn chunk_offsets(kind: MediaKind, b: &[u8], boxes: &[Bx]) -> Result<Vec<u64>, MediaError> {
    let mut offsets = Vec::new();
    let mut bad = false;
    walk(boxes, &mut |x| {
        let p = x.payload(b);
        if &x.kind == b"tfhd" && p.get(3).is_some_and(|f| f & 1 != 0) {
            match be64(p, 8) {
                Some(v) => offsets.push(v),
                None => bad = true,
            }
            return;
        }
        let wide = &x.kind == b"co64";
        if &x.kind != b"stco" && !wide {
            return;
        }
        let n = be32(p, 4).unwrap_or(0) as usize;
        for i in 0..n {
            let v = if wide {
                be64(p, 8 + i * 8)
            } else {
                be32(p, 8 + i * 4).map(u64::from)
            };
            match v {
                Some(v) => offsets.push(v),
                None => {
                    bad = true;
                    break;
                }
            }
        }
    });
    if bad {
        return Err(corrupt(kind, "a chunk offset table is cut off"));
    }
    Ok(offsets)
}

/// Checks the cleaned file: consistent box structure, one `moov`, and every chunk offset still
/// pointing at the same media bytes as in the original.
pub(crate) fn validate(kind: MediaKind, original: &[u8], cleaned: &[u8]) -> Result<(), MediaError> {
    let failed = |detail: &str| MediaError::CleaningFailed {
        kind,
        detail: detail.into(),
    };
    let before = chunk_offsets(kind, original, &parse_file(kind, original)?)?;
    let after_boxes = parse_file(kind, cleaned).map_err(|_| failed("broken box structure"))?;
    let after = chunk_offsets(kind, cleaned, &after_boxes)?;
    if before.len() != after.len() {
        return Err(failed("the chunk tables changed"));
    }
    for (&o, &n) in before.iter().zip(&after) {
        let o = usize::try_from(o).ok().filter(|&o| o < original.len());
        let Some(o) = o else {
            return Err(corrupt(
                kind,
                "a chunk offset points past the end of the file",
            ));
        };
        let n = usize::try_from(n)
            .ok()
            .filter(|&n| n < cleaned.len())
            .ok_or_else(|| failed("a chunk offset points past the end"))?;
        let k = 32.min(original.len() - o);
        if cleaned.get(n..n + k) != Some(&original[o..o + k]) {
            return Err(failed("a chunk offset no longer points at its media data"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Shift;

    #[test]
    fn shift_maps_offsets_around_removed_ranges() {
        // Removed [10, 20) and [50, 55): totals 10 then 15.
        let s = Shift {
            ranges: vec![(10, 20, 10), (50, 55, 15)],
        };
        assert_eq!(s.map(0), Some(0));
        assert_eq!(s.map(9), Some(9));
        assert_eq!(s.map(10), None);
        assert_eq!(s.map(19), None);
        assert_eq!(s.map(20), Some(10));
        assert_eq!(s.map(49), Some(39));
        assert_eq!(s.map(54), None);
        assert_eq!(s.map(55), Some(40));
        assert_eq!(s.map(1 << 40), Some((1 << 40) - 15));
        let none = Shift { ranges: vec![] };
        assert_eq!(none.map(123), Some(123));
    }
}
