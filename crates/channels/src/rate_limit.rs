//! Rate limits as the networks report them, and the response plumbing the HTTP connectors
//! share.
//!
//! Three dialects: the standard `Retry-After` (seconds or an HTTP date), Mastodon's
//! `X-RateLimit-Limit/Remaining/Reset`, and Facebook's JSON usage headers (`X-App-Usage`,
//! `X-Page-Usage`, `X-Business-Use-Case-Usage`) plus the Graph error codes that mean
//! "throttled" whatever the HTTP status.

use crate::ConnectorError;
use chrono::{DateTime, Utc};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde_json::Value;
use std::sync::Mutex;
use std::time::Duration;

/// Graph API error codes that mean "throttled": 4 (app), 17 (user), 32 (page), 341
/// (application limit), 613 (custom rate limit) and the Business Use Case range 80000-80014
/// (80001 is Pages).
pub fn is_facebook_rate_limit_code(code: i64) -> bool {
    matches!(code, 4 | 17 | 32 | 341 | 613 | 80000..=80014)
}

/// `Retry-After`: delta seconds or an HTTP date (RFC 9110 §10.2.3). A date in the past
/// means "now".
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    // IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") is a valid RFC 2822 date.
    let at = DateTime::parse_from_rfc2822(value)
        .ok()?
        .with_timezone(&Utc);
    Some(until(at, now))
}

fn until(at: DateTime<Utc>, now: DateTime<Utc>) -> Duration {
    (at - now).to_std().unwrap_or(Duration::ZERO)
}

/// Mastodon's per-endpoint budget (`X-RateLimit-*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MastodonRateLimit {
    pub limit: Option<u64>,
    pub remaining: Option<u64>,
    pub reset: Option<DateTime<Utc>>,
}

impl MastodonRateLimit {
    /// Reads the headers; `None` when the response carries none of them.
    pub fn from_headers(headers: &HeaderMap) -> Option<MastodonRateLimit> {
        let limit = header(headers, "x-ratelimit-limit").and_then(|v| v.trim().parse().ok());
        let remaining =
            header(headers, "x-ratelimit-remaining").and_then(|v| v.trim().parse().ok());
        let reset = header(headers, "x-ratelimit-reset").and_then(parse_reset);
        if limit.is_none() && remaining.is_none() && reset.is_none() {
            return None;
        }
        Some(MastodonRateLimit {
            limit,
            remaining,
            reset,
        })
    }

    /// The budget is spent: wait until it resets before the next call.
    pub fn wait_before_next(&self, now: DateTime<Utc>) -> Option<Duration> {
        match (self.remaining, self.reset) {
            (Some(0), Some(reset)) => Some(until(reset, now)),
            _ => None,
        }
    }
}

/// Mastodon documents an ISO 8601 timestamp; some servers and proxies send epoch seconds.
fn parse_reset(v: &str) -> Option<DateTime<Utc>> {
    let v = v.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(v) {
        return Some(at.with_timezone(&Utc));
    }
    v.parse::<i64>()
        .ok()
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
}

/// One usage report from a Facebook header: percentages of the budget used, and how long
/// until access comes back once throttled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FacebookUsage {
    pub call_count: u32,
    pub total_cputime: u32,
    pub total_time: u32,
    pub regain_access: Option<Duration>,
}

impl FacebookUsage {
    /// The most used of the three budgets, in percent.
    pub fn max_percent(&self) -> u32 {
        self.call_count.max(self.total_cputime).max(self.total_time)
    }

    fn from_json(v: &Value) -> Option<FacebookUsage> {
        let obj = v.as_object()?;
        let pct = |k: &str| obj.get(k).and_then(Value::as_f64).map_or(0, |f| f as u32);
        let regain = obj
            .get("estimated_time_to_regain_access")
            .and_then(Value::as_f64)
            .filter(|m| *m > 0.0)
            .map(|minutes| Duration::from_secs((minutes * 60.0) as u64));
        Some(FacebookUsage {
            call_count: pct("call_count"),
            total_cputime: pct("total_cputime"),
            total_time: pct("total_time"),
            regain_access: regain,
        })
    }
}

/// Every usage report in a response: `X-App-Usage` and `X-Page-Usage` are one object each;
/// `X-Business-Use-Case-Usage` maps business ids to arrays of per-use-case objects.
pub fn facebook_usage(headers: &HeaderMap) -> Vec<FacebookUsage> {
    let mut out = Vec::new();
    for name in ["x-app-usage", "x-page-usage", "x-ad-account-usage"] {
        if let Some(v) = header(headers, name).and_then(|v| serde_json::from_str(v).ok()) {
            out.extend(FacebookUsage::from_json(&v));
        }
    }
    let buc = header(headers, "x-business-use-case-usage")
        .and_then(|v| serde_json::from_str::<Value>(v).ok());
    if let Some(Value::Object(businesses)) = buc {
        for entries in businesses.values() {
            let entries = entries.as_array().map(Vec::as_slice).unwrap_or_default();
            out.extend(entries.iter().filter_map(FacebookUsage::from_json));
        }
    }
    out
}

/// How long Facebook says to wait: the longest `estimated_time_to_regain_access`, or `None`
/// when no header gives one.
pub fn facebook_regain_access(headers: &HeaderMap) -> Option<Duration> {
    facebook_usage(headers)
        .iter()
        .filter_map(|u| u.regain_access)
        .max()
}

/// How long to wait before retrying a rate-limited call, from whichever header the
/// network sent: `Retry-After`, then Facebook's regain estimate, then Mastodon's reset.
pub fn retry_after(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    if let Some(d) = header(headers, "retry-after").and_then(|v| parse_retry_after(v, now)) {
        return Some(d);
    }
    if let Some(d) = facebook_regain_access(headers) {
        return Some(d);
    }
    MastodonRateLimit::from_headers(headers)
        .and_then(|l| l.reset)
        .map(|reset| until(reset, now))
}

/// `Some(RateLimited)` when the response means "slow down": HTTP 429, or a Graph error body
/// whose code is a rate-limit code (Facebook answers those with 400 or 403).
pub fn rate_limited(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    now: DateTime<Utc>,
) -> Option<ConnectorError> {
    let graph_code = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.pointer("/error/code").and_then(Value::as_i64));
    let limited = status == StatusCode::TOO_MANY_REQUESTS
        || graph_code.is_some_and(is_facebook_rate_limit_code);
    limited.then(|| ConnectorError::RateLimited {
        retry_after: retry_after(headers, now),
    })
}

/// When a successful response already says the budget is spent, how long to hold off:
/// Mastodon's remaining = 0 until the reset, or a Facebook budget at 100 % until access is
/// regained.
pub fn proactive_wait(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let mastodon = MastodonRateLimit::from_headers(headers).and_then(|l| l.wait_before_next(now));
    let facebook = facebook_usage(headers)
        .into_iter()
        .filter(|u| u.max_percent() >= 100)
        .filter_map(|u| u.regain_access)
        .max();
    mastodon.max(facebook).filter(|d| !d.is_zero())
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Remembers "the network said wait until T" for one connector, so the next call fails fast
/// with [`ConnectorError::RateLimited`] instead of spending a request that is sure to be
/// refused (and, on Facebook, extending the block).
#[derive(Debug, Default)]
pub struct Throttle {
    blocked_until: Mutex<Option<DateTime<Utc>>>,
}

impl Throttle {
    /// `Err(RateLimited)` while a previous answer said to wait.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), ConnectorError> {
        let until_at = *self.blocked_until.lock().unwrap_or_else(|e| e.into_inner());
        match until_at {
            Some(at) if at > now => Err(ConnectorError::RateLimited {
                retry_after: Some(until(at, now)),
            }),
            _ => Ok(()),
        }
    }

    /// Records what a response's headers say about the budget.
    pub fn note(&self, headers: &HeaderMap, now: DateTime<Utc>) {
        if let Some(wait) = proactive_wait(headers, now) {
            let at = now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::zero());
            let mut blocked = self.blocked_until.lock().unwrap_or_else(|e| e.into_inner());
            *blocked = Some(blocked.map_or(at, |b| b.max(at)));
        }
    }
}

/// A response read whole: the connectors look at status, headers and body together.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// Sends a request through the connector's throttle and reads the whole answer. Network
/// failures become [`ConnectorError::Transient`] with the URL stripped, because Graph
/// requests carry the access token in the query string.
pub(crate) async fn send(
    network: &str,
    throttle: &Throttle,
    request: reqwest::RequestBuilder,
) -> Result<Reply, ConnectorError> {
    throttle.check(Utc::now())?;
    let net = |e: reqwest::Error| {
        ConnectorError::Transient(format!("could not reach {network}: {}", e.without_url()))
    };
    let response = request.send().await.map_err(net)?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(net)?.to_vec();
    throttle.note(&headers, Utc::now());
    Ok(Reply {
        status,
        headers,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn retry_after_seconds_and_http_date() {
        assert_eq!(
            parse_retry_after(" 120 ", now()),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Sat, 28 Nov 2026 12:01:30 GMT", now()),
            Some(Duration::from_secs(90))
        );
        assert_eq!(
            parse_retry_after("Sat, 28 Nov 2026 11:00:00 GMT", now()),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now()), None);
    }

    #[test]
    fn mastodon_headers_iso_and_epoch_reset() {
        let h = headers(&[
            ("x-ratelimit-limit", "300"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "2026-11-28T12:05:00.123Z"),
        ]);
        let l = MastodonRateLimit::from_headers(&h).unwrap();
        assert_eq!((l.limit, l.remaining), (Some(300), Some(0)));
        assert_eq!(
            l.wait_before_next(now()),
            Some(Duration::from_millis(300_123))
        );

        let epoch = (now().timestamp() + 60).to_string();
        let h = headers(&[
            ("x-ratelimit-remaining", "5"),
            ("x-ratelimit-reset", &epoch),
        ]);
        let l = MastodonRateLimit::from_headers(&h).unwrap();
        assert_eq!(l.reset, Some(now() + chrono::Duration::seconds(60)));
        // Budget left: no need to wait.
        assert_eq!(l.wait_before_next(now()), None);
        assert_eq!(MastodonRateLimit::from_headers(&HeaderMap::new()), None);
    }

    #[test]
    fn facebook_usage_headers() {
        let h = headers(&[
            (
                "x-app-usage",
                r#"{"call_count":28,"total_time":25,"total_cputime":40}"#,
            ),
            (
                "x-business-use-case-usage",
                r#"{"112233":[{"type":"pages","call_count":100,"total_cputime":10,"total_time":12,"estimated_time_to_regain_access":19}]}"#,
            ),
            ("x-page-usage", "not json"),
        ]);
        let usage = facebook_usage(&h);
        assert_eq!(usage.len(), 2);
        assert_eq!(usage[0].max_percent(), 40);
        assert_eq!(usage[1].call_count, 100);
        assert_eq!(
            facebook_regain_access(&h),
            Some(Duration::from_secs(19 * 60))
        );
        assert_eq!(retry_after(&h, now()), Some(Duration::from_secs(19 * 60)));
        assert_eq!(
            proactive_wait(&h, now()),
            Some(Duration::from_secs(19 * 60))
        );
    }

    #[test]
    fn retry_after_header_wins() {
        let h = headers(&[
            ("retry-after", "30"),
            (
                "x-page-usage",
                r#"{"call_count":100,"estimated_time_to_regain_access":5}"#,
            ),
        ]);
        assert_eq!(retry_after(&h, now()), Some(Duration::from_secs(30)));
    }

    #[test]
    fn rate_limited_by_status_or_graph_code() {
        let h = headers(&[("retry-after", "7")]);
        assert_eq!(
            rate_limited(StatusCode::TOO_MANY_REQUESTS, &h, b"", now()),
            Some(ConnectorError::RateLimited {
                retry_after: Some(Duration::from_secs(7))
            })
        );
        let body = br#"{"error":{"message":"(#32) Page request limit reached","type":"OAuthException","code":32,"fbtrace_id":"A1"}}"#;
        assert!(matches!(
            rate_limited(StatusCode::FORBIDDEN, &HeaderMap::new(), body, now()),
            Some(ConnectorError::RateLimited { retry_after: None })
        ));
        let body = br#"{"error":{"message":"Invalid OAuth access token.","type":"OAuthException","code":190}}"#;
        assert_eq!(rate_limited(StatusCode::BAD_REQUEST, &h, body, now()), None);
        assert_eq!(rate_limited(StatusCode::OK, &h, b"{}", now()), None);
        assert!(is_facebook_rate_limit_code(80001));
        assert!(!is_facebook_rate_limit_code(100));
    }

    #[test]
    fn throttle_blocks_until_reset_then_lets_go() {
        let t = Throttle::default();
        t.note(&headers(&[("x-ratelimit-remaining", "3")]), now());
        assert_eq!(t.check(now()), Ok(()));
        t.note(
            &headers(&[
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", "2026-11-28T12:00:40Z"),
            ]),
            now(),
        );
        assert_eq!(
            t.check(now() + chrono::Duration::seconds(10)),
            Err(ConnectorError::RateLimited {
                retry_after: Some(Duration::from_secs(30))
            })
        );
        assert_eq!(t.check(now() + chrono::Duration::seconds(41)), Ok(()));
    }
}
