//! Secret rules as data: the YAML format, loading (built-in files embedded at build time and
//! user directories at run time) and compiling each rule's keywords and patterns.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;
use steward_core::{Confidence, Cwe, Owasp, Rule, Severity};

use crate::filter::ValueFilter;
use crate::keystore::FileFormat;
use crate::validate::Checksum;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Bytes searched on each side of a keyword hit, unless the rule asks for more.
const DEFAULT_WINDOW: usize = 256;
/// Largest window a rule may ask for.
const MAX_WINDOW: usize = 64 * 1024;

/// Why a rule file could not be used. Every variant names the file, and the rule when
/// there is one, so the user knows what to fix.
#[derive(Debug, thiserror::Error)]
pub enum RuleLoadError {
    #[error("reading rules from {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: not a valid rule file: {message}")]
    Parse { file: String, message: String },
    #[error("{file}: rule `{rule}`: {message}")]
    Invalid {
        file: String,
        rule: String,
        message: String,
    },
    #[error("rule `{rule}` is defined twice: in {first} and in {second}; rule ids must be unique")]
    Duplicate {
        rule: String,
        first: String,
        second: String,
    },
}

/// One rule file: a list of rules, usually all for one provider.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFileSpec {
    rules: Vec<RuleSpec>,
}

/// One rule as written in YAML. `cwe` and `owasp` default to CWE-798 and A07:2021, the
/// category every leaked credential falls in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    title: String,
    severity: Severity,
    #[serde(default)]
    confidence: Option<Confidence>,
    #[serde(default)]
    cwe: Option<Vec<Cwe>>,
    #[serde(default)]
    owasp: Option<Owasp>,
    #[serde(default)]
    requirements: Vec<String>,
    description: String,
    #[serde(default)]
    rationale: Option<String>,
    #[serde(default)]
    remediation: Option<String>,
    #[serde(default)]
    references: Vec<String>,
    /// Literals, matched ASCII-case-insensitively, one of which must occur for the rule's
    /// patterns to run at all. Not needed by a rule that only has a `file_format`.
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    pattern: Option<PatternSpec>,
    #[serde(default)]
    patterns: Vec<PatternSpec>,
    /// The rule whose finding completes this one's credential (an AWS key id and its
    /// secret key): when both are in one file, each finding says so and is more certain.
    #[serde(default)]
    pair: Option<String>,
    /// Minimum Shannon entropy (bits per byte) of the secret.
    #[serde(default)]
    entropy: Option<f64>,
    /// Name of a structural validator the secret must pass (see `validate::Checksum`).
    #[serde(default)]
    checksum: Option<String>,
    /// Name of a value filter that rejects placeholders (see `filter::ValueFilter`).
    #[serde(default)]
    filter: Option<String>,
    /// Bytes searched on each side of a keyword hit.
    #[serde(default)]
    window: Option<usize>,
    /// When two rules find overlapping secrets, only the higher priority one reports.
    #[serde(default)]
    priority: i32,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    negative_examples: Vec<String>,
    /// A binary format (see `keystore::FileFormat`) whose files the rule reports whole,
    /// whatever they are named.
    #[serde(default)]
    file_format: Option<String>,
    /// Whole files, base64-encoded, that must produce a finding of this rule.
    #[serde(default)]
    file_examples: Vec<String>,
    /// Whole files, base64-encoded, that must not.
    #[serde(default)]
    negative_file_examples: Vec<String>,
}

/// A regex, optionally only for files whose path matches `paths` (a regex): a key named
/// just `api_key` means Datadog in `datadog.yaml` and nothing in particular elsewhere.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum PatternSpec {
    Everywhere(String),
    Scoped { regex: String, paths: String },
}

/// One compiled pattern.
#[derive(Debug)]
pub(crate) struct CompiledPattern {
    source: String,
    /// The regex and the index of its capture group that holds the secret, built on first
    /// use: most rules never see a keyword in a given scan, and compiling all of them up
    /// front would cost every short scan (an editor's, a pre-commit hook's) ~50 ms.
    compiled: OnceLock<Option<(Regex, usize)>>,
    /// Only files whose relative path matches this.
    pub paths: Option<regex::Regex>,
}

impl CompiledPattern {
    /// The compiled regex and secret group; `None` only if the pattern does not compile,
    /// which loading has already ruled out for user rules and the tests for built-in ones.
    pub fn regex(&self) -> Option<&(Regex, usize)> {
        self.compiled
            .get_or_init(|| build_regex(&self.source).ok())
            .as_ref()
    }
}

fn build_regex(src: &str) -> Result<(Regex, usize), regex::Error> {
    // Byte-oriented matching: `\w`, `\s` and `.` are ASCII classes (Unicode ones make
    // compilation many times slower), and non-ASCII bytes match negated classes, so a
    // secret in a Latin-1 file is still found.
    let re = RegexBuilder::new(src)
        .unicode(false)
        .size_limit(16 * 1024 * 1024)
        .build()?;
    let group = re
        .capture_names()
        .position(|n| n == Some("secret"))
        .unwrap_or(if re.captures_len() > 1 { 1 } else { 0 });
    Ok((re, group))
}

/// A rule ready to run: its metadata plus compiled matchers.
#[derive(Debug)]
pub(crate) struct CompiledRule {
    pub rule: Rule,
    pub keywords: Vec<String>,
    pub patterns: Vec<CompiledPattern>,
    pub pair: Option<String>,
    pub entropy: Option<f64>,
    pub checksum: Option<Checksum>,
    pub filter: Option<ValueFilter>,
    pub window: usize,
    pub priority: i32,
    /// The file the rule came from, for messages.
    pub source: String,
    /// The binary format whose files the rule reports whole.
    pub file_format: Option<FileFormat>,
    /// Whole files that must (and must not) produce a finding of this rule.
    pub file_examples: Vec<Vec<u8>>,
    pub negative_file_examples: Vec<Vec<u8>>,
}

/// The built-in rules, embedded in the binary.
pub(crate) fn builtin_rules() -> Result<Vec<CompiledRule>, RuleLoadError> {
    let mut rules = Vec::new();
    for (name, text) in BUILTIN_RULE_FILES {
        rules.extend(parse_rule_file(&format!("builtin:{name}"), text, false)?);
    }
    check_unique(&rules)?;
    Ok(rules)
}

/// Every `*.yml`/`*.yaml` file directly in `dir`, in name order.
pub(crate) fn load_rule_dir(dir: &Path) -> Result<Vec<CompiledRule>, RuleLoadError> {
    let io = |source| RuleLoadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yml" | "yaml")
        );
        if is_yaml && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    let mut rules = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|source| RuleLoadError::Io {
            path: path.clone(),
            source,
        })?;
        rules.extend(parse_rule_file(&path.display().to_string(), &text, true)?);
    }
    check_unique(&rules)?;
    Ok(rules)
}

pub(crate) fn check_unique(rules: &[CompiledRule]) -> Result<(), RuleLoadError> {
    let mut seen: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for r in rules {
        if let Some(first) = seen.insert(&r.rule.id, &r.source) {
            return Err(RuleLoadError::Duplicate {
                rule: r.rule.id.clone(),
                first: first.to_string(),
                second: r.source.clone(),
            });
        }
    }
    Ok(())
}

/// Parse and compile one rule file; `file` names it in errors. With `eager`, every regex
/// is compiled now so a bad one is reported at load time (user rule files); built-in
/// rules compile on first use.
pub(crate) fn parse_rule_file(
    file: &str,
    text: &str,
    eager: bool,
) -> Result<Vec<CompiledRule>, RuleLoadError> {
    let spec: RuleFileSpec = serde_saphyr::from_str(text).map_err(|e| {
        // The YAML error renders the offending lines with a caret; our message already
        // says it is an error and names the file.
        let message = e.to_string();
        let message = message.strip_prefix("error: ").unwrap_or(&message);
        RuleLoadError::Parse {
            file: file.to_string(),
            message: message.replace(" --> <input>:", &format!(" --> {file}:")),
        }
    })?;
    spec.rules
        .into_iter()
        .map(|r| compile_rule(file, r, eager))
        .collect()
}

fn compile_rule(file: &str, spec: RuleSpec, eager: bool) -> Result<CompiledRule, RuleLoadError> {
    let invalid = |message: String| RuleLoadError::Invalid {
        file: file.to_string(),
        rule: spec.id.clone(),
        message,
    };
    if !spec.id.starts_with("secrets/") || spec.id.len() <= "secrets/".len() {
        return Err(invalid(
            "the id must look like `secrets/<provider>-<kind>`".into(),
        ));
    }
    let file_format = spec
        .file_format
        .as_deref()
        .map(|name| {
            FileFormat::from_name(name).ok_or_else(|| {
                invalid(format!(
                    "unknown file_format `{name}`; known: {}",
                    FileFormat::NAMES.join(", ")
                ))
            })
        })
        .transpose()?;
    let mut sources: Vec<&PatternSpec> = spec.pattern.iter().collect();
    sources.extend(spec.patterns.iter());
    if sources.is_empty() && file_format.is_none() {
        return Err(invalid(
            "set `pattern` (or `patterns`) to a regex, or `file_format`".into(),
        ));
    }
    if !sources.is_empty()
        && (spec.keywords.is_empty() || spec.keywords.iter().any(|k| k.trim().is_empty()))
    {
        return Err(invalid(
            "`keywords` must list at least one non-empty literal: the prefilter only runs a rule's patterns where one of its keywords occurs".into(),
        ));
    }
    if file_format.is_none()
        && !(spec.file_examples.is_empty() && spec.negative_file_examples.is_empty())
    {
        return Err(invalid(
            "`file_examples` are whole files for a rule with a `file_format`; set one".into(),
        ));
    }
    let decode_files = |list: &[String], field: &str| {
        use base64::Engine as _;
        list.iter()
            .enumerate()
            .map(|(i, text)| {
                let compact: String = text.split_whitespace().collect();
                base64::engine::general_purpose::STANDARD
                    .decode(compact)
                    .map_err(|e| invalid(format!("`{field}` entry {} is not base64: {e}", i + 1)))
            })
            .collect::<Result<Vec<Vec<u8>>, RuleLoadError>>()
    };
    let file_examples = decode_files(&spec.file_examples, "file_examples")?;
    let negative_file_examples =
        decode_files(&spec.negative_file_examples, "negative_file_examples")?;
    let mut patterns = Vec::new();
    for src in sources {
        let (src, paths) = match src {
            PatternSpec::Everywhere(re) => (re, None),
            PatternSpec::Scoped { regex, paths } => {
                let paths = regex::Regex::new(paths)
                    .map_err(|e| invalid(format!("`paths` is not a valid regex: {e}")))?;
                (regex, Some(paths))
            }
        };
        let compiled = OnceLock::new();
        if eager {
            let built = build_regex(src)
                .map_err(|e| invalid(format!("`pattern` is not a valid regex: {e}")))?;
            let _ = compiled.set(Some(built));
        }
        patterns.push(CompiledPattern {
            source: src.clone(),
            compiled,
            paths,
        });
    }
    let checksum = spec
        .checksum
        .as_deref()
        .map(|name| {
            Checksum::from_name(name).ok_or_else(|| {
                invalid(format!(
                    "unknown checksum `{name}`; known: {}",
                    Checksum::NAMES.join(", ")
                ))
            })
        })
        .transpose()?;
    let filter = spec
        .filter
        .as_deref()
        .map(|name| {
            ValueFilter::from_name(name).ok_or_else(|| {
                invalid(format!(
                    "unknown filter `{name}`; known: {}",
                    ValueFilter::NAMES.join(", ")
                ))
            })
        })
        .transpose()?;
    if let Some(e) = spec.entropy
        && !(0.0..=8.0).contains(&e)
    {
        return Err(invalid(format!(
            "`entropy` is bits per byte, between 0 and 8; got {e}"
        )));
    }
    let window = spec.window.unwrap_or(DEFAULT_WINDOW);
    if window > MAX_WINDOW {
        return Err(invalid(format!(
            "`window` may be at most {MAX_WINDOW} bytes; got {window}"
        )));
    }
    let rule = Rule {
        id: spec.id.clone(),
        engine: "secrets".into(),
        title: spec.title,
        severity: spec.severity,
        confidence: spec.confidence.unwrap_or(Confidence::Medium),
        cwe: spec.cwe.unwrap_or_else(|| vec![Cwe(798)]),
        owasp: Some(spec.owasp.unwrap_or(Owasp::A07)),
        requirements: spec.requirements,
        description: spec.description.trim().to_string(),
        rationale: spec.rationale.map(|s| s.trim().to_string()),
        remediation: spec.remediation.map(|s| s.trim().to_string()),
        references: spec.references,
        examples: spec.examples,
        negative_examples: spec.negative_examples,
    };
    Ok(CompiledRule {
        rule,
        keywords: spec.keywords,
        patterns,
        pair: spec.pair,
        entropy: spec.entropy,
        checksum,
        filter,
        window,
        priority: spec.priority,
        source: file.to_string(),
        file_format,
        file_examples,
        negative_file_examples,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_load() {
        let rules = builtin_rules().unwrap();
        assert!(!rules.is_empty());
        // Built-in patterns compile lazily; make sure every one of them compiles.
        for (name, text) in BUILTIN_RULE_FILES {
            parse_rule_file(name, text, true).unwrap();
        }
    }

    #[test]
    fn bad_rule_files_say_what_is_wrong() {
        let err = parse_rule_file("x.yml", "rules: [{id: secrets/x}]", true).unwrap_err();
        assert!(
            err.to_string().starts_with("x.yml: not a valid rule file"),
            "{err}"
        );

        let text = "rules:\n  - id: secrets/x\n    title: X\n    severity: high\n    description: d\n    keywords: [x]\n    pattern: '(unclosed'\n";
        let err = parse_rule_file("x.yml", text, true).unwrap_err();
        assert!(
            err.to_string()
                .contains("rule `secrets/x`: `pattern` is not a valid regex"),
            "{err}"
        );

        let text = "rules:\n  - id: secrets/x\n    title: X\n    severity: high\n    description: d\n    keywords: [x]\n    pattern: 'x'\n    checksum: nope\n";
        let err = parse_rule_file("x.yml", text, true).unwrap_err();
        assert!(err.to_string().contains("unknown checksum `nope`"), "{err}");

        let text = "rules:\n  - id: secrets/x\n    title: X\n    severity: high\n    description: d\n    keywords: [x]\n    pattern: 'x'\n    typo_field: 1\n";
        let err = parse_rule_file("x.yml", text, true).unwrap_err();
        assert!(err.to_string().contains("typo_field"), "{err}");
    }
}
