//! Loading Rego modules with their metadata, and evaluating them over a [`Document`].

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use serde::Deserialize;
use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};
use steward_core::taxonomy::{Cwe, Owasp};

use crate::path::{DocPath, Position, SourceMap};

/// Why a policy could not be loaded or evaluated.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// The module does not parse as Rego v1 (nor, without `import rego.v1`, as v0).
    #[error("{file}: {message}")]
    Parse {
        /// The module's file name.
        file: String,
        /// What the parser said.
        message: String,
    },
    /// `__rego_metadata__` is missing a field or has one of the wrong type.
    #[error("{file}: __rego_metadata__: {message}")]
    Metadata {
        /// The module's file name.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// Two modules declare the same rule id.
    #[error("{file}: rule id `{id}` is already declared by {other}")]
    DuplicateId {
        /// The second module.
        file: String,
        /// The repeated id.
        id: String,
        /// The first module.
        other: String,
    },
    /// Evaluation failed (a builtin error, a conflict in a complete rule).
    #[error("{policy}: {message}")]
    Eval {
        /// The rule id of the policy.
        policy: String,
        /// What the interpreter said.
        message: String,
    },
}

/// What a policy module declares about itself in its `__rego_metadata__` rule.
///
/// ```rego
/// __rego_metadata__ := {
///     "id": "iac/terraform/s3-public-acl",
///     "title": "S3 bucket readable or writable by everyone",
///     "severity": "high",
///     "cwe": ["CWE-732"],
///     "owasp": "A01",
///     "requirements": ["STW-DATA-03"],
///     "remediation": "Set `acl = \"private\"` ...",
///     "formats": ["terraform"],
/// }
/// ```
///
/// Every field but `id`, `title` and `severity` is optional. A module without the rule
/// (a Conftest policy brought as-is) is given the id `policy/<package>` and the severity
/// of the rule that fired: `deny` and `violation` are high, `warn` is low.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyMeta {
    /// Rule id, e.g. `iac/dockerfile/user-root`.
    pub id: String,
    /// One-line title.
    pub title: String,
    /// How bad a result is.
    pub severity: Severity,
    /// How sure a result is.
    #[serde(default = "medium")]
    pub confidence: Confidence,
    /// CWE ids (`"CWE-732"` or `732`).
    #[serde(default)]
    pub cwe: Vec<Cwe>,
    /// OWASP Top 10 (2021) category (`"A05"`).
    #[serde(default)]
    pub owasp: Option<Owasp>,
    /// Requirement ids from steward's catalog the policy helps verify.
    #[serde(default)]
    pub requirements: Vec<String>,
    /// What the policy finds.
    #[serde(default)]
    pub description: String,
    /// Why that is bad.
    #[serde(default)]
    pub rationale: Option<String>,
    /// What to do instead.
    #[serde(default)]
    pub remediation: Option<String>,
    /// Further reading.
    #[serde(default)]
    pub references: Vec<String>,
    /// Input kinds the policy applies to (`dockerfile`, `terraform`, `steward-manifest`);
    /// empty means every kind.
    #[serde(default)]
    pub formats: Vec<String>,
}

fn medium() -> Confidence {
    Confidence::Medium
}

impl PolicyMeta {
    /// The policy as a steward [`Rule`] run by `engine`.
    pub fn to_rule(&self, engine: &str) -> Rule {
        let mut rule = Rule::new(&self.id, engine, &self.title, self.severity);
        rule.confidence = self.confidence;
        rule.cwe = self.cwe.clone();
        rule.owasp = self.owasp;
        rule.requirements = self.requirements.clone();
        rule.description = self.description.clone();
        rule.rationale = self.rationale.clone();
        rule.remediation = self.remediation.clone();
        rule.references = self.references.clone();
        rule
    }
}

/// The Conftest rule names whose results are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResultKind {
    /// `deny`: a failure.
    Deny,
    /// `violation`: a failure (Gatekeeper style).
    Violation,
    /// `warn`: worth knowing, not a failure.
    Warn,
}

impl ResultKind {
    const ALL: [ResultKind; 3] = [ResultKind::Deny, ResultKind::Violation, ResultKind::Warn];

    /// The rule name in Rego.
    pub fn rule_name(self) -> &'static str {
        match self {
            ResultKind::Deny => "deny",
            ResultKind::Violation => "violation",
            ResultKind::Warn => "warn",
        }
    }
}

/// One loaded policy module.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The file name it was loaded as.
    pub file: String,
    /// Its package as a rule path prefix, e.g. `data.steward.iac.dockerfile.user_root`.
    pub package: String,
    /// Its metadata (synthesised for modules without `__rego_metadata__`).
    pub meta: PolicyMeta,
    /// Whether the metadata was written by the author.
    pub declared_meta: bool,
    /// The result rules the module declares.
    pub kinds: Vec<ResultKind>,
}

impl Policy {
    /// Whether the policy applies to input documents of `kind`.
    pub fn applies_to(&self, kind: &str) -> bool {
        self.meta.formats.is_empty() || self.meta.formats.iter().any(|f| f == kind)
    }
}

/// An input document: the JSON a parser built, what kind of document it is, and where
/// each of its values was written.
#[derive(Debug, Clone)]
pub struct Document {
    /// Input kind, matched against a policy's `formats`: `dockerfile`, `compose`,
    /// `kubernetes`, `terraform`, `steward-manifest`, ...
    pub kind: String,
    /// The value policies see as `input`.
    pub input: serde_json::Value,
    /// Positions of the values in the source the document was parsed from.
    pub source_map: SourceMap,
}

/// One result of one policy rule over one document.
#[derive(Debug, Clone)]
pub struct Violation {
    /// The policy that produced it.
    pub policy: Arc<Policy>,
    /// Which rule produced it.
    pub kind: ResultKind,
    /// The message (`msg`, or the string the rule returned).
    pub message: String,
    /// The path the result named (`path`, or the path an `address` stands for).
    pub path: Option<DocPath>,
    /// Where that path (or its nearest located ancestor) was written.
    pub position: Option<Position>,
    /// The file it was written in, for documents assembled from many files.
    pub file: Option<String>,
    /// Every other field of an object result, for reports.
    pub details: serde_json::Map<String, serde_json::Value>,
}

impl Violation {
    /// Severity: the policy's, except that `warn` results of policies without metadata
    /// are low.
    pub fn severity(&self) -> Severity {
        if !self.policy.declared_meta && self.kind == ResultKind::Warn {
            Severity::Low
        } else {
            self.policy.meta.severity
        }
    }
}

/// A set of policy modules, compiled once and evaluated over many documents in parallel.
#[derive(Clone)]
pub struct PolicySet {
    template: regorus::Engine,
    policies: Vec<Arc<Policy>>,
    /// Every module's `(file, source)`, to compile the engine of one document kind.
    sources: Arc<Vec<(String, String)>>,
    /// Per document kind, an engine with only the library modules and the policies that
    /// apply to that kind, built on first use: regorus prepares each query over every
    /// loaded module, so a Dockerfile should not pay for the Terraform policies.
    by_kind: Arc<RwLock<HashMap<String, regorus::Engine>>>,
}

impl std::fmt::Debug for PolicySet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PolicySet")
            .field("policies", &self.policies.len())
            .finish()
    }
}

impl PolicySet {
    /// Compile `(file name, Rego source)` modules. Modules are Rego v1; one that fails to
    /// parse as v1 and does not `import rego.v1` is retried as v0, so older Conftest
    /// policies load unchanged.
    pub fn load(
        modules: impl IntoIterator<Item = (String, String)>,
    ) -> Result<PolicySet, PolicyError> {
        let sources: Vec<(String, String)> = modules.into_iter().collect();
        let (mut engine, loaded) = compile(sources.iter().cloned())?;
        let mut policies: Vec<Arc<Policy>> = Vec::new();
        for (file, package) in loaded {
            let declared = |name: &str| {
                engine
                    .has_declared_rule_rooted_at(&file, name)
                    .unwrap_or(false)
            };
            let kinds: Vec<ResultKind> = ResultKind::ALL
                .into_iter()
                .filter(|k| declared(k.rule_name()))
                .collect();
            let has_meta = declared("__rego_metadata__");
            let meta = if has_meta {
                let bad = |message: String| PolicyError::Metadata {
                    file: file.clone(),
                    message,
                };
                let value = engine
                    .eval_rule(format!("{package}.__rego_metadata__"))
                    .map_err(|e| bad(e.to_string()))?;
                let json = to_json(&value).map_err(bad)?;
                serde_json::from_value::<PolicyMeta>(json).map_err(|e| bad(e.to_string()))?
            } else {
                let name = package.strip_prefix("data.").unwrap_or(&package);
                PolicyMeta {
                    id: format!("policy/{name}"),
                    title: format!("Policy {name}"),
                    severity: Severity::High,
                    confidence: Confidence::Medium,
                    cwe: Vec::new(),
                    owasp: None,
                    requirements: Vec::new(),
                    description: String::new(),
                    rationale: None,
                    remediation: None,
                    references: Vec::new(),
                    formats: Vec::new(),
                }
            };
            if kinds.is_empty() && !has_meta {
                // A library module (helpers imported by others): nothing to report.
                continue;
            }
            if let Some(other) = policies.iter().find(|p| p.meta.id == meta.id) {
                return Err(PolicyError::DuplicateId {
                    file,
                    id: meta.id,
                    other: other.file.clone(),
                });
            }
            policies.push(Arc::new(Policy {
                file,
                package,
                meta,
                declared_meta: has_meta,
                kinds,
            }));
        }
        Ok(PolicySet {
            template: engine,
            policies,
            sources: Arc::new(sources),
            by_kind: Arc::default(),
        })
    }

    /// A fresh engine for documents of `kind`: the library modules (those that are no
    /// policy) and the policies that apply to `kind`, compiled and prepared once, then
    /// cloned (cheaply: the compiled policy is shared). The whole set when that fails.
    fn engine_for(&self, kind: &str) -> regorus::Engine {
        // A set whose every policy applies (one format's set, or only format-less
        // modules) needs no engine of its own.
        if self.policies.iter().all(|p| p.applies_to(kind)) {
            return self.template.clone();
        }
        let cached = match self.by_kind.read() {
            Ok(c) => c.get(kind).cloned(),
            Err(poisoned) => poisoned.into_inner().get(kind).cloned(),
        };
        if let Some(engine) = cached {
            return engine;
        }
        let mut cache = match self.by_kind.write() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(engine) = cache.get(kind) {
            return engine.clone();
        }
        let wanted = |file: &str| match self.policies.iter().find(|p| p.file == file) {
            Some(p) => p.applies_to(kind),
            None => true,
        };
        let modules = self
            .sources
            .iter()
            .filter(|(file, _)| wanted(file))
            .cloned();
        let engine = match compile(modules) {
            Ok((mut engine, _)) => {
                // The first query prepares the engine (rule tables, schedules); clones
                // of a prepared engine skip that.
                match engine.eval_query("true".to_string(), false) {
                    Ok(_) => engine,
                    Err(_) => self.template.clone(),
                }
            }
            Err(_) => self.template.clone(),
        };
        cache.insert(kind.to_string(), engine.clone());
        engine
    }

    /// The loaded policies, in load order.
    pub fn policies(&self) -> &[Arc<Policy>] {
        &self.policies
    }

    /// Evaluate every policy that applies to `doc.kind` (and that `filter` accepts) over
    /// `doc`. Results are mapped back to source positions through `doc.source_map`. A
    /// policy that fails to evaluate is reported in `errors`; the others still run.
    pub fn evaluate(&self, doc: &Document, filter: impl Fn(&Policy) -> bool) -> Evaluation {
        let mut engine = self.engine_for(&doc.kind);
        engine.set_input(regorus::Value::from(doc.input.clone()));
        let mut out = Evaluation::default();
        // Sibling packages (`data.steward.iac.kubernetes.*`) are evaluated in one query,
        // so the helpers they share are computed once per document, not once per policy.
        let mut groups: Vec<(&str, Vec<&Arc<Policy>>)> = Vec::new();
        for policy in self
            .policies
            .iter()
            .filter(|p| p.applies_to(&doc.kind) && filter(p))
        {
            let parent = policy
                .package
                .rsplit_once('.')
                .map_or("data", |(parent, _)| parent);
            match groups.iter_mut().find(|(p, _)| *p == parent) {
                Some((_, members)) => members.push(policy),
                None => groups.push((parent, vec![policy])),
            }
        }
        for (parent, members) in groups {
            let shared = if parent != "data" && members.len() > 1 {
                engine
                    .eval_query(parent.to_string(), false)
                    .ok()
                    .and_then(|r| r.result.into_iter().next())
                    .and_then(|r| r.expressions.into_iter().next())
                    .map(|e| e.value)
            } else {
                None
            };
            for policy in members {
                let leaf = policy.package.rsplit('.').next().unwrap_or("");
                for &kind in &policy.kinds {
                    // Only the result rules are converted, not every rule of the tree
                    // (metadata included) on every document.
                    let value = match &shared {
                        Some(tree) => to_json(&tree[leaf][kind.rule_name()]),
                        None => engine
                            .eval_rule(format!("{}.{}", policy.package, kind.rule_name()))
                            .map_err(|e| e.to_string())
                            .and_then(|v| to_json(&v)),
                    };
                    let value = match value {
                        Ok(v) => v,
                        Err(message) => {
                            out.errors.push(PolicyError::Eval {
                                policy: policy.meta.id.clone(),
                                message,
                            });
                            continue;
                        }
                    };
                    let results = match value {
                        serde_json::Value::Array(items) => items,
                        serde_json::Value::Null => Vec::new(),
                        // A complete rule (`deny := true`): one result without detail.
                        serde_json::Value::Bool(true) => vec![serde_json::Value::Bool(true)],
                        serde_json::Value::Bool(false) => Vec::new(),
                        other => vec![other],
                    };
                    for item in results {
                        out.violations
                            .push(violation(policy, kind, item, &doc.source_map));
                    }
                }
            }
        }
        out
    }
}

/// What evaluating a policy set over one document produced.
#[derive(Debug, Default)]
pub struct Evaluation {
    /// Every result of every policy.
    pub violations: Vec<Violation>,
    /// Policies that failed to evaluate on this document.
    pub errors: Vec<PolicyError>,
}

/// A regorus engine with our builtins and `modules` added; returns each module's
/// `(file, package)`.
pub(crate) fn compile(
    modules: impl IntoIterator<Item = (String, String)>,
) -> Result<(regorus::Engine, Vec<(String, String)>), PolicyError> {
    let mut engine = regorus::Engine::new();
    // As in OPA: a builtin given the wrong type (`upper(7)`, `to_number("x")`) makes its
    // expression undefined rather than failing the whole policy on one odd input.
    engine.set_strict_builtin_errors(false);
    crate::cidr::register(&mut engine).map_err(|e| PolicyError::Parse {
        file: "<builtins>".into(),
        message: e.to_string(),
    })?;
    let mut loaded = Vec::new();
    for (file, source) in modules {
        let package = match engine.add_policy(file.clone(), source.clone()) {
            Ok(p) => p,
            Err(v1_err) if looks_like_v0(&source) => {
                engine.set_rego_v0(true);
                let v0 = engine.add_policy(file.clone(), source.clone());
                engine.set_rego_v0(false);
                v0.map_err(|_| PolicyError::Parse {
                    file: file.clone(),
                    message: v1_err.to_string(),
                })?
            }
            Err(e) => {
                return Err(PolicyError::Parse {
                    file,
                    message: e.to_string(),
                });
            }
        };
        loaded.push((file, package));
    }
    Ok((engine, loaded))
}

/// Whether a module that failed as v1 is worth retrying as v0: it neither imports
/// `rego.v1` nor uses the v1 `if` keyword anywhere.
fn looks_like_v0(source: &str) -> bool {
    !source.contains("rego.v1")
        && !source
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|w| w == "if")
}

fn to_json(value: &regorus::Value) -> Result<serde_json::Value, String> {
    if *value == regorus::Value::Undefined {
        return Ok(serde_json::Value::Null);
    }
    serde_json::to_value(value).map_err(|e| e.to_string())
}

/// Turn one value a rule produced into a violation. Strings are messages; objects carry
/// `msg` (or `message`) and a location hint: `path` (array, pointer or dotted string) or
/// `address`/`resource` (a name the parser recorded as an alias).
fn violation(
    policy: &Arc<Policy>,
    kind: ResultKind,
    item: serde_json::Value,
    map: &SourceMap,
) -> Violation {
    let mut details = serde_json::Map::new();
    let mut message = None;
    let mut path = None;
    match item {
        serde_json::Value::String(s) => message = Some(s),
        serde_json::Value::Object(obj) => {
            for (k, v) in obj {
                match (k.as_str(), &v) {
                    ("msg" | "message", serde_json::Value::String(s)) if message.is_none() => {
                        message = Some(s.clone());
                    }
                    ("path", _) if path.is_none() => path = DocPath::from_json(&v),
                    ("address" | "resource", serde_json::Value::String(s)) if path.is_none() => {
                        path = map.resolve_alias(s).cloned();
                        details.insert(k, v);
                    }
                    _ => {
                        details.insert(k, v);
                    }
                }
            }
        }
        _ => {}
    }
    let position = path.as_ref().and_then(|p| map.locate(p));
    let file = path.as_ref().and_then(|p| map.file_of(p)).map(String::from);
    Violation {
        policy: policy.clone(),
        kind,
        message: message.unwrap_or_else(|| policy.meta.title.clone()),
        path,
        position,
        file,
        details,
    }
}
