//! Word lists shipped in `data/` (see data/NOTICE.md), parsed once per process.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: lexicon keys are short words, where SipHash's setup cost dominates.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The hasher of maps keyed by lexicon words (not by arbitrary words of the text, which keep
/// SipHash against crafted collisions).
pub(crate) type FastHash = BuildHasherDefault<Fnv>;
pub(crate) type FastSet<'a> = HashSet<&'a str, FastHash>;

/// Word-class bits: one look-up per token answers every list question the rules ask.
pub(crate) mod f {
    pub const NEVER: u32 = 1;
    pub const AMBIG: u32 = 1 << 1;
    pub const OVERWORD: u32 = 1 << 2;
    pub const TITLE: u32 = 1 << 3;
    pub const STAFF_TITLE: u32 = 1 << 4;
    pub const KIN: u32 = 1 << 5;
    pub const GREETING: u32 = 1 << 6;
    pub const FILLER: u32 = 1 << 7;
    pub const PVERB: u32 = 1 << 8;
    pub const SVERB: u32 = 1 << 9;
    pub const STATEW: u32 = 1 << 10;
    pub const VIRTUE: u32 = 1 << 11;
    pub const INSTIT: u32 = 1 << 12;
    pub const PLACEPFX: u32 = 1 << 13;
    pub const PARTICLE: u32 = 1 << 14;
    pub const CRED: u32 = 1 << 15;
    pub const CPERSON: u32 = 1 << 16;
    pub const CLIFE: u32 = 1 << 17;
    pub const CWEAK: u32 = 1 << 18;
    pub const CPUBLIC: u32 = 1 << 19;
    pub const FIRST: u32 = 1 << 20;
    pub const LAST: u32 = 1 << 21;
    pub const WORD: u32 = 1 << 22;
    /// Set in the small table when its entry already carries the word's full bits.
    pub const COMPLETE: u32 = 1 << 23;
    /// One of the most frequent function words ("the", "you", "gracias").
    pub const FUNC: u32 = 1 << 24;
    /// An office or calling that makes the name after it a public figure's ("Governor").
    pub const ROLE: u32 = 1 << 25;
}

pub(crate) struct Lexicon {
    /// Every word of every list with all its class bits (first, last, word, small lists).
    all: std::collections::HashMap<&'static str, u32, BuildHasherDefault<Fnv>>,
    classes: std::collections::HashMap<&'static str, u32, BuildHasherDefault<Fnv>>,
    pub first: FastSet<'static>,
    pub last: FastSet<'static>,
    /// Lower-case English and Spanish dictionary words: a name that is also a word needs context.
    pub words: FastSet<'static>,
    /// Multi-word city names are stored with single spaces and without periods.
    pub cities: FastSet<'static>,
    /// The gazetteer: towns of 500+ people (GeoNames) in the countries our users write
    /// about. Only ever read as "a place" after a cue ("from Seguin", "Del Rio, TX"), never
    /// as evidence against a name, unlike the hand-picked `cities`.
    pub places: FastSet<'static>,
    /// Public, historical and fictional figures, folded, two to four words.
    pub famous: FastSet<'static>,
}

fn set(text: &'static str) -> FastSet<'static> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

pub(crate) fn get() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut words = set(include_str!("../../data/words_en.txt"));
        words.extend(set(include_str!("../../data/words_es.txt")));
        words.extend(EXTRA_WORDS.iter().copied());
        let mut classes: std::collections::HashMap<&'static str, u32, BuildHasherDefault<Fnv>> =
            Default::default();
        {
            use super::context as c;
            use super::names as n;
            let lists: &[(&[&'static str], u32)] = &[
                (n::NEVER, f::NEVER),
                (n::WEEKDAYS, f::NEVER),
                (n::AMBIGUOUS, f::AMBIG),
                (n::NAMES_OVER_WORDS, f::OVERWORD),
                (n::SPANISH_NAMES_OVER_WORDS, f::OVERWORD),
                (n::TITLES, f::TITLE),
                (n::STAFF_TITLES, f::STAFF_TITLE),
                (n::KIN, f::KIN),
                (n::GREETINGS, f::GREETING),
                (n::FILLERS, f::FILLER),
                (n::PERSON_VERBS, f::PVERB),
                (n::STRONG_VERBS, f::SVERB),
                (n::STATE_WORDS, f::STATEW),
                (n::VIRTUES, f::VIRTUE),
                (n::INSTITUTIONS, f::INSTIT),
                (n::PLACE_PREFIX, f::PLACEPFX),
                (n::PARTICLES, f::PARTICLE),
                (n::CREDENTIALS, f::CRED),
                (c::PERSON, f::CPERSON),
                (c::LIFE_EVENT, f::CLIFE),
                (c::WEAK_LIFE_EVENT, f::CLIFE | f::CWEAK),
                (c::PUBLIC_EVENT, f::CPUBLIC),
                (n::PUBLIC_ROLES, f::ROLE),
            ];
            for (list, bit) in lists {
                for w in *list {
                    *classes.entry(w).or_default() |= bit;
                }
            }
        }
        let first = set(include_str!("../../data/first_names.txt"));
        let last = set(include_str!("../../data/surnames.txt"));
        let mut all: std::collections::HashMap<&'static str, u32, BuildHasherDefault<Fnv>> =
            Default::default();
        all.reserve(first.len() + last.len() + words.len());
        for (set, bit) in [(&first, f::FIRST), (&last, f::LAST), (&words, f::WORD)] {
            for w in set.iter() {
                *all.entry(w).or_default() |= bit;
            }
        }
        for (w, bits) in &classes {
            *all.entry(w).or_default() |= bits;
        }
        // Frequent function words get their full bits in the small table (see `flags`).
        for w in FUNCTION_WORDS.split_whitespace() {
            let bits = all.get(w).copied().unwrap_or(0);
            classes.insert(w, bits | f::COMPLETE | f::FUNC);
        }
        for (w, bits) in classes.iter_mut() {
            if *bits & f::COMPLETE == 0 {
                *bits = all.get(w).copied().unwrap_or(*bits);
                *bits |= f::COMPLETE;
            }
        }
        Lexicon {
            all,
            classes,
            first,
            last,
            words,
            cities: set(include_str!("../../data/us_cities.txt"))
                .into_iter()
                .filter(|c| !c.contains('.'))
                .collect(),
            places: set(include_str!("../../data/places.txt")),
            famous: set(include_str!("../../data/public_figures.txt")),
        }
    })
}

impl Lexicon {
    /// A public, historical or fictional figure's name (folded words joined by single spaces),
    /// possessive or not ("lou gehrig's").
    pub fn is_famous(&self, phrase: &str) -> bool {
        self.famous.contains(phrase)
            || phrase
                .strip_suffix("'s")
                .is_some_and(|p| self.famous.contains(p))
    }

    /// Class bits of a folded word (lists, lexicons, dictionary). Frequent function words are
    /// answered from the small table, which stays in cache; the rest from the large one.
    pub fn flags(&self, w: &str) -> u32 {
        match self.classes.get(w) {
            Some(&bits) if bits & f::COMPLETE != 0 => bits,
            _ => self.all.get(w).copied().unwrap_or_else(|| self.derived(w)),
        }
    }

    /// Words no list holds, classed by their ending.
    fn derived(&self, w: &str) -> u32 {
        // "DON'S 10TH HEARTIVERSARY", "her 1st transplantiversary": a personal milestone.
        if w.len() > 9 && w.ends_with("versary") && !w.ends_with("anniversary") {
            return f::CLIFE;
        }
        self.diminutive(w)
    }

    /// "chuyito", "juanita": a Spanish diminutive no list holds, of a given name that is no
    /// everyday word, is a given name too.
    fn diminutive(&self, w: &str) -> u32 {
        let Some(stem) = ["cito", "cita", "ito", "ita", "itos", "itas"]
            .iter()
            .find_map(|s| w.strip_suffix(s))
            .filter(|s| s.len() >= 3)
        else {
            return 0;
        };
        let given = |c: &str| {
            self.all
                .get(c)
                .is_some_and(|&b| b & f::FIRST != 0 && b & (f::WORD | f::NEVER) == 0)
        };
        // "Dieguito" (Diego), "Paquito" (Paco): the spelling keeps the stem's hard sound.
        let hard = stem
            .strip_suffix("gu")
            .map(|s| format!("{s}g"))
            .or_else(|| stem.strip_suffix("qu").map(|s| format!("{s}c")));
        let given_hard = || {
            hard.as_deref()
                .is_some_and(|h| given(&format!("{h}o")) || given(&format!("{h}a")))
        };
        if given(stem) || given(&format!("{stem}o")) || given(&format!("{stem}a")) || given_hard() {
            f::FIRST
        } else {
            0
        }
    }

    /// Class bits from the small lists only.
    pub fn class(&self, w: &str) -> u32 {
        self.classes.get(w).copied().unwrap_or(0)
    }
}

/// The most frequent English and Spanish words of posts (looked up on every token).
const FUNCTION_WORDS: &str = "the a an and or but of to in on at for with by from as is are was were be been
being have has had do does did will would can could should may might must shall not no yes this that
these those it its it's i me my mine we us our ours you your yours he him his she her hers they them
their theirs who whom whose which what when where why how all any each every some many much more most
other another such only own same so than too very just also now then here there up down out over
under again further once about into through during before after above below between if because
until while off get got go going gone come came make made take took see saw know knew think thought
want need like love thank thanks please today tomorrow yesterday day week year time new good great
best first last one two three four five six seven eight nine ten our team care health hospital
patients patient family families people staff nurses nurse doctors doctor clinic community help
el la los las un una unos unas y o de del al en con por para sin sobre entre hasta desde que quien
como cuando donde porque pero si no mas muy ya tambien es son fue era ser estar esta estan este esto
eso esa ese mi mis tu tus su sus nuestro nuestra nuestros nuestras le les lo se me te nos hoy dia
gracias todos todas cada hay tiene tienen hace nuestra salud familia equipo";

/// Everyday words, social-media spellings and health vocabulary missing from the dictionaries
/// (or present only as names there) that must never be taken for a name on their own.
const EXTRA_WORDS: &[&str] = &[
    // Spanish imperatives and subjunctives that open prayers and requests ("Oren por él",
    // "Recen por ella"), missing from the dictionary's base forms.
    "oren",
    "recen",
    // "Manos que Sanan": a group named with a verb.
    "sanan",
    "sanar",
    // "use ropa clara": the adjective, not Clara.
    "clara",
    "claras",
    "pidan",
    "manden",
    "gracias",
    "felicidades",
    "hoy",
    "ayer",
    "mañana",
    "manana",
    "cumpleanos",
    "bienvenida",
    "bienvenido",
    "abuela",
    "abuelo",
    "mama",
    "papa",
    "hija",
    "hijo",
    "nieta",
    "nieto",
    "familia",
    "jornada",
    "vacunacion",
    "vacunas",
    "salud",
    "clinica",
    "hospital",
    "doctora",
    "enfermera",
    "enfermero",
    "lol",
    "omg",
    "btw",
    "thx",
    "tysm",
    "pls",
    "plz",
    "bday",
    "congrats",
    "covid",
    "flu",
    "rsv",
    "ella",
    "allegra",
    "lyrica",
    "tylenol",
    "advil",
    "motrin",
    "aleve",
    "ozempic",
    "wegovy",
    "mounjaro",
    "zepbound",
    "humira",
    "keytruda",
    "eliquis",
    "xarelto",
    "jardiance",
    "farxiga",
    "trulicity",
    "dupixent",
    "paxlovid",
    "narcan",
    "epipen",
    "medicare",
    "medicaid",
    "obamacare",
    "tricare",
    "aetna",
    "cigna",
    "humana",
    "kaiser",
    "anthem",
    "pfizer",
    "moderna",
    "novavax",
    "janssen",
    "merck",
    "lilly",
    "novo",
    "abbvie",
    "amgen",
    "gilead",
    "zoom",
    "facebook",
    "instagram",
    "tiktok",
    "twitter",
    "youtube",
    "linkedin",
    "whatsapp",
    "google",
    "mychart",
    "epic",
    "cerner",
    "telehealth",
    "ok",
    "okay",
    "yay",
    "wow",
    "amen",
    "xoxo",
    "lmao",
    "smh",
    "tbh",
    "imo",
    "idk",
    "fyi",
    "asap",
    "dm",
    "dms",
    "rn",
    "md",
    "np",
    "pa",
    "er",
    "icu",
    "nicu",
    "picu",
    "ob",
    "gyn",
    "obgyn",
    "ent",
    "pt",
    "ot",
    "mri",
    "ct",
    "ekg",
    "ecg",
    "iv",
    "ivf",
    "ed",
    "gi",
    "uti",
    "std",
    "sti",
    "hiv",
    "aids",
    "copd",
    "adhd",
    "ptsd",
    "ocd",
    "bmi",
    "cpr",
    "aed",
    "ems",
    "hipaa",
    "usa",
    "us",
    "uk",
    "eeuu",
    "latino",
    "latina",
    "latinx",
    "hispanic",
    "christmas",
    "easter",
    "thanksgiving",
    "hanukkah",
    "ramadan",
    "diwali",
    "navidad",
    "pascua",
    "halloween",
    "juneteenth",
    "kwanzaa",
    "lunar",
    "pride",
];
