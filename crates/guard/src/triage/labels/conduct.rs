//! abusive and spam: insults, threats and harassment aimed at people (not profanity alone),
//! and commercial or scam posting.

use crate::triage::context::*;
use crate::triage::lexicon::Feature::*;
use crate::Kind;

pub(crate) fn abusive(cx: &Context) -> f32 {
    let s = cx.sig;
    let mut x = -2.2;
    let mut strongest = 0.0f32;
    for h in &s.hits {
        let targeted = s
            .sent
            .get(h.sent as usize)
            .is_some_and(|st| st.has(YouTarget) || st.has(StaffRef));
        let w = match h.f {
            Threat => 3.6,
            DirectedProfanity => 3.0,
            InsultStrong if cx.negated(h) => 0.0,
            InsultStrong => {
                if targeted {
                    3.4
                } else {
                    2.9
                }
            }
            InsultPersonal if targeted && !cx.negated(h) => 2.3,
            InsultPersonal => 0.6,
            Accuse if targeted => 2.3,
            Accuse => 1.2,
            _ => 0.0,
        };
        strongest = strongest.max(w);
    }
    x += strongest;
    if s.has(Profanity) {
        x += 0.4;
    }
    if cx.n.shouting && strongest > 0.0 {
        x += 0.4;
    }
    if s.has(NegEmoji) && strongest > 0.0 {
        x += 0.3;
    }
    // Praise with swearing is enthusiasm, not abuse.
    if s.has(PraiseStrong) && strongest < 2.5 {
        x -= 1.0;
    }
    x
}

pub(crate) fn spam(cx: &Context) -> f32 {
    let s = cx.sig;
    let mut x = -2.4;
    let strong = s.count(SpamStrong);
    if strong > 0 {
        x += 2.8 + 0.8 * (strong - 1).min(3) as f32;
    }
    let weak = s.count(SpamWeak).min(3) as f32;
    x += 0.7 * weak;
    let url = s.has(Url) || cx.patient_finding(&[Kind::Url]);
    if url {
        x += 1.2;
    }
    if cx.patient_finding(&[Kind::Phone]) && (strong > 0 || weak > 0.0) {
        x += 0.6;
    }
    // A patient mentioning money or a link inside a real health or service message.
    if strong == 0
        && !url
        && weak < 2.0
        && cx.any(&[
            Symptom,
            Condition,
            AdviceAsk,
            ApptAction,
            NegStrong,
            PraiseStrong,
        ])
    {
        x -= 1.5;
    }
    x
}
