//! NuGet versions (`NuGet.Versioning.NuGetVersion`).
//!
//! SemVer 2.0 widened to one to four numbers (`1.0` = `1.0.0.0`, leading
//! zeros allowed), with release labels compared case-insensitively and build
//! metadata ignored.

use std::cmp::Ordering;
use std::fmt;

use super::num::Num;
use super::semver::{Identifier, check_identifiers, compare_pre, numeric_core, split_pre_build};
use super::{Scheme, order_by_compare, parse_api};

/// A NuGet version.
#[derive(Debug, Clone)]
pub struct NuGetVersion {
    original: Box<str>,
    numbers: [Num; 4],
    /// Labels folded to lower case, since NuGet compares them ignoring case.
    pre: Vec<Identifier>,
}

impl NuGetVersion {
    pub(crate) fn parse_reason(s: &str) -> Result<Self, String> {
        super::check_length(s)?;
        let (core, pre, build) = split_pre_build(s);
        let mut nums = numeric_core(core, 4, "major.minor.patch.revision")?.into_iter();
        let numbers = [(); 4].map(|()| nums.next().unwrap_or(Num::ZERO));
        let pre = match pre {
            Some(pre) => {
                check_identifiers(pre, "release label")?;
                pre.split('.')
                    .map(|l| Identifier::new(&l.to_ascii_lowercase()))
                    .collect()
            }
            None => Vec::new(),
        };
        if let Some(build) = build {
            check_identifiers(build, "build metadata")?;
        }
        Ok(NuGetVersion {
            original: s.into(),
            numbers,
            pre,
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
    }
}

order_by_compare!(NuGetVersion);
parse_api!(NuGetVersion, Scheme::NuGet);

impl fmt::Display for NuGetVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_parts_and_case() {
        let v = |s| NuGetVersion::parse(s).unwrap();
        assert_eq!(v("1.0"), v("1.0.0.0"));
        assert!(v("1.0.0") < v("1.0.0.1-alpha"));
        assert_eq!(v("1.0.0-BETA"), v("1.0.0-beta+x"));
        assert!(NuGetVersion::parse("1.0.0.0.0").is_err());
    }
}
