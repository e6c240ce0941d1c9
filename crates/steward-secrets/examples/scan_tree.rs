//! Rough throughput check: collect a tree, run the secrets engine over it, print MB/s.
//!
//! `cargo run --release -p steward-secrets --example scan_tree -- <dir> [--list | --in-memory]`
//!
//! `--in-memory` reads every file first and then times the engine alone on one thread,
//! which is steadier than the end-to-end figure on a shared machine.

use std::time::Instant;

use steward_core::collect::{CollectOptions, collect};
use steward_core::engine::{Engine, run_engines};
use steward_secrets::{SecretsEngine, SecretsOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = args.next().ok_or("usage: scan_tree <dir> [--list]")?;
    let mode = args.next();
    let list = mode.as_deref() == Some("--list");
    if mode.as_deref() == Some("--in-memory") {
        return in_memory(&root);
    }
    let start = Instant::now();
    let engine = SecretsEngine::new(SecretsOptions::default())?;
    let loaded = start.elapsed();
    eprintln!("{} rules", engine.rules().len());
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

fn in_memory(root: &str) -> Result<(), Box<dyn std::error::Error>> {
    let engine = SecretsEngine::new(SecretsOptions::default())?;
    let tree = collect(std::path::Path::new(root), &CollectOptions::default())?;
    let files: Vec<(String, Vec<u8>)> = tree
        .files
        .iter()
        .filter_map(|f| std::fs::read(&f.path).ok().map(|b| (f.rel_path.clone(), b)))
        .filter(|(_, b)| !steward_core::collect::looks_binary(b))
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    for _ in 0..3 {
        let start = Instant::now();
        let mut findings = 0;
        for (path, b) in &files {
            findings += engine.scan_bytes(path, b).len();
        }
        let secs = start.elapsed().as_secs_f64();
        eprintln!(
            "one thread, in memory: {} files, {:.1} MB, {findings} findings in {secs:.3} s: {:.0} MB/s",
            files.len(),
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs
        );
    }
    Ok(())
}
