//! The response library: short, sourced answers to common health misinformation. A comment
//! the guard labels `misinformation` is matched against the organisation's library and the
//! best template is offered as a suggested reply. A new organisation starts with
//! [`defaults`] and can edit or remove each template; [`validate`] checks what users write.
//! Pure: no I/O.
//!
//! Keywords use the syntax of [`crate::listening`]: matched case- and accent-insensitively on
//! word boundaries, `vaccin*` matches any word starting with "vaccin", and `mask* ~ oxygen`
//! matches both sides within a few words of each other. Most default keywords pair a topic with
//! a claim, so a plain question ("where do I get a flu shot?") matches nothing.

use crate::listening::{words, Pattern};
use serde::{Deserialize, Serialize};

/// Longest suggested reply, counted as Mastodon does (every URL as [`URL_WEIGHT`]): 500 minus
/// room for the "@handle " the reply is addressed to.
pub const REPLY_LIMIT: usize = 480;
/// What a link counts for in Mastodon's character counter, whatever its length.
pub const URL_WEIGHT: usize = 23;
/// A `*` prefix shorter than this would match too much ("a*").
const MIN_PREFIX: usize = 3;
/// Words allowed between the sides of `a ~ b`: a claim and its subject often sit a clause
/// apart ("fluoride in the water is a neurotoxin").
const NEAR: usize = 8;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseTemplate {
    pub topic: String,
    pub keywords: Vec<String>,
    pub body: String,
    /// https URLs of authoritative pages.
    pub sources: Vec<String>,
}

/// A template from `|`-separated keywords.
fn template(topic: &str, keywords: &str, body: &str, sources: &[&str]) -> ResponseTemplate {
    ResponseTemplate {
        topic: topic.to_string(),
        keywords: keywords.split('|').map(str::to_string).collect(),
        body: body.to_string(),
        sources: sources.iter().map(|s| s.to_string()).collect(),
    }
}

const WHO_VACCINES: &str = "https://www.who.int/health-topics/vaccines-and-immunization";
const CHOP_VEC: &str = "https://www.chop.edu/centers-programs/vaccine-education-center";
const MLP_COVID_VACCINES: &str = "https://medlineplus.gov/covid19vaccines.html";
const MLP_COVID: &str = "https://medlineplus.gov/covid19coronavirusdisease2019.html";
const MLP_COVID_ES: &str = "https://medlineplus.gov/spanish/covid19coronavirusdisease2019.html";
const NCI_HPV: &str = "https://www.cancer.gov/about-cancer/causes-prevention/risk/\
                       infectious-agents/hpv-vaccine-fact-sheet";
const FDA_MMS: &str = "https://www.fda.gov/consumers/consumer-updates/\
                       danger-dont-drink-miracle-mineral-solution-or-similar-products";

/// The built-in library a new organisation starts with (it can edit or remove each). Order
/// matters for ties: a more specific template comes before a broader one it overlaps (HPV
/// before infertility, Spanish after its English twin).
pub fn defaults() -> Vec<ResponseTemplate> {
    vec![
        template(
            "Vaccines and autism",
            "vaccin* ~ autis*|vax* ~ autis*|shot* ~ autis*|jab* ~ autis*|mmr ~ autis*|\
             immuniz* ~ autis*|thimerosal|wakefield",
            "We understand wanting to be sure vaccines are safe. Many large studies in millions \
             of children have found no link between vaccines and autism, and the 1998 paper that \
             started this worry was retracted. If you have questions about your family's \
             vaccines, please message us privately or ask your clinician.",
            &[WHO_VACCINES, CHOP_VEC],
        ),
        template(
            "Vacunas y autismo",
            "vacun* ~ autis*|triple viral ~ autis*|timerosal|inmuniza* ~ autis*",
            "Entendemos que quiera estar seguro de que las vacunas son seguras. Muchos estudios \
             grandes, con millones de niños, no han encontrado relación entre las vacunas y el \
             autismo. Si tiene preguntas sobre las vacunas de su familia, escríbanos en privado \
             o consulte a su médico.",
            &[
                "https://medlineplus.gov/spanish/immunization.html",
                WHO_VACCINES,
            ],
        ),
        template(
            "The flu shot gives you the flu",
            "flu shot* ~ flu|flu vaccin* ~ flu|flu jab* ~ flu|flu shot* ~ sick|\
             flu vaccin* ~ sick|flu jab* ~ sick|gave me the flu|gives you the flu|\
             give you the flu|giving people the flu|got the flu from|flu shot* ~ live virus|\
             flu shot* ~ infect*",
            "It's a common worry, but the flu shot can't give you the flu: it contains no live \
             virus that can cause infection. Some people get a sore arm or feel tired for a day \
             or two, which is the body building protection. Questions about whether it's right \
             for you are best answered privately or by your clinician.",
            &[
                "https://medlineplus.gov/flu.html",
                "https://www.who.int/news-room/fact-sheets/detail/influenza-(seasonal)",
            ],
        ),
        template(
            "La vacuna de la gripe da gripe",
            "vacun* ~ me dio gripe|vacun* ~ me dio la gripe|vacun* ~ te da gripe|\
             vacun* ~ da la gripe|vacun* ~ dan la gripe|vacun* ~ te enferma|me dio la gripe|\
             te da la gripe|te pega la gripe|vacuna* de la gripe ~ enferm*|\
             vacuna* contra la gripe ~ enferm*|vacuna* de la influenza ~ enferm*",
            "Es una duda común, pero la vacuna contra la gripe no puede darle gripe: no contiene \
             virus vivo que cause infección. Algunas personas tienen el brazo adolorido o se \
             sienten cansadas un día o dos. Si tiene dudas sobre su caso, escríbanos en privado \
             o consulte a su médico.",
            &["https://medlineplus.gov/spanish/flu.html"],
        ),
        template(
            "mRNA vaccines change your DNA",
            "mrna ~ dna|mrna ~ gene*|mrna ~ genetic*|vaccin* ~ dna|vax* ~ dna|shot* ~ dna|\
             jab* ~ dna|gene therapy|change* your dna|alter* your dna|rewrite* your dna|\
             modif* your dna|turbo cancer",
            "Thanks for raising this, it's a common question. mRNA vaccines never enter the part \
             of the cell where DNA is kept and can't change your genes; the body breaks the mRNA \
             down within days. If you have questions about a vaccine for yourself, please \
             message us privately or ask your clinician.",
            &[
                MLP_COVID_VACCINES,
                "https://www.fda.gov/vaccines-blood-biologics",
            ],
        ),
        template(
            "Las vacunas de ARNm cambian el ADN",
            "arnm|arn mensajero|vacun* ~ adn|arn ~ adn|cambia* tu adn|cambia* el adn|\
             modifica* tu adn|modifica* el adn|terapia genetica",
            "Gracias por preguntar, es una duda común. Las vacunas de ARNm no entran en la parte \
             de la célula donde está el ADN y no pueden cambiar sus genes; el cuerpo elimina el \
             ARNm en pocos días. Si tiene preguntas sobre su caso, escríbanos en privado o \
             consulte a su médico.",
            &[MLP_COVID_ES],
        ),
        template(
            "HPV vaccine dangers",
            "hpv ~ dangerous|hpv ~ unsafe|hpv ~ paraly*|hpv ~ killed|hpv ~ kills|hpv ~ death*|\
             hpv ~ infertil*|hpv ~ promiscu*|hpv ~ early sex|gardasil|vph ~ peligros*|\
             vph ~ infertil*",
            "We hear this concern often. The HPV vaccine has been studied in millions of people \
             and is safe; it prevents infections that cause several cancers, and studies show it \
             doesn't affect fertility or behavior. If you have questions for your family, please \
             message us privately or ask your clinician.",
            &[
                NCI_HPV,
                "https://www.who.int/news-room/fact-sheets/detail/human-papilloma-virus-and-cancer",
            ],
        ),
        template(
            "COVID vaccine and infertility",
            "vaccin* ~ infertil*|vaccin* ~ sterile|vaccin* ~ sterili*|vaccin* ~ fertility|\
             vaccin* ~ miscarr*|vax* ~ infertil*|vax* ~ sterili*|jab* ~ sterili*|\
             shot* ~ sterili*|vax* ~ fertility|shot* ~ infertil*|shot* ~ fertility|\
             jab* ~ infertil*|jab* ~ fertility|vacun* ~ infertil*|vacun* ~ esteril*|\
             vacun* ~ aborto*",
            "We understand this worry, especially for people planning a family. Studies of \
             many thousands of people have found no link between COVID-19 vaccines and \
             infertility or miscarriage. If you're pregnant or planning to be, your clinician \
             can talk through your own questions privately.",
            &[MLP_COVID_VACCINES, WHO_VACCINES],
        ),
        template(
            "Antibiotics cure colds and flu",
            "antibiotic* ~ cold*|antibiotic* ~ flu|antibiotic* ~ virus*|antibiotic* ~ viral|\
             antibiotic* ~ covid|z pack* ~ cold*|zpack* ~ cold*|amoxicillin ~ cold*|\
             antibiotico* ~ gripe|antibiotico* ~ resfriado*|antibiotico* ~ virus|\
             antibiotico* ~ catarro*",
            "Good question to raise! Antibiotics work against bacteria, not viruses, so they \
             don't help colds, flu or COVID-19, and taking them when they aren't needed can cause \
             side effects and resistance. If you're unsure what you need, please check with your \
             clinician.",
            &[
                "https://medlineplus.gov/antibiotics.html",
                "https://www.who.int/news-room/fact-sheets/detail/antimicrobial-resistance",
            ],
        ),
        template(
            "Ivermectin, bleach and other COVID cures",
            "ivermectin*|hydroxychloroquine|horse paste|horse dewormer|bleach ~ covid|\
             bleach ~ cure*|bleach ~ drink*|chlorine dioxide|miracle mineral*|mms ~ cure*|\
             dioxido de cloro|cloro ~ covid|cloro ~ cura*|lejia ~ cura*",
            "We know people want something that works. Large studies found ivermectin doesn't \
             treat or prevent COVID-19, and drinking bleach or chlorine dioxide (\"MMS\") is \
             dangerous poisoning. Proven treatments exist; please talk with your clinician, and \
             in an emergency call Poison Control or 911.",
            &[MLP_COVID, FDA_MMS],
        ),
        template(
            "Fluoride is poison",
            "fluorid* ~ poison*|fluorid* ~ toxic*|fluorid* ~ neurotoxi*|fluorid* ~ iq|\
             fluorid* ~ brain|fluorid* ~ mind control|fluorid* ~ calcif*|pineal|\
             fluorid* ~ mass medication|fluor ~ veneno|fluoruro ~ veneno|fluor ~ toxico|\
             fluoruro ~ toxico",
            "Thanks for asking about this. At the low levels used in community water and \
             toothpaste, fluoride is safe and helps prevent tooth decay for kids and adults. \
             Very high levels are a different matter, which is why amounts are regulated. Your \
             dentist or clinician is happy to answer questions.",
            &[
                "https://www.cdc.gov/fluoridation/",
                "https://www.who.int/news-room/fact-sheets/detail/oral-health",
            ],
        ),
        template(
            "Vitamin C and other alternative cancer cures",
            "vitamin c ~ cancer|vitamin c ~ cure*|megados*|high dose vitamin*|\
             baking soda ~ cancer|apricot seed*|apricot kernel*|laetrile|b17|cure* cancer|\
             cancer cure*|cure for cancer|sugar feeds cancer|alkaline ~ cancer|chemo ~ poison*|\
             chemo ~ kills|vitamina c ~ cancer|bicarbonato ~ cancer|cura* el cancer|\
             cura del cancer",
            "We understand the hope behind this. No vitamin dose, diet or supplement has been \
             shown to cure cancer, and some can interfere with treatment. If you're considering \
             one, please talk it over with your cancer care team; they can help you weigh it \
             safely.",
            &[
                "https://www.cancer.gov/about-cancer/treatment/cam",
                "https://www.cancer.gov/about-cancer/treatment/cam/patient/vitamin-c-pdq",
            ],
        ),
        template(
            "Measles is harmless / natural immunity is better",
            "measles ~ harmless|measles ~ mild|measles ~ no big deal|measles ~ not dangerous|\
             measles ~ not serious|measles part*|chickenpox part*|pox part*|natural immunity|\
             natural infection ~ better|vitamin a ~ measles|measles ~ vitamin a",
            "We hear this sometimes. Measles can be serious: it can cause pneumonia, brain \
             swelling and death, and it weakens immunity to other infections for years. \
             Getting the disease to gain immunity is far riskier than the vaccine. Questions \
             about your family's shots are welcome privately or with your clinician.",
            &[
                "https://www.who.int/news-room/fact-sheets/detail/measles",
                "https://medlineplus.gov/measles.html",
            ],
        ),
        template(
            "El sarampión es inofensivo",
            "sarampion ~ inofensiv*|sarampion ~ leve|sarampion ~ no es peligros*|\
             sarampion ~ no es grave|inmunidad natural|fiesta* de sarampion|fiesta* de varicela",
            "Entendemos la duda. El sarampión puede ser grave: puede causar neumonía, \
             inflamación del cerebro y la muerte. Enfermarse para tener defensas es mucho más \
             riesgoso que vacunarse. Si tiene preguntas sobre las vacunas de su familia, \
             escríbanos en privado o consulte a su médico.",
            &["https://medlineplus.gov/spanish/measles.html"],
        ),
        template(
            "Masks cause oxygen deprivation",
            "mask* ~ oxygen|mask* ~ co2|mask* ~ carbon dioxide|mask* ~ hypoxi*|\
             mask* ~ suffocat*|mask* ~ cant breathe|mascarilla* ~ oxigeno|cubrebocas ~ oxigeno|\
             tapabocas ~ oxigeno|mascarilla* ~ co2|cubrebocas ~ co2|cubrebocas ~ asfixi*|\
             mascarilla* ~ asfixi*",
            "Fair question. Oxygen and carbon dioxide molecules pass easily through cloth and \
             surgical masks; studies, including in people with lung disease, found no harmful \
             drop in oxygen. Surgeons wear them for hours every day. If breathing is hard for \
             you, your clinician can help you find what works.",
            &[
                "https://www.cdc.gov/respiratory-viruses/prevention/masks.html",
                MLP_COVID,
            ],
        ),
        template(
            "Sunscreen causes cancer",
            "sunscreen* ~ cancer|sunscreen* ~ toxic|sunscreen* ~ poison*|sunblock* ~ cancer|\
             sunblock* ~ toxic|sun screen ~ cancer|oxybenzone|sunscreen* ~ vitamin d|\
             protector solar ~ cancer|bloqueador ~ cancer",
            "We get why ingredient lists raise questions. There's no evidence that sunscreen \
             causes cancer, while too much sun is the main cause of skin cancer, including \
             melanoma. Shade, clothing and broad-spectrum sunscreen all help. Your clinician \
             can answer questions about your skin.",
            &[
                "https://www.who.int/news-room/fact-sheets/detail/ultraviolet-radiation",
                "https://medlineplus.gov/sunexposure.html",
            ],
        ),
        template(
            "Too many vaccines / vaccine ingredients are toxic",
            "too many vaccin*|too many shots|overload* ~ immune|overwhelm* ~ immune|\
             vaccin* ~ toxin*|vaccin* ~ aluminum|vaccin* ~ mercury|vaccin* ~ formaldehyde|\
             vaccin* ~ poison*|vax* ~ poison*|vaccin* ~ microchip*|microchip*|\
             demasiadas vacunas|vacun* ~ toxic*|vacun* ~ veneno|vacun* ~ mercurio|\
             vacun* ~ aluminio",
            "It's natural to wonder what's in a vaccine. Ingredients are used in tiny, carefully \
             tested amounts, far less than what children meet every day in food and air, and a \
             child's immune system handles the schedule easily. We're glad to answer questions \
             privately, or ask your clinician.",
            &[CHOP_VEC, "https://medlineplus.gov/immunization.html"],
        ),
    ]
}

/// A library compiled for matching: each template's keyword patterns parsed once, each with
/// its folded form (so "Autism" and "autism" count once). Built when the library is read,
/// not for every comment.
pub struct Matcher {
    entries: Vec<(ResponseTemplate, Vec<(Pattern, String)>)>,
}

impl Matcher {
    pub fn new(library: Vec<ResponseTemplate>) -> Matcher {
        let entries = library
            .into_iter()
            .map(|t| {
                let patterns = t
                    .keywords
                    .iter()
                    .filter_map(|kw| Some((Pattern::parse_near(kw, NEAR)?, folded(kw))))
                    .collect();
                (t, patterns)
            })
            .collect();
        Matcher { entries }
    }

    /// The template whose keywords best match the text (most distinct keyword hits, ties →
    /// first), or `None` when no keyword matches.
    pub fn best_match(&self, text: &str) -> Option<&ResponseTemplate> {
        let ws = words(text);
        let mut best: Option<(&ResponseTemplate, usize)> = None;
        for (t, patterns) in &self.entries {
            let mut seen: Vec<&str> = Vec::new();
            for (p, norm) in patterns {
                if !seen.contains(&norm.as_str()) && p.found_in(&ws) {
                    seen.push(norm);
                }
            }
            let n = seen.len();
            if n > 0 && best.is_none_or(|(_, b)| n > b) {
                best = Some((t, n));
            }
        }
        best.map(|(t, _)| t)
    }
}

/// A keyword's folded form: "Vaccin* ~ Autism" and "vaccin* ~ autism" are one keyword.
fn folded(kw: &str) -> String {
    kw.split_whitespace()
        .flat_map(|w| {
            let star = if w.ends_with('*') { "*" } else { "" };
            words(w).into_iter().map(move |x| x + star)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`Matcher::best_match`] over a library compiled for this one call.
pub fn best_match(library: &[ResponseTemplate], text: &str) -> Option<ResponseTemplate> {
    Matcher::new(library.to_vec()).best_match(text).cloned()
}

/// The suggested reply: the body, then "Sources: url1 url2" when there are sources.
pub fn suggested_reply(t: &ResponseTemplate) -> String {
    let body = t.body.trim();
    if t.sources.is_empty() {
        return body.to_string();
    }
    format!("{body}\n\nSources: {}", t.sources.join(" "))
}

/// The length Mastodon counts for `text`: characters, with every http(s) link as
/// [`URL_WEIGHT`].
pub fn reply_length(text: &str) -> usize {
    let mut n = 0;
    let mut rest = text;
    while let Some(at) = rest.find("http") {
        let (before, from) = rest.split_at(at);
        n += before.chars().count();
        let is_url = from.starts_with("https://") || from.starts_with("http://");
        if is_url {
            let end = from.find(char::is_whitespace).unwrap_or(from.len());
            n += URL_WEIGHT;
            rest = &from[end..];
        } else {
            n += 4;
            rest = &from[4..];
        }
    }
    n + rest.chars().count()
}

fn https_url(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !s.chars().any(char::is_whitespace)
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':')
}

/// Checks a template a user wrote: a topic and a body, at least one usable keyword, every
/// source an https URL, and a suggested reply within [`REPLY_LIMIT`]. `Err` says what to fix.
pub fn validate(t: &ResponseTemplate) -> Result<(), String> {
    if t.topic.trim().is_empty() {
        return Err("Give the response a topic, e.g. \"Vaccines and autism\".".into());
    }
    if t.body.trim().is_empty() {
        return Err("Write the response text (the body) people will see.".into());
    }
    if t.keywords.iter().all(|k| k.trim().is_empty()) {
        return Err(
            "Add at least one keyword so the response can be suggested, e.g. \"vaccin* ~ autis*\"."
                .into(),
        );
    }
    for kw in t.keywords.iter().filter(|k| !k.trim().is_empty()) {
        if Pattern::parse_near(kw, NEAR).is_none() {
            return Err(format!(
                "Keyword \"{kw}\" has no letters or digits to match; write words, \
                 e.g. \"flu shot\"."
            ));
        }
        let short_prefix = kw
            .split(|c: char| c.is_whitespace() || c == '~')
            .filter_map(|w| w.strip_suffix('*'))
            .any(|p| {
                words(p)
                    .last()
                    .is_none_or(|w| w.chars().count() < MIN_PREFIX)
            });
        if short_prefix {
            return Err(format!(
                "Keyword \"{kw}\": put at least {MIN_PREFIX} letters before a *, or it matches \
                 almost every comment."
            ));
        }
    }
    if let Some(bad) = t.sources.iter().find(|s| !https_url(s.trim())) {
        return Err(format!(
            "Source \"{bad}\" is not a web address starting with https:// (e.g. \
             https://medlineplus.gov/flu.html)."
        ));
    }
    let len = reply_length(&suggested_reply(t));
    if len > REPLY_LIMIT {
        return Err(format!(
            "The reply is {len} characters with its sources (each link counts {URL_WEIGHT}); \
             shorten it by {} to fit the {REPLY_LIMIT}-character limit.",
            len - REPLY_LIMIT
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic_of(text: &str) -> Option<String> {
        best_match(&defaults(), text).map(|t| t.topic.clone())
    }

    #[track_caller]
    fn assert_topic(text: &str, topic: &str) {
        assert_eq!(topic_of(text).as_deref(), Some(topic), "{text:?}");
    }

    #[test]
    fn every_default_validates_and_fits_mastodon() {
        let lib = defaults();
        assert!(lib.len() >= 12);
        let spanish = lib.iter().filter(|t| t.body.contains("médico")).count();
        assert!(spanish >= 3, "{spanish} Spanish templates");
        for t in &lib {
            assert_eq!(validate(t), Ok(()), "{}", t.topic);
            let reply = suggested_reply(t);
            assert!(
                reply_length(&reply) <= REPLY_LIMIT,
                "{}: {}",
                t.topic,
                reply_length(&reply)
            );
            assert!(reply.contains("\n\nSources: https://"), "{}", t.topic);
            assert!(!t.sources.is_empty(), "{}", t.topic);
            // Authoritative hosts only.
            for s in &t.sources {
                let host = s.trim_start_matches("https://").split('/').next().unwrap();
                assert!(
                    [".gov", "who.int", "chop.edu"]
                        .iter()
                        .any(|h| host.ends_with(h)),
                    "{s}"
                );
            }
            // Respectful and not personal advice: each invites a private talk or a clinician.
            let lower = t.body.to_lowercase();
            assert!(
                ["clinician", "médico", "privately", "dentist", "care team"]
                    .iter()
                    .any(|w| lower.contains(w)),
                "{}",
                t.topic
            );
            for rude in [
                "stupid",
                "idiot",
                "ignorant",
                "conspiracy",
                "you should take",
            ] {
                assert!(!lower.contains(rude), "{}: {rude}", t.topic);
            }
        }
        let topics: std::collections::HashSet<_> = lib.iter().map(|t| &t.topic).collect();
        assert_eq!(topics.len(), lib.len(), "duplicate topics");
    }

    #[test]
    fn matches_varied_english_phrasings() {
        assert_topic(
            "Vaccines cause autism, everyone knows it",
            "Vaccines and autism",
        );
        assert_topic(
            "my nephew became AUTISTIC right after his shots",
            "Vaccines and autism",
        );
        assert_topic("the MMR = autism. look it up", "Vaccines and autism");
        assert_topic(
            "Never getting the flu shot again, it gave me the flu",
            "The flu shot gives you the flu",
        );
        assert_topic(
            "flu vaccine literally makes u sick lol",
            "The flu shot gives you the flu",
        );
        assert_topic(
            "mRNA rewrites your DNA, wake up",
            "mRNA vaccines change your DNA",
        );
        assert_topic(
            "the jab is gene therapy that alters your DNA",
            "mRNA vaccines change your DNA",
        );
        assert_topic(
            "covid vaccine makes women infertile",
            "COVID vaccine and infertility",
        );
        assert_topic(
            "the vax is sterilizing a whole generation",
            "COVID vaccine and infertility",
        );
        assert_topic(
            "Gardasil is dangerous, it paralyzed girls",
            "HPV vaccine dangers",
        );
        assert_topic("HPV vaccine causes infertility", "HPV vaccine dangers");
        assert_topic(
            "just take antibiotics for the cold, works every time",
            "Antibiotics cure colds and flu",
        );
        assert_topic(
            "Ivermectin cures covid and they hid it",
            "Ivermectin, bleach and other COVID cures",
        );
        assert_topic(
            "drinking a little bleach kills the virus",
            "Ivermectin, bleach and other COVID cures",
        );
        assert_topic(
            "fluoride in the water is a neurotoxin that lowers IQ",
            "Fluoride is poison",
        );
        assert_topic(
            "high dose vitamin C cures cancer, doctors won't tell you",
            "Vitamin C and other alternative cancer cures",
        );
        assert_topic(
            "sugar feeds cancer so cut it all out",
            "Vitamin C and other alternative cancer cures",
        );
        assert_topic(
            "measles is harmless, we all had it as kids",
            "Measles is harmless / natural immunity is better",
        );
        assert_topic(
            "natural immunity beats any vaccine",
            "Measles is harmless / natural immunity is better",
        );
        assert_topic(
            "masks cut your oxygen and raise CO2",
            "Masks cause oxygen deprivation",
        );
        assert_topic(
            "sunscreen is toxic and causes cancer",
            "Sunscreen causes cancer",
        );
        assert_topic(
            "too many vaccines overload a baby's immune system",
            "Too many vaccines / vaccine ingredients are toxic",
        );
        assert_topic(
            "vaccines are full of mercury and aluminum",
            "Too many vaccines / vaccine ingredients are toxic",
        );
    }

    #[test]
    fn matches_spanish() {
        assert_topic("Las vacunas causan autismo!!", "Vacunas y autismo");
        assert_topic(
            "la triple viral le dio autismo a mi sobrino",
            "Vacunas y autismo",
        );
        assert_topic(
            "la vacuna de la gripe te da la gripe, no se la pongan",
            "La vacuna de la gripe da gripe",
        );
        assert_topic(
            "las vacunas de ARNm modifican tu ADN",
            "Las vacunas de ARNm cambian el ADN",
        );
        assert_topic(
            "el sarampión es leve, no pasa nada",
            "El sarampión es inofensivo",
        );
        assert_topic("la vacuna te deja estéril", "COVID vaccine and infertility");
        assert_topic(
            "el dióxido de cloro cura el covid",
            "Ivermectin, bleach and other COVID cures",
        );
        assert_topic(
            "el cubrebocas te quita el oxígeno",
            "Masks cause oxygen deprivation",
        );
    }

    #[test]
    fn ordinary_comments_match_nothing() {
        for text in [
            "Thank you for the amazing care, parking was easy",
            "Where can I get a flu shot this weekend?",
            "Is the COVID vaccine available for kids yet?",
            "Our autism support group meets on Tuesdays",
            "¿Dónde me puedo vacunar contra la gripe?",
            "My mom finished chemo today, thank you nurses!",
            "",
        ] {
            assert_eq!(topic_of(text), None, "{text:?}");
        }
    }

    #[test]
    fn most_hits_wins_and_ties_go_first() {
        let a = template("A", "alpha", "body a", &[]);
        let b = template("B", "alpha|beta", "body b", &[]);
        let c = template("C", "Alpha|ALPHA|álpha", "body c", &[]);
        let lib = vec![a, b, c];
        assert_eq!(best_match(&lib, "alpha beta").unwrap().topic, "B");
        // Case and accent variants of one keyword count once: C ties with A, A is first.
        assert_eq!(best_match(&lib, "ALPHA only").unwrap().topic, "A");
        assert!(best_match(&lib, "alphabet").is_none(), "word boundaries");
        assert!(best_match(&[], "alpha").is_none());
    }

    #[test]
    fn reply_format_and_length() {
        let t = template(
            "T",
            "x ray",
            "  Body text.  ",
            &["https://a.gov/x", "https://b.gov/y"],
        );
        assert_eq!(
            suggested_reply(&t),
            "Body text.\n\nSources: https://a.gov/x https://b.gov/y"
        );
        let no_src = template("T", "x ray", "Body.", &[]);
        assert_eq!(suggested_reply(&no_src), "Body.");
        // Each URL counts 23 however long it is.
        let long = format!("https://example.gov/{}", "a".repeat(200));
        assert_eq!(reply_length(&format!("ab {long} c")), 3 + URL_WEIGHT + 2);
        assert_eq!(reply_length("httpx é"), 7);
    }

    #[test]
    fn validate_explains_what_to_fix() {
        let good = template(
            "Topic",
            "flu shot ~ sick",
            "A kind reply.",
            &["https://medlineplus.gov/flu.html"],
        );
        assert_eq!(validate(&good), Ok(()));
        let mut t = good.clone();
        t.topic = "  ".into();
        assert!(validate(&t).unwrap_err().contains("topic"));
        let mut t = good.clone();
        t.body = String::new();
        assert!(validate(&t).unwrap_err().contains("body"));
        let mut t = good.clone();
        t.keywords = vec![" ".into()];
        assert!(validate(&t).unwrap_err().contains("keyword"));
        let mut t = good.clone();
        t.keywords = vec!["!!!".into()];
        assert!(validate(&t).unwrap_err().contains("!!!"));
        let mut t = good.clone();
        t.keywords = vec!["a*".into()];
        assert!(validate(&t).unwrap_err().contains("letters before a *"));
        for bad in [
            "http://medlineplus.gov/flu.html",
            "medlineplus.gov",
            "https://",
            "https://exa mple.gov",
            "https://localhost/x",
        ] {
            let mut t = good.clone();
            t.sources = vec![bad.into()];
            let err = validate(&t).unwrap_err();
            assert!(err.contains("https://"), "{bad}: {err}");
        }
        let mut t = good.clone();
        t.body = "word ".repeat(100);
        let err = validate(&t).unwrap_err();
        assert!(err.contains("shorten it by"), "{err}");
    }

    #[test]
    fn templates_round_trip_as_json() {
        let lib = defaults();
        let json = serde_json::to_string(&lib).unwrap();
        let back: Vec<ResponseTemplate> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, lib);
    }
}
