//! The team backend: one PostgreSQL database shared by many writers.
//!
//! Appends and migrations run in a transaction that first takes a transaction-scoped advisory
//! lock (keyed by the schema the ledger lives in), so concurrent writers on any number of
//! machines queue; `seq` is the primary key as the last line of defence. Reads run in a
//! `REPEATABLE READ` read-only transaction, a consistent snapshot.

use std::str::FromStr;
use std::time::Duration;

use chrono::Utc;
use postgres::config::{Host, SslMode};
use postgres::error::SqlState;
use postgres::types::ToSql;
use postgres::{Client, Config, GenericClient, IsolationLevel, NoTls, Row};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result, error_chain};
use crate::record::{COLUMNS, Head, PreparedRecord, StoredRow, format_timestamp};
use crate::source::{ListFilter, ListParam, RowSource, list_query};
use crate::{ChainTip, SCHEMA_VERSION};
use steward_core::redact_url;

/// Used when the URL sets no `connect_timeout`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Schema migrations, applied in order; a version is never edited once released.
const MIGRATIONS: &[(i64, &str)] = &[(
    1,
    "CREATE TABLE ledger_records (
        seq BIGINT PRIMARY KEY,
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
        critical BIGINT NOT NULL,
        high BIGINT NOT NULL,
        medium BIGINT NOT NULL,
        low BIGINT NOT NULL,
        info BIGINT NOT NULL,
        gate_passed BOOLEAN,
        report_sha256 TEXT,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
    );
    CREATE INDEX ledger_records_kind ON ledger_records (kind, seq);
    CREATE INDEX ledger_records_recorded_at ON ledger_records (recorded_at);
    CREATE INDEX ledger_records_prev_hash ON ledger_records (prev_hash);
    CREATE TABLE ledger_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq BIGINT NOT NULL,
        hash TEXT NOT NULL
    );",
)];

pub(crate) struct PgBackend {
    client: Client,
    endpoint: String,
    url: String,
    lock_key: i64,
}

/// `host:port` for every host in `config`, for messages.
fn endpoint(config: &Config) -> String {
    let ports = config.get_ports();
    let hosts = config.get_hosts();
    if hosts.is_empty() {
        return format!("localhost:{}", ports.first().copied().unwrap_or(5432));
    }
    hosts
        .iter()
        .enumerate()
        .map(|(i, host)| {
            let port = ports
                .get(i)
                .or_else(|| ports.first())
                .copied()
                .unwrap_or(5432);
            match host {
                Host::Tcp(name) if name.contains(':') => format!("[{name}]:{port}"),
                Host::Tcp(name) => format!("{name}:{port}"),
                Host::Unix(dir) => format!("{}/.s.PGSQL.{port}", dir.display()),
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

impl PgBackend {
    /// Connects to `url`, checks where the ledger lives and brings its schema up to date.
    pub fn open(url: &str) -> Result<PgBackend> {
        let redacted = redact_url(url);
        let mut config = Config::from_str(url).map_err(|e| Error::PostgresUrl {
            url: redacted.clone(),
            reason: error_chain(&e),
        })?;
        if matches!(config.get_ssl_mode(), SslMode::Require) {
            return Err(Error::PostgresUrl {
                url: redacted,
                reason: "sslmode=require is not supported yet: this build connects without \
                         TLS; use sslmode=prefer or disable on a trusted network, or a local \
                         TLS tunnel"
                    .into(),
            });
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("steward");
        }
        let endpoint = endpoint(&config);
        let mut client = config.connect(NoTls).map_err(|e| {
            let hint = match e.code() {
                Some(code)
                    if *code == SqlState::INVALID_PASSWORD
                        || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION =>
                {
                    "check the user name and password in the URL, and pg_hba.conf"
                }
                Some(code) if *code == SqlState::INVALID_CATALOG_NAME => {
                    "create the database (createdb) or fix its name in the URL"
                }
                Some(_) => "check the URL and the server's log",
                None => {
                    "check that PostgreSQL is running and accepts TCP connections on that host \
                     and port (listen_addresses, pg_hba.conf, firewalls), and that --store / \
                     STEWARD_STORE is right"
                }
            };
            Error::PostgresConnect {
                endpoint: endpoint.clone(),
                url: redacted.clone(),
                reason: error_chain(&e),
                hint,
            }
        })?;
        let schema: Option<String> = client
            .query_one("SELECT current_schema()", &[])
            .and_then(|row| row.try_get(0))
            .map_err(|source| Error::Postgres {
                endpoint: endpoint.clone(),
                source,
            })?;
        let Some(schema) = schema else {
            return Err(Error::PostgresUrl {
                url: redacted,
                reason: "no schema to create the ledger in: the search_path names no schema \
                         that exists and this role may use; create it, grant the role USAGE and \
                         CREATE on it, or fix `options=-c search_path=...`"
                    .into(),
            });
        };
        // One lock per schema, so ledgers in different schemas of one database do not queue
        // behind each other.
        let digest = Sha256::digest(format!("steward-ledger:{schema}").as_bytes());
        let mut key = [0u8; 8];
        key.copy_from_slice(&digest[..8]);
        let mut backend = PgBackend {
            client,
            endpoint,
            url: redacted,
            lock_key: i64::from_be_bytes(key),
        };
        backend.migrate()?;
        Ok(backend)
    }

    fn migrate(&mut self) -> Result<()> {
        let endpoint = self.endpoint.clone();
        let err = |source| Error::Postgres {
            endpoint: endpoint.clone(),
            source,
        };
        let mut tx = self.client.transaction().map_err(err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&self.lock_key])
            .map_err(err)?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY,
                applied_at TEXT NOT NULL
            )",
        )
        .map_err(err)?;
        let current: i64 = tx
            .query_one(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                &[],
            )
            .and_then(|row| row.try_get(0))
            .map_err(err)?;
        if current > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                location: self.url.clone(),
                found: current,
                known: SCHEMA_VERSION,
            });
        }
        for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
            tx.batch_execute(sql).map_err(err)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                &[version, &format_timestamp(&Utc::now())],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)
    }

    /// Appends `record` after the current tip, holding the ledger's advisory lock throughout.
    pub fn append(&mut self, record: PreparedRecord) -> Result<StoredRow> {
        let endpoint = self.endpoint.clone();
        let err = |source| Error::Postgres {
            endpoint: endpoint.clone(),
            source,
        };
        let mut tx = self.client.transaction().map_err(err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&self.lock_key])
            .map_err(err)?;
        let head = read_head(&mut tx).map_err(err)?;
        let last = tx
            .query_opt(
                "SELECT seq, hash FROM ledger_records ORDER BY seq DESC LIMIT 1",
                &[],
            )
            .and_then(|row| {
                row.map(|row| {
                    Ok(Head {
                        seq: row.try_get(0)?,
                        hash: row.try_get(1)?,
                    })
                })
                .transpose()
            })
            .map_err(err)?;
        let tip = ChainTip::from_head_and_last(head, last);
        let row = record.chain(tip.next_seq()?, tip.hash, Utc::now());
        insert_row(&mut tx, &row).map_err(err)?;
        tx.execute(
            "INSERT INTO ledger_head (id, seq, hash) VALUES (1, $1, $2)
             ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash",
            &[&row.seq, &row.hash],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(row)
    }

    /// Runs `read` on one consistent snapshot.
    pub fn with_snapshot<T>(
        &mut self,
        read: impl FnOnce(&mut dyn RowSource) -> Result<T>,
    ) -> Result<T> {
        let endpoint = self.endpoint.clone();
        let err = |source| Error::Postgres {
            endpoint: endpoint.clone(),
            source,
        };
        let tx = self
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(err)?;
        let mut source = PgSource {
            tx,
            endpoint: &endpoint,
        };
        let result = read(&mut source)?;
        source.tx.commit().map_err(err)?;
        Ok(result)
    }

    /// The redacted URL, for messages.
    pub fn url(&self) -> &str {
        &self.url
    }
}

fn read_head(client: &mut impl GenericClient) -> Result<Option<Head>, postgres::Error> {
    client
        .query_opt("SELECT seq, hash FROM ledger_head WHERE id = 1", &[])?
        .map(|row| {
            Ok(Head {
                seq: row.try_get(0)?,
                hash: row.try_get(1)?,
            })
        })
        .transpose()
}

fn insert_row(client: &mut impl GenericClient, r: &StoredRow) -> Result<(), postgres::Error> {
    client.execute(
        &format!(
            "INSERT INTO ledger_records ({COLUMNS}) VALUES \
             ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
             $19, $20, $21)"
        ),
        &[
            &r.seq,
            &r.recorded_at,
            &r.kind,
            &r.command,
            &r.args,
            &r.tool_version,
            &r.target,
            &r.product,
            &r.started_at,
            &r.finished_at,
            &r.git_commit,
            &r.critical,
            &r.high,
            &r.medium,
            &r.low,
            &r.info,
            &r.gate_passed,
            &r.report_sha256,
            &r.payload,
            &r.prev_hash,
            &r.hash,
        ],
    )?;
    Ok(())
}

fn decode(row: &Row) -> Result<StoredRow, postgres::Error> {
    Ok(StoredRow {
        seq: row.try_get(0)?,
        recorded_at: row.try_get(1)?,
        kind: row.try_get(2)?,
        command: row.try_get(3)?,
        args: row.try_get(4)?,
        tool_version: row.try_get(5)?,
        target: row.try_get(6)?,
        product: row.try_get(7)?,
        started_at: row.try_get(8)?,
        finished_at: row.try_get(9)?,
        git_commit: row.try_get(10)?,
        critical: row.try_get(11)?,
        high: row.try_get(12)?,
        medium: row.try_get(13)?,
        low: row.try_get(14)?,
        info: row.try_get(15)?,
        gate_passed: row.try_get(16)?,
        report_sha256: row.try_get(17)?,
        payload: row.try_get(18)?,
        prev_hash: row.try_get(19)?,
        hash: row.try_get(20)?,
    })
}

struct PgSource<'a> {
    tx: postgres::Transaction<'a>,
    endpoint: &'a str,
}

impl PgSource<'_> {
    fn fail(&self, source: postgres::Error) -> Error {
        Error::Postgres {
            endpoint: self.endpoint.to_string(),
            source,
        }
    }

    fn rows(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<StoredRow>> {
        let rows = match self.tx.query(sql, params) {
            Ok(rows) => rows,
            Err(e) => return Err(self.fail(e)),
        };
        rows.iter()
            .map(decode)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(e))
    }

    fn seq_where(&mut self, sql: &str, hash: &str) -> Result<Option<i64>> {
        match self.tx.query_opt(sql, &[&hash]) {
            Ok(Some(row)) => row.try_get(0).map(Some).map_err(|e| self.fail(e)),
            Ok(None) => Ok(None),
            Err(e) => Err(self.fail(e)),
        }
    }
}

impl RowSource for PgSource<'_> {
    fn rows_from(&mut self, first: i64, limit: i64) -> Result<Vec<StoredRow>> {
        self.rows(
            &format!("SELECT {COLUMNS} FROM ledger_records WHERE seq >= $1 ORDER BY seq LIMIT $2"),
            &[&first, &limit],
        )
    }

    fn row(&mut self, seq: i64) -> Result<Option<StoredRow>> {
        Ok(self
            .rows(
                &format!("SELECT {COLUMNS} FROM ledger_records WHERE seq = $1"),
                &[&seq],
            )?
            .pop())
    }

    fn seq_of_hash(&mut self, hash: &str) -> Result<Option<i64>> {
        self.seq_where(
            "SELECT seq FROM ledger_records WHERE hash = $1 LIMIT 1",
            hash,
        )
    }

    fn seq_linking_to(&mut self, hash: &str) -> Result<Option<i64>> {
        self.seq_where(
            "SELECT seq FROM ledger_records WHERE prev_hash = $1 ORDER BY seq LIMIT 1",
            hash,
        )
    }

    fn head(&mut self) -> Result<Option<Head>> {
        read_head(&mut self.tx).map_err(|e| self.fail(e))
    }

    fn list(&mut self, filter: &ListFilter) -> Result<Vec<StoredRow>> {
        let (sql, params, newest_first) = list_query(filter, |n| format!("${n}"));
        let params: Vec<&(dyn ToSql + Sync)> = params
            .iter()
            .map(|p| match p {
                ListParam::Text(t) => t as &(dyn ToSql + Sync),
                ListParam::Int(i) => i as &(dyn ToSql + Sync),
            })
            .collect();
        let mut rows = self.rows(&sql, &params)?;
        if newest_first {
            rows.reverse();
        }
        Ok(rows)
    }
}
