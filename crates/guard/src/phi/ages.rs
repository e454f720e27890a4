//! Ages over 89 ("a 92-year-old", "turned 101", "tiene 95 años", "in her nineties").
//! "adults over 65" or "100 years of care" are not ages of a person.

use super::context::Context;
use super::names;
use super::text::{head, tail, Tokens};
use super::{is_word_byte, Cand};
use crate::{Kind, Whose};
use regex::Regex;
use std::sync::OnceLock;

const WORDS: &str = r"(?:ninety(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|(?:one|a)\s+hundred(?:\s+and\s+\w+)?|noventa(?:\s+y\s+\w+)?|ciento\s+\w+(?:\s+y\s+\w+)?|cien)";

fn res() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let num = format!(r"(?P<n>\d{{2,3}}|{WORDS})");
        let p = [
            format!(r"{num}\s*(?:-|\s)?\s*(?:years?|yrs?|yr)\.?\s*-?\s*olds?"),
            r"(?P<n2>\d{2,3})\s*-?\s*y/?o(?-u:\b)".to_string(),
            r"(?:aged?|age\s+of|edad(?:\s+de)?)\s*:?\s*(?P<n3>\d{2,3})".to_string(),
            r"(?:died|passed\s+away|passed|muri[oó]|falleci[oó])(?:\s+\w+){0,3}?\s+(?:at|a\s+los)\s+(?:age\s+|the\s+age\s+of\s+)?(?P<n12>\d{2,3})".to_string(),
            format!(r"(?:cumpli[oó]|cumple|celebra|celebr[oó]|cumplir[aá]?|tiene|ten[ií]a|turned|turning|turns|turn)\s+(?:hoy\s+|ayer\s+|today\s+|este\s+\w+\s+)?(?P<n4>\d{{2,3}}|{WORDS})\s*(?:a(?:ñ|n|ni)(?:it)?os)?"),
            format!(r"(?:de|a\s+los|con|sus|su|mis|los)\s+(?P<n11>\d{{2,3}}|{WORDS})\s+a(?:ñ|n|ni)(?:it)?os"),
            format!(r"(?:just\s+turned|turned|turning|turns|celebrates|celebrated|celebrating|cumpli[oó])\s+(?P<n5>\d{{2,3}}|{WORDS})(?-u:\b)"),
            r"(?:happy|feliz)\s+(?P<n13>\d{2,3})(?:st|nd|rd|th)".to_string(),
            format!(r"(?P<n6>\d{{2,3}})(?:st|nd|rd|th)?\s+(?:birthday|birthdy|bday|b-day|cumple)|(?:feliz|sus|su)\s+(?P<n7>\d{{2,3}}|{WORDS})\s+(?:cumpleaños|cumpleanos)"),
            format!(r"(?P<n8>\d{{2,3}}|{WORDS})\s+a(?:ñ|n)os\s+de\s+edad"),
            r"in\s+(?:his|her|my)\s+(?P<dec>90s|nineties|100s|noventas?)".to_string(),
            r"(?:super)?(?:centenarian|nonagenarian|centenaria|centenario|nonagenaria|nonagenario)s?".to_string(),
            format!(r"(?:is|was|he's|she's|is\s+now|es|tiene)\s+(?P<n9>\d{{2,3}}|{WORDS})(?:\s+years)?\s*(?:[.!,;)]|$|\s+(?:and|y|today|hoy)(?-u:\b))"),
            // "101 years young", "Mabel, 99 today": idioms of a birthday post.
            format!(r"(?P<n14>\d{{2,3}}|{WORDS})\s+(?:years?|yrs?)\s+(?:young|strong)"),
            format!(r"(?P<n15>\d{{2,3}}|{WORDS}),?\s+(?:today|this\s+week|hoy|esta\s+semana)(?-u:\b)"),
            // "95 and still driving herself", "92 y sigue bailando": an age told as a feat.
            format!(r"(?P<n16>\d{{2,3}}|{WORDS})\s+(?:and|y)\s+(?:still|sigue|going\s+strong)(?-u:\b)"),

        ];
        Regex::new(&format!("(?i){}", p.join("|"))).expect("age regex")
    })
}

/// Ages reached and ages opening a sentence, kept out of the main regex (their short
/// literals, "at" above all, would make it try every position) and run only when the post
/// holds their words.
fn reached() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let p = [
            // "At 93, Millie still drives in", "At 97 he was the life of the ward".
            r"(?-u:\b)at\s+(?P<n17>\d{2,3})(?:,\s+(?-i:[A-Z])|\s+(?:he|she|his|her)(?-u:\b))".to_string(),
            // "so glad she made it to 94", "lived to 101", "llegó a los 95".
            format!(r"(?:made\s+it\s+to|lived\s+to|reached|lleg[oó]\s+a\s+los)\s+(?P<n18>\d{{2,3}}|{WORDS})(?-u:\b)"),
            // "to celebrate her 100th with her", "his 95th!": a birthday told by its number
            // ("his 100th pint" is a count, so a noun may not follow). "see you at your 90th!"
            r"(?-u:\b)(?:her|his|their|your|ur)\s+(?P<n19>\d{2,3})(?:st|nd|rd|th)(?:\s*(?:[!.,;:)]|$)|\s+(?:with|on|today|yesterday|party|bash|celebrations?|in|at)(?-u:\b))".to_string(),
        ];
        Regex::new(&format!("(?i){}", p.join("|"))).expect("reached-age regex")
    })
}

/// The post holds "at" before a number, or a word of reaching an age (read from the tokens,
/// so no lower-case copy of the post is made).
fn may_have_reached(toks: &Tokens) -> bool {
    let b = toks.text.as_bytes();
    b.windows(4).any(|w| {
        w[0].eq_ignore_ascii_case(&b'a')
            && w[1].eq_ignore_ascii_case(&b't')
            && w[2] == b' '
            && w[3].is_ascii_digit()
    }) || (0..toks.toks.len()).any(|i| {
        matches!(toks.folded(i), "made" | "lived" | "reached" | "llego")
            || (matches!(toks.folded(i), "her" | "his" | "their" | "your" | "ur")
                && toks.toks.get(i + 1).is_some_and(|t| t.numeric))
    })
}

fn value(n: &str) -> Option<u32> {
    if let Ok(v) = n.parse::<u32>() {
        return Some(v);
    }
    let n = n.to_ascii_lowercase();
    if n.starts_with("ninety") || n.starts_with("noventa") {
        Some(90)
    } else if n.contains("hundred") || n.starts_with("cien") {
        Some(100)
    } else {
        None
    }
}

pub(crate) fn find(
    toks: &Tokens,
    ctx: &Context,
    org: &super::ownership::OrgIndex,
    has_digit: bool,
    out: &mut Vec<Cand>,
) {
    let text = toks.text;
    if has_digit {
        after_names(text, out);
    }
    let lower_hint = has_digit || {
        let l = text.as_bytes();
        l.windows(5).any(|w| {
            w.eq_ignore_ascii_case(b"ninet")
                || w.eq_ignore_ascii_case(b"hundr")
                || w.eq_ignore_ascii_case(b"noven")
                || w.eq_ignore_ascii_case(b"cente")
                || w.eq_ignore_ascii_case(b"nonag")
                || w.eq_ignore_ascii_case(b"cient")
        }) || l.windows(4).any(|w| w.eq_ignore_ascii_case(b"cien"))
    };
    if !lower_hint {
        return;
    }
    let b = text.as_bytes();
    let extra = (has_digit && may_have_reached(toks)).then(|| reached().captures_iter(text));
    for c in res().captures_iter(text).chain(extra.into_iter().flatten()) {
        let m = c.get(0).expect("match");
        let (s, e) = (m.start(), m.end());
        // "At 93, Millie": the match ends inside the name that follows the age.
        let at_age = c.name("n17").or(c.name("n19"));
        if (s > 0 && is_word_byte(b[s - 1]))
            || (at_age.is_none()
                && e < b.len()
                && is_word_byte(b[e])
                && b[e - 1].is_ascii_alphanumeric())
        {
            continue;
        }
        // "tiene 100.4°F", "is 102°": a temperature, not an age.
        let rest = &text[e..];
        if rest.starts_with('°')
            || (rest.starts_with(['.', ',']) && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
        {
            continue;
        }
        // "Nonagenarians need special care", "los centenarios": the plural names a group.
        let lower_m = m.as_str().to_ascii_lowercase();
        if (lower_m.contains("arian") || lower_m.contains("nari")) && lower_m.ends_with('s') {
            continue;
        }
        let word_age = c.name("dec").is_some()
            || m.as_str().to_ascii_lowercase().contains("arian")
            || m.as_str().to_ascii_lowercase().contains("nari");
        let n = [
            "n", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n11", "n12", "n13", "n14", "n15",
            "n16", "n17", "n18", "n19",
        ]
        .iter()
        .find_map(|g| c.name(g))
        .and_then(|g| value(g.as_str()));
        let ok = word_age || n.is_some_and(|v| (90..=125).contains(&v));
        if !ok {
            continue;
        }
        // "turned 100 patients away" / "celebrates 100 years of care": not an age.
        // Only the words right after are read: a copy of the whole rest per match would make
        // a long line quadratic.
        let after = head(text[e..].trim_start(), 16).to_ascii_lowercase();
        if (c.name("n5").is_some() || c.name("n18").is_some())
            && (after.starts_with("years of")
                || after.starts_with("patients")
                || after.starts_with("people")
                || after.starts_with("%")
                || after.starts_with("percent"))
        {
            continue;
        }
        // "adults aged 90 and older", "95 and over": a group of people, not one person.
        if group_after(&text[e..]) {
            continue;
        }
        // "¿Su abuelita tiene más de 90 años?", "over 90": the 90-or-older category itself,
        // which Safe Harbor allows.
        if n.is_some_and(|v| v <= 90) && bound_before(&text[..s], m.as_str()) {
            continue;
        }
        // "Happy 100th birthday to Riverside Community Hospital": an institution's age.
        if (c.name("n13").is_some() || c.name("n6").is_some()) && institution_after(&text[e..]) {
            continue;
        }
        // "Riverside turns 95", "la Clínica San Rafael cumple 25 años": the organisation's age.
        if ctx.org_subject_before(toks, s, org) {
            continue;
        }
        // "Grange turns 90 🎉", "our church turns 100": a body's age, said of the body alone
        // ("Edith Grange turns 100" is a woman's).
        if institution_turns(&text[..s], m.as_str()) {
            continue;
        }
        // "Our hospital turns 100", "the fee is 100": these need a person in the sentence.
        let weak = c.name("n5").is_some()
            || c.name("n6").is_some()
            || c.name("n9").is_some()
            || c.name("n11").is_some()
            || c.name("n14").is_some()
            || c.name("n15").is_some()
            || c.name("n16").is_some()
            || c.name("n18").is_some();
        if weak
            && !(ctx.at(toks, s).person || ctx.at(toks, s).life_event || oldest_before(&text[..s]))
        {
            continue;
        }
        // "died Monday at 91", "At 93, Millie": the age alone is the identifier.
        if let Some(g) = c.name("n12").or(at_age) {
            out.push(Cand {
                kind: Kind::AgeOver89,
                start: g.start(),
                end: g.end(),
                whose: ctx.whose_at(toks, s),
                reason: if c.name("n19").is_some() {
                    "a person's 90th-or-later birthday".into()
                } else if at_age.is_some() {
                    "age over 89 opening a sentence about a person".into()
                } else {
                    "age over 89 at death".into()
                },
                prio: 6,
            });
            continue;
        }
        let trimmed = m
            .as_str()
            .trim_end_matches(|ch: char| !ch.is_alphanumeric());
        out.push(Cand {
            kind: Kind::AgeOver89,
            start: s,
            end: s + trimmed.len(),
            whose: ctx.whose_at(toks, s),
            reason: "age over 89".into(),
            prio: 6,
        });
    }
}

/// "Our oldest finisher … was 94": the eldest of a group of people is one person ("our
/// oldest building" is not).
fn oldest_before(before: &str) -> bool {
    const PEOPLE: &[&str] = &[
        "finisher",
        "runner",
        "walker",
        "racer",
        "swimmer",
        "rider",
        "participant",
        "competitor",
        "player",
        "volunteer",
        "patient",
        "resident",
        "member",
        "guest",
        "attendee",
        "graduate",
        "grad",
        "donor",
        "fan",
        "dancer",
        "student",
        "voter",
        "mom",
        "dad",
        "grandma",
        "grandpa",
    ];
    let t = tail(before, 80).to_lowercase();
    let sentence = t.rsplit(['.', '!', '?', '\n']).next().unwrap_or("");
    let mut words = sentence.split(|c: char| !c.is_alphanumeric());
    while let Some(w) = words.next() {
        if matches!(w, "oldest" | "eldest") {
            let next = words.find(|w| !w.is_empty()).unwrap_or("");
            if PEOPLE.contains(&next) {
                return true;
            }
        }
    }
    sentence.contains("más longev") || sentence.contains("mas longev")
}

/// "más de 90 años", "more than 90", "over 90": a lower bound, not an exact age. The match may
/// start at "de" ("de 90 años").
fn bound_before(before: &str, matched: &str) -> bool {
    let b = tail(before, 16).to_lowercase();
    let b = b.trim_end();
    let m = matched.to_ascii_lowercase();
    if m.starts_with("de ") {
        b.ends_with("más") || b.ends_with("mas")
    } else {
        ["más de", "mas de", "more than", "over", "upwards of"]
            .iter()
            .any(|p| b.ends_with(p))
    }
}

fn group_after(after: &str) -> bool {
    let a = head(after.trim_start(), 16).to_ascii_lowercase();
    [
        "and older",
        "and over",
        "or older",
        "or over",
        "and up",
        "+",
        "y más",
        "o más",
        "y mas",
        "o mas",
    ]
    .iter()
    .any(|g| a.starts_with(g))
}

/// "birthday to Riverside Community Hospital", "anniversary of the clinic".
fn institution_after(after: &str) -> bool {
    let a = head(after.trim_start(), 120).to_ascii_lowercase();
    if a.starts_with("anniversary") || a.starts_with("aniversario") {
        return true;
    }
    let a = a
        .strip_prefix("birthday")
        .map_or(a.as_str(), str::trim_start);
    let Some(rest) = a.strip_prefix("to ") else {
        return false;
    };
    // "Happy 90th birthday to us! 🎂 Maple Grove … opened in 1935": the writer's own body.
    if rest.starts_with("us") && !rest[2..].starts_with(|c: char| c.is_alphanumeric()) {
        return true;
    }
    let words: Vec<&str> = rest
        .split(['.', '!', '?', ',', ';'])
        .next()
        .unwrap_or("")
        .split_whitespace()
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    // "happy 102nd to our fave unit resident": a person of the institution.
    words.iter().any(|w| names::INSTITUTIONS.contains(w))
        && !words.iter().any(|w| super::context::PERSON.contains(w))
}

/// "Nguyễn Văn Hùng, 94, came in", "Mr. Harold Jenkins (92)": an age right after a name.
fn after_names(text: &str, out: &mut Vec<Cand>) {
    let b = text.as_bytes();
    let ends: Vec<usize> = out
        .iter()
        .filter(|c| c.kind == Kind::PersonName)
        .map(|c| c.end)
        .collect();
    for e in ends {
        let mut k = e;
        if text[k..].starts_with("'s") {
            k += 2;
        }
        let rest = &text[k..];
        let Some(open) = rest.find(|c: char| !c.is_whitespace()) else {
            continue;
        };
        if !matches!(b[k + open], b',' | b'(') {
            continue;
        }
        let s = k + open + 1;
        let s = s + text[s..].len() - text[s..].trim_start().len();
        let d = b[s..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !(2..=3).contains(&d) {
            continue;
        }
        let after = text[s + d..].trim_start();
        let unit = ["años", "anos", "years", "yrs", "y/o", "yo"]
            .iter()
            .any(|u| after.starts_with(u));
        if !after.starts_with([',', ')']) && !after.is_empty() && !unit {
            continue;
        }
        if text[s..s + d]
            .parse::<u32>()
            .is_ok_and(|v| (90..=125).contains(&v))
        {
            out.push(Cand {
                kind: Kind::AgeOver89,
                start: s,
                end: s + d,
                whose: Whose::Patient,
                reason: "age over 89 written after a name".into(),
                prio: 6,
            });
        }
    }
}

/// `before` ends in a community body, alone or after "the"/"our", and the match says it
/// turns or celebrates an age.
fn institution_turns(before: &str, matched: &str) -> bool {
    const BODIES: &[&str] = &[
        "grange",
        "church",
        "parish",
        "lodge",
        "library",
        "chapter",
        "guild",
        "auxiliary",
        "foundation",
        "society",
        "hospital",
        "clinic",
        "school",
    ];
    let m = matched.to_ascii_lowercase();
    if !["turn", "celebrat"].iter().any(|v| m.starts_with(v)) {
        return false;
    }
    let mut words = before.trim_end().rsplit(' ');
    let Some(body) = words.next() else {
        return false;
    };
    if !BODIES.contains(&body.to_ascii_lowercase().as_str()) {
        return false;
    }
    match words.next() {
        None => true,
        Some(w) => {
            matches!(w.to_ascii_lowercase().as_str(), "the" | "our" | "your")
                || w.ends_with(['.', '!', '?', '\n'])
                || w.chars().all(|c| !c.is_alphanumeric())
        }
    }
}
