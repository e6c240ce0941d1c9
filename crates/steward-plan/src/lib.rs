//! The requirement catalog, applicability, architecture review, traceability and OSCAL.
//!
//! This engine is not built yet: the `steward` binary reports its commands as
//! "not available yet" until it is. It depends only on `steward-core`.
