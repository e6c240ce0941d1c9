//! steward-plan: the requirement catalog and which of its requirements a product has.
//!
//! The catalog is data (`catalog/*.toml` at the repository root, one file per security
//! domain, format in `catalog/README.md`), compiled into the binary so it works offline.
//! [`embedded`] parses and checks it once; [`applicable`] selects the requirements a
//! product's steward.toml calls for, each with the facts that selected it and the frameworks
//! (PCI DSS, HIPAA, GDPR, MAS TRM, BCRA, ASVS, NIST SP 800-53) it serves for that product.
//!
//! ```no_run
//! use steward_core::manifest::Manifest;
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let manifest = Manifest::load("steward.toml".as_ref())?;
//! for selected in steward_plan::applicable(&manifest)? {
//!     let why: Vec<String> = selected.reasons.iter().map(|r| r.to_string()).collect();
//!     println!("{} {} ({})", selected.id, selected.title, why.join("; "));
//! }
//! # Ok(()) }
//! ```

use std::sync::OnceLock;

use steward_core::manifest::Manifest;

pub mod applicability;
pub mod catalog;
pub mod dfd;
pub mod engine;
pub mod framework;
pub mod lenient;
pub mod oscal;
pub mod reality;
pub mod review;
pub mod stack;
pub mod status;

pub use applicability::{Reason, Selected};
pub use catalog::{
    Applicability, Catalog, CatalogError, CatalogErrors, Condition, Domain, Reference, Requirement,
};
pub use engine::ArchEngine;
pub use framework::{Basis, Framework, FrameworkScope, frameworks_in_scope};
pub use review::ArchReview;
pub use status::{Assessment, Attestation, Evidence, ScanEvidence, Status};

macro_rules! catalog_files {
    ($($name:literal),* $(,)?) => {
        &[$((concat!("catalog/", $name, ".toml"), include_str!(concat!("../../../catalog/", $name, ".toml")))),*]
    };
}

/// The catalog files compiled in, as `(path from the repository root, text)`, in the order
/// the domains are presented.
pub const EMBEDDED_FILES: &[(&str, &str)] = catalog_files!(
    "auth",
    "session",
    "access",
    "input",
    "crypto",
    "secrets",
    "logging",
    "data",
    "network",
    "config",
    "deps",
    "vuln",
    "backup",
    "incident",
    "third-party",
    "change",
    "sunset",
);

/// The compiled-in catalog, parsed and checked on first use.
pub fn embedded() -> Result<&'static Catalog, &'static CatalogErrors> {
    static CATALOG: OnceLock<Result<Catalog, CatalogErrors>> = OnceLock::new();
    CATALOG
        .get_or_init(|| Catalog::from_files(EMBEDDED_FILES.iter().copied()))
        .as_ref()
}

/// The compiled-in catalog's requirements that apply to `manifest`'s product; see
/// [`Catalog::applicable`].
pub fn applicable(manifest: &Manifest) -> Result<Vec<Selected<'static>>, &'static CatalogErrors> {
    Ok(embedded()?.applicable(manifest))
}
