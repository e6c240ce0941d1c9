//! Structural checks a candidate secret must pass beyond its regex: Shannon entropy, and
//! checksums or encodings the provider documents (GitHub's and npm's CRC32 suffix, a JWT's
//! JSON header, a PEM body that is really base64).

use base64::Engine as _;

/// A named validator a rule can ask for with `checksum: <name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Checksum {
    /// `<prefix>_` + 30 base62 characters + the base62 CRC32 of those 30 (GitHub classic
    /// tokens `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` and npm's `npm_`).
    GithubCrc32,
    /// Three base64url parts whose first decodes to a JSON object with an `alg` member.
    Jwt,
    /// A PEM body (between the BEGIN and END lines) that is mostly base64, not `...` or
    /// a placeholder.
    PemBody,
    /// Standard base64 of `user:password` with a password that is not a placeholder (the
    /// `auth` field of a Docker config, an HTTP Basic header).
    Base64Credentials,
}

impl Checksum {
    pub const NAMES: &'static [&'static str] =
        &["github-crc32", "jwt", "pem-body", "base64-credentials"];

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "github-crc32" => Some(Checksum::GithubCrc32),
            "jwt" => Some(Checksum::Jwt),
            "pem-body" => Some(Checksum::PemBody),
            "base64-credentials" => Some(Checksum::Base64Credentials),
            _ => None,
        }
    }

    pub fn check(self, secret: &[u8]) -> bool {
        match self {
            Checksum::GithubCrc32 => github_checksum_ok(secret),
            Checksum::Jwt => jwt_header_ok(secret),
            Checksum::PemBody => pem_body_ok(secret),
            Checksum::Base64Credentials => base64_credentials_ok(secret),
        }
    }
}

/// Shannon entropy of `bytes`, in bits per byte.
pub(crate) fn shannon_entropy(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[b as usize] += 1;
    }
    let len = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / len;
            -p * p.log2()
        })
        .sum()
}

const CRC32_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// CRC-32 (IEEE 802.3, the zlib one).
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in bytes {
        c = CRC32_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn base62_value(b: u8) -> Option<u64> {
    BASE62.iter().position(|&c| c == b).map(|p| p as u64)
}

/// `n` in base62, left-padded with `0` to six digits (how GitHub writes the checksum).
#[cfg(test)]
fn base62_checksum(n: u32) -> String {
    let mut digits = Vec::new();
    let mut n = u64::from(n);
    while n > 0 {
        digits.push(BASE62[(n % 62) as usize]);
        n /= 62;
    }
    while digits.len() < 6 {
        digits.push(b'0');
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// Whether a `xxx_` + 36-character token ends in the base62 CRC32 of its 30-character
/// random part.
fn github_checksum_ok(token: &[u8]) -> bool {
    let Some(us) = memchr::memchr(b'_', token) else {
        return false;
    };
    let body = &token[us + 1..];
    if body.len() != 36 {
        return false;
    }
    let (random, check) = body.split_at(30);
    let mut value: u64 = 0;
    for &b in check {
        let Some(d) = base62_value(b) else {
            return false;
        };
        value = value * 62 + d;
    }
    value == u64::from(crc32(random))
}

fn b64url_decode(part: &[u8]) -> Option<Vec<u8>> {
    let trimmed: &[u8] = {
        let mut end = part.len();
        while end > 0 && part[end - 1] == b'=' {
            end -= 1;
        }
        &part[..end]
    };
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(trimmed)
        .ok()
}

fn jwt_header_ok(token: &[u8]) -> bool {
    let Some(header) = token.split(|&b| b == b'.').next() else {
        return false;
    };
    let Some(json) = b64url_decode(header) else {
        return false;
    };
    match serde_json::from_slice::<serde_json::Value>(&json) {
        Ok(serde_json::Value::Object(map)) => map.contains_key("alg"),
        _ => false,
    }
}

fn base64_credentials_ok(secret: &[u8]) -> bool {
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(secret) else {
        return false;
    };
    let Ok(text) = std::str::from_utf8(&decoded) else {
        return false;
    };
    match text.split_once(':') {
        Some((user, password)) => {
            !user.is_empty() && password.len() >= 3 && !crate::filter::is_placeholder(password)
        }
        None => false,
    }
}

/// A PEM body that is at least 64 base64 characters (after removing whitespace, escaped
/// newlines and header lines like `Proc-Type:`) and not a repeated filler.
fn pem_body_ok(body: &[u8]) -> bool {
    let mut b64 = 0usize;
    let mut other = 0usize;
    let mut seen = [false; 256];
    let text = String::from_utf8_lossy(body);
    for line in text.split(['\n', '\r']).flat_map(|l| l.split("\\n")) {
        let line = line
            .trim()
            .trim_matches(|c| c == '"' || c == '\'' || c == ',' || c == '+');
        if line.contains(':') {
            continue; // `Proc-Type: 4,ENCRYPTED`, `Version: ...`, `Comment: ...`
        }
        for b in line.bytes() {
            if b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=' {
                b64 += 1;
                seen[b as usize] = true;
            } else if !b.is_ascii_whitespace() {
                other += 1;
            }
        }
    }
    let distinct = seen.iter().filter(|&&s| s).count();
    b64 >= 64 && other * 10 <= b64 && distinct >= 20
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_reference_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn github_checksum_round_trips() {
        let random = "Zq3vN8kLw2XeR7tYp1cB5mJh9sDf0G";
        let token = format!("ghp_{random}{}", base62_checksum(crc32(random.as_bytes())));
        assert!(github_checksum_ok(token.as_bytes()));
        let mut bad = token.clone().into_bytes();
        bad[10] = if bad[10] == b'a' { b'b' } else { b'a' };
        assert!(!github_checksum_ok(&bad));
    }

    #[test]
    fn entropy_orders_random_above_repetitive() {
        assert!(shannon_entropy(b"aaaaaaaa") < 0.1);
        assert!(shannon_entropy(b"q8Zr2LmX0vTy5Kp3") > 3.5);
    }

    #[test]
    fn jwt_header_must_be_json_with_alg() {
        // {"alg":"HS256","typ":"JWT"}
        assert!(jwt_header_ok(
            b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.sig"
        ));
        // {"typ":"JWT"}
        assert!(!jwt_header_ok(b"eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.sig"));
    }
}
