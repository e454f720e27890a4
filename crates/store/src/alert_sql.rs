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
                let (mut inserted, mut updated) = (0, 0);
                let mut tx = self.pool.begin().await.map_err(backend)?;
                for c in contacts {
                    let found = c
                        .email
                        .as_ref()
                        .and_then(|e| by_email.get(e))
                        .or_else(|| c.phone.as_ref().and_then(|p| by_phone.get(p)))
                        .cloned();
                    match found {
                        Some(id) => {
                            sqlx::query(
                                "UPDATE contacts SET name = $3, email = $4, phone = $5, language = $6, \
                                 segments = $7, email_opt_in = $8, sms_opt_in = $9, voice_opt_in = $10, \
                                 updated_at = $11 WHERE org_id = $1 AND id = $2",
                            )
                            .bind(org_id)
                            .bind(&id)
                            .bind(&c.name)
                            .bind(&c.email)
                            .bind(&c.phone)
                            .bind(&c.language)
                            .bind(list_json(&c.segments))
                            .bind(c.email_opt_in)
                            .bind(c.sms_opt_in)
                            .bind(c.voice_opt_in)
                            .bind(c.updated_at)
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            updated += 1;
                        }
                        None => {
                            sqlx::query(
                                "INSERT INTO contacts (id, org_id, name, email, phone, language, segments, \
                                 email_opt_in, sms_opt_in, voice_opt_in, created_at, updated_at) \
                                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                            )
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
                            .bind(c.updated_at)
                            .execute(&mut *tx)
                            .await
                            .map_err(backend)?;
                            inserted += 1;
                        }
                    }
                }
                tx.commit().await.map_err(backend)?;
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

            async fn get_contact(&self, org_id: &str, id: &str) -> StoreResult<Option<Contact>> {
                let row: Option<ContactRow> = sqlx::query_as(&format!(
                    "SELECT {CONTACT_COLUMNS} FROM contacts WHERE org_id = $1 AND id = $2"
                ))
                .bind(org_id)
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                row.map(Contact::try_from).transpose()
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
                    let mut sql = String::from(
                        "INSERT INTO alert_messages (id, org_id, alert_id, contact_id, medium, state, \
                         attempts, at_ms) VALUES ",
                    );
                    for i in 0..chunk.len() {
                        let b = i * 7;
                        if i > 0 {
                            sql.push_str(", ");
                        }
                        sql.push_str(&format!(
                            "(${}, ${}, ${}, ${}, ${}, ${}, 0, ${})",
                            b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7
                        ));
                    }
                    sql.push_str(" ON CONFLICT (alert_id, contact_id, medium) DO NOTHING");
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

            async fn finish_alert_message(&self, m: &AlertMessage) -> StoreResult<()> {
                sqlx::query(
                    "UPDATE alert_messages SET state = $2, provider_id = $3, last_error = $4, at_ms = $5 \
                     WHERE id = $1",
                )
                .bind(&m.id)
                .bind(&m.state)
                .bind(&m.provider_id)
                .bind(&m.last_error)
                .bind(m.at_ms)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
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
