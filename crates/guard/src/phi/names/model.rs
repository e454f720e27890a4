//! A second look at words the name rules left alone: a logistic regression over the word's
//! lexicon classes, its shape and the words around it, trained on the labelled drafts in
//! `eval/` by [`crate::training`] (`scripts/train-name-model`).
//!
//! The rules know names by their cues ("Mrs.", "my son", "Thank you,"); unseen drafts keep
//! bringing names whose cue no rule lists ("a surprise party for Florence in bay 6", a shirt
//! that reads "ALFIE 7"). The model weighs many weak cues at once, but only for capitalised
//! words that are no dictionary word and that no rule found or ruled out. Its weights ship in
//! `data/name_model.tsv`, one named feature per line, so each decision can be read back: the
//! finding's reason names the features that pushed it over the threshold.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::classify::classify;
use super::public_figures::{brand, MONONYMS};
use super::{all_caps, namesake_post, without_possessive};
use crate::phi::lexicon::{self, f, Fnv};
use crate::phi::ownership::OrgIndex;
use crate::phi::text::{Case, Tokens};
use crate::phi::Cand;
use crate::{Kind, Whose};

pub(crate) struct NameModel {
    weights: HashMap<u64, (f32, &'static str), BuildHasherDefault<Fnv>>,
    /// A word is a name when its probability reaches this.
    threshold: f32,
}

static MODEL: OnceLock<NameModel> = OnceLock::new();

/// The hash of a feature's text, given in parts (hashing the parts in turn equals hashing
/// their concatenation, so no string is built).
fn key(parts: &[&str]) -> u64 {
    let mut h = Fnv::default();
    for p in parts {
        h.write(p.as_bytes());
    }
    h.finish()
}

fn parse(text: &'static str) -> Result<NameModel, String> {
    let mut weights = HashMap::default();
    let mut threshold = None;
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, value) = line
            .rsplit_once('\t')
            .ok_or_else(|| format!("name model line {}: no tab", n + 1))?;
        let value: f32 = value
            .trim()
            .parse()
            .map_err(|_| format!("name model line {}: {value:?} is not a number", n + 1))?;
        if name == "@threshold" {
            threshold = Some(value);
        } else {
            weights.insert(key(&[name]), (value, name));
        }
    }
    Ok(NameModel {
        weights,
        threshold: threshold.ok_or("name model: no @threshold line")?,
    })
}

/// The shipped model, parsed once.
pub(crate) fn get() -> &'static NameModel {
    MODEL.get_or_init(|| {
        parse(include_str!("../../../data/name_model.tsv")).expect("shipped name model parses")
    })
}

/// Uses `text` instead of the shipped model (for the scorer's `--model` and tests); must run
/// before the first guard is built. The text is leaked: it lives as long as the process.
pub(crate) fn install(text: String) -> Result<(), String> {
    let model = parse(Box::leak(text.into_boxed_str()))?;
    MODEL
        .set(model)
        .map_err(|_| "a name model is already in use".to_string())
}

impl NameModel {
    /// Probability that token `i` is part of a person's name.
    fn score(&self, toks: &Tokens, org: &OrgIndex, all_caps: bool, i: usize) -> f32 {
        let mut sum = 0.0f32;
        features(toks, org, all_caps, i, &mut |parts| {
            if let Some(&(w, _)) = self.weights.get(&key(parts)) {
                sum += w;
            }
        });
        1.0 / (1.0 + (-sum).exp())
    }

    /// The three features that raised token `i`'s score most, for the finding's reason.
    fn reasons(&self, toks: &Tokens, org: &OrgIndex, all_caps: bool, i: usize) -> Vec<&str> {
        let mut top: Vec<(f32, &str)> = Vec::new();
        features(toks, org, all_caps, i, &mut |parts| {
            if let Some(&(w, name)) = self.weights.get(&key(parts)) {
                if w > 0.0 && name != "bias" {
                    top.push((w, name));
                }
            }
        });
        top.sort_by(|a, b| b.0.total_cmp(&a.0));
        top.into_iter().take(3).map(|(_, n)| n).collect()
    }
}

/// Tokens the model reads: words that could be a name, outside e-mails, URLs and tags (their
/// own passes read those), capitalised.
pub(crate) fn candidate(toks: &Tokens, org: &OrgIndex, all_caps: bool, i: usize) -> bool {
    let t = toks.toks[i];
    // Dictionary words are left to the rules: most are never names ("Join", "Happy"), and
    // whether "Grace" or "Will" is someone is what the rules' cues weigh ("Grace was born of
    // a simple idea"). Cheap tests first: most tokens fail them.
    if t.numeric
        // Lower-case names ("little sophie") need the cue a rule reads.
        || t.case == Case::Lower
        // "closed Thu 11/27": days and months abbreviated, names only with a rule's cue.
        || matches!(
            toks.folded(i),
            "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri" | "sat" | "sun"
                | "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug" | "sep" | "sept"
                | "oct" | "nov" | "dec"
        )
        || toks.is(i, f::FUNC | f::WORD)
    {
        return false;
    }
    // Titles, credentials, months and the like are never names without the cue the rules read.
    let k = classify(toks, org, all_caps, i);
    !k.skip && !k.never && k.w.chars().count() >= 2
}

/// How many tokens either side count as near.
const NEAR: usize = 10;

const FLAG_NAMES: &[(u32, &str)] = &[
    (f::NEVER, "never"),
    (f::AMBIG, "ambig"),
    (f::OVERWORD, "overword"),
    (f::TITLE, "title"),
    (f::STAFF_TITLE, "stafftitle"),
    (f::KIN, "kin"),
    (f::GREETING, "greeting"),
    (f::FILLER, "filler"),
    (f::PVERB, "pverb"),
    (f::SVERB, "sverb"),
    (f::STATEW, "statew"),
    (f::VIRTUE, "virtue"),
    (f::INSTIT, "instit"),
    (f::PLACEPFX, "placepfx"),
    (f::PARTICLE, "particle"),
    (f::CRED, "cred"),
    (f::CPERSON, "cperson"),
    (f::CLIFE, "clife"),
    (f::CPUBLIC, "cpublic"),
    (f::ROLE, "role"),
];

/// "F", "L", "W" for a given name, surname and dictionary word ("FLW" for "Hope").
fn lex_class(fl: u32) -> &'static str {
    const CLASSES: [&str; 8] = ["-", "F", "L", "FL", "W", "FW", "LW", "FLW"];
    let bits = usize::from(fl & f::FIRST != 0)
        | usize::from(fl & f::LAST != 0) << 1
        | usize::from(fl & f::WORD != 0) << 2;
    CLASSES[bits]
}

fn case_name(c: Case) -> &'static str {
    match c {
        Case::Title => "T",
        Case::Upper => "U",
        Case::Lower => "l",
        Case::Mixed => "M",
    }
}

/// What separates two tokens, spaces dropped ("," for ", ", "(" for " ("), "_" for a space:
/// at most three characters, written into `out`.
fn gap_name<'b>(gap: &str, out: &'b mut [u8; 12]) -> &'b str {
    let mut len = 0;
    for c in gap.chars().filter(|c| !c.is_whitespace()).take(3) {
        len += c.encode_utf8(&mut out[len..]).len();
    }
    if len == 0 {
        return "_";
    }
    std::str::from_utf8(&out[..len]).unwrap_or("_")
}

/// The last three characters of `w`.
fn suffix(w: &str) -> &str {
    let start = w.char_indices().rev().nth(2).map_or(0, |(b, _)| b);
    &w[start..]
}

const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// Calls `emit` with every feature of token `i`, each as the parts of its text ("p1=", "for").
pub(crate) fn features(
    toks: &Tokens,
    org: &OrgIndex,
    all_caps: bool,
    i: usize,
    emit: &mut dyn FnMut(&[&str]),
) {
    let lex = lexicon::get();
    let t = toks.toks[i];
    let k = classify(toks, org, all_caps, i);
    let w = k.w;
    let fl = toks.flags[i];
    let mut gap = [0u8; 12];
    emit(&["bias"]);
    emit(&["w=", w]);
    let start = if t.sentence_start { "^" } else { "" };
    let caps = if all_caps { "!" } else { "" };
    let case = case_name(t.case);
    emit(&["shape=", case, start, caps]);
    let class = lex_class(fl);
    emit(&["lex=", class]);
    emit(&["lexshape=", class, case, start]);
    for (bit, name) in FLAG_NAMES {
        if fl & bit != 0 {
            emit(&["fl=", name]);
        }
    }
    if k.poss {
        emit(&["poss"]);
    }
    if lex.cities.contains(w) {
        emit(&["city"]);
    }
    if lex.places.contains(w) {
        emit(&["place"]);
    }
    if org.name_words.contains(w) {
        emit(&["orgword"]);
    }
    if org.is_staff_word(w) {
        emit(&["staffword"]);
    }
    let n = w.chars().count();
    emit(&["len=", DIGITS[n.min(9)]]);
    if n >= 4 {
        emit(&["suf=", suffix(w)]);
    }
    let same = |j: usize| toks.toks[j].sentence == t.sentence;
    // Left context.
    if i > 0 && same(i - 1) {
        emit(&["p1=", toks.folded(i - 1)]);
        emit(&["gb=", gap_name(toks.gap_before(i), &mut gap)]);
        emit(&["p1lex=", lex_class(toks.flags[i - 1])]);
        emit(&["p1case=", case_name(toks.toks[i - 1].case)]);
        for (bit, name) in FLAG_NAMES {
            if toks.flags[i - 1] & bit != 0 {
                emit(&["p1fl=", name]);
            }
        }
        if i > 1 && same(i - 2) {
            emit(&["p2=", toks.folded(i - 2)]);
        } else {
            emit(&["p2=^"]);
        }
    } else {
        emit(&["p1=^"]);
        emit(&["gb=", gap_name(toks.gap_before(i), &mut gap)]);
    }
    // Right context.
    let m = toks.toks.len();
    let word = |j: usize| {
        if toks.toks[j].numeric {
            "#"
        } else {
            toks.folded(j)
        }
    };
    if i + 1 < m && same(i + 1) {
        emit(&["n1=", word(i + 1)]);
        emit(&["ga=", gap_name(toks.gap_before(i + 1), &mut gap)]);
        emit(&["n1lex=", lex_class(toks.flags[i + 1])]);
        emit(&["n1case=", case_name(toks.toks[i + 1].case)]);
        if i + 2 < m && same(i + 2) {
            emit(&["n2=", word(i + 2)]);
        } else {
            emit(&["n2=$"]);
        }
    } else {
        emit(&["n1=$"]);
        let rest = &toks.text[t.end..];
        // Up to the next word, but no further than eight characters (a 10 MB tail of emoji).
        let end = rest
            .char_indices()
            .take(9)
            .find(|&(_, c)| c.is_alphanumeric())
            .map_or_else(
                || rest.char_indices().nth(8).map_or(rest.len(), |(b, _)| b),
                |(b, _)| b,
            );
        emit(&["ga=", gap_name(&rest[..end], &mut gap)]);
    }
    // Person and life-event words near it in the sentence (a window keeps a 10 MB sentence
    // linear).
    let mut seen = 0u32;
    for j in i.saturating_sub(NEAR)..(i + NEAR + 1).min(m) {
        if j != i && same(j) {
            seen |= toks.flags[j] & (f::KIN | f::CLIFE | f::CPERSON | f::CPUBLIC | f::TITLE);
        }
    }
    for (bit, name) in FLAG_NAMES {
        if seen & bit != 0 {
            emit(&["near=", name]);
        }
    }
}

/// Adds a name for every run of candidate words the rules left alone that the model reads as
/// a name. Runs before the public-figure, animal and staff passes, which clear its findings as
/// they clear the rules'.
pub(super) fn find(
    toks: &Tokens,
    org: &OrgIndex,
    all_caps: bool,
    vetoed: &[bool],
    out: &mut Vec<Cand>,
) {
    let n = toks.toks.len();
    if n == 0 {
        return;
    }
    let model = get();
    // Tokens already inside a finding.
    let covered = crate::phi::covered_tokens(toks, out);
    let mut i = 0;
    while i < n {
        if covered[i] || vetoed[i] || !candidate(toks, org, all_caps, i) {
            i += 1;
            continue;
        }
        let p = model.score(toks, org, all_caps, i);
        // A star known by one name ("Pudsey approved"): no cue points at the word here.
        let mononym = || {
            let w = toks.folded(i);
            MONONYMS.contains(&w.strip_suffix("'s").unwrap_or(w))
        };
        if p < model.threshold || in_public_name(toks, i) || mononym() {
            i += 1;
            continue;
        }
        // Extend over the next words of the name ("Charles Drew").
        let mut e = i;
        while e + 1 < n
            && !covered[e + 1]
            && !vetoed[e + 1]
            && toks.gap_before(e + 1) == " "
            && toks.toks[e + 1].sentence == toks.toks[i].sentence
            && toks.toks[e + 1].case == Case::Title
            && candidate(toks, org, all_caps, e + 1)
            && model.score(toks, org, all_caps, e + 1) >= model.threshold
        {
            e += 1;
        }
        let words: Vec<&str> = (i..=e)
            .map(|j| {
                let w = toks.folded(j);
                w.strip_suffix("'s").unwrap_or(w)
            })
            .collect();
        // A staff given name alone in a post about namesakes is the other person's.
        let whose = if org.is_staff_name(&words) && !(words.len() == 1 && namesake_post(toks.text))
        {
            Whose::Staff
        } else {
            Whose::Patient
        };
        let end = without_possessive(toks.text, toks.toks[e].end);
        out.push(Cand {
            kind: Kind::PersonName,
            start: toks.toks[i].start,
            end,
            whose,
            reason: format!(
                "reads as a name here (model {p:.2}: {})",
                model.reasons(toks, org, all_caps, i).join(", ")
            ),
            prio: 2,
        });
        i = e + 1;
    }
}

/// Token `i` is inside a public figure's name or a brand ("Santiago Ramón y Cajal").
fn in_public_name(toks: &Tokens, i: usize) -> bool {
    let lex = lexicon::get();
    let n = toks.toks.len();
    (i.saturating_sub(3)..=i).any(|s| {
        (2..=4).any(|len| {
            s + len <= n
                && s + len > i
                && (lex.is_famous(toks.phrase(s, s + len - 1)) || brand(toks, s, s + len - 1))
        })
    })
}

/// Every candidate token of `text` with its byte range and features, for the trainer.
pub(crate) fn samples(toks: &Tokens, org: &OrgIndex) -> Vec<(usize, usize, Vec<String>)> {
    let all_caps = all_caps(toks);
    (0..toks.toks.len())
        .filter(|&i| candidate(toks, org, all_caps, i))
        .map(|i| {
            let mut feats = Vec::new();
            features(toks, org, all_caps, i, &mut |parts| {
                feats.push(parts.concat())
            });
            (toks.toks[i].start, toks.toks[i].end, feats)
        })
        .collect()
}
