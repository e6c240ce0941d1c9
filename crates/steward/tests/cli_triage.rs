//! Suppressions, the baseline, the gate, output formats and the ledger, through the real
//! binary on small fixture trees. Credentials in fixtures are assembled at run time so this
//! file itself holds none.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

/// A well-formed, fake AWS access key id (the same shape as the rule's own example).
fn aws_key() -> String {
    ["AKIA", "BLGRIRMSGBQP5MFY"].concat()
}

fn other_aws_key() -> String {
    ["AKIA", "QWZRMNB4KD7HPXLT"].concat()
}

/// `steward:ignore[ids]`, assembled so this file holds no live suppression comments.
fn ignore(ids: &str) -> String {
    format!("{}:ignore[{ids}]", "steward")
}

fn steward(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env_remove("STEWARD_FINGERPRINT_KEY")
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

fn tree(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, body) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
    dir
}

fn stdout_of(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_leaked_key_fails_the_gate_and_is_shown_like_a_compiler_error() {
    let dir = tree(&[(
        "app/config.py",
        format!("import os\nAWS_KEY = \"{}\"\n", aws_key()),
    )]);
    let (code, out, _) = stdout_of(steward(dir.path()).args(["scan", "--no-ledger", "."]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("app/config.py:2:12: critical [secrets/aws-access-key-id]"),
        "{out}"
    );
    assert!(out.contains("2 | AWS_KEY = \"AKIA…\""), "{out}");
    // The caret underlines the redacted value as shown, not the secret's full length.
    assert!(out.contains("  |            ^^^^^\n"), "{out}");
    assert!(
        !out.contains(&aws_key()),
        "secret leaked into output:\n{out}"
    );
    assert!(out.contains("gate (fail on high): FAILED"), "{out}");
}

#[test]
fn fail_on_flag_and_manifest_set_the_gate() {
    let dir = tree(&[("k.env", format!("KEY={}\n", aws_key()))]);
    steward(dir.path())
        .args(["scan", "--no-ledger", "--fail-on", "none", "."])
        .assert()
        .code(0);
    steward(dir.path())
        .args(["scan", "--no-ledger", "--fail-on", "critical", "."])
        .assert()
        .code(1);
    std::fs::write(
        dir.path().join("steward.toml"),
        "[product]\nname = \"t\"\n[policy]\nfail_on = \"none\"\n",
    )
    .unwrap();
    steward(dir.path())
        .args(["scan", "--no-ledger", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("gate (fail on none): passed"));
    // The command line wins over the manifest.
    steward(dir.path())
        .args(["scan", "--no-ledger", "--fail-on", "high", "."])
        .assert()
        .code(1);
}

#[test]
fn manifest_overrides_severity_and_disables_rules() {
    let dir = tree(&[("k.env", format!("KEY={}\n", aws_key()))]);
    std::fs::write(
        dir.path().join("steward.toml"),
        "[product]\nname = \"t\"\n[rules]\nseverity = { \"secrets/aws-*\" = \"medium\" }\n",
    )
    .unwrap();
    steward(dir.path())
        .args(["scan", "--no-ledger", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "medium [secrets/aws-access-key-id]",
        ));
    std::fs::write(
        dir.path().join("steward.toml"),
        "[product]\nname = \"t\"\n[rules]\ndisable = [\"secrets/aws-access-key-id\"]\n",
    )
    .unwrap();
    steward(dir.path())
        .args(["scan", "--no-ledger", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings"));
}

#[test]
fn inline_suppressions_on_the_line_or_the_line_before() {
    let body = format!(
        "a = \"{}\"  # {} documented test account\n\
         // {} fixture for the parser tests\n\
         b = \"{}\"\n",
        aws_key(),
        ignore("secrets/aws-access-key-id"),
        ignore("secrets/*"),
        other_aws_key()
    );
    let dir = tree(&[("src/keys.py", body)]);
    steward(dir.path())
        .args(["scan", "--no-ledger", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings"))
        .stdout(predicate::str::contains("2 suppressed inline"));
}

#[test]
fn a_suppression_without_reason_suppresses_but_is_reported() {
    let body = format!(
        "a = \"{}\"  # {}\n",
        aws_key(),
        ignore("secrets/aws-access-key-id")
    );
    let dir = tree(&[("keys.py", body)]);
    let (code, out, _) = stdout_of(steward(dir.path()).args(["scan", "--no-ledger", "."]));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("keys.py:1:1: low [steward/suppression-without-reason]"),
        "{out}"
    );
    assert!(out.contains("1 suppressed inline"), "{out}");
    steward(dir.path())
        .args(["scan", "--no-ledger", "--fail-on", "low", "."])
        .assert()
        .code(1);
}

#[test]
fn a_suppression_of_an_unknown_rule_is_a_usage_error() {
    let body = format!(
        "x = 1  # {} typo in the id\n",
        ignore("secrets/aws-acess-key-id")
    );
    let dir = tree(&[("keys.py", body)]);
    steward(dir.path())
        .args(["scan", "--no-ledger", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "keys.py:1: suppression names unknown rule `secrets/aws-acess-key-id`",
        ))
        .stderr(predicate::str::contains(
            "did you mean `secrets/aws-access-key-id`",
        ));
}

#[test]
fn the_baseline_hides_accepted_findings_and_survives_edits() {
    let dir = tree(&[("cfg/app.env", format!("KEY={}\n", aws_key()))]);
    steward(dir.path())
        .args(["scan", "--no-ledger", "--update-baseline", "."])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("wrote 1 finding to baseline"));
    let baseline = std::fs::read_to_string(dir.path().join(".steward/baseline.json")).unwrap();
    assert!(
        !baseline.contains(&aws_key()),
        "baseline must not store the secret"
    );

    steward(dir.path())
        .args(["scan", "--no-ledger", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 in the baseline"));

    // Lines added above the finding and whitespace changes keep its fingerprint.
    std::fs::write(
        dir.path().join("cfg/app.env"),
        format!("# settings\nDEBUG=0\n\nKEY = {}\n", aws_key()),
    )
    .unwrap();
    steward(dir.path())
        .args(["scan", "--no-ledger", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 in the baseline"));

    // A new key is new.
    std::fs::write(
        dir.path().join("cfg/more.env"),
        format!("K2={}\n", other_aws_key()),
    )
    .unwrap();
    let (code, out, _) = stdout_of(steward(dir.path()).args(["scan", "--no-ledger", "."]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("cfg/more.env:1:4"), "{out}");
    assert!(!out.contains("cfg/app.env"), "{out}");

    steward(dir.path())
        .args(["scan", "--no-ledger", "--no-baseline", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("cfg/app.env"));
    steward(dir.path())
        .args(["scan", "--no-ledger", "--baseline", "nope.json", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.json: no such baseline file"));
}

/// A short password, the kind an unkeyed fingerprint would give away to a guesser.
fn short_password() -> String {
    ["Kq7m", "Z2pL"].concat()
}

fn copy_tree(from: &Path, to: &Path, skip: &[&str]) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if skip.contains(&name.as_str()) {
            continue;
        }
        let dest = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy_tree(&entry.path(), &dest, skip);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

#[test]
fn secret_fingerprints_are_keyed_by_the_project_key() {
    let dir = tree(&[("app.env", format!("DB_PASSWORD={}\n", short_password()))]);
    let (code, _, err) = stdout_of(steward(dir.path()).args([
        "scan",
        "--no-ledger",
        "--engines",
        "secrets",
        "--update-baseline",
        ".",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("created") && err.contains("fingerprint.key"),
        "{err}"
    );
    let key_file = std::fs::read_to_string(dir.path().join(".steward/fingerprint.key")).unwrap();
    let baseline: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join(".steward/baseline.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(baseline["version"], 2);
    let key_id = baseline["fingerprint_key"].as_str().unwrap();
    let key_hex = key_file.lines().last().unwrap();
    assert!(
        !key_hex.contains(key_id),
        "the id is not a piece of the key"
    );

    // Reports carry the same keyed fingerprint, which is not the unkeyed hash of a guess.
    let (_, json, _) = stdout_of(steward(dir.path()).args([
        "scan",
        "--no-ledger",
        "--no-baseline",
        "--engines",
        "secrets",
        "-f",
        "json",
        ".",
    ]));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let fp = report["findings"][0]["fingerprint"].as_str().unwrap();
    assert_eq!(fp, baseline["findings"][0]["fingerprint"].as_str().unwrap());
    let guess = steward_core::Fingerprint::new(
        "secrets/generic-password",
        "app.env",
        short_password().as_bytes(),
    );
    assert_ne!(fp, guess.as_str());
    assert!(!json.contains(key_hex), "the key is never printed");

    // A copy with the key committed alongside matches the baseline; the key from the
    // environment does too.
    let with_key = tempfile::tempdir().unwrap();
    copy_tree(dir.path(), with_key.path(), &[]);
    let scan = |d: &Path| {
        let mut c = steward(d);
        c.args(["scan", "--no-ledger", "--engines", "secrets", "."]);
        c
    };
    scan(with_key.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 in the baseline"));
    let clean = tempfile::tempdir().unwrap();
    copy_tree(dir.path(), clean.path(), &[]);
    std::fs::remove_file(clean.path().join(".steward/fingerprint.key")).unwrap();
    scan(clean.path())
        .env("STEWARD_FINGERPRINT_KEY", key_hex)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 in the baseline"));

    // Without the key, a clean checkout says what to do instead of reporting the baselined
    // secret as new.
    let (code, _, err) = stdout_of(&mut scan(clean.path()));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!("made with fingerprint key {key_id}"))
            && err.contains("commit .steward/fingerprint.key"),
        "{err}"
    );

    // A baseline from before keyed fingerprints names the way out.
    let mut old = baseline.clone();
    old["version"] = 1.into();
    old.as_object_mut().unwrap().remove("fingerprint_key");
    std::fs::write(
        with_key.path().join(".steward/baseline.json"),
        old.to_string(),
    )
    .unwrap();
    let (code, _, err) = stdout_of(&mut scan(with_key.path()));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("made without a key") && err.contains("--update-baseline"),
        "{err}"
    );
}

#[test]
fn every_format_redacts_and_sarif_validates() {
    let dir = tree(&[("k.env", format!("KEY={}\n", aws_key()))]);
    for format in ["text", "json", "sarif", "junit", "markdown"] {
        let (code, out, _) =
            stdout_of(steward(dir.path()).args(["scan", "--no-ledger", "--format", format, "."]));
        assert_eq!(code, 1, "{format}: {out}");
        assert!(out.contains("secrets/aws-access-key-id"), "{format}: {out}");
        assert!(
            !out.contains(&aws_key()),
            "{format} leaks the secret:\n{out}"
        );
    }
    steward(dir.path())
        .args([
            "scan",
            "--no-ledger",
            "-f",
            "sarif",
            "-o",
            "out/report.sarif",
            ".",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty());
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/report.sarif")).unwrap())
            .unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/schemas/sarif-schema-2.1.0.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let with_secret = steward(dir.path())
        .args(["scan", "--no-ledger", "--show-secrets", "."])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&with_secret.stdout).contains(&aws_key()));
}

#[test]
fn quiet_prints_nothing_but_keeps_the_exit_code() {
    let dir = tree(&[("k.env", format!("KEY={}\n", aws_key()))]);
    steward(dir.path())
        .args(["scan", "--no-ledger", "-q", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty());
}

#[test]
fn binaries_are_skipped_and_large_files_only_scanned_for_secrets() {
    let dir = tree(&[("ok.txt", "hello\n".to_string())]);
    let mut bin = b"\0\x01\x02".to_vec();
    bin.extend_from_slice(aws_key().as_bytes());
    std::fs::write(dir.path().join("blob.bin"), bin).unwrap();
    let big = format!("{}\nKEY={}\n", "x".repeat(5000), aws_key());
    std::fs::write(dir.path().join("big.txt"), big).unwrap();
    // The secrets engine reads a file over --max-file-size piece by piece.
    steward(dir.path())
        .args(["scan", "--no-ledger", "--max-file-size", "4096", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "big.txt:2:5: critical [secrets/aws-access-key-id]",
        ))
        .stdout(predicate::str::contains("1 file skipped (1 binary)"));
    // Engines that read files whole do not get it, and the report says so.
    steward(dir.path())
        .args([
            "scan",
            "--no-ledger",
            "--max-file-size",
            "4096",
            "--engines",
            "code,iac",
            ".",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "2 files skipped (1 binary, 1 too large)",
        ));
}

#[test]
fn the_ledger_records_runs_and_detects_a_hand_edited_row() {
    let dir = tree(&[("k.env", format!("KEY={}\n", aws_key()))]);
    steward(dir.path()).args(["scan", "."]).assert().code(1);
    steward(dir.path())
        .args(["scan", "--fail-on", "none", "."])
        .assert()
        .code(0);
    steward(dir.path())
        .args(["ledger", "verify"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("ledger intact: 2 records"));
    let (code, list, _) = stdout_of(steward(dir.path()).args(["ledger", "list"]));
    assert_eq!(code, 0);
    assert!(list.contains("FAIL"), "{list}");
    assert!(list.contains("pass"), "{list}");
    let (_, show, _) = stdout_of(steward(dir.path()).args(["ledger", "show", "1"]));
    let rec: serde_json::Value = serde_json::from_str(&show).unwrap();
    assert_eq!(rec["counts"]["critical"], 1);
    assert_eq!(rec["kind"], "scan");
    assert_eq!(rec["report_sha256"].as_str().unwrap().len(), 64);

    let db = rusqlite::Connection::open(dir.path().join(".steward/ledger.db")).unwrap();
    db.execute("UPDATE ledger_records SET critical = 0 WHERE seq = 1", [])
        .unwrap();
    drop(db);
    steward(dir.path())
        .args(["ledger", "verify"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("record 1"))
        .stdout(predicate::str::contains("ledger BROKEN"));
    steward(dir.path())
        .args(["ledger", "export", "-o", "ledger.jsonl"])
        .assert()
        .code(0);
    let export = std::fs::read_to_string(dir.path().join("ledger.jsonl")).unwrap();
    assert_eq!(export.lines().count(), 2);
}

#[test]
fn rules_show_explains_and_rules_test_runs_examples() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) =
        stdout_of(steward(dir.path()).args(["rules", "show", "secrets/aws-access-key-id"]));
    assert_eq!(code, 0);
    for section in [
        "What it finds",
        "Why it matters",
        "A07:2021",
        "CWE-798",
        "Example",
        "Fix",
    ] {
        assert!(out.contains(section), "missing {section}:\n{out}");
    }
    steward(dir.path())
        .args(["rules", "show", "secrets/aws-acces-key-id"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean"));
    steward(dir.path())
        .args([
            "rules",
            "test",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../steward-secrets/rules"),
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(" 0 failed"));
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

#[test]
fn commit_profile_scans_what_is_staged_not_the_work_tree() {
    let dir = tree(&[("README.md", "hello\n".to_string())]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "init"]);
    // Staged: a key. Then the work tree removes it again; the commit would still carry it.
    std::fs::write(dir.path().join("app.env"), format!("KEY={}\n", aws_key())).unwrap();
    git(dir.path(), &["add", "app.env"]);
    std::fs::write(dir.path().join("app.env"), "KEY=\n").unwrap();
    // Unstaged: another key, not part of the commit.
    std::fs::write(
        dir.path().join("notes.txt"),
        format!("{}\n", other_aws_key()),
    )
    .unwrap();
    let (code, out, err) =
        stdout_of(steward(dir.path()).args(["scan", "--no-ledger", "--profile", "commit", "."]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("app.env:1:5"), "{out}");
    assert!(!out.contains("notes.txt"), "{out}");
    assert!(out.contains("1 file scanned"), "{out}");
    // `--staged` is the same scan.
    let (code, staged, err) =
        stdout_of(steward(dir.path()).args(["scan", "--no-ledger", "--staged", "."]));
    assert_eq!(code, 1, "{staged}{err}");
    assert_eq!(staged, out);
}

#[test]
fn ide_profile_scans_only_changed_and_untracked_files() {
    let dir = tree(&[("old.env", format!("KEY={}\n", aws_key()))]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "init"]);
    std::fs::write(
        dir.path().join("new.env"),
        format!("K={}\n", other_aws_key()),
    )
    .unwrap();
    let (code, out, _) =
        stdout_of(steward(dir.path()).args(["scan", "--no-ledger", "--profile", "ide", "."]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("new.env"), "{out}");
    assert!(!out.contains("old.env"), "{out}");
    // Outside a git work tree the ide profile says what it needs.
    let plain = tempfile::tempdir().unwrap();
    steward(plain.path())
        .args(["scan", "--no-ledger", "--profile", "ide", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a git work tree"));
}

#[test]
fn ledger_never_stores_a_typed_password() {
    let dir = tree(&[("a.txt", "x\n".to_string())]);
    let db = dir.path().join("team-ledger.db");
    steward(dir.path())
        .args(["--store"])
        .arg(&db)
        .args(["scan", ".", "--exclude=postgres://u:hunter2@h/db"])
        .assert()
        .code(0);
    let out = steward(dir.path())
        .args(["--store"])
        .arg(&db)
        .args(["ledger", "export"])
        .output()
        .unwrap();
    let export = String::from_utf8_lossy(&out.stdout);
    assert!(export.contains("--exclude="), "{export}");
    assert!(!export.contains("hunter2"), "{export}");
}

#[test]
fn eight_scans_at_once_leave_an_intact_ledger_with_every_run() {
    let dir = tree(&[("k.env", format!("KEY={}\n", aws_key()))]);
    let bin = assert_cmd::cargo::cargo_bin("steward");
    let children: Vec<_> = (0..8)
        .map(|_| {
            std::process::Command::new(&bin)
                .current_dir(dir.path())
                .env_remove("STEWARD_STORE")
                .args(["scan", "-q", "."])
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert_eq!(c.wait().unwrap().code(), Some(1));
    }
    steward(dir.path())
        .args(["ledger", "verify"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("ledger intact: 8 records"));
}

#[test]
fn the_pre_commit_hook_blocks_a_staged_secret() {
    let dir = tree(&[("README.md", "hello\n".to_string())]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "init"]);
    steward(dir.path())
        .args(["hook", "install"])
        .assert()
        .success();
    std::fs::write(dir.path().join("app.env"), format!("KEY={}\n", aws_key())).unwrap();
    git(dir.path(), &["add", "app.env"]);
    // The hook calls `steward` from PATH: put the binary under test first.
    let bin_dir = assert_cmd::cargo::cargo_bin("steward")
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let status = std::process::Command::new("git")
        .current_dir(dir.path())
        .args(["commit", "-qm", "leak"])
        .env("PATH", &path)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env_remove("STEWARD_STORE")
        .output()
        .unwrap();
    assert!(!status.status.success(), "the commit went through");
    // git hands a hook's standard output to its standard error.
    let said = String::from_utf8_lossy(&status.stderr);
    assert!(said.contains("app.env:1:5"), "{said}");
    // A hook that is not ours is left alone unless forced.
    steward(dir.path())
        .args(["hook", "uninstall"])
        .assert()
        .success();
    std::fs::write(
        dir.path().join(".git/hooks/pre-commit"),
        "#!/bin/sh\nexit 0\n",
    )
    .unwrap();
    steward(dir.path())
        .args(["hook", "install"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not written by steward"));
}

#[test]
fn report_shows_the_latest_run_of_each_check_and_the_trend() {
    let dir = tree(&[("k.env", format!("KEY={}\n", aws_key()))]);
    steward(dir.path())
        .args(["report"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no ledger at"));
    steward(dir.path())
        .args(["scan", "-q", "."])
        .assert()
        .code(1);
    let (code, out, _) = stdout_of(steward(dir.path()).args(["report"]));
    assert_eq!(code, 1, "a failing latest gate fails the report:\n{out}");
    assert!(out.contains("evidence trail: intact"), "{out}");
    assert!(out.contains("gate FAILED; 1 critical"), "{out}");
    assert!(out.contains("first run"), "{out}");

    std::fs::write(dir.path().join("k.env"), "KEY=\n").unwrap();
    steward(dir.path())
        .args(["scan", "-q", "."])
        .assert()
        .code(0);
    let (code, out, _) = stdout_of(steward(dir.path()).args(["report"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("gate passed; 0 critical"), "{out}");
    assert!(out.contains("-1 high/critical over 2 runs"), "{out}");

    let (_, md, _) = stdout_of(steward(dir.path()).args(["report", "-f", "markdown"]));
    assert!(md.contains("| scan | `.` | #2"), "{md}");
    let (_, json, _) = stdout_of(steward(dir.path()).args(["report", "-f", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["latest"][0]["runs"], 2);
    assert_eq!(v["ledger_intact"], true);

    let db = rusqlite::Connection::open(dir.path().join(".steward/ledger.db")).unwrap();
    db.execute("DELETE FROM ledger_records WHERE seq = 1", [])
        .unwrap();
    drop(db);
    steward(dir.path())
        .args(["report"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("evidence trail: BROKEN"));
}

#[test]
fn the_code_engine_reports_python_flaws_with_cwe_and_fix() {
    let dir = tree(&[(
        "svc/app.py",
        "import hashlib, requests\n\ndef get(u):\n    return requests.get(u, verify=False)\n\ndigest = hashlib.md5(b'x').hexdigest()\n".to_string(),
    )]);
    let (code, out, _) =
        stdout_of(steward(dir.path()).args(["scan", "--no-ledger", "--engines", "code", "."]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("svc/app.py:4:12: high [code/python/tls-verify-disabled]"),
        "{out}"
    );
    assert!(
        out.contains("svc/app.py:6:10: medium [code/python/weak-hash]"),
        "{out}"
    );
    let (_, sarif, _) =
        stdout_of(steward(dir.path()).args(["scan", "--no-ledger", "-f", "sarif", "."]));
    assert!(sarif.contains("external/cwe/cwe-295"), "{sarif}");
}
