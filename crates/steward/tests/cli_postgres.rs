//! The team ledger: many steward processes recording into one PostgreSQL database.
//!
//! Needs `STEWARD_TEST_POSTGRES` (the URL `crates/steward-store/tests/start-postgres.sh`
//! prints). Without it the test is skipped with a note, unless `CI` is set: CI must test
//! PostgreSQL.

use assert_cmd::Command;
use predicates::prelude::*;

fn server() -> Option<String> {
    match std::env::var("STEWARD_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the PostgreSQL tests: set STEWARD_TEST_POSTGRES"
            );
            eprintln!("note: STEWARD_TEST_POSTGRES is not set; skipping the PostgreSQL CLI test");
            None
        }
    }
}

/// A fresh schema for this test, dropped when it ends.
struct Schema {
    server: String,
    name: String,
}

impl Schema {
    fn new(server: &str) -> Self {
        let name = format!(
            "steward_cli_{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos()
        );
        let mut client = postgres::Client::connect(server, postgres::NoTls).unwrap();
        client
            .batch_execute(&format!("CREATE SCHEMA {name}"))
            .unwrap();
        Schema {
            server: server.to_string(),
            name,
        }
    }

    fn url(&self) -> String {
        let sep = if self.server.contains('?') { '&' } else { '?' };
        format!(
            "{}{sep}options=-c%20search_path%3D{}",
            self.server, self.name
        )
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.server, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA {} CASCADE", self.name));
        }
    }
}

#[test]
fn eight_ci_runners_share_one_postgres_ledger() {
    let Some(server) = server() else { return };
    let schema = Schema::new(&server);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("k.env"),
        format!("KEY={}\n", ["AKIA", "BLGRIRMSGBQP5MFY"].concat()),
    )
    .unwrap();
    let bin = assert_cmd::cargo::cargo_bin("steward");
    let children: Vec<_> = (0..8)
        .map(|_| {
            std::process::Command::new(&bin)
                .current_dir(dir.path())
                .env("STEWARD_STORE", schema.url())
                .args(["scan", "-q", "."])
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert_eq!(c.wait().unwrap().code(), Some(1));
    }
    Command::cargo_bin("steward")
        .unwrap()
        .current_dir(dir.path())
        .env("STEWARD_STORE", schema.url())
        .args(["ledger", "verify"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("ledger intact: 8 records"));
    // Nothing was written next to the project: the team ledger is the only one.
    assert!(!dir.path().join(".steward/ledger.db").exists());
    // A hand edit in the shared database is caught and named.
    let mut client = postgres::Client::connect(&schema.url(), postgres::NoTls).unwrap();
    client
        .batch_execute("UPDATE ledger_records SET target = 'elsewhere' WHERE seq = 3")
        .unwrap();
    Command::cargo_bin("steward")
        .unwrap()
        .current_dir(dir.path())
        .env("STEWARD_STORE", schema.url())
        .args(["ledger", "verify"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("record 3"));
}
