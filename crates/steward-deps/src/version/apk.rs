//! Alpine package versions, ordered as apk-tools 2.x (`apk version -t`) orders
//! them.
//!
//! Grammar: `number{.number}...[letter]{_suffix[number]}...[-rN]`. Tokens
//! compare in sequence: numbers numerically (a number after `.` that has
//! leading zeros ranks below any without), a single lower-case letter by its
//! code, suffixes `_alpha < _beta < _pre < _rc < (none) < _cvs < _svn < _git
//! < _hg < _p`, then the `-r` revision. When one version runs out first it is
//! the smaller, unless the other continues with a pre-release suffix. The
//! tokeniser is apk's own state machine, so its quirks (`-r` without a number
//! means `-r0`) carry over; what apk calls invalid is rejected, and so are
//! empty number components (`.1`, `1..2`, `1.r2`), which apk 2.x reads as 0
//! but the grammar and newer apk-tools do not allow. Numbers may have any
//! size (apk's `int` would overflow).

use std::cmp::Ordering;
use std::fmt;

use super::num::{Num, digit_run};
use super::{Scheme, order_by_compare, parse_api};

/// An Alpine package version.
#[derive(Debug, Clone)]
pub struct ApkVersion {
    original: Box<str>,
    /// Each token with the type it was parsed as; the type after the last is
    /// `End`.
    tokens: Vec<(Token, Value)>,
}

/// apk's token types; the declaration order is apk's numeric order, which the
/// comparison uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Token {
    Invalid,
    DigitOrZero,
    Digit,
    Letter,
    Suffix,
    SuffixNo,
    RevisionNo,
    End,
}

/// A token's value: apk stores leading zeros and pre-release suffixes as
/// negative numbers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Value {
    Neg(std::cmp::Reverse<u64>),
    Pos(Num),
}

impl Value {
    fn neg(n: u64) -> Value {
        Value::Neg(std::cmp::Reverse(n))
    }
    fn is_negative(&self) -> bool {
        matches!(self, Value::Neg(_))
    }
}

const ZERO: Value = Value::Pos(Num::ZERO);
const PRE_SUFFIXES: [&str; 4] = ["alpha", "beta", "pre", "rc"];
const POST_SUFFIXES: [&str; 5] = ["cvs", "svn", "git", "hg", "p"];

/// apk's `next_token`: the type of the token starting at `s[*pos]`, consuming
/// its separator.
fn next_token(ty: Token, s: &[u8], pos: &mut usize) -> Token {
    let Some(&c) = s.get(*pos) else {
        return Token::End;
    };
    let n = if matches!(ty, Token::Digit | Token::DigitOrZero) && c.is_ascii_lowercase() {
        Token::Letter
    } else if ty == Token::Letter && c.is_ascii_digit() {
        Token::Digit
    } else if ty == Token::Suffix && c.is_ascii_digit() {
        Token::SuffixNo
    } else {
        let n = match c {
            b'.' => Token::DigitOrZero,
            b'_' => Token::Suffix,
            b'-' if s.get(*pos + 1) == Some(&b'r') => {
                *pos += 1;
                Token::RevisionNo
            }
            _ => Token::Invalid,
        };
        *pos += 1;
        n
    };
    let allowed_backwards = (n == Token::DigitOrZero && ty == Token::Digit)
        || (n == Token::Suffix && ty == Token::SuffixNo)
        || (n == Token::Digit && ty == Token::Letter);
    if n < ty && !allowed_backwards {
        Token::Invalid
    } else {
        n
    }
}

/// apk's `get_token`: the value of a token of type `ty` at `s[*pos]`, and the
/// type of the next token.
fn get_token(ty: Token, s: &[u8], pos: &mut usize) -> Option<(Value, Token)> {
    let rest = &s[*pos..];
    if rest.is_empty() {
        return Some((ZERO, Token::End));
    }
    let mut then = None;
    let (value, len) = match ty {
        Token::DigitOrZero if rest[0] == b'0' => {
            let zeros = rest.iter().take_while(|&&b| b == b'0').count();
            then = Some(Token::Digit);
            (Value::neg(zeros as u64), zeros)
        }
        Token::DigitOrZero | Token::Digit | Token::SuffixNo | Token::RevisionNo => {
            let n = digit_run(rest);
            let digits = std::str::from_utf8(&rest[..n]).unwrap_or("0");
            let value = if n == 0 {
                ZERO
            } else {
                Value::Pos(Num::from_digits(digits))
            };
            (value, n)
        }
        Token::Letter => (Value::Pos(Num::Small(u64::from(rest[0]))), 1),
        Token::Suffix => {
            if let Some(i) = PRE_SUFFIXES
                .iter()
                .position(|p| rest.starts_with(p.as_bytes()))
            {
                (
                    Value::neg((PRE_SUFFIXES.len() - i) as u64),
                    PRE_SUFFIXES[i].len(),
                )
            } else if let Some(i) = POST_SUFFIXES
                .iter()
                .position(|p| rest.starts_with(p.as_bytes()))
            {
                (Value::Pos(Num::Small(i as u64)), POST_SUFFIXES[i].len())
            } else {
                return None;
            }
        }
        Token::Invalid | Token::End => return None,
    };
    *pos += len;
    let next = if *pos == s.len() {
        Token::End
    } else if let Some(t) = then {
        t
    } else {
        next_token(ty, s, pos)
    };
    Some((value, next))
}

fn tokenize(s: &str) -> Result<Vec<(Token, Value)>, String> {
    let bytes = s.as_bytes();
    let mut tokens = Vec::new();
    let mut ty = Token::Digit;
    let mut pos = 0;
    loop {
        let start = pos;
        let Some((value, next)) = get_token(ty, bytes, &mut pos) else {
            return Err(invalid_at(s, start, ty));
        };
        // apk 2.x reads an empty number component (`.1`, `1..2`, `1.r2`) as
        // 0; the grammar has none, and newer apk-tools rejects them.
        let number_component =
            ty == Token::DigitOrZero || (ty == Token::Digit && tokens.is_empty());
        if number_component && !bytes.get(start).is_some_and(u8::is_ascii_digit) {
            return Err(format!(
                "empty number at byte {start}: apk versions are number{{.number}}[letter]{{_suffix[number]}}[-rN]"
            ));
        }
        tokens.push((ty, value));
        match next {
            Token::End => return Ok(tokens),
            Token::Invalid => return Err(invalid_at(s, pos.saturating_sub(1), ty)),
            _ => ty = next,
        }
    }
}

fn invalid_at(s: &str, pos: usize, ty: Token) -> String {
    let rest: String = s.get(pos..).unwrap_or("").chars().take(12).collect();
    let why = if ty == Token::Suffix {
        "unknown suffix; apk knows _alpha, _beta, _pre, _rc, _cvs, _svn, _git, _hg, _p"
    } else {
        "apk versions are number{.number}[letter]{_suffix[number]}[-rN]"
    };
    format!("unexpected {rest:?} at byte {pos}: {why}")
}

impl ApkVersion {
    pub(crate) fn parse_reason(s: &str) -> Result<Self, String> {
        super::check_length(s)?;
        if s.is_empty() {
            return Err("empty version".into());
        }
        Ok(ApkVersion {
            original: s.into(),
            tokens: tokenize(s)?,
        })
    }

    /// The string this version was parsed from.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    fn ty(&self, k: usize) -> Token {
        self.tokens.get(k).map_or(Token::End, |t| t.0)
    }

    fn value(&self, k: usize) -> &Value {
        self.tokens.get(k).map_or(&ZERO, |t| &t.1)
    }

    /// `apk_version_compare_blob`.
    fn compare(&self, other: &Self) -> Ordering {
        let mut k = 0;
        let (mut at, mut bt) = (Token::Digit, Token::Digit);
        let (mut av, mut bv) = (&ZERO, &ZERO);
        while at == bt && at != Token::End && av == bv {
            av = self.value(k);
            bv = other.value(k);
            k += 1;
            at = self.ty(k);
            bt = other.ty(k);
        }
        match av.cmp(bv) {
            Ordering::Equal => {}
            ord => return ord,
        }
        if at == bt {
            return Ordering::Equal;
        }
        // The longer version is the greater unless it continues with a
        // pre-release suffix.
        if at == Token::Suffix && self.value(k).is_negative() {
            return Ordering::Less;
        }
        if bt == Token::Suffix && other.value(k).is_negative() {
            return Ordering::Greater;
        }
        bt.cmp(&at)
    }
}

order_by_compare!(ApkVersion);
parse_api!(ApkVersion, Scheme::Apk);

impl fmt::Display for ApkVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> ApkVersion {
        ApkVersion::parse(s).unwrap()
    }

    #[test]
    fn suffix_order() {
        let chain = [
            "1.2_alpha",
            "1.2_beta",
            "1.2_pre",
            "1.2_rc",
            "1.2",
            "1.2-r1",
            "1.2_cvs",
            "1.2_svn",
            "1.2_git",
            "1.2_hg",
            "1.2_p",
            "1.2a",
            "1.2.1",
        ];
        for w in chain.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
        assert_eq!(v("1-r"), v("1-r0"));
        for bad in [
            "1.2_blah",
            "1.2A",
            "1-x",
            "1.2-r1_p1",
            "1_rc1a",
            ".1",
            "1..2",
            "1.r2",
            "a",
        ] {
            assert!(ApkVersion::parse(bad).is_err(), "{bad}");
        }
    }
}
