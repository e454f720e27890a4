//! Animals and mascots named anywhere in the post: once "Rosie the therapy Goldendoodle" or
//! "Lou Seal, the Clippers mascot" is told, every other "Rosie" and "Lou Seal" is that animal
//! too, though the name pass saw each occurrence alone.

use super::names::{after_animal, after_list, animal_named, pet_apposition};
use super::text::Tokens;
use super::{any_patient_name, Cand};
use crate::{Kind, Whose};

pub(crate) fn drop_named_animals(toks: &Tokens, cands: &mut Vec<Cand>) {
    if !any_patient_name(cands) {
        return;
    }
    let text = toks.text;
    // The first words of the names found: only those can be an animal's name.
    let mut wanted: Vec<&str> = cands
        .iter()
        .filter(|c| c.kind == Kind::PersonName && c.whose == Whose::Patient)
        .filter_map(|c| {
            let first = toks.index_at(c.start);
            (first < toks.toks.len() && toks.toks[first].start == c.start)
                .then(|| toks.folded(first).trim_end_matches("'s"))
        })
        .collect();
    // Sorted and searched: a huge line names the same few people thousands of times.
    wanted.sort_unstable();
    wanted.dedup();
    // One pass over the tokens: the words the post names as animals, and the words that
    // only follow one ("therapy dog Biscuit"), which clear a name standing alone.
    let mut animals: Vec<&str> = Vec::new();
    let mut after_animals: Vec<&str> = Vec::new();
    for m in 0..toks.toks.len() {
        if wanted.binary_search(&toks.folded(m)).is_err() {
            continue;
        }
        if animal_named(toks, m) && !animals.contains(&toks.folded(m)) {
            animals.push(toks.folded(m));
        } else if after_animal(toks, m) && !after_animals.contains(&toks.folded(m)) {
            after_animals.push(toks.folded(m));
        }
    }
    cands.retain(|c| {
        if c.kind != Kind::PersonName || c.whose != Whose::Patient {
            return true;
        }
        let after = &text[c.end..];
        let after_items = after_list(text, c.end);
        if pet_apposition(after) || (after_items.len() < after.len() && pet_apposition(after_items))
        {
            return false;
        }
        if animals.is_empty() && after_animals.is_empty() {
            return true;
        }
        let first = toks.index_at(c.start);
        if first >= toks.toks.len() || toks.toks[first].start != c.start {
            return true;
        }
        // "Mabel's favorite trick": the animal's possessive is the animal too.
        let w = toks.folded(first).trim_end_matches("'s");
        !(animals.contains(&w) || (after_animals.contains(&w) && toks.toks[first].end >= c.end))
    });
}
