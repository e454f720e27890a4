//! Per-label scores from the cues found in a comment. Each label is a hand-weighted logistic
//! score: a bias, plus the weights of the cue combinations present, squashed to 0..1 so that
//! 0.5 is the decision threshold. Weights are chosen so one unambiguous cue ("dm me to
//! earn", "you idiots", "I was diagnosed with") crosses the threshold on its own, while weak
//! cues ("great", "i", a question mark) only matter together.

use super::context::Context;
use super::labels::*;
use super::lexicon::Feature::*;
use super::normalise::Normalised;
use super::signals::Signals;
use super::Label;
use crate::Finding;

pub(crate) fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Logits in `Label::ALL` order.
pub(crate) fn logits(sig: &Signals, n: &Normalised, findings: &[Finding]) -> [f32; 9] {
    let cx = Context::new(sig, n, findings);
    let advice = advice(&cx);
    let phi = phi(&cx);
    let abusive = abusive(&cx);
    let mut spam = spam(&cx);
    let (misinfo, myth_asked) = misinformation(&cx);
    let mut appointment = appointment(&cx);
    let (mut complaint, sarcastic) = complaint(&cx);
    // An insult is also a complaint when it names the organisation or its people, or comes
    // with a grievance about the service (a bill, a wait, "you killed my…", "worst doctors");
    // a bare threat or slur, or an insult traded with another commenter ("cállate, nadie te
    // preguntó"), is abuse alone.
    let grievance = [
        Accuse, Billing, ApptAction, WaitWord, TimeSpan, Repeat, NegEmoji,
    ];
    // Negative words beyond the insult itself: the service is criticised, not only the
    // person called names.
    let criticism = cx.sig.hits.iter().any(|h| {
        h.f == NegStrong && !cx.sig.overlaps(h, InsultStrong) && !cx.sig.overlaps(h, InsultPersonal)
    });
    // "this hospital", "you people", "your staff": a multi-word "you" names the organisation.
    let at_org = cx.has(StaffRef) || cx.sig.of(YouTarget).any(|h| h.end - h.start > 1);
    // "go to hell", "hope you all rot": a curse closes a tirade of names, not a grievance.
    let cursed = cx.sig.of(Threat).any(|h| {
        matches!(
            cx.n.token(h.start as usize),
            "go" | "hope" | "rot" | "burn" | "drop" | "die" | "ojala" | "vete" | "vayanse"
        )
    });
    let bare_threat = cx.has(Threat) && !cx.any(&[NegStrong, NegWeak]);
    if abusive > 0.0 {
        // A threat against "your building" is aimed at the organisation too.
        let menace = cx.has(Threat) && !cursed && cx.has(YouTarget);
        if (cx.any(&grievance) || criticism || menace || (at_org && !cursed)) && !bare_threat {
            complaint += 2.4;
        } else {
            complaint -= 1.5;
        }
    }
    let mut praise = praise(&cx, sarcastic, advice > 0.0 || appointment > 0.0);
    if abusive > 0.0 {
        praise -= 3.0;
    }
    // A complaint or a compliment that mentions parking, the portal or a cancelled surgery
    // is not a logistics request unless it asks for something. Billing disputes and
    // things still owed to the writer (records, results, a referral, a call back) are:
    // someone has to act on them.
    let owed = cx.sig.of(Billing).chain(cx.sig.of(ApptAction)).any(|h| {
        matches!(
            cx.n.token(h.start as usize),
            "bill"
                | "bills"
                | "billing"
                | "billed"
                | "invoice"
                | "statement"
                | "copay"
                | "insurance"
                | "deductible"
                | "refund"
                | "collections"
                | "factura"
                | "records"
                | "medical"
                | "my"
                | "referral"
                | "referrals"
                | "refill"
                | "refills"
                | "prescription"
                | "results"
                | "resultados"
                | "call"
                | "callback"
                | "return"
                | "returned"
                | "expediente"
                | "receta"
        )
    });
    if (complaint > 0.0 || praise > 0.0) && !cx.question && !cx.sig.has(ApptRequest) && !owed {
        appointment -= 1.6;
    }
    // Logistics words inside an insult ("the billing office morons") are not a request.
    if abusive > 0.0 && !cx.question && !owed {
        appointment -= 1.5;
    }
    // "wait for my GI appt Monday or go in?": the visit is part of the advice question.
    // Results, a "cita" or the office named inside a personal medical question are part
    // of the question unless something is asked of the front desk (a bill, "can I get").
    if advice > 0.5 && !cx.sig.any(&[ApptAction, Billing]) {
        appointment -= 1.5;
    } else if advice > 0.5 && !cx.sig.any(&[Billing, ApptRequest]) {
        appointment -= 1.2;
    }
    // "Supplements are a scam" is a claim, not a grievance.
    if misinfo > 0.0 && abusive <= 0.0 {
        complaint -= 1.2;
    }
    // "Hospitals get paid extra for every covid death": a conspiracy claim, not an offer,
    // unless it also sells something (a link, several spam cues).
    if misinfo > 0.0 && cx.sig.count(SpamStrong) <= 1 && !cx.has(Url) {
        spam -= 1.5;
    }
    let mut general = general_question(&cx, advice, appointment, complaint, spam, myth_asked);
    let mut advice = advice;
    let mut phi = phi;
    // A false claim pushed as fact is neither a question ("Do your research" opens like
    // one) nor a request for advice, and the writer's anecdote offered as its proof ("every
    // time I get it I get sick") is evidence for the claim, not a disclosure.
    if misinfo > 0.0 && !myth_asked {
        general -= 2.0;
        if !cx.question {
            advice -= 1.5;
            // A relative's condition is still someone else's health information.
            if !cx.has(Relative) {
                phi -= 1.5;
            }
        }
    }
    [
        advice,
        phi,
        abusive,
        spam,
        misinfo,
        appointment,
        complaint,
        praise,
        general,
    ]
}

/// Scores and labels from logits, labels in `Label::ALL` order.
pub(crate) fn decide(logits: [f32; 9]) -> Vec<(Label, f32)> {
    Label::ALL
        .iter()
        .zip(logits)
        .map(|(&l, x)| (l, (sigmoid(x) * 1000.0).round() / 1000.0))
        .collect()
}
