//! The `arch` scan engine: `steward scan` reviews every steward.toml of the tree with the
//! architecture policies, and compares the one at the root with the tree's infrastructure
//! code, so design flaws go through triage, the gate and the ledger like any finding.

use steward_core::collect::Collected;
use steward_core::engine::{Engine, EngineError, SourceFile, TreeOutput};
use steward_core::finding::{Finding, Location};
use steward_core::manifest::{MANIFEST_FILE, Manifest};
use steward_core::rule::Rule;
use steward_core::severity::Confidence;
use steward_core::severity::Severity;
use steward_core::taxonomy::Cwe;
use steward_policy::PolicyError;

use crate::review::{ArchReview, ENGINE};

/// A policy that could not be evaluated on a steward.toml.
pub const POLICY_ERROR_RULE: &str = "arch/policy-error";

/// Reviews steward.toml files.
#[derive(Debug)]
pub struct ArchEngine {
    review: ArchReview,
    rules: Vec<Rule>,
}

fn policy_error_rule() -> Rule {
    let mut r = Rule::new(
        POLICY_ERROR_RULE,
        ENGINE,
        "An architecture policy could not be evaluated",
        Severity::Low,
    );
    r.confidence = Confidence::High;
    r.cwe = vec![Cwe(1059)];
    r.description = "The policy failed on this steward.toml (usually a value of an unexpected type), so what it checks was not checked; the other policies' results stand.".into();
    r.remediation = Some("Report it with the steward.toml, or fix your own policy.".into());
    r
}

impl ArchEngine {
    pub fn new() -> Result<Self, PolicyError> {
        Self::from_review(ArchReview::new()?)
    }

    /// With the user's `(file, source)` policy modules beside the built-in ones.
    pub fn with_policies(extra: Vec<(String, String)>) -> Result<Self, PolicyError> {
        Self::from_review(ArchReview::with_policies(extra)?)
    }

    fn from_review(review: ArchReview) -> Result<Self, PolicyError> {
        let mut rules = review.rules().to_vec();
        rules.push(policy_error_rule());
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(ArchEngine { review, rules })
    }

    pub fn review(&self) -> &ArchReview {
        &self.review
    }

    /// Review one steward.toml's text; a manifest that does not parse gives nothing here
    /// (every command that reads it reports the error, with its line and key).
    pub fn check_text(&self, rel_path: &str, text: &str) -> Vec<Finding> {
        let Ok(manifest) = Manifest::parse(rel_path, text) else {
            return Vec::new();
        };
        let (mut found, errors) = self.review.review(&manifest, rel_path, text);
        found.extend(errors.iter().map(|e| policy_error(rel_path, e)));
        found
    }
}

/// A failed policy as a finding, so a check that did not run never passes silently.
pub fn policy_error(path: &str, e: &PolicyError) -> Finding {
    let rule = policy_error_rule();
    let (policy, message) = match e {
        PolicyError::Eval { policy, message } => (policy.clone(), message.clone()),
        other => ("?".to_string(), other.to_string()),
    };
    let first = message.lines().next().unwrap_or("").trim().to_string();
    Finding::new(
        &rule,
        format!("policy `{policy}` could not be checked: {first}"),
        Location::whole(path),
        policy.as_bytes(),
    )
}

fn is_manifest(rel_path: &str) -> bool {
    rel_path.rsplit('/').next() == Some(MANIFEST_FILE)
}

impl Engine for ArchEngine {
    fn name(&self) -> &'static str {
        ENGINE
    }

    fn rules(&self) -> &[Rule] {
        &self.rules
    }

    fn wants_file(&self, rel_path: &str) -> bool {
        is_manifest(rel_path)
    }

    fn scan_file(&self, file: &SourceFile<'_>, out: &mut Vec<Finding>) {
        let text = String::from_utf8_lossy(file.bytes);
        out.extend(self.check_text(file.rel_path, &text));
    }

    fn scan_tree(&self, tree: &Collected) -> Result<TreeOutput, EngineError> {
        // Design versus reality for the product at the root of the tree: its
        // infrastructure code is the whole tree.
        let Some(file) = tree.files.iter().find(|f| f.rel_path == MANIFEST_FILE) else {
            return Ok(TreeOutput::default());
        };
        let Ok(text) = std::fs::read_to_string(&file.path) else {
            return Ok(TreeOutput::default());
        };
        let Ok(manifest) = Manifest::parse(&file.rel_path, &text) else {
            return Ok(TreeOutput::default());
        };
        Ok(TreeOutput {
            findings: crate::reality::compare(&manifest, &file.rel_path, &text, tree),
            skipped: Vec::new(),
        })
    }
}
