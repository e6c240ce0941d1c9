//! History scanning on small repositories built with the `git` CLI: where a secret was
//! introduced (commit, author, date, path), that each blob is reported once, renames,
//! `since`, binaries, unreachable objects, packed and loose objects, and the errors.

use std::path::Path;
use std::process::Command;

use steward_core::Finding;
use steward_core::collect::SkipReason;
use steward_core::engine::Engine;
use steward_secrets::history::{HistoryError, HistoryOptions, HistoryOutcome, scan_history};
use steward_secrets::{SecretsEngine, SecretsOptions};

/// Made-up AWS key ids, assembled at run time so this file holds no literal credential.
fn key_a() -> String {
    ["AKIA", "BLGRIRMSGBQP5MFY"].concat()
}

fn key_b() -> String {
    ["ASIA", "I5NWSO7WIYO64K4R"].concat()
}

/// A scratch repository driven through the `git` CLI, isolated from the user's config.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        self.git_as(
            args,
            "Alice Example",
            "alice@example.test",
            "2024-01-01T10:00:00+00:00",
        )
    }

    fn git_as(&self, args: &[&str], name: &str, email: &str, date: &str) -> String {
        let out = Command::new("git")
            .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", name)
            .env("GIT_AUTHOR_EMAIL", email)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_NAME", name)
            .env("GIT_COMMITTER_EMAIL", email)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Feed a `git fast-import` stream: many commits in one process.
    fn fast_import(&self, stream: &str) {
        use std::io::Write;
        let mut child = Command::new("git")
            .args(["fast-import", "--quiet"])
            .current_dir(self.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .stdin(std::process::Stdio::piped())
            .spawn()
            .expect("git runs");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stream.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success());
    }

    fn write(&self, path: &str, content: &[u8]) {
        let full = self.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, content).unwrap();
    }

    /// Stage everything and commit as `name` at `date`; returns the commit id.
    fn commit(&self, message: &str, name: &str, date: &str) -> String {
        let email = format!("{}@example.test", name.to_lowercase());
        self.git_as(&["add", "-A"], name, &email, date);
        self.git_as(&["commit", "-q", "-m", message], name, &email, date);
        self.git(&["rev-parse", "HEAD"])
    }

    fn scan(&self) -> HistoryOutcome {
        self.scan_with(&HistoryOptions::default()).unwrap()
    }

    fn scan_with(&self, opts: &HistoryOptions) -> Result<HistoryOutcome, HistoryError> {
        let engine = engine();
        scan_history(self.path(), &[&engine as &dyn Engine], opts)
    }
}

/// An engine with a fixed fingerprint key, so fingerprints from separate engines compare
/// as they do in two runs on one project.
fn engine() -> SecretsEngine {
    use steward_core::fingerprint_key::{FingerprintKey, KeySource};
    let hex = "5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592";
    let key = FingerprintKey::from_hex(hex, "test key", KeySource::Env).unwrap();
    SecretsEngine::new(SecretsOptions {
        fingerprint_key: Some(key),
        ..Default::default()
    })
    .unwrap()
}

fn settings(key: &str) -> String {
    format!("# deploy settings\nregion = \"eu-west-1\"\naws_access_key_id = {key}\n")
}

fn prop<'f>(f: &'f steward_core::Finding, name: &str) -> &'f str {
    f.properties
        .get(name)
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("no string property {name} in {:#?}", f.properties))
}

/// Commit 1 adds a README, commit 2 (Bob) the secret, commit 3 deletes it again.
fn added_then_deleted() -> (Repo, String) {
    let repo = Repo::new();
    repo.write("README.md", b"# service\n");
    repo.commit("start", "Alice", "2024-01-01T10:00:00+00:00");
    repo.write("config/settings.py", settings(&key_a()).as_bytes());
    let c2 = repo.commit("add settings", "Bob", "2024-02-03T04:05:06+01:00");
    std::fs::remove_file(repo.path().join("config/settings.py")).unwrap();
    repo.commit("remove settings", "Alice", "2024-03-01T10:00:00+00:00");
    (repo, c2)
}

fn assert_introduced_by_commit_2(repo: &Repo, c2: &str, outcome: &HistoryOutcome) {
    assert_eq!(outcome.findings.len(), 1, "{:#?}", outcome.findings);
    let f = &outcome.findings[0];
    assert_eq!(f.rule_id, "secrets/aws-access-key-id");
    assert_eq!(f.location.path, "config/settings.py");
    assert_eq!((f.location.start_line, f.location.start_column), (3, 21));
    assert_eq!(prop(f, "commit"), c2);
    assert_eq!(prop(f, "author"), "Bob");
    assert_eq!(prop(f, "author_email"), "bob@example.test");
    assert_eq!(prop(f, "date"), "2024-02-03T04:05:06+01:00");
    let blob = repo.git(&["rev-parse", &format!("{c2}:config/settings.py")]);
    assert_eq!(prop(f, "blob"), blob);
    assert!(!f.properties.contains_key("also_in"), "{:#?}", f.properties);
    // The same fingerprint as a tree scan of that file, so one baseline serves both.
    let engine = engine();
    let tree = engine.scan_bytes("config/settings.py", settings(&key_a()).as_bytes());
    assert_eq!(f.fingerprint, tree[0].fingerprint);
    assert_eq!(outcome.commits, 3);
    assert_eq!(outcome.blobs, 2);
    assert_eq!(outcome.blobs_scanned, 2);
}

#[test]
fn a_deleted_secret_is_found_where_it_was_added() {
    let (repo, c2) = added_then_deleted();
    let outcome = repo.scan();
    assert_introduced_by_commit_2(&repo, &c2, &outcome);
    assert!(outcome.skipped.is_empty(), "{:#?}", outcome.skipped);
}

#[test]
fn packed_objects_give_the_same_result_as_loose_ones() {
    let (repo, c2) = added_then_deleted();
    repo.git(&["repack", "-adq"]);
    repo.git(&["prune-packed"]);
    let loose = std::fs::read_dir(repo.path().join(".git/objects"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().len() == 2)
        .count();
    assert_eq!(loose, 0, "every object should be in a pack now");
    let outcome = repo.scan();
    assert_introduced_by_commit_2(&repo, &c2, &outcome);
}

#[test]
fn a_secret_blob_on_two_branches_is_reported_once_from_the_earlier_commit() {
    let repo = Repo::new();
    repo.write("README.md", b"# service\n");
    repo.commit("start", "Alice", "2024-01-01T10:00:00+00:00");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("deploy/keys.env", settings(&key_a()).as_bytes());
    let early = repo.commit("keys on feature", "Bob", "2024-01-02T10:00:00+00:00");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("ops/prod.env", settings(&key_a()).as_bytes());
    let late = repo.commit("keys on main", "Carol", "2024-01-05T10:00:00+00:00");

    let outcome = repo.scan();
    assert_eq!(outcome.findings.len(), 1, "{:#?}", outcome.findings);
    let f = &outcome.findings[0];
    assert_eq!(f.location.path, "deploy/keys.env");
    assert_eq!(prop(f, "commit"), early);
    assert_eq!(prop(f, "author"), "Bob");
    let also = f.properties["also_in"].as_array().unwrap();
    assert_eq!(also.len(), 1, "{also:#?}");
    assert_eq!(also[0]["commit"], late.as_str());
    assert_eq!(also[0]["path"], "ops/prod.env");
    assert_eq!(outcome.blobs_scanned, 2);
}

#[test]
fn a_renamed_file_keeps_its_original_introduction() {
    let repo = Repo::new();
    repo.write("old/app.cfg", settings(&key_a()).as_bytes());
    let added = repo.commit("add", "Alice", "2024-01-01T10:00:00+00:00");
    repo.git(&["mv", "old", "new"]);
    let renamed = repo.commit("rename", "Bob", "2024-01-02T10:00:00+00:00");

    let outcome = repo.scan();
    assert_eq!(outcome.findings.len(), 1, "{:#?}", outcome.findings);
    let f = &outcome.findings[0];
    assert_eq!(f.location.path, "old/app.cfg");
    assert_eq!(prop(f, "commit"), added);
    // A moved directory keeps its tree id, so nothing below it is visited again: the new
    // path is not listed. A renamed file in a changed directory is.
    assert!(!f.properties.contains_key("also_in"));

    repo.git(&["mv", "new/app.cfg", "new/app.conf"]);
    repo.write("new/other.txt", b"x\n");
    let moved = repo.commit("rename file", "Carol", "2024-01-03T10:00:00+00:00");
    let outcome = repo.scan();
    assert_eq!(outcome.findings.len(), 1, "{:#?}", outcome.findings);
    let f = &outcome.findings[0];
    assert_eq!(prop(f, "commit"), added);
    let also = f.properties["also_in"].as_array().unwrap();
    assert_eq!(also.len(), 1, "{also:#?}");
    assert_eq!(also[0]["path"], "new/app.conf");
    assert_eq!(also[0]["commit"], moved.as_str());
    assert_ne!(also[0]["commit"], renamed.as_str());
}

#[test]
fn a_secret_kept_through_edits_is_one_finding_from_its_first_version() {
    let repo = Repo::new();
    repo.write("app/settings.py", settings(&key_a()).as_bytes());
    let first = repo.commit("add", "Alice", "2024-01-01T10:00:00+00:00");
    let edited = format!("{}timeout = 30\n", settings(&key_a()));
    repo.write("app/settings.py", edited.as_bytes());
    let second = repo.commit("edit", "Bob", "2024-01-02T10:00:00+00:00");

    let outcome = repo.scan();
    assert_eq!(outcome.blobs_scanned, 2);
    assert_eq!(outcome.findings.len(), 1, "{:#?}", outcome.findings);
    let f = &outcome.findings[0];
    assert_eq!(prop(f, "commit"), first);
    let also = f.properties["also_in"].as_array().unwrap();
    assert_eq!(also.len(), 1);
    assert_eq!(also[0]["commit"], second.as_str());
    assert_eq!(also[0]["path"], "app/settings.py");
}

#[test]
fn since_leaves_out_secrets_introduced_before_it() {
    let repo = Repo::new();
    repo.write("a/old.env", settings(&key_a()).as_bytes());
    let c1 = repo.commit("old secret", "Alice", "2024-01-01T10:00:00+00:00");
    repo.git(&["tag", "v1"]);
    repo.write("b/new.env", settings(&key_b()).as_bytes());
    let c2 = repo.commit("new secret", "Bob", "2024-01-02T10:00:00+00:00");
    // The old blob copied elsewhere after v1 is still old.
    repo.write("c/copy.env", settings(&key_a()).as_bytes());
    repo.commit("copy", "Bob", "2024-01-03T10:00:00+00:00");

    let all = repo.scan();
    assert_eq!(all.findings.len(), 2, "{:#?}", all.findings);

    for since in [c1.as_str(), "v1", "main~2"] {
        let opts = HistoryOptions {
            since: Some(since.to_string()),
            ..Default::default()
        };
        let outcome = repo.scan_with(&opts).unwrap();
        assert_eq!(
            outcome.findings.len(),
            1,
            "since {since}: {:#?}",
            outcome.findings
        );
        let f = &outcome.findings[0];
        assert_eq!(f.location.path, "b/new.env");
        assert_eq!(prop(f, "commit"), c2);
        assert_eq!(outcome.commits, 2, "since {since}");
        assert_eq!(outcome.blobs_scanned, 1, "since {since}");
    }
}

#[test]
fn binary_blobs_are_skipped_with_a_reason() {
    let repo = Repo::new();
    let mut bytes = b"\x00\x01\x02PK".to_vec();
    bytes.extend_from_slice(settings(&key_a()).as_bytes());
    repo.write("assets/blob.bin", &bytes);
    let c1 = repo.commit("binary", "Alice", "2024-01-01T10:00:00+00:00");

    let outcome = repo.scan();
    assert!(outcome.findings.is_empty(), "{:#?}", outcome.findings);
    assert_eq!(outcome.blobs_scanned, 0);
    assert_eq!(outcome.skipped.len(), 1, "{:#?}", outcome.skipped);
    let skip = &outcome.skipped[0];
    assert_eq!(skip.path, format!("{}:assets/blob.bin", &c1[..12]));
    assert!(matches!(skip.reason, SkipReason::Binary), "{skip:?}");
}

/// The secrets engine as an engine that reads files whole only.
struct WholeFilesOnly(SecretsEngine);

impl Engine for WholeFilesOnly {
    fn name(&self) -> &'static str {
        "whole-files-only"
    }
    fn rules(&self) -> &[steward_core::Rule] {
        self.0.rules()
    }
    fn wants_file(&self, rel_path: &str) -> bool {
        self.0.wants_file(rel_path)
    }
    fn scan_file(&self, file: &steward_core::engine::SourceFile<'_>, out: &mut Vec<Finding>) {
        self.0.scan_file(file, out)
    }
}

#[test]
fn blobs_over_the_size_limit_go_only_to_engines_that_scan_large_files() {
    let repo = Repo::new();
    repo.write("big.txt", settings(&key_a()).as_bytes());
    repo.commit("big", "Alice", "2024-01-01T10:00:00+00:00");
    let opts = HistoryOptions {
        max_blob_size: 10,
        ..Default::default()
    };
    // The secrets engine works through a large blob piece by piece.
    let outcome = repo.scan_with(&opts).unwrap();
    assert_eq!(outcome.findings.len(), 1, "{:#?}", outcome.findings);
    assert!(outcome.skipped.is_empty(), "{:?}", outcome.skipped);

    let whole = WholeFilesOnly(engine());
    let outcome = scan_history(repo.path(), &[&whole as &dyn Engine], &opts).unwrap();
    assert!(outcome.findings.is_empty());
    assert!(
        matches!(
            outcome.skipped[0].reason,
            SkipReason::TooLarge { limit: 10, .. }
        ),
        "{:?}",
        outcome.skipped
    );
}

#[test]
fn unreachable_blobs_are_not_reported() {
    let repo = Repo::new();
    repo.write("README.md", b"# service\n");
    repo.commit("start", "Alice", "2024-01-01T10:00:00+00:00");
    repo.write("stray.env", settings(&key_a()).as_bytes());
    repo.git(&["hash-object", "-w", "stray.env"]);
    std::fs::remove_file(repo.path().join("stray.env")).unwrap();
    repo.git(&["repack", "-adq"]);

    let outcome = repo.scan();
    assert!(outcome.findings.is_empty(), "{:#?}", outcome.findings);
    assert_eq!(outcome.blobs, 1);
}

#[test]
fn an_empty_repository_has_nothing_to_scan() {
    let repo = Repo::new();
    let outcome = repo.scan();
    assert!(outcome.findings.is_empty());
    assert_eq!(
        (outcome.commits, outcome.blobs, outcome.blobs_scanned),
        (0, 0, 0)
    );
}

#[test]
fn a_directory_outside_any_repository_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let engine = engine();
    let err = scan_history(
        dir.path(),
        &[&engine as &dyn Engine],
        &HistoryOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(err, HistoryError::NotARepository { .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("is not in a git repository"),
        "{err}"
    );
}

#[test]
fn an_unknown_since_revision_is_named_in_the_error() {
    let (repo, _) = added_then_deleted();
    let opts = HistoryOptions {
        since: Some("no-such-branch".into()),
        ..Default::default()
    };
    let err = repo.scan_with(&opts).unwrap_err();
    assert!(matches!(err, HistoryError::BadRevision { .. }), "{err:?}");
    assert!(err.to_string().contains("--since no-such-branch"), "{err}");
}

/// Long histories are walked in parallel runs of commits; a blob first seen in an early
/// run and again in a later one keeps its first appearance.
#[test]
fn a_long_history_walked_in_parallel_keeps_first_appearances() {
    let repo = Repo::new();
    let mut stream = String::new();
    let data = |text: &str| format!("data {}\n{text}\n", text.len());
    for n in 1..=200u32 {
        let mut changes = format!("M 100644 inline counter.txt\n{}", data(&n.to_string()));
        match n {
            50 => {
                changes += "M 100644 inline early/settings.py\n";
                changes += &data(&settings(&key_a()));
            }
            60 => changes += "D early/settings.py\n",
            150 => {
                changes += "M 100644 inline late/copy.py\n";
                changes += &data(&settings(&key_a()));
                changes += "M 100644 inline late/other.env\n";
                changes += &data(&settings(&key_b()));
            }
            _ => {}
        }
        let from = if n > 1 {
            format!("from :{}\n", n - 1)
        } else {
            String::new()
        };
        let when = 1_700_000_000 + u64::from(n) * 60;
        stream += &format!(
            "commit refs/heads/main\nmark :{n}\nauthor Dev {n} <dev{n}@example.test> {when} +0000\n\
             committer Dev {n} <dev{n}@example.test> {when} +0000\n{}{from}{changes}",
            data(&format!("commit {n}"))
        );
    }
    repo.fast_import(&stream);
    let commits: Vec<String> = repo
        .git(&["rev-list", "--reverse", "main"])
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(commits.len(), 200);

    let opts = HistoryOptions {
        threads: Some(2),
        ..Default::default()
    };
    let outcome = repo.scan_with(&opts).unwrap();
    assert_eq!(outcome.commits, 200);
    assert_eq!(outcome.findings.len(), 2, "{:#?}", outcome.findings);
    let a = &outcome.findings[0];
    assert_eq!(a.location.path, "early/settings.py");
    assert_eq!(prop(a, "commit"), commits[49]);
    assert_eq!(prop(a, "author"), "Dev 50");
    let also = a.properties["also_in"].as_array().unwrap();
    assert_eq!(also.len(), 1, "{also:#?}");
    assert_eq!(also[0]["path"], "late/copy.py");
    assert_eq!(also[0]["commit"], commits[149].as_str());
    let b = &outcome.findings[1];
    assert_eq!(b.location.path, "late/other.env");
    assert_eq!(prop(b, "commit"), commits[149]);
}
