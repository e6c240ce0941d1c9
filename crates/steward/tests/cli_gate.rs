//! `steward gate` through the real binary: in the sunset phase it fails until every item of
//! the decommission inventory is verified or attested; in the other phases, until the
//! latest run of each check is under `[policy] fail_on`; and a tampered ledger fails it.

use std::path::Path;

use assert_cmd::Command;
use predicates::str::contains;

fn steward(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env_remove("STEWARD_DNS_RESOLVER")
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

fn write(dir: &Path, path: &str, body: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, body).unwrap();
}

fn manifest(phase: &str, rest: &str) -> String {
    format!(
        "[product]\nname = \"shop\"\nowner = \"payments-team\"\nphase = \"{phase}\"\n\n[data]\nclasses = [\"pii\"]\n\n{rest}"
    )
}

/// The gate's JSON verdict and its exit code.
fn gate(dir: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let out = steward(dir)
        .args(["gate", "-f", "json"])
        .args(extra)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), v)
}

/// A throwaway AWS key pair, built at run time so the test file itself holds no secret.
fn leaked_key_file() -> String {
    let id = ["AKIA", "QYLPMN5HHHFPZAM2"].concat();
    let secret = ["wJalrXUtnFEMI/K7MDENG/", "bPxRfiCYzq9ltR3kWq1"].concat();
    format!("aws_access_key_id = {id}\naws_secret_access_key = {secret}\n")
}

#[test]
fn outside_sunset_the_latest_runs_are_held_to_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "steward.toml",
        &manifest("build", "[policy]\nfail_on = \"high\"\n"),
    );
    write(dir.path(), "src/app.py", "print('hello')\n");

    // Nothing recorded: nothing to gate on, unless a run is required.
    let (code, v) = gate(dir.path(), &[]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["runs"], serde_json::Value::Null);
    let (code, v) = gate(dir.path(), &["--require", "scan,controls"]);
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(v["missing"], serde_json::json!(["scan", "controls"]));

    // A scan that finds a live-looking AWS key: the gate fails, naming the run.
    write(dir.path(), "config/aws.ini", &leaked_key_file());
    steward(dir.path())
        .args(["scan", ".", "--engines", "secrets", "-q"])
        .assert()
        .code(1);
    let (code, v) = gate(dir.path(), &["--require", "scan"]);
    assert_eq!(code, 1, "{v:#}");
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "{v:#}");
    assert_eq!(runs[0]["kind"], "scan");
    assert_eq!(runs[0]["passed"], false);
    assert!(runs[0]["blocking"].as_u64().unwrap() >= 1);
    assert!(
        v["reasons"][0]
            .as_str()
            .unwrap()
            .contains("at or above high in the latest run"),
        "{v:#}"
    );
    // The threshold can be raised for one evaluation; `none` never fails on findings.
    let (code, _) = gate(dir.path(), &["--fail-on", "none"]);
    assert_eq!(code, 0);

    // Fixing the leak and scanning the whole tree again opens the gate.
    std::fs::remove_file(dir.path().join("config/aws.ini")).unwrap();
    steward(dir.path())
        .args(["scan", ".", "--engines", "secrets", "-q"])
        .assert()
        .success();
    let out = steward(dir.path())
        .args(["gate", "--require", "scan"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("gate for shop (phase build): passed"),
        "{text}"
    );
    assert!(text.contains("ok   scan"), "{text}");

    // The verdicts are in the ledger (the first two came before there was one), and the
    // chain still verifies.
    let out = steward(dir.path())
        .args(["ledger", "list", "--kind", "gate", "--json"])
        .output()
        .unwrap();
    let gates: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let passed: Vec<bool> = gates
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["gate_passed"].as_bool().unwrap())
        .collect();
    assert_eq!(passed, [false, true, true], "{gates:#}");
    steward(dir.path())
        .args(["ledger", "verify"])
        .assert()
        .success();
}

#[test]
fn in_sunset_the_gate_fails_until_every_item_is_verified_or_attested() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "data/exports/customers.csv",
        "ana,ana@example.org\n",
    );
    write(
        dir.path(),
        "steward.toml",
        &manifest(
            "sunset",
            "[[asset]]\nid = \"exports\"\nkind = \"path\"\nlocation = \"data/exports\"\nholds = [\"pii\"]\n\n\
             [[asset]]\nid = \"api-token\"\nkind = \"credential\"\nlocation = \"vault://shop/api-token\"\n",
        ),
    );

    // Nothing verified yet: both items are open.
    let (code, v) = gate(dir.path(), &[]);
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(v["sunset"]["open"], 2, "{v:#}");
    let items = v["sunset"]["items"].as_array().unwrap();
    assert_eq!(items[0]["id"], "exports");
    assert_eq!(items[0]["status"], "not verified");
    assert!(
        items[1]["why"]
            .as_str()
            .unwrap()
            .contains("steward sunset attest api-token"),
        "{v:#}"
    );

    // The data is still there: verify says so, and the gate quotes it.
    steward(dir.path())
        .args(["sunset", "verify", "-q"])
        .assert()
        .code(1);
    let out = steward(dir.path()).arg("gate").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("phase = \"sunset\": 2 of 2 item(s) are neither verified nor attested"),
        "{text}"
    );
    assert!(text.contains("[ ] exports (data-path"), "{text}");
    assert!(text.contains("failed in `steward sunset verify`"), "{text}");

    // Wiping the data is not enough until verify has seen it.
    std::fs::remove_file(dir.path().join("data/exports/customers.csv")).unwrap();
    let (code, v) = gate(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(v["sunset"]["open"], 2);
    steward(dir.path())
        .args(["sunset", "verify", "-q"])
        .assert()
        .code(1);
    let (code, v) = gate(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(v["sunset"]["open"], 1, "{v:#}");
    assert_eq!(v["sunset"]["items"][0]["status"], "verified");

    // The credential only a person can vouch for: once attested, the gate opens, without
    // another verify.
    write(
        dir.path(),
        "evidence/revocation.txt",
        "revoked in the vault\n",
    );
    steward(dir.path())
        .args([
            "sunset",
            "attest",
            "api-token",
            "--by",
            "Ana Ruiz",
            "--evidence",
            "evidence/revocation.txt",
        ])
        .assert()
        .success();
    let (code, v) = gate(dir.path(), &[]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["sunset"]["open"], 0);
    assert_eq!(v["sunset"]["items"][1]["status"], "attested");
    assert_eq!(v["passed"], true);
}

#[test]
fn a_tampered_ledger_fails_the_gate_and_an_empty_sunset_inventory_too() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "steward.toml", &manifest("operate", ""));
    write(dir.path(), "src/app.py", "print('hello')\n");
    steward(dir.path())
        .args(["scan", ".", "--engines", "secrets", "-q"])
        .assert()
        .success();
    steward(dir.path()).arg("gate").assert().success();
    // Rewrite a recorded count behind the ledger's back.
    let db = rusqlite::Connection::open(dir.path().join(".steward/ledger.db")).unwrap();
    let changed = db
        .execute(
            "UPDATE ledger_records SET target = 'elsewhere' WHERE seq = 1",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(db);
    steward(dir.path())
        .arg("gate")
        .assert()
        .code(1)
        .stdout(contains("the ledger's hash chain is broken"));

    let empty = tempfile::tempdir().unwrap();
    write(empty.path(), "steward.toml", &manifest("sunset", ""));
    steward(empty.path())
        .arg("gate")
        .assert()
        .code(1)
        .stdout(contains("the decommission inventory is empty"));
    // No steward.toml: a usage error that says what to do.
    let bare = tempfile::tempdir().unwrap();
    steward(bare.path())
        .arg("gate")
        .assert()
        .code(2)
        .stderr(contains("run `steward init`"));
}
