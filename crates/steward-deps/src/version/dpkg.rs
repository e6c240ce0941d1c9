//! Debian package versions (`[epoch:]upstream[-revision]`), ordered by dpkg's
//! `verrevcmp`.
//!
//! Epochs compare numerically. Upstream versions and revisions compare as
//! alternating non-digit and digit runs: non-digit runs character by character
//! with `~` below everything (even the end of the string), then the end, then
//! letters, then other characters; digit runs numerically. A missing revision
//! equals `0`. Validation is dpkg's `parseversion`: the upstream version
//! starts with a digit and holds only alphanumerics and `.+-~:`, the revision
//! only alphanumerics and `.+~`.

use std::cmp::Ordering;
use std::fmt;

use super::num::{Num, cmp_digits, digit_run};
use super::{Scheme, order_by_compare, parse_api};

/// A Debian package version.
#[derive(Debug, Clone)]
pub struct DpkgVersion {
    original: Box<str>,
    epoch: Num,
    /// Byte ranges of the upstream version and revision in `original`.
    upstream: (usize, usize),
    revision: (usize, usize),
}

/// dpkg's `order`: `~` first, then the end of the string and digits, then
/// letters, then everything else.
fn order(c: Option<u8>) -> i32 {
    match c {
        None => 0,
        Some(c) if c.is_ascii_digit() => 0,
        Some(c) if c.is_ascii_alphabetic() => i32::from(c),
        Some(b'~') => -1,
        Some(c) => i32::from(c) + 256,
    }
}

/// dpkg's `verrevcmp`.
pub(crate) fn verrevcmp(a: &[u8], b: &[u8]) -> Ordering {
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        while a.get(i).is_some_and(|c| !c.is_ascii_digit())
            || b.get(j).is_some_and(|c| !c.is_ascii_digit())
        {
            let (ac, bc) = (order(a.get(i).copied()), order(b.get(j).copied()));
            if ac != bc {
                return ac.cmp(&bc);
            }
            i += 1;
            j += 1;
        }
        let da = digit_run(a.get(i..).unwrap_or_default());
        let db = digit_run(b.get(j..).unwrap_or_default());
        let ord = cmp_digits(
            std::str::from_utf8(&a[i..i + da]).unwrap_or_default(),
            std::str::from_utf8(&b[j..j + db]).unwrap_or_default(),
        );
        if ord.is_ne() {
            return ord;
        }
        i += da;
        j += db;
    }
    Ordering::Equal
}

impl DpkgVersion {
    pub(crate) fn parse_reason(s: &str) -> Result<Self, String> {
        super::check_length(s)?;
        if s.is_empty() {
            return Err("empty version".into());
        }
        let (epoch, start) = match s.find(':') {
            Some(colon) => {
                let e = &s[..colon];
                if e.is_empty() {
                    return Err("epoch in epoch:version is empty".into());
                }
                if !e.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!("epoch {e:?} is not a number"));
                }
                (Num::from_digits(e), colon + 1)
            }
            None => (Num::ZERO, 0),
        };
        let (upstream, revision) = match s[start..].rfind('-') {
            Some(dash) => ((start, start + dash), (start + dash + 1, s.len())),
            None => ((start, s.len()), (s.len(), s.len())),
        };
        let up = &s[upstream.0..upstream.1];
        let rev = &s[revision.0..revision.1];
        if up.is_empty() {
            return Err("version number is empty".into());
        }
        if s[start..].contains('-') && rev.is_empty() {
            return Err("revision number after '-' is empty".into());
        }
        if !up.as_bytes()[0].is_ascii_digit() {
            return Err("version number does not start with a digit".into());
        }
        if let Some(c) = up
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || ".+-~:".contains(c)))
        {
            return Err(format!("invalid character {c:?} in version number"));
        }
        if let Some(c) = rev
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || ".+~".contains(c)))
        {
            return Err(format!("invalid character {c:?} in revision number"));
        }
        Ok(DpkgVersion {
            original: s.into(),
            epoch,
            upstream,
            revision,
        })
    }

    /// The string this version was parsed from.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    fn part(&self, (from, to): (usize, usize)) -> &[u8] {
        &self.original.as_bytes()[from..to]
    }

    fn compare(&self, other: &Self) -> Ordering {
        self.epoch
            .cmp(&other.epoch)
            .then_with(|| verrevcmp(self.part(self.upstream), other.part(other.upstream)))
            .then_with(|| verrevcmp(self.part(self.revision), other.part(other.revision)))
    }
}

order_by_compare!(DpkgVersion);
parse_api!(DpkgVersion, Scheme::Dpkg);

impl fmt::Display for DpkgVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tilde_sorts_first() {
        let v = |s| DpkgVersion::parse(s).unwrap();
        assert!(v("1.0~rc1") < v("1.0"));
        assert!(v("1.0~~") < v("1.0~"));
        assert!(v("1.2.3-1~deb7u1") < v("1.2.3-1"));
        assert!(v("1.0") < v("1.0+b1"));
        assert!(v("1.0a") < v("1.0+"));
        assert_eq!(v("0:1.0"), v("1.0-0"));
        assert!(v("1:0.1") > v("9.9"));
        assert!(DpkgVersion::parse("a1.0").is_err());
        assert!(DpkgVersion::parse("1.0-").is_err());
        assert!(DpkgVersion::parse("x:1.0").is_err());
    }
}
