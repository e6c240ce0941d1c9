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
//! most bytes are looked at exactly once. Built-in regexes compile on first use.
//!
//! What a finding carries: the location of the secret itself (not the line it is on), the
//! secret redacted to its first characters in the message, the snippet and
//! `properties.redacted` (unless [`SecretsOptions::show_secrets`]), and a fingerprint over
//! the rule, path and secret that is an HMAC under [`SecretsOptions::fingerprint_key`], so
//! a baseline or report cannot be turned back into a short secret by guessing (the
//! project's key and where it lives are described in `steward_core::fingerprint_key`). Paths that look like tests, fixtures, examples or docs lower the confidence
//! one step; a credential whose other half is in the same file (an AWS key id and its
//! secret) raises it and says where the other half is (`properties.paired_with`). Values
//! under `data:` in Kubernetes Secret manifests are base64-decoded before matching.
//!
//! Binary files are not searched, but keystores among them are recognised by structure
//! (PKCS#12, JKS, JCEKS; rules with a `file_format`) and reported as whole files when they
//! hold a key. Large files are scanned piece by piece (`steward_core::piece`).

mod decode;
mod engine;
mod examples;
mod filter;
pub mod history;
mod k8s;
mod keystore;
mod rules;
mod validate;

pub use engine::{SecretsEngine, SecretsOptions, redact};
pub use examples::{ExampleFailure, ExampleKind, ExampleResult, test_rule_dir};
pub use rules::RuleLoadError;
