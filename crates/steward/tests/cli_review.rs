//! `steward review BASE..HEAD` through the real binary on a git repository built at run time:
//! new dependencies under scrutiny, security-sensitive paths, and only the findings the change
//! brings. Credentials are assembled at run time so this file holds none.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn steward(dir: &Path, db: &Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env("STEWARD_ADVISORY_DB", db)
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

fn write(dir: &Path, path: &str, body: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, body).unwrap();
}

fn aws_key(tail: &str) -> String {
    ["AKIA", tail].concat()
}

fn package_lock(extra: &str) -> String {
    format!(
        r#"{{
  "name": "web",
  "lockfileVersion": 3,
  "packages": {{
    "": {{ "name": "web", "dependencies": {{ "lodash": "4.17.21" }} }},
    "node_modules/lodash": {{
      "version": "4.17.21",
      "license": "MIT"
    }}{extra}
  }}
}}
"#
    )
}

const NEW_PACKAGES: &str = r#",
    "node_modules/lodahs": {
      "version": "1.0.0",
      "license": "MIT"
    },
    "node_modules/geddy": {
      "version": "13.0.7",
      "license": "GPL-3.0-only",
      "hasInstallScript": true
    }"#;

const MANIFEST: &str = "[product]\nname = \"shop\"\nowner = \"team\"\nphase = \"build\"\n\n[policy]\nsecurity_review = [\"src/auth/**\"]\n\n[deps]\ndeny_licenses = [\"GPL-3.0-only\"]\n";

fn osv(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/osv")
        .join(name)
}

/// main: a lockfile, an old secret, an auth module. topic: two new packages (one a
/// typosquat, one vulnerable with an install script and a denied licence), a change to
/// the auth module, a new secret.
fn repo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("advisories.db");
    steward(d, &db)
        .args(["db", "update", "--source"])
        .arg(osv("npm-all.zip"))
        .assert()
        .code(0);
    let repo = d.join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    write(&repo, "steward.toml", MANIFEST);
    write(&repo, "web/package-lock.json", &package_lock(""));
    write(
        &repo,
        "src/old.py",
        &format!("KEY = \"{}\"\n", aws_key("BLGRIRMSGBQP5MFY")),
    );
    write(
        &repo,
        "src/auth/login.py",
        "def login(user):\n    return user\n",
    );
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    git(&repo, &["checkout", "-q", "-b", "topic"]);
    write(&repo, "web/package-lock.json", &package_lock(NEW_PACKAGES));
    write(
        &repo,
        "src/new.py",
        &format!("KEY = \"{}\"\n", aws_key("QWZRMNB4KD7HPXLT")),
    );
    write(
        &repo,
        "src/auth/login.py",
        "def login(user):\n    return user.strip()\n",
    );
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "topic"]);
    (dir, repo)
}

#[test]
fn review_reports_what_the_change_brings_and_nothing_older() {
    let (dir, repo) = repo();
    let db = dir.path().join("advisories.db");
    let out = steward(&repo, &db)
        .args(["review", "main..topic", "--no-ledger", "-f", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["properties"]["package"]
                    .as_str()
                    .unwrap_or(f["location"]["path"].as_str().unwrap())
                    .to_string(),
            )
        })
        .collect();
    let has = |rule: &str, what: &str| found.contains(&(rule.to_string(), what.to_string()));
    assert!(has("review/dependency-added", "lodahs"), "{found:?}");
    assert!(has("review/dependency-added", "geddy"), "{found:?}");
    assert!(has("review/typosquat", "lodahs"), "{found:?}");
    assert!(has("deps/npm/NSWG-ECO-10", "geddy"), "{found:?}");
    assert!(has("review/install-script", "geddy"), "{found:?}");
    assert!(has("review/license-denied", "geddy"), "{found:?}");
    assert!(
        has("review/security-review-required", "src/auth/login.py"),
        "{found:?}"
    );
    assert!(has("secrets/aws-access-key-id", "src/new.py"), "{found:?}");
    // What was already on main is not the change's doing.
    assert!(
        !found
            .iter()
            .any(|(_, what)| what == "src/old.py" || what == "lodash"),
        "{found:?}"
    );
    assert!(!has("review/typosquat", "geddy"));
}

#[test]
fn review_is_recorded_and_bad_ranges_are_usage_errors() {
    let (dir, repo) = repo();
    let db = dir.path().join("advisories.db");
    steward(&repo, &db)
        .args([
            "review",
            "main",
            "-q",
            "--fail-on",
            "none",
            "--store",
            "ledger.db",
        ])
        .assert()
        .code(0);
    let out = steward(&repo, &db)
        .args(["ledger", "list", "--json", "--store", "ledger.db"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let records: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(records[0]["kind"], "review");
    assert_eq!(records[0]["payload"]["dependencies_added"], 2);
    steward(&repo, &db)
        .args(["review", "no-such-branch..topic", "--no-ledger"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`no-such-branch` is not a commit"));
    steward(dir.path(), &db)
        .args(["review", "main..topic", "--no-ledger"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not in a git repository"));
}
