//! Class rules as data: one YAML file per class in `rules/` (metadata, base score, context
//! keywords, examples) plus `rules/context.yml` for the keywords that lower every class's
//! confidence. The validators stay in Rust; the files configure how sure a hit is.

use serde::Deserialize;
use steward_core::{Confidence, Cwe, Owasp, Rule, Severity};

use crate::class::Class;

/// The built-in rule files, embedded at build time. A test checks there is one per class.
const RULE_FILES: &[(&str, &str)] = &[
    ("card-number.yml", include_str!("../rules/card-number.yml")),
    ("us-ssn.yml", include_str!("../rules/us-ssn.yml")),
    ("iban.yml", include_str!("../rules/iban.yml")),
    ("email.yml", include_str!("../rules/email.yml")),
    ("phone.yml", include_str!("../rules/phone.yml")),
    ("ip-address.yml", include_str!("../rules/ip-address.yml")),
    ("sg-nric.yml", include_str!("../rules/sg-nric.yml")),
    ("ar-cuit.yml", include_str!("../rules/ar-cuit.yml")),
    ("ar-dni.yml", include_str!("../rules/ar-dni.yml")),
    ("es-dni.yml", include_str!("../rules/es-dni.yml")),
    ("es-nie.yml", include_str!("../rules/es-nie.yml")),
    (
        "it-codice-fiscale.yml",
        include_str!("../rules/it-codice-fiscale.yml"),
    ),
    ("nl-bsn.yml", include_str!("../rules/nl-bsn.yml")),
    (
        "be-national-number.yml",
        include_str!("../rules/be-national-number.yml"),
    ),
    ("pl-pesel.yml", include_str!("../rules/pl-pesel.yml")),
    (
        "se-personnummer.yml",
        include_str!("../rules/se-personnummer.yml"),
    ),
    ("fi-hetu.yml", include_str!("../rules/fi-hetu.yml")),
    (
        "date-of-birth.yml",
        include_str!("../rules/date-of-birth.yml"),
    ),
    (
        "medical-record-number.yml",
        include_str!("../rules/medical-record-number.yml"),
    ),
    ("us-mbi.yml", include_str!("../rules/us-mbi.yml")),
    (
        "uk-nhs-number.yml",
        include_str!("../rules/uk-nhs-number.yml"),
    ),
];

const CONTEXT_FILE: &str = include_str!("../rules/context.yml");

/// Why the built-in rule files could not be used (a bug in this crate's data, caught by
/// its tests; reported rather than panicking so a bad edit says where it is).
#[derive(Debug, thiserror::Error)]
pub enum RuleLoadError {
    #[error("{file}: not a valid DLP rule file: {message}")]
    Parse { file: String, message: String },
    #[error("{file}: rule id `{id}` names no known class (expected dlp/<class>)")]
    UnknownClass { file: String, id: String },
    #[error("context keywords: {message}")]
    Keywords { message: String },
    #[error("no rule file for class `{0}`")]
    Missing(&'static str),
    /// The engine's own fingerprint key could not be made (the system's random source failed).
    #[error("making a fingerprint key: {0}")]
    FingerprintKey(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    title: String,
    severity: Severity,
    cwe: Vec<Cwe>,
    owasp: Owasp,
    #[serde(default)]
    requirements: Vec<String>,
    description: String,
    rationale: String,
    remediation: String,
    #[serde(default)]
    references: Vec<String>,
    /// Score (0-100) of a valid value with no keyword nearby.
    score: i32,
    context: ContextSpec,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    negative_examples: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextSpec {
    /// Bytes before the value searched for keywords.
    #[serde(default = "default_window")]
    window: usize,
    /// Whether a value counts only with one of `keywords` before it.
    #[serde(default)]
    required: bool,
    keywords: Vec<String>,
    /// Class-specific keywords that lower the score, on top of `context.yml`'s.
    #[serde(default)]
    negative: Vec<String>,
}

fn default_window() -> usize {
    48
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GlobalContextSpec {
    boost: i32,
    penalty: i32,
    min_score: i32,
    negative: Vec<String>,
}

/// One class's rule and scoring, ready to use.
#[derive(Debug, Clone)]
pub struct ClassRule {
    pub class: Class,
    pub rule: Rule,
    pub score: i32,
    pub window: usize,
    pub required: bool,
    /// Lower-case keywords.
    pub keywords: Vec<Vec<u8>>,
    /// Lower-case negative keywords (the class's and the global ones).
    pub negative: Vec<Vec<u8>>,
}

/// Every class's rule, indexed by `Class::index`, and the shared scoring constants.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub classes: Vec<ClassRule>,
    pub boost: i32,
    pub penalty: i32,
    pub min_score: i32,
}

fn lower(words: &[String]) -> Vec<Vec<u8>> {
    words
        .iter()
        .map(|w| w.to_ascii_lowercase().into_bytes())
        .collect()
}

impl RuleSet {
    /// Parse the built-in rule files.
    pub fn builtin() -> Result<RuleSet, RuleLoadError> {
        let global: GlobalContextSpec =
            serde_saphyr::from_str(CONTEXT_FILE).map_err(|e| RuleLoadError::Parse {
                file: "context.yml".into(),
                message: e.to_string(),
            })?;
        let global_negative = lower(&global.negative);
        let mut slots: Vec<Option<ClassRule>> = vec![None; Class::ALL.len()];
        for (file, text) in RULE_FILES {
            let spec: RuleSpec =
                serde_saphyr::from_str(text).map_err(|e| RuleLoadError::Parse {
                    file: (*file).into(),
                    message: e.to_string(),
                })?;
            let class = Class::from_id(&spec.id).ok_or_else(|| RuleLoadError::UnknownClass {
                file: (*file).into(),
                id: spec.id.clone(),
            })?;
            let mut negative = lower(&spec.context.negative);
            negative.extend(global_negative.iter().cloned());
            let rule = Rule {
                id: class.rule_id(),
                engine: "dlp".into(),
                title: spec.title,
                severity: spec.severity,
                confidence: Confidence::Medium,
                cwe: spec.cwe,
                owasp: Some(spec.owasp),
                requirements: spec.requirements,
                description: spec.description,
                rationale: Some(spec.rationale),
                remediation: Some(spec.remediation),
                references: spec.references,
                examples: spec.examples,
                negative_examples: spec.negative_examples,
            };
            slots[class.index()] = Some(ClassRule {
                class,
                rule,
                score: spec.score,
                window: spec.context.window.min(256),
                required: spec.context.required,
                keywords: lower(&spec.context.keywords),
                negative,
            });
        }
        let mut classes = Vec::with_capacity(slots.len());
        for (slot, class) in slots.into_iter().zip(Class::ALL) {
            classes.push(slot.ok_or(RuleLoadError::Missing(class.id()))?);
        }
        Ok(RuleSet {
            classes,
            boost: global.boost,
            penalty: global.penalty,
            min_score: global.min_score,
        })
    }

    pub fn get(&self, class: Class) -> &ClassRule {
        &self.classes[class.index()]
    }
}
