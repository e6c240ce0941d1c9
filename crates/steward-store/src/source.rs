//! The read interface both backends implement, and the list query they share.

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::record::{COLUMNS, Head, StoredRow, format_timestamp};

/// Which records [`crate::Ledger::list`] returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// Only records of this kind (`scan`, `monitor`, ...).
    pub kind: Option<String>,
    /// Only records about this product.
    pub product: Option<String>,
    /// Only records appended at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// At most this many: the newest ones. Records are always returned oldest first.
    pub limit: Option<usize>,
}

/// Reads of one consistent snapshot of the ledger.
pub(crate) trait RowSource {
    /// Up to `limit` rows with `seq >= first`, in `seq` order.
    fn rows_from(&mut self, first: i64, limit: i64) -> Result<Vec<StoredRow>>;
    /// The row at `seq`.
    fn row(&mut self, seq: i64) -> Result<Option<StoredRow>>;
    /// The `seq` of the row whose stored hash is `hash`.
    fn seq_of_hash(&mut self, hash: &str) -> Result<Option<i64>>;
    /// The `seq` of a row whose stored `prev_hash` is `hash`.
    fn seq_linking_to(&mut self, hash: &str) -> Result<Option<i64>>;
    /// The head row.
    fn head(&mut self) -> Result<Option<Head>>;
    /// The rows `filter` selects, oldest first.
    fn list(&mut self, filter: &ListFilter) -> Result<Vec<StoredRow>>;
    /// Whether [`RowSource::head`] is authoritative. A database always has a head row (its
    /// absence is itself a problem); an export may come without one.
    fn knows_head(&self) -> bool {
        true
    }
    /// Rows sharing a `seq`, which a database's primary key rules out but an edited export
    /// may hold.
    fn duplicates(&self) -> Vec<crate::verify::Problem> {
        Vec::new()
    }
}

/// A parameter of the list query.
pub(crate) enum ListParam {
    Text(String),
    Int(i64),
}

/// The list query for `filter`, with placeholders rendered by `placeholder(n)` (1-based).
/// With a limit it selects the newest rows, newest first; the caller reverses them.
pub(crate) fn list_query(
    filter: &ListFilter,
    placeholder: fn(usize) -> String,
) -> (String, Vec<ListParam>, bool) {
    let mut sql = format!("SELECT {COLUMNS} FROM ledger_records WHERE seq > 0");
    let mut params = Vec::new();
    let mut add = |sql: &mut String, column: &str, op: &str, param: ListParam| {
        params.push(param);
        sql.push_str(&format!(" AND {column} {op} {}", placeholder(params.len())));
    };
    if let Some(kind) = &filter.kind {
        add(&mut sql, "kind", "=", ListParam::Text(kind.clone()));
    }
    if let Some(product) = &filter.product {
        add(&mut sql, "product", "=", ListParam::Text(product.clone()));
    }
    if let Some(since) = &filter.since {
        // Fixed-precision UTC RFC 3339 text sorts in time order.
        add(
            &mut sql,
            "recorded_at",
            ">=",
            ListParam::Text(format_timestamp(since)),
        );
    }
    let newest_first = match filter.limit {
        Some(limit) => {
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            params.push(ListParam::Int(limit));
            sql.push_str(&format!(
                " ORDER BY seq DESC LIMIT {}",
                placeholder(params.len())
            ));
            true
        }
        None => {
            sql.push_str(" ORDER BY seq");
            false
        }
    };
    (sql, params, newest_first)
}
