//! Whether an installed version is covered by an advisory, by the ecosystem's own version
//! order, and the smallest version that fixes it.
//!
//! OSV ranges are evaluated as the OSV schema specifies: events sorted by version
//! (`introduced: "0"` first), then walked in order — at or past `introduced` the version is
//! affected, at or past `fixed` or past `last_affected` it is not; at or past a `limit` the
//! range does not apply. `SEMVER` ranges compare as SemVer 2.0 (a Go `v` prefix is
//! accepted), `ECOSYSTEM` ranges by the ecosystem. An explicit `versions` list matches too.
//! Withdrawn advisories never match.

use std::cmp::Ordering;

use crate::advisory::{Advisory, Affected, Event, EventRange};
use crate::version::{Ecosystem, Scheme, Version, VersionError};

/// The name advisories and lockfiles are compared by: PyPI names per PEP 503 (lower case,
/// runs of `-`, `_`, `.` as one `-`), Composer and NuGet names lower-cased, others as written.
pub fn normalize_name(ecosystem: &str, name: &str) -> String {
    match ecosystem.split(':').next().unwrap_or(ecosystem) {
        "PyPI" => crate::lockfile::pep503(name.trim()),
        "Packagist" | "NuGet" => name.trim().to_ascii_lowercase(),
        _ => name.trim().to_string(),
    }
}

/// How an advisory covers an installed version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The smallest version above the installed one that the advisory says is fixed.
    pub fixed: Option<String>,
}

/// Whether `installed` (a version of a package in `ecosystem`) is covered by `affected`.
/// A version string the advisory gives that does not parse is skipped (it cannot be
/// ordered); an installed version that does not parse is an error.
pub fn affected_by(
    affected: &Affected,
    ecosystem: Ecosystem,
    installed: &str,
) -> Result<Option<Hit>, VersionError> {
    let scheme = ecosystem.scheme();
    let v = scheme.parse(installed)?;
    let semver_v = if affected.ranges.iter().any(|r| r.semver) {
        Scheme::SemVer.parse(installed).ok()
    } else {
        None
    };
    let mut hit = affected
        .versions
        .iter()
        .any(|listed| same_version(listed, installed));
    let mut fixes: Vec<(Scheme, String)> = Vec::new();

    for range in &affected.ranges {
        let (range_scheme, version) = if range.semver {
            match &semver_v {
                Some(sv) => (Scheme::SemVer, sv),
                None => continue,
            }
        } else {
            (scheme, &v)
        };
        if range_affects(range, range_scheme, version) {
            hit = true;
            fixes.extend(
                range
                    .events
                    .iter()
                    .filter_map(|e| match e {
                        Event::Fixed(f) => Some(f.clone()),
                        _ => None,
                    })
                    .map(|f| (range_scheme, f)),
            );
        }
    }
    for req in &affected.vulnerable {
        if req.matches(scheme, &v).unwrap_or(false) {
            hit = true;
            fixes.extend(
                req.0
                    .iter()
                    .filter(|c| matches!(c.op, crate::requirement::Op::Lt))
                    .map(|c| (scheme, c.version.clone())),
            );
        }
    }
    if let Some(safe) = &affected.safe
        && !safe
            .iter()
            .any(|req| req.matches(scheme, &v).unwrap_or(false))
    {
        hit = true;
        fixes.extend(
            safe.iter()
                .filter_map(|r| r.lower_bound())
                .map(|f| (scheme, f.to_string())),
        );
    }
    if !hit {
        return Ok(None);
    }
    // The smallest fix above the installed version.
    let mut best: Option<(Version, String)> = None;
    for (s, f) in fixes {
        let Ok(fv) = s.parse(&f) else { continue };
        let current = if s == scheme {
            &v
        } else {
            semver_v.as_ref().unwrap_or(&v)
        };
        if fv.try_cmp(current).ok() != Some(Ordering::Greater) {
            continue;
        }
        let better = match &best {
            None => true,
            Some((bv, _)) => fv.try_cmp(bv).ok() == Some(Ordering::Less),
        };
        if better {
            best = Some((fv, f));
        }
    }
    Ok(Some(Hit {
        fixed: best.map(|(_, f)| f),
    }))
}

/// Whether `advisory` covers `installed` of `name` in `ecosystem`; withdrawn advisories
/// never do. Returns the affected entry that matched.
pub fn advisory_affects<'a>(
    advisory: &'a Advisory,
    ecosystem: Ecosystem,
    name: &str,
    installed: &str,
) -> Result<Option<(&'a Affected, Hit)>, VersionError> {
    if advisory.withdrawn.is_some() {
        return Ok(None);
    }
    let want = normalize_name(ecosystem.as_str(), name);
    for affected in &advisory.affected {
        let Ok(eco) = affected.ecosystem.parse::<Ecosystem>() else {
            continue;
        };
        if eco != ecosystem || normalize_name(&affected.ecosystem, &affected.name) != want {
            continue;
        }
        if let Some(hit) = affected_by(affected, ecosystem, installed)? {
            return Ok(Some((affected, hit)));
        }
    }
    Ok(None)
}

fn same_version(listed: &str, installed: &str) -> bool {
    let strip = |s: &str| s.strip_prefix('v').unwrap_or(s).to_string();
    listed == installed || strip(listed) == strip(installed)
}

/// The OSV evaluation of one range.
fn range_affects(range: &EventRange, scheme: Scheme, v: &Version) -> bool {
    // Parse every event once; an event whose version does not parse is left out.
    let mut events: Vec<(Option<Version>, &Event)> = Vec::with_capacity(range.events.len());
    for e in &range.events {
        match e {
            Event::Introduced(z) if z == "0" => events.push((None, e)),
            _ => {
                if let Ok(parsed) = scheme.parse(e.version()) {
                    events.push((Some(parsed), e));
                }
            }
        }
    }
    // A `limit` caps the whole range.
    for (parsed, e) in &events {
        if let (Some(limit), Event::Limit(_)) = (parsed, e)
            && v.try_cmp(limit).ok() != Some(Ordering::Less)
        {
            return false;
        }
    }
    events.sort_by(|(a, _), (b, _)| match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => a.try_cmp(b).unwrap_or(Ordering::Equal),
    });
    let mut vulnerable = false;
    for (parsed, e) in &events {
        let ord = parsed
            .as_ref()
            .map(|p| v.try_cmp(p).unwrap_or(Ordering::Less));
        match e {
            Event::Introduced(_) => {
                if ord.is_none_or(|o| o != Ordering::Less) {
                    vulnerable = true;
                }
            }
            Event::Fixed(_) => {
                if ord.is_some_and(|o| o != Ordering::Less) {
                    vulnerable = false;
                }
            }
            Event::LastAffected(_) => {
                if ord == Some(Ordering::Greater) {
                    vulnerable = false;
                }
            }
            Event::Limit(_) => {}
        }
    }
    vulnerable
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requirement::{Dialect, Requirement};

    fn events(semver: bool, evs: &[(&str, &str)]) -> EventRange {
        EventRange {
            semver,
            events: evs
                .iter()
                .map(|(k, v)| match *k {
                    "introduced" => Event::Introduced(v.to_string()),
                    "fixed" => Event::Fixed(v.to_string()),
                    "last_affected" => Event::LastAffected(v.to_string()),
                    _ => Event::Limit(v.to_string()),
                })
                .collect(),
        }
    }

    fn affected(ranges: Vec<EventRange>) -> Affected {
        Affected {
            ecosystem: "PyPI".into(),
            name: "Django".into(),
            ranges,
            ..Default::default()
        }
    }

    fn fix(a: &Affected, eco: Ecosystem, v: &str) -> Option<Option<String>> {
        affected_by(a, eco, v).unwrap().map(|h| h.fixed)
    }

    #[test]
    fn introduced_fixed_and_last_affected() {
        let a = affected(vec![events(
            false,
            &[
                ("introduced", "0"),
                ("fixed", "3.2.19"),
                ("introduced", "4.0"),
                ("fixed", "4.1.9"),
                ("introduced", "4.2a1"),
                ("last_affected", "4.2.3"),
            ],
        )]);
        let eco = Ecosystem::PyPI;
        assert_eq!(fix(&a, eco, "1.0"), Some(Some("3.2.19".into())));
        assert_eq!(fix(&a, eco, "3.2.19"), None);
        assert_eq!(fix(&a, eco, "3.9"), None);
        assert_eq!(fix(&a, eco, "4.0.0"), Some(Some("4.1.9".into())));
        assert_eq!(fix(&a, eco, "4.2rc1"), Some(None));
        assert_eq!(fix(&a, eco, "4.2.3"), Some(None));
        assert_eq!(fix(&a, eco, "4.2.4"), None);
        // Unordered events are sorted first.
        let b = affected(vec![events(
            false,
            &[
                ("fixed", "2.0"),
                ("introduced", "1.5"),
                ("introduced", "0"),
                ("fixed", "1.0"),
            ],
        )]);
        assert_eq!(fix(&b, eco, "0.5"), Some(Some("1.0".into())));
        assert_eq!(fix(&b, eco, "1.2"), None);
        assert_eq!(fix(&b, eco, "1.7"), Some(Some("2.0".into())));
    }

    #[test]
    fn limits_semver_ranges_and_version_lists() {
        let a = affected(vec![events(
            false,
            &[("introduced", "0"), ("limit", "2.0")],
        )]);
        assert!(fix(&a, Ecosystem::PyPI, "1.0").is_some());
        assert!(fix(&a, Ecosystem::PyPI, "2.0").is_none());
        // Go versions carry a `v`; SEMVER events do not.
        let go = affected(vec![events(
            true,
            &[("introduced", "0"), ("fixed", "1.9.1")],
        )]);
        assert_eq!(
            fix(&go, Ecosystem::Go, "v1.9.0"),
            Some(Some("1.9.1".into()))
        );
        assert_eq!(fix(&go, Ecosystem::Go, "v1.9.1"), None);
        let listed = Affected {
            versions: vec!["1.2.3".into()],
            ..affected(vec![])
        };
        assert!(fix(&listed, Ecosystem::PyPI, "1.2.3").is_some());
        assert!(fix(&listed, Ecosystem::PyPI, "1.2.4").is_none());
    }

    #[test]
    fn requirement_lists() {
        let rustsec = Affected {
            ecosystem: "crates.io".into(),
            name: "abi_stable".into(),
            safe: Some(vec![
                Requirement::parse(">= 0.9.1", Dialect::Cargo).unwrap(),
                Requirement::parse("^0.8.5", Dialect::Cargo).unwrap(),
            ]),
            ..Default::default()
        };
        let eco = Ecosystem::CratesIo;
        assert_eq!(fix(&rustsec, eco, "0.8.0"), Some(Some("0.8.5".into())));
        assert_eq!(fix(&rustsec, eco, "0.8.6"), None);
        assert_eq!(fix(&rustsec, eco, "0.9.0"), Some(Some("0.9.1".into())));
        let unmaintained = Affected {
            safe: Some(vec![]),
            ..rustsec.clone()
        };
        assert_eq!(fix(&unmaintained, eco, "9.0.0"), Some(None));
        let php = Affected {
            ecosystem: "Packagist".into(),
            name: "symfony/http-kernel".into(),
            vulnerable: vec![Requirement::parse(">=2.0.0,<2.0.17", Dialect::Composer).unwrap()],
            ..Default::default()
        };
        assert_eq!(
            fix(&php, Ecosystem::Packagist, "2.0.3"),
            Some(Some("2.0.17".into()))
        );
        assert_eq!(fix(&php, Ecosystem::Packagist, "2.0.17"), None);
    }

    #[test]
    fn names_normalise_per_ecosystem() {
        assert_eq!(
            normalize_name("PyPI", "Zope.Interface__x"),
            "zope-interface-x"
        );
        assert_eq!(normalize_name("Packagist", "Symfony/Yaml"), "symfony/yaml");
        assert_eq!(normalize_name("npm", "@Babel/core"), "@Babel/core");
    }

    #[test]
    fn withdrawn_advisories_never_match() {
        let mut adv = Advisory {
            id: "X-1".into(),
            aliases: vec![],
            summary: String::new(),
            details: String::new(),
            published: None,
            modified: None,
            withdrawn: None,
            severity: vec![],
            severity_label: None,
            affected: vec![affected(vec![events(false, &[("introduced", "0")])])],
            url: None,
        };
        assert!(
            advisory_affects(&adv, Ecosystem::PyPI, "django", "1.0")
                .unwrap()
                .is_some()
        );
        adv.withdrawn = Some("2024-01-01".into());
        assert!(
            advisory_affects(&adv, Ecosystem::PyPI, "django", "1.0")
                .unwrap()
                .is_none()
        );
    }
}
