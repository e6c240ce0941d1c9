//! Triage: what the user has decided about findings. Disabled rules and severity overrides
//! from steward.toml, deduplication by fingerprint, inline suppressions, the baseline, and
//! the gate that decides the exit code.

use std::collections::HashMap;

use serde::Serialize;

use crate::baseline::Baseline;
use crate::finding::{Finding, Location};
use crate::rule::{Rule, RuleCatalog, id_matches};
use crate::severity::{Confidence, FailOn, Severity};
use crate::suppress::Suppression;
use crate::taxonomy::Owasp;

/// Rule id of the finding reported for a suppression comment that gives no reason.
pub const SUPPRESSION_WITHOUT_REASON: &str = "steward/suppression-without-reason";

/// Rules that belong to triage itself rather than to an engine.
pub fn triage_rules() -> Vec<Rule> {
    let mut r = Rule::new(
        SUPPRESSION_WITHOUT_REASON,
        "steward",
        "Suppression without a reason",
        Severity::Low,
    );
    r.confidence = Confidence::High;
    r.owasp = Some(Owasp::A09);
    r.description =
        "A `steward:ignore[...]` comment that does not say why the finding is acceptable.".into();
    r.rationale = Some("A suppression is a security decision. Without a reason, the next reviewer cannot tell an accepted risk from a silenced alarm, and auditors cannot either.".into());
    r.remediation = Some("Add the reason after the rule list: `# steward:ignore[rule-id] test fixture, not a real key`.".into());
    r.examples = vec!["# steward:ignore[secrets/generic-password]".into()];
    r.negative_examples =
        vec!["# steward:ignore[secrets/generic-password] value is a documented placeholder".into()];
    vec![r]
}

/// What steward.toml and the command line say about triage.
#[derive(Debug, Clone, Default)]
pub struct TriageConfig {
    pub fail_on: FailOn,
    /// Rule ids or `prefix*` patterns not to report.
    pub disabled: Vec<String>,
    /// Rule id or pattern -> severity to report it at.
    pub severity_overrides: Vec<(String, Severity)>,
    pub baseline: Option<Baseline>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuppressedFinding {
    pub finding: Finding,
    pub reason: Option<String>,
    /// `path:line` of the suppression comment.
    pub by: String,
}

/// Counts by severity, most severe first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SeverityCounts {
    pub critical: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    pub info: usize,
}

impl SeverityCounts {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        let mut c = SeverityCounts::default();
        for f in findings {
            *c.slot(f.severity) += 1;
        }
        c
    }

    fn slot(&mut self, s: Severity) -> &mut usize {
        match s {
            Severity::Critical => &mut self.critical,
            Severity::High => &mut self.high,
            Severity::Medium => &mut self.medium,
            Severity::Low => &mut self.low,
            Severity::Info => &mut self.info,
        }
    }

    pub fn get(&self, s: Severity) -> usize {
        match s {
            Severity::Critical => self.critical,
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
            Severity::Info => self.info,
        }
    }

    pub fn total(&self) -> usize {
        self.critical + self.high + self.medium + self.low + self.info
    }
}

/// The gate's verdict.
#[derive(Debug, Clone, Serialize)]
pub struct GateOutcome {
    pub fail_on: String,
    pub passed: bool,
    /// How many active findings are at or above the threshold.
    pub blocking: usize,
}

impl GateOutcome {
    pub fn evaluate(fail_on: FailOn, active: &[Finding]) -> Self {
        let blocking = active.iter().filter(|f| fail_on.trips(f.severity)).count();
        GateOutcome {
            fail_on: fail_on.to_string(),
            passed: blocking == 0,
            blocking,
        }
    }
}

/// Findings after triage.
#[derive(Debug, Clone)]
pub struct Triaged {
    /// Findings that count: shown, and judged by the gate.
    pub active: Vec<Finding>,
    pub suppressed: Vec<SuppressedFinding>,
    pub baselined: Vec<Finding>,
    /// How many findings disabled rules dropped.
    pub disabled: usize,
    pub gate: GateOutcome,
}

#[derive(Debug, thiserror::Error)]
pub enum TriageError {
    #[error(
        "{path}:{line}: suppression names unknown rule `{rule}`{}\n  run `steward rules list` to see rule ids",
        suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default()
    )]
    UnknownRule {
        path: String,
        line: u32,
        rule: String,
        suggestion: Option<String>,
    },
}

/// Apply triage to an engine run's findings.
pub fn triage(
    mut findings: Vec<Finding>,
    suppressions: &[Suppression],
    catalog: &RuleCatalog,
    config: &TriageConfig,
) -> Result<Triaged, TriageError> {
    for s in suppressions {
        for rule in &s.rules {
            if !catalog.knows(rule) {
                return Err(TriageError::UnknownRule {
                    path: s.path.clone(),
                    line: s.line,
                    rule: rule.clone(),
                    suggestion: catalog.suggest(rule).map(str::to_string),
                });
            }
        }
        if s.reason.is_none()
            && let Some(rule) = catalog.get(SUPPRESSION_WITHOUT_REASON)
        {
            let loc = Location {
                path: s.path.clone(),
                start_line: s.line,
                start_column: 1,
                end_line: s.line,
                end_column: 1,
                snippet: None,
            };
            let matched = s.rules.join(",");
            findings.push(Finding::new(
                rule,
                format!(
                    "suppression of {} gives no reason; say why the finding is acceptable",
                    s.rules.join(", ")
                ),
                loc,
                matched.as_bytes(),
            ));
        }
    }

    let before = findings.len();
    findings.retain(|f| !config.disabled.iter().any(|p| id_matches(&f.rule_id, p)));
    let disabled = before - findings.len();

    for f in &mut findings {
        // The most specific override wins: an exact id over a prefix pattern.
        if let Some((_, sev)) = config
            .severity_overrides
            .iter()
            .filter(|(p, _)| id_matches(&f.rule_id, p))
            .max_by_key(|(p, _)| (!p.ends_with('*'), p.len()))
        {
            f.severity = *sev;
        }
    }

    dedup(&mut findings);

    let mut active = Vec::new();
    let mut suppressed = Vec::new();
    let mut baselined = Vec::new();
    for f in findings {
        let sup = suppressions.iter().find(|s| {
            f.rule_id != SUPPRESSION_WITHOUT_REASON
                && s.covers(&f.rule_id, &f.location.path, f.location.start_line)
        });
        if let Some(s) = sup {
            suppressed.push(SuppressedFinding {
                by: format!("{}:{}", s.path, s.line),
                reason: s.reason.clone(),
                finding: f,
            });
        } else if config
            .baseline
            .as_ref()
            .is_some_and(|b| b.contains(&f.fingerprint))
        {
            baselined.push(f);
        } else {
            active.push(f);
        }
    }
    let gate = GateOutcome::evaluate(config.fail_on, &active);
    Ok(Triaged {
        active,
        suppressed,
        baselined,
        disabled,
        gate,
    })
}

/// Sort into reading order, drop exact repeats (same rule at the same place saying the
/// same thing: two results of one rule on one whole-file or whole-asset location, such as
/// two changed fields of a drifted asset, are distinct), and give
/// repeated identical findings in one file distinct fingerprints by occurrence.
pub fn dedup(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.message.cmp(&b.message))
    });
    findings.dedup_by(|a, b| {
        a.rule_id == b.rule_id
            && a.location.path == b.location.path
            && a.location.start_line == b.location.start_line
            && a.location.start_column == b.location.start_column
            && a.message == b.message
    });
    let mut seen: HashMap<crate::finding::Fingerprint, usize> = HashMap::new();
    for f in findings.iter_mut() {
        let n = seen.entry(f.fingerprint.clone()).or_insert(0);
        f.fingerprint = f.fingerprint.occurrence(*n);
        *n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suppress::parse_suppressions;

    fn rule(id: &str, sev: Severity) -> Rule {
        Rule::new(id, "test", id, sev)
    }

    fn catalog() -> RuleCatalog {
        let mut rules = triage_rules();
        rules.push(rule("test/high", Severity::High));
        rules.push(rule("test/low", Severity::Low));
        RuleCatalog::new(rules)
    }

    fn finding(id: &str, sev: Severity, line: u32, text: &str) -> Finding {
        let loc = Location {
            path: "a.py".into(),
            start_line: line,
            start_column: 1,
            end_line: line,
            end_column: 2,
            snippet: None,
        };
        Finding::new(&rule(id, sev), "m", loc, text.as_bytes())
    }

    #[test]
    fn gate_fails_only_at_or_above_threshold() {
        let cat = catalog();
        let fs = vec![finding("test/low", Severity::Low, 1, "x")];
        let t = triage(fs.clone(), &[], &cat, &TriageConfig::default()).unwrap();
        assert!(t.gate.passed);
        let cfg = TriageConfig {
            fail_on: FailOn::AtLeast(Severity::Low),
            ..Default::default()
        };
        let t = triage(fs, &[], &cat, &cfg).unwrap();
        assert!(!t.gate.passed);
        assert_eq!(t.gate.blocking, 1);
    }

    #[test]
    fn suppressions_apply_and_unknown_rules_are_errors() {
        let cat = catalog();
        let m = ["steward", ":ignore"].concat();
        let text = format!("# {m}[test/high] accepted risk\nx\ny # {m}[test/high]\n");
        let sups = parse_suppressions("a.py", text.as_bytes());
        let fs = vec![
            finding("test/high", Severity::High, 2, "x"),
            finding("test/high", Severity::High, 3, "y"),
        ];
        let t = triage(fs, &sups, &cat, &TriageConfig::default()).unwrap();
        assert_eq!(t.suppressed.len(), 2);
        assert_eq!(t.active.len(), 1);
        assert_eq!(t.active[0].rule_id, SUPPRESSION_WITHOUT_REASON);
        assert!(t.gate.passed);

        let bad = parse_suppressions("a.py", format!("# {m}[test/hihg] typo\n").as_bytes());
        let err = triage(vec![], &bad, &cat, &TriageConfig::default()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("a.py:1"), "{msg}");
        assert!(msg.contains("did you mean `test/high`"), "{msg}");
    }

    #[test]
    fn overrides_disable_and_baseline() {
        let cat = catalog();
        let fs = vec![
            finding("test/high", Severity::High, 1, "x"),
            finding("test/low", Severity::Low, 2, "y"),
        ];
        let cfg = TriageConfig {
            severity_overrides: vec![
                ("test/*".into(), Severity::Medium),
                ("test/low".into(), Severity::Critical),
            ],
            ..Default::default()
        };
        let t = triage(fs.clone(), &[], &cat, &cfg).unwrap();
        assert_eq!(t.active[0].severity, Severity::Medium);
        assert_eq!(t.active[1].severity, Severity::Critical);

        let cfg = TriageConfig {
            disabled: vec!["test/low".into()],
            baseline: Some(Baseline::from_findings(&fs[..1])),
            ..Default::default()
        };
        let t = triage(fs, &[], &cat, &cfg).unwrap();
        assert_eq!(t.disabled, 1);
        assert_eq!(t.baselined.len(), 1);
        assert!(t.active.is_empty());
    }

    #[test]
    fn dedup_keeps_repeated_findings_distinct() {
        let mut fs = vec![
            finding("test/high", Severity::High, 1, "same"),
            finding("test/high", Severity::High, 1, "same"),
            finding("test/high", Severity::High, 5, "same"),
        ];
        dedup(&mut fs);
        assert_eq!(fs.len(), 2);
        assert_ne!(fs[0].fingerprint, fs[1].fingerprint);
    }
}
