//! Contacts, alerts and the alert outbox: the SQL both backends share. Claiming outbox rows
//! skips rows another instance has locked on PostgreSQL.

macro_rules! alert_store {
    ($store:ty, skip_locked = $skip:literal) => {
        use $crate::alert_rows::{
            AlertRow, ContactRow, MessageRow, ALERT_COLUMNS, CONTACT_COLUMNS, MESSAGE_COLUMNS,
        };
        use domain::alert::{Alert, AlertMessage, Medium};
        use domain::alert_store::AlertStore;
        use domain::contacts::Contact;

        #[async_trait::async_trait]
        impl AlertStore for $store {
            async fn segments(&self, org_id: &str) -> StoreResult<Vec<String>> {
                sqlx::query_scalar("SELECT name FROM segments WHERE org_id = $1 ORDER BY name")
                    .bind(org_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)
            }

            async fn put_segments(&self, org_id: &str, segments: &[String]) -> StoreResult<()> {
                let mut tx = self.pool.begin().await.map_err(backend)?;
                sqlx::query("DELETE FROM segments WHERE org_id = $1")
                    .bind(org_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
                for s in segments {
                    sqlx::query("INSERT INTO segments (org_id, name) VALUES ($1, $2)")
                        .bind(org_id)
                        .bind(s)
                        .execute(&mut *tx)
                        .await
                        .map_err(backend)?;
                }
                tx.commit().await.map_err(backend)
            }

            async fn upsert_contacts(
                &self,
                org_id: &str,
                contacts: &[Contact],
            ) -> StoreResult<(u64, u64)> {
                let existing: Vec<(String, Option<String>, Option<String>)> = sqlx::query_as(
                    "SELECT id, email, phone FROM contacts WHERE org_id = $1",
                )
                .bind(org_id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                let mut by_email = std::collections::HashMap::new();
                let mut by_phone = std::collections::HashMap::new();
                for (id, email, phone) in existing {
                    if let Some(e) = email {
                        by_email.insert(e, id.clone());
                    }
                    if let Some(p) = phone {
                        by_phone.insert(p, id);
                    }
                }
                let mut inserts = Vec::new();
                let mut updates: Vec<(String, &Contact)> = Vec::new();
                for c in contacts {
                    let found = c
                        .email
                        .as_ref()
                        .and_then(|e| by_email.get(e))
                        .or_else(|| c.phone.as_ref().and_then(|p| by_phone.get(p)))
                        .cloned();
                    match found {
                        Some(id) => updates.push((id, c)),
                        None => inserts.push(c),
                    }
                }
                let (inserted, updated) = (inserts.len() as u64, updates.len() as u64);
                // Two rows for one stored contact: the later wins, as if applied in order (one
                // UPDATE ... FROM would pick either).
                let last: std::collections::HashMap<&str, usize> = updates
                    .iter()
                    .enumerate()
                    .map(|(i, (id, _))| (id.as_str(), i))
                    .collect();
                let updates: Vec<&(String, &Contact)> = updates
                    .iter()
                    .enumerate()
                    .filter(|(i, (id, _))| last[id.as_str()] == *i)
                    .map(|(_, u)| u)
                    .collect();
                let mut tx = self.pool.begin().await.map_err(backend)?;
                for chunk in updates.chunks($crate::alert_sql::CONTACT_ROWS) {
                    // Parameters are bound in the order they appear (SQLite's are anonymous).
                    let mut p = $crate::alert_sql::Params::new(&self.pool);
                    let sql = format!(
                        "UPDATE contacts SET name = v.column2, email = v.column3, phone = v.column4, \
                         language = v.column5, segments = v.column6, email_opt_in = v.column7, \
                         sms_opt_in = v.column8, voice_opt_in = v.column9, updated_at = v.column10 \
                         FROM (VALUES {}) AS v WHERE contacts.id = v.column1 AND contacts.org_id = {}",
                        p.rows(chunk.len(), 10),
                        p.param()
                    );
                    let mut q = sqlx::query(&sql);
                    for (id, c) in chunk {
                        q = q
                            .bind(id)
                            .bind(&c.name)
                            .bind(&c.email)
                            .bind(&c.phone)
                            .bind(&c.language)
                            .bind(list_json(&c.segments))
                            .bind(c.email_opt_in)
                            .bind(c.sms_opt_in)
                            .bind(c.voice_opt_in)
                            .bind(c.updated_at);
                    }
                    q.bind(org_id).execute(&mut *tx).await.map_err(backend)?;
                }
                for chunk in inserts.chunks($crate::alert_sql::CONTACT_ROWS) {
                    let sql = format!(
                        "INSERT INTO contacts (id, org_id, name, email, phone, language, segments, \
                         email_opt_in, sms_opt_in, voice_opt_in, created_at, updated_at) VALUES {}",
                        $crate::alert_sql::Params::new(&self.pool).rows(chunk.len(), 12)
                    );
                    let mut q = sqlx::query(&sql);
                    for c in chunk {
                        q = q
                            .bind(&c.id)
                            .bind(org_id)
                            .bind(&c.name)
                            .bind(&c.email)
                            .bind(&c.phone)
                            .bind(&c.language)
                            .bind(list_json(&c.segments))
                            .bind(c.email_opt_in)
                            .bind(c.sms_opt_in)
                            .bind(c.voice_opt_in)
                            .bind(c.created_at)
                            .bind(c.updated_at);
                    }
                    q.execute(&mut *tx).await.map_err(backend)?;
                }
                tx.commit().await.map_err(backend)?;
                if $crate::alert_sql::analyzes_after_load(&self.pool)
                    && inserted + updated >= $crate::alert_sql::CONTACT_ROWS as u64
                {
                    sqlx::query("ANALYZE contacts")
                        .execute(&self.pool)
                        .await
                        .map_err(backend)?;
                }
                Ok((inserted, updated))
            }

            async fn list_contacts(
                &self,
                org_id: &str,
                segment: Option<&str>,
                limit: i64,
                offset: i64,
            ) -> StoreResult<Vec<Contact>> {
                let rows: Vec<ContactRow> = sqlx::query_as(&format!(
                    "SELECT {CONTACT_COLUMNS} FROM contacts WHERE org_id = $1 \
                     AND ($2 IS NULL OR segments LIKE $2) ORDER BY name, id LIMIT $3 OFFSET $4"
                ))
                .bind(org_id)
                .bind(segment.map(|s| format!("%\"{}\"%", s.replace(['%', '_', '"'], ""))))
                .bind(limit)
                .bind(offset)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(Contact::try_from).collect()
            }

            async fn count_contacts(&self, org_id: &str) -> StoreResult<i64> {
                sqlx::query_scalar("SELECT COUNT(*) FROM contacts WHERE org_id = $1")
                    .bind(org_id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(backend)
            }

            async fn get_contacts(&self, org_id: &str, ids: &[String]) -> StoreResult<Vec<Contact>> {
                let mut contacts = Vec::with_capacity(ids.len());
                for chunk in ids.chunks(500) {
                    let mut p = $crate::alert_sql::Params::new(&self.pool);
                    let sql = format!(
                        "SELECT {CONTACT_COLUMNS} FROM contacts WHERE org_id = {} AND id IN {}",
                        p.param(),
                        p.rows(1, chunk.len())
                    );
                    let mut q = sqlx::query_as::<_, ContactRow>(&sql).bind(org_id);
                    for id in chunk {
                        q = q.bind(id);
                    }
                    for row in q.fetch_all(&self.pool).await.map_err(backend)? {
                        contacts.push(Contact::try_from(row)?);
                    }
                }
                Ok(contacts)
            }

            async fn contacts_in_segments(
                &self,
                org_id: &str,
                segments: &[String],
                after: Option<&str>,
                limit: i64,
            ) -> StoreResult<(Vec<Contact>, Option<String>)> {
                if segments.is_empty() {
                    return Ok((Vec::new(), None));
                }
                // `segments` is a JSON array: LIKE on each name's JSON spelling narrows the
                // page in SQL (SQLite's LIKE ignores ASCII case, so names are matched exactly
                // below); the page still ends at the last row read.
                let like = (0..segments.len())
                    .map(|i| format!("segments LIKE ${} ESCAPE '\\'", i + 3))
                    .collect::<Vec<_>>()
                    .join(" OR ");
                let sql = format!(
                    "SELECT {CONTACT_COLUMNS} FROM contacts WHERE org_id = $1 AND id > $2 AND ({like}) \
                     ORDER BY id LIMIT ${}",
                    segments.len() + 3
                );
                let mut q = sqlx::query_as::<_, ContactRow>(&sql)
                    .bind(org_id)
                    .bind(after.unwrap_or(""));
                for s in segments {
                    q = q.bind($crate::alert_sql::like_json_string(s));
                }
                let rows = q.bind(limit).fetch_all(&self.pool).await.map_err(backend)?;
                let next = if (rows.len() as i64) < limit {
                    None
                } else {
                    rows.last().map(|r| r.id.clone())
                };
                let mut page = Vec::with_capacity(rows.len());
                for row in rows {
                    let c = Contact::try_from(row)?;
                    if c.segments.iter().any(|s| segments.contains(s)) {
                        page.push(c);
                    }
                }
                Ok((page, next))
            }

            async fn opt_out(&self, org_id: &str, contact_id: &str, medium: Medium) -> StoreResult<bool> {
                let column = match medium {
                    Medium::Email => "email_opt_in",
                    Medium::Sms => "sms_opt_in",
                    Medium::Voice => "voice_opt_in",
                };
                let done = sqlx::query(&format!(
                    "UPDATE contacts SET {column} = $3 WHERE org_id = $1 AND id = $2"
                ))
                .bind(org_id)
                .bind(contact_id)
                .bind(false)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(done.rows_affected() == 1)
            }

            async fn opt_out_phone(&self, phone: &str) -> StoreResult<u64> {
                let done = sqlx::query(
                    "UPDATE contacts SET sms_opt_in = $2, voice_opt_in = $2 WHERE phone = $1",
                )
                .bind(phone)
                .bind(false)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(done.rows_affected())
            }

            async fn create_alert(&self, a: &Alert) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO alerts (id, org_id, title, body, channel_ids, segments, notify, \
                     starts_at, expires_at, state, post_id, all_clear, created_by, ended_at, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                )
                .bind(&a.id)
                .bind(&a.org_id)
                .bind(&a.title)
                .bind(&a.body)
                .bind(list_json(&a.channel_ids))
                .bind(list_json(&a.segments))
                .bind(serde_json::to_string(&a.notify).unwrap_or_default())
                .bind(a.starts_at)
                .bind(a.expires_at)
                .bind(a.state.as_str())
                .bind(&a.post_id)
                .bind(&a.all_clear)
                .bind(&a.created_by)
                .bind(a.ended_at)
                .bind(a.created_at)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn get_alert(&self, org_id: &str, id: &str) -> StoreResult<Option<Alert>> {
                let row: Option<AlertRow> = sqlx::query_as(&format!(
                    "SELECT {ALERT_COLUMNS} FROM alerts WHERE org_id = $1 AND id = $2"
                ))
                .bind(org_id)
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                row.map(Alert::try_from).transpose()
            }

            async fn list_alerts(&self, org_id: &str, state: Option<&str>) -> StoreResult<Vec<Alert>> {
                let rows: Vec<AlertRow> = sqlx::query_as(&format!(
                    "SELECT {ALERT_COLUMNS} FROM alerts WHERE org_id = $1 \
                     AND ($2 IS NULL OR state = $2) ORDER BY created_at DESC LIMIT 200"
                ))
                .bind(org_id)
                .bind(state)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(Alert::try_from).collect()
            }

            async fn update_alert(&self, a: &Alert) -> StoreResult<()> {
                sqlx::query(
                    "UPDATE alerts SET title = $3, body = $4, expires_at = $5, state = $6, post_id = $7, \
                     all_clear = $8, ended_at = $9 WHERE org_id = $1 AND id = $2",
                )
                .bind(&a.org_id)
                .bind(&a.id)
                .bind(&a.title)
                .bind(&a.body)
                .bind(a.expires_at)
                .bind(a.state.as_str())
                .bind(&a.post_id)
                .bind(&a.all_clear)
                .bind(a.ended_at)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn queue_alert_messages(&self, messages: &[AlertMessage]) -> StoreResult<u64> {
                let mut queued = 0;
                // Chunks of multi-row inserts: 100,000 recipients in a few hundred statements.
                for chunk in messages.chunks(500) {
                    // `attempts` starts at its default, 0.
                    let sql = format!(
                        "INSERT INTO alert_messages (id, org_id, alert_id, contact_id, medium, state, \
                         at_ms) VALUES {} \
                         ON CONFLICT (alert_id, contact_id, medium) DO NOTHING",
                        $crate::alert_sql::Params::new(&self.pool).rows(chunk.len(), 7)
                    );
                    let mut q = sqlx::query(&sql);
                    for m in chunk {
                        q = q
                            .bind(&m.id)
                            .bind(&m.org_id)
                            .bind(&m.alert_id)
                            .bind(&m.contact_id)
                            .bind(m.medium.as_str())
                            .bind(&m.state)
                            .bind(m.at_ms);
                    }
                    queued += q.execute(&self.pool).await.map_err(backend)?.rows_affected();
                }
                Ok(queued)
            }

            async fn claim_alert_messages(
                &self,
                alert_id: &str,
                medium: Medium,
                now_ms: i64,
                limit: i64,
            ) -> StoreResult<Vec<AlertMessage>> {
                let rows: Vec<MessageRow> = sqlx::query_as(&format!(
                    "UPDATE alert_messages SET state = 'sending', attempts = attempts + 1, at_ms = $3 \
                     WHERE id IN (SELECT id FROM alert_messages WHERE alert_id = $1 AND medium = $2 \
                        AND state = 'queued' AND at_ms <= $3 ORDER BY at_ms LIMIT $4{}) \
                     RETURNING {MESSAGE_COLUMNS}",
                    $skip
                ))
                .bind(alert_id)
                .bind(medium.as_str())
                .bind(now_ms)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(AlertMessage::try_from).collect()
            }

            async fn finish_alert_messages(&self, messages: &[AlertMessage]) -> StoreResult<()> {
                if messages.is_empty() {
                    return Ok(());
                }
                let mut tx = self.pool.begin().await.map_err(backend)?;
                for chunk in messages.chunks(500) {
                    let sql = format!(
                        "UPDATE alert_messages SET state = v.column2, provider_id = v.column3, \
                         last_error = v.column4, at_ms = v.column5 \
                         FROM (VALUES {}) AS v WHERE alert_messages.id = v.column1",
                        $crate::alert_sql::Params::new(&self.pool).rows(chunk.len(), 5)
                    );
                    let mut q = sqlx::query(&sql);
                    for m in chunk {
                        q = q
                            .bind(&m.id)
                            .bind(&m.state)
                            .bind(&m.provider_id)
                            .bind(&m.last_error)
                            .bind(m.at_ms);
                    }
                    q.execute(&mut *tx).await.map_err(backend)?;
                }
                tx.commit().await.map_err(backend)
            }

            async fn settle_stale_alert_messages(&self, alert_id: &str, before_ms: i64) -> StoreResult<u64> {
                let done = sqlx::query(
                    "UPDATE alert_messages SET state = 'unknown', \
                     last_error = 'the sending instance stopped mid-send; not resent so nobody gets it twice' \
                     WHERE alert_id = $1 AND state = 'sending' AND at_ms < $2",
                )
                .bind(alert_id)
                .bind(before_ms)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(done.rows_affected())
            }

            async fn cancel_alert_messages(&self, alert_id: &str) -> StoreResult<u64> {
                let done = sqlx::query(
                    "UPDATE alert_messages SET state = 'cancelled' WHERE alert_id = $1 AND state = 'queued'",
                )
                .bind(alert_id)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(done.rows_affected())
            }

            async fn next_alert_message(&self, alert_id: &str, medium: Medium) -> StoreResult<Option<i64>> {
                sqlx::query_scalar(
                    "SELECT MIN(at_ms) FROM alert_messages WHERE alert_id = $1 AND medium = $2 \
                     AND state = 'queued'",
                )
                .bind(alert_id)
                .bind(medium.as_str())
                .fetch_one(&self.pool)
                .await
                .map_err(backend)
            }

            async fn alert_message_counts(&self, alert_id: &str) -> StoreResult<Vec<(String, String, i64)>> {
                sqlx::query_as(
                    "SELECT medium, state, COUNT(*) FROM alert_messages WHERE alert_id = $1 \
                     GROUP BY medium, state ORDER BY medium, state",
                )
                .bind(alert_id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)
            }

            async fn alert_failures(&self, alert_id: &str, limit: i64) -> StoreResult<Vec<AlertMessage>> {
                let rows: Vec<MessageRow> = sqlx::query_as(&format!(
                    "SELECT {MESSAGE_COLUMNS} FROM alert_messages WHERE alert_id = $1 \
                     AND state IN ('failed', 'unknown') ORDER BY id LIMIT $2"
                ))
                .bind(alert_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(AlertMessage::try_from).collect()
            }

            async fn set_message_status_by_provider(
                &self,
                provider_id: &str,
                state: &str,
                error: Option<&str>,
            ) -> StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE alert_messages SET state = $2, last_error = COALESCE($3, last_error) \
                     WHERE provider_id = $1 AND state IN ('sent', 'delivered', 'failed')",
                )
                .bind(provider_id)
                .bind(state)
                .bind(error)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(done.rows_affected() > 0)
            }
        }
    };
}

pub(crate) use alert_store;

/// Contacts per multi-row statement: 12 parameters each stays well under both databases'
/// limits (SQLite 32,766, PostgreSQL 65,535).
pub(crate) const CONTACT_ROWS: usize = 1_000;

/// How a backend numbers statement parameters. SQLite looks a named parameter (`$3`) up by
/// walking the statement's list of names, so binding thousands of them costs quadratic time;
/// anonymous `?` are bound by position at no such cost.
pub(crate) trait Dialect: sqlx::Database {
    const NUMBERED: bool;
    /// Whether a bulk contact import is followed by `ANALYZE contacts`. PostgreSQL's
    /// autovacuum gathers statistics only a while after a load; an alert sent meanwhile would
    /// plan each fan-out page blind (a sort of every remaining contact, ~60 ms a page at
    /// 100,000, instead of an index scan). SQLite's planner takes the (org_id, id) index
    /// without statistics.
    const ANALYZE_AFTER_LOAD: bool;
}

impl Dialect for sqlx::Postgres {
    const NUMBERED: bool = true;
    const ANALYZE_AFTER_LOAD: bool = true;
}

impl Dialect for sqlx::Sqlite {
    const NUMBERED: bool = false;
    const ANALYZE_AFTER_LOAD: bool = false;
}

pub(crate) fn analyzes_after_load<DB: Dialect>(_pool: &sqlx::Pool<DB>) -> bool {
    DB::ANALYZE_AFTER_LOAD
}

/// Placeholders for one statement, in the order they appear (the order of binding).
pub(crate) struct Params {
    numbered: bool,
    count: usize,
}

impl Params {
    pub(crate) fn new<DB: Dialect>(_pool: &sqlx::Pool<DB>) -> Params {
        Params {
            numbered: DB::NUMBERED,
            count: 0,
        }
    }

    /// The next placeholder: `$n` (PostgreSQL) or `?` (SQLite).
    pub(crate) fn param(&mut self) -> String {
        self.count += 1;
        if self.numbered {
            format!("${}", self.count)
        } else {
            "?".into()
        }
    }

    /// `(.., ..), (.., ..)`: `rows` groups of `columns` placeholders.
    pub(crate) fn rows(&mut self, rows: usize, columns: usize) -> String {
        let mut sql = String::with_capacity(rows * columns * 7);
        for r in 0..rows {
            if r > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for c in 0..columns {
                if c > 0 {
                    sql.push_str(", ");
                }
                let next = self.param();
                sql.push_str(&next);
            }
            sql.push(')');
        }
        sql
    }
}

/// A LIKE pattern (escape character `\`) matching JSON text that holds `name` as a string.
pub(crate) fn like_json_string(name: &str) -> String {
    let json = serde_json::to_string(name).unwrap_or_default();
    let escaped = json
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_follow_the_order_they_appear_in() {
        let mut pg = Params {
            numbered: true,
            count: 0,
        };
        assert_eq!(pg.param(), "$1");
        assert_eq!(pg.rows(2, 3), "($2, $3, $4), ($5, $6, $7)");
        let mut lite = Params {
            numbered: false,
            count: 0,
        };
        assert_eq!(lite.rows(2, 2), "(?, ?), (?, ?)");
        assert_eq!(lite.param(), "?");
    }

    #[test]
    fn segment_patterns_escape_like_wildcards() {
        assert_eq!(like_json_string("Main Campus"), "%\"Main Campus\"%");
        assert_eq!(like_json_string("50%_off"), "%\"50\\%\\_off\"%");
        assert_eq!(like_json_string("a\\b"), "%\"a\\\\\\\\b\"%");
    }
}
