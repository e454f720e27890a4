//! Names written on lost property ("a jumper labelled 'Ozzie Thistlewood, Year 4'", "a
//! blanket with 'Isla - BS13' embroidered on it"): they
//! identify its owner, whatever the words around them. So do a quoted nickname ("el señor
//! que le dicen 'El Chato'", "known as 'Big Mike'") and a player's name on a jersey ("a
//! shirt that says 'GONZÁLEZ 23'").

use crate::phi::lexicon::{self, f};
use crate::phi::text::fold;
use crate::phi::Cand;

/// "a jumper labelled 'Ozzie Thistlewood, Year 4'", "a band engraved 'Luz & Teo 1988'": the
/// names written on lost property identify its owner, whatever the words around them ("a
/// hoodie with 'ELLIS-WARD 10' written inside the collar").
pub(crate) fn on_labels(text: &str, out: &mut Vec<Cand>) {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r#"(?i:label(?:l)?ed|engraved|inscribed|(?:name\s+)?tag\s+(?:inside\s+)?(?:says|reads)|with\s+the\s+name|grabad[oa]\s+con|con\s+el\s+nombre(?:\s+de)?)\s*:?\s*['"“‘](?P<q>[^'"”’\n]{2,60})['"”’]|['"“‘](?P<q2>[^'"”’\n]{2,60})['"”’]\s+(?i:embroidered|stitched|sewn|bordad[oa]|written\s+(?:inside|on|in))|(?i:le\s+dicen|le\s+decimos|apodad[oa])\s+['"“‘](?P<nick>[^'"”’\n]{2,40})['"”’]|(?i:known\s+as|nicknamed|goes\s+by)\s+['"“‘](?P<q3>[^'"”’\n]{2,40})['"”’]|(?i:jersey|shirt|camiseta|playera|sudadera)\s+(?i:that\s+says|that\s+reads|says|reads|que\s+dice|with|con)\s*:?\s*['"“‘](?P<q4>[^'"”’\n]{2,40})['"”’]"#,
        )
        .expect("label regex")
    });
    let lex = lexicon::get();
    for c in re.captures_iter(text) {
        // "labelled 'Ozzie'" or "'Isla - BS13' embroidered on it"; "el señor que le dicen
        // 'El Chato'": a nickname, whatever its words mean.
        let nick = c.name("nick");
        let q = c
            .name("q")
            .or_else(|| c.name("q2"))
            .or(nick)
            .or_else(|| c.name("q3"))
            // "a shirt that says 'GONZÁLEZ 23'": a player's name on a jersey.
            .or_else(|| c.name("q4"))
            .expect("quoted");
        let reason = if nick.is_some() || c.name("q3").is_some() {
            "nickname a person goes by"
        } else {
            "name written on someone's belongings"
        };
        let mut run: Option<(usize, usize)> = None;
        let mut flush = |run: &mut Option<(usize, usize)>| {
            if let Some((s, e)) = run.take() {
                out.push(Cand::patient_name(s, e, reason));
            }
        };
        // Words of the quote with their byte offsets; a run of name-like words joined by
        // single spaces is one name ("Ozzie Thistlewood"), anything else ends it ("Luz & Teo").
        let quote = q.as_str();
        let is_word = |ch: char| ch.is_alphabetic() || ch == '-' || ch == '\'';
        let mut k = 0;
        while k < quote.len() {
            let ch = quote[k..].chars().next().expect("char");
            if !is_word(ch) {
                if ch != ' ' || run.is_some_and(|(_, e)| e != q.start() + k) {
                    flush(&mut run);
                }
                k += ch.len_utf8();
                continue;
            }
            let len = quote[k..]
                .find(|c: char| !is_word(c))
                .unwrap_or(quote.len() - k);
            let w = &quote[k..k + len];
            let (s, e) = (q.start() + k, q.start() + k + len);
            k += len;
            let folded = fold(w);
            // "BS13": a postcode's letters, not a name.
            let code = quote[k..].starts_with(|c: char| c.is_ascii_digit());
            // "'EMMA K. — Rm 12 Mrs. Ortiz'": a title is not part of the name.
            let namelike = !code
                && lex.flags(&folded) & (f::TITLE | f::STAFF_TITLE) == 0
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().count() >= 2
                // A word that is also a surname ("Class", "Year") is the word here; the
                // nickname Spanish speakers give someone ("le dicen 'El Chato'") is all name
                // but its article ("known as 'The Loop'" may name a bus).
                && if nick.is_some() {
                    lex.flags(&folded) & f::FUNC == 0
                        && !matches!(folded.as_str(), "el" | "la" | "the" | "los" | "las")
                } else {
                    folded
                        .split('-')
                        .all(|p| lex.first.contains(p) || !lex.words.contains(p))
                };
            if namelike {
                run = Some(run.map_or((s, e), |(rs, _)| (rs, e)));
            } else {
                flush(&mut run);
            }
        }
        flush(&mut run);
    }
}
