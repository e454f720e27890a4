//! Triage never panics and always returns well-formed scores, whatever the input.

use guard::{Guard, Label, OrgProfile};
use proptest::prelude::*;
use std::sync::OnceLock;

fn guard() -> &'static Guard {
    static G: OnceLock<Guard> = OnceLock::new();
    G.get_or_init(|| Guard::new(OrgProfile::default()))
}

fn assert_well_formed(text: &str) {
    let t = guard().classify(text);
    assert_eq!(t.scores.len(), Label::ALL.len());
    for (l, s) in &t.scores {
        assert!((0.0..=1.0).contains(s), "{l:?} = {s}");
        assert_eq!(t.labels.contains(l), *s > 0.5, "{l:?} = {s}");
    }
    let order: Vec<usize> = t
        .labels
        .iter()
        .map(|l| Label::ALL.iter().position(|a| a == l).unwrap())
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "labels out of order: {:?}",
        t.labels
    );
    assert_eq!(t.reply.is_some(), t.labels.contains(&Label::AdviceRequest));
}

/// Fragments that exercise the normaliser's special cases.
const PIECES: &[&str] = &[
    "😡",
    "🙏🏽",
    "❤️",
    "👨‍👩‍👧",
    "f***",
    "¿",
    "?",
    "!!!",
    "my son",
    "fever",
    "www.x.xyz",
    "ñ",
    "İ",
    "5g",
    "v4ccines",
    "$$$",
    "*",
    "'",
    "b/c",
    "\n",
    "3yo",
    "101.5",
    "a",
    " ",
    "\u{200d}",
    "\u{fe0f}",
    "1.",
    ".5",
    "w/",
    "@",
    "a@b.c",
    "http://",
    "ǅ",
    "ﬃ",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_is_classified(text in any::<String>()) {
        assert_well_formed(&text);
    }

    #[test]
    fn social_soup_is_classified(
        parts in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(PIECES).prop_map(String::from),
                "[a-zA-Z0-9 .,!?*'@#/-]{0,12}",
            ],
            0..40,
        )
    ) {
        assert_well_formed(&parts.concat());
    }
}

#[test]
fn empty_and_blank_texts_have_no_labels() {
    for text in ["", " ", "\n\n", "\u{feff}", "?", "!!!", "*", "***"] {
        let t = guard().classify(text);
        assert!(t.labels.is_empty(), "{text:?}: {:?}", t.labels);
    }
}

#[test]
fn a_megabyte_comment_is_classified() {
    let text = "my son has a fever 🤒 should I give him tylenol?? ".repeat(20_000);
    assert!(text.len() > 1_000_000);
    assert_well_formed(&text);
    let t = guard().classify(&text);
    assert!(t.labels.contains(&Label::AdviceRequest));
}

#[test]
fn text_dense_with_cues_is_classified_quickly() {
    // Every word a cue: the worst case for the positional checks between cues.
    let text = "my son fever is that normal should i give tylenol how much mg vaccines cause autism you idiots dm me ".repeat(2_000);
    let start = std::time::Instant::now();
    assert_well_formed(&text);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

#[test]
fn long_runs_of_one_character_are_classified() {
    assert_well_formed(&"a".repeat(100_000));
    assert_well_formed(&"😡".repeat(50_000));
    assert_well_formed(&"*".repeat(50_000));
    assert_well_formed(&"1".repeat(50_000));
}
