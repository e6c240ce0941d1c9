//! Monitor probes, security controls as code, and the verified sunset.
//!
//! What exists so far: the [`exposure`] probes `steward monitor run` uses to check that the
//! services steward.toml names as assets (Redis, PostgreSQL) do not answer without
//! credentials or with default ones. Controls and sunset are not built yet. This crate
//! depends only on `steward-core` (and the protocols' client crates).

pub mod cloud;
pub mod controls;
pub mod database;
pub mod dns;
pub mod exposure;
pub mod posture;
pub mod protocols;
pub mod storage;
pub mod sunset;
