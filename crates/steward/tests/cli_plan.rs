//! `steward plan` and `steward attest` through the real binary: which frameworks' requirements
//! a product gets, each requirement's status from the ledger (verified by a clean scan,
//! failing on a planted credential, attested until the attestation lapses), the four
//! formats, and the errors. The credential is assembled at run time so this file holds none.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// A well-formed, fake AWS access key id.
fn aws_key() -> String {
    ["AKIA", "BLGRIRMSGBQP5MFY"].concat()
}

const CARD_SG_AR: &str = r#"[product]
name = "checkout"
owner = "payments-team"
phase = "build"

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
zone = "internal"
auth = "password"
holds = ["cardholder"]
"#;

const US_HEALTH: &str = r#"[product]
name = "clinic-portal"
phase = "design"

[data]
classes = ["health", "pii"]
jurisdictions = ["US"]

[[component]]
id = "records-db"
kind = "database"
zone = "restricted"
holds = ["health"]
"#;

fn steward(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

fn project(manifest: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("steward.toml"), manifest).unwrap();
    std::fs::write(dir.path().join("app.py"), "print('hello')\n").unwrap();
    dir
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn plan_json(dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["plan", "--no-ledger", "--format", "json"];
    args.extend_from_slice(extra);
    let (code, out, err) = run(steward(dir).args(&args));
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("plan JSON does not parse: {e}\n{out}"))
}

fn requirement<'a>(plan: &'a Value, id: &str) -> &'a Value {
    plan["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("{id} is not in the plan"))
}

fn framework<'a>(plan: &'a Value, key: &str) -> Option<&'a Value> {
    plan["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == key)
}

/// Requirements citing `key` among the frameworks in scope.
fn citing(plan: &Value, key: &str) -> Vec<String> {
    plan["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["references"].get(key).is_some())
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

fn status(plan: &Value, id: &str) -> String {
    requirement(plan, id)["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn card_and_personal_data_in_singapore_and_argentina_get_pci_mas_bcra_and_gdpr_style() {
    let dir = project(CARD_SG_AR);
    let plan = plan_json(dir.path(), &[]);
    for key in ["pci_dss", "mas_trm", "bcra", "gdpr", "asvs", "nist_800_53"] {
        let f = framework(&plan, key).unwrap_or_else(|| panic!("{key} not in scope"));
        assert!(f["requirements"].as_u64().unwrap() > 0, "{f}");
        assert!(!citing(&plan, key).is_empty(), "no requirement cites {key}");
    }
    // GDPR is not binding in SG or AR: it stands for the local data-protection law.
    assert_eq!(framework(&plan, "gdpr").unwrap()["basis"], "model");
    assert!(framework(&plan, "hipaa").is_none());
    assert!(citing(&plan, "hipaa").is_empty());
    // A cardholder-data-only requirement is there, with the reason it applies.
    let cde_mfa = requirement(&plan, "STW-AUTH-003");
    assert_eq!(
        cde_mfa["applies_because"][0],
        "the product holds cardholder data"
    );
    assert!(cde_mfa["references"]["pci_dss"].as_array().is_some());
    // The matrix counts add up.
    let s = &plan["summary"];
    assert_eq!(
        s["requirements"].as_u64().unwrap(),
        plan["requirements"].as_array().unwrap().len() as u64
    );
    assert_eq!(s["not_verified"], s["requirements"]);

    let (code, text, _) = run(steward(dir.path()).args(["plan", "--no-ledger"]));
    assert_eq!(code, 0);
    assert!(
        text.starts_with("checkout — build phase; holds cardholder, pii; in SG, AR\n"),
        "{text}"
    );
    for want in [
        "Compliance matrix",
        "PCI DSS v4.0.1",
        "MAS TRM Guidelines 2021",
        "BCRA Com. \"A\" 7724",
        "GDPR                       as the model for local law",
        "\nDesign — ",
        "\nBuild (the product's phase) — ",
        "  STW-AUTH-003      not yet verified",
        "      why: the product holds cardholder data",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn health_data_in_the_us_gets_hipaa() {
    let dir = project(US_HEALTH);
    let plan = plan_json(dir.path(), &[]);
    assert_eq!(framework(&plan, "hipaa").unwrap()["basis"], "direct");
    let hipaa = citing(&plan, "hipaa");
    assert!(hipaa.len() >= 10, "{hipaa:?}");
    assert!(framework(&plan, "pci_dss").is_none());
    assert!(framework(&plan, "mas_trm").is_none());
    assert!(citing(&plan, "pci_dss").is_empty());
    let (_, text, _) = run(steward(dir.path()).args(["plan", "--no-ledger"]));
    assert!(text.contains("HIPAA (45 CFR 164) "), "{text}");
    assert!(text.contains("164.312"), "{text}");
}

#[test]
fn a_clean_secrets_scan_verifies_and_a_planted_key_fails() {
    let dir = project(CARD_SG_AR);
    steward(dir.path())
        .args(["scan", "--engines", "secrets", "."])
        .assert()
        .code(0);
    let plan = plan_json(dir.path(), &[]);
    for id in ["STW-SECRETS-001", "STW-SECRETS-003", "STW-SECRETS-007"] {
        assert_eq!(status(&plan, id), "verified", "{id}");
        let clean = &requirement(&plan, id)["evidence"]["clean"][0];
        assert_eq!(clean["target"], ".");
        assert_eq!(clean["checked"][0], "secrets/*");
    }
    // Its rules are not all secrets rules: the code and dependency engines have not run.
    assert_eq!(status(&plan, "STW-CHANGE-009"), "not_verified");
    assert_eq!(
        requirement(&plan, "STW-CHANGE-009")["evidence"]["not_run"],
        serde_json::json!(["code/*", "deps/*"])
    );
    assert!(
        framework(&plan, "pci_dss").unwrap()["verified"]
            .as_u64()
            .unwrap()
            >= 1
    );

    std::fs::write(
        dir.path().join("settings.env"),
        format!("AWS_ACCESS_KEY_ID={}\n", aws_key()),
    )
    .unwrap();
    steward(dir.path())
        .args(["scan", "--engines", "secrets", "."])
        .assert()
        .code(1);
    let plan = plan_json(dir.path(), &[]);
    for id in ["STW-SECRETS-001", "STW-SECRETS-003"] {
        assert_eq!(status(&plan, id), "failing", "{id}");
        let failing = &requirement(&plan, id)["evidence"]["failing"][0];
        assert_eq!(failing["findings"]["secrets/aws-access-key-id"], 1);
    }
    // Only its own rules count: a JWT requirement stays verified by the same scan.
    assert_eq!(status(&plan, "STW-SESSION-008"), "verified");
    assert!(plan["summary"]["failing"].as_u64().unwrap() >= 2);

    let (_, text, _) = run(steward(dir.path()).args(["plan", "--no-ledger"]));
    assert!(
        text.contains("  STW-SECRETS-001   failing          No secrets in source"),
        "{text}"
    );
    assert!(
        text.contains(": secrets/aws-access-key-id (1 finding)"),
        "{text}"
    );
    assert!(!text.contains(&aws_key()));
}

#[test]
fn an_attestation_counts_until_it_expires() {
    let dir = project(CARD_SG_AR);
    let evidence = dir.path().join("vault-policies.txt");
    std::fs::write(&evidence, "per-service vault policies reviewed\n").unwrap();
    let (code, out, err) = run(steward(dir.path()).args([
        "attest",
        "STW-SECRETS-004",
        "--by",
        "Ana Ruiz",
        "--evidence",
        "vault-policies.txt",
        "--expires",
        "2099-12-31",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("attested STW-SECRETS-004 (Each service gets only the secrets it needs) by Ana Ruiz until 2099-12-31"),
        "{out}"
    );

    // The ledger keeps who, until when, and the evidence's hash.
    let (_, list, _) =
        run(steward(dir.path()).args(["ledger", "list", "--kind", "attest", "--json"]));
    let records: Value = serde_json::from_str(&list).unwrap();
    let payload = &records[0]["payload"];
    assert_eq!(records[0]["target"], "STW-SECRETS-004");
    assert_eq!(payload["by"], "Ana Ruiz");
    assert_eq!(payload["expires"], "2099-12-31");
    let sha = hex::encode(Sha256::digest(std::fs::read(&evidence).unwrap()));
    assert_eq!(payload["evidence"]["sha256"], sha.as_str());

    let plan = plan_json(dir.path(), &[]);
    assert_eq!(status(&plan, "STW-SECRETS-004"), "attested");
    let held = &requirement(&plan, "STW-SECRETS-004")["evidence"]["attestation"];
    assert_eq!(held["by"], "Ana Ruiz");
    assert!(
        framework(&plan, "pci_dss").unwrap()["attested"]
            .as_u64()
            .unwrap()
            >= 1
    );

    // The day after it expires, it no longer counts.
    let lapsed = plan_json(dir.path(), &["--as-of", "2100-01-01"]);
    assert_eq!(status(&lapsed, "STW-SECRETS-004"), "not_verified");
    let r = requirement(&lapsed, "STW-SECRETS-004");
    assert!(r["evidence"]["attestation"].is_null());
    assert_eq!(
        r["evidence"]["expired_attestation"]["expires"],
        "2099-12-31"
    );
    let (_, text, _) =
        run(steward(dir.path()).args(["plan", "--no-ledger", "--as-of", "2100-01-01"]));
    assert!(
        text.contains("attestation by Ana Ruiz expired 2099-12-31"),
        "{text}"
    );
}

#[test]
fn attest_rejects_unknown_ids_past_dates_and_missing_evidence() {
    let dir = project(CARD_SG_AR);
    std::fs::write(dir.path().join("e.txt"), "x\n").unwrap();
    let attest = |id: &str, expires: &str, evidence: &str| {
        run(steward(dir.path()).args([
            "attest",
            id,
            "--by",
            "ana",
            "--evidence",
            evidence,
            "--expires",
            expires,
        ]))
    };
    let (code, _, err) = attest("STW-SECRET-004", "2099-01-01", "e.txt");
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown requirement `STW-SECRET-004`; did you mean `STW-SECRETS-004`"),
        "{err}"
    );
    let (code, _, err) = attest("STW-SECRETS-004", "2001-01-01", "e.txt");
    assert_eq!(code, 2);
    assert!(err.contains("--expires 2001-01-01 is in the past"), "{err}");
    let (code, _, err) = attest("STW-SECRETS-004", "31/12/2099", "e.txt");
    assert_eq!(code, 2);
    assert!(err.contains("write it as YYYY-MM-DD"), "{err}");
    let (code, _, err) = attest("STW-SECRETS-004", "2099-01-01", "missing.pdf");
    assert_eq!(code, 2);
    assert!(err.contains("missing.pdf: no such file"), "{err}");
    // Nothing was recorded.
    assert!(!dir.path().join(".steward/ledger.db").exists());
}

#[test]
fn plan_records_its_run_unless_told_not_to() {
    let dir = project(CARD_SG_AR);
    steward(dir.path())
        .args(["plan", "--no-ledger"])
        .assert()
        .success();
    assert!(!dir.path().join(".steward/ledger.db").exists());
    let out = dir.path().join("plan.md");
    steward(dir.path())
        .args(["plan", "--format", "markdown", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let (_, list, _) =
        run(steward(dir.path()).args(["ledger", "list", "--kind", "plan", "--json"]));
    let records: Value = serde_json::from_str(&list).unwrap();
    assert_eq!(records.as_array().unwrap().len(), 1);
    let r = &records[0];
    assert_eq!(r["product"], "checkout");
    assert_eq!(r["payload"]["format"], "markdown");
    let sha = hex::encode(Sha256::digest(std::fs::read(&out).unwrap()));
    assert_eq!(r["report_sha256"], sha.as_str());
    assert!(r["payload"]["summary"]["requirements"].as_u64().unwrap() > 100);
}

/// Every Markdown table has a header, a rule, and rows with as many cells as the header.
fn check_markdown_tables(md: &str) -> usize {
    let cells = |line: &str| {
        line.trim()
            .trim_matches('|')
            .replace("\\|", "")
            .split('|')
            .count()
    };
    let mut tables = 0;
    let mut lines = md.lines().peekable();
    while let Some(line) = lines.next() {
        if !line.starts_with('|') {
            continue;
        }
        let width = cells(line);
        let rule = lines.next().unwrap_or_default();
        assert!(rule.starts_with("|---"), "no rule under {line:?}");
        assert_eq!(cells(rule), width, "{rule}");
        while let Some(row) = lines.next_if(|l| l.starts_with('|')) {
            assert_eq!(cells(row), width, "row {row:?} under {line:?}");
            assert!(row.ends_with('|'), "{row}");
        }
        tables += 1;
    }
    tables
}

#[test]
fn markdown_and_json_parse() {
    let dir = project(CARD_SG_AR);
    steward(dir.path())
        .args(["scan", "--engines", "secrets", "."])
        .assert()
        .code(0);
    let (code, md, _) = run(steward(dir.path()).args(["plan", "--no-ledger", "-f", "markdown"]));
    assert_eq!(code, 0);
    assert!(
        md.starts_with("# Security requirements: checkout\n"),
        "{md}"
    );
    assert!(md.contains("\n## Compliance matrix\n"), "{md}");
    assert!(md.contains("\n## Design\n"), "{md}");
    assert!(
        md.contains(
            "| **STW-SECRETS-001** No secrets in source, configuration or images | verified |"
        ),
        "{md}"
    );
    // Frameworks, matrix, and one table per phase that has requirements.
    assert!(check_markdown_tables(&md) >= 4);

    let plan = plan_json(dir.path(), &[]);
    assert_eq!(plan["product"]["name"], "checkout");
    assert!(plan["ledger"].as_str().unwrap().ends_with("ledger.db"));
    for r in plan["requirements"].as_array().unwrap() {
        assert!(r["id"].as_str().unwrap().starts_with("STW-"));
        assert!(!r["applies_because"].as_array().unwrap().is_empty());
        assert!(
            ["verified", "failing", "attested", "not_verified"]
                .contains(&r["status"].as_str().unwrap())
        );
    }
}

/// The implemented requirements of an OSCAL component-definition, by control id.
fn implemented(doc: &Value) -> Vec<&Value> {
    doc["component-definition"]["components"][0]["control-implementations"][0]
        ["implemented-requirements"]
        .as_array()
        .unwrap()
        .iter()
        .collect()
}

fn prop<'a>(ir: &'a Value, name: &str) -> Vec<&'a str> {
    ir["props"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] == name)
        .map(|p| p["value"].as_str().unwrap())
        .collect()
}

#[test]
fn oscal_component_definition_validates_with_trestle() {
    let dir = project(CARD_SG_AR);
    steward(dir.path())
        .args(["scan", "--engines", "secrets", "."])
        .assert()
        .code(0);
    std::fs::write(dir.path().join("review.txt"), "reviewed\n").unwrap();
    steward(dir.path())
        .args([
            "attest",
            "STW-SECRETS-004",
            "--by",
            "ana",
            "--evidence",
            "review.txt",
        ])
        .args(["--expires", "2099-12-31"])
        .assert()
        .success();
    let oscal = |dir: &Path| -> Value {
        let (code, out, err) = run(steward(dir).args(["plan", "--no-ledger", "-f", "oscal"]));
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&out).unwrap()
    };
    let doc = oscal(dir.path());
    let irs = implemented(&doc);
    let plan = plan_json(dir.path(), &[]);
    assert_eq!(irs.len(), plan["requirements"].as_array().unwrap().len());
    let by_id = |id: &str| *irs.iter().find(|ir| ir["control-id"] == id).unwrap();
    assert_eq!(prop(by_id("STW-SECRETS-001"), "status"), ["verified"]);
    assert_eq!(prop(by_id("STW-SECRETS-004"), "status"), ["attested"]);
    assert_eq!(prop(by_id("STW-SECRETS-004"), "attested-by"), ["ana"]);
    assert_eq!(prop(by_id("STW-AUTH-003"), "status"), ["not-verified"]);
    assert!(prop(by_id("STW-AUTH-003"), "framework-reference").contains(&"8.4.2"));

    // UUIDs come from content: the same requirement keeps its UUID from run to run.
    let again = oscal(dir.path());
    assert_eq!(
        implemented(&again)[0]["uuid"],
        irs[0]["uuid"],
        "implemented-requirement UUIDs must be stable"
    );
    assert_eq!(
        again["component-definition"]["uuid"],
        doc["component-definition"]["uuid"]
    );

    // compliance-trestle loads it into its OSCAL models and runs its validators.
    trestle_validates(
        "component-definitions/checkout/component-definition.json",
        &doc,
    );
}

/// compliance-trestle loads `doc` (written at `rel` in a fresh trestle workspace) into its
/// OSCAL models and runs its validators.
fn trestle_validates(rel: &str, doc: &Value) {
    let ws = tempfile::tempdir().unwrap();
    let trestle = |args: &[&str]| {
        std::process::Command::new("python3")
            .args(["-m", "trestle"])
            .args(args)
            .current_dir(ws.path())
            .output()
            .unwrap_or_else(|e| panic!("cannot run python3: {e}"))
    };
    let init = trestle(&["init"]);
    assert!(
        init.status.success(),
        "compliance-trestle is needed for this test (python3 -m pip install compliance-trestle): {}",
        String::from_utf8_lossy(&init.stderr)
    );
    let file = ws.path().join(rel);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, serde_json::to_vec_pretty(doc).unwrap()).unwrap();
    let out = trestle(&["validate", "-f", file.to_str().unwrap()]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "trestle rejects the OSCAL: {said}");
    assert!(said.contains("VALID"), "{said}");
}

#[test]
fn oscal_assessment_results_carry_each_status_and_its_evidence_and_validate() {
    let dir = project(CARD_SG_AR);
    steward(dir.path())
        .args(["scan", "--engines", "secrets", "."])
        .assert()
        .code(0);
    std::fs::write(
        dir.path().join("settings.env"),
        format!("AWS_ACCESS_KEY_ID={}\n", aws_key()),
    )
    .unwrap();
    steward(dir.path())
        .args(["scan", "--engines", "secrets", "."])
        .assert()
        .code(1);
    std::fs::write(dir.path().join("review.txt"), "reviewed\n").unwrap();
    steward(dir.path())
        .args([
            "attest",
            "STW-AUTH-003",
            "--by",
            "ana",
            "--evidence",
            "review.txt",
        ])
        .args(["--expires", "2099-12-31"])
        .assert()
        .success();
    let (code, out, err) = run(steward(dir.path()).args(["plan", "--no-ledger", "-f", "oscal-ar"]));
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let result = &doc["assessment-results"]["results"][0];
    let findings = result["findings"].as_array().unwrap();
    let plan = plan_json(dir.path(), &[]);
    assert_eq!(
        findings.len(),
        plan["requirements"].as_array().unwrap().len()
    );
    let reviewed = result["reviewed-controls"]["control-selections"][0]["include-controls"]
        .as_array()
        .unwrap();
    assert_eq!(reviewed.len(), findings.len());
    let target = |id: &str| {
        let f = findings
            .iter()
            .find(|f| f["target"]["target-id"] == id)
            .unwrap_or_else(|| panic!("no finding for {id}"));
        (
            f["target"]["status"]["state"].as_str().unwrap().to_string(),
            f["target"]["status"]["reason"]
                .as_str()
                .unwrap()
                .to_string(),
            f.clone(),
        )
    };
    // The leaked key fails the secrets requirement; the JWT one stays verified by the same
    // scan; the attested one is satisfied; one with no evidence is not.
    let (state, reason, failing) = target("STW-SECRETS-001");
    assert_eq!((state.as_str(), reason.as_str()), ("not-satisfied", "fail"));
    assert!(
        failing["description"]
            .as_str()
            .unwrap()
            .contains("secrets/aws-access-key-id"),
        "{failing}"
    );
    let (state, reason, _) = target("STW-SESSION-008");
    assert_eq!((state.as_str(), reason.as_str()), ("satisfied", "pass"));
    let (state, reason, attested) = target("STW-AUTH-003");
    assert_eq!((state.as_str(), reason.as_str()), ("satisfied", "pass"));
    assert!(attested["description"].as_str().unwrap().contains("ana"));
    let unverified = plan["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "not_verified")
        .expect("some requirement has no evidence");
    let (state, reason, _) = target(unverified["id"].as_str().unwrap());
    assert_eq!(
        (state.as_str(), reason.as_str()),
        ("not-satisfied", "other")
    );

    // Every related observation exists, and the failing finding rests on the second scan.
    let observations = result["observations"].as_array().unwrap();
    let uuids: Vec<&str> = observations
        .iter()
        .map(|o| o["uuid"].as_str().unwrap())
        .collect();
    for f in findings {
        for rel in f["related-observations"].as_array().into_iter().flatten() {
            assert!(
                uuids.contains(&rel["observation-uuid"].as_str().unwrap()),
                "{f}"
            );
        }
    }
    let failing_obs = observations
        .iter()
        .find(|o| o["uuid"] == failing["related-observations"][0]["observation-uuid"])
        .unwrap();
    assert_eq!(failing_obs["methods"][0], "TEST");
    assert_eq!(failing_obs["types"][0], "finding");
    assert!(
        observations.iter().any(|o| o["methods"][0] == "EXAMINE"),
        "the attestation is an observation"
    );

    trestle_validates("assessment-results/checkout/assessment-results.json", &doc);
}

#[test]
fn plan_without_a_manifest_says_to_run_init() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(steward(dir.path()).args(["plan"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("no steward.toml in . or its parents: run `steward init`"),
        "{err}"
    );
}

#[test]
fn a_broken_manifest_is_named_by_line_and_key() {
    // A key missing.
    let dir = project("[product]\nowner = \"payments\"\n\n[data]\nclasses = [\"pii\"]\n");
    let (code, _, err) = run(steward(dir.path()).args(["plan"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("steward.toml:1:1: `product`: missing field `name`"),
        "{err}"
    );
    // A wrong value: named, its component left out, and the rest still planned.
    let dir = project(&CARD_SG_AR.replace("zone = \"internal\"", "zone = \"intranet\""));
    let (code, out, err) = run(steward(dir.path()).args(["plan"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("steward.toml:19:8: `component[1].zone`"),
        "{err}"
    );
    assert!(err.contains("intranet"), "{err}");
    assert!(err.contains("1 part left out of the plan below"), "{err}");
    assert!(
        out.starts_with("checkout — build phase; holds cardholder, pii; in SG, AR"),
        "{out}"
    );
    assert!(
        out.contains("PCI DSS v4.0.1") && out.contains("STW-AUTH-007"),
        "{out}"
    );
    assert!(!dir.path().join(".steward/ledger.db").exists());

    // Several errors: each named, by line and key; JSON still parses.
    let broken = CARD_SG_AR
        .replace("phase = \"build\"", "phase = \"biuld\"")
        .replace("kind = \"database\"", "kind = \"datastore\"");
    let dir = project(&broken);
    let (code, out, err) = run(steward(dir.path()).args(["plan", "-f", "json"]));
    assert_eq!(code, 2);
    assert!(err.contains("steward.toml:4:9: `product.phase`"), "{err}");
    assert!(
        err.contains("steward.toml:17:8: `component[1].kind`"),
        "{err}"
    );
    let plan: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["product"]["name"], "checkout");
    assert!(framework(&plan, "pci_dss").is_some());
}
