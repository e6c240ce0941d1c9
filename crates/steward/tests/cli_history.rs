//! `steward scan --history` and `--since`, through the real binary on small git
//! repositories built at run time. Credentials are assembled at run time so this file holds
//! none.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

/// A well-formed, fake AWS access key id.
fn aws_key() -> String {
    ["AKIA", "BLGRIRMSGBQP5MFY"].concat()
}

fn other_aws_key() -> String {
    ["AKIA", "QWZRMNB4KD7HPXLT"].concat()
}

fn steward(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Ada Dev")
        .env("GIT_AUTHOR_EMAIL", "ada@example.com")
        .env("GIT_AUTHOR_DATE", "2026-03-04T05:06:07Z")
        .env("GIT_COMMITTER_NAME", "Ada Dev")
        .env("GIT_COMMITTER_EMAIL", "ada@example.com")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

fn rev(dir: &Path, name: &str) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["rev-parse", name])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn write(dir: &Path, path: &str, body: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, body).unwrap();
}

/// A repository where a key was committed and then removed, and a second key came in on a
/// later commit under a vendored path.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    write(d, "README.md", "hello\n");
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "start"]);
    write(
        d,
        "src/settings.py",
        &format!("AWS_ACCESS_KEY_ID = \"{}\"\n", aws_key()),
    );
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "add settings"]);
    write(
        d,
        "src/settings.py",
        "AWS_ACCESS_KEY_ID = os.environ[\"KEY\"]\n",
    );
    git(
        d,
        &["commit", "-q", "-am", "read the key from the environment"],
    );
    git(d, &["tag", "cleaned"]);
    write(
        d,
        "vendor/lib/conf.py",
        &format!("key = \"{}\"\n", other_aws_key()),
    );
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "vendor a library"]);
    dir
}

#[test]
fn history_finds_a_secret_the_work_tree_no_longer_holds() {
    let dir = repo();
    let d = dir.path();
    // The working tree holds only the vendored key.
    steward(d)
        .args(["scan", "--no-ledger", "--exclude", "vendor", "."])
        .assert()
        .code(0);

    let out = steward(d)
        .args(["scan", "--history", "--no-ledger", "-f", "json", "."])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2, "{report:#}");
    let settings = findings
        .iter()
        .find(|f| f["location"]["path"] == "src/settings.py")
        .expect("the removed key is found");
    assert_eq!(settings["rule_id"], "secrets/aws-access-key-id");
    assert_eq!(settings["location"]["start_line"], 1);
    let props = &settings["properties"];
    assert_eq!(props["commit"], rev(d, "cleaned~1"));
    assert_eq!(props["author"], "Ada Dev");
    assert!(props["date"].as_str().unwrap().starts_with("2026-03-04"));

    // The text report says where it came in.
    steward(d)
        .args(["scan", "--history", "--no-ledger", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "introduced in {} by Ada Dev on 2026-03-04",
            &rev(d, "cleaned~1")[..12]
        )))
        .stderr(predicate::str::contains("from 4 commits"));
}

#[test]
fn since_scans_only_what_came_in_later_and_excludes_apply() {
    let dir = repo();
    let d = dir.path();
    let out = steward(d)
        .args([
            "scan",
            "--since",
            "cleaned",
            "--no-ledger",
            "-f",
            "json",
            ".",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let paths: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["vendor/lib/conf.py"]);

    // --exclude and steward.toml's [scan] exclude drop paths from history too.
    steward(d)
        .args([
            "scan",
            "--history",
            "--no-ledger",
            "--exclude",
            "vendor",
            "--exclude",
            "src/settings.py",
            ".",
        ])
        .assert()
        .code(0);
    write(
        d,
        "steward.toml",
        "[product]\nname = \"demo\"\nowner = \"me\"\nphase = \"build\"\n\n[scan]\nexclude = [\"vendor/**\"]\n",
    );
    steward(d)
        .args(["scan", "--since", "cleaned", "--no-ledger", "."])
        .assert()
        .code(0);
}

#[test]
fn history_is_recorded_in_the_ledger() {
    let dir = repo();
    let d = dir.path();
    steward(d)
        .args(["scan", "--history", "-q", "--fail-on", "none", "."])
        .assert()
        .code(0);
    let out = steward(d)
        .args(["ledger", "list", "--json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let records: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(records[0]["payload"]["history"], true, "{text}");
}

#[test]
fn history_rejects_what_it_cannot_do() {
    let dir = repo();
    let d = dir.path();
    steward(d)
        .args(["scan", "--history", "--engines", "code", "--no-ledger", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--history scans for secrets only"));
    steward(d)
        .args(["scan", "--since", "no-such-tag", "--no-ledger", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--since no-such-tag"));
    let plain = tempfile::tempdir().unwrap();
    steward(plain.path())
        .args(["scan", "--history", "--no-ledger", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not in a git repository"));
    steward(d)
        .args([
            "scan",
            "--history",
            "--profile",
            "commit",
            "--no-ledger",
            ".",
        ])
        .assert()
        .code(2);
}
