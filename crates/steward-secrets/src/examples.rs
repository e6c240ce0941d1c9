//! Every rule carries examples that must match and examples that must not; this checks
//! them. The crate's tests run it over the built-in rules and `steward rules test DIR`
//! runs it over a user's rule directory.

use std::path::Path;

use crate::engine::{SecretsEngine, SecretsOptions};
use crate::rules::RuleLoadError;

/// The path examples are scanned as: no extension, so both quoted and unquoted values
/// count as literals, as they would in a config file.
const EXAMPLE_PATH: &str = "example";

/// Whether an example was meant to match or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExampleKind {
    /// From `examples`: the rule must find a secret in it.
    ShouldMatch,
    /// From `negative_examples`: the rule must find nothing in it.
    ShouldNotMatch,
}

/// One example that did not behave as its rule says.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    pub kind: ExampleKind,
    pub text: String,
}

/// The outcome of one rule's examples.
#[derive(Debug, Clone)]
pub struct ExampleResult {
    pub rule_id: String,
    /// The rule file it came from.
    pub source: String,
    pub examples: usize,
    pub negative_examples: usize,
    pub failures: Vec<ExampleFailure>,
}

impl ExampleResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Load the rules in `dir` (alone, without the built-in ones) and check every rule's
/// examples. A rule file that does not load is an error naming the file and problem.
pub fn test_rule_dir(dir: &Path) -> Result<Vec<ExampleResult>, RuleLoadError> {
    let engine = SecretsEngine::from_rule_dir(
        SecretsOptions {
            show_secrets: true,
            ..Default::default()
        },
        dir,
    )?;
    Ok(engine.check_examples())
}

impl SecretsEngine {
    /// Check every loaded rule's `examples` and `negative_examples`, scanning each example
    /// on its own with all the engine's rules.
    pub fn check_examples(&self) -> Vec<ExampleResult> {
        self.rules()
            .iter()
            .map(|rule| {
                let mut failures = Vec::new();
                let found = |text: &str| {
                    self.scan_bytes(EXAMPLE_PATH, text.as_bytes())
                        .iter()
                        .any(|f| f.rule_id == rule.id)
                };
                for text in &rule.examples {
                    if !found(text) {
                        failures.push(ExampleFailure {
                            kind: ExampleKind::ShouldMatch,
                            text: text.clone(),
                        });
                    }
                }
                for text in &rule.negative_examples {
                    if found(text) {
                        failures.push(ExampleFailure {
                            kind: ExampleKind::ShouldNotMatch,
                            text: text.clone(),
                        });
                    }
                }
                ExampleResult {
                    rule_id: rule.id.clone(),
                    source: self.rule_source(&rule.id).unwrap_or_default().to_string(),
                    examples: rule.examples.len(),
                    negative_examples: rule.negative_examples.len(),
                    failures,
                }
            })
            .collect()
    }
}
