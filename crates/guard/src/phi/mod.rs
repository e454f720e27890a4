//! PHI detection: every HIPAA Safe Harbor identifier in a text, and whose it is.
//!
//! The detector is rules and lexicons only (explainable, offline, fast): one tokenising pass,
//! a few regexes that run only when the text holds the characters they need (digits, '@', '.'),
//! and lexicon look-ups with context cues for names. Each module finds one family of
//! identifiers and pushes [`Cand`]idates; [`Detector::detect`] resolves overlaps and converts
//! byte offsets to code points.

mod ages;
mod animals;
mod charts;
mod contacts;
mod context;
mod dates;
mod lexicon;
mod locations;
mod names;
mod numbers;
mod ownership;
mod relationship;
mod room_cards;
mod staff;
mod text;

use crate::{Finding, Kind, OrgProfile, Whose};
use context::Context;
use ownership::OrgIndex;
use text::Tokens;

/// A finding before overlap resolution, in byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub whose: Whose,
    pub reason: String,
    /// Higher wins when two candidates overlap (labelled numbers beat bare ones, an email beats
    /// the name inside it).
    pub prio: u8,
}

impl Cand {
    /// A patient's name at `start..end`: the candidate most name rules push.
    pub(crate) fn patient_name(start: usize, end: usize, reason: impl Into<String>) -> Cand {
        Cand {
            kind: Kind::PersonName,
            start,
            end,
            whose: Whose::Patient,
            reason: reason.into(),
            prio: 3,
        }
    }
}

pub(crate) use names::model::install as install_name_model;

pub(crate) struct Detector {
    org: OrgIndex,
}

impl Detector {
    pub(crate) fn new(profile: &OrgProfile) -> Detector {
        // Parse the shared lexicons and compile the regexes now rather than on the first scan.
        let _ = lexicon::get();
        let _ = names::model::get();
        numbers::warm();
        Detector {
            org: OrgIndex::new(profile),
        }
    }

    /// The name model's candidate words of `text`: code-point range and features.
    pub(crate) fn name_samples(&self, text: &str) -> Vec<(usize, usize, Vec<String>)> {
        let toks = Tokens::new(text);
        let mut at = CodePoints::new(text);
        names::model::samples(&toks, &self.org)
            .into_iter()
            .map(|(s, e, features)| (at.of(s), at.of(e), features))
            .collect()
    }

    pub(crate) fn detect(&self, text: &str) -> Vec<Finding> {
        if text.is_empty() {
            return Vec::new();
        }
        let toks = Tokens::new(text);
        let mut cands: Vec<Cand> = Vec::new();
        let bytes = text.as_bytes();
        // Cheap counts decide which regexes can possibly match (most posts have few digits).
        let digits = bytes.iter().filter(|b| b.is_ascii_digit()).count();
        let has_digit = digits > 0;
        if has_digit {
            numbers::find(text, digits, &self.org, &mut cands);
        }
        if bytes.iter().any(|&b| b == b'@' || b == b'.' || b == b'#') {
            contacts::find(text, &self.org, &mut cands);
        }
        let public = names::PublicFigures::find(&toks);
        names::find(&toks, &self.org, &public, &mut cands);
        names::possessive_events(&toks, &self.org, &mut cands);
        names::plural_families(&toks, &self.org, &mut cands);
        charts::find(&toks, &mut cands);
        names::drop_public_figures(&toks, &public, &mut cands);
        animals::drop_named_animals(&toks, &mut cands);
        names::drop_names_as_names(&toks, &mut cands);
        names::drop_place_list_items(&toks, &mut cands);
        names::drop_characters(&toks, &mut cands);
        names::drop_programme_titles(&toks, &mut cands);
        names::drop_tv_characters(&toks, &mut cands);
        names::drop_named_characters(&toks, &mut cands);
        names::couples(&toks, &self.org, &mut cands);
        staff::find(&toks, &self.org, &mut cands);
        // Only a label word can put a name on a lost jumper or an engraved ring, and only a
        // word for a nickname ("le dicen", "known as") can quote one.
        if (0..toks.toks.len()).any(|k| {
            matches!(
                toks.folded(k),
                "labelled"
                    | "labeled"
                    | "engraved"
                    | "inscribed"
                    | "tag"
                    | "name"
                    | "nombre"
                    | "grabado"
                    | "grabada"
                    | "embroidered"
                    | "stitched"
                    | "sewn"
                    | "written"
                    | "dicen"
                    | "decimos"
                    | "jersey"
                    | "shirt"
                    | "camiseta"
                    | "playera"
                    | "sudadera"
                    | "known"
                    | "nicknamed"
                    | "goes"
                    | "apodado"
                    | "apodada"
                    | "bordado"
                    | "bordada"
            )
        }) {
            names::on_labels(text, &mut cands);
        }
        let ctx = Context::new(&toks, &cands, &self.org);
        if has_digit {
            numbers::readers_asked_to_call(&toks, &ctx, &mut cands);
        }
        dates::find(&toks, &ctx, has_digit, &mut cands);
        ages::find(&toks, &ctx, &self.org, has_digit, &mut cands);
        locations::find(&toks, &ctx, &self.org, digits, &mut cands);
        relationship::find(&toks, &mut cands);
        relationship::find_marks(&toks, &mut cands);
        // "@JennyR_Bristol": the town inside a handle is part of the handle, not a place.
        if bytes.iter().any(|&b| b == b'@' || b == b'#') {
            cands.retain(|c| c.kind != Kind::Location || !inside_tag(bytes, c.start));
        }
        resolve(text, cands)
    }
}

/// Whether any candidate so far is a patient's name: the passes that only clear names
/// (animals, characters, names as names, towns in lists) return at once when none is.
pub(crate) fn any_patient_name(cands: &[Cand]) -> bool {
    cands
        .iter()
        .any(|c| c.kind == Kind::PersonName && c.whose == Whose::Patient)
}

/// Which tokens lie (even partly) inside any of `cands`.
pub(crate) fn covered_tokens(toks: &Tokens, cands: &[Cand]) -> Vec<bool> {
    let mut covered = vec![false; toks.toks.len()];
    for c in cands {
        let first = toks.toks.partition_point(|t| t.end <= c.start);
        for (j, t) in toks.toks.iter().enumerate().skip(first) {
            if t.start >= c.end {
                break;
            }
            covered[j] = true;
        }
    }
    covered
}

/// Keeps the best of overlapping candidates, sorts by start and converts to code points.
fn resolve(text: &str, mut cands: Vec<Cand>) -> Vec<Finding> {
    if cands.is_empty() {
        return Vec::new();
    }
    // Best first: priority, then length, then position.
    cands.sort_by(|a, b| {
        b.prio
            .cmp(&a.prio)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    // Kept spans by start; they never overlap, so only the neighbours need checking.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut kept: Vec<Cand> = Vec::with_capacity(cands.len());
    for c in cands {
        if c.start >= c.end || c.end > text.len() {
            continue;
        }
        let before_ok = taken
            .range(..=c.start)
            .next_back()
            .is_none_or(|(_, &end)| end <= c.start);
        let after_ok = taken.range(c.start..c.end).next().is_none();
        if before_ok && after_ok {
            taken.insert(c.start, c.end);
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);
    // One walk over the text converts every byte offset to a code-point offset.
    let mut out = Vec::with_capacity(kept.len());
    let mut at = CodePoints::new(text);
    for c in kept {
        let start = at.of(c.start);
        let end = at.of(c.end);
        out.push(Finding {
            kind: c.kind,
            start,
            end,
            text: text[c.start..c.end].to_string(),
            whose: c.whose,
            reason: c.reason,
        });
    }
    out
}

/// Byte offsets to code-point offsets in one walk over the text: asked in increasing order,
/// each answer counts only the characters since the last.
struct CodePoints<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl<'t> CodePoints<'t> {
    fn new(text: &'t str) -> Self {
        CodePoints {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn of(&mut self, byte: usize) -> usize {
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// The byte at `start` continues an @handle or a #hashtag.
fn inside_tag(b: &[u8], start: usize) -> bool {
    let mut k = start;
    while k > 0 && (b[k - 1].is_ascii_alphanumeric() || b[k - 1] == b'_' || b[k - 1] == b'.') {
        k -= 1;
    }
    k > 0 && matches!(b[k - 1], b'@' | b'#')
}

/// True when `b` is a byte that continues an ASCII word (used for boundary checks that the
/// regexes cannot express without look-behind).
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}
