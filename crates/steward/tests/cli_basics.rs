//! The command tree, exit codes and error messages, through the real binary.

use assert_cmd::Command;
use predicates::prelude::*;

fn steward() -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE").env("NO_COLOR", "1");
    c
}

#[test]
fn help_shows_every_phase() {
    let out = steward().arg("--help").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for cmd in [
        "init",
        "plan",
        "scan",
        "review",
        "deps",
        "db",
        "dast",
        "controls",
        "monitor",
        "dlp",
        "sunset",
        "report",
        "ledger",
        "serve",
        "rules",
        "completions",
    ] {
        assert!(
            text.contains(&format!("\n  {cmd} ")),
            "--help lacks {cmd}:\n{text}"
        );
    }
}

#[test]
fn version_prints_the_package_version() {
    steward()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn commands_without_an_engine_say_so_and_exit_2() {
    // `serve` (the team server) is the one command not built yet.
    steward()
        .arg("serve")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not available yet"));
}

#[test]
fn unknown_engine_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    steward()
        .args(["scan", "--no-ledger", "--engines", "magic"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown engine `magic`"));
}

#[test]
fn missing_path_is_exit_2_with_a_clear_message() {
    steward()
        .args(["scan", "--no-ledger", "/no/such/dir/here"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/no/such/dir/here: no such file or directory",
        ));
}

#[test]
fn malformed_manifest_names_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("steward.toml"),
        "[product]\nname = \"x\"\n\n[[component]]\nid = \"db\"\nkind = \"database\"\nzone = \"moon\"\n",
    )
    .unwrap();
    steward()
        .args(["scan", "--no-ledger"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "steward.toml:7:8: `component[0].zone`",
        ))
        .stderr(predicate::str::contains("moon"));
}

#[test]
fn unreachable_postgres_is_exit_2_and_hides_the_password() {
    let dir = tempfile::tempdir().unwrap();
    steward()
        .args([
            "--store",
            "postgres://ci:hunter2@127.0.0.1:1/ledger",
            "scan",
        ])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("127.0.0.1:1"))
        .stderr(predicate::str::contains("hunter2").not());
}

#[test]
fn completions_are_generated_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        steward()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("steward"));
    }
}

#[test]
fn empty_tree_scans_clean_and_records_a_ledger_entry() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "# nothing to see\n").unwrap();
    steward()
        .current_dir(dir.path())
        .args(["scan", "."])
        .assert()
        .success()
        .stdout(predicate::str::contains("no findings"))
        .stdout(predicate::str::contains("gate (fail on high): passed"));
    assert!(dir.path().join(".steward/ledger.db").is_file());
    steward()
        .current_dir(dir.path())
        .args(["ledger", "verify"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 records"));
}
