//! `steward ledger`: read, verify and export the evidence trail.

use std::io::Write;

use anyhow::{Context, Result};

use crate::args::{ExportFormat, GlobalArgs, LedgerCommand};
use crate::exit::{Exit, usage};
use crate::project::Project;
use crate::recording;

/// The project of the current directory and its existing ledger.
pub fn open_existing(global: &GlobalArgs) -> Result<(Project, steward_store::Ledger)> {
    let cwd = std::env::current_dir().context("reading the current directory")?;
    let project = Project::discover(&cwd, global.config.as_deref())?;
    let spec = recording::store_spec(&project, global);
    if global.store.is_none() && !project.default_ledger_path().exists() {
        return Err(usage(format!(
            "no ledger at {}: run a command that records (e.g. `steward scan`) first, or point --store at one",
            project.default_ledger_path().display()
        )));
    }
    let ledger = recording::open(&spec)?;
    Ok((project, ledger))
}

pub fn run(cmd: LedgerCommand, global: &GlobalArgs) -> Result<Exit> {
    let (_, mut ledger) = open_existing(global)?;
    let mut out = std::io::stdout().lock();
    match cmd {
        LedgerCommand::List { kind, limit, json } => {
            let filter = steward_store::ListFilter {
                kind,
                limit,
                ..Default::default()
            };
            let records = ledger.list(&filter).map_err(|e| anyhow::anyhow!("{e}"))?;
            if json {
                serde_json::to_writer_pretty(&mut out, &records)?;
                writeln!(out)?;
                return Ok(Exit::Clean);
            }
            writeln!(
                out,
                "{:>5}  {:<20}  {:<8}  {:<6}  {:>4} {:>4} {:>4} {:>4}  target",
                "seq", "recorded (UTC)", "kind", "gate", "crit", "high", "med", "low"
            )?;
            for r in &records {
                let gate = match r.gate_passed {
                    Some(true) => "pass",
                    Some(false) => "FAIL",
                    None => "-",
                };
                writeln!(
                    out,
                    "{:>5}  {:<20}  {:<8}  {:<6}  {:>4} {:>4} {:>4} {:>4}  {}",
                    r.seq,
                    r.recorded_at.format("%Y-%m-%d %H:%M:%S"),
                    r.kind,
                    gate,
                    r.counts.critical,
                    r.counts.high,
                    r.counts.medium,
                    r.counts.low,
                    r.target
                )?;
            }
            Ok(Exit::Clean)
        }
        LedgerCommand::Show { seq } => {
            let Some(record) = ledger.get(seq).map_err(|e| anyhow::anyhow!("{e}"))? else {
                return Err(usage(format!(
                    "no record {seq} in the ledger; `steward ledger list` shows the records"
                )));
            };
            serde_json::to_writer_pretty(&mut out, &record)?;
            writeln!(out)?;
            Ok(Exit::Clean)
        }
        LedgerCommand::Verify => {
            let report = ledger.verify().map_err(|e| anyhow::anyhow!("{e}"))?;
            if report.problems.is_empty() {
                writeln!(
                    out,
                    "ledger intact: {} records, hash chain verified",
                    report.records_checked
                )?;
                Ok(Exit::Clean)
            } else {
                for p in &report.problems {
                    writeln!(out, "{}", p.message)?;
                }
                writeln!(
                    out,
                    "ledger BROKEN: {} problem{} in {} records",
                    report.problems.len(),
                    if report.problems.len() == 1 { "" } else { "s" },
                    report.records_checked
                )?;
                Ok(Exit::GateFailed)
            }
        }
        LedgerCommand::Export { format, output } => {
            let fmt = match format {
                ExportFormat::Jsonl => steward_store::ExportFormat::JsonLines,
                ExportFormat::Json => steward_store::ExportFormat::Json,
            };
            let mut buf = Vec::new();
            ledger
                .export(&mut buf, fmt)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            match output {
                Some(path) => steward_core::output::write_atomic(&path, &buf)
                    .with_context(|| format!("writing {}", path.display()))?,
                None => out.write_all(&buf)?,
            }
            Ok(Exit::Clean)
        }
    }
}
