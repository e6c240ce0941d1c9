//! The local advisory database: one SQLite file (by default in the user's cache directory)
//! indexed by ecosystem and package name, built by `steward db update` from OSV exports and
//! the other advisory formats [`import`] reads.
//!
//! Updates are atomic: the new database is written to a temporary file next to the old one
//! and renamed over it only when complete, so a failed or interrupted update leaves the
//! previous database as it was. Each source is re-imported whole and compared advisory by
//! advisory on content (a hash of the stored record), not on `modified` dates, which some
//! exports do not keep (the Go database's copy says `0001-01-01`).

pub mod fetch;
pub mod import;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::advisory::Advisory;
use crate::matching::normalize_name;

pub use import::{SourceError, SourceRead, read_source};

/// Environment variable naming the database file.
pub const DB_ENV: &str = "STEWARD_ADVISORY_DB";

const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    location TEXT PRIMARY KEY,
    formats TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    advisories INTEGER NOT NULL,
    withdrawn INTEGER NOT NULL,
    informational INTEGER NOT NULL,
    errors INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS advisories (
    rowid INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    withdrawn INTEGER NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (source, id)
);
CREATE TABLE IF NOT EXISTS packages (
    ecosystem TEXT NOT NULL,
    name TEXT NOT NULL,
    advisory INTEGER NOT NULL REFERENCES advisories (rowid) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS packages_by_name ON packages (ecosystem, name);
CREATE INDEX IF NOT EXISTS packages_by_advisory ON packages (advisory);
";

/// Errors opening, querying or updating the database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(
        "no advisory database at {}; build one with `steward db update --source PATH` \
         (an OSV all.zip export, a directory of OSV JSON, or the RustSec, RubySec or \
         FriendsOfPHP databases)",
        path.display()
    )]
    Missing { path: PathBuf },
    #[error("advisory database {}: {message}", path.display())]
    Sqlite { path: PathBuf, message: String },
    #[error(
        "advisory database {} was written by a newer steward (schema {found}, this one knows \
         {known}); upgrade steward or point --db elsewhere",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "nothing to update: give --source PATH or URL (an OSV all.zip export, a directory of \
         OSV JSON, or the RustSec, RubySec or FriendsOfPHP databases; a URL names an archive \
         on a mirror); later updates re-read the same sources"
    )]
    NoSources,
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error("{}: {message}", path.display())]
    Io { path: PathBuf, message: String },
    #[error("{url}: {message}")]
    Fetch { url: String, message: String },
}

type Result<T> = std::result::Result<T, DbError>;

/// The default database file: `$STEWARD_ADVISORY_DB`, else `steward/advisories.db` in
/// `$XDG_CACHE_HOME` or `~/.cache`.
pub fn default_path() -> PathBuf {
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from(".cache"));
    cache.join("steward").join("advisories.db")
}

/// An open, read-only advisory database.
pub struct AdvisoryDb {
    conn: Connection,
    path: PathBuf,
    cache: std::sync::Mutex<HashMap<i64, Arc<Advisory>>>,
}

/// What `db status` shows about one source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceStatus {
    pub location: String,
    pub formats: String,
    pub imported_at: String,
    pub advisories: u64,
    pub withdrawn: u64,
    pub informational: u64,
    pub errors: u64,
}

/// What `db status` shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Status {
    pub path: String,
    pub bytes: u64,
    pub sources: Vec<SourceStatus>,
    /// Advisories per ecosystem (an advisory covering two ecosystems counts in both).
    pub ecosystems: Vec<(String, u64)>,
}

/// What an update changed in one source.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SourceUpdate {
    pub location: String,
    pub formats: Vec<&'static str>,
    pub advisories: usize,
    /// Records read, before records with one id were merged into one advisory.
    pub records: usize,
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub withdrawn: usize,
    /// Files that could not be read, with the reason (the first few are kept).
    pub errors: Vec<String>,
    pub error_count: usize,
}

fn sqlite_err(path: &Path) -> impl Fn(rusqlite::Error) -> DbError + '_ {
    move |e| DbError::Sqlite {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

impl AdvisoryDb {
    /// Opens the database at `path` for lookups.
    pub fn open(path: &Path) -> Result<AdvisoryDb> {
        if !path.is_file() {
            return Err(DbError::Missing {
                path: path.to_path_buf(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sqlite_err(path))?;
        // Lookups touch pages all over the file: map it rather than copy pages through
        // SQLite's cache.
        conn.execute_batch("PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536;")
            .map_err(sqlite_err(path))?;
        check_schema(&conn, path)?;
        Ok(AdvisoryDb {
            conn,
            path: path.to_path_buf(),
            cache: Default::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every advisory naming `name` in `ecosystem` (OSV name, without a `:release` suffix),
    /// withdrawn ones included (matching skips them).
    pub fn lookup(&self, ecosystem: &str, name: &str) -> Result<Vec<Arc<Advisory>>> {
        let key = normalize_name(ecosystem, name);
        let err = sqlite_err(&self.path);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT p.advisory FROM packages p JOIN advisories a ON a.rowid = p.advisory
                 WHERE p.ecosystem = ?1 AND p.name = ?2 ORDER BY a.id",
            )
            .map_err(&err)?;
        let rowids = stmt
            .query_map(params![ecosystem, key], |row| row.get::<_, i64>(0))
            .map_err(&err)?
            .collect::<std::result::Result<Vec<i64>, _>>()
            .map_err(&err)?;
        let mut out = Vec::with_capacity(rowids.len());
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        for rowid in rowids {
            if let Some(a) = cache.get(&rowid) {
                out.push(Arc::clone(a));
                continue;
            }
            let body: String = self
                .conn
                .prepare_cached("SELECT body FROM advisories WHERE rowid = ?1")
                .and_then(|mut s| s.query_row(params![rowid], |r| r.get(0)))
                .map_err(&err)?;
            let advisory: Advisory = serde_json::from_str(&body).map_err(|e| DbError::Sqlite {
                path: self.path.clone(),
                message: format!("advisory record {rowid} is corrupt: {e}"),
            })?;
            let advisory = Arc::new(advisory);
            cache.insert(rowid, Arc::clone(&advisory));
            out.push(advisory);
        }
        Ok(out)
    }

    /// Runs `f` inside one read transaction, so many lookups share one snapshot and one
    /// lock acquisition instead of one each.
    pub fn snapshot<T>(&self, f: impl FnOnce(&AdvisoryDb) -> T) -> Result<T> {
        let err = sqlite_err(&self.path);
        self.conn.execute_batch("BEGIN").map_err(&err)?;
        let out = f(self);
        self.conn.execute_batch("COMMIT").map_err(&err)?;
        Ok(out)
    }

    /// Where the advisories came from, and how many there are.
    pub fn status(&self) -> Result<Status> {
        let err = sqlite_err(&self.path);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT location, formats, imported_at, advisories, withdrawn, informational, errors
                 FROM sources ORDER BY location",
            )
            .map_err(&err)?;
        let sources = stmt
            .query_map([], |row| {
                Ok(SourceStatus {
                    location: row.get(0)?,
                    formats: row.get(1)?,
                    imported_at: row.get(2)?,
                    advisories: row.get::<_, i64>(3)? as u64,
                    withdrawn: row.get::<_, i64>(4)? as u64,
                    informational: row.get::<_, i64>(5)? as u64,
                    errors: row.get::<_, i64>(6)? as u64,
                })
            })
            .map_err(&err)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(&err)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT ecosystem, COUNT(DISTINCT advisory) FROM packages
                 GROUP BY ecosystem ORDER BY ecosystem",
            )
            .map_err(&err)?;
        let ecosystems = stmt
            .query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64)))
            .map_err(&err)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(&err)?;
        Ok(Status {
            path: self.path.display().to_string(),
            bytes: std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0),
            sources,
            ecosystems,
        })
    }
}

fn check_schema(conn: &Connection, path: &Path) -> Result<()> {
    let found: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
            r.get(0)
        })
        .optional()
        .map_err(|e| DbError::Sqlite {
            path: path.to_path_buf(),
            message: format!("not a steward advisory database ({e})"),
        })?;
    let found: i64 = found.and_then(|v| v.parse().ok()).unwrap_or(0);
    if found > SCHEMA_VERSION {
        return Err(DbError::TooNew {
            path: path.to_path_buf(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// The sources the database at `path` was last built from (to update them again).
pub fn recorded_sources(path: &Path) -> Result<Vec<PathBuf>> {
    let db = AdvisoryDb::open(path)?;
    Ok(db
        .status()?
        .sources
        .into_iter()
        .map(|s| PathBuf::from(s.location))
        .collect())
}

/// Imports `sources` into the database at `db_path` (creating it), replacing what each
/// source held before; with no sources, re-imports the ones recorded in the database.
/// Atomic: the database at `db_path` is either the old one or the complete new one.
pub fn update(db_path: &Path, sources: &[PathBuf]) -> Result<Vec<SourceUpdate>> {
    let sources: Vec<PathBuf> = if sources.is_empty() {
        if !db_path.is_file() {
            return Err(DbError::NoSources);
        }
        recorded_sources(db_path)?
    } else {
        sources
            .iter()
            .map(|s| {
                if fetch::is_url(s) {
                    return s.clone();
                }
                s.canonicalize()
                    .or_else(|_| std::path::absolute(s))
                    .unwrap_or_else(|_| s.clone())
            })
            .collect()
    };
    if sources.is_empty() {
        return Err(DbError::NoSources);
    }
    let io = |path: &Path, e: std::io::Error| DbError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let dir = db_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    // Read every source before touching anything: a bad source fails the update early.
    // URL sources are fetched first, into a directory removed when the update ends.
    let downloads = tempfile::Builder::new()
        .prefix(".advisory-sources-")
        .tempdir_in(dir)
        .map_err(|e| io(dir, e))?;
    let mut reads = Vec::new();
    for s in &sources {
        let read = if fetch::is_url(s) {
            let local = fetch::download(&s.to_string_lossy(), downloads.path())?;
            read_source(&local).map_err(|e| DbError::Fetch {
                url: s.display().to_string(),
                message: e.to_string(),
            })?
        } else {
            read_source(s)?
        };
        reads.push((s, read));
    }

    let tmp = tempfile::Builder::new()
        .prefix(".advisories-")
        .suffix(".db.tmp")
        .tempfile_in(dir)
        .map_err(|e| io(dir, e))?;
    if db_path.is_file() {
        std::fs::copy(db_path, tmp.path()).map_err(|e| io(db_path, e))?;
    }
    let mut results = Vec::new();
    {
        let mut conn = Connection::open(tmp.path()).map_err(sqlite_err(db_path))?;
        let err = sqlite_err(db_path);
        conn.execute_batch(
            "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;",
        )
        .map_err(&err)?;
        conn.execute_batch(SCHEMA).map_err(&err)?;
        check_schema(&conn, db_path)?;
        let tx = conn.transaction().map_err(&err)?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('schema', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![SCHEMA_VERSION.to_string()],
        )
        .map_err(&err)?;
        for (location, read) in reads {
            results.push(import_source(&tx, db_path, location, read)?);
        }
        tx.commit().map_err(&err)?;
        conn.execute_batch("VACUUM").map_err(&err)?;
    }
    let file = tmp.as_file();
    file.sync_all().map_err(|e| io(tmp.path(), e))?;
    tmp.persist(db_path).map_err(|e| io(db_path, e.error))?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(results)
}

fn import_source(
    tx: &rusqlite::Transaction<'_>,
    db_path: &Path,
    location: &Path,
    read: SourceRead,
) -> Result<SourceUpdate> {
    let err = sqlite_err(db_path);
    let loc = location.display().to_string();
    let mut old: HashMap<String, String> = HashMap::new();
    {
        let mut stmt = tx
            .prepare("SELECT id, content_hash FROM advisories WHERE source = ?1")
            .map_err(&err)?;
        let rows = stmt
            .query_map(params![loc], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(&err)?;
        for row in rows {
            let (id, hash) = row.map_err(&err)?;
            old.insert(id, hash);
        }
    }
    tx.execute(
        "DELETE FROM packages WHERE advisory IN (SELECT rowid FROM advisories WHERE source = ?1)",
        params![loc],
    )
    .map_err(&err)?;
    tx.execute("DELETE FROM advisories WHERE source = ?1", params![loc])
        .map_err(&err)?;

    let mut update = SourceUpdate {
        location: loc.clone(),
        formats: read.formats.clone(),
        error_count: read.errors.len(),
        records: read.records,
        errors: read.errors.iter().take(10).map(|e| e.to_string()).collect(),
        ..Default::default()
    };
    let mut informational = 0usize;
    let mut insert_adv = tx
        .prepare(
            "INSERT INTO advisories (source, id, content_hash, withdrawn, body)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(&err)?;
    let mut insert_pkg = tx
        .prepare("INSERT INTO packages (ecosystem, name, advisory) VALUES (?1, ?2, ?3)")
        .map_err(&err)?;
    for advisory in read.advisories {
        let body = serde_json::to_string(&advisory).map_err(|e| DbError::Sqlite {
            path: db_path.to_path_buf(),
            message: format!("{}: {e}", advisory.id),
        })?;
        let hash = hex::encode(Sha256::digest(body.as_bytes()));
        match old.remove(&advisory.id) {
            None => update.added += 1,
            Some(h) if h != hash => update.changed += 1,
            Some(_) => {}
        }
        if advisory.withdrawn.is_some() {
            update.withdrawn += 1;
        }
        if advisory.informational().is_some() {
            informational += 1;
        }
        insert_adv
            .execute(params![
                loc,
                advisory.id,
                hash,
                advisory.withdrawn.is_some(),
                body
            ])
            .map_err(&err)?;
        let rowid = tx.last_insert_rowid();
        let mut keys: Vec<(String, String)> = advisory
            .affected
            .iter()
            .map(|a| {
                let eco = a
                    .ecosystem
                    .split(':')
                    .next()
                    .unwrap_or(&a.ecosystem)
                    .to_string();
                let name = normalize_name(&eco, &a.name);
                (eco, name)
            })
            .collect();
        keys.sort();
        keys.dedup();
        for (eco, name) in keys {
            insert_pkg
                .execute(params![eco, name, rowid])
                .map_err(&err)?;
        }
        update.advisories += 1;
    }
    update.removed = old.len();
    tx.execute(
        "INSERT INTO sources (location, formats, imported_at, advisories, withdrawn, informational, errors)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (location) DO UPDATE SET formats = excluded.formats,
           imported_at = excluded.imported_at, advisories = excluded.advisories,
           withdrawn = excluded.withdrawn, informational = excluded.informational,
           errors = excluded.errors",
        params![
            loc,
            update.formats.join(", "),
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            update.advisories as i64,
            update.withdrawn as i64,
            informational as i64,
            update.error_count as i64
        ],
    )
    .map_err(&err)?;
    Ok(update)
}
