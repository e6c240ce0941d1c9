//! The scanner against the deliberately vulnerable application and its safe twin: every
//! flaw found in one, nothing in the other; nothing sent outside the scope; budget and
//! cancellation end the scan with what was found.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use steward_core::Confidence;
use steward_web::auth::Login;
use steward_web::replay::RecordedFinding;
use steward_web::testapp::{AppOptions, Flavour, MEMBER_PASSWORD, MEMBER_USER, TestApp};
use steward_web::{
    Cancel, DastEngine, Limits, ScanOptions, ScanOutcome, SensitiveDataDetector, SensitiveValue,
    StopReason,
};

/// DLP's classifiers, as the binary wires them.
struct Dlp;

impl SensitiveDataDetector for Dlp {
    fn detect(&self, bytes: &[u8]) -> Vec<SensitiveValue> {
        steward_dlp::classify_bytes(bytes)
            .into_iter()
            .filter(|h| h.confidence > Confidence::Low)
            .map(|h| SensitiveValue {
                class: h.class.id().to_string(),
                masked: h.masked,
            })
            .collect()
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn scan_with(app: &TestApp, active: bool, limits: Limits, cancel: Cancel) -> ScanOutcome {
    let mut options = ScanOptions::new(app.url().parse().unwrap());
    options.active = active;
    options.limits = limits;
    scan_options(&options, cancel)
}

fn scan_options(options: &ScanOptions, cancel: Cancel) -> ScanOutcome {
    let engine = DastEngine::new().unwrap().with_detector(Arc::new(Dlp));
    runtime().block_on(engine.scan(options, cancel)).unwrap()
}

fn member_login(app: &TestApp, password: &str) -> Login {
    Login {
        url: format!("{}login", app.url()).parse().unwrap(),
        username: MEMBER_USER.into(),
        password: password.into(),
        username_field: None,
        password_field: None,
        success: None,
        logged_out: None,
    }
}

/// An active scan logged in as the member.
fn scan_logged_in(app: &TestApp) -> ScanOutcome {
    let mut options = ScanOptions::new(app.url().parse().unwrap());
    options.active = true;
    options.login = Some(member_login(app, MEMBER_PASSWORD));
    scan_options(&options, Cancel::new())
}

fn scan(app: &TestApp, active: bool) -> ScanOutcome {
    scan_with(app, active, Limits::default(), Cancel::new())
}

/// (rule, URL path, parameter) of every finding.
fn found(outcome: &ScanOutcome) -> BTreeSet<(String, String, String)> {
    outcome
        .findings
        .iter()
        .map(|f| {
            let url: steward_web::Url = f.location.path.parse().unwrap();
            let param = f
                .properties
                .get("parameter")
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_string();
            (f.rule_id.clone(), url.path().to_string(), param)
        })
        .collect()
}

#[test]
fn every_flaw_of_the_vulnerable_app_is_found() {
    let app = TestApp::start(Flavour::Vulnerable).unwrap();
    let outcome = scan(&app, true);
    let found = found(&outcome);
    let expected = [
        ("dast/reflected-xss", "/search", "q"),
        ("dast/reflected-xss", "/profile", "name"),
        ("dast/open-redirect", "/go", "url"),
        ("dast/path-traversal", "/download", "file"),
        ("dast/exposed-git-config", "/.git/config", ""),
        ("dast/exposed-env-file", "/.env", ""),
        ("dast/exposed-sql-backup", "/backup.sql", ""),
        ("dast/cors-reflected-origin", "/api/data", "Origin"),
        ("dast/sql-error", "/stats", ""),
        ("dast/sql-injection", "/item", "id"),
        ("dast/sql-injection", "/product", "id"),
        ("dast/sql-injection", "/lookup", "user"),
        ("dast/command-injection", "/checksum", "file"),
        ("dast/command-injection", "/subscribe", "email"),
        ("dast/stored-xss", "/guestbook/sign", "comment"),
        ("dast/template-injection", "/greet", "name"),
        ("dast/ssrf", "/preview", "url"),
        ("dast/form-without-csrf-token", "/newsletter", ""),
        ("dast/form-without-csrf-token", "/guestbook", ""),
        ("dast/stack-trace", "/report", ""),
        ("dast/directory-listing", "/files/", ""),
        ("dast/form-without-csrf-token", "/login", ""),
        ("dast/sensitive-data", "/account", ""),
        ("dast/cookie-no-secure", "/", "session"),
        ("dast/cookie-no-httponly", "/", "session"),
        ("dast/cookie-no-samesite", "/", "session"),
        ("dast/missing-csp", "/", ""),
        ("dast/missing-frame-protection", "/", ""),
        ("dast/missing-x-content-type-options", "/", ""),
        // A cookie the page sets and reads back: attacked like any parameter.
        ("dast/sql-injection", "/preferences", "theme"),
        ("dast/reflected-xss", "/preferences", "theme"),
        // Admin consoles that still take the installer's password, found by templates.
        ("dast/tomcat-manager-default-login", "/manager/html", ""),
        ("dast/basic-auth-default-login", "/admin/", ""),
    ];
    for (rule, path, param) in expected {
        assert!(
            found.contains(&(rule.into(), path.into(), param.into())),
            "{rule} at {path} ({param}) not found in\n{found:#?}"
        );
    }
    let banners: Vec<_> = outcome
        .findings
        .iter()
        .filter(|f| f.rule_id == "dast/version-banner")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(banners.len(), 2, "{banners:?}");
    // /slow is uneven (0.1 to 0.9 s) but safe: no time-based check may take it for a delay.
    assert!(
        !found.iter().any(|(_, path, _)| path == "/slow"),
        "{found:#?}"
    );

    // Each injection flavour is confirmed by its own technique.
    for (rule, path, technique) in [
        ("dast/sql-injection", "/item", "error-based"),
        ("dast/sql-injection", "/product", "boolean-based"),
        ("dast/sql-injection", "/lookup", "time-based"),
        ("dast/sql-injection", "/preferences", "error-based"),
        ("dast/command-injection", "/checksum", "printed"),
        ("dast/command-injection", "/subscribe", "time-based"),
        ("dast/stored-xss", "/guestbook/sign", "shown unescaped on"),
        ("dast/ssrf", "/preview", "received the request"),
    ] {
        let f = outcome
            .findings
            .iter()
            .find(|f| f.rule_id == rule && f.location.path.contains(path))
            .unwrap();
        assert!(f.message.contains(technique), "{path}: {}", f.message);
        eprintln!("{path}: {}\n{}", f.message, f.properties["evidence"]);
    }
    assert_eq!(outcome.stopped, StopReason::Completed);

    // Each finding says how to reproduce it.
    let xss = outcome
        .findings
        .iter()
        .find(|f| f.rule_id == "dast/reflected-xss")
        .unwrap();
    for key in [
        "url",
        "method",
        "parameter",
        "payload",
        "request",
        "evidence",
    ] {
        assert!(xss.properties.contains_key(key), "{key}: {xss:#?}");
    }
    assert!(!xss.cwe.is_empty() && xss.remediation.is_some());
    let traversal = outcome
        .findings
        .iter()
        .find(|f| f.rule_id == "dast/path-traversal")
        .unwrap();
    let evidence = traversal.properties["evidence"].as_str().unwrap();
    assert!(evidence.contains("root:"), "{evidence}");
}

#[test]
fn the_safe_twin_has_no_finding() {
    // Logged in, so the members' pages are attacked too.
    let app = TestApp::start(Flavour::Safe).unwrap();
    let outcome = scan_logged_in(&app);
    assert!(outcome.findings.is_empty(), "{:#?}", found(&outcome));
    assert_eq!(app.logouts(), 0);
    assert!(
        outcome
            .endpoints
            .iter()
            .any(|e| e.url.path() == "/members/orders"),
        "{:?}",
        outcome.endpoints
    );
    // It was really crawled and attacked.
    assert!(outcome.pages >= 10, "{}", outcome.pages);
    assert!(outcome.endpoints.len() >= 5, "{:?}", outcome.endpoints);
    assert!(outcome.requests > 40, "{}", outcome.requests);
}

#[test]
fn passive_scan_sends_no_payload_and_still_finds_the_passive_flaws() {
    let app = TestApp::start(Flavour::Vulnerable).unwrap();
    let outcome = scan(&app, false);
    let rules: BTreeSet<&str> = outcome
        .findings
        .iter()
        .map(|f| f.rule_id.as_str())
        .collect();
    assert!(rules.contains("dast/missing-csp"));
    assert!(rules.contains("dast/cors-reflected-origin"));
    assert!(!rules.contains("dast/reflected-xss"));
    assert!(!rules.iter().any(|r| r.starts_with("dast/exposed-")));
}

#[test]
fn nothing_is_sent_outside_the_scope() {
    // A second listener on 127.0.0.1 (another port: another origin) that counts every
    // connection: the app links to it, redirects to it, posts a form to it and frames it,
    // and an OpenAPI document names it as its server.
    let mut outside = TestApp::start(Flavour::Vulnerable).unwrap();
    let app = TestApp::start_with(
        Flavour::Vulnerable,
        AppOptions {
            outside_url: Some(outside.url() + "partner"),
            ..AppOptions::default()
        },
    )
    .unwrap();
    let target: steward_web::Url = app.url().parse().unwrap();
    let spec = format!(
        "openapi: 3.0.0\nservers: [{{url: '{}api'}}]\npaths:\n  /items:\n    get:\n      parameters: [{{name: q, in: query, schema: {{type: string}}}}]\n",
        outside.url()
    );
    let mut options = ScanOptions::new(target.clone());
    options.active = true;
    options.seeds = steward_web::openapi::endpoints(&spec, &target).unwrap();
    assert_eq!(options.seeds.len(), 1);
    let outcome = scan_options(&options, Cancel::new());
    // The link, the redirect, the form, the frame and the seed.
    assert!(outcome.out_of_scope >= 5, "{}", outcome.out_of_scope);
    assert!(!outcome.findings.is_empty());
    assert_eq!(outside.connections(), 0, "a request left the scope");
    outside.stop();
}

#[test]
fn the_budget_stops_the_scan_with_what_it_found() {
    let app = TestApp::start(Flavour::Vulnerable).unwrap();
    let limits = Limits {
        max_requests: 3,
        ..Limits::default()
    };
    let outcome = scan_with(&app, true, limits, Cancel::new());
    assert_eq!(outcome.stopped, StopReason::Budget);
    assert_eq!(outcome.requests, 3);
    assert!(
        outcome
            .findings
            .iter()
            .any(|f| f.rule_id == "dast/missing-csp")
    );
}

#[test]
fn cancelling_stops_the_scan_with_what_it_found() {
    let app = TestApp::start(Flavour::Vulnerable).unwrap();
    let limits = Limits {
        rate: 10.0,
        ..Limits::default()
    };
    let cancel = Cancel::new();
    let trigger = cancel.clone();
    let timer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(700));
        trigger.cancel();
    });
    let started = std::time::Instant::now();
    let outcome = scan_with(&app, true, limits, cancel);
    timer.join().unwrap();
    assert_eq!(outcome.stopped, StopReason::Cancelled);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(outcome.requests < 20, "{}", outcome.requests);
    assert!(!outcome.findings.is_empty());
}

#[test]
fn a_scan_behind_the_login_logs_in_again_and_never_logs_out() {
    // Sessions last 10 requests: the scan is logged out many times over.
    let app = TestApp::start_with(
        Flavour::Vulnerable,
        AppOptions {
            session_requests: Some(10),
            ..AppOptions::default()
        },
    )
    .unwrap();
    let outcome = scan_logged_in(&app);
    let found = found(&outcome);
    assert!(
        found.contains(&(
            "dast/reflected-xss".into(),
            "/members/orders".into(),
            "q".into()
        )),
        "{found:#?}"
    );
    assert!(outcome.logins >= 2, "{}", outcome.logins);
    assert_eq!(outcome.logins, app.logins());
    assert_eq!(app.logouts(), 0, "the scan followed a logout link");
    assert!(outcome.logout_links >= 1);

    // Without the login, the members' page is out of reach.
    let outcome = scan(&app, true);
    assert!(
        !found_has(&outcome, "/members/orders"),
        "{:#?}",
        outcome.endpoints
    );
}

fn found_has(outcome: &ScanOutcome, path: &str) -> bool {
    outcome.endpoints.iter().any(|e| e.url.path() == path)
}

#[test]
fn wrong_credentials_stop_the_scan_with_a_clear_error() {
    let app = TestApp::start(Flavour::Safe).unwrap();
    let mut options = ScanOptions::new(app.url().parse().unwrap());
    options.login = Some(member_login(&app, "wrong"));
    let engine = DastEngine::new().unwrap();
    let err = runtime()
        .block_on(engine.scan(&options, Cancel::new()))
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("did not work") && text.contains("login"),
        "{text}"
    );
}

#[test]
fn an_openapi_document_seeds_the_api_no_page_links_to() {
    let spec = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/shop-openapi.yaml"
    ))
    .unwrap();
    let expected = [
        ("dast/sql-injection", "/api/v1/products/2", "id"),
        ("dast/sql-injection", "/api/v1/orders", "X-Account"),
        ("dast/template-injection", "/api/v1/greeting", "name"),
    ];
    for flavour in [Flavour::Vulnerable, Flavour::Safe] {
        let app = TestApp::start(flavour).unwrap();
        let target: steward_web::Url = app.url().parse().unwrap();
        let mut options = ScanOptions::new(target.clone());
        options.active = true;
        options.seeds = steward_web::openapi::endpoints(&spec, &target).unwrap();
        let outcome = scan_options(&options, Cancel::new());
        let found = found(&outcome);
        for (rule, path, param) in expected {
            let hit = found.contains(&(rule.into(), path.into(), param.into()));
            assert_eq!(
                hit,
                flavour == Flavour::Vulnerable,
                "{flavour:?}: {rule} at {path} ({param}) in\n{found:#?}"
            );
        }
        if flavour == Flavour::Safe {
            assert!(found.is_empty(), "{found:#?}");
        }
    }
    // Without the document, the crawl does not reach the API.
    let app = TestApp::start(Flavour::Vulnerable).unwrap();
    let outcome = scan(&app, true);
    assert!(
        !outcome
            .endpoints
            .iter()
            .any(|e| e.url.path().starts_with("/api/v1/")),
        "{:?}",
        outcome.endpoints
    );
}

#[test]
fn every_finding_replays_until_the_flaw_is_fixed() {
    let vulnerable = TestApp::start(Flavour::Vulnerable).unwrap();
    // The fixed version, as if deployed where the vulnerable one was: the recorded
    // requests are moved to its address.
    let fixed = TestApp::start(Flavour::Safe).unwrap();
    let outcome = scan(&vulnerable, true);
    assert!(outcome.findings.len() > 30, "{}", outcome.findings.len());
    let engine = DastEngine::new().unwrap().with_detector(Arc::new(Dlp));
    let rt = runtime();
    let replay = |json: &serde_json::Value| {
        let recorded = RecordedFinding::from_json(json).unwrap();
        rt.block_on(engine.replay(
            &recorded,
            Vec::new(),
            None,
            Duration::from_secs(10),
            Cancel::new(),
        ))
        .unwrap()
    };
    for f in &outcome.findings {
        let json = serde_json::to_value(f).unwrap();
        let again = replay(&json);
        assert!(
            again.still_there,
            "{} at {}: {}",
            f.rule_id, f.location.path, again.detail
        );
        let moved: serde_json::Value = serde_json::from_str(
            &json
                .to_string()
                .replace(&vulnerable.addr().to_string(), &fixed.addr().to_string()),
        )
        .unwrap();
        let after_fix = replay(&moved);
        assert!(
            !after_fix.still_there,
            "{} at {} still reproduces on the fixed app: {}",
            f.rule_id, f.location.path, after_fix.detail
        );
    }
}
