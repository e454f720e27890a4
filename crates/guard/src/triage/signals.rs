//! Finds every cue of the lexicon in a normalised text, in one Aho-Corasick pass, and keeps
//! where each one is (token span, sentence) so scoring can ask positional questions such as
//! "is a person mentioned just before this diagnosis?".

use super::lexicon::Feature::{Condition, Illness, Medication, Symptom, Treatment};
use super::lexicon::{Feature, FeatureSet, CUES};
use super::normalise::Normalised;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

/// One cue occurrence: tokens `start..end` of the normalised text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub f: Feature,
    pub start: u32,
    pub end: u32,
    pub sent: u32,
}

pub(crate) struct Signals {
    pub hits: Vec<Hit>,
    pub all: FeatureSet,
    pub sent: Vec<FeatureSet>,
}

impl Signals {
    pub(crate) fn has(&self, f: Feature) -> bool {
        self.all.has(f)
    }

    pub(crate) fn any(&self, fs: &[Feature]) -> bool {
        self.all.any(fs)
    }

    pub(crate) fn of(&self, f: Feature) -> impl Iterator<Item = &Hit> + '_ {
        self.hits.iter().filter(move |h| h.f == f)
    }

    pub(crate) fn count(&self, f: Feature) -> usize {
        self.of(f).count()
    }

    /// Whether a hit of one of `fs` ends at most `gap` tokens before `h` starts, in its sentence.
    /// The nearest such hit is returned.
    pub(crate) fn preceded_by(&self, h: &Hit, fs: &[Feature], gap: u32) -> Option<&Hit> {
        self.hits
            .iter()
            .filter(|p| {
                p.sent == h.sent
                    && fs.contains(&p.f)
                    && p.start < h.start
                    && p.end <= h.start
                    && h.start - p.end <= gap
            })
            .max_by_key(|p| p.end)
    }

    /// Whether a hit of `f` starts within tokens `from..to`.
    pub(crate) fn within(&self, f: Feature, from: u32, to: u32) -> bool {
        self.of(f).any(|h| h.start >= from && h.start < to)
    }

    /// Whether `h` overlaps a hit of `f`.
    pub(crate) fn overlaps(&self, h: &Hit, f: Feature) -> bool {
        self.of(f).any(|o| o.start < h.end && h.start < o.end)
    }
}

pub(crate) struct Matcher {
    ac: AhoCorasick,
    masks: Vec<FeatureSet>,
}

impl Matcher {
    pub(crate) fn new() -> Matcher {
        let mut by_phrase: HashMap<String, FeatureSet> = HashMap::new();
        for &(f, phrases) in CUES {
            for p in phrases.split('|').filter(|p| !p.is_empty()) {
                let pattern = match p.strip_suffix('*') {
                    Some(stem) => format!(" {stem}"),
                    None => format!(" {p} "),
                };
                by_phrase.entry(pattern).or_default().insert(f);
                // Health terms also match their plural: "panic attacks", "seizures".
                let health = matches!(f, Symptom | Condition | Illness | Medication | Treatment);
                if health && !p.ends_with(['s', '*']) && p.len() > 3 && !p.contains(' ') {
                    by_phrase.entry(format!(" {p}s ")).or_default().insert(f);
                }
            }
        }
        let mut entries: Vec<(String, FeatureSet)> = by_phrase.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(entries.iter().map(|(p, _)| p.as_str()))
            .expect("cue lexicon compiles");
        Matcher {
            ac,
            masks: entries.into_iter().map(|(_, m)| m).collect(),
        }
    }

    /// Every distinct word the cues use.
    pub(crate) fn words() -> impl Iterator<Item = &'static str> {
        CUES.iter()
            .flat_map(|(_, phrases)| phrases.split(['|', ' ']))
            .map(|w| w.trim_end_matches('*'))
            .filter(|w| !w.is_empty())
    }

    pub(crate) fn signals(&self, n: &Normalised) -> Signals {
        let mut sig = Signals {
            hits: Vec::new(),
            all: FeatureSet::default(),
            sent: vec![FeatureSet::default(); n.sentences.len()],
        };
        for m in self.ac.find_overlapping_iter(&n.text) {
            let first_byte = (m.start() + 1) as u32;
            let start = n.tok_starts.partition_point(|&s| s < first_byte) as u32;
            let end = n.tok_starts.partition_point(|&s| (s as usize) < m.end()) as u32;
            if start >= end {
                continue;
            }
            let sent = n.sentence_of(start) as u32;
            let mask = self.masks[m.pattern().as_usize()];
            let mut bits = mask.0;
            while bits != 0 {
                let i = bits.trailing_zeros() as u8;
                bits &= bits - 1;
                let f = FEATURES[i as usize];
                sig.hits.push(Hit {
                    f,
                    start,
                    end,
                    sent,
                });
                sig.all.insert(f);
                if let Some(s) = sig.sent.get_mut(sent as usize) {
                    s.insert(f);
                }
            }
        }
        sig
    }
}

/// Features by discriminant, to turn a set bit back into its feature.
const FEATURES: [Feature; Feature::Rhetoric as usize + 1] = {
    let mut out = [Feature::SelfRef; Feature::Rhetoric as usize + 1];
    let mut i = 0;
    while i < CUES.len() {
        let f = CUES[i].0;
        out[f as usize] = f;
        i += 1;
    }
    out
};
