//! Hashtags and @handles: names inside them (#PrayForJacob, @maria_gonzalez92), the
//! organisation's own handles, and the handle of a person answered about their care.

use super::care_story::{addressed_as_patient, story_of_care};
use super::tag_names::{
    name_and_hobby, name_in_tag, named_in_tag, SUPPORTERS_PREFIXES, SUPPORTERS_SUFFIXES,
};
use crate::phi::lexicon::Lexicon;
use crate::phi::ownership::OrgIndex;
use crate::phi::text::{fold, tail, PhraseSet, Tokens};
use crate::phi::Cand;
use crate::{Kind, Whose};

/// Names inside hashtags (#PrayForJacob, #teamsophie, #JacobStrong) and @handles
/// (@maria_gonzalez92). The organisation's own handles are not identifiers.
pub(super) fn tags(toks: &Tokens, lex: &Lexicon, org: &OrgIndex, out: &mut Vec<Cand>) {
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
    // Asked once per post: a line of a thousand tags stays linear.
    let care = std::cell::OnceCell::new();
    let said_to_patient = std::cell::OnceCell::new();
    let my_family = std::cell::OnceCell::new();
    let words_outside_tags: std::cell::OnceCell<std::collections::HashSet<&str>> =
        std::cell::OnceCell::new();
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
                // "@karla.eats.green.bsky.social": a Bluesky handle's server is no name.
                let own_part = tag.strip_suffix(".bsky.social").unwrap_or(tag);
                if handle && org.is_org_handle(tag) {
                    out.push(crate::phi::contacts::own_handle(start - 1, end, 3));
                } else if handle && famous_in_camel_case(own_part, lex) {
                    // "Thank you @EliManning for the footballs": a public figure's own account.
                } else if let Some((s, e, name_words)) = (!(handle && business_handle(own_part)))
                    .then(|| name_in_tag(own_part, lex, org, handle))
                    .flatten()
                    // "#CesarChavezDay", "#MarySeacole": a public figure's day or name, not a
                    // patient.
                    .filter(|(_, _, w)| {
                        let famous_words =
                            w.len() >= 2 && lex.famous.contains(w.join(" ").as_str());
                        let famous_tag = !handle && famous_in_camel_case(tag, lex);
                        !famous_words && !famous_tag
                    })
                {
                    let words: Vec<&str> = name_words.iter().map(String::as_str).collect();
                    // "#TeamJordan 💪 our brave 7yo": a supporters' tag on a staff member's
                    // given name that the post names nowhere else roots for a patient.
                    let staff_name = org.is_staff_name(&words);
                    let roots_for_patient = staff_name
                        && !handle
                        && words.len() == 1
                        && supporters_tag(tag)
                        && *care.get_or_init(|| story_of_care(text))
                        && !words_outside_tags
                            .get_or_init(|| words_outside(toks))
                            .contains(words[0]);
                    let staff = staff_name && !roots_for_patient;
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
                    out.push(patient_tag(
                        Kind::PersonName,
                        start + s,
                        start + e,
                        "hashtag with the name of a patient named in the post",
                    ));
                } else if handle && !business_handle(tag) && shares_a_story(&text[end..]) {
                    // "Gracias a @tiajuanita_sa por compartir su historia con la diabetes".
                    out.push(patient_tag(
                        Kind::PersonName,
                        start - 1,
                        end,
                        "handle of a person thanked for sharing their story",
                    ));
                } else if handle
                    && !business_handle(tag)
                    && name_and_hobby(tag, lex, org)
                    && (*care.get_or_init(|| story_of_care(text))
                        || *said_to_patient.get_or_init(|| addressed_as_patient(toks)))
                {
                    // "So proud of @lilyruns_cf finishing her first 5K after heart surgery".
                    out.push(patient_tag(
                        Kind::PersonName,
                        start - 1,
                        end,
                        "handle of a given name and a pastime, in a story of care",
                    ));
                } else if handle
                    && !business_handle(tag)
                    && praised_handle(&text[..i])
                    && *care.get_or_init(|| story_of_care(text))
                {
                    // "So proud of @bigcountry_55 — 6 weeks post-op": the account of the person
                    // whose recovery the post celebrates.
                    out.push(patient_tag(
                        Kind::PersonName,
                        start - 1,
                        end,
                        "handle of a person praised in a story of care",
                    ));
                } else if handle
                    && !business_handle(tag)
                    && reposted_from(&text[..i])
                    && (*care.get_or_init(|| story_of_care(text))
                        || *my_family.get_or_init(|| MY_FAMILY.in_text(text))
                        || OWN_STAY.in_text(text))
                {
                    // "🔁 from @cedarfallsmomof3: 'squeezing my youngest in for stitches'": the
                    // account whose own care story is reshared.
                    out.push(patient_tag(
                        Kind::OtherId,
                        start - 1,
                        end,
                        "handle of a person whose care story is reshared",
                    ));
                } else if handle
                    && opens_reply(&text[..i], org)
                    && !business_handle(tag)
                    && (*care.get_or_init(|| story_of_care(text))
                        || *said_to_patient.get_or_init(|| addressed_as_patient(toks))
                        || personal_reply(text))
                {
                    // A reply opening with someone's handle about their or a relative's care
                    // ("@jmarsh_82 so glad your dad is recovering"): the handle identifies them.
                    out.push(patient_tag(
                        Kind::PersonName,
                        start - 1,
                        end,
                        "handle of a person answered about care",
                    ));
                }
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
}

/// The handle is credited as the author of a reshared post ("🔁 from @…", "via @…",
/// "repost @…", "RT @…").
fn reposted_from(before: &str) -> bool {
    let b = tail(before, 24).trim_end().to_ascii_lowercase();
    let b = b.trim_end_matches(':').trim_end();
    [
        "from",
        "via",
        "repost",
        "reposting",
        "regram",
        "rt",
        "h/t",
        "shared by",
        "🔁",
    ]
    .iter()
    .any(|m| {
        b.ends_with(m) && !b[..b.len() - m.len()].ends_with(|c: char| c.is_ascii_alphanumeric())
    })
}

/// A first-person story of the writer's own family.
static MY_FAMILY: PhraseSet = PhraseSet::new(&[
    "my youngest",
    "my oldest",
    "my son",
    "my daughter",
    "my kid",
    "my baby",
    "my husband",
    "my wife",
    "my mom",
    "my mum",
    "my dad",
    "my little",
    "mi hijo",
    "mi hija",
    "mi bebé",
    "mi esposo",
    "mi esposa",
    "mi mamá",
    "mi papá",
]);

/// A reshared writer's own stay, or the wish the organisation adds to it ("from my bed on
/// Avon Ward", "— get well soon").
static OWN_STAY: PhraseSet = PhraseSet::new(&[
    "my bed",
    "my hospital bed",
    "my op ",
    "my new pacemaker",
    "my stitches",
    "my cast",
    "get well",
    "mi cama",
    "que te mejores",
]);

/// What follows a handle thanks it for telling its own story ("for sharing your journey",
/// "por compartir su historia"); "for sharing these tips" is an account passing news on.
/// "So proud of @…", "congrats to @…", "felicidades a @…": praise said to the handle that follows.
fn praised_handle(before: &str) -> bool {
    let b = tail(before, 24).to_lowercase();
    let b = b.trim_end();
    [
        "proud of",
        "congrats",
        "congrats to",
        "congratulations",
        "congratulations to",
        "shoutout to",
        "shout out to",
        "shout-out to",
        "kudos to",
        "welcome back",
        "orgullosos de",
        "felicidades a",
        "felicidades",
    ]
    .iter()
    .any(|p| b.ends_with(p))
}

fn shares_a_story(after: &str) -> bool {
    let head: String = after.chars().take(60).collect::<String>().to_lowercase();
    let words: Vec<&str> = head
        .split(|c: char| !c.is_alphanumeric() && c != 'í')
        .filter(|w| !w.is_empty())
        .collect();
    let Some(k) = words.windows(2).position(|w| {
        matches!(
            (w[0], w[1]),
            ("for", "sharing" | "telling") | ("por", "compartir" | "contar" | "contarnos")
        )
    }) else {
        return false;
    };
    k <= 1
        && words.iter().skip(k + 2).take(4).any(|w| {
            matches!(
                *w,
                "story" | "journey" | "experience" | "historia" | "experiencia" | "testimonio"
            )
        })
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
        "state",
        "univ",
        "nurses",
        "center",
        "centre",
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

/// A tag that roots for someone: "#TeamJordan", "#PrayForMia", "#MiaStrong", "#FuerzaMia".
fn supporters_tag(tag: &str) -> bool {
    let low = tag.to_ascii_lowercase();
    SUPPORTERS_PREFIXES.iter().any(|p| low.starts_with(p))
        || SUPPORTERS_SUFFIXES.iter().any(|p| low.ends_with(p))
}

/// The folded words of the post outside hashtags, handles and addresses.
fn words_outside<'t>(toks: &'t Tokens) -> std::collections::HashSet<&'t str> {
    (0..toks.toks.len())
        .filter(|&k| !matches!(toks.toks[k].prefix, '#' | '@' | '.' | '_'))
        .map(|k| toks.folded(k))
        .collect()
}

/// A finding of a hashtag or handle that identifies a patient.
fn patient_tag(kind: Kind, start: usize, end: usize, reason: &str) -> Cand {
    Cand {
        kind,
        start,
        end,
        whose: Whose::Patient,
        reason: reason.into(),
        prio: 3,
    }
}

/// A public figure's name spelt in the tag's capitalised words ("MarySeacole",
/// "ThankYouFlorenceNightingale"), two to four words long.
fn famous_in_camel_case(tag: &str, lex: &Lexicon) -> bool {
    // The tag lower-cased with a space before each capital, and where each word starts.
    let mut spaced = String::with_capacity(tag.len() + 8);
    let mut starts = Vec::new();
    for c in tag.chars() {
        if c.is_uppercase() || starts.is_empty() {
            if !starts.is_empty() {
                spaced.push(' ');
            }
            starts.push(spaced.len());
        }
        spaced.extend(c.to_lowercase());
    }
    let end_of = |k: usize| starts.get(k + 1).map_or(spaced.len(), |&s| s - 1);
    (2..=4).any(|len| {
        (0..(starts.len() + 1).saturating_sub(len))
            .any(|k| lex.famous.contains(&spaced[starts[k]..end_of(k + len - 1)]))
    })
}
