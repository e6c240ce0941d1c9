//! Architecture review: the Rego policies of `policies/architecture/` evaluated over the
//! product steward.toml declares (its components, flows, zones, data classes,
//! jurisdictions and assets). Each result is a [`Finding`] of rule `arch/<name>`, placed at
//! the steward.toml line of the component, flow or key it is about, naming the components
//! and the catalog requirements it breaks.

use serde_json::{Map, Value, json};
use steward_core::finding::{Finding, Location};
use steward_core::manifest::Manifest;
use steward_core::rule::Rule;
use steward_policy::{DocPath, Document, PolicyError, PolicySet, Position, SourceMap, Violation};

// The built-in architecture policies (generated list: a test fails when a file is missing).
pub const BUILTIN_POLICIES: &[(&str, &str)] = &[
    (
        "architecture/admin-interface-exposed.rego",
        include_str!("../policies/architecture/admin-interface-exposed.rego"),
    ),
    (
        "architecture/admin-without-strong-auth.rego",
        include_str!("../policies/architecture/admin-without-strong-auth.rego"),
    ),
    (
        "architecture/cardholder-environment-not-segmented.rego",
        include_str!("../policies/architecture/cardholder-environment-not-segmented.rego"),
    ),
    (
        "architecture/component-without-log-sink.rego",
        include_str!("../policies/architecture/component-without-log-sink.rego"),
    ),
    (
        "architecture/component-without-owner.rego",
        include_str!("../policies/architecture/component-without-owner.rego"),
    ),
    (
        "architecture/cross-zone-skips-dmz.rego",
        include_str!("../policies/architecture/cross-zone-skips-dmz.rego"),
    ),
    (
        "architecture/datastore-auth-undeclared.rego",
        include_str!("../policies/architecture/datastore-auth-undeclared.rego"),
    ),
    (
        "architecture/datastore-default-auth.rego",
        include_str!("../policies/architecture/datastore-default-auth.rego"),
    ),
    (
        "architecture/datastore-encryption-undeclared.rego",
        include_str!("../policies/architecture/datastore-encryption-undeclared.rego"),
    ),
    (
        "architecture/datastore-in-dmz.rego",
        include_str!("../policies/architecture/datastore-in-dmz.rego"),
    ),
    (
        "architecture/datastore-in-internet-zone.rego",
        include_str!("../policies/architecture/datastore-in-internet-zone.rego"),
    ),
    (
        "architecture/datastore-internet-reachable.rego",
        include_str!("../policies/architecture/datastore-internet-reachable.rego"),
    ),
    (
        "architecture/datastore-no-auth.rego",
        include_str!("../policies/architecture/datastore-no-auth.rego"),
    ),
    (
        "architecture/datastore-not-backed-up.rego",
        include_str!("../policies/architecture/datastore-not-backed-up.rego"),
    ),
    (
        "architecture/datastore-unencrypted.rego",
        include_str!("../policies/architecture/datastore-unencrypted.rego"),
    ),
    (
        "architecture/default-credentials.rego",
        include_str!("../policies/architecture/default-credentials.rego"),
    ),
    (
        "architecture/internet-facing-without-auth.rego",
        include_str!("../policies/architecture/internet-facing-without-auth.rego"),
    ),
    (
        "architecture/isolated-component.rego",
        include_str!("../policies/architecture/isolated-component.rego"),
    ),
    (
        "architecture/lib/arch.rego",
        include_str!("../policies/architecture/lib/arch.rego"),
    ),
    (
        "architecture/log-sink-undeclared.rego",
        include_str!("../policies/architecture/log-sink-undeclared.rego"),
    ),
    (
        "architecture/missing-audit-log-sink.rego",
        include_str!("../policies/architecture/missing-audit-log-sink.rego"),
    ),
    (
        "architecture/no-components-declared.rego",
        include_str!("../policies/architecture/no-components-declared.rego"),
    ),
    (
        "architecture/no-secrets-manager.rego",
        include_str!("../policies/architecture/no-secrets-manager.rego"),
    ),
    (
        "architecture/no-waf-before-sensitive-service.rego",
        include_str!("../policies/architecture/no-waf-before-sensitive-service.rego"),
    ),
    (
        "architecture/plaintext-protocol.rego",
        include_str!("../policies/architecture/plaintext-protocol.rego"),
    ),
    (
        "architecture/product-without-owner.rego",
        include_str!("../policies/architecture/product-without-owner.rego"),
    ),
    (
        "architecture/secrets-without-vault.rego",
        include_str!("../policies/architecture/secrets-without-vault.rego"),
    ),
    (
        "architecture/sensitive-asset-without-owner.rego",
        include_str!("../policies/architecture/sensitive-asset-without-owner.rego"),
    ),
    (
        "architecture/sensitive-flow-encryption-undeclared.rego",
        include_str!("../policies/architecture/sensitive-flow-encryption-undeclared.rego"),
    ),
    (
        "architecture/sensitive-store-outside-restricted-zone.rego",
        include_str!("../policies/architecture/sensitive-store-outside-restricted-zone.rego"),
    ),
    (
        "architecture/static-password-service-auth.rego",
        include_str!("../policies/architecture/static-password-service-auth.rego"),
    ),
    (
        "architecture/store-outside-declared-jurisdiction.rego",
        include_str!("../policies/architecture/store-outside-declared-jurisdiction.rego"),
    ),
    (
        "architecture/undeclared-data-at-destination.rego",
        include_str!("../policies/architecture/undeclared-data-at-destination.rego"),
    ),
    (
        "architecture/undeclared-jurisdiction-flow.rego",
        include_str!("../policies/architecture/undeclared-jurisdiction-flow.rego"),
    ),
    (
        "architecture/unencrypted-internet-flow.rego",
        include_str!("../policies/architecture/unencrypted-internet-flow.rego"),
    ),
    (
        "architecture/unencrypted-sensitive-flow.rego",
        include_str!("../policies/architecture/unencrypted-sensitive-flow.rego"),
    ),
];

/// The document kind architecture policies declare in `formats`.
pub const DOCUMENT_KIND: &str = "steward-manifest";

/// The engine name architecture findings carry.
pub const ENGINE: &str = "arch";

/// The architecture policies, compiled once.
pub struct ArchReview {
    policies: PolicySet,
    rules: Vec<Rule>,
}

impl std::fmt::Debug for ArchReview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArchReview")
            .field("rules", &self.rules.len())
            .finish()
    }
}

impl ArchReview {
    /// The built-in policies.
    pub fn new() -> Result<Self, PolicyError> {
        Self::with_policies(Vec::new())
    }

    /// The built-in policies and `(file, source)` modules of the user's.
    pub fn with_policies(extra: Vec<(String, String)>) -> Result<Self, PolicyError> {
        let modules = BUILTIN_POLICIES
            .iter()
            .map(|(f, s)| (format!("policies/{f}"), s.to_string()))
            .chain(extra);
        let policies = PolicySet::load(modules)?;
        let mut rules: Vec<Rule> = policies
            .policies()
            .iter()
            .filter(|p| p.applies_to(DOCUMENT_KIND))
            .map(|p| p.meta.to_rule(ENGINE))
            .collect();
        rules.extend(crate::reality::rules());
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(ArchReview { policies, rules })
    }

    /// The loaded policies.
    pub fn policy_set(&self) -> &PolicySet {
        &self.policies
    }

    /// Every rule the review (and the design-versus-reality check) can report.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Review `manifest`, parsed from `text`, which `path` names in findings. Policies
    /// that fail to evaluate are returned beside the findings of the others.
    pub fn review(
        &self,
        manifest: &Manifest,
        path: &str,
        text: &str,
    ) -> (Vec<Finding>, Vec<PolicyError>) {
        let doc = document(manifest, text);
        let eval = self
            .policies
            .evaluate(&doc, |p| p.applies_to(DOCUMENT_KIND));
        let mut out: Vec<Finding> = eval
            .violations
            .iter()
            .map(|v| self.finding(v, path, text))
            .collect();
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        (out, eval.errors)
    }

    fn finding(&self, v: &Violation, path: &str, text: &str) -> Finding {
        let fallback;
        let rule = match self.rules.iter().find(|r| r.id == v.policy.meta.id) {
            Some(r) => r,
            None => {
                fallback = v.policy.meta.to_rule(ENGINE);
                &fallback
            }
        };
        let matched = match &v.path {
            Some(p) => format!("{p}|{}", v.message),
            None => v.message.clone(),
        };
        let message = with_requirements(&v.message, &rule.requirements);
        let mut f = Finding::new(
            rule,
            message,
            locate(path, text, v.position),
            matched.as_bytes(),
        );
        f.severity = v.severity();
        if let Some(p) = &v.path {
            f.properties.insert("document_path".into(), p.to_json());
        }
        for (k, val) in &v.details {
            f.properties.insert(k.clone(), val.clone());
        }
        f
    }
}

/// `message (breaks STW-AUTH-007)`: what a reader of the finding needs to trace it.
pub(crate) fn with_requirements(message: &str, requirements: &[String]) -> String {
    if requirements.is_empty() {
        message.to_string()
    } else {
        format!("{message} (breaks {})", requirements.join(", "))
    }
}

/// A location on line `pos` of `text`, with that line as the snippet.
pub(crate) fn locate(path: &str, text: &str, pos: Option<Position>) -> Location {
    let Some(pos) = pos else {
        return Location::whole(path);
    };
    let line = text
        .lines()
        .nth(pos.line.saturating_sub(1) as usize)
        .unwrap_or("")
        .trim_end_matches('\r')
        .to_string();
    Location {
        path: path.to_string(),
        start_line: pos.line,
        start_column: pos.column,
        end_line: pos.line,
        end_column: line.chars().count() as u32 + 1,
        snippet: Some(line),
    }
}

/// Drop `null`s, so a key steward.toml leaves out is undefined in Rego (`not c.waf`).
fn without_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// The policy input for `manifest` (see `policies/architecture/README.md`), with the line
/// of every table and key of `text` in its source map.
pub fn document(manifest: &Manifest, text: &str) -> Document {
    let input = json!({
        "product": manifest.product,
        "data": manifest.data,
        "components": manifest.components,
        "flows": manifest.flows,
        "assets": manifest.assets,
        "zones": zones(manifest),
    });
    Document {
        kind: DOCUMENT_KIND.into(),
        input: without_nulls(input),
        source_map: source_map(text),
    }
}

/// Zone name -> the ids of the components in it.
fn zones(manifest: &Manifest) -> Value {
    let mut out: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for c in &manifest.components {
        if let Ok(Value::String(z)) = serde_json::to_value(c.zone) {
            out.entry(z).or_default().push(c.id.get_ref().clone());
        }
    }
    json!(out)
}

/// The line of each `[product]`, `[data]`, `[[component]]`, `[[flow]]` and `[[asset]]`
/// table and of each `key =` in them, keyed by its document path.
pub(crate) fn source_map(text: &str) -> SourceMap {
    let mut map = SourceMap::new();
    let mut counts = [0usize; 3];
    let mut current: Option<DocPath> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let pos = |col: usize| Position {
            line: n as u32 + 1,
            column: col as u32 + 1,
        };
        let indent = raw.len() - raw.trim_start().len();
        if line.starts_with('[') {
            let name = line
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim();
            let array = line.starts_with("[[");
            current = match (array, name) {
                (false, "product") => Some(DocPath::root().key("product")),
                (false, "data") => Some(DocPath::root().key("data")),
                (true, "component" | "flow" | "asset") => {
                    let (slot, key) = match name {
                        "component" => (0, "components"),
                        "flow" => (1, "flows"),
                        _ => (2, "assets"),
                    };
                    let p = DocPath::root().key(key).index(counts[slot]);
                    counts[slot] += 1;
                    Some(p)
                }
                _ => None,
            };
            if let Some(p) = &current {
                map.insert(p.clone(), pos(indent));
            }
            continue;
        }
        let Some(table) = &current else { continue };
        if line.starts_with('#') {
            continue;
        }
        if let Some((key, _)) = line.split_once('=') {
            let key = key.trim().trim_matches('"');
            if !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                map.insert(table.key(key), pos(indent));
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    const DMZ_MONGO: &str = r#"[product]
name = "checkout"
owner = "payments-team"

[data]
classes = ["cardholder", "pii"]
jurisdictions = ["SG", "AR"]

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
holds = ["cardholder"]

[[flow]]
from = "web"
to = "orders-db"
data = ["cardholder"]
encrypted = false
"#;

    #[test]
    fn a_mongodb_in_the_dmz_with_default_credentials_is_critical_at_its_auth_line() {
        let m = Manifest::parse("steward.toml", DMZ_MONGO).unwrap();
        let review = ArchReview::new().unwrap();
        let (found, errors) = review.review(&m, "steward.toml", DMZ_MONGO);
        assert!(errors.is_empty(), "{errors:?}");
        let f = found
            .iter()
            .find(|f| f.rule_id == "arch/datastore-default-auth")
            .expect("default credentials found");
        assert_eq!(f.severity, steward_core::severity::Severity::Critical);
        assert_eq!(f.location.start_line, 19);
        assert!(
            f.message
                .contains("`orders-db` (mongodb database, dmz zone)"),
            "{}",
            f.message
        );
        assert!(f.message.contains("STW-AUTH-007"), "{}", f.message);
        assert_eq!(f.properties["components"], json!(["orders-db"]));
        let ids: Vec<&str> = found.iter().map(|f| f.rule_id.as_str()).collect();
        for want in [
            "arch/datastore-in-dmz",
            "arch/unencrypted-sensitive-flow",
            "arch/no-waf-before-sensitive-service",
            "arch/missing-audit-log-sink",
        ] {
            assert!(ids.contains(&want), "{want} missing from {ids:?}");
        }
    }

    #[test]
    fn the_source_map_places_tables_and_keys() {
        let map = source_map(DMZ_MONGO);
        let at = |p: DocPath| map.locate(&p).map(|p| p.line);
        let c1 = DocPath::root().key("components").index(1);
        assert_eq!(at(c1.clone()), Some(14));
        assert_eq!(at(c1.key("auth")), Some(19));
        assert_eq!(
            at(DocPath::root().key("flows").index(0).key("encrypted")),
            Some(26)
        );
        assert_eq!(at(DocPath::root().key("data").key("classes")), Some(6));
    }
}
