//! The inbox SQL both backends share.

macro_rules! inbox_store {
    ($store:ty) => {
        use domain::inbox::{Assignee, InboxFilter, InboxItem};
        use domain::inbox_store::{InboxStore, LibraryEntry};
        use domain::moderation::{CommentingPolicy, InboxAction, PolicyDraft};
        use domain::response_library::ResponseTemplate;

        const INBOX_COLUMNS: &str = "id, org_id, channel_id, remote_id, parent_remote_id, kind, \
            author_name, text, raw_sealed, labels, state, assigned_to, suggested_reply, received_at, \
            first_response_at, resolved_at, needs_person, removed_at";

        #[derive(sqlx::FromRow)]
        struct InboxRow {
            id: String,
            org_id: String,
            channel_id: String,
            remote_id: String,
            parent_remote_id: Option<String>,
            kind: String,
            author_name: String,
            text: String,
            raw_sealed: String,
            labels: String,
            state: String,
            assigned_to: Option<String>,
            suggested_reply: Option<String>,
            received_at: DateTime<Utc>,
            first_response_at: Option<DateTime<Utc>>,
            resolved_at: Option<DateTime<Utc>>,
            needs_person: Option<String>,
            removed_at: Option<DateTime<Utc>>,
        }

        impl TryFrom<InboxRow> for InboxItem {
            type Error = domain::store::StoreError;
            fn try_from(r: InboxRow) -> Result<InboxItem, Self::Error> {
                Ok(InboxItem {
                    labels: serde_json::from_str(&r.labels).map_err(|e| {
                        domain::store::StoreError::Backend(format!("bad labels JSON in store: {e}"))
                    })?,
                    id: r.id,
                    org_id: r.org_id,
                    channel_id: r.channel_id,
                    remote_id: r.remote_id,
                    parent_remote_id: r.parent_remote_id,
                    kind: r.kind,
                    author_name: r.author_name,
                    text: r.text,
                    raw_sealed: r.raw_sealed,
                    state: r.state,
                    assigned_to: r.assigned_to,
                    suggested_reply: r.suggested_reply,
                    received_at: r.received_at,
                    first_response_at: r.first_response_at,
                    resolved_at: r.resolved_at,
                    needs_person: r.needs_person,
                    removed_at: r.removed_at,
                })
            }
        }

        impl $store {
        async fn policy_rows(
            &self,
            sql: &str,
            org_id: &str,
            version: Option<i64>,
        ) -> StoreResult<Vec<CommentingPolicy>> {
            #[derive(sqlx::FromRow)]
            struct Row {
                org_id: String,
                version: i64,
                body: String,
                rules: String,
                first_response_minutes: i64,
                removal_minutes: i64,
                published_by: String,
                published_at: DateTime<Utc>,
            }
            let rows: Vec<Row> = sqlx::query_as(sql)
                .bind(org_id)
                .bind(version)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
            rows.into_iter()
                .map(|r| {
                    Ok(CommentingPolicy {
                        rules: serde_json::from_str(&r.rules).map_err(|e| {
                            domain::store::StoreError::Backend(format!("bad rules JSON in store: {e}"))
                        })?,
                        org_id: r.org_id,
                        version: r.version,
                        body: r.body,
                        first_response_minutes: r.first_response_minutes,
                        removal_minutes: r.removal_minutes,
                        published_by: r.published_by,
                        published_at: r.published_at,
                    })
                })
                .collect()
        }
        }

        #[async_trait::async_trait]
        impl InboxStore for $store {
            async fn insert_inbox_items(
                &self,
                items: &[(InboxItem, Option<domain::publishing::Job>)],
            ) -> StoreResult<Vec<bool>> {
                let mut tx = self.pool.begin().await.map_err(backend)?;
                let mut stored = Vec::with_capacity(items.len());
                for (i, job) in items {
                    let done = sqlx::query(
                        "INSERT INTO inbox_items (id, org_id, channel_id, remote_id, parent_remote_id, \
                         kind, author_name, text, raw_sealed, labels, state, assigned_to, \
                         suggested_reply, received_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
                         ON CONFLICT (channel_id, remote_id) DO NOTHING",
                    )
                    .bind(&i.id)
                    .bind(&i.org_id)
                    .bind(&i.channel_id)
                    .bind(&i.remote_id)
                    .bind(&i.parent_remote_id)
                    .bind(&i.kind)
                    .bind(&i.author_name)
                    .bind(&i.text)
                    .bind(&i.raw_sealed)
                    .bind(list_json(&i.labels))
                    .bind(&i.state)
                    .bind(&i.assigned_to)
                    .bind(&i.suggested_reply)
                    .bind(i.received_at)
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
                    let new = done.rows_affected() == 1;
                    if let (true, Some(job)) = (new, job) {
                        // `insert_job` comes from `publish_store!`, expanded beside this.
                        insert_job(&mut *tx, job).await.map_err(backend)?;
                    }
                    stored.push(new);
                }
                tx.commit().await.map_err(backend)?;
                Ok(stored)
            }

            async fn get_inbox_item(&self, org_id: &str, id: &str) -> StoreResult<Option<InboxItem>> {
                let row: Option<InboxRow> = sqlx::query_as(&format!(
                    "SELECT {INBOX_COLUMNS} FROM inbox_items WHERE org_id = $1 AND id = $2"
                ))
                .bind(org_id)
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                row.map(InboxItem::try_from).transpose()
            }

            async fn list_inbox(&self, org_id: &str, f: &InboxFilter) -> StoreResult<Vec<InboxItem>> {
                let rows: Vec<InboxRow> = sqlx::query_as(&format!(
                    "SELECT {INBOX_COLUMNS} FROM inbox_items WHERE org_id = $1 \
                     AND ($2 IS NULL OR labels LIKE $2) AND ($3 IS NULL OR state = $3) \
                     AND ($4 IS NULL OR channel_id = $4) AND ($5 IS NULL OR assigned_to = $5) \
                     AND (NOT $6 OR assigned_to IS NULL) \
                     ORDER BY received_at DESC, id DESC LIMIT $7"
                ))
                .bind(org_id)
                .bind(f.label.as_ref().map(|l| format!("%\"{}\"%", l.replace(['%', '"'], ""))))
                .bind(f.state.as_deref())
                .bind(f.channel_id.as_deref())
                .bind(match &f.assignee {
                    Some(Assignee::User(u)) => Some(u.as_str()),
                    _ => None,
                })
                .bind(f.assignee == Some(Assignee::Nobody))
                .bind(f.limit)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(InboxItem::try_from).collect()
            }

            async fn save_inbox_item(
                &self,
                i: &InboxItem,
                actions: &[InboxAction],
            ) -> StoreResult<()> {
                let mut tx = self.pool.begin().await.map_err(backend)?;
                sqlx::query(
                    "UPDATE inbox_items SET state = $3, assigned_to = $4, first_response_at = $5, \
                     resolved_at = $6, suggested_reply = $7, needs_person = $8, removed_at = $9 \
                     WHERE org_id = $1 AND id = $2",
                )
                .bind(&i.org_id)
                .bind(&i.id)
                .bind(&i.state)
                .bind(&i.assigned_to)
                .bind(i.first_response_at)
                .bind(i.resolved_at)
                .bind(&i.suggested_reply)
                .bind(&i.needs_person)
                .bind(i.removed_at)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
                for a in actions {
                    sqlx::query(
                        "INSERT INTO inbox_actions (id, org_id, item_id, kind, auto, clause, by_name, \
                         at, undone_at, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    )
                    .bind(&a.id)
                    .bind(&a.org_id)
                    .bind(&a.item_id)
                    .bind(&a.kind)
                    .bind(a.auto)
                    .bind(&a.clause)
                    .bind(&a.by)
                    .bind(a.at)
                    .bind(a.undone_at)
                    .bind(a.detail.to_string())
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
                }
                tx.commit().await.map_err(backend)
            }

            async fn count_inbox(&self, org_id: &str, state: &str) -> StoreResult<i64> {
                let (n,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM inbox_items WHERE org_id = $1 AND state = $2",
                )
                .bind(org_id)
                .bind(state)
                .fetch_one(&self.pool)
                .await
                .map_err(backend)?;
                Ok(n)
            }

            async fn inbox_received_between(
                &self,
                org_id: &str,
                from: DateTime<Utc>,
                to: DateTime<Utc>,
            ) -> StoreResult<Vec<InboxItem>> {
                let rows: Vec<InboxRow> = sqlx::query_as(&format!(
                    "SELECT {INBOX_COLUMNS} FROM inbox_items WHERE org_id = $1 \
                     AND received_at >= $2 AND received_at < $3 ORDER BY received_at, id LIMIT 200000"
                ))
                .bind(org_id)
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(InboxItem::try_from).collect()
            }

            async fn inbox_actions(
                &self,
                org_id: &str,
                item_ids: &[String],
            ) -> StoreResult<Vec<InboxAction>> {
                #[derive(sqlx::FromRow)]
                struct ActionRow {
                    id: String,
                    org_id: String,
                    item_id: String,
                    kind: String,
                    auto: bool,
                    clause: Option<String>,
                    by_name: String,
                    at: DateTime<Utc>,
                    undone_at: Option<DateTime<Utc>>,
                    detail: String,
                }
                let mut out = Vec::new();
                // Bounded IN lists keep every backend's parameter limit out of reach.
                for chunk in item_ids.chunks(200) {
                    let marks: Vec<String> = (0..chunk.len()).map(|n| format!("${}", n + 2)).collect();
                    let sql = format!(
                        "SELECT id, org_id, item_id, kind, auto, clause, by_name, at, undone_at, detail \
                         FROM inbox_actions WHERE org_id = $1 AND item_id IN ({}) ORDER BY at, id",
                        marks.join(", ")
                    );
                    let mut q = sqlx::query_as::<_, ActionRow>(&sql).bind(org_id);
                    for id in chunk {
                        q = q.bind(id);
                    }
                    for r in q.fetch_all(&self.pool).await.map_err(backend)? {
                        out.push(InboxAction {
                            detail: serde_json::from_str(&r.detail).unwrap_or_default(),
                            id: r.id,
                            org_id: r.org_id,
                            item_id: r.item_id,
                            kind: r.kind,
                            auto: r.auto,
                            clause: r.clause,
                            by: r.by_name,
                            at: r.at,
                            undone_at: r.undone_at,
                        });
                    }
                }
                out.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
                Ok(out)
            }

            async fn mark_action_undone(
                &self,
                org_id: &str,
                action_id: &str,
                at: DateTime<Utc>,
            ) -> StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE inbox_actions SET undone_at = $3 WHERE org_id = $1 AND id = $2 \
                     AND undone_at IS NULL",
                )
                .bind(org_id)
                .bind(action_id)
                .bind(at)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(done.rows_affected() == 1)
            }

            async fn publish_commenting_policy(
                &self,
                org_id: &str,
                d: &PolicyDraft,
                published_by: &str,
                at: DateTime<Utc>,
            ) -> StoreResult<CommentingPolicy> {
                let rules = serde_json::to_string(&d.rules)
                    .map_err(|e| domain::store::StoreError::Backend(e.to_string()))?;
                // As with the handbook: the number is computed in the insert and a concurrent
                // publisher retries with the next one.
                let mut attempts = 0;
                loop {
                    let row: Result<(i64,), sqlx::Error> = sqlx::query_as(
                        "INSERT INTO commenting_policies (org_id, version, body, rules, \
                         first_response_minutes, removal_minutes, published_by, published_at) \
                         SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5, $6, $7 \
                         FROM commenting_policies WHERE org_id = $1 RETURNING version",
                    )
                    .bind(org_id)
                    .bind(&d.body)
                    .bind(&rules)
                    .bind(d.first_response_minutes)
                    .bind(d.removal_minutes)
                    .bind(published_by)
                    .bind(at)
                    .fetch_one(&self.pool)
                    .await;
                    match row.map_err(backend) {
                        Ok((version,)) => {
                            return Ok(CommentingPolicy {
                                org_id: org_id.into(),
                                version,
                                body: d.body.clone(),
                                rules: d.rules.clone(),
                                first_response_minutes: d.first_response_minutes,
                                removal_minutes: d.removal_minutes,
                                published_by: published_by.into(),
                                published_at: at,
                            })
                        }
                        Err(domain::store::StoreError::Duplicate(_)) if attempts < 5 => attempts += 1,
                        Err(e) => return Err(e),
                    }
                }
            }

            async fn commenting_policy(
                &self,
                org_id: &str,
                version: Option<i64>,
            ) -> StoreResult<Option<CommentingPolicy>> {
                let rows = self.policy_rows(
                    "SELECT org_id, version, body, rules, first_response_minutes, removal_minutes, \
                     published_by, published_at FROM commenting_policies WHERE org_id = $1 \
                     AND ($2 IS NULL OR version = $2) ORDER BY version DESC LIMIT 1",
                    org_id,
                    version,
                )
                .await?;
                Ok(rows.into_iter().next())
            }

            async fn commenting_policy_versions(
                &self,
                org_id: &str,
            ) -> StoreResult<Vec<CommentingPolicy>> {
                self.policy_rows(
                    "SELECT org_id, version, body, rules, first_response_minutes, removal_minutes, \
                     published_by, published_at FROM commenting_policies WHERE org_id = $1 \
                     AND ($2 IS NULL OR version = $2) ORDER BY version DESC",
                    org_id,
                    None,
                )
                .await
            }

            async fn list_responses(&self, org_id: &str) -> StoreResult<Vec<LibraryEntry>> {
                #[derive(sqlx::FromRow)]
                struct Row {
                    id: String,
                    org_id: String,
                    topic: String,
                    keywords: String,
                    body: String,
                    sources: String,
                    position: i64,
                    updated_at: DateTime<Utc>,
                }
                let rows: Vec<Row> = sqlx::query_as(
                    "SELECT id, org_id, topic, keywords, body, sources, position, updated_at \
                     FROM response_templates WHERE org_id = $1 ORDER BY position, id",
                )
                .bind(org_id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                let list = |s: &str| -> StoreResult<Vec<String>> {
                    serde_json::from_str(s).map_err(|e| {
                        domain::store::StoreError::Backend(format!("bad list JSON in store: {e}"))
                    })
                };
                rows.into_iter()
                    .map(|r| {
                        Ok(LibraryEntry {
                            template: ResponseTemplate {
                                topic: r.topic,
                                keywords: list(&r.keywords)?,
                                body: r.body,
                                sources: list(&r.sources)?,
                            },
                            id: r.id,
                            org_id: r.org_id,
                            position: r.position,
                            updated_at: r.updated_at,
                        })
                    })
                    .collect()
            }

            async fn put_response(&self, e: &LibraryEntry) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO response_templates (id, org_id, topic, keywords, body, sources, \
                     position, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                     ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, keywords = excluded.keywords, \
                     body = excluded.body, sources = excluded.sources, position = excluded.position, \
                     updated_at = excluded.updated_at WHERE response_templates.org_id = excluded.org_id",
                )
                .bind(&e.id)
                .bind(&e.org_id)
                .bind(&e.template.topic)
                .bind(list_json(&e.template.keywords))
                .bind(&e.template.body)
                .bind(list_json(&e.template.sources))
                .bind(e.position)
                .bind(e.updated_at)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn delete_response(&self, org_id: &str, id: &str) -> StoreResult<bool> {
                let done = sqlx::query("DELETE FROM response_templates WHERE org_id = $1 AND id = $2")
                    .bind(org_id)
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(backend)?;
                Ok(done.rows_affected() == 1)
            }

            async fn channels_of_kind(&self, kind: &str) -> StoreResult<Vec<Channel>> {
                let rows: Vec<ChannelRow> = sqlx::query_as(&format!(
                    "SELECT {CHANNEL_COLUMNS} FROM channels WHERE kind = $1 AND disabled = $2"
                ))
                .bind(kind)
                .bind(false)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(Channel::try_from).collect()
            }
        }
    };
}

pub(crate) use inbox_store;
