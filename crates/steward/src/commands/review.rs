//! `steward review BASE..HEAD`: what a change brings. Every dependency it adds or moves, with
//! extra scrutiny for each (advisories, typosquatting, install scripts, licences); the
//! security-sensitive paths it touches; and the findings that are new in HEAD — a finding
//! already present at the merge base is not the change's doing and is not reported.

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context, Result};
use globset::{Glob, GlobSetBuilder};
use steward_core::collect::{CollectOptions, collect};
use steward_core::engine::{Engine, run_engines};
use steward_core::finding::{Finding, Location};
use steward_core::report::Report;
use steward_core::triage::{SeverityCounts, triage};
use steward_deps::review::{self, LicensePolicy};

use crate::args::{GlobalArgs, ReviewArgs};
use crate::engines::{self, EngineOptions};
use crate::exit::{Exit, usage};
use crate::project::{self, Project};
use crate::recording::{self, RunRecord};

/// BASE and HEAD of `A..B`, `A...B` or `A` (meaning `A..HEAD`).
fn split_range(range: &str) -> Result<(String, String)> {
    let (base, head) = match range.split_once("...").or_else(|| range.split_once("..")) {
        Some((b, h)) => (b, if h.is_empty() { "HEAD" } else { h }),
        None => (range, "HEAD"),
    };
    if base.is_empty() {
        return Err(usage(format!(
            "`{range}` names no base: give BASE..HEAD, e.g. `steward review origin/main..HEAD`"
        )));
    }
    Ok((base.to_string(), head.to_string()))
}

fn commit_of(top: &Path, rev: &str) -> Result<String> {
    let spec = format!("{rev}^{{commit}}");
    let out =
        project::git_review(top, &["rev-parse", "--verify", "--quiet", &spec]).map_err(|_| {
            usage(format!(
                "`{rev}` is not a commit, branch or tag in {}",
                top.display()
            ))
        })?;
    Ok(String::from_utf8_lossy(&out).trim().to_string())
}

pub fn run(args: ReviewArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = chrono::Utc::now();
    let top = project::git_toplevel(&args.repo).ok_or_else(|| {
        usage(format!(
            "{} is not in a git repository; steward review compares two commits",
            args.repo.display()
        ))
    })?;
    let (base_rev, head_rev) = split_range(&args.range)?;
    let base = commit_of(&top, &base_rev)?;
    let head = commit_of(&top, &head_rev)?;
    // Review against where the change branched off, as a pull request does.
    let merge_base = project::git_review(&top, &["merge-base", &base, &head])
        .map(|o| String::from_utf8_lossy(&o).trim().to_string())
        .unwrap_or_else(|_| base.clone());
    let changed: Vec<String> =
        project::git_review(&top, &["diff", "--name-only", "-z", &merge_base, &head])?
            .split(|b| *b == 0)
            .filter(|s| !s.is_empty())
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .collect();

    let project = Project::discover(&top, global.config.as_deref())?;
    let manifest = project.manifest.as_ref();
    let mut excludes = args.exclude.clone();
    if let (Some(m), Some(mp)) = (manifest, &project.manifest_path) {
        excludes.extend(super::scan::manifest_excludes(&m.scan.exclude, mp, &top));
    }

    // Engines.
    let engine_names = engines::select(&args.engines, false)?;
    let engine_opts = EngineOptions {
        advisory_db: Some(args.db.resolve()),
        ..Default::default()
    };
    let engines = engines::build(&engine_names, &engine_opts)?;
    let mut catalog = engines::catalog(&engine_opts)?;
    catalog.extend(engines.iter().flat_map(|e| e.rules().iter().cloned()));
    catalog.extend(review::rules());
    let engine_refs: Vec<&dyn Engine> = engines.iter().map(|e| e.as_ref()).collect();

    // Both sides of the change, as committed.
    let base_dir = tempfile::tempdir().context("creating a directory for the base")?;
    let head_dir = tempfile::tempdir().context("creating a directory for the head")?;
    project::git_export(&top, &merge_base, base_dir.path())?;
    project::git_export(&top, &head, head_dir.path())?;
    let collect_opts = CollectOptions {
        excludes,
        ..Default::default()
    };
    let base_tree = collect(base_dir.path(), &collect_opts)?;
    let head_tree = collect(head_dir.path(), &collect_opts)?;
    let none = || {};
    let base_out =
        run_engines(&engine_refs, &base_tree, &none).map_err(|e| anyhow::anyhow!("{e}"))?;
    let head_out =
        run_engines(&engine_refs, &head_tree, &none).map_err(|e| anyhow::anyhow!("{e}"))?;
    let before: HashSet<&str> = base_out
        .findings
        .iter()
        .map(|f| f.fingerprint.0.as_str())
        .collect();
    let mut findings: Vec<Finding> = head_out
        .findings
        .iter()
        .filter(|f| !before.contains(f.fingerprint.0.as_str()))
        .cloned()
        .collect();

    // Dependencies.
    let (base_locks, _) = steward_deps::engine::read_lockfiles(&base_tree);
    let (head_locks, _) = steward_deps::engine::read_lockfiles(&head_tree);
    let changes = review::diff(&base_locks, &head_locks);
    let policy = LicensePolicy {
        allow: manifest
            .map(|m| m.deps.allow_licenses.clone())
            .unwrap_or_default(),
        deny: manifest
            .map(|m| m.deps.deny_licenses.clone())
            .unwrap_or_default(),
    };
    let head_root = head_dir.path().to_path_buf();
    let line_text = |file: &str, line: u32| -> Option<String> {
        let text = std::fs::read_to_string(head_root.join(file)).ok()?;
        text.lines()
            .nth(line.checked_sub(1)? as usize)
            .map(|l| l.trim_end_matches('\r').to_string())
    };
    let cargo_index = steward_deps::release::CargoIndexCache::from_env();
    let release = review::ReleaseCheck {
        cargo_index: &cargo_index,
        now: started_at,
        min_age_days: manifest
            .and_then(|m| m.deps.min_release_age_days)
            .unwrap_or(review::DEFAULT_MIN_RELEASE_AGE_DAYS),
    };
    findings.extend(review::scrutinise(&changes, &policy, &release, &line_text));

    // Security-sensitive paths.
    let sensitive = manifest
        .map(|m| m.policy.security_review.clone())
        .unwrap_or_default();
    if !sensitive.is_empty() {
        let mut b = GlobSetBuilder::new();
        for g in &sensitive {
            b.add(Glob::new(g).map_err(|e| {
                usage(format!("steward.toml: [policy] security_review `{g}`: {e}"))
            })?);
        }
        let set = b
            .build()
            .map_err(|e| usage(format!("[policy] security_review: {e}")))?;
        let rule = review::rules()
            .into_iter()
            .find(|r| r.id == review::SECURITY_REVIEW)
            .expect("review rule");
        for path in changed.iter().filter(|p| set.is_match(p.as_str())) {
            let mut f = Finding::new(
                &rule,
                format!(
                    "`{path}` is security-sensitive (steward.toml [policy] security_review) and this change touches it: a security reviewer should approve"
                ),
                Location::whole(path),
                format!("{merge_base}..{head}:{path}").as_bytes(),
            );
            f.remediation = rule.remediation.clone();
            findings.push(f);
        }
    }

    // Triage, report, record.
    catalog.extend_from_findings(findings.iter());
    let config = super::scan::triage_config(manifest, args.fail_on, None);
    let triaged = triage(findings, &head_out.suppressions, &catalog, &config)?;
    let finished_at = chrono::Utc::now();
    let target = format!("{base_rev}..{head_rev}");
    let engine_list: Vec<String> = engine_names.iter().map(|s| s.to_string()).collect();
    let report = Report {
        tool_version: env!("CARGO_PKG_VERSION"),
        command: "review",
        target: &target,
        started_at,
        finished_at,
        engines: &engine_list,
        findings: &triaged.active,
        suppressed: &triaged.suppressed,
        baselined: 0,
        skipped: &head_out.skipped,
        files_scanned: head_out.files_scanned,
        bytes_scanned: head_out.bytes_scanned,
        rules: &catalog,
        gate: &triaged.gate,
    };
    let report_sha256 = super::emit_report(&report, &args.output, global)?;
    if !global.no_ledger {
        let added = changes
            .iter()
            .filter(|c| c.kind == review::ChangeKind::Added)
            .count();
        recording::record(
            &project,
            global,
            RunRecord {
                kind: "review",
                command: "review",
                args: recording::redacted_args(),
                target: target.clone(),
                product: project.product_name(),
                started_at,
                finished_at,
                git_commit: Some(head.clone()),
                counts: SeverityCounts::of(&triaged.active),
                gate_passed: Some(triaged.gate.passed),
                report_sha256: Some(report_sha256),
                payload: serde_json::json!({
                    "base": base,
                    "head": head,
                    "merge_base": merge_base,
                    "changed_files": changed.len(),
                    "dependencies_added": added,
                    "dependencies_changed": changes.len() - added,
                    "engines": engine_list,
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

#[cfg(test)]
mod tests {
    use super::split_range;

    #[test]
    fn ranges() {
        let r = |s: &str| split_range(s).unwrap();
        assert_eq!(r("main..HEAD"), ("main".into(), "HEAD".into()));
        assert_eq!(r("main...topic"), ("main".into(), "topic".into()));
        assert_eq!(r("v1.0"), ("v1.0".into(), "HEAD".into()));
        assert_eq!(r("main.."), ("main".into(), "HEAD".into()));
        assert!(split_range("..HEAD").is_err());
    }
}
