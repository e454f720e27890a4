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
    // Insulting the organisation or its staff is also a complaint about it; a bare threat or
    // slur is not.
    let grievance = [
        StaffRef,
        Accuse,
        NegStrong,
        NegWeak,
        InsultPersonal,
        NegEmoji,
    ];
    let bare_threat = cx.has(Threat) && !cx.any(&[NegStrong, NegWeak]);
    if abusive > 0.0 && cx.any(&grievance) && !bare_threat {
        complaint += 2.4;
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
    if advice > 0.5 && !cx.sig.any(&[ApptAction, Billing]) {
        appointment -= 1.5;
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
    let general = general_question(&cx, advice, appointment, complaint, spam, myth_asked);
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
