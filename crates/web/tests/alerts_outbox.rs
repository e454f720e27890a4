//! The alert outbox on SQLite and PostgreSQL: a fan-out retried after a partial run (and run
//! twice at once) queues and sends nobody twice; a send batch reads its recipients in one
//! query and records its outcomes together; contacts import in multi-row statements with the
//! same counts and "later row wins" matching; fan-out pages by segment exactly.

use chrono::Utc;
use domain::alert::{Alert, AlertMessage, AlertState, Medium, Notify};
use domain::contacts::Contact;
use domain::desk::{AlertInput, Messaging, WorkerSettings};
use domain::publishing::{Job, JobKind};
use domain::secret_box::SecretBox;
use domain::Desk;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $name() {
                let (url, _dir) = store::testing::fresh_sqlite_url();
                super::$name(&url).await;
            })*
        }
        mod postgres {
            $(#[tokio::test]
            async fn $name() {
                let url = store::testing::fresh_postgres_url().await;
                super::$name(&url).await;
            })*
        }
    };
}

both!(
    a_fan_out_retried_after_a_partial_run_queues_nobody_twice,
    a_send_batch_reads_recipients_and_records_outcomes_together,
    contacts_import_in_bulk_with_the_same_counts_and_matching,
    fan_out_pages_match_segments_exactly,
);

/// Every email it is given, by recipient address.
#[derive(Default)]
struct RecordingMailer {
    sent: Mutex<Vec<String>>,
}

type SendFuture<'a> =
    Pin<Box<dyn Future<Output = Result<notify::Sent, notify::SendError>> + Send + 'a>>;

// `notify::Mailer` is an `async_trait`; written out, as this crate does not depend on it.
impl notify::Mailer for RecordingMailer {
    fn send<'a, 'b, 'c>(&'a self, email: &'b notify::Email) -> SendFuture<'c>
    where
        'a: 'c,
        'b: 'c,
        Self: 'c,
    {
        Box::pin(async move {
            let mut sent = self.sent.lock().unwrap();
            sent.push(email.to.clone());
            Ok(notify::Sent {
                provider_id: format!("rec-{}", sent.len()),
            })
        })
    }
    fn describe(&self) -> String {
        "recording mailer".into()
    }
}

async fn desk(url: &str, mailer: Arc<RecordingMailer>) -> Arc<Desk> {
    let desk = Desk::new(store::connect(url).await.unwrap(), SecretBox::ephemeral())
        .with_messaging(Messaging {
            mailer: Some(mailer),
            ..Default::default()
        });
    desk.seed_demo().await.unwrap();
    Arc::new(desk)
}

async fn actor(desk: &Desk, email: &str) -> domain::Actor {
    let (token, _) = desk.create_token_for(email, "test").await.unwrap();
    desk.authenticate_token(&token, None)
        .await
        .unwrap()
        .unwrap()
}

/// A desk with the demo organisation and no mailer, for the store-level cases; and the
/// organisation's id.
async fn demo_org(url: &str) -> (Arc<Desk>, String) {
    let desk = desk(url, Arc::default()).await;
    let org_id = actor(&desk, "admin@riverside.example")
        .await
        .org_id()
        .to_string();
    (desk, org_id)
}

fn contact(org_id: &str, i: usize, segments: &[&str]) -> Contact {
    let at = Utc::now();
    Contact {
        id: domain::id::new_id(),
        org_id: org_id.into(),
        name: format!("Person {i}"),
        email: Some(format!("p{i}@example.org")),
        phone: Some(format!("+1415{i:07}")),
        language: "en".into(),
        segments: segments.iter().map(|s| s.to_string()).collect(),
        email_opt_in: true,
        sms_opt_in: true,
        voice_opt_in: false,
        created_at: at,
        updated_at: at,
    }
}

fn message(c: &Contact, alert_id: &str, medium: Medium) -> AlertMessage {
    AlertMessage::queued(
        &c.org_id,
        alert_id,
        &c.id,
        medium,
        Utc::now().timestamp_millis(),
    )
}

async fn stored_alert(desk: &Desk, org_id: &str, segments: &[&str]) -> Alert {
    let at = Utc::now();
    let alert = Alert {
        id: domain::id::new_id(),
        org_id: org_id.into(),
        title: "Garage closed".into(),
        body: "Use the East Wing lot.".into(),
        channel_ids: vec![],
        segments: segments.iter().map(|s| s.to_string()).collect(),
        notify: Notify {
            email: true,
            sms: true,
            voice: false,
        },
        starts_at: at,
        expires_at: at + chrono::Duration::hours(1),
        state: AlertState::Active,
        post_id: None,
        all_clear: None,
        created_by: "system".into(),
        ended_at: None,
        created_at: at,
    };
    desk.store().create_alert(&alert).await.unwrap();
    alert
}

fn counts(rows: Vec<(String, String, i64)>) -> BTreeMap<(String, String), i64> {
    rows.into_iter().map(|(m, s, n)| ((m, s), n)).collect()
}

async fn a_fan_out_retried_after_a_partial_run_queues_nobody_twice(url: &str) {
    let mailer = Arc::new(RecordingMailer::default());
    let desk = desk(url, mailer.clone()).await;
    let admin = actor(&desk, "admin@riverside.example").await;
    let approver = actor(&desk, "compliance@riverside.example").await;
    desk.set_segments(
        &admin.admin().unwrap(),
        vec!["Main Campus".into(), "East Wing".into()],
    )
    .await
    .unwrap();
    // 2,600 contacts: more than two fan-out pages. Every 13th is only in East Wing (not
    // affected), every 7th has opted out of email, every 5th is in both segments.
    let mut csv =
        String::from("name,email,phone,language,segments,email_opt_in,sms_opt_in,voice_opt_in\n");
    let mut expected = Vec::new();
    for i in 0..2_600 {
        let segments = match i {
            _ if i % 13 == 0 => "East Wing",
            _ if i % 5 == 0 => "East Wing;Main Campus",
            _ => "Main Campus",
        };
        let opted_in = i % 7 != 0;
        csv.push_str(&format!(
            "Person {i},p{i}@example.org,,en,{segments},{},no,no\n",
            if opted_in { "yes" } else { "no" }
        ));
        if i % 13 != 0 && opted_in {
            expected.push(format!("p{i}@example.org"));
        }
    }
    let report = desk
        .import_contacts(&approver.approver().unwrap(), &csv)
        .await
        .unwrap();
    assert_eq!((report.imported, report.updated), (2_600, 0));

    let alert = desk
        .create_alert(
            &approver.approver().unwrap(),
            AlertInput {
                title: "Parking garage closed".into(),
                body: "Please use the East Wing visitor lot.".into(),
                segments: vec!["Main Campus".into()],
                notify: Notify {
                    email: true,
                    sms: false,
                    voice: false,
                },
                expires_at: (Utc::now() + chrono::Duration::hours(2)).to_rfc3339(),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .alert;
    let org_id = approver.org_id().to_string();

    // A run that crashed mid-fan-out left the first 1,500 recipients (by id) queued, under
    // ids of its own; the start job is then run again, by two workers at once.
    let store = desk.store();
    let mut in_segment = store
        .list_contacts(&org_id, Some("Main Campus"), 10_000, 0)
        .await
        .unwrap();
    in_segment.sort_by(|a, b| a.id.cmp(&b.id));
    let partial: Vec<AlertMessage> = in_segment
        .iter()
        .filter(|c| c.email_opt_in)
        .take(1_500)
        .map(|c| message(c, &alert.id, Medium::Email))
        .collect();
    assert_eq!(store.queue_alert_messages(&partial).await.unwrap(), 1_500);
    store
        .enqueue_job(&Job::new(
            &org_id,
            JobKind::AlertStart,
            &alert.id,
            Utc::now(),
        ))
        .await
        .unwrap();

    let settings = WorkerSettings::default();
    let deadline = Instant::now() + Duration::from_secs(120);
    let states = loop {
        desk.run_due_jobs(&settings).await.unwrap();
        let states = counts(store.alert_message_counts(&alert.id).await.unwrap());
        let open: i64 = states
            .iter()
            .filter(|((_, s), _)| s == "queued" || s == "sending")
            .map(|(_, n)| n)
            .sum();
        if open == 0 && states.values().sum::<i64>() > 1_500 {
            break states;
        }
        assert!(Instant::now() < deadline, "not done: {states:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let key = |s: &str| ("email".to_string(), s.to_string());
    assert_eq!(
        states,
        BTreeMap::from([(key("sent"), expected.len() as i64)]),
        "one outbox row per recipient, all sent"
    );
    let mut sent = mailer.sent.lock().unwrap().clone();
    sent.sort();
    expected.sort();
    assert_eq!(sent.len(), expected.len(), "nobody was sent two emails");
    assert_eq!(sent, expected);
}

async fn a_send_batch_reads_recipients_and_records_outcomes_together(url: &str) {
    let (desk, org_id) = demo_org(url).await;
    let store = desk.store();
    let contacts: Vec<Contact> = (0..700)
        .map(|i| contact(&org_id, i, &["Main Campus"]))
        .collect();
    assert_eq!(
        store.upsert_contacts(&org_id, &contacts).await.unwrap(),
        (700, 0)
    );

    // Recipients in one call, across the 500-id chunk; unknown ids and other
    // organisations' contacts are left out.
    let mut ids: Vec<String> = contacts.iter().map(|c| c.id.clone()).collect();
    ids.push("no-such-contact".into());
    let mut got = store.get_contacts(&org_id, &ids).await.unwrap();
    got.sort_by(|a, b| a.id.cmp(&b.id));
    let mut want = contacts.clone();
    want.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(got.len(), 700);
    assert_eq!(
        got.iter().map(|c| (&c.id, &c.email)).collect::<Vec<_>>(),
        want.iter().map(|c| (&c.id, &c.email)).collect::<Vec<_>>()
    );
    assert!(store
        .get_contacts("another-org", &ids[..10])
        .await
        .unwrap()
        .is_empty());
    assert!(store.get_contacts(&org_id, &[]).await.unwrap().is_empty());

    let alert = stored_alert(&desk, &org_id, &["Main Campus"]).await;
    let queued_at = Utc::now().timestamp_millis() - 1_000;
    let queued: Vec<AlertMessage> = contacts
        .iter()
        .map(|c| AlertMessage::queued(&c.org_id, &alert.id, &c.id, Medium::Sms, queued_at))
        .collect();
    assert_eq!(store.queue_alert_messages(&queued).await.unwrap(), 700);
    let now_ms = Utc::now().timestamp_millis();
    let mut batch = store
        .claim_alert_messages(&alert.id, Medium::Sms, now_ms, 600)
        .await
        .unwrap();
    assert_eq!(batch.len(), 600);
    assert!(batch
        .iter()
        .all(|m| m.state == "sending" && m.attempts == 1));

    // Mixed outcomes, recorded in one call (two chunks of the statement).
    let retry_at = now_ms + 60_000;
    for (i, m) in batch.iter_mut().enumerate() {
        match i % 3 {
            0 => {
                m.state = "sent".into();
                m.provider_id = Some(format!("SM{i}"));
            }
            1 => {
                m.state = "queued".into();
                m.last_error = Some("rate limited".into());
                m.at_ms = retry_at + i as i64;
            }
            _ => {
                m.state = "failed".into();
                m.last_error = Some(format!("invalid number {i}"));
            }
        }
    }
    store.finish_alert_messages(&batch).await.unwrap();
    store.finish_alert_messages(&[]).await.unwrap();
    let key = |s: &str| ("sms".to_string(), s.to_string());
    assert_eq!(
        counts(store.alert_message_counts(&alert.id).await.unwrap()),
        BTreeMap::from([
            (key("sent"), 200),
            (key("queued"), 100 + 200),
            (key("failed"), 200),
        ])
    );
    // The retried ones wait for their backoff; the 100 never claimed are due now.
    assert_eq!(
        store
            .next_alert_message(&alert.id, Medium::Sms)
            .await
            .unwrap(),
        Some(queued_at)
    );
    let due = store
        .claim_alert_messages(&alert.id, Medium::Sms, now_ms + 1, 1_000)
        .await
        .unwrap();
    assert_eq!(due.len(), 100);
    let failures = store.alert_failures(&alert.id, 1_000).await.unwrap();
    assert_eq!(failures.len(), 200);
    assert!(failures.iter().all(|m| m
        .last_error
        .as_deref()
        .is_some_and(|e| e.starts_with("invalid number"))));
    // Provider ids were stored: status callbacks find the message.
    assert!(store
        .set_message_status_by_provider("SM0", "delivered", None)
        .await
        .unwrap());
    assert!(store
        .set_message_status_by_provider("SM3", "delivered", None)
        .await
        .unwrap());
    assert!(!store
        .set_message_status_by_provider("SM1", "delivered", None)
        .await
        .unwrap());
}

async fn contacts_import_in_bulk_with_the_same_counts_and_matching(url: &str) {
    let (desk, org_id) = demo_org(url).await;
    let store = desk.store();
    // More than two multi-row statements' worth.
    let first: Vec<Contact> = (0..2_300)
        .map(|i| contact(&org_id, i, &["Main Campus"]))
        .collect();
    assert_eq!(
        store.upsert_contacts(&org_id, &first).await.unwrap(),
        (2_300, 0)
    );
    assert_eq!(store.count_contacts(&org_id).await.unwrap(), 2_300);

    // Again: 1,200 known by email, 100 known by phone only (a new email), 1,500 new; and
    // contact 0 twice (by email, then by phone alone): the later row wins.
    let mut second = Vec::new();
    for i in 0..1_200 {
        let mut c = contact(&org_id, i, &["East Wing"]);
        c.name = format!("Renamed {i}");
        c.email_opt_in = false;
        second.push(c);
    }
    for i in 1_200..1_300 {
        let mut c = contact(&org_id, i, &["East Wing"]);
        c.email = Some(format!("new{i}@example.org"));
        second.push(c);
    }
    for i in 10_000..11_500 {
        second.push(contact(&org_id, i, &["Main Campus"]));
    }
    let mut again = contact(&org_id, 0, &["Main Campus"]);
    again.email = None;
    again.name = "Last word".into();
    second.push(again);
    assert_eq!(
        store.upsert_contacts(&org_id, &second).await.unwrap(),
        (1_500, 1_301)
    );
    assert_eq!(store.count_contacts(&org_id).await.unwrap(), 3_800);

    let all = store.list_contacts(&org_id, None, 10_000, 0).await.unwrap();
    let by_phone: HashMap<&str, &Contact> = all
        .iter()
        .map(|c| (c.phone.as_deref().unwrap(), c))
        .collect();
    let zero = by_phone[format!("+1415{:07}", 0).as_str()];
    assert_eq!(
        (zero.name.as_str(), zero.email.as_deref()),
        ("Last word", None)
    );
    assert_eq!(zero.id, first[0].id, "updated in place");
    let renamed = by_phone[format!("+1415{:07}", 7).as_str()];
    assert_eq!(renamed.name, "Renamed 7");
    assert!(!renamed.email_opt_in && renamed.sms_opt_in);
    assert_eq!(renamed.segments, vec!["East Wing".to_string()]);
    assert_eq!(
        renamed.created_at.timestamp(),
        first[7].created_at.timestamp()
    );
    let by_phone_only = by_phone[format!("+1415{:07}", 1_250).as_str()];
    assert_eq!(by_phone_only.id, first[1_250].id);
    assert_eq!(by_phone_only.email.as_deref(), Some("new1250@example.org"));
    let untouched = by_phone[format!("+1415{:07}", 2_000).as_str()];
    assert_eq!(untouched.segments, vec!["Main Campus".to_string()]);
    assert!(by_phone.contains_key(format!("+1415{:07}", 11_499).as_str()));

    // A second new row with a taken email fails the whole import: nothing is half-stored.
    let dup = vec![contact(&org_id, 20_000, &["Main Campus"]), {
        let mut c = contact(&org_id, 20_001, &["Main Campus"]);
        c.email = Some("p20000@example.org".into());
        c
    }];
    assert!(store.upsert_contacts(&org_id, &dup).await.is_err());
    assert_eq!(store.count_contacts(&org_id).await.unwrap(), 3_800);
}

async fn fan_out_pages_match_segments_exactly(url: &str) {
    let (desk, org_id) = demo_org(url).await;
    let store = desk.store();
    // Names a LIKE could confuse: other case, `_` and `%` wildcards, a prefix.
    let kinds: [&[&str]; 7] = [
        &["Main Campus"],
        &["main campus"],
        &["Wing_B"],
        &["WingXB"],
        &["100%"],
        &["Main Campus North"],
        &["East Wing", "Main Campus"],
    ];
    let contacts: Vec<Contact> = (0..1_400)
        .map(|i| contact(&org_id, i, kinds[i % kinds.len()]))
        .collect();
    store.upsert_contacts(&org_id, &contacts).await.unwrap();

    for wanted in [
        vec!["Main Campus"],
        vec!["Wing_B"],
        vec!["100%"],
        vec!["Wing_B", "main campus"],
        vec!["Nowhere"],
    ] {
        let wanted: Vec<String> = wanted.into_iter().map(String::from).collect();
        let mut expected: Vec<&str> = contacts
            .iter()
            .filter(|c| c.segments.iter().any(|s| wanted.contains(s)))
            .map(|c| c.id.as_str())
            .collect();
        expected.sort();
        let (mut got, mut after, mut pages) = (Vec::new(), None::<String>, 0);
        loop {
            let (page, next) = store
                .contacts_in_segments(&org_id, &wanted, after.as_deref(), 70)
                .await
                .unwrap();
            pages += 1;
            assert!(page.len() <= 70);
            got.extend(page.into_iter().map(|c| c.id));
            match next {
                Some(n) => after = Some(n),
                None => break,
            }
            assert!(pages < 100, "paging does not end");
        }
        assert!(
            got.windows(2).all(|w| w[0] < w[1]),
            "in id order, no repeats"
        );
        assert_eq!(got, expected, "{wanted:?}");
    }
    assert_eq!(
        store
            .contacts_in_segments(&org_id, &[], None, 70)
            .await
            .unwrap(),
        (vec![], None)
    );
}
