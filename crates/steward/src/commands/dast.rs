//! `steward dast URL`: crawl a running web application within its scope, run the passive
//! checks on every response and, with `--active`, the attacks; then triage, report and
//! record like every other command. Ctrl-C and a spent budget end the scan early, and the
//! report still holds what was found.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use steward_core::engine::Engine;
use steward_core::triage::{SeverityCounts, triage};
use steward_core::{Confidence, Severity};
use steward_web::auth::Login;
use steward_web::replay::{RecordedFinding, ReplayError};
use steward_web::{
    Cancel, DastEngine, DastError, Limits, Regex, ScanOptions, SensitiveDataDetector,
    SensitiveValue, StopReason, Url,
};

use crate::args::{GateArg, GlobalArgs, OutputArgs};
use crate::engines::{self, EngineOptions};
use crate::exit::{Exit, usage};
use crate::project::{self, Project};
use crate::recording::{self, RunRecord};

#[derive(Args, Debug)]
pub struct DastArgs {
    /// The running application's start URL (http:// or https://)
    #[arg(required_unless_present = "replay")]
    pub url: Option<String>,
    /// Resend a finding's request (by its fingerprint, or a unique prefix of at least 8 characters) and say whether the evidence is still there: exit 1 if it is, 0 if not
    #[arg(long, value_name = "FINDING_ID", conflicts_with_all = ["active", "openapi"])]
    pub replay: Option<String>,
    /// With --replay: the JSON report (`-f json`) that holds the finding [default: the dast runs in the ledger]
    #[arg(long, value_name = "FILE", requires = "replay")]
    pub report: Option<std::path::PathBuf>,
    /// Also send attack payloads (reflected and stored XSS, SQL, command and template injection, SSRF, path traversal, open redirect, exposed files): only against applications you may attack
    #[arg(long)]
    pub active: bool,
    /// Also run the Nuclei-format templates (.yaml, .yml) under DIR with --active (repeatable): the HTTP subset steward supports, checked when they load
    #[arg(long, value_name = "DIR")]
    pub templates: Vec<std::path::PathBuf>,
    /// Stop after this many requests, crawl and checks together
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_requests: usize,
    /// Requests per second (0: no limit)
    #[arg(long, value_name = "N", default_value_t = 100.0)]
    pub rate: f64,
    /// Requests in flight at once
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub concurrency: usize,
    /// Scan only URLs matching PATTERN (repeatable; `*` is a wildcard; a pattern without `://` matches the path and query of same-origin URLs) [default: the start URL's origin]
    #[arg(long, value_name = "PATTERN")]
    pub include: Vec<String>,
    /// Never request URLs matching PATTERN (repeatable; same syntax as --include)
    #[arg(long, value_name = "PATTERN")]
    pub exclude: Vec<String>,
    /// A header sent with every request, `Name: value` (repeatable)
    #[arg(long, value_name = "NAME: VALUE")]
    pub header: Vec<String>,
    /// A cookie sent with every request, `name=value` (repeatable)
    #[arg(long, value_name = "NAME=VALUE")]
    pub cookie: Vec<String>,
    /// An OpenAPI 3 document (JSON or YAML) whose operations are scanned too: path, query, header and JSON-body parameters, with their examples
    #[arg(long, value_name = "FILE")]
    pub openapi: Option<std::path::PathBuf>,
    /// The page with the login form: steward logs in before crawling and again whenever it is logged out (needs --login-user-env and --login-password-env)
    #[arg(long, value_name = "URL")]
    pub login_url: Option<String>,
    /// The environment variable holding the user name to log in with
    #[arg(long, value_name = "VAR", requires = "login_url")]
    pub login_user_env: Option<String>,
    /// The environment variable holding the password to log in with
    #[arg(long, value_name = "VAR", requires = "login_url")]
    pub login_password_env: Option<String>,
    /// The login form's user-name field [default: the text or email field before the password field]
    #[arg(long, value_name = "NAME", requires = "login_url")]
    pub login_user_field: Option<String>,
    /// The login form's password field [default: the form's password input]
    #[arg(long, value_name = "NAME", requires = "login_url")]
    pub login_password_field: Option<String>,
    /// A regex the response after logging in must match [default: a cookie was set and no login form is shown]
    #[arg(long, value_name = "REGEX", requires = "login_url")]
    pub login_check: Option<String>,
    /// A regex that marks a page served to a logged-out user (a redirect to the login page always does)
    #[arg(long, value_name = "REGEX", requires = "login_url")]
    pub logged_out: Option<String>,
    /// Seconds to wait for each response
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub timeout: u64,
    /// Fail (exit 1) on findings at or above this severity [default: steward.toml's policy.fail_on, else high]
    #[arg(long, value_enum)]
    pub fail_on: Option<GateArg>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// DLP's classifiers, lent to the DAST engine for sensitive data in responses.
struct DlpDetector;

impl SensitiveDataDetector for DlpDetector {
    fn detect(&self, bytes: &[u8]) -> Vec<SensitiveValue> {
        steward_dlp::classify_bytes(bytes)
            .into_iter()
            // Published test card numbers and the like are low confidence: demo pages show them.
            .filter(|h| h.confidence > Confidence::Low)
            .map(|h| SensitiveValue {
                class: h.class.id().to_string(),
                masked: h.masked,
            })
            .collect()
    }
}

fn headers(args: &DastArgs) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for h in &args.header {
        let Some((name, value)) = h.split_once(':') else {
            return Err(usage(format!(
                "--header `{h}`: expected `Name: value`, e.g. --header 'Authorization: Bearer ...'"
            )));
        };
        let name = name.trim();
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b))
        {
            return Err(usage(format!(
                "--header `{h}`: `{name}` is not a header name"
            )));
        }
        out.push((name.to_string(), value.trim().to_string()));
    }
    if !args.cookie.is_empty() {
        for c in &args.cookie {
            if !c.contains('=') {
                return Err(usage(format!("--cookie `{c}`: expected `name=value`")));
            }
        }
        out.push(("Cookie".into(), args.cookie.join("; ")));
    }
    Ok(out)
}

fn regex_arg(flag: &str, value: &Option<String>) -> Result<Option<Regex>> {
    value
        .as_deref()
        .map(|r| {
            Regex::new(r).map_err(|e| {
                usage(format!(
                    "{flag} `{r}` is not a valid regular expression: {e}"
                ))
            })
        })
        .transpose()
}

/// The engine with DLP's detector and the templates of `--templates`, and those templates'
/// rules (for the catalog triage reads).
fn dast_engine(args: &DastArgs) -> Result<(DastEngine, Vec<steward_core::Rule>)> {
    let mut extra = Vec::new();
    for dir in &args.templates {
        if !dir.is_dir() {
            return Err(usage(format!(
                "--templates {}: no such directory; give a directory of .yaml templates",
                dir.display()
            )));
        }
        extra.extend(
            steward_web::templates::load_dir(dir)
                .map_err(|e| usage(format!("--templates {}: {e}", dir.display())))?,
        );
    }
    let rules = extra.iter().map(|t| t.rule.clone()).collect();
    let engine = DastEngine::new()
        .map_err(|e| anyhow::anyhow!("loading built-in DAST rules: {e}"))?
        .with_detector(Arc::new(DlpDetector))
        .with_templates(extra)
        .map_err(|e| usage(format!("--templates: {e}")))?;
    Ok((engine, rules))
}

/// `--login-*`: the credentials come from environment variables, never the command line.
fn login(args: &DastArgs, target: &Url) -> Result<Option<Login>> {
    let Some(url) = &args.login_url else {
        return Ok(None);
    };
    let url: Url = target.join(url).map_err(|e| {
        usage(format!(
            "--login-url `{url}` is not a URL ({e}); give the login page, e.g. {}login",
            target
        ))
    })?;
    let from_env = |flag: &str, var: &Option<String>| -> Result<String> {
        let Some(var) = var else {
            return Err(usage(format!(
                "--login-url needs {flag} VAR: the environment variable that holds the value (credentials never go on the command line)"
            )));
        };
        match std::env::var(var) {
            Ok(v) if !v.is_empty() => Ok(v),
            _ => Err(usage(format!(
                "{flag} {var}: the environment variable `{var}` is not set or empty"
            ))),
        }
    };
    Ok(Some(Login {
        url,
        username: from_env("--login-user-env", &args.login_user_env)?,
        password: from_env("--login-password-env", &args.login_password_env)?,
        username_field: args.login_user_field.clone(),
        password_field: args.login_password_field.clone(),
        success: regex_arg("--login-check", &args.login_check)?,
        logged_out: regex_arg("--logged-out", &args.logged_out)?,
    }))
}

/// The command line with `--header` and `--cookie` values masked: they are credentials.
fn redacted(args: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(args.len());
    let mut mask_next = false;
    for a in args {
        if mask_next {
            let name = a.split([':', '=']).next().unwrap_or("").trim().to_string();
            out.push(format!("{name}=…"));
            mask_next = false;
        } else if let Some((flag, value)) = a
            .split_once('=')
            .filter(|(f, _)| *f == "--header" || *f == "--cookie")
        {
            let name = value.split([':', '=']).next().unwrap_or("").trim();
            out.push(format!("{flag}={name}=…"));
        } else {
            mask_next = a == "--header" || a == "--cookie";
            out.push(a);
        }
    }
    out
}

pub fn run(args: DastArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = chrono::Utc::now();
    if let Some(id) = &args.replay {
        return replay(&args, global, id);
    }
    let url = args.url.as_deref().unwrap_or_default();
    let target: Url = url.parse().map_err(|e| {
        usage(format!(
            "`{url}` is not a URL ({e}); give the application's start URL, e.g. http://127.0.0.1:8080/"
        ))
    })?;
    if args.concurrency == 0 || args.max_requests == 0 || args.rate.is_nan() || args.rate < 0.0 {
        return Err(usage(
            "--concurrency and --max-requests must be at least 1, and --rate 0 or more",
        ));
    }
    let mut options = ScanOptions::new(target.clone());
    options.active = args.active;
    options.include = args.include.clone();
    options.exclude = args.exclude.clone();
    options.headers = headers(&args)?;
    options.login = login(&args, &target)?;
    if let Some(path) = &args.openapi {
        let text = std::fs::read_to_string(path)
            .map_err(|e| usage(format!("--openapi {}: cannot read it: {e}", path.display())))?;
        options.seeds = steward_web::openapi::endpoints(&text, &target).map_err(|e| {
            usage(format!(
                "--openapi {}: {e}; give an OpenAPI 3 document in JSON or YAML",
                path.display()
            ))
        })?;
    }
    options.limits = Limits {
        max_requests: args.max_requests,
        rate: args.rate,
        concurrency: args.concurrency,
        timeout: Duration::from_secs(args.timeout.max(1)),
        ..Limits::default()
    };

    let cwd = std::env::current_dir().context("reading the current directory")?;
    let project = Project::discover(&cwd, global.config.as_deref())?;
    let (engine, template_rules) = dast_engine(&args)?;
    let mut catalog = engines::catalog(&EngineOptions::default())?;
    catalog.extend(template_rules);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let cancel = Cancel::new();
    let quiet = args.output.quiet;
    let outcome = runtime.block_on(async {
        let on_signal = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                if !quiet {
                    eprintln!("steward dast: interrupted; writing what was found so far");
                }
                on_signal.cancel();
            }
        });
        engine.scan(&options, cancel.clone()).await
    });
    let outcome = match outcome {
        Ok(o) => o,
        Err(e @ DastError::Unreachable(_)) => {
            return Err(usage(format!(
                "{e}; is the application running and listening at {target}?"
            )));
        }
        Err(e @ DastError::Client(_)) => return Err(anyhow::anyhow!("{e}")),
        Err(DastError::Login(e)) => {
            return Err(usage(format!(
                "{e}; check --login-url and the credentials in --login-user-env/--login-password-env"
            )));
        }
        Err(e) => return Err(usage(e.to_string())),
    };
    runtime.shutdown_timeout(Duration::from_millis(100));

    let config = super::scan::triage_config(project.manifest.as_ref(), args.fail_on, None);
    let triaged = triage(outcome.findings.clone(), &[], &catalog, &config)?;
    let stopped = match outcome.stopped {
        StopReason::Completed => "completed",
        StopReason::Budget => "request budget spent",
        StopReason::Cancelled => "interrupted",
    };
    if !quiet {
        eprintln!(
            "steward dast: {} requests, {} responses crawled, {} endpoints with parameters, {} out-of-scope links and redirects not followed; {stopped}{}",
            outcome.requests,
            outcome.pages,
            outcome.endpoints.len(),
            outcome.out_of_scope,
            if args.active {
                ""
            } else {
                " (passive only: add --active to attack parameters)"
            }
        );
        if options.login.is_some() {
            eprintln!(
                "steward dast: logged in {} time(s) ({} after losing the session); {} logout links not followed",
                outcome.logins,
                outcome.logins.saturating_sub(1),
                outcome.logout_links
            );
        }
    }

    let mut run = recording::Finished::new(
        "dast",
        "dast",
        target.to_string(),
        &project,
        started_at,
        &["dast"],
        &triaged,
        &catalog,
    );
    run.git_commit = project::git_commit(&project.root);
    run.files_scanned = outcome.pages;
    run.args = redacted(recording::redacted_args());
    let report_sha256 = super::emit_report(&run.report(), &args.output, global)?;

    run.record(&project, global, report_sha256, || {
        let endpoints: Vec<serde_json::Value> = outcome
            .endpoints
            .iter()
            .map(|e| serde_json::json!({ "method": e.method, "url": e.url.as_str(), "params": e.params }))
            .collect();
        serde_json::json!({
            "active": args.active,
            "requests": outcome.requests,
            "responses": outcome.pages,
            "stopped": outcome.stopped,
            "out_of_scope": outcome.out_of_scope,
            "errors": outcome.errors.len(),
            "logins": outcome.logins,
            "endpoints": endpoints,
            // What `steward dast --replay` resends.
            "findings": triaged.active.iter().map(replayable).collect::<Vec<_>>(),
        })
    })?;
    Ok(run.exit())
}

/// The part of a finding `--replay` needs, as the ledger keeps it.
fn replayable(f: &steward_core::Finding) -> serde_json::Value {
    let mut entry = serde_json::json!({
        "fingerprint": f.fingerprint.0,
        "rule_id": f.rule_id,
    });
    for key in [
        "url",
        "method",
        "parameter",
        "payload",
        "request",
        "evidence",
        "target",
    ] {
        if let Some(v) = f.properties.get(key) {
            entry[key] = v.clone();
        }
    }
    entry
}

/// The findings `--replay` can pick from: the report's, or every dast run's in the ledger
/// (newest first).
fn recorded_findings(
    args: &DastArgs,
    global: &GlobalArgs,
) -> Result<(Vec<RecordedFinding>, String)> {
    if let Some(path) = &args.report {
        let text = std::fs::read_to_string(path)
            .map_err(|e| usage(format!("--report {}: cannot read it: {e}", path.display())))?;
        let report: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            usage(format!(
                "--report {}: not a JSON report ({e}); write one with `steward dast URL -f json -o FILE`",
                path.display()
            ))
        })?;
        let Some(findings) = report.get("findings").and_then(|f| f.as_array()) else {
            return Err(usage(format!(
                "--report {}: no `findings` array; give a report of `steward dast -f json`",
                path.display()
            )));
        };
        let found = findings
            .iter()
            .filter_map(RecordedFinding::from_json)
            .collect();
        return Ok((found, path.display().to_string()));
    }
    let cwd = std::env::current_dir().context("reading the current directory")?;
    let project = Project::discover(&cwd, global.config.as_deref())?;
    let spec = recording::store_spec(&project, global);
    let mut ledger = recording::open(&spec)?;
    let records = ledger
        .list(&steward_store::ListFilter {
            kind: Some("dast".into()),
            ..Default::default()
        })
        .map_err(|e| anyhow::anyhow!("reading the ledger: {e}"))?;
    let found = records
        .iter()
        .rev()
        .filter_map(|r| r.payload.get("findings").and_then(|f| f.as_array()))
        .flatten()
        .filter_map(RecordedFinding::from_json)
        .collect();
    Ok((
        found,
        format!(
            "the ledger's dast runs ({})",
            steward_store::redact_url(&spec)
        ),
    ))
}

fn replay(args: &DastArgs, global: &GlobalArgs, id: &str) -> Result<Exit> {
    let started_at = chrono::Utc::now();
    let id = id.trim().to_ascii_lowercase();
    if id.len() < 8 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(usage(format!(
            "--replay `{id}`: give a finding's fingerprint (hex, at least its first 8 characters), as reports show it"
        )));
    }
    let (findings, source) = recorded_findings(args, global)?;
    let mut matches: Vec<&RecordedFinding> = Vec::new();
    for f in &findings {
        if f.fingerprint.starts_with(&id) && !matches.iter().any(|m| m.fingerprint == f.fingerprint)
        {
            matches.push(f);
        }
    }
    let finding = match matches.as_slice() {
        [] => {
            return Err(usage(format!(
                "no finding `{id}` in {source}; run `steward dast URL` first, or give the report with --report FILE"
            )));
        }
        [one] => *one,
        many => {
            return Err(usage(format!(
                "`{id}` matches {} findings in {source}; give more of the fingerprint",
                many.len()
            )));
        }
    };
    let target: Url = finding.url.parse().map_err(|e| {
        usage(format!(
            "the finding's URL `{}` is not a URL: {e}",
            finding.url
        ))
    })?;
    let headers = headers(args)?;
    let login = login(args, &target)?;
    let (engine, _) = dast_engine(args)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let verdict = runtime.block_on(engine.replay(
        finding,
        headers,
        login,
        Duration::from_secs(args.timeout.max(1)),
        Cancel::new(),
    ));
    runtime.shutdown_timeout(Duration::from_millis(100));
    let verdict = match verdict {
        Ok(v) => v,
        Err(ReplayError::Send(e)) => {
            return Err(usage(format!(
                "{e}; is the application running at {}?",
                target.origin().ascii_serialization()
            )));
        }
        Err(e) => return Err(usage(format!("replaying {}: {e}", finding.fingerprint))),
    };
    println!(
        "{} {} at {}{}: {} (HTTP {}, {} ms)\n  {}",
        &finding.fingerprint[..12.min(finding.fingerprint.len())],
        finding.rule_id,
        finding.url,
        finding
            .parameter
            .as_deref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default(),
        if verdict.still_there {
            "STILL THERE"
        } else {
            "no longer reproduces"
        },
        verdict.status,
        verdict.elapsed.as_millis(),
        verdict.detail
    );
    // The replay is evidence too: a fix verified, or a finding still open.
    if !global.no_ledger {
        let cwd = std::env::current_dir().context("reading the current directory")?;
        let project = Project::discover(&cwd, global.config.as_deref())?;
        let mut counts = SeverityCounts::default();
        if verdict.still_there
            && let Some(rule) = engine.rules().iter().find(|r| r.id == finding.rule_id)
        {
            *match rule.severity {
                Severity::Critical => &mut counts.critical,
                Severity::High => &mut counts.high,
                Severity::Medium => &mut counts.medium,
                Severity::Low => &mut counts.low,
                Severity::Info => &mut counts.info,
            } += 1;
        }
        recording::record(
            &project,
            global,
            RunRecord {
                kind: "dast-replay",
                command: "dast",
                args: redacted(recording::redacted_args()),
                target: finding.url.clone(),
                product: project.product_name(),
                started_at,
                finished_at: chrono::Utc::now(),
                git_commit: project::git_commit(&project.root),
                counts,
                gate_passed: Some(!verdict.still_there),
                report_sha256: None,
                payload: serde_json::json!({
                    "fingerprint": finding.fingerprint,
                    "rule_id": finding.rule_id,
                    "parameter": finding.parameter,
                    "still_there": verdict.still_there,
                    "status": verdict.status,
                    "detail": verdict.detail,
                }),
            },
        )?;
    }
    Ok(if verdict.still_there {
        Exit::GateFailed
    } else {
        Exit::Clean
    })
}
