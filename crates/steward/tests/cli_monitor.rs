//! `steward monitor run` through the real binary: real Redis servers (with and without a
//! password) and PostgreSQL roles (default and strong passwords) started for the test on
//! 127.0.0.1, and stored SBOMs re-checked when the advisory database learns more.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod common;
use common::{Redis, required};

fn steward(dir: &Path, db: &Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env("STEWARD_ADVISORY_DB", db)
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

fn osv(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/osv")
        .join(name)
}

fn write(dir: &Path, path: &str, body: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, body).unwrap();
}

fn manifest(assets: &[(&str, &str, String)]) -> String {
    let mut s = String::from("[product]\nname = \"shop\"\nowner = \"team\"\nphase = \"operate\"\n");
    for (id, kind, location) in assets {
        s.push_str(&format!(
            "\n[[asset]]\nid = \"{id}\"\nkind = \"{kind}\"\nlocation = \"{location}\"\n"
        ));
    }
    s
}

fn findings(out: &[u8]) -> Vec<serde_json::Value> {
    let report: serde_json::Value = serde_json::from_slice(out).unwrap();
    report["findings"].as_array().unwrap().clone()
}

#[test]
fn redis_without_a_password_is_critical_and_with_one_is_fine() {
    let (Some(open), Some(locked)) = (Redis::start(None), Redis::start(Some("s3cret-Redis-pw")))
    else {
        required("redis-server");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "steward.toml",
        &manifest(&[
            ("cache", "redis", format!("redis://127.0.0.1:{}", open.port)),
            (
                "sessions",
                "redis",
                format!("redis://127.0.0.1:{}", locked.port),
            ),
            // Nothing listens here: a probe error, not a finding.
            ("gone", "redis", "redis://127.0.0.1:9".to_string()),
        ]),
    );
    let db = dir.path().join("none.db");
    let out = steward(dir.path(), &db)
        .args(["monitor", "run", "--no-ledger", "-f", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let all = findings(&out);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["rule_id"], "monitor/redis-no-auth");
    assert_eq!(all[0]["severity"], "critical");
    assert_eq!(all[0]["properties"]["asset"], "cache");
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let skipped = report.to_string();
    assert!(skipped.contains("asset:gone"), "{skipped}");

    // Recorded, the run is evidence for `steward plan`: no default credentials is failing.
    steward(dir.path(), &db)
        .args(["monitor", "run"])
        .assert()
        .code(1);
    let out = steward(dir.path(), &db)
        .args(["plan", "-f", "json", "--no-ledger"])
        .output()
        .unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let req = plan["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "STW-AUTH-007")
        .expect("STW-AUTH-007 applies to every product");
    assert_eq!(req["status"], "failing", "{req}");
    assert_eq!(
        req["evidence"]["failing"][0]["findings"]["monitor/redis-no-auth"],
        1
    );
}

#[test]
fn postgres_roles_with_default_passwords_are_found() {
    let Some(url) = std::env::var("STEWARD_TEST_POSTGRES").ok() else {
        required("PostgreSQL (STEWARD_TEST_POSTGRES)");
        return;
    };
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let suffix = std::process::id();
    let weak = format!("steward_weak_{suffix}");
    let strong = format!("steward_strong_{suffix}");
    for role in [&weak, &strong] {
        client
            .batch_execute(&format!("DROP ROLE IF EXISTS {role}"))
            .unwrap();
    }
    client
        .batch_execute(&format!(
            "CREATE ROLE {weak} LOGIN PASSWORD 'postgres'; CREATE ROLE {strong} LOGIN PASSWORD 'Xq9-long-unguessable-{suffix}'"
        ))
        .unwrap();
    let hostport = url
        .split('@')
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap()
        .to_string();
    let dbname = url.rsplit('/').next().unwrap().split('?').next().unwrap();
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "steward.toml",
        &manifest(&[
            (
                "orders-db",
                "postgres",
                format!("postgres://{weak}@{hostport}/{dbname}"),
            ),
            (
                "users-db",
                "postgres",
                format!("postgres://{strong}@{hostport}/{dbname}"),
            ),
        ]),
    );
    let db = dir.path().join("none.db");
    let out = steward(dir.path(), &db)
        .args(["monitor", "run", "--no-ledger", "-f", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let all = findings(&out);
    for role in [&weak, &strong] {
        client
            .batch_execute(&format!("DROP ROLE IF EXISTS {role}"))
            .unwrap();
    }
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["rule_id"], "monitor/postgres-default-credentials");
    assert_eq!(all[0]["properties"]["asset"], "orders-db");
    assert!(
        all[0]["message"]
            .as_str()
            .unwrap()
            .contains("default password")
    );
}

#[test]
fn stored_sboms_learn_of_advisories_published_after_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("advisories.db");
    write(d, "steward.toml", &manifest(&[]));
    write(
        d,
        "app/Cargo.lock",
        "version = 4\n\n[[package]]\nname = \"abi_stable\"\nversion = \"0.8.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"abi_stable\"]\n",
    );
    // At scan time the database knows only npm advisories: the crate looks clean.
    steward(d, &db)
        .args(["db", "update", "--source"])
        .arg(osv("npm-all.zip"))
        .assert()
        .code(0);
    steward(d, &db)
        .args(["scan", "--engines", "deps", "-q", "app"])
        .assert()
        .code(0);
    steward(d, &db)
        .args(["monitor", "run", "-q"])
        .assert()
        .code(0);
    // Later the database learns the Rust advisories; the shipped SBOM is now vulnerable.
    steward(d, &db)
        .args(["db", "update", "--source"])
        .arg(osv("Rust-crates-all.zip"))
        .assert()
        .code(0);
    let out = steward(d, &db)
        .args(["monitor", "run", "-f", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let all = findings(&out);
    assert!(
        all.iter()
            .any(|f| f["rule_id"] == "deps/crates.io/RUSTSEC-2020-0105"
                && f["location"]["path"] == "Cargo.lock"
                && f["location"]["start_line"] == 4),
        "{all:#?}"
    );
    let records = steward(d, &db)
        .args(["ledger", "list", "--json", "--kind", "monitor"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let records: serde_json::Value = serde_json::from_slice(&records).unwrap();
    assert_eq!(records.as_array().unwrap().len(), 2);
    assert_eq!(records[1]["payload"]["sboms_checked"], 1);
}
