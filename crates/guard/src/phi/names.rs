//! Person names: lexicon look-ups (census and multi-origin given names and surnames) weighed
//! against context — titles ("Mrs. Okafor"), kinship and care words ("my son Jacob",
//! "little sophie", "mi hija Ana"), greetings ("Thank you, Maria"), possessives and verbs that
//! follow a person ("Grace's surgery", "Will is home"), given name + surname pairs — and hard
//! negatives: dictionary words (hope, will, grace), months, places, institutions ("Mercy
//! Hospital"), eponymous diseases ("Crohn's disease"), the organisation's own name.
//! Names inside hashtags (#PrayForJacob) and @handles are found too.

use super::lexicon::{self, f, Lexicon};
use super::ownership::OrgIndex;
use super::text::{fold, Case, Tokens};
use super::Cand;
use crate::{Kind, Whose};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Mr., Mrs., Sra.: a person, whose depends on the directory.
    Title,
    /// Dr., Nurse: a clinician.
    StaffTitle,
    /// my son, patient, mi hija, little: a patient-like person.
    Kin,
    /// thank you, congrats, welcome, hola: someone addressed by name.
    Greeting,
}

pub(crate) const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "sr", "sra", "srta", "senor", "senora", "senorita", "don",
    "dona", "mister", "sir", "madam", "madame", "mme", "mlle", "herr", "frau", "auntie", "uncle",
    "aunt", "tia", "tio", "grandma", "grandpa", "nana", "abuela", "abuelo", "baby", "lil",
    "little", "big", "sister", "brother", "cousin", "pastor", "father", "sgt", "officer", "coach",
    "capt", "lt", "cpl", "maj", "rev", "deacon", "abuelita", "abuelito", "granny", "grammy",
    "grandad", "granddad", "grandpop",
];
pub(crate) const STAFF_TITLES: &[&str] = &[
    "chef",
    "volunteer",
    "technician",
    "receptionist",
    "coordinator",
    "manager",
    "director",
    "specialist",
    "paramedic",
    "emt",
    "housekeeper",
    "custodian",
    "dr",
    "dra",
    "doctor",
    "doctora",
    "nurse",
    "enfermera",
    "enfermero",
    "prof",
    "professor",
    "np",
    "pa",
    "rn",
    "therapist",
    "midwife",
    "chaplain",
    "pharmacist",
    "surgeon",
    "dietitian",
];
/// "therapy dog Sunny", "our mascot Rocky": pets and mascots are not people.
const ANIMALS: &[&str] = &[
    "robot",
    "robots",
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
    "doggo",
    "mutt",
];
pub(crate) const KIN: &[&str] = &[
    "son",
    "daughter",
    "husband",
    "wife",
    "mom",
    "mum",
    "mother",
    "dad",
    "father",
    "grandson",
    "granddaughter",
    "grandmother",
    "grandfather",
    "granny",
    "brother",
    "sister",
    "nephew",
    "niece",
    "cousin",
    "friend",
    "neighbor",
    "neighbour",
    "boyfriend",
    "girlfriend",
    "fiance",
    "fiancee",
    "partner",
    "baby",
    "newborn",
    "patient",
    "pt",
    "resident",
    "toddler",
    "kiddo",
    "familia",
    "postman",
    "veteran",
    "gentleman",
    "lady",
    "mrs",
    "mr",
    "boy",
    "girl",
    "twins",
    "hijo",
    "hija",
    "esposo",
    "esposa",
    "mama",
    "papa",
    "mami",
    "papi",
    "abuela",
    "abuelo",
    "nieto",
    "nieta",
    "hermano",
    "hermana",
    "sobrino",
    "sobrina",
    "tia",
    "tio",
    "amigo",
    "amiga",
    "vecino",
    "vecina",
    "paciente",
    "bebe",
    "nino",
    "nina",
    "little",
    "lil",
    "sweet",
    "brave",
    "angel",
    "warrior",
    "survivor",
    "miss",
    "mister",
    "grandbaby",
    "stepson",
    "stepdaughter",
    "child",
    "kid",
    "infant",
    "teen",
    "novio",
    "novia",
    "pequena",
    "pequeno",
    "chiquita",
    "chiquito",
    "princess",
    "buddy",
    "champ",
    "superhero",
];
/// Adjectives and fillers allowed between a cue and the name ("my sweet little Emma").
pub(crate) const FILLERS: &[&str] = &[
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "mi",
    "mis",
    "su",
    "sus",
    "nuestro",
    "nuestra",
    "little",
    "sweet",
    "brave",
    "beautiful",
    "precious",
    "amazing",
    "dear",
    "beloved",
    "lovely",
    "wonderful",
    "strong",
    "tiny",
    "youngest",
    "oldest",
    "eldest",
    "baby",
    "new",
    "old",
    "best",
    "querida",
    "querido",
    "hermosa",
    "hermoso",
    "linda",
    "lindo",
    "valiente",
    "pequena",
    "pequeno",
    "bella",
    "guapa",
    "fierce",
    "courageous",
    "incredible",
    "favorite",
    "favourite",
    "year-old",
    "yr",
    "old",
    "boy",
    "girl",
];
pub(crate) const GREETINGS: &[&str] = &[
    "thanks",
    "thx",
    "ty",
    "congrats",
    "congratulations",
    "welcome",
    "hi",
    "hello",
    "hey",
    "dear",
    "gracias",
    "felicidades",
    "felicitaciones",
    "hola",
    "bienvenida",
    "bienvenido",
    "named",
    "called",
    "llamado",
    "llamada",
    "llama",
    "meet",
    "shoutout",
    "kudos",
    "bravo",
    "remember",
    "remembering",
    "honoring",
    "honouring",
    "rip",
    "missing",
    "love",
    "cheers",
    "aloha",
    "name",
    "namaste",
    "salaam",
    "congratulate",
    "thank",
    "bye",
    "goodbye",
    "adios",
    "saludos",
    "besos",
    "abrazos",
    "querid",
];
/// Words that follow a person's name in a sentence about them.
pub(crate) const PERSON_VERBS: &[&str] = &[
    "is",
    "was",
    "has",
    "had",
    "got",
    "gets",
    "turned",
    "turns",
    "just",
    "who",
    "celebrated",
    "celebrates",
    "underwent",
    "went",
    "came",
    "spent",
    "received",
    "beat",
    "fought",
    "passed",
    "loves",
    "loved",
    "smiled",
    "says",
    "said",
    "told",
    "needs",
    "needed",
    "finished",
    "rang",
    "graduated",
    "started",
    "walked",
    "took",
    "made",
    "won",
    "will",
    "can't",
    "couldn't",
    "and",
    "esta",
    "estuvo",
    "tiene",
    "cumplio",
    "nacio",
    "salio",
    "fue",
    "sigue",
    "recovering",
    "recovered",
    "left",
    "arrived",
    "weighed",
    "died",
    "struggled",
    "battled",
    "asked",
    "wanted",
    "wants",
    "family",
    "familia",
    "y",
    "he",
    "she",
    "did",
    "does",
    "shared",
    "sends",
    "sent",
];
/// Offices and callings that make the name after them a public figure's ("Governor Kim
/// Reynolds", "Bengals QB Joe Burrow", "Spurs legend Manu Ginóbili").
pub(crate) const PUBLIC_ROLES: &[&str] = &[
    "governor",
    "gov",
    "senator",
    "sen",
    "mayor",
    "congressman",
    "congresswoman",
    "congressmember",
    "representative",
    "president",
    "presidente",
    "secretary",
    "commissioner",
    "councilman",
    "councilwoman",
    "councilmember",
    "councillor",
    "alderman",
    "alderwoman",
    "superintendent",
    "qb",
    "quarterback",
    "legend",
    "olympian",
    "astronaut",
    "singer",
    "rapper",
    "actor",
    "actress",
    "author",
    "gobernador",
    "gobernadora",
    "alcalde",
    "alcaldesa",
    "senador",
    "senadora",
    "congresista",
    "minister",
    "premier",
    "mp",
    "msp",
    "mla",
    "mep",
];

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
    "bruno",
    "wednesday",
    "spidey",
    "hulk",
];

/// Words that show characters are about: any of these in the post makes a listed character
/// name the character.
const CHARACTER_CUES: &[&str] = &[
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
    "dressed up as",
    "going as",
    "princess",
    "princesses",
    "halloween",
    "trick-or-treat",
    "cosplay",
    "🦸",
    "❄️",
];

/// Clears names that are no one's private identity: a public figure after their office
/// (and that figure named again later), a character in a costume post, a pet's coined name
/// after a mock title ("Sir Barksalot 🐾"), and contractions ("We'll").
fn not_patients(
    toks: &Tokens,
    public: &PublicFigures,
    accepted: &mut [Option<(&'static str, Option<Cue>)>],
) {
    let lex = lexicon::get();
    for (k, slot) in accepted.iter_mut().enumerate() {
        if slot.is_none() {
            continue;
        }
        let raw = toks.raw(k);
        if raw.contains(['\'', '’']) && !raw.ends_with("'s") && !raw.ends_with("’s") {
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
            if public.words.contains(&toks.folded(k)) {
                *slot = None;
            }
        }
    }
    let lower = std::cell::OnceCell::new();
    let lower = || lower.get_or_init(|| toks.text.to_lowercase());
    for (k, slot) in accepted.iter_mut().enumerate() {
        let Some((reason, cue)) = *slot else {
            continue;
        };
        let w = toks.folded(k);
        let aged = reason.contains("age") || reason.contains("life event");
        // "Spider-Man and Elsa will be there": a character among characters, unless a kin
        // word or a title says it is a child's own name.
        if cue.is_none()
            && !aged
            && CHARACTERS.contains(&w)
            && CHARACTER_CUES.iter().any(|c| lower().contains(c))
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
            && ["🐾", "woof", "meow", "🐶", "🐱", "purr", "bark", "paws"]
                .iter()
                .any(|c| lower().contains(c))
        {
            *slot = None;
        }
    }
}

/// Public figures named right after their office in a post ("Governor Kim Reynolds",
/// "Bengals QB Joe Burrow"). Empty when the post tells of someone's care: a councilwoman can
/// be admitted too. Found once per scan, used by [`find`] and [`drop_public_figures`].
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
            if !toks.is(k, f::ROLE) {
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
                    "ingresad",
                    "internad",
                    "falleci",
                ]
                .iter()
                .any(|c| l.contains(c))
                {
                    return PublicFigures::default();
                }
            }
            // Up to three capitalised words right after the office.
            let mut j = k + 1;
            while j < n && j <= k + 3 && toks.toks[j].case == Case::Title && {
                let g = toks.gap_before(j);
                g == " " || (j == k + 1 && g == ". ")
            } {
                found.words.push(toks.folded(j));
                j += 1;
            }
            if j > k + 1 {
                // "Lt. Governor Husted": the office is part of the name found.
                found.words.push(toks.folded(k));
                if k > 0 && toks.toks[k - 1].case == Case::Title && toks.gap_before(k) == " " {
                    found.teams.push(k - 1);
                }
            }
        }
        found
    }
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
                .all(|w| public.words.contains(&fold(w).as_str()))
    });
}

/// Nouns that make "<name>'s <noun>" a business ("Papa Joe's Pizza").
const BUSINESSES: &[&str] = &[
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

/// Public figures (folded, two or three words) that health posts quote or celebrate.
const FAMOUS: &[&str] = &[
    "florence nightingale",
    "clara barton",
    "mary seacole",
    "jonas salk",
    "louis pasteur",
    "alexander fleming",
    "edward jenner",
    "marie curie",
    "martin luther",
    "luther king",
    "martin luther king",
    "maya angelou",
    "albert einstein",
    "abraham lincoln",
    "george washington",
    "fred rogers",
    "mister rogers",
    "mr rogers",
    "santa claus",
    "mickey mouse",
    "taylor swift",
    "serena williams",
    "simone biles",
    "michael jordan",
    "lebron james",
    "oprah winfrey",
    "barack obama",
    "joe biden",
    "donald trump",
    "elizabeth blackwell",
    "virginia apgar",
    "rosa parks",
    "harriet tubman",
    "frida kahlo",
    "cesar chavez",
    "dolores huerta",
    "selena quintanilla",
    "tom brady",
    "patrick mahomes",
    "ronald mcdonald",
    "tommy john",
    "lou gehrig",
    "magic johnson",
    "christopher reeve",
    "michael j fox",
    "terry fox",
    "steve jobs",
    "bill gates",
    "helen keller",
    "aneurin bevan",
    "nye bevan",
    "grace darling",
    "edith cavell",
    "john snow",
    "joseph lister",
    "william osler",
    "charles drew",
    "dorothea dix",
    "henrietta lacks",
    "rosalind franklin",
    "albert sabin",
    "cicely saunders",
    "ignaz semmelweis",
    "elizabeth garrett anderson",
    "james barry",
    "daniel hale williams",
    "rebecca lee crumpler",
    "paul farmer",
    "frances kelsey",
    // Athletes, artists and public figures who visit hospitals or are remembered in their posts.
    "shawn johnson",
    "caitlin clark",
    "manu ginobili",
    "tim duncan",
    "david robinson",
    "johnny bench",
    "joe burrow",
    "babe ruth",
    "jackie robinson",
    "roberto clemente",
    "fernando valenzuela",
    "mia hamm",
    "megan rapinoe",
    "kobe bryant",
    "shaquille o'neal",
    "david beckham",
    "marcus rashford",
    "harry kane",
    "captain tom",
    "tom moore",
    "dolly parton",
    "mother teresa",
    "madre teresa",
    "princess diana",
    "queen elizabeth",
    "king charles",
    "pope francis",
    "eva longoria",
    "jennifer lopez",
    "celia cruz",
    "pedro infante",
    "vicente fernandez",
    "ellen ochoa",
    "sonia sotomayor",
    "sally ride",
    "neil armstrong",
    "katherine johnson",
    "hector garcia",
    "hector p. garcia",
    "dr. seuss",
    "dr seuss",
    "mary poppins",
    "patch adams",
    "rosie the riveter",
    "dewi sant",
];

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
];

fn brand(toks: &Tokens, i: usize, j: usize) -> bool {
    let raw = &toks.text[toks.toks[i].start..toks.toks[j].end];
    // Every brand above has an apostrophe, an ampersand or a period: most names have none.
    raw.len() <= 24 && raw.contains(['\'', '’', '&', '.']) && {
        let l = raw.to_lowercase().replace('’', "'");
        BRANDS.contains(&l.as_str())
    }
}

/// Verbs and states after a name that only a person takes ("was born", "turned 100").
pub(crate) const STRONG_VERBS: &[&str] = &[
    "born",
    "turned",
    "turns",
    "underwent",
    "passed",
    "celebrated",
    "celebrates",
    "fought",
    "battled",
    "died",
    "graduated",
    "rang",
    "recovering",
    "recovered",
    "discharged",
    "admitted",
    "diagnosed",
    "delivered",
    "weighed",
    "walked",
    "smiled",
    "nacio",
    "cumplio",
    "fallecio",
    "murio",
    "llego",
    "salio",
    "pesaba",
    "tenia",
    "sobrevivio",
    "finished",
    "beat",
    "survived",
    "hospitalized",
    "airlifted",
    "transferred",
    "intubated",
    "cried",
    "laughed",
    "slept",
];
/// Adverbs that may stand between a name and its verb ("Dakota finally went home").
const ADVERBS: &[&str] = &[
    "finally",
    "really",
    "also",
    "still",
    "actually",
    "even",
    "already",
    "literally",
    "officially",
    "proudly",
    "bravely",
    "finalmente",
    "ya",
    "tambien",
    "todavia",
];
pub(crate) const STATE_WORDS: &[&str] = &["home", "recovering", "stable", "awake", "cancer-free"];
/// Virtue and nature words that are given names and common nouns; they need more than a verb.
pub(crate) const VIRTUES: &[&str] = &[
    "hope",
    "faith",
    "grace",
    "joy",
    "love",
    "charity",
    "patience",
    "mercy",
    "destiny",
    "trinity",
    "harmony",
    "serenity",
    "unity",
    "liberty",
    "justice",
    "honor",
    "glory",
    "heaven",
    "angel",
    "may",
    "june",
    "april",
    "summer",
    "autumn",
    "winter",
    "spring",
    "dawn",
    "sky",
    "rose",
    "will",
    "mark",
    "bill",
    "sunny",
    "happy",
    "lucky",
    "star",
    "peace",
    "chance",
    "miles",
    "art",
    "bliss",
    "blessing",
    "precious",
    "esperanza",
    "luz",
    "paz",
    "fe",
    "gloria",
    "amparo",
    "consuelo",
];
/// Capitalised words that follow a name in institution and place names.
pub(crate) const INSTITUTIONS: &[&str] = &[
    "hospital",
    "hospitals",
    "clinic",
    "clinics",
    "center",
    "centre",
    "centers",
    "health",
    "healthcare",
    "medical",
    "medicine",
    "university",
    "college",
    "school",
    "schools",
    // "Marysville High", "Lincoln Elementary": schools named after a place or a person.
    "high",
    "elementary",
    "foundation",
    "institute",
    "church",
    "chapel",
    "cathedral",
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "drive",
    "lane",
    "county",
    "park",
    "hall",
    "library",
    "pharmacy",
    "memorial",
    "regional",
    "community",
    "children's",
    "childrens",
    "house",
    "home",
    "homes",
    "building",
    "wing",
    "unit",
    "campus",
    "program",
    "fund",
    "award",
    "awards",
    "scholarship",
    "lecture",
    "syndrome",
    "disease",
    "palsy",
    "lymphoma",
    "sarcoma",
    "tumor",
    "test",
    "scale",
    "method",
    "procedure",
    "maneuver",
    "sign",
    "law",
    "day",
    "week",
    "month",
    "cancer",
    "heart",
    "care",
    "pavilion",
    "atrium",
    "lobby",
    "courtyard",
    "gallery",
    "lounge",
    "auditorium",
    "lectureship",
    "oration",
    "tower",
    "plaza",
    "center's",
    "society",
    "association",
    "group",
    "partners",
    "network",
    "system",
    "systems",
    "inc",
    "llc",
    "pharmaceuticals",
    "pharma",
    "labs",
    "laboratories",
    "vaccine",
    "shot",
    "hospice",
    "rehab",
    "village",
    "county's",
    "city",
    "valley",
    "heights",
    "springs",
    "beach",
    "lake",
    "river",
    "mountain",
    "bay",
    "creek",
    "square",
    "mall",
    "market",
    "kitchen",
    "cafe",
    "bank",
    "insurance",
    "trust",
    "team",
    "club",
    "league",
    "award",
    "prize",
    "gate",
    "bridge",
    "station",
    "airport",
    "stadium",
    "arena",
    "theater",
    "theatre",
    "museum",
    "zoo",
    "garden",
    "gardens",
    "way",
    "score",
    "surgery",
    "reflex",
    "bear",
    "room",
    "diner",
    "grill",
    "foods",
    "publishers",
    "books",
    "salud",
    "clinica",
    "hospitalario",
    "medico",
    "universidad",
    "escuela",
    "calle",
    "avenida",
    "colonia",
    "iglesia",
];
/// Words before a name that make it a place or a saint ("St. Jude", "San Jose", "Lake Travis").
pub(crate) const PLACE_PREFIX: &[&str] = &[
    "st",
    "saint",
    "san",
    "santa",
    "santo",
    "sao",
    "mount",
    "mt",
    "lake",
    "fort",
    "ft",
    "port",
    "camp",
    "cape",
    "glen",
    "los",
    "las",
    "el",
    "la",
    "new",
    "north",
    "south",
    "east",
    "west",
    "upper",
    "lower",
    "virgen",
    "virgin",
    "lady",
    "senora",
    "nuestra",
    "parque",
    "plaza",
    "iglesia",
    "parroquia",
    "capilla",
    "escuela",
    "colegio",
    "calle",
    "avenida",
    "colonia",
    "barrio",
    "templo",
    "clinica",
    "centro",
];
/// Words that are never taken for a name without a title: months, days, US states,
/// countries, faiths, eponymous diseases, acronyms that happen to be given names.
pub(crate) const NEVER: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
    "christian",
    "jesus",
    "god",
    "lord",
    "allah",
    "christ",
    "dios",
    "virgen",
    "america",
    "american",
    "india",
    "indian",
    "asia",
    "asian",
    "africa",
    "african",
    "china",
    "chinese",
    "israel",
    "mexico",
    "canada",
    "france",
    "italia",
    "italy",
    "spain",
    "espana",
    "kenya",
    "ghana",
    "nigeria",
    "peru",
    "chile",
    "cuba",
    "jamaica",
    "haiti",
    "honduras",
    "guatemala",
    "salvador",
    "colombia",
    "venezuela",
    "brasil",
    "brazil",
    "ukraine",
    "russia",
    "poland",
    "germany",
    "syria",
    "turkey",
    "gaza",
    "palestine",
    "lebanon",
    "iran",
    "iraq",
    "afghanistan",
    "pakistan",
    "bangladesh",
    "nepal",
    "sudan",
    "ethiopia",
    "somalia",
    "morocco",
    "egypt",
    "yemen",
    "uganda",
    "congo",
    "australia",
    "samoa",
    "tonga",
    "fiji",
    "nicaragua",
    "dominicana",
    "argentina",
    "ecuador",
    "bolivia",
    "panama",
    "england",
    "scotland",
    "wales",
    "ireland",
    "japan",
    "korea",
    "vietnam",
    "philippines",
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "wisconsin",
    "wyoming",
    "carolina",
    "dakota",
    "parkinson",
    "alzheimer",
    "crohn",
    "hodgkin",
    "tourette",
    "asperger",
    "raynaud",
    "sjogren",
    "hashimoto",
    "guillain",
    "barre",
    "kaposi",
    "epstein",
    "barr",
    "lyme",
    "dia",
    "santa",
    "nicu",
    "picu",
    "icu",
    "ama",
    "tia",
    "dob",
    "son",
    "les",
    "mas",
    "una",
    "esta",
    "durante",
    "hasta",
    "alta",
    "asma",
    "amor",
    "vino",
    "socorro",
    "day",
    "days",
    "pea",
    "bao",
];
/// Given names whose dictionary sense is rare in posts ("maria", "robin", "peter"): names.
pub(crate) const NAMES_OVER_WORDS: &[&str] = &[
    "maria", "billy", "bobby", "bonnie", "brad", "chad", "colleen", "derrick", "hector", "homer",
    "jimmy", "john", "ken", "lee", "martin", "matt", "mike", "myrtle", "nick", "noel", "opal",
    "patsy", "patty", "peter", "randy", "rick", "robin", "roger", "sally", "sherry", "terry",
    "tom", "tony", "troy", "victor", "viola", "wade", "warren", "harry", "jay", "dean", "ted",
    "tim", "kate", "sam", "jess", "nell", "meg", "abe", "sid", "carol", "gus", "hank", "jerry",
    "larry", "barry", "gary", "kenny", "danny", "benny", "molly", "polly", "dolly", "betsy",
    "becky", "ricky", "micky", "willy", "woody", "lulu", "tess", "bess",
];
/// Given names that are also words, places or brands: names only in a person context.
pub(crate) const AMBIGUOUS: &[&str] = &[
    "jordan",
    "paris",
    "london",
    "sydney",
    "chelsea",
    "brooklyn",
    "phoenix",
    "orlando",
    "denver",
    "memphis",
    "houston",
    "dallas",
    "austin",
    "eugene",
    "tyler",
    "madison",
    "lincoln",
    "jackson",
    "savannah",
    "charlotte",
    "florence",
    "victoria",
    "regina",
    "aurora",
    "raleigh",
    "cleveland",
    "troy",
    "camden",
    "salem",
    "english",
    "spanish",
    "french",
    "german",
    "irish",
    "italian",
    "mexican",
    "latina",
    "latino",
    "easter",
    "christmas",
    "hospital",
    "medicare",
    "medicaid",
    "covid",
    "corona",
    "delta",
    "omicron",
    "ella",
    "allegra",
    "lyrica",
    "valium",
    "xanax",
    "brand",
    "gene",
    "ray",
    "ed",
    "pat",
    "sue",
    "bob",
    "don",
    "doc",
    "nurse",
    "baby",
    "angel",
    "angela",
    "angel's",
    "king",
    "prince",
    "princess",
    "queen",
    "duke",
    "earl",
    "noble",
    "sterling",
    "cash",
    "penny",
    "ginger",
    "pepper",
    "sugar",
    "honey",
    "candy",
    "cookie",
    "brandy",
    "crystal",
    "diamond",
    "amber",
    "ruby",
    "pearl",
    "jade",
    "ivy",
    "holly",
    "daisy",
    "lily",
    "violet",
    "iris",
    "olive",
    "hazel",
    "willow",
    "heather",
    "laurel",
    "river",
    "ocean",
    "storm",
    "rain",
    "sol",
    "flor",
    "blanca",
    "cruz",
    "reyes",
    "santos",
    "dolores",
    "rosa",
    "mercedes",
    "pilar",
    "soledad",
    "rocio",
    "estrella",
    "alba",
    "aurora",
    "nieves",
    "milagros",
    "covid-19",
    "ok",
    "nhs",
    "bay",
    "bear",
    "bird",
    "buck",
    "fox",
    "wolf",
    "drew",
    "chase",
    "hunter",
    "mason",
    "carter",
    "cooper",
    "taylor",
    "parker",
    "porter",
    "tucker",
    "walker",
    "baker",
    "sawyer",
    "young",
    "long",
    "little",
    "small",
    "short",
    "white",
    "black",
    "green",
    "brown",
    "gray",
    "grey",
    "bell",
    "church",
    "hall",
    "hill",
    "wood",
    "woods",
    "stone",
    "rivers",
    "fields",
    "banks",
    "lane",
    "street",
    "price",
    "cost",
    "major",
    "early",
    "love",
    "joy",
    "hope",
];
pub(crate) const PARTICLES: &[&str] = &[
    "de", "del", "la", "las", "los", "van", "von", "der", "da", "das", "dos", "di", "du", "le",
    "bin", "ibn", "al", "el", "y", "st",
];
/// Credentials after a name ("Ana Ruiz, MD") mark a clinician.
pub(crate) const CREDENTIALS: &[&str] = &[
    "md", "do", "rn", "np", "pa", "phd", "dnp", "lpn", "crna", "cnm", "facs", "facp", "dds", "dmd",
    "pharmd", "msn", "bsn", "aprn", "fnp", "lcsw", "mph", "dpt", "pt",
];

struct Tok<'a> {
    w: &'a str,
    poss: bool,
    first: bool,
    last: bool,
    /// A dictionary word, month, place... : a name only with context.
    ambiguous: bool,
    never: bool,
    cased: bool,
    lower: bool,
    skip: bool,
}

fn classify<'a>(toks: &'a Tokens, org: &OrgIndex, all_caps: bool, i: usize) -> Tok<'a> {
    let t = toks.toks[i];
    let fl = toks.flags[i];
    let raw_w = toks.folded(i);
    let (w, poss) = match raw_w.strip_suffix("'s") {
        Some(base) => (base, true),
        None => (raw_w, false),
    };
    let b = toks.text.as_bytes();
    // Pieces of e-mails, URLs, hashtags and handles are handled elsewhere.
    let in_address = matches!(
        t.prefix,
        '#' | '@' | '.' | '/' | '_' | ':' | '=' | '&' | '\\'
    ) || (t.end < b.len()
        && (b[t.end] == b'@'
            || b[t.end] == b'_'
            || (b[t.end] == b'.' && t.end + 1 < b.len() && b[t.end + 1].is_ascii_alphanumeric())));
    let after_title =
        i > 0 && toks.is(i - 1, f::TITLE | f::STAFF_TITLE) && toks.gap_before(i).starts_with('.');
    let skip = t.numeric
        || in_address
        || (w.len() < 2 && !after_title)
        || (t.case != Case::Lower && org_run(toks, org, i));
    let cased = t.case == Case::Title || (t.case == Case::Upper && (all_caps || w.len() >= 3));
    Tok {
        w,
        poss,
        first: !skip && fl & f::FIRST != 0,
        last: !skip && fl & f::LAST != 0,
        ambiguous: (fl & f::WORD != 0 && fl & f::OVERWORD == 0)
            || fl & (f::AMBIG | f::NEVER) != 0
            || (t.case != Case::Lower && org.name_words.contains(w)),
        never: fl & (f::NEVER | f::TITLE | f::STAFF_TITLE | f::CRED | f::SVERB) != 0,
        cased,
        lower: t.case == Case::Lower,
        skip,
    }
}

/// Part of a run of two or more words of the organisation's name ("Maple Grove", "San Rafael").
fn org_run(toks: &Tokens, org: &OrgIndex, i: usize) -> bool {
    let is_org = |k: usize| {
        org.name_words
            .contains(toks.folded(k).trim_end_matches("'s"))
    };
    if !is_org(i) {
        return false;
    }
    let n = toks.toks.len();
    (i > 0 && is_org(i - 1) && toks.gap_before(i).trim().is_empty())
        || (i + 1 < n && is_org(i + 1) && toks.gap_before(i + 1).trim().is_empty())
}

/// "Duke, our newest therapy dog!", "Mr. Whiskers, our lobby cat mascot": an apposition that
/// says the name belongs to an animal. A possessive ("Sam, with his dog") keeps the person.
pub(super) fn pet_apposition(after: &str) -> bool {
    let Some(a) = after.strip_prefix(", ") else {
        return false;
    };
    let clause = a.split(['.', '!', '?', ',', ';', '(']).next().unwrap_or("");
    for w in clause.split_whitespace().take(6) {
        let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
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
        if ANIMALS.contains(&l.as_str()) {
            return true;
        }
    }
    false
}

/// "to Santiago de Compostela", "en San Juan de los Lagos": a given name after a word of
/// travel and followed by "de" and a word that is no name is a place.
fn place_with_de(toks: &Tokens, lex: &Lexicon, i: usize) -> bool {
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

/// "Dr. Rex 🦖", "Biscuit 🐶": a name with an animal right after it is a pet's or a
/// mascot's.
fn animal_emoji_after(after: &str) -> bool {
    let a = after.trim_start_matches([',', ' ']);
    a.starts_with([
        '🐶', '🐕', '🐩', '🐱', '🐈', '🐴', '🐎', '🦖', '🦕', '🐰', '🐇', '🦜', '🐢', '🐠', '🐹',
        '🐾', '🦄', '🐻', '🐼', '🦁', '🐯', '🐸', '🐷', '🐮', '🐧', '🦉', '🐊', '🐉', '🤖',
    ])
}

/// "a small robot named Rex", "our new puppy, called 'Biscuit'", "Rufus the Riverside Otter":
/// the name of an animal, a robot or a mascot.
pub(super) fn animal_named(toks: &Tokens, i: usize) -> bool {
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
    named || the_animal
}

/// "Shakespeare's Juliet", "Disney's Elsa": a character, after its author's possessive (and
/// the author is no patient either).
fn character_of(toks: &Tokens, i: usize) -> bool {
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
fn destination_or_devotion(toks: &Tokens, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let prev = toks.folded(i - 1);
    if matches!(prev, "virgen" | "san" | "santa" | "santo" | "saint")
        || (prev == "senora" && i > 1 && toks.folded(i - 2) == "nuestra")
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

/// ", you are a rockstar", ", you did it", ", eres": a comma and then the person addressed.
fn second_person_after(after: &str) -> bool {
    let Some(a) = after.strip_prefix(", ") else {
        return false;
    };
    let a = a.to_ascii_lowercase();
    [
        "you are ",
        "you're ",
        "you did ",
        "you have ",
        "you've ",
        "you made ",
        "you were ",
        "thank you for ",
        "thanks for ",
        "gracias por ",
        "we love you",
        "we're so proud",
        "we are so proud",
        "we miss you",
        "eres ",
        "estás ",
        "estas ",
        "te queremos",
        "lo lograste",
    ]
    .iter()
    .any(|p| a.starts_with(p))
}

/// The cue right before token `i` (skipping fillers like "my sweet little"), if any.
fn left_cue(toks: &Tokens, i: usize) -> Option<(Cue, usize)> {
    let sentence = toks.toks[i].sentence;
    let mut j = i;
    let mut skipped = 0;
    while j > 0 {
        j -= 1;
        if toks.toks[j].sentence != sentence
            || toks
                .gap_before(j + 1)
                .contains(['.', '!', '?', ';', ':', '('])
                && !(j + 1 == i && is_title_gap(toks, j + 1))
        {
            return None;
        }
        let w = toks.folded(j);
        if j + 1 == i && is_title_gap(toks, i) {
            if toks.is(j, f::STAFF_TITLE) {
                return Some((Cue::StaffTitle, j));
            }
            if toks.is(j, f::TITLE) && !toks.toks[i].sentence_start {
                return Some((Cue::Title, j));
            }
        }
        // "my son Jacob" names the son; "their son's teddy" does not.
        let possessive = toks.raw(j).ends_with("'s") || toks.raw(j).ends_with("’s");
        if toks.is(j, f::KIN) && !possessive {
            return Some((Cue::Kin, j));
        }
        if toks.is(j, f::GREETING) {
            return Some((Cue::Greeting, j));
        }
        let prev = if j > 0 && toks.toks[j - 1].sentence == sentence {
            toks.folded(j - 1)
        } else {
            ""
        };
        match (prev, w) {
            ("thank", "you")
            | ("happy", "birthday")
            | ("happy", "bday")
            | ("birthday", "to")
            | ("bday", "to")
            | ("anniversary", "to")
            | ("farewell", "to")
            | ("goodbye", "to")
            | ("feliz", "cumpleanos")
            | ("get", "well")
            | ("name", "is")
            | ("nombre", "es")
            | ("me", "llamo")
            | ("pray", "for")
            | ("praying", "for")
            | ("prayers", "for")
            | ("oremos", "por")
            | ("oraciones", "por")
            | ("out", "to")
            | ("thanks", "to")
            | ("congratulations", "to")
            | ("congrats", "to")
            | ("cheers", "to")
            | ("shoutout", "to")
            | ("kudos", "to")
            | ("welcome", "to")
            | ("goes", "to")
            | ("thank", "u")
            | ("orando", "por")
            | ("gracias", "a")
            | ("thinking", "of")
            | ("proud", "of")
            | ("real", "name")
            | ("pensando", "en")
            | ("rezando", "por")
            | ("te", "extranamos")
            | ("wishes", "to")
            | ("love", "to")
            | ("hugs", "to")
            | ("hugs", "for")
            | ("prayers", "to")
            | ("thoughts", "with")
            | ("cheering", "for")
            | ("cheering", "on")
            | ("rooting", "for")
            | ("felicidades", "a")
            | ("abrazos", "para")
            // Who wrote it: "comentario de Jazmín", "a note from Priya".
            | ("comentario", "de")
            | ("mensaje", "de")
            | ("nota", "de")
            | ("carta", "de")
            | ("resena", "de")
            | ("comment", "from")
            | ("message", "from")
            | ("note", "from")
            | ("card", "from")
            | ("letter", "from")
            | ("review", "from") => return Some((Cue::Greeting, j)),
            _ => {}
        }
        if !toks.is(j, f::FILLER) && !toks.toks[j].numeric || skipped >= 3 {
            return None;
        }
        skipped += 1;
    }
    None
}

/// "Dr. Lee", "Mrs Okafor", "Sra. López": only a period and spaces between title and name.
fn is_title_gap(toks: &Tokens, i: usize) -> bool {
    let g = toks.gap_before(i);
    let g = g.strip_prefix('.').unwrap_or(g);
    !g.is_empty() && g.chars().all(|c| c == ' ') && g.len() <= 2
}

fn next_word<'a>(toks: &'a Tokens, i: usize) -> Option<&'a str> {
    let n = i + 1;
    if n < toks.toks.len()
        && toks.gap_before(n).chars().all(char::is_whitespace)
        && toks.toks[n].sentence == toks.toks[i].sentence
    {
        Some(toks.folded(n))
    } else {
        None
    }
}

fn institution_follows(toks: &Tokens, i: usize) -> bool {
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
        if toks.is(n, f::INSTIT) {
            // "Mercy Hospital", "Johns Hopkins University": capitalised institution words.
            // Lower case only for eponyms right after the name ("Tommy John surgery",
            // "Bell's palsy"), not for a person's own ("Mr. Osei's surgery").
            let w = toks.folded(n);
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
            let possessive = toks.raw(k).ends_with("'s") || toks.raw(k).ends_with("’s");
            // "Carter's Room – knock first!": a person's own room, not a named one.
            if possessive && w == "room" {
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
            let lecture = matches!(
                w,
                "lecture" | "lectureship" | "oration" | "award" | "awards" | "prize"
            ) && step > 0;
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

fn is_surname_like(toks: &Tokens, n: usize) -> bool {
    let t = toks.toks[n];
    let fl = toks.flags[n];
    let w = toks.folded(n);
    (t.case == Case::Title || t.case == Case::Upper)
        && !t.numeric
        && w.len() >= 2
        && (fl & f::LAST != 0
            || (fl & f::FIRST != 0 && fl & f::WORD == 0)
            || (fl & f::WORD == 0
                && w.len() >= 3
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')))
        && fl & (f::AMBIG | f::NEVER | f::INSTIT | f::PVERB | f::STAFF_TITLE | f::TITLE) == 0
}

pub(crate) fn find(toks: &Tokens, org: &OrgIndex, public: &PublicFigures, out: &mut Vec<Cand>) {
    let lex = lexicon::get();
    let n = toks.toks.len();
    let text = toks.text;
    let (upper, lowerish) =
        toks.toks
            .iter()
            .filter(|t| !t.numeric)
            .fold((0, 0), |(u, l), t| match t.case {
                Case::Upper => (u + 1, l),
                _ => (u, l + 1),
            });
    let all_caps = upper >= 3 && upper > lowerish * 2;
    let mut accepted: Vec<Option<(&'static str, Option<Cue>)>> = vec![None; n];
    let care_talk = std::cell::OnceCell::new();
    let stay_talk = std::cell::OnceCell::new();
    // Indexes several parallel arrays (tokens, flags, accepted) and looks around each token.
    #[allow(clippy::needless_range_loop)]
    for i in 0..n {
        let t = toks.toks[i];
        let k = classify(toks, org, all_caps, i);
        let titled = i > 0 && toks.is(i - 1, f::TITLE | f::STAFF_TITLE) && is_title_gap(toks, i);
        // "Hola Jesús, ...": a greeting right before and a comma right after address a person
        // even when the word is usually no name.
        let greeted = i > 0
            && t.case == Case::Title
            && toks.gap_before(i) == " "
            && matches!(
                toks.folded(i - 1),
                "hola"
                    | "hi"
                    | "hello"
                    | "hey"
                    | "dear"
                    | "querido"
                    | "querida"
                    | "estimado"
                    | "estimada"
            )
            && text[t.end..].starts_with(',');
        let apposed = k.first && t.case == Case::Title && patient_apposition(&text[t.end..]);
        // "whose son Dakota spent 3 weeks", "my daughter Georgia": a state or month given as a
        // name right after a kin word.
        let kin_named = k.first
            && t.case == Case::Title
            && !t.sentence_start
            && i > 0
            && toks.is(i - 1, f::KIN)
            && toks.toks[i - 1].case == Case::Lower
            && !text[t.end..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
        if k.skip
            || (k.never
                && !((titled || greeted || apposed || kin_named)
                    && toks.is(i, f::NEVER)
                    && !toks.is(i, f::TITLE | f::STAFF_TITLE | f::CRED)))
        {
            continue;
        }
        let nameish = k.first || k.last;
        // Most tokens are lower-case or capitalised everyday words: nothing below can fire.
        let after_title = i > 0 && toks.is(i - 1, f::TITLE | f::STAFF_TITLE);
        let comma_digit = {
            let a = &text[t.end..];
            a.starts_with(", ") && a[2..].starts_with(|c: char| c.is_ascii_digit())
        };
        // "to Legend, who spent ...": a capitalised word with a person clause may be a name
        // no list holds (checked against the cues below).
        let clause_after = k.cased
            && !nameish
            && !t.sentence_start
            && person_clause_after(&text[t.end..])
            // "Thanks to Rotary, who donated": an organisation, unless a she/he follows.
            && pronoun_follows(toks, i);
        let patient_before = t.case == Case::Title
            && i > 0
            && toks.toks[i - 1].case == Case::Lower
            && matches!(toks.folded(i - 1), "patient" | "paciente");
        // "welcome home, Lark!", "Love, Atlas": a word set off after a personal greeting and
        // closing the sentence addresses (or signs as) a person, whatever the word.
        // The comma test first: almost no word follows one.
        // "Thank you, Hawkeyes!", "Go Bengals": a plural no list holds is a team or a group.
        let plural = !nameish
            && k.w.ends_with('s')
            && !["ss", "us", "is", "os", "as"]
                .iter()
                .any(|e| k.w.ends_with(e));
        let greeted_close = t.case == Case::Title
            && !t.sentence_start
            && !plural
            && text[..t.start].trim_end().ends_with(',')
            && !toks.is(i, f::INSTIT | f::TITLE | f::STAFF_TITLE)
            && ((!toks.is(i, f::NEVER | f::FUNC)
                && closing_greeting(&text[..t.start], &text[t.end..]))
                // "we will miss you, Will": a given name, even one that is a modal verb.
                || ((k.first || (!toks.is(i, f::NEVER | f::FUNC) && !lex.words.contains(k.w)))
                    && said_to_a_person(&text[..t.start], &text[t.end..])))
            && !org.name_words.contains(k.w)
            && !lex.cities.contains(k.w)
            || (k.first
                && t.case == Case::Title
                && !t.sentence_start
                && !toks.is(i, f::NEVER | f::FUNC | f::INSTIT | f::VIRTUE | f::TITLE)
                && !org.name_words.contains(k.w)
                && !lex.cities.contains(k.w)
                && thanks_for_close(toks, i));
        // "Sky turned 5 on the PICU", "Rain finally got to go outside": a word used as a
        // given name, opening its sentence (checked against a verb and a story of care below).
        let word_name_start = t.sentence_start
            && k.cased
            && toks.is(i, f::VIRTUE | f::AMBIG)
            && !toks.is(i, f::NEVER | f::FUNC);
        let may_be_name = greeted_close
            || word_name_start
            || nameish
            || !(k.ambiguous || k.lower)
            || after_title
            || (comma_digit && k.cased)
            || clause_after
            || patient_before;
        if !may_be_name {
            continue;
        }
        let unknown = !nameish
            && !k.ambiguous
            && k.w.len() >= 3
            && k.w
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
        let cue = left_cue(toks, i);
        let next = next_word(toks, i);
        let next2 = next.and_then(|_| next_word(toks, i + 1));
        // The verb after a name and a parenthesis: "Sunny (yes, that's his real name!)
        // celebrated ...": the token before the verb and the two words after it.
        let verb_after = || {
            let v = skip_parenthesis(toks, i);
            let (v, a, b) = if v == i {
                (v, next, next2)
            } else {
                let a = (v + 1 < n).then(|| toks.folded(v + 1));
                (v, a, a.and_then(|_| next_word(toks, v + 1)))
            };
            // "Destiny really said ...": the verb after one adverb.
            if a.is_some_and(|w| ADVERBS.contains(&w)) && b.is_some() {
                (v + 1, b, next_word(toks, v + 2))
            } else {
                (v, a, b)
            }
        };
        // "Dakota finally went home", "Destiny really said": the verb after one adverb.
        let (vi, vnext, vnext2) = if next.is_some_and(|w| ADVERBS.contains(&w)) && next2.is_some() {
            (i + 1, next2, next_word(toks, i + 2))
        } else {
            (i, next, next2)
        };
        let direct_verb = vnext.is_some() && toks.is(vi + 1, f::SVERB);
        let strong_verb = direct_verb
            || (matches!(
                vnext,
                Some("was" | "is" | "has" | "had" | "got" | "just" | "fue" | "esta")
            ) && vnext2.is_some()
                && toks.is(vi + 2, f::SVERB | f::STATEW));
        let right_cue = k.poss || strong_verb || (vnext.is_some() && toks.is(vi + 1, f::PVERB));
        let after = &text[t.end..];
        let before = toks.gap_before(i);
        let age_after = {
            let a = after.trim_start_matches(['\'', '’', 's']);
            let a = a
                .strip_prefix(',')
                .or_else(|| a.trim_start().strip_prefix('('))
                .map(str::trim_start)
                // "Hope (age 8)", "Leo, aged 4,", "Ana (edad 6)"
                .map(|a| {
                    ["age ", "aged ", "edad ", "Age ", "Aged ", "Edad "]
                        .iter()
                        .find_map(|p| a.strip_prefix(p))
                        .unwrap_or(a)
                });
            a.is_some_and(|a| {
                let d = a.bytes().take_while(u8::is_ascii_digit).count();
                let rest = a[d..].trim_start();
                // "(8 yrs)", "(6 años)": a unit before the closing parenthesis.
                let rest = ["yrs", "yo", "y/o", "years", "años", "anos"]
                    .iter()
                    .find_map(|u| rest.strip_prefix(u))
                    .map_or(rest, str::trim_start);
                (1..=3).contains(&d)
                    && a[..d].parse::<u32>().is_ok_and(|v| v <= 125)
                    && rest.starts_with([',', ')'])
                    && !rest[1..]
                        .trim_start()
                        .starts_with(|c: char| c.is_ascii_digit())
            }) || [" is ", " turned ", " turns ", " just turned "]
                .iter()
                .find_map(|p| after.strip_prefix(p))
                .is_some_and(|a| {
                    // "Joy is 5, loves Bluey", "Max turned 3 today!"
                    let d = a.bytes().take_while(u8::is_ascii_digit).count();
                    let rest = &a[d..];
                    (1..=3).contains(&d)
                        && (rest.starts_with([',', '!'])
                            || rest.starts_with(" years old")
                            || rest.starts_with(" today"))
                })
        };
        let vocative = (after.starts_with(',')
            && (t.sentence_start || before.trim_end().ends_with(',')))
            || (before.trim_end().ends_with(',')
                && (after.is_empty()
                    || after.starts_with(['!', '.', '?', ','])
                    || after
                        .trim_start()
                        .starts_with(|c: char| !c.is_alphanumeric())));
        let surname_next = i + 1 < n
            && toks.gap_before(i + 1) == " "
            && is_surname_like(toks, i + 1)
            && toks.toks[i + 1].case != Case::Lower;
        let known_surname_next = surname_next
            && ((toks.is(i + 1, f::LAST | f::FIRST) && !toks.is(i + 1, f::WORD))
                || hyphenated_surname(toks, i + 1));
        let initial_before = i > 0
            && toks.raw(i - 1).chars().count() == 1
            && toks.toks[i - 1].case == Case::Title
            && matches!(toks.gap_before(i), ". " | ".");
        let blocked = institution_follows(toks, i)
            || (i > 0
                && toks.is(i - 1, f::PLACEPFX)
                && matches!(toks.gap_before(i), " " | ". ")
                && toks.toks[i - 1].case == Case::Title
                && !matches!(cue, Some((Cue::Title | Cue::StaffTitle, _)))
                // "El Güero ya terminó": an article before a nickname no place has.
                && !(k.first
                    && !k.ambiguous
                    && matches!(toks.folded(i - 1), "el" | "la")
                    && !lex.places.contains(toks.phrase(i - 1, i))
                    && toks.phrase(i - 1, i) != "el salvador"))
            || (i > 1
                && matches!(toks.folded(i - 1), "de" | "of" | "del")
                && toks.is(i - 2, f::PLACEPFX)
                && toks.toks[i - 2].case == Case::Title)
            || (lex.cities.contains(k.w)
                && !age_after
                && i > 0
                && matches!(
                    toks.folded(i - 1),
                    "in" | "from" | "near" | "to" | "at" | "of" | "en" | "de" | "desde"
                ))
            || next.is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
            || (i > 0 && ANIMALS.contains(&toks.folded(i - 1)))
            // "la Iglesia Bautista Emanuel", "Escuela Primaria Benito Juárez": the words after a
            // Spanish place word and its qualifier are the place's name.
            || (i > 1
                && toks.is(i - 2, f::PLACEPFX)
                && toks.toks[i - 2].case == Case::Title
                && toks.toks[i - 1].case == Case::Title
                && matches!(
                    toks.folded(i - 2),
                    "iglesia" | "parroquia" | "capilla" | "templo" | "escuela" | "colegio"
                )
                && matches!(
                    toks.folded(i - 1),
                    "bautista"
                        | "metodista"
                        | "catolica"
                        | "cristiana"
                        | "evangelica"
                        | "luterana"
                        | "presbiteriana"
                        | "adventista"
                        | "pentecostal"
                        | "primaria"
                        | "secundaria"
                        | "elemental"
                ))
            // "A volunteer Santa waves": Santa Claus, unless a place follows ("Santa Rosa").
            || (k.w == "santa"
                && next_word(toks, i).is_none_or(|_| toks.toks[i + 1].case != Case::Title))
            // "Opened by HRH The Princess Royal": royalty, by their style.
            || (i > 0 && (i.saturating_sub(3)..i).any(|k| toks.folded(k) == "hrh"))
            // "Maple the Moose turned 10": the animal of a mascot's name.
            || (i > 0 && toks.folded(i - 1) == "the" && ANIMALS.contains(&k.w))
            // "Little League", "Big Ten": a nickname title before an institution word.
            || (i > 0
                && matches!(toks.folded(i - 1), "little" | "big" | "lil")
                && toks.is(i, f::INSTIT))
            // "que vivan la Esperanza, la Fe y la Alegría": a virtue after an article.
            || (i > 0
                && !t.sentence_start
                && matches!(toks.folded(i - 1), "la" | "el" | "las" | "los")
                && toks.is(i, f::VIRTUE))
            || pet_apposition(after)
            // ... unless the post says it is a name ("his name is Leo 🦖", a costume).
            || (animal_emoji_after(after)
                && !(i > 0 && matches!(toks.folded(i - 1), "named" | "is" | "llama")))
            || character_of(toks, i)
            || animal_named(toks, i)
            || place_with_de(toks, lex, i)
            || destination_or_devotion(toks, i)
            // "Christmas Eve", "New Year's Eve": the day, not a woman called Eve.
            || (k.w == "eve"
                && i > 0
                && matches!(
                    toks.folded(i - 1),
                    "christmas" | "year's" | "years" | "year" | "easter" | "halloween" | "hallows"
                ));
        if blocked {
            continue;
        }
        // Acronyms in ordinary text ("NICU", "AMA") are names only after a title or a kin word.
        let acronym =
            t.case == Case::Upper && !all_caps && (k.ambiguous || !k.first || k.w.len() < 4);
        let virtue = toks.is(i, f::VIRTUE);
        // "'4 North – Room 12 – LILY B.'", "Ava R. rang the bell": a given name with the
        // initial of a surname, in any case.
        let with_initial = k.first
            && ((k.cased && !k.ambiguous) || t.case == Case::Upper)
            && i + 1 < n
            && toks.gap_before(i + 1) == " "
            && toks.raw(i + 1).len() == 1
            && toks.toks[i + 1].case != Case::Lower
            && text[toks.toks[i + 1].end..].starts_with('.')
            && !toks.is(i, f::NEVER | f::FUNC);
        // "Carter's Room – knock first!": whose room it is.
        let own_room =
            k.poss && k.first && k.cased && matches!(next, Some("room" | "bedroom" | "cuarto"));
        let reason: Option<&'static str> = match cue.map(|c| c.0) {
            Some(Cue::Title | Cue::StaffTitle)
                if (k.cased && !toks.is(i, f::FUNC))
                    || (k.lower
                        && (!k.ambiguous || k.w.len() == 1)
                        // "Big shoutout", "little thank-you": a cue word of the lists after a
                        // nickname title is that word, not a name.
                        // "la señora sonríe", "mi abuela vivió": a Spanish verb after a title.
                        && (nameish || (!toks.is(i, CUE_WORDS) && toks.raw(i).is_ascii())))
                    || (k.lower
                        && !toks.is(i, f::FUNC)
                        && cue.is_some_and(|(_, j)| {
                            abbreviated_title(toks, j) || endearment_with_pronoun(toks, j, i)
                        }))
                    || (t.case == Case::Upper && k.w.len() == 1)
                    // "Big Al is HOME": a nickname, even of a word that is also Spanish.
                    || (k.cased
                        && k.first
                        && cue.is_some_and(|(_, j)| toks.folded(j) == "big")) =>
            {
                Some("name after a title")
            }
            Some(Cue::Kin)
                if (k.cased && (!k.ambiguous || nameish))
                    || (k.lower && k.first && !k.ambiguous && k.w.len() >= 3)
                    // "our patient Honor went home": a capitalised word right after "patient"
                    // and acting as a person, whatever the word.
                    || (t.case == Case::Title
                        && !t.sentence_start
                        && !toks.is(i, f::NEVER | f::FUNC | f::INSTIT)
                        && cue.is_some_and(|(_, j)| {
                            j + 1 == i
                                && toks.toks[j].case == Case::Lower
                                && matches!(toks.folded(j), "patient" | "paciente")
                        })
                        // "our patient Advocate is here": a job, so a bare "is" does not do.
                        && (next.is_some_and(|w| {
                            STORY_VERBS.contains(&w)
                                && !matches!(w, "is" | "was" | "has" | "had" | "got" | "esta" | "fue")
                        }) || (next.is_some() && toks.is(i + 1, f::SVERB))
                            || after.starts_with([',', '!']))) =>
            {
                Some("name after a family or care word")
            }
            Some(Cue::Greeting)
                if !acronym
                    && !plural
                    && ((k.cased
                        && (!k.ambiguous || k.first)
                        && (nameish || !t.sentence_start))
                        || (k.lower && k.first && !k.ambiguous && k.w.len() >= 3)
                        // "hugs to Journey and her brother", "congrats to Will, who walked
                        // out": a person clause after the thanked word makes it a name, even
                        // one that is also a word.
                        || (k.cased
                            && !t.sentence_start
                            && !toks.is(i, f::NEVER)
                            && person_clause_after(after))) =>
            {
                Some("name addressed or thanked")
            }
            _ => None,
        }
        .or_else(|| {
            if acronym {
                return None;
            }
            // "especially Rose, who knew every night nurse's order": singled out, then
            // described as a person.
            if k.cased
                && k.first
                && !t.sentence_start
                && i > 0
                && matches!(
                    toks.folded(i - 1),
                    "especially" | "particularly" | "including" | "especialmente"
                )
                && person_clause_after(after)
            {
                return Some("name singled out and described as a person");
            }
            if t.case == Case::Title
                && t.sentence_start
                && (nameish || unknown)
                && !toks.is(i, f::NEVER | f::FUNC | f::INSTIT)
            {
                // "Tyrese (yes, the kid from the video!) is back", "Grace (yes, that's her real
                // name!) got back": the aside answers "is that really a name?".
                let aside = after.trim_start().strip_prefix('(').map(|a| {
                    let a = a.split(')').next().unwrap_or("").to_ascii_lowercase();
                    (a.starts_with("yes,") || a.starts_with("sí,") || a.starts_with("si,"), a.contains("real name")
                        || a.contains("nombre real")
                        || a.contains("se llama así")
                        // "Dot (short for Dorothy)": a nickname explained.
                        || a.starts_with("short for ")
                        // "Hope (our patient, not the doctor!)": the aside says who she is.
                        || a.starts_with("our patient")
                        || a.starts_with("nuestra paciente")
                        || a.starts_with("nuestro paciente")
                        || a.starts_with("de cariño"))
                });
                if let Some((yes, real)) = aside {
                    if real || (yes && !k.ambiguous && !virtue) {
                        return Some("name with an aside about the name");
                    }
                }
                // "Hunter, you are a rockstar", "Sol, eres una campeona": a given name
                // addressed with a second person right after.
                // Endearments are no names ("Honey, you are ...").
                if k.first
                    && !matches!(
                        k.w,
                        "baby" | "honey" | "sugar" | "angel" | "doc" | "nurse" | "princess"
                            | "prince" | "king" | "queen" | "sweetie" | "love"
                    )
                    && second_person_after(after)
                {
                    return Some("given name addressed in the second person");
                }
            }
            if k.cased
                && nameish
                && (!k.ambiguous || k.first)
                && back_home(vnext, vnext2)
                && *care_talk.get_or_init(|| story_of_care(text))
            {
                Some(BACK_HOME)
            } else if let Some(r) = ((nameish && k.first || word_name_start)
                && t.sentence_start
                && (k.cased || (k.lower && text[..t.start].trim().is_empty()))
                && !toks.is(i, f::NEVER))
            .then(verb_after)
            .filter(|&(v, vnext, vnext2)| {
                // "Sky turned 5 on the PICU today", "Sunny is off oxygen! Room 507": a story of
                // care or a room stands in for the pronoun.
                subject_of_personal_event(toks, v, vnext, vnext2)
                    && (pronoun_follows(toks, i) || *stay_talk.get_or_init(|| stay_story(text)))
            })
            .and_then(|(v, vnext, _)| {
                // Born, discharged, "doing better since her surgery": a patient's event, even
                // for a name a staff member shares. "Bill called again": someone, whoever.
                if toks.is(v + 1, f::SVERB)
                    || (v + 2 < n && toks.is(v + 2, f::SVERB | f::STATEW))
                    || *care_talk.get_or_init(|| story_of_care(text))
                    || *stay_talk.get_or_init(|| stay_story(text))
                {
                    Some(WORD_NAME_SUBJECT)
                } else if vnext.is_some_and(|w| SPEECH_VERBS.contains(&w)) {
                    Some("given name as the subject of a verb of speech, with a pronoun")
                } else {
                    None
                }
            }) {
                Some(r)
            } else if k.cased
                && nameish
                && (!k.ambiguous || k.first)
                && (if k.ambiguous {
                    direct_verb || age_after
                } else {
                    strong_verb || age_after
                })
            {
                Some(AGE_OR_EVENT_AFTER)
            } else if k.first && !k.ambiguous && k.cased && (k.w.len() >= 3 || surname_next) {
                Some("given name")
            } else if k.first
                && !k.ambiguous
                && k.lower
                && k.w.len() >= 3
                && (right_cue || known_surname_next || (t.sentence_start && after.starts_with(',')))
            {
                Some("lower-case given name in a person context")
            } else if k.first && k.cased && !toks.is(i, f::AMBIG) {
                // "Rosita, nuestra paciente", "Earl, our longtime patient": an appositive.
                let appositive = patient_apposition(after)
                    || after.strip_prefix(',').is_some_and(|a| {
                    a.split_whitespace().take(4).any(|w| {
                        let w = w.trim_end_matches(|c: char| !c.is_alphabetic());
                        w.eq_ignore_ascii_case("patient")
                            || w.eq_ignore_ascii_case("paciente")
                            || w.eq_ignore_ascii_case("survivor")
                    })
                });
                let ok = if t.sentence_start {
                    known_surname_next || k.poss || (direct_verb && !virtue) || appositive
                } else {
                    known_surname_next || k.poss || right_cue || (vocative && !virtue) || appositive
                };
                ok.then_some("given name in a person context")
            } else if k.first && k.cased && known_surname_next {
                Some("given name followed by a surname")
            } else if nameish && k.cased && !toks.is(i, f::FUNC) && patient_apposition(after) {
                // "June, our longest-serving dialysis patient": the apposition says who she is,
                // even for a name that is also a word or a month.
                Some("name followed by 'our patient'")
            } else if k.last
                && !k.ambiguous
                && k.cased
                && (known_surname_next
                    || initial_before
                    || (!t.sentence_start
                        && (k.poss
                            || matches!(
                                next,
                                Some(
                                    "family"
                                        | "familia"
                                        | "family's"
                                        | "household"
                                        | "twins"
                                        | "kids"
                                        | "children"
                                        | "boys"
                                        | "girls"
                                        | "triplets"
                                        // "the Hernandez claim", "the Okoro chart"
                                        | "claim"
                                        | "account"
                                        | "chart"
                                        | "paperwork"
                                        | "estate"
                                )
                            ))))
            {
                Some("surname in a person context")
            } else if nameish
                && (k.cased || (k.lower && k.first && k.w.len() >= 3))
                && k.poss
                && next.is_some()
                && toks.is(i + 1, f::KIN)
            {
                Some("name with a family word ('Mason's dad')")
            } else if unknown
                && k.cased
                && !t.sentence_start
                && matches!(next, Some("family" | "familia" | "twins" | "household"))
            {
                Some("family name")
            } else if unknown
                && k.cased
                && t.case == Case::Title
                && (strong_verb
                    || (vnext.is_some_and(|w| STORY_VERBS.contains(&w))
                        && toks.gap_before(vi + 1) == " "
                        && !k.w.contains(['\'', '’'])
                        && (!matches!(vnext, Some("is" | "was" | "esta" | "fue"))
                            || matches!(
                                vnext2,
                                Some(
                                    "our"
                                        | "my"
                                        | "his"
                                        | "her"
                                        | "their"
                                        | "now"
                                        | "home"
                                        | "back"
                                        | "doing"
                                        | "still"
                                        | "finally"
                                        | "going"
                                        | "recovering"
                                        | "so"
                                        | "nuestro"
                                        | "nuestra"
                                        | "mi"
                                        | "su"
                                        | "en"
                                        | "muy"
                                        | "ya"
                                )
                            ))))
                && *care_talk.get_or_init(|| story_of_care(text))
            {
                // A word in no lexicon doing what people do in a care story ("Keoni went home
                // after his surgery"): rare names are exactly the ones no list holds, so the
                // guard leans to caution and lets a person check.
                Some("unknown capitalised word acting as a person in a care story")
            } else if k.cased && age_after && !toks.is(i, f::FUNC) {
                Some(AGE_AFTER)
            } else if unknown
                && k.cased
                && (known_surname_next
                    || (surname_next
                        && (right_cue || (next2.is_some() && toks.is(i + 2, f::PVERB | f::SVERB)))))
            {
                Some("capitalised name followed by a surname")
            } else {
                None
            }
        });
        let reason =
            reason.or_else(|| greeted_close.then_some("word addressed or signed after a greeting"));
        let reason = reason
            .or_else(|| with_initial.then_some("given name with the initial of a surname"))
            .or_else(|| own_room.then_some("name owning a room"));
        // A pair that is a staff member's full name ("Joy Park") is a name whatever its words.
        let reason = reason.or_else(|| {
            (k.cased
                && i + 1 < n
                && toks.gap_before(i + 1) == " "
                && toks.toks[i + 1].case == Case::Title
                && org.is_staff_name(&[k.w, toks.folded(i + 1)]))
            .then_some("name in the staff directory")
        });
        if let Some(r) = reason {
            let family_next = matches!(next, Some("family" | "familia" | "family's" | "household"));
            let c = if family_next {
                Some(Cue::Kin)
            } else {
                cue.map(|c| c.0)
            };
            accepted[i] = Some((r, c));
        }
    }
    // "The most popular baby names? Olivia and Liam!": names as words, not people.
    if [
        "baby names",
        "popular names",
        "top names",
        "most popular",
        "nombres más",
        "nombres mas",
        "nombres populares",
    ]
    .iter()
    .any(|p| {
        (text.contains("ames") || text.contains("ombres") || text.contains("opular"))
            && text.to_lowercase().contains(p)
    }) {
        for slot in accepted.iter_mut() {
            if slot.is_some_and(|(_, cue)| cue.is_none()) {
                *slot = None;
            }
        }
    }
    not_patients(toks, public, &mut accepted);
    // Public figures quoted or celebrated in health posts are nobody's patients.
    for i in 0..n {
        if accepted[i].is_none() && accepted.get(i + 1).is_none_or(Option::is_none) {
            continue;
        }
        for len in [3usize, 2, 1] {
            if i + len <= n
                && ((len > 1 && FAMOUS.contains(&toks.phrase(i, i + len - 1)))
                    || brand(toks, i, i + len - 1))
            {
                for slot in accepted.iter_mut().skip(i).take(len) {
                    *slot = None;
                }
                // "Manu Ginóbili visitó ... ¡Gracias, Manu!": the figure named again.
                if len > 1 {
                    let first = toks.folded(i);
                    for (k, slot) in accepted.iter_mut().enumerate() {
                        if slot.is_some() && toks.folded(k) == first {
                            *slot = None;
                        }
                    }
                }
            }
        }
        // "the Kettering Building is named after Charles F. Kettering": an eponym.
        if i > 1
            && matches!(
                (toks.folded(i - 2), toks.folded(i - 1)),
                ("named", "after" | "for")
            )
        {
            let mut j = i;
            while j < n
                && j < i + 4
                && (j == i
                    || (toks.gap_before(j).trim().is_empty() || toks.gap_before(j) == ". ")
                        && toks.toks[j].case != Case::Lower)
            {
                accepted[j] = None;
                j += 1;
            }
        }
    }
    let patient_talk = std::cell::OnceCell::new();
    let first_new = out.len();
    // Group accepted tokens into full names, extending over surnames, initials and particles.
    let mut i = 0;
    while i < n {
        let Some((reason, cue)) = accepted[i] else {
            i += 1;
            continue;
        };
        let mut s = i;
        while s > 0 {
            let p = s - 1;
            let gap = toks.gap_before(s);
            let initial = toks.raw(p).chars().count() == 1
                && toks.toks[p].case == Case::Title
                && (gap == ". " || gap == ".");
            let name_before = gap == " "
                && toks.toks[p].case == Case::Title
                && toks.is(p, f::FIRST)
                && !toks.is(p, f::WORD | f::AMBIG | f::NEVER);
            if (initial || name_before)
                && accepted[p].is_none()
                && toks.toks[p].sentence == toks.toks[s].sentence
            {
                s = p;
            } else {
                break;
            }
        }
        let mut e = i;
        while e + 1 < n && e - s < 4 {
            let m = e + 1;
            let gap = toks.gap_before(m);
            if accepted[m].is_some() && (gap == " " || gap == "-") {
                e = m;
                continue;
            }
            let initial_before =
                toks.raw(e).chars().count() == 1 && toks.toks[e].case == Case::Title;
            if (gap == " " || (initial_before && (gap == ". " || gap == ".")))
                && is_surname_like(toks, m)
                && !institution_follows(toks, e)
            {
                e = m;
                continue;
            }
            // A quoted nickname between given name and surname: "Harold 'Hal' Whitaker".
            if m + 1 < n
                && matches!(gap, " '" | " \"" | " “" | " ‘")
                && toks.toks[m].case == Case::Title
                && matches!(toks.gap_before(m + 1), "' " | "\" " | "” " | "’ ")
                && is_surname_like(toks, m + 1)
            {
                e = m + 1;
                continue;
            }
            // Last initial: "SOPHIA R.", "Rodrigo M."
            if gap == " "
                && toks.raw(m).chars().count() == 1
                && toks.toks[m].case == Case::Title
                && text[toks.toks[m].end..].starts_with('.')
                && !(m + 1 < n && is_surname_like(toks, m + 1) && toks.gap_before(m + 1) == ". ")
            {
                e = m;
                break;
            }
            // Middle initial: "John F. Kennedy"
            if gap == " "
                && toks.raw(m).chars().count() == 1
                && toks.toks[m].case == Case::Title
                && text[toks.toks[m].end..].starts_with('.')
                && m + 1 < n
                && is_surname_like(toks, m + 1)
            {
                e = m + 1;
                continue;
            }
            // Particles: "García de la Cruz", "van der Berg"
            if gap == " " && toks.is(m, f::PARTICLE) && toks.toks[m].case == Case::Lower {
                let mut q = m;
                while q + 1 < n && toks.is(q + 1, f::PARTICLE) && toks.gap_before(q + 1) == " " {
                    q += 1;
                }
                if q + 1 < n
                    && toks.gap_before(q + 1) == " "
                    && is_surname_like(toks, q + 1)
                    && toks.toks[q + 1].case == Case::Title
                {
                    e = q + 1;
                    continue;
                }
            }
            break;
        }
        let words: Vec<&str> = (s..=e)
            .map(|k| {
                let w = toks.folded(k);
                w.strip_suffix("'s").unwrap_or(w)
            })
            .collect();
        i = e + 1;
        if words.iter().all(|w| org.name_words.contains(*w)) {
            continue;
        }
        // "Carol singers", "Daisy chains": a word-name with no cue before a plural noun for
        // people or things is that compound, not someone called Carol.
        if cue.is_none() && s == e && e + 1 < n && toks.is(s, f::WORD) {
            let m = e + 1;
            let w = toks.folded(m);
            if toks.gap_before(m) == " "
                && toks.toks[m].case == Case::Lower
                && (w.ends_with("ers") || w.ends_with("chains"))
                && toks.is(m, f::WORD)
                && !toks.is(m, f::PVERB | f::SVERB | f::FIRST)
                && !VERBS_IN_ERS.contains(&w)
            {
                continue;
            }
        }
        // "Papa Joe's Pizza", "Abuela's Kitchen": a possessive name on a business, whatever
        // cue comes before it.
        if e + 1 < n
            && (toks.raw(e).ends_with("'s") || toks.raw(e).ends_with("’s"))
            && toks.gap_before(e + 1) == " "
            && toks.toks[e + 1].case == Case::Title
            && BUSINESSES.contains(&toks.folded(e + 1))
        {
            continue;
        }
        // "Ronald McDonald Family Room", "Harper Collins Publishers", "Joe's Diner": a name
        // followed by a capitalised common noun names a thing, not a person.
        if !matches!(cue, Some(Cue::Title | Cue::StaffTitle | Cue::Kin)) && e + 1 < n {
            let gap = toks.gap_before(e + 1);
            let m = e + 1;
            if gap == " "
                && toks.toks[m].case == Case::Title
                && !toks.toks[m].sentence_start
                && toks.folded(m).len() >= 3
                && toks.is(m, f::WORD)
                && !toks.is(m, f::FIRST | f::PVERB | f::SVERB)
            {
                continue;
            }
        }
        let title_before = s > 0 && is_title_gap(toks, s) && toks.is(s - 1, f::STAFF_TITLE);
        let credential_after = e + 1 < n
            && matches!(toks.gap_before(e + 1), ", " | " " | "," | " (" | "(")
            && toks.toks[e + 1].case == Case::Upper
            && toks.is(e + 1, f::CRED);
        // Staff do not go home from the NICU: "Hope is finally home" is a patient called Hope.
        // "baby Hope", "abuelita Grace": a kin title names a patient, whoever shares the name.
        let kin_title = s > 0
            && is_title_gap(toks, s)
            && matches!(
                toks.folded(s - 1),
                "baby"
                    | "lil"
                    | "little"
                    | "grandma"
                    | "grandpa"
                    | "nana"
                    | "granny"
                    | "abuela"
                    | "abuelo"
                    | "abuelita"
                    | "abuelito"
            );
        let patient_cue = kin_title
            || reason == AGE_AFTER
            || reason == AGE_OR_EVENT_AFTER
            || cue == Some(Cue::Kin)
            || reason == BACK_HOME
            || reason == WORD_NAME_SUBJECT;
        let (whose, why) = if title_before || credential_after {
            if org.is_staff_name(&words) {
                (Whose::Staff, "staff member in the directory")
            } else if words.len() == 1 && words[0].chars().count() == 1 && title_before {
                // "Dr. H": a staff nickname, too short to tell anyone apart.
                (Whose::Staff, "initial after a clinical title")
            } else {
                // The guard only knows the directory: a titled outsider ("volunteer Mabel",
                // "Dr. Reyes from the VA") may be a patient or relative, so a human must check.
                (Whose::Patient, "titled person not in the staff directory")
            }
        } else if org.is_staff_name(&words)
            && !patient_cue
            && !(words.len() == 1 && *patient_talk.get_or_init(|| addressed_as_patient(toks)))
        {
            (Whose::Staff, "name in the staff directory")
        } else {
            (Whose::Patient, reason)
        };
        let mut end = toks.toks[e].end;
        // Keep the possessive outside the span: "Jacob's" -> "Jacob".
        let raw = &text[toks.toks[s].start..end];
        if raw.ends_with("'s") || raw.ends_with("’s") {
            end -= if raw.ends_with("'s") { 2 } else { 4 };
        }
        out.push(Cand {
            kind: Kind::PersonName,
            start: toks.toks[s].start,
            end,
            whose,
            reason: why.to_string(),
            prio: 3,
        });
    }
    same_name_again(toks, out, first_new);
    initials(toks, out);
    lowercase_addressed(toks, org, out);
    title_initial(toks, out);
    appositions(toks, lex, org, out);
    tags(toks, lex, org, out);
}

/// "Mr." "Ms." "Sgt." with their period: what follows is a name even when it is also a word
/// ("ms. ruby", "mr. rich"); "little", "big" and "miss" without a period are adjectives or verbs.
fn abbreviated_title(toks: &Tokens, j: usize) -> bool {
    matches!(
        toks.folded(j),
        "mr" | "mrs" | "ms" | "mx" | "sra" | "srta" | "sr" | "sgt" | "capt" | "lt" | "cpl" | "maj"
    ) && toks.gap_before(j + 1).starts_with('.')
}

/// "Okoro-Williams", "Lopez-Garcia": a double-barrelled surname (two tokens joined by a
/// hyphen) when one of its parts is a known surname.
fn hyphenated_surname(toks: &Tokens, m: usize) -> bool {
    let w = toks.folded(m);
    if w.contains('-') {
        // One token: check its parts in the lexicon.
        let lex = lexicon::get();
        let parts = || w.split('-');
        return parts().all(|p| p.len() >= 2 && p.chars().all(char::is_alphabetic))
            && parts().any(|p| lex.flags(p) & f::LAST != 0)
            && parts().all(|p| lex.flags(p) & (f::NEVER | f::INSTIT | f::AMBIG) == 0);
    }
    let n = toks.toks.len();
    if m + 1 >= n || toks.gap_before(m + 1) != "-" || toks.toks[m + 1].case != Case::Title {
        return false;
    }
    let part_ok = |k: usize| {
        toks.folded(k).len() >= 2
            && !toks.toks[k].numeric
            && !toks.is(k, f::NEVER | f::INSTIT | f::AMBIG)
    };
    part_ok(m) && part_ok(m + 1) && (toks.is(m, f::LAST) || toks.is(m + 1, f::LAST))
}

/// "our little guy", "baby girl", "sweet angel": nouns for a person after an endearment, not
/// names, even where a name list holds them.
const PERSON_NOUNS: &[&str] = &[
    "guy", "girl", "boy", "man", "lady", "one", "ones", "buddy", "dude", "angel", "fighter",
    "warrior", "champ", "bug", "bear", "bro", "sis", "kid", "brother", "sister", "prince",
    "princess", "king", "queen", "nino", "nina", "bebe",
];

/// "little grace had her tonsils out", "little miss penny doing her exercises": an endearment
/// right before a lower-case given name, and the pronoun that follows, say it is a child; "a
/// little faith in his doctors" (a determiner before) is the word.
fn endearment_with_pronoun(toks: &Tokens, j: usize, i: usize) -> bool {
    let n = toks.toks.len();
    let start = if toks.folded(j) == "miss" && j > 0 && toks.folded(j - 1) == "little" {
        j - 1
    } else {
        j
    };
    matches!(toks.folded(j), "little" | "lil" | "baby" | "miss")
        && toks.is(i, f::FIRST)
        && !PERSON_NOUNS.contains(&toks.folded(i))
        && !(start > 0
            && matches!(
                toks.folded(start - 1),
                "a" | "an" | "the" | "some" | "this" | "that" | "any" | "no" | "much" | "with"
            ))
        && (i + 1..(i + 4).min(n)).any(|k| {
            toks.toks[k].sentence == toks.toks[i].sentence
                && matches!(toks.folded(k), "her" | "his" | "she" | "he" | "su" | "sus")
        })
}

const BACK_HOME: &str = "name going home after care";
const AGE_AFTER: &str = "capitalised name followed by an age";
const AGE_OR_EVENT_AFTER: &str = "name followed by an age or a life event";
const WORD_NAME_SUBJECT: &str =
    "given name as the subject of a personal event, with a pronoun or in a story of a stay";

/// Class bits of cue words (greetings, kin, fillers, verbs): never names after "big", "little".
const CUE_WORDS: u32 =
    f::GREETING | f::KIN | f::FILLER | f::PVERB | f::SVERB | f::STATEW | f::INSTIT | f::CRED;

/// Verbs of a person speaking or coming by ("Bill called again about his wife's bill").
const SPEECH_VERBS: &[&str] = &[
    "called", "phoned", "asked", "said", "says", "wrote", "told", "stopped", "visited", "came",
    "went", "walked", "stayed", "spent", "llamo", "dijo", "pregunto", "vino", "visito",
];

/// Third-person verbs ending in "-ers" ("Carol answers the phones"): not plural nouns.
const VERBS_IN_ERS: &[&str] = &[
    "answers",
    "offers",
    "remembers",
    "enters",
    "wonders",
    "orders",
    "gathers",
    "delivers",
    "covers",
    "discovers",
    "suffers",
    "prefers",
    "registers",
    "considers",
    "bothers",
    "recovers",
    "volunteers",
    "cheers",
    "whispers",
    "remembers",
    "shivers",
    "stutters",
    "lingers",
    "hovers",
    "manners",
];

/// What follows a word that is thanked or greeted and says it is a person: ", who ...",
/// " and her brother", ", she ...".
/// "welcome home, |Lark|!", "Love, |Atlas|'": `before` ends in a personal greeting and a comma,
/// and `after` closes the sentence.
fn closing_greeting(before: &str, after: &str) -> bool {
    let Some(b) = before.trim_end().strip_suffix(',') else {
        return false;
    };
    let a = after.trim_start_matches(['\'', '’', '"', '”']).trim_start();
    if !(a.is_empty()
        || a.starts_with(['!', '.', '?'])
        || !a
            .starts_with(|c: char| c.is_alphanumeric() || matches!(c, ',' | ';' | ':' | '(' | '-')))
    {
        return false;
    }
    let b = b.trim_end().to_lowercase();
    let bounded = |p: &str| {
        b.strip_suffix(p)
            .is_some_and(|r| !r.ends_with(|c: char| c.is_alphanumeric()))
    };
    // Phrases only a person is greeted with.
    let phrase = [
        "welcome home",
        "welcome back",
        "love you",
        "miss you",
        "proud of you",
        "bienvenida a casa",
        "bienvenido a casa",
        "te queremos",
        "te extrañamos",
        "con cariño",
        "with love",
    ]
    .iter()
    .any(|p| bounded(p));
    // A sign-off word opening its sentence ("Bye bye port! Love, Atlas").
    let sign_off = ["love", "hugs", "xoxo", "besos"].iter().any(|p| {
        b.strip_suffix(p).is_some_and(|r| {
            r.trim_end().is_empty() || r.trim_end().ends_with(['!', '.', '?', '\'', '"', '‘', '“'])
        })
    });
    phrase || sign_off
}

/// The sentence that `before` ends in opens by greeting or thanking someone ("Gracias por su
/// reseña, ", "Hi ", "Thanks so much, ").
fn thanking_sentence(before: &str) -> bool {
    let start = before.rfind(['.', '!', '?', '\n']).map_or(0, |k| k + 1);
    let s = before[start..].trim_start().to_lowercase();
    let s = s.trim_start_matches(['¡', '"', '“']);
    [
        "thank",
        "thanks",
        "thx",
        "gracias",
        "hi ",
        "hi,",
        "hello",
        "hey",
        "hola",
        "dear",
        "estimad",
        "muchas gracias",
        "mil gracias",
    ]
    .iter()
    .any(|p| s.starts_with(p))
}

/// "Thank you for the 5 stars Barb!!!", "gracias por venir Marisol!": a given name closing a
/// sentence that thanks someone for something.
fn thanks_for_close(toks: &Tokens, i: usize) -> bool {
    let t = toks.toks[i];
    let after = toks.text[t.end..].trim_start();
    if !(after.is_empty() || after.starts_with(['!', '.'])) {
        return false;
    }
    let sentence = t.sentence;
    let mut j = i;
    while j > 0 && toks.toks[j - 1].sentence == sentence && i - j < 10 {
        j -= 1;
    }
    let w = |k: usize| if k < i { toks.folded(k) } else { "" };
    matches!(
        (w(j), w(j + 1), w(j + 2)),
        ("thank", "you" | "u", "for") | ("thanks" | "thx" | "ty", "for", _) | ("gracias", "por", _)
    )
}

/// "we remember you, Lily!", "Thanks, Dana!", "we will miss you, Will 🚗": a word closing a
/// sentence after a comma and words said to a person. Everyday words ("Thanks, Team!") are
/// left out by the caller unless they are also given names.
fn said_to_a_person(before: &str, after: &str) -> bool {
    let Some(b) = before.trim_end().strip_suffix(',') else {
        return false;
    };
    let a = after.trim_start();
    if !(a.is_empty()
        || a.starts_with(['!', '.', '?', '—'])
        || !a.starts_with(|c: char| {
            c.is_alphanumeric() || matches!(c, ',' | ';' | ':' | '(' | '-' | '\'' | '’')
        }))
    {
        return false;
    }
    let b = b.trim_end().to_lowercase();
    let last = b
        .rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    matches!(
        last,
        "you"
            | "u"
            | "ya"
            | "thanks"
            | "thx"
            | "ty"
            | "congrats"
            | "congratulations"
            | "gracias"
            | "felicidades"
            | "bye"
            | "goodbye"
            | "cheers"
            | "ti"
            | "usted"
    ) || [
        "well done",
        "good luck",
        "get well soon",
        "feel better",
        "hang in there",
        "take care",
    ]
    .iter()
    .any(|p| b.ends_with(p))
}

fn person_clause_after(after: &str) -> bool {
    let a = after;
    // Most words are followed by a space and a word that starts none of these.
    if !(a.starts_with(',') || a.starts_with(" and ") || a.starts_with(" y ")) {
        return false;
    }
    let lower = |p: &str| {
        a.len() >= p.len()
            && a.is_char_boundary(p.len())
            && a[..p.len()].eq_ignore_ascii_case(p)
            && !a[p.len()..].starts_with(|c: char| c.is_alphanumeric())
    };
    [
        ", who", ", whose", ", she", ", he", " and her", " and his", ", quien", " y su",
    ]
    .iter()
    .any(|p| lower(p))
}

/// The word opening a sentence acts as a person in a personal event: "Grace was born",
/// "hope is doing better", "Bill called again".
fn subject_of_personal_event(
    toks: &Tokens,
    i: usize,
    next: Option<&str>,
    next2: Option<&str>,
) -> bool {
    let Some(w) = next else {
        return false;
    };
    toks.is(i + 1, f::SVERB)
        || SPEECH_VERBS.contains(&w)
        || (matches!(w, "is" | "was" | "has" | "had" | "got" | "esta" | "fue")
            && (next2.is_some() && toks.is(i + 2, f::SVERB | f::STATEW)
                || matches!(
                    next2,
                    Some(
                        "doing"
                            | "feeling"
                            | "home"
                            | "back"
                            | "finally"
                            | "recovering"
                            | "born"
                            | "discharged"
                            | "admitted"
                            | "off"
                            | "out"
                    )
                )
                || (w == "got" && matches!(next2, Some("to" | "home" | "out" | "back")))))
}

/// The post tells of someone's stay: a room, bed or unit ("Room 507", "5 North"), an
/// intensive care unit, a discharge, chemo, surgery, oxygen, the bell.
fn stay_story(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "picu",
        "nicu",
        " icu",
        "discharg",
        "chemo",
        "surgery",
        "oxygen",
        "ventilator",
        "rang the bell",
        "transplant",
        "went home",
        "going home",
        "cirug",
        "quimio",
    ]
    .iter()
    .any(|w| lower.contains(w))
        || unit_named(text)
}

/// A room, bed or unit is named ("Room 507", "5 North", "bed 12"): the post is about a stay.
fn unit_named(text: &str) -> bool {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)(?:room|rm|bed|bay|ward|cuarto|habitaci[oó]n|cama)\s*#?\d|\d+\s*(?:north|south|east|west)",
        )
        .expect("unit regex")
    })
    .is_match(text)
}

/// The last token of a parenthesis right after token `i` ("Sunny (yes, that's his name!)"),
/// or `i` when none follows.
fn skip_parenthesis(toks: &Tokens, i: usize) -> usize {
    let n = toks.toks.len();
    if i + 1 >= n || !toks.gap_before(i + 1).trim_start().starts_with('(') {
        return i;
    }
    (i + 1..(i + 12).min(n))
        .find(|&k| k + 1 < n && toks.gap_before(k + 1).contains(')'))
        .unwrap_or(i)
}

/// A she/he/her/his follows in the same sentence, a few words on: the word is a person.
fn pronoun_follows(toks: &Tokens, i: usize) -> bool {
    // The pronoun may open the next sentence: "joy is home!! she rang the bell".
    let sentence = toks.toks[i].sentence;
    (i + 2..(i + 14).min(toks.toks.len()))
        .take_while(|&k| toks.toks[k].sentence <= sentence + 1)
        .any(|k| {
            let w = toks.folded(k);
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("'d"))
                .unwrap_or(w);
            matches!(w, "she" | "he" | "her" | "his" | "him" | "hers" | "ella")
        })
}

/// "Hope is finally home", "Faith was back at school": a return home after care.
fn back_home(next: Option<&str>, next2: Option<&str>) -> bool {
    matches!(next, Some("is" | "was" | "went" | "came" | "got"))
        && matches!(
            next2,
            Some("home" | "finally" | "back" | "discharged" | "recovering")
        )
}

/// ", our longest-serving dialysis patient", ", nuestra paciente": an apposition naming a patient.
fn patient_apposition(after: &str) -> bool {
    after.strip_prefix(',').is_some_and(|a| {
        let mut words = a.split_whitespace();
        let first = words.next().unwrap_or("");
        matches!(
            first.to_ascii_lowercase().as_str(),
            "our" | "a" | "the" | "nuestro" | "nuestra" | "un" | "una" | "my" | "mi"
        ) && words.take(4).any(|w| {
            let w = w.trim_end_matches(|c: char| !c.is_alphabetic());
            [
                "patient",
                "paciente",
                "survivor",
                "warrior",
                "superhero",
                "graduate",
                "toddler",
                "baby",
                "newborn",
                "preemie",
                "infant",
                "boy",
                "girl",
                "teen",
                "teenager",
                "kid",
                "child",
                "grandmother",
                "grandfather",
                "grandma",
                "grandpa",
                "veteran",
                "niño",
                "niña",
                "bebé",
                "abuelo",
                "abuela",
                "abuelita",
                "abuelito",
            ]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
        })
    })
}

/// Once a word is a patient's name in the post, its other capitalised (or, for a lower-case
/// name, lower-case) mentions are that patient too: "Thanks to Summer ... Summer is doing
/// great", "Buzz Kimball ... Buzz passed". The post already blocks; this completes the spans.
fn same_name_again(toks: &Tokens, out: &mut Vec<Cand>, first_new: usize) {
    // Folded name -> whether it was written in lower case. Sets and a sorted span list keep
    // this linear-ish on a 10 MB post full of names.
    let mut names: std::collections::HashMap<&str, bool> = std::collections::HashMap::new();
    let mut spans: Vec<(usize, usize)> = out.iter().map(|c| (c.start, c.end)).collect();
    spans.sort_unstable();
    let covered = |s: usize, e: usize| {
        // Spans may overlap before resolution: look back over those starting before `e`.
        let k = spans.partition_point(|&(a, _)| a < e);
        spans[..k].iter().rev().take(8).any(|&(_, b)| b > s)
    };
    for c in &out[first_new..] {
        if c.kind != Kind::PersonName || c.whose != Whose::Patient {
            continue;
        }
        let k0 = toks.toks.partition_point(|t| t.start < c.start);
        for k in k0..toks.toks.len() {
            let t = toks.toks[k];
            if t.end > c.end {
                break;
            }
            if !t.numeric {
                let w = toks.folded(k);
                let w = w.strip_suffix("'s").unwrap_or(w);
                if w.chars().count() >= 3 {
                    names.entry(w).or_insert(t.case == Case::Lower);
                }
            }
        }
    }
    if names.is_empty() {
        return;
    }
    let b = toks.text.as_bytes();
    let mut extra = Vec::new();
    for (k, t) in toks.toks.iter().enumerate() {
        if t.numeric
            || matches!(t.prefix, '#' | '@' | '.' | '/' | '_')
            || (t.end < b.len() && matches!(b[t.end], b'@' | b'_'))
        {
            continue;
        }
        let w = toks.folded(k);
        let w = w.strip_suffix("'s").unwrap_or(w);
        let lower = t.case == Case::Lower;
        if names.get(w).is_some_and(|&nl| nl || !lower) && !covered(t.start, t.end) {
            let raw = &toks.text[t.start..t.end];
            let end = t.end - if raw.ends_with("'s") { 2 } else { 0 };
            extra.push(Cand {
                kind: Kind::PersonName,
                start: t.start,
                end,
                whose: Whose::Patient,
                reason: "same name as a patient named earlier in the post".into(),
                prio: 2,
            });
        }
    }
    out.extend(extra);
}

/// Person nouns an appositive name follows ("a 23-year-old motorcyclist, Tyler, ...").
const APPOS_NOUNS: &[&str] = &[
    "patient",
    "motorcyclist",
    "cyclist",
    "driver",
    "man",
    "woman",
    "boy",
    "girl",
    "gentleman",
    "lady",
    "toddler",
    "baby",
    "infant",
    "teen",
    "teenager",
    "son",
    "daughter",
    "mom",
    "mother",
    "dad",
    "father",
    "grandmother",
    "grandfather",
    "grandma",
    "grandpa",
    "veteran",
    "survivor",
    "paciente",
    "senor",
    "senora",
    "nino",
    "nina",
    "bebe",
    "abuelo",
    "abuela",
    "hijo",
    "hija",
];

/// Names set off by commas as a person's: "Linda, you inspire us" opening a sentence of a care
/// story, "a motorcyclist, Tyler, ...", "O. Petrov, our 1,000th joint replacement patient".
/// Capitalised names at a sentence start are otherwise too ambiguous to take.
fn appositions(toks: &Tokens, lex: &Lexicon, org: &OrgIndex, out: &mut Vec<Cand>) {
    let text = toks.text;
    let n = toks.toks.len();
    let care = std::cell::OnceCell::new();
    let cared = || *care.get_or_init(|| story_of_care(text) || addressed_as_patient(toks));
    let blocked = f::TITLE | f::STAFF_TITLE | f::KIN | f::GREETING | f::FUNC | f::CRED;
    for i in 0..n {
        let t = toks.toks[i];
        if t.case != Case::Title
            || t.numeric
            || toks.is(i, blocked)
            || matches!(t.prefix, '#' | '@' | '.' | '/' | '_')
        {
            continue;
        }
        let after = &text[t.end..];
        let addressed = toks.is(i, f::FIRST)
            && after.strip_prefix(", ").is_some_and(|a| {
                let w = a
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                matches!(
                    w.as_str(),
                    "you" | "we" | "thank" | "thanks" | "gracias" | "te" | "eres" | "sigue"
                )
            })
            && cared();
        let mut end = t.end;
        let appos = i > 0
            && toks.gap_before(i) == ", "
            && APPOS_NOUNS.contains(&toks.folded(i - 1))
            && !toks.is(i, f::NEVER)
            && {
                // Take a capitalised surname too ("a patient, Gloria Diaz, ...").
                if i + 1 < n
                    && toks.gap_before(i + 1) == " "
                    && toks.toks[i + 1].case == Case::Title
                    && !toks.is(i + 1, f::NEVER | f::FUNC)
                {
                    end = toks.toks[i + 1].end;
                }
                let rest = &text[end..];
                rest.starts_with(',')
                    || rest.starts_with('.')
                    || rest.starts_with(" and ")
                    || rest.starts_with(" y ")
            };
        // "Linda Farrow couldn't climb the stairs": a given name that is also a word, followed
        // by a surname that is no word, names someone in a story of care.
        let full_name = !appos
            && lex.first.contains(toks.folded(i))
            && i + 1 < n
            && toks.gap_before(i + 1) == " "
            && toks.toks[i + 1].case == Case::Title
            && {
                let l = toks.folded(i + 1);
                // A surname that is also a word ("Farrow", "Keel") needs a story verb after it.
                let verb_next = i + 2 < n
                    && toks.gap_before(i + 2) == " "
                    && toks.toks[i + 2].case == Case::Lower
                    // "Hope Lodge is a free place to stay" defines a thing.
                    && !matches!(toks.folded(i + 2), "is" | "has")
                    && (STORY_VERBS.contains(&toks.folded(i + 2))
                        || matches!(
                            toks.raw(i + 2),
                            "couldn't" | "could" | "can't" | "didn't" | "wasn't" | "never"
                        ));
                l.len() >= 3
                    && lex.last.contains(l)
                    && (!lex.words.contains(l) || verb_next)
                    && lex.class(l) & f::NEVER == 0
                    && !org.name_words.contains(l)
            }
            && !FAMOUS.contains(&toks.phrase(i, i + 1))
            && !institution_follows(toks, i)
            && cared();
        if full_name {
            end = toks.toks[i + 1].end;
        }
        if !(addressed || appos || full_name) {
            continue;
        }
        let w = toks.folded(i);
        let staff = if full_name {
            org.is_staff_name(&[w, toks.folded(i + 1)])
        } else {
            org.is_staff_name(&[w]) && !addressed_as_patient(toks)
        };
        let whose = if staff { Whose::Staff } else { Whose::Patient };
        out.push(Cand {
            kind: Kind::PersonName,
            start: t.start,
            end,
            whose,
            reason: if full_name {
                "given name and surname in a story of care".to_string()
            } else {
                "name set off by commas as a person's".to_string()
            },
            prio: 3,
        });
    }
    for c in our_patient().captures_iter(text) {
        let m = c.name("n").expect("name");
        let words: Vec<String> = m
            .as_str()
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() > 1)
            .map(fold)
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        out.push(Cand {
            kind: Kind::PersonName,
            start: m.start(),
            end: m.end(),
            whose: if org.is_staff_name(&words) {
                Whose::Staff
            } else {
                Whose::Patient
            },
            reason: "name introduced as 'our ... patient'".to_string(),
            prio: 3,
        });
    }
}

/// "O. Petrov, our 1,000th joint replacement patient", "Ana Ruiz, nuestra paciente número 500".
fn our_patient() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"(?:^|[.:!?]\s+)(?P<n>(?:[A-Z]\.\s?)?[A-ZÀ-Þ][a-zß-ÿ'’-]+(?:\s[A-ZÀ-Þ][a-zß-ÿ'’-]+)?),\s(?:our|nuestr[oa]s?)\s(?:[\w,'’-]+\s){0,5}?(?:patient|paciente|survivor|sobreviviente)s?(?-u:\b)",
        )
        .expect("our patient regex")
    })
}

/// "Mrs. O.", "la señora G", "Mr K": a courtesy title and one capital letter name a person
/// as surely as a full surname does (the letter is what staff call the patient in a post).
fn title_initial(toks: &Tokens, out: &mut Vec<Cand>) {
    let n = toks.toks.len();
    for i in 0..n.saturating_sub(1) {
        if !matches!(
            toks.folded(i),
            "mr" | "mrs"
                | "ms"
                | "miss"
                | "mx"
                | "mister"
                | "sr"
                | "sra"
                | "srta"
                | "senor"
                | "senora"
                | "senorita"
                | "don"
                | "dona"
        ) || !matches!(toks.gap_before(i + 1), ". " | " " | ".")
        {
            continue;
        }
        let t = toks.toks[i + 1];
        let raw = toks.raw(i + 1);
        let after = &toks.text[t.end..];
        if raw.len() == 1
            && raw.as_bytes()[0].is_ascii_uppercase()
            && (after.is_empty() || after.starts_with(['.', ',', ' ', '!', '?', ';', ':']))
        {
            out.push(Cand {
                kind: Kind::PersonName,
                start: t.start,
                end: t.end,
                whose: Whose::Patient,
                reason: "initial after a courtesy title".to_string(),
                prio: 3,
            });
        }
    }
}

/// Words right after a lower-case given name that opens a sentence and speak to its bearer
/// ("jordan u were so brave", "owen thank you", "carlos te extrañamos").
const ADDRESS_NEXT: &[&str] = &[
    "u", "you", "ur", "your", "we", "thank", "thanks", "te", "tu", "ya", "gracias", "sigue",
];

/// Words right before a lower-case given name that praise or greet it ("sweet ruby",
/// "felicidades diego").
const PRAISE_PREV: &[&str] = &[
    "sweet",
    "dear",
    "little",
    "brave",
    "congrats",
    "congratulations",
    "felicidades",
    "querido",
    "querida",
    "valiente",
    "bravo",
    "go",
];

/// Lower-case given names with no title or capital: cheap to miss, so in a post about care a
/// known given name that is addressed or praised is taken as a person. Names that are also
/// words ("lily", "hope", "will") need a care story and a praise word before them.
fn lowercase_addressed(toks: &Tokens, org: &OrgIndex, out: &mut Vec<Cand>) {
    let n = toks.toks.len();
    let care = std::cell::OnceCell::new();
    for i in 0..n {
        let t = toks.toks[i];
        if t.case != Case::Lower
            || t.numeric
            || !toks.is(i, f::FIRST)
            || toks.is(
                i,
                f::NEVER | f::TITLE | f::STAFF_TITLE | f::KIN | f::GREETING | f::FUNC | f::CRED,
            )
            || matches!(t.prefix, '#' | '@' | '.' | '/' | '_')
        {
            continue;
        }
        let w = toks.folded(i);
        if w.chars().count() < 3 || PERSON_NOUNS.contains(&w) {
            continue;
        }
        let same = |j: usize| toks.toks[j].sentence == t.sentence && toks.gap_before(j + 1) == " ";
        let prev = (i > 0 && same(i - 1)).then(|| toks.folded(i - 1));
        let prev2 = (i > 1 && same(i - 1) && same(i - 2)).then(|| toks.folded(i - 2));
        let next = (i + 1 < n
            && toks.toks[i + 1].sentence == t.sentence
            && matches!(toks.gap_before(i + 1), " " | ", "))
        .then(|| toks.folded(i + 1));
        let praised = prev.is_some_and(|p| PRAISE_PREV.contains(&p));
        let proud_of = matches!(prev, Some("of" | "de"))
            && prev2.is_some_and(|p| {
                matches!(
                    p,
                    "proud" | "orgullosos" | "orgullosas" | "orgulloso" | "orgullosa"
                )
            });
        let day_to = prev == Some("to")
            && matches!(
                prev2,
                Some("day" | "birthday" | "bday" | "congrats" | "welcome")
            );
        let addressed = t.sentence_start && next.is_some_and(|x| ADDRESS_NEXT.contains(&x));
        let ambiguous = toks.is(i, f::WORD | f::AMBIG);
        let ok = if ambiguous {
            // "jordan u were so brave", "lily we miss you": a word-name needs the praise said to
            // it; "hope you are feeling better" stays a wish.
            let told = addressed
                && i + 2 < n
                && match next {
                    // "hope you were able to come" is a wish: "were" needs praise after it.
                    Some("u" | "you") => match toks.folded(i + 2) {
                        "rock" | "rocked" => true,
                        "were" => {
                            i + 3 < n
                                && matches!(
                                    toks.folded(i + 3),
                                    "so" | "such" | "amazing" | "brave" | "awesome" | "incredible"
                                )
                        }
                        _ => false,
                    },
                    // "lily we miss your giggles"; "will we see you there?" is a question.
                    Some("we") => toks.folded(i + 2) == "miss",
                    _ => false,
                };
            (praised || proud_of || day_to || told)
                && *care.get_or_init(|| story_of_care(toks.text) || addressed_as_patient(toks))
        } else {
            praised || proud_of || day_to || addressed
        };
        if !ok {
            continue;
        }
        let whose = if org.is_staff_name(&[w]) && !addressed_as_patient(toks) {
            Whose::Staff
        } else {
            Whose::Patient
        };
        out.push(Cand {
            kind: Kind::PersonName,
            start: t.start,
            end: t.end,
            whose,
            reason: "lower-case given name addressed or praised".to_string(),
            prio: 3,
        });
    }
}

/// Everyday verbs that follow a person's name in a story ("Keoni went home", "Zyair is our
/// bravest"); "X is a/the ..." defines a thing and is left out by the caller.
const STORY_VERBS: &[&str] = &[
    "went",
    "came",
    "left",
    "walked",
    "finished",
    "completed",
    "beat",
    "spent",
    "received",
    "got",
    "is",
    "was",
    "has",
    "had",
    "says",
    "said",
    "loves",
    "asked",
    "smiled",
    "laughed",
    "salio",
    "esta",
    "fue",
    "regreso",
    "termino",
    "recibio",
    "llego",
];

/// The text tells of someone's care (a stay, a treatment, a recovery).
fn story_of_care(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "surgery",
        "chemo",
        "treatment",
        "discharg",
        "went home",
        "going home",
        "recover",
        "patient",
        "nicu",
        "icu",
        "transplant",
        "diagnos",
        "therapy",
        "brave",
        "cirug",
        "paciente",
        "tratamiento",
        "terapia",
        "dado de alta",
        "dada de alta",
        "oxygen",
        "rang the bell",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// A first name alone, addressed with words said to patients ("Minh, you were so brave",
/// "Thanks for visiting us, Maria"): a patient even if a staff member shares the name.
fn addressed_as_patient(toks: &Tokens) -> bool {
    let lower = toks.text.to_lowercase();
    [
        "brave",
        "discharge",
        "recover",
        "visiting us",
        "your stay",
        "your surgery",
        "feel better",
        "get well",
        "glad you",
        "proud of you",
        "you were",
        "heal",
        "surgeries",
        "ventilator",
        "fighting",
        "diagnos",
        "chemo",
        "transplant",
        "praying",
        "prayers",
        "thoughts",
        "miss you",
        "te extra",
        "valiente",
        "recuper",
        // a former patient back to say thanks ("volvió a visitarnos", "came back to visit")
        "visitarnos",
        "came back to visit",
        // a stay or a birth told of the named person
        "went home",
        "going home",
        "walked out",
        "weeks with us",
        "days with us",
        "months with us",
        "cheering you",
        "was born",
        "rang the bell",
        "her surgery",
        "his surgery",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// "J.M.", "A. R." next to a patient cue ("patient J.M., 45").
fn initials(toks: &Tokens, out: &mut Vec<Cand>) {
    let text = toks.text;
    if !text.contains('.') {
        return;
    }
    let n = toks.toks.len();
    let mut i = 0;
    while i + 1 < n {
        let single = |k: usize| toks.raw(k).len() == 1 && toks.toks[k].case == Case::Title;
        if single(i)
            && single(i + 1)
            && matches!(toks.gap_before(i + 1), "." | ". ")
            && text[toks.toks[i + 1].end..].starts_with('.')
            && (i == 0 || !toks.gap_before(i).ends_with('.'))
        {
            let mut e = i + 1;
            if e + 1 < n
                && single(e + 1)
                && matches!(toks.gap_before(e + 1), "." | ". ")
                && text[toks.toks[e + 1].end..].starts_with('.')
            {
                e += 1;
            }
            let pair: String = (i..=e).map(|k| toks.raw(k)).collect();
            let stop = matches!(
                pair.as_str(),
                "US" | "AM"
                    | "PM"
                    | "DC"
                    | "UK"
                    | "ER"
                    | "IV"
                    | "MD"
                    | "RN"
                    | "NP"
                    | "PA"
                    | "BS"
                    | "MS"
                    | "OR"
                    | "LA"
                    | "NY"
                    | "EU"
                    | "UN"
                    | "DO"
                    | "PT"
                    | "OT"
                    | "ID"
                    | "TV"
                    | "AD"
                    | "BC"
                    | "PS"
                    | "RIP"
                    | "AI"
                    | "USA"
                    | "EEUU"
                    | "EE"
                    | "UU"
            );
            let cue = left_cue(toks, i).is_some();
            let after = &text[toks.toks[e].end + 1..];
            let age_after = after
                .trim_start_matches([',', ' ', '('])
                .starts_with(|c: char| c.is_ascii_digit());
            let next_w = after
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let verb_after =
                lexicon::get().class(&next_w) & (f::PVERB | f::SVERB) != 0 || next_w == "from";
            // "J.T., a retired machinist", "C.J.'s family": a person described or with kin.
            let described = after.starts_with(", a ")
                || after.starts_with(", an ")
                || after.starts_with(", our ")
                || [
                    "'s family",
                    "’s family",
                    "'s mom",
                    "'s dad",
                    "'s mum",
                    "'s parents",
                ]
                .iter()
                .any(|p| after.starts_with(p));
            // "Gracias por su reseña, J.R.", "Hi T.J., ...", "Peanut (aka M.J.)": addressed or
            // given as another name.
            let before = &text[..toks.toks[i].start];
            let addressed = (before.trim_end().ends_with(',') && thanking_sentence(before))
                || before.to_ascii_lowercase().trim_end().ends_with("aka");
            if !stop && (cue || age_after || verb_after || described || addressed) {
                out.push(Cand {
                    kind: Kind::PersonName,
                    start: toks.toks[i].start,
                    end: toks.toks[e].end + 1,
                    whose: Whose::Patient,
                    reason: "initials of a patient".into(),
                    prio: 3,
                });
            }
            i = e + 1;
        } else {
            i += 1;
        }
    }
}

const TAG_PREFIXES: &[&str] = &[
    "hugsfor",
    "hugs4",
    "healingfor",
    "healing",
    "strengthfor",
    "miraclefor",
    "milesfor",
    "runfor",
    "walkfor",
    "cheersfor",
    "getwellsoon",
    "getwell",
    "welcomehome",
    "happybirthday",
    "bravelike",
    "oracionpor",
    "oracionespor",
    "unidospor",
    "todoscon",
    "love4",
    "prayingfor",
    "prayersfor",
    "prayfor",
    "pray4",
    "justicefor",
    "lovefor",
    "supportfor",
    "helpfor",
    "teamfor",
    "team",
    "go",
    "love",
    "help",
    "save",
    "free",
    "baby",
    "little",
    "oremospor",
    "fuerza",
    "animo",
];
const TAG_SUFFIXES: &[&str] = &[
    "strong",
    "warrior",
    "warriors",
    "army",
    "nation",
    "tough",
    "fight",
    "fights",
    "journey",
    "story",
    "fund",
    "squad",
    "crew",
    "tribe",
    "miracle",
    "brave",
    "love",
    "recovery",
    "updates",
    "update",
    "comeback",
    "homecoming",
    "forever",
    "fuerte",
    "guerrero",
    "guerrera",
];

/// Names inside hashtags (#PrayForJacob, #teamsophie, #JacobStrong) and @handles
/// (@maria_gonzalez92). The organisation's own handles are not identifiers.
fn tags(toks: &Tokens, lex: &Lexicon, org: &OrgIndex, out: &mut Vec<Cand>) {
    let text = toks.text;
    let b = text.as_bytes();
    // Patients already named in the post: "#TeaganTough" after "our friend Teagan" is her,
    // even when no list holds the name.
    // Computed at the first hashtag no rule below explains.
    let named: std::cell::OnceCell<Vec<String>> = std::cell::OnceCell::new();
    let patient_words = |out: &Vec<Cand>| -> Vec<String> {
        out.iter()
            .filter(|c| c.kind == Kind::PersonName && c.whose == Whose::Patient)
            .flat_map(|c| text[c.start..c.end].split_whitespace().map(fold))
            .filter(|w| w.len() >= 3 && w.chars().all(char::is_alphabetic))
            .collect()
    };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if (c == b'#' || c == b'@')
            && (i == 0
                || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b'.'))
        {
            let start = i + 1;
            let mut end = start;
            // Handles may hold dots and underscores (@kaylee.morris, @maria_g92).
            while end < b.len()
                && (b[end].is_ascii_alphanumeric()
                    || b[end] == b'_'
                    || (c == b'@'
                        && b[end] == b'.'
                        && end + 1 < b.len()
                        && b[end + 1].is_ascii_alphanumeric()))
            {
                end += 1;
            }
            if end > start {
                let tag = &text[start..end];
                let handle = c == b'@';
                if handle && org.is_org_handle(tag) {
                    out.push(Cand {
                        kind: Kind::OtherId,
                        start: start - 1,
                        end,
                        whose: Whose::Organization,
                        reason: "the organisation's own handle".into(),
                        prio: 3,
                    });
                } else if let Some((s, e, name_words)) = (!(handle && business_handle(tag)))
                    .then(|| name_in_tag(tag, lex, org, handle))
                    .flatten()
                {
                    let words: Vec<&str> = name_words.iter().map(String::as_str).collect();
                    let staff = org.is_staff_name(&words);
                    let (s, e) = if handle {
                        (start - 1, end)
                    } else {
                        (start + s, start + e)
                    };
                    out.push(Cand {
                        kind: Kind::PersonName,
                        start: s,
                        end: e,
                        whose: if staff { Whose::Staff } else { Whose::Patient },
                        reason: if handle {
                            "handle containing a person's name".into()
                        } else {
                            "name inside a hashtag".into()
                        },
                        prio: 3,
                    });
                } else if let Some((s, e)) = (!handle)
                    .then(|| named_in_tag(tag, named.get_or_init(|| patient_words(out))))
                    .flatten()
                {
                    out.push(Cand {
                        kind: Kind::PersonName,
                        start: start + s,
                        end: start + e,
                        whose: Whose::Patient,
                        reason: "hashtag with the name of a patient named in the post".into(),
                        prio: 3,
                    });
                } else if handle
                    && opens_reply(&text[..i], org)
                    && !business_handle(tag)
                    && (story_of_care(text) || addressed_as_patient(toks) || personal_reply(text))
                {
                    // A reply opening with someone's handle about their or a relative's care
                    // ("@jmarsh_82 so glad your dad is recovering"): the handle identifies them.
                    out.push(Cand {
                        kind: Kind::PersonName,
                        start: start - 1,
                        end,
                        whose: Whose::Patient,
                        reason: "handle of a person answered about care".into(),
                        prio: 3,
                    });
                }
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
}

/// Only greetings, the organisation's own handles and "replying to" come before the handle:
/// the draft answers that account ("Hi @gemma_88, ...", "@ClinicaSanRafael @yesi_tx listo").
fn opens_reply(before: &str, org: &OrgIndex) -> bool {
    before
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '!'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            w.strip_prefix('@').map_or_else(
                || {
                    matches!(
                        w.to_lowercase().as_str(),
                        "hi" | "hey" | "hello" | "hola" | "dear" | "replying" | "to" | "reply"
                            // "Thanks for the shoutout @mikeb_ohio!!"
                            | "thanks" | "thank" | "you" | "thx" | "ty" | "for" | "the"
                            | "shoutout" | "shout-out" | "tag" | "mention" | "kind" | "words"
                            | "review" | "gracias" | "por"
                    )
                },
                |h| org.is_org_handle(h),
            )
        })
}

/// Accounts of businesses, clubs and teams, and internal role handles (@comms): no patient.
fn business_handle(tag: &str) -> bool {
    let l = tag.to_ascii_lowercase();
    [
        "rotary",
        "club",
        "foundation",
        "school",
        "church",
        "news",
        "county",
        "city",
        "official",
        "pizza",
        "cafe",
        "coffee",
        "bakery",
        "league",
        "council",
        "dept",
        "library",
        "fire",
        "police",
        "sheriff",
        "health",
        "hospital",
        "clinic",
        "comms",
        "marketing",
        "social",
        "admin",
        "press",
        "media",
        "radio",
        "tv",
        "gov",
        "united",
        "athletics",
        "sports",
        "baseball",
        "soccer",
        "basketball",
        "hockey",
        "fc",
        "inc",
        "llc",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// A reply that speaks to the person about themselves or their family ("so sorry your mum's
/// discharge", "glad the new hip is behaving", "ya revisamos tu cuenta"): answering a personal
/// account in public confirms they, or theirs, were cared for here.
fn personal_reply(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .any(|w| {
            matches!(
                w,
                "you"
                    | "your"
                    | "you're"
                    | "youre"
                    | "u"
                    | "ur"
                    | "tu"
                    | "tus"
                    | "te"
                    | "ti"
                    | "su"
                    | "sus"
                    | "usted"
                    | "mum"
                    | "mom"
                    | "mama"
                    | "mamá"
                    | "dad"
                    | "nan"
                    | "twins"
                    | "baby"
                    | "bebé"
                    | "hip"
                    | "knee"
                    | "sorry"
                    | "glad"
                    | "siento"
                    | "sentimos"
            )
        })
}

/// Byte range of a name from `named` opening or closing `tag` at a word boundary (a case
/// change or a known affix): "TeaganTough", "fuerzamateo".
fn named_in_tag(tag: &str, named: &[String]) -> Option<(usize, usize)> {
    if named.is_empty() || !tag.is_ascii() {
        return None;
    }
    let low = tag.to_ascii_lowercase();
    let b = tag.as_bytes();
    for n in named {
        if !n.is_ascii() || n.len() >= low.len() {
            if *n == low {
                return Some((0, low.len()));
            }
            continue;
        }
        if let Some(rest) = low.strip_prefix(n.as_str()) {
            if b[n.len()].is_ascii_uppercase() || TAG_SUFFIXES.contains(&rest) {
                return Some((0, n.len()));
            }
        }
        if let Some(rest) = low.strip_suffix(n.as_str()) {
            let k = low.len() - n.len();
            if b[k].is_ascii_uppercase() || TAG_PREFIXES.contains(&rest) {
                return Some((k, low.len()));
            }
        }
    }
    None
}

/// Byte range of the name within `tag` and its folded words.
fn name_in_tag(
    tag: &str,
    lex: &Lexicon,
    org: &OrgIndex,
    handle: bool,
) -> Option<(usize, usize, Vec<String>)> {
    // Split on case changes, digits and underscores: "PrayForJacob" -> Pray|For|Jacob.
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let bytes = tag.as_bytes();
    let mut s = 0;
    for k in 1..=bytes.len() {
        let boundary = k == bytes.len()
            || bytes[k] == b'_'
            || bytes[k - 1] == b'_'
            || bytes[k] == b'.'
            || bytes[k - 1] == b'.'
            || (bytes[k].is_ascii_uppercase() && bytes[k - 1].is_ascii_lowercase())
            || (bytes[k].is_ascii_digit() != bytes[k - 1].is_ascii_digit());
        if boundary {
            if k > s && bytes[s].is_ascii_alphabetic() && bytes[s] != b'_' {
                parts.push((s, k));
            }
            s = k;
        }
    }
    let good_first = |w: &str| {
        let fl = lex.flags(w);
        w.len() >= 3
            && fl & f::FIRST != 0
            && (fl & f::WORD == 0 || fl & f::OVERWORD != 0)
            && fl & (f::AMBIG | f::NEVER) == 0
            && !org.name_words.contains(w)
    };
    let good_last = |w: &str| {
        w.len() >= 3
            && lex.last.contains(w)
            && !lex.words.contains(w)
            && lex.class(w) & (f::AMBIG | f::NEVER) == 0
            && !org.name_words.contains(w)
    };
    // "marygarcia", "jdawson": a given name or an initial followed by a surname.
    let split_name = |core: &str| -> Option<Vec<String>> {
        if core.len() >= 5 && core.is_ascii() {
            if good_last(&core[1..]) && core.len() >= 6 {
                return Some(vec![core[..1].to_string(), core[1..].to_string()]);
            }
            for k in 3..core.len() - 2 {
                let (f, l) = core.split_at(k);
                if (good_first(f) || lex.first.contains(f)) && good_last(l) {
                    return Some(vec![f.to_string(), l.to_string()]);
                }
            }
        }
        None
    };
    if parts.len() >= 2 {
        for (k, &(ps, pe)) in parts.iter().enumerate() {
            let w = fold(&tag[ps..pe]);
            let next = parts.get(k + 1).map(|&(ns, ne)| (ne, fold(&tag[ns..ne])));
            // In a handle a given name + surname pair is a name even when both are words
            // ("@john_smith", "@will.baker").
            let next_is_last = next.as_ref().is_some_and(|(_, nw)| {
                lex.last.contains(nw.as_str())
                    && (handle || !lex.words.contains(nw.as_str()))
                    && lex.class(nw) & f::NEVER == 0
                    && nw.len() >= 3
            });
            // "#MaverickStrong", "#PrayForMaverick", "@lil.maverick.b": a given name that is
            // also a word, set off by a cue affix or a nickname part.
            let affixed = {
                let before = fold(&tag[..ps]).replace(['_', '.'], "");
                let nick = k > 0
                    && matches!(
                        fold(&tag[parts[k - 1].0..parts[k - 1].1]).as_str(),
                        "lil" | "little" | "baby" | "big"
                    );
                let suffix_next = !handle
                    && k + 2 == parts.len()
                    && next
                        .as_ref()
                        .is_some_and(|(_, nw)| TAG_SUFFIXES.contains(&nw.as_str()));
                let prefix_before =
                    !handle && k + 1 == parts.len() && TAG_PREFIXES.contains(&before.as_str());
                (nick || suffix_next || prefix_before)
                    && ((w.len() >= 3
                        && lex.first.contains(w.as_str())
                        && lex.class(&w) & (f::NEVER | f::VIRTUE | f::AMBIG) == 0
                        && !org.name_words.contains(w.as_str()))
                        // "#AlofaStrong": a word no list knows, not an acronym ("#NICUStrong").
                        || (tag[ps + 1..pe].bytes().all(|b| b.is_ascii_lowercase())
                            && unknown_tag_name(lex, org, &w)))
            };
            if affixed {
                return Some((ps, pe, vec![w]));
            }
            if good_first(&w)
                || (handle
                    && lex.first.contains(w.as_str())
                    && next_is_last
                    && lex.class(&w) & f::NEVER == 0)
            {
                let mut e = pe;
                let mut words = vec![w];
                if let (true, Some((ne, nw))) = (next_is_last, next) {
                    e = ne;
                    words.push(nw);
                }
                return Some((ps, e, words));
            }
            if handle {
                if let Some(words) = split_name(&w) {
                    return Some((ps, pe, words));
                }
            }
        }
        return None;
    }
    // One lower-case run: strip cue affixes, then look for a given name (+ surname).
    let low = fold(tag);
    let mut core: &str = &low;
    let mut offset = 0;
    let mut stripped = false;
    for p in TAG_PREFIXES {
        if let Some(rest) = core.strip_prefix(p) {
            offset = p.len();
            core = rest;
            stripped = true;
            break;
        }
    }
    for suf in TAG_SUFFIXES {
        if let Some(rest) = core.strip_suffix(suf) {
            core = rest;
            stripped = true;
            break;
        }
    }
    let core = core.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_');
    if core.len() < 3 {
        return None;
    }
    if good_first(core) && (stripped || handle || core.len() >= 4) {
        return Some((offset, offset + core.len(), vec![core.to_string()]));
    }
    if stripped
        && lex.first.contains(core)
        && lex.class(core) & f::NEVER == 0
        && !org.name_words.contains(core)
    {
        return Some((offset, offset + core.len(), vec![core.to_string()]));
    }
    // "#tayshawnstrong": a word no list knows, set off by a cue affix.
    if stripped && unknown_tag_name(lex, org, core) {
        return Some((offset, offset + core.len(), vec![core.to_string()]));
    }
    // "mariagonzalez", "jacobsmith": given name followed by a surname.
    split_name(core).map(|words| (offset, offset + core.len(), words))
}

/// Unit and condition shorthands that take the same hashtag affixes as names
/// ("#NICUstrong", "#t1dwarrior", "#covidwarrior").
const TAG_CONDITIONS: &[&str] = &[
    "nicu",
    "picu",
    "cicu",
    "icu",
    "covid",
    "t1d",
    "t2d",
    "dipg",
    "chd",
    "pcos",
    "ptsd",
    "adhd",
    "hlhs",
    "copd",
    "endo",
    "preemie",
    "micropreemie",
    "spoonie",
    "chemo",
    "cancer",
    "heart",
    "mama",
    "nurse",
    "nurses",
    "nhs",
    "dialysis",
    "stroke",
    "autism",
    "rsv",
    "sma",
    "ms",
    "als",
];

/// A hashtag core no word list, gazetteer or the organisation's name knows ("alofa",
/// "tayshawn"): with a cue affix it is a name ("#BostonStrong" and "#MapleGroveStrong" are not).
fn unknown_tag_name(lex: &Lexicon, org: &OrgIndex, w: &str) -> bool {
    w.len() >= 4
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && lex.flags(w) == 0
        && !lex.places.contains(w)
        && !org.name_words.contains(w)
        && !TAG_CONDITIONS.contains(&w)
        && !(2..w.len() - 1).any(|k| {
            let (a, b) = w.split_at(k);
            org.name_words.contains(a) || (org.name_words.contains(b) && lex.words.contains(a))
        })
}

/// "a jumper labelled 'Ozzie Thistlewood, Year 4'", "a band engraved 'Luz & Teo 1988'": the
/// names written on lost property identify its owner, whatever the words around them.
pub(crate) fn on_labels(text: &str, out: &mut Vec<Cand>) {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r#"(?i:label(?:l)?ed|engraved|inscribed|(?:name\s+)?tag\s+(?:inside\s+)?(?:says|reads)|with\s+the\s+name|grabad[oa]\s+con|con\s+el\s+nombre(?:\s+de)?)\s*:?\s*['"“‘](?P<q>[^'"”’\n]{2,60})['"”’]"#,
        )
        .expect("label regex")
    });
    let lex = lexicon::get();
    for c in re.captures_iter(text) {
        let q = c.name("q").expect("quoted");
        let mut run: Option<(usize, usize)> = None;
        let mut flush = |run: &mut Option<(usize, usize)>| {
            if let Some((s, e)) = run.take() {
                out.push(Cand {
                    kind: Kind::PersonName,
                    start: s,
                    end: e,
                    whose: Whose::Patient,
                    reason: "name written on someone's belongings".into(),
                    prio: 3,
                });
            }
        };
        // Words of the quote with their byte offsets; a run of name-like words joined by
        // single spaces is one name ("Ozzie Thistlewood"), anything else ends it ("Luz & Teo").
        let quote = q.as_str();
        let is_word = |ch: char| ch.is_alphabetic() || ch == '-' || ch == '\'';
        let mut k = 0;
        while k < quote.len() {
            let ch = quote[k..].chars().next().expect("char");
            if !is_word(ch) {
                if ch != ' ' || run.is_some_and(|(_, e)| e != q.start() + k) {
                    flush(&mut run);
                }
                k += ch.len_utf8();
                continue;
            }
            let len = quote[k..]
                .find(|c: char| !is_word(c))
                .unwrap_or(quote.len() - k);
            let w = &quote[k..k + len];
            let (s, e) = (q.start() + k, q.start() + k + len);
            k += len;
            let folded = fold(w);
            let namelike = w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().count() >= 2
                // A word that is also a surname ("Class", "Year") is the word here.
                && folded
                    .split('-')
                    .all(|p| lex.first.contains(p) || !lex.words.contains(p));
            if namelike {
                run = Some(run.map_or((s, e), |(rs, _)| (rs, e)));
            } else {
                flush(&mut run);
            }
        }
        flush(&mut run);
    }
}

/// "Hunter's surgery went great", "Cooper's scan came back clear": a capitalised name owning
/// a personal health event is a patient's, even for a name that is also a word. Diseases named
/// for people ("Parkinson's treatment"), days and institutions are no owners.
pub(crate) fn possessive_events(toks: &Tokens, org: &OrgIndex, out: &mut Vec<Cand>) {
    const EVENTS: &[&str] = &[
        "surgery",
        "scan",
        "chemo",
        "transplant",
        "results",
        "biopsy",
        "mri",
        "operation",
        "recovery",
        "discharge",
        "diagnosis",
        "infusion",
        "radiation",
        "dialysis",
        "stitches",
        "cast",
        "c-section",
        "procedure",
        "surgeon",
        "tumor",
        "tumour",
    ];
    const BEFORE_EVENT: &[&str] = &[
        "last",
        "first",
        "latest",
        "big",
        "final",
        "recent",
        "next",
        "second",
        "third",
        "heart",
        "knee",
        "hip",
        "brain",
        "spine",
        "back",
        "follow-up",
    ];
    let lex = lexicon::get();
    let n = toks.toks.len();
    for k in 0..n.saturating_sub(1) {
        let t = toks.toks[k];
        if t.case != Case::Title || t.numeric {
            continue;
        }
        let raw = toks.raw(k);
        let in_token = raw.ends_with("'s") || raw.ends_with("’s");
        let in_gap = {
            let g = toks.gap_before(k + 1);
            g.starts_with("'s ") || g.starts_with("’s ")
        };
        if !(in_token || in_gap) {
            continue;
        }
        let m = k + 1;
        let event = |j: usize| j < n && EVENTS.contains(&toks.folded(j));
        if !(event(m) || (BEFORE_EVENT.contains(&toks.folded(m)) && event(m + 1))) {
            continue;
        }
        let folded = toks.folded(k);
        let w = folded
            .strip_suffix("'s")
            .or_else(|| folded.strip_suffix("’s"))
            .unwrap_or(folded);
        let staff_before = k > 0 && toks.is(k - 1, f::STAFF_TITLE);
        if w.len() < 3
            || staff_before
            || lex.class(w) & (f::NEVER | f::INSTIT | f::TITLE | f::STAFF_TITLE | f::FUNC) != 0
            || !(lex.first.contains(w) || lex.last.contains(w) || !lex.words.contains(w))
            || org.name_words.contains(w)
            || !w.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            continue;
        }
        // The name without its "'s".
        let end = t.start
            + raw
                .find(['\'', '’'])
                .filter(|_| in_token)
                .unwrap_or(raw.len());
        out.push(Cand {
            kind: Kind::PersonName,
            start: t.start,
            end,
            whose: Whose::Patient,
            reason: "name owning a personal health event".into(),
            prio: 3,
        });
    }
}
