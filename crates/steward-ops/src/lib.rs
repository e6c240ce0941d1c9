//! Monitor probes, security controls as code, and the verified sunset.
//!
//! What exists so far: the [`exposure`] probes `steward monitor run` uses to check that the
//! services steward.toml names as assets (Redis, PostgreSQL) do not answer without
//! credentials or with default ones; and the verified [`sunset`]: the decommission inventory,
//! the checks that prove each item gone (over the small S3/KMS client in [`cloud`] and the
//! DNS client in [`dns`]), and signed certificates of sanitization. This crate depends only
//! on `steward-core` (and the protocols' client crates).

pub mod cloud;
pub mod configfile;
pub mod controls;
pub mod database;
pub mod dns;
pub mod drift;
pub mod exposure;
pub mod mysql;
pub mod notify;
pub mod posture;
pub mod protocols;
pub mod storage;
pub mod sunset;
pub mod tls;
