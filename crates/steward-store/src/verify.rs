//! Chain verification: walks every record in `seq` order and names each one that was altered,
//! removed, moved or inserted.
//!
//! Works on the stored text through [`RowSource`], so both backends verify with the same code.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::record::{GENESIS_HASH, Head, StoredRow};
use crate::source::RowSource;

/// Rows read per query while verifying or exporting.
pub(crate) const PAGE: i64 = 1000;

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    /// Records read (those with a positive `seq`).
    pub records_checked: u64,
    /// The head row: the last record the ledger remembers appending.
    pub head: Option<Head>,
    /// Every problem found, mostly in `seq` order; empty when the ledger is intact.
    pub problems: Vec<Problem>,
}

impl VerifyReport {
    /// True when no problem was found.
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// One record that is not what the chain says it should be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The record the problem is about (for missing records, the first one missing).
    pub seq: i64,
    pub kind: ProblemKind,
    /// A sentence naming the record, e.g. `record 7: hash does not match its content (altered)`.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The kinds of damage `verify` recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// The record's content does not hash to its stored hash: it was edited.
    Altered,
    /// The record holds the content of another position: records were swapped or moved.
    Moved,
    /// One or more records are gone from the middle (a `seq` gap).
    Missing,
    /// The record's `prev_hash` is not the previous record's hash: a record was inserted,
    /// records were reordered, or the previous record was rewritten with a fresh hash.
    ChainBroken,
    /// A row with a `seq` below 1, which the ledger never writes.
    Inserted,
    /// Records after the last one are gone: the head row remembers more records.
    Truncated,
    /// The head row disagrees with the last record (it was replaced, or records were added
    /// outside steward).
    HeadMismatch,
    /// Records exist but the head row does not, so truncation cannot be ruled out.
    HeadMissing,
}

fn range(first: i64, last: i64) -> String {
    if first == last {
        format!("record {first} is missing")
    } else {
        format!("records {first}-{last} are missing")
    }
}

/// Verifies every record `source` holds against the chain rules and the head row.
pub(crate) fn verify(source: &mut dyn RowSource) -> Result<VerifyReport> {
    let head = source.head()?;
    let mut problems = source.duplicates();
    let mut checked = 0u64;
    let mut expected = 1i64;
    // The previous positive record: its seq and stored hash, and whether that hash can be
    // trusted as the link for the next record (not when the record itself was moved).
    let mut prev: Option<(i64, String, bool)> = None;
    let mut next = Some(i64::MIN);
    while let Some(first) = next {
        let rows = source.rows_from(first, PAGE)?;
        let Some(last) = rows.last() else { break };
        next = last.seq.checked_add(1);
        for row in rows {
            if row.seq < 1 {
                problems.push(Problem {
                    seq: row.seq,
                    kind: ProblemKind::Inserted,
                    message: format!("record {}: sequence numbers start at 1 (inserted)", row.seq),
                });
                continue;
            }
            checked += 1;
            let gap = row.seq > expected;
            if gap {
                let jump = if expected == 1 {
                    format!("sequence starts at {}", row.seq)
                } else {
                    format!("sequence jumps {} -> {}", expected - 1, row.seq)
                };
                problems.push(Problem {
                    seq: expected,
                    kind: ProblemKind::Missing,
                    message: format!("{} ({jump})", range(expected, row.seq - 1)),
                });
            }
            let moved = check_content(&row, source, &mut problems)?;
            if !gap && !moved {
                let link = match &prev {
                    None => Some(GENESIS_HASH),
                    Some((_, hash, true)) => Some(hash.as_str()),
                    Some((_, _, false)) => None,
                };
                if let Some(link) = link
                    && row.prev_hash != link
                {
                    let message = if row.seq == 1 {
                        "record 1: previous-hash is not the genesis hash (reordered or inserted)"
                            .to_string()
                    } else {
                        format!(
                            "record {}: previous-hash does not match record {} (reordered or \
                             inserted)",
                            row.seq,
                            row.seq - 1
                        )
                    };
                    problems.push(Problem {
                        seq: row.seq,
                        kind: ProblemKind::ChainBroken,
                        message,
                    });
                }
            }
            expected = row.seq.saturating_add(1);
            prev = Some((row.seq, row.hash, !moved));
        }
    }
    if source.knows_head() {
        check_head(head.as_ref(), prev.as_ref(), &mut problems);
    }
    Ok(VerifyReport {
        records_checked: checked,
        head,
        problems,
    })
}

/// Reports a content/hash mismatch on `row`; returns true when the row was recognised as
/// another position's record (moved).
fn check_content(
    row: &StoredRow,
    source: &mut dyn RowSource,
    problems: &mut Vec<Problem>,
) -> Result<bool> {
    if row.content_hash() == row.hash {
        return Ok(false);
    }
    // A moved record still links to its original predecessor, and its original successor
    // still links to it; if its content hashes right at the position that either link
    // implies, it was moved from there.
    let after_predecessor = if row.prev_hash == GENESIS_HASH {
        Some(1)
    } else {
        source
            .seq_of_hash(&row.prev_hash)?
            .and_then(|p| p.checked_add(1))
    };
    let before_successor = source
        .seq_linking_to(&row.hash)?
        .and_then(|s| s.checked_sub(1));
    for original in [after_predecessor, before_successor].into_iter().flatten() {
        if original != row.seq && row.content_hash_at(original) == row.hash {
            problems.push(Problem {
                seq: row.seq,
                kind: ProblemKind::Moved,
                message: format!(
                    "record {}: holds the content of record {original} (reordered)",
                    row.seq
                ),
            });
            return Ok(true);
        }
    }
    problems.push(Problem {
        seq: row.seq,
        kind: ProblemKind::Altered,
        message: format!(
            "record {}: hash does not match its content (altered)",
            row.seq
        ),
    });
    Ok(false)
}

/// Compares the last record with the head row, which is what catches removal at the end.
fn check_head(
    head: Option<&Head>,
    last: Option<&(i64, String, bool)>,
    problems: &mut Vec<Problem>,
) {
    match (head, last) {
        (None, None) => {}
        (None, Some((seq, _, _))) => problems.push(Problem {
            seq: *seq,
            kind: ProblemKind::HeadMissing,
            message: format!(
                "the ledger head is missing (the last record is {seq}): records removed from \
                 the end could not be detected"
            ),
        }),
        (Some(head), None) => {
            if head.seq >= 1 {
                problems.push(Problem {
                    seq: 1,
                    kind: ProblemKind::Truncated,
                    message: format!(
                        "{} (the ledger head is at record {} but no records remain)",
                        range(1, head.seq),
                        head.seq
                    ),
                });
            }
        }
        (Some(head), Some((seq, hash, _))) => {
            if head.seq > *seq {
                problems.push(Problem {
                    seq: seq + 1,
                    kind: ProblemKind::Truncated,
                    message: format!(
                        "{} (the ledger head is at record {} but the last record is {seq}: \
                         removed from the end)",
                        range(seq + 1, head.seq),
                        head.seq
                    ),
                });
            } else if head.seq < *seq {
                problems.push(Problem {
                    seq: head.seq + 1,
                    kind: ProblemKind::HeadMismatch,
                    message: format!(
                        "records {}-{seq} are beyond the ledger head (record {}): added outside \
                         steward, or the head was rolled back",
                        head.seq + 1,
                        head.seq
                    ),
                });
            } else if head.hash != *hash {
                problems.push(Problem {
                    seq: *seq,
                    kind: ProblemKind::HeadMismatch,
                    message: format!(
                        "record {seq}: hash does not match the ledger head (the last record \
                         was replaced)"
                    ),
                });
            }
        }
    }
}
