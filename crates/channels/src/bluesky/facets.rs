//! Rich-text facets: Bluesky does not parse links, mentions or hashtags out of the text; the
//! client sends their positions as UTF-8 byte ranges (`app.bsky.richtext.facet`). The rules
//! follow the reference client's detection closely enough that what is highlighted in
//! Carepost's preview is what Bluesky shows.

/// What a span of the text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feature {
    /// An `http(s)://` link.
    Link(String),
    /// `@handle`, without the `@`; it becomes a facet only if the handle resolves to a DID.
    Mention(String),
    /// `#tag`, without the `#`.
    Tag(String),
}

/// A detected span: `start..end` are UTF-8 byte offsets into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub feature: Feature,
}

/// Longest hashtag Bluesky accepts (the facet lexicon's maxGraphemes is 64 for tags).
const MAX_TAG_CHARS: usize = 64;

/// Finds links, mentions and hashtags in `text`, in order of position.
pub fn detect(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut prev: Option<char> = None;
    let mut skip_until = 0;
    for (i, c) in text.char_indices() {
        let at_boundary = prev.is_none_or(|p| p.is_whitespace() || p == '(');
        prev = Some(c);
        if i < skip_until || !at_boundary {
            continue;
        }
        let span = match c {
            'h' | 'H' => link_at(text, i),
            '@' => mention_at(text, i),
            // Tags need whitespace (or the start) before them, not '(' (reference behaviour).
            '#' | '＃'
                if text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace) =>
            {
                tag_at(text, i)
            }
            _ => None,
        };
        if let Some(s) = span {
            skip_until = s.end;
            spans.push(s);
        }
    }
    spans
}

fn token_end(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(text.len(), |(j, _)| from + j)
}

fn link_at(text: &str, start: usize) -> Option<Span> {
    let rest = &text[start..];
    let lower: String = rest
        .chars()
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_len = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return None;
    };
    let mut end = token_end(text, start);
    // Sentence punctuation after a link is not part of it, nor is a closing parenthesis
    // that has no opening one inside the link: "(see https://x.org/a)".
    loop {
        let url = &text[start..end];
        let Some(last) = url.chars().next_back() else {
            break;
        };
        let strip = matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'')
            || (last == ')' && !url.contains('('));
        if !strip {
            break;
        }
        end -= last.len_utf8();
    }
    let host = &text[start + scheme_len..end];
    let host = host.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || !host.contains('.') && !host.starts_with("localhost") {
        return None;
    }
    Some(Span {
        start,
        end,
        feature: Feature::Link(text[start..end].to_string()),
    })
}

fn mention_at(text: &str, start: usize) -> Option<Span> {
    let body_start = start + 1;
    let mut end = body_start
        + text[body_start..]
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '.' || *c == '-'))
            .map_or(text.len() - body_start, |(j, _)| j);
    // "@alice.bsky.social." at the end of a sentence.
    while end > body_start && matches!(text.as_bytes()[end - 1], b'.' | b'-') {
        end -= 1;
    }
    let handle = &text[body_start..end];
    if !is_valid_handle(handle) {
        return None;
    }
    Some(Span {
        start,
        end,
        feature: Feature::Mention(handle.to_ascii_lowercase()),
    })
}

/// atproto handle syntax: a domain name of at least two labels whose last one starts with a
/// letter.
pub fn is_valid_handle(handle: &str) -> bool {
    let labels: Vec<&str> = handle.split('.').collect();
    handle.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.as_bytes()[0].is_ascii_alphabetic())
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '…' | '“'
                | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '¡'
                | '¿'
                | '、'
                | '。'
                | '！'
                | '？'
                | '，'
                | '：'
                | '；'
        )
}

/// Invisible characters the reference client never includes in a tag.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{2060}' | '\u{200A}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{20E2}'
    )
}

fn tag_at(text: &str, start: usize) -> Option<Span> {
    let hash_len = text[start..].chars().next()?.len_utf8();
    let body_start = start + hash_len;
    // "#️⃣" is the keycap emoji, not a tag.
    if text[body_start..].starts_with('\u{FE0F}') {
        return None;
    }
    let mut end = body_start
        + text[body_start..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace() || is_invisible(*c))
            .map_or(text.len() - body_start, |(j, _)| j);
    while let Some(last) = text[body_start..end].chars().next_back() {
        if !is_punctuation(last) {
            break;
        }
        end -= last.len_utf8();
    }
    let tag = &text[body_start..end];
    // A tag needs something besides digits and punctuation ("#1" is a number, not a tag).
    if tag.is_empty()
        || tag.chars().count() > MAX_TAG_CHARS
        || tag.chars().all(|c| c.is_ascii_digit() || is_punctuation(c))
    {
        return None;
    }
    Some(Span {
        start,
        end,
        feature: Feature::Tag(tag.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slices(text: &str) -> Vec<(&str, Feature)> {
        detect(text)
            .into_iter()
            .map(|s| (&text[s.start..s.end], s.feature))
            .collect()
    }

    #[test]
    fn ascii_link_mention_and_tag() {
        let text = "Flu shots at https://example.org/flu today, ask @nurse.example.org #FluSeason";
        let s = detect(text);
        assert_eq!(s.len(), 3);
        assert_eq!((s[0].start, s[0].end), (13, 36));
        assert_eq!(
            s[0].feature,
            Feature::Link("https://example.org/flu".into())
        );
        assert_eq!((s[1].start, s[1].end), (48, 66));
        assert_eq!(s[1].feature, Feature::Mention("nurse.example.org".into()));
        assert_eq!((s[2].start, s[2].end), (67, 77));
        assert_eq!(s[2].feature, Feature::Tag("FluSeason".into()));
    }

    #[test]
    fn byte_offsets_count_utf8_bytes_after_emoji_and_accents() {
        // "é" is 2 bytes, "💉" is 4, the family emoji is 18: offsets are in bytes, not chars.
        let text = "Vacciné 💉👨‍👩‍👧 #santé https://hôpital.example/é";
        let s = detect(text);
        assert_eq!(s.len(), 2);
        let tag_start = "Vacciné 💉👨‍👩‍👧 ".len();
        assert_eq!(tag_start, 8 + 1 + 4 + 18 + 1);
        assert_eq!(
            (s[0].start, s[0].end),
            (tag_start, tag_start + "#santé".len())
        );
        assert_eq!(s[0].end - s[0].start, 7);
        assert_eq!(s[0].feature, Feature::Tag("santé".into()));
        assert_eq!(&text[s[1].start..s[1].end], "https://hôpital.example/é");
        assert_eq!(s[1].end, text.len());
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_links_tags_or_mentions() {
        assert_eq!(
            slices("See (https://example.org/a). Ask @bob.test. #Health!"),
            vec![
                (
                    "https://example.org/a",
                    Feature::Link("https://example.org/a".into())
                ),
                ("@bob.test", Feature::Mention("bob.test".into())),
                ("#Health", Feature::Tag("Health".into())),
            ]
        );
        // A parenthesis the link opened itself stays.
        assert_eq!(
            slices("https://en.wikipedia.org/wiki/Flu_(disease)")[0].0,
            "https://en.wikipedia.org/wiki/Flu_(disease)"
        );
    }

    #[test]
    fn things_that_are_not_facets() {
        // Email addresses, fragments inside links, numbers, the keycap emoji, bare words.
        assert!(slices("mail care@example.org or call #1 or #️⃣ now").is_empty());
        assert_eq!(slices("https://example.org/#frag").len(), 1);
        assert!(slices("@localhost @-bad.example @x.1com").is_empty());
        assert!(slices("word#tag a@b.test http://nodot").is_empty());
        assert!(slices(&format!("#{}", "a".repeat(65))).is_empty());
        assert_eq!(slices(&format!("#{}", "a".repeat(64))).len(), 1);
    }

    #[test]
    fn mention_handles_are_lowercased_and_validated() {
        assert_eq!(
            slices("Thanks @Dr-Smith.Example.COM!"),
            vec![(
                "@Dr-Smith.Example.COM",
                Feature::Mention("dr-smith.example.com".into())
            )]
        );
        assert!(is_valid_handle("alice.bsky.social"));
        assert!(!is_valid_handle("alice"));
        assert!(!is_valid_handle("alice.123"));
        assert!(!is_valid_handle("al_ice.test"));
    }

    #[test]
    fn fullwidth_hash_and_accented_tags() {
        let text = "＃Ñandú and #cœur";
        let s = slices(text);
        assert_eq!(s[0], ("＃Ñandú", Feature::Tag("Ñandú".into())));
        assert_eq!(s[1], ("#cœur", Feature::Tag("cœur".into())));
    }
}
