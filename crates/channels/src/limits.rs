//! Each network's limits, checked before a post is scheduled so the team learns of an
//! over-long post while they can still fix it, not from a failed delivery at 3 a.m.

use crate::ChannelKind;
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

/// How a network counts the length of a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Counting {
    /// Unicode scalar values, with every URL counted as 23 (Mastodon).
    CharsUrlsAs23,
    /// Extended grapheme clusters (Bluesky).
    Graphemes,
    /// Unicode scalar values (Facebook).
    Chars,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Limits {
    pub max_length: usize,
    pub counting: Counting,
    pub max_images: usize,
    pub max_image_bytes: usize,
}

impl Limits {
    pub fn of(kind: ChannelKind) -> Limits {
        match kind {
            // Mastodon's defaults (MAX_CHARS 500; 4 attachments; 16 MB images).
            ChannelKind::Mastodon => Limits {
                max_length: 500,
                counting: Counting::CharsUrlsAs23,
                max_images: 4,
                max_image_bytes: 16 * 1024 * 1024,
            },
            // app.bsky.feed.post: 300 graphemes; app.bsky.embed.images: 4 images of at
            // most 1,000,000 bytes.
            ChannelKind::Bluesky => Limits {
                max_length: 300,
                counting: Counting::Graphemes,
                max_images: 4,
                max_image_bytes: 1_000_000,
            },
            // Facebook page posts: 63,206 characters; photos up to 10 MB.
            ChannelKind::Facebook => Limits {
                max_length: 63_206,
                counting: Counting::Chars,
                max_images: 10,
                max_image_bytes: 10 * 1024 * 1024,
            },
        }
    }

    /// The length of `text` as this network counts it.
    pub fn length(&self, text: &str) -> usize {
        match self.counting {
            Counting::Graphemes => text.graphemes(true).count(),
            Counting::Chars => text.chars().count(),
            Counting::CharsUrlsAs23 => {
                let mut n = 0;
                for word in split_keep_ws(text) {
                    if word.starts_with("http://") || word.starts_with("https://") {
                        n += 23;
                    } else {
                        n += word.chars().count();
                    }
                }
                n
            }
        }
    }
}

/// Splits text into alternating runs of whitespace and non-whitespace, keeping both.
fn split_keep_ws(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut out = Vec::new();
    let mut in_ws: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let ws = c.is_whitespace();
        if in_ws.is_some_and(|w| w != ws) {
            out.push(&text[start..i]);
            start = i;
        }
        in_ws = Some(ws);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out.into_iter()
}

/// Why a post cannot go to a network as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LimitProblem {
    pub channel: ChannelKind,
    /// `too_long`, `too_many_images`, `image_too_large`.
    pub code: &'static str,
    pub message: String,
}

/// Checks a post's text and image sizes against one network's limits.
pub fn check_post(kind: ChannelKind, text: &str, image_sizes: &[usize]) -> Vec<LimitProblem> {
    let limits = Limits::of(kind);
    let mut problems = Vec::new();
    let name = match kind {
        ChannelKind::Mastodon => "Mastodon",
        ChannelKind::Bluesky => "Bluesky",
        ChannelKind::Facebook => "Facebook",
    };
    let unit = match limits.counting {
        Counting::Graphemes => "characters (graphemes)",
        _ => "characters",
    };
    let len = limits.length(text);
    if len > limits.max_length {
        problems.push(LimitProblem {
            channel: kind,
            code: "too_long",
            message: format!(
                "{name} allows {} {unit}; this post has {len}, {} too many",
                limits.max_length,
                len - limits.max_length
            ),
        });
    }
    if image_sizes.len() > limits.max_images {
        problems.push(LimitProblem {
            channel: kind,
            code: "too_many_images",
            message: format!(
                "{name} allows {} images per post; this post has {}",
                limits.max_images,
                image_sizes.len()
            ),
        });
    }
    for (i, size) in image_sizes.iter().enumerate() {
        if *size > limits.max_image_bytes {
            problems.push(LimitProblem {
                channel: kind,
                code: "image_too_large",
                message: format!(
                    "{name} allows images up to {} bytes; image {} has {size}",
                    limits.max_image_bytes,
                    i + 1
                ),
            });
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mastodon_counts_urls_as_23() {
        let l = Limits::of(ChannelKind::Mastodon);
        assert_eq!(
            l.length("see https://example.org/a/very/long/path/indeed/yes now"),
            4 + 23 + 4
        );
    }

    #[test]
    fn bluesky_counts_graphemes() {
        let l = Limits::of(ChannelKind::Bluesky);
        // A family emoji is one grapheme of several scalar values.
        assert_eq!(l.length("👨‍👩‍👧 é"), 3);
    }

    #[test]
    fn over_long_post_says_by_how_much_per_channel() {
        let text = "a".repeat(320);
        let p = check_post(ChannelKind::Bluesky, &text, &[]);
        assert_eq!(p.len(), 1);
        assert!(p[0].message.contains("20 too many"), "{}", p[0].message);
        assert!(check_post(ChannelKind::Mastodon, &text, &[]).is_empty());
        let p = check_post(ChannelKind::Mastodon, &"b".repeat(503), &[]);
        assert!(p[0].message.contains("3 too many"));
    }

    #[test]
    fn image_counts_and_sizes() {
        let p = check_post(ChannelKind::Bluesky, "hi", &[10, 2_000_000, 1, 1, 1]);
        let codes: Vec<_> = p.iter().map(|p| p.code).collect();
        assert_eq!(codes, vec!["too_many_images", "image_too_large"]);
    }
}
