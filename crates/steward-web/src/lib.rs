//! Dynamic application security testing: a crawler and checks against a running web
//! application.
//!
//! [`DastEngine::scan`] crawls from a start URL within a [`scope::Scope`] (same origin by
//! default), with a request budget, a rate limit and a concurrency limit
//! ([`client::Limits`]), running the passive checks ([`checks::passive`]) on every
//! response. With [`ScanOptions::active`] it then attacks every parameter it found
//! ([`checks::active`]: reflected XSS confirmed by tokenizing the response, open redirect,
//! path traversal; [`checks::injection`]: SQL injection by error, boolean pairs and
//! statistically confirmed delays, command and template injection; [`checks::stored`]:
//! stored XSS; [`checks::ssrf`]: a callback to a loopback listener) and runs the
//! exposed-file templates ([`templates`], the HTTP subset of Nuclei's format). Every
//! request goes through [`client::HttpClient`], which refuses anything outside the scope,
//! redirect hops included, and logs in again ([`auth`]) when the session is lost.
//! [`openapi`] turns an OpenAPI 3 document into endpoints to attack; [`replay`] resends a
//! recorded finding's request and re-applies its check.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use steward_web::{Cancel, DastEngine, ScanOptions};
//! let engine = DastEngine::new()?;
//! let mut options = ScanOptions::new("http://127.0.0.1:8080/".parse()?);
//! options.active = true;
//! let outcome = engine.scan(&options, Cancel::new()).await?;
//! println!("{} findings in {} requests", outcome.findings.len(), outcome.requests);
//! # Ok(()) }
//! ```

pub mod auth;
pub mod checks;
pub mod client;
pub mod console;
pub mod dsl;
pub mod endpoint;
pub mod html;
pub mod openapi;
pub mod replay;
pub mod rules;
mod scanner;
pub mod scope;
pub mod templates;
#[cfg(feature = "testapp")]
pub mod testapp;

pub use checks::passive::{SensitiveDataDetector, SensitiveValue};
pub use client::{Cancel, Limits};
pub use regex::Regex;
pub use reqwest::Url;
pub use scanner::{DastEngine, DastError, ScanOptions, ScanOutcome, StopReason};
