//! Version requirements as advisory formats write them: Cargo's (`>= 0.9.1`, `^0.8.5`,
//! `~1.2`), RubyGems' (`~> 4.2.5, >= 4.2.5.1`, `!= 1.1`) and Composer's (`>=2.0.0`, `<2.0.17`).
//!
//! Each is parsed into plain comparators (caret, tilde and pessimistic operators expanded into
//! a lower and an upper bound), which then compare by the ecosystem's own version order.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::version::{Scheme, Version, VersionError};

/// How a requirement string is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Cargo: a bare version means `^version`; `^`, `~`, `*` and partial versions.
    Cargo,
    /// RubyGems: a bare version means `= version`; `~>` is the pessimistic operator.
    RubyGems,
    /// Composer (as FriendsOfPHP writes it): plain comparison operators.
    Composer,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

/// One comparator: `op version`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparator {
    pub op: Op,
    pub version: String,
}

/// Comparators that must all hold (an empty list holds for every version).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Requirement(pub Vec<Comparator>);

/// Why a requirement could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a version requirement: {reason}")]
pub struct RequirementError {
    pub text: String,
    pub reason: String,
}

impl Requirement {
    /// Parses a comma-separated requirement in `dialect`.
    pub fn parse(text: &str, dialect: Dialect) -> Result<Requirement, RequirementError> {
        let err = |reason: &str| RequirementError {
            text: text.to_string(),
            reason: reason.to_string(),
        };
        let mut out = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if part == "*" {
                continue;
            }
            let (op, rest) = split_op(part);
            let version = rest.trim();
            if version.is_empty() {
                return Err(err("an operator without a version"));
            }
            if !version
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                return Err(err("a version must start with a letter or digit"));
            }
            let cargo_full = |v: &str| match dialect {
                Dialect::Cargo => pad_semver(v),
                _ => v.to_string(),
            };
            match (op, dialect) {
                ("^", Dialect::Cargo) | ("", Dialect::Cargo) => {
                    out.push(cmp(Op::Ge, pad_semver(version)));
                    out.push(cmp(
                        Op::Lt,
                        caret_upper(version).ok_or_else(|| err("no number"))?,
                    ));
                }
                ("~", Dialect::Cargo) => {
                    out.push(cmp(Op::Ge, pad_semver(version)));
                    out.push(cmp(
                        Op::Lt,
                        tilde_upper(version).ok_or_else(|| err("no number"))?,
                    ));
                }
                ("~>", Dialect::RubyGems) => {
                    out.push(cmp(Op::Ge, version.to_string()));
                    out.push(cmp(
                        Op::Lt,
                        pessimistic_upper(version).ok_or_else(|| err("no number"))?,
                    ));
                }
                ("", _) | ("=", _) | ("==", _) => out.push(cmp(Op::Eq, cargo_full(version))),
                ("!=", _) => out.push(cmp(Op::Ne, cargo_full(version))),
                (">", _) => out.push(cmp(Op::Gt, cargo_full(version))),
                (">=", _) => out.push(cmp(Op::Ge, cargo_full(version))),
                ("<", _) => out.push(cmp(Op::Lt, cargo_full(version))),
                ("<=", _) => out.push(cmp(Op::Le, cargo_full(version))),
                (other, _) => {
                    return Err(err(&format!("operator `{other}` is not known here")));
                }
            }
        }
        Ok(Requirement(out))
    }

    /// Whether `version` satisfies every comparator, ordering versions by `scheme`.
    pub fn matches(&self, scheme: Scheme, version: &Version) -> Result<bool, VersionError> {
        for c in &self.0 {
            let bound = scheme.parse(&c.version)?;
            let ord = version.try_cmp(&bound)?;
            let ok = match c.op {
                Op::Eq => ord == Ordering::Equal,
                Op::Ne => ord != Ordering::Equal,
                Op::Gt => ord == Ordering::Greater,
                Op::Ge => ord != Ordering::Less,
                Op::Lt => ord == Ordering::Less,
                Op::Le => ord != Ordering::Greater,
            };
            if !ok {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The lowest version this requirement admits, when it has a lower bound (`>=` or `=`).
    pub fn lower_bound(&self) -> Option<&str> {
        self.0
            .iter()
            .find(|c| matches!(c.op, Op::Ge | Op::Eq))
            .map(|c| c.version.as_str())
    }
}

fn cmp(op: Op, version: String) -> Comparator {
    Comparator { op, version }
}

fn split_op(part: &str) -> (&str, &str) {
    for op in ["~>", ">=", "<=", "==", "!=", "^", "~", ">", "<", "="] {
        if let Some(rest) = part.strip_prefix(op) {
            return (op, rest);
        }
    }
    ("", part)
}

/// The leading numeric release segments of `v` (`1.2.3-beta` -> [1, 2, 3]).
fn numbers(v: &str) -> Vec<u64> {
    let release = v.split(['-', '+']).next().unwrap_or("");
    let mut out = Vec::new();
    for seg in release.split('.') {
        match seg.parse::<u64>() {
            Ok(n) => out.push(n),
            Err(_) => break,
        }
    }
    out
}

/// `1` -> `1.0.0`, `1.2` -> `1.2.0`; full versions (with pre-release or build) unchanged.
fn pad_semver(v: &str) -> String {
    let dots = v
        .split(['-', '+'])
        .next()
        .unwrap_or("")
        .matches('.')
        .count();
    match dots {
        0 if !v.contains(['-', '+']) => format!("{v}.0.0"),
        1 if !v.contains(['-', '+']) => format!("{v}.0"),
        _ => v.to_string(),
    }
}

/// Cargo's `^v` upper bound: the next change of the left-most non-zero number.
fn caret_upper(v: &str) -> Option<String> {
    let n = numbers(v);
    Some(match n.as_slice() {
        [] => return None,
        [major] => format!("{}.0.0", major + 1),
        [0, minor] => format!("0.{}.0", minor + 1),
        [major, _] => format!("{}.0.0", major + 1),
        [0, 0, patch, ..] => format!("0.0.{}", patch + 1),
        [0, minor, ..] => format!("0.{}.0", minor + 1),
        [major, ..] => format!("{}.0.0", major + 1),
    })
}

/// Cargo's `~v` upper bound: the next minor, or the next major for `~1`.
fn tilde_upper(v: &str) -> Option<String> {
    let n = numbers(v);
    Some(match n.as_slice() {
        [] => return None,
        [major] => format!("{}.0.0", major + 1),
        [major, minor, ..] => format!("{major}.{}.0", minor + 1),
    })
}

/// RubyGems' `~> v` upper bound: drop the last release segment and bump the one before
/// (`~> 4.2.5` -> `4.3`, `~> 4.2` -> `5`, `~> 4` -> `5`).
fn pessimistic_upper(v: &str) -> Option<String> {
    let mut n = numbers(v);
    if n.len() > 1 {
        n.pop();
    }
    let last = n.last_mut()?;
    *last += 1;
    Some(
        n.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join("."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holds(req: &str, dialect: Dialect, scheme: Scheme, v: &str) -> bool {
        Requirement::parse(req, dialect)
            .unwrap()
            .matches(scheme, &scheme.parse(v).unwrap())
            .unwrap()
    }

    #[test]
    fn cargo_requirements() {
        let c = |req, v| holds(req, Dialect::Cargo, Scheme::SemVer, v);
        assert!(c(">= 0.9.1", "0.9.1") && c(">= 0.9.1", "1.0.0") && !c(">= 0.9.1", "0.9.0"));
        assert!(c("^0.8.5", "0.8.9") && !c("^0.8.5", "0.9.0") && !c("^0.8.5", "0.8.4"));
        assert!(c("^1.2", "1.9.0") && !c("^1.2", "2.0.0"));
        assert!(c("0.0.3", "0.0.3") && !c("0.0.3", "0.0.4"));
        assert!(c("~1.2.3", "1.2.9") && !c("~1.2.3", "1.3.0"));
        assert!(c(">= 1.4, < 2", "1.5.0") && !c(">= 1.4, < 2", "2.0.0"));
        assert!(c("*", "9.9.9"));
        assert!(c("= 1.0", "1.0.0") && !c("= 1.0", "1.0.1"));
    }

    #[test]
    fn rubygems_requirements() {
        let r = |req, v| holds(req, Dialect::RubyGems, Scheme::RubyGems, v);
        assert!(r("~> 4.2.5, >= 4.2.5.1", "4.2.6") && !r("~> 4.2.5, >= 4.2.5.1", "4.2.5"));
        assert!(!r("~> 4.2.5", "4.3.0") && r("~> 4.2", "4.9") && !r("~> 4.2", "5.0"));
        assert!(r("!= 1.1", "1.2") && !r("!= 1.1", "1.1"));
        assert!(r("1.0", "1.0") && !r("1.0", "1.0.1"));
    }

    #[test]
    fn composer_requirements() {
        let p = |req, v| holds(req, Dialect::Composer, Scheme::Packagist, v);
        assert!(p(">=2.0.0,<2.0.17", "2.0.16") && !p(">=2.0.0,<2.0.17", "2.0.17"));
    }

    #[test]
    fn bad_requirements_say_why() {
        assert!(Requirement::parse(">=", Dialect::Cargo).is_err());
        assert!(Requirement::parse("=> 1.0", Dialect::Composer).is_err());
        assert!(Requirement::parse("~> 1.0", Dialect::Composer).is_err());
    }

    #[test]
    fn lower_bounds_are_the_fixed_versions() {
        let r = Requirement::parse("^0.8.5", Dialect::Cargo).unwrap();
        assert_eq!(r.lower_bound(), Some("0.8.5"));
        let r = Requirement::parse("< 0.3", Dialect::Cargo).unwrap();
        assert_eq!(r.lower_bound(), None);
    }
}
