//! Staff named as the directory names them. "Child Life Specialist Joy Park" is two words
//! that are also a feeling and a place, so the name pass may pass them by; the directory says
//! who she is. Once the full name is in the post, her given name alone is her too ("Congrats,
//! Joy!"), wherever no other reading was found.

use super::lexicon::f;
use super::ownership::OrgIndex;
use super::text::{Case, Tokens};
use super::Cand;
use crate::{Kind, Whose};

pub(crate) fn find(toks: &Tokens, org: &OrgIndex, cands: &mut Vec<Cand>) {
    let n = toks.toks.len();
    let title = |k: usize| toks.toks[k].case == Case::Title;
    let mut given_names: Vec<&str> = Vec::new();
    let mut full: Vec<Cand> = Vec::new();
    for (given, surname) in org.staff_pairs() {
        for i in 0..n.saturating_sub(1) {
            if toks.folded(i) != given
                || !title(i)
                || toks.gap_before(i + 1) != " "
                || toks.folded(i + 1).trim_end_matches("'s") != surname
            {
                continue;
            }
            let s = toks.toks[i].start;
            let e = toks.toks[i + 1].start + surname_len(toks.raw(i + 1));
            full.push(Cand {
                kind: Kind::PersonName,
                start: s,
                end: e,
                whose: Whose::Staff,
                reason: "staff member's full name in the directory".into(),
                prio: 4,
            });
            if !given_names.contains(&given) {
                given_names.push(given);
            }
        }
    }
    if full.is_empty() {
        return;
    }
    // The directory outranks a reading of the same words as a patient's name.
    full.sort_by_key(|c| c.start);
    cands.retain(|c| c.kind != Kind::PersonName || !overlaps(&full, c.start, c.end));
    cands.append(&mut full);
    // Spans found so far, by start, to tell in O(log n) whether a word is already read.
    let mut taken: Vec<(usize, usize)> = cands.iter().map(|c| (c.start, c.end)).collect();
    taken.sort_unstable();
    let covered = |s: usize, e: usize| {
        let k = taken.partition_point(|&(a, _)| a < e);
        // Spans may nest, so look back past a few that start before `e`.
        taken[..k]
            .iter()
            .rev()
            .take(8)
            .any(|&(a, b)| a < e && s < b)
    };
    let mut bare = Vec::new();
    for i in 0..n {
        if !title(i) || !given_names.contains(&toks.folded(i).trim_end_matches("'s")) {
            continue;
        }
        // "Dolores de cabeza, cansancio...": a word-name opening a sentence is the word,
        // unless a verb only people take follows ("Will grew up in Marysville").
        if toks.toks[i].sentence_start
            && toks.is(i, f::WORD | f::VIRTUE | f::AMBIG)
            && !(i + 1 < n && toks.is(i + 1, f::PVERB | f::SVERB))
        {
            continue;
        }
        let s = toks.toks[i].start;
        let e = s + surname_len(toks.raw(i));
        if covered(s, e) {
            continue;
        }
        bare.push(Cand {
            kind: Kind::PersonName,
            start: s,
            end: e,
            whose: Whose::Staff,
            reason: "given name of a staff member named in full in the post".into(),
            prio: 3,
        });
    }
    cands.append(&mut bare);
}

/// Whether `s..e` overlaps one of `spans` (sorted by start, never overlapping each other).
fn overlaps(spans: &[Cand], s: usize, e: usize) -> bool {
    let k = spans.partition_point(|c| c.start < e);
    k > 0 && spans[k - 1].end > s
}

/// Length of a word without its possessive ("Park's" → "Park").
fn surname_len(raw: &str) -> usize {
    raw.strip_suffix("'s")
        .or_else(|| raw.strip_suffix("’s"))
        .map_or(raw.len(), str::len)
}
