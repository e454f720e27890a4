//! One behavioural suite that every backend must pass. Each test runs on a fresh SQLite file
//! and on a fresh PostgreSQL database.

use chrono::{Duration, Utc};
use domain::audit::{verify, NewAuditEntry};
use domain::id::new_id;
use domain::session::{ApiToken, Session};
use domain::store::{AuditFilter, StoreError};
use domain::{Email, Org, OrgProfile, OrgSettings, Role, Store, User};
use std::sync::Arc;

macro_rules! suite {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $name() {
                let (url, _dir) = store::testing::fresh_sqlite_url();
                super::$name(store::connect(&url).await.unwrap(), &url).await;
            })*
        }
        mod postgres {
            $(#[tokio::test]
            async fn $name() {
                let url = store::testing::fresh_postgres_url().await;
                super::$name(store::connect(&url).await.unwrap(), &url).await;
            })*
        }
    };
}

suite!(
    users_are_unique_by_email_across_orgs,
    rows_of_one_org_are_invisible_to_another,
    session_principal_carries_the_training_gate,
    expired_and_revoked_sessions_do_not_authenticate,
    tokens_authenticate_until_revoked,
    setup_secret_is_taken_exactly_once,
    handbook_versions_count_up_and_acks_are_idempotent,
    audit_chain_links_and_filters,
    concurrent_audit_appends_never_fork_the_chain,
    audit_log_refuses_updates_and_deletes,
    login_failures_are_counted_per_key_and_window,
    profile_and_settings_round_trip,
    concurrent_claims_never_take_the_same_job,
    expired_leases_are_taken_over_and_stale_workers_cannot_finish,
    job_retry_and_due_times,
);

async fn org(store: &Arc<dyn Store>, slug: &str) -> Org {
    let org = Org {
        id: new_id(),
        slug: slug.into(),
        name: format!("Org {slug}"),
        created_at: Utc::now(),
    };
    store
        .create_org(
            &org,
            &OrgProfile::new_for(&org.name),
            &OrgSettings::default(),
        )
        .await
        .unwrap();
    org
}

async fn user(store: &Arc<dyn Store>, org: &Org, email: &str, role: Role) -> User {
    let user = User {
        id: new_id(),
        org_id: org.id.clone(),
        email: Email::parse(email).unwrap(),
        name: "Ana López".into(),
        role,
        password_hash: Some("hash".into()),
        totp_secret: None,
        disabled: false,
        created_at: Utc::now(),
    };
    store.create_user(&user).await.unwrap();
    user
}

fn session(user: &User, digest: &str, expires_in: Duration) -> Session {
    let now = Utc::now();
    Session {
        id: new_id(),
        org_id: user.org_id.clone(),
        user_id: user.id.clone(),
        digest: digest.into(),
        csrf_token: "csrf".into(),
        created_at: now,
        last_seen_at: now,
        expires_at: now + expires_in,
        ip: Some("127.0.0.1".into()),
        user_agent: None,
    }
}

fn audit(org: &Org, action: &str) -> NewAuditEntry {
    NewAuditEntry {
        org_id: org.id.clone(),
        actor_id: None,
        actor: "system".into(),
        action: action.into(),
        target: "t".into(),
        detail: serde_json::json!({"k": "v"}),
        ip: None,
        at: Utc::now(),
    }
}

async fn users_are_unique_by_email_across_orgs(store: Arc<dyn Store>, _url: &str) {
    let a = org(&store, "a").await;
    let b = org(&store, "b").await;
    user(&store, &a, "ana@x.org", Role::Author).await;
    let dup = User {
        id: new_id(),
        org_id: b.id.clone(),
        email: Email::parse("ANA@x.org").unwrap(),
        name: "Other".into(),
        role: Role::Viewer,
        password_hash: None,
        totp_secret: None,
        disabled: false,
        created_at: Utc::now(),
    };
    assert!(matches!(
        store.create_user(&dup).await,
        Err(StoreError::Duplicate(_))
    ));
    assert_eq!(store.count_users().await.unwrap(), 1);
}

async fn rows_of_one_org_are_invisible_to_another(store: Arc<dyn Store>, _url: &str) {
    let a = org(&store, "a").await;
    let b = org(&store, "b").await;
    let ua = user(&store, &a, "ana@x.org", Role::Author).await;
    store
        .create_session(&session(&ua, "d1", Duration::hours(1)))
        .await
        .unwrap();
    assert!(store.get_user(&b.id, &ua.id).await.unwrap().is_none());
    assert!(store.list_users(&b.id).await.unwrap().is_empty());
    assert!(store
        .list_sessions(&b.id, None, Utc::now())
        .await
        .unwrap()
        .is_empty());
    let s = &store.list_sessions(&a.id, None, Utc::now()).await.unwrap()[0];
    assert!(!store.revoke_session(&b.id, &s.id).await.unwrap());
    store.append_audit(&audit(&a, "x.y")).await.unwrap();
    let filter = AuditFilter {
        limit: 10,
        ..Default::default()
    };
    assert!(store.list_audit(&b.id, &filter).await.unwrap().is_empty());
}

async fn session_principal_carries_the_training_gate(store: Arc<dyn Store>, _url: &str) {
    let a = org(&store, "a").await;
    let u = user(&store, &a, "ana@x.org", Role::Author).await;
    store
        .create_session(&session(&u, "d1", Duration::hours(1)))
        .await
        .unwrap();
    let p = store
        .principal_for_session("d1", Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.user.id, u.id);
    assert_eq!(p.org.slug, "a");
    assert_eq!((p.handbook_version, p.acknowledged), (None, false));

    store
        .publish_handbook(&a.id, "v1", &u.id, Utc::now())
        .await
        .unwrap();
    let p = store
        .principal_for_session("d1", Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((p.handbook_version, p.acknowledged), (Some(1), false));

    store
        .acknowledge_handbook(&a.id, &u.id, 1, Utc::now())
        .await
        .unwrap();
    let p = store
        .principal_for_session("d1", Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert!(p.acknowledged);

    // A new version withdraws the acknowledgement until it is given again.
    store
        .publish_handbook(&a.id, "v2", &u.id, Utc::now())
        .await
        .unwrap();
    let p = store
        .principal_for_session("d1", Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((p.handbook_version, p.acknowledged), (Some(2), false));
}

async fn expired_and_revoked_sessions_do_not_authenticate(store: Arc<dyn Store>, _url: &str) {
    let a = org(&store, "a").await;
    let u = user(&store, &a, "ana@x.org", Role::Author).await;
    store
        .create_session(&session(&u, "old", Duration::seconds(-1)))
        .await
        .unwrap();
    assert!(store
        .principal_for_session("old", Utc::now())
        .await
        .unwrap()
        .is_none());
    let s = session(&u, "live", Duration::hours(1));
    store.create_session(&s).await.unwrap();
    let later = Utc::now() + Duration::hours(2);
    assert!(store
        .principal_for_session("live", later)
        .await
        .unwrap()
        .is_none());
    store
        .touch_session(&s.id, Utc::now(), later + Duration::hours(1))
        .await
        .unwrap();
    assert!(store
        .principal_for_session("live", later)
        .await
        .unwrap()
        .is_some());
    assert_eq!(store.revoke_user_sessions(&a.id, &u.id).await.unwrap(), 2);
    assert!(store
        .principal_for_session("live", Utc::now())
        .await
        .unwrap()
        .is_none());
}

async fn tokens_authenticate_until_revoked(store: Arc<dyn Store>, _url: &str) {
    let a = org(&store, "a").await;
    let u = user(&store, &a, "ana@x.org", Role::Viewer).await;
    let t = ApiToken {
        id: new_id(),
        org_id: a.id.clone(),
        user_id: u.id.clone(),
        name: "ci".into(),
        digest: "tok".into(),
        created_at: Utc::now(),
        last_used_at: None,
    };
    store.create_token(&t).await.unwrap();
    let p = store.principal_for_token("tok").await.unwrap().unwrap();
    assert_eq!(p.token.unwrap().name, "ci");
    store.touch_token(&t.id, Utc::now()).await.unwrap();
    assert!(store.list_tokens(&a.id, Some(&u.id)).await.unwrap()[0]
        .last_used_at
        .is_some());
    assert!(store.revoke_token(&a.id, &t.id).await.unwrap());
    assert!(store.principal_for_token("tok").await.unwrap().is_none());
}

async fn setup_secret_is_taken_exactly_once(store: Arc<dyn Store>, _url: &str) {
    store.put_setting("setup", "abc").await.unwrap();
    store.put_setting("setup", "def").await.unwrap();
    assert_eq!(
        store.get_setting("setup").await.unwrap().as_deref(),
        Some("def")
    );
    assert!(!store.take_setting("setup", "abc").await.unwrap());
    let (first, second) = tokio::join!(
        store.take_setting("setup", "def"),
        store.take_setting("setup", "def")
    );
    assert!(first.unwrap() ^ second.unwrap());
    assert!(store.get_setting("setup").await.unwrap().is_none());
}

async fn handbook_versions_count_up_and_acks_are_idempotent(store: Arc<dyn Store>, _url: &str) {
    let a = org(&store, "a").await;
    let b = org(&store, "b").await;
    let u = user(&store, &a, "ana@x.org", Role::Admin).await;
    for i in 1..=3 {
        let v = store
            .publish_handbook(&a.id, &format!("text {i}"), &u.id, Utc::now())
            .await
            .unwrap();
        assert_eq!(v.version, i);
    }
    assert_eq!(
        store
            .publish_handbook(&b.id, "b", &u.id, Utc::now())
            .await
            .unwrap()
            .version,
        1
    );
    assert_eq!(
        store.current_handbook(&a.id).await.unwrap().unwrap().text,
        "text 3"
    );
    assert_eq!(store.list_handbook_versions(&a.id).await.unwrap().len(), 3);
    let first = Utc::now() - Duration::minutes(5);
    store
        .acknowledge_handbook(&a.id, &u.id, 3, first)
        .await
        .unwrap();
    store
        .acknowledge_handbook(&a.id, &u.id, 3, Utc::now())
        .await
        .unwrap();
    let acks = store.acknowledgements(&a.id, 3).await.unwrap();
    assert_eq!(acks.len(), 1);
    assert!((acks[0].acknowledged_at - first).num_seconds().abs() < 1);
}

async fn audit_chain_links_and_filters(store: Arc<dyn Store>, _url: &str) {
    let a = org(&store, "a").await;
    for action in ["user.login", "user.create", "profile.update", "user.login"] {
        store.append_audit(&audit(&a, action)).await.unwrap();
    }
    let (entries, head) = store.audit_chain(&a.id).await.unwrap();
    assert_eq!(entries.len(), 4);
    assert_eq!(head.as_ref().unwrap().0, 4);
    assert!(
        verify(&entries, head).is_empty(),
        "read-back chain verifies"
    );
    let users = store
        .list_audit(
            &a.id,
            &AuditFilter {
                action: Some("user.".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(users.iter().map(|e| e.seq).collect::<Vec<_>>(), [4, 2, 1]);
    let page = store
        .list_audit(
            &a.id,
            &AuditFilter {
                before_seq: Some(3),
                limit: 1,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(page[0].seq, 2);
}

async fn concurrent_audit_appends_never_fork_the_chain(store: Arc<dyn Store>, _url: &str) {
    let a = org(&store, "a").await;
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let store = store.clone();
            let entry = audit(&a, &format!("load.{i}"));
            tokio::spawn(async move { store.append_audit(&entry).await.unwrap() })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let (entries, head) = store.audit_chain(&a.id).await.unwrap();
    assert_eq!(entries.len(), 40);
    assert!(verify(&entries, head).is_empty());
}

async fn audit_log_refuses_updates_and_deletes(store: Arc<dyn Store>, url: &str) {
    let a = org(&store, "a").await;
    store.append_audit(&audit(&a, "user.login")).await.unwrap();
    let err = raw_execute(&store, url, "DELETE FROM audit_log").await;
    assert!(err.unwrap_err().contains("append-only"));
    let err = raw_execute(&store, url, "UPDATE audit_log SET action = 'x'").await;
    assert!(err.unwrap_err().contains("append-only"));
}

/// Runs SQL on a connection of its own: the trigger is the database's guard, below the store.
async fn raw_execute(store: &Arc<dyn Store>, url: &str, sql: &str) -> Result<(), String> {
    use sqlx::Connection;
    if store.backend() == "sqlite" {
        let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::query(sql)
            .execute(&mut c)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    } else {
        let mut c = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query(sql)
            .execute(&mut c)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

async fn login_failures_are_counted_per_key_and_window(store: Arc<dyn Store>, _url: &str) {
    let now = Utc::now();
    for _ in 0..3 {
        store
            .record_login_failure("email:a@x.org", now)
            .await
            .unwrap();
    }
    store
        .record_login_failure("email:b@x.org", now)
        .await
        .unwrap();
    assert_eq!(
        store
            .count_login_failures("email:a@x.org", now - Duration::minutes(1))
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        store
            .count_login_failures("email:a@x.org", now + Duration::seconds(1))
            .await
            .unwrap(),
        0
    );
    store.clear_login_failures("email:a@x.org").await.unwrap();
    assert_eq!(
        store
            .count_login_failures("email:a@x.org", now - Duration::minutes(1))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .count_login_failures("email:b@x.org", now - Duration::minutes(1))
            .await
            .unwrap(),
        1
    );
}

async fn profile_and_settings_round_trip(store: Arc<dyn Store>, _url: &str) {
    let a = org(&store, "a").await;
    let mut p = OrgProfile::new_for("Riverside Health");
    p.phones = vec!["(415) 555-0100".into()];
    p.staff = vec!["Dr. Amara Okafor".into()];
    store.put_profile(&a.id, &p).await.unwrap();
    assert_eq!(store.get_profile(&a.id).await.unwrap().unwrap(), p);
    assert_eq!(
        store.get_org(&a.id).await.unwrap().unwrap().name,
        "Riverside Health"
    );
    let s = OrgSettings {
        require_two_factor: true,
        timezone: "America/Chicago".into(),
    };
    store.put_settings(&a.id, &s).await.unwrap();
    assert_eq!(store.get_settings(&a.id).await.unwrap().unwrap(), s);
    assert!(store.get_profile("nope").await.unwrap().is_none());
}

fn job(org: &Org, at_ms: i64) -> domain::publishing::Job {
    let mut j = domain::publishing::Job::new(
        &org.id,
        domain::publishing::JobKind::Publish,
        &new_id(),
        Utc::now(),
    );
    j.run_at_ms = at_ms;
    j
}

async fn concurrent_claims_never_take_the_same_job(store: Arc<dyn Store>, _url: &str) {
    let o = org(&store, "queue").await;
    let now = Utc::now().timestamp_millis();
    for _ in 0..60 {
        store.enqueue_job(&job(&o, now - 1)).await.unwrap();
    }
    // Not yet due: never claimed early.
    store.enqueue_job(&job(&o, now + 60_000)).await.unwrap();
    let claims = (0..6).map(|w| {
        let store = store.clone();
        tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let got = store
                    .claim_jobs(&format!("w{w}"), now, now + 30_000, 4)
                    .await
                    .unwrap();
                if got.is_empty() {
                    return mine;
                }
                mine.extend(got.into_iter().map(|j| j.id));
            }
        })
    });
    let mut all = Vec::new();
    for c in claims {
        all.extend(c.await.unwrap());
    }
    let unique: std::collections::HashSet<_> = all.iter().collect();
    assert_eq!(all.len(), 60, "every due job claimed once");
    assert_eq!(unique.len(), 60, "no job claimed twice");
}

async fn expired_leases_are_taken_over_and_stale_workers_cannot_finish(
    store: Arc<dyn Store>,
    _url: &str,
) {
    let o = org(&store, "lease").await;
    let now = Utc::now().timestamp_millis();
    let j = job(&o, now - 1);
    store.enqueue_job(&j).await.unwrap();
    let a = store.claim_jobs("a", now, now + 1_000, 10).await.unwrap();
    assert_eq!(a.len(), 1);
    assert!(store
        .claim_jobs("b", now + 500, now + 1_500, 10)
        .await
        .unwrap()
        .is_empty());
    // Worker a died: after its lease, b takes the job over.
    let b = store
        .claim_jobs("b", now + 1_001, now + 2_000, 10)
        .await
        .unwrap();
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].attempts, 2);
    assert!(
        !store.finish_job(&j.id, "a", "done", None).await.unwrap(),
        "a lost it"
    );
    assert!(store.finish_job(&j.id, "b", "done", None).await.unwrap());
    assert!(store
        .claim_jobs("c", now + 10_000, now + 20_000, 10)
        .await
        .unwrap()
        .is_empty());
}

async fn job_retry_and_due_times(store: Arc<dyn Store>, _url: &str) {
    let o = org(&store, "retry").await;
    let now = Utc::now().timestamp_millis();
    assert_eq!(store.next_job_due().await.unwrap(), None);
    let j = job(&o, now - 1);
    store.enqueue_job(&j).await.unwrap();
    assert_eq!(store.next_job_due().await.unwrap(), Some(now - 1));
    store.claim_jobs("a", now, now + 5_000, 1).await.unwrap();
    assert!(store
        .retry_job(&j.id, "a", now + 2_000, "HTTP 500")
        .await
        .unwrap());
    assert_eq!(store.next_job_due().await.unwrap(), Some(now + 2_000));
    assert!(store
        .claim_jobs("a", now + 1_999, now + 9_000, 1)
        .await
        .unwrap()
        .is_empty());
    let again = store
        .claim_jobs("a", now + 2_000, now + 9_000, 1)
        .await
        .unwrap();
    assert_eq!(again[0].last_error.as_deref(), Some("HTTP 500"));
    assert!(store
        .finish_job(&j.id, "a", "dead", Some("gave up"))
        .await
        .unwrap());
    let counts = store.job_counts().await.unwrap();
    assert_eq!(counts, vec![("dead".to_string(), 1)]);
}
