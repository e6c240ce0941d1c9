//! `steward review BASE..HEAD`: what a change brings, for the reviewer of a pull request.
//!
//! - Every dependency it adds or moves, with extra scrutiny for each (advisories,
//!   typosquatting, install scripts, licences, yanked or brand-new releases).
//! - The findings that are new in HEAD: the secrets, code, IaC and design engines run on the
//!   files the change touched (and the unchanged ones their analysis needs, see [`scope`]),
//!   read from git objects at the merge base and at HEAD, and a finding whose fingerprint was
//!   already at the merge base is not the change's doing. Fingerprints hold no line numbers,
//!   so moved code is not new.
//! - The security-sensitive changes: hunks in `[policy] security_review` paths, or touching
//!   code the code engine recognises as authentication, sessions, access control,
//!   cryptography, secrets or input validation ([`sensitive_changes`]).
//! - The security sign-off: with sensitive changes and no approval from a `[policy]
//!   security_reviewers` member ([`signoff`]), the review fails and says who must look.
//!
//! Nothing is checked out: the work tree and index stay as they are.

mod diff;
mod git;
mod scope;
mod sensitive_changes;
mod signoff;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Context, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};
use steward_code::sensitive::{SIGN_OFF_MISSING, SensitiveCode, review_rules};
use steward_core::collect::{
    CollectOptions, DEFAULT_MAX_FILE_SIZE, SkipReason, Skipped, collect, exclude_matcher,
};
use steward_core::engine::{Engine, run_engines};
use steward_core::finding::{Finding, Location};
use steward_core::manifest::{Manifest, PolicySection};
use steward_core::report::{
    AnalysedScope, Report, ReviewSummary, SignOff, SignOffStatus, render_review,
};
use steward_core::triage::triage;
use steward_deps::review::{self, LicensePolicy};

use self::diff::Hunk;
use self::git::{Changes, Files, Repo};
use crate::args::{GlobalArgs, OutputArgs, ReviewArgs};
use crate::engines::{self, EngineOptions};
use crate::exit::{Exit, usage};
use crate::project::Project;
use crate::recording;

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

/// A changed file's content at the merge base and at HEAD (`None` where it is absent).
type Versions = (Option<Vec<u8>>, Option<Vec<u8>>);

fn short(id: &gix::ObjectId) -> String {
    id.to_hex_with_len(12).to_string()
}

/// The `[policy]` that decides the sign-off: the merge base's steward.toml, so a change
/// cannot rewrite the rules it is judged by (a change to them is itself sensitive).
struct GoverningPolicy {
    policy: PolicySection,
    from: String,
}

impl GoverningPolicy {
    fn read(
        repo: &Repo,
        merge_base: gix::ObjectId,
        project: &Project,
        manifest_rel: Option<&str>,
        config_given: bool,
        quiet: bool,
    ) -> Result<GoverningPolicy> {
        let work_tree = |from: String| GoverningPolicy {
            policy: project
                .manifest
                .as_ref()
                .map(|m| m.policy.clone())
                .unwrap_or_default(),
            from,
        };
        if config_given {
            return Ok(work_tree(format!(
                "--config {}",
                project
                    .manifest_path
                    .as_deref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            )));
        }
        let rel = manifest_rel.unwrap_or(steward_core::manifest::MANIFEST_FILE);
        let Some(id) = repo.file_at(merge_base, rel)? else {
            return Ok(work_tree(if project.manifest.is_some() {
                format!("{rel} in the work tree (the merge base has none)")
            } else {
                "no steward.toml: no security_review paths or reviewers".to_string()
            }));
        };
        let text = String::from_utf8_lossy(&repo.blob(id)?).into_owned();
        let name = format!("{rel} at the merge base {}", short(&merge_base));
        match Manifest::parse(&name, &text) {
            Ok(m) => Ok(GoverningPolicy {
                policy: m.policy,
                from: name,
            }),
            Err(e) => {
                if !quiet {
                    eprintln!(
                        "steward: warning: {name} does not parse, so the work tree's [policy] governs this review: {e}"
                    );
                }
                Ok(work_tree(format!(
                    "{rel} in the work tree (the merge base's does not parse)"
                )))
            }
        }
    }
}

fn glob_set(globs: &[String]) -> Result<GlobSet> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g).map_err(|e| {
            usage(format!(
                "steward.toml: [policy] security_review `{g}`: {e}; write paths like `src/auth/**`"
            ))
        })?);
    }
    b.build()
        .map_err(|e| usage(format!("steward.toml: [policy] security_review: {e}")))
}

/// Writes the files of `paths` (HEAD names) that `files` holds under `dir`, reading each
/// from its blob: `name_at_side` maps a HEAD name to the name at this side. Files over the
/// size limit are not written but listed as skipped.
fn materialize(
    repo: &Repo,
    files: &Files,
    paths: &std::collections::BTreeSet<String>,
    name_at_side: &dyn Fn(&str) -> String,
    dir: &Path,
) -> Result<Vec<Skipped>> {
    let mut skipped = Vec::new();
    for path in paths {
        let at_side = name_at_side(path);
        let Some(id) = files.get(&at_side) else {
            continue;
        };
        if !git::safe_relative(path) {
            continue;
        }
        let bytes = repo.blob(*id)?;
        if bytes.len() as u64 > DEFAULT_MAX_FILE_SIZE {
            skipped.push(Skipped {
                path: path.clone(),
                reason: SkipReason::TooLarge {
                    size: bytes.len() as u64,
                    limit: DEFAULT_MAX_FILE_SIZE,
                },
            });
            continue;
        }
        let out = dir.join(path);
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    }
    Ok(skipped)
}

/// The findings at HEAD that were not at the merge base, compared as multisets of
/// fingerprints: two identical findings at HEAD where the merge base had one make one new
/// finding, and it is the one on lines the change touched.
fn new_findings(
    base: &[Finding],
    head: Vec<Finding>,
    touched: &dyn Fn(&Finding) -> bool,
) -> Vec<Finding> {
    let mut at_base: HashMap<&str, usize> = HashMap::new();
    for f in base {
        *at_base.entry(f.fingerprint.as_str()).or_default() += 1;
    }
    let mut groups: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    for f in head {
        groups.entry(f.fingerprint.0.clone()).or_default().push(f);
    }
    let mut out = Vec::new();
    for (fp, mut group) in groups {
        let before = at_base.get(fp.as_str()).copied().unwrap_or(0);
        if group.len() <= before {
            continue;
        }
        group.sort_by(|a, b| (!touched(a), a.sort_key()).cmp(&(!touched(b), b.sort_key())));
        let new = group.len() - before;
        out.extend(group.into_iter().take(new));
    }
    out
}

/// The sections of steward.toml that decide what a review or scan enforces, where they
/// differ between `base` and `head` (unparsable counts as different).
fn policy_sections_changed(base: Option<&str>, head: &str) -> Vec<&'static str> {
    let parse = |t: &str| Manifest::parse("steward.toml", t).ok();
    let (b, h) = (base.and_then(parse), parse(head));
    let section = |m: &Option<Manifest>, name: &str| -> Option<serde_json::Value> {
        let m = m.as_ref()?;
        match name {
            "policy" => serde_json::to_value(&m.policy).ok(),
            "rules" => serde_json::to_value(&m.rules).ok(),
            "scan" => serde_json::to_value(&m.scan).ok(),
            _ => serde_json::to_value(&m.deps).ok(),
        }
    };
    ["policy", "rules", "scan", "deps"]
        .into_iter()
        .filter(|s| h.is_none() || section(&b, s) != section(&h, s))
        .collect()
}

pub fn run(args: ReviewArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = chrono::Utc::now();
    let repo = Repo::discover(&args.repo)?;
    let top = repo.top();
    let (base_rev, head_rev) = split_range(&args.range)?;
    let base = repo.commit(&base_rev)?;
    let head = repo.commit(&head_rev)?;
    // Review against where the change branched off, as a pull request does.
    let merge_base = repo.merge_base(base, head)?.unwrap_or(base);
    let base_files = repo.files(merge_base)?;
    let head_files = repo.files(head)?;
    let changes: Changes = git::changes(&base_files, &head_files, &|id| repo.blob(id).ok());

    let project = Project::discover(&top, global.config.as_deref())?;
    let manifest = project.manifest.as_ref();
    let manifest_rel: Option<String> = project.manifest_path.as_ref().and_then(|p| {
        let top = top.canonicalize().ok()?;
        let p = p.canonicalize().ok()?;
        p.strip_prefix(&top)
            .ok()
            .map(|r| r.to_string_lossy().replace('\\', "/"))
    });
    let governing = GoverningPolicy::read(
        &repo,
        merge_base,
        &project,
        manifest_rel.as_deref(),
        global.config.is_some(),
        args.output.quiet,
    )?;
    let mut excludes = args.exclude.clone();
    if let (Some(m), Some(mp)) = (manifest, &project.manifest_path) {
        excludes.extend(super::scan::manifest_excludes(&m.scan.exclude, mp, &top));
    }
    let excluded = exclude_matcher(&excludes).map_err(|e| usage(e.to_string()))?;

    // Engines.
    let engine_names = engines::select(&args.engines, false)?;
    let mut engine_opts = EngineOptions {
        advisory_db: Some(args.db.resolve()),
        ..Default::default()
    };
    if engine_names.contains(&"secrets") {
        // The project's key, so a finding here has the fingerprint a scan gives it.
        engine_opts.fingerprint_key =
            Some(engines::fingerprint_key(&project.root, args.output.quiet)?);
    }
    let engines = engines::build(&engine_names, &engine_opts)?;
    let mut catalog = engines::catalog(&engine_opts)?;
    catalog.extend(engines.iter().flat_map(|e| e.rules().iter().cloned()));
    catalog.extend(review::rules());
    catalog.extend(review_rules());
    let engine_refs: Vec<&dyn Engine> = engines.iter().map(|e| e.as_ref()).collect();

    // Both sides of the change, as committed: the files in scope, written from git objects.
    // The dependency diff reads lockfiles whatever the engines, so they are always in scope.
    let mut scope_engines = engine_names.clone();
    if !scope_engines.contains(&"deps") {
        scope_engines.push("deps");
    }
    let scope = scope::select(
        &scope::Sides {
            repo: &repo,
            base: &base_files,
            head: &head_files,
            changes: &changes,
            manifest: manifest_rel.as_deref(),
        },
        &scope_engines,
    )?;
    let base_dir = tempfile::tempdir().context("creating a directory for the merge base")?;
    let head_dir = tempfile::tempdir().context("creating a directory for the head")?;
    let mut too_large = materialize(
        &repo,
        &head_files,
        &scope.paths,
        &|p| p.to_string(),
        head_dir.path(),
    )?;
    materialize(
        &repo,
        &base_files,
        &scope.paths,
        &|p| changes.base_path(p).to_string(),
        base_dir.path(),
    )?;
    let collect_opts = CollectOptions {
        excludes,
        respect_gitignore: false,
        ..Default::default()
    };
    let base_tree = collect(base_dir.path(), &collect_opts)?;
    let head_tree = collect(head_dir.path(), &collect_opts)?;
    let none = || {};
    let base_out =
        run_engines(&engine_refs, &base_tree, &none).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut head_out =
        run_engines(&engine_refs, &head_tree, &none).map_err(|e| anyhow::anyhow!("{e}"))?;

    // What each changed file's hunks are, for the sensitive changes and to tell which of
    // several identical findings the change made.
    let mut contents: BTreeMap<String, Versions> = BTreeMap::new();
    for p in &changes.present {
        let base_bytes = match base_files.get(changes.base_path(p)) {
            Some(id) => Some(repo.blob(*id)?),
            None => None,
        };
        contents.insert(p.clone(), (base_bytes, Some(repo.blob(head_files[p])?)));
    }
    for p in &changes.deleted {
        contents.insert(p.clone(), (Some(repo.blob(base_files[p])?), None));
    }
    let hunks: HashMap<&str, Vec<Hunk>> = contents
        .iter()
        .filter_map(|(p, (b, h))| {
            Some((
                p.as_str(),
                diff::hunks(b.as_deref().unwrap_or(b""), h.as_deref()?),
            ))
        })
        .collect();
    let touched = |f: &Finding| -> bool {
        let Some(hs) = hunks.get(f.location.path.as_str()) else {
            return false;
        };
        !f.location.has_line()
            || hs.iter().any(|h| {
                h.head_lines().is_some_and(|l| {
                    diff::overlaps(
                        l,
                        (
                            f.location.start_line,
                            f.location.end_line.max(f.location.start_line),
                        ),
                    )
                })
            })
    };
    let mut findings = new_findings(
        &base_out.findings,
        std::mem::take(&mut head_out.findings),
        &touched,
    );

    // Dependencies.
    let (base_locks, _) = steward_deps::engine::read_lockfiles(&base_tree);
    let (head_locks, _) = steward_deps::engine::read_lockfiles(&head_tree);
    let changes_deps = review::diff(&base_locks, &head_locks);
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
    findings.extend(review::scrutinise(
        &changes_deps,
        &policy,
        &release,
        &line_text,
    ));

    // Security-sensitive changes.
    let globs = governing.policy.security_review_globs();
    let glob_matcher = glob_set(&globs)?;
    let detectors = SensitiveCode::new()
        .map_err(|e| anyhow::anyhow!("loading the sensitive-code detectors: {e}"))?;
    let is_analysed = |p: &str| !excluded.is_match(p);
    let changed_files: Vec<sensitive_changes::ChangedFile<'_>> = contents
        .iter()
        .map(|(p, (b, h))| sensitive_changes::ChangedFile {
            path: p,
            base_path: changes.base_path(p),
            base: b.as_deref(),
            head: h.as_deref(),
        })
        .collect();
    let (sensitive, unread) = sensitive_changes::find(
        &changed_files,
        &sensitive_changes::Policy {
            globs: &glob_matcher,
            glob_text: &globs,
            detectors: &detectors,
            analysed: &is_analysed,
        },
    );
    findings.extend(sensitive);
    for (path, _) in unread {
        head_out.skipped.push(Skipped {
            path,
            reason: SkipReason::TimedOut {
                stage: "looking for security-sensitive code".into(),
                limit_ms: u64::try_from(steward_code::DEFAULT_FILE_TIME_LIMIT.as_millis())
                    .unwrap_or(u64::MAX),
            },
        });
    }
    // A change to the rules steward enforces is itself security-sensitive.
    if let Some(rel) = manifest_rel
        .as_deref()
        .or(Some(steward_core::manifest::MANIFEST_FILE))
        && let Some((b, Some(h))) = contents.get(rel)
    {
        let head_text = String::from_utf8_lossy(h);
        let base_text = b.as_deref().map(String::from_utf8_lossy);
        let sections = policy_sections_changed(base_text.as_deref(), &head_text);
        if !sections.is_empty() {
            let rule = review_rules()
                .into_iter()
                .find(|r| r.id == steward_code::sensitive::SECURITY_REVIEW)
                .expect("the review rules include security-review-required");
            let hs = hunks.get(rel).cloned().unwrap_or_default();
            let first = hs.iter().filter_map(|h| h.head_lines()).map(|l| l.0).min();
            let last = hs.iter().filter_map(|h| h.head_lines()).map(|l| l.1).max();
            let mut location = Location::whole(rel);
            if let (Some(a), Some(z)) = (first, last) {
                location.start_line = a;
                location.end_line = z;
                location.start_column = 1;
                location.end_column = 1;
            }
            let names: Vec<String> = sections.iter().map(|s| format!("[{s}]")).collect();
            findings.push(Finding::new(
                &rule,
                format!(
                    "changes {}, the rules every scan and review of this project enforces",
                    names.join(", ")
                ),
                location,
                format!("policy\0{head_text}").as_bytes(),
            ));
        }
    }

    // Triage.
    catalog.extend_from_findings(findings.iter());
    let config = super::scan::triage_config(manifest, args.fail_on, None);
    let mut triaged = triage(findings, &head_out.suppressions, &catalog, &config)?;

    // Sign-off.
    let sensitive_paths: Vec<String> = {
        let mut v: Vec<String> = triaged
            .active
            .iter()
            .filter(|f| f.rule_id == steward_code::sensitive::SECURITY_REVIEW)
            .map(|f| f.location.path.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let sensitive_count = triaged
        .active
        .iter()
        .filter(|f| f.rule_id == steward_code::sensitive::SECURITY_REVIEW)
        .count();
    let reviewers = governing.policy.security_reviewer_list();
    let commits = repo.commits_between(merge_base, head)?;
    let mut candidates: Vec<signoff::Candidate> = Vec::new();
    for c in &commits {
        for (token, value) in &c.trailers {
            if !signoff::is_sign_off_trailer(token) {
                continue;
            }
            let mut stale_for = Vec::new();
            for p in &sensitive_paths {
                let then = repo.file_at(c.id, p)?;
                let now = head_files.get(p).copied();
                if then != now {
                    stale_for.push(p.clone());
                }
            }
            candidates.push(signoff::Candidate {
                by: value.clone(),
                source: format!("{} trailer in {}", signoff::TRAILER, short(&c.id)),
                stale_for,
            });
        }
    }
    for name in &args.approved_by {
        candidates.push(signoff::Candidate {
            by: name.clone(),
            source: "--approved-by".into(),
            stale_for: Vec::new(),
        });
    }
    let (approvals, not_counted) = signoff::judge(&candidates, &reviewers);
    let status = if sensitive_count == 0 {
        SignOffStatus::NotNeeded
    } else if reviewers.is_empty() {
        SignOffStatus::NoReviewers
    } else if !approvals.is_empty() {
        SignOffStatus::Approved
    } else {
        SignOffStatus::Missing
    };
    if status == SignOffStatus::Missing {
        let rule = review_rules()
            .into_iter()
            .find(|r| r.id == SIGN_OFF_MISSING)
            .expect("the review rules include security-sign-off-missing");
        let mut message = format!(
            "{sensitive_count} security-sensitive {} and no approval from a security reviewer: {} must review it and record a `{}: Name <email>` trailer (or pass --approved-by)",
            if sensitive_count == 1 {
                "change"
            } else {
                "changes"
            },
            who_must_look(&reviewers),
            signoff::TRAILER,
        );
        for a in &not_counted {
            message.push_str(&format!(
                "; {} ({}) does not count: {}",
                a.by,
                a.source,
                a.reason.as_deref().unwrap_or("")
            ));
        }
        let target = format!("{base_rev}..{head_rev}");
        // Not subject to inline suppressions: the files that carry them are the change's.
        triaged.active.push(Finding::new(
            &rule,
            message,
            Location::whole(&target),
            format!("{}..{}", merge_base, head).as_bytes(),
        ));
        triaged.gate.passed = false;
        triaged.gate.blocking += 1;
    }
    let sign_off = SignOff {
        status,
        sensitive_changes: sensitive_count,
        reviewers,
        approvals,
        not_counted,
    };

    // Report, record.
    head_out.skipped.append(&mut too_large);
    head_out.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let added = changes_added(&changes_deps);
    let summary = ReviewSummary {
        base: base_rev.clone(),
        head: head_rev.clone(),
        merge_base_commit: merge_base.to_string(),
        head_commit: head.to_string(),
        commits: commits.len(),
        changed_files: changes.len(),
        analysed: AnalysedScope {
            changed_files: scope.changed,
            context_files: scope.paths.len().saturating_sub(scope.changed),
            notes: scope.notes.clone(),
        },
        policy_from: governing.from.clone(),
        sign_off,
        dependencies_added: added,
        dependencies_changed: changes_deps.len() - added,
    };
    let mut run = recording::Finished::new(
        "review",
        "review",
        format!("{base_rev}..{head_rev}"),
        &project,
        started_at,
        &engine_names,
        &triaged,
        &catalog,
    );
    run.git_commit = Some(head.to_string());
    run.skipped = &head_out.skipped;
    run.files_scanned = head_out.files_scanned;
    run.bytes_scanned = head_out.bytes_scanned;
    let report_sha256 = emit(&run.report(), &summary, &args.output, global)?;
    run.record(&project, global, report_sha256, || {
        serde_json::json!({
            "base": base.to_string(),
            "head": head.to_string(),
            "merge_base": merge_base.to_string(),
            "changed_files": changes.len(),
            "analysed_files": scope.paths.len(),
            "dependencies_added": summary.dependencies_added,
            "dependencies_changed": summary.dependencies_changed,
            "security_sensitive_changes": summary.sign_off.sensitive_changes,
            "sign_off": summary.sign_off,
            "engines": run.engines,
        })
    })?;
    Ok(run.exit())
}

/// `Ana`, or `one of Ana, Lee`.
fn who_must_look(reviewers: &[String]) -> String {
    match reviewers {
        [one] => one.clone(),
        many => format!("one of {}", many.join(", ")),
    }
}

fn changes_added(changes: &[review::Change]) -> usize {
    changes
        .iter()
        .filter(|c| c.kind == review::ChangeKind::Added)
        .count()
}

/// Render the review as the output flags ask, write it, and return the SHA-256 of the
/// bytes written (the ledger's evidence hash).
fn emit(
    report: &Report<'_>,
    summary: &ReviewSummary,
    out: &OutputArgs,
    global: &GlobalArgs,
) -> Result<String> {
    let color = super::report_color(out, global);
    super::write_report(
        &render_review(report, summary, out.format.into(), color),
        out,
    )
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
