//! CRAN (R) package versions, ordered as R's `package_version` orders them:
//! at least two numbers separated by `.` or `-`, compared number by number, a
//! version that runs out first being the smaller (`0.1.0 < 0.1.0.0`).

use std::cmp::Ordering;
use std::fmt;

use super::num::Num;
use super::{Scheme, order_by_compare, parse_api};

/// An R package version.
#[derive(Debug, Clone)]
pub struct CranVersion {
    original: Box<str>,
    numbers: Vec<Num>,
}

impl CranVersion {
    pub(crate) fn parse_reason(s: &str) -> Result<Self, String> {
        super::check_length(s)?;
        if s.is_empty() {
            return Err("empty version".into());
        }
        let numbers = s
            .split(['.', '-'])
            .map(|part| {
                if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) {
                    Ok(Num::from_digits(part))
                } else {
                    Err(format!(
                        "{part:?} is not a number; R versions are numbers separated by '.' or '-'"
                    ))
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        if numbers.len() < 2 {
            return Err("R package versions have at least two numbers, like 1.0 or 1-0".into());
        }
        Ok(CranVersion {
            original: s.into(),
            numbers,
        })
    }

    /// The string this version was parsed from.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    fn compare(&self, other: &Self) -> Ordering {
        self.numbers.cmp(&other.numbers)
    }
}

order_by_compare!(CranVersion);
parse_api!(CranVersion, Scheme::Cran);

impl fmt::Display for CranVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}
