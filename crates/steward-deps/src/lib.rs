//! Lockfile parsers, CycloneDX SBOM, the offline OSV advisory database and matching, dependency review.
//!
//! This engine is being built bottom-up. What exists so far is [`version`]:
//! how each package ecosystem orders its versions, which advisory matching
//! will sit on. Lockfile parsing, the SBOM writer, the advisory database and
//! matching come next; until then the `steward` binary reports their
//! commands as "not available yet".

pub mod version;
