//! Keystores committed as binary files are reported whatever they are named, in a tree
//! scan and in a history scan; truststores and other binaries are not; nothing of their
//! bytes reaches a finding; the fingerprint is keyed and covers the whole file.

use std::path::Path;
use std::process::Command;

use steward_core::collect::{CollectOptions, SkipReason, collect};
use steward_core::engine::{Engine, run_engines};
use steward_core::fingerprint_key::{FingerprintKey, KeySource};
use steward_core::{Finding, Fingerprint};
use steward_secrets::history::{HistoryOptions, scan_history};
use steward_secrets::{SecretsEngine, SecretsOptions};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/keystores");
    std::fs::read(path.join(name)).unwrap()
}

fn engine_with(hex: &str) -> SecretsEngine {
    let key = FingerprintKey::from_hex(hex, "test key", KeySource::Env).unwrap();
    SecretsEngine::new(SecretsOptions {
        fingerprint_key: Some(key),
        ..Default::default()
    })
    .unwrap()
}

fn engine() -> SecretsEngine {
    engine_with("5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592")
}

/// Whether any 8-byte run of `bytes`, raw, hex or base64, appears in `text`.
fn shows_bytes(text: &str, bytes: &[u8]) -> bool {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let lower = text.to_ascii_lowercase();
    b64.as_bytes()
        .windows(12)
        .step_by(7)
        .any(|w| text.contains(std::str::from_utf8(w).unwrap()))
        || hex
            .as_bytes()
            .windows(16)
            .step_by(6)
            .any(|w| lower.contains(std::str::from_utf8(w).unwrap()))
}

#[test]
fn keystores_in_a_tree_are_found_by_structure_not_name() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("deploy/app.bin", "openssl-key.p12"),
        ("android/release.keystore", "key.jks"),
        ("conf/keys", "secret-key.jceks"),
        ("src/main/resources/client.pfx", "java-key.p12"),
        ("certs/truststore.jks", "certs-only.jks"),
        ("certs/ca.p12", "openssl-certs-only.p12"),
        ("certs/cacerts", "certs-only.jceks"),
    ];
    for (path, fixture_name) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, fixture(fixture_name)).unwrap();
    }
    // Another binary file is still skipped as binary.
    std::fs::write(
        dir.path().join("logo.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();

    let engine = engine();
    let tree = collect(dir.path(), &CollectOptions::default()).unwrap();
    let outcome = run_engines(&[&engine as &dyn Engine], &tree, &|| {}).unwrap();
    let mut found: Vec<(&str, &str)> = outcome
        .findings
        .iter()
        .map(|f| (f.location.path.as_str(), f.rule_id.as_str()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("android/release.keystore", "secrets/java-keystore"),
            ("conf/keys", "secrets/java-keystore"),
            ("deploy/app.bin", "secrets/pkcs12-keystore"),
            ("src/main/resources/client.pfx", "secrets/pkcs12-keystore"),
        ]
    );
    // Keystores, truststores included, count as scanned; the image does not.
    assert_eq!(outcome.files_scanned, 7);
    assert_eq!(outcome.skipped.len(), 1);
    assert_eq!(outcome.skipped[0].path, "logo.png");
    assert_eq!(outcome.skipped[0].reason, SkipReason::Binary);

    for f in &outcome.findings {
        let bytes = std::fs::read(dir.path().join(&f.location.path)).unwrap();
        assert!(f.cwe.iter().any(|c| c.0 == 798), "{f:?}");
        assert!(!f.location.has_line() && f.location.snippet.is_none());
        let json = serde_json::to_string(f).unwrap();
        assert!(!shows_bytes(&json, &bytes), "{json}");
        assert!(f.message.contains("bytes, binary"), "{}", f.message);
        // Keyed, over the whole file: not the unkeyed hash, and not the hash of a part.
        assert_ne!(
            f.fingerprint,
            Fingerprint::new(&f.rule_id, &f.location.path, &bytes)
        );
        let key = FingerprintKey::from_hex(
            "5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592",
            "test key",
            KeySource::Env,
        )
        .unwrap();
        assert_eq!(
            f.fingerprint,
            key.fingerprint(&f.rule_id, &f.location.path, &bytes)
        );
    }
    let jks = outcome
        .findings
        .iter()
        .find(|f| f.location.path == "android/release.keystore")
        .unwrap();
    assert_eq!(
        jks.message,
        "JKS keystore holding 1 private key is committed (522 bytes, binary); entries: app"
    );
}

#[test]
fn another_key_gives_another_fingerprint() {
    let bytes = fixture("key.jks");
    let a = engine().scan_file_content("release.jks", &bytes).0;
    let b = engine_with("8f3a0c5e9b1d7f2a4c6e8a0b2d4f6a8c1e3a5c7e9b0d2f4a6c8e0a2b4d6f8a0c")
        .scan_file_content("release.jks", &bytes)
        .0;
    assert_eq!((a.len(), b.len()), (1, 1));
    assert_ne!(a[0].fingerprint, b[0].fingerprint);
    // One changed byte is another file.
    let mut changed = bytes.clone();
    let last = changed.len() - 1;
    changed[last] ^= 1;
    let c = engine().scan_file_content("release.jks", &changed).0;
    assert_ne!(a[0].fingerprint, c[0].fingerprint);
}

#[test]
fn show_secrets_still_prints_no_bytes_of_a_keystore() {
    let bytes = fixture("openssl-key.p12");
    let engine = SecretsEngine::new(SecretsOptions {
        show_secrets: true,
        ..Default::default()
    })
    .unwrap();
    let (findings, known) = engine.scan_file_content("client.pfx", &bytes);
    assert!(known);
    assert_eq!(findings.len(), 1);
    let json = serde_json::to_string(&findings[0]).unwrap();
    assert!(!shows_bytes(&json, &bytes), "{json}");
}

/// Whether `openssl` runs here; under CI (which installs it) it must.
fn have_openssl() -> bool {
    if Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("openssl is required under CI (.ci/run installs it)");
    }
    eprintln!("skipping: openssl is not available");
    false
}

#[test]
fn a_pkcs12_file_made_now_by_openssl_is_found_and_its_truststore_is_not() {
    if !have_openssl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=steward-test",
        "-days",
        "1",
        "-keyout",
        "key.pem",
        "-out",
        "cert.pem",
    ]);
    run(&[
        "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "bundle", "-passout",
        "pass:",
    ]);
    run(&[
        "pkcs12", "-export", "-nokeys", "-in", "cert.pem", "-out", "trust", "-passout", "pass:x",
    ]);
    let engine = engine();
    let bundle = std::fs::read(dir.path().join("bundle")).unwrap();
    let (found, known) = engine.scan_file_content("bundle", &bundle);
    assert!(known);
    let ids: Vec<&str> = found.iter().map(|f| f.rule_id.as_str()).collect();
    assert_eq!(ids, ["secrets/pkcs12-keystore"]);
    let trust = std::fs::read(dir.path().join("trust")).unwrap();
    let (found, known) = engine.scan_file_content("trust", &trust);
    assert!(known && found.is_empty(), "{found:?}");
}

#[test]
fn a_keystore_in_git_history_is_found_with_its_commit() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .env("GIT_AUTHOR_NAME", "Alice")
            .env("GIT_AUTHOR_EMAIL", "alice@example.org")
            .env("GIT_COMMITTER_NAME", "Alice")
            .env("GIT_COMMITTER_EMAIL", "alice@example.org")
            .env("GIT_AUTHOR_DATE", "2024-01-01T10:00:00+00:00")
            .env("GIT_COMMITTER_DATE", "2024-01-01T10:00:00+00:00")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    git(&["init", "-q", "-b", "main"]);
    std::fs::create_dir_all(dir.path().join("app")).unwrap();
    std::fs::write(dir.path().join("app/signing.bin"), fixture("key.jks")).unwrap();
    std::fs::write(dir.path().join("app/ca.jks"), fixture("certs-only.jks")).unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "add signing key"]);
    let commit = git(&["rev-parse", "HEAD"]);
    // Deleted later: it stays in history.
    git(&["rm", "-q", "app/signing.bin"]);
    git(&["commit", "-q", "-m", "remove it"]);

    let engine = engine();
    let outcome = scan_history(
        dir.path(),
        &[&engine as &dyn Engine],
        &HistoryOptions::default(),
    )
    .unwrap();
    let findings: Vec<&Finding> = outcome.findings.iter().collect();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = findings[0];
    assert_eq!(f.rule_id, "secrets/java-keystore");
    assert_eq!(f.location.path, "app/signing.bin");
    assert_eq!(f.properties["commit"], commit);
    assert!(
        outcome.skipped.is_empty(),
        "keystores are scanned, not skipped as binary: {:?}",
        outcome.skipped
    );
}
