//! Packagist (Composer) versions, ordered by PHP's `version_compare`, which is
//! what Composer's `Comparator` calls.
//!
//! The version is canonicalised as PHP does it (`-`, `_`, `+` become `.`, and
//! a `.` is inserted between digits and letters), then compared part by part:
//! numbers numerically; words by their special form
//! `dev < alpha = a < beta = b < RC = rc < (number) < pl = p`, any other word
//! below all of them; a version with more parts is greater if the extra part
//! is a number or `p`/`pl`, smaller if it is a word such as `beta`. So
//! `1.0-dev < 1.0a1 < 1.0 < 1.0pl1`, and, as in PHP, `1.0 < 1.0.0`.
//!
//! Like Composer (and unlike bare `version_compare`), a leading `v`/`V` is
//! ignored. Numbers may have any size. Characters PHP would silently turn into
//! separators (anything but letters, digits, `.`, `-`, `_`, `+`) are rejected.

use std::cmp::Ordering;
use std::fmt;

use super::num::cmp_digits;
use super::{Scheme, order_by_compare, parse_api};

/// A Composer package version.
#[derive(Debug, Clone)]
pub struct PackagistVersion {
    original: Box<str>,
    /// PHP's canonical form: parts joined by `.`.
    canonical: Box<str>,
}

/// `php_canonicalize_version`.
fn canonicalize(v: &[u8]) -> String {
    let mut out = String::with_capacity(v.len() * 2);
    let Some((&first, rest)) = v.split_first() else {
        return out;
    };
    out.push(char::from(first));
    let mut prev = first;
    let non_digit = |c: u8| !c.is_ascii_digit() && c != b'.';
    for &c in rest {
        let last_is_dot = out.ends_with('.');
        if matches!(c, b'-' | b'_' | b'+') || !c.is_ascii_alphanumeric() && c != b'.' {
            if !last_is_dot {
                out.push('.');
            }
        } else if (non_digit(prev) && c.is_ascii_digit()) || (prev.is_ascii_digit() && non_digit(c))
        {
            if !last_is_dot {
                out.push('.');
            }
            out.push(char::from(c));
        } else if c == b'.' {
            if !last_is_dot {
                out.push('.');
            }
        } else {
            out.push(char::from(c));
        }
        prev = c;
    }
    out
}

/// `compare_special_version_forms`' rank of a word; `#` stands for a number.
fn special_form(word: &str) -> i8 {
    const FORMS: [(&str, i8); 10] = [
        ("dev", 0),
        ("alpha", 1),
        ("a", 1),
        ("beta", 2),
        ("b", 2),
        ("RC", 3),
        ("rc", 3),
        ("#", 4),
        ("pl", 5),
        ("p", 5),
    ];
    FORMS
        .iter()
        .find(|(name, _)| word.starts_with(name))
        .map_or(-1, |&(_, order)| order)
}
const NUMBER_FORM: i8 = 4;

fn starts_with_digit(s: &str) -> bool {
    s.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

fn compare_parts(a: &str, b: &str) -> Ordering {
    match (starts_with_digit(a), starts_with_digit(b)) {
        (true, true) => cmp_digits(a, b),
        (false, false) => special_form(a).cmp(&special_form(b)),
        (true, false) => NUMBER_FORM.cmp(&special_form(b)),
        (false, true) => special_form(a).cmp(&NUMBER_FORM),
    }
}

/// How the leftover parts of the longer version compare with the end of the
/// shorter one: `version_compare(rest, "#N#")`, unrolled.
fn compare_rest_with_end(rest: &str) -> Ordering {
    let mut rest = rest;
    loop {
        if rest.is_empty() {
            // PHP compares "" with "#N#"; unreachable once trailing
            // separators are rejected.
            return Ordering::Less;
        }
        if starts_with_digit(rest) {
            return Ordering::Greater;
        }
        let (part, next) = match rest.split_once('.') {
            Some((part, next)) => (part, Some(next)),
            None => (rest, None),
        };
        match special_form(part).cmp(&NUMBER_FORM) {
            Ordering::Equal => match next {
                Some(next) => rest = next,
                None => return Ordering::Equal,
            },
            other => return other,
        }
    }
}

/// `php_version_compare` on canonical forms.
fn php_compare(a: &str, b: &str) -> Ordering {
    if a.is_empty() || b.is_empty() {
        return (!a.is_empty()).cmp(&!b.is_empty());
    }
    let (mut ra, mut rb) = (a, b);
    loop {
        let (pa, na) = match ra.split_once('.') {
            Some((p, n)) => (p, Some(n)),
            None => (ra, None),
        };
        let (pb, nb) = match rb.split_once('.') {
            Some((p, n)) => (p, Some(n)),
            None => (rb, None),
        };
        let ord = compare_parts(pa, pb);
        if ord.is_ne() {
            return ord;
        }
        match (na, nb) {
            (Some(na), Some(nb)) => {
                ra = na;
                rb = nb;
            }
            (Some(na), None) => return compare_rest_with_end(na),
            (None, Some(nb)) => return compare_rest_with_end(nb).reverse(),
            (None, None) => return Ordering::Equal,
        }
    }
}

impl PackagistVersion {
    pub(crate) fn parse_reason(s: &str) -> Result<Self, String> {
        super::check_length(s)?;
        let body = s.strip_prefix(['v', 'V']).unwrap_or(s);
        if body.is_empty() {
            return Err("empty version".into());
        }
        // PHP orders a trailing separator inconsistently ("1." < "1."), and
        // Composer rejects such versions anyway.
        if body.ends_with(['.', '-', '_', '+']) {
            return Err("a version cannot end with a separator".into());
        }
        if let Some(c) = body
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+')))
        {
            return Err(format!(
                "{c:?} is not allowed; versions hold ASCII letters, digits, '.', '-', '_' and '+'"
            ));
        }
        Ok(PackagistVersion {
            original: s.into(),
            canonical: canonicalize(body.as_bytes()).into(),
        })
    }

    /// The string this version was parsed from.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    fn compare(&self, other: &Self) -> Ordering {
        php_compare(&self.canonical, &other.canonical)
    }
}

order_by_compare!(PackagistVersion);
parse_api!(PackagistVersion, Scheme::Packagist);

impl fmt::Display for PackagistVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        assert_eq!(canonicalize(b"1.0rc1"), "1.0.rc.1");
        assert_eq!(canonicalize(b"1.25.0-beta2.1"), "1.25.0.beta.2.1");
        assert_eq!(canonicalize(b"dev-foo"), "dev.foo");
        assert_eq!(canonicalize(b"1..2"), "1.2");
    }

    #[test]
    fn stability_order() {
        let v = |s| PackagistVersion::parse(s).unwrap();
        let chain = ["1.0-dev", "1.0a1", "1.0b1", "1.0RC1", "1.0", "1.0pl1"];
        for w in chain.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
        assert_eq!(v("v1.0.0"), v("1.0.0"));
        assert!(v("1.0") < v("1.0.0"));
    }
}
