//! `steward plan`: the security requirements steward.toml calls for, grouped by lifecycle
//! phase, with the frameworks each serves, why it applies and where it stands in the ledger
//! (verified, failing, attested, not yet verified); and `steward attest`, which records a
//! person's confirmation of one requirement, with the hash of the evidence, until a date.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{NaiveDate, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use steward_core::baseline::{Baseline, DEFAULT_BASELINE_PATH};
use steward_core::collect::{CollectOptions, collect};
use steward_core::finding::Finding;
use steward_core::manifest::Manifest;
use steward_core::rule::RuleCatalog;
use steward_core::triage::{GateOutcome, SeverityCounts, triage};
use steward_plan::catalog::{phase_name, phases};
use steward_plan::framework::Basis;
use steward_plan::oscal::{self, ProductInfo};
use steward_plan::{
    Assessment, Attestation, Evidence, Framework, FrameworkScope, ScanEvidence, Selected, Status,
};
use steward_store::{ListFilter, Record};

use crate::args::{AttestArgs, GlobalArgs, PlanArgs, PlanFormat};
use crate::exit::{Exit, usage};
use crate::project::{self, Project};
use crate::recording::{self, RunRecord};

fn catalog() -> Result<&'static steward_plan::Catalog> {
    steward_plan::embedded().map_err(|e| anyhow::anyhow!("{e}"))
}

fn parse_date(flag: &str, value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        usage(format!(
            "{flag} {value}: not a date; write it as YYYY-MM-DD, e.g. 2026-06-30"
        ))
    })
}

/// The project and its steward.toml; plan and attest need one.
fn project_with_manifest(dir: &Path, global: &GlobalArgs) -> Result<(Project, Manifest)> {
    if !dir.exists() {
        return Err(usage(format!(
            "{}: no such directory; name the project directory",
            dir.display()
        )));
    }
    let mut project = Project::discover(dir, global.config.as_deref())?;
    match project.manifest.take() {
        Some(m) => Ok((project, m)),
        None => Err(usage(format!(
            "no steward.toml in {} or its parents: run `steward init` to describe the product \
             (its data, jurisdictions and components), then `steward plan`",
            dir.display()
        ))),
    }
}

/// What `plan` works from: the project, its manifest, the manifest's text as parsed (with
/// any part that had an error commented out) and those errors.
struct PlanInput {
    project: Project,
    manifest: Manifest,
    text: String,
    errors: Vec<steward_core::manifest::ManifestError>,
}

/// The project and its steward.toml for `plan`, which reports what it can from a manifest
/// with errors: each error is printed with its line and key, and its part left out.
fn plan_input(dir: &Path, global: &GlobalArgs) -> Result<PlanInput> {
    match project_with_manifest(dir, global) {
        Ok((project, manifest)) => {
            let text = match &project.manifest_path {
                Some(p) => std::fs::read_to_string(p)
                    .with_context(|| format!("reading {}", p.display()))?,
                None => String::new(),
            };
            Ok(PlanInput {
                project,
                manifest,
                text,
                errors: Vec::new(),
            })
        }
        Err(e) if e.is::<steward_core::manifest::ManifestError>() => {
            let path = match global.config.as_deref() {
                Some(p) => p.to_path_buf(),
                None => steward_core::manifest::Manifest::discover(dir).ok_or(e)?,
            };
            let original = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            let partial = steward_plan::lenient::parse(&path.display().to_string(), &original)?;
            for e in &partial.errors {
                eprintln!("steward: {e}");
            }
            eprintln!(
                "steward: {} left out of the plan below; fix {} and run `steward plan` again",
                plural(partial.errors.len() as u64, "part", "parts"),
                path.display()
            );
            let root = match global.config {
                Some(_) => dir.to_path_buf(),
                None => path.parent().map(Path::to_path_buf).unwrap_or_default(),
            };
            Ok(PlanInput {
                project: Project {
                    root,
                    manifest: None,
                    manifest_path: Some(path),
                },
                manifest: partial.manifest,
                text: partial.text,
                errors: partial.errors,
            })
        }
        Err(e) => Err(e),
    }
}

/// Counts of requirements by status.
#[derive(Debug, Clone, Default, Serialize)]
struct Counts {
    requirements: usize,
    verified: usize,
    failing: usize,
    attested: usize,
    not_verified: usize,
}

impl Counts {
    fn add(&mut self, status: Status) {
        self.requirements += 1;
        match status {
            Status::Verified => self.verified += 1,
            Status::Failing => self.failing += 1,
            Status::Attested => self.attested += 1,
            Status::NotVerified => self.not_verified += 1,
        }
    }
}

#[derive(Debug, Serialize)]
struct FrameworkRow {
    key: &'static str,
    name: &'static str,
    basis: Basis,
    reason: String,
    #[serde(flatten)]
    counts: Counts,
}

#[derive(Debug, Serialize)]
struct RequirementView<'a> {
    id: &'a str,
    title: &'a str,
    text: &'a str,
    rationale: &'a str,
    domain: &'a str,
    phases: Vec<&'static str>,
    /// Why it applies to this product.
    applies_because: Vec<String>,
    /// Framework key -> references, for the frameworks in scope.
    references: BTreeMap<&'static str, Vec<&'a str>>,
    verification: &'a [String],
    attestation: Option<&'a str>,
    status: Status,
    evidence: &'a Assessment,
}

#[derive(Debug, Serialize)]
struct ProductView<'a> {
    name: &'a str,
    owner: Option<&'a str>,
    phase: &'static str,
    data: Vec<&'static str>,
    jurisdictions: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
struct PlanReport<'a> {
    tool_version: &'static str,
    product: ProductView<'a>,
    manifest: String,
    /// The ledger the statuses come from; none when the project has no ledger yet.
    ledger: Option<String>,
    as_of: String,
    summary: Counts,
    frameworks: Vec<FrameworkRow>,
    requirements: Vec<RequirementView<'a>>,
    /// The architecture review of steward.toml, and its design against the infrastructure code.
    architecture: ArchitectureView,
}

#[derive(Debug, Serialize)]
struct ArchitectureView {
    /// Whether the design was compared with the project's infrastructure code.
    compared_with_iac: bool,
    counts: SeverityCounts,
    suppressed: usize,
    baselined: usize,
    gate: GateOutcome,
    findings: Vec<Finding>,
}

/// Rule families a scan can run today: each available engine, and `steward` for the rules
/// triage applies to every scan.
fn scan_families() -> Vec<&'static str> {
    crate::engines::ENGINES
        .iter()
        .filter(|e| e.available)
        .map(|e| e.name)
        .chain(["steward", "controls", "monitor", "dlp"])
        .collect()
}

fn shown_time(r: &Record) -> String {
    r.recorded_at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// A scan record as evidence, or `None` when it cannot vouch for a requirement: a partial
/// scan (changed or staged files only, or `--files`), or a record from before scans listed
/// their findings' rules that had findings.
fn scan_evidence(r: &Record) -> Option<ScanEvidence> {
    let p = &r.payload;
    if matches!(p["profile"].as_str(), Some("ide" | "commit"))
        || r.args
            .iter()
            .any(|a| a == "--files" || a.starts_with("--files="))
    {
        return None;
    }
    let finding_rules = match p["finding_rules"].as_object() {
        Some(rules) => rules
            .iter()
            .filter_map(|(rule, n)| Some((rule.clone(), n.as_u64()?)))
            .collect(),
        None => {
            let c = &r.counts;
            if c.critical + c.high + c.medium + c.low + c.info > 0 {
                return None;
            }
            BTreeMap::new()
        }
    };
    Some(ScanEvidence {
        seq: r.seq,
        recorded_at: shown_time(r),
        target: r.target.clone(),
        history: p["history"].as_bool().unwrap_or(false),
        git_commit: r.git_commit.clone(),
        engines: p["engines"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        finding_rules,
    })
}

fn attestation(r: &Record) -> Option<Attestation> {
    let p = &r.payload;
    Some(Attestation {
        seq: r.seq,
        recorded_at: shown_time(r),
        requirement: p["requirement"].as_str()?.to_string(),
        by: p["by"].as_str()?.to_string(),
        expires: NaiveDate::parse_from_str(p["expires"].as_str()?, "%Y-%m-%d").ok()?,
        evidence_path: p["evidence"]["path"].as_str().unwrap_or("").to_string(),
        evidence_sha256: p["evidence"]["sha256"].as_str()?.to_string(),
    })
}

/// The ledger's scans and attestations of `product` recorded on or before `as_of`.
fn read_evidence(
    project: &Project,
    global: &GlobalArgs,
    product: &str,
    as_of: NaiveDate,
) -> Result<(Evidence, Option<String>)> {
    if global.store.is_none() && !project.default_ledger_path().exists() {
        return Ok((Evidence::new(vec![], vec![], scan_families()), None));
    }
    let mut ledger = recording::open(&recording::store_spec(project, global))?;
    let mut of_kind = |kind: &str| -> Result<Vec<Record>> {
        let filter = ListFilter {
            kind: Some(kind.to_string()),
            product: Some(product.to_string()),
            ..Default::default()
        };
        let records = ledger
            .list(&filter)
            .map_err(|e| anyhow::anyhow!("reading the ledger: {e}"))?;
        Ok(records
            .into_iter()
            .filter(|r| r.recorded_at.date_naive() <= as_of)
            .collect())
    };
    // Scans, and the runs of the other checks whose rules requirements name: controls on
    // hosts, monitor probes on assets, DLP on data stores.
    let mut scans: Vec<ScanEvidence> = Vec::new();
    for kind in ["scan", "controls", "monitor", "dlp"] {
        scans.extend(of_kind(kind)?.iter().filter_map(scan_evidence));
    }
    scans.sort_by_key(|s| s.seq);
    let attestations = of_kind("attest")?.iter().filter_map(attestation).collect();
    let location = ledger.location().to_string();
    Ok((
        Evidence::new(scans, attestations, scan_families()).with_known_rules(
            crate::engines::catalog(&crate::engines::EngineOptions::default())?
                .iter()
                .map(|r| r.id.clone())
                .collect::<Vec<_>>(),
        ),
        Some(location),
    ))
}

fn basis_word(basis: Basis) -> &'static str {
    match basis {
        Basis::Direct => "applies",
        Basis::Model => "as the model for local law",
        Basis::Baseline => "baseline",
    }
}

/// Review the architecture steward.toml declares (and, unless `--no-reality`, compare it
/// with the project's infrastructure code), through triage and the gate like a scan.
fn review_architecture(
    project: &Project,
    manifest: &Manifest,
    text: &str,
    args: &PlanArgs,
) -> Result<ArchitectureView> {
    let Some(path) = &project.manifest_path else {
        anyhow::bail!("the project has a manifest but no path to it");
    };
    let rel = path
        .strip_prefix(&project.root)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|_| path.display().to_string());
    let engine = steward_plan::ArchEngine::new()
        .map_err(|e| anyhow::anyhow!("loading built-in architecture policies: {e}"))?;
    let (mut findings, errors) = engine.review().review(manifest, &rel, text);
    findings.extend(
        errors
            .iter()
            .map(|e| steward_plan::engine::policy_error(&rel, e)),
    );
    let compared_with_iac = !args.no_reality;
    if compared_with_iac {
        let opts = CollectOptions {
            excludes: manifest.scan.exclude.clone(),
            ..Default::default()
        };
        let root = path.parent().unwrap_or(&project.root);
        let tree = collect(root, &opts).with_context(|| format!("reading {}", root.display()))?;
        findings.extend(steward_plan::reality::compare(manifest, &rel, text, &tree));
    }
    let catalog = RuleCatalog::new(steward_core::engine::Engine::rules(&engine).to_vec());
    let baseline_path = project.root.join(DEFAULT_BASELINE_PATH);
    let baseline = if baseline_path.is_file() {
        Some(Baseline::load(&baseline_path)?)
    } else {
        None
    };
    let config = super::scan::triage_config(Some(manifest), args.fail_on, baseline);
    let triaged = triage(findings, &[], &catalog, &config)?;
    Ok(ArchitectureView {
        compared_with_iac,
        counts: SeverityCounts::of(&triaged.active),
        suppressed: triaged.suppressed.len(),
        baselined: triaged.baselined.len(),
        gate: triaged.gate,
        findings: triaged.active,
    })
}

pub fn run(args: PlanArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = Utc::now();
    let PlanInput {
        project,
        manifest,
        text,
        errors: manifest_errors,
    } = plan_input(&args.dir, global)?;
    let manifest_path = project
        .manifest_path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let as_of = match &args.as_of {
        Some(d) => parse_date("--as-of", d)?,
        None => started_at.date_naive(),
    };
    let catalog = catalog()?;
    let selected = catalog.applicable(&manifest);
    let scopes = steward_plan::frameworks_in_scope(&manifest);
    let (evidence, ledger) = read_evidence(&project, global, &manifest.product.name, as_of)?;
    let plan: Vec<(Selected, Assessment)> = selected
        .into_iter()
        .map(|s| {
            let a = evidence.assess(s.requirement, as_of);
            (s, a)
        })
        .collect();

    let architecture = review_architecture(&project, &manifest, &text, &args)?;
    let report = build_report(
        &manifest,
        manifest_path.clone(),
        ledger,
        as_of,
        &scopes,
        &plan,
        architecture,
    );
    let body = match args.format {
        PlanFormat::Text => render_text(&report),
        PlanFormat::Markdown => render_markdown(&report),
        PlanFormat::Html => render_html(&report, &manifest),
        PlanFormat::Dot => steward_plan::dfd::dot(&manifest),
        PlanFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report)?;
            s.push('\n');
            s
        }
        PlanFormat::Oscal | PlanFormat::OscalAr => {
            let product = ProductInfo {
                name: &manifest.product.name,
                description: manifest.product.description.as_deref(),
                owner: manifest.product.owner.as_deref(),
                phase: phase_name(manifest.product.phase),
            };
            let started = started_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            let doc = if args.format == PlanFormat::Oscal {
                oscal::component_definition(&product, &plan, env!("CARGO_PKG_VERSION"), &started)
            } else {
                let finished = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                oscal::assessment_results(
                    &product,
                    "steward.toml",
                    &plan,
                    env!("CARGO_PKG_VERSION"),
                    as_of,
                    &started,
                    &finished,
                )
            };
            let mut s = serde_json::to_string_pretty(&doc)?;
            s.push('\n');
            s
        }
    };
    match &args.output {
        Some(path) => steward_core::output::write_atomic(path, body.as_bytes())
            .with_context(|| format!("writing the plan to {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(body.as_bytes()).context("writing the plan")?;
            out.flush().ok();
        }
    }

    if !manifest_errors.is_empty() {
        // A plan of part of the product is not a record of it; the errors were printed.
        return Ok(Exit::Usage);
    }
    if !global.no_ledger {
        let failing: Vec<&str> = report
            .requirements
            .iter()
            .filter(|r| r.status == Status::Failing)
            .map(|r| r.id)
            .collect();
        let record = RunRecord {
            kind: "plan",
            command: "plan",
            args: recording::redacted_args(),
            target: manifest_path,
            product: Some(manifest.product.name.clone()),
            started_at,
            finished_at: Utc::now(),
            git_commit: project::git_commit(&project.root),
            counts: report.architecture.counts.clone(),
            gate_passed: Some(report.architecture.gate.passed),
            report_sha256: Some(hex::encode(Sha256::digest(body.as_bytes()))),
            payload: serde_json::json!({
                "format": format!("{:?}", args.format).to_lowercase(),
                "as_of": as_of.to_string(),
                "summary": report.summary,
                "frameworks": report.frameworks.iter().map(|f| f.key).collect::<Vec<_>>(),
                "failing": failing,
                "architecture": {
                    "fail_on": report.architecture.gate.fail_on,
                    "finding_rules": recording::finding_rules(&report.architecture.findings),
                },
            }),
        };
        recording::record(&project, global, record)?;
    }
    Ok(if report.architecture.gate.passed {
        Exit::Clean
    } else {
        Exit::GateFailed
    })
}

fn build_report<'a>(
    manifest: &'a Manifest,
    manifest_path: String,
    ledger: Option<String>,
    as_of: NaiveDate,
    scopes: &[FrameworkScope],
    plan: &'a [(Selected<'a>, Assessment)],
    architecture: ArchitectureView,
) -> PlanReport<'a> {
    let mut summary = Counts::default();
    let mut frameworks: Vec<FrameworkRow> = scopes
        .iter()
        .map(|s| FrameworkRow {
            key: s.framework.key(),
            name: s.framework.name(),
            basis: s.basis,
            reason: s.reason.clone(),
            counts: Counts::default(),
        })
        .collect();
    let mut requirements = Vec::new();
    for (s, a) in plan {
        summary.add(a.status);
        for row in frameworks.iter_mut() {
            if s.frameworks.iter().any(|f| f.key() == row.key) {
                row.counts.add(a.status);
            }
        }
        let mut references: BTreeMap<&'static str, Vec<&str>> = BTreeMap::new();
        for r in s.references() {
            references
                .entry(r.framework.key())
                .or_default()
                .push(r.id.as_str());
        }
        requirements.push(RequirementView {
            id: &s.id,
            title: &s.title,
            text: &s.text,
            rationale: &s.rationale,
            domain: &s.domain,
            phases: s.phases.iter().map(|p| phase_name(*p)).collect(),
            applies_because: s.reasons.iter().map(|r| r.to_string()).collect(),
            references,
            verification: &s.verification,
            attestation: s.attestation.as_deref(),
            status: a.status,
            evidence: a,
        });
    }
    PlanReport {
        tool_version: env!("CARGO_PKG_VERSION"),
        product: ProductView {
            name: &manifest.product.name,
            owner: manifest.product.owner.as_deref(),
            phase: phase_name(manifest.product.phase),
            data: manifest.data.classes.iter().map(|c| c.as_str()).collect(),
            jurisdictions: manifest
                .data
                .jurisdictions
                .iter()
                .map(|j| j.get_ref().as_str())
                .collect(),
        },
        manifest: manifest_path,
        ledger,
        as_of: as_of.to_string(),
        summary,
        frameworks,
        requirements,
        architecture,
    }
}

/// Requirements listed under each phase (the earliest each belongs to), in lifecycle order.
fn by_phase<'r, 'a>(
    report: &'r PlanReport<'a>,
) -> Vec<(&'static str, Vec<&'r RequirementView<'a>>)> {
    let earliest = |r: &RequirementView| {
        phases()
            .map(phase_name)
            .find(|name| r.phases.contains(name))
            .unwrap_or("build")
    };
    phases()
        .map(phase_name)
        .map(|name| {
            let of_phase: Vec<_> = report
                .requirements
                .iter()
                .filter(|r| earliest(r) == name)
                .collect();
            (name, of_phase)
        })
        .filter(|(_, rs)| !rs.is_empty())
        .collect()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn framework_name(key: &str) -> &'static str {
    Framework::from_key(key).map_or("?", |f| f.name())
}

/// The references, `PCI DSS v4.0.1 8.3.1, 8.4.2; GDPR Art. 32`.
fn references_line(r: &RequirementView) -> String {
    Framework::ALL
        .iter()
        .filter_map(|f| {
            r.references
                .get(f.key())
                .map(|ids| format!("{} {}", f.name(), ids.join(", ")))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What the ledger says about a requirement, one line each.
fn evidence_lines(r: &RequirementView) -> Vec<String> {
    let a = r.evidence;
    let mut lines = Vec::new();
    for f in &a.failing {
        let rules: Vec<String> = f
            .findings
            .iter()
            .map(|(rule, n)| format!("{rule} ({})", plural(*n, "finding", "findings")))
            .collect();
        lines.push(format!(
            "failing: scan #{} of {} at {}{}: {}",
            f.seq,
            f.target,
            f.recorded_at,
            if f.history { " (git history)" } else { "" },
            rules.join(", ")
        ));
    }
    for c in &a.clean {
        lines.push(format!(
            "clean: scan #{} of {} at {}{} ran {}",
            c.seq,
            c.target,
            c.recorded_at,
            if c.history { " (git history)" } else { "" },
            c.checked.join(", ")
        ));
    }
    if let Some(t) = &a.attestation {
        lines.push(format!(
            "attested by {} until {} (record #{}, evidence {} sha256 {})",
            t.by,
            t.expires,
            t.seq,
            t.evidence_path,
            &t.evidence_sha256[..t.evidence_sha256.len().min(12)]
        ));
    }
    if let Some(t) = &a.expired_attestation {
        lines.push(format!(
            "attestation by {} expired {} (record #{}); attest again",
            t.by, t.expires, t.seq
        ));
    }
    if !a.not_run.is_empty() {
        lines.push(format!("not run yet: {}", a.not_run.join(", ")));
    }
    if !a.not_checkable.is_empty() {
        lines.push(format!(
            "no scan checks these yet: {}",
            a.not_checkable.join(", ")
        ));
    }
    if let Some(what) = r.attestation
        && a.attestation.is_none()
        && r.status != Status::Verified
    {
        lines.push(format!("to attest: {what} (`steward attest {}`)", r.id));
    }
    lines
}

fn headline(report: &PlanReport) -> String {
    let p = &report.product;
    let data = if p.data.is_empty() {
        "no data classes declared".to_string()
    } else {
        format!("holds {}", p.data.join(", "))
    };
    let places = if p.jurisdictions.is_empty() {
        "no jurisdiction declared".to_string()
    } else {
        format!("in {}", p.jurisdictions.join(", "))
    };
    format!("{} — {} phase; {data}; {places}", p.name, p.phase)
}

fn summary_line(c: &Counts) -> String {
    format!(
        "{} requirements: {} verified, {} failing, {} attested, {} not yet verified",
        c.requirements, c.verified, c.failing, c.attested, c.not_verified
    )
}

fn evidence_source(report: &PlanReport) -> String {
    match &report.ledger {
        Some(l) => format!("status from the ledger {l} as of {}", report.as_of),
        None => "no ledger yet: run `steward scan` to verify, `steward attest` to attest".into(),
    }
}

fn architecture_line(a: &ArchitectureView) -> String {
    let c = &a.counts;
    let n = a.findings.len() as u64;
    let mut parts = Vec::new();
    for (count, name) in [
        (c.critical, "critical"),
        (c.high, "high"),
        (c.medium, "medium"),
        (c.low, "low"),
        (c.info, "info"),
    ] {
        if count > 0 {
            parts.push(format!("{count} {name}"));
        }
    }
    let breakdown = if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    };
    let gate = if a.gate.passed {
        format!("gate fail-on {}: passed", a.gate.fail_on)
    } else {
        format!(
            "gate fail-on {}: FAILED, {} at or above it",
            a.gate.fail_on,
            plural(a.gate.blocking as u64, "finding", "findings")
        )
    };
    let iac = if a.compared_with_iac {
        "design compared with the infrastructure code"
    } else {
        "not compared with the infrastructure code (--no-reality)"
    };
    format!(
        "{}{breakdown}; {gate}; {iac}",
        plural(n, "finding", "findings")
    )
}

fn at(f: &Finding) -> String {
    if f.location.start_line > 0 {
        format!("{}:{}", f.location.path, f.location.start_line)
    } else {
        f.location.path.clone()
    }
}

fn render_text(report: &PlanReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", headline(report));
    let _ = writeln!(s, "{}", summary_line(&report.summary));
    let _ = writeln!(s, "{}", evidence_source(report));

    let _ = writeln!(s, "\nFrameworks in scope");
    for f in &report.frameworks {
        let _ = writeln!(s, "  {:<26} {} — {}", f.name, basis_word(f.basis), f.reason);
    }

    let _ = writeln!(s, "\nCompliance matrix");
    let _ = writeln!(
        s,
        "  {:<26} {:>8} {:>9} {:>8} {:>9} {:>17}",
        "framework", "in scope", "verified", "failing", "attested", "not yet verified"
    );
    for f in &report.frameworks {
        let c = &f.counts;
        let _ = writeln!(
            s,
            "  {:<26} {:>8} {:>9} {:>8} {:>9} {:>17}",
            f.name, c.requirements, c.verified, c.failing, c.attested, c.not_verified
        );
    }

    let a = &report.architecture;
    let _ = writeln!(s, "\nArchitecture review — {}", architecture_line(a));
    for f in &a.findings {
        let _ = writeln!(
            s,
            "  {:<8} {:<42} {}",
            f.severity.to_string().to_uppercase(),
            f.rule_id,
            at(f)
        );
        let _ = writeln!(s, "      {}", f.message);
    }

    for (phase, reqs) in by_phase(report) {
        let current = if phase == report.product.phase {
            " (the product's phase)"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "\n{}{current} — {}",
            capitalised(phase),
            plural(reqs.len() as u64, "requirement", "requirements")
        );
        for r in reqs {
            let _ = writeln!(s, "  {:<17} {:<16} {}", r.id, r.status.label(), r.title);
            if r.phases.len() > 1 {
                let _ = writeln!(s, "      phases: {}", r.phases.join(", "));
            }
            let refs = references_line(r);
            if !refs.is_empty() {
                let _ = writeln!(s, "      {refs}");
            }
            let _ = writeln!(s, "      why: {}", r.applies_because.join("; "));
            if !r.verification.is_empty() {
                let _ = writeln!(s, "      verified by: {}", r.verification.join(", "));
            }
            for line in evidence_lines(r) {
                let _ = writeln!(s, "      {line}");
            }
        }
    }
    s
}

fn md(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn render_markdown(report: &PlanReport) -> String {
    let mut s = String::new();
    let p = &report.product;
    let _ = writeln!(s, "# Security requirements: {}\n", md(p.name));
    let _ = writeln!(
        s,
        "{}.\n\n{}; {}.\n",
        md(&headline(report)),
        summary_line(&report.summary),
        md(&evidence_source(report))
    );
    let _ = writeln!(
        s,
        "## Frameworks in scope\n\n| framework | basis | why |\n|---|---|---|"
    );
    for f in &report.frameworks {
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            md(f.name),
            basis_word(f.basis),
            md(&f.reason)
        );
    }
    let _ = writeln!(
        s,
        "\n## Compliance matrix\n\n| framework | in scope | verified | failing | attested | not yet verified |\n|---|---:|---:|---:|---:|---:|"
    );
    for f in &report.frameworks {
        let c = &f.counts;
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            md(f.name),
            c.requirements,
            c.verified,
            c.failing,
            c.attested,
            c.not_verified
        );
    }
    let a = &report.architecture;
    let _ = writeln!(
        s,
        "\n## Architecture review\n\n{}.",
        md(&architecture_line(a))
    );
    if !a.findings.is_empty() {
        let _ = writeln!(
            s,
            "\n| severity | rule | where | finding |\n|---|---|---|---|"
        );
        for f in &a.findings {
            let _ = writeln!(
                s,
                "| {} | `{}` | {} | {} |",
                f.severity,
                f.rule_id,
                md(&at(f)),
                md(&f.message)
            );
        }
    }
    for (phase, reqs) in by_phase(report) {
        let _ = writeln!(
            s,
            "\n## {}\n\n| requirement | status | frameworks | why it applies | evidence |\n|---|---|---|---|---|",
            capitalised(phase)
        );
        for r in reqs {
            let mut evidence = evidence_lines(r);
            if evidence.is_empty() && !r.verification.is_empty() {
                evidence.push(format!("verified by {}", r.verification.join(", ")));
            }
            let status = match r.status {
                Status::Failing => "**failing**".to_string(),
                other => other.label().to_string(),
            };
            let _ = writeln!(
                s,
                "| **{}** {} | {} | {} | {} | {} |",
                r.id,
                md(r.title),
                status,
                md(&references_line(r)),
                md(&r.applies_because.join("; ")),
                md(&evidence.join("<br>"))
            );
        }
    }
    let _ = writeln!(
        s,
        "\n<sub>{} framework references: {}</sub>",
        report.frameworks.len(),
        report
            .frameworks
            .iter()
            .map(|f| framework_name(f.key))
            .collect::<Vec<_>>()
            .join(", ")
    );
    s
}

fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const HTML_STYLE: &str = "body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#222}\
h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}\
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.9rem}th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}\
th{background:#f5f5f5}td.n{text-align:right}.muted{color:#666}code{font-size:.85rem}\
.sev{font-weight:bold;text-transform:uppercase;font-size:.8rem}.critical{color:#fff;background:#8b0000}.high{color:#fff;background:#d9381e}.medium{background:#f5b400}.low{background:#cfe3ff}.info{background:#eee}\
.status-failing{color:#b00020;font-weight:bold}.status-verified{color:#177245}.status-attested{color:#1f5fa8}\
.diagram{overflow-x:auto;border:1px solid #ddd;padding:.5rem;background:#fff}.legend{font-size:.85rem;color:#555}";

fn render_html(report: &PlanReport, manifest: &Manifest) -> String {
    let mut s = String::new();
    let p = &report.product;
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Security plan: {}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>",
        html(p.name)
    );
    let _ = writeln!(s, "<h1>Security plan: {}</h1>", html(p.name));
    let _ = writeln!(
        s,
        "<p>{}.<br>{}; {}.<br><span class=\"muted\">steward {} · manifest {}</span></p>",
        html(&headline(report)),
        html(&summary_line(&report.summary)),
        html(&evidence_source(report)),
        report.tool_version,
        html(&report.manifest)
    );

    let _ = writeln!(
        s,
        "<h2 id=\"matrix\">Compliance matrix</h2>\n<table>\n<tr><th>framework</th><th>basis</th><th>in scope</th><th>verified</th><th>failing</th><th>attested</th><th>not yet verified</th><th>why</th></tr>"
    );
    for f in &report.frameworks {
        let c = &f.counts;
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            html(f.name),
            basis_word(f.basis),
            c.requirements,
            c.verified,
            c.failing,
            c.attested,
            c.not_verified,
            html(&f.reason)
        );
    }
    let _ = writeln!(s, "</table>");

    let a = &report.architecture;
    let _ = writeln!(
        s,
        "<h2 id=\"architecture\">Architecture review</h2>\n<p>{}.</p>",
        html(&architecture_line(a))
    );
    if !a.findings.is_empty() {
        let _ = writeln!(
            s,
            "<table>\n<tr><th>severity</th><th>rule</th><th>where</th><th>finding</th><th>fix</th></tr>"
        );
        for f in &a.findings {
            let _ = writeln!(
                s,
                "<tr><td><span class=\"sev {sev}\">{sev}</span></td><td><code>{}</code><br><span class=\"muted\">{}</span></td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                html(&f.rule_id),
                html(&f.title),
                html(&at(f)),
                html(&f.message),
                html(f.remediation.as_deref().unwrap_or("")),
                sev = f.severity
            );
        }
        let _ = writeln!(s, "</table>");
    }

    let _ = writeln!(
        s,
        "<h2 id=\"diagram\">Data-flow diagram</h2>\n<p class=\"legend\">Trust zones as columns, from the internet inwards; flows labelled with the data classes they carry; <span style=\"color:#c00;font-weight:bold\">red</span>: sensitive data without encryption.</p>\n<div class=\"diagram\">\n{}</div>",
        steward_plan::dfd::svg(manifest)
    );

    for (phase, reqs) in by_phase(report) {
        let _ = writeln!(
            s,
            "<h2 id=\"phase-{phase}\">{} — {}</h2>\n<table>\n<tr><th>requirement</th><th>status</th><th>frameworks</th><th>why it applies</th><th>evidence</th></tr>",
            capitalised(phase),
            plural(reqs.len() as u64, "requirement", "requirements")
        );
        for r in reqs {
            let mut evidence = evidence_lines(r);
            if evidence.is_empty() && !r.verification.is_empty() {
                evidence.push(format!("verified by {}", r.verification.join(", ")));
            }
            let evidence: Vec<String> = evidence.iter().map(|e| html(e)).collect();
            let status_class = match r.status {
                Status::Failing => "status-failing",
                Status::Verified => "status-verified",
                Status::Attested => "status-attested",
                Status::NotVerified => "",
            };
            let _ = writeln!(
                s,
                "<tr id=\"{}\"><td><b>{}</b> {}<br><span class=\"muted\">{}</span></td><td class=\"{status_class}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                html(r.id),
                html(r.id),
                html(r.title),
                html(r.text),
                r.status.label(),
                html(&references_line(r)),
                html(&r.applies_because.join("; ")),
                evidence.join("<br>")
            );
        }
        let _ = writeln!(s, "</table>");
    }
    let _ = writeln!(s, "</body>\n</html>");
    s
}

pub fn attest(args: AttestArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = Utc::now();
    if global.no_ledger {
        return Err(usage(
            "`steward attest` does nothing but record in the ledger; drop --no-ledger",
        ));
    }
    let cwd = std::env::current_dir().context("reading the current directory")?;
    let (project, manifest) = project_with_manifest(&cwd, global)?;
    let catalog = catalog()?;
    let Some(requirement) = catalog.find(&args.requirement) else {
        let hint = match catalog.suggest(&args.requirement) {
            Some(r) => format!("did you mean `{}` ({})?", r.id, r.title),
            None => "requirement ids look like STW-SECRETS-004.".to_string(),
        };
        return Err(usage(format!(
            "unknown requirement `{}`; {hint} `steward plan` lists the requirements of this product",
            args.requirement.trim()
        )));
    };
    let by = args.by.trim();
    if by.is_empty() {
        return Err(usage(
            "--by is empty: name the person who attests (a name or an e-mail address)",
        ));
    }
    let expires = parse_date("--expires", &args.expires)?;
    let today = started_at.date_naive();
    if expires < today {
        return Err(usage(format!(
            "--expires {expires} is in the past; give the last day the attestation should hold"
        )));
    }
    if !args.evidence.is_file() {
        return Err(usage(format!(
            "{}: no such file; --evidence must name the file that backs the attestation",
            args.evidence.display()
        )));
    }
    let bytes = std::fs::read(&args.evidence)
        .with_context(|| format!("reading the evidence {}", args.evidence.display()))?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let applies = catalog
        .applicable(&manifest)
        .iter()
        .any(|s| s.id == requirement.id);
    if !applies {
        eprintln!(
            "steward: note: {} does not apply to {} as its steward.toml stands; recording the attestation anyway",
            requirement.id, manifest.product.name
        );
    }
    let evidence_path = args.evidence.display().to_string();
    let record = RunRecord {
        kind: "attest",
        command: "attest",
        args: recording::redacted_args(),
        target: requirement.id.clone(),
        product: Some(manifest.product.name.clone()),
        started_at,
        finished_at: Utc::now(),
        git_commit: project::git_commit(&project.root),
        counts: Default::default(),
        gate_passed: None,
        report_sha256: None,
        payload: serde_json::json!({
            "requirement": requirement.id,
            "title": requirement.title,
            "by": by,
            "expires": expires.to_string(),
            "evidence": {
                "path": evidence_path,
                "sha256": sha256,
                "bytes": bytes.len(),
            },
            "confirms": requirement.attestation,
        }),
    };
    recording::record(&project, global, record)?;
    println!(
        "attested {} ({}) by {by} until {expires}; evidence {evidence_path} sha256 {sha256}",
        requirement.id, requirement.title
    );
    Ok(Exit::Clean)
}
