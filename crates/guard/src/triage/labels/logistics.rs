//! appointment: scheduling, hours, parking, billing, records, referrals, directions.

use crate::triage::context::*;
use crate::triage::lexicon::Feature::*;

pub(crate) fn appointment(cx: &Context) -> f32 {
    let s = cx.sig;
    let mut x = -2.2;
    let actions = s.count(ApptAction);
    if actions > 0 {
        x += 2.6 + 0.4 * f32::from(actions > 1);
    }
    // "Do you offer…?", "¿Tienen…?": asking what the organisation provides.
    if cx.question && s.has(ApptRequest) && !cx.personal_health() {
        x += 0.8;
    }
    if s.has(Billing) {
        x += if actions > 0 { 0.6 } else { 2.5 };
    }
    if s.has(ApptNoun) {
        x += 1.3;
        if s.has(ApptRequest) || cx.question {
            x += 1.3;
        }
    }
    let weak = s.count(ApptWeak).min(2) as f32;
    x += 0.5 * weak;
    if cx.question && weak > 0.0 {
        x += 0.4;
    }
    // "Open" and "close" also describe wounds and relatives.
    if actions == 1
        && s.of(ApptAction).all(|h| {
            matches!(
                cx.n.token(h.start as usize),
                "open"
                    | "close"
                    | "closed"
                    | "park"
                    | "records"
                    | "transfer"
                    | "hours"
                    | "location"
                    | "address"
                    | "book"
            )
        })
        && !s.has(ApptNoun)
        && !cx.question
    {
        x -= 1.6;
    }
    if s.has(SpamStrong) {
        x -= 2.0;
    }
    x
}
