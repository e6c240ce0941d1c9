//! Rough throughput check: collect a tree, run the secrets engine over it, print MB/s.
//!
//! `cargo run --release -p steward-secrets --example scan_tree -- <dir> [--list]`

use std::time::Instant;

use steward_core::collect::{CollectOptions, collect};
use steward_core::engine::{Engine, run_engines};
use steward_secrets::{SecretsEngine, SecretsOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = args.next().ok_or("usage: scan_tree <dir> [--list]")?;
    let list = args.next().as_deref() == Some("--list");
    let start = Instant::now();
    let engine = SecretsEngine::new(SecretsOptions::default())?;
    let loaded = start.elapsed();
    let tree = collect(std::path::Path::new(&root), &CollectOptions::default())?;
    let collected = start.elapsed();
    let engines: [&dyn Engine; 1] = [&engine];
    let outcome = run_engines(&engines, &tree, &|| {})?;
    let total = start.elapsed();
    if list {
        for f in &outcome.findings {
            println!("{} {} {}", f.location, f.rule_id, f.message);
        }
    }
    let mb = outcome.bytes_scanned as f64 / 1e6;
    eprintln!(
        "{} files, {mb:.1} MB, {} findings; rules {:.0} ms, walk {:.0} ms, total {:.2} s: {:.0} MB/s",
        outcome.files_scanned,
        outcome.findings.len(),
        loaded.as_secs_f64() * 1e3,
        (collected - loaded).as_secs_f64() * 1e3,
        total.as_secs_f64(),
        mb / total.as_secs_f64(),
    );
    Ok(())
}
