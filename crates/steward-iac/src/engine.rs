//! The `iac` engine: recognise IaC files, parse them into policy documents, evaluate the
//! Rego policies and turn each result into a finding at the line it names.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use rayon::prelude::*;
use steward_core::collect::Collected;
use steward_core::engine::{Engine, EngineError, SourceFile, TreeOutput};
use steward_core::finding::{Finding, Fingerprint, LineIndex, Location};
use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};
use steward_core::taxonomy::{Cwe, Owasp};
use steward_policy::{Document, PolicyError, PolicySet, Position, Violation};

use crate::{ParseError, ansible, cloudformation, dockerfile, terraform, terraform_plan, yaml};

/// The rule id of a file that could not be parsed.
pub const PARSE_ERROR_RULE: &str = "iac/parse-error";

/// The rule id of a policy that could not be evaluated on a file.
pub const POLICY_ERROR_RULE: &str = "iac/policy-error";

/// The IaC formats the engine reads; each is also the `kind` of its policy documents and
/// the folder of its policies (`policies/<format>/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// `Dockerfile`, `Containerfile`, `*.dockerfile`, `Dockerfile.*`.
    Dockerfile,
    /// `docker-compose*.yml`, `compose*.yaml`.
    Compose,
    /// Any other YAML file whose documents carry `apiVersion` and `kind`.
    Kubernetes,
    /// `*.tf`, evaluated one directory (module) at a time.
    Terraform,
    /// Playbooks (YAML lists of plays), and task, handler and variable files where a
    /// project keeps them (`roles/*/tasks/`, `group_vars/`).
    Ansible,
    /// CloudFormation templates: YAML, JSON or `.template` files that declare
    /// `AWSTemplateFormatVersion` or `AWS::` resources.
    CloudFormation,
    /// Terraform plan (or state) JSON, `terraform show -json` output. Its documents have
    /// the shape and kind of HCL modules', so the Terraform policies check it.
    TerraformPlan,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 7] = [
        Format::Dockerfile,
        Format::Compose,
        Format::Kubernetes,
        Format::Terraform,
        Format::Ansible,
        Format::CloudFormation,
        Format::TerraformPlan,
    ];

    /// The name used in rule ids, policy folders and document kinds.
    pub fn name(self) -> &'static str {
        match self {
            Format::Dockerfile => "dockerfile",
            Format::Compose => "compose",
            Format::Kubernetes => "kubernetes",
            Format::Terraform => "terraform",
            Format::Ansible => "ansible",
            Format::CloudFormation => "cloudformation",
            Format::TerraformPlan => "terraform-plan",
        }
    }

    /// The format named `name`.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The format a path's name says it is. YAML that is not compose is a Kubernetes
    /// candidate; its content decides ([`Format::of_file`]).
    pub fn of_path(rel_path: &str) -> Option<Format> {
        let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
        let lower = name.to_ascii_lowercase();
        // `Dockerfile.prod`, but not `dockerfile.rs` or `dockerfile.md`: a source or text
        // file about Dockerfiles.
        let variant = lower
            .strip_prefix("dockerfile.")
            .or_else(|| lower.strip_prefix("containerfile."))
            .is_some_and(|ext| !NOT_DOCKERFILE_EXTENSIONS.contains(&ext));
        if lower == "dockerfile"
            || lower == "containerfile"
            || variant
            || lower.ends_with(".dockerfile")
        {
            return Some(Format::Dockerfile);
        }
        if lower.ends_with(".tf") {
            return Some(Format::Terraform);
        }
        if lower.ends_with(".yml") || lower.ends_with(".yaml") {
            if lower.starts_with("docker-compose") || lower.starts_with("compose") {
                return Some(Format::Compose);
            }
            return Some(Format::Kubernetes);
        }
        None
    }
}

impl Format {
    /// The format of a file, by its name and, for YAML that is not compose, by its
    /// content: Ansible (a list of plays, or a task or variable file where Ansible keeps
    /// them) or Kubernetes (documents with `apiVersion` and `kind`). `None`: none of ours.
    pub fn of_file(rel_path: &str, text: &str) -> Option<Format> {
        if content_decides(rel_path) {
            if cloudformation::looks_like_cloudformation(text) {
                return Some(Format::CloudFormation);
            }
            let json = rel_path.to_ascii_lowercase().ends_with(".json");
            return (json && terraform_plan::looks_like_plan(text))
                .then_some(Format::TerraformPlan);
        }
        match Format::of_path(rel_path)? {
            Format::Kubernetes if cloudformation::looks_like_cloudformation(text) => {
                Some(Format::CloudFormation)
            }
            Format::Kubernetes if ansible::kind_of(rel_path, text).is_some() => {
                Some(Format::Ansible)
            }
            Format::Kubernetes if !looks_like_kubernetes(rel_path, text) => None,
            format => Some(format),
        }
    }
}

/// JSON and `.template` files: CloudFormation templates or Terraform plans when their
/// content says so, nothing of ours otherwise.
fn content_decides(rel_path: &str) -> bool {
    let lower = rel_path.to_ascii_lowercase();
    lower.ends_with(".json") || lower.ends_with(".template")
}

/// Extensions after `Dockerfile.` that mean a source or document file, not a Dockerfile.
const NOT_DOCKERFILE_EXTENSIONS: &[&str] = &[
    "rs", "py", "go", "js", "ts", "java", "rb", "php", "c", "h", "cpp", "md", "txt", "rst", "json",
    "yml", "yaml", "toml", "html", "sh", "snap",
];

// `BUILTIN_POLICIES`: every `policies/<folder>/<name>.rego`, listed by build.rs. A test
// checks the table against the files on disk.
include!(concat!(env!("OUT_DIR"), "/builtin_policies.rs"));

/// The IaC engine.
pub struct IacEngine {
    policies: PolicySet,
    /// Per document kind, the modules that kind needs (the helpers under `lib/`, its own
    /// built-in policies and every user module), compiled on first use: regorus's cost
    /// per query grows with the number of modules loaded, so a Dockerfile is not
    /// evaluated in an engine holding every format's policies. `None` when that subset
    /// failed to load; the full set is used instead.
    by_kind: Vec<(&'static str, OnceLock<Option<PolicySet>>)>,
    user_modules: Vec<(String, String)>,
    /// Whether the built-in policies run compiled in regorus's virtual machine.
    vm: bool,
    rules: Vec<Rule>,
}

impl IacEngine {
    /// The engine with the built-in policies.
    pub fn new() -> Result<Self, PolicyError> {
        Self::with_policies(Vec::new())
    }

    /// The built-in policies and `(file, source)` user modules. User modules without
    /// `__rego_metadata__` run on every format under the id `policy/<package>`.
    pub fn with_policies(extra: Vec<(String, String)>) -> Result<Self, PolicyError> {
        let modules = BUILTIN_POLICIES
            .iter()
            .map(|(f, s)| (format!("policies/{f}"), s.to_string()))
            .chain(extra.iter().cloned());
        let policies = PolicySet::load(modules)?;
        let vm = builtins_may_be_compiled(&policies, &extra);
        let mut rules: Vec<Rule> = policies
            .policies()
            .iter()
            .map(|p| p.meta.to_rule("iac"))
            .collect();
        rules.push(parse_error_rule());
        rules.push(policy_error_rule());
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let by_kind = Format::ALL
            .iter()
            .map(|f| (f.name(), OnceLock::new()))
            .collect();
        Ok(IacEngine {
            policies,
            by_kind,
            user_modules: extra,
            vm,
            rules,
        })
    }

    /// The policies to evaluate a document of `kind` with.
    fn policies_for(&self, kind: &str) -> &PolicySet {
        let Some((_, cell)) = self.by_kind.iter().find(|(k, _)| *k == kind) else {
            return &self.policies;
        };
        let subset = cell.get_or_init(|| {
            let folder = format!("{kind}/");
            let libraries = libraries_read_by(
                BUILTIN_POLICIES
                    .iter()
                    .filter(|(f, _)| f.starts_with(&folder))
                    .map(|(_, s)| *s)
                    .chain(self.user_modules.iter().map(|(_, s)| s.as_str())),
            );
            let modules = BUILTIN_POLICIES
                .iter()
                .filter(|(f, _)| libraries.contains(f) || f.starts_with(&folder))
                .map(|(f, s)| (format!("policies/{f}"), s.to_string()))
                .chain(self.user_modules.iter().cloned());
            // The built-in policies run compiled in regorus's virtual machine, which
            // does not report evaluation errors: they are tested on their examples and
            // on odd inputs, where the interpreter reports none. User modules stay in
            // the interpreter, so a user's policy that fails on a file is reported.
            let user_file = |file: &str| self.user_modules.iter().any(|(f, _)| f == file);
            PolicySet::load_with_vm(modules, |file| self.vm && !user_file(file)).ok()
        });
        subset.as_ref().unwrap_or(&self.policies)
    }

    /// The same engine with every policy evaluated by regorus's interpreter, none
    /// compiled for its virtual machine: slower, and what the tests compare the
    /// compiled policies' results with.
    pub fn interpreted(self) -> Self {
        let by_kind = Format::ALL
            .iter()
            .map(|f| (f.name(), OnceLock::new()))
            .collect();
        IacEngine {
            by_kind,
            vm: false,
            ..self
        }
    }

    /// The built-in policies and every `.rego` file under `dirs` except `*_test.rego`
    /// (what `--policy DIR` and steward.toml's rule paths load).
    pub fn with_policy_dirs(dirs: &[std::path::PathBuf]) -> Result<Self, PolicyError> {
        let mut extra = Vec::new();
        for dir in dirs {
            extra.extend(
                steward_policy::read_policy_dir(dir)?
                    .into_iter()
                    .filter(|(path, _)| !steward_policy::testing::is_test_file(path)),
            );
        }
        Self::with_policies(extra)
    }

    /// The loaded policies.
    pub fn policy_set(&self) -> &PolicySet {
        &self.policies
    }

    /// Scan one file's text as `format` (a Terraform file is taken as a module of one
    /// file). What `scan_file` and the policy example tests use.
    pub fn scan_text(&self, format: Format, rel_path: &str, text: &str) -> Vec<Finding> {
        self.check_text(format, rel_path, text).0
    }

    /// [`IacEngine::scan_text`], also returning the policies that failed to evaluate
    /// (a scan reports each as an `iac/policy-error` finding beside the others' results).
    pub fn check_text(
        &self,
        format: Format,
        rel_path: &str,
        text: &str,
    ) -> (Vec<Finding>, Vec<PolicyError>) {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        if format == Format::Terraform {
            let files = vec![(rel_path.to_string(), text.to_string())];
            self.scan_module(&files, &mut out, &mut errors);
            return (out, errors);
        }
        let (docs, error) = documents(format, rel_path, text);
        for doc in docs {
            self.evaluate(&doc, &|_| Some(text), rel_path, &mut out, &mut errors);
        }
        if let Some(e) = error {
            out.push(self.parse_error(rel_path, text, &e));
        }
        (out, errors)
    }

    fn scan_module(
        &self,
        files: &[(String, String)],
        out: &mut Vec<Finding>,
        errors: &mut Vec<PolicyError>,
    ) {
        let module = terraform::parse_module(files);
        let text_of = |file: &str| {
            files
                .iter()
                .find(|(p, _)| p == file)
                .map(|(_, t)| t.as_str())
        };
        if let Some((input, source_map)) = module.document {
            let doc = Document {
                kind: Format::Terraform.name().into(),
                input,
                source_map,
            };
            let first = files.first().map_or("", |(p, _)| p.as_str());
            self.evaluate(&doc, &text_of, first, out, errors);
        }
        for (file, e) in &module.errors {
            out.push(self.parse_error(file, text_of(file).unwrap_or(""), e));
        }
    }

    fn evaluate<'t>(
        &self,
        doc: &Document,
        text_of: &dyn Fn(&str) -> Option<&'t str>,
        default_path: &str,
        out: &mut Vec<Finding>,
        errors: &mut Vec<PolicyError>,
    ) {
        let eval = self.policies_for(&doc.kind).evaluate(doc, |_| true);
        for v in eval.violations {
            let path = v.file.clone().unwrap_or_else(|| default_path.to_string());
            let text = text_of(&path).unwrap_or("");
            out.push(self.finding(&v, &path, text));
        }
        // A policy that fails on this file must not pass silently: its check did not run.
        for e in &eval.errors {
            out.push(self.policy_error(default_path, e));
        }
        errors.extend(eval.errors);
    }

    fn policy_error(&self, path: &str, e: &PolicyError) -> Finding {
        let rule = self
            .rule(POLICY_ERROR_RULE)
            .cloned()
            .unwrap_or_else(policy_error_rule);
        let (policy, message) = match e {
            PolicyError::Eval { policy, message } => (policy.as_str(), message.as_str()),
            _ => ("?", ""),
        };
        let message = if message.is_empty() {
            e.to_string()
        } else {
            message.to_string()
        };
        let first = message
            .lines()
            .find(|l| l.trim_start().starts_with("error:"))
            .or_else(|| message.lines().next())
            .unwrap_or("")
            .trim();
        let mut f = Finding::new(
            &rule,
            format!("policy `{policy}` could not be checked on this file: {first}"),
            Location::whole(path),
            policy.as_bytes(),
        );
        f.fingerprint = Fingerprint::new(POLICY_ERROR_RULE, path, policy.as_bytes());
        f
    }

    fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules
            .binary_search_by(|r| r.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.rules[i])
    }

    fn finding(&self, v: &Violation, path: &str, text: &str) -> Finding {
        let fallback;
        let rule = match self.rule(&v.policy.meta.id) {
            Some(r) => r,
            None => {
                fallback = v.policy.meta.to_rule("iac");
                &fallback
            }
        };
        let location = locate(path, text, v.position);
        // The document path and the message, not the line: the fingerprint survives
        // edits above the finding, and two results on one line stay distinct.
        let matched = match &v.path {
            Some(p) => format!("{p}|{}", v.message),
            None => v.message.clone(),
        };
        let mut f = Finding::new(rule, v.message.clone(), location, matched.as_bytes());
        f.severity = v.severity();
        if let Some(p) = &v.path {
            f.properties.insert("document_path".into(), p.to_json());
        }
        for (k, val) in &v.details {
            f.properties.insert(k.clone(), val.clone());
        }
        f
    }

    fn parse_error(&self, path: &str, text: &str, e: &ParseError) -> Finding {
        let rule = self
            .rule(PARSE_ERROR_RULE)
            .cloned()
            .unwrap_or_else(parse_error_rule);
        let pos = (e.line > 0).then_some(Position {
            line: e.line,
            column: 1,
        });
        let location = locate(path, text, pos);
        let mut f = Finding::new(
            &rule,
            format!(
                "could not parse: {}",
                e.message.lines().next().unwrap_or("")
            ),
            location,
            b"parse-error",
        );
        f.fingerprint = Fingerprint::new(PARSE_ERROR_RULE, path, b"");
        f
    }
}

/// The built-in library modules (`lib/<name>.rego`, package `steward.lib.<name>`) that the
/// module sources `sources` name, and those the libraries name in turn: a kind's engine
/// compiles only these, not every format's helpers (regorus parses, analyses and compiles
/// every module it is given).
fn libraries_read_by<'a>(sources: impl Iterator<Item = &'a str>) -> Vec<&'static str> {
    let libraries: Vec<(&'static str, &'static str, String)> = BUILTIN_POLICIES
        .iter()
        .filter_map(|(file, source)| {
            let name = file.strip_prefix("lib/")?.strip_suffix(".rego")?;
            Some((*file, *source, format!("data.steward.lib.{name}")))
        })
        .collect();
    let names = |source: &str, package: &str| {
        source.match_indices(package).any(|(at, _)| {
            !source[at + package.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        })
    };
    let mut pending: Vec<&str> = sources.collect();
    let mut read: Vec<&'static str> = Vec::new();
    while let Some(source) = pending.pop() {
        for (file, lib_source, package) in &libraries {
            if !read.contains(file) && names(source, package) {
                read.push(file);
                pending.push(lib_source);
            }
        }
    }
    read
}

/// Whether the built-in policies may run compiled: not when a user module adds rules to
/// their packages (`data.steward.*`), which the compiled policies would then run
/// without reporting their failures.
fn builtins_may_be_compiled(set: &PolicySet, user_modules: &[(String, String)]) -> bool {
    !set.module_packages().iter().any(|(file, package)| {
        user_modules.iter().any(|(f, _)| f == file)
            && (package == "data.steward" || package.starts_with("data.steward."))
    })
}

fn parse_error_rule() -> Rule {
    let mut r = Rule::new(
        PARSE_ERROR_RULE,
        "iac",
        "Infrastructure-as-code file could not be parsed",
        Severity::Low,
    );
    r.confidence = Confidence::High;
    r.cwe = vec![Cwe(1059)];
    r.owasp = Some(Owasp::A05);
    r.description = "A Dockerfile, compose file, Kubernetes manifest or Terraform file is malformed, so none of its policies could be checked.".into();
    r.remediation = Some(
        "Fix the syntax error at the reported line; the tool that applies this file would reject it too."
            .into(),
    );
    r
}

fn policy_error_rule() -> Rule {
    let mut r = Rule::new(
        POLICY_ERROR_RULE,
        "iac",
        "A policy could not be evaluated on an infrastructure-as-code file",
        Severity::Low,
    );
    r.confidence = Confidence::High;
    r.description = "The policy failed on this file's content (usually a value of an unexpected type), so what it checks was not checked here; every other policy's results stand.".into();
    r.remediation = Some(
        "Check the file's values at the policy's paths; if the file is valid, the policy needs a guard for this shape (report it, or fix your own policy).".into(),
    );
    r
}

fn locate(path: &str, text: &str, pos: Option<Position>) -> Location {
    let Some(pos) = pos else {
        return Location::whole(path);
    };
    let index = LineIndex::new(text.as_bytes());
    let line = String::from_utf8_lossy(index.line_text(text.as_bytes(), pos.line)).into_owned();
    Location {
        path: path.to_string(),
        start_line: pos.line,
        start_column: pos.column,
        end_line: pos.line,
        end_column: line.chars().count() as u32 + 1,
        snippet: Some(line),
    }
}

/// The policy documents of one non-Terraform file, and the parse error that stopped it.
pub fn documents(
    format: Format,
    rel_path: &str,
    text: &str,
) -> (Vec<Document>, Option<ParseError>) {
    match format {
        Format::Dockerfile => match dockerfile::parse(text) {
            Ok((input, source_map)) => (
                vec![Document {
                    kind: format.name().into(),
                    input,
                    source_map,
                }],
                None,
            ),
            Err(e) => (Vec::new(), Some(e)),
        },
        Format::Compose | Format::Kubernetes => {
            let (docs, err) = yaml::parse_stream(text);
            let docs = docs
                .into_iter()
                .filter(|d| {
                    format == Format::Compose
                        || (d.value.get("apiVersion").is_some() && d.value.get("kind").is_some())
                })
                .map(|d| Document {
                    kind: format.name().into(),
                    input: d.value,
                    source_map: d.map,
                })
                .collect();
            (docs, err)
        }
        Format::Ansible => {
            let kind =
                ansible::kind_of(rel_path, text).unwrap_or_else(|| ansible::kind_by_content(text));
            let (docs, err) = ansible::parse(kind, text);
            let docs = docs
                .into_iter()
                .map(|(input, source_map)| Document {
                    kind: format.name().into(),
                    input,
                    source_map,
                })
                .collect();
            (docs, err)
        }
        Format::CloudFormation => match cloudformation::parse(text) {
            Ok(Some(t)) => (
                vec![Document {
                    kind: format.name().into(),
                    input: t.value,
                    source_map: t.map,
                }],
                None,
            ),
            Ok(None) => (Vec::new(), None),
            Err(e) => (Vec::new(), Some(e)),
        },
        Format::TerraformPlan => match terraform_plan::parse(text) {
            Ok(Some((input, source_map))) => (
                vec![Document {
                    kind: Format::Terraform.name().into(),
                    input,
                    source_map,
                }],
                None,
            ),
            Ok(None) => (Vec::new(), None),
            Err(e) => (Vec::new(), Some(e)),
        },
        Format::Terraform => (Vec::new(), None),
    }
}

/// Whether a YAML file is worth parsing as Kubernetes: it mentions both keys, and is not
/// a Helm template (which is not YAML until rendered).
fn looks_like_kubernetes(rel_path: &str, text: &str) -> bool {
    text.contains("apiVersion")
        && text.contains("kind")
        && !(text.contains("{{") && rel_path.contains("templates/"))
}

impl Engine for IacEngine {
    fn name(&self) -> &'static str {
        "iac"
    }

    fn rules(&self) -> &[Rule] {
        &self.rules
    }

    fn wants_file(&self, rel_path: &str) -> bool {
        content_decides(rel_path)
            || matches!(
                Format::of_path(rel_path),
                Some(Format::Dockerfile | Format::Compose | Format::Kubernetes)
            )
    }

    fn scan_file(&self, file: &SourceFile<'_>, out: &mut Vec<Finding>) {
        if !self.wants_file(file.rel_path) {
            return;
        }
        let text = String::from_utf8_lossy(file.bytes);
        let Some(format) = Format::of_file(file.rel_path, &text) else {
            return;
        };
        out.extend(self.scan_text(format, file.rel_path, &text));
    }

    fn scan_tree(&self, tree: &Collected) -> Result<TreeOutput, EngineError> {
        // Terraform is evaluated a module (directory) at a time, so a bucket and the
        // public access block that covers it can live in different files; the value files
        // Terraform loads by itself come after the `.tf` files.
        let mut modules: BTreeMap<String, Vec<&steward_core::collect::CollectedFile>> =
            BTreeMap::new();
        let mut value_files = Vec::new();
        for f in &tree.files {
            let tfvars = terraform::is_auto_tfvars(&f.rel_path);
            if tfvars || Format::of_path(&f.rel_path) == Some(Format::Terraform) {
                let dir = Path::new(&f.rel_path)
                    .parent()
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if tfvars {
                    value_files.push((dir, f));
                } else {
                    modules.entry(dir).or_default().push(f);
                }
            }
        }
        for (dir, f) in value_files {
            modules.entry(dir).or_default().push(f);
        }
        let findings: Vec<Vec<Finding>> = modules
            .par_iter()
            .map(|(_, files)| {
                let texts: Vec<(String, String)> = files
                    .iter()
                    .filter_map(|f| {
                        let bytes = std::fs::read(&f.path).ok()?;
                        Some((
                            f.rel_path.clone(),
                            String::from_utf8_lossy(&bytes).into_owned(),
                        ))
                    })
                    .collect();
                let mut out = Vec::new();
                // A policy that errors on one module becomes an `iac/policy-error`
                // finding; the other policies' results still stand.
                self.scan_module(&texts, &mut out, &mut Vec::new());
                out
            })
            .collect();
        Ok(TreeOutput {
            findings: findings.into_iter().flatten().collect(),
            skipped: Vec::new(),
        })
    }
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn each_kind_compiles_the_libraries_its_policies_read() {
        // A library is found by its package, so each must be named for its file.
        for (file, source) in BUILTIN_POLICIES
            .iter()
            .filter(|(f, _)| f.starts_with("lib/"))
        {
            let name = file.trim_start_matches("lib/").trim_end_matches(".rego");
            assert!(
                source.contains(&format!("\npackage steward.lib.{name}\n")),
                "{file} must declare package steward.lib.{name}"
            );
        }
        let read = |kind: &str| {
            let folder = format!("{kind}/");
            let mut libs = libraries_read_by(
                BUILTIN_POLICIES
                    .iter()
                    .filter(|(f, _)| f.starts_with(&folder))
                    .map(|(_, s)| *s),
            );
            libs.sort();
            libs
        };
        // CloudFormation's helpers call Terraform's (`world`).
        let cloudformation = read("cloudformation");
        assert!(cloudformation.contains(&"lib/cloudformation.rego"));
        assert!(cloudformation.contains(&"lib/terraform.rego"));
        assert!(!cloudformation.contains(&"lib/kubernetes.rego"));
        assert!(read("kubernetes").contains(&"lib/kubernetes.rego"));
        assert!(!read("kubernetes").contains(&"lib/ansible.rego"));
    }

    #[test]
    fn formats_are_told_by_file_name() {
        for (path, want) in [
            ("Dockerfile", Some(Format::Dockerfile)),
            ("svc/Dockerfile.prod", Some(Format::Dockerfile)),
            ("build/app.dockerfile", Some(Format::Dockerfile)),
            ("Containerfile", Some(Format::Dockerfile)),
            ("src/dockerfile.rs", None),
            ("docs/Dockerfile.md", None),
            ("main.tf", Some(Format::Terraform)),
            ("docker-compose.prod.yml", Some(Format::Compose)),
            ("k8s/deploy.yaml", Some(Format::Kubernetes)),
            ("README.md", None),
        ] {
            assert_eq!(Format::of_path(path), want, "{path}");
        }
    }

    #[test]
    fn yaml_is_told_by_content() {
        let play = "- hosts: all\n  tasks:\n    - ping:\n";
        let pod = "apiVersion: v1\nkind: Pod\n";
        for (path, text, want) in [
            ("site.yml", play, Some(Format::Ansible)),
            (
                "roles/db/tasks/main.yml",
                "- apt: name=x\n",
                Some(Format::Ansible),
            ),
            ("k8s/pod.yaml", pod, Some(Format::Kubernetes)),
            ("tasks/build.yaml", pod, Some(Format::Kubernetes)),
            (".github/workflows/ci.yml", "on: push\njobs: {}\n", None),
            ("compose.yaml", "services: {}\n", Some(Format::Compose)),
            (
                "stack/app.yaml",
                "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n",
                Some(Format::CloudFormation),
            ),
            (
                "stack/app.template",
                "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n",
                Some(Format::CloudFormation),
            ),
            (
                "stack/app.json",
                "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}",
                Some(Format::CloudFormation),
            ),
            (
                "plan.json",
                "{\"format_version\": \"1.2\", \"planned_values\": {}}",
                Some(Format::TerraformPlan),
            ),
            ("package.json", "{\"name\": \"x\"}", None),
            ("notes.template", "Hello {{name}}\n", None),
        ] {
            assert_eq!(Format::of_file(path, text), want, "{path}");
        }
    }
}
