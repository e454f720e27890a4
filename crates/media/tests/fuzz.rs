//! `inspect` and `clean` never panic, whatever the bytes: random data, random data behind each
//! accepted magic number, and valid files with bytes flipped, inserted or cut off. When
//! `clean` accepts a mutated file, cleaning its output again must change nothing.

mod common;

use common::*;
use media::clean;
use proptest::prelude::*;

fn seeds() -> Vec<Vec<u8>> {
    vec![
        splice_jpeg(
            &jpeg(24, 16),
            &[app1_exif(&tiff_with_gps(Some(6))), app1_xmp(), app13_iptc()],
        ),
        splice_png(
            &png(12, 9),
            &[
                png_chunk(b"tEXt", b"Author\0Jane Doe"),
                png_chunk(b"eXIf", &tiff_with_gps(Some(6))),
            ],
        ),
        webp_with_metadata(&webp_simple(10, 7), 10, 7, &tiff_with_gps(Some(6))),
        gif(6, 5),
        mp4(&Mp4Options {
            moov_first: true,
            co64: false,
            brand: b"isom",
        }),
        mp4(&Mp4Options {
            moov_first: false,
            co64: true,
            brand: b"qt  ",
        }),
    ]
}

const MAGICS: &[&[u8]] = &[
    b"\xFF\xD8\xFF",
    b"\x89PNG\r\n\x1a\n",
    b"GIF89a",
    b"RIFF\x40\0\0\0WEBPVP8X",
    b"\0\0\0\x18ftypisom",
    b"\0\0\0\x10moov",
    b"\0\0\0\x14ftypheic",
];

#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Flip(i, b)),
        1 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, v)| Edit::Insert(i, v)),
        1 => (any::<usize>(), 1usize..32).prop_map(|(i, n)| Edit::Remove(i, n)),
        1 => any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(mut b: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        if b.is_empty() {
            break;
        }
        let len = b.len();
        match e {
            Edit::Flip(i, x) => b[i % len] ^= x,
            Edit::Insert(i, v) => {
                let at = i % len;
                b.splice(at..at, v.iter().copied());
            }
            Edit::Remove(i, n) => {
                let at = i % len;
                b.drain(at..(at + n).min(len));
            }
            Edit::Truncate(i) => b.truncate(i % len),
        }
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = media::inspect(&bytes);
        let _ = clean(&bytes);
    }

    #[test]
    fn anything_behind_a_magic_number_never_panics(
        magic in 0..MAGICS.len(),
        tail in prop::collection::vec(any::<u8>(), 0..1024),
    ) {
        let mut bytes = MAGICS[magic].to_vec();
        bytes.extend_from_slice(&tail);
        let _ = media::inspect(&bytes);
        let _ = clean(&bytes);
    }

    #[test]
    fn mutated_valid_files_never_panic(
        seed in 0..6usize,
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        let bytes = apply(seeds()[seed].clone(), &edits);
        if let Ok(c) = clean(&bytes) {
            // Whatever was accepted is stable: cleaning it again removes nothing more.
            let again = clean(&c.bytes).expect("a cleaned file is accepted again");
            prop_assert_eq!(&again.bytes, &c.bytes);
        }
    }
}
