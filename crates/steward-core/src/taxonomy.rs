//! CWE ids and OWASP Top 10 (2021) categories, with the plain words `steward rules show`
//! uses to explain why a weakness matters.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An OWASP Top 10 (2021) category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Owasp {
    A01,
    A02,
    A03,
    A04,
    A05,
    A06,
    A07,
    A08,
    A09,
    A10,
}

impl Owasp {
    pub const ALL: [Owasp; 10] = [
        Owasp::A01,
        Owasp::A02,
        Owasp::A03,
        Owasp::A04,
        Owasp::A05,
        Owasp::A06,
        Owasp::A07,
        Owasp::A08,
        Owasp::A09,
        Owasp::A10,
    ];

    /// The category id as OWASP writes it, e.g. `A03:2021`.
    pub fn id(self) -> &'static str {
        match self {
            Owasp::A01 => "A01:2021",
            Owasp::A02 => "A02:2021",
            Owasp::A03 => "A03:2021",
            Owasp::A04 => "A04:2021",
            Owasp::A05 => "A05:2021",
            Owasp::A06 => "A06:2021",
            Owasp::A07 => "A07:2021",
            Owasp::A08 => "A08:2021",
            Owasp::A09 => "A09:2021",
            Owasp::A10 => "A10:2021",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Owasp::A01 => "Broken Access Control",
            Owasp::A02 => "Cryptographic Failures",
            Owasp::A03 => "Injection",
            Owasp::A04 => "Insecure Design",
            Owasp::A05 => "Security Misconfiguration",
            Owasp::A06 => "Vulnerable and Outdated Components",
            Owasp::A07 => "Identification and Authentication Failures",
            Owasp::A08 => "Software and Data Integrity Failures",
            Owasp::A09 => "Security Logging and Monitoring Failures",
            Owasp::A10 => "Server-Side Request Forgery",
        }
    }

    /// Why this category matters, in our own plain words.
    pub fn explanation(self) -> &'static str {
        match self {
            Owasp::A01 => {
                "Users can reach data or actions that should be closed to them: another customer's records, an admin page, a file outside the intended folder."
            }
            Owasp::A02 => {
                "Sensitive data is exposed because it is not encrypted, or is protected with weak or misused cryptography, or its keys and credentials leak."
            }
            Owasp::A03 => {
                "Untrusted input reaches an interpreter (SQL, a shell, the browser, an expression engine) as code rather than data, so an attacker can make it run their commands."
            }
            Owasp::A04 => {
                "The design itself lacks a control the threat requires; no amount of careful coding fixes a missing safeguard."
            }
            Owasp::A05 => {
                "Insecure defaults, open storage, verbose errors, unnecessary features or missing hardening leave the system easier to attack than it should be."
            }
            Owasp::A06 => {
                "The product ships third-party components with known vulnerabilities, or components nobody maintains any more."
            }
            Owasp::A07 => {
                "Weak authentication lets attackers log in as someone else: default or hard-coded credentials, weak passwords, session flaws."
            }
            Owasp::A08 => {
                "Code or data is trusted without checking its integrity: unsigned updates, insecure deserialization, untrusted pipelines."
            }
            Owasp::A09 => {
                "Attacks go unnoticed because security events are not logged, monitored or kept long enough to investigate."
            }
            Owasp::A10 => {
                "The server fetches a URL an attacker controls, reaching internal services or cloud metadata from inside the network."
            }
        }
    }
}

impl fmt::Display for Owasp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("unknown OWASP Top 10 category `{0}`: expected A01:2021 ... A10:2021")]
pub struct ParseOwaspError(pub String);

impl FromStr for Owasp {
    type Err = ParseOwaspError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let head = s.trim().split([':', '-', ' ']).next().unwrap_or("");
        Owasp::ALL
            .into_iter()
            .find(|o| o.id()[..3].eq_ignore_ascii_case(head))
            .ok_or_else(|| ParseOwaspError(s.to_string()))
    }
}

impl Serialize for Owasp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Owasp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A Common Weakness Enumeration id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cwe(pub u32);

impl Cwe {
    /// The tag form code scanning platforms read from SARIF: `external/cwe/cwe-89`.
    pub fn sarif_tag(self) -> String {
        format!("external/cwe/cwe-{}", self.0)
    }

    /// A short name for the CWEs steward's rules use; `None` for others.
    pub fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            20 => "Improper Input Validation",
            22 => "Path Traversal",
            78 => "OS Command Injection",
            79 => "Cross-site Scripting",
            89 => "SQL Injection",
            90 => "LDAP Injection",
            94 => "Code Injection",
            120 => "Buffer Copy without Checking Size of Input",
            121 => "Stack-based Buffer Overflow",
            122 => "Heap-based Buffer Overflow",
            134 => "Use of Externally-Controlled Format String",
            200 => "Exposure of Sensitive Information",
            250 => "Execution with Unnecessary Privileges",
            256 => "Plaintext Storage of a Password",
            259 => "Use of Hard-coded Password",
            284 => "Improper Access Control",
            295 => "Improper Certificate Validation",
            311 => "Missing Encryption of Sensitive Data",
            312 => "Cleartext Storage of Sensitive Information",
            319 => "Cleartext Transmission of Sensitive Information",
            321 => "Use of Hard-coded Cryptographic Key",
            326 => "Inadequate Encryption Strength",
            327 => "Use of a Broken or Risky Cryptographic Algorithm",
            328 => "Use of Weak Hash",
            330 => "Use of Insufficiently Random Values",
            352 => "Cross-Site Request Forgery",
            359 => "Exposure of Private Personal Information",
            489 => "Active Debug Code",
            501 => "Trust Boundary Violation",
            502 => "Deserialization of Untrusted Data",
            522 => "Insufficiently Protected Credentials",
            532 => "Insertion of Sensitive Information into Log File",
            601 => "Open Redirect",
            611 => "XML External Entity Reference",
            614 => "Sensitive Cookie Without 'Secure' Attribute",
            643 => "XPath Injection",
            693 => "Protection Mechanism Failure",
            732 => "Incorrect Permission Assignment for Critical Resource",
            778 => "Insufficient Logging",
            798 => "Use of Hard-coded Credentials",
            918 => "Server-Side Request Forgery",
            937 | 1035 | 1104 => "Use of Vulnerable or Unmaintained Third-Party Components",
            1188 => "Insecure Default Initialization of Resource",
            1392 => "Use of Default Credentials",
            _ => return None,
        })
    }
}

impl fmt::Display for Cwe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CWE-{}", self.0)
    }
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("invalid CWE id `{0}`: expected a number or `CWE-<number>`")]
pub struct ParseCweError(pub String);

impl FromStr for Cwe {
    type Err = ParseCweError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let digits = t
            .strip_prefix("CWE-")
            .or_else(|| t.strip_prefix("cwe-"))
            .unwrap_or(t);
        digits
            .parse()
            .map(Cwe)
            .map_err(|_| ParseCweError(s.to_string()))
    }
}

impl Serialize for Cwe {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Cwe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Num(u32),
            Str(String),
        }
        match Raw::deserialize(d)? {
            Raw::Num(n) => Ok(Cwe(n)),
            Raw::Str(s) => s.parse().map_err(serde::de::Error::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owasp_parses_short_and_long_forms() {
        assert_eq!("A03:2021".parse::<Owasp>().unwrap(), Owasp::A03);
        assert_eq!("a10".parse::<Owasp>().unwrap(), Owasp::A10);
        assert!("A11".parse::<Owasp>().is_err());
    }

    #[test]
    fn cwe_round_trips_and_tags() {
        let c: Cwe = "CWE-89".parse().unwrap();
        assert_eq!(c, Cwe(89));
        assert_eq!(c.sarif_tag(), "external/cwe/cwe-89");
        let v: Vec<Cwe> = serde_json::from_str(r#"[798, "CWE-22"]"#).unwrap();
        assert_eq!(v, vec![Cwe(798), Cwe(22)]);
    }
}
