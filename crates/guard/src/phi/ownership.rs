//! Whose is an identifier: the organisation's own contact points and its staff directory,
//! normalised once so that "(415) 555-0132" matches "+1 415.555.0132" and "123 Main St."
//! matches "123 Main Street".

use super::lexicon::Fnv;
use super::names::COURTESY_TITLES;
use super::text::fold;
use crate::OrgProfile;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

type Set = HashSet<String, BuildHasherDefault<Fnv>>;

#[derive(Default)]
pub(crate) struct OrgIndex {
    phones: HashSet<String>,
    domains: Vec<String>,
    emails: HashSet<String>,
    handles: HashSet<String>,
    /// Normalised "number first-street-word" keys, e.g. "123 main".
    street_keys: HashSet<String>,
    /// Normalised full street lines, e.g. "123 main street".
    streets: Vec<String>,
    /// Folded words of the org's addresses (cities, counties, street names).
    pub address_words: Set,
    zips: HashSet<String>,
    /// Folded city names of the org's addresses ("marysville", "cedar falls").
    pub cities: Vec<String>,
    /// Folded words of the organisation's name ("mercy", "grace"): never a person there.
    pub name_words: Set,
    /// Folded staff names split in words, and the full names.
    staff_words: Set,
    staff_full: Vec<Vec<String>>,
    /// Surnames of staff listed with a courtesy title ("Mr. Hamish Fraser"): for them "Mr
    /// Fraser" is the staff member, for a "Dr. Rajesh Venkataraman" it is someone else.
    pub courtesy_surnames: Set,
}

const TITLES: &[&str] = &[
    "dr",
    "dra",
    "doctor",
    "doctora",
    "nurse",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "prof",
    "professor",
    "sr",
    "sra",
    "srta",
    "rn",
    "md",
    "do",
    "np",
    "pa",
    "phd",
    "lpn",
    "cnm",
    "crna",
    "dds",
    "dmd",
    "pharmd",
    "facs",
    "facp",
    "mph",
    "msn",
    "bsn",
    "dnp",
    "jr",
    "iii",
    "ii",
];

pub(crate) fn digits(s: &str) -> String {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    // Compare the national number: drop a leading US country code.
    if d.len() == 11 && d.starts_with('1') {
        d[1..].to_string()
    } else {
        d
    }
}

pub(crate) fn domain_of(url: &str) -> String {
    let u = url.trim().to_ascii_lowercase();
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(&u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_string()
}

fn street_word(w: &str) -> &str {
    match w {
        "st" | "str" => "street",
        "ave" | "av" | "avenue" => "avenue",
        "rd" => "road",
        "blvd" => "boulevard",
        "dr" => "drive",
        "ln" => "lane",
        "ct" => "court",
        "pl" => "place",
        "pkwy" => "parkway",
        "hwy" => "highway",
        "cir" => "circle",
        "ter" => "terrace",
        "ste" => "suite",
        "n" => "north",
        "s" => "south",
        "e" => "east",
        "w" => "west",
        _ => w,
    }
}

/// "123 Main St., Suite 4" -> ["123", "main", "street", "suite", "4"].
pub(crate) fn address_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| street_word(w).to_string())
        .collect()
}

fn street_key(words: &[String]) -> Option<String> {
    let n = words
        .iter()
        .position(|w| w.chars().all(|c| c.is_ascii_digit()))?;
    let name = words[n + 1..]
        .iter()
        .find(|w| !matches!(w.as_str(), "north" | "south" | "east" | "west"))?;
    Some(format!("{} {}", words[n], name))
}

impl OrgIndex {
    pub fn new(p: &OrgProfile) -> OrgIndex {
        let mut ix = OrgIndex::default();
        for ph in &p.phones {
            let d = digits(ph);
            if d.len() >= 7 {
                ix.phones.insert(d);
            }
        }
        for w in &p.websites {
            let d = domain_of(w);
            if !d.is_empty() {
                ix.domains.push(d);
            }
        }
        for e in &p.emails {
            let e = e.trim().to_ascii_lowercase();
            if let Some((_, d)) = e.split_once('@') {
                ix.domains.push(d.to_string());
            }
            ix.emails.insert(e);
        }
        for h in &p.handles {
            ix.handles
                .insert(h.trim().trim_start_matches('@').to_ascii_lowercase());
        }
        for a in &p.addresses {
            let words = address_words(a);
            if let Some(k) = street_key(&words) {
                ix.street_keys.insert(k);
            }
            // UK postcodes ("BS1 4QA") are two words; keep them whole too.
            for pair in words.windows(2) {
                ix.zips.insert(format!("{}{}", pair[0], pair[1]));
            }
            // Cities: comma-separated parts without digits or street words ("Marysville").
            for part in a.split(',') {
                let part_words = address_words(part);
                let part_words: Vec<&String> = part_words
                    .iter()
                    .filter(|w| {
                        (w.len() != 2 || !part.contains(&w.to_ascii_uppercase()))
                            && !w.chars().any(|c| c.is_ascii_digit())
                    })
                    .collect();
                let streety = part_words.iter().any(|w| {
                    matches!(
                        w.as_str(),
                        "street"
                            | "avenue"
                            | "road"
                            | "boulevard"
                            | "drive"
                            | "lane"
                            | "court"
                            | "place"
                            | "parkway"
                            | "highway"
                            | "suite"
                            | "way"
                            | "hospital"
                            | "quay"
                    )
                });
                if !streety
                    && !part_words.is_empty()
                    && part_words.len() <= 3
                    && !part
                        .chars()
                        .take_while(|c| !c.is_alphabetic())
                        .any(|c| c.is_ascii_digit())
                {
                    let city: Vec<String> = part_words.iter().map(|w| w.to_string()).collect();
                    ix.cities.push(city.join(" "));
                }
            }
            for w in &words {
                if w.len() == 5 && w.chars().all(|c| c.is_ascii_digit()) {
                    ix.zips.insert(w.clone());
                }
                ix.address_words.insert(w.clone());
            }
            ix.streets.push(words.join(" "));
        }
        for w in fold(&p.name).split(|c: char| !c.is_alphanumeric()) {
            if w.len() > 1 {
                ix.name_words.insert(w.to_string());
            }
        }
        for s in &p.staff {
            let words: Vec<String> = fold(s)
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
                .filter(|w| w.len() > 1 && !TITLES.contains(w))
                .map(str::to_string)
                .collect();
            for w in &words {
                ix.staff_words.insert(w.clone());
            }
            let courtesy = fold(s)
                .split_whitespace()
                .next()
                .is_some_and(|w| COURTESY_TITLES.contains(&w.trim_end_matches('.')));
            if courtesy {
                if let Some(last) = words.last() {
                    ix.courtesy_surnames.insert(last.clone());
                }
            }
            if !words.is_empty() {
                ix.staff_full.push(words);
            }
        }
        ix
    }

    pub fn is_org_phone(&self, s: &str) -> bool {
        // "(937) 555-0100 ext. 4412": the org's line with an extension.
        let s = if s.bytes().any(|b| b == b'x' || b == b'X') {
            let lower = s.to_ascii_lowercase();
            ["ext", " x"]
                .iter()
                .filter_map(|e| lower.find(e))
                .min()
                .map_or(s, |k| &s[..k])
        } else {
            s
        };
        let d = digits(s);
        self.phones.contains(&d)
            // "555-0199" written without the area code of an org number.
            || (d.len() == 7 && self.phones.iter().any(|p| p.ends_with(d.as_str())))
            || (d.len() >= 10 && self.phones.iter().any(|p| p.len() >= 10 && d.ends_with(p.as_str())))
    }

    /// A number a few lines from one of the organisation's own ("fax: (210) 555-0149" beside
    /// its 555-0148): a line of the same switchboard.
    pub fn beside_org_phone(&self, s: &str) -> bool {
        let d = digits(s);
        let last4 = |x: &str| x[6..].parse::<i32>().unwrap_or(-1000);
        d.len() == 10
            && self
                .phones
                .iter()
                .any(|p| p.len() == 10 && p[..6] == d[..6] && (last4(p) - last4(&d)).abs() <= 20)
    }

    pub fn is_org_domain(&self, host: &str) -> bool {
        self.domains
            .iter()
            .any(|d| host == d || host.ends_with(&format!(".{d}")))
    }

    pub fn is_org_email(&self, email: &str) -> bool {
        let e = email.to_ascii_lowercase();
        self.emails.contains(&e)
            || e.split_once('@')
                .is_some_and(|(_, d)| self.is_org_domain(d))
    }

    pub fn is_org_handle(&self, handle: &str) -> bool {
        self.handles
            .contains(&handle.trim_start_matches('@').to_ascii_lowercase())
    }

    pub fn is_org_address(&self, s: &str) -> bool {
        let words = address_words(s);
        if let Some(k) = street_key(&words) {
            return self.street_keys.contains(&k);
        }
        let joined = words.join(" ");
        !joined.is_empty() && self.streets.iter().any(|a| a.contains(&joined))
    }

    pub fn is_org_zip(&self, zip: &str) -> bool {
        let z = zip.to_ascii_lowercase().replace(' ', "");
        self.zips.contains(&z) || self.zips.contains(&z[..z.len().min(5)])
    }

    /// Given name and surname of each staff member (the last two words of the directory
    /// entry, after any job title: "Child Life Specialist Joy Park" gives ("joy", "park")).
    pub fn staff_pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.staff_full
            .iter()
            .filter(|w| w.len() >= 2)
            .map(|w| (w[w.len() - 2].as_str(), w[w.len() - 1].as_str()))
    }

    /// A word of some staff member's name (folded).
    pub fn is_staff_word(&self, w: &str) -> bool {
        self.staff_words.contains(w)
    }

    /// True when every word of the (folded) name belongs to one staff member, e.g. "Dr. Lee",
    /// "Alicia", "Alicia Gomez" for "Dr. Alicia Gomez, MD".
    pub fn is_staff_name(&self, words: &[&str]) -> bool {
        let words: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| w.len() > 1 && !TITLES.contains(w))
            .collect();
        if words.is_empty() || !words.iter().all(|w| self.staff_words.contains(*w)) {
            return false;
        }
        self.staff_full
            .iter()
            .any(|full| words.iter().all(|w| full.iter().any(|f| f == w)))
    }
}
