//! RPM package versions (`[epoch:]version[-release]`), ordered by rpm's
//! `rpmvercmp` (Red Hat, AlmaLinux, Rocky Linux, SUSE).
//!
//! The epoch is the leading digits before a `:` (missing means 0); the
//! release is what follows the last `-`. Each part compares as runs of ASCII
//! letters and digits, anything else being a separator: digits numerically
//! and above letters, letters byte-wise, `~` below everything (even the end),
//! `^` above the end but below anything else. A version without a release
//! sorts before the same version with one (rpm itself calls them equal when
//! matching dependencies; advisory ranges need a total order). Any non-empty
//! string without whitespace is a version, as for rpm.

use std::cmp::Ordering;
use std::fmt;

use super::num::{Num, cmp_digits};
use super::{Scheme, order_by_compare, parse_api};

/// An RPM package version.
#[derive(Debug, Clone)]
pub struct RpmVersion {
    original: Box<str>,
    epoch: Num,
    version: (usize, usize),
    release: Option<(usize, usize)>,
}

/// rpm's `rpmvercmp`.
pub(crate) fn rpmvercmp(a: &[u8], b: &[u8]) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    let is_sep = |c: u8| !c.is_ascii_alphanumeric() && c != b'~' && c != b'^';
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        while i < a.len() && is_sep(a[i]) {
            i += 1;
        }
        while j < b.len() && is_sep(b[j]) {
            j += 1;
        }
        let (ca, cb) = (a.get(i).copied(), b.get(j).copied());
        if ca == Some(b'~') || cb == Some(b'~') {
            if ca != Some(b'~') {
                return Ordering::Greater;
            }
            if cb != Some(b'~') {
                return Ordering::Less;
            }
            i += 1;
            j += 1;
            continue;
        }
        if ca == Some(b'^') || cb == Some(b'^') {
            if ca.is_none() {
                return Ordering::Less;
            }
            if cb.is_none() {
                return Ordering::Greater;
            }
            if ca != Some(b'^') {
                return Ordering::Greater;
            }
            if cb != Some(b'^') {
                return Ordering::Less;
            }
            i += 1;
            j += 1;
            continue;
        }
        let (Some(ca), Some(_)) = (ca, cb) else {
            break;
        };
        let numeric = ca.is_ascii_digit();
        let run = |s: &[u8], from: usize| {
            from + s[from..]
                .iter()
                .take_while(|c| {
                    if numeric {
                        c.is_ascii_digit()
                    } else {
                        c.is_ascii_alphabetic()
                    }
                })
                .count()
        };
        let (ei, ej) = (run(a, i), run(b, j));
        if ej == j {
            // Segments of different types: numbers are newer than letters.
            return if numeric {
                Ordering::Greater
            } else {
                Ordering::Less
            };
        }
        let ord = if numeric {
            cmp_digits(
                std::str::from_utf8(&a[i..ei]).unwrap_or_default(),
                std::str::from_utf8(&b[j..ej]).unwrap_or_default(),
            )
        } else {
            a[i..ei].cmp(&b[j..ej])
        };
        if ord.is_ne() {
            return ord;
        }
        i = ei;
        j = ej;
    }
    match (i >= a.len(), j >= b.len()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        _ => Ordering::Greater,
    }
}

impl RpmVersion {
    pub(crate) fn parse_reason(s: &str) -> Result<Self, String> {
        super::check_length(s)?;
        if s.is_empty() {
            return Err("empty version".into());
        }
        if let Some(c) = s.chars().find(|c| c.is_whitespace() || c.is_control()) {
            return Err(format!("{c:?} is not allowed in a version"));
        }
        // rpm's parseEVR: digits then ':' make an epoch; the release follows
        // the last '-'.
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let (epoch, start) = if s.as_bytes().get(digits) == Some(&b':') {
            (Num::from_digits(&s[..digits]), digits + 1)
        } else {
            (Num::ZERO, 0)
        };
        let (version, release) = match s[start..].rfind('-') {
            Some(dash) => ((start, start + dash), Some((start + dash + 1, s.len()))),
            None => ((start, s.len()), None),
        };
        Ok(RpmVersion {
            original: s.into(),
            epoch,
            version,
            release,
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
            .then_with(|| rpmvercmp(self.part(self.version), other.part(other.version)))
            .then_with(|| match (self.release, other.release) {
                (Some(a), Some(b)) => rpmvercmp(self.part(a), other.part(b)),
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
            })
    }
}

order_by_compare!(RpmVersion);
parse_api!(RpmVersion, Scheme::Rpm);

impl fmt::Display for RpmVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tilde_and_caret() {
        let v = |s| RpmVersion::parse(s).unwrap();
        assert!(v("1.0~rc1") < v("1.0"));
        assert!(v("1.0") < v("1.0^git1"));
        assert!(v("1.0^git1") < v("1.0.1"));
        assert!(v("1:1.0") > v("2.0"));
        assert!(v("1.0-1.el9") < v("1.0-2.el9"));
        assert_eq!(v("01:2"), v("1:2"));
    }
}
