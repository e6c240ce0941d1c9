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
    /// The example as written; a whole-file example is named by its place and size.
    pub text: String,
}

/// The outcome of one rule's examples.
#[derive(Debug, Clone)]
pub struct ExampleResult {
    pub rule_id: String,
    /// The rule file it came from.
    pub source: String,
    /// Examples that must match, text and whole files (`file_examples`) together.
    pub examples: usize,
    /// Examples that must not, text and whole files together.
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
    /// on its own with all the engine's rules, and its `file_examples` and
    /// `negative_file_examples` as whole files.
    pub fn check_examples(&self) -> Vec<ExampleResult> {
        self.compiled_rules()
            .iter()
            .map(|compiled| {
                let rule = &compiled.rule;
                let mut failures = Vec::new();
                let found = |text: &str| {
                    self.scan_bytes(EXAMPLE_PATH, text.as_bytes())
                        .iter()
                        .any(|f| f.rule_id == rule.id)
                };
                let file_found = |bytes: &[u8]| {
                    self.scan_file_content(EXAMPLE_PATH, bytes)
                        .0
                        .iter()
                        .any(|f| f.rule_id == rule.id)
                };
                let file_name =
                    |i: usize, b: &[u8]| format!("file example {} ({} bytes)", i + 1, b.len());
                for (i, bytes) in compiled.file_examples.iter().enumerate() {
                    if !file_found(bytes) {
                        failures.push(ExampleFailure {
                            kind: ExampleKind::ShouldMatch,
                            text: file_name(i, bytes),
                        });
                    }
                }
                for (i, bytes) in compiled.negative_file_examples.iter().enumerate() {
                    if file_found(bytes) {
                        failures.push(ExampleFailure {
                            kind: ExampleKind::ShouldNotMatch,
                            text: format!("negative {}", file_name(i, bytes)),
                        });
                    }
                }
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
                    examples: rule.examples.len() + compiled.file_examples.len(),
                    negative_examples: rule.negative_examples.len()
                        + compiled.negative_file_examples.len(),
                    failures,
                }
            })
            .collect()
    }
}
