//! Loading Rego modules with their metadata, and evaluating them over a [`Document`].

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use serde::Deserialize;
use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};
use steward_core::taxonomy::{Cwe, Owasp};

use crate::path::{DocPath, Position, SourceMap};
use crate::vm::VmProgram;

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
    /// Every module's `(file, package)`, libraries included.
    packages: Arc<Vec<(String, String)>>,
    /// Per policy, whether it may run compiled in regorus's virtual machine (see
    /// [`PolicySet::load_with_vm`]).
    in_vm: Arc<Vec<bool>>,
    /// The result rules the template engine's collecting module gathers for the
    /// machine, when it has one.
    template_collects: Option<Arc<Vec<(usize, ResultKind)>>>,
    /// Per document kind, an engine with only the library modules and the policies that
    /// apply to that kind, built on first use: regorus prepares each query over every
    /// loaded module, so a Dockerfile should not pay for the Terraform policies.
    by_kind: Arc<RwLock<HashMap<String, Arc<KindEngine>>>>,
}

/// What evaluates the documents of one kind: the interpreter, loaded with the modules
/// the kind needs, and the program of the policies compiled for the virtual machine.
struct KindEngine {
    engine: regorus::Engine,
    vm: Option<Arc<VmProgram>>,
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
        PolicySet::load_with_vm(modules, |_| false)
    }

    /// [`PolicySet::load`], with the policies of the files `in_vm` accepts evaluated by
    /// regorus's register virtual machine rather than its interpreter: the same results,
    /// several times faster on small documents. The machine treats an evaluation error
    /// inside a rule body as the body not holding, where the interpreter reports it (and
    /// a scan turns it into a finding), so pick only policies known not to fail on any
    /// input, such as a tool's own tested policies; a policy the compiler cannot take
    /// still runs in the interpreter.
    pub fn load_with_vm(
        modules: impl IntoIterator<Item = (String, String)>,
        in_vm: impl Fn(&str) -> bool,
    ) -> Result<PolicySet, PolicyError> {
        let sources: Vec<(String, String)> = modules.into_iter().collect();
        let (mut engine, loaded) = compile(sources.iter().cloned())?;
        // What each module declares, read from its syntax: the result rules, and whether
        // it has metadata. Library modules (neither) report nothing.
        let mut declared: Vec<(String, String, Vec<ResultKind>, bool)> = Vec::new();
        for (file, package) in loaded.iter().cloned() {
            let has = |name: &str| {
                engine
                    .has_declared_rule_rooted_at(&file, name)
                    .unwrap_or(false)
            };
            let kinds: Vec<ResultKind> = ResultKind::ALL
                .into_iter()
                .filter(|k| has(k.rule_name()))
                .collect();
            let has_meta = has("__rego_metadata__");
            if !kinds.is_empty() || has_meta {
                declared.push((file, package, kinds, has_meta));
            }
        }
        let vm_flags: Vec<bool> = declared.iter().map(|(file, ..)| in_vm(file)).collect();
        // The virtual machine's collecting module goes in before the engine is first
        // prepared (by the metadata below), so it is prepared once with the rest.
        let entries: Vec<(usize, ResultKind)> = declared
            .iter()
            .enumerate()
            .filter(|(i, _)| vm_flags[*i])
            .flat_map(|(i, (_, _, kinds, _))| kinds.iter().map(move |&k| (i, k)))
            .collect();
        let packages: Vec<&str> = declared.iter().map(|(_, p, ..)| p.as_str()).collect();
        let collecting = crate::vm::add_collector(&mut engine, &packages, &entries);
        let mut policies: Vec<Arc<Policy>> = Vec::new();
        for (file, package, kinds, has_meta) in declared {
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
            packages: Arc::new(loaded),
            in_vm: Arc::new(vm_flags),
            template_collects: collecting.then(|| Arc::new(entries)),
            by_kind: Arc::default(),
        })
    }

    /// Every loaded module's `(file, package)`, library modules included; the package
    /// as a rule path prefix (`data.steward.lib.kubernetes`).
    pub fn module_packages(&self) -> &[(String, String)] {
        &self.packages
    }

    /// The engines for documents of `kind`: the library modules (those that are no
    /// policy) and the policies that apply to `kind`, compiled and prepared once, then
    /// cloned (cheaply: the compiled policy is shared), and the virtual-machine program
    /// of those picked by [`PolicySet::load_with_vm`]. The whole set's interpreter when
    /// compiling the kind's modules fails.
    fn engine_for(&self, kind: &str) -> Arc<KindEngine> {
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
        let engine = Arc::new(self.kind_engine(kind));
        cache.insert(kind.to_string(), engine.clone());
        engine
    }

    fn kind_engine(&self, kind: &str) -> KindEngine {
        let candidates: Vec<(usize, ResultKind)> = (0..self.policies.len())
            .filter(|&i| self.in_vm[i] && self.policies[i].applies_to(kind))
            .flat_map(|i| self.policies[i].kinds.iter().map(move |&k| (i, k)))
            .collect();
        // A set whose every policy applies (one format's set, or only format-less
        // modules) needs no interpreter of its own, and its collecting module already
        // gathers the kind's compiled policies.
        if self.policies.iter().all(|p| p.applies_to(kind)) {
            let engine = self.template.clone();
            let vm = match &self.template_collects {
                Some(entries) if **entries == candidates => {
                    VmProgram::compile(&engine, &self.policies, candidates).map(Arc::new)
                }
                _ => None,
            };
            return KindEngine { engine, vm };
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
        let Ok((mut engine, _)) = compile(modules) else {
            return KindEngine {
                engine: self.template.clone(),
                vm: None,
            };
        };
        let packages: Vec<&str> = self.policies.iter().map(|p| p.package.as_str()).collect();
        let collecting = crate::vm::add_collector(&mut engine, &packages, &candidates);
        // The first query prepares the engine (rule tables, schedules); clones of a
        // prepared engine skip that.
        if engine.eval_query("true".to_string(), false).is_err() {
            return KindEngine {
                engine: self.template.clone(),
                vm: None,
            };
        }
        let vm = if collecting {
            VmProgram::compile(&engine, &self.policies, candidates).map(Arc::new)
        } else {
            None
        };
        KindEngine { engine, vm }
    }

    /// The loaded policies, in load order.
    pub fn policies(&self) -> &[Arc<Policy>] {
        &self.policies
    }

    /// Evaluate every policy that applies to `doc.kind` (and that `filter` accepts) over
    /// `doc`. Results are mapped back to source positions through `doc.source_map`. A
    /// policy that fails to evaluate is reported in `errors`; the others still run.
    pub fn evaluate(&self, doc: &Document, filter: impl Fn(&Policy) -> bool) -> Evaluation {
        let kind_engine = self.engine_for(&doc.kind);
        let vm = &kind_engine.vm;
        let input = regorus::Value::from(doc.input.clone());
        let selected: Vec<usize> = (0..self.policies.len())
            .filter(|&i| self.policies[i].applies_to(&doc.kind) && filter(&self.policies[i]))
            .collect();
        // The virtual machine's results, by policy; when it stops, its policies are
        // evaluated in the interpreter like the others.
        let mut compiled: HashMap<usize, Vec<(ResultKind, regorus::Value)>> = HashMap::new();
        let mut vm_ran = false;
        if let Some(vm) = vm
            .as_ref()
            .filter(|vm| selected.iter().any(|&i| vm.covers(i)))
            && let Ok(results) = vm.run(&input)
        {
            vm_ran = true;
            for (policy, kind, value) in results {
                compiled.entry(policy).or_default().push((kind, value));
            }
        }
        let in_vm = |i: usize| vm_ran && vm.as_ref().is_some_and(|vm| vm.covers(i));
        // The interpreter, cloned (cheaply, but not for nothing) only when a policy of
        // this document needs it.
        let mut interpreter: Option<regorus::Engine> = None;
        let mut out = Evaluation::default();
        // Sibling packages (`data.steward.iac.kubernetes.*`) are evaluated in one query,
        // so the helpers they share are computed once per document, not once per policy;
        // not when the machine evaluated some of them (the query would redo its work).
        let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
        for &i in &selected {
            let parent = self.policies[i]
                .package
                .rsplit_once('.')
                .map_or("data", |(parent, _)| parent);
            match groups.iter_mut().find(|(p, _)| *p == parent) {
                Some((_, members)) => members.push(i),
                None => groups.push((parent, vec![i])),
            }
        }
        for (parent, members) in groups {
            let interpreted = members.iter().filter(|&&i| !in_vm(i)).count();
            let shared = if parent != "data" && interpreted > 1 && !vm_ran {
                interpreter_for(&mut interpreter, &kind_engine, &input)
                    .eval_query(parent.to_string(), false)
                    .ok()
                    .and_then(|r| r.result.into_iter().next())
                    .and_then(|r| r.expressions.into_iter().next())
                    .map(|e| e.value)
            } else {
                None
            };
            for i in members {
                let policy = &self.policies[i];
                let leaf = policy.package.rsplit('.').next().unwrap_or("");
                for &kind in &policy.kinds {
                    // Only the result rules are converted, not every rule of the tree
                    // (metadata included) on every document.
                    let value = if in_vm(i) {
                        let found = compiled
                            .get(&i)
                            .and_then(|rs| rs.iter().find(|(k, _)| *k == kind))
                            .map(|(_, v)| v);
                        match found {
                            Some(v) => to_json(v),
                            None => Ok(serde_json::Value::Null),
                        }
                    } else {
                        match &shared {
                            Some(tree) => to_json(&tree[leaf][kind.rule_name()]),
                            None => interpreter_for(&mut interpreter, &kind_engine, &input)
                                .eval_rule(format!("{}.{}", policy.package, kind.rule_name()))
                                .map_err(|e| e.to_string())
                                .and_then(|v| to_json(&v)),
                        }
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

/// The kind's interpreter with `input` set, cloned into `slot` on first use.
fn interpreter_for<'a>(
    slot: &'a mut Option<regorus::Engine>,
    kind: &KindEngine,
    input: &regorus::Value,
) -> &'a mut regorus::Engine {
    slot.get_or_insert_with(|| {
        let mut engine = kind.engine.clone();
        engine.set_input(input.clone());
        engine
    })
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
