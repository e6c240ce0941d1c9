//! SemVer 2.0 (<https://semver.org>), as crates.io, npm, Go modules and Hex use it.
//!
//! Precedence follows the spec: major, minor and patch numerically, a
//! pre-release below its release, pre-release identifiers compared one by one
//! (numeric ones numerically and below alphanumeric ones, which compare in
//! ASCII order), and build metadata ignored. Go pseudo-versions
//! (`v0.0.0-20191109021931-daa7c04131f5`) are ordinary pre-releases and sort
//! as the Go toolchain sorts them.
//!
//! Leniencies, because advisory data needs them: a leading `v` (Go), and
//! partial versions `1` and `1.2` completed with zeros (OSV writes
//! `introduced: "0"`). Numbers may have any size. Anything else outside the
//! grammar (a fourth number, leading zeros, empty identifiers, other
//! characters) is an error.

use std::cmp::Ordering;
use std::fmt;

use super::num::Num;
use super::{Scheme, order_by_compare, parse_api};

/// A SemVer 2.0 version.
#[derive(Debug, Clone)]
pub struct SemVer {
    original: Box<str>,
    major: Num,
    minor: Num,
    patch: Num,
    pre: Vec<Identifier>,
}

/// A dot-separated pre-release identifier.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Identifier {
    // Declared first: numeric identifiers have lower precedence.
    Numeric(Num),
    AlphaNumeric(Box<str>),
}

impl Identifier {
    pub(crate) fn new(ident: &str) -> Identifier {
        if ident.bytes().all(|b| b.is_ascii_digit()) {
            Identifier::Numeric(Num::from_digits(ident))
        } else {
            Identifier::AlphaNumeric(ident.into())
        }
    }
}

/// Checks one dot-separated list of identifiers (`[0-9A-Za-z-]+`).
pub(crate) fn check_identifiers(part: &str, what: &str) -> Result<(), String> {
    for ident in part.split('.') {
        if ident.is_empty() {
            return Err(format!("empty {what} identifier"));
        }
        if let Some(c) = ident
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
        {
            return Err(format!(
                "{c:?} in the {what}; identifiers hold only ASCII letters, digits and '-'"
            ));
        }
    }
    Ok(())
}

/// Splits `major[.minor[.patch]]` into at most `max` numbers.
pub(crate) fn numeric_core(core: &str, max: usize, names: &str) -> Result<Vec<Num>, String> {
    if core.is_empty() {
        return Err("no version number".into());
    }
    let mut out = Vec::with_capacity(max);
    for (i, part) in core.split('.').enumerate() {
        if i == max {
            return Err(format!(
                "more than {max} numbers in the version core ({names})"
            ));
        }
        if part.is_empty() {
            return Err("empty number in the version core".into());
        }
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "{part:?} is not a number; the version core is {names}"
            ));
        }
        out.push(Num::from_digits(part));
    }
    Ok(out)
}

/// Splits `core[-pre][+build]`; `-` may appear inside pre and build.
pub(crate) fn split_pre_build(s: &str) -> (&str, Option<&str>, Option<&str>) {
    let (rest, build) = match s.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (s, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    (core, pre, build)
}

impl SemVer {
    pub(crate) fn parse_reason(s: &str) -> Result<Self, String> {
        super::check_length(s)?;
        let body = s.strip_prefix(['v', 'V']).unwrap_or(s);
        let (core, pre, build) = split_pre_build(body);
        // SemVer 2.0 items 2 and 9: no leading zeros in numbers.
        let leading_zero =
            |n: &str| n.len() > 1 && n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit());
        if let Some(n) = core.split('.').find(|n| leading_zero(n)) {
            return Err(format!("{n:?} has a leading zero, which SemVer forbids"));
        }
        if let Some(n) = pre
            .into_iter()
            .flat_map(|p| p.split('.'))
            .find(|n| leading_zero(n))
        {
            return Err(format!(
                "pre-release identifier {n:?} has a leading zero, which SemVer forbids"
            ));
        }
        let mut nums = numeric_core(core, 3, "major.minor.patch")?.into_iter();
        let major = nums.next().unwrap_or(Num::ZERO);
        let minor = nums.next().unwrap_or(Num::ZERO);
        let patch = nums.next().unwrap_or(Num::ZERO);
        let pre = match pre {
            Some(pre) => {
                check_identifiers(pre, "pre-release")?;
                pre.split('.').map(Identifier::new).collect()
            }
            None => Vec::new(),
        };
        if let Some(build) = build {
            check_identifiers(build, "build metadata")?;
        }
        Ok(SemVer {
            original: s.into(),
            major,
            minor,
            patch,
            pre,
        })
    }

    /// The string this version was parsed from.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    /// Whether this is a pre-release (has a `-` part).
    pub fn is_prerelease(&self) -> bool {
        !self.pre.is_empty()
    }

    fn compare(&self, other: &Self) -> Ordering {
        self.major
            .cmp(&other.major)
            .then_with(|| self.minor.cmp(&other.minor))
            .then_with(|| self.patch.cmp(&other.patch))
            .then_with(|| compare_pre(&self.pre, &other.pre))
    }
}

/// A release (no identifiers) ranks above every pre-release of it.
pub(crate) fn compare_pre(a: &[Identifier], b: &[Identifier]) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => a.cmp(b),
    }
}

order_by_compare!(SemVer);
parse_api!(SemVer, Scheme::SemVer);

impl fmt::Display for SemVer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> SemVer {
        SemVer::parse(s).unwrap()
    }

    #[test]
    fn spec_precedence_example() {
        let chain = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
        ];
        for w in chain.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
    }

    #[test]
    fn go_pseudo_versions() {
        assert!(v("v0.0.0-20191109021931-daa7c04131f5") < v("v0.0.0-20200101000000-aaaaaaaaaaaa"));
        assert!(v("v1.2.4-0.20191109021931-daa7c04131f5") > v("v1.2.3"));
        assert!(v("v1.2.4-0.20191109021931-daa7c04131f5") < v("v1.2.4"));
        assert_eq!(v("v2.0.0+incompatible"), v("2.0.0"));
    }

    #[test]
    fn rejects_what_is_not_semver() {
        for bad in [
            "",
            "v",
            "1.2.3.4",
            "1..2",
            "1.2.3-",
            "1.2.3-a..b",
            "1.2.3+",
            "1.x",
            "a.b.c",
            "1.2.3 ",
        ] {
            assert!(SemVer::parse(bad).is_err(), "{bad:?}");
        }
    }
}
