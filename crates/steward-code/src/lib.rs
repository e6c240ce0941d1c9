//! Static analysis on tree-sitter syntax trees, with taint tracking.
//!
//! This engine is not built yet: the `steward` binary reports its commands as
//! "not available yet" until it is. It depends only on `steward-core`.
