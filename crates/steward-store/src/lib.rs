//! steward-store: the evidence ledger, a hash-chained, append-only record of every check
//! steward runs.
//!
//! Every command that checks something appends one [`Record`]: what ran (`command`, `args`,
//! `tool_version`), on what (`target`, `product`, `git_commit`), when (`started_at`,
//! `finished_at`), what it found (`counts` by severity, `gate_passed`, the `report_sha256` of
//! the full report), and anything kind-specific in a JSON `payload`. The `kind` (`scan`,
//! `review`, `monitor`, `attest`, `sunset`, `sbom`, ...) lets later features add records
//! without schema changes. Each record's hash covers the previous record's hash, so
//! [`Ledger::verify`] can prove that nothing was removed, rewritten or reordered.
//!
//! # Usage
//!
//! ```no_run
//! use steward_store::{ExportFormat, Ledger, ListFilter, NewRecord};
//!
//! # fn main() -> Result<(), steward_store::Error> {
//! // A path opens (creating if needed) an embedded SQLite ledger; a postgres:// URL a shared one.
//! let mut ledger = Ledger::open(".steward/ledger.db")?;
//!
//! let mut record = NewRecord::new("scan", "scan", "/src/checkout");
//! record.tool_version = env!("CARGO_PKG_VERSION").into();
//! record.args = vec!["--profile".into(), "merge".into()];
//! let appended = ledger.append(record)?;
//! println!("recorded as {} ({})", appended.seq, appended.hash);
//!
//! let recent = ledger.list(&ListFilter { kind: Some("scan".into()), limit: Some(20), ..Default::default() })?;
//! let report = ledger.verify()?;
//! for problem in &report.problems {
//!     eprintln!("{problem}");
//! }
//! ledger.export(&mut std::io::stdout().lock(), ExportFormat::JsonLines)?;
//! # Ok(()) }
//! ```
//!
//! # Stores
//!
//! - **SQLite** (default, no setup): a file, conventionally [`DEFAULT_SQLITE_PATH`]; its
//!   directory is created. WAL mode; appends take the write lock with `BEGIN IMMEDIATE` and
//!   wait up to a minute for other writers. WAL needs a local filesystem: keep the file off
//!   NFS and SMB shares; a team shares PostgreSQL instead.
//! - **PostgreSQL**: a `postgres://` or `postgresql://` URL (the binary takes it from
//!   `--store` or [`STORE_ENV`]). Same tables and migrations. Appends take a
//!   transaction-scoped advisory lock keyed by the schema, so any number of CI runners can
//!   append to one database. The ledger lives in the connection's `current_schema()`; choose
//!   another schema with `?options=-c%20search_path%3Dmy_schema`. No TLS yet (`sslmode=require`
//!   is refused with an explanation). `connect_timeout` defaults to 10 seconds.
//!
//! Both stores keep a `schema_migrations` table (version numbers applied in one transaction,
//! under the same lock as appends, so two processes opening a fresh store at once is safe),
//! `ledger_records` (one row per record, `seq` the primary key, `hash` unique) and
//! `ledger_head` (one row: the `seq` and `hash` of the last record appended, updated in the
//! same transaction as the append).
//!
//! # The hash
//!
//! `hash` is the lower-case hex SHA-256 of the UTF-8 bytes of the record's *canonical
//! document*: a JSON object with no whitespace whose keys are exactly, in this (byte) order,
//!
//! ```text
//! args, command, counts, finished_at, gate_passed, git_commit, kind, payload, prev_hash,
//! product, recorded_at, report_sha256, seq, started_at, target, tool_version
//! ```
//!
//! (every field but `hash`), where
//!
//! - strings are JSON strings with minimal escaping: `"` and `\` backslash-escaped;
//!   U+0008, U+000C, U+000A, U+000D, U+0009 as `\b \f \n \r \t`; other characters below
//!   U+0020 as `\u00xx` with lower-case hex; everything else, including `/` and non-ASCII,
//!   as literal UTF-8;
//! - `seq` and the counts are decimal integers; `counts` is the object
//!   `{"critical":n,"high":n,"info":n,"low":n,"medium":n}`;
//! - `product`, `git_commit`, `report_sha256` and `gate_passed` are `null` when absent;
//!   `gate_passed` is otherwise `true` or `false`;
//! - timestamps (`recorded_at`, `started_at`, `finished_at`) are RFC 3339 in UTC with exactly
//!   six fractional digits and `Z`, e.g. `2026-11-23T02:48:49.123456Z` (steward truncates
//!   times to microseconds before storing them);
//! - `report_sha256` is lower-case hex;
//! - `args` (an array of strings) and `payload` (any JSON) are *canonical JSON*: no
//!   whitespace, object keys sorted by their UTF-8 bytes, strings escaped as above, numbers
//!   as serde_json prints them. They are stored as that text, and the hash covers the stored
//!   text verbatim, so verification never re-serializes;
//! - `prev_hash` is the `hash` of record `seq - 1`, or [`GENESIS_HASH`] (64 zeros) for
//!   record 1.
//!
//! Because `seq` and `prev_hash` are hashed, a record cannot be moved, and no record can be
//! inserted or removed in the middle, without breaking the chain. An export
//! ([`Ledger::export`]) carries every field in this form, so it can be checked independently,
//! with [`verify_records`] or any SHA-256 and JSON library.
//!
//! # What `verify` detects, and what it cannot
//!
//! [`Ledger::verify`] reads every record in `seq` order and reports, naming the record:
//! content edited (`record 7: hash does not match its content (altered)`), records removed
//! from the middle (`record 5 is missing (sequence jumps 4 -> 6)`), a broken link
//! (`record 9: previous-hash does not match record 8 (reordered or inserted)`), records
//! swapped or moved (`record 3: holds the content of record 5 (reordered)`), and rows with a
//! `seq` below 1.
//!
//! A chain alone cannot show that its *last* records were removed: what remains is still a
//! valid chain. The `ledger_head` row is what catches that (`record 10 is missing (the ledger
//! head is at record 10 but the last record is 9: removed from the end)`), as long as the
//! head row was not forged too. Likewise someone with write access who rewrites a record
//! *and* recomputes every later hash and the head leaves a valid ledger: the chain proves the
//! records are consistent with each other, not with the outside world. To anchor it, publish
//! the head (`seq` and `hash`, see [`Ledger::head`]) somewhere the writer cannot change, such
//! as CI logs, a signed attestation or a ticket, and compare later.

mod error;
mod offline;
mod postgres;
mod record;
mod source;
mod sqlite;
mod verify;

use std::io::Write;
use std::path::Path;
use std::str::FromStr;

pub use crate::error::{Error, Result};
pub use crate::offline::verify_records;
pub use crate::record::{GENESIS_HASH, Head, NewRecord, Record};
pub use crate::source::ListFilter;
pub use crate::verify::{Problem, ProblemKind, VerifyReport};
pub use steward_core::redact_url;

use crate::postgres::PgBackend;
use crate::record::PreparedRecord;
use crate::source::RowSource;
use crate::sqlite::SqliteBackend;

/// Where a project's ledger lives when no store is given, relative to the project root.
pub const DEFAULT_SQLITE_PATH: &str = ".steward/ledger.db";

/// The environment variable the binary reads the store from.
pub const STORE_ENV: &str = "STEWARD_STORE";

/// The schema version this build writes; stores at a higher version are refused.
pub const SCHEMA_VERSION: i64 = 1;

/// An open ledger, in SQLite or PostgreSQL.
///
/// Not shared between threads: open one per thread or process (connections are cheap
/// compared with a scan), or wrap it in a `Mutex`. Any number of `Ledger`s, in any number of
/// processes, may append to the same store at once.
pub struct Ledger {
    backend: Backend,
    location: String,
}

enum Backend {
    Sqlite(SqliteBackend),
    Postgres(Box<PgBackend>),
}

/// Which store a [`Ledger`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    Sqlite,
    Postgres,
}

/// The format [`Ledger::export`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportFormat {
    /// One JSON object per line (`jsonl`).
    #[default]
    JsonLines,
    /// One JSON array (`json`).
    Json,
}

impl FromStr for ExportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "jsonl" | "ndjson" => Ok(ExportFormat::JsonLines),
            "json" => Ok(ExportFormat::Json),
            other => Err(format!(
                "unknown export format {other:?}: use jsonl or json"
            )),
        }
    }
}

/// The record to chain the next append to: the further along of the head row and the last
/// stored record. Taking the head row when records were removed from the end keeps the gap
/// visible instead of silently reusing their sequence numbers.
pub(crate) struct ChainTip {
    seq: i64,
    hash: String,
}

impl ChainTip {
    fn from_head_and_last(head: Option<Head>, last: Option<Head>) -> ChainTip {
        let tip = match (head, last) {
            (Some(head), Some(last)) => Some(if last.seq > head.seq { last } else { head }),
            (head, last) => head.or(last),
        };
        match tip {
            Some(Head { seq, hash }) => ChainTip {
                seq: seq.max(0),
                hash,
            },
            None => ChainTip {
                seq: 0,
                hash: GENESIS_HASH.to_string(),
            },
        }
    }

    fn next_seq(&self) -> Result<i64> {
        self.seq
            .checked_add(1)
            .ok_or_else(|| Error::InvalidRecord("the ledger is full (seq overflow)".into()))
    }
}

fn is_postgres_url(spec: &str) -> bool {
    let lower = spec.get(..13).unwrap_or(spec).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

impl Ledger {
    /// Opens the ledger `spec` names: a `postgres://` or `postgresql://` URL, or else a
    /// SQLite file path (created, with its directory, if missing). Applies pending
    /// migrations.
    pub fn open(spec: &str) -> Result<Ledger> {
        let trimmed = spec.trim();
        if trimmed.is_empty() {
            return Err(Error::InvalidSpec {
                spec: spec.to_string(),
                reason: format!(
                    "it is empty; give a file path such as {DEFAULT_SQLITE_PATH} or a \
                     postgres:// URL"
                ),
            });
        }
        if is_postgres_url(trimmed) {
            return Ledger::open_postgres(trimmed);
        }
        if let Some((scheme, _)) = trimmed.split_once("://")
            && !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            return Err(Error::InvalidSpec {
                spec: redact_url(trimmed),
                reason: format!(
                    "{scheme}:// is not a supported store; use a file path for SQLite or a \
                     postgres:// URL"
                ),
            });
        }
        Ledger::open_sqlite(spec)
    }

    /// Opens (creating if needed) the SQLite ledger at `path`.
    pub fn open_sqlite(path: impl AsRef<Path>) -> Result<Ledger> {
        let path = path.as_ref();
        Ok(Ledger {
            backend: Backend::Sqlite(SqliteBackend::open(path)?),
            location: path.display().to_string(),
        })
    }

    /// Connects to the PostgreSQL ledger at `url`, creating its tables if needed.
    pub fn open_postgres(url: &str) -> Result<Ledger> {
        let backend = PgBackend::open(url)?;
        Ok(Ledger {
            location: backend.url().to_string(),
            backend: Backend::Postgres(Box::new(backend)),
        })
    }

    /// The file path, or the URL with its password redacted: safe to print.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Which store this is.
    pub fn store_kind(&self) -> StoreKind {
        match self.backend {
            Backend::Sqlite(_) => StoreKind::Sqlite,
            Backend::Postgres(_) => StoreKind::Postgres,
        }
    }

    /// Appends `record` at the end of the chain and returns it as stored (timestamps
    /// truncated to microseconds). Safe to call from many processes at once: appends are
    /// serialized, and each gets the next `seq`.
    pub fn append(&mut self, record: NewRecord) -> Result<Record> {
        let prepared = PreparedRecord::from_new(record)?;
        let row = match &mut self.backend {
            Backend::Sqlite(b) => b.append(prepared)?,
            Backend::Postgres(b) => b.append(prepared)?,
        };
        row.to_record()
    }

    fn read<T>(&mut self, read: impl FnOnce(&mut dyn RowSource) -> Result<T>) -> Result<T> {
        match &mut self.backend {
            Backend::Sqlite(b) => b.with_snapshot(read),
            Backend::Postgres(b) => b.with_snapshot(read),
        }
    }

    /// The records `filter` selects, oldest first. Fails with [`Error::Corrupt`] on a record
    /// that can no longer be decoded.
    pub fn list(&mut self, filter: &ListFilter) -> Result<Vec<Record>> {
        self.read(|source| source.list(filter))?
            .iter()
            .map(|row| row.to_record())
            .collect()
    }

    /// The record at `seq`, if there is one.
    pub fn get(&mut self, seq: i64) -> Result<Option<Record>> {
        self.read(|source| source.row(seq))?
            .map(|row| row.to_record())
            .transpose()
    }

    /// The last record appended (its `seq` and `hash`), or `None` for an empty ledger.
    pub fn head(&mut self) -> Result<Option<Head>> {
        self.read(|source| source.head())
    }

    /// Checks the whole chain and the head row; see the crate documentation for what it
    /// detects. An `Err` means the ledger could not be read, not that it is damaged.
    pub fn verify(&mut self) -> Result<VerifyReport> {
        self.read(verify::verify)
    }

    /// Writes every record, in `seq` order, to `out`; returns how many. Reads one snapshot,
    /// so records appended meanwhile are not included.
    pub fn export(&mut self, out: &mut dyn Write, format: ExportFormat) -> Result<u64> {
        self.read(|source| {
            let mut written = 0u64;
            let mut next = Some(1i64);
            if format == ExportFormat::Json {
                out.write_all(b"[")?;
            }
            while let Some(first) = next {
                let rows = source.rows_from(first, verify::PAGE)?;
                let Some(last) = rows.last() else { break };
                next = last.seq.checked_add(1);
                for row in rows {
                    let record = row.to_record()?;
                    if format == ExportFormat::Json {
                        out.write_all(if written == 0 { b"\n" } else { b",\n" })?;
                    }
                    serde_json::to_writer(&mut *out, &record).map_err(std::io::Error::from)?;
                    if format == ExportFormat::JsonLines {
                        out.write_all(b"\n")?;
                    }
                    written += 1;
                }
            }
            if format == ExportFormat::Json {
                out.write_all(b"\n]\n")?;
            }
            out.flush()?;
            Ok(written)
        })
    }
}

impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger")
            .field("store", &self.store_kind())
            .field("location", &self.location)
            .finish()
    }
}
