//! Lockfile parsers, CycloneDX SBOM, the offline OSV advisory database and matching, dependency review.
//!
//! The pieces, bottom-up:
//!
//! - [`version`]: how each package ecosystem orders its versions.
//! - [`lockfile`]: what each of 16 lockfile and manifest formats pins, with lines, scopes
//!   (direct or transitive, dev or runtime), hashes and the dependency graph.
//! - [`sbom`]: CycloneDX 1.5 from the lockfiles.
//! - [`db`]: the offline advisory database (SQLite), imported from OSV exports, RustSec,
//!   RubySec and FriendsOfPHP, from files or a mirror's URLs; [`advisory`] is its record.
//! - [`matching`]: whether an advisory covers a pinned version, by the ecosystem's rules;
//!   [`cvss`] scores the advisories' CVSS v3 and v4 vectors.
//! - [`engine`]: the `deps` engine of `steward scan`, one finding per vulnerability.
//! - [`review`]: the dependency part of `steward review`, with [`release`] telling yanked
//!   and days-old releases where that is known offline.
//!
//! # Reading lockfiles
//!
//! [`detect`] names a file's format from its name, and [`parse`] turns its
//! text into a [`Lockfile`] of [`Package`]s, each with the line it is on:
//!
//! ```
//! use steward_deps::{detect, parse, Scope};
//!
//! let text = "module example.com/app\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgolang.org/x/net v0.17.0 // indirect\n)\n";
//! let kind = detect("svc/go.mod").unwrap();
//! let lock = parse(kind, "svc/go.mod", text).unwrap();
//! let net = &lock.packages[1];
//! assert_eq!((net.name.as_str(), net.version.as_deref()), ("golang.org/x/net", Some("v0.17.0")));
//! assert_eq!((net.scope, net.line), (Scope::Transitive, 5));
//!
//! // A malformed file is an error naming the file, the line and the problem.
//! let err = parse(kind, "svc/go.mod", "require (\n\tgithub.com/a/b\n)\n").unwrap_err();
//! assert_eq!(err.to_string(), "svc/go.mod:2: not a valid go.mod: a require needs a module path and a version: `github.com/a/b`");
//! ```
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

pub mod advisory;
pub mod cvss;
pub mod db;
pub mod engine;
pub mod lockfile;
pub mod matching;
pub mod package;
pub mod release;
pub mod requirement;
pub mod review;
pub mod sbom;
pub mod version;

pub use lockfile::{LockfileError, detect, parse, parse_in_tree, parse_with};
pub use package::{Dependency, Hash, Lockfile, LockfileKind, Package, Scope};
