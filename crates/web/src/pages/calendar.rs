//! The content calendar: approved posts on the days they go out (in the organisation's
//! time zone), coloured by content type, with the content mix of the visible range.

use super::publishing::{excerpt, state_badge, Badge};
use super::{render, Ctx, Layout, PageResult};
use askama::Template;
use axum::extract::Query;
use chrono::{Datelike, Days, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use domain::publishing::{ContentType, PostFilter};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Week,
    Month,
}

impl View {
    fn as_str(self) -> &'static str {
        match self {
            View::Week => "week",
            View::Month => "month",
        }
    }
}

/// The days a view shows around `date`: `[start, end)`, whole weeks from Monday.
fn visible_range(view: View, date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = |d: NaiveDate| d - Days::new(u64::from(d.weekday().num_days_from_monday()));
    match view {
        View::Week => {
            let start = monday(date);
            (start, start + Days::new(7))
        }
        View::Month => {
            let first = date.with_day(1).expect("day 1 exists");
            let next = first + Months::new(1);
            let last = next - Days::new(1);
            let end = last + Days::new(7 - u64::from(last.weekday().num_days_from_monday()));
            (monday(first), end)
        }
    }
}

fn step(view: View, date: NaiveDate, forward: bool) -> NaiveDate {
    match (view, forward) {
        (View::Week, true) => date + Days::new(7),
        (View::Week, false) => date - Days::new(7),
        (View::Month, true) => date.with_day(1).expect("day 1") + Months::new(1),
        (View::Month, false) => date.with_day(1).expect("day 1") - Months::new(1),
    }
}

/// Midnight at the start of `day` in the zone, as UTC (the first midnight if it repeats).
fn day_start(tz: Tz, day: NaiveDate) -> chrono::DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight");
    tz.from_local_datetime(&midnight)
        .earliest()
        // Zones that skip midnight itself: the day starts an hour later.
        .or_else(|| {
            tz.from_local_datetime(&(midnight + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| midnight.and_utc())
}

/// How many posts of one type, and their share of the range.
pub(crate) struct MixRow {
    pub label: &'static str,
    pub class: &'static str,
    pub count: usize,
    pub percent: usize,
}

pub(crate) struct Mix {
    pub total: usize,
    pub rows: Vec<MixRow>,
    pub warnings: Vec<String>,
}

/// Content that teaches the public about their health; a feed without any is all
/// self-promotion.
const EDUCATION: [ContentType; 2] = [ContentType::Psa, ContentType::Infographic];

/// The content mix of some posts: share per type (most first) and warnings when one type
/// dominates (more than half of at least three posts) or there is no public-health content.
pub(crate) fn content_mix(types: &[ContentType]) -> Mix {
    let total = types.len();
    let mut rows: Vec<MixRow> = ContentType::ALL
        .into_iter()
        .map(|t| {
            let count = types.iter().filter(|x| **x == t).count();
            MixRow {
                label: t.label(),
                class: t.as_str(),
                count,
                // Rounded to the nearest whole percent; 0 of nothing is 0.
                percent: (count * 100 + total / 2).checked_div(total).unwrap_or(0),
            }
        })
        .filter(|r| r.count > 0)
        .collect();
    // Stable: equal counts keep the types' usual order.
    rows.sort_by_key(|r| std::cmp::Reverse(r.count));
    let mut warnings = Vec::new();
    if total >= 3 {
        if let Some(top) = rows.first().filter(|r| r.count * 2 > total) {
            warnings.push(format!(
                "{} makes up {}% of the posts in this period. Mix in other kinds of content.",
                top.label, top.percent
            ));
        }
    }
    if total > 0 && !types.iter().any(|t| EDUCATION.contains(t)) {
        warnings.push(
            "There is no public-health or patient-education content (public service announcements, infographics) in this period."
                .into(),
        );
    }
    Mix {
        total,
        rows,
        warnings,
    }
}

struct CalPost {
    id: String,
    time: String,
    excerpt: String,
    class: &'static str,
    type_label: &'static str,
    badge: Badge,
}

struct Day {
    date: String,
    number: u32,
    long: String,
    weekday: &'static str,
    outside: bool,
    today: bool,
    posts: Vec<CalPost>,
}

struct LegendItem {
    label: &'static str,
    class: &'static str,
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    layout: Layout,
    view: &'static str,
    date: String,
    title: String,
    prev: String,
    next: String,
    today: String,
    days: Vec<Day>,
    legend: Vec<LegendItem>,
    mix: Mix,
    tz: String,
}

#[derive(Deserialize)]
pub struct CalendarQuery {
    view: Option<String>,
    date: Option<String>,
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub async fn show(ctx: Ctx, Query(q): Query<CalendarQuery>) -> PageResult {
    let viewer = ctx.need(ctx.actor.viewer(), "signed-in members")?;
    let tz = ctx.tz;
    let today = Utc::now().with_timezone(&tz).date_naive();
    let view = match q.view.as_deref() {
        Some("week") => View::Week,
        _ => View::Month,
    };
    // A malformed date shows today rather than an error: it only comes from edited links.
    let date = q
        .date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or(today);
    let (start, end) = visible_range(view, date);
    let posts = ctx
        .desk()
        .list_posts(
            &viewer,
            PostFilter {
                from: Some(day_start(tz, start)),
                to: Some(day_start(tz, end)),
                limit: 1000,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| ctx.fail(e))?;
    let posts: Vec<_> = posts
        .into_iter()
        .filter(|p| p.state.is_approved())
        .collect();
    let mix = content_mix(&posts.iter().map(|p| p.content_type).collect::<Vec<_>>());
    let mut days: Vec<Day> = start
        .iter_days()
        .take_while(|d| *d < end)
        .map(|d| Day {
            date: d.format("%Y-%m-%d").to_string(),
            number: d.day(),
            long: d.format("%A %-d %B %Y").to_string(),
            weekday: WEEKDAYS[d.weekday().num_days_from_monday() as usize],
            outside: view == View::Month && d.month() != date.month(),
            today: d == today,
            posts: Vec::new(),
        })
        .collect();
    let mut placed: Vec<(chrono::DateTime<Tz>, CalPost)> = posts
        .iter()
        .map(|p| {
            let at = p.calendar_at().with_timezone(&tz);
            (
                at,
                CalPost {
                    id: p.id.clone(),
                    time: at.format("%H:%M").to_string(),
                    excerpt: excerpt(&p.full_text(), 60),
                    class: p.content_type.as_str(),
                    type_label: p.content_type.label(),
                    badge: state_badge(p.state),
                },
            )
        })
        .collect();
    placed.sort_by_key(|(at, _)| *at);
    for (at, post) in placed {
        let key = at.date_naive().format("%Y-%m-%d").to_string();
        if let Some(day) = days.iter_mut().find(|d| d.date == key) {
            day.posts.push(post);
        }
    }
    let title = match view {
        View::Month => date.format("%B %Y").to_string(),
        View::Week => format!("Week of {}", start.format("%-d %B %Y")),
    };
    let fmt = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    Ok(render(&CalendarPage {
        layout: ctx.layout("Calendar"),
        view: view.as_str(),
        date: fmt(date),
        title,
        prev: fmt(step(view, date, false)),
        next: fmt(step(view, date, true)),
        today: fmt(today),
        days,
        legend: ContentType::ALL
            .into_iter()
            .map(|t| LegendItem {
                label: t.label(),
                class: t.as_str(),
            })
            .collect(),
        mix,
        tz: tz.name().to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ContentType::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_balanced_mix_has_no_warnings() {
        let m = content_mix(&[News, Psa, Event, EmployeeSpotlight]);
        assert_eq!(m.total, 4);
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        assert_eq!(m.rows.len(), 4);
        assert_eq!(m.rows[0].percent, 25);
    }

    #[test]
    fn one_type_over_half_is_lopsided() {
        let m = content_mix(&[News, News, News, Psa]);
        assert_eq!(m.rows[0].label, "News");
        assert_eq!(m.rows[0].percent, 75);
        assert_eq!(m.warnings.len(), 1);
        assert!(
            m.warnings[0].contains("News makes up 75%"),
            "{:?}",
            m.warnings
        );
        // Exactly half is not "more than half".
        assert!(content_mix(&[News, News, Psa, Event]).warnings.is_empty());
        // Two posts are too few to call lopsided.
        assert!(content_mix(&[Psa, Psa]).warnings.is_empty());
    }

    #[test]
    fn no_public_health_content_is_flagged() {
        let m = content_mix(&[News, Event, Research]);
        assert_eq!(m.warnings.len(), 1);
        assert!(m.warnings[0].contains("no public-health"));
        assert!(content_mix(&[News, Infographic, Event]).warnings.is_empty());
        let empty = content_mix(&[]);
        assert_eq!(empty.total, 0);
        assert!(empty.rows.is_empty() && empty.warnings.is_empty());
    }

    #[test]
    fn ranges_are_whole_weeks_from_monday() {
        // 2026-12-02 is a Wednesday.
        assert_eq!(
            visible_range(View::Week, d("2026-12-02")),
            (d("2026-11-30"), d("2026-12-07"))
        );
        // December 2026: Tuesday 1st to Thursday 31st.
        assert_eq!(
            visible_range(View::Month, d("2026-12-15")),
            (d("2026-11-30"), d("2027-01-04"))
        );
        // A month ending on a Sunday ends there (May 2026 ends Sunday 31st).
        assert_eq!(
            visible_range(View::Month, d("2026-05-10")).1,
            d("2026-06-01")
        );
        assert_eq!(step(View::Month, d("2026-01-31"), true), d("2026-02-01"));
        assert_eq!(step(View::Week, d("2026-01-31"), false), d("2026-01-24"));
    }

    #[test]
    fn days_start_at_local_midnight() {
        let ny: Tz = "America/New_York".parse().unwrap();
        assert_eq!(
            day_start(ny, d("2026-12-01")).to_rfc3339(),
            "2026-12-01T05:00:00+00:00"
        );
    }
}
