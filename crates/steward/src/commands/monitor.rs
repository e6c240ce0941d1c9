//! `steward monitor run`: every probe once. Today: exposure of the services steward.toml
//! names as assets (no or default credentials), and the SBOM each target's latest scan stored
//! in the ledger matched again against the current advisory database.

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use steward_core::collect::{SkipReason, Skipped};
use steward_core::finding::Finding;
use steward_core::report::Report;
use steward_core::triage::{SeverityCounts, triage};
use steward_ops::exposure::{self, Observation};

use crate::args::{GlobalArgs, MonitorRunArgs};
use crate::engines::{self, EngineOptions};
use crate::exit::{Exit, usage};
use crate::project::Project;
use crate::recording::{self, RunRecord};

pub fn run(args: MonitorRunArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = chrono::Utc::now();
    let project = Project::discover(&args.dir, global.config.as_deref())?;
    let manifest = project.manifest.as_ref();
    let mut findings: Vec<Finding> = Vec::new();
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut probes: Vec<serde_json::Value> = Vec::new();
    let exposure_rules = exposure::rules();

    // Exposure: only the assets the manifest names, nothing else.
    for asset in manifest.map(|m| m.assets.as_slice()).unwrap_or_default() {
        let Some((probe, rule_id)) = exposure::probe_for(&asset.kind) else {
            continue;
        };
        let id = asset.id.as_ref().as_str();
        let shown = exposure::redact_url(&asset.location);
        match probe(&asset.location) {
            Ok(Observation::Open { how }) => {
                let rule = exposure_rules
                    .iter()
                    .find(|r| r.id == rule_id)
                    .expect("probe rule");
                findings.push(exposure::finding(rule, id, &asset.location, &how));
                probes.push(serde_json::json!({"asset": id, "kind": asset.kind, "location": shown, "result": "open", "observed": how}));
            }
            Ok(Observation::Protected) => {
                probes.push(serde_json::json!({"asset": id, "kind": asset.kind, "location": shown, "result": "protected"}));
            }
            Err(e) => {
                skipped.push(Skipped {
                    path: format!("asset:{id}"),
                    reason: SkipReason::Unreadable {
                        error: exposure::redact_url(&e.to_string()),
                    },
                });
                probes.push(serde_json::json!({"asset": id, "kind": asset.kind, "location": shown, "result": "error", "error": e.reason}));
            }
        }
    }

    // Advisories: the latest SBOM of each scanned target, against today's database.
    let mut sboms_checked = 0usize;
    let ledger_spec = recording::store_spec(&project, global);
    let have_ledger = global.store.is_some() || project.default_ledger_path().exists();
    let engine_opts = EngineOptions {
        advisory_db: Some(args.db.resolve()),
        ..Default::default()
    };
    if have_ledger {
        let mut ledger = recording::open(&ledger_spec)?;
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
    let finished_at = chrono::Utc::now();
    let target = project.root.display().to_string();
    let engines_run = vec!["exposure".to_string(), "advisories".to_string()];
    let report = Report {
        tool_version: env!("CARGO_PKG_VERSION"),
        command: "monitor run",
        target: &target,
        started_at,
        finished_at,
        engines: &engines_run,
        findings: &triaged.active,
        suppressed: &triaged.suppressed,
        baselined: 0,
        skipped: &skipped,
        files_scanned: probes.len() + sboms_checked,
        bytes_scanned: 0,
        rules: &catalog,
        gate: &triaged.gate,
    };
    let report_sha256 = super::emit_report(&report, &args.output, global)?;
    if !global.no_ledger {
        recording::record(
            &project,
            global,
            RunRecord {
                kind: "monitor",
                command: "monitor run",
                args: recording::redacted_args(),
                target,
                product: project.product_name(),
                started_at,
                finished_at,
                git_commit: None,
                counts: SeverityCounts::of(&triaged.active),
                gate_passed: Some(triaged.gate.passed),
                report_sha256: Some(report_sha256),
                payload: serde_json::json!({
                    "probes": probes,
                    "sboms_checked": sboms_checked,
                    "skipped": skipped.len(),
                }),
            },
        )?;
    }
    Ok(if triaged.gate.passed {
        Exit::Clean
    } else {
        Exit::GateFailed
    })
}
