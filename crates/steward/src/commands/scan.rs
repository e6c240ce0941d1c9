//! `steward scan`: collect, detect, triage, report, record.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use steward_core::baseline::{Baseline, DEFAULT_BASELINE_PATH};
use steward_core::collect::{CollectOptions, collect};
use steward_core::engine::{Engine, ScanOutcome, run_engines};
use steward_core::severity::{FailOn, Severity};
use steward_core::triage::{TriageConfig, triage};

use crate::args::{GateArg, GlobalArgs, Profile, ScanArgs};
use crate::engines::{self, EngineOptions};
use crate::exit::{Exit, usage};
use crate::project::{self, Project};
use crate::recording;

pub fn gate_from_arg(g: GateArg) -> FailOn {
    match g {
        GateArg::Critical => FailOn::AtLeast(Severity::Critical),
        GateArg::High => FailOn::AtLeast(Severity::High),
        GateArg::Medium => FailOn::AtLeast(Severity::Medium),
        GateArg::Low => FailOn::AtLeast(Severity::Low),
        GateArg::None => FailOn::None,
    }
}

/// Triage settings from steward.toml and the command line: `--fail-on` wins over
/// `[policy] fail_on`; `[rules]` disables and re-grades rules.
pub fn triage_config(
    manifest: Option<&steward_core::manifest::Manifest>,
    fail_on: Option<GateArg>,
    baseline: Option<Baseline>,
) -> TriageConfig {
    TriageConfig {
        fail_on: match fail_on {
            Some(g) => gate_from_arg(g),
            None => manifest.and_then(|m| m.fail_on()).unwrap_or_default(),
        },
        disabled: manifest
            .map(|m| m.rules.disable.clone())
            .unwrap_or_default(),
        severity_overrides: manifest
            .map(|m| {
                m.rules
                    .severity
                    .iter()
                    .map(|(k, v)| (k.clone(), *v))
                    .collect()
            })
            .unwrap_or_default(),
        baseline,
    }
}

pub fn run(args: ScanArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = chrono::Utc::now();
    let target = args.path.clone();
    if !target.exists() {
        return Err(usage(format!(
            "{}: no such file or directory; name a directory or file to scan",
            target.display()
        )));
    }
    let project = Project::discover(&target, global.config.as_deref())?;
    let manifest = project.manifest.as_ref();
    let profile = if args.staged {
        Profile::Commit
    } else {
        args.profile.unwrap_or(Profile::Merge)
    };

    let history = args.history || args.since.is_some();

    // Engines.
    let engine_names = if history {
        history_engines(&args.engines)?
    } else {
        engines::select(&args.engines, profile == Profile::Ide)?
    };
    let mut engine_opts = EngineOptions {
        show_secrets: args.show_secrets,
        advisory_db: Some(args.db.resolve()),
        ..Default::default()
    };
    if engine_names.contains(&"deps") {
        check_advisory_db(&args, &engine_opts)?;
    }
    engine_opts.policy_dirs = args.policy.clone();
    if engine_names.contains(&"secrets") {
        engine_opts.fingerprint_key =
            Some(engines::fingerprint_key(&project.root, args.output.quiet)?);
    }
    if let (Some(m), Some(mp)) = (manifest, &project.manifest_path) {
        let base = mp.parent().unwrap_or(Path::new("."));
        engine_opts.extra_rule_dirs = m.rules.paths.iter().map(|p| base.join(p)).collect();
    }
    let engines = engines::build(&engine_names, &engine_opts)?;
    // The rules of the engines that run. Every engine's rules are loaded only when a
    // suppression names a rule of another one (so it is told from a typo): building every
    // engine (Rego policies, grammars) costs more than a secrets scan of a large tree.
    let mut catalog = steward_core::rule::RuleCatalog::new(steward_core::triage::triage_rules());
    catalog.extend(engines.iter().flat_map(|e| e.rules().iter().cloned()));

    let mut excludes = args.exclude.clone();
    if let (Some(m), Some(mp)) = (manifest, &project.manifest_path) {
        excludes.extend(manifest_excludes(&m.scan.exclude, mp, &target));
    }
    let engine_refs: Vec<&dyn Engine> = engines.iter().map(|e| e.as_ref()).collect();
    let sbom_meta = engine_names
        .contains(&"deps")
        .then(|| steward_deps::sbom::SbomMeta {
            name: super::deps::product_name(&project, &target),
            version: None,
            timestamp: Some(started_at),
            serial: None,
        });
    let (outcome, sbom) = if history {
        (scan_history(&args, &target, &excludes, &engine_refs)?, None)
    } else {
        scan_tree(
            &args,
            &target,
            profile,
            excludes,
            &engine_refs,
            sbom_meta.as_ref(),
        )?
    };

    // Triage.
    let baseline_path = match &args.baseline {
        Some(p) => Some(p.clone()),
        None => Some(project.root.join(DEFAULT_BASELINE_PATH)),
    };
    let baseline = match (&baseline_path, args.no_baseline || args.update_baseline) {
        (Some(p), false) if p.is_file() => {
            let b = Baseline::load(p)?;
            // Secret fingerprints only match under the key they were made with.
            if let Some(key) = &engine_opts.fingerprint_key {
                b.check_secret_key(p, &key.id(), &key.source().to_string())?;
            }
            Some(b)
        }
        (Some(p), false) if args.baseline.is_some() => {
            return Err(usage(format!(
                "{}: no such baseline file; create it with `steward scan --update-baseline --baseline {}`",
                p.display(),
                p.display()
            )));
        }
        _ => None,
    };
    if outcome
        .suppressions
        .iter()
        .flat_map(|s| &s.rules)
        .any(|rule| !catalog.knows(rule))
    {
        catalog.extend(engines::catalog(&engine_opts)?.iter().cloned());
    }
    // Rule families (deps/*) report one rule per advisory: describe the ones found.
    catalog.extend_from_findings(outcome.findings.iter());
    let config = triage_config(manifest, args.fail_on, baseline);
    let triaged = triage(outcome.findings, &outcome.suppressions, &catalog, &config)?;

    if args.update_baseline {
        let path = baseline_path.unwrap_or_else(|| project.root.join(DEFAULT_BASELINE_PATH));
        let b = Baseline::from_findings(triaged.active.iter())
            .with_fingerprint_key(engine_opts.fingerprint_key.as_ref().map(|k| k.id()));
        b.save(&path)?;
        if !args.output.quiet {
            eprintln!(
                "steward: wrote {} finding{} to baseline {}",
                b.len(),
                if b.len() == 1 { "" } else { "s" },
                path.display()
            );
        }
        return Ok(Exit::Clean);
    }

    // Report.
    let mut run = recording::Finished::new(
        "scan",
        "scan",
        target.display().to_string(),
        &project,
        started_at,
        &engine_names,
        &triaged,
        &catalog,
    );
    run.git_commit = project::git_commit(&target);
    run.skipped = &outcome.skipped;
    run.files_scanned = outcome.files_scanned;
    run.bytes_scanned = outcome.bytes_scanned;
    let report_sha256 = super::emit_report(&run.report(), &args.output, global)?;

    // Record.
    run.record(&project, global, report_sha256, || {
        serde_json::json!({
            "profile": format!("{profile:?}").to_lowercase(),
            "history": history,
            "since": args.since,
            "engines": run.engines,
            "files_scanned": outcome.files_scanned,
            "skipped": outcome.skipped.len(),
            "suppressed": triaged.suppressed.len(),
            "baselined": triaged.baselined.len(),
            "fail_on": triaged.gate.fail_on,
            "format": format!("{:?}", args.output.format).to_lowercase(),
            "sbom": sbom,
            // Rule id -> active findings, so `steward plan` can tell which requirements
            // this run verified and which it found failing.
            "finding_rules": recording::finding_rules(&triaged.active),
        })
    })?;
    let exit = run.exit();
    drop(run);
    // The process ends with this command: freeing the engines' compiled policies and
    // grammars and every finding piece by piece costs measurable CPU (about 4% of an IaC
    // scan of 2,000 files) for memory the system takes back anyway.
    std::mem::forget(triaged);
    std::mem::forget(engines);
    Ok(exit)
}

/// Collects the working tree (or what the profile says) and runs the engines over it.
fn scan_tree(
    args: &ScanArgs,
    target: &Path,
    profile: Profile,
    excludes: Vec<String>,
    engines: &[&dyn Engine],
    sbom_meta: Option<&steward_deps::sbom::SbomMeta>,
) -> Result<(ScanOutcome, Option<serde_json::Value>)> {
    let mut collect_opts = CollectOptions {
        excludes,
        max_file_size: args.max_file_size,
        respect_gitignore: !args.no_gitignore,
        only: None,
        // Larger files still go to the secrets engine, read piece by piece.
        keep_large_files: engines.iter().any(|e| e.scans_large_files()),
    };
    let mut staged_dir: Option<tempfile::TempDir> = None;
    let scan_root: PathBuf = match profile {
        _ if !args.files.is_empty() => {
            collect_opts.only = Some(args.files.clone());
            target.to_path_buf()
        }
        Profile::Ide => {
            collect_opts.only = Some(project::git_changed_files(target)?);
            target.to_path_buf()
        }
        Profile::Commit => {
            let staged = project::git_staged_files(target)?;
            let dir = tempfile::tempdir().context("creating a directory for the staged files")?;
            project::git_checkout_index(target, &staged, dir.path())?;
            collect_opts.respect_gitignore = false;
            let root = dir.path().to_path_buf();
            staged_dir = Some(dir);
            root
        }
        Profile::Merge | Profile::Release => target.to_path_buf(),
    };
    let tree = collect(&scan_root, &collect_opts)?;

    // Detect.
    let show_progress = !args.output.quiet && std::io::stderr().is_terminal();
    let bar = if show_progress {
        let bar = indicatif::ProgressBar::new((tree.files.len() + tree.large_files.len()) as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} scanning {pos}/{len} files {wide_bar} {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let outcome =
        run_engines(engines, &tree, &|| bar.inc(1)).map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish_and_clear();
    // The SBOM of what was scanned goes into the ledger, so what shipped can be re-checked
    // against advisories published later.
    let sbom = sbom_meta.map(|meta| {
        let (bom, _) = super::deps::build_sbom(&tree, meta);
        serde_json::to_value(&bom).unwrap_or_default()
    });
    drop(staged_dir);
    Ok((outcome, sbom))
}

/// The deps engine without its database still reads lockfiles, but checks nothing: an error
/// when the user asked for deps by name, a warning when it runs by default.
fn check_advisory_db(args: &ScanArgs, opts: &EngineOptions) -> Result<()> {
    let Some(path) = &opts.advisory_db else {
        return Ok(());
    };
    if let Err(e) = steward_deps::db::AdvisoryDb::open(path) {
        if args.engines.iter().any(|e| e.trim() == "deps") {
            return Err(usage(e.to_string()));
        }
        if !args.output.quiet {
            eprintln!(
                "steward: warning: dependencies will not be checked for known vulnerabilities: {e}"
            );
        }
    }
    Ok(())
}

/// The engines a history scan runs: secrets, the only engine whose findings in old blobs
/// call for action (a leaked credential stays leaked after the file changes).
fn history_engines(requested: &[String]) -> Result<Vec<&'static str>> {
    match requested
        .iter()
        .map(|s| s.trim())
        .find(|name| *name != "secrets")
    {
        Some(other) => Err(usage(format!(
            "--history scans for secrets only, not with the {other} engine: a flaw in an old \
             version of a file is gone once the file is fixed, a leaked credential is not; \
             drop --engines or use --engines secrets"
        ))),
        None => Ok(vec!["secrets"]),
    }
}

/// Scans every blob in the git history of `target` once; excluded paths are dropped.
fn scan_history(
    args: &ScanArgs,
    target: &Path,
    excludes: &[String],
    engines: &[&dyn Engine],
) -> Result<ScanOutcome> {
    let opts = steward_secrets::history::HistoryOptions {
        since: args.since.clone(),
        max_blob_size: args.max_file_size,
        ..Default::default()
    };
    let outcome = steward_secrets::history::scan_history(target, engines, &opts)
        .map_err(|e| usage(e.to_string()))?;
    let excluded = steward_core::collect::exclude_matcher(excludes)?;
    if !args.output.quiet {
        eprintln!(
            "steward: scanned {} blob{} ({} MB) from {} commit{}",
            outcome.blobs_scanned,
            if outcome.blobs_scanned == 1 { "" } else { "s" },
            outcome.bytes_scanned / 1_000_000,
            outcome.commits,
            if outcome.commits == 1 { "" } else { "s" },
        );
    }
    Ok(ScanOutcome {
        findings: outcome
            .findings
            .into_iter()
            .filter(|f| !excluded.is_match(&f.location.path))
            .collect(),
        suppressions: outcome
            .suppressions
            .into_iter()
            .filter(|s| !excluded.is_match(&s.path))
            .collect(),
        skipped: outcome.skipped,
        files_scanned: outcome.blobs_scanned,
        bytes_scanned: outcome.bytes_scanned,
    })
}

/// steward.toml's `[scan] exclude` globs are relative to the manifest's directory; the
/// collector matches paths relative to the scanned directory. Re-anchor them, dropping those
/// that cannot apply under the scanned directory.
pub fn manifest_excludes(patterns: &[String], manifest_path: &Path, target: &Path) -> Vec<String> {
    let base = manifest_path
        .parent()
        .and_then(|p| p.canonicalize().ok())
        .unwrap_or_default();
    let target = target
        .canonicalize()
        .unwrap_or_else(|_| target.to_path_buf());
    let prefix = target
        .strip_prefix(&base)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    patterns
        .iter()
        .filter_map(|p| {
            let anchored = p.trim_start_matches('/');
            if !anchored.contains('/') || prefix.is_empty() {
                return Some(p.clone());
            }
            anchored
                .strip_prefix(&format!("{prefix}/"))
                .map(|rest| format!("/{rest}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::manifest_excludes;

    #[test]
    fn manifest_excludes_are_reanchored_to_the_scanned_directory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("crates/a")).unwrap();
        let m = dir.path().join("steward.toml");
        let pats = vec![
            "crates/a/rules/**".to_string(),
            "docs/**".to_string(),
            "*.snap".to_string(),
        ];
        assert_eq!(manifest_excludes(&pats, &m, dir.path()), pats);
        assert_eq!(
            manifest_excludes(&pats, &m, &dir.path().join("crates")),
            ["/a/rules/**", "*.snap"]
        );
    }
}
