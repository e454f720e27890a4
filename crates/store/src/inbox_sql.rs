//! The inbox SQL both backends share.

macro_rules! inbox_store {
    ($store:ty) => {
        use domain::inbox::{InboxFilter, InboxItem};
        use domain::inbox_store::InboxStore;

        const INBOX_COLUMNS: &str = "id, org_id, channel_id, remote_id, parent_remote_id, kind, \
            author_name, text, raw_sealed, labels, state, assigned_to, suggested_reply, received_at, \
            first_response_at, resolved_at";

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
                })
            }
        }

        #[async_trait::async_trait]
        impl InboxStore for $store {
            async fn insert_inbox_item(&self, i: &InboxItem) -> StoreResult<bool> {
                let done = sqlx::query(
                    "INSERT INTO inbox_items (id, org_id, channel_id, remote_id, parent_remote_id, kind, \
                     author_name, text, raw_sealed, labels, state, assigned_to, suggested_reply, \
                     received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
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
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(done.rows_affected() == 1)
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
                     AND ($4 IS NULL OR channel_id = $4) ORDER BY received_at DESC, id DESC LIMIT $5"
                ))
                .bind(org_id)
                .bind(f.label.as_ref().map(|l| format!("%\"{}\"%", l.replace(['%', '"'], ""))))
                .bind(f.state.as_deref())
                .bind(f.channel_id.as_deref())
                .bind(f.limit)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                rows.into_iter().map(InboxItem::try_from).collect()
            }

            async fn update_inbox_item(&self, i: &InboxItem) -> StoreResult<()> {
                sqlx::query(
                    "UPDATE inbox_items SET state = $3, assigned_to = $4, first_response_at = $5, \
                     resolved_at = $6 WHERE org_id = $1 AND id = $2",
                )
                .bind(&i.org_id)
                .bind(&i.id)
                .bind(&i.state)
                .bind(&i.assigned_to)
                .bind(i.first_response_at)
                .bind(i.resolved_at)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
                Ok(())
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
