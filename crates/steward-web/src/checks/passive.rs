//! Passive checks: what every response already shows, without sending anything unusual.
//! Each issue is reported once per place it comes from (an origin for headers, a cookie
//! name, a URL shape for bodies), not once per response.

use std::collections::HashSet;
use std::sync::Arc;

use regex::{Regex, RegexSet};

use super::{Issue, clip};
use crate::client::Exchange;
use crate::html::Page;

/// A sensitive value in a response, found by a detector the binary provides (the DLP
/// classifiers), already masked for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensitiveValue {
    /// The data class, e.g. `card-number`.
    pub class: String,
    pub masked: String,
}

/// Finds sensitive data in bytes. The binary wires in the DLP engine's classifiers; the
/// engines do not depend on each other.
pub trait SensitiveDataDetector: Send + Sync {
    fn detect(&self, bytes: &[u8]) -> Vec<SensitiveValue>;
}

/// The origin steward puts in `Origin` to see whether CORS reflects it. `.invalid` never
/// resolves, and it is only a header value: nothing is ever sent there.
pub const PROBE_ORIGIN: &str = "https://steward-cors-probe.invalid";

const STACK_TRACES: &[&str] = &[
    r"Traceback \(most recent call last\):",
    r#"(?m)^\s*at [\w$.<>]+\([\w$]+\.(?:java|kt|scala):\d+\)"#,
    r#"Exception in thread "[^"]*" [\w.]+(?:Exception|Error)"#,
    r"(?m)^\s*at [\w.`<>]+\(.*\) in .+:line \d+",
    r"Server Error in '[^']*' Application",
    r"(?:Fatal error|Parse error|Warning)</b>?:? .{0,200} in <b>?/[^<\s]+\.php</b>? on line <b>?\d+",
    r"\.rb:\d+:in `[^']+'",
    r"(?m)^\s*at (?:[\w.<>]+ )?\(?/[^\s()]+\.(?:js|mjs|ts):\d+:\d+\)?$",
    r"goroutine \d+ \[running\]:",
];

pub(crate) const SQL_ERRORS: &[&str] = &[
    r"You have an error in your SQL syntax",
    r"(?:Warning|Fatal error): mysqli?_\w+\(",
    r"com\.mysql\.jdbc|MySqlException|MySQLSyntaxErrorException",
    r"PG::SyntaxError|org\.postgresql\.util\.PSQLException|ERROR:\s+syntax error at or near",
    r"pg_(?:query|exec)\(\): Query failed",
    r"SQLite3?::SQLException|sqlite3\.OperationalError|SQLITE_ERROR|System\.Data\.SQLite",
    // SQLite's own messages, as a driver that passes them through shows them.
    r#"near (?:\\?"|&quot;).{0,40}?(?:\\?"|&quot;): syntax error|unrecognized token: (?:\\?"|&quot;)|no such (?:table|column): \w"#,
    r"Unclosed quotation mark after the character string",
    r"Microsoft OLE DB Provider for (?:SQL Server|ODBC)|\[SQL Server\]|SqlException \(0x",
    r"\bORA-\d{5}\b",
    r"SQLSTATE\[\w+\]",
];

const DIRECTORY_LISTINGS: &[&str] = &[
    r"(?i)<title>\s*Index of /",
    r"(?i)<h1>\s*Index of /",
    r"(?i)<title>\s*Directory listing for /",
    r"\[To Parent Directory\]",
];

const BANNER_HEADERS: &[&str] = &[
    "server",
    "x-powered-by",
    "x-aspnet-version",
    "x-aspnetmvc-version",
    "x-generator",
    "x-runtime-version",
];

/// Field names that carry an anti-CSRF token.
const CSRF_NAMES: &[&str] = &[
    "csrf",
    "xsrf",
    "token",
    "authenticity",
    "nonce",
    "__requestverificationtoken",
];

pub struct PassiveChecks {
    stack_traces: Vec<Regex>,
    sql_errors: Vec<Regex>,
    listings: RegexSet,
    version: Vec<Regex>,
    detector: Option<Arc<dyn SensitiveDataDetector>>,
    reported: HashSet<(String, String)>,
}

pub(crate) fn compile(patterns: &[&str]) -> Vec<Regex> {
    // The patterns are constants checked by the tests below.
    patterns.iter().filter_map(|p| Regex::new(p).ok()).collect()
}

impl PassiveChecks {
    pub fn new(detector: Option<Arc<dyn SensitiveDataDetector>>) -> Self {
        PassiveChecks {
            stack_traces: compile(STACK_TRACES),
            sql_errors: compile(SQL_ERRORS),
            listings: RegexSet::new(DIRECTORY_LISTINGS).unwrap_or_else(|_| RegexSet::empty()),
            version: compile(&[r"\d+\.\d+"]),
            detector,
            reported: HashSet::new(),
        }
    }

    /// Whether (rule, key) is new; marks it reported.
    fn first(&mut self, rule: &str, key: &str) -> bool {
        self.reported.insert((rule.to_string(), key.to_string()))
    }

    fn push(&mut self, out: &mut Vec<Issue>, issue: Issue, dedup: &str) {
        if self.first(&issue.rule_id, dedup) {
            out.push(issue);
        }
    }

    /// Run every passive check on `ex`. `shape` is the URL's de-duplication shape; `page`
    /// is the parsed HTML when the response is HTML.
    pub fn check(&mut self, ex: &Exchange, shape: &str, page: Option<&Page>, out: &mut Vec<Issue>) {
        let origin = ex.url().origin().ascii_serialization();
        let ok = (200..300).contains(&ex.status);
        let https = ex.url().scheme() == "https";
        let html = ex.is_html();
        let csp = ex.header("content-security-policy").unwrap_or("");
        let headers = ex.status_and_headers();

        if ok && html {
            if csp.is_empty() {
                let i = Issue::about(
                    "dast/missing-csp",
                    ex,
                    "HTML page served without a Content-Security-Policy header".into(),
                    first_lines(&headers, 12),
                    "",
                );
                self.push(out, i, &origin);
            }
            if ex.header("x-frame-options").is_none() && !csp.contains("frame-ancestors") {
                let i = Issue::about(
                    "dast/missing-frame-protection",
                    ex,
                    "HTML page has neither X-Frame-Options nor CSP frame-ancestors: any site can frame it".into(),
                    first_lines(&headers, 12),
                    "",
                );
                self.push(out, i, &origin);
            }
        }
        if ok
            && !ex.body.is_empty()
            && !ex
                .header("x-content-type-options")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("nosniff"))
        {
            let i = Issue::about(
                "dast/missing-x-content-type-options",
                ex,
                "response without X-Content-Type-Options: nosniff".into(),
                first_lines(&headers, 12),
                "",
            );
            self.push(out, i, &origin);
        }
        if https && ex.header("strict-transport-security").is_none() {
            let i = Issue::about(
                "dast/missing-hsts",
                ex,
                "HTTPS response without Strict-Transport-Security".into(),
                first_lines(&headers, 12),
                "",
            );
            self.push(out, i, &origin);
        }
        self.cookies(ex, &origin, out);
        self.banners(ex, &origin, out);
        self.bodies(ex, shape, page, out);
    }

    fn cookies(&mut self, ex: &Exchange, origin: &str, out: &mut Vec<Issue>) {
        let cookies: Vec<String> = ex.headers_named("set-cookie").map(str::to_string).collect();
        for cookie in cookies {
            let mut parts = cookie.split(';').map(str::trim);
            let name = parts
                .next()
                .and_then(|nv| nv.split_once('='))
                .map(|(n, _)| n.trim().to_string())
                .unwrap_or_default();
            if name.is_empty() {
                continue;
            }
            let attrs: Vec<String> = parts.map(|a| a.to_ascii_lowercase()).collect();
            let has = |a: &str| {
                attrs
                    .iter()
                    .any(|x| x == a || x.starts_with(&format!("{a}=")))
            };
            let samesite_none = attrs.iter().any(|x| x.replace(' ', "") == "samesite=none");
            let evidence = format!("Set-Cookie: {}", redact_cookie(&cookie));
            let key = format!("{origin} {name}");
            let mut flag = |rule: &str, what: &str, out: &mut Vec<Issue>| {
                let mut i = Issue::about(
                    rule,
                    ex,
                    format!("cookie `{name}` is set without {what}"),
                    evidence.clone(),
                    &name,
                );
                i.parameter = Some(name.clone());
                self.push(out, i, &key);
            };
            if !has("secure") {
                flag("dast/cookie-no-secure", "Secure", out);
            }
            if !has("httponly") {
                flag("dast/cookie-no-httponly", "HttpOnly", out);
            }
            if !has("samesite") || samesite_none {
                flag("dast/cookie-no-samesite", "SameSite (Lax or Strict)", out);
            }
        }
    }

    fn banners(&mut self, ex: &Exchange, origin: &str, out: &mut Vec<Issue>) {
        for name in BANNER_HEADERS {
            let Some(value) = ex.header(name) else {
                continue;
            };
            if !self.version.iter().any(|r| r.is_match(value)) {
                continue;
            }
            let shown = canonical_header(name);
            let i = Issue::about(
                "dast/version-banner",
                ex,
                format!("`{shown}: {value}` discloses a version"),
                format!("{shown}: {value}"),
                &format!("{name}: {value}"),
            );
            self.push(out, i, &format!("{origin} {name}: {value}"));
        }
    }

    fn bodies(&mut self, ex: &Exchange, shape: &str, page: Option<&Page>, out: &mut Vec<Issue>) {
        if ex.body.is_empty() {
            return;
        }
        let body = ex.body_text();
        if let Some(m) = self.stack_traces.iter().find_map(|r| r.find(&body)) {
            let evidence = excerpt(&body, m.start(), 400);
            let i = Issue::about(
                "dast/stack-trace",
                ex,
                format!("the response (HTTP {}) shows a stack trace", ex.status),
                evidence,
                "",
            );
            self.push(out, i, shape);
        }
        if let Some(m) = self.sql_errors.iter().find_map(|r| r.find(&body)) {
            let evidence = excerpt(&body, m.start(), 300);
            let i = Issue::about(
                "dast/sql-error",
                ex,
                format!(
                    "the response (HTTP {}) shows a database error: `{}`",
                    ex.status,
                    clip(m.as_str(), 80)
                ),
                evidence,
                "",
            );
            self.push(out, i, shape);
        }
        if (200..300).contains(&ex.status) && self.listings.is_match(&body) {
            let at = body
                .find("Index of")
                .or_else(|| body.find("Directory listing"))
                .unwrap_or(0);
            let i = Issue::about(
                "dast/directory-listing",
                ex,
                format!(
                    "{} is a server-generated directory listing",
                    ex.url().path()
                ),
                excerpt(&body, at, 300),
                "",
            );
            self.push(out, i, ex.url().path());
        }
        if let Some(page) = page {
            self.forms(ex, page, out);
            if ex.url().scheme() == "https" {
                let insecure: Vec<String> = page
                    .resources
                    .iter()
                    .filter(|u| u.scheme() == "http")
                    .map(|u| u.to_string())
                    .collect();
                if let Some(first) = insecure.first() {
                    let i = Issue::about(
                        "dast/mixed-content",
                        ex,
                        format!(
                            "the HTTPS page loads {} resource(s) over HTTP, e.g. {first}",
                            insecure.len()
                        ),
                        insecure.join("\n"),
                        "",
                    );
                    self.push(out, i, shape);
                }
            }
        }
        if let Some(detector) = self.detector.clone() {
            let values = detector.detect(&ex.body);
            let mut classes: Vec<&SensitiveValue> = Vec::new();
            for v in &values {
                if !classes.iter().any(|c| c.class == v.class) {
                    classes.push(v);
                }
            }
            for v in classes {
                let count = values.iter().filter(|x| x.class == v.class).count();
                let i = Issue::about(
                    "dast/sensitive-data",
                    ex,
                    format!(
                        "the response holds {count} {} value(s), e.g. {}",
                        v.class, v.masked
                    ),
                    format!("{}: {}", v.class, v.masked),
                    &v.class,
                );
                self.push(out, i, &format!("{shape} {}", v.class));
            }
        }
    }

    fn forms(&mut self, ex: &Exchange, page: &Page, out: &mut Vec<Issue>) {
        for form in &page.forms {
            if form.method != "POST" {
                continue;
            }
            let has_token = form.fields.iter().any(|f| {
                let n = f.name.to_ascii_lowercase();
                f.kind == "hidden" && CSRF_NAMES.iter().any(|c| n.contains(c))
            });
            if has_token {
                continue;
            }
            let names: Vec<&str> = form.fields.iter().map(|f| f.name.as_str()).collect();
            let action = form.action.to_string();
            let mut i = Issue::about(
                "dast/form-without-csrf-token",
                ex,
                format!("POST form to {action} has no anti-CSRF token field"),
                format!(
                    "<form method=\"post\" action=\"{action}\"> fields: {}",
                    names.join(", ")
                ),
                &action,
            );
            i.parameter = None;
            self.push(out, i, &format!("{action} {}", names.join(",")));
        }
    }

    /// Whether a response is worth a CORS probe: it already speaks CORS or is data an API
    /// would share (JSON).
    pub fn wants_cors_probe(ex: &Exchange) -> bool {
        ex.headers
            .iter()
            .any(|(k, _)| k.starts_with("access-control-"))
            || ex
                .headers_named("vary")
                .any(|v| v.to_ascii_lowercase().contains("origin"))
            || ex.content_type().contains("json")
    }

    /// Judge the response to a request sent with `Origin: PROBE_ORIGIN`.
    pub fn check_cors(&mut self, probe: &Exchange, shape: &str, out: &mut Vec<Issue>) {
        let allowed = probe.header("access-control-allow-origin").unwrap_or("");
        let credentials = probe
            .header("access-control-allow-credentials")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
        if allowed.trim() != PROBE_ORIGIN || !credentials {
            return;
        }
        let mut i = Issue::about(
            "dast/cors-reflected-origin",
            probe,
            "the response allows any Origin (it echoes the request's) with credentials".into(),
            format!(
                "Access-Control-Allow-Origin: {allowed}\nAccess-Control-Allow-Credentials: true"
            ),
            "",
        );
        i.payload = Some(format!("Origin: {PROBE_ORIGIN}"));
        i.parameter = Some("Origin".into());
        self.push(out, i, shape);
    }
}

fn canonical_header(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// `name=value; attrs` with the value hidden: a session cookie is a credential.
fn redact_cookie(cookie: &str) -> String {
    match cookie.split_once('=') {
        Some((name, rest)) => {
            let attrs = rest.split_once(';').map(|(_, a)| a).unwrap_or("");
            if attrs.is_empty() {
                format!("{name}=…")
            } else {
                format!("{name}=…;{attrs}")
            }
        }
        None => cookie.to_string(),
    }
}

fn first_lines(s: &str, n: usize) -> String {
    s.lines().take(n).collect::<Vec<_>>().join("\n")
}

/// Up to `max` characters of `text` from the start of the line holding byte `at`.
fn excerpt(text: &str, at: usize, max: usize) -> String {
    let start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    clip(text[start..].trim_end(), max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::HttpRequest;
    use crate::rules;

    /// A raw `HTTP/1.1 ...` response as a rule example writes it.
    pub(crate) fn exchange(raw: &str) -> Exchange {
        let (head, body) = raw.split_once("\n\n").unwrap_or((raw, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(200);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Exchange {
            request: HttpRequest::get("http://127.0.0.1:8080/page".parse().unwrap()),
            status,
            headers,
            body: body.as_bytes().to_vec(),
            elapsed: std::time::Duration::ZERO,
        }
    }

    #[test]
    fn patterns_compile() {
        assert_eq!(compile(STACK_TRACES).len(), STACK_TRACES.len());
        assert_eq!(compile(SQL_ERRORS).len(), SQL_ERRORS.len());
        assert!(RegexSet::new(DIRECTORY_LISTINGS).is_ok());
    }

    #[test]
    fn every_passive_rule_matches_its_examples_and_not_its_negative_examples() {
        let mut checked = 0;
        for rule in rules::code_rules().unwrap() {
            for (raw, should) in rule
                .examples
                .iter()
                .map(|e| (e, true))
                .chain(rule.negative_examples.iter().map(|e| (e, false)))
            {
                let ex = exchange(raw);
                let page = ex.is_html().then(|| crate::html::parse(ex.url(), &ex.body));
                let mut out = Vec::new();
                PassiveChecks::new(None).check(&ex, "/page", page.as_ref(), &mut out);
                let hit = out.iter().any(|i| i.rule_id == rule.id);
                assert_eq!(hit, should, "{}: {raw}\n{out:#?}", rule.id);
                checked += 1;
            }
        }
        assert!(checked >= 20, "{checked}");
    }

    #[test]
    fn stack_traces_of_several_runtimes() {
        let checks = PassiveChecks::new(None);
        for trace in [
            "java.lang.NullPointerException\n\tat com.shop.Cart.total(Cart.java:42)",
            "Exception in thread \"main\" java.lang.IllegalStateException",
            "goroutine 1 [running]:\nmain.main()",
            "app/models/user.rb:12:in `find'",
            "    at Object.<anonymous> (/srv/app/index.js:10:15)",
        ] {
            assert!(
                checks.stack_traces.iter().any(|r| r.is_match(trace)),
                "{trace}"
            );
        }
    }
}
