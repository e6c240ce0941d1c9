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
//! This first slice covers Python pattern rules. Taint tracking (sources, sinks, sanitizers,
//! interprocedural summaries) and the other languages are the code engine issue's next steps.

use std::cell::RefCell;

use regex::Regex;
use serde::Deserialize;
use steward_core::engine::{Engine, SourceFile};
use steward_core::finding::{Finding, LineIndex};
use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};
use steward_core::taxonomy::{Cwe, Owasp};
use tree_sitter::{Language, Parser, Query, QueryCursor, StreamingIterator};

/// The built-in rule files, embedded in the binary. A test checks that every file under
/// `rules/` is listed here.
pub const BUILTIN_RULES: &[(&str, &str)] = &[
    ("python/eval.yml", include_str!("../rules/python/eval.yml")),
    (
        "python/flask-debug.yml",
        include_str!("../rules/python/flask-debug.yml"),
    ),
    (
        "python/jinja-autoescape-off.yml",
        include_str!("../rules/python/jinja-autoescape-off.yml"),
    ),
    (
        "python/sql-string-building.yml",
        include_str!("../rules/python/sql-string-building.yml"),
    ),
    (
        "python/ssl-unverified-context.yml",
        include_str!("../rules/python/ssl-unverified-context.yml"),
    ),
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
];

#[derive(Debug, thiserror::Error)]
pub enum RuleLoadError {
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

/// A rule file as written.
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
    query: String,
    #[serde(default)]
    unless_match: Option<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    negative_examples: Vec<String>,
}

fn medium() -> Confidence {
    Confidence::Medium
}

/// Languages the engine parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Python,
}

impl Lang {
    fn of_path(path: &str) -> Option<Lang> {
        let ext = path.rsplit_once('.').map(|(_, e)| e)?;
        match ext {
            "py" | "pyw" | "pyi" => Some(Lang::Python),
            _ => None,
        }
    }

    fn of_rule_file(file: &str) -> Option<Lang> {
        match file.split('/').next()? {
            "python" => Some(Lang::Python),
            _ => None,
        }
    }

    fn grammar(self) -> Language {
        match self {
            Lang::Python => tree_sitter_python::LANGUAGE.into(),
        }
    }
}

struct CompiledRule {
    lang: Lang,
    /// The rule's query alone, for checking its examples.
    query: Query,
    match_capture: u32,
    unless: Option<Regex>,
}

/// Every rule of one language in one query, so a file's tree is walked once, not once
/// per rule. Patterns are numbered in source order; `pattern_rule` maps each back.
struct LanguageQuery {
    lang: Lang,
    query: Query,
    match_capture: u32,
    pattern_rule: Vec<usize>,
}

/// The code engine: tree-sitter queries over every file in a language it knows.
pub struct CodeEngine {
    rules: Vec<Rule>,
    compiled: Vec<CompiledRule>,
    merged: Vec<LanguageQuery>,
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

    /// An engine from `(file name, YAML text)` pairs; the first path segment of the name
    /// is the language (`python/...`).
    pub fn from_files(
        files: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, RuleLoadError> {
        let mut rules = Vec::new();
        let mut compiled = Vec::new();
        let mut sources: Vec<String> = Vec::new();
        for (file, text) in files {
            let bad = |message: String| RuleLoadError::Invalid {
                file: file.clone(),
                message,
            };
            let lang = Lang::of_rule_file(&file)
                .ok_or_else(|| bad("rule files live under a language folder: python/".into()))?;
            let rf: RuleFile = serde_saphyr::from_str(&text).map_err(|e| bad(e.to_string()))?;
            let query =
                Query::new(&lang.grammar(), &rf.query).map_err(|e| bad(format!("query: {e}")))?;
            let match_capture = query
                .capture_index_for_name("match")
                .ok_or_else(|| bad("query has no @match capture".into()))?;
            let unless = rf
                .unless_match
                .as_deref()
                .map(Regex::new)
                .transpose()
                .map_err(|e| bad(format!("unless_match: {e}")))?;
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
            sources.push(rf.query);
            compiled.push(CompiledRule {
                lang,
                query,
                match_capture,
                unless,
            });
        }
        let mut merged = Vec::new();
        for lang in [Lang::Python] {
            let mut source = String::new();
            let mut pattern_rule = Vec::new();
            for (i, c) in compiled.iter().enumerate().filter(|(_, c)| c.lang == lang) {
                source.push_str(&sources[i]);
                source.push('\n');
                pattern_rule.extend(std::iter::repeat_n(i, c.query.pattern_count()));
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
            merged.push(LanguageQuery {
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
        })
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
            // A file that does not parse still yields a partial tree with error nodes; the
            // rules run on whatever parsed.
            slot.as_mut()?.1.parse(bytes, None)
        });
        let Some(tree) = tree else { return };
        let index = LineIndex::new(bytes);
        let mut cursor = QueryCursor::new();
        match only_rule {
            Some(i) => {
                let c = &self.compiled[i];
                let mut matches = cursor.matches(&c.query, tree.root_node(), bytes);
                while let Some(m) = matches.next() {
                    self.emit(i, m, c.match_capture, &index, rel_path, bytes, out);
                }
            }
            None => {
                for lq in self.merged.iter().filter(|q| q.lang == lang) {
                    let mut matches = cursor.matches(&lq.query, tree.root_node(), bytes);
                    while let Some(m) = matches.next() {
                        let rule = lq.pattern_rule[m.pattern_index];
                        self.emit(rule, m, lq.match_capture, &index, rel_path, bytes, out);
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        rule_index: usize,
        m: &tree_sitter::QueryMatch<'_, '_>,
        match_capture: u32,
        index: &LineIndex,
        rel_path: &str,
        bytes: &[u8],
        out: &mut Vec<Finding>,
    ) {
        let rule = &self.rules[rule_index];
        let unless = &self.compiled[rule_index].unless;
        for cap in m.captures().iter().filter(|k| k.index == match_capture) {
            let node = cap.node;
            let text = &bytes[node.byte_range()];
            if let Some(re) = unless
                && re.is_match(&String::from_utf8_lossy(text))
            {
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
                    // The merged query must agree with the rule's own.
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
}

impl Engine for CodeEngine {
    fn name(&self) -> &'static str {
        "code"
    }

    fn rules(&self) -> &[Rule] {
        &self.rules
    }

    fn wants_file(&self, rel_path: &str) -> bool {
        Lang::of_path(rel_path).is_some()
    }

    fn scan_file(&self, file: &SourceFile<'_>, out: &mut Vec<Finding>) {
        if let Some(lang) = Lang::of_path(file.rel_path) {
            self.scan_lang(lang, None, file.rel_path, file.bytes, out);
        }
    }
}
