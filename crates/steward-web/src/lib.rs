//! Dynamic application security testing: crawler and checks against a running web application.
//!
//! This engine is not built yet: the `steward` binary reports its commands as
//! "not available yet" until it is. It depends only on `steward-core`.
