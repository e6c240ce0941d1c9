//! Drift: what a probe observes now against what `steward monitor baseline` recorded as
//! approved, field by field, so a bucket made public or a service left open after the
//! baseline is reported with its before and after.

use std::collections::{BTreeMap, BTreeSet};

use steward_core::finding::{Finding, Location};
use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};
use steward_core::taxonomy::{Cwe, Owasp};

/// Observation fields that move with the clock (a certificate's days left).
const VOLATILE: &[&str] = &["days_left"];

/// Every leaf of `v` as `path -> value` (`a.b[2].c`), except the `unreadable` notes.
fn flatten(prefix: &str, v: &serde_json::Value, out: &mut BTreeMap<String, serde_json::Value>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if prefix.is_empty() && k == "unreadable" {
                    continue;
                }
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&p, x, out);
            }
        }
        // An empty list has no fields: its first element appearing is the change.
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                flatten(&format!("{prefix}[{i}]"), x, out);
            }
        }
        // Fields that change by themselves with time are not drift.
        _ if VOLATILE.iter().any(|v| prefix.ends_with(v)) => {}
        other => {
            out.insert(prefix.to_string(), other.clone());
        }
    }
}

/// The drift rule.
pub fn rule() -> Rule {
    let mut r = Rule::new(
        DRIFT,
        "monitor",
        "An asset drifted from its approved baseline",
        Severity::Medium,
    );
    r.confidence = Confidence::High;
    r.cwe = vec![Cwe(1188)];
    r.owasp = Some(Owasp::A05);
    r.requirements = vec!["STW-CONFIG-007".into()];
    r.description = "What a probe observes on an asset (its exposure, a bucket's access, encryption, versioning, logging, the data it holds) differs from what `steward monitor baseline` recorded as approved.".into();
    r.remediation = Some("If the change was intended and reviewed, approve it with `steward monitor baseline`; otherwise revert it and find out who made it.".into());
    r
}

/// The rule id of a drift finding.
pub const DRIFT: &str = "monitor/drift";

/// Findings for every field of every asset whose observation differs from the approved
/// one. `approved` is the baseline's list of probes (each `{asset, observation, ...}`),
/// `when` names the baseline in messages, `seq` is its ledger record.
pub fn findings(
    approved: &serde_json::Value,
    when: &str,
    seq: i64,
    probes: &[serde_json::Value],
) -> Vec<Finding> {
    let rule = rule();
    let approved: BTreeMap<&str, &serde_json::Value> = approved
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| Some((p["asset"].as_str()?, &p["observation"])))
                .collect()
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    for p in probes {
        let (Some(asset), observation) = (p["asset"].as_str(), &p["observation"]) else {
            continue;
        };
        if observation.is_null() {
            continue; // the probe failed: no verdict on drift
        }
        // The fingerprint holds the field and its new value: a later, different change of
        // the same field is a new finding.
        let finding = |field: &str, new: Option<&serde_json::Value>, message: String| {
            let mut f = Finding::new(
                &rule,
                message,
                Location::whole(format!("asset:{asset}")),
                format!(
                    "{asset}|{field}|{}",
                    new.unwrap_or(&serde_json::Value::Null)
                )
                .as_bytes(),
            );
            f.properties.insert("asset".into(), asset.into());
            f.properties.insert("field".into(), field.into());
            f.properties.insert("baseline_record".into(), seq.into());
            f
        };
        let Some(before) = approved.get(asset) else {
            out.push(finding(
                "",
                None,
                format!(
                    "asset `{asset}` was not in {when}: approve it with `steward monitor baseline`"
                ),
            ));
            continue;
        };
        if before.is_null() {
            continue;
        }
        let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
        flatten("", before, &mut a);
        flatten("", observation, &mut b);
        let fields: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for field in fields {
            let (old, new) = (a.get(field), b.get(field));
            if old == new {
                continue;
            }
            let show = |v: Option<&serde_json::Value>| match v {
                None => "absent".to_string(),
                Some(v) => v.to_string(),
            };
            let mut f = finding(
                field,
                new,
                format!(
                    "asset `{asset}`: {field} is {} (was {} in {when})",
                    show(new),
                    show(old)
                ),
            );
            f.properties
                .insert("before".into(), old.cloned().unwrap_or_default());
            f.properties
                .insert("after".into(), new.cloned().unwrap_or_default());
            out.push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changed_added_and_new_assets_are_reported_and_unreadable_notes_are_not() {
        let approved = json!([
            {"asset": "exports", "observation": {"public": false, "acl": [{"p": "READ"}], "unreadable": {"versioning": "x"}}},
            {"asset": "cache", "observation": {"access": "protected"}},
            {"asset": "gone", "observation": null}
        ]);
        let now = vec![
            json!({"asset": "exports", "observation": {"public": true, "acl": [{"p": "READ"}, {"p": "WRITE"}], "unreadable": {}}}),
            json!({"asset": "cache", "observation": {"access": "protected"}}),
            json!({"asset": "queue", "observation": {"access": "open"}}),
            json!({"asset": "db", "result": "error"}),
        ];
        let f = findings(&approved, "the baseline", 7, &now);
        let messages: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(f.len(), 3, "{messages:?}");
        assert!(
            messages
                .iter()
                .any(|m| m.contains("public is true (was false"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("acl[1].p is \"WRITE\" (was absent"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`queue` was not in the baseline"))
        );
        assert!(
            f.iter()
                .all(|f| f.rule_id == DRIFT && f.properties["baseline_record"] == 7)
        );
    }

    #[test]
    fn a_nested_field_changing_again_is_a_new_finding() {
        let approved = json!([{"asset": "b", "observation": {"grants": [{"p": "READ"}]}}]);
        let once = findings(
            &approved,
            "the baseline",
            1,
            &[json!({"asset": "b", "observation": {"grants": [{"p": "WRITE"}]}})],
        );
        let again = findings(
            &approved,
            "the baseline",
            1,
            &[json!({"asset": "b", "observation": {"grants": [{"p": "FULL_CONTROL"}]}})],
        );
        assert_eq!((once.len(), again.len()), (1, 1));
        assert_ne!(once[0].fingerprint, again[0].fingerprint);
    }
}
