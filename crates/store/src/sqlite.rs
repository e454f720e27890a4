//! The embedded default: one file, WAL journal, no server to run.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    const BACKEND: &'static str = "sqlite";

    /// Opens `sqlite://PATH` (created when missing) and applies the migrations.
    pub async fn open(url: &str) -> Result<SqliteStore, crate::ConnectError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // WAL with NORMAL sync is durable across application crashes and only risks the
            // last transactions on power loss: the usual choice for WAL.
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(SqliteStore { pool })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

crate::sql_store::sql_store!(SqliteStore, lock_row = "");
crate::publish_sql::publish_store!(SqliteStore, db = sqlx::Sqlite, skip_locked = "");
crate::registry_sql::registry_store!(SqliteStore);
crate::alert_sql::alert_store!(SqliteStore, skip_locked = "");
crate::inbox_sql::inbox_store!(SqliteStore);
