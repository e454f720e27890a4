//! Names as charts, wristbands, census screens and whiteboards print them: "ALVAREZ, G",
//! "REYES AGUILAR, MANUEL", "Patient: F. ABERNETHY". They turn up in alt texts and in notes
//! about a photo; the record format itself says whose they are.

use super::lexicon::{self, Lexicon};
use super::text::{Case, Tokens};
use super::Cand;

pub(crate) fn find(toks: &Tokens, out: &mut Vec<Cand>) {
    let lex = lexicon::get();
    let n = toks.toks.len();
    for i in 0..n {
        // Most tokens have no comma or colon after them: nothing below can fire.
        // ("REYES AGUILAR, MANUEL": two upper-case words before the comma.)
        let gap = |k: usize| if k < n { toks.gap_before(k) } else { "" };
        if !(gap(i + 1).contains([',', ':'])
            || (toks.toks[i].case == Case::Upper && gap(i + 2).contains(',')))
        {
            continue;
        }
        if let Some(e) = surname_comma_given(toks, lex, i) {
            push(
                out,
                toks.toks[i].start,
                toks.toks[e].end,
                "surname, given name as a record prints it",
            );
        } else if i + 1 < n && record_label(toks, i) {
            if let Some(e) = labelled_name(toks, lex, i + 1) {
                push(
                    out,
                    toks.toks[i + 1].start,
                    toks.toks[e].end,
                    "name after a patient label",
                );
            }
        }
    }
}

fn push(out: &mut Vec<Cand>, start: usize, end: usize, reason: &str) {
    out.push(Cand::patient_name(start, end, reason));
}

/// A surname no dictionary holds: "Alvarez", "ABERNETHY".
fn surname_word(toks: &Tokens, lex: &Lexicon, k: usize) -> bool {
    let w = toks.folded(k);
    w.chars().count() >= 2
        && w.chars().all(char::is_alphabetic)
        && !lex.words.contains(w)
        && (lex.last.contains(w) || lex.flags(w) == 0)
}

/// "Alvarez, G —", "REYES AGUILAR, MANUEL 04/11/1958": one or two surname tokens, a comma,
/// then an initial or an upper-case given name, then no more words of the sentence. Returns
/// the last token of the name.
fn surname_comma_given(toks: &Tokens, lex: &Lexicon, i: usize) -> Option<usize> {
    let n = toks.toks.len();
    let t = toks.toks[i];
    if t.numeric || !matches!(t.case, Case::Upper | Case::Title) {
        return None;
    }
    // One surname, or two upper-case ones ("REYES AGUILAR").
    let mut s_end = i;
    if t.case == Case::Upper
        && i + 1 < n
        && toks.gap_before(i + 1) == " "
        && toks.toks[i + 1].case == Case::Upper
        && toks.folded(i + 1).chars().all(char::is_alphabetic)
    {
        s_end = i + 1;
    }
    let g = s_end + 1;
    if g >= n || !matches!(toks.gap_before(g), ", " | ",") {
        return None;
    }
    let given = toks.toks[g];
    let raw = toks.raw(g);
    let initial = raw.chars().count() == 1 && raw.chars().all(|c| c.is_uppercase());
    let upper_given = given.case == Case::Upper
        && t.case == Case::Upper
        && raw.chars().count() >= 3
        && lex.first.contains(toks.folded(g));
    // After an initial the surname must be no everyday word ("Sadly, I"); before an
    // upper-case given name any upper-case words will do ("REYES MORA, ANTONIO").
    let surname_ok = if upper_given {
        (i..=s_end).all(|k| {
            let w = toks.folded(k);
            w.chars().count() >= 2 && w.chars().all(char::is_alphabetic)
        })
    } else {
        initial && (i..=s_end).all(|k| surname_word(toks, lex, k))
    };
    if !surname_ok {
        return None;
    }
    // What follows the given name: the end, a quote, a dash, a date or a bed, not a sentence
    // going on ("Smith, I think").
    let after = toks.text[given.end..].trim_start_matches(['.', ' ']);
    let ends = after.is_empty()
        || after.starts_with(['\'', '’', '"', '”', '—', '–', '-', ')', '|', '/', ',', ';'])
        || after.starts_with(|c: char| c.is_ascii_digit())
        || (upper_given && after.starts_with(|c: char| c.is_uppercase()));
    ends.then_some(g)
}

/// "Patient:", "Pt:", "Name:", "Nombre:", "Paciente:" right before a colon.
fn record_label(toks: &Tokens, i: usize) -> bool {
    matches!(
        toks.folded(i),
        "patient" | "pt" | "name" | "nombre" | "paciente" | "pte"
    ) && toks.gap_before(i + 1).trim() == ":"
}

/// "F. ABERNETHY", "Maria Lopez", "GARCIA, J": an initial or capitalised words after a record
/// label; the last token of the name.
fn labelled_name(toks: &Tokens, lex: &Lexicon, i: usize) -> Option<usize> {
    let n = toks.toks.len();
    let mut e = None;
    for k in i..(i + 3).min(n) {
        let t = toks.toks[k];
        if k > i && !matches!(toks.gap_before(k), " " | ". " | "." | ", ") {
            break;
        }
        let raw = toks.raw(k);
        let initial = raw.chars().count() == 1 && raw.chars().all(char::is_uppercase);
        let named = matches!(t.case, Case::Upper | Case::Title)
            && !t.numeric
            // "TX", "ID": an abbreviation, not a name.
            && !(t.case == Case::Upper && raw.chars().count() <= 2)
            && (lex.first.contains(toks.folded(k))
                || lex.last.contains(toks.folded(k))
                || lex.flags(toks.folded(k)) == 0);
        if !(initial || named) {
            break;
        }
        e = Some(k);
    }
    // An initial alone is no name.
    e.filter(|&e| e > i || toks.raw(i).chars().count() > 1)
}
