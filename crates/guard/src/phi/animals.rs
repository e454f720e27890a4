//! Animals and mascots named anywhere in the post: once "Rosie the therapy Goldendoodle" or
//! "Lou Seal, the Clippers mascot" is told, every other "Rosie" and "Lou Seal" is that animal
//! too, though the name pass saw each occurrence alone.

use super::names::{animal_named, pet_apposition};
use super::text::Tokens;
use super::Cand;
use crate::{Kind, Whose};

pub(crate) fn drop_named_animals(toks: &Tokens, cands: &mut Vec<Cand>) {
    if !cands
        .iter()
        .any(|c| c.kind == Kind::PersonName && c.whose == Whose::Patient)
    {
        return;
    }
    let text = toks.text;
    let n = toks.toks.len();
    cands.retain(|c| {
        if c.kind != Kind::PersonName || c.whose != Whose::Patient {
            return true;
        }
        if pet_apposition(&text[c.end..]) {
            return false;
        }
        let Some(first) = (0..n).find(|&k| toks.toks[k].start == c.start) else {
            return true;
        };
        let w = toks.folded(first);
        !(0..n).any(|m| toks.folded(m) == w && animal_named(toks, m))
    });
}
