//! steward-iac: what infrastructure-as-code declares, and what is wrong with it.
//!
//! [`inventory::inventory`] proposes steward.toml components from compose, Kubernetes and
//! Terraform files (for `steward init`). [`IacEngine`] parses Dockerfiles, docker-compose
//! files, Kubernetes manifests, Terraform (HCL, `.tfvars` and plan JSON), CloudFormation
//! and Ansible into policy input documents with source positions and evaluates the
//! built-in Rego policies under `policies/<format>/`.

pub mod ansible;
pub mod cloudformation;
pub mod dockerfile;
pub mod engine;
pub mod inventory;
pub mod json;
pub mod terraform;
pub mod terraform_plan;
pub mod yaml;

pub use engine::{Format, IacEngine};
pub use steward_policy;

/// A file that could not be parsed, with the line the parser stopped at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    /// 1-based line (0 when unknown).
    pub line: u32,
    /// What the parser said.
    pub message: String,
}
