//! Phone and fax numbers, SSNs, labelled identifiers (MRN, member ID, account, licence,
//! plate, serial, ...), VINs, card numbers and IP addresses.

use super::context::Context;
use super::ownership::OrgIndex;
use super::text::Tokens;
use super::{is_word_byte, Cand};
use crate::{Kind, Whose};
use regex::{Regex, RegexSet};
use std::sync::OnceLock;

struct Res {
    /// All the patterns below in one automaton: one pass says which ones can match at all.
    set: RegexSet,
    phone: Regex,
    local_phone: Regex,
    ssn: Regex,
    labelled: Regex,
    /// An identifier's label with the number further on in the sentence.
    distant: Regex,
    vin: Regex,
    uk_licence: Regex,
    nhs: Regex,
    plate: Regex,
    /// "The plate on the car blocking the bay is FKR 2219": the plate later in the sentence.
    plate_far: Regex,
    /// The current UK format, "WU19 KLM", taken without a label where a car is about.
    uk_plate: Regex,
    card: Regex,
    ip: Regex,
}

fn res() -> &'static Res {
    static RES: OnceLock<Res> = OnceLock::new();
    RES.get_or_init(|| {
        let mut r = build();
        r.set = RegexSet::new([
            r.phone.as_str(),
            r.local_phone.as_str(),
            r.ssn.as_str(),
            r.labelled.as_str(),
            r.nhs.as_str(),
            r.plate.as_str(),
            r.vin.as_str(),
            r.card.as_str(),
            r.ip.as_str(),
            // Only says whether `usernames` needs to run (its regex is compiled on first use).
            r"(?i)user\s*(?:name|id)|usuario|login|screen\s*name",
            r.distant.as_str(),
            r.uk_licence.as_str(),
        ])
        .expect("number set");
        r
    })
}

fn build() -> Res {
    Res {
        set: RegexSet::empty(),
        phone: Regex::new(
            r"(?x)
            (?: \+\d{1,3}[\ .-]?(?:\(?\d{1,4}\)?[\ .-]?){2,4}\d{2,4}      # +44 20 7946 0958
              | (?:\+?1[\ .-]?)?(?:\(\d{3}\)\ ?|\d{3}(?:[\ ./-]|\x{B7}|\x{2013})?)\d{3}(?:[\ ./-]|\x{B7}|\x{2013})?\d{4} # (415) 555-0132, 614·555·0133
              | 0\d{2,4}[\ .-]?\d{3,4}[\ .-]?\d{3,4}                          # 0117 496 0000
            )
            (?:\ ?(?:ext\.?|x)\ ?\d{1,5})?",
        )
        .expect("phone regex"),
        local_phone: Regex::new(
            r"(?i)(?:(?-u:\b)(?:call|text|phone|ph|tel|cell|mobile|llam[ae]\w*|tel[eé]fono|celular|whatsapp|ext|line)(?-u:\b)[\s:.]*(\d{3}[\s.-]\d{4})|(\d{3}-\d{4}))",
        )
        .expect("local phone regex"),
        ssn: Regex::new(
            r"(?i)(?:(?-u:\b)(?:ssn|ss\#|social\s+security(?:\s+(?:number|no\.?|\#))?|seguro\s+social|social)[\s:#]*(?:is\s+|es\s+)?(\d{9}|\d{3}[\s-]\d{2}[\s-]\d{4}|\d{4}))|(?-u:\b)(\d{3}-\d{2}-\d{4})(?-u:\b)",
        )
        .expect("ssn regex"),
        labelled: Regex::new(&format!(
            r"(?i)(?-u:\b)(?P<label>{})(?-u:\b)\.?\s*(?:,?\s*(?:numbers?|num|nbr|no\.?|n[uú]meros?|id|\#)\s*)?(?:is\s+|es\s+|of\s+)?(?:,\s*\#|\(\#|[:\#.=(])?\s*(?:e\.g\.,?\s*)?(?:is\s+|es\s+)?[\x22“']?(?:(?-i:[A-Z]{{2,6}})\s+)?(?P<id>[A-Z]{{0,12}}(?:-[A-Z]{{1,6}})?-?\d[A-Z0-9-]{{1,24}}(?:\.\d{{3}})*)",
            LABELS
        ))
        .expect("labelled id regex"),
        distant: Regex::new(
            r"(?i)(?-u:\b)(?P<label>policy|member(?:ship)?\s*id|mbr|n[uú]mero\s+de\s+miembro|subscriber|medicaid|medicare|insurance|mrn|medical\s+record|med\.?\s*rec|p[oó]liza|account|acct|afiliad[oa]|driver'?s?\s+licen[cs]e|licencia(?:\s+de\s+conducir)?|licen[cs]e|serial|n[uú]mero\s+de\s+serie)(?-u:\b)[^!?\n\d]{1,60}?(?P<id>\d[\d -]{5,18}\d[A-Z]?)(?-u:\b)",
        )
        .expect("distant label regex"),
        nhs: Regex::new(r"(?i)(?-u:\b)nhs\s*(?:number|no\.?|num|\#)?\s*(?:is\s+)?[:\#]?\s*\(?(?:(\d{3}[\s-]?\d{3}[\s-]?\d{4})|(?:ending|ends)\s+(?:in\s+|with\s+)?(\d{3,4}))(?-u:\b)")
            .expect("nhs regex"),
        plate: Regex::new(
            r"(?i)(?-u:\b)(?P<label>licen[cs]e\s+plates?|plates?|placas?|vehicle|veh[ií]culo|tags?|car\s+reg(?:istration)?|reg(?:istration)?|matr[ií]cula)(?-u:\b)(?:\s+(?:number|no\.?|\#))?[\s:#]*,?\s*(?:del\s+carro\s+)?(?:de\s+(?-i:[A-Z]\p{Ll}+(?:\s[A-Z]\p{Ll}+)?)\s+)?(?:(?-i:[A-Z]{2})\s+)?(?P<id>(?-i:[A-Z0-9]{1,4}(?:[-\ ][A-Z0-9]{2,4}){0,2}))",
        )
        .expect("plate regex"),
        plate_far: Regex::new(
            r"(?i)(?-u:\b)(?P<label>plates?|placas?)(?-u:\b)(?:[^.!?\n\d:]{1,90}?(?:\s(?:is|es|was|era|reads|dice)\s+|:\s*)|\s+reads\s+)(?:(?-i:[A-Z]{2})\s+)?(?P<id>(?-i:[A-Z0-9]{1,4}(?:[-\ ][A-Z0-9]{2,4}){0,2}))",
        )
        .expect("distant plate regex"),
        uk_plate: Regex::new(r"(?-u:\b)[A-Z]{2}[0-9]{2} ?[A-Z]{3}(?-u:\b)").expect("UK plate regex"),
        vin: Regex::new(r"(?-u:\b)[A-HJ-NPR-Z0-9]{17}(?-u:\b)").expect("vin regex"),
        // Surname (padded with 9s), birth date digits, initials, check digit and letters.
        uk_licence: Regex::new(r"(?-u:\b)[A-Z9]{5} ?\d{6} ?[A-Z9]{2}\d[A-Z]{2}(?: ?\d{2})?(?-u:\b)")
            .expect("UK driving licence regex"),
        card: Regex::new(r"(?-u:\b)\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{3,4}(?-u:\b)").expect("card regex"),
        ip: Regex::new(r"(?-u:\b)\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?-u:\b)").expect("ip regex"),
    }
}

/// Alternatives of the labelled-identifier regex, longest first within each family.
const LABELS: &str = r"medical\s+record(?:s)?|med\.?\s*rec(?:ord)?s?|mrn\#?|mr\#|chart|patient\s*(?:id|\#|number)|pt\.?\s*id|hosp(?:ital)?\.?\s*no\.?|hospital(?:\s*(?:id|\#|number))?|n[uú]mero\s+de\s+expediente|expediente|exp\.?|historia\s+cl[ií]nica|registro\s+m[eé]dico|member(?:ship)?(?:\s*id)?|mbr|subscriber(?:\s*id)?|policy|group|insurance(?:\s*(?:id|card))?|medicare|medicaid|chip(?:\s*id)?|tricare|mbi|beneficiary|plan\s*id|p[oó]liza|afiliad[oa]|asegurad[oa]|account|acct|a/c|billing|invoice|claim|cuenta|factura|card(?:\s+(?:ending\s+in|ending|number))?|tarjeta\s+terminada\s+en|driver'?s?\s+licen[cs]e|licen[cs]e\s+plate|licen[cs]e|licencia(?:\s+de\s+conducir)?|lic|dl|plates?|tag|vin|placas?|matr[ií]cula|serials?|s/n|sn|device(?:\s*id)?|imei|udi|pacemaker|implant|n[uú]mero\s+de\s+serie|serie|user\s*name|username|login|usuario|passport|pasaporte|case|student\s*id|employee\s*id|badge|lanyard|gafete|curp|c[eé]dula(?:\s+de\s+identidad)?|dni|itin|alien|green\s+card|confirmation|id";

fn label_kind(label: &str) -> Kind {
    let l = label.to_ascii_lowercase();
    let has = |s: &str| l.contains(s);
    if has("plate") || has("tag") || has("vin") || has("placa") || has("matr") {
        Kind::VehicleId
    } else if has("med") && has("rec")
        || has("mrn")
        || has("mr#")
        || has("chart")
        || has("patient")
        || has("pt")
        || has("hosp")
        || has("expediente")
        || has("historia")
        || has("registro")
    {
        Kind::Mrn
    } else if has("member")
        || has("mbr")
        || has("subscriber")
        || has("policy")
        || has("group")
        || has("insurance")
        || has("medicare")
        || has("medicaid")
        || has("chip")
        || has("tricare")
        || has("mbi")
        || has("beneficiary")
        || has("plan")
        || has("nhs")
        || has("liza")
        || has("afiliad")
        || has("asegurad")
    {
        Kind::HealthPlanId
    } else if has("account")
        || has("acct")
        || has("a/c")
        || has("billing")
        || has("invoice")
        || has("claim")
        || has("cuenta")
        || has("factura")
        || has("card")
        || has("tarjeta")
    {
        Kind::AccountNumber
    } else if has("lic") || l == "dl" {
        Kind::LicenseNumber
    } else if has("serial")
        || has("s/n")
        || l == "sn"
        || has("device")
        || has("imei")
        || has("udi")
        || has("pacemaker")
        || has("implant")
        || has("serie")
    {
        Kind::DeviceId
    } else {
        Kind::OtherId
    }
}

pub(crate) fn warm() {
    let _ = res();
}

fn bounded(text: &str, s: usize, e: usize) -> bool {
    let b = text.as_bytes();
    (s == 0 || !(is_word_byte(b[s - 1]) || b[s - 1] == b'/' || b[s - 1] == b'.'))
        && (e >= b.len() || !(b[e].is_ascii_digit() || b[e].is_ascii_alphabetic()))
}

fn push(
    out: &mut Vec<Cand>,
    kind: Kind,
    s: usize,
    e: usize,
    whose: Whose,
    reason: String,
    prio: u8,
) {
    out.push(Cand {
        kind,
        start: s,
        end: e,
        whose,
        reason,
        prio,
    });
}

fn describe(id: &str) -> String {
    let digits = id.bytes().filter(u8::is_ascii_digit).count();
    let n = id.chars().count();
    if digits == n {
        format!("{digits} digits")
    } else {
        format!("{n} characters")
    }
}

/// "your username is dkowalczyk58", "Username: bigtex_grandma42", "usuario: lupe.r": a portal
/// or social login names one person, whatever its letters-to-digits ratio.
fn usernames(text: &str, out: &mut Vec<Cand>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let b = text.as_bytes();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)(?-u:\b)(?:user\s*name|user\s*id|usuario|login|screen\s*name)(?-u:\b)(?:\s+(?:del|de\s+la|de|for\s+the|for|on\s+the|on|of\s+the|of)\s+(?:portal|mychart|app|account|cuenta|site|sitio))?(?:\s+(?:you|u|she|he|they|we|que)\s+(?:sent|gave|used|shared|posted|typed|entered|nos\s+mand[oó]|mand[oó]))?\s*(?:is|es|was|era)?\s*[:=(]?\s*[\x22“'@]?(?P<id>[A-Za-z0-9][A-Za-z0-9._-]{2,31}[A-Za-z0-9])")
            .expect("username regex")
    });
    for c in re.captures_iter(text) {
        let m = c.name("id").expect("id");
        let id = m.as_str();
        // A login has a digit, '_' or '.' ("the username field" is prose, not a login).
        let marked = id
            .bytes()
            .any(|x| x.is_ascii_digit() || x == b'_' || x == b'.');
        if !marked || b.get(m.end()) == Some(&b'@') || !bounded(text, m.start(), m.end()) {
            continue;
        }
        push(
            out,
            Kind::OtherId,
            m.start(),
            m.end(),
            Whose::Patient,
            "login name after 'username'".into(),
            9,
        );
    }
}

pub(crate) fn find(text: &str, digits: usize, org: &OrgIndex, out: &mut Vec<Cand>) {
    let r = res();
    let lower_window = |s: usize, back: usize| -> String {
        let mut from = s.saturating_sub(back);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        text[from..s].to_ascii_lowercase()
    };
    let dots = text.bytes().filter(|&b| b == b'.').count();
    let hits = r.set.matches(text);
    let on = |i: usize, cond: bool| cond && hits.matched(i);
    // Almost no post mentions a login: the shared set pass above says whether one does.
    if hits.matched(9) {
        usernames(text, out);
    }
    for m in on(0, digits >= 10)
        .then(|| r.phone.find_iter(text))
        .into_iter()
        .flatten()
    {
        let (s, e) = (m.start(), m.end());
        let digits = m.as_str().bytes().filter(u8::is_ascii_digit).count();
        if !(10..=15).contains(&digits)
            || !bounded(text, s, e)
            || (m.as_str().starts_with('0') && digits > 11)
        {
            continue;
        }
        // A date range or an ID such as 2024-2025-... is not a phone; require a separator
        // pattern typical of phones or the exact 10/11-digit form.
        let before = lower_window(s, 60);
        let clause = before
            .rsplit(['.', '!', '?', '\n', ';'])
            .next()
            .unwrap_or("");
        let fax = clause.contains("fax") || before.trim_end().ends_with("f:");
        let kind = if fax { Kind::Fax } else { Kind::Phone };
        let national = super::ownership::digits(m.as_str());
        // UK freephone and non-geographic lines (0800, 0808, 03xx, 084x, 087x) are
        // charities' and services' helplines, as the US toll-free ones are.
        let toll_free = (national.len() == 10
            && matches!(
                &national[..3],
                "800" | "888" | "877" | "866" | "855" | "844" | "833"
            ))
            || (national.len() == 11
                && matches!(
                    &national[..4],
                    "0800"
                        | "0808"
                        | "0300"
                        | "0330"
                        | "0333"
                        | "0345"
                        | "0843"
                        | "0844"
                        | "0845"
                        | "0870"
                        | "0871"
                ));
        let (whose, reason) = if org.is_org_phone(m.as_str()) {
            (
                Whose::Organization,
                "the organisation's own number".to_string(),
            )
        } else if toll_free {
            (Whose::Organization, "toll-free business line".to_string())
        } else if fax && org.beside_org_phone(m.as_str()) {
            (
                Whose::Organization,
                "fax line beside the organisation's own number".to_string(),
            )
        } else if fax {
            (
                Whose::Patient,
                format!("fax number ({digits} digits) after 'fax'"),
            )
        } else {
            (Whose::Patient, format!("phone number ({digits} digits)"))
        };
        push(out, kind, s, e, whose, reason, 6);
    }
    for c in on(1, digits >= 7)
        .then(|| r.local_phone.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let Some(g) = c.get(1).or_else(|| c.get(2)) else {
            continue;
        };
        let b = text.as_bytes();
        if g.start() > 0 && matches!(b[g.start() - 1], b'-' | b'/' | b'.' | b'(' | b')')
            || g.end() < b.len() && matches!(b[g.end()], b'-' | b'/')
        {
            continue;
        }
        if !bounded(text, g.start(), g.end()) {
            continue;
        }
        let whose = if org.is_org_phone(g.as_str()) {
            Whose::Organization
        } else {
            Whose::Patient
        };
        push(
            out,
            Kind::Phone,
            g.start(),
            g.end(),
            whose,
            "7-digit number after 'call'/'phone'".into(),
            5,
        );
    }
    for c in on(2, digits >= 4)
        .then(|| r.ssn.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let (g, reason) = match (c.get(1), c.get(2)) {
            (Some(g), _) => (g, "number after 'SSN'/'social security'"),
            (None, Some(g)) => (g, "number in the SSN format 3-2-4"),
            _ => continue,
        };
        if !bounded(text, g.start(), g.end()) || text.as_bytes().get(g.end()) == Some(&b'-') {
            continue;
        }
        push(
            out,
            Kind::Ssn,
            g.start(),
            g.end(),
            Whose::Patient,
            reason.into(),
            9,
        );
    }
    for c in on(3, digits >= 2)
        .then(|| r.labelled.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let label = c.name("label").expect("label");
        let idm = c.name("id").expect("id");
        let id = idm.as_str().trim_end_matches('-');
        let kind = label_kind(label.as_str());
        let digits = id.bytes().filter(u8::is_ascii_digit).count();
        let letters = id.bytes().filter(u8::is_ascii_alphabetic).count();
        let ok = match kind {
            Kind::VehicleId => {
                (digits >= 1 && id.len() >= 4)
                    || (letters >= 5 && id.bytes().all(|b| !b.is_ascii_lowercase()))
            }
            Kind::AccountNumber
                if {
                    let l = label.as_str().to_ascii_lowercase();
                    l.contains("card") || l.contains("tarjeta")
                } =>
            {
                digits == 4 && id.len() == 4 || id.len() >= 5 && digits >= 3
            }
            _ => id.len() >= 5 && (digits >= 3 || (digits >= 2 && letters <= id.len() / 2 + 2)),
        };
        if !ok || !bounded(text, idm.start(), idm.start() + id.len()) {
            continue;
        }
        // Years and small counts after generic words ("group 2025", "case 100") are not IDs.
        let all_digits = digits == id.len();
        let year_like = kind != Kind::AccountNumber
            && all_digits
            && id.len() == 4
            && (id.starts_with("19") || id.starts_with("20"));
        let generic = matches!(
            label.as_str().to_ascii_lowercase().as_str(),
            "group"
                | "case"
                | "tag"
                | "id"
                | "badge"
                | "lanyard"
                | "gafete"
                | "claim"
                | "confirmation"
                | "policy"
                | "chart"
                | "billing"
                | "plan id"
        );
        if year_like || (generic && all_digits && id.len() <= 4) {
            continue;
        }
        // "billing is 937-555-0199": the organisation's own line, not an account.
        if org.is_org_phone(id) {
            continue;
        }
        let reason = format!("'{}' followed by {}", label.as_str().trim(), describe(id));
        push(
            out,
            kind,
            idm.start(),
            idm.start() + id.len(),
            Whose::Patient,
            reason,
            9,
        );
    }
    // "Policy number on the form you posted: UHC 918-22-4401A", "Jo's Medicaid ID is on
    // the back — 9042 7781 33", "serial on the back 44-1872-06C": the label, then a long
    // number later in the sentence.
    for c in on(10, digits >= 7)
        .then(|| r.distant.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let label = c.name("label").expect("label");
        let idm = c.name("id").expect("id");
        let id = idm.as_str().trim_end();
        let (s, e) = (idm.start(), idm.start() + id.len());
        let digits = id.bytes().filter(u8::is_ascii_digit).count();
        if digits < 7 || out.iter().any(|c| c.start < e && s < c.end) {
            continue;
        }
        let reason = format!(
            "'{}' then, in the same sentence, {}",
            label.as_str().trim(),
            describe(id)
        );
        push(
            out,
            label_kind(label.as_str()),
            s,
            e,
            Whose::Patient,
            reason,
            8,
        );
    }
    // "NHS number (485 777 3456)", "NHS no ending 0632": the whole number or its last digits.
    for c in on(4, digits >= 3)
        .then(|| r.nhs.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let (g, reason) = match (c.get(1), c.get(2)) {
            (Some(g), _) => (g, "NHS number (10 digits)"),
            (None, Some(g)) => (g, "last digits of an NHS number"),
            (None, None) => continue,
        };
        push(
            out,
            Kind::OtherId,
            g.start(),
            g.end(),
            Whose::Patient,
            reason.into(),
            10,
        );
    }
    // The distant form only where a plate is named (a cheap byte test keeps it off the set).
    let far = text
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"plat") || w.eq_ignore_ascii_case(b"plac"))
        && r.plate_far.is_match(text);
    for c in (on(5, true) || far)
        .then(|| {
            r.plate
                .captures_iter(text)
                .chain(r.plate_far.captures_iter(text))
        })
        .into_iter()
        .flatten()
    {
        let g = c.name("id").expect("plate");
        let id = g.as_str().trim_end_matches(['-', ' ']);
        let digits = id.bytes().filter(u8::is_ascii_digit).count();
        let letters = id.bytes().filter(u8::is_ascii_alphabetic).count();
        if digits >= 1
            && letters >= 1
            && id.len() >= 4
            && bounded(text, g.start(), g.start() + id.len())
        {
            let label = c.name("label").map_or("plate", |l| l.as_str());
            push(
                out,
                Kind::VehicleId,
                g.start(),
                g.start() + id.len(),
                Whose::Patient,
                format!("'{label}' followed by a plate number"),
                10,
            );
        }
    }
    // "the silver Corsa WU19 KLM parked across the disabled bays": a plate in the current
    // UK format (two letters, two digits, three letters) needs no label where a car is
    // about; nothing else in a post has that shape.
    if digits >= 2 {
        let car_talk = std::cell::OnceCell::new();
        for m in r.uk_plate.find_iter(text) {
            if !*car_talk.get_or_init(|| uk_car_talk(text)) {
                break;
            }
            push(
                out,
                Kind::VehicleId,
                m.start(),
                m.end(),
                Whose::Patient,
                "UK number plate beside a car".into(),
                9,
            );
        }
    }
    for m in on(6, digits >= 3)
        .then(|| r.vin.find_iter(text))
        .into_iter()
        .flatten()
    {
        let s = m.as_str();
        let digits = s.bytes().filter(u8::is_ascii_digit).count();
        if (3..=14).contains(&digits) {
            push(
                out,
                Kind::VehicleId,
                m.start(),
                m.end(),
                Whose::Patient,
                "17-character vehicle identification number".into(),
                8,
            );
        }
    }
    for m in on(11, digits >= 7)
        .then(|| r.uk_licence.find_iter(text))
        .into_iter()
        .flatten()
        .filter(|m| uk_licence_date_ok(m.as_str()))
    {
        push(
            out,
            Kind::LicenseNumber,
            m.start(),
            m.end(),
            Whose::Patient,
            "UK driving licence number".into(),
            8,
        );
    }
    for m in on(7, digits >= 15)
        .then(|| r.card.find_iter(text))
        .into_iter()
        .flatten()
    {
        push(
            out,
            Kind::AccountNumber,
            m.start(),
            m.end(),
            Whose::Patient,
            "card number (4-4-4-4 digits)".into(),
            7,
        );
    }
    for m in on(8, digits >= 4 && dots >= 3)
        .then(|| r.ip.find_iter(text))
        .into_iter()
        .flatten()
    {
        let octets_ok = m
            .as_str()
            .split('.')
            .all(|o| o.parse::<u16>().is_ok_and(|v| v <= 255));
        let before = lower_window(m.start(), 9);
        if octets_ok && bounded(text, m.start(), m.end()) && !before.trim_end().ends_with("version")
        {
            push(
                out,
                Kind::IpAddress,
                m.start(),
                m.end(),
                Whose::Patient,
                "IPv4 address".into(),
                8,
            );
        }
    }
    if digits >= 6 {
        bare_record_numbers(text, out);
    }
}

/// "your portal username is NOT your MRN … Someone just posted 00482913 under our flu post":
/// in a post about record numbers, a bare run of 6 to 10 digits that nothing else explains is
/// one.
fn bare_record_numbers(text: &str, out: &mut Vec<Cand>) {
    let lower = text.to_ascii_lowercase();
    if ![
        "mrn",
        "medical record",
        "record number",
        "expediente",
        "hospital number",
    ]
    .iter()
    .any(|p| lower.contains(p))
    {
        return;
    }
    let mut taken: Vec<(usize, usize)> = out.iter().map(|c| (c.start, c.end)).collect();
    taken.sort_unstable();
    // Whether a span found earlier overlaps `s..e` (sorted by start; spans are short).
    let overlaps = |s: usize, e: usize| {
        let k = taken.partition_point(|&(a, _)| a < e);
        taken[..k].iter().rev().take(8).any(|&(_, b)| b > s)
    };
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let e = i;
        // Money, times, dates, ranges and decimals are something else.
        let before_ok =
            s == 0 || !matches!(b[s - 1], b'$' | b'-' | b'/' | b':' | b',' | b'.' | b'#');
        let after_ok = e >= b.len()
            || !(matches!(b[e], b'-' | b'/' | b'%')
                || (matches!(b[e], b'.' | b',' | b':')
                    && b.get(e + 1).is_some_and(u8::is_ascii_digit)));
        if (6..=10).contains(&(e - s))
            && bounded(text, s, e)
            && before_ok
            && after_ok
            && !overlaps(s, e)
        {
            push(
                out,
                Kind::Mrn,
                s,
                e,
                Whose::Patient,
                format!("bare {}-digit number in a post about record numbers", e - s),
                5,
            );
        }
    }
}

/// "Call 555-123-4567 for refills", "llame al 210...": a number the readers are asked to call
/// is a business line, not a person's, unless the text is about a person (a family asking
/// witnesses to call them).
pub(crate) fn readers_asked_to_call(toks: &Tokens, ctx: &Context, cands: &mut [Cand]) {
    const IMPERATIVES: &[&str] = &[
        "call",
        "text",
        "dial",
        "please call",
        "call us",
        "reach us",
        "contact us",
        "llame",
        "llamenos",
        "llámenos",
        "marque",
        "comuníquese",
        "comuniquese",
    ];
    let text = toks.text;
    for c in cands.iter_mut() {
        if !matches!(c.kind, Kind::Phone | Kind::Fax) || c.whose != Whose::Patient || ctx.any_person
        {
            continue;
        }
        let mut from = c.start.saturating_sub(40);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = text[from..c.start].to_lowercase();
        let clause = before
            .rsplit(['.', '!', '?', '\n', ';', ':'])
            .next()
            .unwrap_or("")
            .trim_start();
        let first_word = clause.split_whitespace().next().unwrap_or("");
        let imperative = IMPERATIVES.contains(&first_word)
            || clause.contains("call us")
            || clause.contains("llámenos")
            || clause.contains("please call");
        if imperative {
            c.whose = Whose::Organization;
            c.reason = "number readers are asked to call (a business line)".into();
        }
    }
}

/// The post speaks of a car ("parked", "Corsa", "reg", "vehicle").
fn uk_car_talk(text: &str) -> bool {
    const CAR_WORDS: &[&str] = &[
        "car", "parked", "parking", "vehicle", "van", "reg", "corsa", "fiesta", "golf", "clio",
        "polo", "focus", "qashqai", "astra", "yaris", "micra", "transit", "driver", "towed",
        "clamped", "pcn",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.len() >= 2 && CAR_WORDS.iter().any(|c| w.eq_ignore_ascii_case(c)))
}

/// The six digits of a UK driving licence hold a birth date: decade, month (plus 50 for
/// women) and day, so "ABCDE123456AB1CD" (month 23) is an order reference, not a licence.
fn uk_licence_date_ok(licence: &str) -> bool {
    // After the five surname characters (padded with 9s: "LEE99").
    let digits: Vec<u32> = licence
        .chars()
        .skip(5)
        .filter(|c| !c.is_whitespace())
        .take(6)
        .filter_map(|c| c.to_digit(10))
        .collect();
    if digits.len() < 6 {
        return false;
    }
    let month = digits[1] * 10 + digits[2];
    let day = digits[3] * 10 + digits[4];
    ((1..=12).contains(&month) || (51..=62).contains(&month)) && (1..=31).contains(&day)
}
