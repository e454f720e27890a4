//! Context that makes a name-like word no person: an institution after it ("Mercy Hospital"),
//! a place, a pet or mascot, a story character, a destination or devotion, a business.

use crate::phi::lexicon::{self, f, Lexicon};
use crate::phi::text::{Case, Tokens};

/// "therapy dog Sunny", "our mascot Rocky": pets and mascots are not people.
pub(super) const ANIMALS: &[&str] = &[
    "robot",
    "robots",
    // "Harold is the training mannequin": the sim lab's patients.
    "mannequin",
    "manikin",
    "skeleton",
    // "Hope, Faith and Joy, three of the pumpkins our volunteers carved": things named too.
    "pumpkins",
    "snowman",
    "scarecrow",
    "otter",
    "moose",
    "mascota",
    "beaver",
    "bear",
    "lion",
    "tiger",
    "eagle",
    "owl",
    "fox",
    "wolf",
    "duck",
    "penguin",
    "panda",
    "giraffe",
    "dinosaur",
    "dino",
    // "a plush T. rex named Rexy", "her teddy called Mr Buttons": toys.
    "rex",
    "plush",
    "plushie",
    "stuffie",
    "doll",
    "puppet",
    "dragon",
    "monkey",
    "frog",
    "turtle",
    "llama",
    "dog",
    "dogs",
    "puppy",
    "pup",
    "cat",
    "kitten",
    "pony",
    "horse",
    "mascot",
    "perro",
    "perrita",
    "perrito",
    "gato",
    "gatito",
    "canine",
    "bunny",
    "rabbit",
    "parrot",
    "retriever",
    "labrador",
    "doodle",
    "goldendoodle",
    "labradoodle",
    "poodle",
    "spaniel",
    "terrier",
    "beagle",
    "corgi",
    "collie",
    "greyhound",
    "dachshund",
    "pupper",
    "dalmatian",
    "husky",
    "pug",
    "bulldog",
    "schnauzer",
    "pomeranian",
    "chihuahua",
    "rottweiler",
    "mastiff",
    "sheepdog",
    "doggo",
    "mutt",
];

/// Nouns that make "<name>'s <noun>" a business ("Papa Joe's Pizza").
pub(super) const BUSINESSES: &[&str] = &[
    "pizza",
    "pizzeria",
    "diner",
    "bakery",
    "cafe",
    "café",
    "grill",
    "tacos",
    "taqueria",
    "bbq",
    "restaurant",
    "kitchen",
    "coffee",
    "donuts",
    "deli",
    "market",
    "shop",
    "store",
    "garage",
    "salon",
    "pub",
    "bar",
    "bistro",
    "cantina",
    "creamery",
    "burgers",
    "wings",
    "subs",
    "barbershop",
    "pharmacy",
    "florist",
    "flowers",
    "cupcakes",
    "tamales",
    "catering",
];

/// "Duke, our newest therapy dog!", "Mr. Whiskers, our lobby cat mascot": an apposition that
/// says the name belongs to an animal. A possessive ("Sam, with his dog") keeps the person.
pub(crate) fn pet_apposition(after: &str) -> bool {
    // "Duke, our newest therapy dog", "Joy, Faith and Hope: the three new therapy horses",
    // "Santiago, Oscar and Florence 🐱 – our three new robotic therapy cats".
    // "'Rocky', our rehab gym's skeleton": the name's closing quote first.
    let after = after.trim_start_matches(['\'', '’', '"', '”']);
    let after = after.trim_start_matches(|c: char| {
        c == ' ' || !(c.is_alphanumeric() || c.is_ascii_punctuation() || "—–".contains(c))
    });
    let Some(a) = after
        .strip_prefix(", ")
        .or_else(|| after.strip_prefix(": "))
        .or_else(|| after.strip_prefix("- "))
        .or_else(|| after.strip_prefix("— "))
        .or_else(|| after.strip_prefix("– "))
    else {
        return false;
    };
    let clause = a.split(['.', '!', '?', ',', ';', '(']).next().unwrap_or("");
    let mut words = clause.split_whitespace().take(6).peekable();
    while let Some(w) = words.next() {
        let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        // "Daniela Ochoa, from Eagle Pass": a capitalised animal word before another
        // capitalised word is part of a place's name.
        if w.starts_with(char::is_uppercase)
            && words
                .peek()
                .is_some_and(|next| next.starts_with(char::is_uppercase))
        {
            continue;
        }
        let l = w.to_ascii_lowercase();
        // "Brooks, a toddler in a dinosaur onesie": a person comes first.
        if matches!(
            l.as_str(),
            "his"
                | "her"
                | "their"
                | "my"
                | "su"
                | "sus"
                | "with"
                | "con"
                | "toddler"
                | "boy"
                | "girl"
                | "kid"
                | "child"
                | "teen"
                | "patient"
                | "paciente"
                | "man"
                | "woman"
                | "niño"
                | "niña"
        ) {
            return false;
        }
        if ANIMALS.contains(&l.as_str())
            || l.strip_suffix('s')
                .is_some_and(|one| ANIMALS.contains(&one))
        {
            return true;
        }
    }
    false
}

/// The text after the list that the name ending at `end` opens or continues ("Joy, Faith and
/// Hope: ..." after "Joy" is ": ..."): capitalised items joined by commas or "and".
pub(crate) fn after_list(text: &str, end: usize) -> &str {
    let mut rest = &text[end..];
    for _ in 0..8 {
        let Some(next) = [", and ", ", y ", ", ", " and ", " y ", " & "]
            .iter()
            .find_map(|sep| rest.strip_prefix(sep))
        else {
            break;
        };
        if !next.starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        let len = next
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .unwrap_or(next.len());
        rest = &next[len..];
    }
    rest
}

/// "to Santiago de Compostela", "en San Juan de los Lagos": a given name after a word of
/// travel and followed by "de" and a word that is no name is a place.
pub(super) fn place_with_de(toks: &Tokens, lex: &Lexicon, i: usize) -> bool {
    let n = toks.toks.len();
    if i == 0 || i + 2 >= n || !matches!(toks.folded(i + 1), "de" | "del") {
        return false;
    }
    if !matches!(
        toks.folded(i - 1),
        "to" | "in" | "from" | "near" | "visiting" | "en" | "a" | "desde" | "hasta" | "hacia"
    ) {
        return false;
    }
    // "Mil gracias a Lalo de Pleasanton", "thanks to Lupe from ...": thanked, not travelled to.
    if i > 1
        && matches!(
            toks.folded(i - 2),
            "gracias" | "thanks" | "felicidades" | "abrazos" | "saludos" | "congrats" | "shoutout"
        )
    {
        return false;
    }
    let k = if matches!(toks.folded(i + 2), "la" | "las" | "los" | "el") {
        i + 3
    } else {
        i + 2
    };
    k < n
        && toks.toks[k].case == Case::Title
        && (lex.cities.contains(toks.folded(k)) || !toks.is(k, f::FIRST | f::LAST))
}

/// "born in Kingston, Jamaica", "from Sydney, Australia": a word after "in" or "from" and
/// before a comma and a country is a town.
pub(super) fn town_of_country(toks: &Tokens, i: usize) -> bool {
    i > 0
        && i + 1 < toks.toks.len()
        && matches!(
            toks.folded(i - 1),
            "in" | "from" | "near" | "outside" | "en" | "desde" | "cerca"
        )
        && toks.gap_before(i + 1) == ", "
        && toks.toks[i + 1].case == Case::Title
        && toks.is(i + 1, f::NEVER)
        && !toks.is(i + 1, f::FIRST)
}

/// "Dr. Rex 🦖", "Biscuit 🐶": a name with an animal right after it is a pet's or a
/// mascot's.
pub(super) fn animal_emoji_after(after: &str) -> bool {
    // "Say hi to Murphy! 🐾": a paw or a dog or cat after an exclamation ("baby Bear! 🐻" is a
    // child's nickname).
    if let Some(a) = after.strip_prefix('!') {
        return a
            .trim_start()
            .starts_with(['🐾', '🐶', '🐕', '🐩', '🐱', '🐈']);
    }
    let a = after.trim_start_matches([',', ' ']);
    a.starts_with([
        '🐶', '🐕', '🐩', '🐱', '🐈', '🐴', '🐎', '🦖', '🦕', '🐰', '🐇', '🦜', '🐢', '🐠', '🐹',
        '🐾', '🦄', '🐻', '🐼', '🦁', '🐯', '🐸', '🐷', '🐮', '🐧', '🦉', '🐊', '🐉', '🤖',
    ])
}

/// "a small robot named Rex", "our new puppy, called 'Biscuit'", "Rufus the Riverside Otter":
/// the name of an animal, a robot or a mascot.
pub(crate) fn animal_named(toks: &Tokens, i: usize) -> bool {
    let n = toks.toks.len();
    let named = i > 0
        && matches!(
            toks.folded(i - 1),
            "named" | "called" | "llamado" | "llamada" | "nombrado" | "nombrada"
        )
        && (i.saturating_sub(5)..i - 1).any(|k| ANIMALS.contains(&toks.folded(k)));
    let the_animal = i + 2 < n
        && matches!(toks.folded(i + 1), "the" | "la" | "el")
        && (i + 2..(i + 5).min(n)).any(|k| ANIMALS.contains(&toks.folded(k)));
    // "Colin the Caterpillar", "Thomas the Tank Engine": a capitalised common noun after
    // "the" makes the name a character's; a job after it ("Maria the Nurse", "Marisa the
    // Barista", "Jose the Barber") does not.
    let job = |w: &str| {
        [
            "er", "or", "ist", "ista", "man", "woman", "ess", "ian", "ero", "era",
        ]
        .iter()
        .any(|s| w.ends_with(s))
    };
    let the_epithet = i + 2 < n
        && toks.folded(i + 1) == "the"
        && !job(toks.folded(i + 2))
        && toks.gap_before(i + 1) == " "
        && toks.gap_before(i + 2) == " "
        && toks.toks[i + 2].case == Case::Title
        && toks.is(i + 2, f::WORD)
        && !toks.is(
            i + 2,
            f::TITLE | f::STAFF_TITLE | f::KIN | f::CPERSON | f::FIRST | f::INSTIT | f::PLACEPFX,
        );
    // "therapy dogs (like our boy Gus!) visit Mon/Wed": an example of the animals just named.
    let example = toks.toks[i].case != Case::Lower
        && (i.saturating_sub(4)..i).any(|k| {
            matches!(toks.folded(k), "like" | "como" | "including" | "incl")
                && k > 0
                && ANIMALS.contains(&toks.folded(k - 1))
                && matches!(toks.gap_before(k), " " | " (")
        });
    // "Good boy, Biscuit.", "good girl Luna!": what people say to a dog, in a post about
    // one ("good girl, Emma! Brave as a lion" stays a child's name).
    let praised_pet = i > 1
        && toks.folded(i - 2) == "good"
        && matches!(toks.folded(i - 1), "boy" | "girl")
        && matches!(toks.gap_before(i), " " | ", ")
        && (i.saturating_sub(40)..(i + 20).min(n)).any(|k| {
            matches!(
                toks.folded(k),
                "dog" | "dogs" | "pup" | "puppy" | "doggo" | "canine" | "k9" | "cat" | "kitty"
            )
        });
    // "Harold is the training mannequin our students lift": what the name is, said outright.
    let is_the_animal = i + 3 < n
        && matches!(toks.folded(i + 1), "is" | "es")
        && matches!(
            toks.folded(i + 2),
            "the" | "our" | "a" | "el" | "la" | "nuestro" | "nuestra"
        )
        && (i + 3..(i + 6).min(n)).any(|k| {
            // Not "Sofia is a brave little lion": only what no child is called.
            toks.toks[k].sentence == toks.toks[i].sentence
                && matches!(
                    toks.folded(k),
                    "mannequin" | "manikin" | "robot" | "mascot" | "dog" | "puppy" | "cat" | "pony"
                )
        });
    // "Therapy dog handler Ben Kowalski and Mabel visited": the handler and the dog.
    let handled = i > 1
        && matches!(toks.folded(i - 1), "and" | "y")
        && (i.saturating_sub(6)..i - 1).any(|k| {
            k > 0
                && matches!(toks.folded(k), "handler" | "handlers")
                && ANIMALS.contains(&toks.folded(k - 1))
        });
    // "Penny & Louie are at the groomer": no child goes there (asked last: it reads ahead).
    let groomed = || {
        (i + 1..(i + 8).min(n)).any(|k| {
            toks.toks[k].sentence == toks.toks[i].sentence
                && matches!(toks.folded(k), "groomer" | "groomers" | "grooming")
        })
    };
    named
        || the_animal
        || the_epithet
        || example
        || praised_pet
        || is_the_animal
        || handled
        || groomed()
}

/// "Therapy dog Biscuit": the word right after an animal. Weaker than [`animal_named`]: a
/// child may share the dog's name ("our therapy dog Hope visited Hope Adebayo-Moss").
pub(crate) fn after_animal(toks: &Tokens, i: usize) -> bool {
    i > 0
        && toks.gap_before(i) == " "
        && toks.toks[i - 1].case == Case::Lower
        && ANIMALS.contains(&toks.folded(i - 1))
}

/// "Shakespeare's Juliet", "Disney's Elsa": a character, after its author's possessive (and
/// the author is no patient either).
pub(super) fn character_of(toks: &Tokens, i: usize) -> bool {
    const AUTHORS: &[&str] = &[
        "shakespeare",
        "dickens",
        "austen",
        "tolkien",
        "rowling",
        "disney",
        "pixar",
        "marvel",
        "cervantes",
        "seuss",
        "carroll",
        "twain",
    ];
    // The author's word, whether the tokenizer kept the "'s" on it or in the gap after it.
    let author = |k: usize| {
        let raw = toks.folded(k);
        let word = raw
            .strip_suffix("'s")
            .or_else(|| raw.strip_suffix("’s"))
            .unwrap_or(raw);
        let possessive = word.len() < raw.len()
            || (k + 1 < toks.toks.len() && {
                let gap = toks.gap_before(k + 1);
                gap.starts_with("'s ") || gap.starts_with("’s ")
            });
        possessive && AUTHORS.contains(&word)
    };
    // "Dickens's Tiny Tim": up to two capitalised words after the author.
    author(i)
        || (i > 0 && author(i - 1))
        || (i > 1 && toks.toks[i - 1].case == Case::Title && author(i - 2))
}

/// "a trip to Santiago", "viaje a Santiago", "the Virgen de Guadalupe": a given name after a
/// word of travel is a destination, after a saint's title a devotion.
pub(super) fn destination_or_devotion(toks: &Tokens, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let prev = toks.folded(i - 1);
    if matches!(prev, "virgen" | "san" | "santa" | "santo" | "saint")
        || (prev == "senora" && i > 1 && toks.folded(i - 2) == "nuestra")
        // "la Parroquia San Judas Tadeo": the second word of a saint's name.
        || (i > 1
            && matches!(toks.folded(i - 2), "san" | "santa" | "santo" | "saint")
            && toks.toks[i - 1].case == Case::Title
            && toks.gap_before(i - 1) == " "
            && toks.gap_before(i) == " ")
    {
        return true;
    }
    i > 1
        && matches!(prev, "to" | "a" | "in" | "en")
        && matches!(
            toks.folded(i - 2),
            "trip"
                | "travel"
                | "traveling"
                | "travelling"
                | "flying"
                | "flight"
                | "vacation"
                | "holiday"
                | "viaje"
                | "viajar"
                | "viajas"
                | "vuelo"
                | "vacaciones"
        )
}

/// "The Urgent Treatment Centre in Weston", "Park Hospital in Trafford": the town after a
/// named institution and "in" is where the institution is, not anyone's name or home.
pub(crate) fn town_of_institution(toks: &Tokens, i: usize) -> bool {
    i > 1
        && matches!(toks.folded(i - 1), "in" | "en")
        && toks.toks[i - 2].case == Case::Title
        && matches!(
            toks.folded(i - 2),
            "hospital"
                | "clinic"
                | "centre"
                | "center"
                | "surgery"
                | "practice"
                | "hospice"
                | "infirmary"
                | "school"
                | "college"
                | "university"
                | "library"
                | "church"
                | "clinica"
                | "hospicio"
        )
}

pub(super) fn institution_follows(toks: &Tokens, i: usize) -> bool {
    let mut k = i;
    for step in 0..4 {
        let n = k + 1;
        // "Dorothy & Walter Hemmings Family Pavilion", "the Charles H. Mayo lecture": donors
        // joined by an ampersand and middle initials stay inside the name of the place.
        let initial =
            matches!(toks.toks[k].case, Case::Upper | Case::Title) && toks.raw(k).len() == 1;
        if n >= toks.toks.len()
            || !(matches!(toks.gap_before(n), " " | "-" | "'s " | "’s " | " & ")
                || (initial && toks.gap_before(n) == ". "))
        {
            return false;
        }
        let case = toks.toks[n].case;
        let cased = case == Case::Title || case == Case::Upper;
        // "Apgar scores", "Hopkins Hospitals": the plural is the same thing, unless it is a
        // surname ("Mr. Tom Banks", "Lionel Parks").
        let plural = toks
            .folded(n)
            .strip_suffix('s')
            .filter(|w| lexicon::get().class(w) & f::INSTIT != 0 && !toks.is(n, f::LAST));
        // "Waterloo Parks & Rec", "Parks and Recreation": a town's department.
        let rec = |r: usize| r < toks.toks.len() && matches!(toks.folded(r), "rec" | "recreation");
        if toks.folded(n) == "parks"
            && n + 1 < toks.toks.len()
            && ((toks.gap_before(n + 1) == " & " && rec(n + 1))
                || (toks.folded(n + 1) == "and" && rec(n + 2)))
        {
            return true;
        }
        if toks.is(n, f::INSTIT) || plural.is_some() {
            // "Mercy Hospital", "Johns Hopkins University": capitalised institution words.
            // Lower case only for eponyms right after the name ("Tommy John surgery",
            // "Bell's palsy"), not for a person's own ("Mr. Osei's surgery").
            let w = plural.unwrap_or(toks.folded(n));
            let eponym = matches!(
                w,
                "disease"
                    | "syndrome"
                    | "palsy"
                    | "lymphoma"
                    | "sarcoma"
                    | "tumor"
                    | "test"
                    | "scale"
                    | "sign"
                    | "law"
                    | "method"
                    | "maneuver"
                    | "procedure"
                    | "score"
                    | "surgery"
                    | "reflex"
            );
            let possessive = toks.possessive(k);
            // "Carter's Room – knock first!": a person's own room, not a named one.
            if possessive && w == "room" {
                return false;
            }
            // "ITS ME OWEN ROOM 412": a room number after the name, not a room named for it.
            if w == "room" && n + 1 < toks.toks.len() && toks.toks[n + 1].numeric {
                return false;
            }
            // "the Marion library", "the Jackson campus": a place named for the word.
            let named_place = step == 0
                && !possessive
                && i > 0
                && toks.folded(i - 1) == "the"
                && matches!(
                    w,
                    "library"
                        | "park"
                        | "school"
                        | "campus"
                        | "building"
                        | "garage"
                        | "center"
                        | "centre"
                        | "hall"
                        | "church"
                        | "branch"
                        | "office"
                        | "clinic"
                        | "pavilion"
                        | "wing"
                        | "tower"
                        | "auditorium"
                );
            // "this year's Charles H. Mayo lecture": a named lecture, in any case.
            // "the UNICEF Baby Friendly Gold award": a named award, in any case.
            let lecture = matches!(w, "lecture" | "lectureship" | "oration")
                || (matches!(w, "award" | "awards" | "prize") && step > 0);
            return cased
                || named_place
                || lecture
                || (step == 0
                    && eponym
                    && (!possessive || matches!(w, "disease" | "syndrome" | "palsy")));
        }
        if !cased {
            return false;
        }
        k = n;
    }
    false
}
