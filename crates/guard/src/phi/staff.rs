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
    for (given, surname) in org.staff_pairs() {
        for i in 0..n.saturating_sub(1) {
            if toks.folded(i) != given
                || !title(i)
                || toks.gap_before(i + 1) != " "
                || toks.folded(i + 1).trim_end_matches("'s") != surname
            {
                continue;
            }
            let (s, e) = (toks.toks[i].start, toks.toks[i + 1].end);
            let e = e - toks.raw(i + 1).len() + surname_len(toks.raw(i + 1));
            // The directory outranks a reading of the same words as a patient's name.
            cands.retain(|c| c.kind != Kind::PersonName || c.end <= s || c.start >= e);
            cands.push(Cand {
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
        let (s, e) = (toks.toks[i].start, toks.toks[i].end);
        let e = e - toks.raw(i).len() + surname_len(toks.raw(i));
        if cands.iter().any(|c| c.start < e && s < c.end) {
            continue;
        }
        cands.push(Cand {
            kind: Kind::PersonName,
            start: s,
            end: e,
            whose: Whose::Staff,
            reason: "given name of a staff member named in full in the post".into(),
            prio: 3,
        });
    }
}

/// Length of a word without its possessive ("Park's" → "Park").
fn surname_len(raw: &str) -> usize {
    raw.strip_suffix("'s")
        .or_else(|| raw.strip_suffix("’s"))
        .map_or(raw.len(), str::len)
}
