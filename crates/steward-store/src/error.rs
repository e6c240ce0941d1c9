//! Errors the ledger returns, and the redaction that keeps passwords out of them.
//!
//! Every message names the store it is about (a file path, or a PostgreSQL `host:port` with
//! the password replaced by `***`) and, where the user can act, says what to check.

use std::fmt::Write as _;
use std::path::PathBuf;

/// The ledger's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong opening, writing or reading a ledger.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The store spec is neither a file path nor a `postgres://` URL, or is empty.
    #[error("invalid ledger store {spec:?}: {reason}")]
    InvalidSpec { spec: String, reason: String },

    /// The directory that should hold the SQLite file could not be created.
    #[error(
        "cannot create the ledger directory {}: {source}; check that the path is right and \
         writable, or point --store / STEWARD_STORE elsewhere",
        dir.display()
    )]
    CreateDir {
        dir: PathBuf,
        source: std::io::Error,
    },

    /// The SQLite file could not be opened or is not a steward ledger.
    #[error(
        "cannot open the SQLite ledger {}: {}; check that the file is a steward ledger and \
         that its directory is writable",
        path.display(),
        error_chain(.source)
    )]
    SqliteOpen {
        path: PathBuf,
        source: rusqlite::Error,
    },

    /// A SQLite statement failed on an open ledger.
    #[error("SQLite ledger {}: {}", path.display(), error_chain(.source))]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },

    /// The PostgreSQL URL could not be parsed or asks for something this build cannot do.
    #[error("invalid PostgreSQL URL {url}: {reason}")]
    PostgresUrl { url: String, reason: String },

    /// The PostgreSQL server could not be reached or refused the connection.
    #[error("cannot connect to PostgreSQL at {endpoint} ({url}): {reason}; {hint}")]
    PostgresConnect {
        endpoint: String,
        url: String,
        reason: String,
        hint: &'static str,
    },

    /// A PostgreSQL statement failed on an open ledger.
    #[error("PostgreSQL ledger at {endpoint}: {}{}", error_chain(.source), postgres_hint(.source))]
    Postgres {
        endpoint: String,
        source: postgres::Error,
    },

    /// The ledger was migrated by a newer steward.
    #[error(
        "the ledger {location} has schema version {found}, but this steward only knows up to \
         version {known}; upgrade steward"
    )]
    SchemaTooNew {
        location: String,
        found: i64,
        known: i64,
    },

    /// A record given to [`crate::Ledger::append`] is not acceptable.
    #[error("invalid ledger record: {0}")]
    InvalidRecord(String),

    /// A stored record cannot be decoded (it was edited by hand, or the file is damaged).
    #[error("record {seq} cannot be read: {reason}; run `steward ledger verify`")]
    Corrupt { seq: i64, reason: String },

    /// Writing an export failed.
    #[error("writing the ledger export: {0}")]
    Io(#[from] std::io::Error),
}

/// An error and its `source()` chain, joined with `: `.
///
/// Needed because `postgres::Error` displays only its kind ("db error") and keeps the server's
/// message in its source.
pub(crate) fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut out = err.to_string();
    let mut next = err.source();
    while let Some(cause) = next {
        let text = cause.to_string();
        if !out.ends_with(&text) {
            let _ = write!(out, ": {text}");
        }
        next = cause.source();
    }
    out
}

/// What to do about the PostgreSQL errors a user can fix, as a `; ...` suffix.
fn postgres_hint(err: &postgres::Error) -> &'static str {
    use postgres::error::SqlState;
    match err.code() {
        Some(code) if *code == SqlState::INSUFFICIENT_PRIVILEGE => {
            "; the role needs CREATE and USAGE on the ledger's schema to create the tables \
             (e.g. GRANT CREATE, USAGE ON SCHEMA public TO <role>), and SELECT, INSERT and \
             UPDATE on them afterwards"
        }
        Some(code) if *code == SqlState::READ_ONLY_SQL_TRANSACTION => {
            "; the server is read-only (a standby?): point --store / STEWARD_STORE at the primary"
        }
        Some(_) => "",
        None if err.is_closed() => {
            "; the connection was lost: check the server and the network, then run again"
        }
        None => "",
    }
}
