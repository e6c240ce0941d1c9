//! `steward init`: flags, repository inspection, the questionnaire, and a manifest every
//! command accepts.

use std::io::Write;
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;

fn steward(dir: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("docker-compose.yml"),
        "services:\n  web:\n    build: .\n    ports: [\"443:8443\"]\n  orders-db:\n    image: mongo:7\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"aws_s3_bucket\" \"receipts\" {\n  bucket = \"acme-receipts\"\n}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("app.py"), "from flask import Flask\n").unwrap();
    std::fs::write(dir.path().join("requirements.txt"), "flask==3.0.3\n").unwrap();
    dir
}

#[test]
fn flags_and_detected_components_make_a_valid_manifest() {
    let dir = project();
    steward(dir.path())
        .args([
            "init",
            "--yes",
            "--name",
            "checkout",
            "--owner",
            "payments-team",
            "--data",
            "cardholder,pii",
            "--jurisdiction",
            "SG,ar,EU",
            "--component",
            "id=orders-db,kind=database,tech=mongodb,zone=dmz,auth=default,holds=cardholder,encrypted=false",
            "--asset",
            "id=receipts-bucket,kind=s3-bucket,location=s3://acme-receipts,holds=pii",
            "--fail-on",
            "medium",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2 data classes, 3 jurisdictions, 3 components (2 found in the repository), 1 asset",
        ));
    let text = std::fs::read_to_string(dir.path().join("steward.toml")).unwrap();
    let m = steward_core::manifest::Manifest::parse("steward.toml", &text).unwrap();
    assert_eq!(m.product.name, "checkout");
    let ids: Vec<&str> = m
        .components
        .iter()
        .map(|c| c.id.get_ref().as_str())
        .collect();
    // The flag's orders-db wins over the detected one; web and the bucket are proposed.
    assert_eq!(ids, ["orders-db", "web", "receipts"]);
    assert_eq!(
        m.components[0].auth,
        Some(steward_core::manifest::Auth::Default)
    );
    assert!(text.contains("# found in docker-compose.yml:2"), "{text}");
    // What it is written in and with, and where that was seen.
    assert_eq!(m.product.languages, ["python"]);
    assert_eq!(m.product.frameworks, ["flask"]);
    assert!(
        text.contains("frameworks = [\"flask\"]   # found: flask: requirements.txt"),
        "{text}"
    );
    // Flags name them instead, for scripts.
    let out = steward(dir.path())
        .args(["init", "--dry-run", "--yes", "--language", "Go,python"])
        .args(["--framework", "gin"])
        .output()
        .unwrap();
    let dry = String::from_utf8_lossy(&out.stdout);
    assert!(dry.contains("languages = [\"go\", \"python\"]\n"), "{dry}");
    assert!(dry.contains("frameworks = [\"gin\"]\n"), "{dry}");
    assert_eq!(m.components[1].ports, [443]);
    assert_eq!(
        m.fail_on(),
        Some(steward_core::FailOn::AtLeast(
            steward_core::Severity::Medium
        ))
    );
    // Recorded as the first piece of evidence.
    steward(dir.path())
        .args(["ledger", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("init"));
    // And it refuses to overwrite.
    steward(dir.path())
        .args(["init", "--yes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn bad_flag_values_say_what_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    steward(dir.path())
        .args(["init", "--yes", "--data", "cardholder,secrets"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--data: unknown variant `secrets`",
        ));
    steward(dir.path())
        .args([
            "init",
            "--yes",
            "--component",
            "id=db,kind=database,zone=moon",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--component zone: unknown variant `moon`",
        ));
    steward(dir.path())
        .args(["init", "--yes", "--jurisdiction", "Singapore"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an ISO 3166"));
    steward(dir.path())
        .args([
            "init",
            "--yes",
            "--component",
            "id=db,kind=database,zone=dmz,holds=health",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("add `health` to --data"));
    assert!(!dir.path().join("steward.toml").exists());
}

#[test]
fn the_questionnaire_takes_answers_and_reasks_on_bad_ones() {
    let dir = project();
    let bin = assert_cmd::cargo::cargo_bin("steward");
    let mut child = std::process::Command::new(bin)
        .current_dir(dir.path())
        .env_remove("STEWARD_STORE")
        .args(["init", "--ask", "--no-ledger"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // name, owner, phase (bad then good), data, jurisdictions, languages (keep what was
    // found), frameworks (one added), web: keep, zone dmz, auth (bad then none); orders-db:
    // keep, zone internal, auth default; receipts: drop.
    let answers = "shop\nteam-a\nlaunch\ndesign\nhealth\nUS\n\nflask, celery\ny\ndmz\nsecret\nnone\ny\n\ndefault\nn\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(answers.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("unknown variant `launch`"), "{err}");
    let text = std::fs::read_to_string(dir.path().join("steward.toml")).unwrap();
    let m = steward_core::manifest::Manifest::parse("steward.toml", &text).unwrap();
    assert_eq!(m.product.name, "shop");
    assert_eq!(m.product.phase, steward_core::manifest::Phase::Design);
    assert_eq!(m.data.classes, [steward_core::manifest::DataClass::Health]);
    assert_eq!(m.product.languages, ["python"]);
    assert_eq!(m.product.frameworks, ["flask", "celery"]);
    assert!(
        text.contains("# found: flask: requirements.txt\n"),
        "the kept framework keeps its source: {text}"
    );
    let comps: Vec<(
        &str,
        steward_core::manifest::Zone,
        Option<steward_core::manifest::Auth>,
    )> = m
        .components
        .iter()
        .map(|c| (c.id.get_ref().as_str(), c.zone, c.auth))
        .collect();
    use steward_core::manifest::{Auth, Zone};
    assert_eq!(
        comps,
        [
            ("web", Zone::Dmz, Some(Auth::None)),
            ("orders-db", Zone::Internal, Some(Auth::Default))
        ]
    );
}
