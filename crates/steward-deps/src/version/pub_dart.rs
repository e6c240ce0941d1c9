//! Dart Pub package versions, ordered as `pub_semver`'s `Version.compareTo`.
//!
//! SemVer with exactly three numbers, except that build metadata is not
//! ignored: a version with build metadata sorts after the same version
//! without, and build identifiers compare like pre-release identifiers.

use std::cmp::Ordering;
use std::fmt;

use super::num::Num;
use super::semver::{Identifier, check_identifiers, compare_pre, numeric_core, split_pre_build};
use super::{Scheme, order_by_compare, parse_api};

/// A Pub package version.
#[derive(Debug, Clone)]
pub struct PubVersion {
    original: Box<str>,
    numbers: Vec<Num>,
    pre: Vec<Identifier>,
    build: Vec<Identifier>,
}

impl PubVersion {
    pub(crate) fn parse_reason(s: &str) -> Result<Self, String> {
        super::check_length(s)?;
        if s.starts_with(['v', 'V']) {
            return Err("a leading 'v' is not part of a Pub version".into());
        }
        let (core, pre, build) = split_pre_build(s);
        let numbers = numeric_core(core, 3, "major.minor.patch")?;
        if numbers.len() != 3 {
            return Err("Pub versions have three numbers, major.minor.patch".into());
        }
        let idents = |part: Option<&str>, what: &str| -> Result<Vec<Identifier>, String> {
            match part {
                Some(part) => {
                    check_identifiers(part, what)?;
                    Ok(part.split('.').map(Identifier::new).collect())
                }
                None => Ok(Vec::new()),
            }
        };
        Ok(PubVersion {
            original: s.into(),
            numbers,
            pre: idents(pre, "pre-release")?,
            build: idents(build, "build")?,
        })
    }

    /// The string this version was parsed from.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    fn compare(&self, other: &Self) -> Ordering {
        self.numbers
            .cmp(&other.numbers)
            .then_with(|| compare_pre(&self.pre, &other.pre))
            .then_with(|| self.build.cmp(&other.build))
    }
}

order_by_compare!(PubVersion);
parse_api!(PubVersion, Scheme::Pub);

impl fmt::Display for PubVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}
