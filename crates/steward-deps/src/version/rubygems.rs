//! RubyGems versions, ordered as `Gem::Version#<=>` orders them.
//!
//! A version is `N(.X)*` with an optional `-pre(.pre)*` (which RubyGems
//! rewrites to `.pre.`); it is split into digit runs and letter runs, and any
//! letter makes it a pre-release. Trailing zeros are dropped from the release
//! part and from the pre-release part, then segments compare pairwise (a
//! missing one counts as 0): numbers numerically, strings byte-wise, and a
//! string below a number — so `1.0.a < 1.0 < 1.0.1`.

use std::cmp::Ordering;
use std::fmt;

use super::num::{Num, digit_run};
use super::{Scheme, order_by_compare, parse_api};

/// A RubyGems version.
#[derive(Debug, Clone)]
pub struct GemVersion {
    original: Box<str>,
    /// `Gem::Version#canonical_segments`.
    segments: Vec<Segment>,
    prerelease: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Num(Num),
    Str(Box<str>),
}

/// `Gem::Version::ANCHORED_VERSION_PATTERN`, minus the empty version.
fn check(v: &str) -> Result<(), String> {
    let (release, pre) = match v.split_once('-') {
        Some((release, pre)) => (release, Some(pre)),
        None => (v, None),
    };
    let mut parts = release.split('.');
    let first = parts.next().unwrap_or("");
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return Err("a gem version starts with a number".into());
    }
    for part in parts {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(format!(
                "{part:?}: segments after the first are non-empty runs of ASCII letters and digits"
            ));
        }
    }
    if let Some(pre) = pre {
        for part in pre.split('.') {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                return Err(format!(
                    "{part:?}: pre-release segments are non-empty runs of ASCII letters, digits and '-'"
                ));
            }
        }
    }
    Ok(())
}

impl GemVersion {
    pub(crate) fn parse_reason(s: &str) -> Result<Self, String> {
        super::check_length(s)?;
        let v = s.trim();
        if v.is_empty() {
            return Err("empty version".into());
        }
        check(v)?;
        let prerelease = v.bytes().any(|b| b.is_ascii_alphabetic());
        // `@version.scan(/[0-9]+|[a-z]+/i)`; "-" becomes ".pre." first, which
        // only adds the segment "pre".
        let mut raw = Vec::new();
        let mut rest = v;
        while !rest.is_empty() {
            let b = rest.as_bytes();
            if b[0].is_ascii_digit() {
                let n = digit_run(b);
                raw.push(Segment::Num(Num::from_digits(&rest[..n])));
                rest = &rest[n..];
            } else if b[0].is_ascii_alphabetic() {
                let n = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
                raw.push(Segment::Str(rest[..n].into()));
                rest = &rest[n..];
            } else {
                if b[0] == b'-' {
                    raw.push(Segment::Str("pre".into()));
                }
                rest = &rest[1..];
            }
        }
        // `canonical_segments`: drop trailing zeros from the numeric release
        // part and from the rest.
        let split = raw
            .iter()
            .position(|s| matches!(s, Segment::Str(_)))
            .unwrap_or(raw.len());
        let mut pre_part = raw.split_off(split);
        let mut release = raw;
        for part in [&mut release, &mut pre_part] {
            while matches!(part.last(), Some(Segment::Num(n)) if n.is_zero()) {
                part.pop();
            }
        }
        release.append(&mut pre_part);
        Ok(GemVersion {
            original: s.into(),
            segments: release,
            prerelease,
        })
    }

    /// The string this version was parsed from.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    /// Whether the version contains a letter (`Gem::Version#prerelease?`).
    pub fn is_prerelease(&self) -> bool {
        self.prerelease
    }

    fn compare(&self, other: &Self) -> Ordering {
        let zero = Segment::Num(Num::ZERO);
        let n = self.segments.len().max(other.segments.len());
        for i in 0..n {
            let a = self.segments.get(i).unwrap_or(&zero);
            let b = other.segments.get(i).unwrap_or(&zero);
            let ord = match (a, b) {
                (Segment::Num(a), Segment::Num(b)) => a.cmp(b),
                (Segment::Str(a), Segment::Str(b)) => a.as_bytes().cmp(b.as_bytes()),
                (Segment::Str(_), Segment::Num(_)) => Ordering::Less,
                (Segment::Num(_), Segment::Str(_)) => Ordering::Greater,
            };
            if ord.is_ne() {
                return ord;
            }
        }
        Ordering::Equal
    }
}

order_by_compare!(GemVersion);
parse_api!(GemVersion, Scheme::RubyGems);

impl fmt::Display for GemVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> GemVersion {
        GemVersion::parse(s).unwrap()
    }

    #[test]
    fn prereleases_sort_below_releases() {
        assert!(v("1.0.a") < v("1.0"));
        assert!(v("1.0.0-rc1") < v("1.0.0"));
        assert!(v("1.0.0-rc1").is_prerelease());
        assert_eq!(v("1.0.a2"), v("1.0.a.2"));
        assert_eq!(v("1.0.0"), v("1"));
        assert!(GemVersion::parse("1..0").is_err());
        assert!(GemVersion::parse("a.1").is_err());
    }
}
