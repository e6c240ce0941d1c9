//! `steward db update|status`: the offline advisory database.

use std::time::Instant;

use anyhow::Result;
use steward_deps::db::{AdvisoryDb, DbError, update as update_db};

use crate::args::{DbStatusArgs, DbUpdateArgs};
use crate::exit::{Exit, usage};

/// Database errors the user can fix (a missing file, a bad source) are usage errors (exit 2).
fn user_error(e: DbError) -> anyhow::Error {
    match e {
        DbError::Sqlite { .. } | DbError::Io { .. } => anyhow::anyhow!("{e}"),
        other => usage(other.to_string()),
    }
}

pub fn update(args: DbUpdateArgs) -> Result<Exit> {
    let path = args.db.resolve();
    let started = Instant::now();
    let results = update_db(&path, &args.sources).map_err(user_error)?;
    let elapsed = started.elapsed();
    if args.json {
        let out = serde_json::json!({
            "database": path.display().to_string(),
            "seconds": elapsed.as_secs_f64(),
            "sources": results,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(Exit::Clean);
    }
    println!("advisory database {}", path.display());
    let mut total = 0;
    for r in &results {
        total += r.advisories;
        println!(
            "  {} ({}): {} advisories from {} records; {} new, {} changed, {} removed; {} withdrawn",
            r.location,
            r.formats.join(", "),
            r.advisories,
            r.records,
            r.added,
            r.changed,
            r.removed,
            r.withdrawn
        );
        if r.error_count > 0 {
            eprintln!(
                "  steward: {} file{} in {} could not be read and {} left out:",
                r.error_count,
                if r.error_count == 1 { "" } else { "s" },
                r.location,
                if r.error_count == 1 { "was" } else { "were" },
            );
            for e in &r.errors {
                eprintln!("    {e}");
            }
        }
    }
    println!(
        "{} source{}, {} advisories, in {:.1} s",
        results.len(),
        if results.len() == 1 { "" } else { "s" },
        total,
        elapsed.as_secs_f64()
    );
    Ok(Exit::Clean)
}

pub fn status(args: DbStatusArgs) -> Result<Exit> {
    let path = args.db.resolve();
    let db = AdvisoryDb::open(&path).map_err(user_error)?;
    let status = db.status().map_err(user_error)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&status)?);
        return Ok(Exit::Clean);
    }
    println!(
        "advisory database {} ({:.1} MB)",
        status.path,
        status.bytes as f64 / 1e6
    );
    println!("sources:");
    for s in &status.sources {
        println!(
            "  {} ({}), imported {}: {} advisories, {} withdrawn, {} informational{}",
            s.location,
            s.formats,
            s.imported_at,
            s.advisories,
            s.withdrawn,
            s.informational,
            if s.errors > 0 {
                format!(", {} unreadable files left out", s.errors)
            } else {
                String::new()
            }
        );
    }
    println!("ecosystems:");
    for (eco, n) in &status.ecosystems {
        println!("  {eco}: {n}");
    }
    Ok(Exit::Clean)
}
