//! One pass over the text: word and number tokens with their case, folded lower-case forms
//! (diacritics stripped, so "María" and "maria" look up alike) and sentence boundaries.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// "Jacob", "O'Brien", "J"
    Title,
    /// "JACOB"
    Upper,
    /// "jacob"
    Lower,
    /// "McDonald", "iPhone", digits
    Mixed,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Byte range of the folded lower-case form in [`Tokens::folded`].
    pub fstart: usize,
    pub fend: usize,
    pub case: Case,
    pub numeric: bool,
    /// First token of a sentence (or of a line, a quote, the text).
    pub sentence_start: bool,
    /// Index of the sentence this token belongs to.
    pub sentence: u32,
    /// The character right before the token ('#' for hashtags, '@' for handles), or ' '.
    pub prefix: char,
}

pub(crate) struct Tokens<'t> {
    pub text: &'t str,
    pub toks: Vec<Token>,
    /// Folded forms of all tokens, separated by single spaces, so that a run of tokens is one
    /// contiguous slice (used to look up multi-word phrases).
    pub folded: String,
    /// Byte offset where each sentence starts; sentence i spans
    /// `sentences[i]..sentences[i + 1]` (or the end of the text).
    pub sentences: Vec<usize>,
    /// Word-class bits of each token (see [`super::lexicon::f`]), possessive "'s" removed.
    pub flags: Vec<u32>,
}

/// "Ava-Grace", "Mary-Kate": given names joined by a hyphen are a given name, when one part
/// at least is no dictionary word ("Summer-Rose" stays unknown, "Walk-In" is no name).
fn hyphenated_given_name(lex: &super::lexicon::Lexicon, w: &str) -> u32 {
    use super::lexicon::f;
    let mut word_only = true;
    for part in w.split('-') {
        let bits = lex.flags(part);
        if bits & f::FIRST == 0 || bits & f::NEVER != 0 {
            return 0;
        }
        word_only &= bits & (f::WORD | f::AMBIG) != 0;
    }
    if word_only {
        0
    } else {
        f::FIRST
    }
}

impl<'t> Tokens<'t> {
    pub fn new(text: &'t str) -> Tokens<'t> {
        let mut toks = Vec::with_capacity(text.len() / 5 + 1);
        let mut folded = String::with_capacity(text.len() + 8);
        let mut sentences = vec![0];
        let mut sentence_start = true;
        let mut prev_char = ' ';
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if c.is_alphanumeric() {
                let numeric = c.is_ascii_digit();
                let start = i;
                let mut end = i + c.len_utf8();
                let mut upper = usize::from(c.is_uppercase());
                let mut lower = usize::from(c.is_lowercase());
                let first_upper = c.is_uppercase();
                let mut later_upper = false;
                if !folded.is_empty() {
                    folded.push(' ');
                }
                let fstart = folded.len();
                fold_into(c, &mut folded);
                let mut prev_joiner = false;
                while let Some(&(j, d)) = iter.peek() {
                    let joins = if numeric {
                        d.is_ascii_digit()
                    } else if d.is_alphabetic() {
                        true
                    } else if matches!(d, '\'' | '’' | '-') {
                        // O'Brien, Mary-Jane: keep joined when a letter follows.
                        let rest = &text[j + d.len_utf8()..];
                        rest.chars().next().is_some_and(char::is_alphabetic)
                    } else {
                        false
                    };
                    if !joins {
                        break;
                    }
                    iter.next();
                    if d.is_uppercase() {
                        upper += 1;
                        // "Amara-Jade", "O'Brien": a capital after a joiner keeps Title case.
                        later_upper |= !prev_joiner;
                    }
                    prev_joiner = matches!(d, '\'' | '’' | '-');
                    if d.is_lowercase() {
                        lower += 1;
                    }
                    end = j + d.len_utf8();
                    if d == '’' {
                        folded.push('\'');
                    } else {
                        fold_into(d, &mut folded);
                    }
                }
                let case = if numeric {
                    Case::Mixed
                } else if first_upper && lower > 0 && !later_upper {
                    Case::Title
                } else if upper > 0 && lower == 0 {
                    if upper == 1 {
                        Case::Title
                    } else {
                        Case::Upper
                    }
                } else if upper == 0 {
                    Case::Lower
                } else if first_upper && is_mc_name(&text[start..end]) {
                    Case::Title
                } else {
                    Case::Mixed
                };
                toks.push(Token {
                    start,
                    end,
                    fstart,
                    fend: folded.len(),
                    case,
                    numeric,
                    sentence_start,
                    sentence: (sentences.len() - 1) as u32,
                    prefix: prev_char,
                });
                sentence_start = false;
                prev_char = text[..end].chars().next_back().unwrap_or(' ');
                continue;
            }
            let is_break = match c {
                '\n' | '!' | '?' | '¡' | '¿' | '…' | '"' | '“' | '”' => true,
                '.' => {
                    let next_space = iter.peek().is_none_or(|&(_, d)| d.is_whitespace());
                    next_space && !abbreviation_before(text, i)
                }
                _ => false,
            };
            if is_break && !sentence_start {
                sentence_start = true;
                sentences.push(i + c.len_utf8());
            } else if is_break {
                sentence_start = true;
            }
            // Emoji and other symbols also start a fresh clause for capitalisation purposes.
            if !c.is_whitespace() && !c.is_ascii() && !c.is_alphanumeric() && is_emoji_like(c) {
                sentence_start = true;
            }
            prev_char = c;
        }
        let lex = super::lexicon::get();
        let flags = toks
            .iter()
            .map(|t| {
                if t.numeric {
                    return 0;
                }
                let w = &folded[t.fstart..t.fend];
                let w = w.strip_suffix("'s").unwrap_or(w);
                match lex.flags(w) {
                    0 if w.contains('-') => hyphenated_given_name(lex, w),
                    bits => bits,
                }
            })
            .collect();
        Tokens {
            text,
            toks,
            folded,
            sentences,
            flags,
        }
    }

    /// Index of the first token starting at or after byte `pos` (`toks.len()` if none).
    pub fn index_at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.start < pos)
    }

    #[inline]
    pub fn is(&self, i: usize, flag: u32) -> bool {
        self.flags[i] & flag != 0
    }

    #[inline]
    pub fn folded(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.folded[t.fstart..t.fend]
    }

    #[inline]
    pub fn raw(&self, i: usize) -> &'t str {
        let t = &self.toks[i];
        &self.text[t.start..t.end]
    }

    /// Token `i` ends with a possessive (or "is") "'s": "Ruby's", "abuela’s".
    pub fn possessive(&self, i: usize) -> bool {
        let r = self.raw(i);
        r.ends_with("'s") || r.ends_with("’s")
    }

    /// Folded phrase of tokens `i..=j`, words separated by single spaces.
    pub fn phrase(&self, i: usize, j: usize) -> &str {
        &self.folded[self.toks[i].fstart..self.toks[j].fend]
    }

    /// Text between token `i - 1` and token `i` (the gap before `i`).
    #[inline]
    pub fn gap_before(&self, i: usize) -> &'t str {
        let start = if i == 0 { 0 } else { self.toks[i - 1].end };
        &self.text[start..self.toks[i].start]
    }

    /// Index of the sentence containing byte `pos`.
    pub fn sentence_index(&self, pos: usize) -> usize {
        self.sentences
            .partition_point(|&s| s <= pos)
            .saturating_sub(1)
    }
}

fn is_mc_name(s: &str) -> bool {
    let b = s.as_bytes();
    (b.starts_with(b"Mc") || b.starts_with(b"Mac") || b.starts_with(b"De") || b.starts_with(b"La"))
        && s.chars().skip(1).filter(|c| c.is_uppercase()).count() == 1
}

pub(crate) fn is_emoji_like(c: char) -> bool {
    let u = c as u32;
    (0x2600..=0x27BF).contains(&u) || (0x1F000..=0x1FAFF).contains(&u)
}

/// "Dr. Lee", "Mrs. Okafor", "St. Jude": a period that does not end the sentence.
fn abbreviation_before(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.chars().count() == 1 {
        return true; // initials: "J. Smith"
    }
    matches!(
        word.to_ascii_lowercase().as_str(),
        "dr" | "dra"
            | "mr"
            | "mrs"
            | "ms"
            | "mx"
            | "sr"
            | "sra"
            | "srta"
            | "st"
            | "jr"
            | "prof"
            | "rev"
            | "sgt"
            | "capt"
            | "cpl"
            | "lt"
            | "maj"
            | "gen"
            | "fr"
            | "mt"
            | "ft"
            | "no"
            | "vs"
            | "etc"
            | "apt"
            | "ste"
            | "ave"
            | "rd"
            | "blvd"
            | "av"
            | "avda"
            | "col"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "dept"
            | "approx"
            | "inc"
            | "co"
    )
}

/// Lower-cases `c` and strips Latin diacritics.
pub(crate) fn fold_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let base = match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => 'a',
        'Ç' | 'ç' | 'Ć'..='č' => 'c',
        'Ď'..='đ' => 'd',
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => 'e',
        'Ĝ'..='ģ' => 'g',
        'Ĥ'..='ħ' => 'h',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => 'i',
        'Ĵ' | 'ĵ' => 'j',
        'Ķ' | 'ķ' => 'k',
        'Ĺ'..='ł' => 'l',
        'Ñ' | 'ñ' | 'Ń'..='ň' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' | 'Ơ' | 'ơ' => 'o',
        'Ŕ'..='ř' => 'r',
        'Ś'..='š' | 'ß' => 's',
        'Ţ'..='ŧ' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' | 'Ư' | 'ư' => 'u',
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' | 'Ŷ' | 'ŷ' => 'y',
        'Ŵ' | 'ŵ' => 'w',
        'Ź'..='ž' => 'z',
        '\u{1EA0}'..='\u{1EB7}' => 'a',
        '\u{1EB8}'..='\u{1EC7}' => 'e',
        '\u{1EC8}'..='\u{1ECB}' => 'i',
        '\u{1ECC}'..='\u{1EE3}' => 'o',
        '\u{1EE4}'..='\u{1EF1}' => 'u',
        '\u{1EF2}'..='\u{1EF9}' => 'y',
        _ => {
            for l in c.to_lowercase() {
                out.push(l);
            }
            return;
        }
    };
    out.push(base);
}

/// The last `max` bytes of `s` or fewer, cut at a character boundary: the words right before
/// a position, read without walking (or lower-casing) the whole text before it.
pub(crate) fn tail(s: &str, max: usize) -> &str {
    let mut from = s.len().saturating_sub(max);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..]
}

/// The first `max` bytes of `s` or fewer, cut at a character boundary: the words right after
/// a position, read without lower-casing the whole rest of the text.
pub(crate) fn head(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Folded copy of a whole string (for profile entries).
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_into(c, &mut out);
    }
    out
}

/// A fixed list of phrases searched for in one pass over a post's bytes, without a lower-case
/// copy of the post. Phrases are written in lower case; their ASCII letters match either case,
/// and a phrase with other letters ("mi bebé") matches written all in lower or all in upper
/// case.
pub(crate) struct PhraseSet {
    phrases: &'static [&'static str],
    ac: std::sync::OnceLock<aho_corasick::AhoCorasick>,
}

impl PhraseSet {
    pub(crate) const fn new(phrases: &'static [&'static str]) -> PhraseSet {
        PhraseSet {
            phrases,
            ac: std::sync::OnceLock::new(),
        }
    }

    /// Whether `text` holds any of the phrases.
    pub(crate) fn in_text(&self, text: &str) -> bool {
        self.ac
            .get_or_init(|| {
                let upper = self
                    .phrases
                    .iter()
                    .filter(|p| !p.is_ascii())
                    .map(|p| p.to_uppercase());
                let all: Vec<String> = self
                    .phrases
                    .iter()
                    .map(|p| p.to_string())
                    .chain(upper)
                    .collect();
                aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .build(all)
                    .expect("phrase set")
            })
            .is_match(text)
    }
}
