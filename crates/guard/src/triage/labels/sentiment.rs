//! complaint and praise, including sarcasm ("great, another 3 hour wait") and politeness
//! ("thanks in advance" closing a question is not praise).

use crate::triage::context::*;
use crate::triage::lexicon::Feature::*;
use crate::triage::signals::Hit;

/// Returns the logit and whether positive words were used sarcastically.
pub(crate) fn complaint(cx: &Context) -> (f32, bool) {
    let s = cx.sig;
    let mut x = -2.2;
    let strong = s
        .of(NegStrong)
        .filter(|h| !cx.negated(h) && !describes_symptom(cx, h))
        .count();
    if strong > 0 {
        x += 2.6 + 0.5 * (strong - 1).min(2) as f32;
    }
    let negated_praise = s
        .hits
        .iter()
        .filter(|h| matches!(h.f, PraiseStrong | PraiseWeak) && cx.negated(h))
        .count();
    let neg_weak = s
        .of(NegWeak)
        .filter(|h| !describes_symptom(cx, h) && !still_praising(cx, h))
        .count();
    let weak = (neg_weak + negated_praise).min(3) as f32;
    x += 0.8 * weak;
    // "6 hours in A&E", "45 minutes to get out": a counted stretch of time.
    let counted = |h: &Hit| {
        h.start > 0 && {
            let prev = cx.n.token(h.start as usize - 1);
            prev.starts_with(|c: char| c.is_ascii_digit())
                || matches!(
                    prev,
                    "two"
                        | "three"
                        | "four"
                        | "five"
                        | "six"
                        | "seven"
                        | "eight"
                        | "several"
                        | "dos"
                        | "tres"
                        | "cuatro"
                        | "cinco"
                )
        }
    };
    // "took 5 minutes" is quick: a handful of minutes is no grievance.
    let few_minutes = |h: &Hit| {
        cx.n.token(h.start as usize).starts_with("min")
            && h.start > 0
            && cx
                .n
                .token(h.start as usize - 1)
                .parse::<f32>()
                .is_ok_and(|m| m < 20.0)
    };
    let counted_span = s.of(TimeSpan).any(|h| counted(h) && !few_minutes(h));
    // "registration took 40 minutes", "discharge took 4 hours": time spent, told as a cost.
    let took_long = s.of(TimeSpan).any(|h| {
        let long = h.start > 0 && {
            let unit = cx.n.token(h.start as usize);
            let amount: f32 = cx.n.token(h.start as usize - 1).parse().unwrap_or(2.0);
            // "5 minutes" is quick; "40 minutes" or any count of hours is not. Days and
            // weeks "spent here" are a stay, not a wait.
            let wait_unit = ["min", "hour", "hr", "hora"]
                .iter()
                .any(|u| unit.starts_with(u));
            wait_unit && !(unit.starts_with("min") && amount < 20.0)
        };
        counted(h)
            && long
            && h.start > 1
            && matches!(
                cx.n.token(h.start as usize - 2),
                "took"
                    | "takes"
                    | "take"
                    | "taking"
                    | "spent"
                    | "wasted"
                    | "over"
                    | "almost"
                    | "nearly"
                    | "tardaron"
                    | "tarde"
            )
    });
    // "need to wait 30 minutes", "always wait an hour": a wait advised, not endured.
    // ("paying $14 to wait 3 hours" is endured: only "need to", "have to" advise.)
    let endured = s.of(WaitWord).any(|h| {
        let before = |k: u32| (h.start >= k).then(|| cx.n.token((h.start - k) as usize));
        let advised = match before(1) {
            Some("always" | "should" | "must" | "can" | "please" | "better" | "just") => true,
            Some("to") => matches!(
                before(2),
                Some("need" | "have" | "has" | "supposed" | "got")
            ),
            _ => false,
        };
        !advised
    });
    let waited = (endured && s.has(TimeSpan)) || took_long;
    if waited {
        x += 2.4;
    } else if (s.has(WaitWord) && (s.has(NegEmoji) || weak > 0.0))
        || (counted_span && (strong > 0 || weak > 0.0 || s.has(NegEmoji) || cx.n.shouting))
    {
        // Waiting mentioned with annoyance, or a counted stretch of time in a grievance.
        x += 1.2;
    }
    let bad_event = strong > 0 || weak > 0.0 || waited || s.has(NegEmoji);
    if s.has(Repeat) && bad_event {
        x += 0.6;
    }
    x += 0.9 * s.count(NegEmoji).min(3) as f32;
    // Shouting is anger unless it is enthusiasm.
    if cx.n.shouting && !s.any(&[PraiseStrong, PraiseWeak, Thanks, PosEmoji]) {
        x += if bad_event { 1.2 } else { 0.8 };
    }
    // "Fantastic. They lost my records again.": a one-word compliment before bad news.
    let curt_praise = s.hits.iter().any(|h| {
        matches!(h.f, PraiseStrong | PraiseWeak)
            && cx
                .n
                .sentences
                .get(h.sent as usize)
                .is_some_and(|st| st.end - st.start <= 2)
            && s.hits
                .iter()
                .any(|g| g.sent > h.sent && matches!(g.f, NegStrong | NegWeak | Repeat | WaitWord))
    });
    let grievance = waited || counted_span || strong > 0 || weak > 0.0;
    // "great job losing my results again": praise, a loss and "again" in one breath.
    // A "but" makes it a mixed review instead ("the best, but the wait is too much").
    let mocking = s.sent.iter().enumerate().any(|(i, st)| {
        st.any(&[PraiseStrong, PraiseWeak])
            && st.any(&[NegStrong, NegWeak])
            && st.has(Repeat)
            // "still" alone is both the loss and the "again": it needs a second cue.
            && s.of(Repeat).any(|r| {
                r.sent == i as u32
                    && s.hits.iter().any(|g| {
                        g.sent == r.sent
                            && matches!(g.f, NegStrong | NegWeak)
                            && (g.end <= r.start || r.end <= g.start)
                    })
            })
            && !cx.n.sentences.get(i).is_some_and(|sn| {
                (sn.start..sn.end).any(|t| {
                    matches!(
                        cx.n.token(t as usize),
                        "but" | "though" | "however" | "pero" | "aunque"
                    )
                })
            })
    });
    // "so family friendly 🙄", "express for who exactly? 🙃": praise, a rhetorical question
    // or a stretch of time beside an eye-roll is irony.
    let eye_roll = s
        .hits
        .iter()
        .any(|h| h.f == NegEmoji && cx.n.token(h.start as usize) == "_eyeroll")
        && (s.any(&[PraiseStrong, PraiseWeak]) || cx.question || counted_span);
    let sarcastic = curt_praise
        || mocking
        || eye_roll
        || (s.has(Sarcasm) && (grievance || s.has(Repeat) && s.has(WaitWord)));
    if sarcastic {
        x += if counted_span { 2.8 } else { 2.0 };
    }
    // "smh this place", "😡😡": a short grumble with nothing else in it.
    if cx.n.words() <= 5 && (weak > 0.0 || s.has(NegEmoji)) && !s.any(&[PraiseStrong, PraiseWeak]) {
        x += 1.6;
    }
    // A medical complaint ("my back is killing me") is a symptom, not a service complaint.
    if strong == 0 && !waited && cx.any(&[Symptom, AdviceAsk]) {
        x -= 0.8;
    }
    if s.has(SpamStrong) {
        x -= 2.0;
    }
    (x, sarcastic)
}

pub(crate) fn praise(cx: &Context, sarcastic: bool, asking: bool) -> f32 {
    let s = cx.sig;
    let mut x = -2.2;
    // "kind of" is a hedge, not kindness.
    let hedge = |h: &&Hit| {
        cx.n.token(h.start as usize) == "kind"
            && (h.end as usize) < cx.n.tok_starts.len()
            && cx.n.token(h.end as usize) == "of"
    };
    // Inside a question ("what is the best way to…") praise words are only mild.
    let strong = s
        .of(PraiseStrong)
        .filter(|h| !cx.negated(h) && !hedge(h) && !cx.is_question(h.sent))
        .count();
    let weak = s.of(PraiseWeak).filter(|h| !cx.negated(h)).count();
    let thanks = s.of(Thanks).filter(|h| !cx.negated(h)).count();
    if strong > 0 {
        x += 2.8 + 0.4 * (strong - 1).min(3) as f32;
    } else if weak > 0 {
        x += 1.2 + 0.4 * (weak - 1).min(2) as f32;
    }
    let requesting = asking || cx.question || s.has(PoliteThanks);
    if thanks > 0 {
        x += if requesting { 0.5 } else { 2.4 };
    }
    if s.has(PoliteThanks) {
        x -= 1.6;
    }
    let emoji = s.count(PosEmoji).min(3) as f32;
    x += 0.9 * emoji;
    // "nice", "❤️❤️", "👍": a short reaction with nothing else in it.
    let short = cx.n.words() <= 5;
    if short && (weak > 0 || emoji > 0.0) && !cx.question {
        x += if strong == 0 && weak == 0 { 1.5 } else { 1.0 };
    }
    // "what's the best way to…": mild words inside a question are not praise.
    if cx.question && strong == 0 {
        x -= 1.2;
    }
    if s.has(StaffRef) && strong > 0 {
        x += 0.4;
    }
    // "the doctor was great": mild words aimed at people are praise.
    let weak_at_staff = s.of(PraiseWeak).any(|h| {
        !cx.negated(h)
            && s.sent
                .get(h.sent as usize)
                .is_some_and(|st| st.has(StaffRef))
    });
    if strong == 0 && weak_at_staff {
        x += 1.4;
    }
    if sarcastic {
        x -= 4.0;
    }
    if s.has(SpamStrong) {
        x -= 2.5;
    }
    // "Thanks" closing an advice request or a scheduling question is politeness.
    if asking && strong == 0 {
        x -= 1.0;
    }
    x
}
