//! Parses lockfiles and manifests and prints what steward reads from them, one package a
//! line: `line  name  version  scope  [dev]  [source]`, then the warnings.
//!
//! ```text
//! cargo run -p steward-deps --example lockfile_dump -- path/to/Cargo.lock [more files…]
//! ```
//!
//! Includes (`-r` in requirements files) and the manifests beside a lockfile are read from
//! disk relative to the current directory, as a scan reads them relative to its root.

use std::process::ExitCode;

use steward_deps::{Scope, detect, parse_with};

fn main() -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    let read = |path: &str| std::fs::read_to_string(path).ok();
    for path in std::env::args().skip(1) {
        let Some(kind) = detect(&path) else {
            eprintln!("{path}: not a lockfile or manifest steward reads");
            status = ExitCode::from(2);
            continue;
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{path}: {e}");
                status = ExitCode::from(2);
                continue;
            }
        };
        let started = std::time::Instant::now();
        let lockfile = match parse_with(kind, &path, &text, &read) {
            Ok(lockfile) => lockfile,
            Err(e) => {
                eprintln!("{e}");
                status = ExitCode::from(1);
                continue;
            }
        };
        let elapsed = started.elapsed();
        for p in &lockfile.packages {
            let version = p
                .version
                .clone()
                .or_else(|| p.requirement.as_ref().map(|r| format!("({r})")))
                .unwrap_or_else(|| "-".to_string());
            let scope = match p.scope {
                Scope::Direct => "direct",
                Scope::Transitive => "transitive",
                Scope::Unknown => "unknown",
            };
            let file = p.declared_in.as_deref().unwrap_or(&lockfile.path);
            println!(
                "{file}:{}\t{}\t{version}\t{scope}{}{}\t{} deps",
                p.line,
                p.name,
                if p.dev { "\tdev" } else { "" },
                p.source
                    .as_ref()
                    .map(|s| format!("\t{s}"))
                    .unwrap_or_default(),
                p.dependencies.len(),
            );
        }
        for (line, warning) in &lockfile.warnings {
            println!("{path}:{line}: warning: {warning}");
        }
        eprintln!(
            "{path}: {} packages, {} warnings, parsed in {elapsed:.1?}",
            lockfile.packages.len(),
            lockfile.warnings.len()
        );
    }
    status
}
