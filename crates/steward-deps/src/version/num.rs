//! Arbitrary-size unsigned integers as they appear in version strings.
//!
//! Version components may exceed `u64` (date-stamped builds, test fixtures with
//! thirty-digit numbers), so anything that does not fit is kept as its digit
//! string and ordered by length, then lexically, which is numeric order once
//! leading zeros are gone.

use std::cmp::Ordering;

/// A non-negative integer of any size.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Num {
    Small(u64),
    /// Digits without leading zeros, longer than any `u64`.
    Big(Box<str>),
}

impl Num {
    pub(crate) const ZERO: Num = Num::Small(0);

    /// Parses a non-empty run of ASCII digits. The caller guarantees `digits`
    /// holds only `0-9`.
    pub(crate) fn from_digits(digits: &str) -> Num {
        debug_assert!(digits.bytes().all(|b| b.is_ascii_digit()));
        let stripped = digits.trim_start_matches('0');
        match stripped.parse::<u64>() {
            Ok(n) => Num::Small(n),
            Err(_) if stripped.is_empty() => Num::Small(0),
            Err(_) => Num::Big(stripped.into()),
        }
    }

    pub(crate) fn is_zero(&self) -> bool {
        matches!(self, Num::Small(0))
    }
}

impl Ord for Num {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Num::Small(a), Num::Small(b)) => a.cmp(b),
            (Num::Small(_), Num::Big(_)) => Ordering::Less,
            (Num::Big(_), Num::Small(_)) => Ordering::Greater,
            (Num::Big(a), Num::Big(b)) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
        }
    }
}

impl PartialOrd for Num {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Compares two runs of ASCII digits numerically, without parsing them.
pub(crate) fn cmp_digits(a: &str, b: &str) -> Ordering {
    let a = a.trim_start_matches('0');
    let b = b.trim_start_matches('0');
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// Length of the run of ASCII digits at the start of `s`.
pub(crate) fn digit_run(s: &[u8]) -> usize {
    s.iter().take_while(|b| b.is_ascii_digit()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_numbers_order_numerically() {
        let small = Num::from_digits("18446744073709551615");
        let big = Num::from_digits("18446744073709551616");
        let bigger = Num::from_digits("999999999999999999999999999999");
        assert!(matches!(small, Num::Small(_)));
        assert!(small < big && big < bigger);
        assert_eq!(Num::from_digits("000"), Num::ZERO);
        assert_eq!(
            Num::from_digits("00018446744073709551616"),
            Num::from_digits("18446744073709551616")
        );
        assert_eq!(cmp_digits("0099", "100"), Ordering::Less);
        assert_eq!(cmp_digits("", "0"), Ordering::Equal);
    }
}
