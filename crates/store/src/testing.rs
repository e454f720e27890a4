//! Helpers for tests that need a real database: a fresh SQLite file or a fresh PostgreSQL
//! database per test, so tests never see each other's rows.

use sqlx::Connection;

/// The PostgreSQL server tests use (`CAREPOST_TEST_POSTGRES`, default the loopback server
/// `.ci/run` starts).
pub fn postgres_admin_url() -> String {
    std::env::var("CAREPOST_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

/// Creates an empty database with a unique name and returns its URL. Panics with a clear
/// message when the server is not reachable: a PostgreSQL test must not pass silently.
pub async fn fresh_postgres_url() -> String {
    let admin = postgres_admin_url();
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .unwrap_or_else(|e| {
            panic!("PostgreSQL is not reachable at {admin} ({e}); start it (see .ci/run)")
        });
    let name = format!("carepost_test_{}", uuid::Uuid::now_v7().simple());
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create test database");
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    format!("{base}/{name}")
}

/// A new SQLite database file in a temporary directory (kept alive by the returned guard).
pub fn fresh_sqlite_url() -> (String, TempDir) {
    let dir = TempDir::new();
    let url = format!("sqlite://{}/carepost.db", dir.path.display());
    (url, dir)
}

/// A temporary directory removed on drop (std only, to keep the dependency list short).
pub struct TempDir {
    path: std::path::PathBuf,
}

impl TempDir {
    fn new() -> TempDir {
        let path =
            std::env::temp_dir().join(format!("carepost-test-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir { path }
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
