//! Storage for Carepost: the domain's [`Store`] trait on SQLite (the embedded default) and
//! PostgreSQL (several instances on one database). Both run the same SQL, written once in
//! [`sql_store`]; the backend is chosen from the URL scheme.

mod alert_rows;
mod alert_sql;
mod inbox_sql;
mod postgres;
mod publish_rows;
mod publish_sql;
mod registry_rows;
mod registry_sql;
mod rows;
mod sql_store;
mod sqlite;
pub mod testing;

pub use postgres::PgStore;
pub use sqlite::SqliteStore;

use domain::Store;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("unsupported database URL '{0}': use sqlite://PATH or postgres://...")]
    Scheme(String),
    #[error("cannot open the database: {0}")]
    Open(#[from] sqlx::Error),
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Opens (creating if needed) and migrates the database at `url`.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>, ConnectError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(url).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(PgStore::open(url).await?))
    } else {
        Err(ConnectError::Scheme(url.to_string()))
    }
}

/// Hides the password of a database URL for printing.
pub fn mask_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:****{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}
