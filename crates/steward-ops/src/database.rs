//! Reading a PostgreSQL database's tables for `steward dlp postgres://…`: which tables and
//! columns there are, and their values as text, a batch of rows at a time through a
//! server-side cursor so a table of any size is read in bounded memory.
//!
//! The target URL is a libpq-style `postgres://user:password@host:port/db` with two
//! steward parameters that are removed before connecting: `table=NAME` (or
//! `schema.NAME`; repeatable, default every table of every non-system schema) and
//! `sample=N` (read at most N rows of each table).

use std::time::Duration;

pub use postgres::Client;
use postgres::{NoTls, SimpleQueryMessage};

/// How long to wait for the server to accept a connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Rows fetched per round trip.
pub const BATCH_ROWS: usize = 5_000;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{0}")]
    Target(String),
    #[error("cannot connect to {target}: {message}")]
    Connect { target: String, message: String },
    #[error("{target}: {message}")]
    Query { target: String, message: String },
}

/// A parsed `postgres://` DLP target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The connection URL without steward's parameters (it may hold a password: never show
    /// it; use [`Target::shown`]).
    pub connect_url: String,
    /// `postgres://[user@]host:port/db`: no password, no parameters. What reports show
    /// and what findings' locations start with.
    pub shown: String,
    /// Tables asked for, as written (`t` or `schema.t`); empty: all.
    pub tables: Vec<String>,
    /// Rows to read per table at most; `None`: all.
    pub sample: Option<u64>,
}

/// A table and its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub schema: String,
    pub name: String,
    pub columns: Vec<String>,
}

impl Table {
    /// `schema.name`, quoted where needed for SQL.
    fn sql_name(&self) -> String {
        format!("{}.{}", quote_ident(&self.schema), quote_ident(&self.name))
    }
}

fn quote_ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Whether `target` names a database steward can read (`postgres://`, `postgresql://`).
pub fn is_database_url(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

impl Target {
    pub fn parse(url: &str) -> Result<Target, DbError> {
        let bad = |why: &str| {
            DbError::Target(format!(
                "{}: {why}; expected postgres://user:password@host:port/database?table=name",
                steward_core::redact_url(url)
            ))
        };
        if !is_database_url(url) {
            return Err(bad("not a postgres:// URL"));
        }
        let (scheme, rest) = url.split_once("://").ok_or_else(|| bad("no scheme"))?;
        let (before_query, query) = match rest.split_once('?') {
            Some((b, q)) => (b, Some(q)),
            None => (rest, None),
        };
        let (authority, path) = match before_query.split_once('/') {
            Some((a, p)) => (a, p),
            None => (before_query, ""),
        };
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        if hostport.is_empty() {
            return Err(bad("no host"));
        }
        if path.is_empty() {
            return Err(bad("no database name"));
        }
        let mut tables = Vec::new();
        let mut sample = None;
        let mut kept = Vec::new();
        for param in query.into_iter().flat_map(|q| q.split('&')) {
            if param.is_empty() {
                continue;
            }
            let (key, value) = param.split_once('=').unwrap_or((param, ""));
            match key {
                "table" => {
                    if value.is_empty() {
                        return Err(bad("`table=` needs a table name"));
                    }
                    tables.push(value.to_string());
                }
                "sample" => {
                    let n: u64 = value
                        .parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| bad("`sample=` needs a number of rows, at least 1"))?;
                    sample = Some(n);
                }
                _ => kept.push(param),
            }
        }
        let user = userinfo.map(|u| u.split(':').next().unwrap_or(""));
        let host = if hostport.contains(':') && !hostport.ends_with(']') {
            hostport.to_string()
        } else {
            format!("{hostport}:5432")
        };
        let shown = match user {
            Some(u) if !u.is_empty() => format!("postgres://{u}@{host}/{path}"),
            _ => format!("postgres://{host}/{path}"),
        };
        let mut connect_url = format!("{scheme}://{before_query}");
        if !kept.is_empty() {
            connect_url.push('?');
            connect_url.push_str(&kept.join("&"));
        }
        Ok(Target {
            connect_url,
            shown,
            tables,
            sample,
        })
    }

    /// Connect, read-only where the server honours it.
    pub fn connect(&self) -> Result<Client, DbError> {
        let mut config: postgres::Config =
            self.connect_url
                .parse()
                .map_err(|e: postgres::Error| DbError::Connect {
                    target: self.shown.clone(),
                    message: format!("bad connection URL: {e}"),
                })?;
        config
            .connect_timeout(CONNECT_TIMEOUT)
            .application_name("steward-dlp");
        let mut client = config.connect(NoTls).map_err(|e| DbError::Connect {
            target: self.shown.clone(),
            message: steward_core::redact_url(&error_text(&e)),
        })?;
        client
            .batch_execute("SET default_transaction_read_only = on")
            .map_err(|e| self.query_error(&e))?;
        Ok(client)
    }

    fn query_error(&self, e: &postgres::Error) -> DbError {
        DbError::Query {
            target: self.shown.clone(),
            message: error_text(e),
        }
    }

    /// The tables to read with their columns, in schema, table order. A table asked for
    /// that does not exist is an error naming it.
    pub fn tables(&self, client: &mut Client) -> Result<Vec<Table>, DbError> {
        let sql = "SELECT c.table_schema, c.table_name, c.column_name \
             FROM information_schema.columns c \
             JOIN information_schema.tables t \
               ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
             WHERE t.table_type IN ('BASE TABLE', 'VIEW') \
               AND c.table_schema NOT IN ('pg_catalog', 'information_schema') \
               AND c.table_schema NOT LIKE 'pg\\_toast%' \
             ORDER BY c.table_schema, c.table_name, c.ordinal_position";
        let rows = client.simple_query(sql).map_err(|e| self.query_error(&e))?;
        let mut all: Vec<Table> = Vec::new();
        for msg in rows {
            let SimpleQueryMessage::Row(row) = msg else {
                continue;
            };
            let (Some(schema), Some(table), Some(column)) = (row.get(0), row.get(1), row.get(2))
            else {
                continue;
            };
            match all.last_mut() {
                Some(t) if t.schema == schema && t.name == table => t.columns.push(column.into()),
                _ => all.push(Table {
                    schema: schema.into(),
                    name: table.into(),
                    columns: vec![column.into()],
                }),
            }
        }
        if self.tables.is_empty() {
            return Ok(all);
        }
        let mut chosen = Vec::new();
        for wanted in &self.tables {
            let matches: Vec<&Table> = all
                .iter()
                .filter(|t| match wanted.split_once('.') {
                    Some((s, n)) => t.schema == s && t.name == n,
                    None => t.name == *wanted,
                })
                .collect();
            match matches.as_slice() {
                [] => {
                    return Err(DbError::Query {
                        target: self.shown.clone(),
                        message: format!(
                            "no table `{wanted}` (tables: {})",
                            names(&all).unwrap_or_else(|| "none".into())
                        ),
                    });
                }
                [one] => {
                    if !chosen.contains(*one) {
                        chosen.push((*one).clone());
                    }
                }
                many => {
                    return Err(DbError::Query {
                        target: self.shown.clone(),
                        message: format!(
                            "`{wanted}` is in several schemas ({}); write schema.table",
                            many.iter()
                                .map(|t| t.schema.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    });
                }
            }
        }
        Ok(chosen)
    }

    /// Read `table`'s rows as text (NULL as `None`), `BATCH_ROWS` at a time, calling
    /// `visit` with each batch; at most `self.sample` rows. Returns the rows read.
    pub fn read(
        &self,
        client: &mut Client,
        table: &Table,
        mut visit: impl FnMut(&[Vec<Option<String>>]),
    ) -> Result<u64, DbError> {
        let columns: Vec<String> = table
            .columns
            .iter()
            .map(|c| format!("{}::text", quote_ident(c)))
            .collect();
        let limit = self
            .sample
            .map(|n| format!(" LIMIT {n}"))
            .unwrap_or_default();
        let mut tx = client.transaction().map_err(|e| self.query_error(&e))?;
        tx.batch_execute(&format!(
            "DECLARE steward_dlp NO SCROLL CURSOR FOR SELECT {} FROM {}{limit}",
            columns.join(", "),
            table.sql_name()
        ))
        .map_err(|e| self.query_error(&e))?;
        let mut total = 0u64;
        loop {
            let messages = tx
                .simple_query(&format!("FETCH {BATCH_ROWS} FROM steward_dlp"))
                .map_err(|e| self.query_error(&e))?;
            let batch: Vec<Vec<Option<String>>> = messages
                .iter()
                .filter_map(|m| match m {
                    SimpleQueryMessage::Row(row) => Some(
                        (0..row.len())
                            .map(|i| row.get(i).map(str::to_string))
                            .collect(),
                    ),
                    _ => None,
                })
                .collect();
            if batch.is_empty() {
                break;
            }
            total += batch.len() as u64;
            visit(&batch);
            if batch.len() < BATCH_ROWS {
                break;
            }
        }
        tx.commit().map_err(|e| self.query_error(&e))?;
        Ok(total)
    }
}

fn names(tables: &[Table]) -> Option<String> {
    if tables.is_empty() {
        return None;
    }
    let mut v: Vec<String> = tables
        .iter()
        .take(10)
        .map(|t| format!("{}.{}", t.schema, t.name))
        .collect();
    if tables.len() > 10 {
        v.push(format!("and {} more", tables.len() - 10));
    }
    Some(v.join(", "))
}

/// The server's message (and its detail) rather than the client's generic wrapper.
fn error_text(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(d) => format!("{} ({d})", db.message()),
            None => db.message().to_string(),
        },
        None => {
            let mut s = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(inner) = source {
                s.push_str(": ");
                s.push_str(&inner.to_string());
                source = inner.source();
            }
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_and_never_show_the_password() {
        let t = Target::parse(
            "postgres://app:pw@db.internal/shop?table=orders&sslmode=disable&sample=100",
        )
        .unwrap();
        assert_eq!(t.shown, "postgres://app@db.internal:5432/shop");
        assert_eq!(
            t.connect_url,
            "postgres://app:pw@db.internal/shop?sslmode=disable"
        );
        assert_eq!(t.tables, ["orders"]);
        assert_eq!(t.sample, Some(100));
        let t = Target::parse("postgresql://db:6543/x").unwrap();
        assert_eq!(t.shown, "postgres://db:6543/x");
        assert!(t.tables.is_empty() && t.sample.is_none());
    }

    #[test]
    fn bad_targets_say_what_to_fix_without_the_password() {
        for (url, want) in [
            ("postgres://u:{pw}@db", "no database name"),
            ("postgres://u:{pw}@/x", "no host"),
            ("postgres://u:{pw}@db/x?sample=0", "sample"),
            ("postgres://u:{pw}@db/x?table=", "table"),
            ("mysql://u:{pw}@db/x", "not a postgres"),
        ] {
            // The password is put in at run time: the literal URLs would be reported by
            // steward's own secrets scan of this tree.
            let url = &url.replace("{pw}", "secretpw");
            let e = Target::parse(url).unwrap_err().to_string();
            assert!(e.contains(want), "{url}: {e}");
            assert!(!e.contains("secretpw"), "{e}");
        }
    }
}
