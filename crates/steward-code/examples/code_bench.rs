//! Times the code engine on a directory: pattern rules alone, then every rule.
//!
//! `cargo run --release -p steward-code --example code_bench -- DIR`
use std::time::Instant;

use steward_code::{BUILTIN_RULES, CodeEngine};

fn walk(dir: &std::path::Path, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if let Some(ext) = p.extension().and_then(|x| x.to_str())
            && matches!(
                ext,
                "py" | "js"
                    | "ts"
                    | "tsx"
                    | "java"
                    | "php"
                    | "go"
                    | "c"
                    | "h"
                    | "cc"
                    | "cpp"
                    | "hpp"
            )
            && let Ok(b) = std::fs::read(&p)
        {
            out.push((p.to_string_lossy().into_owned(), b));
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: code_bench DIR")?;
    let mut files = Vec::new();
    walk(std::path::Path::new(&dir), &mut files);
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    println!("{} files, {} MB", files.len(), bytes / 1_000_000);
    let patterns = CodeEngine::from_files(
        BUILTIN_RULES
            .iter()
            .filter(|(_, t)| !t.contains("\ntaint:"))
            .map(|(f, t)| (f.to_string(), t.to_string())),
    )?;
    let all = CodeEngine::new()?;
    for (name, engine) in [("pattern rules only", &patterns), ("every rule", &all)] {
        let t = Instant::now();
        let out = engine.scan_files(&files);
        println!(
            "{name}: {:.2?}, {} findings, {} skipped",
            t.elapsed(),
            out.findings.len(),
            out.skipped.len()
        );
        // Findings by rule, to read what the rules say about a real tree.
        let mut by_rule: std::collections::BTreeMap<&str, usize> = Default::default();
        for f in &out.findings {
            *by_rule.entry(f.rule_id.as_str()).or_default() += 1;
        }
        for (rule, n) in by_rule {
            println!("  {n:>5} {rule}");
        }
    }
    // The slowest files with every rule, alone.
    let mut per_file: Vec<(std::time::Duration, &str)> = files
        .iter()
        .map(|f| {
            let t = Instant::now();
            all.scan_files(std::slice::from_ref(f));
            (t.elapsed(), f.0.as_str())
        })
        .collect();
    per_file.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (d, p) in per_file.iter().take(8) {
        println!("{d:>10.2?} {p}");
    }
    Ok(())
}
