//! Where each requirement stands, from the evidence the ledger holds: the scans that ran its
//! verification rules (clean or not) and the attestations people recorded for it. The binary
//! reads the ledger and hands the facts over as [`ScanEvidence`] and [`Attestation`]; this
//! module only decides, so the decision can be tested without a ledger.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::catalog::Requirement;

/// A scan as the ledger recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanEvidence {
    /// The ledger record's sequence number.
    pub seq: i64,
    /// When it was recorded, as the ledger shows it (UTC).
    pub recorded_at: String,
    /// What was scanned, as the scan named it.
    pub target: String,
    /// A history scan (every blob of the git history) is tracked apart from working-tree scans
    /// of the same target: neither covers what the other does.
    pub history: bool,
    pub git_commit: Option<String>,
    /// The engines that ran: `secrets`, `code`, `deps`, ...
    pub engines: Vec<String>,
    /// Rule id -> number of active findings (after suppressions and the baseline).
    pub finding_rules: BTreeMap<String, u64>,
}

/// A person's attestation that a requirement is met, until a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attestation {
    pub seq: i64,
    pub recorded_at: String,
    pub requirement: String,
    pub by: String,
    /// The last day it holds.
    pub expires: NaiveDate,
    pub evidence_path: String,
    pub evidence_sha256: String,
}

/// The status of one requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every verification rule steward can run ran, on the latest scans, with no finding.
    Verified,
    /// A latest scan has active findings of its verification rules.
    Failing,
    /// A person attested it and the attestation has not expired.
    Attested,
    NotVerified,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Verified,
        Status::Failing,
        Status::Attested,
        Status::NotVerified,
    ];

    /// The words to show people.
    pub fn label(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Failing => "failing",
            Status::Attested => "attested",
            Status::NotVerified => "not yet verified",
        }
    }

    /// The key JSON and OSCAL use.
    pub fn key(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Failing => "failing",
            Status::Attested => "attested",
            Status::NotVerified => "not-verified",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A latest scan that ran some of a requirement's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanResult {
    pub seq: i64,
    pub recorded_at: String,
    pub target: String,
    pub history: bool,
    pub git_commit: Option<String>,
    /// The requirement's verification ids this scan ran.
    pub checked: Vec<String>,
    /// Active findings of those rules: rule id -> count. Empty when the scan was clean.
    pub findings: BTreeMap<String, u64>,
}

/// A requirement's status and the evidence behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub status: Status,
    /// Latest scans that ran its rules and found nothing.
    pub clean: Vec<ScanResult>,
    /// Latest scans that found something.
    pub failing: Vec<ScanResult>,
    /// Verification ids steward can run but no recorded scan has run.
    pub not_run: Vec<String>,
    /// Verification ids no scan engine runs (architecture review, monitoring, controls,
    /// sunset, DLP and DAST rules, whose runs plan does not read yet); only an attestation
    /// covers these for now.
    pub not_checkable: Vec<String>,
    /// The attestation in force, the newest if several are.
    pub attestation: Option<Attestation>,
    /// The newest attestation that has lapsed, when none is in force.
    pub expired_attestation: Option<Attestation>,
}

/// Whether rule `rule_id` is one `pattern` names: the same id, or a `family/*`-style prefix.
pub fn rule_matches(pattern: &str, rule_id: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => rule_id.starts_with(prefix),
        None => pattern == rule_id,
    }
}

fn family(id: &str) -> &str {
    id.split('/').next().unwrap_or(id)
}

/// The ledger's evidence for a product, ready to judge requirements against.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    scans: Vec<ScanEvidence>,
    attestations: Vec<Attestation>,
    scan_families: BTreeSet<String>,
    /// The rule ids steward ships (families as `deps/*`); empty: any id of a scan family.
    known_rules: Vec<String>,
}

impl Evidence {
    /// `scan_families` are the rule families a scan can run today (the available engines'
    /// names, and `steward` for the rules triage applies to every scan).
    pub fn new(
        mut scans: Vec<ScanEvidence>,
        mut attestations: Vec<Attestation>,
        scan_families: impl IntoIterator<Item = impl Into<String>>,
    ) -> Evidence {
        scans.sort_by_key(|s| s.seq);
        attestations.sort_by_key(|a| a.seq);
        Evidence {
            scans,
            attestations,
            scan_families: scan_families.into_iter().map(Into::into).collect(),
            known_rules: Vec::new(),
        }
    }

    /// Only verification ids naming a rule steward ships are checkable: a requirement whose
    /// rule is only planned must not pass as verified because its engine ran.
    pub fn with_known_rules(mut self, ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.known_rules = ids.into_iter().map(Into::into).collect();
        self
    }

    /// Whether a scan engine runs the rules of `id`'s family (and, when the shipped rules
    /// are known, whether `id` names one of them).
    pub fn is_checkable(&self, id: &str) -> bool {
        self.scan_families.contains(family(id))
            && (self.known_rules.is_empty()
                || self.known_rules.iter().any(|k| {
                    rule_matches(id, k)
                        || k.strip_suffix('*').is_some_and(|fam| id.starts_with(fam))
                }))
    }

    fn ran(scan: &ScanEvidence, id: &str) -> bool {
        let fam = family(id);
        fam == "steward" || scan.engines.iter().any(|e| e == fam)
    }

    /// The newest scan of each target (history and working-tree scans apart) that ran the
    /// engine of `id`.
    fn latest_running<'a>(&'a self, id: &str) -> Vec<&'a ScanEvidence> {
        let mut latest: BTreeMap<(&str, bool), &ScanEvidence> = BTreeMap::new();
        for scan in self.scans.iter().filter(|s| Self::ran(s, id)) {
            // Sorted by seq, so a later scan replaces an earlier one.
            latest.insert((scan.target.as_str(), scan.history), scan);
        }
        latest.into_values().collect()
    }

    /// Judge `requirement` on `as_of`: an attestation holds through its `expires` day.
    pub fn assess(&self, requirement: &Requirement, as_of: NaiveDate) -> Assessment {
        let mut by_scan: BTreeMap<i64, ScanResult> = BTreeMap::new();
        let mut not_run = Vec::new();
        let mut not_checkable = Vec::new();
        for id in &requirement.verification {
            if !self.is_checkable(id) {
                not_checkable.push(id.clone());
                continue;
            }
            let latest = self.latest_running(id);
            if latest.is_empty() {
                not_run.push(id.clone());
            }
            for scan in latest {
                let result = by_scan.entry(scan.seq).or_insert_with(|| ScanResult {
                    seq: scan.seq,
                    recorded_at: scan.recorded_at.clone(),
                    target: scan.target.clone(),
                    history: scan.history,
                    git_commit: scan.git_commit.clone(),
                    checked: Vec::new(),
                    findings: BTreeMap::new(),
                });
                result.checked.push(id.clone());
                for (rule, count) in &scan.finding_rules {
                    if *count > 0 && rule_matches(id, rule) {
                        result.findings.insert(rule.clone(), *count);
                    }
                }
            }
        }
        let (failing, clean): (Vec<ScanResult>, Vec<ScanResult>) =
            by_scan.into_values().partition(|r| !r.findings.is_empty());

        let mut mine = self
            .attestations
            .iter()
            .filter(|a| a.requirement == requirement.id);
        let attestation = mine.clone().rfind(|a| a.expires >= as_of).cloned();
        let expired_attestation = match attestation {
            Some(_) => None,
            None => mine.rfind(|a| a.expires < as_of).cloned(),
        };

        let checkable = requirement
            .verification
            .iter()
            .any(|id| self.is_checkable(id));
        let status = if !failing.is_empty() {
            Status::Failing
        } else if checkable && not_run.is_empty() {
            Status::Verified
        } else if attestation.is_some() {
            Status::Attested
        } else {
            Status::NotVerified
        };
        Assessment {
            status,
            clean,
            failing,
            not_run,
            not_checkable,
            attestation,
            expired_attestation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Applicability;

    fn requirement(verification: &[&str]) -> Requirement {
        Requirement {
            id: "STW-SECRETS-001".into(),
            domain: "secrets".into(),
            title: "t".into(),
            text: "t".into(),
            rationale: "r".into(),
            phases: vec![],
            applies_when: Applicability::Always,
            references: vec![],
            verification: verification.iter().map(|s| s.to_string()).collect(),
            attestation: None,
            file: "catalog/secrets.toml".into(),
            line: 1,
        }
    }

    fn scan(seq: i64, target: &str, engines: &[&str], findings: &[(&str, u64)]) -> ScanEvidence {
        ScanEvidence {
            seq,
            recorded_at: format!("2030-01-01 00:00:{seq:02}"),
            target: target.into(),
            history: false,
            git_commit: None,
            engines: engines.iter().map(|s| s.to_string()).collect(),
            finding_rules: findings.iter().map(|(r, n)| (r.to_string(), *n)).collect(),
        }
    }

    fn attestation(seq: i64, expires: &str) -> Attestation {
        Attestation {
            seq,
            recorded_at: "2030-01-01 00:00:00".into(),
            requirement: "STW-SECRETS-001".into(),
            by: "alice".into(),
            expires: expires.parse().unwrap(),
            evidence_path: "e.pdf".into(),
            evidence_sha256: "00".into(),
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const FAMILIES: [&str; 4] = ["secrets", "code", "deps", "steward"];

    #[test]
    fn patterns_match_families_and_exact_ids() {
        assert!(rule_matches("secrets/*", "secrets/aws-access-key-id"));
        assert!(rule_matches("code/python/*", "code/python/eval"));
        assert!(!rule_matches("code/python/*", "code/js/eval"));
        assert!(rule_matches("secrets/jwt", "secrets/jwt"));
        assert!(!rule_matches("secrets/jwt", "secrets/jwt-hs256"));
    }

    #[test]
    fn the_latest_scan_running_the_engine_decides() {
        let r = requirement(&["secrets/*"]);
        let old_dirty = scan(1, ".", &["secrets"], &[("secrets/aws-access-key-id", 1)]);
        let clean = scan(2, ".", &["secrets", "code"], &[("code/python/eval", 3)]);
        // A later scan that did not run the secrets engine does not hide the clean one.
        let code_only = scan(3, ".", &["code"], &[]);
        let e = Evidence::new(vec![old_dirty.clone(), clean, code_only], vec![], FAMILIES);
        let a = e.assess(&r, day("2030-01-01"));
        assert_eq!(a.status, Status::Verified);
        assert_eq!(a.clean[0].seq, 2);

        let e = Evidence::new(vec![old_dirty], vec![], FAMILIES);
        let a = e.assess(&r, day("2030-01-01"));
        assert_eq!(a.status, Status::Failing);
        assert_eq!(a.failing[0].findings["secrets/aws-access-key-id"], 1);
    }

    #[test]
    fn any_target_failing_fails_and_every_runnable_rule_must_have_run() {
        let r = requirement(&["secrets/*", "deps/*", "arch/secrets-without-vault"]);
        let a_clean = scan(1, "a", &["secrets", "deps"], &[]);
        let b_dirty = scan(2, "b", &["secrets"], &[("secrets/jwt", 2)]);
        let e = Evidence::new(vec![a_clean.clone(), b_dirty], vec![], FAMILIES);
        let a = e.assess(&r, day("2030-01-01"));
        assert_eq!(a.status, Status::Failing);
        assert_eq!(a.not_checkable, ["arch/secrets-without-vault"]);

        let secrets_only = scan(1, "a", &["secrets"], &[]);
        let e = Evidence::new(vec![secrets_only], vec![], FAMILIES);
        let a = e.assess(&r, day("2030-01-01"));
        assert_eq!(a.status, Status::NotVerified);
        assert_eq!(a.not_run, ["deps/*"]);

        let e = Evidence::new(vec![a_clean], vec![], FAMILIES);
        assert_eq!(e.assess(&r, day("2030-01-01")).status, Status::Verified);
    }

    #[test]
    fn attestations_hold_through_their_last_day_and_never_beat_a_finding() {
        let r = requirement(&["arch/secrets-without-vault"]);
        let e = Evidence::new(vec![], vec![attestation(5, "2030-06-30")], FAMILIES);
        assert_eq!(e.assess(&r, day("2030-06-30")).status, Status::Attested);
        let lapsed = e.assess(&r, day("2030-07-01"));
        assert_eq!(lapsed.status, Status::NotVerified);
        assert_eq!(lapsed.expired_attestation.unwrap().seq, 5);

        let r = requirement(&["secrets/*"]);
        let dirty = scan(6, ".", &["secrets"], &[("secrets/jwt", 1)]);
        let e = Evidence::new(vec![dirty], vec![attestation(5, "2031-01-01")], FAMILIES);
        let a = e.assess(&r, day("2030-01-01"));
        assert_eq!(a.status, Status::Failing);
        assert!(a.attestation.is_some());
    }
}
