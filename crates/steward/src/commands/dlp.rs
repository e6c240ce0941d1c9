//! `steward dlp TARGET`: where sensitive data is, how much, and whether steward.toml allows
//! it there. Files are read as stored: text, or the text inside gzip, zip and Office files.

use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;
use steward_core::collect::{CollectOptions, collect, looks_binary};
use steward_core::finding::Finding;
use steward_core::manifest::Manifest;
use steward_core::report::{Format, Report};
use steward_core::suppress::{Suppression, parse_suppressions};
use steward_core::triage::{SeverityCounts, triage};
use steward_dlp::{ClassSummary, DlpEngine, Limits};

use crate::args::{DlpArgs, GlobalArgs};
use crate::engines::{self, EngineOptions};
use crate::exit::{Exit, usage};
use crate::project::{self, Project};
use crate::recording::{self, RunRecord};

/// One scanned object and what it holds.
struct ObjectResult {
    path: String,
    summary: ClassSummary,
}

/// The declared asset a file belongs to: an asset whose `location` is a path or `file://`
/// URL containing it.
fn asset_for<'m>(
    manifest: &'m Manifest,
    base: &Path,
    file: &Path,
) -> Option<&'m steward_core::manifest::Asset> {
    let file = file.canonicalize().ok()?;
    manifest.assets.iter().find(|a| {
        let loc = a.location.strip_prefix("file://").unwrap_or(&a.location);
        if loc.contains("://") {
            return false;
        }
        let p = Path::new(loc);
        let p: PathBuf = if p.is_absolute() {
            p.to_path_buf()
        } else {
            base.join(p)
        };
        p.canonicalize().is_ok_and(|root| file.starts_with(root))
    })
}

pub fn run(args: DlpArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = chrono::Utc::now();
    if let Some((scheme, _)) = args.target.split_once("://")
        && scheme != "file"
    {
        return Err(usage(format!(
            "`steward dlp {scheme}://...` is not available yet in steward {}; scan a directory or file for now",
            env!("CARGO_PKG_VERSION")
        )));
    }
    let target = PathBuf::from(args.target.strip_prefix("file://").unwrap_or(&args.target));
    if !target.exists() {
        return Err(usage(format!(
            "{}: no such file or directory; name a directory or file to scan",
            target.display()
        )));
    }
    let project = Project::discover(&target, global.config.as_deref())?;
    let manifest = project.manifest.as_ref();
    let manifest_dir = project
        .manifest_path
        .as_ref()
        .and_then(|p| p.parent())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| project.root.clone());

    let engine =
        DlpEngine::new().map_err(|e| anyhow::anyhow!("loading built-in DLP rules: {e}"))?;
    let catalog = engines::catalog(&EngineOptions::default())?;
    let placement = catalog
        .get(steward_dlp::placement::UNDECLARED_CLASS)
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("placement rule missing from the catalog"))?;

    let tree = collect(
        &target,
        &CollectOptions {
            excludes: args.exclude.clone(),
            max_file_size: args.max_file_size,
            respect_gitignore: args.gitignore,
            only: None,
        },
    )?;
    let limits = Limits::default();
    let per_file: Vec<_> = tree
        .files
        .par_iter()
        .map(|file| {
            let bytes = match std::fs::read(&file.path) {
                Ok(b) => b,
                Err(e) => {
                    let skip = steward_core::collect::Skipped {
                        path: file.rel_path.clone(),
                        reason: steward_core::collect::SkipReason::Unreadable {
                            error: e.to_string(),
                        },
                    };
                    return (Vec::new(), Vec::new(), vec![skip], None, 0u64);
                }
            };
            let scan = engine.scan_object(&file.rel_path, &bytes, &limits);
            let sups: Vec<Suppression> = if looks_binary(&bytes) {
                Vec::new()
            } else {
                parse_suppressions(&file.rel_path, &bytes)
            };
            let mut findings = scan.findings;
            if let (Some(m), false) = (manifest, scan.summary.is_empty())
                && let Some(asset) = asset_for(m, &manifest_dir, &file.path)
            {
                let allowed: Vec<&str> = asset.holds.iter().map(|c| c.as_str()).collect();
                findings.extend(steward_dlp::placement::undeclared_classes(
                    &placement,
                    &file.rel_path,
                    asset.id.get_ref(),
                    &allowed,
                    &scan.summary,
                ));
            }
            let object = (!scan.summary.is_empty()).then(|| ObjectResult {
                path: file.rel_path.clone(),
                summary: scan.summary,
            });
            (findings, sups, scan.skipped, object, scan.text_bytes)
        })
        .collect();

    let mut findings: Vec<Finding> = Vec::new();
    let mut suppressions = Vec::new();
    let mut skipped = tree.skipped.clone();
    let mut objects = Vec::new();
    let mut scanned = 0usize;
    let mut bytes_scanned = 0u64;
    for (f, s, k, o, b) in per_file {
        findings.extend(f);
        suppressions.extend(s);
        if k.is_empty() || b > 0 {
            scanned += 1;
        }
        skipped.extend(k);
        objects.extend(o);
        bytes_scanned += b;
    }
    objects.sort_by(|a: &ObjectResult, b| a.path.cmp(&b.path));
    skipped.sort_by(|a, b| a.path.cmp(&b.path));

    let config = super::scan::triage_config(manifest, args.fail_on, None);
    let triaged = triage(findings, &suppressions, &catalog, &config)?;

    let target_shown = target.display().to_string();
    let engine_list = vec!["dlp".to_string()];
    let report = Report {
        tool_version: env!("CARGO_PKG_VERSION"),
        command: "dlp",
        target: &target_shown,
        started_at,
        finished_at: chrono::Utc::now(),
        engines: &engine_list,
        findings: &triaged.active,
        suppressed: &triaged.suppressed,
        baselined: 0,
        skipped: &skipped,
        files_scanned: scanned,
        bytes_scanned,
        rules: &catalog,
        gate: &triaged.gate,
    };
    let report_sha256 = super::emit_report(&report, &args.output, global)?;
    let format: Format = args.output.format.into();
    if format == Format::Text
        && !args.output.quiet
        && args.output.output.is_none()
        && !objects.is_empty()
    {
        println!("\nsensitive data by object:");
        for o in &objects {
            let parts: Vec<String> = o
                .summary
                .classes
                .iter()
                .map(|(class, s)| format!("{} {} (e.g. {})", s.count, class, s.example))
                .collect();
            println!("  {}: {}", o.path, parts.join(", "));
        }
    }

    if !global.no_ledger {
        let objects_json: Vec<serde_json::Value> = objects
            .iter()
            .map(|o| serde_json::json!({ "path": o.path, "classes": o.summary.classes }))
            .collect();
        recording::record(
            &project,
            global,
            RunRecord {
                kind: "dlp",
                command: "dlp",
                args: recording::redacted_args(),
                target: target_shown.clone(),
                product: project.product_name(),
                started_at,
                finished_at: chrono::Utc::now(),
                git_commit: project::git_commit(&project.root),
                counts: SeverityCounts::of(&triaged.active),
                gate_passed: Some(triaged.gate.passed),
                report_sha256: Some(report_sha256),
                payload: serde_json::json!({
                    "objects": objects_json,
                    "files_scanned": scanned,
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
