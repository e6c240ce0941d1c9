//! Lockfile parsers, CycloneDX SBOM, the offline OSV advisory database and matching, dependency review.
//!
//! This engine is not built yet: the `steward` binary reports its commands as
//! "not available yet" until it is. It depends only on `steward-core`.
