//! steward-core: the model every steward engine and command shares.
//!
//! An engine implements [`engine::Engine`] and emits [`finding::Finding`]s for the
//! [`rule::Rule`]s it knows. The binary collects files with [`collect::collect`], runs the
//! engines with [`engine::run_engines`], applies [`triage::triage`] (suppressions, baseline,
//! overrides, the gate) and renders a [`report::Report`] in the format asked for.
//! [`manifest::Manifest`] is the steward.toml every command reads.

pub mod baseline;
pub mod collect;
pub mod engine;
pub mod finding;
pub mod fingerprint_key;
pub mod manifest;
pub mod output;
pub mod piece;
pub mod redact;
pub mod report;
pub mod rule;
pub mod schedule;
pub mod severity;
pub mod suppress;
pub mod taxonomy;
pub mod triage;

pub use finding::{Finding, Fingerprint, LineIndex, Location};
pub use fingerprint_key::FingerprintKey;
pub use redact::redact_url;
pub use rule::{Rule, RuleCatalog};
pub use severity::{Confidence, FailOn, Severity};
pub use taxonomy::{Cwe, Owasp};
