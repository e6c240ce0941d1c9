use serde_json::Value;
use steward_core::report::{JSON_SCHEMA_ID, render_json};

use crate::fixture::{NASTY_MESSAGE, empty, fixture};
use crate::{schema_errors, workspace_path};

fn schema_path() -> std::path::PathBuf {
    workspace_path("docs/schema/report.schema.json")
}

fn rendered(fx: &crate::fixture::Fixture) -> Value {
    serde_json::from_str(&render_json(&fx.report())).expect("render_json writes JSON")
}

#[test]
fn output_validates_against_the_published_schema() {
    for fx in [fixture(), empty()] {
        let doc = rendered(&fx);
        let errors = schema_errors(&schema_path(), &doc);
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[test]
fn the_schema_rejects_documents_that_drift_from_it() {
    let doc = rendered(&fixture());
    let mut missing = doc.clone();
    missing["findings"][0]
        .as_object_mut()
        .unwrap()
        .remove("fingerprint");
    let mut renamed = doc.clone();
    renamed["counts"]["severe"] = Value::from(1);
    let mut bad_severity = doc.clone();
    bad_severity["findings"][0]["severity"] = Value::from("urgent");
    let mut bad_time = doc;
    bad_time["started_at"] = Value::from("yesterday");
    for broken in [missing, renamed, bad_severity, bad_time] {
        assert!(!schema_errors(&schema_path(), &broken).is_empty());
    }
}

#[test]
fn schema_id_and_version_field_agree() {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path()).unwrap()).unwrap();
    assert_eq!(schema["$id"], JSON_SCHEMA_ID);
    assert_eq!(schema["properties"]["schema"]["const"], JSON_SCHEMA_ID);
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(rendered(&empty())["schema"], JSON_SCHEMA_ID);
}

/// Every key/value of `expected` (recursively, for objects) is in `actual`.
fn assert_superset(actual: &Value, expected: &Value, at: &str) {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (k, v) in e {
                let got = a.get(k).unwrap_or_else(|| panic!("{at}.{k} is missing"));
                assert_superset(got, v, &format!("{at}.{k}"));
            }
        }
        _ => assert_eq!(actual, expected, "at {at}"),
    }
}

#[test]
fn findings_carry_every_field_of_the_model() {
    let fx = fixture();
    let doc = rendered(&fx);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), fx.findings.len());
    for (json, finding) in findings.iter().zip(&fx.findings) {
        let model = serde_json::to_value(finding).unwrap();
        assert_superset(json, &model, &finding.rule_id);
    }
    let xss = findings
        .iter()
        .find(|f| f["rule_id"] == "code/javascript/xss")
        .unwrap();
    assert_eq!(xss["message"], NASTY_MESSAGE, "messages round-trip exactly");
    let whole = findings
        .iter()
        .find(|f| f["rule_id"] == "iac/terraform/s3-public-acl")
        .unwrap();
    assert_eq!(whole["location"]["start_line"], 0);
    assert_eq!(whole["location"]["snippet"], Value::Null);
}

#[test]
fn run_metadata_counts_and_triage_outcomes() {
    let fx = fixture();
    let doc = rendered(&fx);
    assert_eq!(doc["tool"]["name"], "steward");
    assert_eq!(doc["tool"]["version"], "0.1.0");
    assert_eq!(doc["command"], "scan");
    assert_eq!(doc["target"], "shop/");
    assert_eq!(doc["started_at"], "2026-01-02T03:04:05.000Z");
    assert_eq!(doc["finished_at"], "2026-01-02T03:04:06.532Z");
    assert_eq!(doc["duration_ms"], 1532);
    assert_eq!(doc["engines"].as_array().unwrap().len(), 5);
    assert_eq!(doc["gate"]["fail_on"], "high");
    assert_eq!(doc["gate"]["passed"], false);
    assert_eq!(doc["gate"]["blocking"], 3);
    let c = &doc["counts"];
    assert_eq!(
        [
            &c["critical"],
            &c["high"],
            &c["medium"],
            &c["low"],
            &c["info"],
            &c["total"]
        ],
        [2, 1, 1, 2, 0, 6].map(Value::from).each_ref()
    );
    assert_eq!(doc["files_scanned"], 42);
    assert_eq!(doc["bytes_scanned"], 123_456);
    assert_eq!(doc["baselined"], 3);

    let sup = &doc["suppressed"][0];
    assert_eq!(sup["reason"], "test fixture | not a real password");
    assert_eq!(sup["suppressed_at"]["path"], "tests/fixtures/conf.py");
    assert_eq!(sup["suppressed_at"]["line"], 3);
    assert_eq!(sup["finding"]["rule_id"], "secrets/generic-password");
    assert_eq!(doc["suppressed"][1]["reason"], Value::Null);

    let skipped = doc["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 3);
    assert_eq!(skipped[0]["reason"], "binary");
    assert_eq!(skipped[1]["reason"], "too-large");
    assert_eq!(skipped[1]["size"], 52_428_800);
    assert_eq!(skipped[1]["limit"], 10_485_760);
    assert_eq!(skipped[2]["reason"], "symlink-outside-root");
    assert_eq!(skipped[2]["target"], "/etc/passwd");
}

#[test]
fn snapshot() {
    insta::assert_snapshot!(render_json(&fixture().report()));
}
