use serde_json::Value;
use steward_core::report::{SARIF_FINGERPRINT_KEY, render_sarif};

use crate::fixture::{NASTY_MESSAGE, empty, fixture};
use crate::{schema_errors, workspace_path};

/// The OASIS schema, kept beside the project root in shared/.
fn official_schema() -> std::path::PathBuf {
    workspace_path("../shared/data/schemas/sarif-schema-2.1.0.json")
}

fn rendered(fx: &crate::fixture::Fixture) -> Value {
    serde_json::from_str(&render_sarif(&fx.report())).expect("render_sarif writes JSON")
}

fn result<'a>(log: &'a Value, rule_id: &str) -> &'a Value {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == rule_id && r.get("suppressions").is_none())
        .unwrap_or_else(|| panic!("no result for {rule_id}"))
}

#[test]
fn output_validates_against_the_official_schema() {
    for fx in [fixture(), empty()] {
        let log = rendered(&fx);
        let errors = schema_errors(&official_schema(), &log);
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[test]
fn the_validator_catches_invalid_sarif() {
    let mut log = rendered(&fixture());
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    log["runs"][0]["columnKind"] = Value::from("bytes");
    assert!(schema_errors(&official_schema(), &log).len() >= 2);
}

#[test]
fn run_describes_the_tool_and_invocation() {
    let log = rendered(&fixture());
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "steward");
    assert_eq!(driver["version"], "0.1.0");
    assert_eq!(driver["semanticVersion"], "0.1.0");
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let inv = &run["invocations"][0];
    assert_eq!(inv["executionSuccessful"], true);
    assert_eq!(inv["startTimeUtc"], "2026-01-02T03:04:05.000Z");
    assert_eq!(inv["endTimeUtc"], "2026-01-02T03:04:06.532Z");
    assert_eq!(inv["exitCode"], 1, "the gate failed");
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 3, "one notification per skipped file");
    assert_eq!(
        notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "data/export.csv"
    );
    assert_eq!(run["properties"]["baselined"], 3);
    assert_eq!(run["properties"]["gate"]["passed"], false);

    let empty_log = rendered(&empty());
    assert_eq!(empty_log["runs"][0]["invocations"][0]["exitCode"], 0);
    assert_eq!(empty_log["runs"][0]["results"], Value::Array(vec![]));
    assert_eq!(
        empty_log["runs"][0]["tool"]["driver"]["rules"],
        Value::Array(vec![])
    );
}

#[test]
fn rules_are_exactly_those_results_reference() {
    let fx = fixture();
    let log = rendered(&fx);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "code/javascript/xss",
            "code/python/sql-injection",
            "iac/terraform/s3-public-acl",
            "secrets/aws-access-key",
            "secrets/generic-password",
            "steward/suppression-without-reason",
        ],
        "referenced catalog rules only: not code/go/unused, not the unknown advisory"
    );
    for r in log["runs"][0]["results"].as_array().unwrap() {
        match r.get("ruleIndex") {
            Some(i) => assert_eq!(rules[i.as_u64().unwrap() as usize]["id"], r["ruleId"]),
            None => assert_eq!(r["ruleId"], "deps/osv/GHSA-jfh8-c2jp-5v3q"),
        }
    }
}

#[test]
fn rule_descriptors_carry_help_tags_precision_and_severity() {
    let log = rendered(&fixture());
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let sqli = rules
        .iter()
        .find(|r| r["id"] == "code/python/sql-injection")
        .unwrap();
    assert_eq!(sqli["name"], "PythonSqlInjection");
    assert_eq!(
        sqli["shortDescription"]["text"],
        "SQL built from user input"
    );
    assert!(
        sqli["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .starts_with("A SQL query")
    );
    let help = sqli["help"]["text"].as_str().unwrap();
    assert!(help.contains("Why it matters: An attacker"), "{help}");
    assert!(help.contains("How to fix: Pass values"), "{help}");
    let md = sqli["help"]["markdown"].as_str().unwrap();
    assert!(md.contains("### How to fix"), "{md}");
    assert!(
        md.contains("[CWE-89: SQL Injection](https://cwe.mitre.org/data/definitions/89.html)"),
        "{md}"
    );
    assert_eq!(
        sqli["helpUri"],
        "https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html"
    );
    assert_eq!(sqli["defaultConfiguration"]["level"], "error");
    let props = &sqli["properties"];
    assert_eq!(
        props["tags"],
        serde_json::json!(["security", "external/cwe/cwe-89", "A03:2021"])
    );
    assert_eq!(props["precision"], "high");
    assert_eq!(props["security-severity"], "8.0");

    let xss = rules
        .iter()
        .find(|r| r["id"] == "code/javascript/xss")
        .unwrap();
    assert_eq!(xss["properties"]["precision"], "low");
    assert_eq!(xss["defaultConfiguration"]["level"], "note");
    assert!(xss.get("helpUri").is_none());
    // No rationale of its own: the OWASP category explains why it matters.
    assert!(
        xss["help"]["text"]
            .as_str()
            .unwrap()
            .contains("Untrusted input reaches an interpreter")
    );
}

#[test]
fn results_locate_fingerprint_and_describe_findings() {
    let fx = fixture();
    let log = rendered(&fx);
    let sqli = result(&log, "code/python/sql-injection");
    assert_eq!(sqli["level"], "error");
    let phys = &sqli["locations"][0]["physicalLocation"];
    assert_eq!(phys["artifactLocation"]["uri"], "src/db.py");
    assert_eq!(phys["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    let region = &phys["region"];
    assert_eq!(
        [
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ],
        [12, 5, 12, 48].map(Value::from).each_ref()
    );
    assert!(
        region["snippet"]["text"]
            .as_str()
            .unwrap()
            .contains("cursor.execute")
    );
    let finding = fx
        .findings
        .iter()
        .find(|f| f.rule_id == "code/python/sql-injection")
        .unwrap();
    assert_eq!(
        sqli["partialFingerprints"][SARIF_FINGERPRINT_KEY],
        finding.fingerprint.as_str()
    );
    let props = &sqli["properties"];
    assert_eq!(props["severity"], "high");
    assert_eq!(props["confidence"], "high");
    assert_eq!(props["engine"], "code");
    assert_eq!(props["requirements"], serde_json::json!(["REQ-INPUT-01"]));
    // The data-flow path is one code flow, source first and sink last.
    let steps = &sqli["codeFlows"][0]["threadFlows"][0]["locations"];
    assert_eq!(steps.as_array().map(Vec::len), Some(3));
    assert_eq!(steps[0]["kinds"], serde_json::json!(["taint", "source"]));
    assert_eq!(steps[2]["kinds"], serde_json::json!(["taint", "sink"]));
    assert_eq!(
        steps[0]["location"]["physicalLocation"]["artifactLocation"]["uri"],
        "src/views.py"
    );
    assert_eq!(steps[1]["location"]["message"]["text"], "passed to load()");
    assert_eq!(steps[2]["executionOrder"], 3);
    assert!(
        result(&log, "iac/terraform/s3-public-acl")
            .get("codeFlows")
            .is_none(),
        "findings without a flow have no codeFlows"
    );

    let whole = result(&log, "iac/terraform/s3-public-acl");
    let phys = &whole["locations"][0]["physicalLocation"];
    assert_eq!(phys["artifactLocation"]["uri"], "infra/main.tf");
    assert!(
        phys.get("region").is_none(),
        "whole-file locations have no region"
    );

    let xss = result(&log, "code/javascript/xss");
    assert_eq!(xss["message"]["text"], NASTY_MESSAGE);
    assert_eq!(
        xss["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "web/static%20files/app%7Cmain.js"
    );
    assert_eq!(xss["properties"]["engineTags"], "not-a-list");
    assert!(xss["properties"].get("tags").is_none());

    let unknown = result(&log, "deps/osv/GHSA-jfh8-c2jp-5v3q");
    assert!(unknown.get("ruleIndex").is_none());
    assert_eq!(unknown["level"], "error");
}

#[test]
fn suppressed_findings_are_results_with_in_source_suppressions() {
    let log = rendered(&fixture());
    let results = log["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 2);
    let s = &suppressed[0]["suppressions"][0];
    assert_eq!(s["kind"], "inSource");
    assert_eq!(s["justification"], "test fixture | not a real password");
    let site = &s["location"]["physicalLocation"];
    assert_eq!(site["artifactLocation"]["uri"], "tests/fixtures/conf.py");
    assert_eq!(site["region"]["startLine"], 3);
    assert!(
        suppressed[1]["suppressions"][0]
            .get("justification")
            .is_none()
    );
    // 6 active + 2 suppressed; the 3 baselined findings are left out.
    assert_eq!(results.len(), 8);
}

#[test]
fn snapshot() {
    insta::assert_snapshot!(render_sarif(&fixture().report()));
}
