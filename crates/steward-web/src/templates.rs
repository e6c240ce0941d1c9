//! Checks as data: the HTTP subset of Nuclei's template format. A template names requests
//! (`{{BaseURL}}`/`{{RootURL}}` paths, method, headers, body) and matchers (word, regex,
//! status; `part`, `condition`, `negative`, `case-insensitive`, `matchers-condition`);
//! steward ships its exposed-file checks this way so users can add their own alongside.

use std::collections::BTreeMap;

use regex::Regex;
use reqwest::Url;
use serde::Deserialize;
use steward_core::{Confidence, Cwe, Owasp, Rule, Severity};

use crate::client::{Exchange, HttpRequest};

const BUILTIN: &[(&str, &str)] = &[
    (
        "exposed-git-config.yaml",
        include_str!("../templates/exposed-git-config.yaml"),
    ),
    (
        "exposed-env-file.yaml",
        include_str!("../templates/exposed-env-file.yaml"),
    ),
    (
        "exposed-sql-backup.yaml",
        include_str!("../templates/exposed-sql-backup.yaml"),
    ),
];

#[derive(Debug, thiserror::Error)]
#[error("template {file}: {message}")]
pub struct TemplateError {
    pub file: String,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct TemplateSpec {
    id: String,
    info: InfoSpec,
    #[serde(alias = "requests")]
    http: Vec<RequestSpec>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct InfoSpec {
    name: String,
    severity: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    remediation: Option<String>,
    #[serde(default)]
    reference: Vec<String>,
    #[serde(default)]
    classification: Option<ClassificationSpec>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct ClassificationSpec {
    #[serde(default)]
    cwe_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RequestSpec {
    #[serde(default = "get")]
    method: String,
    path: Vec<String>,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    matchers_condition: Option<String>,
    #[serde(default)]
    stop_at_first_match: bool,
    matchers: Vec<MatcherSpec>,
}

fn get() -> String {
    "GET".into()
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct MatcherSpec {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    part: Option<String>,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    regex: Vec<String>,
    #[serde(default)]
    status: Vec<u16>,
    #[serde(default)]
    condition: Option<String>,
    #[serde(default)]
    negative: bool,
    #[serde(default)]
    case_insensitive: bool,
}

/// A loaded template: its rule and its requests.
#[derive(Debug, Clone)]
pub struct Template {
    pub rule: Rule,
    pub requests: Vec<TemplateRequest>,
}

#[derive(Debug, Clone)]
pub struct TemplateRequest {
    pub method: String,
    pub paths: Vec<String>,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// All matchers must match (`and`), or any (`or`).
    pub all: bool,
    pub stop_at_first_match: bool,
    pub matchers: Vec<Matcher>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Body,
    Header,
    All,
}

#[derive(Debug, Clone)]
pub enum MatcherKind {
    Word(Vec<String>),
    Regex(Vec<Regex>),
    Status(Vec<u16>),
}

#[derive(Debug, Clone)]
pub struct Matcher {
    pub kind: MatcherKind,
    pub part: Part,
    pub all: bool,
    pub negative: bool,
    pub case_insensitive: bool,
}

fn condition_is_and(c: Option<&str>, default_and: bool, file: &str) -> Result<bool, TemplateError> {
    match c {
        None => Ok(default_and),
        Some("and") => Ok(true),
        Some("or") => Ok(false),
        Some(other) => Err(TemplateError {
            file: file.into(),
            message: format!("condition `{other}`: expected `and` or `or`"),
        }),
    }
}

/// Parse one template. Anything outside the supported subset is an error, so a template
/// never silently matches less than its author meant.
pub fn parse(file: &str, text: &str) -> Result<Template, TemplateError> {
    let err = |message: String| TemplateError {
        file: file.into(),
        message,
    };
    let spec: TemplateSpec = serde_saphyr::from_str(text).map_err(|e| err(e.to_string()))?;
    let severity: Severity = spec
        .info
        .severity
        .parse()
        .map_err(|e| err(format!("severity: {e}")))?;
    let mut rule = Rule::new(
        format!("dast/{}", spec.id),
        "dast",
        spec.info.name,
        severity,
    );
    rule.confidence = Confidence::High;
    rule.description = spec.info.description;
    rule.remediation = spec.info.remediation;
    rule.references = spec.info.reference;
    rule.owasp = Some(Owasp::A05);
    if let Some(cwe) = spec.info.classification.and_then(|c| c.cwe_id) {
        for id in cwe.split(',') {
            let id = id.trim();
            let n = id
                .strip_prefix("CWE-")
                .or_else(|| id.strip_prefix("cwe-"))
                .unwrap_or(id);
            rule.cwe
                .push(Cwe(n.parse().map_err(|_| err(format!("cwe-id `{id}`")))?));
        }
    }
    let mut requests = Vec::new();
    for r in spec.http {
        let mut matchers = Vec::new();
        for m in r.matchers {
            let part = match m.part.as_deref() {
                None | Some("body") => Part::Body,
                Some("header") => Part::Header,
                Some("all") | Some("response") => Part::All,
                Some(other) => return Err(err(format!("matcher part `{other}` is not supported"))),
            };
            let kind = match m.kind.as_str() {
                "word" => MatcherKind::Word(m.words),
                "regex" => MatcherKind::Regex(
                    m.regex
                        .iter()
                        .map(|r| {
                            regex::RegexBuilder::new(r)
                                .case_insensitive(m.case_insensitive)
                                .build()
                                .map_err(|e| err(format!("regex `{r}`: {e}")))
                        })
                        .collect::<Result<_, _>>()?,
                ),
                "status" => MatcherKind::Status(m.status),
                other => {
                    return Err(err(format!(
                        "matcher type `{other}` is not supported (word, regex, status)"
                    )));
                }
            };
            matchers.push(Matcher {
                kind,
                part,
                all: condition_is_and(m.condition.as_deref(), false, file)?,
                negative: m.negative,
                case_insensitive: m.case_insensitive,
            });
        }
        if matchers.is_empty() {
            return Err(err("a request without matchers".into()));
        }
        requests.push(TemplateRequest {
            method: r.method.to_ascii_uppercase(),
            paths: r.path,
            headers: r.headers.into_iter().collect(),
            body: r.body,
            all: condition_is_and(r.matchers_condition.as_deref(), false, file)?,
            stop_at_first_match: r.stop_at_first_match,
            matchers,
        });
    }
    Ok(Template { rule, requests })
}

/// The templates steward ships.
pub fn builtin() -> Result<Vec<Template>, TemplateError> {
    BUILTIN.iter().map(|(f, t)| parse(f, t)).collect()
}

impl TemplateRequest {
    /// The requests for `target`: `{{BaseURL}}` is the URL as given without a trailing
    /// slash, `{{RootURL}}` its origin.
    pub fn build(&self, target: &Url) -> Vec<HttpRequest> {
        let base = target.as_str().trim_end_matches('/').to_string();
        let root = target.origin().ascii_serialization();
        self.paths
            .iter()
            .filter_map(|p| {
                let url = p
                    .replace("{{BaseURL}}", &base)
                    .replace("{{RootURL}}", &root);
                Url::parse(&url).ok()
            })
            .map(|url| HttpRequest {
                method: self.method.clone(),
                url,
                headers: self.headers.clone(),
                form: self.body.clone(),
                json: None,
            })
            .collect()
    }

    /// The evidence if the matchers accept `ex`.
    pub fn matches(&self, ex: &Exchange) -> Option<String> {
        let mut evidence = Vec::new();
        let mut any = false;
        for m in &self.matchers {
            let (hit, what) = m.check(ex);
            if hit {
                any = true;
                evidence.extend(what);
            } else if self.all {
                return None;
            }
        }
        (any || self.all).then(|| evidence.join("\n"))
    }
}

impl Matcher {
    /// Whether the matcher accepts `ex` (after `negative`), and what matched.
    fn check(&self, ex: &Exchange) -> (bool, Option<String>) {
        let text = match self.part {
            Part::Body => ex.body_text().into_owned(),
            Part::Header => ex.status_and_headers(),
            Part::All => format!("{}\n\n{}", ex.status_and_headers(), ex.body_text()),
        };
        let (hit, what) = match &self.kind {
            MatcherKind::Status(codes) => (
                codes.contains(&ex.status),
                Some(format!("HTTP/1.1 {}", ex.status)),
            ),
            MatcherKind::Word(words) => {
                let hay = if self.case_insensitive {
                    text.to_lowercase()
                } else {
                    text.clone()
                };
                let found: Vec<&String> = words
                    .iter()
                    .filter(|w| {
                        if self.case_insensitive {
                            hay.contains(&w.to_lowercase())
                        } else {
                            hay.contains(w.as_str())
                        }
                    })
                    .collect();
                let hit = if self.all {
                    found.len() == words.len()
                } else {
                    !found.is_empty()
                };
                let line = found.first().and_then(|w| line_with(&text, w));
                (hit, line)
            }
            MatcherKind::Regex(res) => {
                let found: Vec<regex::Match<'_>> =
                    res.iter().filter_map(|r| r.find(&text)).collect();
                let hit = if self.all {
                    found.len() == res.len()
                } else {
                    !found.is_empty()
                };
                let line = found.first().and_then(|m| line_with(&text, m.as_str()));
                (hit, line)
            }
        };
        if self.negative {
            (!hit, None)
        } else {
            (hit, what)
        }
    }
}

/// The line of `text` holding `needle`, trimmed, for evidence.
pub fn line_with(text: &str, needle: &str) -> Option<String> {
    let at = text.find(needle)?;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = text[start..end].trim();
    Some(crate::checks::clip(line, 200))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_templates_load_and_unsupported_parts_are_refused() {
        let all = builtin().unwrap();
        assert_eq!(all.len(), BUILTIN.len());
        assert!(all.iter().all(|t| t.rule.id.starts_with("dast/exposed-")));
        let bad = "id: x\ninfo: {name: n, severity: low}\nhttp:\n  - path: ['{{BaseURL}}/']\n    matchers:\n      - type: dsl\n        dsl: ['true']\n";
        assert!(parse("x.yaml", bad).unwrap_err().message.contains("dsl"));
    }
}
