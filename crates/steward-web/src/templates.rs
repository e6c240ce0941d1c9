//! Checks as data: the HTTP subset of Nuclei's template format. A template's `http` blocks
//! send requests (`path` with `method`, `headers` and `body`, or `raw` requests), with
//! `{{...}}` placeholders ([`crate::dsl`]: `{{BaseURL}}`, `{{RootURL}}`, `{{Hostname}}`,
//! template `variables`, `payloads` combined by `attack: clusterbomb | pitchfork |
//! batteringram`, values extracted earlier); matchers of type `word`, `regex`, `status`,
//! `size` and `dsl` (`part`, `condition`, `negative`, `case-insensitive`,
//! `matchers-condition`, `req-condition` for expressions over several responses);
//! `regex` and `kval` extractors (`internal` ones feed later requests); cookies carried
//! from one request of a template to the next; `redirects`. Anything outside the subset is
//! an error when the template loads, so a template never silently matches less than its
//! author meant. steward ships its exposed-file and default-login checks this way, and
//! `--templates DIR` adds the user's own.

use std::collections::BTreeMap;
use std::path::Path;

use regex::Regex;
use reqwest::Url;
use serde::Deserialize;
use serde::de::IgnoredAny;
use steward_core::{Confidence, Cwe, Owasp, Rule, Severity};

use crate::checks::Issue;
use crate::client::{Exchange, HttpClient, HttpRequest, SendError};
use crate::dsl::{self, Expr, Interpolated, Value};

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
    (
        "tomcat-manager-default-login.yaml",
        include_str!("../templates/tomcat-manager-default-login.yaml"),
    ),
    (
        "grafana-default-login.yaml",
        include_str!("../templates/grafana-default-login.yaml"),
    ),
    (
        "jenkins-default-login.yaml",
        include_str!("../templates/jenkins-default-login.yaml"),
    ),
    (
        "rabbitmq-default-login.yaml",
        include_str!("../templates/rabbitmq-default-login.yaml"),
    ),
    (
        "basic-auth-default-login.yaml",
        include_str!("../templates/basic-auth-default-login.yaml"),
    ),
];

/// Variables every request can use.
const BUILTIN_VARIABLES: &[&str] = &[
    "BaseURL", "RootURL", "Hostname", "Host", "Port", "Path", "Scheme",
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
    #[serde(default, alias = "requests")]
    http: Vec<RequestSpec>,
    #[serde(default)]
    variables: BTreeMap<String, Scalar>,
    // Other protocols: recognised so they can be refused by name.
    #[serde(default)]
    dns: Option<IgnoredAny>,
    #[serde(default)]
    tcp: Option<IgnoredAny>,
    #[serde(default)]
    network: Option<IgnoredAny>,
    #[serde(default)]
    file: Option<IgnoredAny>,
    #[serde(default)]
    headless: Option<IgnoredAny>,
    #[serde(default)]
    code: Option<IgnoredAny>,
    #[serde(default)]
    javascript: Option<IgnoredAny>,
    #[serde(default)]
    ssl: Option<IgnoredAny>,
    #[serde(default)]
    websocket: Option<IgnoredAny>,
    #[serde(default)]
    whois: Option<IgnoredAny>,
    #[serde(default)]
    workflows: Option<IgnoredAny>,
    #[serde(default)]
    flow: Option<IgnoredAny>,
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
    reference: OneOrMany,
    #[serde(default)]
    classification: Option<ClassificationSpec>,
}

/// A YAML scalar, whatever its type (passwords such as `123456` are numbers to YAML).
#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum Scalar {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Scalar {
    fn text(&self) -> String {
        match self {
            Scalar::Str(s) => s.clone(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

/// `reference: url` or a list of them.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct ClassificationSpec {
    #[serde(default)]
    cwe_id: Option<OneOrMany>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PayloadSpec {
    List(Vec<Scalar>),
    File(String),
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RequestSpec {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default = "get")]
    method: String,
    #[serde(default)]
    path: Vec<String>,
    #[serde(default)]
    raw: Vec<String>,
    #[serde(default)]
    headers: BTreeMap<String, Scalar>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    payloads: BTreeMap<String, PayloadSpec>,
    #[serde(default)]
    attack: Option<String>,
    #[serde(default)]
    matchers_condition: Option<String>,
    #[serde(default)]
    stop_at_first_match: bool,
    #[serde(default)]
    matchers: Vec<MatcherSpec>,
    #[serde(default)]
    extractors: Vec<ExtractorSpec>,
    #[serde(default)]
    req_condition: bool,
    /// Cookies are carried between a template's requests anyway (as Nuclei does now).
    #[serde(default)]
    cookie_reuse: bool,
    #[serde(default)]
    disable_cookie: bool,
    #[serde(default)]
    redirects: bool,
    #[serde(default)]
    host_redirects: bool,
    #[serde(default)]
    max_redirects: Option<usize>,
    /// The scanner's own response-size limit applies.
    #[serde(default)]
    max_size: Option<usize>,
}

fn get() -> String {
    "GET".into()
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct MatcherSpec {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    part: Option<String>,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    regex: Vec<String>,
    #[serde(default)]
    status: Vec<u16>,
    #[serde(default)]
    size: Vec<usize>,
    #[serde(default)]
    dsl: Vec<String>,
    #[serde(default)]
    condition: Option<String>,
    #[serde(default)]
    negative: bool,
    #[serde(default)]
    case_insensitive: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct ExtractorSpec {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    part: Option<String>,
    #[serde(default)]
    regex: Vec<String>,
    #[serde(default)]
    group: usize,
    #[serde(default)]
    kval: Vec<String>,
    #[serde(default)]
    internal: bool,
    #[serde(default)]
    case_insensitive: bool,
}

/// A loaded template: its rule, its variables and its request blocks.
#[derive(Debug, Clone)]
pub struct Template {
    pub rule: Rule,
    /// Where it came from: a built-in file name or a path.
    pub source: String,
    pub variables: Vec<(String, Interpolated)>,
    pub requests: Vec<TemplateRequest>,
}

/// One `http` block.
#[derive(Debug, Clone)]
pub struct TemplateRequest {
    pub shapes: Vec<Shape>,
    pub payloads: Vec<(String, Vec<String>)>,
    pub attack: Attack,
    /// All matchers must match (`and`), or any (`or`).
    pub all: bool,
    pub stop_at_first_match: bool,
    pub matchers: Vec<Matcher>,
    pub extractors: Vec<Extractor>,
    /// Matchers judge all the block's responses together (`status_code_1`, `body_2`).
    pub req_condition: bool,
    pub cookies: bool,
    /// Redirect hops to follow (0: none).
    pub max_redirects: usize,
}

/// How payload lists combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attack {
    /// Every combination of the lists.
    Clusterbomb,
    /// The lists side by side: the first values together, then the second ones.
    Pitchfork,
    /// One list's values in turn (a template with one payload list).
    Batteringram,
}

/// One request of a block.
#[derive(Debug, Clone)]
pub enum Shape {
    Path {
        method: String,
        path: Interpolated,
        headers: Vec<(String, Interpolated)>,
        body: Option<Interpolated>,
    },
    /// A request written out in full: request line, headers, blank line, body.
    Raw(Interpolated),
}

/// Where in a response a matcher or extractor looks, and in which response of a block
/// (`body_2`: the second).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub what: PartKind,
    /// 1-based; `None` for the response at hand (the last one under `req-condition`).
    pub index: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartKind {
    Body,
    Header,
    All,
    /// One header's value (`location`, `content_type`).
    NamedHeader(String),
}

#[derive(Debug, Clone)]
pub enum MatcherKind {
    Word(Vec<String>),
    Regex(Vec<Regex>),
    Status(Vec<u16>),
    Size(Vec<usize>),
    Dsl(Vec<(String, Expr)>),
}

#[derive(Debug, Clone)]
pub struct Matcher {
    pub kind: MatcherKind,
    pub part: Part,
    pub all: bool,
    pub negative: bool,
    pub case_insensitive: bool,
}

#[derive(Debug, Clone)]
pub enum ExtractorKind {
    Regex {
        patterns: Vec<Regex>,
        group: usize,
    },
    /// Header (and cookie) values by key; `-` and `_` are the same.
    Kval(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Extractor {
    pub kind: ExtractorKind,
    pub name: Option<String>,
    pub part: Part,
    pub internal: bool,
}

fn condition_is_and(c: Option<&str>, default_and: bool) -> Result<bool, String> {
    match c {
        None => Ok(default_and),
        Some("and") => Ok(true),
        Some("or") => Ok(false),
        Some(other) => Err(format!("condition `{other}`: expected `and` or `or`")),
    }
}

fn parse_part(part: Option<&str>) -> Result<Part, String> {
    let raw = part.unwrap_or("body");
    let (name, index) = match raw.rsplit_once('_') {
        Some((n, i)) if !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()) => {
            (n, Some(i.parse::<usize>().map_err(|e| e.to_string())?))
        }
        _ => (raw, None),
    };
    if index == Some(0) {
        return Err(format!("part `{raw}`: responses are numbered from 1"));
    }
    let what = match name {
        "body" => PartKind::Body,
        "header" | "all_headers" => PartKind::Header,
        "all" | "response" | "raw" => PartKind::All,
        "location" | "content_type" | "server" | "set_cookie" | "www_authenticate"
        | "x_powered_by" | "content_length" => PartKind::NamedHeader(name.replace('_', "-")),
        other => {
            return Err(format!(
                "part `{other}` is not supported (body, header, all, or a header: location, content_type, server, set_cookie, www_authenticate, x_powered_by)"
            ));
        }
    };
    Ok(Part { what, index })
}

fn compile(patterns: &[String], case_insensitive: bool) -> Result<Vec<Regex>, String> {
    patterns
        .iter()
        .map(|r| {
            regex::RegexBuilder::new(r)
                .case_insensitive(case_insensitive)
                .build()
                .map_err(|e| format!("regex `{r}`: {e}"))
        })
        .collect()
}

fn interpolated(text: &str) -> Result<Interpolated, String> {
    Interpolated::parse(text).map_err(|e| e.to_string())
}

/// Parse one template. `file` names it in errors and in its findings.
pub fn parse(file: &str, text: &str) -> Result<Template, TemplateError> {
    parse_spec(text)
        .map_err(|message| TemplateError {
            file: file.into(),
            message,
        })
        .and_then(|(spec, rule)| build(file, spec, rule))
}

fn parse_spec(text: &str) -> Result<(TemplateSpec, Rule), String> {
    let spec: TemplateSpec = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    for (present, name) in [
        (spec.dns.is_some(), "dns"),
        (spec.tcp.is_some(), "tcp"),
        (spec.network.is_some(), "network"),
        (spec.file.is_some(), "file"),
        (spec.headless.is_some(), "headless"),
        (spec.code.is_some(), "code"),
        (spec.javascript.is_some(), "javascript"),
        (spec.ssl.is_some(), "ssl"),
        (spec.websocket.is_some(), "websocket"),
        (spec.whois.is_some(), "whois"),
        (spec.workflows.is_some(), "workflows"),
        (spec.flow.is_some(), "flow"),
    ] {
        if present {
            return Err(format!(
                "`{name}` templates are not supported: steward runs the HTTP part of Nuclei's format"
            ));
        }
    }
    if spec.http.is_empty() {
        return Err("no `http` requests".into());
    }
    let severity: Severity = match spec.info.severity.to_ascii_lowercase().as_str() {
        "unknown" => Severity::Info,
        s => s.parse().map_err(|e| format!("severity: {e}"))?,
    };
    let id = spec.id.trim();
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        return Err(format!(
            "id `{id}`: use letters, digits, `-`, `_` and `.` (it becomes the rule id dast/{id})"
        ));
    }
    let mut rule = Rule::new(
        format!("dast/{id}"),
        "dast",
        spec.info.name.clone(),
        severity,
    );
    rule.confidence = Confidence::High;
    rule.description = spec.info.description.clone();
    rule.remediation = spec.info.remediation.clone();
    rule.owasp = Some(Owasp::A05);
    Ok((spec, rule))
}

fn build(file: &str, spec: TemplateSpec, mut rule: Rule) -> Result<Template, TemplateError> {
    let err = |message: String| TemplateError {
        file: file.into(),
        message,
    };
    rule.references = spec.info.reference.into_vec();
    if let Some(cwe) = spec.info.classification.and_then(|c| c.cwe_id) {
        for id in cwe.into_vec().iter().flat_map(|c| c.split(',')) {
            let id = id.trim();
            let n = id
                .strip_prefix("CWE-")
                .or_else(|| id.strip_prefix("cwe-"))
                .unwrap_or(id);
            rule.cwe
                .push(Cwe(n.parse().map_err(|_| err(format!("cwe-id `{id}`")))?));
        }
    }
    let mut known: Vec<String> = BUILTIN_VARIABLES.iter().map(|s| s.to_string()).collect();
    let mut variables = Vec::new();
    for (name, value) in &spec.variables {
        variables.push((
            name.clone(),
            interpolated(&value.text()).map_err(|m| err(format!("variable `{name}`: {m}")))?,
        ));
        known.push(name.clone());
    }
    // Internal extractors of any block name variables later requests may use.
    for r in &spec.http {
        for e in &r.extractors {
            if let (true, Some(n)) = (e.internal, &e.name) {
                known.push(n.clone());
            }
        }
    }
    let mut requests = Vec::new();
    for (i, r) in spec.http.into_iter().enumerate() {
        let block = request(r, &known).map_err(|m| err(format!("http[{i}]: {m}")))?;
        requests.push(block);
    }
    Ok(Template {
        rule,
        source: file.into(),
        variables,
        requests,
    })
}

fn request(r: RequestSpec, known: &[String]) -> Result<TemplateRequest, String> {
    let _ = (&r.id, &r.name, r.cookie_reuse, r.max_size);
    let mut payloads: Vec<(String, Vec<String>)> = Vec::new();
    for (name, p) in r.payloads {
        match p {
            PayloadSpec::List(values) => {
                if values.is_empty() {
                    return Err(format!("payload `{name}` is empty"));
                }
                payloads.push((name, values.iter().map(Scalar::text).collect()));
            }
            PayloadSpec::File(path) => {
                return Err(format!(
                    "payload `{name}` reads the file `{path}`: list the values in the template instead"
                ));
            }
        }
    }
    let attack = match r.attack.as_deref() {
        None if payloads.len() <= 1 => Attack::Batteringram,
        None | Some("clusterbomb") => Attack::Clusterbomb,
        Some("pitchfork") => Attack::Pitchfork,
        Some("batteringram") => Attack::Batteringram,
        Some(other) => {
            return Err(format!(
                "attack `{other}`: expected clusterbomb, pitchfork or batteringram"
            ));
        }
    };
    if attack == Attack::Pitchfork && payloads.windows(2).any(|w| w[0].1.len() != w[1].1.len()) {
        return Err("a pitchfork attack needs payload lists of the same length".into());
    }
    let mut in_scope: Vec<String> = known.to_vec();
    in_scope.extend(payloads.iter().map(|(n, _)| n.clone()));
    let check = |t: &Interpolated| -> Result<(), String> {
        let mut names = Vec::new();
        t.variables(&mut names);
        match names.iter().find(|n| !in_scope.contains(n)) {
            Some(n) => Err(format!(
                "`{{{{{n}}}}}` is not a variable steward knows ({}, the template's variables and payloads, and internal extractors)",
                BUILTIN_VARIABLES.join(", ")
            )),
            None => Ok(()),
        }
    };
    let mut shapes = Vec::new();
    if !r.path.is_empty() && !r.raw.is_empty() {
        return Err("a request has `path` or `raw`, not both".into());
    }
    for p in &r.path {
        let path = interpolated(p)?;
        check(&path)?;
        let mut headers = Vec::new();
        for (k, v) in &r.headers {
            let v = interpolated(&v.text())?;
            check(&v)?;
            headers.push((k.clone(), v));
        }
        let body = r.body.as_deref().map(interpolated).transpose()?;
        if let Some(b) = &body {
            check(b)?;
        }
        shapes.push(Shape::Path {
            method: r.method.to_ascii_uppercase(),
            path,
            headers,
            body,
        });
    }
    for raw in &r.raw {
        let t = interpolated(raw.trim_start())?;
        check(&t)?;
        shapes.push(Shape::Raw(t));
    }
    if shapes.is_empty() {
        return Err("a request without `path` or `raw`".into());
    }
    let mut matchers = Vec::new();
    for m in r.matchers {
        let _ = &m.name;
        let part = parse_part(m.part.as_deref())?;
        let kind = match m.kind.as_str() {
            "word" => MatcherKind::Word(m.words),
            "regex" => MatcherKind::Regex(compile(&m.regex, m.case_insensitive)?),
            "status" => MatcherKind::Status(m.status),
            "size" => MatcherKind::Size(m.size),
            "dsl" => MatcherKind::Dsl(
                m.dsl
                    .iter()
                    .map(|d| dsl::parse(d).map(|e| (d.clone(), e)))
                    .collect::<Result<_, _>>()
                    .map_err(|e| e.to_string())?,
            ),
            other => {
                return Err(format!(
                    "matcher type `{other}` is not supported (word, regex, status, size, dsl)"
                ));
            }
        };
        matchers.push(Matcher {
            kind,
            part,
            all: condition_is_and(m.condition.as_deref(), false)?,
            negative: m.negative,
            case_insensitive: m.case_insensitive,
        });
    }
    let mut extractors = Vec::new();
    for e in r.extractors {
        let part = parse_part(e.part.as_deref())?;
        let kind = match e.kind.as_str() {
            "regex" => ExtractorKind::Regex {
                patterns: compile(&e.regex, e.case_insensitive)?,
                group: e.group,
            },
            "kval" => ExtractorKind::Kval(e.kval),
            other => {
                return Err(format!(
                    "extractor type `{other}` is not supported (regex, kval)"
                ));
            }
        };
        if e.internal && e.name.is_none() {
            return Err("an internal extractor needs a `name` to be used by".into());
        }
        extractors.push(Extractor {
            kind,
            name: e.name,
            part,
            internal: e.internal,
        });
    }
    if matchers.is_empty() && !extractors.iter().any(|e| !e.internal) {
        return Err("a request without matchers (or extractors that report)".into());
    }
    Ok(TemplateRequest {
        shapes,
        payloads,
        attack,
        all: condition_is_and(r.matchers_condition.as_deref(), false)?,
        stop_at_first_match: r.stop_at_first_match,
        matchers,
        extractors,
        req_condition: r.req_condition,
        cookies: !r.disable_cookie,
        max_redirects: if r.redirects || r.host_redirects {
            r.max_redirects.unwrap_or(10)
        } else {
            0
        },
    })
}

/// The templates steward ships.
pub fn builtin() -> Result<Vec<Template>, TemplateError> {
    BUILTIN.iter().map(|(f, t)| parse(f, t)).collect()
}

/// Every `.yaml`/`.yml` template under `dir` (recursively), in path order.
pub fn load_dir(dir: &Path) -> Result<Vec<Template>, TemplateError> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| TemplateError {
            file: d.display().to_string(),
            message: format!("cannot read the directory: {e}"),
        })?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                files.push(p);
            }
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(TemplateError {
            file: dir.display().to_string(),
            message: "no .yaml or .yml templates in it".into(),
        });
    }
    files
        .iter()
        .map(|p| {
            let shown = p.display().to_string();
            let text = std::fs::read_to_string(p).map_err(|e| TemplateError {
                file: shown.clone(),
                message: e.to_string(),
            })?;
            parse(&shown, &text)
        })
        .collect()
}

impl TemplateRequest {
    /// Every combination of payload values the attack asks for: name -> value.
    fn combinations(&self) -> Vec<Vec<(String, String)>> {
        if self.payloads.is_empty() {
            return vec![Vec::new()];
        }
        match self.attack {
            Attack::Clusterbomb => {
                let mut out: Vec<Vec<(String, String)>> = vec![Vec::new()];
                for (name, values) in &self.payloads {
                    out = out
                        .into_iter()
                        .flat_map(|combo| {
                            values.iter().map(move |v| {
                                let mut c = combo.clone();
                                c.push((name.clone(), v.clone()));
                                c
                            })
                        })
                        .collect();
                }
                out
            }
            Attack::Pitchfork => {
                let n = self.payloads.first().map_or(0, |(_, v)| v.len());
                (0..n)
                    .map(|i| {
                        self.payloads
                            .iter()
                            .map(|(name, values)| (name.clone(), values[i].clone()))
                            .collect()
                    })
                    .collect()
            }
            Attack::Batteringram => {
                let (_, first) = &self.payloads[0];
                first
                    .iter()
                    .map(|v| {
                        self.payloads
                            .iter()
                            .map(|(name, _)| (name.clone(), v.clone()))
                            .collect()
                    })
                    .collect()
            }
        }
    }
}

/// The variables of one request: built-ins for the target, then the template's, then
/// payload values and extracted values.
struct Scope<'a> {
    vars: &'a BTreeMap<String, String>,
}

impl dsl::Vars for Scope<'_> {
    fn var(&self, name: &str) -> Option<Value> {
        self.vars.get(name).map(|v| Value::Str(v.clone()))
    }
}

fn builtin_vars(target: &Url) -> BTreeMap<String, String> {
    let base = target.as_str().trim_end_matches('/').to_string();
    let root = target.origin().ascii_serialization();
    let host = target.host_str().unwrap_or("").to_string();
    let port = target
        .port_or_known_default()
        .map(|p| p.to_string())
        .unwrap_or_default();
    let hostname = match target.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.clone(),
    };
    BTreeMap::from([
        ("BaseURL".to_string(), base),
        ("RootURL".to_string(), root),
        ("Hostname".to_string(), hostname),
        ("Host".to_string(), host),
        ("Port".to_string(), port),
        ("Path".to_string(), target.path().to_string()),
        ("Scheme".to_string(), target.scheme().to_string()),
    ])
}

/// A raw request's text as a request to send: the request line's target is taken against
/// the root URL (or as is when absolute); Host, Content-Length and Connection are the
/// client's to set.
fn raw_request(text: &str, root: &Url) -> Option<HttpRequest> {
    let text = text.replace("\r\n", "\n");
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let mut first = lines.next()?.split_whitespace();
    let (method, target) = (first.next()?, first.next()?);
    let url = if target.starts_with("http://") || target.starts_with("https://") {
        Url::parse(target).ok()?
    } else {
        root.join(target).ok()?
    };
    let mut request = HttpRequest::get(url);
    request.method = method.to_ascii_uppercase();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let k = k.trim();
        if ["host", "content-length", "connection"]
            .iter()
            .any(|h| k.eq_ignore_ascii_case(h))
        {
            continue;
        }
        request.headers.push((k.to_string(), v.trim().to_string()));
    }
    let body = body.trim_end_matches('\n');
    if !body.is_empty() {
        request.form = Some(body.to_string());
    }
    Some(request)
}

impl Shape {
    fn build(&self, vars: &BTreeMap<String, String>, root: &Url) -> Option<HttpRequest> {
        let scope = Scope { vars };
        match self {
            Shape::Path {
                method,
                path,
                headers,
                body,
            } => {
                let url = Url::parse(&path.render(&scope).ok()?).ok()?;
                let mut request = HttpRequest::get(url);
                request.method = method.clone();
                for (k, v) in headers {
                    request.headers.push((k.clone(), v.render(&scope).ok()?));
                }
                if let Some(b) = body {
                    request.form = Some(b.render(&scope).ok()?);
                }
                Some(request)
            }
            Shape::Raw(text) => raw_request(&text.render(&scope).ok()?, root),
        }
    }
}

/// The text of `part` in `ex`.
fn part_text(part: &PartKind, ex: &Exchange) -> String {
    match part {
        PartKind::Body => ex.body_text().into_owned(),
        PartKind::Header => ex.status_and_headers(),
        PartKind::All => format!("{}\n\n{}", ex.status_and_headers(), ex.body_text()),
        PartKind::NamedHeader(h) => ex.headers_named(h).collect::<Vec<_>>().join("\n"),
    }
}

/// What the expressions of a `dsl` matcher see.
struct ResponseVars<'a> {
    exchanges: &'a [Exchange],
    vars: &'a BTreeMap<String, String>,
}

impl dsl::Vars for ResponseVars<'_> {
    fn var(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.vars.get(name) {
            return Some(Value::Str(v.clone()));
        }
        let (base, ex) = match name.rsplit_once('_') {
            Some((b, i)) if !i.is_empty() && i.bytes().all(|c| c.is_ascii_digit()) => {
                let i: usize = i.parse().ok()?;
                (b, self.exchanges.get(i.checked_sub(1)?)?)
            }
            _ => (name, self.exchanges.last()?),
        };
        Some(match base {
            "status_code" => Value::Num(f64::from(ex.status)),
            "content_length" => Value::Num(
                ex.header("content-length")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(ex.body.len() as f64),
            ),
            "body" => Value::Str(ex.body_text().into_owned()),
            "header" | "all_headers" => Value::Str(ex.status_and_headers()),
            "all" | "response" | "raw" => {
                Value::Str(format!("{}\n\n{}", ex.status_and_headers(), ex.body_text()))
            }
            "duration" => Value::Num(ex.elapsed.as_secs_f64()),
            // Any other lower-case name is a header (`content_type`, `location`); an
            // absent header is empty, as in Nuclei.
            h if h
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') =>
            {
                Value::Str(
                    ex.headers_named(&h.replace('_', "-"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            }
            _ => return None,
        })
    }
}

fn pick<'a>(part: &Part, exchanges: &'a [Exchange]) -> Option<&'a Exchange> {
    match part.index {
        Some(i) => exchanges.get(i - 1),
        None => exchanges.last(),
    }
}

impl Matcher {
    /// Whether the matcher accepts the responses (after `negative`), and what matched.
    fn check(
        &self,
        exchanges: &[Exchange],
        vars: &BTreeMap<String, String>,
    ) -> (bool, Option<String>) {
        let Some(ex) = pick(&self.part, exchanges) else {
            return (false, None);
        };
        let text = part_text(&self.part.what, ex);
        let (hit, what) = match &self.kind {
            MatcherKind::Status(codes) => (
                codes.contains(&ex.status),
                Some(format!("HTTP/1.1 {}", ex.status)),
            ),
            MatcherKind::Size(sizes) => (
                sizes.contains(&ex.body.len()),
                Some(format!("{} bytes", ex.body.len())),
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
                (hit, found.first().and_then(|w| line_with(&text, w)))
            }
            MatcherKind::Regex(res) => {
                let found: Vec<regex::Match<'_>> =
                    res.iter().filter_map(|r| r.find(&text)).collect();
                let hit = if self.all {
                    found.len() == res.len()
                } else {
                    !found.is_empty()
                };
                (
                    hit,
                    found.first().and_then(|m| line_with(&text, m.as_str())),
                )
            }
            MatcherKind::Dsl(exprs) => {
                let scope = ResponseVars { exchanges, vars };
                let results: Vec<(&String, bool)> = exprs
                    .iter()
                    .map(|(src, e)| {
                        let ok = e.eval(&scope).is_ok_and(|v| v == Value::Bool(true));
                        (src, ok)
                    })
                    .collect();
                let hit = if self.all {
                    results.iter().all(|(_, ok)| *ok)
                } else {
                    results.iter().any(|(_, ok)| *ok)
                };
                let shown = results
                    .iter()
                    .filter(|(_, ok)| *ok)
                    .map(|(s, _)| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" ; ");
                (hit, Some(format!("dsl: {shown}")))
            }
        };
        if self.negative {
            (!hit, None)
        } else {
            (hit, what)
        }
    }
}

impl Extractor {
    fn extract(&self, exchanges: &[Exchange]) -> Vec<String> {
        let Some(ex) = pick(&self.part, exchanges) else {
            return Vec::new();
        };
        match &self.kind {
            ExtractorKind::Regex { patterns, group } => {
                let text = part_text(&self.part.what, ex);
                patterns
                    .iter()
                    .flat_map(|re| {
                        re.captures_iter(&text)
                            .filter_map(|c| c.get(*group).map(|m| m.as_str().to_string()))
                            .collect::<Vec<_>>()
                    })
                    .collect()
            }
            ExtractorKind::Kval(keys) => {
                let mut out = Vec::new();
                for key in keys {
                    let want = key.to_ascii_lowercase().replace('_', "-");
                    out.extend(ex.headers_named(&want).map(str::to_string));
                    for cookie in ex.headers_named("set-cookie") {
                        if let Some((n, v)) =
                            cookie.split(';').next().and_then(|c| c.split_once('='))
                            && n.trim().to_ascii_lowercase().replace('_', "-") == want
                        {
                            out.push(v.trim().to_string());
                        }
                    }
                }
                out
            }
        }
    }
}

impl TemplateRequest {
    /// The evidence if the matchers accept the responses (`exchanges`, the last being the
    /// one at hand), with what the reporting extractors found.
    pub fn matches(
        &self,
        exchanges: &[Exchange],
        vars: &BTreeMap<String, String>,
    ) -> Option<String> {
        let mut evidence = Vec::new();
        let mut any = false;
        for m in &self.matchers {
            let (hit, what) = m.check(exchanges, vars);
            if hit {
                any = true;
                evidence.extend(what);
            } else if self.all {
                return None;
            }
        }
        let mut extracted = false;
        for e in self.extractors.iter().filter(|e| !e.internal) {
            let values = e.extract(exchanges);
            if !values.is_empty() {
                extracted = true;
                evidence.push(format!(
                    "extracted {}: {}",
                    e.name.as_deref().unwrap_or("value"),
                    crate::checks::clip(&values.join(", "), 200)
                ));
            }
        }
        let matched = if self.matchers.is_empty() {
            extracted
        } else {
            any || self.all
        };
        matched.then(|| evidence.join("\n"))
    }
}

/// Cookies a template's responses set, sent with its later requests.
fn remember_cookies(jar: &mut BTreeMap<String, String>, ex: &Exchange) {
    for header in ex.headers_named("set-cookie") {
        let Some((name, value)) = header.split(';').next().and_then(|p| p.split_once('=')) else {
            continue;
        };
        let (name, value) = (name.trim(), value.trim());
        if !name.is_empty() {
            jar.insert(name.to_string(), value.to_string());
        }
    }
}

/// Send `request` outside the scan's session, following redirects within the scope when
/// the block asks to, and carrying the block's cookies.
async fn send(
    client: &HttpClient,
    mut request: HttpRequest,
    max_redirects: usize,
    jar: Option<&mut BTreeMap<String, String>>,
) -> Result<Option<(HttpRequest, Exchange)>, SendError> {
    let mut jar = jar;
    let mut hops = 0;
    loop {
        if let Some(jar) = jar.as_deref()
            && !jar.is_empty()
        {
            let cookies = jar
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            match request
                .headers
                .iter_mut()
                .find(|(k, _)| k.eq_ignore_ascii_case("cookie"))
            {
                Some((_, v)) => *v = format!("{v}; {cookies}"),
                None => request.headers.push(("Cookie".into(), cookies)),
            }
        }
        let ex = match client.send_detached(request.clone()).await {
            Ok(ex) => ex,
            Err(e @ (SendError::Budget | SendError::Cancelled)) => return Err(e),
            Err(_) => return Ok(None),
        };
        if let Some(jar) = jar.as_deref_mut() {
            remember_cookies(jar, &ex);
        }
        let next = ex.is_redirect().then(|| ex.location()).flatten();
        match next {
            Some(to) if hops < max_redirects && client.scope().contains(&to) => {
                hops += 1;
                request = HttpRequest::get(to);
            }
            _ => return Ok(Some((request, ex))),
        }
    }
}

fn describe_combo(combo: &[(String, String)]) -> Option<String> {
    (!combo.is_empty()).then(|| {
        combo
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// Run one template against `target`: its issues, or why it stopped (budget, cancel).
pub async fn run(
    client: &HttpClient,
    template: &Template,
    target: &Url,
) -> Result<Vec<Issue>, SendError> {
    let root =
        Url::parse(&target.origin().ascii_serialization()).unwrap_or_else(|_| target.clone());
    let mut vars = builtin_vars(target);
    for (name, value) in &template.variables {
        let rendered = value.render(&Scope { vars: &vars }).unwrap_or_default();
        vars.insert(name.clone(), rendered);
    }
    let mut out = Vec::new();
    for block in &template.requests {
        'combos: for combo in block.combinations() {
            let mut local = vars.clone();
            local.extend(combo.iter().cloned());
            let mut jar = BTreeMap::new();
            let mut exchanges: Vec<Exchange> = Vec::new();
            let mut sent: Vec<HttpRequest> = Vec::new();
            for shape in &block.shapes {
                let Some(request) = shape.build(&local, &root) else {
                    continue;
                };
                let jar = block.cookies.then_some(&mut jar);
                let Some((request, ex)) = send(client, request, block.max_redirects, jar).await?
                else {
                    continue;
                };
                for e in block.extractors.iter().filter(|e| e.internal) {
                    if let (Some(name), Some(v)) = (
                        &e.name,
                        e.extract(std::slice::from_ref(&ex)).into_iter().next(),
                    ) {
                        local.insert(name.clone(), v.clone());
                        vars.insert(name.clone(), v);
                    }
                }
                exchanges.push(ex);
                sent.push(request);
                if block.req_condition {
                    continue;
                }
                let last = exchanges.len() - 1;
                if let Some(evidence) = block.matches(&exchanges[last..], &local) {
                    out.push(issue(
                        template,
                        target,
                        &sent[last],
                        &exchanges[last],
                        &combo,
                        evidence,
                    ));
                    if block.stop_at_first_match || !combo.is_empty() {
                        break 'combos;
                    }
                }
            }
            if block.req_condition
                && let (Some(ex), Some(request)) = (exchanges.last(), sent.last())
                && let Some(evidence) = block.matches(&exchanges, &local)
            {
                out.push(issue(template, target, request, ex, &combo, evidence));
                break 'combos;
            }
        }
    }
    Ok(out)
}

fn issue(
    template: &Template,
    target: &Url,
    request: &HttpRequest,
    ex: &Exchange,
    combo: &[(String, String)],
    evidence: String,
) -> Issue {
    let payload = describe_combo(combo);
    let message = match &payload {
        Some(p) => format!("{} at {} ({p})", template.rule.title, ex.url()),
        None => format!("{} at {}", template.rule.title, ex.url()),
    };
    Issue {
        rule_id: template.rule.id.clone(),
        message,
        url: ex.url().to_string(),
        method: request.method.clone(),
        parameter: None,
        payload,
        request: request.describe(),
        evidence: if evidence.is_empty() {
            format!("HTTP/1.1 {}", ex.status)
        } else {
            evidence
        },
        key: String::new(),
        target: Some(target.to_string()),
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
    fn builtin_templates_load() {
        let all = builtin().unwrap();
        assert_eq!(all.len(), BUILTIN.len());
        assert!(
            all.iter()
                .all(|t| t.rule.id.starts_with("dast/exposed-")
                    || t.rule.id.ends_with("-default-login")),
            "{:?}",
            all.iter().map(|t| &t.rule.id).collect::<Vec<_>>()
        );
    }

    fn refused(text: &str) -> String {
        parse("x.yaml", text).unwrap_err().message
    }

    #[test]
    fn what_is_outside_the_subset_is_refused_by_name() {
        let head = "id: x\ninfo: {name: n, severity: low}\n";
        assert!(refused(&format!("{head}dns:\n  - name: x\n")).contains("`dns` templates"));
        assert!(
            refused(&format!(
                "{head}http:\n  - path: ['{{{{BaseURL}}}}/']\n    matchers:\n      - type: binary\n        binary: ['00']\n"
            ))
            .contains("binary")
        );
        assert!(
            refused(&format!(
                "{head}http:\n  - path: ['{{{{BaseURL}}}}/{{{{interactsh-url}}}}']\n    matchers:\n      - type: status\n        status: [200]\n"
            ))
            .contains("not a variable steward knows")
        );
        assert!(
            refused(&format!(
                "{head}http:\n  - path: ['{{{{BaseURL}}}}/']\n    payloads:\n      user: users.txt\n    matchers:\n      - type: status\n        status: [200]\n"
            ))
            .contains("list the values")
        );
        assert!(
            refused(&format!(
                "{head}http:\n  - path: ['{{{{BaseURL}}}}/']\n    unsafe: true\n    matchers:\n      - type: status\n        status: [200]\n"
            ))
            .contains("unsafe")
        );
        assert!(
            refused(&format!(
                "{head}http:\n  - path: ['{{{{BaseURL}}}}/']\n    matchers:\n      - type: dsl\n        dsl: ['md5(body) == \"x\"']\n"
            ))
            .contains("unknown function `md5`")
        );
    }

    #[test]
    fn payloads_combine_as_the_attack_says() {
        let head = "id: x\ninfo: {name: n, severity: low}\nhttp:\n  - path: ['{{BaseURL}}/?u={{u}}&p={{p}}']\n    payloads:\n      u: [admin, root]\n      p: [admin, 123456]\n";
        let tail = "    matchers:\n      - type: status\n        status: [200]\n";
        let t = parse("x", &format!("{head}{tail}")).unwrap();
        assert_eq!(t.requests[0].combinations().len(), 4);
        let t = parse("x", &format!("{head}    attack: pitchfork\n{tail}")).unwrap();
        let combos = t.requests[0].combinations();
        assert_eq!(combos.len(), 2);
        assert_eq!(
            combos[1],
            [("p".into(), "123456".into()), ("u".into(), "root".into())]
        );
    }

    #[test]
    fn raw_requests_parse() {
        let root = Url::parse("http://127.0.0.1:8080/").unwrap();
        let r = raw_request(
            "POST /login HTTP/1.1\nHost: 127.0.0.1:8080\nContent-Type: application/json\nContent-Length: 17\n\n{\"user\":\"admin\"}\n",
            &root,
        )
        .unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(r.url.as_str(), "http://127.0.0.1:8080/login");
        assert_eq!(
            r.headers,
            [("Content-Type".to_string(), "application/json".to_string())]
        );
        assert_eq!(r.form.as_deref(), Some("{\"user\":\"admin\"}"));
    }
}
