//! Lockfile parsers, CycloneDX SBOM, the offline OSV advisory database and matching, dependency review.
//!
//! This engine is being built bottom-up. What exists so far is [`version`]:
//! how each package ecosystem orders its versions, which advisory matching
//! will sit on. Lockfile parsing, the SBOM writer, the advisory database and
//! matching come next; until they exist the `steward` binary reports their
//! commands as "not available yet".
//!
//! # Ordering versions
//!
//! [`version::Ecosystem`] names an ecosystem as OSV does (`"crates.io"`,
//! `"npm"`, `"Go"`, `"PyPI"`, `"Maven"`, `"RubyGems"`, `"NuGet"`,
//! `"Packagist"`, `"Debian"`, `"Alpine"`, `"Red Hat"`, …; suffixed forms such
//! as `"Debian:12"` parse too). Each ecosystem has its own parser and
//! comparator, written from the ecosystem's reference implementation with no
//! version-parsing dependency:
//!
//! ```
//! use std::cmp::Ordering;
//! use steward_deps::version::{compare, Ecosystem};
//!
//! let pypi: Ecosystem = "PyPI".parse().unwrap();
//! assert_eq!(compare(pypi, "1.0.dev0", "1.0a1.dev0").unwrap(), Ordering::Less);
//!
//! // Parse once, compare many times.
//! let fixed = Ecosystem::Debian.parse_version("1.2.3-1+deb12u1").unwrap();
//! let installed = Ecosystem::Debian.parse_version("1.2.3-1").unwrap();
//! assert!(installed < fixed);
//!
//! // Invalid versions are errors that say what is wrong.
//! let err = compare(Ecosystem::Npm, "1.2.3.4", "1.0.0").unwrap_err();
//! assert!(err.to_string().contains("more than 3 numbers"));
//! ```
//!
//! The [`version`] module documents each ecosystem's rules, how they were
//! checked against 71,972 real comparisons, and the fixture rows steward
//! rejects or disagrees with, and why.

pub mod lockfile;
pub mod package;
pub mod version;

pub use lockfile::{LockfileError, detect, parse, parse_with};
pub use package::{Dependency, Hash, Lockfile, LockfileKind, Package, Scope};
