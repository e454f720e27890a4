//! Posts about names as names: "The top 5 baby names of 2024 were Olivia, Liam and Mateo",
//! "Sofía y Camila, los nombres más populares". The names listed are words, nobody's; a baby
//! named with a family word or a surname ("congrats to baby Olivia Reyes, born Jan 1") still is.

use crate::phi::lexicon::f;
use crate::phi::text::Tokens;
use crate::phi::{any_patient_name, Cand};
use crate::{Kind, Whose};

/// How far (bytes) a listed name may stand from the word "names".
const REACH_BEFORE: usize = 200;
const REACH_AFTER: usize = 80;

/// Words that make "names" a ranking or a trend rather than one person's name.
const RANKING: &[&str] = &[
    "popular",
    "populares",
    "top",
    "trending",
    "trend",
    "trends",
    "common",
    "comunes",
    "ranking",
    "rankings",
    "list",
    "lists",
    "lista",
    "listas",
    "data",
    "chart",
    "charts",
    "ons",
    "ssa",
    "favourite",
    "favorite",
    "favoritos",
];

/// A birth or care told right there makes the name a person's again.
const PERSON_EVENT: &[&str] = &[
    "born",
    "nacio",
    "welcome",
    "welcomed",
    "arrived",
    "bienvenido",
    "bienvenida",
    "meet",
    "congrats",
    "congratulations",
    "felicidades",
    "patient",
    "paciente",
];

pub(crate) fn drop_names_as_names(toks: &Tokens, cands: &mut Vec<Cand>) {
    if !any_patient_name(cands) {
        return;
    }
    let n = toks.toks.len();
    let mut talk: Vec<usize> = Vec::new();
    let mut ranked = false;
    for i in 0..n {
        // "¿Ya escogieron nombre? … Los más populares", "ONS baby name data".
        if matches!(toks.folded(i), "names" | "nombres" | "name" | "nombre") {
            talk.push(toks.toks[i].start);
            // "they're the names of our three new conference rooms": what the names are for.
            ranked |= i + 1 < n
                && toks.folded(i).ends_with('s')
                && matches!(toks.folded(i + 1), "of" | "for" | "para");
            // "calles que llevan nombres de santos": saints' names.
            ranked |= i + 2 < n
                && matches!(toks.folded(i + 1), "of" | "de")
                && matches!(toks.folded(i + 2), "saints" | "santos" | "santas");
            // "llevan nombres de la Virgen": the Virgin's names.
            ranked |= i + 3 < n
                && matches!(toks.folded(i + 1), "of" | "de")
                && matches!(toks.folded(i + 2), "the" | "la")
                && matches!(toks.folded(i + 3), "virgin" | "virgen");
        }
        // "babies named after characters lately: Arya, Khaleesi, Elsa".
        if toks.folded(i) == "named" && i + 1 < n && toks.folded(i + 1) == "after" {
            talk.push(toks.toks[i].start);
            ranked = true;
        }
    }
    // Most posts never say "names": the ranking words are looked for only when one does.
    if talk.is_empty() || !(ranked || (0..n).any(|i| RANKING.contains(&toks.folded(i)))) {
        return;
    }
    let text = toks.text;
    cands.retain(|c| {
        if c.kind != Kind::PersonName || c.whose != Whose::Patient {
            return true;
        }
        // Only the nearest "names" on each side can be in reach (sorted: linear overall).
        let k = talk.partition_point(|&p| p <= c.start);
        let nearest = [k.checked_sub(1).map(|k| talk[k]), talk.get(k).copied()];
        let near = nearest.into_iter().flatten().any(|p| {
            let between = if p <= c.start {
                (c.start - p <= REACH_BEFORE).then_some((p, c.start))
            } else {
                (p.saturating_sub(c.end) <= REACH_AFTER).then_some((c.end, p.max(c.end)))
            };
            between.is_some_and(|(s, e)| {
                let first = toks.index_at(s);
                let last = toks.index_at(e);
                !(first..last).any(|k| PERSON_EVENT.contains(&toks.folded(k)))
            })
        });
        // "… Santiago, nuestro paciente de 9 años": the words right after the name.
        let after = toks.index_at(c.end);
        if !near || (after..(after + 3).min(n)).any(|k| PERSON_EVENT.contains(&toks.folded(k))) {
            return true;
        }
        // Only bare given names, alone or joined ("Sebastián y Noah"); a title, a family
        // word or a surname before or in it keeps the person.
        let first = toks.index_at(c.start);
        let last = toks.index_at(c.end);
        let bare = (first..last).all(|k| {
            toks.is(k, f::FIRST) || matches!(toks.folded(k), "y" | "and" | "e" | "o" | "or")
        }) && (first == 0
            || !toks.is(first - 1, f::TITLE | f::STAFF_TITLE | f::KIN)
            // "¿Y para niña? Sofía, Camila…": a question ends before the list.
            || toks.toks[first].sentence_start && toks.gap_before(first).contains(['?', '!']));
        let surname_after = last < n
            && toks.gap_before(last) == " "
            && toks.is(last, f::LAST)
            && !toks.is(last, f::FIRST | f::FUNC);
        !bare || surname_after || text[c.start..c.end].contains(['.', '\''])
    });
}
