//! Property tests: the detector never panics and its offsets are always valid.

use guard::{Guard, OrgProfile};
use proptest::prelude::*;
use std::sync::OnceLock;

fn guard() -> &'static Guard {
    static G: OnceLock<Guard> = OnceLock::new();
    G.get_or_init(|| {
        Guard::new(OrgProfile {
            name: "Río Grande Clínica".into(),
            phones: vec!["210-555-0100".into()],
            staff: vec!["Dra. Ana Ruiz".into()],
            addresses: vec!["12 Main St, San Antonio, TX 78205".into()],
            ..OrgProfile::default()
        })
    })
}

fn check(text: &str) {
    let g = guard();
    let report = g.scan(text);
    let n = text.chars().count();
    let chars: Vec<char> = text.chars().collect();
    let mut last = 0;
    for f in &report.findings {
        assert!(f.start < f.end && f.end <= n, "{f:?}");
        assert!(f.start >= last, "overlap or unsorted: {f:?}");
        let s: String = chars[f.start..f.end].iter().collect();
        assert_eq!(s, f.text);
        last = f.end;
    }
    let _ = g.redact(text);
    let _ = g.classify(text);
}

const PIECES: &[&str] = &[
    "Mrs. ",
    "Okafor",
    // Gazetteer towns and their cues, at the start of a text too ("Waco, TX").
    "Waco",
    ", TX",
    "Eagle Pass",
    " from ",
    "Policy number ",
    "918-22-4401A",
    " finally ",
    "(age 8)",
    "MRN ",
    "4471203",
    " born ",
    "3/4/1950",
    "(415) 555-0132",
    " 💙",
    "🏳️‍🌈",
    "#PrayFor",
    "Jacob",
    "@",
    "maria_",
    " turned ",
    "101",
    " años",
    " Calle ",
    "Room ",
    "412",
    ", ",
    "\n",
    ".",
    "Día",
    "é",
    "\u{301}",
    "ß",
    "İ",
    "ﬁ",
    "\u{0}",
    "  ",
    "-",
    "/",
    "Dr.",
    "J.M.",
    "hope",
    "Miércoles 6",
    "mayo 3",
    "ñ",
    "5 de mayo",
    "the 2nd",
    " a los ",
    "98 años",
    "#TeamÉmilie",
    "@jdoe_",
    "Mr. Ó",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,300}") {
        check(&s);
    }

    #[test]
    fn arbitrary_bytes_decoded_lossily_never_panic(b in proptest::collection::vec(any::<u8>(), 0..300)) {
        check(&String::from_utf8_lossy(&b));
    }

    #[test]
    fn identifier_shaped_soup_never_panics(parts in proptest::collection::vec(0..PIECES.len(), 0..60)) {
        let s: String = parts.iter().map(|&i| PIECES[i]).collect();
        check(&s);
    }
}

#[test]
fn huge_inputs_are_handled() {
    let unit =
        "Mrs. Okafor 💙 MRN 4471203 called (415) 555-0132 about Jacob's surgery on March 4th. ";
    let big = unit.repeat(6_000); // ~0.5 MB
    check(&big);
    let emoji = "🎉".repeat(100_000);
    check(&emoji);
    let digits = "1".repeat(100_000);
    check(&digits);
}

/// Every piece alone and every ordered pair, at the start and the end of a text: the edges
/// of a text are where an index slips ("Waco, TX" opening a post).
#[test]
fn every_pair_of_pieces_is_handled() {
    for a in PIECES {
        check(a);
        for b in PIECES {
            check(&format!("{a}{b}"));
            check(&format!("{a}{b} and"));
        }
    }
}
