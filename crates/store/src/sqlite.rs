//! The embedded default: one file, WAL journal, no server to run.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

pub struct SqliteStore {
    pool: SqlitePool,
    _checkpoints: Checkpointer,
}

/// How often the WAL is copied back into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// A checkpoint left to SQLite runs inside whichever commit crosses the threshold and
/// fsyncs there, stalling that writer (and everyone queued behind the one write lock) for
/// as long as the disk takes. Checkpoints run here instead, on their own connection, in
/// PASSIVE mode: writers carry on appending to the WAL meanwhile.
struct Checkpointer(tokio::task::JoinHandle<()>);

impl Checkpointer {
    fn start(pool: SqlitePool) -> Checkpointer {
        Checkpointer(tokio::spawn(async move {
            let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                // A failure (the database busy with a long read) is retried on the next
                // tick; SQLite's own threshold below still bounds the WAL meanwhile.
                let _ = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                    .execute(&pool)
                    .await;
            }
        }))
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.0.abort();
    }
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
            // SQLite checkpoints by itself only if the WAL passes 64 MiB (a safety net:
            // the checkpointer below normally keeps it far smaller).
            .pragma("wal_autocheckpoint", "16384")
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(SqliteStore {
            _checkpoints: Checkpointer::start(pool.clone()),
            pool,
        })
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
