//! `steward report`: where the product stands, across every phase the ledger has seen —
//! the latest run of each kind on each target, whether its gate passed, how the findings
//! moved since the run before, and whether the evidence trail itself is intact.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

use anyhow::{Context, Result};
use serde::Serialize;
use steward_store::{ListFilter, Record};

use crate::args::{GlobalArgs, PostureFormat, ReportArgs};
use crate::exit::Exit;

#[derive(Debug, Serialize)]
struct Latest {
    kind: String,
    target: String,
    runs: usize,
    seq: i64,
    recorded_at: String,
    git_commit: Option<String>,
    gate_passed: Option<bool>,
    counts: steward_core::triage::SeverityCounts,
    /// Change in findings at or above high since the previous run of this kind on this target.
    high_or_worse_delta: Option<i64>,
}

#[derive(Debug, Serialize)]
struct Posture {
    product: Option<String>,
    ledger: String,
    records: u64,
    ledger_intact: bool,
    ledger_problems: Vec<String>,
    latest: Vec<Latest>,
}

fn high_or_worse(r: &Record) -> i64 {
    (r.counts.critical + r.counts.high) as i64
}

pub fn run(args: ReportArgs, global: &GlobalArgs) -> Result<Exit> {
    let (project, mut ledger) = super::ledger::open_existing(global)?;
    let verify = ledger.verify().map_err(|e| anyhow::anyhow!("{e}"))?;
    let records = ledger
        .list(&ListFilter::default())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut groups: BTreeMap<(String, String), Vec<&Record>> = BTreeMap::new();
    for r in &records {
        groups
            .entry((r.kind.clone(), r.target.clone()))
            .or_default()
            .push(r);
    }
    let latest: Vec<Latest> = groups
        .into_iter()
        .map(|((kind, target), runs)| {
            let last = runs[runs.len() - 1];
            let prev = runs.len().checked_sub(2).map(|i| runs[i]);
            Latest {
                kind,
                target,
                runs: runs.len(),
                seq: last.seq,
                recorded_at: last.recorded_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                git_commit: last.git_commit.clone(),
                gate_passed: last.gate_passed,
                counts: last.counts.clone(),
                high_or_worse_delta: prev.map(|p| high_or_worse(last) - high_or_worse(p)),
            }
        })
        .collect();
    let posture = Posture {
        product: project.product_name(),
        ledger: ledger.location().to_string(),
        records: verify.records_checked,
        ledger_intact: verify.is_intact(),
        ledger_problems: verify.problems.iter().map(|p| p.message.clone()).collect(),
        latest,
    };
    let body = match args.format {
        PostureFormat::Json => {
            let mut s = serde_json::to_string_pretty(&posture)?;
            s.push('\n');
            s
        }
        PostureFormat::Text => render_text(&posture),
        PostureFormat::Markdown => render_markdown(&posture),
    };
    match &args.output {
        Some(path) => steward_core::output::write_atomic(path, body.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?,
        None => std::io::stdout().lock().write_all(body.as_bytes())?,
    }
    let failing = posture.latest.iter().any(|l| l.gate_passed == Some(false));
    Ok(if !posture.ledger_intact || failing {
        Exit::GateFailed
    } else {
        Exit::Clean
    })
}

fn gate(g: Option<bool>) -> &'static str {
    match g {
        Some(true) => "passed",
        Some(false) => "FAILED",
        None => "-",
    }
}

fn delta(d: Option<i64>) -> String {
    match d {
        Some(0) => "no change".into(),
        Some(n) if n > 0 => format!("+{n} high/critical"),
        Some(n) => format!("{n} high/critical"),
        None => "first run".into(),
    }
}

fn render_text(p: &Posture) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} — {} records in {}",
        p.product.as_deref().unwrap_or("(no steward.toml)"),
        p.records,
        p.ledger
    );
    if p.ledger_intact {
        let _ = writeln!(s, "evidence trail: intact (hash chain verified)");
    } else {
        let _ = writeln!(s, "evidence trail: BROKEN");
        for m in &p.ledger_problems {
            let _ = writeln!(s, "  {m}");
        }
    }
    for l in &p.latest {
        let _ = writeln!(
            s,
            "\n{} {} — latest #{} at {}{}\n  gate {}; {} critical, {} high, {} medium, {} low; {} over {} run{}",
            l.kind,
            l.target,
            l.seq,
            l.recorded_at,
            l.git_commit
                .as_deref()
                .map(|c| format!(" (commit {})", &c[..c.len().min(12)]))
                .unwrap_or_default(),
            gate(l.gate_passed),
            l.counts.critical,
            l.counts.high,
            l.counts.medium,
            l.counts.low,
            delta(l.high_or_worse_delta),
            l.runs,
            if l.runs == 1 { "" } else { "s" }
        );
    }
    s
}

fn render_markdown(p: &Posture) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Security posture: {}\n\nEvidence trail: {} records, {}.\n",
        p.product.as_deref().unwrap_or("(no steward.toml)"),
        p.records,
        if p.ledger_intact {
            "hash chain intact"
        } else {
            "**BROKEN**"
        }
    );
    for m in &p.ledger_problems {
        let _ = writeln!(s, "- {m}");
    }
    let _ = writeln!(
        s,
        "| check | target | latest | gate | critical | high | medium | low | since previous |\n|---|---|---|---|---|---|---|---|---|"
    );
    for l in &p.latest {
        let _ = writeln!(
            s,
            "| {} | `{}` | #{} {} | {} | {} | {} | {} | {} | {} |",
            l.kind,
            l.target.replace('|', "\\|"),
            l.seq,
            l.recorded_at,
            gate(l.gate_passed),
            l.counts.critical,
            l.counts.high,
            l.counts.medium,
            l.counts.low,
            delta(l.high_or_worse_delta)
        );
    }
    s
}
