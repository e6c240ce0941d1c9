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

/// A reporting command's finished run (scan, review, dlp, dast, monitor, controls, sunset):
/// what its report shows and what its ledger record files, from one set of facts, so the
/// report and the record cannot disagree about target, times, findings or the gate.
pub struct Finished<'a> {
    /// The ledger's record kind.
    pub kind: &'static str,
    pub command: &'static str,
    pub target: String,
    pub product: Option<String>,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub finished_at: chrono::DateTime<chrono::Utc>,
    pub git_commit: Option<String>,
    pub engines: Vec<String>,
    pub triaged: &'a steward_core::triage::Triaged,
    pub skipped: &'a [steward_core::collect::Skipped],
    pub files_scanned: usize,
    pub bytes_scanned: u64,
    pub catalog: &'a steward_core::rule::RuleCatalog,
    /// The command line as recorded; `redacted_args()` unless a command masks more.
    pub args: Vec<String>,
    /// The run's verdict: the triage gate's, unless the command adds a condition of its
    /// own (sunset verify fails in the sunset phase until every item is done).
    pub passed: bool,
}

impl<'a> Finished<'a> {
    /// A run judged by its triage gate alone, its command line recorded with passwords masked.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        kind: &'static str,
        command: &'static str,
        target: String,
        project: &Project,
        started_at: chrono::DateTime<chrono::Utc>,
        engines: &[&str],
        triaged: &'a steward_core::triage::Triaged,
        catalog: &'a steward_core::rule::RuleCatalog,
    ) -> Self {
        Finished {
            kind,
            command,
            target,
            product: project.product_name(),
            started_at,
            finished_at: chrono::Utc::now(),
            git_commit: None,
            engines: engines.iter().map(|e| e.to_string()).collect(),
            triaged,
            skipped: &[],
            files_scanned: 0,
            bytes_scanned: 0,
            catalog,
            args: redacted_args(),
            passed: triaged.gate.passed,
        }
    }

    pub fn report(&self) -> steward_core::report::Report<'_> {
        steward_core::report::Report {
            tool_version: env!("CARGO_PKG_VERSION"),
            command: self.command,
            target: &self.target,
            started_at: self.started_at,
            finished_at: self.finished_at,
            engines: &self.engines,
            findings: &self.triaged.active,
            suppressed: &self.triaged.suppressed,
            baselined: self.triaged.baselined.len(),
            skipped: self.skipped,
            files_scanned: self.files_scanned,
            bytes_scanned: self.bytes_scanned,
            rules: self.catalog,
            gate: &self.triaged.gate,
        }
    }

    /// Files the run in the ledger with the hash of the report written and the command's
    /// own payload, unless `--no-ledger`; the payload is built only when it is filed.
    pub fn record(
        &self,
        project: &Project,
        global: &GlobalArgs,
        report_sha256: String,
        payload: impl FnOnce() -> serde_json::Value,
    ) -> Result<()> {
        if global.no_ledger {
            return Ok(());
        }
        record(
            project,
            global,
            RunRecord {
                kind: self.kind,
                command: self.command,
                args: self.args.clone(),
                target: self.target.clone(),
                product: self.product.clone(),
                started_at: self.started_at,
                finished_at: self.finished_at,
                git_commit: self.git_commit.clone(),
                counts: SeverityCounts::of(&self.triaged.active),
                gate_passed: Some(self.passed),
                report_sha256: Some(report_sha256),
                payload: payload(),
            },
        )
    }

    /// The exit status the verdict gives.
    pub fn exit(&self) -> crate::exit::Exit {
        if self.passed {
            crate::exit::Exit::Clean
        } else {
            crate::exit::Exit::GateFailed
        }
    }
}
