//! steward-dlp: sensitive-data classifiers over byte streams — card numbers (Luhn and
//! issuer ranges), US SSNs, IBANs (mod 97), emails, phones, IP addresses, Singapore
//! NRIC/FIN, Argentine CUIT/CUIL and DNI, Spanish DNI/NIE, Italian codice fiscale, Dutch
//! BSN, Belgian national numbers, Polish PESEL, Swedish personnummer, Finnish HETU, dates
//! of birth, medical record numbers, US Medicare MBIs and NHS numbers.
//!
//! ```
//! let hits = steward_dlp::classify_bytes(b"card: 4111 1111 1111 1111");
//! assert_eq!(hits[0].class, steward_dlp::Class::CardNumber);
//! assert_eq!(hits[0].masked, "4111 **** **** 1111");
//! let summary = steward_dlp::summarize(&hits);
//! assert_eq!(summary.data_classes(), ["cardholder"]);
//! ```
//!
//! [`classify_bytes`] gives [`Hit`]s (class, byte range, score, confidence, masked value);
//! [`summarize`] counts them per class for one object; [`DlpEngine`] is the steward
//! [`Engine`](steward_core::engine::Engine) that turns them into findings `dlp/<class>`.
//! Matched values are never kept in clear: hits carry a [`mask`]ed form, findings a masked
//! snippet and a fingerprint of the value keyed with the project's key (see [`DlpEngine`]).
//!
//! # Confidence
//!
//! Each class's rule file (`rules/<class>.yml`) gives a base `score` (0-100) for a valid
//! value. The nearest keyword in the `context.window` bytes before the value adjusts it:
//! one of the class's `keywords` adds `boost`, one of the `negative` keywords (the
//! class's and `rules/context.yml`'s: "order id", "tracking", "isbn", "uuid",
//! "version", ...) subtracts `penalty`. Classes with `required: true` (and bare digit
//! runs of formatted ids) count only with a class keyword before them. Scores of 75 and
//! more are high confidence, 50-74 medium, below 50 low; below `min_score` nothing is
//! reported. Published test card numbers (4111 1111 1111 1111 and the like) are capped at
//! low confidence and carry `test_card: true`.
//!
//! # Objects
//!
//! [`DlpEngine::scan_object`] takes an object's bytes as stored (text, gzip, zip, docx,
//! xlsx, pptx, PDF), extracts its text within [`Limits`] (total size, compression ratio,
//! entries, nesting: zip bombs are skipped with a reason) and returns the findings, the
//! per-object [`ClassSummary`] and what was skipped.

mod checksum;
mod class;
mod container;
mod context;
mod engine;
mod mask;
mod pdf;
pub mod placement;
mod rules;
mod scan;
mod swar;

use std::sync::OnceLock;

pub use checksum::{CardIssuer, TEST_CARDS};
pub use class::Class;
pub use container::{Extracted, Limits, TextPart, extract_text, xml_text};
pub use engine::{
    ClassStats, ClassSummary, DlpEngine, ObjectScan, SensitiveDataDetector, findings_for_hits,
    summarize,
};
pub use mask::mask;
pub use rules::{ClassRule, RuleLoadError, RuleSet};
pub use scan::{Classifier, Detail, Hit};

/// Checksum validators, for callers that hold one value (a database column's cell).
pub mod validate {
    pub use crate::checksum::{
        ar_cuit, be_national_number, card_issuer, es_dni, es_nie, fi_hetu, iban, it_codice_fiscale,
        luhn, nl_bsn, pl_pesel, se_personnummer, sg_nric, uk_nhs, us_mbi, us_ssn,
    };
}

/// The classifier with the built-in rules, built once.
///
/// The built-in rule files are part of this crate and checked by its tests, so they
/// always load; if a bad edit slipped through, every class is still reported by
/// [`RuleSet::builtin`]'s error from [`DlpEngine::new`].
pub fn default_classifier() -> Option<&'static Classifier> {
    static CLASSIFIER: OnceLock<Option<Classifier>> = OnceLock::new();
    CLASSIFIER
        .get_or_init(|| Classifier::builtin().ok())
        .as_ref()
}

/// Every sensitive value in `bytes`, with the built-in rules.
pub fn classify_bytes(bytes: &[u8]) -> Vec<Hit> {
    default_classifier().map_or_else(Vec::new, |c| c.classify(bytes))
}
