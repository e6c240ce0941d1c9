//! Time `scan_history` on a repository: wall time, what was scanned, and what was found.
//!
//! `cargo run --release -p steward-secrets --example history_bench -- <repo> [--since REV] [--threads N] [--json FILE]`
//!
//! Run it under `/usr/bin/time -f "%e s %M KB"` for peak memory.

use std::time::Instant;

use steward_core::engine::Engine;
use steward_secrets::history::{HistoryOptions, scan_history};
use steward_secrets::{SecretsEngine, SecretsOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut repo = None;
    let mut opts = HistoryOptions::default();
    let mut json = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--since" => opts.since = Some(args.next().ok_or("--since needs a revision")?),
            "--json" => json = Some(args.next().ok_or("--json needs a file")?),
            "--threads" => {
                opts.threads = Some(args.next().ok_or("--threads needs a number")?.parse()?)
            }
            _ => repo = Some(arg),
        }
    }
    let repo = repo.ok_or("usage: history_bench <repo> [--since REV] [--threads N]")?;
    let engine = SecretsEngine::new(SecretsOptions::default())?;
    let start = Instant::now();
    let outcome = scan_history(repo.as_ref(), &[&engine as &dyn Engine], &opts)?;
    let elapsed = start.elapsed().as_secs_f64();
    let mut skipped_by_kind = std::collections::BTreeMap::new();
    for s in &outcome.skipped {
        *skipped_by_kind.entry(s.reason.kind()).or_insert(0) += 1;
    }
    println!(
        "{:.2} s: {} commits, {} blobs, {} scanned ({:.0} MB), skipped {:?}, {} findings",
        elapsed,
        outcome.commits,
        outcome.blobs,
        outcome.blobs_scanned,
        outcome.bytes_scanned as f64 / 1e6,
        skipped_by_kind,
        outcome.findings.len()
    );
    if let Some(file) = json {
        std::fs::write(file, serde_json::to_string_pretty(&outcome.findings)?)?;
    }
    Ok(())
}
