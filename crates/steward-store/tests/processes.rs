//! Separate processes appending to one store at once, as concurrent scans on one machine or
//! CI runners sharing one PostgreSQL do.
//!
//! The parent tests re-run this test binary as child processes that only run
//! `child_writer`, which does nothing unless the parent set `CHILD_SPEC_ENV`.

mod common;

use std::process::{Command, Stdio};

use common::{PgStore, SqliteStore, Store};
use steward_store::Ledger;

const CHILD_SPEC_ENV: &str = "STEWARD_STORE_TEST_CHILD_SPEC";
const CHILD_TAG_ENV: &str = "STEWARD_STORE_TEST_CHILD_TAG";
const PROCESSES: usize = 4;

#[test]
#[ignore = "a child process of the multi-process tests; does nothing on its own"]
fn child_writer() {
    let (Ok(spec), Ok(tag)) = (std::env::var(CHILD_SPEC_ENV), std::env::var(CHILD_TAG_ENV)) else {
        return;
    };
    let mut ledger = Ledger::open(&spec).unwrap_or_else(|e| panic!("child {tag}: {e}"));
    for i in 0..common::APPENDS_PER_WRITER {
        let mut record = common::sample(i, "scan");
        record.target = format!("writer-{tag}");
        ledger
            .append(record)
            .unwrap_or_else(|e| panic!("child {tag}, append {i}: {e}"));
    }
}

fn run_children(store: &dyn Store) {
    let exe = std::env::current_exe().expect("the test binary's path");
    let children: Vec<_> = (0..PROCESSES)
        .map(|tag| {
            Command::new(&exe)
                .args(["child_writer", "--exact", "--ignored", "--quiet"])
                .env(CHILD_SPEC_ENV, store.spec())
                .env(CHILD_TAG_ENV, tag.to_string())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawning a child writer")
        })
        .collect();
    for (tag, child) in children.into_iter().enumerate() {
        let output = child
            .wait_with_output()
            .expect("waiting for a child writer");
        assert!(
            output.status.success(),
            "child {tag} failed: {}",
            output.status
        );
    }
    common::check_dense(store, PROCESSES * common::APPENDS_PER_WRITER, PROCESSES);
}

#[test]
fn processes_append_to_one_sqlite_file() {
    run_children(&SqliteStore::new());
}

#[test]
fn processes_append_to_one_postgres_database() {
    let Some(store) = PgStore::new() else { return };
    run_children(&store);
}
