//! Names said to a person: greeted or signed off ("welcome home, Lark!"), thanked ("Thanks,
//! Dana!"), spoken to in the second person, and lower-case given names addressed or praised.

use super::care_story::{addressed_as_patient, story_of_care};
use super::cues::PERSON_NOUNS;
use crate::phi::lexicon::f;
use crate::phi::ownership::OrgIndex;
use crate::phi::text::{head, tail, Case, Tokens};
use crate::phi::Cand;
use crate::{Kind, Whose};

/// ", you are a rockstar", ", you did it", ", eres": a comma and then the person addressed.
pub(super) fn second_person_after(after: &str) -> bool {
    let Some(a) = after.strip_prefix(", ") else {
        return false;
    };
    // The longest phrase is 16 bytes: lower-case only the head (a huge line stays linear).
    let a = head(a, 24).to_ascii_lowercase();
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

/// What follows a word that is thanked or greeted and says it is a person: ", who ...",
/// " and her brother", ", she ...".
/// "welcome home, |Lark|!", "Love, |Atlas|'": `before` ends in a personal greeting and a comma,
/// and `after` closes the sentence.
pub(super) fn closing_greeting(before: &str, after: &str) -> bool {
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
    let b = tail(b.trim_end(), 32).to_lowercase();
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
pub(super) fn thanking_sentence(before: &str) -> bool {
    let start = before.rfind(['.', '!', '?', '\n']).map_or(0, |k| k + 1);
    // The sentence's first words are enough (and keep this cheap on a 10 MB line).
    let head: String = before[start..].trim_start().chars().take(24).collect();
    let s = head.to_lowercase();
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
pub(super) fn thanks_for_close(toks: &Tokens, i: usize) -> bool {
    let t = toks.toks[i];
    let after = toks.text[t.end..].trim_start();
    if !(after.is_empty() || after.starts_with(['!', '.'])) {
        return false;
    }
    // "Thanks for your patience.": a determiner makes it a thing.
    if i > 0
        && matches!(
            toks.folded(i - 1),
            "your"
                | "ur"
                | "the"
                | "my"
                | "our"
                | "his"
                | "her"
                | "their"
                | "tu"
                | "su"
                | "la"
                | "el"
                | "los"
                | "las"
                | "this"
                | "that"
                | "a"
                | "an"
        )
    {
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
pub(super) fn said_to_a_person(before: &str, after: &str) -> bool {
    before
        .trim_end()
        .strip_suffix(',')
        .is_some_and(|b| said_to(b, after))
}

/// Words said to a person end `b`, and the word after them closes the sentence. Only the
/// last words of `b` are read, so a long post costs no more per word.
fn said_to(b: &str, after: &str) -> bool {
    let a = after.trim_start();
    if !(a.is_empty()
        || a.starts_with(['!', '.', '?', '—'])
        || !a.starts_with(|c: char| {
            c.is_alphanumeric() || matches!(c, ',' | ';' | ':' | '(' | '-' | '\'' | '’')
        }))
    {
        return false;
    }
    let b = tail(b.trim_end(), 32).to_lowercase();
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
            // "no te preocupes marisela 😂"
            | "preocupes"
            | "preocupe"
    ) || [
        "well done",
        "good luck",
        "get well soon",
        "feel better",
        "feel better soon",
        "happy retirement",
        "hang in there",
        "take care",
        "welcome home",
        "welcome back",
        // "love this, Pat!": a reaction to what the person shared.
        "love this",
        "love that",
        "love it",
        "way to go",
        "so proud",
        "bravo",
    ]
    .iter()
    .any(|p| b.ends_with(p))
}

/// Wishes only said to someone in care ("get well soon bob").
const CARE_WISHES: &[&str] = &[
    "get well soon",
    "feel better",
    "feel better soon",
    "welcome home",
];

/// Endearments that are also given names: "welcome home buddy" greets anyone.
const ENDEARMENTS: &[&str] = &[
    "buddy", "bud", "champ", "kiddo", "sunshine", "honey", "sweetie", "love", "hun", "mate", "pal",
    "sis", "bro", "amigo", "amiga", "mija", "mijo", "gorgeous", "darling", "angel",
];

/// Lower-case token `i` closes a sentence of words said to a person ("thank you kim!",
/// "welcome home jen!!"), with no comma before it.
/// "hope pete feels better soon", "So glad Ruby's feeling better": a wish for, or joy at,
/// someone's recovery.
pub(super) fn wished_recovery(toks: &Tokens, i: usize) -> bool {
    let n = toks.toks.len();
    let better = |j: usize| {
        j < n
            && matches!(
                toks.folded(j),
                "better" | "well" | "home" | "feeling" | "doing" | "back" | "recovering"
            )
    };
    let contracted = toks.possessive(i);
    i > 0
        && matches!(
            toks.folded(i - 1),
            "hope" | "hoping" | "praying" | "glad" | "happy" | "relieved"
        )
        && i + 1 < n
        && toks.toks[i + 1].sentence == toks.toks[i].sentence
        && if contracted {
            better(i + 1)
        } else {
            matches!(toks.folded(i + 1), "feels" | "gets" | "recovers" | "is") && better(i + 2)
        }
}

fn wished(toks: &Tokens, i: usize) -> bool {
    let t = toks.toks[i];
    !ENDEARMENTS.contains(&toks.folded(i)) && said_to(&toks.text[..t.start], &toks.text[t.end..])
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
    "lil",
    "wee",
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

/// Wishes and praise that close on the person they are said to ("happy 16th bday ellie!!!",
/// "bien hecho jenny!!"), when no lower-case word follows ("best bday ever even tho").
const CLOSING_PRAISE: &[&str] = &["bday", "birthday", "cumple", "cumpleanos", "hecho", "job"];

/// Lower-case given names with no title or capital: cheap to miss, so in a post about care a
/// known given name that is addressed or praised is taken as a person. Names that are also
/// words ("lily", "hope", "will") need a care story and a praise word before them.
pub(super) fn lowercase_addressed(toks: &Tokens, org: &OrgIndex, out: &mut Vec<Cand>) {
    let n = toks.toks.len();
    let care = std::cell::OnceCell::new();
    for i in 0..n {
        let t = toks.toks[i];
        // "little june from the college hill neighborhood — she's out of the PICU": a month
        // that is also a girl's name, after an endearment and before her pronoun.
        let month_child = t.case == Case::Lower
            && matches!(toks.folded(i), "june" | "april")
            && i > 0
            && matches!(toks.folded(i - 1), "little" | "lil" | "baby" | "sweet")
            // "a little june sunshine": a determiner makes it the month.
            && !(i > 1
                && matches!(
                    toks.folded(i - 2),
                    "a" | "an" | "the" | "some" | "this" | "that" | "with"
                ))
            && (i + 1..(i + 9).min(n)).any(|k| {
                matches!(toks.folded(k), "she" | "she's" | "her" | "ella")
            });
        if month_child {
            out.push(Cand::patient_name(
                t.start,
                t.end,
                "lower-case given name after an endearment, with her pronoun",
            ));
            continue;
        }
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
        let folded = toks.folded(i);
        let w = folded.strip_suffix("'s").unwrap_or(folded);
        if w.chars().count() < 3 || PERSON_NOUNS.contains(&w) {
            continue;
        }
        // "bring your nan!": after a possessive the word is a common noun ("nan", "gran").
        if i > 0
            && matches!(
                toks.folded(i - 1),
                "your" | "ur" | "my" | "our" | "his" | "her" | "their" | "tu" | "su" | "mi"
            )
        {
            continue;
        }
        let same = |j: usize| toks.toks[j].sentence == t.sentence && toks.gap_before(j + 1) == " ";
        let prev = (i > 0 && same(i - 1)).then(|| toks.folded(i - 1));
        let prev2 = (i > 1 && same(i - 1) && same(i - 2)).then(|| toks.folded(i - 2));
        let next = (i + 1 < n
            && toks.toks[i + 1].sentence == t.sentence
            && matches!(toks.gap_before(i + 1), " " | ", "))
        .then(|| toks.folded(i + 1));
        // "so sorry jim 😞 that's not …": an apology said to the name that closes it.
        let sorry = prev == Some("sorry")
            && (i + 1 >= n || toks.gap_before(i + 1).trim() != "")
            && !t.sentence_start;
        let closes =
            !(i + 1 < n && toks.gap_before(i + 1) == " " && toks.toks[i + 1].case == Case::Lower);
        let praised = sorry
            || prev.is_some_and(|p| {
                PRAISE_PREV.contains(&p) || (closes && CLOSING_PRAISE.contains(&p))
            });
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
        // "congrats linda!!!": congratulations that close on the word are said to a person.
        let congratulated = matches!(prev, Some("congrats" | "congratulations"))
            && !ENDEARMENTS.contains(&w)
            && toks.text[t.end..].starts_with(['!', '.']);
        // "tell tommy the ED crew said hi": a message passed on to someone.
        let message_for = prev == Some("tell")
            && next.is_some_and(|x| {
                matches!(
                    x,
                    "the" | "we" | "that" | "i" | "how" | "our" | "everyone" | "thanks"
                )
            });
        // "ty for the ⭐s deb!!", "thanks for the lovely review maria!": the name that closes a
        // thank-you is the person thanked.
        let thanked = !t.sentence_start && thanks_for_close(toks, i);
        // "maria", "deb": names whose dictionary sense is rare count as names here too.
        let ambiguous = toks.is(i, f::AMBIG) || (toks.is(i, f::WORD) && !toks.is(i, f::OVERWORD));
        // "ray ur swab was neg!!": the reader's own results or visit, said to the name.
        let results_told = addressed
            && i + 2 < n
            && matches!(next, Some("ur" | "your"))
            && matches!(
                toks.folded(i + 2),
                "swab"
                    | "test"
                    | "tests"
                    | "results"
                    | "result"
                    | "labs"
                    | "scan"
                    | "xray"
                    | "x-ray"
                    | "bloodwork"
                    | "biopsy"
                    | "mri"
                    | "refill"
                    | "prescription"
                    | "rx"
                    | "appt"
                    | "appointment"
            );
        // "so glad you enjoyed the visit brenda!!": a name that closes a sentence said to
        // "you" is the person spoken to.
        let vocative = !t.sentence_start
            && toks.text[t.end..].starts_with(['!', '?'])
            && (i.saturating_sub(12)..i).any(|k| {
                toks.toks[k].sentence == t.sentence
                    && matches!(toks.folded(k), "you" | "u" | "your" | "ur" | "tu" | "usted")
            });
        // "special mention to jade who did it all while pregnant": a shout-out to someone
        // who did something is to a person, whatever the word.
        let shout_out_who = prev == Some("to")
            && next == Some("who")
            && prev2.is_some_and(|p| {
                matches!(
                    p,
                    "mention" | "shoutout" | "shout-out" | "out" | "thanks" | "kudos" | "congrats"
                )
            });
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
            // "get well soon bob", "welcome home jen!!": a wish for someone cared for, closing
            // its sentence, is said to a person whatever the word.
            // "We hope you feel better soon!": the wish's own last word is no name.
            let care_wish =
                !matches!(w, "soon" | "today" | "again" | "now") && wished(toks, i) && {
                    let b = tail(toks.text[..t.start].trim_end(), 32).to_lowercase();
                    CARE_WISHES.iter().any(|p| b.ends_with(p))
                };
            // "hi chase! yes ur grandma can come": the greeting that opens a reply names who
            // it answers.
            let greeted_reply = i > 0
                && toks.toks[i - 1].sentence_start
                && matches!(prev, Some("hi" | "hey" | "hello" | "hola"))
                && !ENDEARMENTS.contains(&w)
                && toks.text[t.end..].starts_with(['!', ',']);
            care_wish
                || greeted_reply
                || shout_out_who
                || results_told
                || congratulated
                || message_for
                || ((praised || proud_of || day_to || told || thanked)
                    && *care.get_or_init(|| story_of_care(toks.text) || addressed_as_patient(toks)))
        } else {
            // "esp jenna, marcus & 'tiny'": given names listed together, each no word.
            let plain_name = |j: usize| {
                toks.toks[j].case == Case::Lower
                    && toks.folded(j).len() >= 3
                    && toks.is(j, f::FIRST)
                    && !toks.is(j, f::WORD | f::AMBIG | f::NEVER | f::FUNC | f::KIN)
            };
            let listed =
                (i + 1 < n && matches!(toks.gap_before(i + 1), ", " | " & ") && plain_name(i + 1))
                    || (i > 0 && matches!(toks.gap_before(i), ", " | " & ") && plain_name(i - 1));
            listed
                || praised
                || wished_recovery(toks, i)
                || proud_of
                || day_to
                || addressed
                || thanked
                || message_for
                || vocative
                || wished(toks, i)
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
            // "lil sammy's 1st bath": the name without its "'s".
            end: super::without_possessive(toks.text, t.end),
            whose,
            reason: "lower-case given name addressed or praised".to_string(),
            prio: 3,
        });
    }
}

/// "GO MASON GO!!", "go lily go": a given name cheered on, in any case, even one that is also
/// a word ("Go Team Go" and "Go Riverside go" are no one).
pub(super) fn cheered(toks: &Tokens, org: &OrgIndex, out: &mut Vec<Cand>) {
    let n = toks.toks.len();
    for i in 1..n.saturating_sub(1) {
        if toks.folded(i - 1) != "go"
            || toks.folded(i + 1) != "go"
            || toks.gap_before(i) != " "
            || toks.gap_before(i + 1) != " "
            || !toks.is(i, f::FIRST)
            || toks.is(i, f::NEVER | f::FUNC | f::TITLE | f::STAFF_TITLE | f::KIN)
            || org.name_words.contains(toks.folded(i))
        {
            continue;
        }
        let t = toks.toks[i];
        let whose = if org.is_staff_name(&[toks.folded(i)]) {
            Whose::Staff
        } else {
            Whose::Patient
        };
        out.push(Cand {
            kind: Kind::PersonName,
            start: t.start,
            end: t.end,
            whose,
            reason: "given name cheered on".to_string(),
            prio: 3,
        });
    }
}
