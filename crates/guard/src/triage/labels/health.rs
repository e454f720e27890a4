//! advice_request, phi_disclosure and general_question: who a health question or fact is
//! about decides between them.

use crate::triage::context::*;
use crate::triage::lexicon::Feature::*;
use crate::Kind;

pub(crate) fn advice(cx: &Context) -> f32 {
    let s = cx.sig;
    let personal = cx
        .sig
        .hits
        .iter()
        .any(|h| PERSON.contains(&h.f) && !cx.sig.overlaps(h, GeneralAsk));
    let personal_health = cx.personal_health();
    let dose_ask =
        (cx.has(HowMuch) || cx.has(DoseWord)) && (cx.has(Medication) || cx.has(GiveTake));
    let mut x: f32 = -2.4;
    if cx.has(AdviceAsk) {
        x += 1.4;
    }
    if personal_health {
        x += 1.6;
    }
    if cx.has(Symptom) {
        x += 0.3;
    }
    if dose_ask {
        x += 1.4;
        if personal {
            x += 0.4;
        }
    }
    if cx.question {
        x += 0.8;
        // Their own case, asked about: the core of an advice request.
        if personal_health {
            x += 0.6;
        }
    }
    if cx.has(CareSeek) && (cx.has(Symptom) || personal) && (cx.question || cx.has(AdviceAsk)) {
        x += 0.5;
    }
    if cx.has(Duration) && cx.has(Symptom) {
        x += 0.4;
    }
    // Asking for a person's own case needs health content: "should I call to reschedule?"
    // is logistics.
    if !cx.any(HEALTH) {
        x = x.min(-1.0);
    }
    // A health question with no person in it is general.
    if !personal {
        x -= 1.0;
    }
    if s.has(SpamStrong) {
        x -= 2.0;
    }
    // A diagnosis or treatment mentioned in a question is not yet a request for advice
    // without a symptom, a dose or an ask about their case.
    if !cx.has(AdviceAsk) && !cx.has(Symptom) && !dose_ask {
        x -= 0.6;
    }
    // "How early should I arrive for surgery?": logistics around care, asked personally.
    if !cx.has(Symptom) && !dose_ask && !cx.has(Medication) && cx.any(&[ApptAction, Billing]) {
        x -= 1.2;
        // Where and when to show up is never medical advice.
        let when_where = s.of(ApptAction).any(|h| {
            matches!(
                cx.n.token(h.start as usize),
                "arrive"
                    | "drop"
                    | "sample"
                    | "samples"
                    | "hasta"
                    | "abierta"
                    | "abierto"
                    | "how"
                    | "arrival"
                    | "check"
                    | "parking"
                    | "park"
                    | "hours"
                    | "open"
                    | "directions"
                    | "address"
                    | "entrance"
                    | "where"
                    | "what"
            )
        });
        if when_where {
            x = x.min(-0.5);
        }
    }
    // "Can I stay overnight with her?", "is my brother still in the ICU?": a logistics
    // question about someone in care, with no symptom or health ask in it.
    if !cx.has(AdviceAsk)
        && !cx.has(Symptom)
        && !dose_ask
        && cx.any(&[ApptAction, ApptRequest, ApptNoun, Billing])
    {
        x -= 1.5;
    }
    x
}

pub(crate) fn phi(cx: &Context) -> f32 {
    let s = cx.sig;
    let mut x: f32 = -2.2;
    let mut best = 0.0f32;
    let mut extra = 0.0f32;
    for h in &s.hits {
        let w = match h.f {
            Condition | Illness if followed_by_topic_noun(s, h) => 0.0,
            Treatment if names_a_place(cx, h) => 0.0,
            Condition | DiagnosisEvent if cx.attributed(h) => 3.0,
            DiagnosisEvent if !cx.is_question(h.sent) => 1.8,
            Treatment if cx.attributed(h) || h_is_possessive(cx, h) || cx.relative_follows(h) => {
                2.6
            }
            Illness | Symptom
                if cx.attributed(h) || h_is_possessive(cx, h) || cx.relative_follows(h) =>
            {
                2.6
            }
            Medication if cx.attributed(h) || h_is_possessive(cx, h) || cx.relative_follows(h) => {
                2.4
            }
            Condition if cx.relative_follows(h) => 2.6,
            IdentifierSelf => {
                let numbered = sentence_has_number(cx, h.sent);
                2.0 + if numbered { 1.5 } else { 0.0 }
            }
            PregnantSelf => 2.4,
            Symptom if cx.implied_self() => 2.4,
            _ => 0.0,
        };
        if w > best {
            extra += best.min(1.0) * 0.5;
            best = w;
        } else {
            extra += w.min(1.0) * 0.5;
        }
    }
    x += best + extra.min(1.0);
    let medical = cx.any(&[
        Condition,
        Illness,
        Treatment,
        DiagnosisEvent,
        Symptom,
        PregnantSelf,
    ]);
    if cx.patient_finding(&[
        Kind::Mrn,
        Kind::Ssn,
        Kind::HealthPlanId,
        Kind::AccountNumber,
        Kind::DeviceId,
        Kind::OtherId,
    ]) {
        x += 2.6;
    }
    if cx.patient_finding(&[Kind::PersonName]) {
        x += if medical { 1.4 } else { 0.4 };
    }
    if cx.patient_finding(&[Kind::AgeOver89]) {
        x += 1.0;
    }
    if medical && cx.patient_finding(&[Kind::Date, Kind::Location]) {
        x += 0.6;
    }
    if s.has(SpamStrong) {
        x -= 2.0;
    }
    x
}

pub(crate) fn general_question(
    cx: &Context,
    advice: f32,
    appointment: f32,
    complaint: f32,
    spam: f32,
    myth_asked: bool,
) -> f32 {
    let s = cx.sig;
    let mut x = -2.2;
    if cx.question {
        x += 1.4;
    }
    if cx.any(HEALTH) || cx.any(&[VaxTopic, FiveG, QuackRemedy, CovidTopic]) {
        x += 1.2;
    }
    if s.has(GeneralAsk) {
        x += 0.8;
    }
    if myth_asked {
        x += 1.4;
    }
    if !cx.question && !myth_asked {
        x -= 1.5;
    }
    // A question that is nothing else is a general question.
    if cx.question && advice <= 0.0 && appointment <= 0.0 && complaint <= 0.0 && spam <= 0.0 {
        x += 1.0;
    }
    if advice > 0.0 {
        x -= 2.5;
    }
    if appointment > 0.0 {
        x -= 2.0;
    }
    if complaint > 0.0 {
        x -= 1.5;
    }
    if spam > 0.0 {
        x -= 2.0;
    }
    // Questions about one's own chart or case are not general.
    if cx.has(IdentifierSelf) || (cx.personal_health() && !myth_asked) {
        x -= 1.5;
    }
    x
}
