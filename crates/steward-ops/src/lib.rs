//! Monitor probes, security controls as code, and the verified sunset.
//!
//! This engine is not built yet: the `steward` binary reports its commands as
//! "not available yet" until it is. It depends only on `steward-core`.
