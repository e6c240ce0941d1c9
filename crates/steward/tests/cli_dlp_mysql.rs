//! `steward dlp mysql://…` against a real MariaDB started for the test on 127.0.0.1 (the
//! mariadb-server package, which .ci/run installs): card numbers in a column are found,
//! masked and located by table, column and row, logging in with a password over the
//! server's own protocol; the password never shows.

use assert_cmd::Command;

mod common;
use common::MariaDb;

/// Visa-range numbers that pass Luhn and are not published test cards.
const CARDS: [&str; 3] = ["4539148803436467", "4916338506082832", "4532015112830366"];

fn steward(dir: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

#[test]
fn card_numbers_in_a_mariadb_table_are_found_and_the_password_stays_hidden() {
    let Some(db) = MariaDb::start() else { return };
    // A throwaway value for a server that lives as long as this test.
    let phrase = "Rd-9f2-long";
    db.sql(&format!(
        "CREATE DATABASE shop; CREATE USER 'reader'@'127.0.0.1' IDENTIFIED BY '{phrase}'; \
         GRANT SELECT ON shop.* TO 'reader'@'127.0.0.1'; \
         CREATE TABLE shop.customers (id INT, name TEXT, email TEXT, card_number TEXT, note TEXT); \
         CREATE TABLE shop.audit (id INT, action TEXT); \
         INSERT INTO shop.audit VALUES (1, 'login'); \
         INSERT INTO shop.customers VALUES (1, 'Ana', 'ana@example.org', '{}', NULL), \
           (2, 'Bo', 'bo@example.org', '{}', 'called\\nback'), (3, 'Cy', NULL, '{}', '');",
        CARDS[0], CARDS[1], CARDS[2]
    ));
    let url = format!("mysql://reader:{phrase}@127.0.0.1:{}/shop", db.port);
    let dir = tempfile::tempdir().unwrap();

    let out = steward(dir.path())
        .args(["dlp", &url, "-f", "json", "--no-ledger"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cards: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "dlp/card-number")
        .collect();
    assert_eq!(cards.len(), 3, "{stdout}");
    let third = cards.iter().find(|f| f["properties"]["row"] == 3).unwrap();
    assert_eq!(
        third["location"]["path"],
        format!(
            "mysql://reader@127.0.0.1:{}/shop/shop.customers/card_number",
            db.port
        )
    );
    for card in CARDS {
        assert!(!stdout.contains(card), "a card number was printed in full");
    }
    assert!(!stdout.contains(phrase));

    // One table, two rows.
    let out = steward(dir.path())
        .args([
            "dlp",
            &format!("{url}?table=customers"),
            "--sample",
            "2",
            "-f",
            "json",
            "--no-ledger",
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "dlp/card-number")
        .count();
    assert_eq!(n, 2);

    // A wrong password is a usage error that does not repeat it.
    let wrong = url.replace(phrase, "not-the-password");
    let out = steward(dir.path())
        .args(["dlp", &wrong, "--no-ledger"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Access denied"), "{stderr}");
    assert!(!stderr.contains("not-the-password"), "{stderr}");
}
