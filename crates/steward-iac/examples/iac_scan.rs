//! Time the iac engine alone over a tree, without the rest of `steward scan`:
//! `cargo run --release -p steward-iac --example iac_scan -- DIR`.

use std::time::Instant;

use steward_core::collect::{CollectOptions, collect};
use steward_core::engine::{Engine, run_engines};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::env::args().nth(1).ok_or("usage: iac_scan DIR")?;
    if let Some(one) = std::env::args().nth(2) {
        // Per-file cost of one format: `iac_scan FORMAT FILE`.
        let engine = steward_iac::IacEngine::new()?;
        let format = steward_iac::Format::from_name(&root).ok_or("unknown format")?;
        let text = std::fs::read_to_string(&one)?;
        // The first file of a format compiles its policies; time the files after it.
        let t = Instant::now();
        engine.scan_text(format, &one, &text);
        println!("{root}: first file {:.2?}", t.elapsed());
        let t = Instant::now();
        for _ in 0..50 {
            engine.scan_text(format, &one, &text);
        }
        println!("{root}: {:.2?} per file", t.elapsed() / 50);
        if std::env::var_os("PER_POLICY").is_some() {
            let (docs, _) = steward_iac::engine::documents(format, &one, &text);
            for (name, src) in steward_iac::engine::BUILTIN_POLICIES {
                if !name.starts_with(&format!("{root}/")) {
                    continue;
                }
                let mods = steward_iac::engine::BUILTIN_POLICIES
                    .iter()
                    .filter(|(n, _)| n.starts_with("lib/"))
                    .map(|(n, s)| (n.to_string(), s.to_string()))
                    .chain([(name.to_string(), src.to_string())]);
                let set = steward_policy::PolicySet::load(mods)?;
                let t = Instant::now();
                for _ in 0..20 {
                    for d in &docs {
                        set.evaluate(d, |_| true);
                    }
                }
                println!("  {name}: {:.2?}", t.elapsed() / 20);
            }
        }
        return Ok(());
    }
    let start = Instant::now();
    let engine = steward_iac::IacEngine::new()?;
    let loaded = start.elapsed();
    let tree = collect(std::path::Path::new(&root), &CollectOptions::default())?;
    let engines: [&dyn Engine; 1] = [&engine];
    let outcome = run_engines(&engines, &tree, &|| {})?;
    println!(
        "{} files, {} findings; policies loaded in {:.0?}, total {:.2?}",
        tree.files.len(),
        outcome.findings.len(),
        loaded,
        start.elapsed()
    );
    Ok(())
}
