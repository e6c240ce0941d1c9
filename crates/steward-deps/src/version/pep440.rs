//! PEP 440 versions (PyPI), with pre-PEP 440 "legacy" versions as a fallback.
//!
//! Parsing follows `packaging.version`: case-insensitive, surrounding
//! whitespace and a leading `v` ignored, `-`, `_` and `.` interchangeable as
//! separators, the spellings `alpha`/`beta`/`c`/`pre`/`preview`/`rev`/`r` and
//! the implicit post-release `1.0-1`. Ordering is `packaging`'s `_cmpkey`:
//! epoch, release without trailing zeros, then `X.devN < XaN.devM < XaN <
//! XbN < XrcN < X < X.postN.devM < X.postN`, then the local segment
//! (`1.0 < 1.0+local`, alphanumeric local parts below numeric ones).
//!
//! Strings that are not PEP 440 but are ordinary old version text
//! (`0.9-doduo`) are ordered as `packaging` did before version 22
//! (`LegacyVersion`, still what OSV uses): below every PEP 440 version, by
//! setuptools' old part-wise rules.

use std::cmp::Ordering;
use std::fmt;

use super::num::{Num, digit_run};
use super::{Scheme, order_by_compare, parse_api};

/// A PyPI version: PEP 440, or a legacy version that is not.
#[derive(Debug, Clone)]
pub struct PypiVersion {
    original: Box<str>,
    key: Key,
}

#[derive(Debug, Clone)]
enum Key {
    /// Sorts below every PEP 440 version (legacy versions have epoch -1).
    Legacy(Vec<String>),
    Pep440(Pep440Key),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Pep440Key {
    epoch: Num,
    /// Trailing zeros removed, so `1.0` equals `1`.
    release: Vec<Num>,
    pre: Pre,
    /// `None` ranks below any post-release.
    post: Option<Num>,
    dev: Dev,
    /// `None` ranks below any local version.
    local: Option<Vec<LocalPart>>,
}

/// Pre-release rank; variant order is the ordering.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Pre {
    /// A dev release of a final release (`1.0.dev1`) sorts below its pre-releases.
    DevOnly,
    /// A pre-release: `a`=0, `b`=1, `rc`=2, then the number.
    Labelled(u8, Num),
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Dev {
    Dev(Num),
    /// Not a dev release: above every dev release of the same version.
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum LocalPart {
    // Declared first: alphanumeric parts sort below numeric ones.
    Alpha(Box<str>),
    Numeric(Num),
}

fn is_sep(b: u8) -> bool {
    matches!(b, b'-' | b'_' | b'.')
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn rest(&self) -> &[u8] {
        &self.s[self.i..]
    }
    /// Takes a run of digits, if any.
    fn digits(&mut self) -> Option<Num> {
        let n = digit_run(self.rest());
        if n == 0 {
            return None;
        }
        let text = std::str::from_utf8(&self.s[self.i..self.i + n]).unwrap_or("0");
        self.i += n;
        Some(Num::from_digits(text))
    }
    /// At the current position or one separator later, the first of `labels`
    /// that matches; returns its index and consumes it.
    fn label(&mut self, labels: &[&str]) -> Option<usize> {
        let start = self.i + usize::from(self.peek().is_some_and(is_sep));
        let rest = self.s.get(start..)?;
        let found = labels.iter().position(|l| rest.starts_with(l.as_bytes()))?;
        self.i = start + labels[found].len();
        Some(found)
    }
    /// The optional `[-_.]?N?` after a label.
    fn label_number(&mut self) -> Num {
        if self.peek().is_some_and(is_sep) {
            self.i += 1;
        }
        self.digits().unwrap_or(Num::ZERO)
    }
}

const PRE_LABELS: [&str; 8] = ["alpha", "a", "beta", "b", "preview", "pre", "c", "rc"];
const PRE_RANK: [u8; 8] = [0, 0, 1, 1, 2, 2, 2, 2];
const POST_LABELS: [&str; 3] = ["post", "rev", "r"];

fn parse_pep440(lower: &str) -> Result<Pep440Key, String> {
    let mut c = Cursor {
        s: lower.as_bytes(),
        i: 0,
    };
    if c.peek() == Some(b'v') {
        c.i += 1;
    }
    let first = c.digits().ok_or("a PEP 440 version starts with a number")?;
    let (epoch, mut release) = if c.peek() == Some(b'!') {
        c.i += 1;
        let release = c.digits().ok_or("no release number after the epoch '!'")?;
        (first, vec![release])
    } else {
        (Num::ZERO, vec![first])
    };
    while c.peek() == Some(b'.') && c.s.get(c.i + 1).is_some_and(u8::is_ascii_digit) {
        c.i += 1;
        release.extend(c.digits());
    }
    let pre = c
        .label(&PRE_LABELS)
        .map(|i| (PRE_RANK[i], c.label_number()));
    let post = if c.peek() == Some(b'-') && c.s.get(c.i + 1).is_some_and(u8::is_ascii_digit) {
        c.i += 1;
        c.digits()
    } else if c.label(&POST_LABELS).is_some() {
        Some(c.label_number())
    } else {
        None
    };
    let dev = c.label(&["dev"]).map(|_| c.label_number());
    let local = if c.peek() == Some(b'+') {
        c.i += 1;
        let text = std::str::from_utf8(c.rest()).map_err(|_| "invalid UTF-8")?;
        let mut parts = Vec::new();
        for part in text.split(['-', '_', '.']) {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(format!(
                    "local version {text:?} must be ASCII letters and digits separated by '.', '-' or '_'"
                ));
            }
            parts.push(if part.bytes().all(|b| b.is_ascii_digit()) {
                LocalPart::Numeric(Num::from_digits(part))
            } else {
                LocalPart::Alpha(part.into())
            });
        }
        c.i = c.s.len();
        Some(parts)
    } else {
        None
    };
    if c.i != c.s.len() {
        let rest = String::from_utf8_lossy(c.rest());
        return Err(format!("unexpected {rest:?} after the version"));
    }
    while release.len() > 1 && release.last().is_some_and(Num::is_zero) {
        release.pop();
    }
    if release.last().is_some_and(Num::is_zero) {
        release.clear();
    }
    let pre = match (pre, &post, &dev) {
        (Some((rank, n)), _, _) => Pre::Labelled(rank, n),
        (None, None, Some(_)) => Pre::DevOnly,
        (None, _, _) => Pre::None,
    };
    Ok(Pep440Key {
        epoch,
        release,
        pre,
        post,
        dev: dev.map_or(Dev::None, Dev::Dev),
        local,
    })
}

/// `packaging.version.LegacyVersion`'s key: parts split into digit runs,
/// letter runs, `.` and `-`; numbers zero-padded to 8 places; letters
/// prefixed with `*` (so they sort before numbers); a `*final` terminator.
fn legacy_key(lower: &str) -> Vec<String> {
    let mut raw: Vec<&str> = Vec::new();
    let b = lower.as_bytes();
    let mut i = 0;
    let mut other_start = 0;
    while i < b.len() {
        let len = if b[i].is_ascii_digit() {
            digit_run(&b[i..])
        } else if b[i].is_ascii_lowercase() {
            b[i..].iter().take_while(|c| c.is_ascii_lowercase()).count()
        } else if b[i] == b'.' || b[i] == b'-' {
            1
        } else {
            i += 1;
            continue;
        };
        raw.push(&lower[other_start..i]);
        raw.push(&lower[i..i + len]);
        i += len;
        other_start = i;
    }
    raw.push(&lower[other_start..]);

    let mut parts: Vec<String> = Vec::new();
    let mut push = |part: String| {
        if part.starts_with('*') {
            if part.as_str() < "*final" {
                while parts.last().is_some_and(|p| p == "*final-") {
                    parts.pop();
                }
            }
            while parts.last().is_some_and(|p| p == "00000000") {
                parts.pop();
            }
        }
        parts.push(part);
    };
    for part in raw {
        let part = match part {
            "pre" | "preview" | "rc" => "c",
            "-" => "final-",
            "dev" => "@",
            other => other,
        };
        if part.is_empty() || part == "." {
            continue;
        }
        if part.as_bytes()[0].is_ascii_digit() {
            push(format!("{part:0>8}"));
        } else {
            push(format!("*{part}"));
        }
    }
    push("*final".to_owned());
    parts
}

impl PypiVersion {
    pub(crate) fn parse_reason(s: &str) -> Result<Self, String> {
        super::check_length(s)?;
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Err("empty version".into());
        }
        let lower = trimmed.to_ascii_lowercase();
        let key = match parse_pep440(&lower) {
            Ok(key) => Key::Pep440(key),
            Err(reason) => {
                // Legacy versions are still free text; accept only what looks
                // like a version so that junk is reported, not ordered.
                let plausible = lower.bytes().all(|b| b.is_ascii_graphic())
                    && lower.bytes().any(|b| b.is_ascii_alphanumeric());
                if !plausible {
                    return Err(reason);
                }
                Key::Legacy(legacy_key(&lower))
            }
        };
        Ok(PypiVersion {
            original: s.into(),
            key,
        })
    }

    /// The string this version was parsed from.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    /// Whether the version is not PEP 440 and is ordered by the legacy rules.
    pub fn is_legacy(&self) -> bool {
        matches!(self.key, Key::Legacy(_))
    }

    /// Whether this is a pre- or dev release (PEP 440 only).
    pub fn is_prerelease(&self) -> bool {
        match &self.key {
            Key::Pep440(k) => !matches!(k.pre, Pre::None) || matches!(k.dev, Dev::Dev(_)),
            Key::Legacy(_) => false,
        }
    }

    fn compare(&self, other: &Self) -> Ordering {
        match (&self.key, &other.key) {
            (Key::Legacy(a), Key::Legacy(b)) => a.cmp(b),
            (Key::Legacy(_), Key::Pep440(_)) => Ordering::Less,
            (Key::Pep440(_), Key::Legacy(_)) => Ordering::Greater,
            (Key::Pep440(a), Key::Pep440(b)) => a.cmp(b),
        }
    }
}

order_by_compare!(PypiVersion);
parse_api!(PypiVersion, Scheme::Pep440);

impl fmt::Display for PypiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> PypiVersion {
        PypiVersion::parse(s).unwrap()
    }

    #[test]
    fn pep440_summary_ordering() {
        // The example ordering from PEP 440's "Summary of permitted suffixes".
        let chain = [
            "1.0.dev456",
            "1.0a1",
            "1.0a2.dev456",
            "1.0a12.dev456",
            "1.0a12",
            "1.0b1.dev456",
            "1.0b2",
            "1.0b2.post345.dev456",
            "1.0b2.post345",
            "1.0rc1.dev456",
            "1.0rc1",
            "1.0",
            "1.0+abc.5",
            "1.0+abc.7",
            "1.0+5",
            "1.0.post456.dev34",
            "1.0.post456",
            "1.0.15",
            "1.1.dev1",
        ];
        for w in chain.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
        assert!(v("1.0.dev0") < v("1.0a1.dev0"));
    }

    #[test]
    fn normalisation() {
        for (a, b) in [
            ("1.0", "1"),
            ("v1.0", "1.0"),
            ("  1.0\n", "1.0"),
            ("1.0ALPHA1", "1.0a1"),
            ("1.0-beta-2", "1.0b2"),
            ("1.0c1", "1.0rc1"),
            ("1.0.preview1", "1.0rc1"),
            ("1.0-1", "1.0.post1"),
            ("1.0-r1", "1.0.post1"),
            ("1.0rev", "1.0.post0"),
            ("1.0.dev", "1.0.dev0"),
            ("0!1.0", "1.0"),
            ("1.0+Ubuntu.1", "1.0+ubuntu-1"),
            ("1.0a.", "1.0a0"),
        ] {
            assert_eq!(v(a), v(b), "{a} = {b}");
            assert!(!v(a).is_legacy(), "{a}");
        }
        assert!(v("1!0.1") > v("2.0"));
        assert!(v("0.9-doduo").is_legacy());
        assert!(v("0.9-doduo") < v("0.0.1"));
    }
}
