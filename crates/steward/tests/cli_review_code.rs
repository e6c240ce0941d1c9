//! The code part of `steward review BASE..HEAD`, through the real binary on git
//! repositories made here with the git CLI: only the findings a change brings (moved and
//! renamed code is not new), security-sensitive hunks with their reasons and lines, the
//! security sign-off (trailers, `--approved-by`, who counts), and the Markdown and SARIF a
//! pull request shows. The work tree is never touched.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn steward(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env("STEWARD_ADVISORY_DB", dir.join("no-advisories.db"))
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Dev")
        .env("GIT_AUTHOR_EMAIL", "dev@example.com")
        .env("GIT_COMMITTER_NAME", "Dev")
        .env("GIT_COMMITTER_EMAIL", "dev@example.com")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn write(dir: &Path, path: &str, body: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, body).unwrap();
}

fn new_repo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    (dir, repo)
}

fn commit_all(repo: &Path, message: &str) {
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", message]);
}

/// Runs `steward review RANGE` with `extra` flags; returns the exit code and stdout.
fn review(repo: &Path, range: &str, extra: &[&str]) -> (i32, String) {
    let out = steward(repo)
        .args(["review", range, "--no-ledger"])
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "steward review panicked: {stderr}"
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn review_json(repo: &Path, range: &str, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec!["-f", "json"];
    args.extend_from_slice(extra);
    let (code, out) = review(repo, range, &args);
    let report = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    (code, report)
}

fn findings<'a>(report: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == rule)
        .collect()
}

const SQLI: &str = "code/python/sql-injection";

/// A Flask view whose query is built from a request parameter, named `name`.
fn view(name: &str, column: &str) -> String {
    format!(
        "@app.route(\"/{name}\")\ndef {name}():\n    value = request.args.get(\"q\")\n    sql = \"SELECT * FROM users WHERE {column} = '%s'\" % value\n    return sqlite3.connect(\"a.db\").execute(sql).fetchall()\n"
    )
}

const HEADER: &str =
    "import sqlite3\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n";

fn helper(n: usize) -> String {
    format!("def helper_{n}(x):\n    return x * {n}\n")
}

#[test]
fn only_the_sql_injection_the_change_brings_is_reported() {
    let (dir, repo) = new_repo();
    // Merge base: one injection already there, in `search`, and a file that will be renamed.
    let base = format!(
        "{HEADER}{}\n\n{}\n\n{}",
        view("search", "name"),
        helper(1),
        helper(2)
    );
    write(&repo, "app.py", &base);
    write(
        &repo,
        "legacy/report.py",
        &format!("{HEADER}{}", view("report", "email")),
    );
    commit_all(&repo, "base");
    git(&repo, &["checkout", "-q", "-b", "topic"]);
    // Topic: `search` moves below the helpers unchanged, a new injection arrives in
    // `lookup`, and legacy/report.py is renamed with one line edited.
    let head = format!(
        "{HEADER}{}\n\n{}\n\n{}\n\n{}",
        helper(1),
        helper(2),
        view("search", "name"),
        view("lookup", "id")
    );
    write(&repo, "app.py", &head);
    std::fs::create_dir_all(repo.join("reports")).unwrap();
    git(&repo, &["mv", "legacy/report.py", "reports/report.py"]);
    let renamed = std::fs::read_to_string(repo.join("reports/report.py"))
        .unwrap()
        .replace("app = Flask(__name__)", "app = Flask(\"reports\")");
    write(&repo, "reports/report.py", &renamed);
    commit_all(&repo, "lookup");
    git(&repo, &["checkout", "-q", "main"]);
    let before = std::fs::read_to_string(repo.join("app.py")).unwrap();

    let (code, report) = review_json(&repo, "main..topic", &["--engines", "code"]);
    let sqli = findings(&report, SQLI);
    assert_eq!(sqli.len(), 1, "{sqli:#?}");
    // The reported sink is the one in `lookup`, the function the change added.
    let lines: Vec<&str> = head.lines().collect();
    let lookup = lines
        .iter()
        .position(|l| l.starts_with("def lookup"))
        .unwrap();
    let sink = lookup
        + lines[lookup..]
            .iter()
            .position(|l| l.contains("execute(sql)"))
            .unwrap();
    assert_eq!(sqli[0]["location"]["path"], "app.py");
    assert_eq!(
        sqli[0]["location"]["start_line"],
        sink as u64 + 1,
        "{:#}",
        sqli[0]
    );
    assert_eq!(code, 1, "a new high finding fails the gate");
    assert_eq!(report["review"]["analysed"]["changed_files"], 2);

    // The work tree and the checked-out branch are as they were.
    assert_eq!(
        std::fs::read_to_string(repo.join("app.py")).unwrap(),
        before
    );
    assert_eq!(git(&repo, &["status", "--porcelain"]), "");
    assert_eq!(
        git(&repo, &["rev-parse", "--abbrev-ref", "HEAD"]).trim(),
        "main"
    );
    drop(dir);
}

#[test]
fn a_change_that_only_moves_code_brings_no_finding() {
    let (_dir, repo) = new_repo();
    write(
        &repo,
        "app.py",
        &format!("{HEADER}{}\n\n{}", view("search", "name"), helper(1)),
    );
    commit_all(&repo, "base");
    git(&repo, &["checkout", "-q", "-b", "topic"]);
    write(
        &repo,
        "app.py",
        &format!("{HEADER}{}\n\n\n{}", helper(1), view("search", "name")),
    );
    commit_all(&repo, "reorder");
    let (code, report) = review_json(&repo, "main..topic", &["--engines", "code"]);
    assert!(findings(&report, SQLI).is_empty(), "{report:#}");
    assert_eq!(code, 0);
}

const POLICY: &str = "[product]\nname = \"shop\"\nowner = \"team\"\nphase = \"build\"\n\n[policy]\nsecurity_review = [\"src/auth/**\"]\nsecurity_reviewers = [\"Ana Ruiz <ana@example.com>\", \"sec-team@example.com\"]\n";

fn users(rounds: u32) -> String {
    format!(
        "import bcrypt\n\n\ndef store_password(user, password):\n    user.pw_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt({rounds}))\n    return user\n\n\ndef greeting(user):\n    return \"hello \" + user.name\n"
    )
}

/// main: the policy and a password-hashing module. topic: the work factor lowered, and a
/// harmless edit elsewhere.
fn sensitive_repo() -> (tempfile::TempDir, PathBuf) {
    let (dir, repo) = new_repo();
    write(&repo, "steward.toml", POLICY);
    write(&repo, "src/users.py", &users(12));
    write(&repo, "src/views.py", "def index():\n    return 'ok'\n");
    commit_all(&repo, "base");
    git(&repo, &["checkout", "-q", "-b", "topic"]);
    write(&repo, "src/users.py", &users(4));
    write(&repo, "src/views.py", "def index():\n    return 'fine'\n");
    commit_all(&repo, "faster logins");
    (dir, repo)
}

#[test]
fn a_password_hashing_change_needs_a_listed_reviewers_sign_off() {
    let (_dir, repo) = sensitive_repo();
    let (code, report) = review_json(&repo, "main..topic", &["--engines", "code,secrets"]);
    assert_eq!(code, 1, "{report:#}");
    let sensitive = findings(&report, "review/security-review-required");
    assert_eq!(sensitive.len(), 1, "{sensitive:#?}");
    let s = sensitive[0];
    assert_eq!(s["location"]["path"], "src/users.py");
    assert_eq!(s["location"]["start_line"], 5);
    assert_eq!(s["properties"]["category"], "authentication");
    assert!(
        s["message"]
            .as_str()
            .unwrap()
            .contains("password hashing or verification: `bcrypt.hashpw`"),
        "{s:#}"
    );
    let missing = findings(&report, "review/security-sign-off-missing");
    assert_eq!(missing.len(), 1);
    let m = missing[0]["message"].as_str().unwrap();
    assert!(m.contains("Ana Ruiz <ana@example.com>"), "{m}");
    assert!(m.contains("sec-team@example.com"), "{m}");
    assert_eq!(report["review"]["sign_off"]["status"], "missing");
    assert_eq!(report["review"]["sign_off"]["sensitive_changes"], 1);
    assert!(
        report["review"]["policy_from"]
            .as_str()
            .unwrap()
            .contains("at the merge base"),
        "{}",
        report["review"]["policy_from"]
    );

    // A listed reviewer's approval on the command line passes it, by name or by email.
    let (code, report) = review_json(
        &repo,
        "main..topic",
        &["--engines", "code,secrets", "--approved-by", "Ana Ruiz"],
    );
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["review"]["sign_off"]["status"], "approved");
    assert!(findings(&report, "review/security-sign-off-missing").is_empty());
    // The sensitive change is still listed, for the record.
    assert_eq!(
        findings(&report, "review/security-review-required").len(),
        1
    );
    let (code, _) = review(
        &repo,
        "main..topic",
        &["--engines", "code", "--approved-by", "sec-team@example.com"],
    );
    assert_eq!(code, 0);

    // Someone not on the list does not count, and the report says so.
    let (code, report) = review_json(
        &repo,
        "main..topic",
        &[
            "--engines",
            "code",
            "--approved-by",
            "Bob <bob@example.com>",
        ],
    );
    assert_eq!(code, 1);
    let not_counted = &report["review"]["sign_off"]["not_counted"][0];
    assert_eq!(not_counted["by"], "Bob <bob@example.com>");
    assert!(
        not_counted["reason"]
            .as_str()
            .unwrap()
            .contains("not in steward.toml's [policy] security_reviewers"),
        "{not_counted:#}"
    );
}

#[test]
fn a_trailer_from_a_listed_reviewer_signs_off_and_others_do_not() {
    let (_dir, repo) = sensitive_repo();
    // A non-reviewer's trailer.
    git(
        &repo,
        &[
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "review",
            "--trailer",
            "Security-Reviewed-by: Bob <bob@example.com>",
        ],
    );
    let (code, out) = review(&repo, "main..topic", &["--engines", "code"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("not counted: Bob <bob@example.com>"), "{out}");
    // An impostor with a listed name and someone else's email does not count either.
    git(
        &repo,
        &[
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "review",
            "--trailer",
            "Security-Reviewed-by: Ana Ruiz <ana@evil.test>",
        ],
    );
    assert_eq!(review(&repo, "main..topic", &["--engines", "code"]).0, 1);
    // The listed reviewer's trailer counts.
    git(
        &repo,
        &[
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "security review",
            "--trailer",
            "Security-Reviewed-by: Ana Ruiz <ana@example.com>",
        ],
    );
    let (code, report) = review_json(&repo, "main..topic", &["--engines", "code"]);
    assert_eq!(code, 0, "{report:#}");
    let approval = &report["review"]["sign_off"]["approvals"][0];
    assert_eq!(approval["by"], "Ana Ruiz <ana@example.com>");
    assert!(
        approval["source"]
            .as_str()
            .unwrap()
            .starts_with("Security-Reviewed-by trailer in "),
        "{approval:#}"
    );
    // A later change to the sensitive file makes the approval stale.
    write(&repo, "src/users.py", &users(5));
    commit_all(&repo, "tweak");
    let (code, report) = review_json(&repo, "main..topic", &["--engines", "code"]);
    assert_eq!(code, 1, "{report:#}");
    let stale = report["review"]["sign_off"]["not_counted"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["by"] == "Ana Ruiz <ana@example.com>")
        .unwrap();
    assert!(
        stale["reason"].as_str().unwrap().contains("`src/users.py`"),
        "{stale:#}"
    );
}

#[test]
fn removing_an_access_check_and_touching_a_review_path_are_sensitive() {
    let (_dir, repo) = new_repo();
    write(&repo, "steward.toml", POLICY);
    write(
        &repo,
        "src/admin.py",
        "from django.contrib.auth.decorators import login_required\n\n\n@login_required\ndef purge(request):\n    return do_purge()\n",
    );
    write(&repo, "src/auth/tokens.txt", "rotation: 30d\n");
    commit_all(&repo, "base");
    git(&repo, &["checkout", "-q", "-b", "topic"]);
    write(
        &repo,
        "src/admin.py",
        "from django.contrib.auth.decorators import login_required\n\n\ndef purge(request):\n    return do_purge()\n",
    );
    write(&repo, "src/auth/tokens.txt", "rotation: 365d\n");
    // The change also tries to add its author to the reviewers: the merge base's policy
    // governs, so that does not count, and the edit is itself sensitive.
    write(
        &repo,
        "steward.toml",
        &POLICY.replace(
            "\"sec-team@example.com\"]",
            "\"sec-team@example.com\", \"Dev <dev@example.com>\"]",
        ),
    );
    commit_all(&repo, "simplify");
    let (code, report) = review_json(
        &repo,
        "main..topic",
        &[
            "--engines",
            "code",
            "--approved-by",
            "Dev <dev@example.com>",
        ],
    );
    assert_eq!(code, 1, "{report:#}");
    let sensitive = findings(&report, "review/security-review-required");
    let messages: Vec<(&str, &str)> = sensitive
        .iter()
        .map(|f| {
            (
                f["location"]["path"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        messages.iter().any(|(p, m)| *p == "src/admin.py"
            && m.starts_with("removes an authentication or authorization decorator")
            && m.contains("`@login_required`")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|(p, m)| *p == "src/auth/tokens.txt" && m.contains("`src/auth/**`")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|(p, m)| *p == "steward.toml" && m.contains("[policy]")),
        "{messages:#?}"
    );
    assert!(
        report["review"]["sign_off"]["not_counted"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("not in steward.toml's [policy] security_reviewers")
    );
}

#[test]
fn markdown_and_sarif_carry_the_review() {
    let (_dir, repo) = sensitive_repo();
    // Also a new injection, so every section shows.
    write(
        &repo,
        "src/search.py",
        &format!("{HEADER}{}", view("lookup", "id")),
    );
    commit_all(&repo, "search");
    let (code, md) = review(
        &repo,
        "main..topic",
        &["--engines", "code", "-f", "markdown"],
    );
    assert_eq!(code, 1);
    assert!(
        md.starts_with("## steward review `main..topic`: changes needed\n"),
        "{md}"
    );
    assert!(md.contains("**Security sign-off required.** This change has 1 security-sensitive change and no approval from a security reviewer. One of these must review it: `Ana Ruiz <ana@example.com>`, `sec-team@example.com`."), "{md}");
    assert!(
        md.contains("**Gate failed**: 1 new finding at or above high."),
        "{md}"
    );
    assert!(md.contains("| New findings | 1 |"), "{md}");
    assert!(md.contains("| Security-sensitive changes | 1 |"), "{md}");
    assert!(
        md.contains("### Security-sensitive changes (1)\n\n| File | Lines | Why |\n| :--- | :--- | :--- |\n| `src/users.py` | 5 | password hashing or verification: `bcrypt.hashpw` (authentication) |"),
        "{md}"
    );
    assert!(md.contains("### New findings (1)"), "{md}");
    assert!(md.contains("`src/search.py:"), "{md}");
    assert!(md.contains("`code/python/sql-injection`"), "{md}");
    assert!(md.contains("```python\n"), "{md}");
    assert!(!md.contains("<script"), "{md}");
    assert!(md.len() < 65_536);

    let (_, sarif) = review(&repo, "main..topic", &["--engines", "code", "-f", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    for id in [
        "review/security-sign-off-missing",
        "review/security-review-required",
        "code/python/sql-injection",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }

    // With the sign-off the Markdown says who gave it.
    let (code, md) = review(
        &repo,
        "main..topic",
        &[
            "--engines",
            "code",
            "-f",
            "markdown",
            "--fail-on",
            "none",
            "--approved-by",
            "ana@example.com",
        ],
    );
    assert_eq!(code, 0, "{md}");
    assert!(
        md.starts_with("## steward review `main..topic`: passed\n"),
        "{md}"
    );
    assert!(
        md.contains("**Security sign-off given** by `ana@example.com` (--approved-by)."),
        "{md}"
    );
}

#[test]
fn the_json_report_with_its_review_section_matches_the_schema() {
    let (_dir, repo) = sensitive_repo();
    let (_, report) = review_json(&repo, "main..topic", &["--engines", "code"]);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema/report.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// A changed view that starts passing request data to a helper in an unchanged module: the
/// injection is at the helper's sink, in a file the change did not touch, and is found
/// because the review reads the modules a changed file imports.
#[test]
fn a_new_flow_into_an_unchanged_module_is_found() {
    let (_dir, repo) = new_repo();
    let db = "import sqlite3\n\n\ndef run(sql):\n    return sqlite3.connect(\"a.db\").execute(sql).fetchall()\n";
    write(&repo, "shop/db.py", db);
    write(
        &repo,
        "shop/views.py",
        "from flask import request\nfrom .db import run\n\n\ndef search():\n    return run(\"SELECT * FROM items\")\n",
    );
    for i in 0..5 {
        write(&repo, &format!("shop/unrelated_{i}.py"), &helper(i));
    }
    commit_all(&repo, "base");
    git(&repo, &["checkout", "-q", "-b", "topic"]);
    write(
        &repo,
        "shop/views.py",
        "from flask import request\nfrom .db import run\n\n\ndef search():\n    term = request.args.get(\"q\")\n    return run(\"SELECT * FROM items WHERE name = '%s'\" % term)\n",
    );
    commit_all(&repo, "search by name");
    let (_, report) = review_json(&repo, "main..topic", &["--engines", "code"]);
    let sqli = findings(&report, SQLI);
    assert!(
        sqli.iter().any(|f| f["location"]["path"] == "shop/db.py"),
        "{sqli:#?}"
    );
    // The changed file and the module it imports; not the unrelated ones.
    assert_eq!(report["review"]["analysed"]["changed_files"], 1);
    assert_eq!(
        report["review"]["analysed"]["context_files"], 1,
        "{:#}",
        report["review"]
    );
}

/// An unchanged view passes request data to a helper the change makes unsafe: found because
/// the review reads the modules that import a changed file.
#[test]
fn an_unchanged_caller_reaching_a_changed_helper_is_followed() {
    let (_dir, repo) = new_repo();
    write(
        &repo,
        "shop/views.py",
        "from flask import request\nfrom .db import lookup\n\n\ndef search():\n    return lookup(request.args.get(\"q\"))\n",
    );
    write(
        &repo,
        "shop/db.py",
        "import sqlite3\n\n\ndef lookup(name):\n    return sqlite3.connect(\"a.db\").execute(\"SELECT * FROM items WHERE name = ?\", (name,)).fetchall()\n",
    );
    commit_all(&repo, "base");
    git(&repo, &["checkout", "-q", "-b", "topic"]);
    write(
        &repo,
        "shop/db.py",
        "import sqlite3\n\n\ndef lookup(name):\n    sql = \"SELECT * FROM items WHERE name = '%s'\" % name\n    return sqlite3.connect(\"a.db\").execute(sql).fetchall()\n",
    );
    commit_all(&repo, "simpler query");
    let (_, report) = review_json(&repo, "main..topic", &["--engines", "code"]);
    let sqli = findings(&report, SQLI);
    assert!(
        sqli.iter().any(|f| f["location"]["path"] == "shop/db.py"
            && f["message"].as_str().unwrap().contains("Flask")),
        "{sqli:#?}"
    );
    assert_eq!(
        report["review"]["analysed"]["context_files"], 1,
        "{:#}",
        report["review"]
    );
}

/// One language's file at the merge base, a change to a line that uses a sensitive API
/// (with the detector that must name it), and a change to a line that uses none.
struct SensitiveCase {
    path: &'static str,
    base: &'static str,
    /// `(old, new)` text replaced in `base`.
    sensitive: (&'static str, &'static str),
    unrelated: (&'static str, &'static str),
    detector: &'static str,
    category: &'static str,
}

/// Through the review command: the sensitive change is listed with its detector, reason,
/// category and line, and fails the review until a listed security reviewer signs off; the
/// other change is not listed and the review passes.
fn sensitive_change_is_listed_and_the_other_is_not(case: &SensitiveCase) {
    let (_dir, repo) = new_repo();
    write(&repo, "steward.toml", POLICY);
    write(&repo, case.path, case.base);
    commit_all(&repo, "base");
    for (branch, (old, new)) in [("sensitive", case.sensitive), ("unrelated", case.unrelated)] {
        assert!(
            case.base.contains(old),
            "{}: `{old}` not in the base",
            case.path
        );
        git(&repo, &["checkout", "-q", "-b", branch, "main"]);
        write(&repo, case.path, &case.base.replace(old, new));
        commit_all(&repo, branch);
    }
    git(&repo, &["checkout", "-q", "main"]);
    let head = case.base.replace(case.sensitive.0, case.sensitive.1);
    let line = head
        .lines()
        .position(|l| l.contains(case.sensitive.1.lines().next().unwrap()))
        .unwrap() as u64
        + 1;

    let (code, report) = review_json(&repo, "main..sensitive", &["--engines", "code"]);
    let sensitive = findings(&report, "review/security-review-required");
    let hit = sensitive
        .iter()
        .find(|f| f["properties"]["detector"] == case.detector)
        .unwrap_or_else(|| {
            panic!(
                "{}: no {} finding: {sensitive:#?}",
                case.path, case.detector
            )
        });
    assert_eq!(hit["location"]["path"], case.path);
    assert_eq!(hit["location"]["start_line"], line, "{hit:#}");
    assert_eq!(hit["properties"]["category"], case.category, "{hit:#}");
    let reason = hit["properties"]["reason"].as_str().unwrap();
    // Said as it is, or as its removal (`->middleware('auth')` dropped).
    assert!(
        !reason.is_empty() && hit["message"].as_str().unwrap().contains(reason),
        "{hit:#}"
    );
    assert_eq!(code, 1, "{}: {report:#}", case.path);
    let missing = findings(&report, "review/security-sign-off-missing");
    assert_eq!(missing.len(), 1, "{}: {report:#}", case.path);
    assert!(
        missing[0]["message"]
            .as_str()
            .unwrap()
            .contains("Ana Ruiz <ana@example.com>")
    );
    // A listed reviewer's approval passes it.
    let (code, _) = review_json(
        &repo,
        "main..sensitive",
        &["--engines", "code", "--approved-by", "ana@example.com"],
    );
    assert_eq!(code, 0, "{}", case.path);

    let (code, report) = review_json(&repo, "main..unrelated", &["--engines", "code"]);
    let listed = findings(&report, "review/security-review-required");
    assert!(listed.is_empty(), "{}: {listed:#?}", case.path);
    assert_eq!(report["review"]["sign_off"]["status"], "not-needed");
    assert_eq!(code, 0, "{}: {report:#}", case.path);
}

#[test]
fn java_authorization_annotation_change_needs_sign_off() {
    sensitive_change_is_listed_and_the_other_is_not(&SensitiveCase {
        path: "src/main/java/shop/AccountService.java",
        base: "package shop;\n\nimport org.springframework.security.access.prepost.PreAuthorize;\nimport org.springframework.security.crypto.password.PasswordEncoder;\n\npublic class AccountService {\n    private final PasswordEncoder passwordEncoder;\n    private final Accounts accounts;\n\n    public AccountService(PasswordEncoder passwordEncoder, Accounts accounts) {\n        this.passwordEncoder = passwordEncoder;\n        this.accounts = accounts;\n    }\n\n    public void register(String name, String rawPassword) {\n        accounts.save(name, passwordEncoder.encode(rawPassword));\n    }\n\n    @PreAuthorize(\"hasRole('ADMIN')\")\n    public void purge(String name) {\n        accounts.delete(name);\n    }\n\n    public String greeting(String name) {\n        return \"Hello \" + name;\n    }\n}\n",
        sensitive: ("hasRole('ADMIN')", "hasRole('USER')"),
        unrelated: ("\"Hello \" + name", "\"Hi \" + name"),
        detector: "java/access-control-annotation",
        category: "access control",
    });
}

#[test]
fn java_password_encoding_change_needs_sign_off() {
    sensitive_change_is_listed_and_the_other_is_not(&SensitiveCase {
        path: "src/main/java/shop/Security.java",
        base: "package shop;\n\nimport org.springframework.context.annotation.Bean;\nimport org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;\nimport org.springframework.security.crypto.password.PasswordEncoder;\n\npublic class Security {\n    @Bean\n    PasswordEncoder passwordEncoder() {\n        return new BCryptPasswordEncoder(12);\n    }\n\n    @Bean\n    Clock clock() {\n        return Clock.systemUTC();\n    }\n}\n",
        sensitive: (
            "new BCryptPasswordEncoder(12)",
            "new BCryptPasswordEncoder(4)",
        ),
        unrelated: ("Clock.systemUTC()", "Clock.systemDefaultZone()"),
        detector: "java/password-hashing",
        category: "authentication",
    });
}

#[test]
fn go_cookie_flag_change_needs_sign_off() {
    sensitive_change_is_listed_and_the_other_is_not(&SensitiveCase {
        path: "internal/web/session.go",
        base: "package web\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n\nfunc SetSession(w http.ResponseWriter, id string) {\n\thttp.SetCookie(w, &http.Cookie{\n\t\tName:     \"sid\",\n\t\tValue:    id,\n\t\tHttpOnly: true,\n\t\tSecure:   true,\n\t\tExpires:  time.Now().Add(12 * time.Hour),\n\t})\n}\n\nfunc Greeting(name string) string {\n\treturn \"hello \" + name\n}\n",
        sensitive: ("Secure:   true", "Secure:   false"),
        unrelated: ("\"hello \" + name", "\"hi \" + name"),
        detector: "go/session-and-cookies",
        category: "session handling",
    });
}

#[test]
fn go_auth_middleware_change_needs_sign_off() {
    sensitive_change_is_listed_and_the_other_is_not(&SensitiveCase {
        path: "internal/web/routes.go",
        base: "package web\n\nimport \"net/http\"\n\nfunc RequireAuth(next http.Handler) http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\t\tif r.Header.Get(\"Authorization\") == \"\" {\n\t\t\thttp.Error(w, \"unauthorized\", http.StatusUnauthorized)\n\t\t\treturn\n\t\t}\n\t\tnext.ServeHTTP(w, r)\n\t})\n}\n\nfunc Routes(mux *http.ServeMux, admin, about http.Handler) {\n\tmux.Handle(\"/admin\", RequireAuth(admin))\n\tmux.Handle(\"/about\", about)\n}\n",
        sensitive: ("== \"\" {", "== \"none\" {"),
        unrelated: ("\"/about\", about", "\"/about-us\", about"),
        detector: "go/auth-middleware",
        category: "access control",
    });
}

#[test]
fn php_password_hashing_change_needs_sign_off() {
    sensitive_change_is_listed_and_the_other_is_not(&SensitiveCase {
        path: "app/users.php",
        base: "<?php\nfunction store_user(PDO $db, string $name, string $plain): void\n{\n    $hash = password_hash($plain, PASSWORD_DEFAULT);\n    $stmt = $db->prepare('INSERT INTO users (name, hash) VALUES (?, ?)');\n    $stmt->execute([$name, $hash]);\n}\n\nfunction greeting(string $name): string\n{\n    return 'Hello ' . ucfirst($name);\n}\n",
        sensitive: (
            "password_hash($plain, PASSWORD_DEFAULT)",
            "password_hash($plain, PASSWORD_BCRYPT, ['cost' => 4])",
        ),
        unrelated: ("'Hello '", "'Hi '"),
        detector: "php/password-hashing",
        category: "authentication",
    });
}

#[test]
fn php_laravel_auth_middleware_change_needs_sign_off() {
    sensitive_change_is_listed_and_the_other_is_not(&SensitiveCase {
        path: "routes/web.php",
        base: "<?php\nuse App\\Http\\Controllers\\AdminController;\nuse App\\Http\\Controllers\\PageController;\nuse Illuminate\\Support\\Facades\\Route;\n\nRoute::get('/admin', [AdminController::class, 'index'])->middleware('auth');\nRoute::get('/about', [PageController::class, 'about']);\n",
        sensitive: ("->middleware('auth')", "->middleware('web')"),
        unrelated: ("'/about'", "'/about-us'"),
        detector: "php/access-control",
        category: "access control",
    });
}

#[test]
fn c_privilege_drop_change_needs_sign_off() {
    sensitive_change_is_listed_and_the_other_is_not(&SensitiveCase {
        path: "src/privdrop.c",
        base: "#include <stdio.h>\n#include <unistd.h>\n\nint drop_privileges(uid_t uid, gid_t gid)\n{\n    if (setgid(gid) != 0) {\n        return -1;\n    }\n    if (setuid(uid) != 0) {\n        return -1;\n    }\n    return 0;\n}\n\nvoid banner(void)\n{\n    puts(\"service starting\");\n}\n",
        sensitive: ("setuid(uid)", "seteuid(uid)"),
        unrelated: ("service starting", "service up"),
        detector: "c/privileges",
        category: "access control",
    });
}

#[test]
fn cpp_random_bytes_change_needs_sign_off() {
    sensitive_change_is_listed_and_the_other_is_not(&SensitiveCase {
        path: "src/token.cpp",
        base: "#include <openssl/rand.h>\n\n#include <string>\n#include <vector>\n\nnamespace tokens {\nstd::vector<unsigned char> fresh(size_t n) {\n    std::vector<unsigned char> out(n);\n    if (RAND_bytes(out.data(), static_cast<int>(n)) != 1) {\n        out.clear();\n    }\n    return out;\n}\n\nstd::string label(const std::string& name) {\n    return \"token for \" + name;\n}\n}  // namespace tokens\n",
        sensitive: ("RAND_bytes(out.data()", "RAND_pseudo_bytes(out.data()"),
        unrelated: ("\"token for \"", "\"token of \""),
        detector: "c/cryptography",
        category: "cryptography",
    });
}
