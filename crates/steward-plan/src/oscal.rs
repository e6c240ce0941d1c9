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

/// A ledger time as shown in reports ("2026-11-23 13:40:00 UTC") as RFC 3339, or `fallback`
/// when it is in another form.
fn rfc3339(shown: &str, fallback: &str) -> String {
    let bare = shown.trim().trim_end_matches(" UTC");
    chrono::NaiveDateTime::parse_from_str(bare, "%Y-%m-%d %H:%M:%S")
        .map(|t| {
            t.and_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        })
        .or_else(|_| {
            chrono::DateTime::parse_from_rfc3339(shown)
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        })
        .unwrap_or_else(|_| fallback.to_string())
}

/// One ledger record the assessment rests on, gathered over every requirement that used it.
struct Record<'a> {
    seq: i64,
    recorded_at: &'a str,
    kind: RecordKind<'a>,
}

enum RecordKind<'a> {
    Scan {
        target: &'a str,
        git_commit: Option<&'a str>,
        checked: std::collections::BTreeSet<&'a str>,
        findings: std::collections::BTreeMap<&'a str, u64>,
    },
    Attestation(&'a crate::status::Attestation),
}

fn records<'a>(plan: &'a [(Selected, Assessment)]) -> std::collections::BTreeMap<i64, Record<'a>> {
    let mut out: std::collections::BTreeMap<i64, Record<'a>> = Default::default();
    for (_, a) in plan {
        for r in a.clean.iter().chain(&a.failing) {
            let entry = out.entry(r.seq).or_insert_with(|| Record {
                seq: r.seq,
                recorded_at: &r.recorded_at,
                kind: RecordKind::Scan {
                    target: &r.target,
                    git_commit: r.git_commit.as_deref(),
                    checked: Default::default(),
                    findings: Default::default(),
                },
            });
            if let RecordKind::Scan {
                checked, findings, ..
            } = &mut entry.kind
            {
                checked.extend(r.checked.iter().map(String::as_str));
                for (rule, n) in &r.findings {
                    let seen = findings.entry(rule.as_str()).or_insert(0);
                    *seen = (*seen).max(*n);
                }
            }
        }
        if let Some(att) = &a.attestation {
            out.entry(att.seq).or_insert_with(|| Record {
                seq: att.seq,
                recorded_at: &att.recorded_at,
                kind: RecordKind::Attestation(att),
            });
        }
    }
    out
}

fn observation(product: &str, record: &Record, fallback: &str) -> Value {
    let collected = rfc3339(record.recorded_at, fallback);
    let (title, description, method, kind, evidence) = match &record.kind {
        RecordKind::Scan {
            target,
            git_commit,
            checked,
            findings,
        } => {
            let at = git_commit
                .map(|c| format!(" at commit {c}"))
                .unwrap_or_default();
            let checked: Vec<&str> = checked.iter().copied().collect();
            let description = if findings.is_empty() {
                format!(
                    "steward checked {target}{at} for {} and found nothing.",
                    checked.join(", ")
                )
            } else {
                let found: Vec<String> = findings
                    .iter()
                    .map(|(rule, n)| format!("{rule} ({n})"))
                    .collect();
                format!(
                    "steward checked {target}{at} for {}; active findings: {}.",
                    checked.join(", "),
                    found.join(", ")
                )
            };
            (
                format!("Ledger record {}: automated check of {target}", record.seq),
                description,
                "TEST",
                if findings.is_empty() {
                    "control-objective"
                } else {
                    "finding"
                },
                format!("steward evidence ledger, record {}", record.seq),
            )
        }
        RecordKind::Attestation(att) => (
            format!(
                "Ledger record {}: attestation of {} by {}",
                record.seq, att.requirement, att.by
            ),
            format!(
                "{} confirmed {} with evidence {} until {}.",
                att.by, att.requirement, att.evidence_path, att.expires
            ),
            "EXAMINE",
            "control-objective",
            format!(
                "{} (sha256 {}), steward evidence ledger record {}",
                att.evidence_path, att.evidence_sha256, record.seq
            ),
        ),
    };
    json!({
        "uuid": uuid_of(&["observation", product, &record.seq.to_string()]),
        "title": clean(&title),
        "description": description,
        "methods": [method],
        "types": [kind],
        "collected": collected,
        "relevant-evidence": [{ "description": evidence }],
        "props": [prop("ledger-record", record.seq.to_string())],
    })
}

fn finding(product: &str, selected: &Selected, assessment: &Assessment) -> Value {
    use crate::status::Status;
    let r = selected.requirement;
    let (state, reason, said) = match assessment.status {
        Status::Verified => (
            "satisfied",
            "pass",
            "Every verification rule steward can run passed on the latest evidence.".to_string(),
        ),
        Status::Attested => (
            "satisfied",
            "pass",
            assessment
                .attestation
                .as_ref()
                .map(|a| format!("Attested by {} until {}.", a.by, a.expires))
                .unwrap_or_else(|| "Attested.".to_string()),
        ),
        Status::Failing => {
            let rules: std::collections::BTreeSet<&str> = assessment
                .failing
                .iter()
                .flat_map(|f| f.findings.keys().map(String::as_str))
                .collect();
            (
                "not-satisfied",
                "fail",
                format!(
                    "The latest evidence has active findings of {}.",
                    rules.into_iter().collect::<Vec<_>>().join(", ")
                ),
            )
        }
        Status::NotVerified => (
            "not-satisfied",
            "other",
            "No evidence yet: no recorded run checked it and no attestation is in force."
                .to_string(),
        ),
    };
    let mut related: Vec<i64> = assessment
        .clean
        .iter()
        .chain(&assessment.failing)
        .map(|s| s.seq)
        .chain(assessment.attestation.as_ref().map(|a| a.seq))
        .collect();
    related.sort_unstable();
    related.dedup();
    let mut f = json!({
        "uuid": uuid_of(&["finding", product, &r.id]),
        "title": clean(&format!("{}: {}", r.id, r.title)),
        "description": said,
        "props": [prop("status", assessment.status.key())],
        "target": {
            "type": "objective-id",
            "target-id": r.id,
            "status": { "state": state, "reason": reason },
        },
    });
    if !related.is_empty() {
        f["related-observations"] = related
            .iter()
            .map(|seq| json!({ "observation-uuid": uuid_of(&["observation", product, &seq.to_string()]) }))
            .collect();
    }
    if !assessment.not_run.is_empty() {
        f["remarks"] = json!(format!(
            "No recorded run has checked: {}.",
            assessment.not_run.join(", ")
        ));
    }
    f
}

/// The assessment-results document (with its `assessment-results` root key): one result per
/// run of `plan`, whose observations are the ledger records the statuses rest on (automated
/// runs as TEST, attestations as EXAMINE) and whose findings are one per applicable
/// requirement, satisfied when verified or attested. steward plans its assessment from
/// steward.toml and its catalog, so `import-ap` names the manifest: there is no separate
/// OSCAL assessment plan. `started` and `finished` are RFC 3339 timestamps.
pub fn assessment_results(
    product: &ProductInfo,
    manifest_href: &str,
    plan: &[(Selected, Assessment)],
    tool_version: &str,
    as_of: chrono::NaiveDate,
    started: &str,
    finished: &str,
) -> Value {
    let records = records(plan);
    let observations: Vec<Value> = records
        .values()
        .map(|r| observation(product.name, r, started))
        .collect();
    let start = observations
        .iter()
        .filter_map(|o| o["collected"].as_str())
        .min()
        .unwrap_or(started)
        .to_string();
    let findings: Vec<Value> = plan
        .iter()
        .map(|(s, a)| finding(product.name, s, a))
        .collect();
    let mut result = json!({
        "uuid": uuid_of(&["result", product.name, &as_of.to_string(), finished]),
        "title": format!("Status of the requirements of {} as of {as_of}", product.name),
        "description": format!(
            "What steward's evidence ledger says about each requirement that applies to {} in its {} phase.",
            product.name, product.phase
        ),
        "start": start,
        "end": finished,
        "props": [prop("assessed-as-of", as_of.to_string()), prop("lifecycle-phase", product.phase)],
    });
    let controls: Vec<Value> = plan
        .iter()
        .map(|(s, _)| json!({ "control-id": s.requirement.id }))
        .collect();
    result["reviewed-controls"] = if controls.is_empty() {
        json!({ "control-selections": [{ "include-all": {} }], "remarks": "No requirement applies." })
    } else {
        json!({ "control-selections": [{ "include-controls": controls }] })
    };
    if !observations.is_empty() {
        result["observations"] = json!(observations);
    }
    if !findings.is_empty() {
        result["findings"] = json!(findings);
    }
    let results = json!([result]);
    let content = results.to_string();
    json!({
        "assessment-results": {
            "uuid": uuid_of(&["assessment-results", product.name, &content]),
            "metadata": {
                "title": format!("Security assessment results of {}", product.name),
                "last-modified": finished,
                "version": tool_version,
                "oscal-version": OSCAL_VERSION,
                "remarks": "Written by steward plan from steward.toml, steward's requirement catalog and the evidence ledger.",
            },
            "import-ap": {
                "href": manifest_href,
                "remarks": "steward derives the assessment from this steward.toml and its requirement catalog; there is no separate OSCAL assessment plan.",
            },
            "results": results,
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

    #[test]
    fn ledger_times_become_rfc3339() {
        assert_eq!(
            rfc3339("2026-11-23 13:40:05 UTC", "x"),
            "2026-11-23T13:40:05Z"
        );
        assert_eq!(
            rfc3339("2026-11-23T13:40:05+00:00", "x"),
            "2026-11-23T13:40:05Z"
        );
        assert_eq!(rfc3339("yesterday", "fallback"), "fallback");
    }
}
