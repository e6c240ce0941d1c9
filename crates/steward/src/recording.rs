//! The last pipeline step: append the run to the evidence ledger.

use anyhow::Result;
use steward_core::triage::SeverityCounts;

use crate::args::GlobalArgs;
use crate::exit::usage;
use crate::project::Project;

/// What the binary knows about a finished run.
pub struct RunRecord {
    pub kind: &'static str,
    pub command: &'static str,
    pub args: Vec<String>,
    pub target: String,
    pub product: Option<String>,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub finished_at: chrono::DateTime<chrono::Utc>,
    pub git_commit: Option<String>,
    pub counts: SeverityCounts,
    pub gate_passed: Option<bool>,
    pub report_sha256: Option<String>,
    pub payload: serde_json::Value,
}

/// The command line as recorded: any URL with a password has it masked, so the ledger
/// never stores a credential someone typed (`--store postgres://user:pw@...`).
/// Rule id -> active findings of a run, stored in its ledger record so `steward plan` can
/// tell which requirements the run verified and which it found failing.
pub fn finding_rules(findings: &[steward_core::Finding]) -> serde_json::Value {
    let mut rules = std::collections::BTreeMap::<&str, u64>::new();
    for f in findings {
        *rules.entry(f.rule_id.as_str()).or_default() += 1;
    }
    serde_json::json!(rules)
}

pub fn redacted_args() -> Vec<String> {
    std::env::args()
        .skip(1)
        .map(|a| match a.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                format!("{flag}={}", steward_store::redact_url(value))
            }
            _ => steward_store::redact_url(&a),
        })
        .collect()
}

/// The ledger `global` and `project` point at: `--store`/`STEWARD_STORE`, else the
/// project's `.steward/ledger.db`.
pub fn store_spec(project: &Project, global: &GlobalArgs) -> String {
    match &global.store {
        Some(s) if !s.trim().is_empty() => s.clone(),
        _ => project.default_ledger_path().display().to_string(),
    }
}

pub fn open(spec: &str) -> Result<steward_store::Ledger> {
    steward_store::Ledger::open(spec).map_err(|e| usage(format!("opening the ledger: {e}")))
}

/// Append `run` to the ledger; the record's hash covers the previous record's.
pub fn record(project: &Project, global: &GlobalArgs, run: RunRecord) -> Result<()> {
    let mut ledger = open(&store_spec(project, global))?;
    let new = steward_store::NewRecord {
        kind: run.kind.to_string(),
        command: run.command.to_string(),
        args: run.args,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        target: run.target,
        product: run.product,
        started_at: run.started_at,
        finished_at: run.finished_at,
        git_commit: run.git_commit,
        counts: run.counts,
        gate_passed: run.gate_passed,
        report_sha256: run.report_sha256,
        payload: run.payload,
    };
    ledger
        .append(new)
        .map_err(|e| anyhow::anyhow!("recording the run in the ledger: {e}"))?;
    Ok(())
}
