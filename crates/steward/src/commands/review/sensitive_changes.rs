//! Security-sensitive changes: the changed hunks that touch code the code engine recognises
//! as authentication, session handling, access control, cryptography, secrets handling or
//! input validation, or that lie in a path steward.toml's `[policy] security_review` globs
//! name. Each becomes a finding with its reason and lines: at HEAD for code a change adds
//! or edits, and at the merge base for code it removes (a dropped `@login_required` is as
//! sensitive as an added one).

use std::collections::HashMap;

use globset::GlobSet;
use rayon::prelude::*;
use steward_code::sensitive::{SECURITY_REVIEW, SensitiveCode, SensitiveRegion};
use steward_core::finding::{Finding, Location};
use steward_core::rule::Rule;

use super::diff::{self, Hunk};

/// One changed file, both versions.
pub struct ChangedFile<'a> {
    /// At HEAD (for a deleted file, at the merge base).
    pub path: &'a str,
    /// At the merge base, when it was renamed.
    pub base_path: &'a str,
    pub base: Option<&'a [u8]>,
    pub head: Option<&'a [u8]>,
}

pub struct Policy<'a> {
    /// `[policy] security_review`, and the globs as written (same order).
    pub globs: &'a GlobSet,
    pub glob_text: &'a [String],
    pub detectors: &'a SensitiveCode,
    /// Whether detector-based sensitivity applies to a path (scan excludes do not).
    pub analysed: &'a (dyn Fn(&str) -> bool + Sync),
}

/// What could not be looked at: `(path, why)`.
pub type Unread = (String, String);

pub fn find(files: &[ChangedFile<'_>], policy: &Policy<'_>) -> (Vec<Finding>, Vec<Unread>) {
    let rule = steward_code::sensitive::review_rules()
        .into_iter()
        .find(|r| r.id == SECURITY_REVIEW)
        .expect("the review rules include security-review-required");
    // Each file is parsed at both sides: in parallel.
    let per_file: Vec<(Vec<Finding>, Vec<Unread>)> = files
        .par_iter()
        .map(|f| {
            let mut out = Vec::new();
            let mut unread = Vec::new();
            match (f.base, f.head) {
                (_, Some(head)) => changed(f, head, policy, &rule, &mut out, &mut unread),
                (Some(base), None) => deleted(f, base, policy, &rule, &mut out, &mut unread),
                (None, None) => {}
            }
            (out, unread)
        })
        .collect();
    let mut out = Vec::new();
    let mut unread = Vec::new();
    for (o, u) in per_file {
        out.extend(o);
        unread.extend(u);
    }
    // The same hunk text in one file twice stays two findings.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for f in &mut out {
        let n = seen.entry(f.fingerprint.0.clone()).or_default();
        f.fingerprint = f.fingerprint.occurrence(*n);
        *n += 1;
    }
    (out, unread)
}

fn glob_reason(path: &str, base_path: &str, policy: &Policy<'_>) -> Option<String> {
    let mut hits = policy.globs.matches(path);
    if hits.is_empty() {
        hits = policy.globs.matches(base_path);
    }
    let i = *hits.first()?;
    Some(format!(
        "in `{}`, which steward.toml's [policy] security_review marks security-sensitive",
        policy.glob_text.get(i).map_or("?", String::as_str)
    ))
}

fn lines_text(text: &[u8], (from, to): (u32, u32)) -> String {
    String::from_utf8_lossy(text)
        .lines()
        .skip(from.saturating_sub(1) as usize)
        .take((to.saturating_sub(from) + 1).min(5) as usize)
        .collect::<Vec<_>>()
        .join("\n")
}

fn span(s: (u32, u32)) -> String {
    if s.0 == s.1 {
        format!("line {}", s.0)
    } else {
        format!("lines {}–{}", s.0, s.1)
    }
}

#[allow(clippy::too_many_arguments)]
fn finding(
    rule: &Rule,
    path: &str,
    lines: Option<(u32, u32)>,
    snippet_from: &[u8],
    message: String,
    key: &str,
    region: Option<&SensitiveRegion>,
    base_lines: Option<(u32, u32)>,
) -> Finding {
    let (location, text) = match lines {
        Some(l) => {
            let text = lines_text(snippet_from, l);
            (
                Location {
                    path: path.to_string(),
                    start_line: l.0,
                    start_column: 1,
                    end_line: l.1,
                    end_column: 1,
                    snippet: Some(text.clone()),
                },
                text,
            )
        }
        None => (Location::whole(path), String::new()),
    };
    // The fingerprint holds what the hunk says, not where it is: the same change in the
    // same place keeps it when lines shift above it.
    let mut f = Finding::new(rule, message, location, format!("{key}\0{text}").as_bytes());
    if let Some(r) = region {
        f.properties
            .insert("category".into(), r.category.as_str().into());
        f.properties
            .insert("detector".into(), r.detector.clone().into());
        f.properties
            .insert("reason".into(), r.reason.clone().into());
    }
    if let Some(b) = base_lines {
        f.properties
            .insert("merge_base_lines".into(), format!("{}-{}", b.0, b.1).into());
    }
    f
}

fn changed(
    f: &ChangedFile<'_>,
    head: &[u8],
    policy: &Policy<'_>,
    rule: &Rule,
    out: &mut Vec<Finding>,
    unread: &mut Vec<Unread>,
) {
    let base = f.base.unwrap_or(b"");
    let hunks = diff::hunks(base, head);
    if hunks.is_empty() {
        return;
    }
    if let Some(reason) = glob_reason(f.path, f.base_path, policy) {
        for h in &hunks {
            let (lines, what) = match (h.head_lines(), h.base_lines()) {
                (Some(l), _) => (l, "changed"),
                (None, Some(b)) => {
                    let at = h.head_start.saturating_sub(1).max(1);
                    (
                        (at, at),
                        if b.0 == b.1 {
                            "line removed"
                        } else {
                            "lines removed"
                        },
                    )
                }
                (None, None) => continue,
            };
            out.push(finding(
                rule,
                f.path,
                Some(lines),
                head,
                format!("{what} {reason}"),
                "glob",
                None,
                h.base_lines(),
            ));
        }
    }
    if !policy.detectors.covers(f.path) || !(policy.analysed)(f.path) {
        return;
    }
    let head_regions = match policy.detectors.regions(f.path, head) {
        Ok(r) => r,
        Err(_) => {
            unread.push((
                f.path.to_string(),
                "timed out looking for sensitive code".into(),
            ));
            return;
        }
    };
    let base_regions = match f.base {
        Some(b) => match policy.detectors.regions(f.base_path, b) {
            Ok(r) => r,
            Err(_) => {
                unread.push((
                    f.base_path.to_string(),
                    "timed out looking for sensitive code at the merge base".into(),
                ));
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    // A region the merge base has more of than HEAD was removed (a decorator dropped from
    // one view of several); one merely edited is reported at HEAD.
    let mut removable: HashMap<(&str, &str), i64> = HashMap::new();
    for r in &base_regions {
        *removable.entry((&r.detector, &r.name)).or_default() += 1;
    }
    for r in &head_regions {
        *removable.entry((&r.detector, &r.name)).or_default() -= 1;
    }
    for h in &hunks {
        // The most specific regions first (a call before the function around it): a
        // region whose changed lines a more specific one already covers adds nothing.
        let mut reported: Vec<&str> = Vec::new();
        let mut covered: Vec<(u32, u32)> = Vec::new();
        if let Some(hl) = h.head_lines() {
            for r in by_size(&head_regions) {
                let rl = (r.start_line, r.end_line);
                if !diff::overlaps(rl, hl) || reported.contains(&r.detector.as_str()) {
                    continue;
                }
                let lines = (rl.0.max(hl.0), rl.1.min(hl.1));
                if covered.iter().any(|c| c.0 <= lines.0 && lines.1 <= c.1) {
                    continue;
                }
                reported.push(&r.detector);
                covered.push(lines);
                out.push(finding(
                    rule,
                    f.path,
                    Some(lines),
                    head,
                    format!("{}: `{}` ({})", r.reason, r.name, r.category),
                    &format!("{}\0{}", r.detector, r.name),
                    Some(r),
                    h.base_lines(),
                ));
            }
        }
        if let Some(bl) = h.base_lines() {
            let mut covered: Vec<(u32, u32)> = Vec::new();
            for r in by_size(&base_regions) {
                let rl = (r.start_line, r.end_line);
                if !diff::overlaps(rl, bl) || reported.contains(&r.detector.as_str()) {
                    continue;
                }
                let lines = (rl.0.max(bl.0), rl.1.min(bl.1));
                if covered.iter().any(|c| c.0 <= lines.0 && lines.1 <= c.1) {
                    continue;
                }
                match removable.get_mut(&(r.detector.as_str(), r.name.as_str())) {
                    Some(n) if *n > 0 => *n -= 1,
                    _ => continue,
                }
                reported.push(&r.detector);
                covered.push(lines);
                let at = removal_site(h);
                out.push(finding(
                    rule,
                    f.path,
                    Some(at),
                    head,
                    format!(
                        "removes {}: `{}` ({}), at the merge base's {}",
                        r.reason,
                        r.name,
                        r.category,
                        span(lines)
                    ),
                    &format!("removed\0{}\0{}", r.detector, r.name),
                    Some(r),
                    Some(bl),
                ));
            }
        }
    }
}

/// Regions smallest first, then in reading order.
fn by_size(regions: &[SensitiveRegion]) -> Vec<&SensitiveRegion> {
    let mut v: Vec<&SensitiveRegion> = regions.iter().collect();
    v.sort_by_key(|r| (r.end_line - r.start_line, r.start_line));
    v
}

/// Where on HEAD a removal shows: the replacing lines, or the line before the gap.
fn removal_site(h: &Hunk) -> (u32, u32) {
    h.head_lines().unwrap_or_else(|| {
        let at = h.head_start.saturating_sub(1).max(1);
        (at, at)
    })
}

fn deleted(
    f: &ChangedFile<'_>,
    base: &[u8],
    policy: &Policy<'_>,
    rule: &Rule,
    out: &mut Vec<Finding>,
    unread: &mut Vec<Unread>,
) {
    if let Some(reason) = glob_reason(f.path, f.base_path, policy) {
        out.push(finding(
            rule,
            f.path,
            None,
            base,
            format!("deleted, {reason}"),
            "deleted-glob",
            None,
            None,
        ));
    }
    if !policy.detectors.covers(f.path) || !(policy.analysed)(f.path) {
        return;
    }
    match policy.detectors.regions(f.path, base) {
        Ok(regions) if !regions.is_empty() => {
            let mut what: Vec<String> = regions
                .iter()
                .map(|r| format!("{} (`{}`)", r.category, r.name))
                .collect();
            what.dedup();
            let shown = what.len().min(4);
            out.push(finding(
                rule,
                f.path,
                None,
                base,
                format!(
                    "deleted, with security-sensitive code: {}{}",
                    what[..shown].join(", "),
                    if what.len() > shown {
                        format!(" and {} more", what.len() - shown)
                    } else {
                        String::new()
                    }
                ),
                "deleted-code",
                Some(&regions[0]),
                None,
            ));
        }
        Ok(_) => {}
        Err(_) => unread.push((
            f.path.to_string(),
            "timed out looking for sensitive code".into(),
        )),
    }
}
