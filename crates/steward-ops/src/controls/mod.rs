//! Security controls as code: `[[control]]` entries of steward.toml and the built-in packs,
//! checked against the local host, a mounted image or container root, or a host over SSH.
//!
//! Every check reads through a [`reader::StateReader`], so one evaluation serves all three
//! targets. [`verify`] evaluates controls into [`ControlResult`]s; [`finding`] and [`rule`]
//! turn failures into steward findings; [`state`] is the observed state the ledger keeps,
//! which [`diff::compare`] compares between environments; [`ansible::export`] writes the
//! playbook that rolls the controls out.

pub mod ansible;
pub mod check;
pub mod config;
pub mod diff;
pub mod packages;
pub mod reader;

use serde_json::{Value, json};
use steward_core::finding::{Finding, Location};
use steward_core::manifest::{Control, ControlPack, ManifestError};
use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};

pub use check::{Evaluation, Outcome, VersionOrder};
pub use reader::{RootReader, SshReader, StateReader};

/// The engine name and rule id prefix of control findings.
pub const ENGINE: &str = "controls";

/// The built-in packs: id and TOML text.
const PACKS: &[(&str, &str)] = &[(
    "linux-baseline",
    include_str!("../../controls/linux-baseline.toml"),
)];

/// The ids of the built-in packs.
pub fn pack_ids() -> Vec<&'static str> {
    PACKS.iter().map(|(id, _)| *id).collect()
}

/// A built-in pack by id; `None` when there is no such pack.
pub fn builtin_pack(id: &str) -> Option<Result<ControlPack, ManifestError>> {
    PACKS
        .iter()
        .find(|(p, _)| *p == id)
        .map(|(p, text)| ControlPack::parse(&format!("<built-in pack {p}>"), text))
}

/// A control and where it was declared (`steward.toml` or a pack id).
#[derive(Debug, Clone)]
pub struct SourcedControl {
    pub control: Control,
    pub source: String,
}

impl SourcedControl {
    pub fn id(&self) -> &str {
        self.control.id.get_ref()
    }

    /// Whether it applies to `env` (an environment or host name); a control without
    /// `environments` applies everywhere, and every control applies when `env` is `None`.
    pub fn applies_to(&self, env: Option<&str>) -> bool {
        let envs = &self.control.environments;
        envs.is_empty() || env.is_none_or(|e| envs.iter().any(|x| x == e))
    }
}

/// One control's result.
#[derive(Debug, Clone)]
pub struct ControlResult {
    pub control: SourcedControl,
    pub check: &'static str,
    pub evaluation: Evaluation,
}

/// Evaluate one control.
pub fn evaluate(control: &Control, reader: &dyn StateReader, versions: VersionOrder) -> Evaluation {
    let result = if let Some(c) = &control.package {
        check::package(c, reader, versions)
    } else if let Some(c) = &control.service {
        check::service(c, reader)
    } else if let Some(c) = &control.process {
        check::process(c, reader)
    } else if let Some(c) = &control.file {
        check::file(c, reader)
    } else if let Some(c) = &control.sysctl {
        check::sysctl(c, reader)
    } else if let Some(c) = &control.kernel_module {
        check::kernel_module(c, reader)
    } else if let Some(c) = &control.port {
        check::port(c, reader)
    } else if let Some(c) = &control.user {
        check::user(c, reader)
    } else if let Some(c) = &control.cron {
        check::cron(c, reader)
    } else if let Some(c) = &control.audit_rule {
        check::audit_rule(c, reader)
    } else if let Some(c) = &control.world_writable {
        check::world_writable(c, reader)
    } else {
        return Evaluation {
            outcome: Outcome::NotCheckable,
            message: "the control has no check".into(),
            observed: Value::Null,
            location: None,
        };
    };
    result.unwrap_or_else(Evaluation::from)
}

/// Evaluate every control, in order.
pub fn verify(
    controls: &[SourcedControl],
    reader: &dyn StateReader,
    versions: VersionOrder,
) -> Vec<ControlResult> {
    controls
        .iter()
        .map(|c| ControlResult {
            check: c.control.checks().first().copied().unwrap_or("none"),
            evaluation: evaluate(&c.control, reader, versions),
            control: c.clone(),
        })
        .collect()
}

/// The rule a control is reported under: `controls/<id>`.
pub fn rule(control: &SourcedControl) -> Rule {
    let c = &control.control;
    let id = c.id.get_ref();
    let mut rule = Rule::new(
        format!("{ENGINE}/{id}"),
        ENGINE,
        c.title.clone().unwrap_or_else(|| id.clone()),
        c.severity.unwrap_or(Severity::Medium),
    );
    rule.confidence = Confidence::High;
    rule.requirements = c.requirements.clone();
    rule.description = format!(
        "A security control declared in {} ({} check).",
        control.source,
        c.checks().join(", ")
    );
    rule.rationale = c.rationale.clone();
    rule.remediation = c.remediation.clone();
    rule
}

/// The finding of a failed control. Its fingerprint is the control id, so a baseline or
/// suppression holds across hosts and runs.
pub fn finding(result: &ControlResult, reader: &dyn StateReader) -> Finding {
    let rule = rule(&result.control);
    let id = result.control.id();
    let location = match &result.evaluation.location {
        Some((file, line)) => {
            let snippet = reader.read(file).ok().flatten().and_then(|b| {
                String::from_utf8_lossy(&b)
                    .lines()
                    .nth(line.saturating_sub(1))
                    .map(str::to_string)
            });
            Location {
                path: file.clone(),
                start_line: *line as u32,
                start_column: 1,
                end_line: *line as u32,
                end_column: snippet.as_ref().map_or(1, |s| s.chars().count() as u32 + 1),
                snippet,
            }
        }
        None => Location::whole(format!("control:{id}")),
    };
    let mut f = Finding::new(
        &rule,
        format!("{} on {}", result.evaluation.message, reader.describe()),
        location,
        id.as_bytes(),
    );
    f.properties.insert("control".into(), id.into());
    f.properties
        .insert("source".into(), result.control.source.clone().into());
    f.properties.insert("check".into(), result.check.into());
    f.properties
        .insert("observed".into(), result.evaluation.observed.clone());
    f
}

/// The observed state of every control, as the ledger keeps it for `controls diff`.
pub fn state(key: &str, reader: &dyn StateReader, results: &[ControlResult]) -> Value {
    let mut controls = serde_json::Map::new();
    for r in results {
        controls.insert(
            r.control.id().to_string(),
            json!({
                "outcome": r.evaluation.outcome,
                "check": r.check,
                "source": r.control.source,
                "message": r.evaluation.message,
                "observed": r.evaluation.observed,
            }),
        );
    }
    json!({
        "key": key,
        "target": reader.describe(),
        "live": reader.is_live(),
        "controls": controls,
    })
}
