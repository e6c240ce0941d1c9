//! `steward monitor run`: every probe once — exposure of the services steward.toml names as
//! assets (no or default credentials), the posture and contents of its S3 buckets (public
//! access, encryption, versioning, logging, TLS; sensitive data in the objects), drift of
//! each observation from the approved baseline, and the SBOM each target's latest scan
//! stored in the ledger matched again against the current advisory database.
//! `steward monitor baseline` records today's observations as the approved state.

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use steward_core::collect::{SkipReason, Skipped};
use steward_core::finding::Finding;
use steward_core::triage::{SeverityCounts, triage};
use steward_ops::exposure::{self, Observation};

use crate::args::{GlobalArgs, MonitorBaselineArgs, MonitorRunArgs, MonitorStatusArgs};
use crate::engines::{self, EngineOptions};
use crate::exit::{Exit, usage};
use crate::project::Project;
use crate::recording::{self, RunRecord};

/// What the asset probes saw.
pub(crate) struct Observed {
    pub findings: Vec<Finding>,
    pub skipped: Vec<Skipped>,
    /// One entry per asset probed: asset, kind, location, result, observation.
    pub probes: Vec<serde_json::Value>,
}

impl Observed {
    /// An asset its probe could not read: skipped with `why` (what reports show), and its
    /// probe recorded as an error with `error` (what the ledger keeps), at `location`.
    fn unreadable(
        &mut self,
        asset: &steward_core::manifest::Asset,
        location: &str,
        why: String,
        error: impl Into<serde_json::Value>,
    ) {
        let id = asset.id.as_ref().as_str();
        self.skipped.push(Skipped {
            path: format!("asset:{id}"),
            reason: SkipReason::Unreadable { error: why },
        });
        self.probes.push(serde_json::json!({"asset": id, "kind": asset.kind, "location": location, "result": "error", "error": error.into()}));
    }

    /// Posture policies that failed to evaluate on asset `id`'s observation.
    fn policy_errors(
        &mut self,
        id: &str,
        errors: impl IntoIterator<Item = impl std::fmt::Display>,
    ) {
        for e in errors {
            self.skipped.push(Skipped {
                path: format!("asset:{id}"),
                reason: SkipReason::Unreadable {
                    error: format!("posture policy failed: {e}"),
                },
            });
        }
    }
}

/// Probe every asset steward.toml names, and nothing else. Relative file locations are
/// read from `base`, the project directory.
pub(crate) fn observe(
    manifest: Option<&steward_core::manifest::Manifest>,
    base: &std::path::Path,
) -> Result<Observed> {
    let mut out = Observed {
        findings: Vec::new(),
        skipped: Vec::new(),
        probes: Vec::new(),
    };
    let exposure_rules = exposure::rules();
    for asset in manifest.map(|m| m.assets.as_slice()).unwrap_or_default() {
        let id = asset.id.as_ref().as_str();
        let shown = exposure::redact_url(&asset.location);
        if asset.location.starts_with("s3://") {
            probe_bucket(asset, base, &mut out)?;
            continue;
        }
        if matches!(asset.kind.as_str(), "https" | "tls") {
            probe_tls(asset, &mut out)?;
            continue;
        }
        if steward_ops::configfile::KINDS.contains(&asset.kind.as_str()) {
            probe_file(asset, base, &mut out);
            continue;
        }
        if exposure::CONSOLE_KINDS.contains(&asset.kind.as_str()) {
            probe_console(asset, &exposure_rules, &mut out);
            continue;
        }
        let Some((probe, rule_id)) = exposure::probe_for(&asset.kind) else {
            continue;
        };
        match probe(&asset.location) {
            Ok(Observation::Open { how }) => {
                let rule = exposure_rules
                    .iter()
                    .find(|r| r.id == rule_id)
                    .expect("probe rule");
                out.findings
                    .push(exposure::finding(rule, id, &asset.location, &how));
                out.probes.push(serde_json::json!({"asset": id, "kind": asset.kind, "location": shown, "result": "open", "observed": how, "observation": {"access": "open"}}));
            }
            Ok(Observation::Protected) => {
                out.probes.push(serde_json::json!({"asset": id, "kind": asset.kind, "location": shown, "result": "protected", "observation": {"access": "protected"}}));
            }
            Err(e) => {
                let why = exposure::redact_url(&e.to_string());
                out.unreadable(asset, &shown, why, e.reason);
            }
        }
    }
    Ok(out)
}

/// An HTTP admin console asset, tried with the default-login templates.
fn probe_console(
    asset: &steward_core::manifest::Asset,
    rules: &[steward_core::rule::Rule],
    out: &mut Observed,
) {
    let id = asset.id.as_ref().as_str();
    let shown = exposure::redact_url(&asset.location);
    match steward_web::console::default_logins(&asset.location) {
        Ok(logins) if logins.is_empty() => {
            out.probes.push(serde_json::json!({"asset": id, "kind": asset.kind, "location": shown, "result": "protected", "observation": {"access": "protected"}}));
        }
        Ok(logins) => {
            let rule = rules
                .iter()
                .find(|r| r.id == exposure::CONSOLE_DEFAULT_LOGIN)
                .expect("console rule");
            let how: Vec<String> = logins.iter().map(|l| l.message.clone()).collect();
            out.findings.push(exposure::finding(
                rule,
                id,
                &asset.location,
                &how.join("; "),
            ));
            let templates: Vec<&str> = logins.iter().map(|l| l.template.as_str()).collect();
            out.probes.push(serde_json::json!({"asset": id, "kind": asset.kind, "location": shown, "result": "open", "observed": how, "observation": {"access": "default-login", "templates": templates}}));
        }
        Err(e) => {
            let e = exposure::redact_url(&e);
            out.unreadable(asset, &shown, e.clone(), e);
        }
    }
}

/// A configuration file asset: its hash, owner, mode and parsed settings, for drift.
fn probe_file(asset: &steward_core::manifest::Asset, base: &std::path::Path, out: &mut Observed) {
    let id = asset.id.as_ref().as_str();
    let observed = steward_ops::configfile::resolve(&asset.location, base)
        .and_then(|path| steward_ops::configfile::observe(&path));
    match observed {
        Ok(observation) => {
            let result = if observation["exists"] == true {
                "present"
            } else {
                "missing"
            };
            out.probes.push(serde_json::json!({"asset": id, "kind": asset.kind, "location": asset.location, "result": result, "observation": observation}));
        }
        Err(e) => out.unreadable(asset, &asset.location, e.clone(), e),
    }
}

/// A TLS endpoint asset: accepted legacy protocols and the certificate, judged by the TLS
/// posture policies.
fn probe_tls(asset: &steward_core::manifest::Asset, out: &mut Observed) -> Result<()> {
    let id = asset.id.as_ref().as_str();
    let shown = exposure::redact_url(&asset.location);
    match steward_ops::tls::probe_tls(&asset.location) {
        Ok(observation) => {
            let (found, errors) = steward_ops::posture::evaluate(
                steward_ops::posture::TLS_ENDPOINT,
                &observation,
                &shown,
                Some(id),
            )
            .map_err(|e| anyhow::anyhow!("posture policies: {e}"))?;
            let result = if found.is_empty() { "ok" } else { "weak" };
            out.findings.extend(found);
            out.policy_errors(id, errors);
            out.probes.push(serde_json::json!({"asset": id, "kind": asset.kind, "location": shown, "result": result, "observation": observation}));
        }
        Err(e) => out.unreadable(asset, &shown, e.to_string(), e.reason),
    }
    Ok(())
}

/// An S3 bucket asset: its posture through the posture policies, its objects through DLP,
/// and a critical finding per sensitive object when it is public.
fn probe_bucket(
    asset: &steward_core::manifest::Asset,
    base: &std::path::Path,
    out: &mut Observed,
) -> Result<()> {
    use steward_ops::storage::{BucketTarget, Storage};
    let id = asset.id.as_ref().as_str();
    let fail = |out: &mut Observed, error: String| {
        out.unreadable(asset, &asset.location, error.clone(), error)
    };
    let target = match BucketTarget::parse(&asset.location) {
        Ok(t) => t,
        Err(e) => {
            fail(out, e);
            return Ok(());
        }
    };
    let storage = match Storage::from_env(asset.endpoint.as_deref(), asset.region.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            fail(out, e.to_string());
            return Ok(());
        }
    };
    let mut posture = match storage.bucket_posture(&target.bucket) {
        Ok(p) => p,
        Err(e) => {
            fail(out, e.to_string());
            return Ok(());
        }
    };
    let location = format!("s3://{}", target.bucket);
    let (found, errors) = steward_ops::posture::evaluate(
        steward_ops::posture::S3_BUCKET,
        &posture,
        &location,
        Some(id),
    )
    .map_err(|e| anyhow::anyhow!("posture policies: {e}"))?;
    out.findings.extend(found);
    out.policy_errors(id, errors);
    // The objects: what they hold, and whether the asset may hold it. Their fingerprints
    // are keyed with the project's key, as `steward dlp` makes them.
    let key = crate::engines::fingerprint_key(base, false)?;
    match super::dlp::scan_bucket_objects(
        &storage,
        &target.bucket,
        &target.prefix,
        10_000,
        100 * 1024 * 1024,
        Some(asset),
        &key,
    ) {
        Ok(scan) => {
            let sensitive = scan.sensitive();
            out.findings
                .extend(steward_ops::posture::public_sensitive_findings(
                    &posture,
                    &sensitive,
                    Some(id),
                ));
            out.findings.extend(scan.findings);
            out.skipped.extend(scan.skipped);
            if let Some(map) = posture.as_object_mut() {
                let mut classes: Vec<String> = sensitive
                    .iter()
                    .flat_map(|(_, c)| c.iter().cloned())
                    .collect();
                classes.sort();
                classes.dedup();
                map.insert("data_classes".into(), classes.into());
                map.insert("objects_with_sensitive_data".into(), sensitive.len().into());
            }
        }
        Err(e) => out.skipped.push(Skipped {
            path: format!("asset:{id}"),
            reason: SkipReason::Unreadable {
                error: format!("objects not read: {e}"),
            },
        }),
    }
    let result = if posture["public"] == true {
        "public"
    } else {
        "private"
    };
    out.probes.push(serde_json::json!({"asset": id, "kind": asset.kind, "location": location, "result": result, "observation": posture}));
    Ok(())
}

/// `steward monitor baseline`: probe every asset and record what was seen as approved.
pub fn baseline(args: MonitorBaselineArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = chrono::Utc::now();
    let project = Project::discover(&args.dir, global.config.as_deref())?;
    let manifest = project.manifest.as_ref();
    if manifest.is_none_or(|m| m.assets.is_empty()) {
        return Err(usage(
            "nothing to baseline: declare [[asset]] entries in steward.toml (kind and location)",
        ));
    }
    if global.no_ledger {
        return Err(usage(
            "a baseline lives in the ledger: run without --no-ledger",
        ));
    }
    let observed = observe(manifest, &project.root)?;
    let failed: Vec<&serde_json::Value> = observed
        .probes
        .iter()
        .filter(|p| p["result"] == "error")
        .collect();
    for p in &observed.probes {
        let what = match p["result"].as_str() {
            Some("error") => format!("not recorded: {}", p["error"].as_str().unwrap_or("?")),
            Some(r) => r.to_string(),
            None => "?".into(),
        };
        println!(
            "  {:<20} {:<14} {}",
            p["asset"].as_str().unwrap_or("?"),
            p["kind"].as_str().unwrap_or("?"),
            what
        );
    }
    if failed.len() == observed.probes.len() {
        return Err(usage(
            "no asset could be probed, so no baseline was recorded; fix the errors above and run again",
        ));
    }
    recording::record(
        &project,
        global,
        RunRecord {
            kind: "monitor-baseline",
            command: "monitor baseline",
            args: recording::redacted_args(),
            target: project.root.display().to_string(),
            product: project.product_name(),
            started_at,
            finished_at: chrono::Utc::now(),
            git_commit: None,
            counts: SeverityCounts::default(),
            gate_passed: None,
            report_sha256: None,
            payload: serde_json::json!({ "probes": observed.probes }),
        },
    )?;
    println!(
        "steward: baseline recorded for {} assets{}; `steward monitor run` now reports any change from it",
        observed.probes.len() - failed.len(),
        if failed.is_empty() {
            String::new()
        } else {
            format!(" ({} could not be probed)", failed.len())
        }
    );
    Ok(Exit::Clean)
}

/// What the ledger adds to a monitor cycle.
pub(crate) struct LedgerRecheck {
    /// Stored SBOMs' packages with advisories today.
    pub advisories: Vec<Finding>,
    pub skipped: Vec<Skipped>,
    pub sboms_checked: usize,
    /// Fields that changed since the approved baseline.
    pub drift: Vec<Finding>,
}

/// What the ledger adds to a monitor cycle: the latest SBOM of each scanned target matched
/// against today's advisory database, and drift of `probes` from the approved baseline.
pub(crate) fn recheck_ledger(
    project: &Project,
    global: &GlobalArgs,
    engine_opts: &EngineOptions,
    probes: &[serde_json::Value],
) -> Result<LedgerRecheck> {
    let mut sboms_checked = 0usize;
    let mut findings = Vec::new();
    let mut drift_findings = Vec::new();
    let mut skipped = Vec::new();
    let ledger_spec = recording::store_spec(project, global);
    let have_ledger = global.store.is_some() || project.default_ledger_path().exists();
    if have_ledger {
        let mut ledger = recording::open(&ledger_spec)?;
        let baselines = ledger
            .list(&steward_store::ListFilter {
                kind: Some("monitor-baseline".into()),
                ..Default::default()
            })
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        if let Some(b) = baselines.last() {
            let label = format!(
                "the baseline of {} (ledger record {})",
                b.started_at.format("%Y-%m-%d %H:%M UTC"),
                b.seq
            );
            drift_findings.extend(steward_ops::drift::findings(
                &b.payload["probes"],
                &label,
                b.seq,
                probes,
            ));
        }
        let scans = ledger
            .list(&steward_store::ListFilter {
                kind: Some("scan".into()),
                ..Default::default()
            })
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut latest: BTreeMap<&str, &steward_store::Record> = BTreeMap::new();
        for r in scans.iter().filter(|r| r.payload["sbom"].is_object()) {
            latest.insert(r.target.as_str(), r);
        }
        if !latest.is_empty() {
            let db_path = engine_opts.advisory_db.clone().unwrap_or_default();
            match steward_deps::db::AdvisoryDb::open(&db_path) {
                Err(e) => skipped.push(Skipped {
                    path: "advisory database".into(),
                    reason: SkipReason::Unreadable {
                        error: format!("stored SBOMs not re-checked: {e}"),
                    },
                }),
                Ok(_) => {
                    let engine =
                        steward_deps::engine::DepsEngine::new(&steward_deps::engine::DepsOptions {
                            db_path,
                        });
                    for (target, record) in latest {
                        let locks =
                            steward_deps::sbom::lockfiles_from_cyclonedx(&record.payload["sbom"]);
                        let found = engine
                            .match_lockfiles(&locks, &HashMap::new())
                            .map_err(|e| anyhow::anyhow!("{e}"))?;
                        sboms_checked += 1;
                        for mut f in found {
                            f.message = format!(
                                "{} (in the SBOM of {target}, scanned {})",
                                f.message,
                                record.started_at.format("%Y-%m-%d")
                            );
                            f.properties.insert("target".into(), target.into());
                            f.properties.insert("scan_record".into(), record.seq.into());
                            findings.push(f);
                        }
                    }
                }
            }
        }
    }
    Ok(LedgerRecheck {
        advisories: findings,
        skipped,
        sboms_checked,
        drift: drift_findings,
    })
}

pub fn run(args: MonitorRunArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = chrono::Utc::now();
    let project = Project::discover(&args.dir, global.config.as_deref())?;
    let manifest = project.manifest.as_ref();
    let Observed {
        mut findings,
        mut skipped,
        probes,
    } = observe(manifest, &project.root)?;
    let exposure_rules = exposure::rules();

    // Advisories: the latest SBOM of each scanned target, against today's database.
    let engine_opts = EngineOptions {
        advisory_db: Some(args.db.resolve()),
        ..Default::default()
    };
    let LedgerRecheck {
        advisories,
        skipped: more_skipped,
        sboms_checked,
        drift,
    } = recheck_ledger(&project, global, &engine_opts, &probes)?;
    findings.extend(advisories);
    findings.extend(drift);
    skipped.extend(more_skipped);
    if manifest.is_none_or(|m| m.assets.is_empty()) && sboms_checked == 0 && skipped.is_empty() {
        return Err(usage(
            "nothing to monitor: declare [[asset]] entries in steward.toml (kind and location), \
             or record scans with the deps engine so their SBOMs can be re-checked",
        ));
    }

    // Triage, report, record.
    let mut catalog = engines::catalog(&engine_opts)?;
    catalog.extend(exposure_rules);
    catalog.extend_from_findings(findings.iter());
    let config = super::scan::triage_config(manifest, args.fail_on, None);
    let triaged = triage(findings, &[], &catalog, &config)?;
    let mut run = recording::Finished::new(
        "monitor",
        "monitor run",
        project.root.display().to_string(),
        &project,
        started_at,
        &["exposure", "storage", "drift", "advisories"],
        &triaged,
        &catalog,
    );
    run.skipped = &skipped;
    run.files_scanned = probes.len() + sboms_checked;
    let report_sha256 = super::emit_report(&run.report(), &args.output, global)?;
    run.record(&project, global, report_sha256, || {
        serde_json::json!({
            "engines": ["monitor"],
            "finding_rules": recording::finding_rules(&triaged.active),
            "probes": probes,
            "sboms_checked": sboms_checked,
            "skipped": skipped.len(),
        })
    })?;
    Ok(run.exit())
}

/// One asset's story in `monitor status`.
#[derive(Debug, serde::Serialize)]
struct AssetHistory {
    asset: String,
    kind: String,
    /// The last result: open, protected, public, private, ok, weak, error.
    now: String,
    /// When the asset first showed its current result (after showing another).
    since: String,
    /// Each change of result, oldest first: `(when, result)`.
    changes: Vec<(String, String)>,
    probes: usize,
}

/// `steward monitor status`: the posture over time from the ledger — every asset's result
/// now and how it changed, and the recorded cycles with their gates.
pub fn status(args: MonitorStatusArgs, global: &GlobalArgs) -> Result<Exit> {
    let (project, mut ledger) = super::ledger::open_existing(global)?;
    let records = ledger
        .list(&steward_store::ListFilter {
            kind: Some("monitor".into()),
            ..Default::default()
        })
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if records.is_empty() {
        return Err(usage(
            "the ledger holds no monitor runs yet: run `steward monitor run` (or the daemon) first",
        ));
    }
    let mut assets: BTreeMap<String, AssetHistory> = BTreeMap::new();
    for r in &records {
        let when = r.started_at.format("%Y-%m-%d %H:%M:%S UTC").to_string();
        for p in r.payload["probes"].as_array().into_iter().flatten() {
            let (Some(asset), Some(result)) = (p["asset"].as_str(), p["result"].as_str()) else {
                continue;
            };
            let h = assets
                .entry(asset.to_string())
                .or_insert_with(|| AssetHistory {
                    asset: asset.to_string(),
                    kind: p["kind"].as_str().unwrap_or("?").to_string(),
                    now: String::new(),
                    since: when.clone(),
                    changes: Vec::new(),
                    probes: 0,
                });
            h.probes += 1;
            if h.now != result {
                h.now = result.to_string();
                h.since = when.clone();
                h.changes.push((when.clone(), result.to_string()));
            }
        }
    }
    let shown: Vec<&steward_store::Record> = records
        .iter()
        .rev()
        .take(args.limit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if args.json {
        let cycles: Vec<serde_json::Value> = shown
            .iter()
            .map(|r| {
                serde_json::json!({
                    "seq": r.seq,
                    "started_at": r.started_at.to_rfc3339(),
                    "command": r.command,
                    "gate_passed": r.gate_passed,
                    "counts": r.counts,
                })
            })
            .collect();
        let out = serde_json::json!({
            "product": project.product_name(),
            "cycles_recorded": records.len(),
            "assets": assets.values().collect::<Vec<_>>(),
            "cycles": cycles,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(Exit::Clean);
    }
    let last = records.last().expect("not empty");
    println!(
        "steward monitor: {} — {} runs recorded, the last at {} (gate {})",
        project
            .product_name()
            .unwrap_or_else(|| "this product".into()),
        records.len(),
        last.started_at.format("%Y-%m-%d %H:%M UTC"),
        match last.gate_passed {
            Some(true) => "passed",
            Some(false) => "FAILED",
            None => "-",
        }
    );
    println!();
    println!(
        "  {:<20} {:<14} {:<10} {:<24} history",
        "asset", "kind", "now", "since"
    );
    for h in assets.values() {
        let history: Vec<&str> = h.changes.iter().map(|(_, r)| r.as_str()).collect();
        println!(
            "  {:<20} {:<14} {:<10} {:<24} {} ({} probes)",
            h.asset,
            h.kind,
            h.now,
            h.since,
            history.join(" -> "),
            h.probes
        );
    }
    println!();
    println!(
        "  {:>5}  {:<20} {:<16} {:<6} crit high  med  low",
        "seq", "started (UTC)", "command", "gate"
    );
    for r in shown {
        println!(
            "  {:>5}  {:<20} {:<16} {:<6} {:>4} {:>4} {:>4} {:>4}",
            r.seq,
            r.started_at.format("%Y-%m-%d %H:%M:%S"),
            r.command,
            match r.gate_passed {
                Some(true) => "pass",
                Some(false) => "FAIL",
                None => "-",
            },
            r.counts.critical,
            r.counts.high,
            r.counts.medium,
            r.counts.low
        );
    }
    Ok(Exit::Clean)
}
