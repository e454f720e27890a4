//! What every label's rules ask of a comment: its cues with positions (from `signals`), its
//! sentences, the PHI findings, and a few positional judgements shared by several labels
//! (is this symptom someone's? is this "I" just the generic "how do I know if…"?).

use super::lexicon::Feature::{self, *};
use super::normalise::Normalised;
use super::signals::{Hit, Signals};
use crate::{Finding, Kind, Whose};

pub(crate) const PERSON: &[Feature] = &[SelfRef, Relative, PersonAge, PregnantSelf];
pub(crate) const HEALTH: &[Feature] = &[
    Symptom,
    Condition,
    Illness,
    Medication,
    PregnantSelf,
    Treatment,
    DiagnosisEvent,
    DoseWord,
    CareSeek,
    HealthTopic,
    VaxTopic,
];
pub(crate) const PERSONAL_HEALTH: &[Feature] = &[
    Symptom,
    Condition,
    Illness,
    Medication,
    PregnantSelf,
    Treatment,
    DiagnosisEvent,
    DoseWord,
];

pub(crate) struct Context<'a> {
    pub(crate) sig: &'a Signals,
    pub(crate) n: &'a Normalised,
    pub(crate) findings: &'a [Finding],
    pub(crate) question: bool,
    // Computed once: both scan every hit pair and several labels ask for them.
    implied: std::cell::OnceCell<bool>,
    personal: std::cell::OnceCell<bool>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(sig: &'a Signals, n: &'a Normalised, findings: &'a [Finding]) -> Context<'a> {
        Context {
            sig,
            n,
            findings,
            question: n.sentences.iter().any(|s| s.question),
            implied: std::cell::OnceCell::new(),
            personal: std::cell::OnceCell::new(),
        }
    }

    pub(crate) fn has(&self, f: Feature) -> bool {
        self.sig.has(f)
    }

    pub(crate) fn any(&self, fs: &[Feature]) -> bool {
        self.sig.any(fs)
    }

    pub(crate) fn is_question(&self, sent: u32) -> bool {
        self.n
            .sentences
            .get(sent as usize)
            .is_some_and(|s| s.question)
    }

    pub(crate) fn patient_finding(&self, kinds: &[Kind]) -> bool {
        self.findings
            .iter()
            .any(|f| f.whose == Whose::Patient && kinds.contains(&f.kind))
    }

    /// A negation word right before the hit ("not helpful", "not very good"), unless the
    /// negation belongs to a set phrase ("can't thank you enough", "masks don't work").
    pub(crate) fn negated(&self, h: &Hit) -> bool {
        self.sig.of(Negation).any(|ng| {
            ng.end <= h.start
                && h.start - ng.end <= 1
                && ![MythClaim, PraiseStrong, NegStrong]
                    .iter()
                    .any(|&f| self.sig.overlaps(ng, f))
        })
    }

    /// A person (I, my son, a 3 year old) is mentioned shortly before `h`, with nothing that
    /// makes the health term a topic rather than a fact about them ("a question about").
    pub(crate) fn attributed(&self, h: &Hit) -> bool {
        let Some(p) = self.sig.preceded_by(h, PERSON, 8) else {
            return false;
        };
        // The "I" of "how do I know if…" is anyone.
        if self.sig.overlaps(p, GeneralAsk) {
            return false;
        }
        !self.sig.within(TopicFrame, p.end, h.start)
            && !self.sig.within(Reported, p.start, h.start)
            && !self.sig.within(Cause, p.end, h.start)
    }

    /// Health content that belongs to a person: "my son ... a rash", "a fever of 101 for my
    /// son", but not "cancer awareness month, when should I…".
    pub(crate) fn personal_health(&self) -> bool {
        *self.personal.get_or_init(|| self.find_personal_health())
    }

    pub(crate) fn find_personal_health(&self) -> bool {
        self.implied_self()
            || self.sig.hits.iter().any(|h| {
                PERSONAL_HEALTH.contains(&h.f)
                    && !(matches!(h.f, Condition | Illness) && followed_by_topic_noun(self.sig, h))
                    && !(h.f == Treatment && names_a_place(self, h))
                    && (self.attributed(h) || self.relative_follows(h))
            })
    }

    /// "took plan b 3 days ago, now spotting, is that normal?": social posts drop the "I";
    /// a symptom asked about with a personal ask ("is that normal", "should I") is the
    /// writer's own.
    pub(crate) fn implied_self(&self) -> bool {
        *self.implied.get_or_init(|| self.find_implied_self())
    }

    pub(crate) fn find_implied_self(&self) -> bool {
        if !self.question || self.sig.has(GeneralAsk) {
            return false;
        }
        // The ask points back at what was described: "is that normal", "do I come in".
        let deictic = |a: &Hit| {
            (a.start..a.end)
                .any(|i| matches!(self.n.token(i as usize), "that" | "this" | "i" | "we"))
        };
        self.sig
            .of(AdviceAsk)
            .filter(|a| deictic(a))
            .any(|a| self.sig.of(Symptom).any(|h| h.end <= a.start))
    }

    /// "a fever of 102 for my son", "tylenol for my 2 year old": a symptom, medicine or
    /// treatment followed closely by the person it is for.
    pub(crate) fn relative_follows(&self, h: &Hit) -> bool {
        matches!(h.f, Symptom | Medication | Treatment | DoseWord)
            && self.sig.hits.iter().any(|r| {
                matches!(r.f, Relative | PersonAge)
                    && r.sent == h.sent
                    && r.start >= h.end
                    && r.start - h.end <= 5
            })
    }
}

/// "the surgery center", "dialysis unit": a place, not someone's treatment.
pub(crate) fn names_a_place(cx: &Context, h: &Hit) -> bool {
    (h.end as usize) < cx.n.tok_starts.len()
        && matches!(
            cx.n.token(h.end as usize),
            "center"
                | "centre"
                | "institute"
                | "clinic"
                | "department"
                | "dept"
                | "unit"
                | "ward"
                | "program"
                | "suite"
                | "appointment"
                | "appt"
        )
}

pub(crate) fn followed_by_topic_noun(s: &Signals, h: &Hit) -> bool {
    s.of(TopicNoun).any(|t| t.start == h.end)
}

/// "my surgery", "her chemo": the treatment is someone's.
pub(crate) fn h_is_possessive(cx: &Context, h: &Hit) -> bool {
    let owner = |w: &str| matches!(w, "my" | "his" | "her" | "mi" | "su");
    owner(cx.n.token(h.start as usize)) || (h.start > 0 && owner(cx.n.token(h.start as usize - 1)))
}

pub(crate) fn sentence_has_number(cx: &Context, sent: u32) -> bool {
    cx.n.sentences.get(sent as usize).is_some_and(|st| {
        (st.start..st.end).any(|i| {
            cx.n.token(i as usize)
                .starts_with(|c: char| c.is_ascii_digit())
        })
    })
}

/// "really bad toothache", "terrible cramps", "still feel awful": how someone feels, not a
/// grievance about the service.
pub(crate) fn describes_symptom(cx: &Context, h: &Hit) -> bool {
    let feeling = (h.start.saturating_sub(2)..h.start).any(|i| {
        matches!(
            cx.n.token(i as usize),
            "feel" | "feels" | "feeling" | "felt" | "siento" | "sentia" | "sintiendo"
        )
    });
    feeling
        || cx
            .sig
            .of(Symptom)
            .any(|sy| sy.sent == h.sent && sy.start >= h.end && sy.start - h.end <= 1)
}

/// "still so kind", "still smiling at 3am": "still" leading into praise is not a grievance.
pub(crate) fn still_praising(cx: &Context, h: &Hit) -> bool {
    cx.n.token(h.start as usize) == "still"
        && cx.sig.hits.iter().any(|p| {
            matches!(p.f, PraiseStrong | PraiseWeak)
                && p.sent == h.sent
                && p.start > h.start
                && p.start - h.start <= 3
        })
}
