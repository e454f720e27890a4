//! The consent registry and media library SQL both backends share.

macro_rules! registry_store {
    ($store:ty) => {
        use $crate::registry_rows::{
            consent_search, document_json, ConsentRow, MediaRow, CONSENT_COLUMNS, MEDIA_COLUMNS,
        };
        use domain::consent::Consent;
        use domain::media::MediaItem;
        use domain::registry_store::RegistryStore;

        #[async_trait::async_trait]
        impl RegistryStore for $store {
            async fn create_consent(&self, c: &Consent) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO consents (id, org_id, patient_name, search, aliases, description, \
                     purpose, channels, obtained_by, signed_at, expires_at, expiry_event, document, \
                     created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                )
                .bind(&c.id)
                .bind(&c.org_id)
                .bind(&c.patient_name)
                .bind(consent_search(c))
                .bind(list_json(&c.aliases))
                .bind(&c.description)
                .bind(&c.purpose)
                .bind(list_json(&c.channels))
                .bind(&c.obtained_by)
                .bind(c.signed_at)
                .bind(c.expires_at)
                .bind(&c.expiry_event)
                .bind(document_json(&c.document))
                .bind(c.created_at)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn get_consent(&self, org_id: &str, id: &str) -> StoreResult<Option<Consent>> {
                let row: Option<ConsentRow> = sqlx::query_as(&format!(
                    "SELECT {CONSENT_COLUMNS} FROM consents WHERE org_id = $1 AND id = $2"
                ))
                .bind(org_id)
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                row.map(Consent::try_from).transpose()
            }

            async fn list_consents(
                &self,
                org_id: &str,
                patient: Option<&str>,
            ) -> StoreResult<Vec<Consent>> {
                let pattern = patient
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| format!("%{}%", p.to_lowercase().replace(['%', '_'], "")));
                let rows: Vec<ConsentRow> = sqlx::query_as(&format!(
                    "SELECT {CONSENT_COLUMNS} FROM consents WHERE org_id = $1 \
                     AND ($2 IS NULL OR search LIKE $2) ORDER BY created_at DESC LIMIT 1000"
                ))
                .bind(org_id)
                .bind(pattern)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(Consent::try_from).collect()
            }

            async fn revoke_consent(
                &self,
                org_id: &str,
                id: &str,
                by: &str,
                reason: &str,
                at: DateTime<Utc>,
            ) -> StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE consents SET revoked_at = $3, revoked_by = $4, revoke_reason = $5 \
                     WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL",
                )
                .bind(org_id)
                .bind(id)
                .bind(at)
                .bind(by)
                .bind(reason)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(done.rows_affected() == 1)
            }

            async fn posts_with_consent(
                &self,
                org_id: &str,
                consent_id: &str,
            ) -> StoreResult<Vec<Post>> {
                // Ids are UUIDs, so the quoted id matches only that id in the JSON list.
                let rows: Vec<PostRow> = sqlx::query_as(&format!(
                    "SELECT {POST_COLUMNS} FROM posts WHERE org_id = $1 AND consent_ids LIKE $2 \
                     ORDER BY calendar_ms DESC"
                ))
                .bind(org_id)
                .bind(format!("%\"{consent_id}\"%"))
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(Post::try_from).collect()
            }

            async fn create_media(&self, m: &MediaItem) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO media (id, org_id, filename, mime, size, width, height, sha256, \
                     alt_text, shows_patient, removed, file_key, uploaded_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                )
                .bind(&m.id)
                .bind(&m.org_id)
                .bind(&m.filename)
                .bind(&m.mime)
                .bind(m.size)
                .bind(m.width)
                .bind(m.height)
                .bind(&m.sha256)
                .bind(&m.alt_text)
                .bind(m.shows_patient)
                .bind(list_json(&m.removed))
                .bind(&m.file_key)
                .bind(&m.uploaded_by)
                .bind(m.created_at)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn get_media(&self, org_id: &str, id: &str) -> StoreResult<Option<MediaItem>> {
                let row: Option<MediaRow> = sqlx::query_as(&format!(
                    "SELECT {MEDIA_COLUMNS} FROM media WHERE org_id = $1 AND id = $2"
                ))
                .bind(org_id)
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
                row.map(MediaItem::try_from).transpose()
            }

            async fn list_media(&self, org_id: &str) -> StoreResult<Vec<MediaItem>> {
                let rows: Vec<MediaRow> = sqlx::query_as(&format!(
                    "SELECT {MEDIA_COLUMNS} FROM media WHERE org_id = $1 \
                     ORDER BY created_at DESC LIMIT 1000"
                ))
                .bind(org_id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(MediaItem::try_from).collect()
            }

            async fn update_media(&self, m: &MediaItem) -> StoreResult<()> {
                sqlx::query(
                    "UPDATE media SET alt_text = $3, shows_patient = $4 WHERE org_id = $1 AND id = $2",
                )
                .bind(&m.org_id)
                .bind(&m.id)
                .bind(&m.alt_text)
                .bind(m.shows_patient)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
            }

            async fn posts_with_media(&self, org_id: &str, media_id: &str) -> StoreResult<Vec<Post>> {
                let rows: Vec<PostRow> = sqlx::query_as(&format!(
                    "SELECT {POST_COLUMNS} FROM posts WHERE org_id = $1 AND media_ids LIKE $2 \
                     ORDER BY calendar_ms DESC"
                ))
                .bind(org_id)
                .bind(format!("%\"{media_id}\"%"))
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(Post::try_from).collect()
            }
        }
    };
}

pub(crate) use registry_store;
