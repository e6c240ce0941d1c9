//! HTTP admin consoles as monitored assets (kind `admin-console`): the test application's
//! Tomcat-style manager and Basic-auth admin area take their default passwords in the
//! vulnerable flavour and not in the safe one; `steward monitor run` reports the first as a
//! critical exposure and passes the second, and an unreachable console is skipped, never
//! passed.

use std::path::Path;

use assert_cmd::Command;
use steward_web::testapp::{Flavour, TestApp};

mod common;

fn monitor(dir: &Path, location: &str) -> (i32, serde_json::Value) {
    std::fs::write(
        dir.join("steward.toml"),
        format!(
            "[product]\nname = \"shop\"\n\n[[asset]]\nid = \"ops-console\"\nkind = \"admin-console\"\nlocation = \"{location}\"\n"
        ),
    )
    .unwrap();
    let out = Command::cargo_bin("steward")
        .unwrap()
        .env_remove("STEWARD_STORE")
        .current_dir(dir)
        .args(["monitor", "run", "--no-ledger", "-f", "json"])
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), report)
}

#[test]
fn a_console_with_its_default_password_is_critical_and_its_safe_twin_passes() {
    let dir = tempfile::tempdir().unwrap();
    let vulnerable = TestApp::start(Flavour::Vulnerable).unwrap();
    let (code, report) = monitor(dir.path(), &vulnerable.url());
    assert_eq!(code, 1, "{report}");
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{report}");
    let f = &findings[0];
    assert_eq!(f["rule_id"], "monitor/admin-console-default-login");
    assert_eq!(f["severity"], "critical");
    let message = f["message"].as_str().unwrap();
    assert!(message.contains("asset `ops-console`"), "{message}");
    assert!(message.contains("/manager/html"), "{message}");
    assert!(message.contains("tomcat"), "{message}");

    let safe = TestApp::start(Flavour::Safe).unwrap();
    let (code, report) = monitor(dir.path(), &safe.url());
    assert_eq!(code, 0, "{report}");
    assert!(
        report["findings"].as_array().unwrap().is_empty(),
        "{report}"
    );
    assert!(report["skipped"].as_array().unwrap().is_empty(), "{report}");
}

#[test]
fn an_unreachable_console_is_skipped_not_passed() {
    let dir = tempfile::tempdir().unwrap();
    let port = common::free_port();
    let (_, report) = monitor(dir.path(), &format!("http://127.0.0.1:{port}"));
    assert!(
        report["findings"].as_array().unwrap().is_empty(),
        "{report}"
    );
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{report}");
    assert_eq!(skipped[0]["path"], "asset:ops-console");
}
