//! Secret detection in files and git history: provider rules, generic credentials, redaction.
//!
//! This engine is not built yet: the `steward` binary reports its commands as
//! "not available yet" until it is. It depends only on `steward-core`.
