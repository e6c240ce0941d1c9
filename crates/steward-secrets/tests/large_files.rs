//! Files over the whole-file limit are scanned for secrets piece by piece: every secret is
//! found exactly once, at its line and column in the whole file, including one that spans
//! the cut between two pieces and one on a line so long that a piece starts in the middle
//! of it; engines that read files whole never see such a file.

use std::ops::ControlFlow;
use std::sync::Mutex;

use steward_core::collect::{CollectOptions, collect};
use steward_core::engine::{Engine, SourceFile, run_engines};
use steward_core::piece::{OVERLAP, WINDOW, pieces_of_slice};
use steward_core::{Finding, LineIndex, Rule};
use steward_secrets::{SecretsEngine, SecretsOptions};

/// A private key in PEM armour, its label assembled so this file holds none to find.
fn pem() -> String {
    let label = ["PRIVATE", "KEY"].join(" ");
    let body = "\
MIIEpAIBAAKCAQEAOJB5zu4CJsORg5U0jiyTtzXUteDvY1DX6W17Tl1jblPWfS2k\n\
GPBCoZSExc+bhlQvfzxp0UdVQqEpMLWKwXI2j5YpbQrfuUhAP0TP8ZLtPeG0hFdR\n\
7AhcOzCFxHQsgGfgb276KvIQDyVoTxUp9VUWxkQmMMti+Qk7VS58fqc6z4Krzs9J\n\
GPBCoZSExc+bhlQvfzxp0UdVQqEpMLWKwXI2j5YpbQrfuUhAP0TP8ZLtPeG0hFdR\n\
7AhcOzCFxHQsgGfgb276KvIQDyVoTxUp9VUWxkQmMMti+Qk7VS58fqc6z4Krzs9J\n\
GPBCoZSExc+bhlQvfzxp0UdVQqEpMLWKwXI2j5YpbQrfuUhAP0TP8ZLtPeG0hFdR\n\
7AhcOzCFxHQsgGfgb276KvIQDyVoTxUp9VUWxkQmMMti+Qk7VS58fqc6z4Krzs9J\n\
GPBCoZSExc+bhlQvfzxp0UdVQqEpMLWKwXI2j5YpbQrfuUhAP0TP8ZLtPeG0hFdR\n\
7AhcOzCFxHQsgGfgb276KvIQDyVoTxUp9VUWxkQmMMti+Qk7VS58fqc6z4Krzs9J\n\
";
    format!("-----BEGIN RSA {label}-----\n{body}-----END RSA {label}-----\n")
}

/// A 100-byte log line with nothing secret in it.
fn filler(i: usize) -> String {
    let mut line = format!("2024-03-12 10:01:22 INFO served /orders/{i} in 12 ms");
    while line.len() < 99 {
        line.push(' ');
    }
    line.push('\n');
    line
}

/// Filler lines up to (not past) byte `to`.
fn fill_to(out: &mut String, to: usize) {
    while out.len() + 100 <= to {
        out.push_str(&filler(out.len() / 100));
    }
}

/// The file, and where each secret's value starts in it, with its rule.
struct Layout {
    text: String,
    secrets: Vec<(&'static str, usize)>,
}

fn password(text: &mut String, secrets: &mut Vec<(&'static str, usize)>, value: &str) {
    text.push_str("\"password\":\"");
    secrets.push(("secrets/generic-password", text.len()));
    text.push_str(value);
    text.push('"');
}

/// About 2.4 windows of log: secrets at the start, on a 600 KB line across the first cut
/// (one just before the cut, one after it, where the second piece's window starts mid-line),
/// a private key across the second cut, and one on the last line, which has no newline.
fn layout() -> Layout {
    let mut text = String::new();
    let mut secrets = Vec::new();
    password(&mut text, &mut secrets, "Velvet#Morning7");
    text.push('\n');
    // The first cut is aimed at WINDOW - OVERLAP; the long line starts well before the
    // window the next piece begins with.
    let first_cut = WINDOW - OVERLAP;
    fill_to(&mut text, first_cut - OVERLAP - 200_000);
    let long_line_start = text.len();
    while text.len() < first_cut - 20 {
        text.push_str("{\"k\":1},");
    }
    password(&mut text, &mut secrets, "Harbor-Lights-9q");
    while text.len() < first_cut + 5_000 {
        text.push_str("{\"k\":1},");
    }
    password(&mut text, &mut secrets, "Copper-Kettle-31x");
    while text.len() < long_line_start + 600_000 {
        text.push_str("{\"k\":1},");
    }
    text.push('\n');
    // The second cut depends on where the second window starts; find it on a draft.
    let mut draft = text.clone();
    fill_to(&mut draft, 3 * WINDOW);
    let mut cuts = Vec::new();
    pieces_of_slice(draft.as_bytes(), |_, p| {
        cuts.push(p.offset as usize + p.owned.end);
        ControlFlow::Continue(())
    });
    let second_cut = cuts[1];
    fill_to(&mut text, second_cut - 300);
    let pem = pem();
    let body = pem.find('\n').unwrap() + 1;
    secrets.push(("secrets/private-key", text.len() + body));
    text.push_str(&pem);
    fill_to(&mut text, 2 * WINDOW + 6 * 1024 * 1024);
    text.push_str("db.");
    password(&mut text, &mut secrets, "Nightingale_2018x");
    Layout { text, secrets }
}

/// An engine that reads files whole and notes what it was given.
struct WholeFileEngine {
    seen: Mutex<Vec<(String, usize)>>,
}

impl Engine for WholeFileEngine {
    fn name(&self) -> &'static str {
        "whole"
    }
    fn rules(&self) -> &[Rule] {
        &[]
    }
    fn wants_file(&self, _rel_path: &str) -> bool {
        true
    }
    fn scan_file(&self, file: &SourceFile<'_>, _out: &mut Vec<Finding>) {
        self.seen
            .lock()
            .unwrap()
            .push((file.rel_path.to_string(), file.bytes.len()));
    }
}

/// (rule, line, column) of every finding, sorted.
fn positions(findings: &[Finding]) -> Vec<(String, u32, u32)> {
    let mut v: Vec<_> = findings
        .iter()
        .map(|f| {
            (
                f.rule_id.clone(),
                f.location.start_line,
                f.location.start_column,
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_large_file_is_scanned_in_pieces_and_every_secret_found_once_where_it_is() {
    let Layout { text, secrets } = layout();
    let bytes = text.as_bytes();
    // The layout does what it says: the private key spans the second cut, the long line
    // spans the first, and the second window starts inside the long line.
    let mut pieces = Vec::new();
    pieces_of_slice(bytes, |_, p| {
        pieces.push(p.clone());
        ControlFlow::Continue(())
    });
    assert_eq!(pieces.len(), 3, "{pieces:?}");
    let cut = |i: usize| pieces[i].offset as usize + pieces[i].owned.end;
    let pem_start = secrets[3].1;
    assert!(pem_start < cut(1) && cut(1) < pem_start + pem().len() - 40);
    assert!(secrets[1].1 < cut(0) && cut(0) < secrets[2].1);
    assert!(pieces[1].column > 0, "the second window starts mid-line");

    let index = LineIndex::new(bytes);
    let mut expected: Vec<(String, u32, u32)> = secrets
        .iter()
        .map(|(rule, at)| {
            let (line, column) = index.line_col(bytes, *at);
            (rule.to_string(), line, column)
        })
        .collect();
    expected.sort();

    // In memory (a blob from history): pieces over the slice.
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    assert_eq!(
        positions(&engine.scan_bytes("logs/app.log", bytes)),
        expected
    );

    // From disk, through the runner: streamed, and only to the secrets engine.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("logs")).unwrap();
    std::fs::write(dir.path().join("logs/app.log"), bytes).unwrap();
    std::fs::write(dir.path().join("small.env"), "DB_PASSWORD=Xk9mQ2vLw7\n").unwrap();
    let opts = CollectOptions {
        max_file_size: 1024 * 1024,
        keep_large_files: true,
        ..Default::default()
    };
    let tree = collect(dir.path(), &opts).unwrap();
    assert_eq!(tree.large_files.len(), 1);
    let whole = WholeFileEngine {
        seen: Mutex::new(Vec::new()),
    };
    let engines: Vec<&dyn Engine> = vec![&engine, &whole];
    let outcome = run_engines(&engines, &tree, &|| {}).unwrap();
    assert!(outcome.skipped.is_empty(), "{:?}", outcome.skipped);
    assert_eq!(outcome.files_scanned, 2);
    let large: Vec<Finding> = outcome
        .findings
        .iter()
        .filter(|f| f.location.path == "logs/app.log")
        .cloned()
        .collect();
    assert_eq!(positions(&large), expected);
    assert!(
        outcome
            .findings
            .iter()
            .any(|f| f.location.path == "small.env")
    );
    let seen = whole.seen.lock().unwrap();
    assert_eq!(*seen, [("small.env".to_string(), 23)]);
}

#[test]
fn without_an_engine_that_scans_large_files_the_file_is_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.log"), filler(1).repeat(30_000)).unwrap();
    let opts = CollectOptions {
        max_file_size: 1024 * 1024,
        keep_large_files: true,
        ..Default::default()
    };
    let tree = collect(dir.path(), &opts).unwrap();
    let whole = WholeFileEngine {
        seen: Mutex::new(Vec::new()),
    };
    let outcome = run_engines(&[&whole], &tree, &|| {}).unwrap();
    assert_eq!(outcome.skipped.len(), 1);
    assert_eq!(outcome.skipped[0].path, "big.log");
    assert_eq!(outcome.skipped[0].reason.kind(), "too large");
    assert!(whole.seen.lock().unwrap().is_empty());
}

#[test]
fn a_large_binary_file_is_skipped_after_its_first_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0u8; 2 * 1024 * 1024];
    let mut text = String::from("\n");
    password(&mut text, &mut Vec::new(), "Velvet#Morning7");
    bytes.extend_from_slice(text.as_bytes());
    std::fs::write(dir.path().join("disk.img"), &bytes).unwrap();
    let opts = CollectOptions {
        max_file_size: 1024 * 1024,
        keep_large_files: true,
        ..Default::default()
    };
    let tree = collect(dir.path(), &opts).unwrap();
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    let outcome = run_engines(&[&engine], &tree, &|| {}).unwrap();
    assert!(outcome.findings.is_empty());
    assert_eq!(outcome.skipped.len(), 1);
    assert_eq!(outcome.skipped[0].reason.kind(), "binary");
}
