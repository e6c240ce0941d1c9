//! Fresh stores for each test: a SQLite file in a temporary directory, or a new schema on
//! the PostgreSQL server named by `STEWARD_TEST_POSTGRES`.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use postgres::{Client, NoTls};

use super::Store;

/// A ledger file in its own temporary directory (in a not-yet-existing subdirectory, as
/// `.steward/ledger.db` is in a fresh checkout).
pub struct SqliteStore {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl SqliteStore {
    pub fn new() -> SqliteStore {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(".steward").join("ledger.db");
        SqliteStore { _dir: dir, path }
    }
}

impl Store for SqliteStore {
    fn spec(&self) -> String {
        self.path.display().to_string()
    }

    fn exec(&self, sql: &str) {
        let conn = rusqlite::Connection::open(&self.path).expect("open ledger file directly");
        conn.execute_batch(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

pub const URL_ENV: &str = "STEWARD_TEST_POSTGRES";

/// The server under test, or `None` (after a note) when none is configured outside CI.
pub fn server_url() -> Option<String> {
    match std::env::var(URL_ENV) {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_string()),
        _ => {
            if std::env::var_os("CI").is_some() {
                panic!(
                    "{URL_ENV} is not set, but CI is: CI must test the PostgreSQL ledger. Run \
                     `export {URL_ENV}=\"$(crates/steward-store/tests/start-postgres.sh | tail \
                     -n1)\"` first."
                );
            }
            eprintln!(
                "note: {URL_ENV} is not set; skipping a PostgreSQL ledger test (run \
                 crates/steward-store/tests/start-postgres.sh and export the URL it prints)"
            );
            None
        }
    }
}

pub fn connect(url: &str) -> Client {
    Client::connect(url, NoTls).unwrap_or_else(|e| panic!("connecting to the test server: {e}"))
}

pub fn with_search_path(url: &str, schema: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-c%20search_path%3D{schema}")
}

/// A fresh schema on the test server; the ledger lives there.
pub struct PgStore {
    server: String,
    schema: String,
    pub url: String,
}

impl PgStore {
    pub fn new() -> Option<PgStore> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let server = server_url()?;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let schema = format!(
            "steward_test_{}_{}_{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        connect(&server)
            .batch_execute(&format!("CREATE SCHEMA {schema}"))
            .expect("creating the test schema");
        let url = with_search_path(&server, &schema);
        Some(PgStore {
            server,
            schema,
            url,
        })
    }
}

impl PgStore {
    /// The schema this store's ledger lives in.
    pub fn schema(&self) -> &str {
        &self.schema
    }
}

impl Drop for PgStore {
    fn drop(&mut self) {
        if let Ok(mut client) = Client::connect(&self.server, NoTls) {
            let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

impl Store for PgStore {
    fn spec(&self) -> String {
        self.url.clone()
    }

    fn exec(&self, sql: &str) {
        connect(&self.url)
            .batch_execute(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
    }
}
