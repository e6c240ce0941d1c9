//! The dependency part of `steward review BASE..HEAD`: which packages a change adds or
//! changes, and extra scrutiny for each — known advisories at the new version, a name a
//! typo away from a popular package (typosquatting), npm install scripts, licences
//! outside the product's policy, and a release its registry yanked or that is only days old
//! where that can be told offline (see [`crate::release`]).

use std::collections::{BTreeMap, BTreeSet};

use steward_core::finding::Finding;
use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};
use steward_core::taxonomy::{Cwe, Owasp};

use crate::matching::normalize_name;
use crate::package::{Lockfile, Package};
use crate::version::Ecosystem;

pub const ADDED: &str = "review/dependency-added";
pub const CHANGED: &str = "review/dependency-changed";
pub const TYPOSQUAT: &str = "review/typosquat";
pub const INSTALL_SCRIPT: &str = "review/install-script";
pub const LICENSE_DENIED: &str = "review/license-denied";
pub const LICENSE_NOT_ALLOWED: &str = "review/license-not-allowed";
pub const YANKED: &str = "review/yanked-release";
pub const NEW_RELEASE: &str = "review/new-release";

/// A release younger than this many days is "very new", unless steward.toml says otherwise
/// (`[deps] min_release_age_days`).
pub const DEFAULT_MIN_RELEASE_AGE_DAYS: u32 = 7;

/// How releases are checked for yanks and age.
pub struct ReleaseCheck<'a> {
    pub cargo_index: &'a crate::release::CargoIndexCache,
    /// The review's time: a release's age is counted to it.
    pub now: chrono::DateTime<chrono::Utc>,
    /// Releases younger than this are flagged; 0 turns the check off.
    pub min_age_days: u32,
}

/// What a change did to one package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// No version of it was in any lockfile before.
    Added,
    /// It was there at other versions.
    Changed { from: Vec<String> },
}

/// A package (as pinned after the change) that the change added or moved.
#[derive(Debug, Clone)]
pub struct Change {
    pub kind: ChangeKind,
    /// The lockfile it is in after the change.
    pub lockfile: String,
    pub package: Package,
}

type Key = (Ecosystem, String);

fn key(p: &Package) -> Key {
    (p.ecosystem, normalize_name(p.ecosystem.as_str(), &p.name))
}

/// The packages `head` pins that `base` did not pin at that version, anywhere in the tree.
/// Removals are not listed: dropping a dependency needs no scrutiny.
pub fn diff(base: &[Lockfile], head: &[Lockfile]) -> Vec<Change> {
    let mut before: BTreeMap<Key, BTreeSet<String>> = BTreeMap::new();
    for p in base.iter().flat_map(|l| &l.packages) {
        before
            .entry(key(p))
            .or_default()
            .insert(p.version.clone().unwrap_or_default());
    }
    let mut seen: BTreeSet<(Key, String)> = BTreeSet::new();
    let mut out = Vec::new();
    for lock in head {
        for p in &lock.packages {
            let Some(version) = &p.version else { continue };
            let k = key(p);
            if !seen.insert((k.clone(), version.clone())) {
                continue;
            }
            let kind = match before.get(&k) {
                None => ChangeKind::Added,
                Some(versions) if versions.contains(version) => continue,
                Some(versions) => ChangeKind::Changed {
                    from: versions.iter().filter(|v| !v.is_empty()).cloned().collect(),
                },
            };
            out.push(Change {
                kind,
                lockfile: lock.path.clone(),
                package: p.clone(),
            });
        }
    }
    out
}

const POPULAR_NPM: &str = include_str!("../data/popular/npm.txt");
const POPULAR_PYPI: &str = include_str!("../data/popular/pypi.txt");
const POPULAR_CRATES: &str = include_str!("../data/popular/crates.txt");
const POPULAR_GEMS: &str = include_str!("../data/popular/rubygems.txt");
const POPULAR_PACKAGIST: &str = include_str!("../data/popular/packagist.txt");

/// The popular package names of `ecosystem` that steward ships (empty for ecosystems without
/// a list).
pub fn popular(ecosystem: Ecosystem) -> Vec<&'static str> {
    let text = match ecosystem {
        Ecosystem::Npm => POPULAR_NPM,
        Ecosystem::PyPI => POPULAR_PYPI,
        Ecosystem::CratesIo => POPULAR_CRATES,
        Ecosystem::RubyGems => POPULAR_GEMS,
        Ecosystem::Packagist => POPULAR_PACKAGIST,
        _ => "",
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The popular package `name` imitates, if it is one or two edits away from one (adjacent
/// swaps count as one edit; `-`, `_` and `.` are told apart) without being one itself.
/// Short names need to be closer: one edit below 8 characters, two from 8.
pub fn typosquat_of(ecosystem: Ecosystem, name: &str) -> Option<&'static str> {
    let eco = ecosystem.as_str();
    let norm = |n: &str| match ecosystem {
        // crates.io treats `-` and `_` as the same name.
        Ecosystem::CratesIo => n.to_ascii_lowercase().replace('_', "-"),
        Ecosystem::PyPI => normalize_name(eco, n),
        _ => n.to_ascii_lowercase(),
    };
    let candidate = norm(name);
    let list = popular(ecosystem);
    if list.iter().any(|p| norm(p) == candidate) {
        return None;
    }
    let limit = if candidate.chars().count() >= 8 { 2 } else { 1 };
    if candidate.chars().count() < 4 {
        return None;
    }
    list.into_iter()
        .map(|p| (osa_distance(&norm(p), &candidate), p))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, p)| p)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and adjacent
/// transpositions each cost one.
fn osa_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[n][m]
}

/// The product's licence policy (steward.toml's `[deps]`).
#[derive(Debug, Clone, Default)]
pub struct LicensePolicy {
    /// SPDX ids allowed; empty means any not denied.
    pub allow: Vec<String>,
    /// SPDX ids never allowed.
    pub deny: Vec<String>,
}

/// The SPDX ids an expression names (`MIT OR Apache-2.0` -> MIT, Apache-2.0).
fn license_ids(expr: &str) -> Vec<String> {
    expr.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '/')
        .filter(|t| !t.is_empty() && !matches!(*t, "AND" | "OR" | "WITH" | "and" | "or"))
        .map(|t| t.trim_end_matches('+').to_string())
        .collect()
}

/// Findings for each change: one saying what changed (info), and one per concern.
pub fn scrutinise(
    changes: &[Change],
    policy: &LicensePolicy,
    release: &ReleaseCheck<'_>,
    line_text: &dyn Fn(&str, u32) -> Option<String>,
) -> Vec<Finding> {
    let rules = rules();
    let rule = |id: &str| rules.iter().find(|r| r.id == id).expect("own rule");
    let mut out = Vec::new();
    for c in changes {
        let p = &c.package;
        let version = p.version.as_deref().unwrap_or("");
        let file = p.declared_in.as_deref().unwrap_or(&c.lockfile);
        let text = if p.line > 0 {
            line_text(file, p.line)
        } else {
            None
        };
        let location = crate::engine::line_location(file, p.line, text.as_deref());
        let matched = format!("{}@{version}", p.name);
        let mut push = |id: &str, message: String, props: &[(&str, serde_json::Value)]| {
            let r = rule(id);
            let mut f = Finding::new(r, message, location.clone(), matched.as_bytes());
            f.remediation = r.remediation.clone();
            f.properties.insert("package".into(), p.name.clone().into());
            f.properties.insert("version".into(), version.into());
            f.properties
                .insert("ecosystem".into(), p.ecosystem.as_str().into());
            f.properties.insert("purl".into(), p.purl().into());
            for (k, v) in props {
                f.properties.insert((*k).into(), v.clone());
            }
            out.push(f);
        };
        match &c.kind {
            ChangeKind::Added => push(
                ADDED,
                format!(
                    "new dependency `{}@{version}` ({}{})",
                    p.name,
                    p.ecosystem,
                    if p.dev { ", dev only" } else { "" }
                ),
                &[],
            ),
            ChangeKind::Changed { from } => push(
                CHANGED,
                format!(
                    "`{}` changes from {} to {version}",
                    p.name,
                    if from.is_empty() {
                        "an unpinned version".to_string()
                    } else {
                        from.join(", ")
                    }
                ),
                &[("from", from.clone().into())],
            ),
        }
        if c.kind == ChangeKind::Added
            && let Some(target) = typosquat_of(p.ecosystem, &p.name)
        {
            push(
                TYPOSQUAT,
                format!(
                    "new dependency `{}` is one typo away from the popular `{target}`: check it is \
                     the package you meant",
                    p.name
                ),
                &[("resembles", target.into())],
            );
        }
        if p.install_script {
            push(
                INSTALL_SCRIPT,
                format!("`{}@{version}` runs its own scripts when installed", p.name),
                &[],
            );
        }
        let facts = crate::release::facts(p, release.cargo_index);
        let from = facts.source.unwrap_or("the lockfile");
        if facts.yanked == Some(true) {
            push(
                YANKED,
                format!(
                    "`{}@{version}` was yanked by its registry ({from}): its authors withdrew \
                     it, often for a serious bug or a security problem",
                    p.name
                ),
                &[("yanked", true.into())],
            );
        }
        if let Some(published) = facts.published
            && release.min_age_days > 0
        {
            let age = release.now.signed_duration_since(published);
            if age < chrono::Duration::days(i64::from(release.min_age_days)) {
                let days = age.num_days().max(0);
                push(
                    NEW_RELEASE,
                    format!(
                        "`{}@{version}` was published {} ({}, per {from}): a release this new \
                         has had little scrutiny, and compromised releases are usually caught \
                         within days",
                        p.name,
                        match days {
                            0 => "today".to_string(),
                            1 => "a day ago".to_string(),
                            n => format!("{n} days ago"),
                        },
                        published.format("%Y-%m-%d")
                    ),
                    &[
                        ("published", published.to_rfc3339().into()),
                        ("age_days", days.into()),
                    ],
                );
            }
        }
        if let Some(license) = &p.license {
            let ids = license_ids(license);
            let denied: Vec<&String> = ids
                .iter()
                .filter(|id| policy.deny.iter().any(|d| d.eq_ignore_ascii_case(id)))
                .collect();
            // An `OR` expression is acceptable if any choice is; keep it simple and
            // conservative: every id must be allowed unless one alternative is.
            let allowed_any = ids
                .iter()
                .any(|id| policy.allow.iter().any(|a| a.eq_ignore_ascii_case(id)));
            let an_alternative_is_allowed = license.contains(" OR ") && allowed_any;
            if !denied.is_empty() && !an_alternative_is_allowed {
                push(
                    LICENSE_DENIED,
                    format!(
                        "`{}@{version}` is licensed {license}, which steward.toml denies",
                        p.name
                    ),
                    &[("license", license.clone().into())],
                );
            } else if !policy.allow.is_empty() && !allowed_any {
                push(
                    LICENSE_NOT_ALLOWED,
                    format!(
                        "`{}@{version}` is licensed {license}, which is not on steward.toml's allow list",
                        p.name
                    ),
                    &[("license", license.clone().into())],
                );
            }
        }
    }
    out
}

/// The review's rules.
pub fn rules() -> Vec<Rule> {
    let mk = |id: &str, title: &str, sev: Severity, desc: &str, fix: &str| {
        let mut r = Rule::new(id, "review", title, sev);
        r.confidence = Confidence::High;
        r.description = desc.into();
        r.remediation = Some(fix.into());
        r
    };
    let mut added = mk(
        ADDED,
        "Dependency added",
        Severity::Info,
        "The change brings in a package no lockfile pinned before. Listed so the reviewer \
         sees every new piece of third-party code; the other review rules say what needs \
         attention.",
        "Check the package is needed, maintained and the one you meant.",
    );
    added.owasp = Some(Owasp::A06);
    let changed = mk(
        CHANGED,
        "Dependency version changed",
        Severity::Info,
        "The change moves a package to a version not pinned before.",
        "Read the package's changelog between the two versions.",
    );
    let mut typo = mk(
        TYPOSQUAT,
        "New dependency named like a popular package",
        Severity::High,
        "A newly added package whose name is one or two edits (a swapped, missing, extra or \
         wrong character) from a widely used package in its ecosystem, and is not that \
         package. Attackers publish such names to catch typos.",
        "Compare the name letter by letter with the package you meant; remove it if it is not \
         the intended one, and check whether its install scripts have already run.",
    );
    typo.confidence = Confidence::Medium;
    typo.cwe = vec![Cwe(1357)];
    typo.owasp = Some(Owasp::A08);
    let mut script = mk(
        INSTALL_SCRIPT,
        "Dependency runs install scripts",
        Severity::Medium,
        "An npm package the change adds or moves declares install scripts (`hasInstallScript`): \
         installing it runs its code on developer machines and CI runners.",
        "Check what the scripts do, or install with scripts disabled (`--ignore-scripts`) and \
         allow them per package.",
    );
    script.cwe = vec![Cwe(829)];
    script.owasp = Some(Owasp::A08);
    let denied = mk(
        LICENSE_DENIED,
        "Dependency licence denied by policy",
        Severity::High,
        "The package's licence (as the lockfile records it) is on steward.toml's \
         `[deps] deny_licenses` list.",
        "Replace the package, or change the policy with whoever owns it.",
    );
    let not_allowed = mk(
        LICENSE_NOT_ALLOWED,
        "Dependency licence not on the allow list",
        Severity::Medium,
        "steward.toml's `[deps] allow_licenses` lists the licences the product accepts, and \
         this package's licence is not one of them.",
        "Replace the package, or have the licence reviewed and added to the allow list.",
    );
    let mut yanked = mk(
        YANKED,
        "Dependency release yanked by its registry",
        Severity::High,
        "The change adds or moves to a release that its registry marks as yanked: its \
         authors withdrew it, usually for a serious bug, a broken build or a security \
         problem. Told offline from Cargo's local copy of the registry index (matched by \
         version and checksum); other ecosystems record yanks only online.",
        "Move to a release that is not yanked (`cargo update -p NAME`), and read why it was \
         yanked.",
    );
    yanked.owasp = Some(Owasp::A06);
    yanked.cwe = vec![Cwe(1104)];
    let mut new_release = mk(
        NEW_RELEASE,
        "Dependency release only days old",
        Severity::Medium,
        "The change adds or moves to a release published fewer days ago than steward.toml's \
         `[deps] min_release_age_days` (7 by default). Hijacked maintainer accounts publish \
         malicious releases that are usually found and removed within days; waiting lets \
         that happen before the release reaches the product. The date comes from the \
         lockfile (uv.lock, composer.lock) or Cargo's local registry index.",
        "Pin the previous release until this one is a few days old, or read its diff before \
         approving.",
    );
    new_release.owasp = Some(Owasp::A08);
    new_release.cwe = vec![Cwe(1357)];
    vec![
        added,
        changed,
        typo,
        script,
        denied,
        not_allowed,
        yanked,
        new_release,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lock(path: &str, pkgs: &[(Ecosystem, &str, &str)]) -> Lockfile {
        Lockfile {
            path: path.into(),
            kind: crate::LockfileKind::PackageLockJson,
            packages: pkgs
                .iter()
                .map(|(e, n, v)| Package::new(*e, *n, Some(v.to_string())))
                .collect(),
            warnings: vec![],
        }
    }

    #[test]
    fn diff_lists_added_and_moved_packages_only() {
        let npm = Ecosystem::Npm;
        let base = [lock(
            "package-lock.json",
            &[(npm, "lodash", "4.17.20"), (npm, "ms", "2.1.3")],
        )];
        let head = [lock(
            "package-lock.json",
            &[
                (npm, "lodash", "4.17.21"),
                (npm, "ms", "2.1.3"),
                (npm, "lodahs", "1.0.0"),
            ],
        )];
        let changes = diff(&base, &head);
        let summary: Vec<(&str, &ChangeKind)> = changes
            .iter()
            .map(|c| (c.package.name.as_str(), &c.kind))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "lodash",
                    &ChangeKind::Changed {
                        from: vec!["4.17.20".into()]
                    }
                ),
                ("lodahs", &ChangeKind::Added),
            ]
        );
    }

    #[test]
    fn typosquats_are_near_popular_names_but_not_them() {
        assert_eq!(typosquat_of(Ecosystem::Npm, "lodahs"), Some("lodash"));
        assert_eq!(typosquat_of(Ecosystem::Npm, "expresss"), Some("express"));
        assert_eq!(typosquat_of(Ecosystem::Npm, "lodash"), None);
        assert_eq!(typosquat_of(Ecosystem::PyPI, "reqeusts"), Some("requests"));
        assert_eq!(
            typosquat_of(Ecosystem::PyPI, "python-dateutils"),
            Some("python-dateutil")
        );
        assert_eq!(typosquat_of(Ecosystem::PyPI, "Requests"), None);
        assert_eq!(typosquat_of(Ecosystem::CratesIo, "serde_json"), None);
        assert_eq!(
            typosquat_of(Ecosystem::CratesIo, "serde-jsno"),
            Some("serde_json")
        );
        // Unrelated names and short names are left alone.
        assert_eq!(typosquat_of(Ecosystem::Npm, "left-pad"), None);
        assert_eq!(typosquat_of(Ecosystem::Npm, "qs2"), None);
        assert_eq!(typosquat_of(Ecosystem::Go, "github.com/x/y"), None);
    }

    #[test]
    fn licences_follow_the_policy() {
        let mut p = Package::new(Ecosystem::Npm, "gpl-thing", Some("1.0.0".into()));
        p.license = Some("GPL-3.0-only".into());
        p.install_script = true;
        let mut q = Package::new(Ecosystem::Npm, "dual", Some("1.0.0".into()));
        q.license = Some("(MIT OR GPL-3.0-only)".into());
        let changes: Vec<Change> = [p, q]
            .into_iter()
            .map(|package| Change {
                kind: ChangeKind::Added,
                lockfile: "package-lock.json".into(),
                package,
            })
            .collect();
        let policy = LicensePolicy {
            allow: vec!["MIT".into(), "Apache-2.0".into()],
            deny: vec!["GPL-3.0-only".into()],
        };
        let cargo_index = crate::release::CargoIndexCache::default();
        let release = ReleaseCheck {
            cargo_index: &cargo_index,
            now: chrono::Utc::now(),
            min_age_days: DEFAULT_MIN_RELEASE_AGE_DAYS,
        };
        let found: Vec<(String, String)> = scrutinise(&changes, &policy, &release, &|_, _| None)
            .into_iter()
            .map(|f| {
                (
                    f.properties["package"].as_str().unwrap().to_string(),
                    f.rule_id,
                )
            })
            .collect();
        assert!(found.contains(&("gpl-thing".into(), LICENSE_DENIED.into())));
        assert!(found.contains(&("gpl-thing".into(), INSTALL_SCRIPT.into())));
        assert!(
            !found
                .iter()
                .any(|(p, r)| p == "dual" && r.starts_with("review/license"))
        );
    }

    #[test]
    fn yanked_and_very_new_releases_are_flagged_where_known() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("registry/index/a-registry/.cache/sl/ow");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("slowpoke"),
            crate::release::tests::cache_file(&[(
                "0.3.1",
                r#"{"name":"slowpoke","vers":"0.3.1","deps":[],"cksum":"ab12","features":{},"yanked":true,"pubtime":"2026-11-20T08:00:00Z"}"#,
            )]),
        )
        .unwrap();
        let cargo_index = crate::release::CargoIndexCache::new(home.path());
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let mut crate_pkg = Package::new(Ecosystem::CratesIo, "slowpoke", Some("0.3.1".into()));
        crate_pkg.hashes.push(crate::package::Hash {
            alg: "SHA-256",
            hex: "ab12".into(),
        });
        let mut fresh = Package::new(Ecosystem::PyPI, "fresh", Some("2.0.0".into()));
        fresh.published = Some("2026-11-23T09:00:00Z".into());
        let mut seasoned = Package::new(Ecosystem::PyPI, "seasoned", Some("1.0.0".into()));
        seasoned.published = Some("2026-10-01T00:00:00Z".into());
        let changes: Vec<Change> = [crate_pkg, fresh, seasoned]
            .into_iter()
            .map(|package| Change {
                kind: ChangeKind::Changed {
                    from: vec!["0.1.0".into()],
                },
                lockfile: "Cargo.lock".into(),
                package,
            })
            .collect();
        let check = |min_age_days| {
            let release = ReleaseCheck {
                cargo_index: &cargo_index,
                now,
                min_age_days,
            };
            scrutinise(&changes, &LicensePolicy::default(), &release, &|_, _| None)
                .into_iter()
                .filter(|f| f.rule_id != CHANGED)
                .map(|f| format!("{} {}", f.rule_id, f.message))
                .collect::<Vec<_>>()
        };
        let found = check(DEFAULT_MIN_RELEASE_AGE_DAYS);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[0].starts_with("review/yanked-release `slowpoke@0.3.1` was yanked"));
        assert!(found[1].starts_with(
            "review/new-release `slowpoke@0.3.1` was published 3 days ago (2026-11-20, per \
             Cargo's local copy of the registry index)"
        ));
        assert!(found[2].starts_with(
            "review/new-release `fresh@2.0.0` was published today (2026-11-23, per the lockfile)"
        ));
        // The age check can be turned off; the yank is still reported.
        assert_eq!(check(0).len(), 1);
    }
}
