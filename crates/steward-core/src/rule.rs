//! Rule metadata, shared by every engine. An engine loads its rules from data files and
//! turns them into `Rule`s; what it matches with (regexes, queries, Rego) stays its own.

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::severity::{Confidence, Severity};
use crate::taxonomy::{Cwe, Owasp};

/// What a rule finds, why it matters and how to fix it. `examples` must produce a finding
/// of this rule and `negative_examples` must not; every engine's tests check both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// `engine/...` id, e.g. `secrets/aws-access-key`, `code/python/sql-injection`.
    pub id: String,
    /// The engine that runs it; filled in by the engine, not the rule file.
    #[serde(default)]
    pub engine: String,
    pub title: String,
    pub severity: Severity,
    #[serde(default = "default_confidence")]
    pub confidence: Confidence,
    #[serde(default)]
    pub cwe: Vec<Cwe>,
    #[serde(default)]
    pub owasp: Option<Owasp>,
    /// Requirement ids from the catalog that this rule helps verify.
    #[serde(default)]
    pub requirements: Vec<String>,
    /// What the rule finds.
    #[serde(default)]
    pub description: String,
    /// Why it is bad.
    #[serde(default)]
    pub rationale: Option<String>,
    /// What to do instead.
    #[serde(default)]
    pub remediation: Option<String>,
    #[serde(default)]
    pub references: Vec<String>,
    #[serde(default)]
    pub examples: Vec<String>,
    #[serde(default)]
    pub negative_examples: Vec<String>,
}

fn default_confidence() -> Confidence {
    Confidence::Medium
}

impl Rule {
    /// A rule with only the required fields set; engines fill in the rest.
    pub fn new(
        id: impl Into<String>,
        engine: impl Into<String>,
        title: impl Into<String>,
        severity: Severity,
    ) -> Self {
        Rule {
            id: id.into(),
            engine: engine.into(),
            title: title.into(),
            severity,
            confidence: Confidence::Medium,
            cwe: Vec::new(),
            owasp: None,
            requirements: Vec::new(),
            description: String::new(),
            rationale: None,
            remediation: None,
            references: Vec::new(),
            examples: Vec::new(),
            negative_examples: Vec::new(),
        }
    }

    /// Whether `pattern` names this rule: an exact id, `*`, or a prefix ending in `*`
    /// (`secrets/*`, `code/python/*`).
    pub fn matches_pattern(&self, pattern: &str) -> bool {
        id_matches(&self.id, pattern)
    }
}

/// Whether rule id `id` is named by `pattern` (exact, `*`, or `prefix*`).
pub fn id_matches(id: &str, pattern: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => id.starts_with(prefix),
        None => id == pattern,
    }
}

/// Every rule steward knows, from every engine and user rule directory.
#[derive(Debug, Default, Clone)]
pub struct RuleCatalog {
    rules: Vec<Rule>,
}

impl RuleCatalog {
    pub fn new(mut rules: Vec<Rule>) -> Self {
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        rules.dedup_by(|a, b| a.id == b.id);
        RuleCatalog { rules }
    }

    pub fn extend(&mut self, rules: impl IntoIterator<Item = Rule>) {
        let mut all = std::mem::take(&mut self.rules);
        all.extend(rules);
        *self = RuleCatalog::new(all);
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules
            .binary_search_by(|r| r.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.rules[i])
    }

    /// Whether `pattern` (exact id or `prefix*`) names at least one known rule. A rule whose
    /// id ends in `/*` is a family (`deps/*`: one id per advisory, too many to list), and
    /// knows every id under it.
    pub fn knows(&self, pattern: &str) -> bool {
        let in_family = self.rules.iter().any(|r| {
            r.id.strip_suffix('*')
                .filter(|family| family.ends_with('/'))
                .is_some_and(|family| pattern.starts_with(family) && pattern.len() > family.len())
        });
        if in_family {
            return true;
        }
        if pattern.ends_with('*') {
            self.rules.iter().any(|r| r.matches_pattern(pattern))
        } else {
            self.get(pattern).is_some()
        }
    }

    /// Adds a rule for each finding whose rule the catalog does not hold (the per-advisory
    /// ids of a rule family), built from the finding's own metadata, so reports can
    /// describe every rule they reference.
    pub fn extend_from_findings<'f>(&mut self, findings: impl IntoIterator<Item = &'f Finding>) {
        let missing: Vec<Rule> = findings
            .into_iter()
            .filter(|f| self.get(&f.rule_id).is_none())
            .map(|f| {
                let mut rule = Rule::new(&f.rule_id, &f.engine, &f.title, f.severity);
                rule.confidence = f.confidence;
                rule.cwe = f.cwe.clone();
                rule.owasp = f.owasp;
                rule.requirements = f.requirements.clone();
                rule.remediation = f.remediation.clone();
                rule.description = f.title.clone();
                if let Some(url) = f.properties.get("url").and_then(|u| u.as_str()) {
                    rule.references.push(url.to_string());
                }
                rule
            })
            .collect();
        if !missing.is_empty() {
            self.extend(missing);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter()
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Known ids closest to `id`, for "did you mean" hints.
    pub fn suggest(&self, id: &str) -> Option<&str> {
        self.rules
            .iter()
            .map(|r| (edit_distance(&r.id, id), r.id.as_str()))
            .filter(|(d, _)| *d <= 3.max(id.len() / 4))
            .min()
            .map(|(_, id)| id)
    }
}

/// Levenshtein distance, for suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_know_their_members_and_findings_add_their_rules() {
        let mut cat = RuleCatalog::new(vec![Rule::new(
            "deps/*",
            "deps",
            "Known vulnerability",
            Severity::High,
        )]);
        assert!(cat.knows("deps/PyPI/GHSA-1234"));
        assert!(cat.knows("deps/npm/*"));
        assert!(!cat.knows("deps/"));
        assert!(!cat.knows("secrets/x"));
        let rule = Rule::new(
            "deps/npm/GHSA-1",
            "deps",
            "lodash: prototype pollution",
            Severity::Critical,
        );
        let finding = Finding::new(
            &rule,
            "m",
            crate::finding::Location::whole("package-lock.json"),
            b"x",
        );
        cat.extend_from_findings([&finding]);
        let added = cat.get("deps/npm/GHSA-1").expect("added from the finding");
        assert_eq!(
            (added.severity, added.title.as_str()),
            (Severity::Critical, "lodash: prototype pollution")
        );
        assert_eq!(cat.len(), 2);
        cat.extend_from_findings([&finding]);
        assert_eq!(cat.len(), 2);
    }

    #[test]
    fn catalog_knows_ids_and_prefixes_and_suggests() {
        let cat = RuleCatalog::new(vec![
            Rule::new(
                "secrets/aws-access-key",
                "secrets",
                "AWS key",
                Severity::High,
            ),
            Rule::new("code/python/sql-injection", "code", "SQLi", Severity::High),
        ]);
        assert!(cat.knows("secrets/aws-access-key"));
        assert!(cat.knows("secrets/*"));
        assert!(!cat.knows("iac/*"));
        assert!(!cat.knows("secrets/aws-acess-key"));
        assert_eq!(
            cat.suggest("secrets/aws-acess-key"),
            Some("secrets/aws-access-key")
        );
    }
}
