//! The plan as an OSCAL 1.1 component-definition: the product is one component, steward's
//! requirement catalog is the control source, and every requirement that applies is an
//! implemented-requirement carrying its status, phases, framework references and evidence as
//! namespaced props. UUIDs are name-based (version 5), so the same product and requirement
//! keep the same UUID from one run to the next, and the document's UUID changes only when
//! its content does.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::applicability::Selected;
use crate::status::Assessment;

/// The OSCAL version the document declares.
pub const OSCAL_VERSION: &str = "1.1.2";
/// The namespace of steward's props.
pub const NAMESPACE: &str = "urn:steward:oscal";

/// What the component-definition says about the product.
#[derive(Debug, Clone)]
pub struct ProductInfo<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub phase: &'a str,
}

fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, NAMESPACE.as_bytes())
}

/// A version-5 UUID of `parts`, joined so that no two different lists collide.
pub fn uuid_of(parts: &[&str]) -> String {
    let mut name = Vec::new();
    for part in parts {
        name.extend_from_slice(part.as_bytes());
        name.push(0);
    }
    Uuid::new_v5(&namespace(), &name).to_string()
}

fn prop(name: &str, value: impl Into<String>) -> Value {
    json!({ "name": name, "ns": NAMESPACE, "value": value.into() })
}

fn prop_class(name: &str, class: &str, value: impl Into<String>) -> Value {
    json!({ "name": name, "ns": NAMESPACE, "class": class, "value": value.into() })
}

/// OSCAL prop values may not start or end with white space, nor be empty.
fn clean(value: &str) -> String {
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if v.is_empty() { "-".to_string() } else { v }
}

fn implemented_requirement(product: &str, selected: &Selected, assessment: &Assessment) -> Value {
    let r = selected.requirement;
    let mut props = vec![
        prop("status", assessment.status.key()),
        prop("domain", &r.domain),
    ];
    for phase in &r.phases {
        props.push(prop("phase", crate::catalog::phase_name(*phase)));
    }
    for reference in selected.references() {
        props.push(prop_class(
            "framework-reference",
            reference.framework.key(),
            clean(&reference.id),
        ));
    }
    for rule in &r.verification {
        props.push(prop("verification-rule", clean(rule)));
    }
    for result in assessment.clean.iter().chain(&assessment.failing) {
        props.push(prop("ledger-record", result.seq.to_string()));
        for (rule, count) in &result.findings {
            props.push(json!({
                "name": "failing-rule",
                "ns": NAMESPACE,
                "value": clean(rule),
                "remarks": format!("{count} active finding{} in scan record {} of {}", if *count == 1 { "" } else { "s" }, result.seq, result.target),
            }));
        }
    }
    if let Some(a) = &assessment.attestation {
        props.push(prop("ledger-record", a.seq.to_string()));
        props.push(prop("attested-by", clean(&a.by)));
        props.push(prop("attestation-expires", a.expires.to_string()));
        props.push(prop("evidence-sha256", clean(&a.evidence_sha256)));
    }
    let why: Vec<String> = selected.reasons.iter().map(|r| r.to_string()).collect();
    let mut remarks = format!("{}\n\nApplies because: {}.", r.rationale, why.join("; "));
    if let Some(attest) = &r.attestation {
        remarks.push_str(&format!("\n\nA person confirms: {attest}"));
    }
    if !assessment.not_checkable.is_empty() {
        remarks.push_str(&format!(
            "\n\nNo steward scan checks these yet: {}.",
            assessment.not_checkable.join(", ")
        ));
    }
    json!({
        "uuid": uuid_of(&["implemented-requirement", product, &r.id]),
        "control-id": r.id,
        "description": format!("{}: {}", r.title, r.text),
        "props": props,
        "remarks": remarks,
    })
}

/// The component-definition document (with its `component-definition` root key) for the
/// requirements `plan` selected and assessed. `last_modified` is an RFC 3339 timestamp.
pub fn component_definition(
    product: &ProductInfo,
    plan: &[(Selected, Assessment)],
    tool_version: &str,
    last_modified: &str,
) -> Value {
    let source = format!("urn:steward:catalog:{tool_version}");
    let mut component = json!({
        "uuid": uuid_of(&["component", product.name]),
        "type": "software",
        "title": product.name,
        "description": product.description.map(str::to_string).unwrap_or_else(|| {
            format!("{}, as its steward.toml declares it.", product.name)
        }),
        "props": [prop("lifecycle-phase", product.phase)],
    });
    if let (Some(owner), Some(props)) = (product.owner, component["props"].as_array_mut()) {
        props.push(prop("owner", clean(owner)));
    }
    if !plan.is_empty() {
        component["control-implementations"] = json!([{
            "uuid": uuid_of(&["control-implementation", product.name, &source]),
            "source": source,
            "description": format!(
                "The steward requirements that apply to {}, each with its status from the evidence ledger.",
                product.name
            ),
            "implemented-requirements": plan
                .iter()
                .map(|(s, a)| implemented_requirement(product.name, s, a))
                .collect::<Vec<_>>(),
        }]);
    }
    let components = json!([component]);
    let content = components.to_string();
    json!({
        "component-definition": {
            "uuid": uuid_of(&["component-definition", product.name, &content]),
            "metadata": {
                "title": format!("Security requirements of {}", product.name),
                "last-modified": last_modified,
                "version": tool_version,
                "oscal-version": OSCAL_VERSION,
                "remarks": "Written by steward plan from steward.toml, steward's requirement catalog and the evidence ledger.",
            },
            "components": components,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_5_and_stable() {
        let a = uuid_of(&["component", "checkout"]);
        assert_eq!(a, uuid_of(&["component", "checkout"]));
        assert_ne!(a, uuid_of(&["component", "checkou", "t"]));
        assert_eq!(a.as_bytes()[14], b'5');
    }
}
