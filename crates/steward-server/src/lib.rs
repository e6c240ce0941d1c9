//! The team server: HTTP API and dashboard over the evidence ledger.
//!
//! This engine is not built yet: the `steward` binary reports its commands as
//! "not available yet" until it is. It depends only on `steward-core`.
