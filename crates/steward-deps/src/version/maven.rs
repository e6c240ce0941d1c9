//! Maven versions, ordered as `org.apache.maven.artifact.versioning.ComparableVersion`
//! (maven-artifact 3.8.7 and later) orders them.
//!
//! The version is split at `.`, `-` and digit/letter transitions into a tree:
//! `-` and a transition open a nested list, `.` continues the current one,
//! except that a qualifier after `.` which ends the version or precedes a
//! number opens a list too (`1.0.RC1` ranks like `1.0-RC1`; maven-artifact
//! 3.8.6 and earlier did not do this).
//! Numbers compare numerically and above qualifiers; qualifiers rank
//! `alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp`
//! and then unknown qualifiers lexically; `a`, `b`, `m` directly followed by a
//! digit mean alpha, beta, milestone. Trailing "null" items (0, "", empty lists)
//! are dropped, so `1 = 1.0 = 1-ga`. Case is ignored.
//!
//! `ComparableVersion` accepts any string; steward rejects only the empty
//! string and strings with whitespace or control characters.
//!
//! Maven's order is not transitive for some mixes of `.qualifier` and
//! `-qualifier` (see [`MavenVersion::compare`]); steward reproduces it
//! pair by pair rather than invent a different order.

use std::cmp::Ordering;
use std::fmt;

use super::num::Num;
use super::{Scheme, parse_api};

/// A Maven version.
#[derive(Debug, Clone)]
pub struct MavenVersion {
    original: Box<str>,
    items: Vec<Item>,
}

#[derive(Debug, Clone)]
enum Item {
    Int(Num),
    /// A qualifier: its rank among the known qualifiers, and its text (after
    /// aliasing) for ordering unknown ones.
    Str(u8, Box<str>),
    List(Vec<Item>),
}

const QUALIFIERS: [&str; 7] = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
const RELEASE_RANK: u8 = 5;
const UNKNOWN_RANK: u8 = 7;

fn string_item(value: &str, followed_by_digit: bool) -> Item {
    let value = match value {
        "a" if followed_by_digit => "alpha",
        "b" if followed_by_digit => "beta",
        "m" if followed_by_digit => "milestone",
        "ga" | "final" | "release" => "",
        "cr" => "rc",
        other => other,
    };
    let rank = QUALIFIERS
        .iter()
        .position(|q| *q == value)
        .map_or(UNKNOWN_RANK, |i| i as u8);
    Item::Str(rank, value.into())
}

fn parse_item(is_digit: bool, buf: &str) -> Item {
    if is_digit {
        Item::Int(Num::from_digits(buf))
    } else {
        string_item(buf, false)
    }
}

impl Item {
    fn is_null(&self) -> bool {
        match self {
            Item::Int(n) => n.is_zero(),
            Item::Str(_, s) => s.is_empty(),
            Item::List(items) => items.is_empty(),
        }
    }

    /// Compares with an absent item (the other version ran out).
    fn cmp_null(&self) -> Ordering {
        match self {
            Item::Int(n) => {
                if n.is_zero() {
                    Ordering::Equal
                } else {
                    Ordering::Greater
                }
            }
            Item::Str(rank, _) => rank.cmp(&RELEASE_RANK),
            Item::List(items) => items
                .iter()
                .map(Item::cmp_null)
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal),
        }
    }

    fn cmp_item(&self, other: &Item) -> Ordering {
        use Item::*;
        match (self, other) {
            (Int(a), Int(b)) => a.cmp(b),
            (Int(_), _) => Ordering::Greater,
            (Str(..), Int(_)) => Ordering::Less,
            (Str(ra, a), Str(rb, b)) => ra.cmp(rb).then_with(|| {
                if *ra == UNKNOWN_RANK {
                    a.cmp(b)
                } else {
                    Ordering::Equal
                }
            }),
            (Str(..), List(_)) => Ordering::Less,
            (List(_), Int(_)) => Ordering::Less,
            (List(_), Str(..)) => Ordering::Greater,
            (List(a), List(b)) => cmp_lists(a, b),
        }
    }
}

fn cmp_lists(a: &[Item], b: &[Item]) -> Ordering {
    for i in 0..a.len().max(b.len()) {
        let ord = match (a.get(i), b.get(i)) {
            (Some(l), Some(r)) => l.cmp_item(r),
            (Some(l), None) => l.cmp_null(),
            (None, Some(r)) => r.cmp_null().reverse(),
            (None, None) => Ordering::Equal,
        };
        if ord.is_ne() {
            return ord;
        }
    }
    Ordering::Equal
}

/// Removes trailing null items, looking through nested lists only at the end
/// of the list (as `ListItem.normalize` does).
fn normalize(items: &mut Vec<Item>) {
    let mut i = items.len();
    while i > 0 {
        i -= 1;
        if items[i].is_null() {
            items.remove(i);
        } else if !matches!(items[i], Item::List(_)) {
            break;
        }
    }
}

/// Builds the item tree. `ComparableVersion` keeps a stack of open lists and
/// normalizes every list once parsing ends; here each list is a `Vec` on a
/// stack and is normalized as it is closed, innermost first, which is the same
/// order.
fn parse_items(version: &str) -> Vec<Item> {
    let lower = version.to_lowercase();
    let s = lower.as_str();
    let bytes = s.as_bytes();
    // stack[0] is the root; each later entry is a list nested in the previous.
    let mut stack: Vec<Vec<Item>> = vec![Vec::new()];
    let mut is_digit = false;
    let mut start = 0;

    fn top(stack: &mut [Vec<Item>]) -> &mut Vec<Item> {
        let last = stack.len() - 1;
        &mut stack[last]
    }

    for (i, &c) in bytes.iter().enumerate() {
        if c == b'.' {
            let item = if i == start {
                Item::Int(Num::ZERO)
            } else {
                parse_item(is_digit, &s[start..i])
            };
            top(&mut stack).push(item);
            start = i + 1;
        } else if c == b'-' {
            let item = if i == start {
                Item::Int(Num::ZERO)
            } else {
                parse_item(is_digit, &s[start..i])
            };
            top(&mut stack).push(item);
            start = i + 1;
            stack.push(Vec::new());
        } else if c.is_ascii_digit() {
            if !is_digit && i > start {
                // Maven 3.8.7+: a qualifier after `.` opens a list as if it
                // followed `-` (`1.0.0.X1 < 1.0.0-X2`).
                if !top(&mut stack).is_empty() {
                    stack.push(Vec::new());
                }
                top(&mut stack).push(string_item(&s[start..i], true));
                start = i;
                stack.push(Vec::new());
            }
            is_digit = true;
        } else {
            if is_digit && i > start {
                top(&mut stack).push(parse_item(true, &s[start..i]));
                start = i;
                stack.push(Vec::new());
            }
            is_digit = false;
        }
    }
    if s.len() > start {
        if !is_digit && !top(&mut stack).is_empty() {
            stack.push(Vec::new());
        }
        top(&mut stack).push(parse_item(is_digit, &s[start..]));
    }
    while stack.len() > 1 {
        let mut list = stack.pop().unwrap_or_default();
        normalize(&mut list);
        top(&mut stack).push(Item::List(list));
    }
    let mut root = stack.pop().unwrap_or_default();
    normalize(&mut root);
    root
}

impl MavenVersion {
    pub(crate) fn parse_reason(s: &str) -> Result<Self, String> {
        super::check_length(s)?;
        if s.is_empty() {
            return Err("empty version".into());
        }
        if let Some(c) = s.chars().find(|c| c.is_whitespace() || c.is_control()) {
            return Err(format!("{c:?} is not allowed in a version"));
        }
        Ok(MavenVersion {
            original: s.into(),
            items: parse_items(s),
        })
    }

    /// The string this version was parsed from.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    /// Orders two versions exactly as `ComparableVersion.compareTo` does.
    ///
    /// Maven's order is not transitive: a qualifier after `.` that is followed
    /// by more parts stays beside the numbers while one at the end opens a
    /// list, and qualifiers rank below lists, so `1.rc < 1 < 1.post.1 < 1.rc`
    /// (maven-artifact 3.8.7 agrees). Each result is still Maven's, which is
    /// what matching a version against a range bound needs, but this is why
    /// `MavenVersion` implements `PartialOrd` and not `Ord`. Do not sort Maven
    /// versions with `slice::sort_by`: Rust's sort may panic when it detects
    /// such a cycle.
    pub fn compare(&self, other: &Self) -> Ordering {
        cmp_lists(&self.items, &other.items)
    }
}

impl PartialEq for MavenVersion {
    fn eq(&self, other: &Self) -> bool {
        self.compare(other).is_eq()
    }
}

impl PartialOrd for MavenVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.compare(other))
    }
}
parse_api!(MavenVersion, Scheme::Maven);

impl fmt::Display for MavenVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> MavenVersion {
        MavenVersion::parse(s).unwrap()
    }

    #[test]
    fn qualifier_order() {
        let chain = [
            "1-alpha",
            "1-beta",
            "1-milestone",
            "1-rc",
            "1-snapshot",
            "1",
            "1-sp",
            "1-abc",
            "1-abd",
        ];
        for w in chain.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
        assert_eq!(v("1.0.0"), v("1-final"));
        assert_eq!(v("1cr"), v("1-RC"));
        assert_eq!(v("1a1"), v("1-alpha-1"));
    }
}
