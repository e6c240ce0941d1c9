//! Security-sensitive code: the places a change needs a security reviewer for, whoever
//! wrote it — authentication, session handling, access control, cryptography, secrets
//! handling and input validation. `steward review` lists every changed hunk that touches one.
//!
//! Detectors are data, one YAML file per language under `sensitive/` (TypeScript and TSX
//! share JavaScript's, and C++ C's, as they share their rules). A detector is a tree-sitter
//! query whose `@match` capture is the sensitive region and whose optional `@name` capture
//! is what the report calls it, with a category, a reason, and examples that must and must
//! not match.
//! Adding a language is adding its file to [`SENSITIVE_MODELS`]: the parser is the engine's.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use steward_core::finding::LineIndex;
use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};
use steward_core::taxonomy::Owasp;
use tree_sitter::{
    ParseOptions, Parser, Query, QueryCursor, QueryCursorOptions, StreamingIterator,
};

use crate::{LANGS, Lang, RuleLoadError};

/// Each language's sensitive-code detectors, embedded in the binary. A test checks that
/// every file under `sensitive/` is listed here.
pub const SENSITIVE_MODELS: &[(&str, &str)] = &[
    ("c", include_str!("../sensitive/c.yml")),
    ("go", include_str!("../sensitive/go.yml")),
    ("java", include_str!("../sensitive/java.yml")),
    ("javascript", include_str!("../sensitive/javascript.yml")),
    ("php", include_str!("../sensitive/php.yml")),
    ("python", include_str!("../sensitive/python.yml")),
];

/// Rule id of a changed hunk that touches security-sensitive code or a
/// `[policy] security_review` path.
pub const SECURITY_REVIEW: &str = "review/security-review-required";
/// Rule id of a change with security-sensitive hunks and no approval from a listed
/// security reviewer.
pub const SIGN_OFF_MISSING: &str = "review/security-sign-off-missing";

/// What kind of security-sensitive code a region is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Authentication,
    Session,
    AccessControl,
    Cryptography,
    Secrets,
    InputValidation,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Authentication => "authentication",
            Category::Session => "session handling",
            Category::AccessControl => "access control",
            Category::Cryptography => "cryptography",
            Category::Secrets => "secrets handling",
            Category::InputValidation => "input validation",
        }
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One stretch of a file that a detector recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensitiveRegion {
    /// `python/password-hashing`.
    pub detector: String,
    pub category: Category,
    /// Why it matters, from the detector.
    pub reason: String,
    /// What it is, as written (`bcrypt.hashpw`, `@login_required`), on one line.
    pub name: String,
    /// 1-based, inclusive.
    pub start_line: u32,
    pub end_line: u32,
}

/// The file could not be looked at within the time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedOut;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    detectors: Vec<DetectorFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DetectorFile {
    id: String,
    category: Category,
    reason: String,
    query: String,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    negative_examples: Vec<String>,
}

struct Detector {
    id: String,
    category: Category,
    reason: String,
    examples: Vec<String>,
    negative_examples: Vec<String>,
}

/// One grammar's detectors, as one query so a file's tree is walked once.
struct GrammarQuery {
    lang: Lang,
    query: Query,
    match_capture: u32,
    name_capture: Option<u32>,
    /// Pattern index -> detector index.
    pattern_detector: Vec<usize>,
}

/// The detectors of every language, compiled.
pub struct SensitiveCode {
    detectors: Vec<(Lang, Detector)>,
    queries: Vec<GrammarQuery>,
    time_limit: Duration,
}

impl SensitiveCode {
    /// The built-in detectors.
    pub fn new() -> Result<Self, RuleLoadError> {
        Self::from_models(
            SENSITIVE_MODELS
                .iter()
                .map(|(l, t)| (l.to_string(), t.to_string())),
        )
    }

    /// Detectors from `(language, YAML text)` pairs.
    pub fn from_models(
        models: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, RuleLoadError> {
        let mut detectors: Vec<(Lang, Detector)> = Vec::new();
        let mut sources: Vec<(Lang, String)> = Vec::new();
        for (language, text) in models {
            let file = format!("sensitive/{language}.yml");
            let bad = |message: String| RuleLoadError::Invalid {
                file: file.clone(),
                message,
            };
            let lang = Lang::named(&language)
                .ok_or_else(|| bad(format!("`{language}` is not a language the engine parses")))?;
            let model: ModelFile = serde_saphyr::from_str(&text).map_err(|e| bad(e.to_string()))?;
            for d in model.detectors {
                if d.examples.is_empty() || d.negative_examples.is_empty() {
                    return Err(bad(format!(
                        "detector `{}` needs examples and negative_examples",
                        d.id
                    )));
                }
                sources.push((lang, d.query));
                detectors.push((
                    lang,
                    Detector {
                        id: format!("{language}/{}", d.id),
                        category: d.category,
                        reason: d.reason.trim().to_string(),
                        examples: d.examples,
                        negative_examples: d.negative_examples,
                    },
                ));
            }
        }
        let mut queries = Vec::new();
        // Every grammar whose rules are this language's (TypeScript and TSX use
        // JavaScript's) gets the detectors compiled for it.
        for grammar in LANGS {
            let mut source = String::new();
            let mut pattern_detector = Vec::new();
            for (i, ((lang, d), (_, q))) in detectors.iter().zip(&sources).enumerate() {
                if *lang != grammar.rules_of() {
                    continue;
                }
                let one =
                    Query::new(&grammar.grammar(), q).map_err(|e| RuleLoadError::Invalid {
                        file: format!("sensitive detector {} ({grammar:?} grammar)", d.id),
                        message: format!("query: {e}"),
                    })?;
                if one.capture_index_for_name("match").is_none() {
                    return Err(RuleLoadError::Invalid {
                        file: format!("sensitive detector {}", d.id),
                        message: "query has no @match capture".into(),
                    });
                }
                source.push_str(q);
                source.push('\n');
                pattern_detector.extend(std::iter::repeat_n(i, one.pattern_count()));
            }
            if pattern_detector.is_empty() {
                continue;
            }
            let query =
                Query::new(&grammar.grammar(), &source).map_err(|e| RuleLoadError::Invalid {
                    file: format!("sensitive detectors together ({grammar:?} grammar)"),
                    message: format!("query: {e}"),
                })?;
            let Some(match_capture) = query.capture_index_for_name("match") else {
                continue;
            };
            let name_capture = query.capture_index_for_name("name");
            queries.push(GrammarQuery {
                lang: grammar,
                query,
                match_capture,
                name_capture,
                pattern_detector,
            });
        }
        Ok(SensitiveCode {
            detectors,
            queries,
            time_limit: crate::DEFAULT_FILE_TIME_LIMIT,
        })
    }

    /// At most `limit` per file.
    pub fn with_time_limit(mut self, limit: Duration) -> Self {
        self.time_limit = limit;
        self
    }

    /// Whether there are detectors for the language of `rel_path`.
    pub fn covers(&self, rel_path: &str) -> bool {
        Lang::of_path(rel_path).is_some_and(|l| self.queries.iter().any(|q| q.lang == l))
    }

    /// The sensitive regions of `bytes`, the content of `rel_path`, in reading order.
    /// A file in a language without detectors has none.
    pub fn regions(&self, rel_path: &str, bytes: &[u8]) -> Result<Vec<SensitiveRegion>, TimedOut> {
        let Some(lang) = Lang::of_path(rel_path) else {
            return Ok(Vec::new());
        };
        self.regions_in(lang, None, bytes)
    }

    fn regions_in(
        &self,
        lang: Lang,
        only: Option<usize>,
        bytes: &[u8],
    ) -> Result<Vec<SensitiveRegion>, TimedOut> {
        let Some(gq) = self.queries.iter().find(|q| q.lang == lang) else {
            return Ok(Vec::new());
        };
        let deadline = Instant::now() + self.time_limit;
        let tree = parse_until(lang, bytes, deadline).ok_or(TimedOut)?;
        let index = LineIndex::new(bytes);
        let mut out: Vec<SensitiveRegion> = Vec::new();
        let mut cursor = QueryCursor::new();
        let mut check = |_: &tree_sitter::QueryCursorState| {
            if Instant::now() > deadline {
                std::ops::ControlFlow::Break(())
            } else {
                std::ops::ControlFlow::Continue(())
            }
        };
        let mut matches = cursor.matches_with_options(
            &gq.query,
            tree.root_node(),
            bytes,
            QueryCursorOptions::new().progress_callback(&mut check),
        );
        while let Some(m) = matches.next() {
            let d = gq.pattern_detector[m.pattern_index];
            if only.is_some_and(|o| o != d) {
                continue;
            }
            let detector = &self.detectors[d].1;
            let name_node = gq
                .name_capture
                .and_then(|n| m.captures().iter().find(|c| c.index == n))
                .map(|c| c.node);
            for cap in m.captures().iter().filter(|c| c.index == gq.match_capture) {
                let node = cap.node;
                let shown = name_node.unwrap_or(node);
                let text = String::from_utf8_lossy(&bytes[shown.byte_range()]);
                let first = text.lines().next().unwrap_or("").trim();
                let name: String = if first.chars().count() > 80 {
                    first.chars().take(77).chain("...".chars()).collect()
                } else {
                    first.to_string()
                };
                let (start_line, _) = index.line_col(bytes, node.start_byte());
                let (mut end_line, end_col) = index.line_col(bytes, node.end_byte());
                // A node that ends at the start of a line does not cover that line.
                if end_col == 1 && end_line > start_line {
                    end_line -= 1;
                }
                let region = SensitiveRegion {
                    detector: detector.id.clone(),
                    category: detector.category,
                    reason: detector.reason.clone(),
                    name,
                    start_line,
                    end_line,
                };
                if !out.contains(&region) {
                    out.push(region);
                }
            }
        }
        if Instant::now() > deadline {
            return Err(TimedOut);
        }
        out.sort_by(|a, b| {
            (a.start_line, a.end_line, &a.detector).cmp(&(b.start_line, b.end_line, &b.detector))
        });
        Ok(out)
    }

    /// Every detector's examples: `(detector id, failing example, whether it should have
    /// matched)`.
    pub fn check_examples(&self) -> Vec<(String, String, bool)> {
        let mut failures = Vec::new();
        for (i, (lang, d)) in self.detectors.iter().enumerate() {
            // Each grammar that shares the language's detectors runs its examples.
            for grammar in LANGS.into_iter().filter(|g| g.rules_of() == *lang) {
                for (examples, should) in [(&d.examples, true), (&d.negative_examples, false)] {
                    for ex in examples {
                        let hit = self
                            .regions_in(grammar, Some(i), ex.as_bytes())
                            .is_ok_and(|r| !r.is_empty());
                        if hit != should {
                            failures.push((format!("{} ({grammar:?})", d.id), ex.clone(), should));
                        }
                    }
                }
            }
        }
        failures
    }
}

/// `bytes` parsed as `lang`, or `None` past `deadline`. A file with syntax errors still
/// gives a tree, with error nodes where it does not parse.
pub(crate) fn parse_until(
    lang: Lang,
    bytes: &[u8],
    deadline: Instant,
) -> Option<tree_sitter::Tree> {
    let mut parser = Parser::new();
    parser.set_language(&lang.grammar()).ok()?;
    let mut check = |_: &tree_sitter::ParseState| {
        if Instant::now() > deadline {
            std::ops::ControlFlow::Break(())
        } else {
            std::ops::ControlFlow::Continue(())
        }
    };
    let len = bytes.len();
    parser.parse_with_options(
        &mut |offset, _| if offset < len { &bytes[offset..] } else { &[] },
        None,
        Some(ParseOptions::new().progress_callback(&mut check)),
    )
}

/// The rules of the code part of `steward review`.
pub fn review_rules() -> Vec<Rule> {
    let mut review = Rule::new(
        SECURITY_REVIEW,
        "review",
        "Change to security-sensitive code",
        Severity::Info,
    );
    review.confidence = Confidence::High;
    review.owasp = Some(Owasp::A04);
    review.description = "A changed hunk touches code that authenticates users, handles \
        sessions, controls access, uses cryptography, handles secrets or validates input — \
        recognised by the code engine's sensitive-code detectors — or a path steward.toml's \
        `[policy] security_review` globs mark as security-sensitive. Each finding names the \
        reason and the lines."
        .into();
    review.rationale = Some(
        "Most reviews are done by one reviewer who is not a security specialist. A change to \
         password hashing, a removed authorization decorator or a new cookie flag reads like \
         any other diff; pointing at it is what gets it the reviewer it needs."
            .into(),
    );
    review.remediation = Some(
        "Have one of the `[policy] security_reviewers` review the change and record it with a \
         `Security-Reviewed-by: Name <email>` trailer (or `steward review --approved-by`)."
            .into(),
    );
    review.examples = vec!["hashed = bcrypt.hashpw(password, bcrypt.gensalt())".into()];
    review.negative_examples = vec!["total = sum(prices)".into()];

    let mut sign_off = Rule::new(
        SIGN_OFF_MISSING,
        "review",
        "Security-sensitive change without a security reviewer's sign-off",
        Severity::High,
    );
    sign_off.confidence = Confidence::High;
    sign_off.owasp = Some(Owasp::A04);
    sign_off.description = "The change has security-sensitive hunks, and no one in steward.toml's \
        `[policy] security_reviewers` has approved it: no commit in the range carries their \
        `Security-Reviewed-by:` trailer for the change as it stands, and `--approved-by` does \
        not name them. `steward review` fails until one does, whatever `--fail-on` says."
        .into();
    sign_off.rationale = Some(
        "A sign-off rule that the author can satisfy alone, or that survives later edits to \
         the code it approved, is no rule: an approval counts only from a listed reviewer and \
         only if the sensitive files have not changed since the commit that records it."
            .into(),
    );
    sign_off.remediation = Some(
        "Ask one of the listed security reviewers to review the change; record the approval \
         with a `Security-Reviewed-by: Name <email>` trailer in a commit of the range, or pass \
         `--approved-by NAME` from the pull request's approvals."
            .into(),
    );
    vec![review, sign_off]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_carry_lines_category_and_name() {
        let s = SensitiveCode::new().unwrap();
        let src = b"import bcrypt\n\ndef store(pw):\n    return bcrypt.hashpw(\n        pw, bcrypt.gensalt())\n";
        let r = s.regions("app/users.py", src).unwrap();
        let hash = r
            .iter()
            .find(|r| r.detector == "python/password-hashing" && r.name == "bcrypt.hashpw")
            .unwrap_or_else(|| panic!("{r:#?}"));
        assert_eq!((hash.start_line, hash.end_line), (4, 5));
        assert_eq!(hash.category, Category::Authentication);
        assert!(s.regions("README.md", src).unwrap().is_empty());
        assert!(s.covers("web/login.tsx") && !s.covers("notes.txt"));
    }

    #[test]
    fn a_model_for_an_unknown_language_or_without_examples_is_refused() {
        let err = SensitiveCode::from_models([("cobol".to_string(), "detectors: []".to_string())])
            .err()
            .unwrap();
        assert!(err.to_string().contains("cobol"), "{err}");
        let yaml = "detectors:\n  - id: x\n    category: cryptography\n    reason: r\n    query: '(call) @match'\n".to_string();
        let err = SensitiveCode::from_models([("python".to_string(), yaml)])
            .err()
            .unwrap();
        assert!(err.to_string().contains("examples"), "{err}");
    }
}
