//! `steward dlp`: sensitive data in files and archives, masked, and checked against what
//! steward.toml says each asset may hold. Values are assembled at run time (they pass
//! their checksums but belong to nobody).

use std::io::Write;

use assert_cmd::Command;
use predicates::prelude::*;

fn steward(dir: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

/// A Visa-range number that passes Luhn, and is not a published test card.
fn card() -> String {
    ["4539", " 1488", " 0343", " 6467"].concat()
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("steward.toml"),
        "[product]\nname = \"shop\"\n[data]\nclasses = [\"pii\", \"cardholder\"]\n\n[[asset]]\nid = \"exports\"\nkind = \"directory\"\nlocation = \"exports\"\nholds = [\"pii\"]\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("exports")).unwrap();
    let csv = format!("name,email,card\nAna,ana@example.org,{}\n", card());
    std::fs::write(dir.path().join("exports/customers.csv"), &csv).unwrap();
    let mut gz = Vec::new();
    {
        // A gzip member with stored (uncompressed) deflate blocks, written by hand so the
        // test needs no compression crate.
        let data = csv.as_bytes();
        gz.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        gz.push(1);
        let len = data.len() as u16;
        gz.extend_from_slice(&len.to_le_bytes());
        gz.extend_from_slice(&(!len).to_le_bytes());
        gz.extend_from_slice(data);
        gz.extend_from_slice(&crc32(data).to_le_bytes());
        gz.extend_from_slice(&(data.len() as u32).to_le_bytes());
    }
    std::fs::File::create(dir.path().join("exports/old.csv.gz"))
        .unwrap()
        .write_all(&gz)
        .unwrap();
    dir
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn cards_in_a_pii_asset_are_found_masked_and_flagged_as_misplaced() {
    let dir = project();
    let out = steward(dir.path()).args(["dlp", "."]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("exports/customers.csv:2:21: high [dlp/card-number]"),
        "{text}"
    );
    assert!(text.contains("4539 **** **** 6467"), "{text}");
    assert!(
        !text.contains(&card()),
        "a card number was printed in full:\n{text}"
    );
    assert!(
        text.contains("[dlp/undeclared-data-class] exports/customers.csv holds cardholder data"),
        "{text}"
    );
    // Inside the archive too, named by its entry.
    assert!(text.contains("exports/old.csv.gz!"), "{text}");
    assert!(text.contains("sensitive data by object:"), "{text}");
    // Recorded, with the per-object summary and no clear values.
    let export = steward(dir.path())
        .args(["ledger", "export"])
        .output()
        .unwrap();
    let export = String::from_utf8_lossy(&export.stdout);
    assert!(export.contains("\"kind\":\"dlp\""), "{export}");
    assert!(!export.contains(&card()), "{export}");
}

#[test]
fn fingerprints_are_keyed_and_neither_the_value_nor_a_plain_hash_of_it_is_kept() {
    use steward_core::Fingerprint;
    let dir = project();
    let out = tempfile::tempdir().unwrap();
    let key_a = "8f3a0c5e9b1d7f2a4c6e8a0b2d4f6a8c1e3a5c7e9b0d2f4a6c8e0a2b4d6f8a0c";
    let key_b = "5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592";
    // (path, fingerprint) of each card finding, from a JSON report made under `key`.
    let run = |key: &str, name: &str| -> Vec<(String, String)> {
        let report = out.path().join(name);
        steward(dir.path())
            .env("STEWARD_FINGERPRINT_KEY", key)
            .args(["dlp", "-f", "json", "-o"])
            .arg(&report)
            .arg(".")
            .assert()
            .code(1);
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
        let mut cards: Vec<(String, String)> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule_id"] == "dlp/card-number")
            .map(|f| {
                let path = f["location"]["path"].as_str().unwrap().to_string();
                (path, f["fingerprint"].as_str().unwrap().to_string())
            })
            .collect();
        cards.sort();
        cards
    };
    let a = run(key_a, "a.json");
    let again = run(key_a, "again.json");
    let b = run(key_b, "b.json");
    assert_eq!(a.len(), 2, "{a:?}");
    assert_eq!(a, again, "the same key gives the same fingerprints");
    for ((path, fp), (_, other)) in a.iter().zip(&b) {
        assert_ne!(fp, other, "{path}: another key, another fingerprint");
    }
    // Nothing kept anywhere gives the card away: not the number, spaced or not, and not the
    // unkeyed hash a guesser could compare the numbers that fit the mask against.
    let raw = card();
    let mut telltales = vec![raw.clone(), raw.replace(' ', "")];
    for (path, _) in &a {
        let plain = Fingerprint::new("dlp/card-number", path, raw.as_bytes());
        telltales.extend((0..3).map(|n| plain.occurrence(n).as_str().to_string()));
    }
    let mut kept: Vec<std::path::PathBuf> = ["a.json", "again.json", "b.json"]
        .iter()
        .map(|n| out.path().join(n))
        .collect();
    for entry in std::fs::read_dir(dir.path().join(".steward")).unwrap() {
        kept.push(entry.unwrap().path());
    }
    assert!(kept.iter().any(|p| p.ends_with("ledger.db")), "{kept:?}");
    for path in &kept {
        let bytes = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        for t in &telltales {
            assert!(!bytes.contains(t.as_str()), "{} holds {t}", path.display());
        }
    }
}

#[test]
fn declaring_the_class_removes_the_placement_finding() {
    let dir = project();
    let manifest = std::fs::read_to_string(dir.path().join("steward.toml"))
        .unwrap()
        .replace("holds = [\"pii\"]", "holds = [\"pii\", \"cardholder\"]");
    std::fs::write(dir.path().join("steward.toml"), manifest).unwrap();
    steward(dir.path())
        .args(["dlp", "--no-ledger", "-f", "json", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("dlp/card-number"))
        .stdout(predicate::str::contains("dlp/undeclared-data-class").not());
}

#[test]
fn other_remote_targets_say_they_are_not_available_yet_and_s3_needs_credentials() {
    let dir = tempfile::tempdir().unwrap();
    steward(dir.path())
        .args(["dlp", "gs://acme-receipts/2026/"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not available yet"));
    steward(dir.path())
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .args(["dlp", "s3://acme-receipts/2026/"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("AWS_ACCESS_KEY_ID"));
}
