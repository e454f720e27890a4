//! misinformation: false health claims asserted as fact, told apart from the same claim
//! asked about, reported in order to ask, or debunked.

use crate::triage::context::*;
use crate::triage::lexicon::Feature::*;

/// Returns the logit and whether a myth was quoted in order to ask about or debunk it.
pub(crate) fn misinformation(cx: &Context) -> (f32, bool) {
    let s = cx.sig;
    let debunked = s.of(Debunk).any(|h| !s.overlaps(h, MythClaim));
    // A myth passed on ("my friend says…") is asked about only when the writer asks.
    let reported = s.has(AskTruth) || (s.has(Reported) && cx.question);
    let rhetoric = s.has(Rhetoric);
    let mut asserted = 0.0f32;
    let mut soft = 0.0f32;
    let mut asked = false;
    for (i, st) in s.sent.iter().enumerate() {
        let st = *st;
        let claim_strong = st.has(MythClaim)
            || (st.has(VaxTopic) && st.has(VaxHarm))
            || (st.has(FiveG) && (st.has(CovidTopic) || st.has(Cause)))
            || (st.has(QuackRemedy) && st.has(Cure))
            || (st.has(CovidTopic) && st.has(CovidDenial))
            || generic_cure_claim(cx, i as u32)
            || medicine_smeared(cx, i as u32)
            || remedy_kills(cx, i as u32);
        // "Microwaving destroys all the nutrients", "X is a neurotoxin": a harm asserted of
        // a medicine or remedy in general, not in someone's story.
        let harm_asserted =
            st.has(HarmVerb) && st.any(&[MedicalGood, QuackRemedy, Medication]) && !st.any(PERSON);
        let claim_soft = st.has(MythSoft)
            || harm_asserted
            || (st.has(QuackRemedy) && st.any(&[CovidTopic, Condition, Illness]))
            || generic_cause_claim(cx, i as u32);
        if !claim_strong && !claim_soft {
            continue;
        }
        let negated = claim_negated(cx, i as u32);
        let question = cx.is_question(i as u32);
        if (question || reported) && !rhetoric {
            asked = true;
            continue;
        }
        if debunked || (negated && !st.has(MythClaim)) {
            asked = true;
            continue;
        }
        if claim_strong {
            asserted = asserted.max(3.4);
        } else if generic_cause_claim(cx, i as u32) || (harm_asserted && !cx.question) {
            // Stated as fact about a condition with no known true cause named.
            soft += 2.2;
        } else {
            soft += 1.3;
        }
    }
    let claimed = asserted > 0.0 || soft > 0.0;
    // A claim that ends by telling everyone what to do ("stop using them", "nunca lo
    // hagan") is being pushed, not wondered about.
    let pushed = claimed && !asked && s.has(PublicImperative) && !cx.question;
    let mut x = -2.0 + asserted + soft.min(2.6) + if pushed { 1.4 } else { 0.0 };
    // Certainty rhetoric ("any parent knows", "do your research") is what turns a soft
    // claim into one pushed as fact.
    if rhetoric && claimed {
        x += if asserted > 0.0 { 0.5 } else { 1.0 };
    }
    (x, asked)
}

/// A negation just before the claim's verb: "vaccines do not cause autism", "no cura".
pub(crate) fn claim_negated(cx: &Context, sent: u32) -> bool {
    let s = cx.sig;
    s.of(Negation)
        .filter(|ng| ng.sent == sent && !s.overlaps(ng, MythClaim))
        .any(|ng| {
            s.hits.iter().any(|v| {
                v.sent == sent
                    && matches!(v.f, Cause | Cure | VaxHarm | CovidDenial)
                    && v.start >= ng.end
                    && v.start - ng.end <= 2
            })
        })
}

/// "Chemo kills more than cancer", "supplements are a scam": an established treatment or
/// prevention called harmful or useless, as a general statement (not "the chemo made my dad
/// so sick", which is a person's story).
pub(crate) fn medicine_smeared(cx: &Context, sent: u32) -> bool {
    let s = cx.sig;
    let personal = s.sent.get(sent as usize).is_some_and(|st| st.any(PERSON));
    !personal
        && s.of(MedicalGood).filter(|m| m.sent == sent).any(|m| {
            s.of(HarmVerb)
                .any(|v| v.sent == sent && v.start >= m.end && v.start - m.end <= 6)
        })
}

/// "Cold plunges cure depression": a remedy claimed to cure a named condition, stated as
/// fact (questions, reports and debunks are handled by the caller), not a personal story.
pub(crate) fn generic_cure_claim(cx: &Context, sent: u32) -> bool {
    let s = cx.sig;
    s.of(Cure).filter(|c| c.sent == sent).any(|c| {
        s.hits.iter().any(|h| {
            h.sent == sent
                && matches!(h.f, Condition | Illness | Symptom)
                && h.start >= c.end
                && h.start - c.end <= 4
                && !cx.attributed(h)
        })
    })
}

/// "Type 1 diabetes is caused by sugar": a cause asserted for a condition, with no person
/// involved. Weak on its own (true causes are stated the same way).
pub(crate) fn generic_cause_claim(cx: &Context, sent: u32) -> bool {
    let s = cx.sig;
    s.of(Cause).filter(|c| c.sent == sent).any(|c| {
        s.hits.iter().any(|h| {
            h.sent == sent
                && matches!(h.f, Condition | Illness)
                && h.start.abs_diff(c.start) <= 4
                && !cx.attributed(h)
        }) && !s
            .of(TrueCause)
            .any(|t| t.sent == sent && t.end <= c.start + 1)
            && !s
                .hits
                .iter()
                .any(|p| p.sent == sent && PERSON.contains(&p.f) && p.end <= c.start)
    })
}

/// "Bleach kills any virus", "el cloro mata el virus": a quack remedy said to kill something,
/// which is a cure claim in other words.
pub(crate) fn remedy_kills(cx: &Context, sent: u32) -> bool {
    let s = cx.sig;
    s.of(QuackRemedy).filter(|q| q.sent == sent).any(|q| {
        s.of(HarmVerb).any(|v| {
            v.sent == sent
                && v.start >= q.end
                && v.start - q.end <= 8
                && matches!(
                    cx.n.token(v.start as usize),
                    "kills" | "kill" | "mata" | "matan"
                )
        })
    })
}
