//! Names that are no one's private identity: public figures after their office or famous in
//! health posts, brands named for people, costume characters. Cleared after the token pass.

use super::cues::{Cue, PERSON_NOUNS};
use crate::phi::lexicon::{self, f};
use crate::phi::text::{fold, Case, Tokens};
use crate::phi::Cand;
use crate::Kind;

/// Characters children dress up as, that share given names ("Spider-Man and Elsa will be
/// there", "going as Elsa again").
const CHARACTERS: &[&str] = &[
    "elsa",
    "anna",
    "olaf",
    "moana",
    "ariel",
    "belle",
    "cinderella",
    "rapunzel",
    "mulan",
    "jasmine",
    "aurora",
    "tiana",
    "merida",
    "simba",
    "woody",
    "buzz",
    "jessie",
    "shrek",
    "fiona",
    "peppa",
    "bluey",
    "bingo",
    "chase",
    "marshall",
    "skye",
    "elmo",
    "barbie",
    "mario",
    "luigi",
    "pikachu",
    "batman",
    "superman",
    "minnie",
    "mickey",
    "goofy",
    "stitch",
    "lilo",
    "nemo",
    "dory",
    "yoda",
    "grinch",
    "rudolph",
    "mirabel",
    "luisa",
    "isabela",
    "camilo",
    "pepa",
    "bruno",
    "wednesday",
    "spidey",
    "hulk",
    "kermit",
    "dorothy",
];

/// Things sold with a character's face or name on them ("an Elsa wand").
const MERCHANDISE: &[&str] = &[
    // "lose (badly) at Mario Kart": a game.
    "kart",
    "wand",
    "dress",
    "doll",
    "toy",
    "toys",
    "plush",
    "backpack",
    "balloon",
    "balloons",
    "cake",
    "sticker",
    "stickers",
    "blanket",
    "pajamas",
    "pyjamas",
    "shirt",
    "t-shirt",
    "hat",
    "cup",
    "lunchbox",
    "mask",
    "figure",
    "figurine",
    "book",
    "books",
    "slippers",
    "sneakers",
    "shoes",
    "crown",
    "tiara",
    "umbrella",
    "pillow",
    "band-aids",
    "bandaids",
    "plasters",
    "muñeca",
    "vestido",
    "pastel",
    "globo",
    "globos",
];

/// Words that show characters are about: any of these in the post makes a listed character
/// name the character.
const CHARACTER_CUES: &[&str] = &[
    // Encanto ("encanto" alone is Spanish for a charm).
    "talk about bruno",
    "habla de bruno",
    "from encanto",
    "de encanto",
    "encanto-themed",
    "encanto themed",
    "the madrigals",
    "wizard of oz",
    "night in oz",
    "ruby slippers",
    "yellow brick road",
    "tin man",
    "spider-man",
    "spiderman",
    "spidey",
    "batman",
    "superman",
    "superhero",
    "superheroes",
    "bluey",
    "peppa",
    "olaf",
    "frozen",
    "disney",
    "pikachu",
    "elmo",
    "paw patrol",
    "costume",
    "costumes",
    "dressed as",
    "dressed up",
    "dress up",
    "moana",
    "wonder woman",
    "going as",
    "princess",
    "princesses",
    "halloween",
    "trick-or-treat",
    "cosplay",
    "muppet",
    "stuffed animals",
    "🦸",
    "❄️",
];

/// Clears names that are no one's private identity: a public figure after their office
/// (and that figure named again later), a character in a costume post, a pet's coined name
/// after a mock title ("Sir Barksalot 🐾"), and contractions ("We'll").
pub(super) fn not_patients(
    toks: &Tokens,
    public: &PublicFigures,
    accepted: &mut [Option<(&'static str, Option<Cue>)>],
) {
    let lex = lexicon::get();
    for (k, slot) in accepted.iter_mut().enumerate() {
        if slot.is_none() {
            continue;
        }
        if toks.raw(k).contains(['\'', '’']) && !toks.possessive(k) {
            let low = toks.folded(k);
            if ["'ll", "'re", "'ve", "'d", "'m"]
                .iter()
                .any(|c| low.ends_with(c))
                || low.ends_with("n't")
            {
                *slot = None;
            }
        }
    }
    for &k in &public.teams {
        accepted[k] = None;
    }
    if !public.words.is_empty() {
        for (k, slot) in accepted.iter_mut().enumerate() {
            if public.words.binary_search(&toks.folded(k)).is_ok() {
                *slot = None;
            }
        }
    }
    let lower = std::cell::OnceCell::new();
    let lower = || lower.get_or_init(|| toks.text.to_lowercase());
    // Asked once per post, not once per name: a huge line of characters stays linear.
    let character_talk = std::cell::OnceCell::new();
    let character_talk =
        || *character_talk.get_or_init(|| CHARACTER_CUES.iter().any(|c| lower().contains(c)));
    let pet_talk = std::cell::OnceCell::new();
    let pet_talk = || {
        *pet_talk.get_or_init(|| {
            ["🐾", "woof", "meow", "🐶", "🐱", "purr", "bark", "paws"]
                .iter()
                .any(|c| lower().contains(c))
        })
    };
    for (k, slot) in accepted.iter_mut().enumerate() {
        let Some((reason, cue)) = *slot else {
            continue;
        };
        let w = toks.folded(k);
        let aged = reason.contains("age") || reason.contains("life event");
        // "Spider-Man and Elsa will be there": a character among characters, unless a kin
        // word or a title says it is a child's own name.
        // "1 Elsa wand", "a Bluey cake": the character's merchandise.
        let merchandise = k + 1 < toks.toks.len()
            && toks.gap_before(k + 1) == " "
            && MERCHANDISE.contains(&toks.folded(k + 1));
        if cue.is_none()
            && !aged
            && CHARACTERS.contains(&w)
            && (merchandise || character_talk())
            // "Mirabel de la clínica de asma, te guardamos la primera fila": a child, not the
            // character.
            && !super::member_of_group(&toks.text[toks.toks[k].end..])
        {
            *slot = None;
            continue;
        }
        // "Sir Barksalot says woof back! 🐾": a coined word after a mock title, with pets about.
        if k > 0
            && matches!(cue, Some(Cue::Title))
            && matches!(
                toks.folded(k - 1),
                "sir" | "lady" | "mr" | "miss" | "captain" | "princess"
            )
            && !lex.first.contains(w)
            && !lex.last.contains(w)
            && pet_talk()
        {
            *slot = None;
        }
    }
}

/// Public figures named right after their office in a post ("Governor Kim Reynolds",
/// "Bengals QB Joe Burrow"). Empty when the post tells of someone's care: a councilwoman can
/// be admitted too. Found once per scan, used by [`find`](super::find) and [`drop_public_figures`].
#[derive(Default)]
pub(crate) struct PublicFigures<'a> {
    /// Folded words of their names and offices.
    words: Vec<&'a str>,
    /// Token indexes of the teams before an office ("Bengals").
    teams: Vec<usize>,
}

impl<'a> PublicFigures<'a> {
    pub(crate) fn find(toks: &'a Tokens) -> PublicFigures<'a> {
        let n = toks.toks.len();
        let mut found = PublicFigures::default();
        let mut care_checked = false;
        for k in 0..n.saturating_sub(1) {
            // "la famosa partera Ina May Gaskin", "the famous explorer": fame and a calling.
            let famed = k + 2 < n
                && matches!(
                    toks.folded(k),
                    "famous" | "famed" | "renowned" | "legendary" | "famosa" | "famoso"
                )
                && toks.toks[k + 1].case == Case::Lower
                && toks.gap_before(k + 1) == " "
                && !toks.is(k + 1, f::KIN)
                && !PERSON_NOUNS.contains(&toks.folded(k + 1));
            if !toks.is(k, f::ROLE) && !famed {
                continue;
            }
            // "Rotary president Doug Brandt", "PTA president": a club's officer is a private
            // person, not a public figure.
            if k > 0
                && matches!(
                    toks.folded(k - 1),
                    "rotary"
                        | "lions"
                        | "kiwanis"
                        | "pta"
                        | "pto"
                        | "club"
                        | "booster"
                        | "boosters"
                        | "auxiliary"
                        | "guild"
                        | "hoa"
                )
            {
                continue;
            }
            if !care_checked {
                care_checked = true;
                let l = toks.text.to_lowercase();
                if [
                    "admitted",
                    "condition",
                    "hospitali",
                    "surgery",
                    "passed away",
                    "died",
                    "diagnos",
                    "treated",
                    "discharged",
                    "recovering",
                    "recovery from",
                    "injured",
                    "in a crash",
                    "bike crash",
                    "car crash",
                    "an accident",
                    "ingresad",
                    "internad",
                    "falleci",
                ]
                .iter()
                .any(|c| l.contains(c))
                {
                    // Only the people of history below are left.
                    found = PublicFigures::default();
                    break;
                }
            }
            // Up to three capitalised words right after the office, or after the office, a
            // comma and a title ("Our founder, Dr. Harold Bixby").
            let mut first = k + 1 + usize::from(famed);
            if first + 1 < n
                && toks.gap_before(first) == ", "
                && toks.is(first, f::TITLE | f::STAFF_TITLE)
                && matches!(toks.gap_before(first + 1), " " | ". ")
            {
                first += 1;
            }
            let mut j = first;
            while j < n && j <= first + 2 && toks.toks[j].case == Case::Title && {
                let g = toks.gap_before(j);
                g == " " || (j == k + 1 && g == ". ") || (j == first && first > k + 1)
            } {
                found.words.push(toks.folded(j));
                j += 1;
            }
            if j > first {
                // "Lt. Governor Husted": the office is part of the name found.
                found.words.push(toks.folded(k));
                if k > 0 && toks.toks[k - 1].case == Case::Title && toks.gap_before(k) == " " {
                    found.teams.push(k - 1);
                }
            }
        }
        historical(toks, &mut found.words);
        long_ago(toks, &mut found.words);
        famous_kin(toks, &mut found.words);
        glossed(toks, &mut found.words);
        peoples(toks, &mut found.words);
        names_of_no_one(toks, &mut found.words);
        // Sorted once, searched per token.
        found.words.sort_unstable();
        found.words.dedup();
        found
    }
}

/// A word the post translates ("'Nour' means light in Arabic", "'Amal' significa
/// esperanza"): a word of a language, wherever the post uses it ("the Nour Room").
fn glossed<'a>(toks: &'a Tokens, words: &mut Vec<&'a str>) {
    let quote = ['\'', '"', '‘', '’', '“', '”'];
    for k in 0..toks.toks.len().saturating_sub(1) {
        // Most gaps are one space: the closing quote's first byte rules them out at once.
        let closing = toks.gap_before(k + 1);
        if matches!(closing.as_bytes().first(), Some(b'\'' | b'"' | 0xE2))
            && closing.starts_with(quote)
            && toks.gap_before(k).ends_with(quote)
            && matches!(
                toks.folded(k + 1),
                "means" | "meaning" | "meant" | "significa" | "significado"
            )
        {
            words.push(toks.folded(k));
        }
    }
}

/// Names no one in the post bears: performers a post plays or sings, listed after "the songs
/// of", "music by", "we play", "canciones de" ("we play Javier Solís, Lola Beltrán and Los
/// Panchos"), and names offered to anyone who has them ("todos los peques que se llaman Rafael
/// o Rafaela", "free cupcakes for everyone named Noel").
fn names_of_no_one<'a>(toks: &'a Tokens, words: &mut Vec<&'a str>) {
    let n = toks.toks.len();
    for k in 1..n.saturating_sub(1) {
        let (prev, w) = (toks.folded(k - 1), toks.folded(k));
        // Matched on the second word first: few tokens are one of these five.
        let cue = match w {
            "of" | "by" => matches!(
                prev,
                "songs" | "song" | "hits" | "music" | "tunes" | "classics" | "ballads" | "albums"
            ),
            "de" => matches!(
                prev,
                "canciones" | "cancion" | "musica" | "boleros" | "exitos" | "rancheras" | "discos"
            ),
            "play" | "played" | "sang" | "sing" => matches!(prev, "we" | "they" | "i"),
            "to" => matches!(prev, "dance" | "danced" | "dancing"),
            "with" => matches!(prev, "loaded" | "playlists" | "playlist"),
            "named" | "called" | "llaman" | "llamen" => (k.saturating_sub(6)..k).any(|m| {
                matches!(
                    toks.folded(m),
                    "all"
                        | "any"
                        | "anyone"
                        | "anybody"
                        | "everyone"
                        | "every"
                        | "todos"
                        | "todas"
                        | "cualquier"
                )
            }),
            _ => false,
        };
        if !cue || toks.gap_before(k) != " " || toks.toks[k - 1].sentence != toks.toks[k].sentence {
            continue;
        }
        // The listed names: runs of up to four capitalised words joined by commas or "and",
        // an article allowed before each ("the Andrews Sisters").
        let sentence = toks.toks[k].sentence;
        let mut j = k + 1;
        for _ in 0..10 {
            if j < n && matches!(toks.folded(j), "the" | "los" | "las" | "la" | "el") {
                j += 1;
            }
            let start = j;
            while j < n
                && j < start + 4
                && toks.toks[j].sentence == sentence
                && toks.toks[j].case == Case::Title
                && (j == start || toks.gap_before(j) == " ")
                // "we played Rosa's favourite hymn": whose song, not who sings it.
                && !toks.possessive(j)
            {
                words.push(toks.folded(j));
                j += 1;
            }
            if j == start || j >= n || toks.toks[j].sentence != sentence {
                break;
            }
            match toks.gap_before(j) {
                ", " | " & " => {
                    if matches!(toks.folded(j), "and" | "y" | "or" | "o") {
                        j += 1;
                    }
                }
                " " if matches!(toks.folded(j), "and" | "y" | "or" | "o") => j += 1,
                _ => break,
            }
        }
    }
}

/// Peoples whose name is also a given name, told by the noun after it or the branch before it
/// ("elders from the Karen community", "Sgaw Karen"): the people, wherever the post says it.
fn peoples<'a>(toks: &'a Tokens, words: &mut Vec<&'a str>) {
    let n = toks.toks.len();
    for k in 0..n {
        let w = toks.folded(k);
        if !matches!(w, "karen" | "chin") || toks.toks[k].case != Case::Title {
            continue;
        }
        let next = if k + 1 < n && toks.gap_before(k + 1) == " " {
            toks.folded(k + 1)
        } else {
            ""
        };
        if matches!(
            next,
            "community"
                | "communities"
                | "families"
                | "people"
                | "peoples"
                | "elders"
                | "refugees"
                | "language"
                | "church"
                | "churches"
                | "culture"
                | "state"
                | "woven"
                | "new"
        ) {
            words.push(w);
        } else if k > 0 && toks.gap_before(k) == " " {
            let prev = toks.folded(k - 1);
            if matches!(prev, "sgaw" | "pwo") {
                words.extend([prev, w]);
            }
        }
    }
}

/// People given their lifespan who died more than fifty years ago, when the Privacy Rule
/// stops protecting a person's records: "Irish surgeon Abraham Colles (1773–1843)".
fn historical<'a>(toks: &'a Tokens, words: &mut Vec<&'a str>) {
    let n = toks.toks.len();
    for k in 1..n.saturating_sub(1) {
        let (born, died) = (&toks.toks[k], &toks.toks[k + 1]);
        if !born.numeric
            || born.end - born.start != 4
            || died.end - died.start != 4
            || toks.gap_before(k) != " ("
            || !matches!(toks.gap_before(k + 1), "–" | "-" | "—")
            || !toks.text[died.end..].starts_with(')')
        {
            continue;
        }
        let year = |i: usize| toks.raw(i).parse::<u16>().unwrap_or(0);
        if !(year(k) < year(k + 1) && year(k + 1) <= 1975) {
            continue;
        }
        let mut j = k;
        while j > 0 && j + 3 > k && toks.toks[j - 1].case == Case::Title {
            words.push(toks.folded(j - 1));
            j -= 1;
            if j == 0 || toks.gap_before(j) != " " {
                break;
            }
        }
    }
}

/// The relative a famous person's own story names: "Roald Dahl lost his daughter Olivia to
/// measles". The famous name must come first in the same sentence.
fn famous_kin<'a>(toks: &'a Tokens, words: &mut Vec<&'a str>) {
    let n = toks.toks.len();
    let lex = lexicon::get();
    for k in 1..n.saturating_sub(1) {
        if !toks.is(k, f::KIN)
            || !matches!(toks.folded(k - 1), "his" | "her" | "their" | "su" | "sus")
            || toks.toks[k + 1].case != Case::Title
            || toks.gap_before(k + 1) != " "
        {
            continue;
        }
        let sentence = toks.toks[k].sentence;
        // The famous person is the sentence's subject ("a retired John Deere engineer" is not).
        let famous_before = (k.saturating_sub(25)..k.saturating_sub(2)).any(|s| {
            toks.toks[s].sentence == sentence
                && toks.toks[s].sentence_start
                && toks.toks[s].case == Case::Title
                && (1..=2).any(|len| {
                    s + len < k - 1
                        && (s + 1..=s + len).all(|m| toks.gap_before(m) == " ")
                        && lex.is_famous(toks.phrase(s, s + len))
                })
        });
        if !famous_before {
            continue;
        }
        let mut j = k + 1;
        while j < n && j <= k + 2 && toks.toks[j].case == Case::Title {
            words.push(toks.folded(j));
            if j + 1 >= n || toks.gap_before(j + 1) != " " {
                break;
            }
            j += 1;
        }
    }
}

/// Full names in a sentence set long ago, before anyone now living was born: "in 1796,
/// Edward Jenner…", "Hace más de 200 años, Francisco Javier de Balmis llevó la vacuna…". A
/// birth in such a sentence ("born in 1899") is a living person's age, so it keeps its names.
fn long_ago<'a>(toks: &'a Tokens, words: &mut Vec<&'a str>) {
    let old_sentences = sentences_set_long_ago(toks);
    if old_sentences.is_empty() {
        return;
    }
    let n = toks.toks.len();
    let particle = |k: usize| {
        matches!(
            toks.folded(k),
            "de" | "del" | "la" | "van" | "von" | "da" | "di" | "y"
        )
    };
    let mut k = 0;
    while k < n {
        if old_sentences.binary_search(&toks.toks[k].sentence).is_err()
            || toks.toks[k].case != Case::Title
        {
            k += 1;
            continue;
        }
        // A run of capitalised words, with a surname's particles inside it.
        let mut j = k;
        let mut capitals = 1;
        while j + 1 < n && toks.gap_before(j + 1) == " " {
            if toks.toks[j + 1].case == Case::Title {
                capitals += 1;
                j += 1;
            } else if j + 2 < n
                && particle(j + 1)
                && toks.gap_before(j + 2) == " "
                && toks.toks[j + 2].case == Case::Title
            {
                j += 1;
            } else {
                break;
            }
        }
        if capitals >= 2 {
            words.extend((k..=j).map(|m| toks.folded(m)));
        }
        k = j + 1;
    }
}

/// The sentences that give a year before 1901 ("in 1796"), the founding of a hospital before
/// 1951, or a time at least 126 years ago ("hace más de 200 años"), and tell of no birth.
fn sentences_set_long_ago(toks: &Tokens) -> Vec<u32> {
    let n = toks.toks.len();
    // The tokens of sentence `s` (tokens are in sentence order).
    let sentence_words = |s: u32| {
        let first = toks.toks.partition_point(|t| t.sentence < s);
        (first..n)
            .take_while(move |&j| toks.toks[j].sentence == s)
            .map(|j| toks.folded(j))
    };
    let mut old_sentences: Vec<u32> = Vec::new();
    // Whether the last sentence asked about tells of a founding: asked once per sentence.
    let mut founding_of: Option<(u32, bool)> = None;
    for k in 0..n {
        let t = &toks.toks[k];
        if !t.numeric || old_sentences.last() == Some(&t.sentence) {
            continue;
        }
        let raw = toks.raw(k);
        let digits = raw.bytes().take_while(u8::is_ascii_digit).count();
        let value = raw[..digits].parse::<u32>().unwrap_or(0);
        let prev = if k > 0 { toks.folded(k - 1) } else { "" };
        let next = |d: usize| if k + d < n { toks.folded(k + d) } else { "" };
        // "in 1796", "en 1803", "the 1800s": a year before 1901; before 1951 for the founding
        // of a hospital ("founded in 1921 by Dr. Cornelius Ashby").
        let mut founding = || match founding_of {
            Some((s, f)) if s == t.sentence => f,
            _ => {
                let f = sentence_words(t.sentence).any(|w| {
                    matches!(
                        w,
                        "founded"
                            | "founder"
                            | "established"
                            | "fundo"
                            | "fundada"
                            | "fundado"
                            | "fundador"
                            | "fundadora"
                    )
                });
                founding_of = Some((t.sentence, f));
                f
            }
        };
        // "en 1418 Buena Vista St": a house number, not a year.
        let street_after =
            k + 1 < n && toks.toks[k + 1].case != Case::Lower && toks.gap_before(k + 1) == " ";
        // "the 1800s", not "de 1600m" (a distance).
        let unit_after = k + 1 < n && toks.gap_before(k + 1).is_empty() && toks.raw(k + 1) != "s";
        let old_year = digits == 4
            && matches!(&raw[digits..], "" | "s")
            && !unit_after
            && !street_after
            && (value <= 1900 || value <= 1950 && founding())
            && value >= 1500
            && matches!(
                prev,
                "in" | "en" | "since" | "desde" | "of" | "de" | "the" | "los" | "early" | "late"
            );
        // "200 years ago", "hace más de 200 años".
        let years_ago = value >= 126
            && digits <= 4
            && ((matches!(next(1), "years" | "yrs") && next(2) == "ago")
                || (next(1) == "anos"
                    && (k.saturating_sub(3)..k).any(|j| toks.folded(j) == "hace")));
        if old_year || years_ago {
            old_sentences.push(t.sentence);
        }
    }
    let born = |s: u32| {
        sentence_words(s).any(|w| matches!(w, "born" | "nacio" | "nacida" | "nacido" | "b"))
    };
    old_sentences.retain(|&s| !born(s));
    old_sentences
}

/// Drops names found by any rule that are a public figure's ("Kim Reynolds" after "Governor",
/// and "Manu" again after "Spurs legend Manu Ginóbili").
pub(crate) fn drop_public_figures(toks: &Tokens, public: &PublicFigures, cands: &mut Vec<Cand>) {
    if public.words.is_empty() {
        return;
    }
    cands.retain(|c| {
        c.kind != Kind::PersonName
            || !toks.text[c.start..c.end]
                .split_whitespace()
                .all(|w| public.words.binary_search(&fold(w).as_str()).is_ok())
    });
}

/// Brands named for people ("Ben & Jerry's", "Jack Daniel's"): lower case, straight
/// apostrophes, as written between the first and last token.
const BRANDS: &[&str] = &[
    "ben & jerry's",
    "jack daniel's",
    "jack daniels",
    "trader joe's",
    "papa john's",
    "mrs. fields",
    "dr. pepper",
    "wendy's",
    "mcdonald's",
    "dunkin'",
    "uncle ben's",
    "marks & spencer",
    "sainsbury's",
    "victoria's secret",
    "johnson & johnson",
    "procter & gamble",
    "ben and jerry's",
    "wallace & gromit",
    "wallace & gromit's",
];

pub(super) fn brand(toks: &Tokens, i: usize, j: usize) -> bool {
    let raw = &toks.text[toks.toks[i].start..toks.toks[j].end];
    // Every brand above has an apostrophe, an ampersand or a period: most names have none.
    raw.len() <= 24 && raw.contains(['\'', '’', '&', '.']) && {
        let l = raw.to_lowercase().replace('’', "'");
        BRANDS.contains(&l.as_str())
            // "Sands and Tommy's": the baby-loss charity, where charities or baby loss are
            // the subject ("Tommy's mum" elsewhere is a boy's).
            || (l == "tommy's"
                && ["sands", "charit", "baby loss", "miscarriage", "stillbirth"]
                    .iter()
                    .any(|w| toks.folded.contains(w)))
            // "Annie's bunnies": the snack maker, known by what it makes.
            || (l == "annie's"
                && j + 1 < toks.toks.len()
                && matches!(
                    toks.folded(j + 1),
                    "bunnies" | "homegrown" | "mac" | "cheddar" | "organic" | "snacks"
                ))
    }
}

/// Stars known by one name whom health posts quote or celebrate ("Selena siempre decía…").
/// Each is also a given name, so only a name no cue points at is cleared.
pub(super) const MONONYMS: &[&str] = &[
    "selena",
    "beyonce",
    "shakira",
    "adele",
    "oprah",
    "cher",
    "madonna",
    // The BBC Children in Need bear.
    "pudsey",
    "rihanna",
    "pele",
    "maradona",
    "ronaldinho",
    "zendaya",
    "lizzo",
    "usher",
    "prince",
    "cantinflas",
    "thalia",
    "brunel",
    "gromit",
    // Ancients quoted in posts ("'Let food be thy medicine.' – Hippocrates"); names still
    // given today (Virgil, Homer) are left to their context.
    "plato",
    "aristotle",
    "hippocrates",
    "socrates",
    "confucius",
    "rumi",
    "seneca",
    // "make it Elvis: PB + banana": the King and his sandwich.
    "elvis",
];

/// Single-word items of the list a public figure's name (tokens `s..=e`) stands in: "Frida
/// Kahlo, Selena, Roberto Clemente" lists a mononym of the famous. At most ten items each way.
pub(super) fn listed_with(toks: &Tokens, s: usize, e: usize) -> Vec<usize> {
    let n = toks.toks.len();
    let sentence = toks.toks[s].sentence;
    let title = |k: usize| toks.toks[k].case == Case::Title && toks.toks[k].sentence == sentence;
    let conj = |k: usize| matches!(toks.folded(k), "and" | "y" | "e" | "or" | "o");
    let mut found = Vec::new();
    // Rightwards.
    let mut j = e;
    for _ in 0..10 {
        let mut k = j + 1;
        if k >= n || !matches!(toks.gap_before(k), ", " | " & " | " ") {
            break;
        }
        if conj(k) {
            k += 1;
            if k >= n || toks.gap_before(k) != " " {
                break;
            }
        } else if toks.gap_before(k) == " " {
            break;
        }
        if !title(k) {
            break;
        }
        let mut m = k;
        while m + 1 < n && m < k + 3 && toks.gap_before(m + 1) == " " && title(m + 1) {
            m += 1;
        }
        if m == k {
            found.push(k);
        }
        j = m;
    }
    // Leftwards.
    let mut j = s;
    for _ in 0..10 {
        if j == 0 {
            break;
        }
        let mut k = j - 1;
        match toks.gap_before(j) {
            ", " | " & " => {}
            " " if conj(k) && k > 0 && matches!(toks.gap_before(k), " " | ", ") => k -= 1,
            _ => break,
        }
        if !title(k) {
            break;
        }
        let mut m = k;
        while m > 0 && m + 3 > k && toks.gap_before(m) == " " && title(m - 1) {
            m -= 1;
        }
        if m == k {
            found.push(k);
        }
        j = m;
    }
    found
}

/// The author of a quoted work: "'In Flanders Fields' by John McCrae", "«Cien años de
/// soledad» por Gabriel García Márquez"; or of something made in a year ("the pink ribbon was
/// popularized in 1992 by Evelyn Lauder"). Returns how many capitalised words name them.
pub(super) fn author_of_quoted_work(toks: &Tokens, i: usize) -> usize {
    if i == 0 || !matches!(toks.folded(i - 1), "by" | "por") {
        return 0;
    }
    let quoted = toks
        .gap_before(i - 1)
        .contains(['\'', '"', '”', '’', '»', '“']);
    let dated = i >= 4
        && matches!(
            toks.folded(i - 4),
            "popularized"
                | "popularised"
                | "founded"
                | "invented"
                | "created"
                | "coined"
                | "written"
                | "designed"
                | "established"
                | "introduced"
                | "developed"
                | "discovered"
                | "pioneered"
                | "fundada"
                | "fundado"
                | "creada"
                | "creado"
                | "escrito"
                | "escrita"
        )
        && matches!(toks.folded(i - 3), "in" | "en")
        && toks.toks[i - 2].numeric
        && toks
            .raw(i - 2)
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2030).contains(&y));
    if !(quoted || dated) {
        return 0;
    }
    let n = toks.toks.len();
    let mut j = i;
    while j < n
        && j < i + 4
        && toks.toks[j].case == Case::Title
        && (j == i || toks.gap_before(j) == " ")
    {
        j += 1;
    }
    j - i
}
