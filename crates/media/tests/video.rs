//! MP4/MOV: metadata boxes removed in both layouts, parent sizes and chunk offsets fixed,
//! damaged files refused.

mod common;

use common::*;
use media::{clean, inspect, MediaError, MediaKind, MAX_VIDEO_BYTES};

const MP4: Mp4Options = Mp4Options {
    moov_first: true,
    co64: false,
    brand: b"isom",
};

fn types(b: &[u8]) -> Vec<[u8; 4]> {
    boxes(b).into_iter().map(|(k, _, _)| k).collect()
}

/// Every chunk offset of the cleaned file points at the same chunk as in the original.
fn assert_chunks_intact(original: &[u8], cleaned: &[u8]) {
    let before = chunk_offsets(original);
    let after = chunk_offsets(cleaned);
    assert_eq!(before.len(), CHUNKS);
    assert_eq!(after.len(), CHUNKS);
    for (i, (&o, &n)) in before.iter().zip(&after).enumerate() {
        let data = chunk_data(i);
        assert_eq!(
            &original[o as usize..o as usize + data.len()],
            &data[..],
            "fixture"
        );
        assert_eq!(
            &cleaned[n as usize..n as usize + data.len()],
            &data[..],
            "chunk {i}"
        );
    }
}

fn check(o: &Mp4Options) -> (Vec<u8>, media::Cleaned) {
    let dirty = mp4(o);
    assert!(contains(&dirty, b"+40.7484-073.9857"));
    let c = clean(&dirty).unwrap();
    // The test's own walker asserts every size is consistent with its parent.
    let kinds = types(&c.bytes);
    for gone in [b"udta", b"meta", b"uuid", b"free"] {
        assert!(
            !kinds.contains(gone),
            "{} left",
            String::from_utf8_lossy(gone)
        );
    }
    for kept in [
        b"ftyp", b"moov", b"mvhd", b"trak", b"tkhd", b"mdia", b"mdhd", b"mdat",
    ] {
        assert!(
            kinds.contains(kept),
            "{} lost",
            String::from_utf8_lossy(kept)
        );
    }
    assert!(
        !contains(&c.bytes, b"+40.7484-073.9857"),
        "location survived"
    );
    assert!(!contains(&c.bytes, NAME));
    assert!(!contains(&c.bytes, SERIAL));
    assert!(!contains(&c.bytes, b"xmpmeta"));
    assert!(
        !contains(&c.bytes, &3_846_000_000u32.to_be_bytes()),
        "times survived"
    );
    assert_chunks_intact(&dirty, &c.bytes);
    assert_eq!((c.width, c.height), (Some(640), Some(480)));
    let uuid = "MP4 uuid box (vendor metadata)";
    let (udta, meta, free) = ("MP4 udta metadata", "MP4 meta metadata", "MP4 free space");
    let times = "MP4 creation/modification times";
    let expected = if o.moov_first {
        [uuid, udta, meta, free, times]
    } else {
        [udta, meta, uuid, free, times]
    };
    assert_eq!(c.removed, expected);
    (dirty, c)
}

#[test]
fn moov_before_mdat_shifts_chunk_offsets() {
    let (dirty, c) = check(&MP4);
    assert_eq!(c.kind, MediaKind::Mp4);
    assert_eq!(c.mime, "video/mp4");
    let removed = dirty.len() - c.bytes.len();
    let shifted: Vec<u64> = chunk_offsets(&dirty)
        .iter()
        .map(|o| o - removed as u64)
        .collect();
    assert_eq!(
        chunk_offsets(&c.bytes),
        shifted,
        "everything removed was before mdat"
    );
    // mdat itself is byte-identical.
    let mdat = |b: &[u8]| {
        let (_, s, e) = boxes(b).into_iter().find(|(k, _, _)| k == b"mdat").unwrap();
        b[s..e].to_vec()
    };
    assert_eq!(mdat(&c.bytes), mdat(&dirty));
}

#[test]
fn moov_after_mdat_keeps_chunk_offsets() {
    let (dirty, c) = check(&Mp4Options {
        moov_first: false,
        ..MP4
    });
    assert_eq!(chunk_offsets(&c.bytes), chunk_offsets(&dirty));
}

#[test]
fn co64_offsets_are_fixed_too() {
    let (dirty, c) = check(&Mp4Options { co64: true, ..MP4 });
    assert!(types(&c.bytes).contains(b"co64"));
    assert_ne!(chunk_offsets(&c.bytes), chunk_offsets(&dirty));
}

#[test]
fn quicktime_brand_is_mov() {
    let (_, c) = check(&Mp4Options {
        brand: b"qt  ",
        ..MP4
    });
    assert_eq!(c.kind, MediaKind::QuickTime);
    assert_eq!(c.mime, "video/quicktime");
}

#[test]
fn parent_sizes_are_rewritten() {
    let (dirty, c) = check(&MP4);
    let size_of = |b: &[u8], kind: &[u8; 4]| {
        let (_, s, e) = boxes(b).into_iter().find(|(k, _, _)| k == kind).unwrap();
        e - s
    };
    let udta = udta().len();
    let meta = meta().len();
    // moov lost its own udta and meta and the trak's udta; trak lost one udta.
    assert_eq!(
        size_of(&c.bytes, b"moov"),
        size_of(&dirty, b"moov") - 2 * udta - meta
    );
    assert_eq!(size_of(&c.bytes, b"trak"), size_of(&dirty, b"trak") - udta);
    // Cleaning is idempotent: a second pass finds nothing.
    let again = clean(&c.bytes).unwrap();
    assert_eq!(again.bytes, c.bytes);
    assert!(again.removed.is_empty(), "{:?}", again.removed);
}

#[test]
fn inspect_reads_tkhd_dimensions() {
    let info = inspect(&mp4(&MP4)).unwrap();
    assert_eq!(info.mime, "video/mp4");
    assert_eq!((info.width, info.height), (Some(640), Some(480)));
}

#[test]
fn truncated_or_indexless_video_is_refused() {
    let dirty = mp4(&MP4);
    for cut in [20, 100, dirty.len() / 2, dirty.len() - 1] {
        let err = clean(&dirty[..cut]).unwrap_err();
        assert!(
            matches!(
                err,
                MediaError::Corrupt {
                    kind: MediaKind::Mp4,
                    ..
                }
            ),
            "cut at {cut}: {err:?}"
        );
    }
    let mut no_moov = bx(b"ftyp", b"isom\0\0\0\0isom");
    no_moov.extend_from_slice(&bx(b"mdat", b"data"));
    let err = clean(&no_moov).unwrap_err();
    assert!(err.to_string().contains("moov box) is missing"), "{err}");
    // A chunk offset past the end of the file.
    let mut bad = mp4(&Mp4Options {
        moov_first: false,
        ..MP4
    });
    let (_, stco, _) = boxes(&bad)
        .into_iter()
        .find(|(k, _, _)| k == b"stco")
        .unwrap();
    bad[stco + 16..stco + 20].copy_from_slice(&u32::MAX.to_be_bytes());
    assert!(matches!(clean(&bad), Err(MediaError::Corrupt { .. })));
}

#[test]
fn oversized_video_is_refused() {
    let mut big = mp4(&MP4);
    big.resize(MAX_VIDEO_BYTES + 1, 0);
    let err = inspect(&big).unwrap_err();
    assert!(err.to_string().contains("over the 200 MB limit"), "{err}");
}

/// A fragmented MP4: moov (with udta) and mvex, then a moof whose tfhd carries an absolute
/// base data offset into the following mdat, then an mfra index.
fn fragmented() -> (Vec<u8>, usize) {
    let mut ftyp = b"iso5".to_vec();
    ftyp.extend_from_slice(&[0; 4]);
    ftyp.extend_from_slice(b"iso5dash");
    let ftyp = bx(b"ftyp", &ftyp);
    let mut moov = tkhd(320, 240);
    moov = bx(b"trak", &moov);
    moov.extend_from_slice(&bx(b"mvex", &full_box(b"trex", 0, &[0; 20])));
    let mut moov_payload = udta();
    moov_payload.extend_from_slice(&moov);
    let moov = bx(b"moov", &moov_payload);
    let data = chunk_data(0);
    // moof = mfhd(16) + traf(8 + tfhd(24) + trun(20)) = 76 bytes, then the mdat header.
    let base = (ftyp.len() + moov.len() + 76 + 8) as u64;
    let mut tfhd = 1u32.to_be_bytes().to_vec();
    tfhd.extend_from_slice(&base.to_be_bytes());
    let tfhd = bx(b"tfhd", &[&[0u8, 0, 0, 1][..], &tfhd].concat());
    let trun = full_box(b"trun", 0, &[0, 0, 0, 1, 0, 0, 0, data.len() as u8]);
    let mut traf = tfhd;
    traf.extend_from_slice(&trun);
    let mut moof = full_box(b"mfhd", 0, &1u32.to_be_bytes());
    moof.extend_from_slice(&bx(b"traf", &traf));
    let moof = bx(b"moof", &moof);
    assert_eq!(moof.len(), 76);
    let mut out = ftyp;
    out.extend_from_slice(&moov);
    out.extend_from_slice(&moof);
    out.extend_from_slice(&bx(b"mdat", &data));
    out.extend_from_slice(&bx(b"mfra", &full_box(b"mfro", 0, &[0, 0, 0, 16])));
    (out, base as usize)
}

#[test]
fn fragment_base_offsets_are_fixed_and_mfra_dropped() {
    let (dirty, base) = fragmented();
    let data = chunk_data(0);
    assert_eq!(&dirty[base..base + data.len()], &data[..], "fixture");
    let c = clean(&dirty).unwrap();
    assert_eq!(
        c.removed,
        [
            "MP4 udta metadata",
            "MP4 fragment index (mfra)",
            "MP4 creation/modification times"
        ]
    );
    let tfhd = c.bytes.windows(4).position(|w| w == b"tfhd").unwrap() - 4;
    let new_base = u64::from_be_bytes(c.bytes[tfhd + 16..tfhd + 24].try_into().unwrap()) as usize;
    assert_eq!(new_base, base - udta().len());
    assert_eq!(&c.bytes[new_base..new_base + data.len()], &data[..]);
    assert!(!contains(&c.bytes, b"mfra"));
    assert_eq!((c.width, c.height), (Some(320), Some(240)));
}
