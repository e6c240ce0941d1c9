//! steward-iac: what infrastructure-as-code declares.
//!
//! Today this crate answers one question for `steward init`: which components (services,
//! databases, caches, queues, buckets, functions, hosts, gateways) does the repository's
//! docker-compose, Kubernetes and Terraform code declare? [`inventory::inventory`] walks the
//! collected files and proposes components for steward.toml, each with the file and line
//! it came from. Misconfiguration scanning with Rego policies comes with the IaC issue.

pub mod inventory;
