//! The name inside one hashtag or handle: split on case changes and cue affixes ("#TeamSophie",
//! "#JacobStrong", "marygarcia"), or a patient already named in the post ("#TeaganTough").

use crate::phi::lexicon::{f, Lexicon};
use crate::phi::ownership::OrgIndex;
use crate::phi::text::fold;

const TAG_PREFIXES: &[&str] = &[
    // "#proudofyoumaddie", "#congratsleo": praise run together with its person.
    "soproudofyou",
    "proudofyou",
    "soproudof",
    "proudof",
    "congrats",
    "welldone",
    "wemissyou",
    "wemiss",
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
    "gogo",
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
/// Prefixes of the tags that root for one person ("#TeamJordan", "#PrayForMia").
pub(super) const SUPPORTERS_PREFIXES: &[&str] = &[
    "team",
    "prayfor",
    "prayingfor",
    "pray4",
    "todoscon",
    "fuerza",
];
/// Suffixes of the same ("#MiaStrong").
pub(super) const SUPPORTERS_SUFFIXES: &[&str] = &["strong", "fuerte", "warrior", "tough"];

/// Spanish imperatives that open campaign hashtags and are also given names or titles.
const TAG_VERBS: &[&str] = &["dona", "salva", "cuida", "vacuna", "protege"];
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
    // "#hazelthegreat", "#leothebrave"
    "thegreat",
    "thebrave",
];

/// Byte range of a name from `named` opening or closing `tag` at a word boundary (a case
/// change or a known affix): "TeaganTough", "fuerzamateo".
pub(super) fn named_in_tag(tag: &str, named: &[String]) -> Option<(usize, usize)> {
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
pub(super) fn name_in_tag(
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
        // "#Macmillan": a word never a name is not split into one ("mac" + "millan").
        if core.len() >= 5 && core.is_ascii() && lex.class(core) & f::NEVER == 0 {
            if good_last(&core[1..]) && core.len() >= 6 {
                return Some(vec![core[..1].to_string(), core[1..].to_string()]);
            }
            for k in 3..core.len() - 2 {
                let (f, l) = core.split_at(k);
                if (good_first(f) || lex.first.contains(f)) && good_last(l) {
                    return Some(vec![f.to_string(), l.to_string()]);
                }
            }
            // "@joeyb_1987": a handle of a given name and the initial of a surname.
            let (f, l) = core.split_at(core.len() - 1);
            if handle && good_first(f) && lex.flags(core) == 0 {
                return Some(vec![f.to_string(), l.to_string()]);
            }
        }
        None
    };
    if parts.len() >= 2 {
        // "@lily_t1d_journey", "@lilymaes_t1d_journey": a handle that tells its owner's care
        // story opens with its owner's name, even a word-name or two run together.
        let story_handle = handle
            && tag.split(['_', '.']).skip(1).any(|seg| {
                let seg = seg.to_ascii_lowercase();
                TAG_SUFFIXES.contains(&seg.as_str()) || TAG_CONDITIONS.contains(&seg.as_str())
            });
        let given = |w: &str| {
            w.len() >= 3
                && lex.first.contains(w)
                && lex.class(w) & f::NEVER == 0
                && !org.name_words.contains(w)
        };
        if story_handle && !tag[..parts[0].1].contains(['_', '.']) {
            let (ps, pe) = parts[0];
            let w = fold(&tag[ps..pe]);
            let core = w.strip_suffix('s').unwrap_or(&w);
            let two_given = core.len() >= 6
                && (3..=core.len() - 3).any(|k| given(&core[..k]) && given(&core[k..]));
            if given(&w) || two_given {
                return Some((ps, pe, vec![w]));
            }
        }
        for (k, &(ps, pe)) in parts.iter().enumerate() {
            let w = fold(&tag[ps..pe]);
            // "#DonaVida", "#SalvaVidas": a verb that opens a campaign's tag, not "Doña".
            if k + 1 < parts.len() && TAG_VERBS.contains(&w.as_str()) {
                continue;
            }
            // "#SanAntonio", "#SantaRosa": a town or a saint.
            if k > 0
                && matches!(
                    fold(&tag[parts[k - 1].0..parts[k - 1].1]).as_str(),
                    "san" | "santa" | "santo" | "st" | "saint"
                )
            {
                continue;
            }
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
                // "#TeamJordan": after a supporters' prefix even a name that is also a
                // country or a word ("jordan") is the person rooted for.
                let rooted_for = prefix_before
                    && SUPPORTERS_PREFIXES.contains(&before.as_str())
                    // "#PrayForOrlando", "#PrayForHouston": a city in mourning.
                    && !lex.cities.contains(w.as_str())
                    && !lex.places.contains(w.as_str());
                let barred = if rooted_for {
                    f::NEVER | f::VIRTUE
                } else {
                    f::NEVER | f::VIRTUE | f::AMBIG
                };
                (nick || suffix_next || prefix_before)
                    && ((w.len() >= 3
                        && lex.first.contains(w.as_str())
                        && lex.class(&w) & barred == 0
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

/// "@lilyruns_cf", "@sarahbakes": a handle part made of a given name and what its owner does
/// (asked only in a post about care: "@hopewalks" may be a charity's walk).
pub(super) fn name_and_hobby(tag: &str, lex: &Lexicon, org: &OrgIndex) -> bool {
    tag.split(['_', '.']).any(|part| {
        let core = part
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .to_ascii_lowercase();
        core.is_ascii()
            && core.len() >= 6
            && (3..core.len() - 2).any(|k| {
                let (f, l) = core.split_at(k);
                HANDLE_HOBBIES.contains(&l)
                    && lex.first.contains(f)
                    && lex.class(f) & f::NEVER == 0
                    && !org.name_words.contains(f)
            })
    })
}

/// What a handle's owner does, after their given name ("@lilyruns", "@jessbakes").
const HANDLE_HOBBIES: &[&str] = &[
    "runs", "bakes", "reads", "writes", "lifts", "rides", "swims", "sings", "paints", "knits",
    "cooks", "draws", "dances", "hikes", "travels", "crafts", "sews", "plays", "codes", "makes",
    "creates", "quilts", "cycles", "walks", "climbs", "shoots", "designs",
];
