//! Verification of records outside any database: an export read back, checked by an auditor
//! or by `steward ledger verify` on a file.

use std::collections::HashMap;

use crate::error::Result;
use crate::record::{Head, Record, StoredRow};
use crate::source::{ListFilter, RowSource};
use crate::verify::{Problem, ProblemKind, VerifyReport};

/// Verifies `records` (for example an export read back) by the same rules as
/// [`crate::Ledger::verify`], recomputing each hash from the record's fields.
///
/// `expected_head` is the head published when the export was made (see
/// [`crate::Ledger::head`]); without it, records removed from the end cannot be detected and
/// are not checked for. A payload holding floats that do not survive a JSON round trip
/// exactly may show as altered; the database's own verify is not affected.
pub fn verify_records(
    records: impl IntoIterator<Item = Record>,
    expected_head: Option<&Head>,
) -> VerifyReport {
    let mut source = MemorySource::new(records, expected_head.cloned());
    match crate::verify::verify(&mut source) {
        Ok(report) => report,
        // MemorySource never fails.
        Err(_) => VerifyReport {
            records_checked: 0,
            head: expected_head.cloned(),
            problems: Vec::new(),
        },
    }
}

struct MemorySource {
    rows: Vec<StoredRow>,
    by_hash: HashMap<String, i64>,
    by_prev_hash: HashMap<String, i64>,
    head: Option<Head>,
    duplicates: Vec<Problem>,
}

impl MemorySource {
    fn new(records: impl IntoIterator<Item = Record>, head: Option<Head>) -> MemorySource {
        let mut rows: Vec<StoredRow> = records
            .into_iter()
            .map(|r| StoredRow::from_record(&r))
            .collect();
        rows.sort_by_key(|r| r.seq);
        let mut duplicates = Vec::new();
        rows.dedup_by(|later, earlier| {
            let duplicate = later.seq == earlier.seq;
            if duplicate
                && duplicates
                    .last()
                    .is_none_or(|p: &Problem| p.seq != later.seq)
            {
                duplicates.push(Problem {
                    seq: later.seq,
                    kind: ProblemKind::Inserted,
                    message: format!("record {}: appears more than once (inserted)", later.seq),
                });
            }
            duplicate
        });
        let mut by_hash = HashMap::new();
        let mut by_prev_hash = HashMap::new();
        for row in &rows {
            by_hash.entry(row.hash.clone()).or_insert(row.seq);
            by_prev_hash.entry(row.prev_hash.clone()).or_insert(row.seq);
        }
        MemorySource {
            rows,
            by_hash,
            by_prev_hash,
            head,
            duplicates,
        }
    }
}

impl RowSource for MemorySource {
    fn rows_from(&mut self, first: i64, limit: i64) -> Result<Vec<StoredRow>> {
        let start = self.rows.partition_point(|r| r.seq < first);
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        Ok(self.rows[start..].iter().take(limit).cloned().collect())
    }

    fn row(&mut self, seq: i64) -> Result<Option<StoredRow>> {
        Ok(self
            .rows
            .binary_search_by_key(&seq, |r| r.seq)
            .ok()
            .map(|i| self.rows[i].clone()))
    }

    fn seq_of_hash(&mut self, hash: &str) -> Result<Option<i64>> {
        Ok(self.by_hash.get(hash).copied())
    }

    fn seq_linking_to(&mut self, hash: &str) -> Result<Option<i64>> {
        Ok(self.by_prev_hash.get(hash).copied())
    }

    fn head(&mut self) -> Result<Option<Head>> {
        Ok(self.head.clone())
    }

    fn list(&mut self, _filter: &ListFilter) -> Result<Vec<StoredRow>> {
        Ok(self.rows.clone())
    }

    fn knows_head(&self) -> bool {
        self.head.is_some()
    }

    fn duplicates(&self) -> Vec<Problem> {
        self.duplicates.clone()
    }
}
