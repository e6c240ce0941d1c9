//! One fixed run that exercises every corner the writers must handle: every severity, a
//! whole-file location, a rule missing from the catalog, markup and control characters in
//! a message, a path that needs percent-encoding, suppressions with and without reasons,
//! skipped files, an engine with no findings, and fixed timestamps.

use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;
use steward_core::collect::{SkipReason, Skipped};
use steward_core::finding::FlowStep;
use steward_core::report::Report;
use steward_core::triage::{GateOutcome, SuppressedFinding, triage_rules};
use steward_core::{
    Confidence, Cwe, FailOn, Finding, Location, Owasp, Rule, RuleCatalog, Severity,
};

/// A message with everything XML, Markdown and JSON must escape: markup, quotes, a pipe,
/// a terminal escape sequence and a NUL.
pub const NASTY_MESSAGE: &str =
    "user input reaches <div> & \"innerHTML\" | 'x' via `render` \u{1b}[31mred\u{1b}[0m\u{0}";

pub struct Fixture {
    pub engines: Vec<String>,
    pub findings: Vec<Finding>,
    pub suppressed: Vec<SuppressedFinding>,
    pub skipped: Vec<Skipped>,
    pub rules: RuleCatalog,
    pub gate: GateOutcome,
    pub baselined: usize,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
}

impl Fixture {
    pub fn report(&self) -> Report<'_> {
        Report {
            tool_version: "0.1.0",
            command: "scan",
            target: "shop/",
            started_at: self.started_at,
            finished_at: self.finished_at,
            engines: &self.engines,
            findings: &self.findings,
            suppressed: &self.suppressed,
            baselined: self.baselined,
            skipped: &self.skipped,
            files_scanned: 42,
            bytes_scanned: 123_456,
            rules: &self.rules,
            gate: &self.gate,
        }
    }
}

fn line(path: &str, line: u32, start: u32, end: u32, snippet: &str) -> Location {
    Location {
        path: path.into(),
        start_line: line,
        start_column: start,
        end_line: line,
        end_column: end,
        snippet: Some(snippet.into()),
    }
}

pub fn catalog_rules() -> Vec<Rule> {
    let mut sqli = Rule::new(
        "code/python/sql-injection",
        "code",
        "SQL built from user input",
        Severity::High,
    );
    sqli.confidence = Confidence::High;
    sqli.cwe = vec![Cwe(89)];
    sqli.owasp = Some(Owasp::A03);
    sqli.requirements = vec!["REQ-INPUT-01".into()];
    sqli.description =
        "A SQL query is built by formatting request data into the query string.".into();
    sqli.rationale = Some("An attacker can change the query to read or modify any table.".into());
    sqli.remediation = Some(
        "Pass values as query parameters: `cursor.execute(\"... WHERE id = %s\", (id,))`.".into(),
    );
    sqli.references = vec![
        "CWE-89".into(),
        "https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html"
            .into(),
    ];

    let mut aws = Rule::new(
        "secrets/aws-access-key",
        "secrets",
        "AWS access key",
        Severity::Critical,
    );
    aws.confidence = Confidence::High;
    aws.cwe = vec![Cwe(798)];
    aws.owasp = Some(Owasp::A07);
    aws.description = "An AWS access key id committed to the repository.".into();
    aws.remediation =
        Some("Revoke the key in IAM, then load credentials from the environment.".into());

    let mut s3 = Rule::new(
        "iac/terraform/s3-public-acl",
        "iac",
        "S3 bucket readable by anyone",
        Severity::Medium,
    );
    s3.cwe = vec![Cwe(732)];
    s3.owasp = Some(Owasp::A05);

    let mut xss = Rule::new(
        "code/javascript/xss",
        "code",
        "HTML built from user input",
        Severity::Low,
    );
    xss.confidence = Confidence::Low;
    xss.cwe = vec![Cwe(79)];
    xss.owasp = Some(Owasp::A03);

    let mut password = Rule::new(
        "secrets/generic-password",
        "secrets",
        "Hard-coded password",
        Severity::High,
    );
    password.cwe = vec![Cwe(259)];

    // Known to the catalog but never reported: must not appear in SARIF's rules.
    let unused = Rule::new("code/go/unused", "code", "Never reported", Severity::Info);

    let mut rules = vec![sqli, aws, s3, xss, password, unused];
    rules.extend(triage_rules());
    rules
}

pub fn fixture() -> Fixture {
    let rules = RuleCatalog::new(catalog_rules());
    let rule = |id: &str| rules.get(id).cloned().expect("fixture rule");

    let mut sqli = Finding::new(
        &rule("code/python/sql-injection"),
        "request parameter `id` reaches cursor.execute() through an f-string",
        line(
            "src/db.py",
            12,
            5,
            48,
            "    cursor.execute(f\"SELECT * FROM users WHERE id = {id}\")",
        ),
        b"cursor.execute(f\"SELECT * FROM users WHERE id = {id}\")",
    );
    sqli.flow = vec![
        FlowStep {
            location: line("src/views.py", 8, 10, 27, "    id = request.args['id']"),
            message: "`id` read from Flask request.args".into(),
        },
        FlowStep {
            location: line("src/views.py", 9, 5, 16, "    return load(id)"),
            message: "passed to load()".into(),
        },
        FlowStep {
            location: line(
                "src/db.py",
                12,
                5,
                48,
                "    cursor.execute(f\"SELECT * FROM users WHERE id = {id}\")",
            ),
            message: "reaches cursor.execute()".into(),
        },
    ];

    let aws = Finding::new(
        &rule("secrets/aws-access-key"),
        "AWS access key id AKIA…MPLE",
        line(
            "config/settings.py",
            3,
            12,
            32,
            "AWS_KEY = \"AKIA************MPLE\"",
        ),
        b"fixture-aws-key-id",
    );

    let s3 = Finding::new(
        &rule("iac/terraform/s3-public-acl"),
        "bucket `receipts` grants public-read",
        Location::whole("infra/main.tf"),
        b"receipts",
    );

    let mut xss = Finding::new(
        &rule("code/javascript/xss"),
        NASTY_MESSAGE,
        line(
            "web/static files/app|main.js",
            7,
            3,
            40,
            "  el.innerHTML = `<b>${name}</b>` + '\\u0000';",
        ),
        b"el.innerHTML",
    );
    // An engine property that would break SARIF's property bag if passed through as is.
    xss.properties.insert("tags".into(), json!("not-a-list"));

    // A rule the catalog does not know (an advisory id the deps engine made up at run time).
    let mut advisory = Rule::new(
        "deps/osv/GHSA-jfh8-c2jp-5v3q",
        "deps",
        "log4j-core: remote code execution",
        Severity::Critical,
    );
    advisory.cwe = vec![Cwe(502), Cwe(917)];
    advisory.owasp = Some(Owasp::A06);
    let advisory = Finding::new(
        &advisory,
        "org.apache.logging.log4j:log4j-core 2.14.1 is affected by GHSA-jfh8-c2jp-5v3q; fixed in 2.15.0",
        line(
            "gradle.lockfile",
            42,
            1,
            45,
            "org.apache.logging.log4j:log4j-core:2.14.1=runtimeClasspath",
        ),
        b"log4j-core:2.14.1",
    );

    let no_reason = Finding::new(
        &rule("steward/suppression-without-reason"),
        "suppression of secrets/generic-password gives no reason; say why the finding is acceptable",
        line(
            "src/db.py",
            20,
            1,
            1,
            "PASSWORD = '*******'  # steward:ignore[secrets/generic-password]",
        ),
        b"secrets/generic-password",
    );

    let mut findings = vec![sqli, aws, s3, xss, advisory, no_reason];
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));

    let suppressed = vec![
        SuppressedFinding {
            finding: Finding::new(
                &rule("secrets/generic-password"),
                "hard-coded password",
                line(
                    "tests/fixtures/conf.py",
                    4,
                    12,
                    22,
                    "PASSWORD = \"********\"",
                ),
                b"hunter2",
            ),
            reason: Some("test fixture | not a real password".into()),
            by: "tests/fixtures/conf.py:3".into(),
        },
        SuppressedFinding {
            finding: Finding::new(
                &rule("secrets/generic-password"),
                "hard-coded password",
                line(
                    "src/db.py",
                    20,
                    12,
                    21,
                    "PASSWORD = '*******'  # steward:ignore[secrets/generic-password]",
                ),
                b"hunter2",
            ),
            reason: None,
            by: "src/db.py:20".into(),
        },
    ];

    let skipped = vec![
        Skipped {
            path: "assets/logo.png".into(),
            reason: SkipReason::Binary,
        },
        Skipped {
            path: "data/export.csv".into(),
            reason: SkipReason::TooLarge {
                size: 52_428_800,
                limit: 10_485_760,
            },
        },
        Skipped {
            path: "vendor/link".into(),
            reason: SkipReason::SymlinkOutsideRoot {
                target: "/etc/passwd".into(),
            },
        },
    ];

    let gate = GateOutcome::evaluate(FailOn::AtLeast(Severity::High), &findings);
    let started_at = Utc
        .with_ymd_and_hms(2026, 1, 2, 3, 4, 5)
        .single()
        .expect("valid date");
    Fixture {
        engines: ["secrets", "code", "deps", "iac", "dlp"]
            .map(String::from)
            .to_vec(),
        findings,
        suppressed,
        skipped,
        rules,
        gate,
        baselined: 3,
        started_at,
        finished_at: started_at + chrono::Duration::milliseconds(1_532),
    }
}

/// A run that found nothing, skipped nothing and ran no engine.
pub fn empty() -> Fixture {
    let started_at = Utc
        .with_ymd_and_hms(2026, 1, 2, 3, 4, 5)
        .single()
        .expect("valid date");
    Fixture {
        engines: vec!["secrets".into()],
        findings: Vec::new(),
        suppressed: Vec::new(),
        skipped: Vec::new(),
        rules: RuleCatalog::new(catalog_rules()),
        gate: GateOutcome::evaluate(FailOn::default(), &[]),
        baselined: 0,
        started_at,
        finished_at: started_at,
    }
}
