//! `steward dast URL` through the real binary, against the vulnerable test application and
//! its safe twin started on 127.0.0.1 by each test.

use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use steward_web::testapp::{AppOptions, Flavour, MEMBER_PASSWORD, MEMBER_USER, TestApp};

fn steward(dir: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)))
}

fn rule_ids(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn active_scan_of_the_vulnerable_app_fails_the_gate_with_reproducible_findings() {
    let app = TestApp::start(Flavour::Vulnerable).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = steward(dir.path())
        .args(["dast", &app.url(), "--active", "-f", "json", "--no-ledger"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out.stdout);
    assert_eq!(report["command"], "dast");
    let ids = rule_ids(&report);
    for rule in [
        "dast/reflected-xss",
        "dast/open-redirect",
        "dast/path-traversal",
        "dast/exposed-git-config",
        "dast/exposed-env-file",
        "dast/cors-reflected-origin",
        "dast/sensitive-data",
        "dast/missing-csp",
        "dast/tomcat-manager-default-login",
        "dast/basic-auth-default-login",
    ] {
        assert!(ids.iter().any(|i| i == rule), "{rule} missing from {ids:?}");
    }
    let xss = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "dast/reflected-xss")
        .unwrap();
    let path = xss["location"]["path"].as_str().unwrap();
    assert!(path.starts_with(&app.url()), "{path}");
    for key in [
        "url",
        "method",
        "parameter",
        "payload",
        "request",
        "evidence",
    ] {
        assert!(xss["properties"].get(key).is_some(), "{key}: {xss}");
    }
    assert_eq!(xss["cwe"][0], "CWE-79");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("completed"), "{stderr}");
}

#[test]
fn the_safe_twin_passes_and_is_recorded_in_the_ledger() {
    let app = TestApp::start(Flavour::Safe).unwrap();
    let dir = tempfile::tempdir().unwrap();
    steward(dir.path())
        .args([
            "dast",
            &app.url(),
            "--active",
            "--fail-on",
            "low",
            "-f",
            "json",
            "-o",
            "r.json",
        ])
        .assert()
        .code(0);
    let report = json(&std::fs::read(dir.path().join("r.json")).unwrap());
    assert_eq!(rule_ids(&report), Vec::<String>::new());
    let out = steward(dir.path())
        .args(["ledger", "list"])
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(list.contains("dast"), "{list}");
}

#[test]
fn sarif_junit_and_markdown_name_the_url() {
    let app = TestApp::start(Flavour::Vulnerable).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for format in ["sarif", "junit", "markdown", "text"] {
        let out = steward(dir.path())
            .args([
                "dast",
                &app.url(),
                "--no-ledger",
                "-f",
                format,
                "--fail-on",
                "none",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains(&format!("{}account", app.url())),
            "{format}: {text}"
        );
        assert!(text.contains("dast/missing-csp"), "{format}: {text}");
    }
}

#[test]
fn budget_and_bad_input() {
    let app = TestApp::start(Flavour::Vulnerable).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = steward(dir.path())
        .args([
            "dast",
            &app.url(),
            "--max-requests",
            "2",
            "--no-ledger",
            "-f",
            "json",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2 requests") && stderr.contains("budget"),
        "{stderr}"
    );
    assert!(!rule_ids(&json(&out.stdout)).is_empty());

    let out = steward(dir.path())
        .args(["dast", &app.url(), "--header", "no colon", "--no-ledger"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Name: value"));

    // A port nothing listens on: say so, exit 2.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", closed.local_addr().unwrap());
    drop(closed);
    let out = steward(dir.path())
        .args(["dast", &url, "--no-ledger"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not reach"));
}

#[test]
fn ctrl_c_stops_the_scan_and_still_writes_the_report() {
    let app = TestApp::start(Flavour::Vulnerable).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("steward");
    let child = std::process::Command::new(bin)
        .current_dir(dir.path())
        .env_remove("STEWARD_STORE")
        .args([
            "dast",
            &app.url(),
            "--active",
            "--rate",
            "4",
            "--no-ledger",
            "-f",
            "json",
            "-o",
            "partial.json",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    let out = child.wait_with_output().unwrap();
    assert!(started.elapsed() < Duration::from_secs(10));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{:?} {stderr}",
        out.status
    );
    let report = json(&std::fs::read(dir.path().join("partial.json")).unwrap());
    assert!(!rule_ids(&report).is_empty());
}

#[test]
fn login_with_credentials_from_the_environment_reaches_the_members_pages() {
    let app = TestApp::start_with(
        Flavour::Vulnerable,
        AppOptions {
            session_requests: Some(20),
            ..AppOptions::default()
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let login = [
        "--login-url",
        "/login",
        "--login-user-env",
        "SHOP_USER",
        "--login-password-env",
        "SHOP_PASSWORD",
    ];
    let out = steward(dir.path())
        .env("SHOP_USER", MEMBER_USER)
        .env("SHOP_PASSWORD", MEMBER_PASSWORD)
        .args(["dast", &app.url(), "--active", "-f", "json", "--no-ledger"])
        .args(login)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let report = json(&out.stdout);
    let members_xss = report["findings"].as_array().unwrap().iter().any(|f| {
        f["rule_id"] == "dast/reflected-xss"
            && f["location"]["path"]
                .as_str()
                .is_some_and(|p| p.contains("/members/orders"))
    });
    assert!(members_xss, "{stderr}");
    assert!(stderr.contains("logged in"), "{stderr}");
    assert_eq!(app.logouts(), 0);
    // The password never reaches the output.
    assert!(!String::from_utf8_lossy(&out.stdout).contains(MEMBER_PASSWORD));

    // A variable that is not set, and a wrong password: exit 2, saying what to fix.
    let out = steward(dir.path())
        .env_remove("SHOP_USER")
        .env("SHOP_PASSWORD", MEMBER_PASSWORD)
        .args(["dast", &app.url(), "--no-ledger"])
        .args(login)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`SHOP_USER` is not set"));
    let out = steward(dir.path())
        .env("SHOP_USER", MEMBER_USER)
        // steward:ignore[secrets/generic-password] a wrong password the test app must refuse
        .env("SHOP_PASSWORD", "not-it")
        .args(["dast", &app.url(), "--no-ledger"])
        .args(login)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("did not work"), "{stderr}");
}

#[test]
fn openapi_document_adds_the_api_endpoints() {
    let app = TestApp::start(Flavour::Vulnerable).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let spec = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../steward-web/tests/fixtures/shop-openapi.yaml"
    );
    let out = steward(dir.path())
        .args([
            "dast",
            &app.url(),
            "--active",
            "--openapi",
            spec,
            "-f",
            "json",
            "--no-ledger",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let report = json(&out.stdout);
    let api_sqli = report["findings"].as_array().unwrap().iter().any(|f| {
        f["rule_id"] == "dast/sql-injection" && f["properties"]["parameter"] == "X-Account"
    });
    assert!(api_sqli, "{stderr}");

    std::fs::write(
        dir.path().join("swagger.yaml"),
        "swagger: '2.0'\npaths: {}\n",
    )
    .unwrap();
    let out = steward(dir.path())
        .args([
            "dast",
            &app.url(),
            "--openapi",
            "swagger.yaml",
            "--no-ledger",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Swagger 2.0"), "{stderr}");
}

#[test]
fn replay_resends_a_finding_from_the_ledger_or_a_report_until_it_is_fixed() {
    let mut app = TestApp::start(Flavour::Vulnerable).unwrap();
    let addr = app.addr();
    let dir = tempfile::tempdir().unwrap();
    let out = steward(dir.path())
        .args(["dast", &app.url(), "--active", "-f", "json", "-o", "r.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = json(&std::fs::read(dir.path().join("r.json")).unwrap());
    let fingerprint = |rule: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule_id"] == rule)
            .and_then(|f| f["fingerprint"].as_str())
            .unwrap()
            .to_string()
    };
    let traversal = fingerprint("dast/path-traversal");
    let sqli = fingerprint("dast/sql-injection");
    // A template finding (sent again credential by credential), and an injection through
    // a cookie.
    let console = fingerprint("dast/tomcat-manager-default-login");
    let cookie_sqli = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "dast/sql-injection" && f["properties"]["parameter"] == "theme")
        .and_then(|f| f["fingerprint"].as_str())
        .unwrap()
        .to_string();
    for id in [&console, &cookie_sqli] {
        let out = steward(dir.path())
            .args(["dast", "--replay", id, "--no-ledger"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{stdout}");
        assert!(stdout.contains("STILL THERE"), "{stdout}");
    }

    // From the ledger, by a prefix of the fingerprint.
    let out = steward(dir.path())
        .args(["dast", "--replay", &traversal[..10]])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("STILL THERE") && stdout.contains("/download"),
        "{stdout}"
    );
    // The replay is recorded in the ledger.
    let out = steward(dir.path())
        .args(["ledger", "list"])
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(list.contains("dast-replay"), "{list}");
    // From the report.
    let out = steward(dir.path())
        .args(["dast", "--replay", &sqli, "--report", "r.json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // The fixed version at the same address: both no longer reproduce.
    app.stop();
    let fixed = TestApp::bind(&addr.to_string(), Flavour::Safe, AppOptions::default()).unwrap();
    for id in [&traversal, &sqli, &console, &cookie_sqli] {
        let out = steward(dir.path())
            .args(["dast", "--replay", id, "--no-ledger"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        assert!(stdout.contains("no longer reproduces"), "{stdout}");
    }
    drop(fixed);

    // An id that is no finding, and one that is not a fingerprint.
    for (id, says) in [("0123456789abcdef", "no finding"), ("xyz", "fingerprint")] {
        let out = steward(dir.path())
            .args(["dast", "--replay", id])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains(says));
    }
}

#[test]
fn templates_of_the_users_own_run_beside_the_shipped_ones() {
    let app = TestApp::start(Flavour::Safe).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("shop-admin.yaml"),
        r#"id: shop-admin-reachable
info:
  name: The shop's administration area is reachable from here
  severity: high
  classification:
    cwe-id: CWE-284
http:
  - method: GET
    path: ["{{RootURL}}/admin/"]
    matchers-condition: and
    matchers:
      - type: status
        status: [401]
      - type: regex
        part: header
        regex: ['(?i)www-authenticate: basic realm="Shop administration"']
"#,
    )
    .unwrap();
    let out = steward(dir.path())
        .args(["dast", &app.url(), "--active", "--templates"])
        .arg(&templates)
        .args(["-f", "json", "--no-ledger"])
        .output()
        .unwrap();
    // The safe twin has no finding of steward's own; the user's template finds its one.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out.stdout);
    assert_eq!(rule_ids(&report), ["dast/shop-admin-reachable"]);
    assert_eq!(report["findings"][0]["cwe"][0], "CWE-284");

    // A template outside the supported subset stops the run before any request, naming it.
    std::fs::write(
        templates.join("broken.yaml"),
        "id: broken\ninfo: {name: b, severity: low}\nhttp:\n  - path: ['{{BaseURL}}/']\n    matchers:\n      - type: binary\n",
    )
    .unwrap();
    let before = app.connections();
    let out = steward(dir.path())
        .args(["dast", &app.url(), "--active", "--templates"])
        .arg(&templates)
        .arg("--no-ledger")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.yaml") && stderr.contains("binary"),
        "{stderr}"
    );
    assert_eq!(app.connections(), before);
    // A template may not take a shipped template's id.
    std::fs::remove_file(templates.join("broken.yaml")).unwrap();
    std::fs::write(
        templates.join("mine.yaml"),
        "id: exposed-env-file\ninfo: {name: e, severity: low}\nhttp:\n  - path: ['{{BaseURL}}/.env']\n    matchers:\n      - type: status\n        status: [200]\n",
    )
    .unwrap();
    let out = steward(dir.path())
        .args(["dast", &app.url(), "--templates"])
        .arg(&templates)
        .arg("--no-ledger")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("dast/exposed-env-file"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
