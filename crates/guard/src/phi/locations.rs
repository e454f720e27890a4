//! Locations smaller than a state: street addresses, streets, P.O. boxes, ZIP codes, cities,
//! counties, rooms and beds. Never a US state or a country. The organisation's own address is
//! `organization`; a public venue in an event announcement is not an identifier at all.

use super::context::Context;
use super::lexicon::{self, f};
use super::ownership::OrgIndex;
use super::room_cards::name_beside_room;
use super::text::{fold, tail, Case, Tokens};
use super::{is_word_byte, Cand};
use crate::{Kind, Whose};
use aho_corasick::AhoCorasick;
use regex::{Regex, RegexSet};
use std::sync::OnceLock;

const SUFFIX: &str = r"(?i:street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct|place|pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|trail|trl|square|sq|loop|alley|pike|plaza|crescent|hill|row|close|mews|gardens)";
const STATES: &str = r"AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico";

struct Res {
    /// The digit-bearing patterns below in one automaton (address, po_box, zip, unit,
    /// postcode, highway, room): one pass says which can match.
    set: RegexSet,
    address: Regex,
    calle: Regex,
    street: Regex,
    po_box: Regex,
    zip: Regex,
    room: Regex,
    unit: Regex,
    postcode: Regex,
    highway: Regex,
    corner: Regex,
    spanish_street_words: AhoCorasick,
    street_words: AhoCorasick,
}

fn res() -> &'static Res {
    static RES: OnceLock<Res> = OnceLock::new();
    RES.get_or_init(|| {
        let mut r = build();
        r.set = RegexSet::new([
            r.address.as_str(),
            r.po_box.as_str(),
            r.zip.as_str(),
            r.unit.as_str(),
            r.postcode.as_str(),
            r.highway.as_str(),
            r.room.as_str(),
        ])
        .expect("location set");
        r
    })
}

fn build() -> Res {
    Res {
        set: RegexSet::empty(),
        address: Regex::new(&format!(
            r"\d{{1,6}}[A-Za-z]?(?:-\d{{1,5}})?\s+(?:(?:[NSEW]|North|South|East|West)\.?\s+)?(?:(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|\d{{1,3}}(?:st|nd|rd|th))\s+){{1,3}}{SUFFIX}\.?(?-u:\b)(?:,?\s*(?i:apt|apartment|unit|suite|ste|\#)\.?\s*\#?[A-Za-z0-9-]+)?(?:,\s*[A-ZÀ-ÖØ-Þ]\w+(?:\s[A-ZÀ-ÖØ-Þ]\w+)?)?(?:,?\s*(?:{STATES}))?(?:,?\s+\d{{5}}(?:-\d{{4}})?)?"
        ))
        .expect("address regex"),
        calle: Regex::new(
            r"(?:(?i:calle|avenida|paseo|camino|callej[oó]n|privada|colonia|plaza|barrio|fraccionamiento)|Carrera|CARRERA|C/|Av\.|Avda\.?|Cra\.?|Col\.)\s+(?:(?:de|del|de\s+la|de\s+los|las|los|la|el)\s+)?(?:[A-ZÀ-ÖØ-Þ0-9][\w.'-]*\s*(?:(?:de|del|la|y)\s+)?){1,4}(?:(?:\#|No\.?|n[uú]m\.?)\s*\d+|\d+)?",
        )
        .expect("calle regex"),
        street: Regex::new(
            r"(?i:on|at|off|near|by|from|lives\s+on|live\s+on|en\s+la|en\s+el|sobre)\s+(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+\s+){1,2}(?:Street|Avenue|Road|Lane|Drive|Boulevard|Court|Way|St|Ave|Rd|Blvd|Ln)\.?(?-u:\b)",
        )
        .expect("street regex"),
        po_box: Regex::new(r"(?i)(?-u:\b)p\.?\s?o\.?\s+box\s+\d+").expect("po box regex"),
        zip: Regex::new(&format!(
            r"(?:(?-u:\b)(?:{STATES}),?\s+|(?i:zip(?:\s*code)?|c[oó]digo\s+postal|c\.p\.)\s*:?\s*)(?P<zip>\d{{5}}(?:-\d{{4}})?)(?-u:\b)"
        ))
        .expect("zip regex"),
        unit: Regex::new(r"(?i)(?-u:\b)(?P<u>\d{1,2}\s*(?:north|south|east|west|norte|sur|este|oeste|(?-i:[NSEW]))(?-u:\b))")
            .expect("unit regex"),
        postcode: Regex::new(r"(?-u:\b)[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}(?-u:\b)").expect("postcode regex"),
        highway: Regex::new(r"(?-u:\b)(?:(?i:hwy|highway|route|rte|carretera)\s*\d{1,3}|I-\d{1,3})(?-u:\b)").expect("highway regex"),
        corner: Regex::new(
            r"(?:(?i:corner\s+of|esquina\s+de|intersection\s+of|cruce\s+de)\s+(?P<a>(?:\d{1,3}(?:st|nd|rd|th)|[A-ZÀ-Þ]\w+)(?:\s+(?i:st|street|ave|avenue|rd|road))?\s+(?:&|and|y|with|con)\s+(?:\d{1,3}(?:st|nd|rd|th)|[A-ZÀ-Þ]\w+))|(?i:at|on|en)\s+(?P<b>(?:\d{1,3}(?:st|nd|rd|th)|[A-ZÀ-Þ]\w+)\s+&\s+(?:\d{1,3}(?:st|nd|rd|th)|[A-ZÀ-Þ]\w+)))",
        )
        .expect("corner regex"),
        spanish_street_words: AhoCorasick::builder()
            .ascii_case_insensitive(true)
            // A full DFA scans faster than the default NFA on every post.
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build([
                "calle", "c/", "avenida", "av.", "avda", "paseo", "carrera", "cra.", "camino", "callej", "privada",
                "colonia", "col.", "plaza", "barrio", "fraccionamiento",
            ])
            .expect("spanish street words"),
        // Every word starts with a space: a start-byte prefilter would stop at each space.
        street_words: AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .prefilter(false)
            .build([
                " Street", " Avenue", " Road", " Lane", " Drive", " Boulevard", " Court", " Way", " St", " Ave", " Rd", " Blvd", " Ln",
            ])
            .expect("street words"),
        room: Regex::new(
            r"(?i)(?-u:\b)(?:room|rm\.?|bed|trauma(?:\s+(?:bay|room))?|resus(?:\s+bay)?|habitaci[oó]n|cuarto|cama|sala|ward|bay|cubicle|cub[ií]culo|icu|nicu|picu|pod|unidad|cot|crib|cuna|incubator|isolette|incubadora)\s*(?:\#|no\.?|number)?\s*(?P<n>\d{1,4}[A-Za-z]?)(?-u:\b)",
        )
        .expect("room regex"),
    }
}

const CITY_CUES: &[&str] = &[
    "in", "from", "of", "near", "at", "to", "de", "en", "desde", "outside", "around", "visiting",
    "lives", "resident", "moved",
];

/// The cues a gazetteer town needs: where someone is, lives or comes from.
const PLACE_CUES: &[&str] = &[
    "in", "from", "near", "de", "en", "desde", "outside", "around", "lives", "moved",
];

/// Words for one person (or household) that a home town can follow ("the man from ...").
const PERSON_NOUNS: &[&str] = &[
    "man",
    "woman",
    "gentleman",
    "lady",
    "boy",
    "girl",
    "guy",
    "teen",
    "teenager",
    "toddler",
    "family",
    "couple",
    "resident",
    "patient",
    "mom",
    "dad",
    "mother",
    "father",
    "grandmother",
    "grandfather",
    "veteran",
    "senor",
    "senora",
    "hombre",
    "mujer",
    "nino",
    "nina",
    "familia",
    "paciente",
    "joven",
    "abuelo",
    "abuela",
];

/// More words for one person that a town can qualify ("the Plain City farmer who drove
/// himself to our ER", "a Lytle preemie").
const TOWNSFOLK: &[&str] = &[
    "farmer",
    "rancher",
    "student",
    "athlete",
    "teacher",
    "child",
    "kid",
    "baby",
    "newborn",
    "preemie",
    "grandma",
    "grandpa",
    "cyclist",
    "motorcyclist",
    "driver",
    "runner",
    "firefighter",
    "worker",
    "employee",
];

/// "Our charity shop on Gloucester Road", "nuestra clínica en Calle Zarzamora": a street after
/// one of the organisation's own sites.
fn our_venue_before(before: &str) -> bool {
    let b = tail(before, 48).to_lowercase();
    let mut words = b.split_whitespace().rev();
    if !matches!(words.next(), Some("on" | "at" | "in" | "en")) {
        return false;
    }
    let venue = words.next().is_some_and(|w| {
        matches!(
            w,
            "shop"
                | "store"
                | "clinic"
                | "clinics"
                | "office"
                | "offices"
                | "site"
                | "centre"
                | "center"
                | "hub"
                | "pharmacy"
                | "cafe"
                | "café"
                | "building"
                | "campus"
                | "branch"
                | "practice"
                | "surgery"
                | "tienda"
                | "clínica"
                | "clinica"
                | "oficina"
                | "farmacia"
        )
    });
    // The site's name or kind may come between: "our charity shop", "nuestra nueva clínica".
    venue
        && words
            .take(3)
            .any(|w| matches!(w, "our" | "nuestra" | "nuestro" | "nuestras" | "nuestros"))
}

/// "a food worker from Plain City", "the farmer from Richwood": one of the townsfolk, singled
/// out by an article ("farmers from Richwood" are a group).
fn one_of_townsfolk(toks: &Tokens, k: usize) -> bool {
    let article = |j: usize| matches!(toks.folded(j), "a" | "an" | "the" | "one" | "this" | "that");
    TOWNSFOLK.contains(&toks.folded(k))
        && k > 0
        && (article(k - 1) || (k > 1 && toks.toks[k - 1].case == Case::Lower && article(k - 2)))
        && toks.toks[k - 1].sentence == toks.toks[k].sentence
}

/// "both kids from the same farm near Richwood": the town a household's farm is near, in a
/// sentence about people or cases.
fn farm_near(toks: &Tokens, i: usize) -> bool {
    i > 1
        && toks.folded(i - 1) == "near"
        && matches!(
            toks.folded(i - 2),
            "farm" | "ranch" | "homestead" | "rancho"
        )
        && {
            let sentence = toks.toks[i].sentence;
            (i.saturating_sub(15)..i - 2).any(|k| {
                toks.toks[k].sentence == sentence && {
                    let w = toks.folded(k);
                    PERSON_NOUNS.contains(&w)
                        || TOWNSFOLK.contains(&w)
                        || matches!(w, "kids" | "children" | "case" | "cases" | "patients")
                }
            })
        }
}

/// City names that are also states (a state is never an identifier).
const STATE_CITIES: &[&str] = &["washington", "new york"];

fn push(out: &mut Vec<Cand>, s: usize, e: usize, whose: Whose, reason: &str, prio: u8) {
    out.push(Cand {
        kind: Kind::Location,
        start: s,
        end: e,
        whose,
        reason: reason.into(),
        prio,
    });
}

pub(crate) fn find(
    toks: &Tokens,
    ctx: &Context,
    org: &OrgIndex,
    digits: usize,
    out: &mut Vec<Cand>,
) {
    let has_digit = digits > 0;
    let text = toks.text;
    let b = text.as_bytes();
    let r = res();
    // Decides for an address-like span: the org's own, a public venue (dropped), or a person's.
    let decide = |s: usize, span: &str| -> Option<(Whose, &'static str)> {
        let cues = ctx.at(toks, s);
        if org.is_org_address(span) {
            Some((Whose::Organization, "the organisation's own address"))
        } else if own_place_before(text, s) && !cues.person {
            Some((Whose::Organization, "address of 'our' clinic or office"))
        } else if (cues.public_event && !cues.person)
            || (!cues.life_event
                && ctx.patient_names.is_empty()
                && hours_beside(text, s, s + span.len()))
        {
            Some((Whose::Organization, "venue of a public event"))
        } else {
            Some((Whose::Patient, "street address"))
        }
    };
    if has_digit {
        let hits = r.set.matches(text);
        let on = |i: usize, cond: bool| cond && hits.matched(i);
        for m in on(0, true)
            .then(|| r.address.find_iter(text))
            .into_iter()
            .flatten()
        {
            let s = m.start();
            if s > 0 && (is_word_byte(b[s - 1]) || b[s - 1] == b'-' || b[s - 1] == b'/') {
                continue;
            }
            let span = m.as_str().trim_end_matches([',', ' ']);
            // "that's December on 4 West. Dr. Hope…": a sentence ends inside the match after a
            // unit's wing ("77 Univ. Heights Drive" keeps its abbreviation), so it is no street.
            let mut words = span.split_whitespace();
            words.next_back();
            if words.any(|w| {
                w.ends_with('.')
                    && matches!(
                        w.trim_end_matches('.').to_ascii_lowercase().as_str(),
                        "north" | "south" | "east" | "west"
                    )
            }) {
                continue;
            }
            if let Some((whose, why)) = decide(s, span) {
                push(out, s, s + span.len(), whose, why, 7);
            }
        }
        let has_box = text
            .as_bytes()
            .windows(3)
            .any(|w| w.eq_ignore_ascii_case(b"box"));
        for m in on(1, has_box)
            .then(|| r.po_box.find_iter(text))
            .into_iter()
            .flatten()
        {
            if let Some((whose, _)) = decide(m.start(), m.as_str()) {
                push(out, m.start(), m.end(), whose, "post office box", 7);
            }
        }
        for c in on(2, digits >= 5)
            .then(|| r.zip.captures_iter(text))
            .into_iter()
            .flatten()
        {
            let z = c.name("zip").expect("zip");
            let whose = if org.is_org_zip(z.as_str()) {
                Whose::Organization
            } else if ctx.at(toks, z.start()).public_event && !ctx.at(toks, z.start()).person {
                continue;
            } else {
                Whose::Patient
            };
            push(out, z.start(), z.end(), whose, "ZIP code", 6);
        }
        for c in on(3, true)
            .then(|| r.unit.captures_iter(text))
            .into_iter()
            .flatten()
        {
            let u = c.name("u").expect("unit");
            // "4 números": the ASCII word boundary of the regex ends inside a Spanish word.
            if text[u.end()..].starts_with(char::is_alphanumeric) {
                continue;
            }
            // Only "on 4 West", "in 5 North", "en 3 Norte": a ward named by floor and wing.
            let before = text[..u.start()].trim_end();
            let cue = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            // In a post that already names a patient, any mention does ("thanks to the 2
            // South team" in a reply to a patient's daughter).
            if (!matches!(cue.as_str(), "on" | "in" | "to" | "from" | "en")
                || !before.len().eq(&(u.start() - 1)))
                && ctx.patient_names.is_empty()
            {
                continue;
            }
            let cues = ctx.at(toks, u.start());
            // With no patient named, a unit needs a stay in its sentence: "Maple the Moose
            // made rounds on 5 South with a friend" places nobody.
            let stay = !ctx.patient_names.is_empty()
                || cues.life_event
                || someone_cared_for(toks, u.start())
                || days_on(before);
            if (cues.person || cues.life_event) && stay {
                push(
                    out,
                    u.start(),
                    u.end(),
                    Whose::Patient,
                    "hospital unit where a patient stays",
                    5,
                );
            }
        }
        for m in on(4, digits >= 2)
            .then(|| r.postcode.find_iter(text))
            .into_iter()
            .flatten()
        {
            // "Men's health MOT at Ashton Gate, Sat 15 March, 10am–2pm (BS3 2EJ) ⚽ Dr
            // Oluwaseun Bakare will be talking": a venue with its hours, only staff about.
            let cues = ctx.at(toks, m.start());
            let venue = (cues.public_event && !cues.person)
                || (!cues.life_event
                    && ctx.patient_names.is_empty()
                    && hours_beside(text, m.start(), m.end()));
            let whose = if org.is_org_zip(m.as_str()) {
                Whose::Organization
            } else if venue {
                continue;
            } else {
                Whose::Patient
            };
            push(out, m.start(), m.end(), whose, "UK postcode", 6);
        }
        for m in on(5, true)
            .then(|| r.highway.find_iter(text))
            .into_iter()
            .flatten()
        {
            let cues = ctx.at(toks, m.start());
            if cues.person || cues.life_event {
                push(
                    out,
                    m.start(),
                    m.end(),
                    Whose::Patient,
                    "road where a person was",
                    4,
                );
            }
        }
        let care = std::cell::OnceCell::new();
        let someone_about = std::cell::OnceCell::new();
        let person_sentences = std::cell::OnceCell::new();
        let other_patient_id = std::cell::OnceCell::new();
        for c in on(6, true)
            .then(|| r.room.captures_iter(text))
            .into_iter()
            .flatten()
        {
            let m = c.get(0).expect("room");
            if let Some((ns, ne)) = name_beside_room(toks, org, m.start(), m.end()) {
                out.push(Cand {
                    kind: Kind::PersonName,
                    start: ns,
                    end: ne,
                    whose: Whose::Patient,
                    reason: "name written beside a room number".into(),
                    prio: 3,
                });
                push(
                    out,
                    m.start(),
                    m.end(),
                    Whose::Patient,
                    "room beside a name",
                    6,
                );
                continue;
            }
            let cues = ctx.at(toks, m.start());
            // A bed (unlike a room) is no event venue: with a family or caller about, it places
            // someone ("the family in bed 22", "la familia de la cama 4").
            let bed = {
                let w = m.as_str().as_bytes();
                w.len() >= 3
                    && (w[..3].eq_ignore_ascii_case(b"bed") || w[..3].eq_ignore_ascii_case(b"cam"))
                    && *someone_about.get_or_init(|| {
                        [
                            "family", "familia", "visitor", "caller", "guest", "someone", "whoever",
                        ]
                        .iter()
                        .any(|p| text.contains(p))
                    })
            };
            // In a story of someone's care a room or bed number places that person even with no
            // pronoun ("took care of bed 14", "ER room 4 had a visitor: the cyclist we treated");
            // a bed, bay or cubicle is never an event venue, so announcement words do not clear it.
            // "PICU bed 7" is a bed of the unit.
            let bed_of_unit = {
                let w = m.as_str().to_ascii_lowercase();
                [" bed", " cama", " cot", " cuna", " bay"]
                    .iter()
                    .any(|p| w.contains(p))
            };
            let bedlike = bed_of_unit || {
                let w = m.as_str().as_bytes();
                w.len() >= 3
                    && [b"bed", b"cam", b"bay", b"cub"]
                        .iter()
                        .any(|p| w[..3].eq_ignore_ascii_case(*p))
            };
            // A room needs the care words in its own sentence ("Room 508 went home today");
            // "Ward 3 nurses", "Room 5 alumni" name a team, not a patient.
            let sentence = {
                let (s, e) = sentence_near(toks, m.start());
                &text[s..e]
            };
            let next_word = text[m.end()..]
                .split_whitespace()
                .next()
                .map(|w| {
                    w.trim_end_matches(|c: char| !c.is_alphabetic())
                        .to_lowercase()
                })
                .unwrap_or_default();
            let team = matches!(
                next_word.as_str(),
                "nurses" | "staff" | "team" | "alumni" | "families" | "volunteers"
            );
            // "Ward 7 dayroom", "4 West entrance": a shared space of the unit, nobody's bed.
            if !bedlike
                && matches!(
                    next_word.as_str(),
                    "dayroom"
                        | "lounge"
                        | "kitchen"
                        | "entrance"
                        | "lobby"
                        | "hallway"
                        | "corridor"
                        | "reception"
                        | "playroom"
                        | "classroom"
                        | "garden"
                )
            {
                continue;
            }
            // A numbered cot, crib or incubator holds one child: it places a patient whatever
            // else the post says ("hugs a giraffe in cot 6").
            // So does a trauma or resus bay ("the patient in trauma 2"), and a bed in a note
            // that already holds someone's identifier ("insulin pump SN ... for bed 6").
            let cot = {
                let w = m.as_str().to_ascii_lowercase();
                // Asked once: this loop adds only places and names, which do not count.
                let other_id = bedlike
                    && *other_patient_id.get_or_init(|| {
                        out.iter().any(|c| {
                            c.whose == Whose::Patient
                                && !matches!(c.kind, Kind::Location | Kind::PersonName)
                        })
                    });
                other_id
                    || ["cot", "crib", "cuna", "incub", "isolet", "trauma", "resus"]
                        .iter()
                        .any(|p| w.starts_with(p))
            };
            // "nurses in room 412 threw a party", "jt from room 220", "our regular in ER room 11":
            // a lower-case room someone is in or comes from, outside any notice, is where a
            // patient stays.
            let stay_room = {
                let w = m.as_str();
                let lower_room = ["room ", "rm", "habitaci", "cuarto "]
                    .iter()
                    .any(|p| w.starts_with(p));
                let prev = text[..m.start()]
                    .trim_end()
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                lower_room
                    && matches!(
                        prev.as_str(),
                        "in" | "from" | "en" | "de" | "del" | "la" | "er" | "ed" | "icu" | "ccu"
                    )
                    && !cues.public_event
                    && !sentence.to_lowercase().contains("meet")
            };
            // A ward, unit or pod holds many patients: with no person about it names a place
            // ("Ward 7 celebrated its 100th year"), whatever event words are near.
            let unit = !bed_of_unit && {
                let w = m.as_str().to_ascii_lowercase();
                ["ward", "unidad", "pod", "icu", "nicu", "picu"]
                    .iter()
                    .any(|p| w.starts_with(p))
            };
            // "Cake on Ward 6 at 3pm Friday, all welcome", "brought the whole of Ward 5 a
            // cake": a unit as a venue or as its team.
            let whole = {
                let b = tail(text[..m.start()].trim_end(), 12).to_ascii_lowercase();
                [
                    "whole of",
                    "all of",
                    "the whole",
                    "entire",
                    "todo el",
                    "toda la",
                ]
                .iter()
                .any(|p| b.ends_with(p))
            };
            if unit
                && (whole
                    || at_a_time(&text[m.end()..])
                    || (cues.public_event && ctx.patient_names.is_empty()))
                && !someone_cared_for(toks, m.start())
            {
                continue;
            }
            // "a teen boy gives a thumbs-up from PICU bed 7": someone in a numbered bed.
            let someone_in_bed = bedlike && {
                let k = toks.sentence_index(m.start()) as u32;
                person_sentences
                    .get_or_init(|| sentences_with_a_person(toks))
                    .binary_search(&k)
                    .is_ok()
            };
            // "Thank you for the kind words about Ward 9": a unit in a post about no one is
            // the team, however grateful the words around it.
            if unit && !cues.person && !ctx.any_person {
                continue;
            }
            let cared = !team
                && (cot
                    || stay_room
                    || someone_in_bed
                    || if bedlike {
                        *care.get_or_init(|| care_story(text))
                    } else {
                        !cues.public_event && care_story(sentence)
                    });
            if !cared
                && (!(bed || cues.person || cues.life_event || ctx.any_person)
                    || (cues.public_event && !cues.person))
            {
                continue;
            }
            // A staff member's office is theirs; a bed is never a staff member's ("dr okafor
            // will stop by bed 2").
            let whose = if cues.staff_only && !bedlike {
                Whose::Staff
            } else {
                Whose::Patient
            };
            push(out, m.start(), m.end(), whose, "room or bed number", 6);
        }
    }
    if r.spanish_street_words.is_match(text) {
        for m in r.calle.find_iter(text) {
            let mut span = m.as_str();
            // The name ends with its sentence ("2450 Calle Guadalupe. Sin costo").
            let body = span.find(char::is_whitespace).unwrap_or(0);
            if let Some(p) = span[body..].find(". ") {
                span = &span[..body + p];
            }
            // "en la Calle Zarzamora de 8am a 2pm", "Calle Guadalupe del 28 de octubre al 2 de
            // noviembre": the hours or dates after it are no house number.
            let hours_or_dates = |p: usize, word: usize| {
                let rest = &text[m.start() + p + word..];
                let d = rest.bytes().take_while(u8::is_ascii_digit).count();
                (1..=2).contains(&d)
                    && ["am", "pm", ":", " a ", " y ", " am", " pm", " de ", " al "]
                        .iter()
                        .any(|h| rest[d..].starts_with(h))
            };
            let cut = [(" de ", 4), (" del ", 5)]
                .iter()
                .filter_map(|&(w, len)| span.find(w).filter(|&p| hours_or_dates(p, len)))
                .min();
            if let Some(p) = cut {
                span = &span[..p];
            }
            let span = span.trim_end_matches(['.', ',', ' ']);
            // "Carrera 5K": a race, not a Colombian street.
            let race = span.split_whitespace().nth(1).is_some_and(|w| {
                w.len() > 1
                    && w.ends_with(['K', 'k'])
                    && w[..w.len() - 1].bytes().all(|b| b.is_ascii_digit())
            });
            if race {
                continue;
            }
            // "Calle" alone or followed by one common word is too weak without a number.
            let numbered = span.bytes().any(|c| c.is_ascii_digit());
            if !numbered && span.split_whitespace().count() < 2 {
                continue;
            }
            let Some((whose, why)) = decide(m.start(), span) else {
                continue;
            };
            // "Entren por la calle Colorado. Para cambiar su cita…": a street without a house
            // number is someone's only beside a person or in a post naming one.
            if whose == Whose::Patient
                && !numbered
                && !ctx.at(toks, m.start()).person
                && ctx.patient_names.is_empty()
            {
                continue;
            }
            push(out, m.start(), m.start() + span.len(), whose, why, 6);
        }
    }
    if text.contains('&')
        || text.contains("orner")
        || text.contains("squina")
        || text.contains("ntersection")
        || text.contains("ruce")
    {
        for c in r.corner.captures_iter(text) {
            let Some(g) = c.name("a").or_else(|| c.name("b")) else {
                continue;
            };
            let cues = ctx.at(toks, g.start());
            // "la esquina de Guadalupe y Navidad": a street named for a person is no one there.
            let named_inside = ctx
                .patient_names
                .iter()
                .any(|&(a, b)| a >= g.start() && b <= g.end());
            let person =
                cues.person && (!named_inside || ctx.named_patient_outside(g.start(), g.end()));
            if person || cues.life_event {
                push(
                    out,
                    g.start(),
                    g.end(),
                    Whose::Patient,
                    "street corner where something happened to a person",
                    5,
                );
            } else if named_inside {
                // The corner holds the given name a street is named for: it is where the
                // event is, and the name is the street's.
                push(
                    out,
                    g.start(),
                    g.end(),
                    Whose::Organization,
                    "street corner of a public event",
                    5,
                );
            }
        }
    }
    let street_words = r.street_words.is_match(text);
    for m in street_words
        .then(|| r.street.find_iter(text))
        .into_iter()
        .flatten()
    {
        // Skip the cue word ("on", "lives on") so the span is the street itself.
        let full = m.as_str();
        let first_cap = full.find(|c: char| c.is_uppercase()).unwrap_or(0);
        let first_cap = if full[..first_cap].trim().is_empty() {
            // the cue itself was capitalised ("On Elm Street"): skip past it
            full.find(char::is_whitespace).map_or(0, |p| {
                p + full[p..].find(|c: char| !c.is_whitespace()).unwrap_or(0)
            })
        } else {
            first_cap
        };
        let s = m.start() + first_cap;
        let span = &text[s..m.end()];
        let cues = ctx.at(toks, s);
        let whose = if org.is_org_address(span)
            || (cues.public_event && !cues.person)
            || our_venue_before(&text[..s])
        {
            Whose::Organization
        } else if cues.person || ctx.any_person {
            Whose::Patient
        } else {
            continue;
        };
        push(out, s, m.end(), whose, "street name", 5);
    }
    if digits > 0 {
        room_after_person(toks, ctx, out);
    }
    cities_and_counties(toks, ctx, org, out);
    school_of_a_person(toks, out);
    // Only a post naming a road can place an accident on one (a token check, no text pass).
    if (0..toks.toks.len()).any(|k| {
        toks.toks[k].case == Case::Title
            && matches!(
                toks.folded(k),
                "road"
                    | "street"
                    | "avenue"
                    | "parade"
                    | "lane"
                    | "drive"
                    | "boulevard"
                    | "highway"
                    | "way"
                    | "bridge"
                    | "roundabout"
                    | "crescent"
                    | "pike"
            )
    }) {
        incident_roads(text, out);
    }
}

/// "her mom in 512", "the pt in 4B": a bare room number right after a person and "in".
fn room_after_person(toks: &Tokens, ctx: &Context, out: &mut Vec<Cand>) {
    for k in 2..toks.toks.len() {
        let t = toks.toks[k];
        if !t.numeric || toks.folded(k - 1) != "in" {
            continue;
        }
        // Digits are their own token: a letter written right after ("4B") is the next one.
        let d = toks.raw(k).len();
        let letter = (k + 1 < toks.toks.len() && toks.gap_before(k + 1).is_empty())
            .then(|| toks.raw(k + 1).as_bytes())
            .filter(|r| r.len() == 1);
        if letter.is_none() && k + 1 < toks.toks.len() && toks.gap_before(k + 1).is_empty() {
            continue;
        }
        let shape = (d == 3 && letter.is_none_or(|r| r[0].is_ascii_alphabetic()))
            || ((1..=2).contains(&d) && letter.is_some_and(|r| r[0].is_ascii_uppercase()));
        let t_end = if letter.is_some() {
            toks.toks[k + 1].end
        } else {
            t.end
        };
        let person = toks.is(k - 2, f::CPERSON | f::KIN)
            && !matches!(
                toks.folded(k - 2),
                "she" | "he" | "her" | "his" | "him" | "ella"
            );
        if !shape || !person || toks.gap_before(k) != " " || toks.gap_before(k - 1) != " " {
            continue;
        }
        // "my dad in 100 days", "the resident in 3B's room": a quantity, not a room.
        let next: String = toks.text[t_end..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        if matches!(
            next.as_str(),
            "days"
                | "weeks"
                | "months"
                | "years"
                | "hours"
                | "minutes"
                | "mins"
                | "seconds"
                | "lbs"
                | "pounds"
                | "kg"
                | "steps"
                | "miles"
                | "people"
                | "patients"
                | "cases"
        ) || toks.text[t_end..].starts_with(['%', '\'', '’', '-', '/', '.', ',', ':'])
            && toks.text[t_end + 1..].starts_with(|c: char| c.is_ascii_digit())
            || toks.text[t_end..].starts_with(['%', '\'', '’', '-', '/'])
        {
            continue;
        }
        push(
            out,
            t.start,
            t_end,
            ctx.whose_at(toks, t.start),
            "room number after a person 'in'",
            6,
        );
    }
}

/// Phrases of a story about one person's care: a stay, its end, thanks for it.
const CARE_STORY: &[&str] = &[
    "took care",
    "taking care",
    "cared for",
    "caring for",
    "went home",
    "going home",
    // "Rm 214 → home!": a discharge in shorthand.
    "→ home",
    "-> home",
    "gone home",
    "home today",
    "sent home",
    "discharg",
    "healed",
    "recover",
    "cheering",
    "sending love",
    "miss you",
    "we miss",
    "never forget",
    "well done",
    "we treated",
    "ventilator",
    "surgery",
    "thank you for",
    "se fue a casa",
    "dado de alta",
    "dada de alta",
    "cirug",
    "recuper",
    "gracias por",
    "extrañamos",
];

/// Byte range of the sentence at `pos`, cut to 300 bytes each side: the words that bear on
/// a room are near it, and a huge line with many rooms stays linear.
fn sentence_near(toks: &Tokens, pos: usize) -> (usize, usize) {
    const REACH: usize = 300;
    let text = toks.text;
    let floor = |mut p: usize| {
        while !text.is_char_boundary(p) {
            p -= 1;
        }
        p
    };
    let k = toks.sentence_index(pos);
    let start = toks.sentences[k].max(floor(pos.saturating_sub(REACH)));
    let end = toks
        .sentences
        .get(k + 1)
        .copied()
        .unwrap_or(text.len())
        .min(floor((pos + REACH).min(text.len())));
    (start, end)
}

/// The sentence at `pos` tells of care or names someone who could be cared for ("the
/// gentleman in 3 North", "for looking after their mum"), not only a pronoun.
fn someone_cared_for(toks: &Tokens, pos: usize) -> bool {
    let text = toks.text;
    let (start, end) = sentence_near(toks, pos);
    // An emoji ends a thought as a full stop does ("…robot surgery, she's seen it all 💙 Cake
    // on Ward 6 at 3pm").
    let emoji = |c: char| c as u32 >= 0x2600 && !c.is_alphanumeric();
    let start = text[start..pos]
        .char_indices()
        .rfind(|&(_, c)| emoji(c))
        .map_or(start, |(p, c)| start + p + c.len_utf8());
    let end = text[pos..end].find(emoji).map_or(end, |p| pos + p);
    let first = toks.toks.partition_point(|t| t.start < start);
    care_story(&text[start..end])
        || (first..toks.toks.len())
            .take_while(|&i| toks.toks[i].start < end)
            .any(|i| {
                let w = toks.folded(i);
                PERSON_NOUNS.contains(&w)
                    || matches!(w, "mum" | "pt" | "son" | "daughter" | "husband" | "wife")
            })
}

/// " at 3pm Friday", " from 2:30", " a las 4 pm": a time right after a place makes it a venue.
fn at_a_time(after: &str) -> bool {
    // Case-insensitive prefix test on a short head: no allocation, no walk of the rest.
    let starts = |s: &str, p: &str| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    let a = after.trim_start();
    let Some(p) = ["at ", "from ", "a las ", "@ "]
        .into_iter()
        .find(|p| starts(a, p))
    else {
        return false;
    };
    let a = &a[p.len()..];
    let d = a.bytes().take_while(u8::is_ascii_digit).count();
    let rest = a[d..].trim_start();
    (1..=2).contains(&d)
        && [":", "am", "pm", "a.m", "p.m", "h", "o'clock"]
            .iter()
            .any(|u| starts(rest, u))
}

/// "After 63 days on", "3 semanas en": the length of a stay, right before a unit.
fn days_on(before: &str) -> bool {
    let mut words = before.rsplit(char::is_whitespace);
    let (Some(prep), Some(unit), Some(n)) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    matches!(prep.to_ascii_lowercase().as_str(), "on" | "in" | "en")
        && [
            "days", "weeks", "months", "nights", "dias", "días", "semanas", "meses", "noches",
        ]
        .contains(&unit.to_lowercase().as_str())
        && (n.bytes().all(|b| b.is_ascii_digit()) || n.eq_ignore_ascii_case("long"))
}

fn care_story(text: &str) -> bool {
    let lower = text.to_lowercase();
    CARE_STORY.iter().any(|w| lower.contains(w))
}

/// "the cyclist injured at Bedminster Parade", "a pedestrian hit on Oak Avenue": the road of
/// an accident places the person it happened to, even without a house number.
fn incident_roads(text: &str, out: &mut Vec<Cand>) {
    const HURT: &[&str] = &[
        "injured",
        "hit by",
        "struck",
        "collision",
        "accident",
        "crash",
        "atropell",
        "herid",
    ];
    const VICTIM: &[&str] = &[
        "cyclist",
        "pedestrian",
        "driver",
        "motorcyclist",
        "rider",
        "passenger",
        "boy",
        "girl",
        "man ",
        "woman",
        "teen",
        "child",
        "ciclista",
        "peat",
        "conductor",
        "motociclista",
    ];
    static WORDS: OnceLock<(AhoCorasick, AhoCorasick)> = OnceLock::new();
    let (hurt, victim) = WORDS.get_or_init(|| {
        let ac = |w: &[&str]| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(w)
                .expect("incident words")
        };
        (ac(HURT), ac(VICTIM))
    });
    // Most posts mention no accident: one pass over the bytes says so.
    if !hurt.is_match(text) || !victim.is_match(text) {
        return;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?-u:\b)(?:at|on|near|along|en)\s+(?P<road>(?:[A-Z][a-z]+\s){1,3}(?:Road|Street|Avenue|Parade|Lane|Drive|Boulevard|Highway|Way|Bridge|Roundabout|Crescent|Pike))(?-u:\b)")
            .expect("incident road regex")
    });
    for c in re.captures_iter(text) {
        let m = c.name("road").expect("road");
        push(
            out,
            m.start(),
            m.end(),
            Whose::Patient,
            "road where a person was hurt",
            4,
        );
    }
}

/// The person names found before the places, sorted by start, so that a huge line with many
/// names and towns asks "is a name here?" in log time instead of scanning every name.
struct Names(Vec<(usize, usize, Whose)>);

impl Names {
    fn of(out: &[Cand]) -> Names {
        let mut v: Vec<(usize, usize, Whose)> = out
            .iter()
            .filter(|c| c.kind == Kind::PersonName)
            .map(|c| (c.start, c.end, c.whose))
            .collect();
        v.sort_unstable_by_key(|&(s, e, _)| (s, e));
        Names(v)
    }

    /// Some name overlaps `s..e` (names are short: a few entries back suffice).
    fn overlap(&self, s: usize, e: usize) -> bool {
        let k = self.0.partition_point(|&(a, _, _)| a < e);
        self.0[..k].iter().rev().take(8).any(|&(_, b, _)| b > s)
    }

    /// A patient's name ends exactly at byte `e`.
    fn patient_ends_at(&self, e: usize) -> bool {
        let k = self.0.partition_point(|&(a, _, _)| a < e);
        self.0[..k]
            .iter()
            .rev()
            .take(8)
            .any(|&(_, b, w)| b == e && w == Whose::Patient)
    }
}

/// "la conferencia de promotoras en Austin", "the Buchanan County Fair in Independence": the
/// town where a professional or public gathering met, not anyone's home. Tournaments are left
/// out ("hurt at a tournament in Waterloo": players get hurt where they play).
fn town_of_gathering(toks: &Tokens, i: usize) -> bool {
    const GATHERINGS: &[&str] = &[
        "conference",
        "conferencia",
        "congress",
        "congreso",
        "convention",
        "convencion",
        "summit",
        "cumbre",
        "symposium",
        "simposio",
        "fair",
        "feria",
        "festival",
    ];
    // "collapsed at a convention in Laredo": what happened to someone there ties them to it.
    const MISHAPS: &[&str] = &[
        "collapsed",
        "fell",
        "fainted",
        "injured",
        "hurt",
        "seizure",
        "arrest",
        "stroke",
        "crash",
        "broke",
        "desmayo",
        "cayo",
        "lesiono",
    ];
    let sentence = toks.toks[i].sentence;
    i > 1
        && matches!(toks.folded(i - 1), "in" | "en" | "at")
        && (i.saturating_sub(6)..i - 1)
            .any(|k| toks.toks[k].sentence == sentence && GATHERINGS.contains(&toks.folded(k)))
        // Twenty words either side: a long line stays linear.
        && !(i.saturating_sub(20)..(i + 20).min(toks.toks.len()))
            .any(|k| toks.toks[k].sentence == sentence && MISHAPS.contains(&toks.folded(k)))
}

fn cities_and_counties(toks: &Tokens, ctx: &Context, org: &OrgIndex, out: &mut Vec<Cand>) {
    let lex = lexicon::get();
    let n = toks.toks.len();
    let names = Names::of(out);
    let mut i = 0;
    while i < n {
        let t = toks.toks[i];
        // "the lady from millersport": a lower-case word no list knows, where a person is from.
        if t.case == Case::Lower
            && !t.numeric
            && i > 1
            && toks.folded(i - 1) == "from"
            && PERSON_NOUNS.contains(&toks.folded(i - 2))
            && toks.folded(i).len() >= 4
            && lex.flags(toks.folded(i)) == 0
            && toks.folded(i).chars().all(|c| c.is_ascii_alphabetic())
        {
            push(
                out,
                t.start,
                t.end,
                Whose::Patient,
                "place a person comes from",
                4,
            );
            i += 1;
            continue;
        }
        if t.case != Case::Title || t.numeric {
            i += 1;
            continue;
        }
        // "X County", "X Y County", "condado de X"
        let mut found: Option<(usize, &str)> = None;
        let mut town_of_person = false;
        for len in (1..=3).rev() {
            let j = i + len - 1;
            if j >= n {
                continue;
            }
            let run_ok = (i..=j)
                .all(|k| toks.toks[k].case == Case::Title && (k == i || toks.gap_before(k) == " "));
            if !run_ok {
                continue;
            }
            if j + 1 < n
                && matches!(toks.folded(j + 1), "county" | "parish" | "borough")
                // "St. Bridget's parish": a church's.
                && !(i > 0 && matches!(toks.folded(i - 1), "st" | "saint" | "san" | "santa"))
                && toks.gap_before(j + 1) == " "
                && len <= 2
                // "the Grundy County Fair", "Union County Health Department": an event or an
                // office of the county, not where someone lives.
                && !(j + 2 < n
                    && toks.gap_before(j + 2) == " "
                    && matches!(
                        toks.folded(j + 2),
                        "fair" | "fairgrounds" | "show" | "health" | "courthouse" | "library"
                            | "extension"
                    ))
            {
                found = Some((j + 1, "county"));
                break;
            }
            let phrase = toks.phrase(i, j);
            if org.cities.iter().any(|c| c == phrase) {
                found = Some((j, "org city"));
                break;
            }
            // A gazetteer town that is also a name found here ("thanks to Tipton") stays
            // a name.
            let place = lex.places.contains(phrase) && !names.overlap(t.start, toks.toks[j].end);
            let listed = lex.cities.contains(phrase);
            // A town named for a country or a month ("from Brazil", Indiana) is the country.
            let place = place
                && !(i..=j).any(|k| lex.class(toks.folded(k)) & super::lexicon::f::NEVER != 0);
            if (listed || place)
                && !STATE_CITIES.contains(&phrase)
                && !phrase.split(' ').all(|w| org.name_words.contains(w))
            {
                // A gazetteer town needs a cue of where someone is or comes from, and must
                // not run on into a longer name ("pupils at St Mary's Primary").
                let cues: &[&str] = if listed { CITY_CUES } else { PLACE_CUES };
                // "nuestra clínica escolar en Burbank High": a school named for the town, in a
                // post that names no patient ("Eli is back at Lincoln Elementary" is his).
                let school = ctx.patient_names.is_empty()
                    && j + 1 < n
                    && toks.gap_before(j + 1) == " "
                    && toks.toks[j + 1].case == Case::Title
                    && matches!(
                        toks.folded(j + 1),
                        "high" | "middle" | "elementary" | "academy" | "primary" | "prep"
                    );
                let cue_before = !school
                    && !super::names::in_language_list(toks, i)
                    && i > 0
                    && cues.contains(&toks.folded(i - 1))
                    && toks.toks[i - 1].sentence == t.sentence
                    && (listed
                        || j + 1 >= n
                        || toks.toks[j + 1].case != Case::Title
                        || toks.gap_before(j + 1) != " ");
                let state_after = j + 1 < n
                    && toks.gap_before(j + 1).trim() == ","
                    && toks.toks[j + 1].case != Case::Lower
                    && is_state(toks.raw(j + 1));
                // "the Richwood teen hurt in Friday's crash", "a Lytle family": the town a
                // person is from, as an adjective.
                let of_person = i > 0
                    && matches!(toks.folded(i - 1), "a" | "an" | "the" | "this" | "that")
                    && j + 1 < n
                    && toks.gap_before(j + 1) == " "
                    && toks.toks[j + 1].sentence == t.sentence
                    && (PERSON_NOUNS.contains(&toks.folded(j + 1))
                        || TOWNSFOLK.contains(&toks.folded(j + 1)))
                    // "the Beaumont Family Foundation" names a building or a fund.
                    && toks.toks[j + 1].case == Case::Lower;
                if cue_before || state_after || of_person {
                    found = Some((j, "city"));
                    town_of_person = of_person;
                    break;
                }
            }
        }
        // "a 9-year-old from Dubuque", "near Parkersburg": an unknown capitalised place word.
        if found.is_none()
            && i > 0
            && matches!(toks.folded(i - 1), "from" | "near" | "de" | "desde")
            && toks.toks[i - 1].sentence == t.sentence
        {
            let w = toks.folded(i);
            // A given name or its diminutive ("de Joaquincito") is whose, not where.
            if w.len() >= 4
                && !lex.words.contains(w)
                && lex.flags(w) & f::FIRST == 0
                && lex.class(w) & super::lexicon::f::NEVER == 0
                && !org.name_words.contains(w)
                && w.chars().all(char::is_alphabetic)
                && !t.sentence_start
                // "el Mes de Concientización", "Centro de Salud": a capitalised title's
                // words, not a town.
                && !(toks.folded(i - 1) == "de"
                    && i > 1
                    && toks.toks[i - 2].case == Case::Title
                    && (lex.words.contains(toks.folded(i - 2))
                        // "Francisco Javier de Balmis": a surname's particle after a given name.
                        || (lex.first.contains(toks.folded(i - 2))
                            && toks.gap_before(i - 1) == " ")
                        // "el Centro Comunitario de Adultos Mayores"
                        || toks.is(i - 2, f::PLACEPFX)
                        || (i > 2 && toks.is(i - 3, f::PLACEPFX))
                        || super::context::our_lady(toks, i - 2)))
            {
                found = Some((i, "place"));
            }
        }
        // "a 97 y/o woman from Bellefontaine": that place is the person's.
        // "the little boy from Bastrop": a gazetteer town too.
        // "un jugador de 15 años de Eagle Pass": a person, their age in years, their town.
        let aged_person = i > 4
            && toks.folded(i - 2) == "anos"
            && toks.toks[i - 3].numeric
            && toks.folded(i - 4) == "de"
            && (PERSON_NOUNS.contains(&toks.folded(i - 5))
                || matches!(
                    toks.folded(i - 5),
                    "jugador" | "jugadora" | "chico" | "chica" | "muchacho" | "muchacha"
                ));
        let mut person_from = town_of_person
            || i > 1
                && found.is_some_and(|(_, w)| {
                    w == "place"
                        || (w == "city" && matches!(toks.folded(i - 1), "from" | "de" | "desde"))
                })
                && (PERSON_NOUNS.contains(&toks.folded(i - 2))
                    || aged_person
                    || one_of_townsfolk(toks, i - 2))
            || found.is_some_and(|(_, w)| w == "city") && farm_near(toks, i);
        // "the gentleman from Plain City", "una señora de Los Fresnos": a person's home town,
        // whatever its words, when a person noun comes right before.
        let prep = if i > 1 { toks.folded(i - 1) } else { "" };
        // Most capitalised words follow no preposition: skip the checks below at once.
        let cued = found.is_none()
            && matches!(prep, "in" | "of" | "en" | "from" | "de" | "desde" | "to")
            && !t.sentence_start;
        // "Siobhan's family in Clevedon": a household's town after "in" (an unknown word
        // only: "the patient in Recovery" is a unit).
        let person_in = cued
            && matches!(prep, "in" | "of" | "en")
            && !lex.words.contains(toks.folded(i))
            // "family of Ruth Ann Miller" is whose family; "family in Wetherby" is where.
            && lex.flags(toks.folded(i))
                & (if prep == "of" { f::FIRST | f::LAST } else { 0 } | f::TITLE | f::STAFF_TITLE)
                == 0
            && toks.folded(i).chars().all(char::is_alphabetic);
        // "since you're out in Dike", "if you live in Hondo": the reader's own town.
        let reader_there = !t.sentence_start
            && matches!(prep, "in" | "en")
            && i > 3
            && matches!(
                toks.folded(i - 2),
                "out" | "live" | "living" | "based" | "vive"
            )
            && (i - 4..i - 2).any(|k| {
                matches!(
                    toks.folded(k),
                    "you" | "you're" | "youre" | "u" | "ur" | "usted" | "y'all"
                )
            });
        if reader_there && found.is_some() {
            person_from = true;
        }
        // "Bao Nguyen of Plain City", "Ana Ruiz from Los Fresnos": a patient's home town.
        let named_before = cued
            && matches!(prep, "from" | "of" | "desde")
            && toks.gap_before(i - 1) == " "
            && names.patient_ends_at(toks.toks[i - 2].end);
        // "the tiny town of Readlyn", "el pueblo de Cotulla": a named town, tied to the person
        // the post is about.
        // "she's home in Urbana", "back in Waverly with her brothers", "en casa en Pleasanton":
        // where someone the post is about lives.
        // "going home to Lockhart", "off home to Portishead" too, but not "welcome home to
        // Harmony" (a greeting) nor "Marysville is home to ..." (what a place holds).
        let home_to = prep == "to"
            && i > 2
            && !matches!(
                toks.folded(i - 3),
                "welcome" | "is" | "was" | "are" | "were" | "be" | "been"
            );
        let home_in = cued
            && (matches!(prep, "in" | "en") || home_to)
            && matches!(
                toks.folded(i - 2),
                "home"
                    | "back"
                    | "casa"
                    | "lives"
                    | "live"
                    | "living"
                    | "vive"
                    | "viven"
                    | "hometown"
            )
            && !lex.words.contains(toks.folded(i))
            && toks.folded(i).chars().all(char::is_alphabetic)
            && ctx.any_person;
        let town_of = cued
            && matches!(prep, "of" | "de")
            && matches!(
                toks.folded(i - 2),
                "town" | "village" | "township" | "hamlet" | "pueblo" | "pueblito" | "ciudad"
            )
            && ctx.any_person;
        if found.is_none()
            && i > 1
            && ((matches!(prep, "from" | "de" | "desde")
                && ((PERSON_NOUNS.contains(&toks.folded(i - 2))
                    && !super::context::our_lady(toks, i - 2))
                    || aged_person))
                // The looser cues yield to a name found there ("family of Ruth Ann Miller").
                || ((person_in && PERSON_NOUNS.contains(&toks.folded(i - 2)))
                    || named_before
                    || home_in
                    || reader_there
                    || town_of)
                    && !names.overlap(t.start, t.start + 1))
            && toks.toks[i - 2].sentence == t.sentence
            && !t.sentence_start
            && lex.class(toks.folded(i)) & (f::INSTIT | f::TITLE | f::STAFF_TITLE) == 0
        {
            let mut j = i;
            while j + 1 < n
                && j < i + 2
                && toks.toks[j + 1].case == Case::Title
                && toks.gap_before(j + 1) == " "
            {
                j += 1;
            }
            let raw = &toks.text[t.start..toks.toks[j].end];
            let month_or_day =
                (i..=j).any(|k| lex.class(toks.folded(k)) & super::lexicon::f::NEVER != 0);
            if !state_names().contains(raw)
                && !month_or_day
                && !(i..=j).all(|k| org.name_words.contains(toks.folded(k)))
            {
                found = Some((j, "place"));
                person_from = true;
            }
        }
        let Some((j, what)) = found else {
            i += 1;
            continue;
        };
        // "Park Hospital in Trafford": the institution's town, unless a person is from it.
        if !person_from
            && (super::names::town_of_institution(toks, i)
                || (what != "org city" && town_of_gathering(toks, i)))
        {
            i = j + 1;
            continue;
        }
        // "double gold in Athens 2004", "Paris 2024": a town and its year name a games or
        // an expo, not where someone lives.
        if !person_from && event_year_after(&toks.text[toks.toks[j].end..]) {
            i = j + 1;
            continue;
        }
        // "say hi to Austin, 7, who ...": a child with an age, not a town.
        if what != "county" && {
            let a = toks.text[toks.toks[j].end..]
                .strip_prefix(", ")
                .unwrap_or("");
            let d = a.bytes().take_while(u8::is_ascii_digit).count();
            (1..=3).contains(&d) && a[d..].starts_with([',', ')'])
        } {
            i = j + 1;
            continue;
        }
        let (s, e) = (t.start, toks.toks[j].end);
        let words: Vec<&str> = (i..=j).map(|k| toks.folded(k)).collect();
        let cues = ctx.at(toks, s);
        // "how we do things in Union County", "our Bexar County sites": the organisation's
        // own service area.
        let our_county = what == "county" && !person_from && {
            let b = tail(&toks.text[..s], 48).to_ascii_lowercase();
            let clause = b.rsplit(['.', '!', '?', '\n', ';']).next().unwrap_or("");
            clause.starts_with("we ") || clause.contains(" we ") || clause.ends_with("our ")
        };
        let whose = if what == "org city"
            || our_county
            || words
                .iter()
                .filter(|w| !matches!(**w, "county" | "parish" | "borough"))
                .all(|w| org.address_words.contains(*w))
        {
            Some(Whose::Organization)
        } else if cues.staff_named && joins_from(&toks.text[..s], org) {
            // "Hamish joins us from Glasgow, where he led…": where a new colleague worked.
            Some(Whose::Staff)
        } else if cues.person || person_from {
            Some(Whose::Patient)
        } else {
            None
        };
        if let Some(whose) = whose {
            let reason = match what {
                "county" => "county",
                "org city" => "the organisation's own city",
                "place" => "place a person comes from",
                _ => "city or town",
            };
            push(out, s, e, whose, reason, 4);
        }
        i = j + 1;
    }
}

/// "the Year 10 from Redcliffe Academy who came to our drop-in", "a lad from Clevedon
/// Community School": the school one young person attends ("pupils from …" are a group).
fn school_of_a_person(toks: &Tokens, out: &mut Vec<Cand>) {
    let n = toks.toks.len();
    for i in 3..n {
        if toks.folded(i - 1) != "from" || toks.toks[i].case != Case::Title {
            continue;
        }
        // The person: "the Year 10", "a student", "the lad".
        let k = i - 2;
        let year_group = toks.toks[k].numeric && matches!(toks.folded(k - 1), "year" | "grade");
        let noun = PERSON_NOUNS.contains(&toks.folded(k))
            || TOWNSFOLK.contains(&toks.folded(k))
            || matches!(
                toks.folded(k),
                "lad" | "lass" | "pupil" | "player" | "sixth-former"
            );
        let det = if year_group {
            k.checked_sub(2)
        } else {
            Some(k - 1)
        };
        let one = det.is_some_and(|d| matches!(toks.folded(d), "the" | "a" | "an" | "one" | "our"));
        if !((year_group || noun) && one && toks.toks[k].sentence == toks.toks[i].sentence) {
            continue;
        }
        let mut j = i;
        while j + 1 < n
            && j < i + 3
            && toks.toks[j + 1].case == Case::Title
            && toks.gap_before(j + 1) == " "
        {
            j += 1;
        }
        if j > i
            && matches!(
                toks.folded(j),
                "academy" | "school" | "high" | "college" | "primary" | "middle" | "elementary"
            )
        {
            push(
                out,
                toks.toks[i].start,
                toks.toks[j].end,
                Whose::Patient,
                "school a person attends",
                4,
            );
        }
    }
}

/// `before` ends in a staff member's name and the words that bring them from elsewhere
/// ("Hamish joins us from ").
fn joins_from(before: &str, org: &OrgIndex) -> bool {
    let b = tail(before, 48);
    let lower = b.to_ascii_lowercase();
    [
        "joins us from ",
        "joined us from ",
        "comes to us from ",
        "came to us from ",
        "joins the team from ",
        "joined the team from ",
    ]
    .iter()
    .any(|p| {
        lower.strip_suffix(p).is_some_and(|rest| {
            let who = b[..rest.len()]
                .trim_end()
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            who.starts_with(|c: char| c.is_uppercase()) && org.is_staff_name(&[fold(who).as_str()])
        })
    })
}

/// The sentences (sorted) that speak of one particular person by a plain noun: "a teen boy
/// gives a thumbs-up from PICU bed 7", but not "any child who needs a quiet space".
fn sentences_with_a_person(toks: &Tokens) -> Vec<u32> {
    let mut out: Vec<u32> = (0..toks.toks.len())
        .filter(|&i| {
            matches!(
                toks.folded(i),
                "boy"
                    | "girl"
                    | "teen"
                    | "teenager"
                    | "man"
                    | "woman"
                    | "child"
                    | "kid"
                    | "lady"
                    | "guy"
                    | "nino"
                    | "nina"
                    | "senor"
                    | "senora"
            ) && !(i > 0
                && matches!(
                    toks.folded(i - 1),
                    "any" | "every" | "each" | "all" | "cualquier" | "todo" | "cada"
                ))
        })
        .map(|i| toks.toks[i].sentence)
        .collect();
    out.dedup();
    out
}

/// "en la Calle Zarzamora de 8am a 2pm", "10am–2pm (BS3 2EJ)": a place with opening hours
/// right beside it is where an event is held.
fn hours_beside(text: &str, s: usize, e: usize) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?i)\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?\s*(?:–|—|-|to|a)\s*\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)",
        )
        .expect("hours regex")
    });
    re.is_match(tail(&text[..s], 40)) || re.is_match(super::text::head(&text[e..], 40))
}

/// "visit our clinic at 12 Oak St", "nuestra clínica de Calle 5": the writer's own place.
fn own_place_before(text: &str, s: usize) -> bool {
    let mut from = s.saturating_sub(48);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..s].to_lowercase();
    let clause = before
        .rsplit(['.', '!', '?', '\n', ';'])
        .next()
        .unwrap_or("");
    // "We've updated your address on our system to 14 Seabank Close": the reader's home.
    let says = |w: &str| {
        clause
            .match_indices(w)
            .any(|(k, _)| !clause[..k].ends_with(|c: char| c.is_alphabetic()))
    };
    if [
        "your address",
        "your new address",
        "ur address",
        "tu dirección",
        "tu direccion",
    ]
    .iter()
    .any(|w| says(w))
    {
        return false;
    }
    [
        "our ",
        "nuestra ",
        "nuestro ",
        "nuestras ",
        "nuestros ",
        "visit us",
        "find us",
        "us at",
        "visítenos",
        "visitenos",
    ]
    .iter()
    .any(|w| clause.contains(w))
}

/// Every entry of [`STATES`] (abbreviations and names), split once.
fn state_names() -> &'static std::collections::HashSet<&'static str> {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STATES.split('|').collect())
}

fn is_state(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|c| c.is_ascii_uppercase())
        || matches!(
            s,
            "California"
                | "Texas"
                | "Florida"
                | "Illinois"
                | "Arizona"
                | "Ohio"
                | "Georgia"
                | "Michigan"
                | "Oregon"
                | "Colorado"
                | "Nevada"
                | "Tennessee"
                | "Massachusetts"
                | "Pennsylvania"
                | "Virginia"
                | "Washington"
                | "Minnesota"
                | "Wisconsin"
                | "Missouri"
                | "Indiana"
                | "Maryland"
                | "Louisiana"
                | "Kentucky"
                | "Alabama"
                | "Utah"
                | "Iowa"
                | "Kansas"
                | "Nebraska"
                | "Oklahoma"
                | "Connecticut"
        )
}

/// A year right after a town, as in "Athens 2004": four digits from the first modern games
/// on, and no digit, colon or slash after them (not "Bristol 2004 5678", a time or a date).
fn event_year_after(after: &str) -> bool {
    let Some(a) = after.strip_prefix(' ') else {
        return false;
    };
    let d = a.bytes().take_while(u8::is_ascii_digit).count();
    d == 4
        && a[..4]
            .parse::<u16>()
            .is_ok_and(|y| (1896..=2040).contains(&y))
        && !a[4..].starts_with(|c: char| c.is_ascii_digit() || matches!(c, ':' | '/' | '-'))
}
