//! E-mail addresses and URLs. The organisation's own are reported as `organization`; links to
//! a person's profile or fundraiser are a patient's; other public links are not identifiers.

use super::ownership::OrgIndex;
use super::Cand;
use crate::{Kind, Whose};
use regex::Regex;
use std::sync::OnceLock;

struct Res {
    email: Regex,
    url: Regex,
    url_hint: aho_corasick::AhoCorasick,
}

fn res() -> &'static Res {
    static RES: OnceLock<Res> = OnceLock::new();
    RES.get_or_init(|| Res {
        email: Regex::new(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
            .expect("email regex"),
        url: Regex::new(
            r"(?i)(?:https?://|www\.)[^\s<>()\[\]{}'\x22]+|(?-u:\b)[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|io|co|us|me|health|info|ly|app|link|page|care|mx|es|uk|ie|ca|blog|site|online|tv)(?-u:\b)(?:/[^\s<>()\[\]{}'\x22]*)?",
        )
        .expect("url regex"),
        url_hint: aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            // A full DFA scans faster than the default NFA on every post.
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build([
                "http", "www.", ".com", ".org", ".net", ".edu", ".gov", ".io", ".co", ".us", ".me", ".health", ".info",
                ".ly", ".app", ".link", ".page", ".care", ".mx", ".es", ".uk", ".ie", ".ca", ".blog",
                ".site", ".online", ".tv",
            ])
            .expect("url hints"),
    })
}

/// Sites where a path names a person: profiles, fundraisers, payment links, care journals.
const PERSONAL_SITES: &[&str] = &[
    "facebook.com",
    "fb.com",
    "instagram.com",
    "twitter.com",
    "x.com",
    "tiktok.com",
    "linkedin.com",
    "youtube.com",
    "gofundme.com",
    "caringbridge.org",
    "givesendgo.com",
    "mealtrain.com",
    "venmo.com",
    "cash.app",
    "paypal.me",
    "spotfund.com",
    "lotsahelpinghands.com",
    "threads.net",
    "snapchat.com",
    "pinterest.com",
    "reddit.com",
    "medium.com",
    "substack.com",
    "wa.me",
    "t.me",
    "linktr.ee",
    "patreon.com",
    "fundly.com",
    "giveforward.com",
    "youcaring.com",
];

/// Subdomains of those sites that are the site's own pages, not a person's.
const SITE_SUBDOMAINS: &[&str] = &[
    "www",
    "m",
    "mobile",
    "help",
    "support",
    "blog",
    "about",
    "es",
    "en",
    "business",
    "developers",
];

/// The organisation's own handle at `start..end` ("@RiversideHealth", or with its fediverse
/// server).
pub(crate) fn own_handle(start: usize, end: usize, prio: u8) -> Cand {
    Cand {
        kind: Kind::OtherId,
        start,
        end,
        whose: Whose::Organization,
        reason: "the organisation's own handle".into(),
        prio,
    }
}

pub(crate) fn find(text: &str, org: &OrgIndex, out: &mut Vec<Cand>) {
    let r = res();
    if text.contains('@') {
        for m in r.email.find_iter(text) {
            let e = m.as_str().trim_end_matches('.');
            // "@RiversideHealth@mastodon.social": a fediverse handle, not an e-mail address.
            // The organisation's own is marked as such; anyone else's is read by the handle
            // rules like any "@name".
            if m.start() > 0 && text.as_bytes()[m.start() - 1] == b'@' {
                let user = e.split('@').next().unwrap_or("");
                if org.is_org_handle(user) {
                    out.push(own_handle(m.start() - 1, m.start() + e.len(), 8));
                }
                continue;
            }
            let (whose, reason) = if org.is_org_email(e) {
                (Whose::Organization, "the organisation's own e-mail address")
            } else {
                (Whose::Patient, "e-mail address")
            };
            out.push(Cand {
                kind: Kind::Email,
                start: m.start(),
                end: m.start() + e.len(),
                whose,
                reason: reason.into(),
                prio: 8,
            });
        }
    }
    if !r.url_hint.is_match(text) {
        return;
    }
    for m in r.url.find_iter(text) {
        let s = m.start();
        // Part of an e-mail address ("jane@mail.com"): the e-mail candidate covers it.
        if s > 0 && matches!(text.as_bytes()[s - 1], b'@' | b'.' | b'_' | b'-') {
            continue;
        }
        let u = m.as_str().trim_end_matches(['.', ',', '!', '?', ':', ';']);
        let host = super::ownership::domain_of(u);
        let path = u.split_once("://").map_or(u, |(_, rest)| rest);
        let path = path
            .split_once('/')
            .map_or("", |(_, p)| p)
            .trim_matches('/');
        let (whose, reason) = if org.is_org_domain(&host) {
            (
                Whose::Organization,
                "the organisation's own website".to_string(),
            )
        } else if PERSONAL_SITES.iter().any(|d| {
            // A path on the site, or a person's own subdomain ("ivystrong.caringbridge.org").
            let sub = host.strip_suffix(d).and_then(|h| h.strip_suffix('.'));
            (host == *d || sub.is_some()) && !path.is_empty()
                || sub.is_some_and(|s| !SITE_SUBDOMAINS.contains(&s))
        }) {
            (Whose::Patient, format!("link to a personal page on {host}"))
        } else if own_site_before(&text[..s]) {
            (
                Whose::Patient,
                format!("link to a person's own site ({host})"),
            )
        } else {
            // A public resource (cdc.gov, a news article): not a person's, shown as such.
            (Whose::Organization, format!("public website ({host})"))
        };
        out.push(Cand {
            kind: Kind::Url,
            start: s,
            end: s + u.len(),
            whose,
            reason,
            prio: 7,
        });
    }
}

/// "Read it on her blog: …", "su página: …": the words right before a link say it is a
/// person's own site.
fn own_site_before(before: &str) -> bool {
    const OWN_SITES: &[&str] = &[
        "her blog",
        "his blog",
        "their blog",
        "su blog",
        "her website",
        "his website",
        "their website",
        "her site",
        "his site",
        "their site",
        "her page",
        "his page",
        "their page",
        "her gofundme",
        "his gofundme",
        "their gofundme",
        "her fundraiser",
        "his fundraiser",
        "their fundraiser",
        "su página",
        "su sitio",
        "sus páginas",
    ];
    let tail = super::text::tail(before, 32).to_lowercase();
    let tail = tail.trim_end_matches([' ', ':', '-', '→', '👉']);
    OWN_SITES.iter().any(|w| tail.ends_with(w))
}
