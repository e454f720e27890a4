//! The publishing SQL both backends share (see `sql_store` for why it is a macro). The one
//! difference is the claim query's row locking: PostgreSQL skips rows another instance has
//! locked; SQLite has one writer at a time anyway.

macro_rules! publish_store {
    ($store:ty, db = $db:ty, skip_locked = $skip:literal) => {
        use $crate::publish_rows::{
            list_json, ChannelRow, DeliveryRow, JobRow, PostRow, CHANNEL_COLUMNS,
            DELIVERY_COLUMNS, JOB_COLUMNS, POST_COLUMNS,
        };
        use domain::publishing::{Channel, Delivery, Job, Post, PostFilter, PublishStore};

        /// Inserts one job inside a transaction or on the pool.
        async fn insert_job<'e, E>(exec: E, job: &Job) -> Result<(), sqlx::Error>
        where
            E: sqlx::Executor<'e, Database = $db>,
        {
            sqlx::query(
                "INSERT INTO jobs (id, org_id, kind, target_id, run_at_ms, state, attempts) \
                 VALUES ($1, $2, $3, $4, $5, 'queued', 0)",
            )
            .bind(&job.id)
            .bind(&job.org_id)
            .bind(&job.kind)
            .bind(&job.target_id)
            .bind(job.run_at_ms)
            .execute(exec)
            .await?;
            Ok(())
        }

        /// Saves a post's mutable fields if `updated_at` is still `expected`.
        async fn save_post<'e, E>(
            exec: E,
            p: &Post,
            expected: DateTime<Utc>,
        ) -> Result<bool, sqlx::Error>
        where
            E: sqlx::Executor<'e, Database = $db>,
        {
            let done = sqlx::query(
                "UPDATE posts SET body = $3, hashtags = $4, content_type = $5, channel_ids = $6, \
                 media_ids = $7, consent_ids = $8, scheduled_at = $9, calendar_ms = $10, \
                 state = $11, verdict = $12, findings = $13, submitted_at = $14, \
                 reviewed_by = $15, reviewed_at = $16, review_note = $17, updated_at = $18, \
                 pinned = $19 WHERE id = $1 AND updated_at = $2",
            )
            .bind(&p.id)
            .bind(expected)
            .bind(&p.body)
            .bind(list_json(&p.hashtags))
            .bind(p.content_type.as_str())
            .bind(list_json(&p.channel_ids))
            .bind(list_json(&p.media_ids))
            .bind(list_json(&p.consent_ids))
            .bind(p.scheduled_at)
            .bind(p.calendar_at().timestamp_millis())
            .bind(p.state.as_str())
            .bind(&p.verdict)
            .bind(p.findings.to_string())
            .bind(p.submitted_at)
            .bind(&p.reviewed_by)
            .bind(p.reviewed_at)
            .bind(&p.review_note)
            .bind(p.updated_at)
            .bind(p.pinned)
            .execute(exec)
            .await?;
            Ok(done.rows_affected() == 1)
        }

        #[async_trait::async_trait]
        impl PublishStore for $store {
            async fn create_channel(&self, c: &Channel) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO channels (id, org_id, kind, name, public, sealed_config, disabled, \
                     created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(&c.id)
                .bind(&c.org_id)
                .bind(c.kind.as_str())
                .bind(&c.name)
                .bind(c.public.to_string())
                .bind(&c.sealed_config)
                .bind(c.disabled)
                .bind(&c.created_by)
                .bind(c.created_at)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn get_channel(&self, org_id: &str, id: &str) -> StoreResult<Option<Channel>> {
                let row: Option<ChannelRow> = sqlx::query_as(&format!(
                    "SELECT {CHANNEL_COLUMNS} FROM channels WHERE org_id = $1 AND id = $2"
                ))
                .bind(org_id)
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                row.map(Channel::try_from).transpose()
            }

            async fn list_channels(&self, org_id: &str) -> StoreResult<Vec<Channel>> {
                let rows: Vec<ChannelRow> = sqlx::query_as(&format!(
                    "SELECT {CHANNEL_COLUMNS} FROM channels WHERE org_id = $1 ORDER BY name"
                ))
                .bind(org_id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(Channel::try_from).collect()
            }

            async fn update_channel(&self, c: &Channel) -> StoreResult<()> {
                sqlx::query(
                    "UPDATE channels SET name = $3, public = $4, sealed_config = $5, disabled = $6 \
                     WHERE org_id = $1 AND id = $2",
                )
                .bind(&c.org_id)
                .bind(&c.id)
                .bind(&c.name)
                .bind(c.public.to_string())
                .bind(&c.sealed_config)
                .bind(c.disabled)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn create_post(&self, p: &Post) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO posts (id, org_id, author_id, body, hashtags, content_type, \
                     channel_ids, media_ids, consent_ids, scheduled_at, calendar_ms, state, verdict, \
                     findings, submitted_at, reviewed_by, reviewed_at, review_note, created_at, \
                     updated_at, pinned) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
                     $13, $14, $15, $16, $17, $18, $19, $20, $21)",
                )
                .bind(&p.id)
                .bind(&p.org_id)
                .bind(&p.author_id)
                .bind(&p.body)
                .bind(list_json(&p.hashtags))
                .bind(p.content_type.as_str())
                .bind(list_json(&p.channel_ids))
                .bind(list_json(&p.media_ids))
                .bind(list_json(&p.consent_ids))
                .bind(p.scheduled_at)
                .bind(p.calendar_at().timestamp_millis())
                .bind(p.state.as_str())
                .bind(&p.verdict)
                .bind(p.findings.to_string())
                .bind(p.submitted_at)
                .bind(&p.reviewed_by)
                .bind(p.reviewed_at)
                .bind(&p.review_note)
                .bind(p.created_at)
                .bind(p.updated_at)
                .bind(p.pinned)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn get_post(&self, org_id: &str, id: &str) -> StoreResult<Option<Post>> {
                let row: Option<PostRow> = sqlx::query_as(&format!(
                    "SELECT {POST_COLUMNS} FROM posts WHERE org_id = $1 AND id = $2"
                ))
                .bind(org_id)
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                row.map(Post::try_from).transpose()
            }

            async fn list_posts(&self, org_id: &str, f: &PostFilter) -> StoreResult<Vec<Post>> {
                let rows: Vec<PostRow> = sqlx::query_as(&format!(
                    "SELECT {POST_COLUMNS} FROM posts WHERE org_id = $1 \
                     AND ($2 IS NULL OR state = $2) \
                     AND ($3 IS NULL OR calendar_ms >= $3) \
                     AND ($4 IS NULL OR calendar_ms < $4) \
                     AND ($5 IS NULL OR author_id = $5) \
                     ORDER BY calendar_ms DESC, id DESC LIMIT $6"
                ))
                .bind(org_id)
                .bind(f.state.map(|s| s.as_str()))
                .bind(f.from.map(|t| t.timestamp_millis()))
                .bind(f.to.map(|t| t.timestamp_millis()))
                .bind(f.author_id.as_deref())
                .bind(f.limit)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(Post::try_from).collect()
            }

            async fn update_post(&self, p: &Post, expected: DateTime<Utc>) -> StoreResult<bool> {
                save_post(&self.pool, p, expected).await.map_err(backend)
            }

            async fn schedule_post(
                &self,
                p: &Post,
                expected: DateTime<Utc>,
                deliveries: &[Delivery],
                jobs: &[Job],
            ) -> StoreResult<bool> {
                let mut tx = self.pool.begin().await.map_err(backend)?;
                if !save_post(&mut *tx, p, expected).await.map_err(backend)? {
                    return Ok(false);
                }
                for d in deliveries {
                    sqlx::query(
                        "INSERT INTO deliveries (id, org_id, post_id, channel_id, state, attempts, \
                         idempotency_key, next_attempt_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8)",
                    )
                    .bind(&d.id)
                    .bind(&d.org_id)
                    .bind(&d.post_id)
                    .bind(&d.channel_id)
                    .bind(d.state.as_str())
                    .bind(&d.idempotency_key)
                    .bind(d.next_attempt_at)
                    .bind(d.updated_at)
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
                }
                for j in jobs {
                    insert_job(&mut *tx, j).await.map_err(backend)?;
                }
                tx.commit().await.map_err(backend)?;
                Ok(true)
            }

            async fn unschedule_post(
                &self,
                p: &Post,
                expected: DateTime<Utc>,
                withdraw: &[(String, Job)],
            ) -> StoreResult<bool> {
                let mut tx = self.pool.begin().await.map_err(backend)?;
                if !save_post(&mut *tx, p, expected).await.map_err(backend)? {
                    return Ok(false);
                }
                // Queued publish jobs stop; a running one finds its delivery cancelled.
                sqlx::query(
                    "UPDATE jobs SET state = 'cancelled' WHERE state = 'queued' AND kind = 'publish' \
                     AND target_id IN (SELECT id FROM deliveries WHERE post_id = $1)",
                )
                .bind(&p.id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
                sqlx::query(
                    "UPDATE deliveries SET state = 'cancelled', updated_at = $2 \
                     WHERE post_id = $1 AND state IN ('pending', 'retrying', 'failed')",
                )
                .bind(&p.id)
                .bind(p.updated_at)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
                for (delivery_id, job) in withdraw {
                    sqlx::query(
                        "UPDATE deliveries SET state = 'withdrawing', updated_at = $2 WHERE id = $1",
                    )
                    .bind(delivery_id)
                    .bind(p.updated_at)
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
                    insert_job(&mut *tx, job).await.map_err(backend)?;
                }
                tx.commit().await.map_err(backend)?;
                Ok(true)
            }

            async fn refresh_post_state(&self, post_id: &str, now: DateTime<Utc>) -> StoreResult<()> {
                sqlx::query(
                    "UPDATE posts SET state = COALESCE((SELECT CASE \
                        WHEN COUNT(*) = 0 THEN NULL \
                        WHEN SUM(CASE WHEN d.state IN ('pending', 'retrying', 'sending') THEN 1 ELSE 0 END) > 0 THEN \
                            CASE WHEN SUM(CASE WHEN d.state = 'sending' OR d.attempts > 0 \
                                OR d.state = 'published' THEN 1 ELSE 0 END) > 0 \
                            THEN 'publishing' ELSE 'scheduled' END \
                        WHEN SUM(CASE WHEN d.state = 'failed' THEN 1 ELSE 0 END) = 0 THEN 'published' \
                        WHEN SUM(CASE WHEN d.state = 'published' THEN 1 ELSE 0 END) > 0 THEN 'partially_failed' \
                        ELSE 'failed' END \
                      FROM deliveries d WHERE d.post_id = posts.id \
                        AND d.state NOT IN ('cancelled', 'withdrawing', 'withdrawn')), state), \
                     updated_at = $2 \
                     WHERE id = $1 AND state IN ('scheduled', 'publishing', 'published', \
                        'partially_failed', 'failed')",
                )
                .bind(post_id)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn list_deliveries(&self, org_id: &str, post_id: &str) -> StoreResult<Vec<Delivery>> {
                let rows: Vec<DeliveryRow> = sqlx::query_as(&format!(
                    "SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE org_id = $1 AND post_id = $2 \
                     ORDER BY id"
                ))
                .bind(org_id)
                .bind(post_id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(Delivery::try_from).collect()
            }

            async fn get_delivery(&self, id: &str) -> StoreResult<Option<Delivery>> {
                let row: Option<DeliveryRow> = sqlx::query_as(&format!(
                    "SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                row.map(Delivery::try_from).transpose()
            }

            async fn begin_attempt(
                &self,
                id: &str,
                expected_attempts: i32,
                now: DateTime<Utc>,
            ) -> StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE deliveries SET state = 'sending', attempts = attempts + 1, \
                     first_attempt_at = COALESCE(first_attempt_at, $3), updated_at = $3 \
                     WHERE id = $1 AND attempts = $2 \
                     AND state IN ('pending', 'retrying', 'sending', 'failed')",
                )
                .bind(id)
                .bind(expected_attempts)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(done.rows_affected() == 1)
            }

            async fn update_delivery(&self, d: &Delivery) -> StoreResult<()> {
                sqlx::query(
                    // A post withdrawn while its publish call was in flight stays
                    // withdrawing/withdrawn: the result only adds the remote id to delete.
                    "UPDATE deliveries SET state = CASE WHEN state IN ('withdrawing', 'withdrawn') \
                        AND $2 = 'published' THEN state ELSE $2 END, \
                     remote_id = $3, remote_url = $4, \
                     last_error = $5, next_attempt_at = $6, published_at = $7, updated_at = $8, \
                     pin_state = $9 WHERE id = $1",
                )
                .bind(&d.id)
                .bind(d.state.as_str())
                .bind(&d.remote_id)
                .bind(&d.remote_url)
                .bind(&d.last_error)
                .bind(d.next_attempt_at)
                .bind(d.published_at)
                .bind(d.updated_at)
                .bind(&d.pin_state)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn failed_deliveries(&self, org_id: &str, limit: i64) -> StoreResult<Vec<Delivery>> {
                let rows: Vec<DeliveryRow> = sqlx::query_as(&format!(
                    "SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE org_id = $1 AND state = 'failed' \
                     ORDER BY updated_at DESC LIMIT $2"
                ))
                .bind(org_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(Delivery::try_from).collect()
            }

            async fn enqueue_job(&self, job: &Job) -> StoreResult<()> {
                insert_job(&self.pool, job).await.map_err(backend)
            }

            async fn claim_jobs(
                &self,
                worker: &str,
                now_ms: i64,
                lease_until_ms: i64,
                limit: i64,
            ) -> StoreResult<Vec<Job>> {
                let rows: Vec<JobRow> = sqlx::query_as(&format!(
                    "UPDATE jobs SET state = 'running', locked_by = $1, lease_until_ms = $3, \
                     attempts = attempts + 1 \
                     WHERE id IN (SELECT id FROM jobs WHERE (state = 'queued' AND run_at_ms <= $2) \
                        OR (state = 'running' AND lease_until_ms < $2) \
                        ORDER BY run_at_ms LIMIT $4{}) \
                     RETURNING {JOB_COLUMNS}",
                    $skip
                ))
                .bind(worker)
                .bind(now_ms)
                .bind(lease_until_ms)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                Ok(rows.into_iter().map(Job::from).collect())
            }

            async fn finish_job(
                &self,
                id: &str,
                worker: &str,
                state: &str,
                error: Option<&str>,
            ) -> StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE jobs SET state = $3, last_error = COALESCE($4, last_error), \
                     lease_until_ms = NULL WHERE id = $1 AND locked_by = $2 AND state = 'running'",
                )
                .bind(id)
                .bind(worker)
                .bind(state)
                .bind(error)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(done.rows_affected() == 1)
            }

            async fn retry_job(
                &self,
                id: &str,
                worker: &str,
                run_at_ms: i64,
                error: &str,
            ) -> StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE jobs SET state = 'queued', run_at_ms = $3, last_error = $4, \
                     locked_by = NULL, lease_until_ms = NULL \
                     WHERE id = $1 AND locked_by = $2 AND state = 'running'",
                )
                .bind(id)
                .bind(worker)
                .bind(run_at_ms)
                .bind(error)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(done.rows_affected() == 1)
            }

            async fn next_job_due(&self) -> StoreResult<Option<i64>> {
                sqlx::query_scalar(
                    "SELECT MIN(t) FROM (SELECT MIN(run_at_ms) AS t FROM jobs WHERE state = 'queued' \
                     UNION ALL SELECT MIN(lease_until_ms) AS t FROM jobs WHERE state = 'running') x",
                )
                .fetch_one(&self.pool)
                .await
                .map_err(backend)
            }

            async fn job_counts(&self) -> StoreResult<Vec<(String, i64)>> {
                sqlx::query_as("SELECT state, COUNT(*) FROM jobs GROUP BY state ORDER BY state")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(backend)
            }
        }
    };
}

pub(crate) use publish_store;
