//! `steward gate`: whether the product may move on, decided from the evidence ledger for the
//! phase steward.toml declares. In `phase = "sunset"` it is open until every item of the
//! decommission inventory is verified (by the latest `steward sunset verify`) or attested;
//! in every other phase it is open until the latest run of each check on each target is
//! under `[policy] fail_on`. A ledger whose hash chain is broken fails it either way: the
//! gate is only as good as the evidence it reads.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::Utc;
use clap::{Args, ValueEnum};
use serde::Serialize;
use steward_core::manifest::{Manifest, Phase};
use steward_core::severity::{FailOn, Severity};
use steward_core::triage::SeverityCounts;
use steward_ops::sunset::inventory::Check;
use steward_store::Record;

use super::sunset;
use crate::args::{GateArg, GlobalArgs};
use crate::exit::{Exit, usage};
use crate::project::{self, Project};
use crate::recording::{self, RunRecord};

#[derive(Args, Debug)]
pub struct GateArgs {
    /// Project directory (steward.toml is found there or in its parents)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The threshold the latest runs are held to [default: steward.toml's policy.fail_on, else high]
    #[arg(long, value_enum)]
    pub fail_on: Option<GateArg>,
    /// A kind of run that must be in the ledger for the gate to pass (repeatable or comma-separated): plan, scan, dast, controls, monitor, dlp
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND")]
    pub require: Vec<RunKind>,
    /// text or json
    #[arg(long, short = 'f', value_enum, default_value_t = GateFormat::Text)]
    pub format: GateFormat,
    /// Write the verdict to FILE (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateFormat {
    Text,
    Json,
}

/// The kinds of run the gate reads: each records active findings counted by severity.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RunKind {
    Plan,
    Scan,
    Dast,
    Controls,
    Monitor,
    Dlp,
}

impl RunKind {
    const ALL: [RunKind; 6] = [
        RunKind::Plan,
        RunKind::Scan,
        RunKind::Dast,
        RunKind::Controls,
        RunKind::Monitor,
        RunKind::Dlp,
    ];

    fn as_str(self) -> &'static str {
        match self {
            RunKind::Plan => "plan",
            RunKind::Scan => "scan",
            RunKind::Dast => "dast",
            RunKind::Controls => "controls",
            RunKind::Monitor => "monitor",
            RunKind::Dlp => "dlp",
        }
    }

    /// What the latest run is the latest of: a scan of a tree, controls of an environment.
    /// `None` for runs that do not describe the whole target (scans of changed or staged
    /// files only).
    fn subject(self, r: &Record) -> Option<String> {
        match self {
            RunKind::Scan => {
                let profile = r.payload["profile"].as_str().unwrap_or("merge");
                if !matches!(profile, "merge" | "release") {
                    return None;
                }
                Some(if r.payload["history"].as_bool() == Some(true) {
                    format!("{} (git history)", r.target)
                } else {
                    r.target.clone()
                })
            }
            RunKind::Controls => Some(
                r.payload["key"]
                    .as_str()
                    .map_or_else(|| r.target.clone(), str::to_string),
            ),
            _ => Some(r.target.clone()),
        }
    }
}

/// The latest run of one kind on one subject, judged.
#[derive(Debug, Serialize)]
struct Judged {
    kind: RunKind,
    subject: String,
    record: i64,
    recorded_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    git_commit: Option<String>,
    counts: SeverityCounts,
    /// Active findings at or above the threshold.
    blocking: usize,
    passed: bool,
}

/// One sunset item and where it stands.
#[derive(Debug, Serialize)]
struct SunsetItem {
    id: String,
    kind: String,
    owner: String,
    status: String,
    done: bool,
    why: String,
}

#[derive(Debug, Serialize)]
struct Verdict {
    product: String,
    phase: String,
    passed: bool,
    ledger: String,
    ledger_intact: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ledger_problems: Vec<String>,
    /// Outside the sunset phase: the threshold and the latest runs it judged.
    #[serde(skip_serializing_if = "Option::is_none")]
    fail_on: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    runs: Vec<Judged>,
    /// Kinds `--require` named that the ledger holds no run of.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    missing: Vec<RunKind>,
    /// In the sunset phase: every item of the decommission inventory.
    #[serde(skip_serializing_if = "Option::is_none")]
    sunset: Option<SunsetGate>,
    /// Why the gate failed, one line each.
    reasons: Vec<String>,
}

#[derive(Debug, Serialize)]
struct SunsetGate {
    /// The `sunset verify` record the automatic checks are read from.
    verification: Option<i64>,
    items: Vec<SunsetItem>,
    open: usize,
}

fn fail_on_of(arg: Option<GateArg>, manifest: &Manifest) -> FailOn {
    match arg {
        Some(GateArg::Critical) => FailOn::AtLeast(Severity::Critical),
        Some(GateArg::High) => FailOn::AtLeast(Severity::High),
        Some(GateArg::Medium) => FailOn::AtLeast(Severity::Medium),
        Some(GateArg::Low) => FailOn::AtLeast(Severity::Low),
        Some(GateArg::None) => FailOn::None,
        None => manifest.fail_on().unwrap_or_default(),
    }
}

fn blocking(counts: &SeverityCounts, fail_on: FailOn) -> usize {
    [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ]
    .into_iter()
    .filter(|s| fail_on.trips(*s))
    .map(|s| counts.get(s))
    .sum()
}

pub fn run(args: GateArgs, global: &GlobalArgs) -> Result<Exit> {
    if !args.dir.exists() {
        return Err(usage(format!(
            "{}: no such directory; name the project directory",
            args.dir.display()
        )));
    }
    let mut project = Project::discover(&args.dir, global.config.as_deref())?;
    let Some(manifest) = project.manifest.take() else {
        return Err(usage(format!(
            "no steward.toml in {} or its parents: the gate reads the product's phase and policy from it; run `steward init`",
            args.dir.display()
        )));
    };
    let started_at = Utc::now();
    let product = manifest.product.name.clone();
    let phase = format!("{:?}", manifest.product.phase).to_lowercase();
    let ledger_spec = recording::store_spec(&project, global);
    let (ledger_intact, ledger_problems) = if sunset::has_ledger(&project, global) {
        let report = recording::open(&ledger_spec)?
            .verify()
            .map_err(|e| anyhow::anyhow!("verifying the ledger: {e}"))?;
        (
            report.is_intact(),
            report.problems.iter().map(|p| p.message.clone()).collect(),
        )
    } else {
        (true, Vec::new())
    };
    let mut verdict = Verdict {
        product: product.clone(),
        phase,
        passed: false,
        ledger: ledger_spec,
        ledger_intact,
        ledger_problems,
        fail_on: None,
        runs: Vec::new(),
        missing: Vec::new(),
        sunset: None,
        reasons: Vec::new(),
    };
    if !verdict.ledger_intact {
        verdict.reasons.push(format!(
            "the ledger's hash chain is broken ({} problem(s); `steward ledger verify` lists them): its evidence cannot be trusted",
            verdict.ledger_problems.len()
        ));
    }
    if manifest.product.phase == Phase::Sunset {
        sunset_gate(&project, &manifest, global, &mut verdict)?;
    } else {
        runs_gate(&project, &args, &manifest, global, &mut verdict)?;
    }
    verdict.passed = verdict.reasons.is_empty();

    let body = match args.format {
        GateFormat::Json => {
            let mut s = serde_json::to_string_pretty(&verdict)?;
            s.push('\n');
            s
        }
        GateFormat::Text => render_text(&verdict),
    };
    sunset::write_out(args.output.as_deref(), &body, "verdict")?;
    if !global.no_ledger && sunset::has_ledger(&project, global) {
        record(&project, global, &verdict, started_at)?;
    }
    Ok(if verdict.passed {
        Exit::Clean
    } else {
        Exit::GateFailed
    })
}

/// Records of `kind` for the product, oldest first (none without a ledger).
fn records_of(
    project: &Project,
    global: &GlobalArgs,
    kind: &str,
    product: &str,
) -> Result<Vec<Record>> {
    sunset::records(project, global, kind, product)
}

fn runs_gate(
    project: &Project,
    args: &GateArgs,
    manifest: &Manifest,
    global: &GlobalArgs,
    verdict: &mut Verdict,
) -> Result<()> {
    let fail_on = fail_on_of(args.fail_on, manifest);
    verdict.fail_on = Some(fail_on.to_string());
    for kind in RunKind::ALL {
        let mut latest: BTreeMap<String, Record> = BTreeMap::new();
        for r in records_of(project, global, kind.as_str(), &verdict.product)? {
            if let Some(subject) = kind.subject(&r) {
                latest.insert(subject, r);
            }
        }
        if latest.is_empty() && args.require.contains(&kind) {
            verdict.missing.push(kind);
            verdict.reasons.push(format!(
                "no `steward {}` run of {} in the ledger, and --require {} asks for one",
                kind.as_str(),
                verdict.product,
                kind.as_str()
            ));
        }
        for (subject, r) in latest {
            let blocking = blocking(&r.counts, fail_on);
            if blocking > 0 {
                verdict.reasons.push(format!(
                    "{} {subject}: {blocking} finding(s) at or above {fail_on} in the latest run (ledger #{}, {})",
                    kind.as_str(),
                    r.seq,
                    r.recorded_at.format("%Y-%m-%d %H:%M UTC")
                ));
            }
            verdict.runs.push(Judged {
                kind,
                subject,
                record: r.seq,
                recorded_at: r.recorded_at.to_rfc3339(),
                git_commit: r.git_commit.clone(),
                counts: r.counts.clone(),
                blocking,
                passed: blocking == 0,
            });
        }
    }
    Ok(())
}

fn sunset_gate(
    project: &Project,
    manifest: &Manifest,
    global: &GlobalArgs,
    verdict: &mut Verdict,
) -> Result<()> {
    let today = Utc::now().date_naive();
    let items = sunset::inventory(project, manifest, global, today)?;
    let last = sunset::latest_verification(project, global, &manifest.product.name)?;
    let attested = sunset::attestations(project, global, &manifest.product.name)?;
    let mut out = Vec::new();
    for item in &items {
        let result = last.as_ref().and_then(|(_, by_id)| by_id.get(&item.id));
        let attestation = attested.get(&item.id);
        let (status, done, why) = match (result, item.check, attestation) {
            (Some(r), _, _) if r.status.done() => {
                (r.status.as_str().to_string(), true, r.observed.clone())
            }
            // Only a person can vouch for these; their word counts from when it is recorded.
            (_, Check::Attestation, Some(a)) => (
                "attested".into(),
                true,
                format!(
                    "attested by {} on {} (ledger #{})",
                    a.by, a.recorded_at, a.record
                ),
            ),
            (_, Check::Attestation, None) => (
                "unverified".into(),
                false,
                format!(
                    "steward cannot check it: `steward sunset attest {} --by NAME --evidence FILE` once its {} is done",
                    item.id,
                    item.method.as_str()
                ),
            ),
            (Some(r), Check::Automatic, a) => {
                let mut why = format!(
                    "{} in `steward sunset verify` (ledger #{}): {}",
                    r.status.as_str(),
                    last.as_ref().map_or(0, |(rec, _)| rec.seq),
                    r.observed
                );
                if a.is_some_and(|a| last.as_ref().is_some_and(|(rec, _)| a.record > rec.seq)) {
                    why.push_str("; attested since: run `steward sunset verify` again");
                }
                (r.status.as_str().to_string(), false, why)
            }
            (None, Check::Automatic, _) => (
                "not verified".into(),
                false,
                "not checked yet: run `steward sunset verify`".into(),
            ),
        };
        out.push(SunsetItem {
            id: item.id.clone(),
            kind: item.kind.as_str().into(),
            owner: item.owner.clone(),
            status,
            done,
            why,
        });
    }
    let open = out.iter().filter(|i| !i.done).count();
    if items.is_empty() {
        verdict.reasons.push(
            "phase = \"sunset\", but the decommission inventory is empty: declare what the product owns as [[asset]] entries in steward.toml".into(),
        );
    } else if open > 0 {
        verdict.reasons.push(format!(
            "phase = \"sunset\": {open} of {} item(s) are neither verified nor attested",
            out.len()
        ));
    }
    verdict.sunset = Some(SunsetGate {
        verification: last.as_ref().map(|(r, _)| r.seq),
        items: out,
        open,
    });
    Ok(())
}

fn render_text(v: &Verdict) -> String {
    let mut s = format!(
        "gate for {} (phase {}): {}\n",
        v.product,
        v.phase,
        if v.passed { "passed" } else { "FAILED" }
    );
    for r in &v.reasons {
        let _ = writeln!(s, "  - {r}");
    }
    if let Some(sunset) = &v.sunset {
        let _ = writeln!(
            s,
            "\nDecommission inventory ({} of {} done{}):",
            sunset.items.len() - sunset.open,
            sunset.items.len(),
            sunset
                .verification
                .map(|n| format!("; automatic checks from sunset verify #{n}"))
                .unwrap_or_else(|| "; no sunset verify recorded yet".into())
        );
        for i in &sunset.items {
            let _ = writeln!(
                s,
                "  [{}] {} ({}, owner {}): {}",
                if i.done { "x" } else { " " },
                i.id,
                i.kind,
                i.owner,
                i.why
            );
        }
    } else {
        let _ = writeln!(
            s,
            "\nLatest runs, held to fail-on {}:",
            v.fail_on.as_deref().unwrap_or("high")
        );
        if v.runs.is_empty() {
            let _ = writeln!(
                s,
                "  none recorded for {}: nothing to gate on (--require KIND makes a missing run fail)",
                v.product
            );
        }
        for r in &v.runs {
            let c = &r.counts;
            let _ = writeln!(
                s,
                "  {} {} {} — #{} {}{}: {} critical, {} high, {} medium, {} low",
                if r.passed { "ok  " } else { "FAIL" },
                r.kind.as_str(),
                r.subject,
                r.record,
                &r.recorded_at[..r.recorded_at.len().min(19)].replace('T', " "),
                r.git_commit
                    .as_deref()
                    .map(|g| format!(" (commit {})", &g[..g.len().min(12)]))
                    .unwrap_or_default(),
                c.critical,
                c.high,
                c.medium,
                c.low
            );
        }
    }
    if !v.ledger_intact {
        for p in &v.ledger_problems {
            let _ = writeln!(s, "  ledger: {p}");
        }
    }
    s
}

/// The verdict is evidence too: who let the product through, when, on what records.
fn record(
    project: &Project,
    global: &GlobalArgs,
    v: &Verdict,
    started_at: chrono::DateTime<Utc>,
) -> Result<()> {
    let root: &Path = &project.root;
    recording::record(
        project,
        global,
        RunRecord {
            kind: "gate",
            command: "gate",
            args: recording::redacted_args(),
            target: root.display().to_string(),
            product: Some(v.product.clone()),
            started_at,
            finished_at: Utc::now(),
            git_commit: project::git_commit(root),
            counts: SeverityCounts::default(),
            gate_passed: Some(v.passed),
            report_sha256: None,
            payload: serde_json::to_value(v)?,
        },
    )
}
