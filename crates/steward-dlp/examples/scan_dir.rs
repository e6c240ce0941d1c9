//! Scan every file under a directory (gzip, zip, Office files included) and print the
//! hits per class and confidence, with a few masked snippets: a way to look for false
//! positives on real text (source trees, document shares) and to time real data.
//!
//! `cargo run --release -p steward-dlp --example scan_dir -- DIR [SAMPLES]`

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use steward_dlp::{DlpEngine, Limits};

fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&entry.path(), files);
        } else if kind.is_file() {
            files.push(entry.path());
        }
    }
}

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: scan_dir DIR [SAMPLES]");
        std::process::exit(2);
    };
    let samples: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let engine = match DlpEngine::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(3);
        }
    };
    let mut files = Vec::new();
    walk(Path::new(&root), &mut files);
    let limits = Limits::default();
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut shown: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let (mut bytes, mut text_bytes, mut skipped) = (0u64, 0u64, 0usize);
    let start = Instant::now();
    for path in &files {
        let Ok(data) = std::fs::read(path) else {
            continue;
        };
        bytes += data.len() as u64;
        let name = path.display().to_string();
        let scan = engine.scan_object(&name, &data, &limits);
        text_bytes += scan.text_bytes;
        skipped += scan.skipped.len();
        for f in scan.findings {
            let key = (f.rule_id.clone(), f.confidence.to_string());
            *counts.entry(key.clone()).or_default() += 1;
            let list = shown.entry(key).or_default();
            if list.len() < samples {
                list.push(format!(
                    "{}:{}: {}",
                    f.location.path,
                    f.location.start_line,
                    f.location.snippet.unwrap_or_default().trim()
                ));
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} files, {:.1} MiB read, {:.1} MiB of text classified, {skipped} parts skipped, {:.2} s ({:.0} MiB/s of text)",
        files.len(),
        bytes as f64 / 1048576.0,
        text_bytes as f64 / 1048576.0,
        secs,
        text_bytes as f64 / 1048576.0 / secs
    );
    for ((rule, confidence), n) in &counts {
        println!("{rule:<28} {confidence:<7} {n}");
        for s in &shown[&(rule.clone(), confidence.clone())] {
            let s: String = s.chars().take(200).collect();
            println!("    {s}");
        }
    }
}
