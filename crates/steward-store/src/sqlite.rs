//! The embedded backend: one SQLite file in WAL mode.
//!
//! Appends take the database write lock first (`BEGIN IMMEDIATE`) and wait for it up to
//! [`BUSY_TIMEOUT`], so writers in other threads or processes queue instead of forking the
//! chain. Reads run in a deferred transaction, which in WAL mode is a consistent snapshot.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};

use crate::error::{Error, Result};
use crate::record::{COLUMNS, Head, PreparedRecord, StoredRow};
use crate::source::{ListFilter, ListParam, RowSource, list_query};
use crate::{ChainTip, SCHEMA_VERSION};

/// How long a writer waits for another to finish before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// Schema migrations, applied in order; a version is never edited once released.
const MIGRATIONS: &[(i64, &str)] = &[(
    1,
    "CREATE TABLE ledger_records (
        seq INTEGER PRIMARY KEY,
        recorded_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        command TEXT NOT NULL,
        args TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        target TEXT NOT NULL,
        product TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        git_commit TEXT,
        critical INTEGER NOT NULL,
        high INTEGER NOT NULL,
        medium INTEGER NOT NULL,
        low INTEGER NOT NULL,
        info INTEGER NOT NULL,
        gate_passed INTEGER CHECK (gate_passed IN (0, 1)),
        report_sha256 TEXT,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
    ) STRICT;
    CREATE INDEX ledger_records_kind ON ledger_records (kind, seq);
    CREATE INDEX ledger_records_recorded_at ON ledger_records (recorded_at);
    CREATE INDEX ledger_records_prev_hash ON ledger_records (prev_hash);
    CREATE TABLE ledger_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
    ) STRICT;",
)];

/// The pause between attempts when SQLite reports a lock it will not wait for itself.
const BUSY_RETRY_PAUSE: Duration = Duration::from_millis(20);

/// Whether `err` is SQLite's "database is locked / busy" that a later attempt can get past.
fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Runs `op` until it succeeds, fails other than busy, or `deadline` passes.
fn retry_busy<T>(
    deadline: Instant,
    mut op: impl FnMut() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    loop {
        match op() {
            Err(err) if is_busy(&err) && Instant::now() < deadline => {
                std::thread::sleep(BUSY_RETRY_PAUSE);
            }
            other => return other,
        }
    }
}

pub(crate) struct SqliteBackend {
    conn: Connection,
    path: PathBuf,
}

trait SqlContext<T> {
    fn at(self, path: &Path) -> Result<T>;
}

impl<T> SqlContext<T> for rusqlite::Result<T> {
    fn at(self, path: &Path) -> Result<T> {
        self.map_err(|source| Error::Sqlite {
            path: path.to_path_buf(),
            source,
        })
    }
}

impl SqliteBackend {
    /// Opens (creating if needed) the ledger file at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteBackend> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::CreateDir {
                dir: dir.to_path_buf(),
                source,
            })?;
        }
        if path.is_dir() {
            return Err(Error::InvalidSpec {
                spec: path.display().to_string(),
                reason: "it is a directory; give the ledger file, e.g. .steward/ledger.db".into(),
            });
        }
        let open_err = |source| Error::SqliteOpen {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // WAL lets readers (list, verify, the server) run while a scan appends. It is a
        // property of the file, so this only writes the first time. Switching needs an
        // exclusive lock, and SQLite answers "locked" at once (without the busy handler)
        // when another connection is opening the same new file, so retry for a while.
        let deadline = Instant::now() + BUSY_TIMEOUT;
        retry_busy(deadline, || {
            let mode: String = conn.query_row("PRAGMA journal_mode", [], |row| row.get(0))?;
            if mode.eq_ignore_ascii_case("wal") {
                return Ok(());
            }
            conn.query_row("PRAGMA journal_mode = WAL", [], |row| {
                row.get::<_, String>(0)
            })
            .map(drop)
        })
        .map_err(open_err)?;
        let mut backend = SqliteBackend {
            conn,
            path: path.to_path_buf(),
        };
        loop {
            match backend.migrate() {
                Ok(()) => break,
                Err(Error::Sqlite { source, .. })
                    if is_busy(&source) && Instant::now() < deadline =>
                {
                    std::thread::sleep(BUSY_RETRY_PAUSE);
                }
                Err(Error::Sqlite { path, source }) => {
                    return Err(Error::SqliteOpen { path, source });
                }
                Err(other) => return Err(other),
            }
        }
        Ok(backend)
    }

    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .at(&path)?;
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                applied_at TEXT NOT NULL
            ) STRICT;",
        )
        .at(&path)?;
        let current: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                [],
                |row| row.get(0),
            )
            .at(&path)?;
        if current > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                location: path.display().to_string(),
                found: current,
                known: SCHEMA_VERSION,
            });
        }
        for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
            tx.execute_batch(sql).at(&path)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)",
                params![version, crate::record::format_timestamp(&Utc::now())],
            )
            .at(&path)?;
        }
        tx.commit().at(&path)
    }

    /// Appends `record` after the current tip, holding the write lock throughout.
    pub fn append(&mut self, record: PreparedRecord) -> Result<StoredRow> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .at(&path)?;
        let head: Option<Head> = read_head(&tx).at(&path)?;
        let last: Option<Head> = tx
            .query_row(
                "SELECT seq, hash FROM ledger_records ORDER BY seq DESC LIMIT 1",
                [],
                |row| {
                    Ok(Head {
                        seq: row.get(0)?,
                        hash: row.get(1)?,
                    })
                },
            )
            .optional()
            .at(&path)?;
        let tip = ChainTip::from_head_and_last(head, last);
        let row = record.chain(tip.next_seq()?, tip.hash, Utc::now());
        insert_row(&tx, &row).at(&path)?;
        tx.execute(
            "INSERT INTO ledger_head (id, seq, hash) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            params![row.seq, row.hash],
        )
        .at(&path)?;
        tx.commit().at(&path)?;
        Ok(row)
    }

    /// Runs `read` on one consistent snapshot.
    pub fn with_snapshot<T>(
        &mut self,
        read: impl FnOnce(&mut dyn RowSource) -> Result<T>,
    ) -> Result<T> {
        let path = self.path.clone();
        let tx = self.conn.transaction().at(&path)?;
        let result = read(&mut SqliteSource {
            conn: &tx,
            path: &path,
        })?;
        tx.commit().at(&path)?;
        Ok(result)
    }
}

fn read_head(conn: &Connection) -> rusqlite::Result<Option<Head>> {
    conn.query_row(
        "SELECT seq, hash FROM ledger_head WHERE id = 1",
        [],
        |row| {
            Ok(Head {
                seq: row.get(0)?,
                hash: row.get(1)?,
            })
        },
    )
    .optional()
}

fn insert_row(conn: &Connection, r: &StoredRow) -> rusqlite::Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO ledger_records ({COLUMNS}) VALUES \
             (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, \
             ?19, ?20, ?21)"
        ),
        params![
            r.seq,
            r.recorded_at,
            r.kind,
            r.command,
            r.args,
            r.tool_version,
            r.target,
            r.product,
            r.started_at,
            r.finished_at,
            r.git_commit,
            r.critical,
            r.high,
            r.medium,
            r.low,
            r.info,
            r.gate_passed,
            r.report_sha256,
            r.payload,
            r.prev_hash,
            r.hash,
        ],
    )?;
    Ok(())
}

fn decode(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredRow> {
    Ok(StoredRow {
        seq: row.get(0)?,
        recorded_at: row.get(1)?,
        kind: row.get(2)?,
        command: row.get(3)?,
        args: row.get(4)?,
        tool_version: row.get(5)?,
        target: row.get(6)?,
        product: row.get(7)?,
        started_at: row.get(8)?,
        finished_at: row.get(9)?,
        git_commit: row.get(10)?,
        critical: row.get(11)?,
        high: row.get(12)?,
        medium: row.get(13)?,
        low: row.get(14)?,
        info: row.get(15)?,
        gate_passed: row.get(16)?,
        report_sha256: row.get(17)?,
        payload: row.get(18)?,
        prev_hash: row.get(19)?,
        hash: row.get(20)?,
    })
}

struct SqliteSource<'a> {
    conn: &'a Connection,
    path: &'a Path,
}

impl SqliteSource<'_> {
    fn rows(&self, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Result<Vec<StoredRow>> {
        let mut stmt = self.conn.prepare_cached(sql).at(self.path)?;
        let rows = stmt.query_map(params, decode).at(self.path)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().at(self.path)
    }

    fn seq_where(&self, sql: &str, hash: &str) -> Result<Option<i64>> {
        self.conn
            .query_row(sql, [hash], |row| row.get(0))
            .optional()
            .at(self.path)
    }
}

impl RowSource for SqliteSource<'_> {
    fn rows_from(&mut self, first: i64, limit: i64) -> Result<Vec<StoredRow>> {
        self.rows(
            &format!("SELECT {COLUMNS} FROM ledger_records WHERE seq >= ?1 ORDER BY seq LIMIT ?2"),
            &[&first, &limit],
        )
    }

    fn row(&mut self, seq: i64) -> Result<Option<StoredRow>> {
        Ok(self
            .rows(
                &format!("SELECT {COLUMNS} FROM ledger_records WHERE seq = ?1"),
                &[&seq],
            )?
            .pop())
    }

    fn seq_of_hash(&mut self, hash: &str) -> Result<Option<i64>> {
        self.seq_where(
            "SELECT seq FROM ledger_records WHERE hash = ?1 LIMIT 1",
            hash,
        )
    }

    fn seq_linking_to(&mut self, hash: &str) -> Result<Option<i64>> {
        self.seq_where(
            "SELECT seq FROM ledger_records WHERE prev_hash = ?1 ORDER BY seq LIMIT 1",
            hash,
        )
    }

    fn head(&mut self) -> Result<Option<Head>> {
        read_head(self.conn).at(self.path)
    }

    fn list(&mut self, filter: &ListFilter) -> Result<Vec<StoredRow>> {
        let (sql, params, newest_first) = list_query(filter, |n| format!("?{n}"));
        let params: Vec<&dyn rusqlite::ToSql> = params
            .iter()
            .map(|p| match p {
                ListParam::Text(t) => t as &dyn rusqlite::ToSql,
                ListParam::Int(i) => i as &dyn rusqlite::ToSql,
            })
            .collect();
        let mut rows = self.rows(&sql, &params)?;
        if newest_first {
            rows.reverse();
        }
        Ok(rows)
    }
}
