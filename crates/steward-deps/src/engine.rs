//! The `deps` engine: every lockfile and manifest in the tree, each pinned package matched
//! against the local advisory database.
//!
//! One finding per vulnerability per package entry: advisories that are the same
//! vulnerability (one lists the other's id among its aliases, or they share an alias, as a
//! PYSEC and a GHSA record of one CVE do) are reported once, under the ecosystem's own
//! database id when there is one (RUSTSEC, PYSEC, GO), else GHSA, else CVE. The rule id is
//! `deps/<ecosystem>/<id>`; the location is the package's line in its file.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use steward_core::collect::{Collected, SkipReason, Skipped};
use steward_core::engine::{Engine, EngineError, TreeOutput};
use steward_core::finding::{Finding, Location};
use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};
use steward_core::taxonomy::{Cwe, Owasp};

use crate::advisory::Advisory;
use crate::db::AdvisoryDb;
use crate::matching::advisory_affects;
use crate::package::{Lockfile, Package, Scope};

/// Rule family of known vulnerabilities: `deps/<ecosystem>/<advisory id>`.
pub const VULNERABILITY_FAMILY: &str = "deps/*";
/// A lockfile or manifest that could not be read.
pub const UNREADABLE: &str = "deps/lockfile-unreadable";
/// A requirement that names a range, not a version.
pub const UNPINNED: &str = "deps/unpinned";

/// How the engine finds its database.
#[derive(Debug, Clone)]
pub struct DepsOptions {
    pub db_path: PathBuf,
}

/// The `deps` engine.
pub struct DepsEngine {
    db: Option<Mutex<AdvisoryDb>>,
    db_error: Option<String>,
    rules: Vec<Rule>,
}

/// Every lockfile and manifest in `tree`, parsed; files that fail to parse are returned as
/// errors beside them.
pub fn read_lockfiles(tree: &Collected) -> (Vec<Lockfile>, Vec<crate::LockfileError>) {
    let mut lockfiles = Vec::new();
    let mut errors = Vec::new();
    let root = tree.root.clone();
    let paths: Vec<&str> = tree.files.iter().map(|f| f.rel_path.as_str()).collect();
    let list = |dir: &str| -> Vec<String> {
        paths
            .iter()
            .filter(|p| dir.is_empty() || p.strip_prefix(dir).is_some_and(|r| r.starts_with('/')))
            .map(|p| p.to_string())
            .collect()
    };
    for file in &tree.files {
        let Some(kind) = crate::detect(&file.rel_path) else {
            continue;
        };
        let text = match std::fs::read(&file.path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                errors.push(crate::LockfileError {
                    path: file.rel_path.clone(),
                    line: None,
                    message: format!("cannot read it: {e}"),
                });
                continue;
            }
        };
        let read_include = |rel: &str| -> Option<String> {
            let full = root.join(rel);
            // Includes stay inside the scanned tree.
            let canonical = full.canonicalize().ok()?;
            let root = root.canonicalize().ok()?;
            if !canonical.starts_with(&root) {
                return None;
            }
            std::fs::read_to_string(canonical).ok()
        };
        match crate::parse_in_tree(kind, &file.rel_path, &text, &read_include, &list) {
            Ok(lock) => lockfiles.push(lock),
            Err(e) => errors.push(e),
        }
    }
    // go.sum lists every module version the build may have looked at; go.mod says what is
    // required. Where both are present, go.mod alone is the truth.
    let go_mods: HashSet<String> = lockfiles
        .iter()
        .filter(|l| l.kind == crate::LockfileKind::GoMod)
        .map(|l| parent_dir(&l.path).to_string())
        .collect();
    lockfiles
        .retain(|l| l.kind != crate::LockfileKind::GoSum || !go_mods.contains(parent_dir(&l.path)));
    lockfiles.sort_by(|a, b| a.path.cmp(&b.path));
    (lockfiles, errors)
}

fn parent_dir(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The file a package's line is in: the lockfile, or the requirements file it included.
fn package_file<'a>(lock: &'a Lockfile, pkg: &'a Package) -> &'a str {
    pkg.declared_in.as_deref().unwrap_or(&lock.path)
}

impl DepsEngine {
    /// The engine, with the database at `opts.db_path` if there is one. Without a database
    /// lockfiles are still read (and unreadable or unpinned ones reported); matching is
    /// skipped, and [`DepsEngine::database_error`] says why.
    pub fn new(opts: &DepsOptions) -> DepsEngine {
        let (db, db_error) = match AdvisoryDb::open(&opts.db_path) {
            Ok(db) => (Some(Mutex::new(db)), None),
            Err(e) => (None, Some(e.to_string())),
        };
        DepsEngine {
            db,
            db_error,
            rules: rules(),
        }
    }

    /// Why the advisory database could not be opened, if it could not.
    pub fn database_error(&self) -> Option<&str> {
        self.db_error.as_deref()
    }

    /// Findings for every package of `lockfiles` that an advisory covers.
    pub fn match_lockfiles(
        &self,
        lockfiles: &[Lockfile],
        texts: &HashMap<String, SourceText>,
    ) -> Result<Vec<Finding>, EngineError> {
        let Some(db) = &self.db else {
            return Ok(Vec::new());
        };
        let db = db.lock().unwrap_or_else(|p| p.into_inner());
        let internal = |e: crate::db::DbError| EngineError::Internal {
            engine: "deps".into(),
            message: e.to_string(),
        };
        db.snapshot(|db| -> Result<Vec<Finding>, EngineError> {
            let mut out = Vec::new();
            for lock in lockfiles {
                let parents = parent_index(lock);
                for pkg in &lock.packages {
                    let Some(version) = &pkg.version else {
                        continue;
                    };
                    let candidates = db
                        .lookup(pkg.ecosystem.as_str(), &pkg.name)
                        .map_err(internal)?;
                    let mut hits: Vec<(Arc<Advisory>, Option<String>)> = Vec::new();
                    for advisory in candidates {
                        // A version the ecosystem cannot parse cannot be matched: say nothing
                        // rather than guess (the lockfile parser reports malformed files).
                        if let Ok(Some((_, hit))) =
                            advisory_affects(&advisory, pkg.ecosystem, &pkg.name, version)
                        {
                            hits.push((advisory, hit.fixed));
                        }
                    }
                    for group in group_by_vulnerability(hits) {
                        out.push(self.finding(lock, pkg, version, &group, &parents, texts));
                    }
                }
            }
            Ok(out)
        })
        .map_err(internal)?
    }

    fn finding(
        &self,
        lock: &Lockfile,
        pkg: &Package,
        version: &str,
        group: &[(Arc<Advisory>, Option<String>)],
        parents: &HashMap<&str, Vec<usize>>,
        texts: &HashMap<String, SourceText>,
    ) -> Finding {
        let eco = pkg.ecosystem.as_str();
        let mut ids: BTreeSet<String> = BTreeSet::new();
        for (a, _) in group {
            ids.insert(a.id.clone());
            ids.extend(a.aliases.iter().cloned());
        }
        let primary = primary_id(eco, group.iter().map(|(a, _)| a.id.as_str()));
        let lead = group
            .iter()
            .find(|(a, _)| a.id == primary)
            .map(|(a, _)| a)
            .unwrap_or(&group[0].0);
        let fixed = smallest_fixed(pkg, group);
        let informational = group.iter().find_map(|(a, _)| a.informational());
        let (severity, score, severity_source) = match informational {
            Some("unsound") => (Severity::Medium, None, "informational: unsound".to_string()),
            Some(kind) => (Severity::Low, None, format!("informational: {kind}")),
            None => severity_of(group.iter().map(|(a, _)| a.as_ref())),
        };
        let summary = group
            .iter()
            .map(|(a, _)| a.summary.trim().to_string())
            .find(|s| !s.is_empty())
            .or_else(|| {
                group
                    .iter()
                    .map(|(a, _)| first_sentence(&a.details))
                    .find(|s| !s.is_empty())
            })
            .unwrap_or_else(|| "known vulnerability".to_string());
        let title = format!("{}: {summary}", pkg.name);
        let mut rule = Rule::new(format!("deps/{eco}/{primary}"), "deps", &title, severity);
        rule.confidence = Confidence::High;
        rule.owasp = Some(Owasp::A06);
        rule.cwe = vec![Cwe(1395)];
        rule.remediation = Some(match &fixed {
            Some(f) => format!("Upgrade {} to {f} or later.", pkg.name),
            None if informational.is_some() => format!(
                "Read the advisory and plan a replacement for {}; no fixed release is listed.",
                pkg.name
            ),
            None => format!(
                "No fixed release of {} is listed: remove it, replace it, or mitigate as the \
                 advisory describes.",
                pkg.name
            ),
        });
        let others: Vec<&String> = ids.iter().filter(|i| **i != primary).collect();
        let mut message = match informational {
            Some(kind) => format!("`{}@{version}` is {kind} ({primary}): {summary}", pkg.name),
            None => format!("`{}@{version}` has {primary}", pkg.name),
        };
        if informational.is_none() {
            if !others.is_empty() {
                let shown: Vec<&str> = others.iter().take(3).map(|s| s.as_str()).collect();
                message.push_str(&format!(" ({})", shown.join(", ")));
            }
            message.push_str(&format!(": {summary}"));
        }
        match &fixed {
            Some(f) => message.push_str(&format!("; fixed in {f}")),
            None => message.push_str("; no fixed version"),
        }
        let introduced_by = direct_ancestors(lock, pkg, parents);
        match pkg.scope {
            Scope::Direct => message.push_str("; a direct dependency"),
            Scope::Transitive if !introduced_by.is_empty() => {
                let shown: Vec<&str> = introduced_by.iter().take(3).map(|s| s.as_str()).collect();
                message.push_str(&format!("; pulled in by {}", shown.join(", ")));
                if introduced_by.len() > 3 {
                    message.push_str(&format!(" and {} more", introduced_by.len() - 3));
                }
            }
            _ => {}
        }
        let location = package_location(lock, pkg, texts);
        let matched = format!("{}@{version}", pkg.name);
        let mut f = Finding::new(&rule, message, location, matched.as_bytes());
        f.remediation = rule.remediation.clone();
        let props = &mut f.properties;
        props.insert("package".into(), pkg.name.clone().into());
        props.insert("version".into(), version.into());
        props.insert("ecosystem".into(), eco.into());
        props.insert("purl".into(), pkg.purl().into());
        props.insert("advisory".into(), primary.clone().into());
        props.insert(
            "aliases".into(),
            others
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into(),
        );
        props.insert(
            "advisories".into(),
            group
                .iter()
                .map(|(a, _)| a.id.clone())
                .collect::<Vec<_>>()
                .into(),
        );
        props.insert("severity_source".into(), severity_source.into());
        if let Some(score) = score {
            props.insert("cvss_score".into(), score.into());
        }
        if let Some(f) = &fixed {
            props.insert("fixed_version".into(), f.clone().into());
        }
        props.insert(
            "scope".into(),
            match pkg.scope {
                Scope::Direct => "direct",
                Scope::Transitive => "transitive",
                Scope::Unknown => "unknown",
            }
            .into(),
        );
        props.insert("dev".into(), pkg.dev.into());
        if !introduced_by.is_empty() {
            props.insert("introduced_by".into(), introduced_by.into());
        }
        if let Some(url) = &lead.url {
            props.insert("url".into(), url.clone().into());
        }
        if let Some(kind) = informational {
            props.insert("informational".into(), kind.into());
        }
        f
    }
}

impl Engine for DepsEngine {
    fn name(&self) -> &'static str {
        "deps"
    }

    fn rules(&self) -> &[Rule] {
        &self.rules
    }

    fn scan_tree(&self, tree: &Collected) -> Result<TreeOutput, EngineError> {
        let (lockfiles, errors) = read_lockfiles(tree);
        let rule = |id: &str| self.rules.iter().find(|r| r.id == id).expect("own rule");
        let mut out = TreeOutput::default();
        for e in &errors {
            let mut location = Location::whole(&e.path);
            if let Some(line) = e.line {
                location.start_line = line;
                location.end_line = line;
            }
            let r = rule(UNREADABLE);
            let mut f = Finding::new(
                r,
                format!("steward cannot read this file: {}", e.message),
                location,
                e.message.as_bytes(),
            );
            f.remediation = r.remediation.clone();
            out.findings.push(f);
        }
        let mut texts = HashMap::new();
        for lock in &lockfiles {
            for path in lock.packages.iter().map(|p| package_file(lock, p)) {
                if texts.contains_key(path) {
                    continue;
                }
                if let Ok(text) = std::fs::read_to_string(tree.root.join(path)) {
                    texts.insert(path.to_string(), SourceText::new(text));
                }
            }
            for pkg in lock.packages.iter().filter(|p| p.version.is_none()) {
                let Some(req) = &pkg.requirement else {
                    continue;
                };
                let location = package_location(lock, pkg, &texts);
                let r = rule(UNPINNED);
                let mut f = Finding::new(
                    r,
                    format!(
                        "`{} {req}` is a range, not a version: what gets installed (and whether \
                         it is vulnerable) changes from one install to the next",
                        pkg.name
                    ),
                    location,
                    format!("{} {req}", pkg.name).as_bytes(),
                );
                f.remediation = r.remediation.clone();
                out.findings.push(f);
            }
        }
        out.findings
            .extend(self.match_lockfiles(&lockfiles, &texts)?);
        if let Some(reason) = &self.db_error
            && !lockfiles.is_empty()
        {
            out.skipped.push(Skipped {
                path: "advisory database".into(),
                reason: SkipReason::Unreadable {
                    error: format!(
                        "{} lockfile{} not checked for known vulnerabilities: {reason}",
                        lockfiles.len(),
                        if lockfiles.len() == 1 { "" } else { "s" }
                    ),
                },
            });
        }
        Ok(out)
    }
}

/// A file's text with its line starts, so each finding's line is found without rescanning.
pub struct SourceText {
    text: String,
    starts: Vec<usize>,
}

impl SourceText {
    fn new(text: String) -> SourceText {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(&text));
        SourceText { text, starts }
    }

    /// 1-based line `n`, without its newline.
    fn line(&self, n: u32) -> Option<&str> {
        let start = *self.starts.get(n.checked_sub(1)? as usize)?;
        let rest = &self.text[start..];
        Some(rest.split('\n').next().unwrap_or(rest))
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i + 1)
}

/// The line a package is declared on, with the line as the snippet.
fn package_location(
    lock: &Lockfile,
    pkg: &Package,
    texts: &HashMap<String, SourceText>,
) -> Location {
    let file = package_file(lock, pkg);
    let text = texts.get(file).and_then(|t| t.line(pkg.line));
    line_location(file, pkg.line, text)
}

/// The location of 1-based `line` of `file` (the whole file when `line` is 0), with the
/// line's text, when known, as the snippet.
pub(crate) fn line_location(file: &str, line: u32, text: Option<&str>) -> Location {
    let mut location = Location::whole(file);
    if line > 0 {
        location.start_line = line;
        location.end_line = line;
        location.start_column = 1;
        location.end_column = 1;
        if let Some(text) = text {
            let text = text.trim_end_matches('\r');
            location.end_column = text.chars().count() as u32 + 1;
            location.snippet = Some(text.to_string());
        }
    }
    location
}

/// The first sentence of an advisory's text (for advisories without a summary), at most
/// 120 characters, with runs of whitespace as single spaces. Only the text up to the end of
/// the first sentence (or 120 characters) is looked at: details run to hundreds of words.
fn first_sentence(text: &str) -> String {
    let mut out = String::with_capacity(128);
    let mut chars = 0;
    let mut pending_space = false;
    let mut cut = false;
    let mut iter = text.trim().chars().peekable();
    while let Some(c) = iter.next() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        // ". " ends the sentence (the period is dropped, as at the end of the text).
        if c == '.' && iter.peek().is_none_or(|n| n.is_whitespace()) {
            break;
        }
        if pending_space {
            out.push(' ');
            chars += 1;
            pending_space = false;
        }
        out.push(c);
        chars += 1;
        if chars > 120 {
            cut = true;
            break;
        }
    }
    if cut {
        let short: String = out.chars().take(117).collect();
        format!("{}…", short.trim_end())
    } else {
        // "Fixed in 1.2..." ends with the ellipsis's dots, not a sentence's.
        out.trim_end_matches('.').to_string()
    }
}

/// For each package name, the indices of the packages that depend on it.
fn parent_index(lock: &Lockfile) -> HashMap<&str, Vec<usize>> {
    let mut parents: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in lock.packages.iter().enumerate() {
        for d in &p.dependencies {
            parents.entry(d.name.as_str()).or_default().push(i);
        }
    }
    parents
}

/// The direct dependencies whose dependency tree holds `pkg` (by walking edges upwards).
fn direct_ancestors(
    lock: &Lockfile,
    pkg: &Package,
    parents: &HashMap<&str, Vec<usize>>,
) -> Vec<String> {
    if pkg.scope == Scope::Direct {
        return Vec::new();
    }
    let mut seen: HashSet<usize> = HashSet::new();
    let mut queue: VecDeque<&str> = VecDeque::from([pkg.name.as_str()]);
    let mut direct = BTreeSet::new();
    while let Some(name) = queue.pop_front() {
        for &i in parents.get(name).map(Vec::as_slice).unwrap_or(&[]) {
            if !seen.insert(i) {
                continue;
            }
            let parent = &lock.packages[i];
            if parent.scope == Scope::Direct {
                direct.insert(parent.name.clone());
            } else {
                queue.push_back(parent.name.as_str());
            }
        }
    }
    direct.into_iter().collect()
}

/// Groups advisories that describe one vulnerability: linked by id or shared alias.
fn group_by_vulnerability(
    hits: Vec<(Arc<Advisory>, Option<String>)>,
) -> Vec<Vec<(Arc<Advisory>, Option<String>)>> {
    let n = hits.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while parent[r] != r {
            r = parent[r];
        }
        let mut i = i;
        while parent[i] != r {
            let next = parent[i];
            parent[i] = r;
            i = next;
        }
        r
    }
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for (i, (a, _)) in hits.iter().enumerate() {
        for key in std::iter::once(a.id.as_str()).chain(a.aliases.iter().map(String::as_str)) {
            match owner.get(key) {
                Some(&j) => {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    if ri != rj {
                        parent[ri] = rj;
                    }
                }
                None => {
                    owner.insert(key, i);
                }
            }
        }
    }
    let mut groups: Vec<Vec<(Arc<Advisory>, Option<String>)>> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    let roots: Vec<usize> = (0..n).map(|i| find(&mut parent, i)).collect();
    for (i, hit) in hits.into_iter().enumerate() {
        let g = *slot.entry(roots[i]).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(hit);
    }
    groups
}

/// The id a vulnerability is reported under: the ecosystem's own database id if one of the
/// records is from it (RUSTSEC, PYSEC, GO), else a GHSA record, else the smallest record id.
/// Only records' own ids are used, never an alias, so the rule id names an advisory the
/// database holds.
fn primary_id<'a>(eco: &str, records: impl Iterator<Item = &'a str>) -> String {
    let records: Vec<&str> = records.collect();
    let native = match eco {
        "crates.io" => Some("RUSTSEC-"),
        "PyPI" => Some("PYSEC-"),
        "Go" => Some("GO-"),
        _ => None,
    };
    let pick = |prefix: &str| {
        records
            .iter()
            .copied()
            .filter(|id| id.starts_with(prefix))
            .min()
    };
    native
        .and_then(pick)
        .or_else(|| pick("GHSA-"))
        .or_else(|| records.iter().copied().min())
        .unwrap_or("UNKNOWN")
        .to_string()
}

/// The smallest fixed version any advisory of the group gives.
fn smallest_fixed(pkg: &Package, group: &[(Arc<Advisory>, Option<String>)]) -> Option<String> {
    let mut best: Option<(crate::version::Version, String)> = None;
    for f in group.iter().filter_map(|(_, f)| f.as_ref()) {
        let Ok(v) = pkg.ecosystem.parse_version(f) else {
            continue;
        };
        let better = match &best {
            None => true,
            Some((b, _)) => v.try_cmp(b).ok() == Some(std::cmp::Ordering::Less),
        };
        if better {
            best = Some((v, f.clone()));
        }
    }
    // The fix must hold for every record in the group: take the highest of their smallest
    // fixes would be stricter; records of one vulnerability agree in practice.
    best.map(|(_, f)| f)
}

/// Severity from the group's scores: the highest CVSS v4 score, computed from the vector or
/// as the advisory states it, else the highest CVSS v3 score likewise, else the source's
/// label; unrated advisories count as high. v4 comes first because an advisory that carries
/// both was rated again under the newer standard. Returns the severity, the score, and where
/// it came from (`cvss_v4`, `cvss_v3`, `cvss_v4_score` / `cvss_v3_score` for a number the
/// advisory gives without a vector, `label: …`, `unrated: …`).
fn severity_of<'a>(
    advisories: impl Iterator<Item = &'a Advisory>,
) -> (Severity, Option<f64>, String) {
    // (score, source) of the best candidate per CVSS version: index 0 is v4, 1 is v3.
    let mut best: [Option<(f64, &'static str)>; 2] = [None, None];
    let mut label: Option<String> = None;
    let mut unscorable = false;
    for a in advisories {
        for s in &a.severity {
            let (slot, score, source) = match s.kind.as_str() {
                "CVSS_V4" => (0, crate::cvss::v4_score(&s.score), "cvss_v4"),
                "CVSS_V3" => (1, crate::cvss::v3_base_score(&s.score), "cvss_v3"),
                "CVSS_V4_SCORE" => (0, s.score.trim().parse().ok(), "cvss_v4_score"),
                "CVSS_V3_SCORE" => (1, s.score.trim().parse().ok(), "cvss_v3_score"),
                _ => continue,
            };
            let Some(score) = score.filter(|s: &f64| (0.0..=10.0).contains(s)) else {
                unscorable = true;
                continue;
            };
            if best[slot].is_none_or(|(b, _)| score > b) {
                best[slot] = Some((score, source));
            }
        }
        if label.is_none() {
            label = a.severity_label.clone();
        }
    }
    if let Some((score, source)) = best[0].or(best[1]) {
        let sev = if score >= 9.0 {
            Severity::Critical
        } else if score >= 7.0 {
            Severity::High
        } else if score >= 4.0 {
            Severity::Medium
        } else if score > 0.0 {
            Severity::Low
        } else {
            Severity::Info
        };
        return (sev, Some(score), source.into());
    }
    if let Some(label) = label {
        let sev = match label.to_ascii_lowercase().as_str() {
            "critical" => Some(Severity::Critical),
            "high" => Some(Severity::High),
            "moderate" | "medium" => Some(Severity::Medium),
            "low" => Some(Severity::Low),
            _ => None,
        };
        if let Some(sev) = sev {
            return (sev, None, format!("label: {label}"));
        }
    }
    let why = if unscorable {
        "unrated: the advisory's CVSS vector is not a valid v3 or v4 vector; treated as high"
    } else {
        "unrated: the advisory gives no severity; treated as high"
    };
    (Severity::High, None, why.into())
}

fn rules() -> Vec<Rule> {
    let mut vuln = Rule::new(
        VULNERABILITY_FAMILY,
        "deps",
        "Known vulnerability in a dependency",
        Severity::High,
    );
    vuln.confidence = Confidence::High;
    vuln.owasp = Some(Owasp::A06);
    vuln.cwe = vec![Cwe(1395)];
    vuln.description = "A package pinned by a lockfile or manifest is covered by a published \
        advisory. One rule per advisory: `deps/<ecosystem>/<advisory id>` (RUSTSEC, PYSEC and \
        GO ids for their ecosystems, else GHSA, else CVE); advisories that are one \
        vulnerability (linked by aliases) are reported once. Severity comes from the CVSS v4 \
        score, else the CVSS v3 score (each computed from the advisory's vector), else the \
        advisory's own rating; unrated advisories count as high. RustSec's \
        informational notices (unmaintained, unsound) are reported at low (medium for \
        unsound)."
        .into();
    vuln.rationale = Some("Known vulnerabilities in dependencies are the easiest attacks to mount: the advisory is the exploit's documentation.".into());
    vuln.remediation =
        Some("Upgrade to the fixed version the finding names, or replace the package.".into());

    let mut unreadable = Rule::new(
        UNREADABLE,
        "deps",
        "Lockfile or manifest steward cannot read",
        Severity::Low,
    );
    unreadable.confidence = Confidence::High;
    unreadable.description = "A lockfile or manifest that does not parse. Its packages are not \
        checked for known vulnerabilities, so one could hide there."
        .into();
    unreadable.remediation = Some("Fix or regenerate the file with its package manager (the message gives the line and the problem).".into());

    let mut unpinned = Rule::new(
        UNPINNED,
        "deps",
        "Dependency named by a range, not a version",
        Severity::Low,
    );
    unpinned.confidence = Confidence::High;
    unpinned.owasp = Some(Owasp::A08);
    unpinned.cwe = vec![Cwe(1357)];
    unpinned.description = "A requirements file entry with a range (`flask>=2.0`) rather than a \
        pin (`flask==2.3.3`): the installed version changes from one install to the next, and \
        cannot be checked against advisories."
        .into();
    unpinned.remediation = Some("Pin exact versions (`pip-compile` or `uv pip compile` writes them, with hashes), or scan the lockfile your tool writes.".into());
    vec![vuln, unreadable, unpinned]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::advisory::{Affected, Score};

    fn adv(id: &str, aliases: &[&str]) -> Arc<Advisory> {
        Arc::new(Advisory {
            id: id.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            summary: String::new(),
            details: String::new(),
            published: None,
            modified: None,
            withdrawn: None,
            severity: vec![],
            severity_label: None,
            affected: vec![Affected::default()],
            url: None,
        })
    }

    #[test]
    fn the_first_sentence_stands_for_a_missing_summary() {
        assert_eq!(
            first_sentence("  Django 3.2 before 3.2.1 allows\n  traversal.  More text.\n"),
            "Django 3.2 before 3.2.1 allows traversal"
        );
        assert_eq!(first_sentence("No period at all"), "No period at all");
        assert_eq!(
            first_sentence("Ends with dots... then more"),
            "Ends with dots"
        );
        assert_eq!(
            first_sentence("Version 1.2.3 is affected."),
            "Version 1.2.3 is affected"
        );
        assert_eq!(first_sentence(""), "");
        let long = "word ".repeat(60);
        let s = first_sentence(&long);
        // 117 characters and the ellipsis, as before.
        assert_eq!(s.chars().count(), 118);
        assert!(s.starts_with("word word") && s.ends_with("wo…"), "{s}");
    }

    #[test]
    fn aliases_make_one_vulnerability() {
        let groups = group_by_vulnerability(vec![
            (adv("PYSEC-1", &["CVE-1", "GHSA-a"]), None),
            (adv("GHSA-a", &["CVE-1"]), None),
            (adv("GHSA-b", &["CVE-2"]), None),
            (adv("OTHER-1", &["CVE-1"]), None),
        ]);
        let sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
        assert_eq!(sizes, [3, 1]);
        assert_eq!(
            primary_id("PyPI", ["GHSA-a", "PYSEC-1"].into_iter()),
            "PYSEC-1"
        );
        assert_eq!(
            primary_id("npm", ["OTHER-1", "GHSA-a"].into_iter()),
            "GHSA-a"
        );
        assert_eq!(
            primary_id("npm", ["OTHER-2", "OTHER-1"].into_iter()),
            "OTHER-1"
        );
    }

    #[test]
    fn severity_prefers_computed_scores() {
        let mut a = (*adv("X", &[])).clone();
        a.severity = vec![Score {
            kind: "CVSS_V3".into(),
            score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".into(),
        }];
        a.severity_label = Some("LOW".into());
        assert_eq!(severity_of([&a].into_iter()).0, Severity::Critical);
        a.severity.clear();
        assert_eq!(severity_of([&a].into_iter()).0, Severity::Low);
        a.severity_label = None;
        let (sev, _, why) = severity_of([&a].into_iter());
        assert_eq!(sev, Severity::High);
        assert!(why.starts_with("unrated"));
    }

    #[test]
    fn a_v4_vector_is_scored_and_preferred_to_v3() {
        let mut a = (*adv("X", &[])).clone();
        a.severity = vec![
            Score {
                kind: "CVSS_V3".into(),
                score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".into(),
            },
            Score {
                kind: "CVSS_V4".into(),
                score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N".into(),
            },
        ];
        assert_eq!(
            severity_of([&a].into_iter()),
            (Severity::Medium, Some(6.9), "cvss_v4".to_string())
        );
        // A v4 vector alone is scored too (RustSec's newer advisories carry only v4).
        a.severity.remove(0);
        assert_eq!(severity_of([&a].into_iter()).1, Some(6.9));
        // A malformed vector is not a score; the label (or "high") decides, and says why.
        a.severity[0].score = "CVSS:4.0/AV:N".into();
        let (sev, score, why) = severity_of([&a].into_iter());
        assert_eq!((sev, score), (Severity::High, None));
        assert!(why.contains("not a valid v3 or v4 vector"), "{why}");
    }
}
