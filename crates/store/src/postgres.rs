//! PostgreSQL, for several `carepost serve` instances sharing one database.

use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use std::time::Duration;

pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    const BACKEND: &'static str = "postgres";

    /// Connects and applies the migrations (sqlx takes an advisory lock, so instances
    /// starting together migrate once).
    pub async fn open(url: &str) -> Result<PgStore, crate::ConnectError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(PgStore { pool })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

crate::sql_store::sql_store!(PgStore, lock_row = " FOR UPDATE");
crate::publish_sql::publish_store!(
    PgStore,
    db = sqlx::Postgres,
    skip_locked = " FOR UPDATE SKIP LOCKED"
);
crate::registry_sql::registry_store!(PgStore);
crate::alert_sql::alert_store!(PgStore, skip_locked = " FOR UPDATE SKIP LOCKED");
crate::inbox_sql::inbox_store!(PgStore);
