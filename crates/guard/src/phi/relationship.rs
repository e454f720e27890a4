//! Replies that confirm the reader is a patient ("we're glad your surgery went well", "thanks
//! for visiting us, we hope your knee recovers"). Confirming a care relationship in public is
//! itself a disclosure, even without a name, so it is reported (as `other_id`).

use super::lexicon::f;
use super::names;
use super::text::Tokens;
use super::Cand;
use crate::{Kind, Whose};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use regex::Regex;
use std::sync::OnceLock;

fn re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let care = r"(?:recent\s+)?(?:surgery|procedure|operation|stay|visit|treatment|diagnosis|delivery|biopsy|scan|mri|chemo|therapy|test\s+results|results|knee|hip|shoulder|ankle|wrist|back|heart|baby|labor|recovery|hospital\s+stay|er\s+visit|appointment\s+yesterday)";
        // "We're sorry your visit didn't meet expectations": an apology for a visit, a stay
        // or an appointment answers what the reviewer said in public and tells nothing more;
        // sorry about a surgery or a diagnosis does.
        let sorry_care = r"(?:recent\s+)?(?:surgery|procedure|operation|treatment|diagnosis|delivery|biopsy|scan|mri|chemo|therapy|test\s+results|results|knee|hip|shoulder|ankle|wrist|back|heart|baby|labor|recovery)";
        let p = format!(
            r"(?i)(?:(?:glad|happy|pleased|relieved|thrilled)\s+(?:to\s+hear\s+)?(?:that\s+)?your\s+{care}|sorry\s+(?:to\s+hear\s+)?(?:that\s+)?your\s+{sorry_care}|your\s+{care}\s+(?:went|goes|is\s+going|was\s+(?:a\s+)?success|recover(?:s|ing|ed)?|heals?|is\s+healing)|(?:hope|wish)\s+your\s+{care}\s+(?:recover(?:s|ing)?|heals?|goes|went|is)|during\s+your\s+(?:recent\s+)?(?:stay|visit|surgery|treatment)\s+(?:with\s+us|here|at\s+our)|(?:su|tu)\s+(?:cirug[ií]a|operaci[oó]n|visita|estancia|tratamiento|rodilla|cadera)\s+(?:sali[oó]\s+bien|fue\s+un\s+[eé]xito|se\s+recupere))"
        );
        Regex::new(&p).expect("relationship regex")
    })
}

pub(crate) fn find(toks: &Tokens, out: &mut Vec<Cand>) {
    let text = toks.text;
    let b = text.as_bytes();
    // Substring searches are SIMD-fast; the regex runs only when a second person is there.
    let second_person = [
        "your", "Your", "YOUR", "su ", "Su ", "SU ", "tu ", "Tu ", "TU ",
    ]
    .iter()
    .any(|w| text.contains(w));
    if !second_person {
        return;
    }
    for m in re().find_iter(text) {
        let s = m.start();
        if s > 0 && b[s - 1].is_ascii_alphanumeric() {
            continue;
        }
        out.push(Cand {
            kind: Kind::OtherId,
            start: s,
            end: m.end(),
            whose: Whose::Patient,
            reason: "confirms the reader was treated here".into(),
            prio: 1,
        });
    }
}

/// Distinguishing marks and clothes of one person ("a USMC tattoo on his left forearm", "the
/// lady in the purple wheelchair", "wearing a red Buckeyes cap"): Safe Harbor's "any other unique
/// identifying characteristic", found only when the text speaks of a particular person.
type Marks = (AhoCorasick, AhoCorasick, Regex, AhoCorasick, Regex);

const NOUNS: &[&str] = &[
    "tattoo",
    "tatuaje",
    "birthmark",
    "scar",
    "cicatriz",
    "hair",
    "beard",
    "mustache",
    "moustache",
    "locket",
    "necklace",
    "bracelet",
    "earrings",
    "ring",
    "cabello",
    "pelo",
    "barba",
    "bigote",
    "collar",
    "anillo",
    "pulsera",
    "aretes",
    "cap",
    "hat",
    "jacket",
    "coat",
    "hoodie",
    "sweater",
    "sweatshirt",
    "shirt",
    "dress",
    "jersey",
    "scarf",
    "beanie",
    "shoe",
    "shoes",
    "sneaker",
    "sneakers",
    "boot",
    "boots",
    "pajamas",
    "onesie",
    "raincoat",
    "overalls",
    "romper",
    "tutu",
    "leggings",
    "skirt",
    "mittens",
    "backpack",
    "wheelchair",
    "walker",
    "cane",
    "scooter",
    "glasses",
    "gorra",
    "sombrero",
    "chamarra",
    "chaqueta",
    "sudadera",
    "camisa",
    "camiseta",
    "vestido",
    "mochila",
    "ruedas",
    "bastón",
    "baston",
    "lentes",
    "playera",
    "lunar",
];

fn marks() -> &'static Marks {
    static RE: OnceLock<Marks> = OnceLock::new();
    RE.get_or_init(|| {
        // Every pattern below ends in one of these nouns: a whole-word hit gates the regexes.
        let trigger = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(NOUNS)
            .expect("mark triggers");
        let person = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build([
                " man ", " man,", "woman", "lady", "gentleman", " boy", " girl", " guy", " he ",
                " she ", "señor", "senor", "hombre", "mujer", "niño", "niña", "unidentified",
                "john doe", "jane doe", "without id", "no id", "sin identifica", "his ", "her ",
            ])
            .expect("person words");
        let det = r"(?:a|an|the|his|her|their|un|una|su|el|la)";
        let colour = r"(?:gold|silver|blonde?|auburn|curly|dorad[oa]|plateado|canos[oa]|red|blue|green|yellow|purple|pink|black|white|gr[ae]y|orange|brown|plaid|striped|camo|tie-dye|neon|roj[oa]|azul|verde|amarill[oa]|morad[oa]|rosa|negr[oa]|blanc[oa]|gris|anaranjad[oa])";
        let noun = r"(?:hair|beard|mustache|moustache|locket|necklace|bracelet|earrings|ring|cabello|pelo|barba|bigote|collar|anillo|pulsera|aretes|cap|hat|jacket|coat|hoodie|sweater|sweatshirt|t-shirt|shirt|dress|jersey|scarf|beanie|shoes?|sneakers?|boots?|pajamas|onesie|raincoat|overalls|romper|tutu|leggings|skirt|mittens|backpack|wheelchair|walker|cane|scooter|glasses|gorra|sombrero|chamarra|chaqueta|sudadera|camisa|camiseta|vestido|mochila|silla\s+de\s+ruedas|bast[oó]n|lentes|playera)";
        let mark = r"(?:tattoos?|tatuajes?|birthmark|scar|cicatriz|lunar)";
        // "on his left arm", "on left forearm", "of an anchor": a tattoo's motif or place.
        let place = r"(?:(?:on|of|in|en|de)\s+(?:(?:his|her|their|the|an?|su|el|la|left|right)\s+)+(?:\w+\s+){0,2}?\w+|(?:on|of|in|en|de)\s+\w+)";
        let p = format!(
            r"(?i){det}\s+(?:[\w'-]+\s+){{0,3}}?{mark}(?:\s+{place})?|{mark}\s+{place}|(?:wearing|wore|in|with|dressed\s+in|llevaba|vest[ií]a|con|en)\s+{det}\s+(?:[\w'-]+\s+){{0,2}}?{colour}(?:\s+[\w'-]+){{0,2}}?\s+{noun}"
        );
        // A lost or unidentified person is described without an article ("boy, about 4, red
        // Spider-Man shirt").
        let lost = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build([
                "lost", "found", "missing", "alone", "unidentified", "without id", "no id",
                "perdid", "encontr", "extraviad", "sin identifica", "se busca", "do you know",
                "if you know", "recognize", "reconoce", "help us find", "relatives of", "family of",
                "familiares de", "buscamos a la familia", "llegó solo", "llego solo", "llegó sola",
                "llego sola",
            ])
            .expect("lost words");
        // "wearing a Paw Patrol hoodie and one red light-up sneaker": what a lost child wore,
        // with or without a colour.
        let bare = format!(
            r"(?i){colour}(?:\s+[\w'-]+){{0,2}}?\s+{noun}|(?:wearing|wore|dressed\s+in|llevaba|lleva|trae|tra[ií]a|vest[ií]a)\s+(?:{det}\s+)?(?:[\w'-]+\s+){{0,3}}?{noun}"
        );
        (
            trigger,
            person,
            Regex::new(&p).expect("marks regex"),
            lost,
            Regex::new(&bare).expect("bare clothes regex"),
        )
    })
}

pub(crate) fn find_marks(toks: &Tokens, out: &mut Vec<Cand>) {
    let text = toks.text;
    let (trigger, person, re, lost, bare) = marks();
    let b = text.as_bytes();
    let word_at = |s: usize, e: usize| {
        let e = if e < b.len() && (b[e] == b's' || b[e] == b'S') {
            e + 1
        } else {
            e
        };
        (s == 0 || !b[s - 1].is_ascii_alphabetic()) && (e == b.len() || !b[e].is_ascii_alphabetic())
    };
    // A person word starts a word: "this week" holds no "his", "other" no "her".
    let person_word = || {
        person.find_overlapping_iter(text).any(|m| {
            m.start() == 0
                || !b[m.start()].is_ascii_alphabetic()
                || !b[m.start() - 1].is_ascii_alphabetic()
        })
    };
    if !trigger.find_iter(text).any(|m| word_at(m.start(), m.end())) || !person_word() {
        return;
    }
    let is_lost = lost.is_match(text);
    let found = re.find_iter(text);
    let described = is_lost.then(|| bare.find_iter(text));
    for m in found.chain(described.into_iter().flatten()) {
        let (s, e) = (m.start(), m.end());
        if (s > 0 && b[s - 1].is_ascii_alphanumeric())
            || (e < b.len() && b[e].is_ascii_alphanumeric())
        {
            continue;
        }
        // "Nurse Jordan Ellis ran her first half in a pink tutu": what a staff member wore,
        // in a sentence that opens with them and names no one else ("Gloria, wearing a pink
        // sweatshirt, … with Dr. Adeyemi" is Gloria's).
        let sentence = toks.sentence_index(s);
        let opens = toks.sentences[sentence];
        let first = toks.index_at(opens);
        let staff_subject = out.iter().any(|c| {
            c.kind == Kind::PersonName
                && c.whose == Whose::Staff
                && c.start >= opens
                && c.end <= s
                && toks.index_at(c.start) <= first + 2
                && !someone_else(toks, c.end, s)
        });
        let patient_named = out.iter().any(|c| {
            c.kind == Kind::PersonName
                && c.whose == Whose::Patient
                && toks.sentence_index(c.start) == sentence
        });
        if staff_subject && !patient_named {
            continue;
        }
        out.push(Cand {
            kind: Kind::OtherId,
            start: s,
            end: e,
            whose: Whose::Patient,
            reason: "a distinguishing mark or clothing of a person".into(),
            prio: 1,
        });
    }
}

/// Words between a staff member and a mark (bytes `from..to`) that bring in another person
/// ("Dr. Lee met a man in a red coat", "… with her patient").
fn someone_else(toks: &Tokens, from: usize, to: usize) -> bool {
    (toks.index_at(from)..toks.index_at(to)).any(|k| {
        toks.is(k, f::KIN)
            || names::PERSON_NOUNS.contains(&toks.folded(k))
            || matches!(
                toks.folded(k),
                "woman"
                    | "gentleman"
                    | "patient"
                    | "paciente"
                    | "child"
                    | "toddler"
                    | "teen"
                    | "senor"
                    | "senora"
                    | "someone"
                    | "alguien"
                    | "with"
                    | "con"
            )
    })
}
