//! Hackage (Haskell) package versions, ordered as Cabal's `Version`: numbers
//! separated by `.`, compared as lists (`1.0 < 1.0.0`).

use std::cmp::Ordering;
use std::fmt;

use super::num::Num;
use super::{Scheme, order_by_compare, parse_api};

/// A Haskell package version.
#[derive(Debug, Clone)]
pub struct HackageVersion {
    original: Box<str>,
    numbers: Vec<Num>,
}

impl HackageVersion {
    pub(crate) fn parse_reason(s: &str) -> Result<Self, String> {
        super::check_length(s)?;
        if s.is_empty() {
            return Err("empty version".into());
        }
        let numbers = s
            .split('.')
            .map(|part| {
                if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) {
                    Ok(Num::from_digits(part))
                } else {
                    Err(format!(
                        "{part:?} is not a number; Hackage versions are numbers separated by '.'"
                    ))
                }
            })
            .collect::<Result<_, _>>()?;
        Ok(HackageVersion {
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

order_by_compare!(HackageVersion);
parse_api!(HackageVersion, Scheme::Hackage);

impl fmt::Display for HackageVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}
