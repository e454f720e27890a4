//! Dates tied to a person ("born 3/4/1950", "surgery March 4th", "discharged on the 12th",
//! "nació el 3 de marzo"). Dates of public events and bare years are not identifiers.

use super::context::Context;
use super::text::{head, tail, Tokens};
use super::{is_word_byte, Cand};
use crate::Kind;
use regex::Regex;
use std::sync::OnceLock;

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const MES: &str = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)";

/// One regex with a named group per date form, and for each group: whether it needs a
/// life-event word rather than any person cue, and its description.
fn res() -> &'static (Regex, Vec<(bool, &'static str)>) {
    static RES: OnceLock<(Regex, Vec<(bool, &'static str)>)> = OnceLock::new();
    RES.get_or_init(|| {
        let wd = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?";
        let specs: Vec<(String, bool, &'static str)> = vec![
            (
                r"\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})".into(),
                false,
                "numeric date",
            ),
            (format!(r"(?i){wd}{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"), false, "month and day"),
            (format!(r"(?i)\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+\d{{4}})?"), false, "day and month"),
            (format!(r"(?i){MONTH}\.?,?\s+(?:19|20)\d{{2}}"), true, "month and year"),
            (
                format!(r"(?i)\d{{1,2}}\s+de\s+{MES}(?:,?\s+(?:de|del)\s+\d{{4}})?|{MES}\s+\d{{1,2}}(?:,?\s+(?:de\s+)?\d{{4}})?"),
                false,
                "day and month (Spanish)",
            ),
            (format!(r"(?i){MES}\s+(?:de|del)\s+(?:19|20)\d{{2}}"), true, "month and year (Spanish)"),
            (r"(?i)the\s+\d{1,2}(?:st|nd|rd|th)".into(), true, "day of the month"),
            (
                r"(?i)(?:valentine'?s|christmas|new\s+year'?s|thanksgiving|halloween|easter|mother'?s|father'?s|independence|memorial|labor|veterans)\s+(?:day|eve|morning|night)|easter\s+sunday|christmas|thanksgiving|halloween|easter|(?:fourth|4th)\s+of\s+july|nochebuena|nochevieja|navidad|a[ñn]o\s+nuevo|d[ií]a\s+de\s+(?:acci[oó]n\s+de\s+gracias|reyes|las\s+madres|san\s+valent[ií]n|muertos)".into(),
                false,
                "holiday",
            ),
            (r"\d{1,2}/\d{1,2}".into(), true, "month/day"),
            // "el jueves 12 de septiembre": the month, when given, is part of the date.
            (format!(r"(?i)(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)\s+\d{{1,2}}(?:\s+de\s+{MES}(?:,?\s+(?:de|del)\s+\d{{4}})?)?"), true, "weekday and day (Spanish)"),
        ];
        let pattern: Vec<String> = specs
            .iter()
            .enumerate()
            .map(|(k, (p, _, _))| format!("(?P<g{k}>{p})"))
            .collect();
        let re = Regex::new(&pattern.join("|")).expect("date regex");
        (re, specs.into_iter().map(|(_, strong, d)| (strong, d)).collect())
    })
}

pub(crate) fn find(toks: &Tokens, ctx: &Context, has_digit: bool, out: &mut Vec<Cand>) {
    // Without digits only holidays and weekdays can match, and only beside a life event or a
    // named patient.
    let text = toks.text;
    let holiday_named = || {
        !ctx.patient_names.is_empty()
            && [
                "hristmas",
                "hanksgiving",
                "aster",
                "alloween",
                "avidad",
                "ochebuena",
                "ew Year",
                "ew year",
            ]
            .iter()
            .any(|h| text.contains(h))
    };
    if !(has_digit || ctx.any_life_event || holiday_named()) {
        return;
    }
    let b = text.as_bytes();
    let (re, groups) = res();
    for c in re.captures_iter(text) {
        let Some((k, m)) = (0..groups.len()).find_map(|k| c.name(&format!("g{k}")).map(|m| (k, m)))
        else {
            continue;
        };
        let (needs_life_event, what) = &groups[k];
        {
            let (s, e) = (m.start(), m.end());
            if (s > 0 && (is_word_byte(b[s - 1]) || matches!(b[s - 1], b'/' | b'.' | b'-')))
                || (e < b.len()
                    && (is_word_byte(b[e])
                        || (matches!(b[e], b'/' | b'.')
                            && e + 1 < b.len()
                            && b[e + 1].is_ascii_digit())))
            {
                continue;
            }
            let m_str = m.as_str();
            // "the 2nd leading cause": an ordinal before a noun is not a day of the month.
            if *what == "day of the month" {
                let next = text[e..].trim_start();
                let word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
                if !word.is_empty()
                    && !matches!(
                        word.to_ascii_lowercase().as_str(),
                        "of" | "at"
                            | "in"
                            | "and"
                            | "so"
                            | "when"
                            | "after"
                            | "before"
                            | "or"
                            | "but"
                            | "until"
                            | "we"
                            | "she"
                            | "he"
                            | "they"
                            | "i"
                            | "y"
                            | "de"
                            | "to"
                            | "for"
                    )
                {
                    continue;
                }
            }
            // Holidays are dates only when something personal happened on them (born, died),
            // or when a person did something "on Thanksgiving" outside any notice ("went home
            // to Tama County on Thanksgiving morning").
            // "Easter eggs", "Christmas cards": the holiday names a thing, not a day.
            if *what == "holiday" && holiday_thing_after(&text[e..]) {
                continue;
            }
            if *what == "holiday" {
                let cues = ctx.at(toks, s);
                let on_day = {
                    let before = text[..s].trim_end();
                    let prev = before
                        .rsplit(|c: char| !c.is_alphabetic())
                        .next()
                        .unwrap_or("")
                        .to_lowercase();
                    matches!(prev.as_str(), "on" | "el" | "en" | "para")
                };
                // "Call your mom on Mother's Day": days about a kind of person are no one's date.
                let lower = m_str.to_lowercase();
                let on_day = on_day
                    && ![
                        "mother", "father", "madres", "valent", "memorial", "veteran", "labor",
                    ]
                    .iter()
                    .any(|p| lower.contains(p));
                // A pronoun beside a named clinician is the clinician ("Chaplain Grace leads
                // a service on Easter Sunday; she ..."), not a patient.
                if !(cues.life_event
                    || (on_day
                        && cues.person
                        && ctx.named_patient_outside(s, e)
                        && !cues.public_event
                        && !cues.staff_named))
                {
                    continue;
                }
            }
            // "24/7", "1/2 cup": not month/day.
            if *what == "month/day" {
                let mut it = m_str.split('/').map(|x| x.parse::<u32>().unwrap_or(99));
                let (mo, d) = (it.next().unwrap_or(99), it.next().unwrap_or(99));
                let valid = ((1..=12).contains(&mo) && (1..=31).contains(&d))
                    || ((1..=31).contains(&mo) && (1..=12).contains(&d));
                if !valid || m_str == "24/7" {
                    continue;
                }
            }
            // "May" is also a verb and a name: "may 2 patients" is not a date.
            if m_str.len() >= 3
                && m_str.as_bytes()[..3].eq_ignore_ascii_case(b"may")
                && m_str.starts_with('m')
                && !ctx.at(toks, s).life_event
            {
                continue;
            }
            let cues = ctx.at(toks, s);
            // "Birth Center open house", "clases de parto": life-event words in announcements.
            let life = cues.life_event && (cues.person || !cues.public_event);
            // "04/11/1958" on a wristband: a numeric date with a year long past is a birth
            // date, whatever surrounds it (public events are written with the month's name).
            let year = four_digit_year(m_str);
            let birth_year = *what == "numeric date"
                && year.is_some_and(|y| (1900..=2014).contains(&y))
                && !matches!(
                    text[..s]
                        .trim_end()
                        .rsplit(|c: char| !c.is_alphabetic())
                        .next()
                        .map(str::to_lowercase)
                        .as_deref(),
                    Some("since" | "desde" | "founded" | "opened" | "established" | "est" | "from")
                );
            // "born on 12 May 1820", "June 7, 1909": no living person's date.
            if year.is_some_and(|y| (1000..1910).contains(&y)) {
                continue;
            }
            // "International Nurses Day (12 May)", "World Kidney Day, March 13": the date of a
            // named day or week is everyone's.
            if !birth_year
                && (named_day_before(&text[..s])
                    || named_day_after(
                        &text[e..],
                        toks.toks[toks.index_at(s)].sentence_start && !cues.life_event,
                    ))
            {
                continue;
            }
            // "if you turned 65 on or after 1 September 2023": a rule's date, anyone's; "our
            // Family Birth Center, which opened its doors on June 4, 1998": a building's or a
            // service's history.
            let lead = tail(text[..s].trim_end(), 32).to_lowercase();
            if [
                "on or after",
                "on or before",
                "antes del",
                "despues del",
                "después del",
                "opened its doors on",
                "opened our doors on",
                "opened its doors",
                "first opened on",
                "was founded on",
                "was established on",
                "abrió sus puertas el",
                "abrió sus puertas",
                "fue inaugurado el",
                "fue inaugurada el",
            ]
            .iter()
            .any(|p| lead.ends_with(p))
            {
                continue;
            }
            // "To every mom spending Mother's Day next to an isolette": a holiday of everyone the
            // sentence speaks to.
            if *what == "holiday" && to_everyone(&text[..s]) {
                continue;
            }
            // "Saturday, Aug 9, 10am–2pm in the visitor lot": a date with its opening hours
            // is a schedule, unless a personal event is told beside it.
            let schedule = !cues.life_event && hours_follow(&text[e..]);
            // "clinic appt for J.T. (DOB 17/09/2008)": a date labelled as a birth is one,
            // whatever event the post announces.
            let birth_label = {
                let l = tail(text[..s].trim_end_matches([' ', ':', '-', '#']), 24).to_lowercase();
                [
                    "dob",
                    "d.o.b",
                    "d.o.b.",
                    "date of birth",
                    "fecha de nacimiento",
                    "f. nac.",
                ]
                .iter()
                .any(|p| {
                    l.strip_suffix(p)
                        .is_some_and(|r| !r.ends_with(|c: char| c.is_alphanumeric()))
                })
            };
            let tied = if birth_label {
                true
            } else if schedule {
                false
            } else if birth_year {
                !cues.public_event || cues.person
            } else if *what == "weekday" {
                life && cues.person
            } else if *needs_life_event {
                life
            } else {
                life || (cues.person && !cues.public_event)
            };
            // "@jess_ohio22 moved u to 11/19", "Hi Greg, the balance is from the ER visit on
            // 1/22": in a reply that already names a patient, a date said to that person is
            // theirs.
            let said_to_patient = !tied
                && *what != "holiday"
                && !cues.public_event
                && !ctx.patient_names.is_empty()
                && second_person_sentence(toks, s);
            if !(tied || said_to_patient) {
                continue;
            }
            let why = if said_to_patient {
                "said to the patient the post answers"
            } else if birth_year && !cues.life_event && !cues.person {
                "with a year long past, as a birth date is written"
            } else if cues.life_event {
                "beside a personal health or life event"
            } else {
                "in a sentence about a person"
            };
            out.push(Cand {
                kind: Kind::Date,
                start: s,
                end: e,
                whose: ctx.whose_at(toks, s),
                reason: format!("{what} {why}"),
                prio: 5,
            });
        }
    }
}

/// The sentence holding byte `pos` speaks to someone ("your", "u", "te", "su").
fn second_person_sentence(toks: &Tokens, pos: usize) -> bool {
    let k = toks.sentence_index(pos) as u32;
    let first = toks.toks.partition_point(|t| t.sentence < k);
    (first..toks.toks.len())
        .take_while(|&i| toks.toks[i].sentence == k)
        .any(|i| {
            matches!(
                toks.folded(i),
                "you" | "your" | "u" | "ur" | "you're" | "youre" | "te" | "tu" | "su" | "usted"
            )
        })
}

/// `before` ends in the name of an observance: a capitalised "Day", "Week" or "Month"
/// followed only by a bracket, comma, dash or "on"/"is".
fn named_day_before(before: &str) -> bool {
    let b = before.trim_end();
    // "Baby Loss Awareness Week runs 9–15 October": the first day of a range too.
    let b = match b.strip_suffix(['–', '-']) {
        Some(r) if r.ends_with(|c: char| c.is_ascii_digit()) => {
            r.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end()
        }
        _ => b,
    };
    let b = b.strip_suffix(" from").unwrap_or(b);
    let b = b
        .strip_suffix(" on")
        .or_else(|| b.strip_suffix(" is"))
        .or_else(|| b.strip_suffix(" runs"))
        .unwrap_or(b)
        .trim_end_matches(['(', ',', '-', '–', '—', ':', ' ']);
    // "Para el Día del Niño 🎈 (30 de abril)": whatever symbols sit between name and date.
    let b = b.trim_end_matches(|c: char| !c.is_alphanumeric());
    let english = ["Day", "Week", "Month", "Día", "Semana"].iter().any(|w| {
        b.ends_with(w) && !b[..b.len() - w.len()].ends_with(|c: char| c.is_alphanumeric())
    }) && !b.ends_with("Birth Day");
    english || spanish_named_day(tail(b, 64))
}

/// "Para el Día del Niño": a Spanish observance named before its date: "Día", "Semana" or
/// "Mes", then "de"/"del"/"de la" and a capitalised word, or "Internacional", "Mundial",
/// "Nacional" ("Día de su alta" is a patient's day).
fn spanish_named_day(b: &str) -> bool {
    let words: Vec<&str> = b.split_whitespace().collect();
    let capital = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    (words.len().saturating_sub(6)..words.len()).any(|k| {
        let after = |d: usize| words.get(k + d).copied().unwrap_or("");
        matches!(words[k], "Día" | "Semana" | "Mes")
            && (matches!(after(1), "Internacional" | "Mundial" | "Nacional")
                || (matches!(after(1), "de" | "del") && capital(after(2)))
                || (after(1) == "de"
                    && matches!(after(2), "la" | "los" | "las")
                    && capital(after(3))))
    })
}

/// The year a date ends with, when it ends with four digits ("04/11/1958", "12 May 1820").
fn four_digit_year(date: &str) -> Option<u32> {
    date.rsplit(|c: char| !c.is_ascii_digit())
        .next()
        .filter(|y| y.len() == 4)
        .and_then(|y| y.parse().ok())
}

/// Opening hours right after a date: ", 10am–2pm", " 9-1", " from 10 a.m.". A single time is
/// not enough: a birth is told with its minute ("nacido el 2 de febrero a las 3:14 am").
fn hours_follow(after: &str) -> bool {
    let a = after.trim_start_matches([',', ' ']);
    let (from, a) = match ["from ", "de ", "desde las "]
        .iter()
        .find_map(|p| a.strip_prefix(p))
    {
        Some(rest) => (true, rest),
        None => (false, a),
    };
    // "on 15 October at 6.30pm": an event's one time, with its am/pm.
    let (at, a) = match ["at ", "a las "].iter().find_map(|p| a.strip_prefix(p)) {
        Some(rest) if !from => (true, rest),
        _ => (false, a),
    };
    // One time of day: digits, optional ":mm" (".mm" before am/pm), optional "am"/"pm";
    // the length read, whether it said am or pm, and its minute.
    fn time(a: &str) -> Option<(usize, bool, Option<&str>)> {
        let d = a.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&d) {
            return None;
        }
        let mut n = d;
        let mut dotted = false;
        let mut minute = None;
        if a[n..].starts_with([':', '.']) {
            let m = a[n + 1..].bytes().take_while(u8::is_ascii_digit).count();
            if m != 2 {
                return None;
            }
            dotted = a[n..].starts_with('.');
            minute = Some(&a[n + 1..n + 3]);
            n += 3;
        }
        let r = a[n..].trim_start();
        let skipped = a.len() - n - r.len();
        let lower = head(r, 4).to_ascii_lowercase();
        let meridiem = ["a.m.", "p.m.", "am", "pm"]
            .iter()
            .find(|p| lower.starts_with(*p))
            .map(|p| p.len());
        if dotted && meridiem.is_none() {
            return None;
        }
        Some((
            n + skipped + meridiem.unwrap_or(0),
            meridiem.is_some(),
            minute,
        ))
    }
    let Some((n, meridiem, minute)) = time(a) else {
        return false;
    };
    // "nacido el 2 de febrero a las 3:14 am": a birth keeps its minute; events start on
    // the hour or a quarter.
    if at {
        return meridiem && matches!(minute, None | Some("00" | "15" | "30" | "45"));
    }
    let rest = a[n..].trim_start();
    from || ["–", "-", "—", "to "]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .is_some_and(|r| time(r.trim_start()).is_some())
}

/// "8 de marzo 💜 Feliz Día Internacional de la Mujer", "March 8 is International Women's
/// Day": the date opens the name of an observance.
fn named_day_after(after: &str, opens_sentence: bool) -> bool {
    let h = head(after, 64);
    let a = h.trim_start_matches(|c: char| !c.is_alphanumeric() && !".!?\n".contains(c));
    // "Feb 7–14 is … Awareness Week": the range's last day first.
    let a = if h.starts_with(['–', '-']) {
        a.trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start()
    } else {
        a
    };
    // "Wear red this Friday, Feb. 7, for #NationalWearRedDay": the observance's hashtag
    // ("#NICUGraduationDay" is someone's own day).
    if let Some(tag) = a.strip_prefix("for #") {
        let tag: String = tag.chars().take_while(|c| c.is_alphanumeric()).collect();
        let personal = [
            "Graduation",
            "Birth",
            "Gotcha",
            "Discharge",
            "Home",
            "Angel",
        ]
        .iter()
        .any(|w| tag.contains(w));
        if !personal
            && (["Day", "Week", "Month"].iter().any(|w| tag.ends_with(w))
                || ["Dia", "Día", "Semana"].iter().any(|w| tag.starts_with(w)))
        {
            return true;
        }
    }
    // "14/03 (Pi Day!!)" after a birth is the birthday: only a date opening a sentence with
    // no birth or visit in it may be followed by the name alone; "is" or "marks" names the
    // day whatever else the sentence tells.
    let a = match ["is ", "es ", "marks "]
        .iter()
        .find_map(|p| a.strip_prefix(p))
    {
        Some(rest) => rest,
        None if opens_sentence => a,
        None => return false,
    };
    // "Este 4 de febrero es el Día Mundial contra el Cáncer".
    let a = ["Happy ", "Feliz ", "feliz ", "happy ", "el ", "the "]
        .iter()
        .find_map(|p| a.strip_prefix(p))
        .unwrap_or(a);
    if !a.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let clause = head(a, 40);
    let clause = clause
        .split(['.', '!', '?', '\n', ','])
        .next()
        .unwrap_or("");
    clause.split_whitespace().any(|w| {
        matches!(
            w.trim_end_matches(|c: char| !c.is_alphanumeric()),
            "Day" | "Día" | "Week" | "Semana"
        )
    })
}

/// The clause before the holiday opens by speaking to a whole group: "To every mom spending
/// …", "A todas las mamás que …" ("To all who followed his journey — he went home on
/// Thanksgiving" tells of one boy).
fn to_everyone(before: &str) -> bool {
    // The last 100 bytes hold any clause short enough to count.
    let before = tail(before, 100);
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '.' | '!' | '?' | '\n' | ':' | ';' | ',' | '—' | '–'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let clause = &before[start..];
    if clause.len() > 80 {
        return false;
    }
    let sentence = clause.trim_start().to_lowercase();
    [
        "to every ",
        "to all ",
        "to the moms",
        "to the dads",
        "a todas ",
        "a todos ",
        "para todas ",
        "para todos ",
    ]
    .iter()
    .any(|p| sentence.starts_with(p))
}

/// A thing named for the holiday right after it: "Easter eggs", "Christmas cards".
fn holiday_thing_after(after: &str) -> bool {
    let a = after.strip_prefix(' ').unwrap_or("");
    let word: String = a
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        word.as_str(),
        "egg"
            | "eggs"
            | "bunny"
            | "basket"
            | "baskets"
            | "card"
            | "cards"
            | "tree"
            | "trees"
            | "lights"
            | "jumper"
            | "jumpers"
            | "sweater"
            | "sweaters"
            | "crafts"
            | "treats"
            | "decorations"
            | "carols"
            | "songs"
            | "costume"
            | "costumes"
            | "candy"
            | "cookies"
            | "gifts"
            | "presents"
            | "stockings"
            | "pumpkins"
    )
}
