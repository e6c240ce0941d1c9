//! The frameworks a requirement can cite, the shape each one's references must have, and
//! which frameworks a product is in scope for given what its manifest declares.
//!
//! Only the form of a reference is checked here (`3.5.1`, `164.312(a)(2)(iv)`, `Art. 32`);
//! whether the number says what the requirement claims is for the catalog's reviewers.

use std::fmt;

use serde::Serialize;
use steward_core::manifest::{DataClass, Manifest};

/// A framework the catalog maps requirements to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    /// PCI DSS v4.0.1 requirement numbers.
    PciDss,
    /// HIPAA, 45 CFR Part 164 (Security Rule and Breach Notification Rule) sections.
    Hipaa,
    /// GDPR articles.
    Gdpr,
    /// MAS Technology Risk Management Guidelines (January 2021) section numbers.
    MasTrm,
    /// BCRA Comunicación "A" 7724 and the communications that amend it.
    Bcra,
    /// OWASP ASVS 5.0 chapter, section or requirement ids.
    Asvs,
    /// NIST SP 800-53 rev. 5 control and enhancement ids.
    Nist80053,
}

impl Framework {
    pub const ALL: [Framework; 7] = [
        Framework::PciDss,
        Framework::Hipaa,
        Framework::Gdpr,
        Framework::MasTrm,
        Framework::Bcra,
        Framework::Asvs,
        Framework::Nist80053,
    ];

    /// The key the catalog files use under `[requirement.references]`.
    pub fn key(self) -> &'static str {
        match self {
            Framework::PciDss => "pci_dss",
            Framework::Hipaa => "hipaa",
            Framework::Gdpr => "gdpr",
            Framework::MasTrm => "mas_trm",
            Framework::Bcra => "bcra",
            Framework::Asvs => "asvs",
            Framework::Nist80053 => "nist_800_53",
        }
    }

    /// The name to show people.
    pub fn name(self) -> &'static str {
        match self {
            Framework::PciDss => "PCI DSS v4.0.1",
            Framework::Hipaa => "HIPAA (45 CFR 164)",
            Framework::Gdpr => "GDPR",
            Framework::MasTrm => "MAS TRM Guidelines 2021",
            Framework::Bcra => "BCRA Com. \"A\" 7724",
            Framework::Asvs => "OWASP ASVS 5.0",
            Framework::Nist80053 => "NIST SP 800-53 rev. 5",
        }
    }

    pub fn from_key(key: &str) -> Option<Framework> {
        Framework::ALL.into_iter().find(|f| f.key() == key)
    }

    /// What a well-formed reference looks like, for error messages.
    pub fn expected_form(self) -> &'static str {
        match self {
            Framework::PciDss => "a PCI DSS requirement number such as `3.5.1` or `A3.2.1`",
            Framework::Hipaa => {
                "a 45 CFR section such as `164.312(a)(2)(iv)` (164.308, .310, .312, .314, .316, or .402-.414 for breach notification)"
            }
            Framework::Gdpr => "a GDPR article such as `Art. 32` or `Art. 5(1)(f)`",
            Framework::MasTrm => "a MAS TRM section number such as `9.1` (chapters 3 to 15)",
            Framework::Bcra => {
                "a communication such as `A 7724`, optionally with a section: `A 7724 §3.1`"
            }
            Framework::Asvs => "an ASVS 5.0 id such as `V6.2` or `V6.2.1` (chapters V1 to V17)",
            Framework::Nist80053 => "a NIST SP 800-53 control such as `AC-2` or `AC-2(1)`",
        }
    }

    /// Whether `reference` has the form this framework's references take.
    pub fn is_well_formed(self, reference: &str) -> bool {
        match self {
            Framework::PciDss => pci_dss(reference),
            Framework::Hipaa => hipaa(reference),
            Framework::Gdpr => gdpr(reference),
            Framework::MasTrm => mas_trm(reference),
            Framework::Bcra => bcra(reference),
            Framework::Asvs => asvs(reference),
            Framework::Nist80053 => nist_800_53(reference),
        }
    }
}

impl fmt::Display for Framework {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// `n`, a decimal number without a leading zero, within `range`.
fn number_in(n: &str, range: std::ops::RangeInclusive<u32>) -> bool {
    !n.is_empty()
        && n.len() <= 3
        && n.bytes().all(|b| b.is_ascii_digit())
        && !(n.len() > 1 && n.starts_with('0'))
        && n.parse::<u32>().is_ok_and(|v| range.contains(&v))
}

/// Dotted numbers: the first in `first`, every other 1..=99, `parts` of them in all.
fn dotted(
    s: &str,
    first: std::ops::RangeInclusive<u32>,
    parts: std::ops::RangeInclusive<usize>,
) -> bool {
    let pieces: Vec<&str> = s.split('.').collect();
    parts.contains(&pieces.len())
        && number_in(pieces[0], first)
        && pieces[1..].iter().all(|p| number_in(p, 1..=99))
}

fn pci_dss(s: &str) -> bool {
    // Appendix A1 (multi-tenant providers), A2 (early TLS), A3 (designated entities).
    if let Some(rest) = s.strip_prefix('A') {
        return dotted(rest, 1..=3, 2..=4);
    }
    dotted(s, 1..=12, 2..=5)
}

/// The paragraph levels of the CFR: (a), (1), (i), (A).
fn cfr_paragraphs(mut s: &str) -> bool {
    let levels: [fn(&str) -> bool; 4] = [
        |p| p.len() == 1 && p.bytes().all(|b| b.is_ascii_lowercase()),
        |p| number_in(p, 1..=99),
        |p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b"ivx".contains(&b)),
        |p| p.len() == 1 && p.bytes().all(|b| b.is_ascii_uppercase()),
    ];
    let mut depth = 0;
    while !s.is_empty() {
        let Some(rest) = s.strip_prefix('(') else {
            return false;
        };
        let Some(close) = rest.find(')') else {
            return false;
        };
        if depth >= levels.len() || !levels[depth](&rest[..close]) {
            return false;
        }
        depth += 1;
        s = &rest[close + 1..];
    }
    true
}

fn hipaa(s: &str) -> bool {
    const SECTIONS: &[&str] = &[
        "164.308", "164.310", "164.312", "164.314", "164.316", "164.402", "164.404", "164.406",
        "164.408", "164.410", "164.412", "164.414",
    ];
    SECTIONS
        .iter()
        .find(|section| s.starts_with(**section))
        .is_some_and(|section| cfr_paragraphs(&s[section.len()..]))
}

fn gdpr(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("Art. ") else {
        return false;
    };
    let end = rest.find('(').unwrap_or(rest.len());
    if !number_in(&rest[..end], 1..=99) {
        return false;
    }
    // Paragraph then point: Art. 5(1)(f), Art. 32(1)(b).
    let mut tail = &rest[end..];
    let mut depth = 0;
    while !tail.is_empty() {
        let Some(inner) = tail.strip_prefix('(') else {
            return false;
        };
        let Some(close) = inner.find(')') else {
            return false;
        };
        let part = &inner[..close];
        let ok = match depth {
            0 => number_in(part, 1..=20),
            1 => part.len() == 1 && part.bytes().all(|b| b.is_ascii_lowercase()),
            _ => false,
        };
        if !ok {
            return false;
        }
        depth += 1;
        tail = &inner[close + 1..];
    }
    true
}

fn mas_trm(s: &str) -> bool {
    dotted(s, 3..=15, 1..=3)
}

fn bcra(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("A ") else {
        return false;
    };
    let (number, section) = match rest.split_once(" §") {
        Some((n, sec)) => (n, Some(sec)),
        None => (rest, None),
    };
    number.len() == 4
        && number.bytes().all(|b| b.is_ascii_digit())
        && section.is_none_or(|sec| dotted(sec, 1..=20, 1..=4))
}

fn asvs(s: &str) -> bool {
    s.strip_prefix('V')
        .is_some_and(|rest| dotted(rest, 1..=17, 2..=3))
}

fn nist_800_53(s: &str) -> bool {
    const FAMILIES: &[&str] = &[
        "AC", "AT", "AU", "CA", "CM", "CP", "IA", "IR", "MA", "MP", "PE", "PL", "PM", "PS", "PT",
        "RA", "SA", "SC", "SI", "SR",
    ];
    let Some((family, rest)) = s.split_once('-') else {
        return false;
    };
    if !FAMILIES.contains(&family) {
        return false;
    }
    let (control, enhancement) = match rest.split_once('(') {
        Some((c, e)) => (c, Some(e)),
        None => (rest, None),
    };
    number_in(control, 1..=99)
        && enhancement.is_none_or(|e| e.strip_suffix(')').is_some_and(|n| number_in(n, 1..=99)))
}

/// How a framework comes to bear on a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The product is within the framework's own scope.
    Direct,
    /// The framework is not binding here, but stands for the local law that is modelled on it
    /// (GDPR articles for personal data held under Singapore's or Argentina's privacy law).
    Model,
    /// A general baseline steward maps every product to (ASVS, NIST SP 800-53).
    Baseline,
}

/// A framework that applies to a product, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameworkScope {
    pub framework: Framework,
    pub basis: Basis,
    pub reason: String,
}

/// EU member states (ISO 3166-1 alpha-2), for GDPR's territorial scope.
const EU_MEMBERS: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];
/// EEA states outside the EU, where GDPR also applies.
const EEA_ONLY: &[&str] = &["IS", "LI", "NO"];

/// Whether a jurisdiction the manifest lists is covered by a jurisdiction a catalog condition
/// names: the same code, or a member of the group `EU` / `EEA`.
pub fn jurisdiction_covers(condition: &str, declared: &str) -> bool {
    condition == declared
        || match condition {
            "EU" => EU_MEMBERS.contains(&declared),
            "EEA" => {
                declared == "EU" || EU_MEMBERS.contains(&declared) || EEA_ONLY.contains(&declared)
            }
            _ => false,
        }
}

/// The frameworks that bear on a product, in [`Framework::ALL`] order.
pub fn frameworks_in_scope(manifest: &Manifest) -> Vec<FrameworkScope> {
    let classes = &manifest.data.classes;
    let holds = |c: DataClass| classes.contains(&c);
    let declared: Vec<&str> = manifest
        .data
        .jurisdictions
        .iter()
        .map(|j| j.get_ref().as_str())
        .collect();
    let listed = |code: &str| declared.iter().any(|d| jurisdiction_covers(code, d));
    let financial = holds(DataClass::Cardholder) || holds(DataClass::Financial);
    let mut scopes = Vec::new();
    let mut push = |framework, basis, reason: String| {
        scopes.push(FrameworkScope {
            framework,
            basis,
            reason,
        })
    };
    if holds(DataClass::Cardholder) {
        push(
            Framework::PciDss,
            Basis::Direct,
            "the product stores, processes or transmits cardholder data".into(),
        );
    }
    if holds(DataClass::Health) && listed("US") {
        push(
            Framework::Hipaa,
            Basis::Direct,
            "the product holds health data in the US".into(),
        );
    }
    if holds(DataClass::Pii) {
        let gdpr_lands: Vec<&str> = declared
            .iter()
            .copied()
            .filter(|d| jurisdiction_covers("EEA", d) || *d == "GB")
            .collect();
        if gdpr_lands.is_empty() {
            let elsewhere = if declared.is_empty() {
                "no jurisdiction is declared".to_string()
            } else {
                format!("it is held in {}", declared.join(", "))
            };
            push(
                Framework::Gdpr,
                Basis::Model,
                format!(
                    "the product holds personal data and {elsewhere}; GDPR's articles stand for the data-protection law there"
                ),
            );
        } else {
            push(
                Framework::Gdpr,
                Basis::Direct,
                format!(
                    "the product holds personal data in {}",
                    gdpr_lands.join(", ")
                ),
            );
        }
    }
    if listed("SG") && financial {
        push(
            Framework::MasTrm,
            Basis::Direct,
            "the product holds payment or financial data in Singapore".into(),
        );
    }
    if listed("AR") && financial {
        push(
            Framework::Bcra,
            Basis::Direct,
            "the product holds payment or financial data in Argentina".into(),
        );
    }
    push(
        Framework::Asvs,
        Basis::Baseline,
        "steward's baseline for application security".into(),
    );
    push(
        Framework::Nist80053,
        Basis::Baseline,
        "steward's baseline control catalog".into(),
    );
    scopes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_references() {
        let ok = [
            (Framework::PciDss, "3.5.1"),
            (Framework::PciDss, "3.5.1.2"),
            (Framework::PciDss, "12.10.1"),
            (Framework::PciDss, "A3.2.1"),
            (Framework::Hipaa, "164.312(a)(2)(iv)"),
            (Framework::Hipaa, "164.308(a)(1)(ii)(A)"),
            (Framework::Hipaa, "164.312(b)"),
            (Framework::Hipaa, "164.404"),
            (Framework::Gdpr, "Art. 32"),
            (Framework::Gdpr, "Art. 5(1)(f)"),
            (Framework::Gdpr, "Art. 33(1)"),
            (Framework::MasTrm, "9.1"),
            (Framework::MasTrm, "11"),
            (Framework::Bcra, "A 7724"),
            (Framework::Bcra, "A 7724 §3.1"),
            (Framework::Asvs, "V6.2.1"),
            (Framework::Asvs, "V16.4"),
            (Framework::Nist80053, "AC-2"),
            (Framework::Nist80053, "AC-2(1)"),
            (Framework::Nist80053, "SC-28(1)"),
        ];
        for (framework, reference) in ok {
            assert!(
                framework.is_well_formed(reference),
                "{framework}: {reference}"
            );
        }
    }

    #[test]
    fn malformed_references() {
        let bad = [
            (Framework::PciDss, "3"),
            (Framework::PciDss, "13.1"),
            (Framework::PciDss, "3.5.01"),
            (Framework::PciDss, "Req 3.5.1"),
            (Framework::PciDss, "A4.1"),
            (Framework::Hipaa, "164.312(2)(a)"),
            (Framework::Hipaa, "164.500"),
            (Framework::Hipaa, "164.312(a)(2)(iv"),
            (Framework::Hipaa, "45 CFR 164.312"),
            (Framework::Gdpr, "Article 32"),
            (Framework::Gdpr, "Art. 32(a)"),
            (Framework::Gdpr, "Art. 0"),
            (Framework::Gdpr, "Art.32"),
            (Framework::MasTrm, "2.1"),
            (Framework::MasTrm, "9.1.1.1"),
            (Framework::Bcra, "7724"),
            (Framework::Bcra, "A 77240"),
            (Framework::Asvs, "V18.1"),
            (Framework::Asvs, "6.2.1"),
            (Framework::Asvs, "V6"),
            (Framework::Nist80053, "AC2"),
            (Framework::Nist80053, "XX-1"),
            (Framework::Nist80053, "AC-2(1"),
            (Framework::Nist80053, "ac-2"),
        ];
        for (framework, reference) in bad {
            assert!(
                !framework.is_well_formed(reference),
                "{framework}: {reference} should be rejected"
            );
        }
    }

    #[test]
    fn eu_group_covers_member_states() {
        assert!(jurisdiction_covers("EU", "DE"));
        assert!(jurisdiction_covers("EEA", "NO"));
        assert!(jurisdiction_covers("EEA", "EU"));
        assert!(!jurisdiction_covers("EU", "NO"));
        assert!(!jurisdiction_covers("EU", "SG"));
        assert!(jurisdiction_covers("SG", "SG"));
    }
}
