//! steward-code: static analysis on tree-sitter syntax trees.
//!
//! Rules are data: each YAML file under `rules/<language>/` holds a tree-sitter query whose
//! `@match` capture is the finding, text predicates (`#eq?`, `#match?`, `#any-of?` and their
//! negations) to narrow it, an optional `unless_match` regex over the matched text that
//! marks a safe form (`usedforsecurity=False`, `Loader=SafeLoader`), and the `examples` and
//! `negative_examples` that one test checks for every rule.
//!
//! ```
//! use steward_core::engine::{Engine, SourceFile};
//! let engine = steward_code::CodeEngine::new().unwrap();
//! let mut out = Vec::new();
//! let src = b"import hashlib\nh = hashlib.md5(data)\n";
//! engine.scan_file(&SourceFile { rel_path: "app.py", bytes: src }, &mut out);
//! assert_eq!(out[0].rule_id, "code/python/weak-hash");
//! assert_eq!(out[0].location.start_line, 2);
//! ```
//!
//! Taint rules have a `taint:` section instead of a query: sinks (calls and which of their
//! arguments are dangerous) and sanitizers. The sources of each language, and the calls
//! that return none of their arguments' data, are in `taint/<language>.yml`. Each file is
//! parsed once; its tree is lowered to a small language-neutral program form ([`ir`]) that
//! the dataflow engine ([`taint`]) interprets, summarising functions so flows cross calls
//! within a file and, in [`CodeEngine`]'s tree scan, into other scanned files.

mod cbuf;
mod conditions;
mod ir;
mod lower_c;
mod lower_go;
mod lower_java;
mod lower_js;
mod lower_php;
mod lower_python;
pub mod related;
pub mod sensitive;
mod spec;
mod taint;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use regex::Regex;
use serde::Deserialize;
use steward_core::collect::{Collected, SkipReason, Skipped};
use steward_core::engine::{Engine, EngineError, SourceFile, TreeOutput};
use steward_core::finding::{Finding, FlowStep, LineIndex, Location};
use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};
use steward_core::taxonomy::{Cwe, Owasp};
use tree_sitter::{
    Language, ParseOptions, Parser, Query, QueryCursor, QueryCursorOptions, StreamingIterator,
};

use crate::spec::{LanguageModelFile, TaintSection, TaintSpec};
use crate::taint::{ExternalSummaries, Summary, TaintFinding};

/// Each language's sources and cleaners, embedded in the binary.
pub const LANGUAGE_MODELS: &[(&str, &str)] = &[
    ("python", include_str!("../taint/python.yml")),
    ("javascript", include_str!("../taint/javascript.yml")),
    ("go", include_str!("../taint/go.yml")),
    ("c", include_str!("../taint/c.yml")),
    ("java", include_str!("../taint/java.yml")),
    ("php", include_str!("../taint/php.yml")),
];

/// How long one file may take to parse and analyse before it is skipped.
pub const DEFAULT_FILE_TIME_LIMIT: Duration = Duration::from_secs(5);

/// Stack size of the threads that analyse files. Lowering and the taint interpreter recurse
/// once per nesting level, up to their depth limits; an unoptimised build's frames are tens
/// of kilobytes, so a default 2 MiB thread overflows on a file nested 120 deep. The memory
/// is reserved, not committed: only the pages a deep file touches are used.
const ANALYSIS_STACK_SIZE: usize = 32 << 20;

/// The built-in rule files, embedded in the binary. A test checks that every file under
/// `rules/` is listed here.
pub const BUILTIN_RULES: &[(&str, &str)] = &[
    (
        "c/command-injection.yml",
        include_str!("../rules/c/command-injection.yml"),
    ),
    (
        "c/format-string.yml",
        include_str!("../rules/c/format-string.yml"),
    ),
    ("c/gets.yml", include_str!("../rules/c/gets.yml")),
    (
        "c/hardcoded-credentials.yml",
        include_str!("../rules/c/hardcoded-credentials.yml"),
    ),
    (
        "c/insecure-temp-file.yml",
        include_str!("../rules/c/insecure-temp-file.yml"),
    ),
    (
        "c/length-overflow.yml",
        include_str!("../rules/c/length-overflow.yml"),
    ),
    (
        "c/path-traversal.yml",
        include_str!("../rules/c/path-traversal.yml"),
    ),
    (
        "c/scanf-unbounded.yml",
        include_str!("../rules/c/scanf-unbounded.yml"),
    ),
    (
        "c/sprintf-overflow.yml",
        include_str!("../rules/c/sprintf-overflow.yml"),
    ),
    (
        "c/sql-injection.yml",
        include_str!("../rules/c/sql-injection.yml"),
    ),
    (
        "c/tainted-length.yml",
        include_str!("../rules/c/tainted-length.yml"),
    ),
    (
        "c/unbounded-copy.yml",
        include_str!("../rules/c/unbounded-copy.yml"),
    ),
    (
        "c/weak-cipher.yml",
        include_str!("../rules/c/weak-cipher.yml"),
    ),
    ("c/weak-hash.yml", include_str!("../rules/c/weak-hash.yml")),
    (
        "c/weak-random.yml",
        include_str!("../rules/c/weak-random.yml"),
    ),
    (
        "go/command-injection.yml",
        include_str!("../rules/go/command-injection.yml"),
    ),
    (
        "go/hardcoded-credentials.yml",
        include_str!("../rules/go/hardcoded-credentials.yml"),
    ),
    (
        "go/insecure-cookie.yml",
        include_str!("../rules/go/insecure-cookie.yml"),
    ),
    (
        "go/open-redirect.yml",
        include_str!("../rules/go/open-redirect.yml"),
    ),
    (
        "go/path-traversal.yml",
        include_str!("../rules/go/path-traversal.yml"),
    ),
    (
        "go/sql-injection.yml",
        include_str!("../rules/go/sql-injection.yml"),
    ),
    ("go/ssrf.yml", include_str!("../rules/go/ssrf.yml")),
    (
        "go/tls-min-version.yml",
        include_str!("../rules/go/tls-min-version.yml"),
    ),
    (
        "go/tls-skip-verify.yml",
        include_str!("../rules/go/tls-skip-verify.yml"),
    ),
    (
        "go/weak-cipher.yml",
        include_str!("../rules/go/weak-cipher.yml"),
    ),
    (
        "go/weak-hash.yml",
        include_str!("../rules/go/weak-hash.yml"),
    ),
    (
        "go/weak-random.yml",
        include_str!("../rules/go/weak-random.yml"),
    ),
    ("go/xss.yml", include_str!("../rules/go/xss.yml")),
    (
        "java/code-injection.yml",
        include_str!("../rules/java/code-injection.yml"),
    ),
    (
        "java/command-injection.yml",
        include_str!("../rules/java/command-injection.yml"),
    ),
    (
        "java/cookie-httponly.yml",
        include_str!("../rules/java/cookie-httponly.yml"),
    ),
    (
        "java/hardcoded-credentials.yml",
        include_str!("../rules/java/hardcoded-credentials.yml"),
    ),
    (
        "java/insecure-cookie.yml",
        include_str!("../rules/java/insecure-cookie.yml"),
    ),
    (
        "java/insecure-deserialization.yml",
        include_str!("../rules/java/insecure-deserialization.yml"),
    ),
    (
        "java/ldap-injection.yml",
        include_str!("../rules/java/ldap-injection.yml"),
    ),
    (
        "java/open-redirect.yml",
        include_str!("../rules/java/open-redirect.yml"),
    ),
    (
        "java/path-traversal.yml",
        include_str!("../rules/java/path-traversal.yml"),
    ),
    (
        "java/sql-injection.yml",
        include_str!("../rules/java/sql-injection.yml"),
    ),
    ("java/ssrf.yml", include_str!("../rules/java/ssrf.yml")),
    (
        "java/tls-trust-all.yml",
        include_str!("../rules/java/tls-trust-all.yml"),
    ),
    (
        "java/trust-boundary.yml",
        include_str!("../rules/java/trust-boundary.yml"),
    ),
    (
        "java/weak-cipher.yml",
        include_str!("../rules/java/weak-cipher.yml"),
    ),
    (
        "java/weak-hash.yml",
        include_str!("../rules/java/weak-hash.yml"),
    ),
    (
        "java/weak-random.yml",
        include_str!("../rules/java/weak-random.yml"),
    ),
    (
        "java/xpath-injection.yml",
        include_str!("../rules/java/xpath-injection.yml"),
    ),
    ("java/xss.yml", include_str!("../rules/java/xss.yml")),
    ("java/xxe.yml", include_str!("../rules/java/xxe.yml")),
    (
        "javascript/code-injection.yml",
        include_str!("../rules/javascript/code-injection.yml"),
    ),
    (
        "javascript/command-injection.yml",
        include_str!("../rules/javascript/command-injection.yml"),
    ),
    (
        "javascript/open-redirect.yml",
        include_str!("../rules/javascript/open-redirect.yml"),
    ),
    (
        "javascript/path-traversal.yml",
        include_str!("../rules/javascript/path-traversal.yml"),
    ),
    (
        "javascript/sql-injection.yml",
        include_str!("../rules/javascript/sql-injection.yml"),
    ),
    (
        "javascript/ssrf.yml",
        include_str!("../rules/javascript/ssrf.yml"),
    ),
    (
        "javascript/xss.yml",
        include_str!("../rules/javascript/xss.yml"),
    ),
    (
        "php/code-injection.yml",
        include_str!("../rules/php/code-injection.yml"),
    ),
    (
        "php/command-injection.yml",
        include_str!("../rules/php/command-injection.yml"),
    ),
    (
        "php/display-errors.yml",
        include_str!("../rules/php/display-errors.yml"),
    ),
    (
        "php/extract-request.yml",
        include_str!("../rules/php/extract-request.yml"),
    ),
    (
        "php/file-inclusion.yml",
        include_str!("../rules/php/file-inclusion.yml"),
    ),
    (
        "php/hardcoded-credentials.yml",
        include_str!("../rules/php/hardcoded-credentials.yml"),
    ),
    (
        "php/insecure-cookie.yml",
        include_str!("../rules/php/insecure-cookie.yml"),
    ),
    (
        "php/insecure-deserialization.yml",
        include_str!("../rules/php/insecure-deserialization.yml"),
    ),
    (
        "php/ldap-injection.yml",
        include_str!("../rules/php/ldap-injection.yml"),
    ),
    (
        "php/open-redirect.yml",
        include_str!("../rules/php/open-redirect.yml"),
    ),
    (
        "php/path-traversal.yml",
        include_str!("../rules/php/path-traversal.yml"),
    ),
    (
        "php/sql-injection.yml",
        include_str!("../rules/php/sql-injection.yml"),
    ),
    ("php/ssrf.yml", include_str!("../rules/php/ssrf.yml")),
    (
        "php/weak-crypto.yml",
        include_str!("../rules/php/weak-crypto.yml"),
    ),
    (
        "php/weak-hash.yml",
        include_str!("../rules/php/weak-hash.yml"),
    ),
    (
        "php/weak-random.yml",
        include_str!("../rules/php/weak-random.yml"),
    ),
    (
        "php/xpath-injection.yml",
        include_str!("../rules/php/xpath-injection.yml"),
    ),
    ("php/xss.yml", include_str!("../rules/php/xss.yml")),
    ("php/xxe.yml", include_str!("../rules/php/xxe.yml")),
    (
        "python/code-injection.yml",
        include_str!("../rules/python/code-injection.yml"),
    ),
    (
        "python/command-injection.yml",
        include_str!("../rules/python/command-injection.yml"),
    ),
    ("python/eval.yml", include_str!("../rules/python/eval.yml")),
    (
        "python/flask-debug.yml",
        include_str!("../rules/python/flask-debug.yml"),
    ),
    (
        "python/insecure-deserialization.yml",
        include_str!("../rules/python/insecure-deserialization.yml"),
    ),
    (
        "python/jinja-autoescape-off.yml",
        include_str!("../rules/python/jinja-autoescape-off.yml"),
    ),
    (
        "python/ldap-injection.yml",
        include_str!("../rules/python/ldap-injection.yml"),
    ),
    (
        "python/open-redirect.yml",
        include_str!("../rules/python/open-redirect.yml"),
    ),
    (
        "python/path-traversal.yml",
        include_str!("../rules/python/path-traversal.yml"),
    ),
    (
        "python/sql-injection.yml",
        include_str!("../rules/python/sql-injection.yml"),
    ),
    (
        "python/sql-string-building.yml",
        include_str!("../rules/python/sql-string-building.yml"),
    ),
    (
        "python/ssl-unverified-context.yml",
        include_str!("../rules/python/ssl-unverified-context.yml"),
    ),
    ("python/ssrf.yml", include_str!("../rules/python/ssrf.yml")),
    (
        "python/subprocess-shell.yml",
        include_str!("../rules/python/subprocess-shell.yml"),
    ),
    (
        "python/tempfile-mktemp.yml",
        include_str!("../rules/python/tempfile-mktemp.yml"),
    ),
    (
        "python/tls-verify-disabled.yml",
        include_str!("../rules/python/tls-verify-disabled.yml"),
    ),
    (
        "python/unsafe-deserialization.yml",
        include_str!("../rules/python/unsafe-deserialization.yml"),
    ),
    (
        "python/weak-hash.yml",
        include_str!("../rules/python/weak-hash.yml"),
    ),
    (
        "python/xpath-injection.yml",
        include_str!("../rules/python/xpath-injection.yml"),
    ),
    ("python/xss.yml", include_str!("../rules/python/xss.yml")),
    ("python/xxe.yml", include_str!("../rules/python/xxe.yml")),
];

#[derive(Debug, thiserror::Error)]
pub enum RuleLoadError {
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

/// A rule file as written: a pattern rule has a `query`, a taint rule a `taint` section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: String,
    title: String,
    severity: Severity,
    #[serde(default = "medium")]
    confidence: Confidence,
    #[serde(default)]
    cwe: Vec<Cwe>,
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
    #[serde(default)]
    query: Option<String>,
    #[serde(default)]
    taint: Option<TaintSection>,
    #[serde(default)]
    unless_match: Option<String>,
    /// A pattern rule applies only to files this regex matches (an import, an include).
    #[serde(default)]
    requires: Option<String>,
    /// A match counts only where its line or its function's name matches this regex.
    #[serde(default)]
    context_match: Option<String>,
    /// C and C++: `copy`, `format` or `length`, checked against the destination's size.
    #[serde(default)]
    buffer_check: Option<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    negative_examples: Vec<String>,
}

fn medium() -> Confidence {
    Confidence::Medium
}

/// Languages the engine parses. TypeScript and TSX share JavaScript's rules, C++ shares
/// C's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Java,
    Php,
    Go,
    C,
    Cpp,
}

const LANGS: [Lang; 9] = [
    Lang::Python,
    Lang::JavaScript,
    Lang::TypeScript,
    Lang::Tsx,
    Lang::Java,
    Lang::Php,
    Lang::Go,
    Lang::C,
    Lang::Cpp,
];

impl Lang {
    fn of_path(path: &str) -> Option<Lang> {
        let ext = path.rsplit_once('.').map(|(_, e)| e)?;
        match ext {
            "py" | "pyw" => Some(Lang::Python),
            "js" | "jsx" | "mjs" | "cjs" => Some(Lang::JavaScript),
            "ts" | "mts" | "cts" if !path.ends_with(".d.ts") => Some(Lang::TypeScript),
            "tsx" => Some(Lang::Tsx),
            "java" => Some(Lang::Java),
            "php" | "phtml" => Some(Lang::Php),
            "go" => Some(Lang::Go),
            // A header is C until its text shows C++ (`Lang::of_file`).
            "c" | "h" => Some(Lang::C),
            "cc" | "cpp" | "cxx" | "c++" | "hpp" | "hh" | "hxx" | "h++" | "ipp" => Some(Lang::Cpp),
            _ => None,
        }
    }

    /// The language of a file, from its name and, for a `.h` header, its text: classes,
    /// namespaces, templates or `std::` make it C++.
    fn of_file(path: &str, bytes: &[u8]) -> Option<Lang> {
        let lang = Self::of_path(path)?;
        if lang == Lang::C && path.ends_with(".h") {
            const CPP: [&[u8]; 6] = [
                b"class ",
                b"namespace ",
                b"template<",
                b"template <",
                b"std::",
                b"public:",
            ];
            if CPP.iter().any(|m| memchr_find(bytes, m)) {
                return Some(Lang::Cpp);
            }
        }
        Some(lang)
    }

    /// The language whose rules and taint model apply.
    fn rules_of(self) -> Lang {
        match self {
            Lang::TypeScript | Lang::Tsx => Lang::JavaScript,
            Lang::Cpp => Lang::C,
            l => l,
        }
    }

    fn of_rule_file(file: &str) -> Option<Lang> {
        Self::named(file.split('/').next()?)
    }

    fn named(name: &str) -> Option<Lang> {
        match name {
            "python" => Some(Lang::Python),
            "javascript" => Some(Lang::JavaScript),
            "java" => Some(Lang::Java),
            "php" => Some(Lang::Php),
            "go" => Some(Lang::Go),
            "c" => Some(Lang::C),
            _ => None,
        }
    }

    fn grammar(self) -> Language {
        match self {
            Lang::Python => tree_sitter_python::LANGUAGE.into(),
            Lang::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Lang::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Lang::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Lang::Java => tree_sitter_java::LANGUAGE.into(),
            // PHP files are HTML with `<?php ... ?>` islands.
            Lang::Php => tree_sitter_php::LANGUAGE_PHP.into(),
            Lang::Go => tree_sitter_go::LANGUAGE.into(),
            Lang::C => tree_sitter_c::LANGUAGE.into(),
            Lang::Cpp => tree_sitter_cpp::LANGUAGE.into(),
        }
    }

    fn lower(self, tree: &tree_sitter::Tree, src: &[u8]) -> ir::Module {
        match self {
            Lang::Python => lower_python::lower(tree.root_node(), src),
            Lang::JavaScript | Lang::TypeScript | Lang::Tsx => {
                lower_js::lower(tree.root_node(), src)
            }
            Lang::Java => lower_java::lower(tree.root_node(), src),
            Lang::Php => lower_php::lower(tree.root_node(), src),
            Lang::Go => lower_go::lower(tree.root_node(), src),
            Lang::C | Lang::Cpp => lower_c::lower(tree.root_node(), src),
        }
    }
}

enum RuleKind {
    Pattern {
        /// The rule's query alone, for checking its examples.
        query: Query,
        unless: Option<Regex>,
        conditions: Box<conditions::Conditions>,
        /// The query compiled for languages that share this one's rules (C++ for C).
        shared: Vec<(Lang, Query)>,
    },
    /// Index into the language's taint spec's rules.
    Taint { index: usize },
}

struct CompiledRule {
    lang: Lang,
    kind: RuleKind,
}

/// Every rule of one language in one query, so a file's tree is walked once, not once
/// per rule. Patterns are numbered in source order; `pattern_rule` maps each back.
struct LanguageQuery {
    lang: Lang,
    query: Query,
    match_capture: u32,
    pattern_rule: Vec<usize>,
    /// When every rule of the query `requires` something of the file, those rules: a file
    /// none of them admits is not matched at all (most files of a large tree).
    all_require: Option<Vec<usize>>,
}

/// The built-in rules as a catalog lists them, without compiling their tree-sitter queries:
/// building the engine compiles every language's queries (most of a second), which a
/// command that only needs to know the rules (a secrets-only scan checking suppressions,
/// `steward rules list`) should not pay for.
pub fn builtin_rules() -> Result<Vec<Rule>, RuleLoadError> {
    BUILTIN_RULES
        .iter()
        .map(|(file, text)| {
            let rf: RuleFile =
                serde_saphyr::from_str(text).map_err(|e| RuleLoadError::Invalid {
                    file: file.to_string(),
                    message: e.to_string(),
                })?;
            let mut rule = Rule::new(rf.id, "code", rf.title, rf.severity);
            rule.confidence = rf.confidence;
            rule.cwe = rf.cwe;
            rule.owasp = rf.owasp;
            rule.requirements = rf.requirements;
            rule.description = rf.description.trim().to_string();
            rule.rationale = rf.rationale.map(|s| s.trim().to_string());
            rule.remediation = rf.remediation.map(|s| s.trim().to_string());
            rule.references = rf.references;
            rule.examples = rf.examples;
            rule.negative_examples = rf.negative_examples;
            Ok(rule)
        })
        .collect()
}

/// The code engine: tree-sitter queries and taint rules over every file in a language it
/// knows.
pub struct CodeEngine {
    rules: Vec<Rule>,
    compiled: Vec<CompiledRule>,
    merged: Vec<LanguageQuery>,
    taint: Vec<(Lang, TaintSpec)>,
    file_time_limit: Duration,
    /// Worker threads with stacks deep enough for the deepest nesting the lowering admits.
    pool: std::sync::OnceLock<Option<rayon::ThreadPool>>,
}

/// What analysing one file gave.
struct FileResult {
    findings: Vec<Finding>,
    summaries: HashMap<ir::Name, Summary>,
    import_calls: Vec<String>,
    /// Whether the file read a source: only then (or through a summary that returns one)
    /// can another file's summaries give it a finding.
    saw_source: bool,
    skipped: Option<Skipped>,
}

/// No summaries from other files.
struct NoSummaries;

impl ExternalSummaries for NoSummaries {
    fn get(&self, _: &str) -> Option<&Summary> {
        None
    }
}

impl CodeEngine {
    /// The engine with the built-in rules.
    pub fn new() -> Result<Self, RuleLoadError> {
        Self::from_files(
            BUILTIN_RULES
                .iter()
                .map(|(f, t)| (f.to_string(), t.to_string())),
        )
    }

    /// At most `limit` per file for parsing and analysis; a file over it is skipped with
    /// that reason instead of holding up the scan.
    pub fn with_file_time_limit(mut self, limit: Duration) -> Self {
        self.file_time_limit = limit;
        self
    }

    /// An engine from `(file name, YAML text)` pairs; the first path segment of the name
    /// is the language (`python/...`).
    pub fn from_files(
        files: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, RuleLoadError> {
        let mut taint: Vec<(Lang, TaintSpec)> = Vec::new();
        for (name, text) in LANGUAGE_MODELS {
            let bad = |message: String| RuleLoadError::Invalid {
                file: format!("taint/{name}.yml"),
                message,
            };
            let lang = Lang::named(name).ok_or_else(|| bad("unknown language".into()))?;
            let model: LanguageModelFile =
                serde_saphyr::from_str(text).map_err(|e| bad(e.to_string()))?;
            taint.push((lang, model.into_spec().map_err(bad)?));
        }
        let mut rules = Vec::new();
        let mut compiled = Vec::new();
        let mut sources: Vec<String> = Vec::new();
        for (file, text) in files {
            let bad = |message: String| RuleLoadError::Invalid {
                file: file.clone(),
                message,
            };
            let lang = Lang::of_rule_file(&file).ok_or_else(|| {
                bad(
                    "rule files live under a language folder: python/, javascript/, java/ or php/"
                        .into(),
                )
            })?;
            let rf: RuleFile = serde_saphyr::from_str(&text).map_err(|e| bad(e.to_string()))?;
            let kind = match (&rf.query, rf.taint) {
                (Some(q), None) => {
                    let query =
                        Query::new(&lang.grammar(), q).map_err(|e| bad(format!("query: {e}")))?;
                    query
                        .capture_index_for_name("match")
                        .ok_or_else(|| bad("query has no @match capture".into()))?;
                    let unless = rf
                        .unless_match
                        .as_deref()
                        .map(Regex::new)
                        .transpose()
                        .map_err(|e| bad(format!("unless_match: {e}")))?;
                    let conditions = Box::new(
                        conditions::Conditions::parse(
                            rf.requires.as_deref(),
                            rf.context_match.as_deref(),
                            rf.buffer_check.as_deref(),
                        )
                        .map_err(bad)?,
                    );
                    let mut shared = Vec::new();
                    for other in LANGS {
                        if other != lang && other.rules_of() == lang {
                            let q = Query::new(&other.grammar(), q)
                                .map_err(|e| bad(format!("query, parsed as {other:?}: {e}")))?;
                            shared.push((other, q));
                        }
                    }
                    sources.push(q.clone());
                    RuleKind::Pattern {
                        query,
                        unless,
                        conditions,
                        shared,
                    }
                }
                (None, Some(section)) => {
                    let spec = taint
                        .iter_mut()
                        .find(|(l, _)| *l == lang)
                        .map(|(_, s)| s)
                        .ok_or_else(|| bad("no taint model for this language".into()))?;
                    let index = spec.rules.len();
                    if index >= 64 {
                        return Err(bad("at most 64 taint rules per language".into()));
                    }
                    let rule = section
                        .into_rule(rules.len(), 1u64 << index)
                        .map_err(|e| bad(format!("taint: {e}")))?;
                    spec.rules.push(rule);
                    sources.push(String::new());
                    RuleKind::Taint { index }
                }
                _ => {
                    return Err(bad(
                        "a rule has either a `query` or a `taint` section".into()
                    ));
                }
            };
            let mut rule = Rule::new(rf.id, "code", rf.title, rf.severity);
            rule.confidence = rf.confidence;
            rule.cwe = rf.cwe;
            rule.owasp = rf.owasp;
            rule.requirements = rf.requirements;
            rule.description = rf.description.trim().to_string();
            rule.rationale = rf.rationale.map(|s| s.trim().to_string());
            rule.remediation = rf.remediation.map(|s| s.trim().to_string());
            rule.references = rf.references;
            rule.examples = rf.examples;
            rule.negative_examples = rf.negative_examples;
            rules.push(rule);
            compiled.push(CompiledRule { lang, kind });
        }
        for (_, spec) in &mut taint {
            spec.finish();
        }
        let mut merged = Vec::new();
        for lang in LANGS {
            let mut source = String::new();
            let mut pattern_rule = Vec::new();
            for (i, c) in compiled
                .iter()
                .enumerate()
                .filter(|(_, c)| c.lang == lang.rules_of())
            {
                if let RuleKind::Pattern { query, .. } = &c.kind {
                    source.push_str(&sources[i]);
                    source.push('\n');
                    pattern_rule.extend(std::iter::repeat_n(i, query.pattern_count()));
                }
            }
            if pattern_rule.is_empty() {
                continue;
            }
            let query =
                Query::new(&lang.grammar(), &source).map_err(|e| RuleLoadError::Invalid {
                    file: format!("{lang:?} rules together"),
                    message: format!("query: {e}"),
                })?;
            let Some(match_capture) = query.capture_index_for_name("match") else {
                continue;
            };
            let mut rules_of_query = pattern_rule.clone();
            rules_of_query.dedup();
            let all_require = rules_of_query
                .iter()
                .all(|&i| {
                    matches!(&compiled[i].kind, RuleKind::Pattern { conditions, .. }
                        if conditions.requires.is_some())
                })
                .then_some(rules_of_query);
            merged.push(LanguageQuery {
                all_require,
                lang,
                query,
                match_capture,
                pattern_rule,
            });
        }
        Ok(CodeEngine {
            rules,
            compiled,
            merged,
            taint,
            file_time_limit: DEFAULT_FILE_TIME_LIMIT,
            pool: std::sync::OnceLock::new(),
        })
    }

    fn taint_spec(&self, lang: Lang) -> Option<&TaintSpec> {
        self.taint
            .iter()
            .find(|(l, s)| *l == lang.rules_of() && !s.rules.is_empty())
            .map(|(_, s)| s)
    }

    /// Parse, run the pattern rules (all, or `only_rule`), and run the taint rules with
    /// `external` summaries for calls into other files.
    fn analyse(
        &self,
        lang: Lang,
        only_rule: Option<usize>,
        rel_path: &str,
        bytes: &[u8],
        external: &dyn ExternalSummaries,
    ) -> FileResult {
        let started = Instant::now();
        let deadline = started + self.file_time_limit;
        let mut result = FileResult {
            findings: Vec::new(),
            summaries: HashMap::new(),
            import_calls: Vec::new(),
            saw_source: false,
            skipped: None,
        };
        let too_slow = |stage: &str| Skipped {
            path: rel_path.to_string(),
            reason: SkipReason::TimedOut {
                stage: stage.to_string(),
                limit_ms: u64::try_from(self.file_time_limit.as_millis()).unwrap_or(u64::MAX),
            },
        };
        thread_local! {
            static PARSER: RefCell<Option<(Lang, Parser)>> = const { RefCell::new(None) };
        }
        let tree = PARSER.with(|cell| {
            let mut slot = cell.borrow_mut();
            if slot.as_ref().is_none_or(|(l, _)| *l != lang) {
                let mut p = Parser::new();
                p.set_language(&lang.grammar()).ok()?;
                *slot = Some((lang, p));
            }
            let parser = &mut slot.as_mut()?.1;
            let mut check = |_: &tree_sitter::ParseState| {
                if Instant::now() > deadline {
                    std::ops::ControlFlow::Break(())
                } else {
                    std::ops::ControlFlow::Continue(())
                }
            };
            let options = ParseOptions::new().progress_callback(&mut check);
            let len = bytes.len();
            // A file that does not parse still yields a partial tree with error nodes; the
            // rules run on whatever parsed.
            let tree = parser.parse_with_options(
                &mut |offset, _| if offset < len { &bytes[offset..] } else { &[] },
                None,
                Some(options),
            );
            if tree.is_none() {
                parser.reset();
            }
            tree
        });
        let Some(tree) = tree else {
            if Instant::now() > deadline {
                result.skipped = Some(too_slow("parsing"));
            }
            return result;
        };
        let index = LineIndex::new(bytes);
        let mut cursor = QueryCursor::new();
        let run_patterns =
            only_rule.is_none_or(|i| matches!(self.compiled[i].kind, RuleKind::Pattern { .. }));
        if run_patterns {
            match only_rule {
                Some(i) => {
                    if let RuleKind::Pattern { query, shared, .. } = &self.compiled[i].kind {
                        // A C rule run on a C++ file uses its query compiled for C++.
                        let query = shared
                            .iter()
                            .find(|(l, _)| *l == lang)
                            .map_or(query, |(_, q)| q);
                        let Some(match_capture) = query.capture_index_for_name("match") else {
                            return result;
                        };
                        let names = query.capture_names();
                        let mut matches = cursor.matches(query, tree.root_node(), bytes);
                        while let Some(m) = matches.next() {
                            self.emit(
                                i,
                                m,
                                match_capture,
                                names,
                                &index,
                                rel_path,
                                bytes,
                                &mut result.findings,
                            );
                        }
                    }
                }
                None => {
                    // Matching is bounded by the same deadline: a query over a tree millions
                    // of nodes large must not hold the scan up either.
                    let mut check = |_: &tree_sitter::QueryCursorState| {
                        if Instant::now() > deadline {
                            std::ops::ControlFlow::Break(())
                        } else {
                            std::ops::ControlFlow::Continue(())
                        }
                    };
                    let mut options = QueryCursorOptions::new().progress_callback(&mut check);
                    for lq in self.merged.iter().filter(|q| q.lang == lang) {
                        if let Some(rules) = &lq.all_require {
                            let text = String::from_utf8_lossy(bytes);
                            let admitted = rules.iter().any(|&r| {
                                matches!(&self.compiled[r].kind, RuleKind::Pattern { conditions, .. }
                                    if conditions.requires.as_ref().is_some_and(|re| re.is_match(&text)))
                            });
                            if !admitted {
                                continue;
                            }
                        }
                        let names = lq.query.capture_names();
                        let mut matches = cursor.matches_with_options(
                            &lq.query,
                            tree.root_node(),
                            bytes,
                            options.reborrow(),
                        );
                        while let Some(m) = matches.next() {
                            let rule = lq.pattern_rule[m.pattern_index];
                            self.emit(
                                rule,
                                m,
                                lq.match_capture,
                                names,
                                &index,
                                rel_path,
                                bytes,
                                &mut result.findings,
                            );
                        }
                    }
                }
            }
        }
        if Instant::now() > deadline {
            result.skipped = Some(too_slow("pattern matching"));
            return result;
        }
        let run_taint =
            only_rule.is_none_or(|i| matches!(self.compiled[i].kind, RuleKind::Taint { .. }));
        let Some(spec) = self.taint_spec(lang).filter(|_| run_taint) else {
            return result;
        };
        let module = lang.lower(&tree, bytes);
        drop(tree);
        if module.truncated {
            // Lowering stopped at the nesting limit: what it did lower is analysed.
            result.skipped = Some(Skipped {
                path: rel_path.to_string(),
                reason: SkipReason::Malformed {
                    error: "nested too deeply for the taint analysis to follow; \
                            only the outer levels were analysed"
                        .into(),
                },
            });
        }
        let path: Arc<str> = Arc::from(rel_path);
        match taint::analyze(&module, spec, &path, bytes, external, deadline) {
            Ok(analysis) => {
                // A pattern rule defers to a taint rule of the same weakness where the
                // engine proved the sink's arguments harmless (a constant, a sanitised
                // value), so `eval(EXPR)` with `EXPR = "1 + 1"` is not reported.
                if !analysis.proven_sinks.is_empty() {
                    type LineCol = (u32, u32);
                    let proven: Vec<(&[Cwe], LineCol, LineCol)> = analysis
                        .proven_sinks
                        .iter()
                        .map(|(r, span)| {
                            let rule = &self.rules[spec.rules[*r].rule];
                            (
                                rule.cwe.as_slice(),
                                index.line_col(bytes, span.start as usize),
                                index.line_col(bytes, span.end as usize),
                            )
                        })
                        .collect();
                    result.findings.retain(|f| {
                        let at = (
                            (f.location.start_line, f.location.start_column),
                            (f.location.end_line, f.location.end_column),
                        );
                        // A size check (`buffer_check`) is about lengths, not about where
                        // the data came from: a constant can still be too long.
                        let sized = self.rules.iter().zip(&self.compiled).any(|(r, c)| {
                            r.id == f.rule_id
                                && matches!(&c.kind, RuleKind::Pattern { conditions, .. }
                                    if conditions.buffer.is_some())
                        });
                        sized
                            || !proven.iter().any(|(cwes, s, e)| {
                                (*s, *e) == at && f.cwe.iter().any(|c| cwes.contains(c))
                            })
                    });
                }
                result.import_calls = analysis.import_calls;
                result.saw_source = analysis.saw_source;
                result.summaries = analysis.summaries;
                for tf in analysis.findings {
                    if let Some(RuleKind::Taint { index }) =
                        only_rule.map(|i| &self.compiled[i].kind)
                        && tf.rule != *index
                    {
                        continue;
                    }
                    result
                        .findings
                        .push(self.taint_finding(&tf, spec, rel_path, bytes, &index));
                }
            }
            Err(taint::TimedOut) => {
                result.skipped = Some(too_slow("taint analysis"));
            }
        }
        result
    }

    fn taint_finding(
        &self,
        tf: &TaintFinding,
        spec: &TaintSpec,
        rel_path: &str,
        bytes: &[u8],
        index: &LineIndex,
    ) -> Finding {
        let rule = &self.rules[spec.rules[tf.rule].rule];
        let to_location = |loc: &taint::Loc| {
            let mut l = Location {
                path: loc.path.to_string(),
                start_line: loc.start.0,
                start_column: loc.start.1,
                end_line: loc.end.0,
                end_column: loc.end.1,
                snippet: None,
            };
            if &*loc.path == rel_path {
                let mut snippet = String::new();
                for line in l.start_line..=l.end_line.min(l.start_line + 4) {
                    if !snippet.is_empty() {
                        snippet.push('\n');
                    }
                    snippet.push_str(&String::from_utf8_lossy(index.line_text(bytes, line)));
                }
                l.snippet = Some(snippet);
            }
            l
        };
        let source = match &tf.trace.origin {
            taint::Origin::Source(label) => label.to_string(),
            taint::Origin::Param(_) => "a parameter".to_string(),
        };
        let message = format!("{source} reaches {}", tf.sink.label);
        let mut finding = Finding::new(
            rule,
            message,
            to_location(&tf.sink.loc),
            tf.sink.matched.as_bytes(),
        );
        let mut flow: Vec<FlowStep> = tf
            .trace
            .steps()
            .into_iter()
            .map(|(loc, note)| FlowStep {
                location: to_location(&loc),
                message: note.to_string(),
            })
            .collect();
        flow.push(FlowStep {
            location: to_location(&tf.sink.loc),
            message: format!("reaches {}", tf.sink.label),
        });
        finding.flow = flow;
        finding
    }

    /// Findings in `bytes`, a file of `lang`: of every rule, or of rule `only_rule` alone.
    fn scan_lang(
        &self,
        lang: Lang,
        only_rule: Option<usize>,
        rel_path: &str,
        bytes: &[u8],
        out: &mut Vec<Finding>,
    ) {
        out.extend(
            self.analyse(lang, only_rule, rel_path, bytes, &NoSummaries)
                .findings,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        rule_index: usize,
        m: &tree_sitter::QueryMatch<'_, '_>,
        match_capture: u32,
        capture_names: &[&str],
        index: &LineIndex,
        rel_path: &str,
        bytes: &[u8],
        out: &mut Vec<Finding>,
    ) {
        let rule = &self.rules[rule_index];
        let RuleKind::Pattern {
            unless, conditions, ..
        } = &self.compiled[rule_index].kind
        else {
            return;
        };
        for cap in m.captures().iter().filter(|k| k.index == match_capture) {
            let node = cap.node;
            let text = &bytes[node.byte_range()];
            if let Some(re) = unless
                && re.is_match(&String::from_utf8_lossy(text))
            {
                continue;
            }
            if !conditions.is_empty() && !conditions.admit(m, capture_names, node, bytes) {
                continue;
            }
            let loc = index.location(rel_path, bytes, node.start_byte(), node.end_byte());
            out.push(Finding::new(rule, rule.title.clone(), loc, text));
        }
    }

    /// Run every rule's examples: `(rule id, failing example, whether it should have matched)`.
    pub fn check_examples(&self) -> Vec<(String, String, bool)> {
        let mut failures = Vec::new();
        for (i, (rule, c)) in self.rules.iter().zip(&self.compiled).enumerate() {
            for (examples, should) in [(&rule.examples, true), (&rule.negative_examples, false)] {
                for ex in examples {
                    let mut out = Vec::new();
                    self.scan_lang(c.lang, Some(i), "example", ex.as_bytes(), &mut out);
                    // The merged run must agree with the rule's own.
                    let mut merged = Vec::new();
                    self.scan_lang(c.lang, None, "example", ex.as_bytes(), &mut merged);
                    out.retain(|f| merged.iter().any(|g| g.fingerprint == f.fingerprint));
                    let hit = out.iter().any(|f| f.rule_id == rule.id);
                    if hit != should {
                        failures.push((rule.id.clone(), ex.clone(), should));
                    }
                }
            }
        }
        failures
    }

    /// Scan a set of files as one tree: every file in parallel, then again those that call
    /// functions of other files whose summaries say data flows through them.
    pub fn scan_files(&self, files: &[(String, Vec<u8>)]) -> TreeOutput {
        self.scan_sources(files.len(), |i| {
            Some((
                files[i].0.clone(),
                std::borrow::Cow::Borrowed(files[i].1.as_slice()),
            ))
        })
    }

    fn scan_sources<'f>(
        &self,
        count: usize,
        read: impl Fn(usize) -> Option<(String, std::borrow::Cow<'f, [u8]>)> + Sync,
    ) -> TreeOutput {
        let pool = self.pool.get_or_init(|| {
            rayon::ThreadPoolBuilder::new()
                .stack_size(ANALYSIS_STACK_SIZE)
                .thread_name(|i| format!("steward-code-{i}"))
                .build()
                .ok()
        });
        match pool {
            Some(pool) => pool.install(|| self.scan_sources_on_this_pool(count, &read)),
            None => self.scan_sources_on_this_pool(count, &read),
        }
    }

    fn scan_sources_on_this_pool<'f>(
        &self,
        count: usize,
        read: &(impl Fn(usize) -> Option<(String, std::borrow::Cow<'f, [u8]>)> + Sync),
    ) -> TreeOutput {
        let first: Vec<Option<(String, Lang, FileResult)>> = (0..count)
            .into_par_iter()
            .map(|i| {
                let (path, bytes) = read(i)?;
                let lang = Lang::of_file(&path, &bytes)?;
                let r = self.analyse(lang, None, &path, &bytes, &NoSummaries);
                Some((path, lang, r))
            })
            .collect();
        // Summaries by every dotted suffix of the module path (`app.db.run`, `db.run`), so
        // an import resolves whatever the package root; a suffix two files share is dropped.
        let mut table: HashMap<String, Option<Summary>> = HashMap::new();
        for (path, _, r) in first.iter().flatten() {
            if r.summaries.is_empty() {
                continue;
            }
            let module = module_name(path);
            let parts: Vec<&str> = module.split('.').collect();
            for start in 0..parts.len() {
                let prefix = parts[start..].join(".");
                for (name, summary) in &r.summaries {
                    let key = if prefix.is_empty() {
                        name.to_string()
                    } else {
                        format!("{prefix}.{name}")
                    };
                    table
                        .entry(key)
                        .and_modify(|e| *e = None)
                        .or_insert_with(|| Some(summary.clone()));
                }
            }
        }
        let table: HashMap<String, Summary> = table
            .into_iter()
            .filter_map(|(k, v)| Some((k, v?)))
            .collect();
        let again: Vec<usize> = if table.is_empty() {
            Vec::new()
        } else {
            first
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    // Findings need a source: one the file reads, or one a summary returns.
                    r.as_ref().is_some_and(|(_, _, r)| {
                        r.import_calls.iter().any(|c| {
                            table
                                .get(c)
                                .is_some_and(|s| r.saw_source || s.returns_source())
                        })
                    })
                })
                .map(|(i, _)| i)
                .collect()
        };
        let redone: Vec<(usize, FileResult)> = again
            .par_iter()
            .filter_map(|&i| {
                let (path, bytes) = read(i)?;
                let lang = Lang::of_file(&path, &bytes)?;
                Some((i, self.analyse(lang, None, &path, &bytes, &table)))
            })
            .collect();
        let mut results: Vec<Option<FileResult>> =
            first.into_iter().map(|r| r.map(|(_, _, r)| r)).collect();
        for (i, r) in redone {
            results[i] = Some(r);
        }
        let mut out = TreeOutput::default();
        let mut seen = std::collections::HashSet::new();
        for r in results.into_iter().flatten() {
            for f in r.findings {
                // Two callers reaching one sink in another file are one finding there.
                if seen.insert((
                    f.fingerprint.clone(),
                    f.location.start_line,
                    f.location.start_column,
                )) {
                    out.findings.push(f);
                }
            }
            out.skipped.extend(r.skipped);
        }
        out
    }
}

fn memchr_find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// `pkg/sub/mod.py` -> `pkg.sub.mod`; a package's `__init__.py` is the package. A Go
/// package is its directory (`cmd/api/x.go` -> `cmd.api`); C and C++ functions share one
/// global namespace (``).
fn module_name(path: &str) -> String {
    match Lang::of_path(path) {
        Some(Lang::Go) => {
            return path
                .rsplit_once('/')
                .map_or(String::new(), |(dir, _)| dir.replace('/', "."));
        }
        Some(Lang::C | Lang::Cpp) => return String::new(),
        _ => {}
    }
    // Java summaries are named `Class.method` and PHP's functions share one namespace: the
    // file's place in the tree adds nothing.
    if matches!(Lang::of_path(path), Some(Lang::Java | Lang::Php)) {
        return String::new();
    }
    let stem = path.rsplit_once('.').map_or(path, |(s, _)| s);
    let stem = stem.strip_suffix("/__init__").unwrap_or(stem);
    stem.replace('/', ".")
}

impl Engine for CodeEngine {
    fn name(&self) -> &'static str {
        "code"
    }

    fn rules(&self) -> &[Rule] {
        &self.rules
    }

    // Files are analysed in `scan_tree`, where calls into other files can be followed.
    fn wants_file(&self, _rel_path: &str) -> bool {
        false
    }

    /// One file on its own (no summaries of other files).
    fn scan_file(&self, file: &SourceFile<'_>, out: &mut Vec<Finding>) {
        if let Some(lang) = Lang::of_file(file.rel_path, file.bytes) {
            self.scan_lang(lang, None, file.rel_path, file.bytes, out);
        }
    }

    fn scan_tree(&self, tree: &Collected) -> Result<TreeOutput, EngineError> {
        let files: Vec<&steward_core::collect::CollectedFile> = tree
            .files
            .iter()
            .filter(|f| Lang::of_path(&f.rel_path).is_some())
            .collect();
        Ok(self.scan_sources(files.len(), |i| {
            let f = files[i];
            // Unreadable and binary files are already counted as skipped by the runner.
            let bytes = std::fs::read(&f.path).ok()?;
            if steward_core::collect::looks_binary(&bytes) {
                return None;
            }
            Some((f.rel_path.clone(), std::borrow::Cow::Owned(bytes)))
        }))
    }
}
