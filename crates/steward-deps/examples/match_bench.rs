//! Times the deps engine's phases on a directory: `cargo run --release -p steward-deps
//! --example match_bench -- DB DIR`.

use std::path::PathBuf;
use std::time::Instant;

use steward_core::collect::{CollectOptions, collect};
use steward_core::engine::Engine;
use steward_deps::engine::{DepsEngine, DepsOptions, read_lockfiles};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (db, dir) = (PathBuf::from(&args[1]), PathBuf::from(&args[2]));
    let t = Instant::now();
    let tree = collect(&dir, &CollectOptions::default()).expect("collect");
    println!("collect: {:?}", t.elapsed());
    let t = Instant::now();
    let (locks, errors) = read_lockfiles(&tree);
    let packages: usize = locks.iter().map(|l| l.packages.len()).sum();
    println!(
        "parse: {:?} ({} lockfiles, {packages} packages, {} errors)",
        t.elapsed(),
        locks.len(),
        errors.len()
    );
    let t = Instant::now();
    let engine = DepsEngine::new(&DepsOptions { db_path: db });
    println!("open db: {:?}", t.elapsed());
    let t = Instant::now();
    let out = engine.scan_tree(&tree).expect("scan");
    println!(
        "scan_tree (parse + match): {:?}, {} findings",
        t.elapsed(),
        out.findings.len()
    );
    let t = Instant::now();
    let out = engine.scan_tree(&tree).expect("scan");
    println!(
        "scan_tree again (advisories cached): {:?}, {} findings",
        t.elapsed(),
        out.findings.len()
    );
}
