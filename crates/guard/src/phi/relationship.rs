//! Replies that confirm the reader is a patient ("we're glad your surgery went well", "thanks
//! for visiting us, we hope your knee recovers"). Confirming a care relationship in public is
//! itself a disclosure, even without a name, so it is reported (as `other_id`).

use super::text::Tokens;
use super::Cand;
use crate::{Kind, Whose};
use regex::Regex;
use std::sync::OnceLock;

fn re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let care = r"(?:recent\s+)?(?:surgery|procedure|operation|stay|visit|treatment|diagnosis|delivery|biopsy|scan|mri|chemo|therapy|test\s+results|results|knee|hip|shoulder|ankle|wrist|back|heart|baby|labor|recovery|hospital\s+stay|er\s+visit|appointment\s+yesterday)";
        let p = format!(
            r"(?i)(?:(?:glad|happy|sorry|pleased|relieved|thrilled)\s+(?:to\s+hear\s+)?(?:that\s+)?your\s+{care}|your\s+{care}\s+(?:went|goes|is\s+going|was\s+(?:a\s+)?success|recover(?:s|ing|ed)?|heals?|is\s+healing)|(?:hope|wish)\s+your\s+{care}\s+(?:recover(?:s|ing)?|heals?|goes|went|is)|during\s+your\s+(?:recent\s+)?(?:stay|visit|surgery|treatment)\s+(?:with\s+us|here|at\s+our)|(?:su|tu)\s+(?:cirug[ií]a|operaci[oó]n|visita|estancia|tratamiento|rodilla|cadera)\s+(?:sali[oó]\s+bien|fue\s+un\s+[eé]xito|se\s+recupere))"
        );
        Regex::new(&p).expect("relationship regex")
    })
}

pub(crate) fn find(toks: &Tokens, out: &mut Vec<Cand>) {
    let text = toks.text;
    let b = text.as_bytes();
    // Substring searches are SIMD-fast; the regex runs only when a second person is there.
    let second_person = [
        "your", "Your", "YOUR", "su ", "Su ", "SU ", "tu ", "Tu ", "TU ",
    ]
    .iter()
    .any(|w| text.contains(w));
    if !second_person {
        return;
    }
    for m in re().find_iter(text) {
        let s = m.start();
        if s > 0 && b[s - 1].is_ascii_alphanumeric() {
            continue;
        }
        out.push(Cand {
            kind: Kind::OtherId,
            start: s,
            end: m.end(),
            whose: Whose::Patient,
            reason: "confirms the reader was treated here".into(),
            prio: 1,
        });
    }
}
