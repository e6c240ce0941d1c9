//! Terraform, Kubernetes, Dockerfile, docker-compose, CloudFormation and Ansible parsed into policy input.
//!
//! This engine is not built yet: the `steward` binary reports its commands as
//! "not available yet" until it is. It depends only on `steward-core`.
