//! Secret detection: finds hard-coded credentials (cloud keys, API tokens, private keys,
//! connection strings, generic passwords) in file contents, and reports them redacted.
//!
//! Rules are YAML data under `rules/`, embedded in the binary; users add their own
//! directories with [`SecretsEngine::with_extra_rules`]. Each rule lists literal
//! `keywords`, a `pattern` with a `secret` capture group, and optional `entropy`,
//! `checksum` and `filter` checks, plus `examples` and `negative_examples` that
//! [`test_rule_dir`] verifies.
//!
//! ```no_run
//! use steward_secrets::{SecretsEngine, SecretsOptions};
//! let engine = SecretsEngine::new(SecretsOptions::default())?;
//! for finding in engine.scan_bytes("config/app.env", b"GITHUB_TOKEN=...") {
//!     println!("{} {}", finding.location, finding.message);
//! }
//! # Ok::<(), steward_secrets::RuleLoadError>(())
//! ```
//!
//! Speed comes from the shape of the work: one Aho-Corasick pass over each file finds all
//! rules' keywords at once, and regexes only run on small windows around those hits, so
//! most bytes are looked at exactly once.

mod engine;
mod examples;
mod filter;
mod k8s;
mod rules;
mod validate;

pub use engine::{SecretsEngine, SecretsOptions, redact};
pub use examples::{ExampleFailure, ExampleKind, ExampleResult, test_rule_dir};
pub use rules::RuleLoadError;
pub use validate::base62_checksum;

/// CRC-32 (IEEE), as GitHub and npm tokens use for their checksum suffix.
pub fn crc32(bytes: &[u8]) -> u32 {
    validate::crc32(bytes)
}
