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

/// A Cargo home whose copy of the registry index has `yanky` 0.3.1 (checksum `ab…`) yanked
/// and published `published`, in Cargo's index cache format 3.
fn cargo_home(dir: &Path, published: &str) -> PathBuf {
    let home = dir.join("cargo-home");
    let cache = home.join("registry/index/some-registry-5f1c/.cache/ya/nk");
    std::fs::create_dir_all(&cache).unwrap();
    let mut file = vec![3u8];
    file.extend(2u32.to_le_bytes());
    file.extend(b"etag\0");
    for (version, sum, yanked) in [("0.3.0", "aa", false), ("0.3.1", "ab", true)] {
        let sum = sum.repeat(32);
        let entry = format!(
            r#"{{"name":"yanky","vers":"{version}","deps":[],"cksum":"{sum}","features":{{}},"yanked":{yanked},"pubtime":"{published}"}}"#
        );
        file.extend(version.as_bytes());
        file.push(0);
        file.extend(entry.as_bytes());
        file.push(0);
    }
    std::fs::write(cache.join("yanky"), file).unwrap();
    home
}

fn cargo_lock(version: &str, sum: &str) -> String {
    format!(
        "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"yanky\"]\n\n\
         [[package]]\nname = \"yanky\"\nversion = \"{version}\"\n\
         source = \"registry+https://registry.example/index\"\nchecksum = \"{}\"\n",
        sum.repeat(32)
    )
}

#[test]
fn review_flags_a_yanked_or_days_old_release_from_cargos_local_index() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    write(&repo, "Cargo.lock", &cargo_lock("0.3.0", "aa"));
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    git(&repo, &["checkout", "-q", "-b", "topic"]);
    write(&repo, "Cargo.lock", &cargo_lock("0.3.1", "ab"));
    git(&repo, &["commit", "-q", "-am", "upgrade"]);

    let yesterday = (chrono::Utc::now() - chrono::Duration::days(1))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let home = cargo_home(dir.path(), &yesterday);
    let review = |repo: &Path| -> Vec<(String, String)> {
        let out = steward(repo, &dir.path().join("no.db"))
            .env("CARGO_HOME", &home)
            .args([
                "review",
                "main..topic",
                "--no-ledger",
                "-f",
                "json",
                "--engines",
                "secrets",
            ])
            .assert()
            .get_output()
            .stdout
            .clone();
        let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule_id"].as_str().unwrap().to_string(),
                    f["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let found = review(&repo);
    let message = |rule: &str| {
        found
            .iter()
            .find(|(r, _)| r == rule)
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| panic!("{rule} in {found:#?}"))
    };
    assert!(message("review/yanked-release").contains("`yanky@0.3.1` was yanked"));
    assert!(message("review/new-release").contains("published a day ago"));

    // steward.toml can turn the age check off; the yank stays.
    write(
        &repo,
        "steward.toml",
        "[product]\nname = \"app\"\nowner = \"team\"\nphase = \"build\"\n\n[deps]\n\
         min_release_age_days = 0\n",
    );
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "policy"]);
    let found = review(&repo);
    assert!(found.iter().any(|(r, _)| r == "review/yanked-release"));
    assert!(
        !found.iter().any(|(r, _)| r == "review/new-release"),
        "{found:#?}"
    );
}
