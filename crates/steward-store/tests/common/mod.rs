//! Scenarios every backend must pass, and the harnesses that give each test a fresh store.
//!
//! A tamper scenario appends records through the ledger, then edits the database directly
//! (as an attacker with write access would) and checks that `verify` names the right record.

#![allow(dead_code)] // each test binary uses a different subset

use std::sync::{Arc, Barrier};

use chrono::{Duration, TimeZone, Utc};
use serde_json::json;
use steward_core::triage::SeverityCounts;
mod harness;

#[allow(unused_imports)] // each test binary uses a different subset
pub use harness::{PgStore, SqliteStore, connect, server_url, with_search_path};

use steward_store::{
    ExportFormat, GENESIS_HASH, Ledger, ListFilter, NewRecord, ProblemKind, Record, VerifyReport,
    verify_records,
};

/// A fresh, empty store plus raw SQL access to it.
pub trait Store: Sync {
    /// The spec `Ledger::open` takes.
    fn spec(&self) -> String;
    /// Runs SQL against the store's tables, bypassing the ledger.
    fn exec(&self, sql: &str);

    fn open(&self) -> Ledger {
        match Ledger::open(&self.spec()) {
            Ok(ledger) => ledger,
            Err(e) => panic!("opening {}: {e}", self.spec()),
        }
    }
}

/// A scan-like record numbered `i`.
pub fn sample(i: usize, kind: &str) -> NewRecord {
    let start = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap() + Duration::minutes(i as i64);
    NewRecord {
        kind: kind.into(),
        command: "scan".into(),
        args: vec!["--profile".into(), "merge".into(), format!("run-{i}")],
        tool_version: "0.1.0".into(),
        target: format!("/work/repo-{i}"),
        product: Some(
            if i.is_multiple_of(2) {
                "checkout"
            } else {
                "billing"
            }
            .into(),
        ),
        started_at: start,
        finished_at: start + Duration::nanoseconds(1_500_000_123),
        git_commit: Some(format!("{i:040x}")),
        counts: SeverityCounts {
            critical: i % 2,
            high: i,
            medium: 2 * i,
            low: 0,
            info: 7,
        },
        gate_passed: Some(!i.is_multiple_of(3)),
        report_sha256: Some(format!("{:064x}", i + 1)),
        payload: json!({ "engines": ["secrets", "deps"], "i": i, "ratio": 0.1 }),
    }
}

/// Appends `n` sample records and returns them as stored.
pub fn fill(ledger: &mut Ledger, n: usize) -> Vec<Record> {
    (1..=n)
        .map(|i| ledger.append(sample(i, "scan")).expect("append"))
        .collect()
}

fn problems(report: &VerifyReport) -> Vec<(i64, ProblemKind, String)> {
    report
        .problems
        .iter()
        .map(|p| (p.seq, p.kind, p.message.clone()))
        .collect()
}

fn assert_intact(ledger: &mut Ledger) -> VerifyReport {
    let report = ledger.verify().expect("verify");
    assert!(
        report.is_intact(),
        "expected an intact ledger: {:#?}",
        report.problems
    );
    report
}

pub fn round_trip(store: &dyn Store) {
    let mut ledger = store.open();
    assert_eq!(ledger.head().unwrap(), None);
    assert!(ledger.verify().unwrap().is_intact());

    let before = Utc::now() - Duration::seconds(1);
    let first = ledger.append(sample(1, "scan")).unwrap();
    assert_eq!(first.seq, 1);
    assert_eq!(first.prev_hash, GENESIS_HASH);
    assert_eq!(first.hash.len(), 64);
    assert_eq!(first.content_hash(), first.hash);
    // Stored at microsecond precision.
    assert_eq!(
        first.finished_at,
        sample(1, "scan").finished_at - Duration::nanoseconds(123)
    );
    assert!(first.recorded_at >= before);

    let mut monitor = sample(2, "monitor");
    monitor.command = "monitor run".into();
    monitor.gate_passed = None;
    monitor.report_sha256 = None;
    monitor.git_commit = None;
    monitor.product = None;
    monitor.payload = json!({"assets": {"receipts": "drift"}, "nested": [{"b": 1, "a": "\u{0}"}]});
    let second = ledger.append(monitor).unwrap();
    assert_eq!(second.seq, 2);
    assert_eq!(second.prev_hash, first.hash);
    let third = ledger.append(sample(3, "scan")).unwrap();
    assert_eq!(third.prev_hash, second.hash);

    // Reopening reads back exactly what append returned.
    drop(ledger);
    let mut ledger = store.open();
    assert_eq!(ledger.get(1).unwrap().as_ref(), Some(&first));
    assert_eq!(ledger.get(2).unwrap().as_ref(), Some(&second));
    assert_eq!(ledger.get(4).unwrap(), None);
    assert_eq!(ledger.get(-1).unwrap(), None);
    let head = ledger.head().unwrap().unwrap();
    assert_eq!((head.seq, head.hash.as_str()), (3, third.hash.as_str()));

    let all = ledger.list(&ListFilter::default()).unwrap();
    assert_eq!(all, vec![first.clone(), second.clone(), third.clone()]);
    let scans = ledger
        .list(&ListFilter {
            kind: Some("scan".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(scans.iter().map(|r| r.seq).collect::<Vec<_>>(), [1, 3]);
    let newest = ledger
        .list(&ListFilter {
            limit: Some(2),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(newest.iter().map(|r| r.seq).collect::<Vec<_>>(), [2, 3]);
    let billing = ledger
        .list(&ListFilter {
            product: Some("billing".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(billing.iter().map(|r| r.seq).collect::<Vec<_>>(), [1, 3]);
    let future = ledger
        .list(&ListFilter {
            since: Some(Utc::now() + Duration::hours(1)),
            ..Default::default()
        })
        .unwrap();
    assert!(future.is_empty());
    let recent = ledger
        .list(&ListFilter {
            since: Some(before),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(recent.len(), 3);

    let report = assert_intact(&mut ledger);
    assert_eq!(report.records_checked, 3);
    assert_eq!(report.head.unwrap().seq, 3);

    let mut jsonl = Vec::new();
    assert_eq!(
        ledger.export(&mut jsonl, ExportFormat::JsonLines).unwrap(),
        3
    );
    let lines: Vec<Record> = String::from_utf8(jsonl)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines, all);
    // An export carries everything needed to re-check each hash independently.
    for record in &lines {
        assert_eq!(record.content_hash(), record.hash);
    }
    let mut json = Vec::new();
    ledger.export(&mut json, ExportFormat::Json).unwrap();
    let array: Vec<Record> = serde_json::from_slice(&json).unwrap();
    assert_eq!(array, all);
}

pub fn empty_export_is_valid_json(store: &dyn Store) {
    let mut ledger = store.open();
    let mut json = Vec::new();
    assert_eq!(ledger.export(&mut json, ExportFormat::Json).unwrap(), 0);
    let array: Vec<Record> = serde_json::from_slice(&json).unwrap();
    assert!(array.is_empty());
}

pub fn rejects_invalid_records(store: &dyn Store) {
    let mut ledger = store.open();
    let mut bad = sample(1, "scan");
    bad.kind = "DROP TABLE".into();
    assert!(ledger.append(bad).is_err());
    let mut bad = sample(1, "scan");
    bad.target = "nul\0byte".into();
    assert!(ledger.append(bad).is_err());
    // Nothing was written, and the next good append is record 1.
    assert_eq!(ledger.append(sample(1, "scan")).unwrap().seq, 1);
}

pub fn detects_altered_content(store: &dyn Store) {
    let mut ledger = store.open();
    fill(&mut ledger, 10);
    store.exec("UPDATE ledger_records SET target = '/elsewhere' WHERE seq = 7");
    let report = ledger.verify().unwrap();
    assert_eq!(
        problems(&report),
        [(
            7,
            ProblemKind::Altered,
            "record 7: hash does not match its content (altered)".to_string()
        )]
    );
}

pub fn detects_altered_counts_and_payload(store: &dyn Store) {
    let mut ledger = store.open();
    fill(&mut ledger, 6);
    store.exec("UPDATE ledger_records SET critical = 5 WHERE seq = 2");
    store.exec("UPDATE ledger_records SET payload = '{}' WHERE seq = 4");
    let report = ledger.verify().unwrap();
    let kinds: Vec<_> = report.problems.iter().map(|p| (p.seq, p.kind)).collect();
    assert_eq!(
        kinds,
        [(2, ProblemKind::Altered), (4, ProblemKind::Altered)]
    );
}

pub fn detects_deleted_middle_record(store: &dyn Store) {
    let mut ledger = store.open();
    fill(&mut ledger, 10);
    store.exec("DELETE FROM ledger_records WHERE seq = 5");
    let report = ledger.verify().unwrap();
    assert_eq!(
        problems(&report),
        [(
            5,
            ProblemKind::Missing,
            "record 5 is missing (sequence jumps 4 -> 6)".to_string()
        )]
    );
    store.exec("DELETE FROM ledger_records WHERE seq IN (6, 7)");
    let report = ledger.verify().unwrap();
    assert_eq!(
        problems(&report)[0].2,
        "records 5-7 are missing (sequence jumps 4 -> 8)"
    );
    store.exec("DELETE FROM ledger_records WHERE seq = 1");
    let report = ledger.verify().unwrap();
    assert_eq!(
        problems(&report)[0].2,
        "record 1 is missing (sequence starts at 2)"
    );
}

pub fn detects_deleted_last_record(store: &dyn Store) {
    let mut ledger = store.open();
    fill(&mut ledger, 10);
    store.exec("DELETE FROM ledger_records WHERE seq = 10");
    let report = ledger.verify().unwrap();
    assert_eq!(report.records_checked, 9);
    let found = problems(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (10, ProblemKind::Truncated));
    assert!(
        found[0].2.starts_with("record 10 is missing"),
        "{}",
        found[0].2
    );

    // Appending afterwards must not paper over the removal by reusing seq 10.
    let next = ledger.append(sample(11, "scan")).unwrap();
    assert_eq!(next.seq, 11);
    let report = ledger.verify().unwrap();
    assert_eq!(
        problems(&report),
        [(
            10,
            ProblemKind::Missing,
            "record 10 is missing (sequence jumps 9 -> 11)".to_string()
        )]
    );
}

pub fn detects_deleted_everything(store: &dyn Store) {
    let mut ledger = store.open();
    fill(&mut ledger, 3);
    store.exec("DELETE FROM ledger_records");
    let report = ledger.verify().unwrap();
    let found = problems(&report);
    assert_eq!((found[0].0, found[0].1), (1, ProblemKind::Truncated));
    assert!(found[0].2.starts_with("records 1-3 are missing"));
}

pub fn detects_deleted_head_row(store: &dyn Store) {
    let mut ledger = store.open();
    fill(&mut ledger, 4);
    store.exec("DELETE FROM ledger_head");
    let report = ledger.verify().unwrap();
    let kinds: Vec<_> = report.problems.iter().map(|p| (p.seq, p.kind)).collect();
    assert_eq!(kinds, [(4, ProblemKind::HeadMissing)]);
    // The chain still continues from the last record.
    assert_eq!(ledger.append(sample(5, "scan")).unwrap().seq, 5);
    assert_intact(&mut ledger);
}

fn swap(store: &dyn Store, a: i64, b: i64) {
    store.exec(&format!(
        "UPDATE ledger_records SET seq = -1000 WHERE seq = {a}"
    ));
    store.exec(&format!(
        "UPDATE ledger_records SET seq = {a} WHERE seq = {b}"
    ));
    store.exec(&format!(
        "UPDATE ledger_records SET seq = {b} WHERE seq = -1000"
    ));
}

pub fn detects_swapped_records(store: &dyn Store) {
    let mut ledger = store.open();
    fill(&mut ledger, 10);
    swap(store, 3, 5);
    let report = ledger.verify().unwrap();
    assert_eq!(
        problems(&report),
        [
            (
                3,
                ProblemKind::Moved,
                "record 3: holds the content of record 5 (reordered)".to_string()
            ),
            (
                5,
                ProblemKind::Moved,
                "record 5: holds the content of record 3 (reordered)".to_string()
            ),
        ]
    );
}

pub fn detects_swapped_neighbours(store: &dyn Store) {
    let mut ledger = store.open();
    fill(&mut ledger, 6);
    swap(store, 1, 2);
    let report = ledger.verify().unwrap();
    let kinds: Vec<_> = report.problems.iter().map(|p| (p.seq, p.kind)).collect();
    assert_eq!(kinds, [(1, ProblemKind::Moved), (2, ProblemKind::Moved)]);
}

/// A forger rewrites record 8 and recomputes its own hash, but not the next record's link.
pub fn detects_rewritten_record_by_its_successor(store: &dyn Store) {
    let mut ledger = store.open();
    fill(&mut ledger, 10);
    let mut forged = ledger.get(8).unwrap().unwrap();
    forged.target = "/forged".into();
    forged.hash = forged.content_hash();
    store.exec(&format!(
        "UPDATE ledger_records SET target = '/forged', hash = '{}' WHERE seq = 8",
        forged.hash
    ));
    let report = ledger.verify().unwrap();
    assert_eq!(
        problems(&report),
        [(
            9,
            ProblemKind::ChainBroken,
            "record 9: previous-hash does not match record 8 (reordered or inserted)".to_string()
        )]
    );
}

/// A forger replaces the last record with a self-consistent one; only the head row shows it.
pub fn detects_replaced_last_record(store: &dyn Store) {
    let mut ledger = store.open();
    fill(&mut ledger, 5);
    let mut forged = ledger.get(5).unwrap().unwrap();
    forged.counts.critical = 0;
    forged.hash = forged.content_hash();
    store.exec(&format!(
        "UPDATE ledger_records SET critical = 0, hash = '{}' WHERE seq = 5",
        forged.hash
    ));
    let report = ledger.verify().unwrap();
    let kinds: Vec<_> = report.problems.iter().map(|p| (p.seq, p.kind)).collect();
    assert_eq!(kinds, [(5, ProblemKind::HeadMismatch)]);
}

pub fn detects_inserted_rows(store: &dyn Store) {
    let mut ledger = store.open();
    let records = fill(&mut ledger, 3);
    // A copy of record 2 under seq 0, which the ledger never writes.
    store.exec(&format!(
        "INSERT INTO ledger_records SELECT 0, recorded_at, kind, command, args, tool_version, \
         target, product, started_at, finished_at, git_commit, critical, high, medium, low, info, \
         gate_passed, report_sha256, payload, prev_hash, '{}' FROM ledger_records WHERE seq = 2",
        "f".repeat(64)
    ));
    let report = ledger.verify().unwrap();
    let kinds: Vec<_> = report.problems.iter().map(|p| (p.seq, p.kind)).collect();
    assert_eq!(kinds, [(0, ProblemKind::Inserted)]);
    assert_eq!(report.records_checked, 3);
    assert_eq!(ledger.list(&ListFilter::default()).unwrap(), records);
}

/// Sequence numbers at the edge of the integer range are reported, not overflowed on.
pub fn survives_extreme_seq(store: &dyn Store) {
    let mut ledger = store.open();
    fill(&mut ledger, 4);
    store.exec(&format!(
        "UPDATE ledger_records SET seq = {} WHERE seq = 4",
        i64::MAX
    ));
    store.exec(&format!(
        "UPDATE ledger_records SET seq = {} WHERE seq = 2",
        i64::MIN
    ));
    store.exec(&format!("UPDATE ledger_head SET seq = {}", i64::MAX));
    let report = ledger.verify().unwrap();
    let kinds: Vec<_> = report.problems.iter().map(|p| (p.seq, p.kind)).collect();
    assert_eq!(
        kinds,
        [
            (i64::MIN, ProblemKind::Inserted),
            (2, ProblemKind::Missing),
            (4, ProblemKind::Missing),
            (i64::MAX, ProblemKind::Moved),
        ]
    );
    let err = ledger.append(sample(5, "scan")).unwrap_err();
    assert!(err.to_string().contains("full"), "{err}");
}

/// A hand-edited row that no longer decodes makes `list` fail with a message naming it, and
/// `verify` report it rather than fail.
pub fn survives_undecodable_rows(store: &dyn Store) {
    let mut ledger = store.open();
    fill(&mut ledger, 3);
    store.exec(
        "UPDATE ledger_records SET args = 'not json', started_at = 'yesterday' WHERE seq = 2",
    );
    let err = ledger.list(&ListFilter::default()).unwrap_err().to_string();
    assert!(err.contains("record 2"), "{err}");
    assert!(ledger.get(2).is_err());
    let report = ledger.verify().unwrap();
    let kinds: Vec<_> = report.problems.iter().map(|p| (p.seq, p.kind)).collect();
    assert_eq!(kinds, [(2, ProblemKind::Altered)]);
}

pub const WRITERS: usize = 8;
pub const APPENDS_PER_WRITER: usize = 25;

/// `WRITERS` threads, each with its own connection opened at the same moment on a fresh
/// store, append `APPENDS_PER_WRITER` records each.
pub fn concurrent_writers(store: &dyn Store) {
    let start = Arc::new(Barrier::new(WRITERS));
    std::thread::scope(|scope| {
        for writer in 0..WRITERS {
            let start = Arc::clone(&start);
            scope.spawn(move || {
                start.wait();
                let mut ledger = store.open();
                for i in 0..APPENDS_PER_WRITER {
                    let mut record = sample(i, "scan");
                    record.target = format!("writer-{writer}");
                    if let Err(e) = ledger.append(record) {
                        panic!("writer {writer}, append {i}: {e}");
                    }
                }
            });
        }
    });
    check_dense(store, WRITERS * APPENDS_PER_WRITER, WRITERS);
}

/// The store holds exactly `total` records, seq 1..=total, an intact chain, and the same
/// number from each of `writers` writers.
pub fn check_dense(store: &dyn Store, total: usize, writers: usize) {
    let mut ledger = store.open();
    let all = ledger.list(&ListFilter::default()).unwrap();
    assert_eq!(all.len(), total);
    for (i, record) in all.iter().enumerate() {
        assert_eq!(record.seq, i as i64 + 1);
    }
    for writer in 0..writers {
        let from_writer = all
            .iter()
            .filter(|r| r.target == format!("writer-{writer}"))
            .count();
        assert_eq!(from_writer, total / writers, "writer {writer}");
    }
    let report = assert_intact(&mut ledger);
    assert_eq!(report.records_checked, total as u64);
    assert_eq!(report.head.unwrap().seq, total as i64);
}

/// An export read back verifies on its own, and the same tampering shows there too.
pub fn export_verifies_offline(store: &dyn Store) {
    let mut ledger = store.open();
    fill(&mut ledger, 6);
    let head = ledger.head().unwrap().unwrap();
    let mut jsonl = Vec::new();
    ledger.export(&mut jsonl, ExportFormat::JsonLines).unwrap();
    let exported: Vec<Record> = String::from_utf8(jsonl)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let kinds = |report: VerifyReport| -> Vec<(i64, ProblemKind)> {
        report.problems.iter().map(|p| (p.seq, p.kind)).collect()
    };

    assert!(verify_records(exported.clone(), Some(&head)).is_intact());

    let mut altered = exported.clone();
    altered[2].counts.critical += 1;
    assert_eq!(
        kinds(verify_records(altered, Some(&head))),
        [(3, ProblemKind::Altered)]
    );

    let truncated = exported[..5].to_vec();
    assert_eq!(
        kinds(verify_records(truncated.clone(), Some(&head))),
        [(6, ProblemKind::Truncated)]
    );
    // Without the published head, a shortened export is still a valid chain.
    assert!(verify_records(truncated, None).is_intact());

    let mut swapped = exported.clone();
    swapped[1].seq = 4;
    swapped[3].seq = 2;
    assert_eq!(
        kinds(verify_records(swapped, Some(&head))),
        [(2, ProblemKind::Moved), (4, ProblemKind::Moved)]
    );

    let mut duplicated = exported.clone();
    duplicated.push(exported[3].clone());
    assert_eq!(
        kinds(verify_records(duplicated, Some(&head))),
        [(4, ProblemKind::Inserted)]
    );

    let mut gap = exported;
    gap.remove(2);
    assert_eq!(
        kinds(verify_records(gap, Some(&head))),
        [(3, ProblemKind::Missing)]
    );
}
