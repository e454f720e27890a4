//! The SQL both backends share. `$1`-style parameters work on SQLite and PostgreSQL alike,
//! so each query is written once; the macro instantiates the implementation per backend
//! (sqlx's database types differ, so one generic impl would drown in trait bounds).

/// Columns of `users`, in `UserRow` order.
pub const USER_COLUMNS: &str =
    "u.id, u.org_id, u.email, u.name, u.role, u.password_hash, u.totp_secret, u.disabled, u.created_at";

/// The gate state joined onto a user: the current handbook version and whether they
/// acknowledged it.
pub const PRINCIPAL_COLUMNS: &str = "o.slug AS org_slug, o.name AS org_name, \
    o.created_at AS org_created_at, o.require_two_factor, \
    (SELECT MAX(h.version) FROM handbook_versions h WHERE h.org_id = u.org_id) AS handbook_version, \
    EXISTS (SELECT 1 FROM handbook_acks a WHERE a.org_id = u.org_id AND a.user_id = u.id \
        AND a.version = (SELECT MAX(h.version) FROM handbook_versions h WHERE h.org_id = u.org_id)) \
        AS acknowledged";

macro_rules! sql_store {
    ($store:ty, lock_row = $lock:literal) => {
        use $crate::rows::{self, backend};
        use $crate::sql_store::{PRINCIPAL_COLUMNS, USER_COLUMNS};
        use chrono::{DateTime, SubsecRound, Utc};
        use domain::audit::{chain_hash, AuditEntry, NewAuditEntry, GENESIS};
        use domain::handbook::{Acknowledgement, HandbookVersion};
        use domain::session::{ApiToken, Session};
        use domain::store::{AuditFilter, Principal, Store, StoreResult};
        use domain::{Email, Org, OrgProfile, OrgSettings, User};

        #[async_trait::async_trait]
        impl Store for $store {
            fn backend(&self) -> &'static str {
                Self::BACKEND
            }

            async fn ping(&self) -> StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await.map_err(backend)?;
                Ok(())
            }

            async fn get_setting(&self, key: &str) -> StoreResult<Option<String>> {
                sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)
            }

            async fn put_setting(&self, key: &str, value: &str) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES ($1, $2) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(key)
                .bind(value)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn take_setting(&self, key: &str, value: &str) -> StoreResult<bool> {
                let done = sqlx::query("DELETE FROM settings WHERE key = $1 AND value = $2")
                    .bind(key)
                    .bind(value)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(done.rows_affected() == 1)
            }

            async fn count_users(&self) -> StoreResult<i64> {
                sqlx::query_scalar("SELECT COUNT(*) FROM users")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(backend)
            }

            async fn create_org(
                &self,
                org: &Org,
                profile: &OrgProfile,
                settings: &OrgSettings,
            ) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO orgs (id, slug, name, profile, require_two_factor, timezone, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&org.id)
                .bind(&org.slug)
                .bind(&org.name)
                .bind(rows::profile_json(profile))
                .bind(settings.require_two_factor)
                .bind(&settings.timezone)
                .bind(org.created_at)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn get_org(&self, id: &str) -> StoreResult<Option<Org>> {
                let row: Option<rows::OrgRow> =
                    sqlx::query_as("SELECT id, slug, name, created_at FROM orgs WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(backend)?;
                Ok(row.map(Org::from))
            }

            async fn get_org_by_slug(&self, slug: &str) -> StoreResult<Option<Org>> {
                let row: Option<rows::OrgRow> =
                    sqlx::query_as("SELECT id, slug, name, created_at FROM orgs WHERE slug = $1")
                        .bind(slug)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(backend)?;
                Ok(row.map(Org::from))
            }

            async fn list_orgs(&self) -> StoreResult<Vec<Org>> {
                let rows: Vec<rows::OrgRow> =
                    sqlx::query_as("SELECT id, slug, name, created_at FROM orgs ORDER BY name")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(backend)?;
                Ok(rows.into_iter().map(Org::from).collect())
            }

            async fn get_profile(&self, org_id: &str) -> StoreResult<Option<OrgProfile>> {
                let json: Option<String> =
                    sqlx::query_scalar("SELECT profile FROM orgs WHERE id = $1")
                        .bind(org_id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(backend)?;
                json.as_deref().map(rows::parse_profile).transpose()
            }

            async fn put_profile(&self, org_id: &str, profile: &OrgProfile) -> StoreResult<()> {
                sqlx::query("UPDATE orgs SET profile = $2, name = $3 WHERE id = $1")
                    .bind(org_id)
                    .bind(rows::profile_json(profile))
                    .bind(&profile.name)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(())
            }

            async fn get_settings(&self, org_id: &str) -> StoreResult<Option<OrgSettings>> {
                let row: Option<(bool, String)> =
                    sqlx::query_as("SELECT require_two_factor, timezone FROM orgs WHERE id = $1")
                        .bind(org_id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(backend)?;
                Ok(row.map(|(require_two_factor, timezone)| OrgSettings {
                    require_two_factor,
                    timezone,
                }))
            }

            async fn put_settings(&self, org_id: &str, settings: &OrgSettings) -> StoreResult<()> {
                sqlx::query("UPDATE orgs SET require_two_factor = $2, timezone = $3 WHERE id = $1")
                    .bind(org_id)
                    .bind(settings.require_two_factor)
                    .bind(&settings.timezone)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(())
            }

            async fn create_user(&self, user: &User) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO users (id, org_id, email, name, role, password_hash, totp_secret, disabled, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(&user.id)
                .bind(&user.org_id)
                .bind(user.email.as_str())
                .bind(&user.name)
                .bind(user.role.as_str())
                .bind(&user.password_hash)
                .bind(&user.totp_secret)
                .bind(user.disabled)
                .bind(user.created_at)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn get_user(&self, org_id: &str, id: &str) -> StoreResult<Option<User>> {
                let row: Option<rows::UserRow> = sqlx::query_as(&format!(
                    "SELECT {USER_COLUMNS} FROM users u WHERE u.org_id = $1 AND u.id = $2"
                ))
                .bind(org_id)
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                row.map(User::try_from).transpose()
            }

            async fn find_user_by_email(&self, email: &Email) -> StoreResult<Option<User>> {
                let row: Option<rows::UserRow> = sqlx::query_as(&format!(
                    "SELECT {USER_COLUMNS} FROM users u WHERE u.email = $1"
                ))
                .bind(email.as_str())
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                row.map(User::try_from).transpose()
            }

            async fn list_users(&self, org_id: &str) -> StoreResult<Vec<User>> {
                let rows: Vec<rows::UserRow> = sqlx::query_as(&format!(
                    "SELECT {USER_COLUMNS} FROM users u WHERE u.org_id = $1 ORDER BY u.name, u.email"
                ))
                .bind(org_id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(User::try_from).collect()
            }

            async fn update_user(&self, user: &User) -> StoreResult<()> {
                sqlx::query(
                    "UPDATE users SET name = $3, role = $4, password_hash = $5, totp_secret = $6, \
                     disabled = $7 WHERE org_id = $1 AND id = $2",
                )
                .bind(&user.org_id)
                .bind(&user.id)
                .bind(&user.name)
                .bind(user.role.as_str())
                .bind(&user.password_hash)
                .bind(&user.totp_secret)
                .bind(user.disabled)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn create_session(&self, s: &Session) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO sessions (id, org_id, user_id, digest, csrf_token, created_at, \
                     last_seen_at, expires_at, ip, user_agent) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(&s.id)
                .bind(&s.org_id)
                .bind(&s.user_id)
                .bind(&s.digest)
                .bind(&s.csrf_token)
                .bind(s.created_at)
                .bind(s.last_seen_at)
                .bind(s.expires_at)
                .bind(&s.ip)
                .bind(&s.user_agent)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn principal_for_session(
                &self,
                digest: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<Option<Principal>> {
                // One round trip: this runs on every request of a signed-in browser.
                let row: Option<rows::SessionPrincipalRow> = sqlx::query_as(&format!(
                    "SELECT s.id AS s_id, s.digest AS s_digest, s.csrf_token AS s_csrf_token, \
                     s.created_at AS s_created_at, s.last_seen_at AS s_last_seen_at, \
                     s.expires_at AS s_expires_at, s.ip AS s_ip, s.user_agent AS s_user_agent, \
                     {USER_COLUMNS}, {PRINCIPAL_COLUMNS} \
                     FROM sessions s JOIN users u ON u.id = s.user_id JOIN orgs o ON o.id = u.org_id \
                     WHERE s.digest = $1 AND s.expires_at > $2"
                ))
                .bind(digest)
                .bind(now)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                row.map(rows::SessionPrincipalRow::into_principal).transpose()
            }

            async fn list_sessions(
                &self,
                org_id: &str,
                user_id: Option<&str>,
                now: DateTime<Utc>,
            ) -> StoreResult<Vec<Session>> {
                let rows: Vec<rows::SessionRow> = sqlx::query_as(
                    "SELECT id, org_id, user_id, digest, csrf_token, created_at, last_seen_at, \
                     expires_at, ip, user_agent FROM sessions \
                     WHERE org_id = $1 AND ($2 IS NULL OR user_id = $2) AND expires_at > $3 \
                     ORDER BY last_seen_at DESC",
                )
                .bind(org_id)
                .bind(user_id)
                .bind(now)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                Ok(rows.into_iter().map(Session::from).collect())
            }

            async fn touch_session(
                &self,
                id: &str,
                at: DateTime<Utc>,
                expires_at: DateTime<Utc>,
            ) -> StoreResult<()> {
                sqlx::query("UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1")
                    .bind(id)
                    .bind(at)
                    .bind(expires_at)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(())
            }

            async fn revoke_session(&self, org_id: &str, id: &str) -> StoreResult<bool> {
                let done = sqlx::query("DELETE FROM sessions WHERE org_id = $1 AND id = $2")
                    .bind(org_id)
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(done.rows_affected() == 1)
            }

            async fn revoke_user_sessions(&self, org_id: &str, user_id: &str) -> StoreResult<u64> {
                let done = sqlx::query("DELETE FROM sessions WHERE org_id = $1 AND user_id = $2")
                    .bind(org_id)
                    .bind(user_id)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(done.rows_affected())
            }

            async fn create_token(&self, t: &ApiToken) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO api_tokens (id, org_id, user_id, name, digest, created_at, last_used_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&t.id)
                .bind(&t.org_id)
                .bind(&t.user_id)
                .bind(&t.name)
                .bind(&t.digest)
                .bind(t.created_at)
                .bind(t.last_used_at)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn principal_for_token(&self, digest: &str) -> StoreResult<Option<Principal>> {
                let row: Option<rows::TokenPrincipalRow> = sqlx::query_as(&format!(
                    "SELECT t.id AS t_id, t.name AS t_name, t.digest AS t_digest, \
                     t.created_at AS t_created_at, t.last_used_at AS t_last_used_at, \
                     {USER_COLUMNS}, {PRINCIPAL_COLUMNS} \
                     FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN orgs o ON o.id = u.org_id \
                     WHERE t.digest = $1"
                ))
                .bind(digest)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                row.map(rows::TokenPrincipalRow::into_principal).transpose()
            }

            async fn list_tokens(
                &self,
                org_id: &str,
                user_id: Option<&str>,
            ) -> StoreResult<Vec<ApiToken>> {
                let rows: Vec<rows::TokenRow> = sqlx::query_as(
                    "SELECT id, org_id, user_id, name, digest, created_at, last_used_at \
                     FROM api_tokens WHERE org_id = $1 AND ($2 IS NULL OR user_id = $2) \
                     ORDER BY created_at DESC",
                )
                .bind(org_id)
                .bind(user_id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                Ok(rows.into_iter().map(ApiToken::from).collect())
            }

            async fn touch_token(&self, id: &str, at: DateTime<Utc>) -> StoreResult<()> {
                sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")
                    .bind(id)
                    .bind(at)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(())
            }

            async fn revoke_token(&self, org_id: &str, id: &str) -> StoreResult<bool> {
                let done = sqlx::query("DELETE FROM api_tokens WHERE org_id = $1 AND id = $2")
                    .bind(org_id)
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(done.rows_affected() == 1)
            }

            async fn record_login_failure(&self, key: &str, at: DateTime<Utc>) -> StoreResult<()> {
                // Old failures are pruned here so the table stays small without a job.
                sqlx::query("DELETE FROM login_failures WHERE at < $1")
                    .bind(at - chrono::Duration::days(1))
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
                    .bind(key)
                    .bind(at)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(())
            }

            async fn count_login_failures(&self, key: &str, since: DateTime<Utc>) -> StoreResult<i64> {
                sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at > $2")
                    .bind(key)
                    .bind(since)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(backend)
            }

            async fn clear_login_failures(&self, key: &str) -> StoreResult<()> {
                sqlx::query("DELETE FROM login_failures WHERE key = $1")
                    .bind(key)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(())
            }

            async fn publish_handbook(
                &self,
                org_id: &str,
                text: &str,
                published_by: &str,
                at: DateTime<Utc>,
            ) -> StoreResult<HandbookVersion> {
                // The next number is computed inside the insert; a concurrent publisher hits
                // the primary key and retries with the number after it.
                let mut attempts = 0;
                loop {
                    let row: Result<rows::HandbookRow, sqlx::Error> = sqlx::query_as(
                        "INSERT INTO handbook_versions (org_id, version, text, published_by, published_at) \
                         SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4 \
                         FROM handbook_versions WHERE org_id = $1 \
                         RETURNING org_id, version, text, published_by, published_at",
                    )
                    .bind(org_id)
                    .bind(text)
                    .bind(published_by)
                    .bind(at)
                    .fetch_one(&self.pool)
                    .await;
                    match row.map_err(backend) {
                        Ok(r) => return Ok(r.into()),
                        Err(domain::store::StoreError::Duplicate(_)) if attempts < 5 => attempts += 1,
                        Err(e) => return Err(e),
                    }
                }
            }

            async fn current_handbook(&self, org_id: &str) -> StoreResult<Option<HandbookVersion>> {
                let row: Option<rows::HandbookRow> = sqlx::query_as(
                    "SELECT org_id, version, text, published_by, published_at FROM handbook_versions \
                     WHERE org_id = $1 ORDER BY version DESC LIMIT 1",
                )
                .bind(org_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                Ok(row.map(HandbookVersion::from))
            }

            async fn list_handbook_versions(&self, org_id: &str) -> StoreResult<Vec<HandbookVersion>> {
                let rows: Vec<rows::HandbookRow> = sqlx::query_as(
                    "SELECT org_id, version, text, published_by, published_at FROM handbook_versions \
                     WHERE org_id = $1 ORDER BY version DESC",
                )
                .bind(org_id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                Ok(rows.into_iter().map(HandbookVersion::from).collect())
            }

            async fn acknowledge_handbook(
                &self,
                org_id: &str,
                user_id: &str,
                version: i64,
                at: DateTime<Utc>,
            ) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO handbook_acks (org_id, user_id, version, acknowledged_at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                )
                .bind(org_id)
                .bind(user_id)
                .bind(version)
                .bind(at)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn acknowledgements(
                &self,
                org_id: &str,
                version: i64,
            ) -> StoreResult<Vec<Acknowledgement>> {
                let rows: Vec<rows::AckRow> = sqlx::query_as(
                    "SELECT user_id, version, acknowledged_at FROM handbook_acks \
                     WHERE org_id = $1 AND version = $2 ORDER BY acknowledged_at",
                )
                .bind(org_id)
                .bind(version)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                Ok(rows.into_iter().map(Acknowledgement::from).collect())
            }

            async fn append_audit(&self, entry: &NewAuditEntry) -> StoreResult<AuditEntry> {
                // Both databases keep microseconds; hash what will be read back.
                let mut entry = entry.clone();
                entry.at = entry.at.trunc_subsecs(6);
                let mut tx = self.pool.begin().await.map_err(backend)?;
                // The first statement writes, so SQLite takes its write lock before reading
                // the head; PostgreSQL locks the head row. Either way appends are serialised
                // per organisation and the chain cannot fork.
                sqlx::query(
                    "INSERT INTO audit_heads (org_id, seq, hash) VALUES ($1, 0, $2) \
                     ON CONFLICT (org_id) DO NOTHING",
                )
                .bind(&entry.org_id)
                .bind(GENESIS)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
                let (seq, prev): (i64, String) = sqlx::query_as(concat!(
                    "SELECT seq, hash FROM audit_heads WHERE org_id = $1",
                    $lock
                ))
                .bind(&entry.org_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(backend)?;
                let seq = seq + 1;
                let hash = chain_hash(&prev, seq, &entry);
                sqlx::query(
                    "INSERT INTO audit_log (org_id, seq, at, actor_id, actor, action, target, detail, \
                     ip, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                )
                .bind(&entry.org_id)
                .bind(seq)
                .bind(entry.at)
                .bind(&entry.actor_id)
                .bind(&entry.actor)
                .bind(&entry.action)
                .bind(&entry.target)
                .bind(entry.detail.to_string())
                .bind(&entry.ip)
                .bind(&prev)
                .bind(&hash)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
                sqlx::query("UPDATE audit_heads SET seq = $2, hash = $3 WHERE org_id = $1")
                    .bind(&entry.org_id)
                    .bind(seq)
                    .bind(&hash)
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
                tx.commit().await.map_err(backend)?;
                Ok(AuditEntry {
                    seq,
                    entry,
                    prev_hash: prev,
                    hash,
                })
            }

            async fn list_audit(
                &self,
                org_id: &str,
                f: &AuditFilter,
            ) -> StoreResult<Vec<AuditEntry>> {
                let rows: Vec<rows::AuditRow> = sqlx::query_as(
                    "SELECT org_id, seq, at, actor_id, actor, action, target, detail, ip, prev_hash, hash \
                     FROM audit_log WHERE org_id = $1 \
                     AND ($2 IS NULL OR actor = $2) \
                     AND ($3 IS NULL OR action LIKE $3) \
                     AND ($4 IS NULL OR at >= $4) \
                     AND ($5 IS NULL OR at < $5) \
                     AND ($6 IS NULL OR seq < $6) \
                     ORDER BY seq DESC LIMIT $7",
                )
                .bind(org_id)
                .bind(f.actor.as_deref())
                .bind(f.action.as_ref().map(|a| format!("{}%", a.replace('%', ""))))
                .bind(f.from)
                .bind(f.to)
                .bind(f.before_seq)
                .bind(f.limit)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(AuditEntry::try_from).collect()
            }

            async fn audit_chain(
                &self,
                org_id: &str,
            ) -> StoreResult<(Vec<AuditEntry>, Option<(i64, String)>)> {
                let rows: Vec<rows::AuditRow> = sqlx::query_as(
                    "SELECT org_id, seq, at, actor_id, actor, action, target, detail, ip, prev_hash, hash \
                     FROM audit_log WHERE org_id = $1 ORDER BY seq",
                )
                .bind(org_id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                let head: Option<(i64, String)> =
                    sqlx::query_as("SELECT seq, hash FROM audit_heads WHERE org_id = $1")
                        .bind(org_id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(backend)?;
                let entries = rows
                    .into_iter()
                    .map(AuditEntry::try_from)
                    .collect::<StoreResult<Vec<_>>>()?;
                Ok((entries, head))
            }
        }

    };
}

pub(crate) use sql_store;
