//! steward.toml: what the product is, what data it holds, where it runs, what it is made
//! of. Written by `steward init`, read by every command. Errors name the line and the key.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::severity::{FailOn, Severity};

pub const MANIFEST_FILE: &str = "steward.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Design,
    #[default]
    Build,
    Operate,
    Maintain,
    Sunset,
}

/// Classes of data, each with the regime that usually governs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DataClass {
    /// Payment card data (PCI DSS).
    Cardholder,
    /// Health records (HIPAA and national health-data laws).
    Health,
    /// Personal data (GDPR and privacy laws).
    Pii,
    Credentials,
    Financial,
    Public,
}

impl DataClass {
    pub fn as_str(self) -> &'static str {
        match self {
            DataClass::Cardholder => "cardholder",
            DataClass::Health => "health",
            DataClass::Pii => "pii",
            DataClass::Credentials => "credentials",
            DataClass::Financial => "financial",
            DataClass::Public => "public",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ComponentKind {
    Service,
    Database,
    Bucket,
    Queue,
    Cache,
    Gateway,
    Function,
    Host,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    Internet,
    Dmz,
    Internal,
    Restricted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Auth {
    None,
    Default,
    Password,
    Mtls,
    Iam,
    Oidc,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub name: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub phase: Phase,
    #[serde(default)]
    pub description: Option<String>,
    /// What it is written in (`steward init` proposes these from the source files).
    #[serde(default)]
    pub languages: Vec<String>,
    /// The application frameworks it is built on (`steward init` proposes these from the
    /// dependency manifests).
    #[serde(default)]
    pub frameworks: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSection {
    #[serde(default)]
    pub classes: Vec<DataClass>,
    /// ISO 3166 alpha-2 country codes, or `EU`.
    #[serde(default)]
    pub jurisdictions: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub id: Spanned<String>,
    pub kind: ComponentKind,
    #[serde(default)]
    pub tech: Option<String>,
    pub zone: Zone,
    #[serde(default)]
    pub auth: Option<Auth>,
    #[serde(default)]
    pub encrypted_at_rest: Option<bool>,
    #[serde(default)]
    pub holds: Vec<DataClass>,
    #[serde(default)]
    pub ports: Vec<u16>,
    /// The team or person accountable for it.
    #[serde(default)]
    pub owner: Option<String>,
    /// Where it runs and keeps its data: an ISO 3166 two-letter code or `EU`.
    #[serde(default)]
    pub jurisdiction: Option<String>,
    /// Whether a WAF or API gateway filters the traffic that reaches it.
    #[serde(default)]
    pub waf: Option<bool>,
    /// Whether it serves an administrative interface (a console, admin API or
    /// management port).
    #[serde(default)]
    pub admin: Option<bool>,
    /// Where its secrets come from: `vault` (a secrets manager), `env`, `file` or `code`.
    #[serde(default)]
    pub secrets: Option<String>,
    /// The component its audit logs are shipped to.
    #[serde(default)]
    pub logs_to: Option<String>,
    /// Whether its data is backed up.
    #[serde(default)]
    pub backup: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    pub from: Spanned<String>,
    pub to: Spanned<String>,
    #[serde(default)]
    pub data: Vec<DataClass>,
    #[serde(default)]
    pub encrypted: Option<bool>,
    #[serde(default)]
    pub protocol: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    pub id: Spanned<String>,
    /// `s3-bucket`, `postgres`, `redis`, `https`, `file`, ...
    pub kind: String,
    /// Where it lives, as a URL: `s3://bucket`, `postgres://host:5432/db`.
    pub location: String,
    #[serde(default)]
    pub holds: Vec<DataClass>,
    #[serde(default)]
    pub owner: Option<String>,
    /// How long its data must be kept before destruction, e.g. `7y`, `90d`.
    #[serde(default)]
    pub retention: Option<String>,
    /// The day the retention period starts (YYYY-MM-DD), e.g. the last write; without it,
    /// `steward sunset plan` counts from the day it runs.
    #[serde(default)]
    pub retention_from: Option<String>,
    /// How sunset destroys it: `delete`, `purge-versions`, `drop`, `wipe`, `crypto-erase`,
    /// `destroy`, `revoke`, `release-dns`, `archive` [default: by kind].
    #[serde(default)]
    pub method: Option<String>,
    /// The service endpoint to check it at (S3/KMS-compatible URL) instead of the default.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// The cloud region it lives in.
    #[serde(default)]
    pub region: Option<String>,
    /// For a database asset: only these tables must be gone, not the whole database.
    #[serde(default)]
    pub tables: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySection {
    #[serde(default)]
    pub fail_on: Option<Spanned<String>>,
    /// Globs of paths whose changes need a security reviewer (`src/auth/**`).
    #[serde(default)]
    pub security_review: Vec<Spanned<String>>,
    /// Who may sign off a security-sensitive change in `steward review`: `Name <email>`,
    /// an email or a name, matched against `Security-Reviewed-by:` trailers and
    /// `--approved-by`.
    #[serde(default)]
    pub security_reviewers: Vec<Spanned<String>>,
}

impl PolicySection {
    /// The `security_review` globs as written.
    pub fn security_review_globs(&self) -> Vec<String> {
        self.security_review
            .iter()
            .map(|g| g.get_ref().clone())
            .collect()
    }

    /// The `security_reviewers` entries as written.
    pub fn security_reviewer_list(&self) -> Vec<String> {
        self.security_reviewers
            .iter()
            .map(|r| r.get_ref().trim().to_string())
            .collect()
    }
}

/// Why a `[policy] security_reviewers` entry is not one, if it is not: a name, an email, or
/// `Name <email>` as in a commit trailer.
pub fn reviewer_entry_problem(entry: &str) -> Option<String> {
    let e = entry.trim();
    if e.is_empty() {
        return Some("a reviewer entry is empty; write `Name <email>`, an email or a name".into());
    }
    if e.contains(['\n', '\r']) {
        return Some(format!("`{e}` spans lines; write one reviewer per entry"));
    }
    let email_ok = |m: &str| {
        let mut parts = m.split('@');
        matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None)
            if !a.is_empty() && !b.is_empty() && !m.contains(char::is_whitespace))
    };
    match (e.find('<'), e.rfind('>')) {
        (None, None) if e.contains('@') && !email_ok(e) => Some(format!(
            "`{e}` is not an email; write `Name <email>`, an email or a name"
        )),
        (None, None) => None,
        (Some(open), Some(close)) if close == e.len() - 1 && open < close => {
            let email = &e[open + 1..close];
            if !email_ok(email) || e[..open].contains(['<', '>']) {
                Some(format!(
                    "`{e}`: expected `Name <email>`, with one email between `<` and `>`"
                ))
            } else {
                None
            }
        }
        _ => Some(format!(
            "`{e}`: expected `Name <email>`, with the email between `<` and `>` at the end"
        )),
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesSection {
    /// Rule ids or `prefix*` patterns never to report.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Rule id or pattern -> severity to report it at.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Extra rule directories, relative to steward.toml.
    #[serde(default)]
    pub paths: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanSection {
    /// Paths never to scan (gitignore-style globs, relative to steward.toml), e.g. test
    /// corpora of fake credentials.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// `[monitor]`: when `steward monitor daemon` runs the probes and where it reports.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitorSection {
    /// When every probe runs: cron (`*/15 * * * *`), `@hourly`, `@daily`, or
    /// `@every 10m` [default: every 15 minutes].
    #[serde(default)]
    pub schedule: Option<Spanned<String>>,
    /// Schedules of single assets: asset id -> schedule.
    #[serde(default)]
    pub schedules: BTreeMap<String, Spanned<String>>,
    /// URLs that receive every new and resolved finding as a JSON POST.
    #[serde(default)]
    pub webhooks: Vec<Spanned<String>>,
    /// Where `/healthz` and `/metrics` listen [default: 127.0.0.1:9464].
    #[serde(default)]
    pub listen: Option<Spanned<String>>,
}

/// `[deps]`: what the product accepts from its dependencies.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepsSection {
    /// SPDX licence ids the product accepts; empty means any that is not denied.
    #[serde(default)]
    pub allow_licenses: Vec<String>,
    /// SPDX licence ids the product never accepts.
    #[serde(default)]
    pub deny_licenses: Vec<String>,
    /// `steward review` flags a dependency release published fewer days ago than this
    /// (where the lockfile or Cargo's local registry index tells); 0 turns it off. Default 7.
    #[serde(default)]
    pub min_release_age_days: Option<u32>,
}

/// `[[control]]`: a security control that must hold on the product's hosts or images,
/// checked by `steward controls verify`. Exactly one check table says what is checked.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    /// Short, stable id: lower case letters, digits and `-`; findings are `controls/<id>`.
    pub id: Spanned<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// How bad a failure is [default: medium].
    #[serde(default)]
    pub severity: Option<Severity>,
    /// Requirement ids (from `steward plan`'s catalog, or your own) the control serves.
    #[serde(default)]
    pub requirements: Vec<String>,
    /// Environments or hosts it applies to (`--env NAME`); empty means every one.
    #[serde(default)]
    pub environments: Vec<String>,
    #[serde(default)]
    pub rationale: Option<String>,
    #[serde(default)]
    pub remediation: Option<String>,
    #[serde(default)]
    pub package: Option<PackageCheck>,
    #[serde(default)]
    pub service: Option<ServiceCheck>,
    #[serde(default)]
    pub process: Option<ProcessCheck>,
    #[serde(default)]
    pub file: Option<FileCheck>,
    #[serde(default)]
    pub sysctl: Option<SysctlCheck>,
    #[serde(default)]
    pub kernel_module: Option<KernelModuleCheck>,
    #[serde(default)]
    pub port: Option<PortCheck>,
    #[serde(default)]
    pub user: Option<UserCheck>,
    #[serde(default)]
    pub cron: Option<CronCheck>,
    #[serde(default)]
    pub audit_rule: Option<AuditRuleCheck>,
    #[serde(default)]
    pub world_writable: Option<WorldWritableCheck>,
}

/// The check tables a `[[control]]` may hold, in the order of [`Control::checks`].
pub const CONTROL_CHECKS: &[&str] = &[
    "package",
    "service",
    "process",
    "file",
    "sysctl",
    "kernel_module",
    "port",
    "user",
    "cron",
    "audit_rule",
    "world_writable",
];

impl Control {
    /// Which check tables are set.
    pub fn checks(&self) -> Vec<&'static str> {
        let set = [
            self.package.is_some(),
            self.service.is_some(),
            self.process.is_some(),
            self.file.is_some(),
            self.sysctl.is_some(),
            self.kernel_module.is_some(),
            self.port.is_some(),
            self.user.is_some(),
            self.cron.is_some(),
            self.audit_rule.is_some(),
            self.world_writable.is_some(),
        ];
        CONTROL_CHECKS
            .iter()
            .zip(set)
            .filter(|(_, s)| *s)
            .map(|(n, _)| *n)
            .collect()
    }
}

/// A package installed (at least `min_version`), or `absent`. `any_of` accepts any one of
/// several packages (a firewall: nftables, ufw or firewalld).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageCheck {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub any_of: Vec<String>,
    #[serde(default)]
    pub min_version: Option<Spanned<String>>,
    #[serde(default)]
    pub absent: bool,
}

impl PackageCheck {
    /// The package names the check accepts.
    pub fn names(&self) -> Vec<&str> {
        self.name
            .iter()
            .map(String::as_str)
            .chain(self.any_of.iter().map(String::as_str))
            .collect()
    }
}

/// A systemd unit enabled (or disabled/masked with `enabled = false`) and, on a live host,
/// running (or stopped).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceCheck {
    /// Unit name; `.service` is implied when there is no suffix.
    pub name: String,
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub running: Option<bool>,
}

/// A process running (or not), by its command name; live hosts only.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessCheck {
    pub name: String,
    #[serde(default = "yes")]
    pub running: bool,
}

/// How a configuration file is parsed for `keys`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConfigFormat {
    /// sshd_config / ssh_config: `Keyword value`, keywords case-insensitive, the first value
    /// wins, `Include` followed, settings under `Match` blocks ignored.
    Sshd,
    /// `key = value` or `key value` lines (login.defs, sysctl.conf, pwquality.conf); the last
    /// value wins.
    Keyvalue,
    /// INI: keys are `section.key` (`key` alone before the first section).
    Ini,
    /// YAML: keys are dotted paths (`server.tls.enabled`, `items.0.name`).
    Yaml,
    /// JSON: keys are dotted paths.
    Json,
}

/// A value a check expects: a string, number or boolean. Strings may start with a comparison
/// (`<= 4`, `>= 14`, `!= yes`), or be `~REGEX` to match a regular expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Expected {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Bool(b) => write!(f, "{b}"),
            Expected::Int(i) => write!(f, "{i}"),
            Expected::Float(x) => write!(f, "{x}"),
            Expected::Str(s) => f.write_str(s),
        }
    }
}

/// A file present (or absent) with an owner, mode and content.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileCheck {
    /// Absolute path on the host or image.
    pub path: Spanned<String>,
    #[serde(default = "yes")]
    pub present: bool,
    /// User name (or numeric uid) that must own it.
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
    /// Exact permission bits, octal: `"0644"`.
    #[serde(default)]
    pub mode: Option<Spanned<String>>,
    /// No permission beyond these bits, octal: `"0640"` accepts 0600 and 0640.
    #[serde(default)]
    pub max_mode: Option<Spanned<String>>,
    /// The whole content, exactly.
    #[serde(default)]
    pub content: Option<String>,
    /// A regular expression some line must match (multi-line mode).
    #[serde(default)]
    pub regex: Option<Spanned<String>>,
    /// A regular expression no line may match.
    #[serde(default)]
    pub not_regex: Option<Spanned<String>>,
    /// The line that satisfies `regex`, for `steward controls export` to write (verify
    /// ignores it).
    #[serde(default)]
    pub line: Option<String>,
    /// How to parse the file for `keys` and `absent_keys`.
    #[serde(default)]
    pub format: Option<ConfigFormat>,
    /// Setting -> expected value.
    #[serde(default)]
    pub keys: BTreeMap<String, Spanned<Expected>>,
    /// Settings that must not be set.
    #[serde(default)]
    pub absent_keys: Vec<String>,
}

/// A kernel parameter: under `/proc/sys` on a live host, else from etc/sysctl.conf and
/// etc/sysctl.d/*.conf (and usr/lib/sysctl.d) of the root.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SysctlCheck {
    pub key: String,
    pub value: Spanned<Expected>,
}

/// A kernel module that must be absent: not loaded (live), and not loadable (an
/// `install NAME /bin/false` line in etc/modprobe.d).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KernelModuleCheck {
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PortProtocol {
    #[default]
    Tcp,
    Udp,
}

/// A port listening or not; live hosts only.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortCheck {
    pub port: u16,
    #[serde(default)]
    pub protocol: PortProtocol,
    pub listening: bool,
}

/// How an account may sign in with a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PasswordState {
    /// No usable password (`!`, `*` or `!...` in /etc/shadow).
    Locked,
    /// The password field is not empty (an empty one lets anyone in).
    NotEmpty,
}

/// A user absent, or its password locked or at least not empty. `name = "*"` checks every
/// account.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserCheck {
    pub name: String,
    #[serde(default)]
    pub absent: bool,
    #[serde(default)]
    pub password: Option<PasswordState>,
}

/// A cron entry (a regular expression over each job line) present or absent, in
/// etc/crontab, etc/cron.d and var/spool/cron.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CronCheck {
    pub regex: Spanned<String>,
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default = "yes")]
    pub present: bool,
}

/// An auditd rule, as `auditctl` takes it (`-w /etc/passwd -p wa -k identity`), present in
/// etc/audit/rules.d/*.rules or etc/audit/audit.rules. A rule matches when it has every
/// option the expected one has (permissions compared as sets).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditRuleCheck {
    pub rule: Spanned<String>,
}

/// No world-writable file (nor directory without the sticky bit) under these directories.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorldWritableCheck {
    pub under: Vec<String>,
    /// Paths to accept anyway.
    #[serde(default)]
    pub except: Vec<String>,
}

fn yes() -> bool {
    true
}

/// A file of controls (`[pack]` and `[[control]]` entries), such as the built-in packs.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlPack {
    pub pack: PackInfo,
    #[serde(default, rename = "control")]
    pub controls: Vec<Control>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackInfo {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
}

impl ControlPack {
    /// Parse and validate a control pack; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, ManifestError> {
        let err_at = located(file, text);
        let pack: ControlPack = deserialize_located(text, &err_at)?;
        validate_controls(&pack.controls, &err_at)?;
        Ok(pack)
    }
}

fn located<'a>(file: &'a str, text: &'a str) -> impl Fn(usize, String, String) -> ManifestError {
    move |offset: usize, key: String, message: String| {
        let (line, column, source_line) = place(text, offset);
        ManifestError {
            file: file.to_string(),
            line,
            column,
            key,
            message,
            source_line,
        }
    }
}

fn deserialize_located<T: serde::de::DeserializeOwned>(
    text: &str,
    err_at: &dyn Fn(usize, String, String) -> ManifestError,
) -> Result<T, ManifestError> {
    let de = toml::Deserializer::parse(text).map_err(|e| {
        err_at(
            e.span().map_or(0, |s| s.start),
            String::new(),
            e.message().to_string(),
        )
    })?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let key = e.path().to_string();
        let inner = e.into_inner();
        let key = if key == "." { String::new() } else { key };
        err_at(
            inner.span().map_or(0, |s| s.start),
            key,
            inner.message().to_string(),
        )
    })
}

fn octal_mode(s: &str) -> Option<u32> {
    let digits = s.strip_prefix("0o").unwrap_or(s);
    if digits.is_empty() || digits.len() > 4 {
        return None;
    }
    u32::from_str_radix(digits, 8).ok()
}

/// Parse a mode string as the `mode`/`max_mode` keys take it (`"0644"`, `"644"`).
pub fn parse_mode(s: &str) -> Option<u32> {
    octal_mode(s)
}

/// Check `[[control]]` entries beyond their types: unique ids, one check each, sound values.
fn validate_controls(
    controls: &[Control],
    err_at: &dyn Fn(usize, String, String) -> ManifestError,
) -> Result<(), ManifestError> {
    let mut ids = HashSet::new();
    for (i, c) in controls.iter().enumerate() {
        let id = c.id.get_ref();
        let at = c.id.span().start;
        let key = |k: &str| format!("control[{i}].{k}");
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(err_at(
                at,
                key("id"),
                format!("`{id}` is not a control id: use lower case letters, digits and `-`"),
            ));
        }
        if !ids.insert(id.as_str()) {
            return Err(err_at(
                at,
                key("id"),
                format!("control id `{id}` is used twice; ids must be unique"),
            ));
        }
        let checks = c.checks();
        if checks.len() != 1 {
            return Err(err_at(
                at,
                format!("control[{i}]"),
                format!(
                    "control `{id}` must have exactly one check table, one of {}; it has {}",
                    CONTROL_CHECKS.join(", "),
                    if checks.is_empty() {
                        "none".to_string()
                    } else {
                        checks.join(", ")
                    }
                ),
            ));
        }
        if let Some(p) = &c.package {
            if p.names().is_empty() {
                return Err(err_at(
                    at,
                    key("package"),
                    format!(
                        "control `{id}`: name the package (`name`, or `any_of` for alternatives)"
                    ),
                ));
            }
            if let (true, Some(v)) = (p.absent, &p.min_version) {
                return Err(err_at(
                    v.span().start,
                    key("package.min_version"),
                    format!("control `{id}`: a package that must be absent has no minimum version"),
                ));
            }
        }
        if let Some(s) = &c.service
            && s.enabled.is_none()
            && s.running.is_none()
        {
            return Err(err_at(
                at,
                key("service"),
                format!(
                    "control `{id}`: say what must hold: `enabled = true|false`, `running = true|false`, or both"
                ),
            ));
        }
        if let Some(f) = &c.file {
            let path = f.path.get_ref();
            if !path.starts_with('/') {
                return Err(err_at(
                    f.path.span().start,
                    key("file.path"),
                    format!("`{path}` is not an absolute path"),
                ));
            }
            for (name, mode) in [("mode", &f.mode), ("max_mode", &f.max_mode)] {
                if let Some(m) = mode
                    && octal_mode(m.get_ref()).is_none()
                {
                    return Err(err_at(
                        m.span().start,
                        key(&format!("file.{name}")),
                        format!("`{}` is not an octal mode such as \"0644\"", m.get_ref()),
                    ));
                }
            }
            for (name, re) in [("regex", &f.regex), ("not_regex", &f.not_regex)] {
                if let Some(r) = re {
                    check_regex(r, &key(&format!("file.{name}")), err_at)?;
                }
            }
            if (!f.keys.is_empty() || !f.absent_keys.is_empty()) && f.format.is_none() {
                return Err(err_at(
                    f.path.span().start,
                    key("file.format"),
                    format!(
                        "control `{id}`: `keys` need a `format` (sshd, keyvalue, ini, yaml or json)"
                    ),
                ));
            }
            for (k, v) in &f.keys {
                check_expected(v, &key(&format!("file.keys.{k}")), err_at)?;
            }
            if !f.present
                && (f.owner.is_some()
                    || f.mode.is_some()
                    || f.content.is_some()
                    || f.regex.is_some()
                    || !f.keys.is_empty())
            {
                return Err(err_at(
                    f.path.span().start,
                    key("file.present"),
                    format!(
                        "control `{id}`: a file that must be absent has no owner, mode or content to check"
                    ),
                ));
            }
        }
        if let Some(s) = &c.sysctl {
            check_expected(&s.value, &key("sysctl.value"), err_at)?;
        }
        if let Some(u) = &c.user
            && u.absent == u.password.is_some()
        {
            return Err(err_at(
                at,
                key("user"),
                format!(
                    "control `{id}`: say either `absent = true` or `password = \"locked\"|\"not-empty\"`"
                ),
            ));
        }
        if let Some(cron) = &c.cron {
            check_regex(&cron.regex, &key("cron.regex"), err_at)?;
        }
        if let Some(a) = &c.audit_rule {
            let rule = a.rule.get_ref().trim();
            if !(rule.starts_with("-w ") || rule.starts_with("-a ")) {
                return Err(err_at(
                    a.rule.span().start,
                    key("audit_rule.rule"),
                    format!(
                        "`{rule}` is not an audit rule: it starts with `-w PATH` or `-a ACTION,LIST`, as auditctl takes it"
                    ),
                ));
            }
        }
        if let Some(w) = &c.world_writable
            && (w.under.is_empty() || w.under.iter().any(|p| !p.starts_with('/')))
        {
            return Err(err_at(
                at,
                key("world_writable.under"),
                format!("control `{id}`: `under` lists absolute directories"),
            ));
        }
    }
    Ok(())
}

fn check_regex(
    re: &Spanned<String>,
    key: &str,
    err_at: &dyn Fn(usize, String, String) -> ManifestError,
) -> Result<(), ManifestError> {
    regex::Regex::new(re.get_ref()).map(|_| ()).map_err(|e| {
        err_at(
            re.span().start,
            key.to_string(),
            format!("not a valid regular expression: {e}"),
        )
    })
}

fn check_expected(
    v: &Spanned<Expected>,
    key: &str,
    err_at: &dyn Fn(usize, String, String) -> ManifestError,
) -> Result<(), ManifestError> {
    if let Expected::Str(s) = v.get_ref() {
        if let Some(re) = s.strip_prefix('~') {
            regex::Regex::new(re).map_err(|e| {
                err_at(
                    v.span().start,
                    key.to_string(),
                    format!("not a valid regular expression after `~`: {e}"),
                )
            })?;
        }
        for op in ["<=", ">=", "<", ">"] {
            if let Some(n) = s.strip_prefix(op) {
                if n.trim().parse::<f64>().is_err() {
                    return Err(err_at(
                        v.span().start,
                        key.to_string(),
                        format!("`{s}` compares with `{op}`, so it needs a number after it"),
                    ));
                }
                break;
            }
        }
    }
    Ok(())
}

/// The whole manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub product: Product,
    #[serde(default)]
    pub data: DataSection,
    #[serde(default, rename = "component")]
    pub components: Vec<Component>,
    #[serde(default, rename = "flow")]
    pub flows: Vec<Flow>,
    #[serde(default, rename = "asset")]
    pub assets: Vec<Asset>,
    #[serde(default)]
    pub policy: PolicySection,
    #[serde(default)]
    pub rules: RulesSection,
    #[serde(default)]
    pub scan: ScanSection,
    #[serde(default)]
    pub deps: DepsSection,
    #[serde(default)]
    pub monitor: MonitorSection,
    /// Security controls the product's hosts and images must satisfy.
    #[serde(default, rename = "control")]
    pub controls: Vec<Control>,
}

/// A manifest error with the place it is at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Dotted key path, e.g. `component[1].zone`; empty when the error is in the syntax.
    pub key: String,
    pub message: String,
    pub source_line: String,
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if !self.key.is_empty() {
            write!(f, "`{}`: ", self.key)?;
        }
        write!(f, "{}", self.message)?;
        if !self.source_line.is_empty() {
            write!(
                f,
                "\n  {:>4} | {}\n       | {}^",
                self.line,
                self.source_line,
                " ".repeat(self.column.saturating_sub(1))
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for ManifestError {}

/// How an asset can be disposed of at sunset (`[[asset]] method`).
pub const SUNSET_METHODS: &[&str] = &[
    "delete",
    "purge-versions",
    "drop",
    "wipe",
    "crypto-erase",
    "destroy",
    "revoke",
    "release-dns",
    "archive",
];

/// Node names a flow may use besides component ids.
const EXTERNAL_ENDPOINTS: &[&str] = &["internet", "user", "users", "partner"];

fn place(text: &str, offset: usize) -> (usize, usize, String) {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[line_start..offset].chars().count() + 1;
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    (
        line,
        column,
        text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string(),
    )
}

impl Manifest {
    /// Read and validate `path`.
    pub fn load(path: &Path) -> Result<Self, ManifestError> {
        let text = std::fs::read_to_string(path).map_err(|e| ManifestError {
            file: path.display().to_string(),
            line: 0,
            column: 0,
            key: String::new(),
            message: format!("cannot read: {e}"),
            source_line: String::new(),
        })?;
        Self::parse(&path.display().to_string(), &text)
    }

    /// Parse and validate manifest text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, ManifestError> {
        let err_at = |offset: usize, key: String, message: String| {
            let (line, column, source_line) = place(text, offset);
            ManifestError {
                file: file.to_string(),
                line,
                column,
                key,
                message,
                source_line,
            }
        };
        let de = toml::Deserializer::parse(text).map_err(|e| {
            err_at(
                e.span().map_or(0, |s| s.start),
                String::new(),
                e.message().to_string(),
            )
        })?;
        let manifest: Manifest = serde_path_to_error::deserialize(de).map_err(|e| {
            let key = e.path().to_string();
            let inner = e.into_inner();
            let key = if key == "." { String::new() } else { key };
            err_at(
                inner.span().map_or(0, |s| s.start),
                key,
                inner.message().to_string(),
            )
        })?;
        manifest.validate(&err_at)?;
        Ok(manifest)
    }

    fn validate(
        &self,
        err_at: &dyn Fn(usize, String, String) -> ManifestError,
    ) -> Result<(), ManifestError> {
        for (i, g) in self.policy.security_review.iter().enumerate() {
            if let Err(e) = globset::Glob::new(g.get_ref()) {
                return Err(err_at(
                    g.span().start,
                    format!("policy.security_review[{i}]"),
                    format!(
                        "`{}` is not a glob: {}; write paths like `src/auth/**` relative to the repository root",
                        g.get_ref(),
                        e.kind()
                    ),
                ));
            }
        }
        for (i, r) in self.policy.security_reviewers.iter().enumerate() {
            if let Some(problem) = reviewer_entry_problem(r.get_ref()) {
                return Err(err_at(
                    r.span().start,
                    format!("policy.security_reviewers[{i}]"),
                    problem,
                ));
            }
        }
        if let Some(f) = &self.policy.fail_on {
            f.get_ref()
                .parse::<FailOn>()
                .map_err(|e| err_at(f.span().start, "policy.fail_on".into(), e.to_string()))?;
        }
        for (i, j) in self.data.jurisdictions.iter().enumerate() {
            let code = j.get_ref();
            if !(code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())) {
                return Err(err_at(
                    j.span().start,
                    format!("data.jurisdictions[{i}]"),
                    format!(
                        "`{code}` is not a jurisdiction: use an ISO 3166 two-letter country code in capitals (SG, AR, US) or EU"
                    ),
                ));
            }
        }
        let mut ids = HashSet::new();
        for (i, c) in self.components.iter().enumerate() {
            if !ids.insert(c.id.get_ref().as_str()) {
                return Err(err_at(
                    c.id.span().start,
                    format!("component[{i}].id"),
                    format!(
                        "component id `{}` is used twice; ids must be unique",
                        c.id.get_ref()
                    ),
                ));
            }
            for class in &c.holds {
                if !self.data.classes.contains(class) {
                    return Err(err_at(
                        c.id.span().start,
                        format!("component[{i}].holds"),
                        format!(
                            "component `{}` holds `{}` data, but [data] classes does not list it; add it there",
                            c.id.get_ref(),
                            class.as_str()
                        ),
                    ));
                }
            }
        }
        for (i, flow) in self.flows.iter().enumerate() {
            for (end, name) in [(&flow.from, "from"), (&flow.to, "to")] {
                let id = end.get_ref().as_str();
                if !ids.contains(id) && !EXTERNAL_ENDPOINTS.contains(&id) {
                    return Err(err_at(
                        end.span().start,
                        format!("flow[{i}].{name}"),
                        format!(
                            "`{id}` is not a declared component (nor one of {})",
                            EXTERNAL_ENDPOINTS.join(", ")
                        ),
                    ));
                }
            }
        }
        let mut asset_ids = HashSet::new();
        for (i, a) in self.assets.iter().enumerate() {
            if !asset_ids.insert(a.id.get_ref().as_str()) {
                return Err(err_at(
                    a.id.span().start,
                    format!("asset[{i}].id"),
                    format!(
                        "asset id `{}` is used twice; ids must be unique",
                        a.id.get_ref()
                    ),
                ));
            }
            if let Some(method) = &a.method
                && !SUNSET_METHODS.contains(&method.as_str())
            {
                return Err(err_at(
                    a.id.span().start,
                    format!("asset[{i}].method"),
                    format!(
                        "asset `{}`: unknown method `{method}`; use one of {}",
                        a.id.get_ref(),
                        SUNSET_METHODS.join(", ")
                    ),
                ));
            }
        }
        validate_controls(&self.controls, err_at)?;
        self.validate_monitor(err_at)?;
        Ok(())
    }

    fn validate_monitor(
        &self,
        err_at: &dyn Fn(usize, String, String) -> ManifestError,
    ) -> Result<(), ManifestError> {
        let m = &self.monitor;
        if let Some(s) = &m.schedule
            && let Err(e) = crate::schedule::Schedule::parse(s.get_ref())
        {
            return Err(err_at(
                s.span().start,
                "monitor.schedule".into(),
                e.to_string(),
            ));
        }
        for (id, s) in &m.schedules {
            if !self.assets.iter().any(|a| a.id.get_ref() == id) {
                return Err(err_at(
                    s.span().start,
                    format!("monitor.schedules.{id}"),
                    format!("no [[asset]] has the id `{id}`"),
                ));
            }
            if let Err(e) = crate::schedule::Schedule::parse(s.get_ref()) {
                return Err(err_at(
                    s.span().start,
                    format!("monitor.schedules.{id}"),
                    e.to_string(),
                ));
            }
        }
        for (i, w) in m.webhooks.iter().enumerate() {
            let url = w.get_ref();
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(err_at(
                    w.span().start,
                    format!("monitor.webhooks[{i}]"),
                    format!("`{url}` is not an http:// or https:// URL"),
                ));
            }
        }
        if let Some(l) = &m.listen
            && l.get_ref().parse::<std::net::SocketAddr>().is_err()
        {
            return Err(err_at(
                l.span().start,
                "monitor.listen".into(),
                format!(
                    "`{}` is not an address:port, e.g. 127.0.0.1:9464",
                    l.get_ref()
                ),
            ));
        }
        Ok(())
    }

    /// The gate threshold the manifest sets, if any (already validated).
    pub fn fail_on(&self) -> Option<FailOn> {
        self.policy
            .fail_on
            .as_ref()
            .and_then(|f| f.get_ref().parse().ok())
    }

    /// Find steward.toml in `start` or its ancestors.
    pub fn discover(start: &Path) -> Option<std::path::PathBuf> {
        let start = start.canonicalize().ok()?;
        let dir = if start.is_file() {
            start.parent()?
        } else {
            &start
        };
        dir.ancestors()
            .map(|d| d.join(MANIFEST_FILE))
            .find(|p| p.is_file())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"
[product]
name = "checkout"
owner = "payments-team"
phase = "build"

[data]
classes = ["cardholder", "pii"]
jurisdictions = ["SG", "AR", "EU", "US"]

[[component]]
id = "web"
kind = "service"
zone = "dmz"

[[component]]
id = "orders-db"
kind = "database"
tech = "mongodb"
zone = "dmz"
auth = "default"
encrypted_at_rest = false
holds = ["cardholder"]

[[flow]]
from = "web"
to = "orders-db"
data = ["cardholder"]
encrypted = false

[[asset]]
id = "receipts"
kind = "s3-bucket"
location = "s3://acme-receipts"
holds = ["pii"]

[policy]
fail_on = "high"
security_review = ["src/auth/**", "src/session/**"]
"#;

    #[test]
    fn parses_the_architecture_example() {
        let m = Manifest::parse("steward.toml", EXAMPLE).unwrap();
        assert_eq!(m.product.name, "checkout");
        assert_eq!(m.components.len(), 2);
        assert_eq!(m.components[1].auth, Some(Auth::Default));
        assert_eq!(m.fail_on(), Some(FailOn::AtLeast(Severity::High)));
        assert_eq!(m.assets[0].holds, [DataClass::Pii]);
    }

    #[test]
    fn bad_enum_value_names_line_and_key() {
        let text = EXAMPLE.replace("zone = \"dmz\"\nauth", "zone = \"dmzz\"\nauth");
        let e = Manifest::parse("steward.toml", &text).unwrap_err();
        assert_eq!(e.key, "component[1].zone");
        assert_eq!(e.line, 20);
        assert!(e.message.contains("dmzz"), "{e}");
        assert!(
            e.to_string()
                .starts_with("steward.toml:20:8: `component[1].zone`"),
            "{e}"
        );
    }

    #[test]
    fn unknown_key_and_syntax_errors_are_located() {
        let e = Manifest::parse("s.toml", "[product]\nname = \"x\"\nownr = \"y\"\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("ownr"), "{e}");
        let e = Manifest::parse("s.toml", "[product]\nname = \n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn semantic_errors_point_at_the_offending_value() {
        let text = EXAMPLE.replace("to = \"orders-db\"", "to = \"orders\"");
        let e = Manifest::parse("steward.toml", &text).unwrap_err();
        assert_eq!(e.key, "flow[0].to");
        assert!(
            e.message.contains("`orders` is not a declared component"),
            "{e}"
        );
        let text = EXAMPLE.replace("fail_on = \"high\"", "fail_on = \"severe\"");
        let e = Manifest::parse("steward.toml", &text).unwrap_err();
        assert_eq!(e.key, "policy.fail_on");
        let text = EXAMPLE.replace("\"SG\"", "\"Singapore\"");
        let e = Manifest::parse("steward.toml", &text).unwrap_err();
        assert_eq!(e.key, "data.jurisdictions[0]");
    }

    #[test]
    fn security_review_globs_and_reviewers_are_checked_where_written() {
        let text = EXAMPLE.replace(
            "security_review = [\"src/auth/**\", \"src/session/**\"]",
            "security_review = [\"src/auth/**\"]\nsecurity_reviewers = [\"Ana Ruiz <ana@example.com>\", \"sec@example.com\", \"Lee\"]",
        );
        let m = Manifest::parse("steward.toml", &text).unwrap();
        assert_eq!(m.policy.security_review_globs(), ["src/auth/**"]);
        assert_eq!(m.policy.security_reviewer_list().len(), 3);

        let text = EXAMPLE.replace("\"src/session/**\"", "\"src/{session\"");
        let e = Manifest::parse("steward.toml", &text).unwrap_err();
        assert_eq!(e.key, "policy.security_review[1]");
        assert!(e.message.contains("`src/{session` is not a glob"), "{e}");
        assert!(e.source_line.contains("security_review"), "{e}");

        for bad in ["Ana <ana>", "Ana <ana@example.com", "", "a@b@c"] {
            let text = EXAMPLE.replace(
                "security_review = [",
                &format!("security_reviewers = [{bad:?}]\nsecurity_review = ["),
            );
            let e = Manifest::parse("steward.toml", &text).unwrap_err();
            assert_eq!(e.key, "policy.security_reviewers[0]", "{bad}: {e}");
        }
    }

    #[test]
    fn controls_parse_and_errors_name_the_key() {
        let text = format!(
            "{EXAMPLE}\n[[control]]\nid = \"ssh-root\"\nseverity = \"high\"\nfile = {{ path = \"/etc/ssh/sshd_config\", format = \"sshd\", keys = {{ PermitRootLogin = \"no\", MaxAuthTries = \"<= 4\" }} }}\n"
        );
        let m = Manifest::parse("steward.toml", &text).unwrap();
        assert_eq!(m.controls.len(), 1);
        assert_eq!(m.controls[0].checks(), ["file"]);
        let f = m.controls[0].file.as_ref().unwrap();
        assert_eq!(
            f.keys["PermitRootLogin"].get_ref(),
            &Expected::Str("no".into())
        );

        let bad = text.replace("\"<= 4\"", "\"<= four\"");
        let e = Manifest::parse("steward.toml", &bad).unwrap_err();
        assert_eq!(e.key, "control[0].file.keys.MaxAuthTries");
        assert!(e.message.contains("needs a number"), "{e}");

        let bad = text.replace("file = {", "sysctl = { key = \"a\", value = 1 }\nfile = {");
        let e = Manifest::parse("steward.toml", &bad).unwrap_err();
        assert!(e.message.contains("exactly one check"), "{e}");
        assert!(e.message.contains("file, sysctl"), "{e}");

        let bad = text.replace("\"/etc/ssh/sshd_config\"", "\"etc/ssh\"");
        let e = Manifest::parse("steward.toml", &bad).unwrap_err();
        assert_eq!(e.key, "control[0].file.path");
        assert!(e.to_string().starts_with("steward.toml:"), "{e}");

        let bad = text.replace("severity = \"high\"", "severity = \"hihg\"");
        let e = Manifest::parse("steward.toml", &bad).unwrap_err();
        assert_eq!(e.key, "control[0].severity");
    }

    #[test]
    fn control_packs_validate_like_the_manifest() {
        let pack = "[pack]\nid = \"p\"\ntitle = \"P\"\n\n[[control]]\nid = \"cron\"\ncron = { regex = \"(unclosed\" }\n";
        let e = ControlPack::parse("p.toml", pack).unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (7, "control[0].cron.regex"));
        let ok = pack.replace("(unclosed", "backup\\\\.sh");
        assert_eq!(ControlPack::parse("p.toml", &ok).unwrap().controls.len(), 1);
    }
}
