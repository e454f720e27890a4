//! Scoring the guard against labelled evaluation sets (`eval/` in the repository).
//!
//! Pure code: the caller reads the files, runs the guard and hands the gold cases and the
//! guard's outputs here. Offsets are Unicode code points, `end` exclusive, like [`Finding`].
//!
//! Span matching is "any overlap": a predicted span matches a gold span of the same kind when
//! the two ranges share at least one code point. Precision counts the predicted spans that
//! match some gold span; recall counts the gold spans matched by some prediction. A ratio with
//! an empty denominator is reported as 0.0, with the counts beside it so it can be read.

use crate::{Finding, Kind, Label, ScanReport, Verdict, Whose};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// One identifier as written by the annotator: the exact substring and which occurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldIdentifier {
    #[serde(with = "kind_name")]
    pub kind: Kind,
    pub text: String,
    pub whose: Whose,
    /// Which occurrence of `text` (0 = first) when it appears more than once.
    #[serde(default)]
    pub nth: usize,
}

/// Kinds are named as in the issue and [`Kind::as_str`] (`age_over_89`); serde's derived
/// name for that variant (`age_over89`) is accepted too.
mod kind_name {
    use crate::Kind;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(kind: &Kind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(kind.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
        let name = String::deserialize(d)?;
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == name || (*k == Kind::AgeOver89 && name == "age_over89"))
            .ok_or_else(|| {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                serde::de::Error::custom(format!(
                    "unknown kind {name:?}, expected one of {}",
                    names.join(", ")
                ))
            })
    }

    pub fn serialize_keys<V: Serialize, S: Serializer>(
        map: &BTreeMap<Kind, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_map(map.iter().map(|(k, v)| (k.as_str(), v)))
    }
}

/// One line of `eval/phi.jsonl`: an outgoing draft and every identifier in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhiCase {
    pub id: String,
    pub text: String,
    /// Profile name: the stem of a file in `eval/profiles/`.
    pub profile: String,
    #[serde(default)]
    pub identifiers: Vec<GoldIdentifier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl PhiCase {
    /// The expected verdict: block iff any identifier belongs to a patient.
    pub fn expected_verdict(&self) -> Verdict {
        if self.identifiers.iter().any(|i| i.whose == Whose::Patient) {
            Verdict::Block
        } else {
            Verdict::Pass
        }
    }
}

/// One line of `eval/triage.jsonl`: an inbound comment or message and its labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageCase {
    pub id: String,
    pub text: String,
    pub profile: String,
    pub labels: Vec<Label>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A gold identifier located in its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldSpan {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub whose: Whose,
}

/// A gold identifier whose text cannot be located: a data error in the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpanError {
    Empty {
        index: usize,
    },
    NotFound {
        index: usize,
        text: String,
        nth: usize,
        occurrences: usize,
    },
}

impl fmt::Display for SpanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpanError::Empty { index } => write!(f, "identifier #{index} has an empty text"),
            SpanError::NotFound { index, text, nth, occurrences } => write!(
                f,
                "identifier #{index} {text:?} (nth {nth}) not found: the text has {occurrences} occurrence(s)"
            ),
        }
    }
}

impl std::error::Error for SpanError {}

/// Locates every identifier of a case in its text, as code-point ranges. Occurrences are
/// counted at every code-point position, so overlapping repeats ("aaa" in "aaaa") count too.
pub fn resolve_spans(
    text: &str,
    identifiers: &[GoldIdentifier],
) -> Result<Vec<GoldSpan>, SpanError> {
    identifiers
        .iter()
        .enumerate()
        .map(|(index, id)| {
            if id.text.is_empty() {
                return Err(SpanError::Empty { index });
            }
            let starts: Vec<usize> = text
                .char_indices()
                .filter(|(b, _)| text[*b..].starts_with(id.text.as_str()))
                .map(|(b, _)| b)
                .collect();
            let Some(&byte_start) = starts.get(id.nth) else {
                return Err(SpanError::NotFound {
                    index,
                    text: id.text.clone(),
                    nth: id.nth,
                    occurrences: starts.len(),
                });
            };
            let start = text[..byte_start].chars().count();
            Ok(GoldSpan {
                kind: id.kind,
                start,
                end: start + id.text.chars().count(),
                whose: id.whose,
            })
        })
        .collect()
}

fn overlaps(a_start: usize, a_end: usize, b_start: usize, b_end: usize) -> bool {
    a_start < b_end && b_start < a_end
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Precision, recall and F1 with the counts they come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Gold items (spans, or cases carrying the label).
    pub support: usize,
    /// Predicted items.
    pub predicted: usize,
}

/// Span counts for one kind. Matched predictions and matched gold spans are counted apart
/// because any-overlap matching is not one-to-one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct SpanCounts {
    gold: usize,
    gold_matched: usize,
    predicted: usize,
    predicted_matched: usize,
}

impl SpanCounts {
    fn add(&mut self, o: SpanCounts) {
        self.gold += o.gold;
        self.gold_matched += o.gold_matched;
        self.predicted += o.predicted;
        self.predicted_matched += o.predicted_matched;
    }

    fn prf(self) -> Prf {
        let precision = ratio(self.predicted_matched, self.predicted);
        let recall = ratio(self.gold_matched, self.gold);
        Prf {
            precision,
            recall,
            f1: f1(precision, recall),
            support: self.gold,
            predicted: self.predicted,
        }
    }
}

/// Where the guard and the gold disagree on one case: what it missed and what it invented.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpanDiff<'a> {
    /// Gold spans no prediction of the same kind overlaps.
    pub missed: Vec<&'a GoldSpan>,
    /// Predictions that overlap no gold span of the same kind.
    pub spurious: Vec<&'a Finding>,
}

/// The gold spans the guard missed and the findings it invented, for one case.
pub fn span_diff<'a>(gold: &'a [GoldSpan], findings: &'a [Finding]) -> SpanDiff<'a> {
    SpanDiff {
        missed: gold
            .iter()
            .filter(|g| {
                !findings
                    .iter()
                    .any(|f| f.kind == g.kind && overlaps(f.start, f.end, g.start, g.end))
            })
            .collect(),
        spurious: findings
            .iter()
            .filter(|f| {
                !gold
                    .iter()
                    .any(|g| f.kind == g.kind && overlaps(f.start, f.end, g.start, g.end))
            })
            .collect(),
    }
}

fn gold_blocks(gold: &[GoldSpan]) -> bool {
    gold.iter().any(|g| g.whose == Whose::Patient)
}

/// Figures for the outgoing set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhiScores {
    /// Every kind present in the gold or in the predictions.
    #[serde(serialize_with = "kind_name::serialize_keys")]
    pub per_kind: BTreeMap<Kind, Prf>,
    /// Micro-average over all kinds.
    pub overall: Prf,
    /// Fraction of gold patient spans overlapped by a same-kind finding the guard also
    /// attributed to a patient: the spans that drive the verdict.
    pub patient_span_recall: f64,
    /// Fraction of must-block posts the guard blocks.
    pub block_recall: f64,
    /// Fraction of clean posts the guard blocks.
    pub false_block_rate: f64,
    pub must_block: usize,
    pub must_block_blocked: usize,
    pub clean: usize,
    pub clean_blocked: usize,
}

/// Scores the guard's reports against the gold spans, one pair per case.
pub fn score_phi<'a, I>(cases: I) -> PhiScores
where
    I: IntoIterator<Item = (&'a [GoldSpan], &'a ScanReport)>,
{
    let mut per_kind: BTreeMap<Kind, SpanCounts> = BTreeMap::new();
    let (mut patient_gold, mut patient_found) = (0, 0);
    let (mut must_block, mut must_block_blocked, mut clean, mut clean_blocked) = (0, 0, 0, 0);
    for (gold, report) in cases {
        for kind in gold
            .iter()
            .map(|g| g.kind)
            .chain(report.findings.iter().map(|f| f.kind))
        {
            per_kind.entry(kind).or_default();
        }
        for (kind, counts) in per_kind.iter_mut() {
            let g: Vec<&GoldSpan> = gold.iter().filter(|g| g.kind == *kind).collect();
            let p: Vec<&Finding> = report.findings.iter().filter(|f| f.kind == *kind).collect();
            counts.add(SpanCounts {
                gold: g.len(),
                gold_matched: g
                    .iter()
                    .filter(|g| p.iter().any(|p| overlaps(p.start, p.end, g.start, g.end)))
                    .count(),
                predicted: p.len(),
                predicted_matched: p
                    .iter()
                    .filter(|p| g.iter().any(|g| overlaps(p.start, p.end, g.start, g.end)))
                    .count(),
            });
        }
        for g in gold.iter().filter(|g| g.whose == Whose::Patient) {
            patient_gold += 1;
            if report.findings.iter().any(|f| {
                f.kind == g.kind
                    && f.whose == Whose::Patient
                    && overlaps(f.start, f.end, g.start, g.end)
            }) {
                patient_found += 1;
            }
        }
        let blocked = report.verdict == Verdict::Block;
        if gold_blocks(gold) {
            must_block += 1;
            must_block_blocked += usize::from(blocked);
        } else {
            clean += 1;
            clean_blocked += usize::from(blocked);
        }
    }
    let mut total = SpanCounts::default();
    for c in per_kind.values() {
        total.add(*c);
    }
    PhiScores {
        per_kind: per_kind.into_iter().map(|(k, c)| (k, c.prf())).collect(),
        overall: total.prf(),
        patient_span_recall: ratio(patient_found, patient_gold),
        block_recall: ratio(must_block_blocked, must_block),
        false_block_rate: ratio(clean_blocked, clean),
        must_block,
        must_block_blocked,
        clean,
        clean_blocked,
    }
}

/// Figures for the inbound set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriageScores {
    /// Every label present in the gold or in the predictions.
    pub per_label: BTreeMap<Label, Prf>,
    /// Unweighted mean of the per-label F1 over `per_label`.
    pub macro_f1: f64,
    /// Fraction of cases whose predicted label set equals the gold set.
    pub exact_match: f64,
    pub cases: usize,
}

/// Scores predicted label sets against gold label sets, one pair per case.
pub fn score_triage<'a, I>(cases: I) -> TriageScores
where
    I: IntoIterator<Item = (&'a [Label], &'a [Label])>,
{
    // (gold, predicted, both) per label.
    let mut counts: BTreeMap<Label, (usize, usize, usize)> = BTreeMap::new();
    let (mut n, mut exact) = (0, 0);
    for (gold, predicted) in cases {
        n += 1;
        let mut g: Vec<Label> = gold.to_vec();
        let mut p: Vec<Label> = predicted.to_vec();
        g.sort();
        g.dedup();
        p.sort();
        p.dedup();
        exact += usize::from(g == p);
        for l in &g {
            let c = counts.entry(*l).or_default();
            c.0 += 1;
            c.2 += usize::from(p.contains(l));
        }
        for l in &p {
            counts.entry(*l).or_default().1 += 1;
        }
    }
    let per_label: BTreeMap<Label, Prf> = counts
        .into_iter()
        .map(|(l, (gold, predicted, both))| {
            let precision = ratio(both, predicted);
            let recall = ratio(both, gold);
            let prf = Prf {
                precision,
                recall,
                f1: f1(precision, recall),
                support: gold,
                predicted,
            };
            (l, prf)
        })
        .collect();
    let macro_f1 = if per_label.is_empty() {
        0.0
    } else {
        per_label.values().map(|p| p.f1).sum::<f64>() / per_label.len() as f64
    };
    TriageScores {
        per_label,
        macro_f1,
        exact_match: ratio(exact, n),
        cases: n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(kind: Kind, text: &str, whose: Whose, nth: usize) -> GoldIdentifier {
        GoldIdentifier {
            kind,
            text: text.to_string(),
            whose,
            nth,
        }
    }

    fn finding(kind: Kind, start: usize, end: usize, whose: Whose) -> Finding {
        Finding {
            kind,
            start,
            end,
            text: String::new(),
            whose,
            reason: String::new(),
        }
    }

    fn gold(kind: Kind, start: usize, end: usize, whose: Whose) -> GoldSpan {
        GoldSpan {
            kind,
            start,
            end,
            whose,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn spans_are_code_points_not_bytes() {
        let text = "¡Gracias, Lucía! 🎉 Lucía nació el 3 de marzo";
        let spans = resolve_spans(
            text,
            &[
                id(Kind::PersonName, "Lucía", Whose::Patient, 1),
                id(Kind::Date, "3 de marzo", Whose::Patient, 0),
            ],
        )
        .unwrap();
        // "¡Gracias, Lucía! 🎉 " is 19 code points; the emoji is one.
        assert_eq!(spans[0], gold(Kind::PersonName, 19, 24, Whose::Patient));
        let chars: Vec<char> = text.chars().collect();
        let date: String = chars[spans[1].start..spans[1].end].iter().collect();
        assert_eq!(date, "3 de marzo");
    }

    #[test]
    fn kind_names_follow_the_issue() {
        let json = r#"{"kind":"age_over_89","text":"101","whose":"patient"}"#;
        let id: GoldIdentifier = serde_json::from_str(json).unwrap();
        assert_eq!((id.kind, id.nth), (Kind::AgeOver89, 0));
        assert!(
            serde_json::from_str::<GoldIdentifier>(&json.replace("age_over_89", "age")).is_err()
        );
    }

    #[test]
    fn nth_counts_overlapping_occurrences() {
        let spans = resolve_spans("aaaa", &[id(Kind::OtherId, "aaa", Whose::Patient, 1)]).unwrap();
        assert_eq!((spans[0].start, spans[0].end), (1, 4));
    }

    #[test]
    fn missing_identifier_text_is_an_error() {
        let err = resolve_spans(
            "call Sophie",
            &[id(Kind::PersonName, "Sophie", Whose::Patient, 1)],
        )
        .unwrap_err();
        assert_eq!(
            err,
            SpanError::NotFound {
                index: 0,
                text: "Sophie".into(),
                nth: 1,
                occurrences: 1
            }
        );
        let err = resolve_spans("x", &[id(Kind::Email, "", Whose::Patient, 0)]).unwrap_err();
        assert_eq!(err, SpanError::Empty { index: 0 });
    }

    #[test]
    fn case_with_a_patient_identifier_expects_block() {
        let case: PhiCase = PhiCase {
            id: "x".into(),
            text: "Dr. Okafor thanks Sophie".into(),
            profile: "p".into(),
            identifiers: vec![
                id(Kind::PersonName, "Okafor", Whose::Staff, 0),
                id(Kind::PersonName, "Sophie", Whose::Patient, 0),
            ],
            note: None,
        };
        assert_eq!(case.expected_verdict(), Verdict::Block);
        let clean = PhiCase {
            identifiers: vec![id(Kind::PersonName, "Okafor", Whose::Staff, 0)],
            ..case
        };
        assert_eq!(clean.expected_verdict(), Verdict::Pass);
    }

    #[test]
    fn any_overlap_matching_and_block_rates_by_hand() {
        // Case 1 (must block): gold name 0..6 patient, phone 10..22 organization.
        //   predictions: name 2..4 (overlaps: match), phone 30..40 (no overlap: spurious),
        //   so phone gold is missed. Guard says block.
        // Case 2 (clean): gold date 0..5 organization. Prediction: date 3..8 (overlap), and an
        //   email 10..20 the gold does not have. Guard attributes the email to a patient: block.
        // Case 3 (must block): gold name 0..4 patient. No predictions: pass.
        let g1 = [
            gold(Kind::PersonName, 0, 6, Whose::Patient),
            gold(Kind::Phone, 10, 22, Whose::Organization),
        ];
        let r1 = ScanReport::new(vec![
            finding(Kind::PersonName, 2, 4, Whose::Patient),
            finding(Kind::Phone, 30, 40, Whose::Organization),
        ]);
        let g2 = [gold(Kind::Date, 0, 5, Whose::Organization)];
        let r2 = ScanReport::new(vec![
            finding(Kind::Date, 3, 8, Whose::Organization),
            finding(Kind::Email, 10, 20, Whose::Patient),
        ]);
        let g3 = [gold(Kind::PersonName, 0, 4, Whose::Patient)];
        let r3 = ScanReport::new(vec![]);
        let s = score_phi([(&g1[..], &r1), (&g2[..], &r2), (&g3[..], &r3)]);

        let name = s.per_kind[&Kind::PersonName];
        assert_eq!((name.support, name.predicted), (2, 1));
        assert!(close(name.precision, 1.0) && close(name.recall, 0.5));
        assert!(close(name.f1, 2.0 / 3.0));
        let phone = s.per_kind[&Kind::Phone];
        assert!(close(phone.precision, 0.0) && close(phone.recall, 0.0) && close(phone.f1, 0.0));
        let email = s.per_kind[&Kind::Email];
        assert_eq!((email.support, email.predicted), (0, 1));
        assert!(close(s.per_kind[&Kind::Date].f1, 1.0));

        // Micro: gold 4 (2 matched), predicted 4 (2 matched): P 0.5, R 0.5, F1 0.5.
        assert_eq!((s.overall.support, s.overall.predicted), (4, 4));
        assert!(close(s.overall.precision, 0.5) && close(s.overall.recall, 0.5));
        assert!(close(s.overall.f1, 0.5));

        // Patient spans: case 1 name found as patient, case 3 name missed.
        assert!(close(s.patient_span_recall, 0.5));
        assert_eq!(
            (s.must_block, s.must_block_blocked, s.clean, s.clean_blocked),
            (2, 1, 1, 1)
        );
        assert!(close(s.block_recall, 0.5) && close(s.false_block_rate, 1.0));
    }

    #[test]
    fn a_finding_of_another_kind_does_not_match() {
        let g = vec![gold(Kind::Mrn, 0, 10, Whose::Patient)];
        let r = ScanReport::new(vec![finding(Kind::Phone, 0, 10, Whose::Patient)]);
        let s = score_phi([(&g[..], &r)]);
        assert!(close(s.overall.f1, 0.0));
        // The verdict is still right even though the kind is wrong.
        assert!(close(s.block_recall, 1.0));
        let d = span_diff(&g, &r.findings);
        assert_eq!((d.missed.len(), d.spurious.len()), (1, 1));
    }

    #[test]
    fn adjacent_spans_do_not_overlap() {
        let g = [gold(Kind::Date, 5, 10, Whose::Patient)];
        let r = ScanReport::new(vec![finding(Kind::Date, 0, 5, Whose::Patient)]);
        assert!(close(score_phi([(&g[..], &r)]).overall.recall, 0.0));
    }

    #[test]
    fn triage_per_label_and_macro_f1_by_hand() {
        use Label::*;
        let gold: Vec<Vec<Label>> = vec![
            vec![AdviceRequest, PhiDisclosure],
            vec![Praise],
            vec![Spam],
            vec![AdviceRequest],
        ];
        let pred: Vec<Vec<Label>> = vec![
            vec![AdviceRequest],
            vec![Praise, Complaint],
            vec![Spam],
            vec![GeneralQuestion],
        ];
        let s = score_triage(gold.iter().zip(&pred).map(|(g, p)| (&g[..], &p[..])));
        // advice: gold 2, pred 1, both 1 -> P 1, R .5, F1 2/3.
        let a = s.per_label[&AdviceRequest];
        assert!(close(a.precision, 1.0) && close(a.recall, 0.5) && close(a.f1, 2.0 / 3.0));
        // phi: gold 1, pred 0 -> F1 0. praise, spam: F1 1. complaint, general: pred 1, gold 0 -> 0.
        assert!(close(s.per_label[&PhiDisclosure].f1, 0.0));
        assert!(close(s.per_label[&Praise].f1, 1.0));
        assert!(close(s.per_label[&Complaint].f1, 0.0));
        assert_eq!(s.per_label.len(), 6);
        // Macro over the six labels seen: (2/3 + 0 + 1 + 1 + 0 + 0) / 6.
        assert!(close(s.macro_f1, (2.0 / 3.0 + 2.0) / 6.0));
        assert!(close(s.exact_match, 0.25));
        assert_eq!(s.cases, 4);
    }

    #[test]
    fn duplicate_predicted_labels_count_once() {
        let g = [Label::Spam];
        let p = [Label::Spam, Label::Spam];
        let s = score_triage([(&g[..], &p[..])]);
        assert!(close(s.per_label[&Label::Spam].precision, 1.0));
    }
}
