//! Staff named as the directory names them. "Child Life Specialist Joy Park" is two words
//! that are also a feeling and a place, so the name pass may pass them by; the directory says
//! who she is. Once the full name is in the post, her given name alone is her too ("Congrats,
//! Joy!"), wherever no other reading was found.

use super::lexicon::f;
use super::names;
use super::ownership::OrgIndex;
use super::text::{fold, Case, Tokens};
use super::Cand;
use crate::{Kind, Whose};

pub(crate) fn find(toks: &Tokens, org: &OrgIndex, cands: &mut Vec<Cand>) {
    let n = toks.toks.len();
    let title = |k: usize| toks.toks[k].case == Case::Title;
    // Each staff given name named in full in the post, with where it first is.
    let mut first_full: Vec<(&str, usize)> = Vec::new();
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
            match first_full.iter_mut().find(|(g, _)| *g == given) {
                Some((_, at)) => *at = (*at).min(s),
                None => first_full.push((given, s)),
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
    let mut taken: Vec<(usize, usize, usize)> = cands
        .iter()
        .enumerate()
        .map(|(k, c)| (c.start, c.end, k))
        .collect();
    taken.sort_unstable();
    // The candidates (by index) that overlap `s..e`.
    let covering = |s: usize, e: usize| -> Vec<usize> {
        let k = taken.partition_point(|&(a, _, _)| a < e);
        // Spans may nest, so look back past a few that start before `e`.
        taken[..k]
            .iter()
            .rev()
            .take(8)
            .filter(|&&(a, b, _)| a < e && s < b)
            .map(|&(_, _, c)| c)
            .collect()
    };
    // "Dr Oluwaseun Bakare … Seun is a keen cyclist": the start or end of a given name named
    // in full is that person's short name.
    let short_for = |w: &str| {
        first_full.iter().any(|&(g, _)| {
            g == w || (w.len() >= 3 && g.len() > w.len() && (g.starts_with(w) || g.ends_with(w)))
        })
    };
    let namesake = std::cell::OnceCell::new();
    let mut bare = Vec::new();
    let mut overruled = Vec::new();
    // Readings "same name as a patient named earlier", and the staff reading that replaces
    // them if the earlier patient's reading was overruled too.
    let mut echoes: Vec<(Vec<usize>, Cand)> = Vec::new();
    for i in 0..n {
        let w = toks.folded(i).trim_end_matches("'s");
        if !title(i) || !short_for(w) {
            continue;
        }
        let s = toks.toks[i].start;
        let e = s + surname_len(toks.raw(i));
        let same = covering(s, e);
        // "Dolores de cabeza, cansancio...": a word-name opening a sentence is the word,
        // unless a verb only people take follows ("Will grew up in Marysville") or it was
        // read as a name.
        if same.is_empty()
            && toks.toks[i].sentence_start
            && toks.is(i, f::WORD | f::VIRTUE | f::AMBIG)
            && !(i + 1 < n && toks.is(i + 1, f::PVERB | f::SVERB))
        {
            continue;
        }
        let staff = Cand {
            kind: Kind::PersonName,
            start: s,
            end: e,
            whose: Whose::Staff,
            reason: "given name of a staff member named in full in the post".into(),
            prio: 3,
        };
        // "¡Felicidades, Dolores!" after "Promotora Dolores Haro": the directory outranks a
        // reading of the same lone word as a patient's name that says no more than "a name
        // is here". A name told with an age, a story or a patient cue ("Joy is 5", "his
        // patient Will") is a namesake and stays.
        let lone = |c: usize| {
            cands[c].kind == Kind::PersonName && cands[c].start == s && cands[c].end == e
        };
        // "Therapy dog handler Ben Kowalski … Ben celebrated with coffee", "Dr. Will
        // Harrington is retiring … Will delivered babies": after the full name, the given
        // name alone in a story is that person's, unless an age, a kin word or a title says
        // it is someone else's ("Nurse Joy Park … little Joy is 5").
        // A patient's own event ("Tom was diagnosed", "Joy was born at 3:12") or a post about
        // sharing the name keeps the namesake a patient.
        let named_in_full_before = first_full.iter().any(|&(g, at)| g == w && at < s);
        let person_cue_before =
            i > 0 && toks.is(i - 1, f::KIN | f::TITLE | f::STAFF_TITLE | f::CPERSON);
        // "a 6-year-old patient named Jordan": the post says it is someone else.
        if names::named_person(toks, i) {
            if same.is_empty() {
                bare.push(Cand::patient_name(
                    s,
                    e,
                    "a person named, who shares a staff name",
                ));
            }
            continue;
        }
        let age_or_event_after = (i + 1..(i + 4).min(n))
            .any(|k| toks.toks[k].numeric || PATIENT_EVENTS.contains(&toks.folded(k)));
        // "Congrats to Jordan, our brave 7yo": an age told beside the name makes a child of
        // it ("Will has spent 15 years in trauma care" is a career).
        let apposition = i + 1 < n && toks.gap_before(i + 1).trim_start().starts_with([',', '(']);
        let aged_after = apposition
            && (i + 1..(i + 5).min(n)).any(|k| {
                let w = toks.folded(k);
                let unit = |u: &str| {
                    matches!(
                        u,
                        "yo" | "y/o" | "year-old" | "years" | "months" | "mo" | "anos" | "meses"
                    )
                };
                toks.toks[k].sentence == toks.toks[i].sentence
                    && w.starts_with(|c: char| c.is_ascii_digit())
                    && (unit(w.trim_start_matches(|c: char| c.is_ascii_digit()))
                        || (k + 1 < n && unit(toks.folded(k + 1))))
            });
        let story_of_staff = named_in_full_before
            && !person_cue_before
            && !age_or_event_after
            && !*namesake.get_or_init(|| names::namesake_post(toks.text));
        if same
            .iter()
            .all(|&c| lone(c) && cands[c].reason == names::SAME_NAME_AGAIN)
            && !same.is_empty()
        {
            echoes.push((same, staff));
        } else if !aged_after
            && same.iter().all(|&c| {
                lone(c)
                    && (WEAK_READINGS.contains(&cands[c].reason.as_str())
                        || (story_of_staff && STORY_READINGS.contains(&cands[c].reason.as_str())))
            })
        {
            overruled.extend(same);
            bare.push(staff);
        }
    }
    if !echoes.is_empty() {
        // "Jordan is going HOME … little Jordan Reyes": the echo of a patient's name that
        // still stands is that patient's.
        overruled.sort_unstable();
        let mut standing: Vec<String> = cands
            .iter()
            .enumerate()
            .filter(|&(k, c)| {
                c.kind == Kind::PersonName
                    && c.whose == Whose::Patient
                    && c.reason != names::SAME_NAME_AGAIN
                    && overruled.binary_search(&k).is_err()
            })
            .flat_map(|(_, c)| toks.text[c.start..c.end].split_whitespace().map(fold))
            .collect();
        standing.sort_unstable();
        for (same, staff) in echoes {
            let w = fold(&toks.text[staff.start..staff.end]);
            if standing.binary_search(&w).is_err() {
                overruled.extend(same);
                bare.push(staff);
            }
        }
    }
    if !overruled.is_empty() {
        overruled.sort_unstable();
        overruled.dedup();
        let mut k = 0;
        cands.retain(|_| {
            k += 1;
            overruled.binary_search(&(k - 1)).is_err()
        });
    }
    cands.append(&mut bare);
}

/// Reasons for a patient's name that say no more than "a name is here".
const WEAK_READINGS: &[&str] = &[names::ADDRESSED, names::GIVEN_NAME];

/// Reasons for a patient's name from a story told of it (a life event, a verb after the
/// name, a greeting). After the full name of a staff member who shares the given name, they
/// are read as that staff member's story unless [`PATIENT_EVENTS`] follow.
const STORY_READINGS: &[&str] = &[
    names::AGE_OR_EVENT_AFTER,
    names::WORD_NAME_SUBJECT,
    names::GREETED,
];

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

/// Events only a patient has: after one of these a staff member's given name is a namesake.
const PATIENT_EVENTS: &[&str] = &[
    "born",
    "admitted",
    "readmitted",
    "diagnosed",
    "discharged",
    "hospitalized",
    "hospitalised",
    "intubated",
    "transferred",
    "rushed",
    "flown",
    "nacio",
    "ingresado",
    "ingresada",
    "diagnosticado",
    "diagnosticada",
];
