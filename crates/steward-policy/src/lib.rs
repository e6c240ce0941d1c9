//! steward-policy: Rego v1 evaluation shared by IaC scanning, the steward.toml
//! architecture review, monitoring posture and control checks.
//!
//! # The contract
//!
//! **Input.** A [`Document`]: any JSON value (`input` in Rego), its `kind` (`dockerfile`,
//! `kubernetes`, `terraform`, `steward-manifest`, ...) and a [`SourceMap`], the side table
//! the parser filled with the line and column of every value it placed, keyed by
//! [`DocPath`], plus aliases (a Terraform address, a Kubernetes `Kind/name`) that stand for
//! a path.
//!
//! **Policies.** Rego v1 modules. A module's result rules are `deny`, `violation` and
//! `warn` (Conftest and Gatekeeper names), usually partial sets:
//!
//! ```rego
//! package steward.iac.dockerfile.user_root
//!
//! __rego_metadata__ := {"id": "iac/dockerfile/user-root", "title": "...", "severity": "high",
//!                       "formats": ["dockerfile"]}
//!
//! deny contains {"msg": "...", "path": ["stages", 0, "instructions", 3]} if { ... }
//! ```
//!
//! Each result is a string (a message) or an object with `msg` and a location hint:
//! `path` (an array of keys and indexes, a JSON pointer or a dotted path) or `address`
//! (an alias from the source map). Metadata lives in a `__rego_metadata__` rule (see
//! [`PolicyMeta`]); modules without it still run, with an id derived from their package.
//!
//! **Output.** [`Violation`]s: the policy, the message, the path and the position it maps
//! to. A path with no recorded position falls back to its nearest ancestor that has one,
//! so "this block lacks X" lands on the block.
//!
//! **Speed.** [`PolicySet::with_vm`] runs the policies a caller vouches for (its own, tested
//! ones) compiled in regorus's register virtual machine, several times faster than its
//! interpreter on small documents; everything else runs in the interpreter.
//!
//! **Builtins.** regorus is built with only `std`, `arc`, `regex`, `cache`, `net` and `rvm`;
//! the CIDR builtins it lacks (`net.cidr_intersects`, `net.cidr_overlap`) are our own
//! extensions, registered on every set (`net.cidr_contains` and `net.cidr_is_valid` are
//! regorus's).
//!
//! ```
//! use steward_policy::{Document, PolicySet, SourceMap};
//! let rego = r#"package demo
//! __rego_metadata__ := {"id": "demo/open", "title": "Open to the world", "severity": "high"}
//! deny contains {"msg": "open", "path": ["rules", i]} if {
//!     some i
//!     net.cidr_contains(input.rules[i], "203.0.113.9")
//! }"#;
//! let set = PolicySet::load([("demo.rego".to_string(), rego.to_string())]).unwrap();
//! let doc = Document {
//!     kind: "demo".into(),
//!     input: serde_json::json!({"rules": ["10.0.0.0/8", "0.0.0.0/0"]}),
//!     source_map: SourceMap::new(),
//! };
//! let found = set.evaluate(&doc, |_| true).violations;
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].path.as_ref().unwrap().to_string(), "rules[1]");
//! ```

pub mod cidr;
pub mod path;
pub mod policy;
pub mod testing;
mod vm;

pub use path::{DocPath, Position, Segment, SourceMap};
pub use policy::{
    Document, Evaluation, Policy, PolicyError, PolicyMeta, PolicySet, ResultKind, Violation,
};
pub use regorus;
pub use testing::{TestOutcome, read_policy_dir, run_tests};
