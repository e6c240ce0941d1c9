//! Active checks: requests with attack payloads, sent only with `--active`. Each is
//! confirmed from the response itself (a parsed element, a redirect's target, a file's
//! contents), never from a payload merely echoed back.

use std::sync::atomic::{AtomicU64, Ordering};

use regex::Regex;

use super::{Issue, clip};
use crate::client::{Exchange, HttpClient, HttpRequest, SendError};
use crate::endpoint::{Endpoint, Param};
use crate::html::{Injection, find_injection};
use crate::templates::line_with;

/// The host open-redirect payloads point at. `.invalid` never resolves, and it is outside
/// every scope, so the scanner itself never follows the redirect.
pub const REDIRECT_HOST: &str = "steward-redirect.invalid";

/// What an active check returns: its issues, or why it stopped.
pub type CheckResult = Result<Vec<Issue>, SendError>;

pub(super) fn marker(endpoint: &Endpoint, param: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in endpoint.url.as_str().bytes().chain(param.bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    format!("stwx{:x}", (h ^ n) & 0xffff_ffff)
}

pub(super) fn issue(
    rule: &str,
    endpoint: &Endpoint,
    param: &Param,
    payload: &str,
    request: &HttpRequest,
    message: String,
    evidence: String,
) -> Issue {
    Issue {
        rule_id: rule.into(),
        message,
        url: endpoint.url.to_string(),
        method: endpoint.method.clone(),
        parameter: Some(param.name.clone()),
        payload: Some(payload.into()),
        request: request.describe(),
        evidence,
        key: String::new(),
        target: None,
    }
}

/// A transport failure on one probe is that probe's problem, not the scan's: only budget
/// and cancellation stop a check.
fn fatal(e: SendError) -> Result<Option<Exchange>, SendError> {
    match e {
        SendError::Budget | SendError::Cancelled => Err(e),
        SendError::OutOfScope(_) | SendError::Transport { .. } => Ok(None),
    }
}

pub(super) async fn probe(
    client: &HttpClient,
    request: HttpRequest,
) -> Result<Option<Exchange>, SendError> {
    match client.send(request).await {
        Ok(ex) => Ok(Some(ex)),
        Err(e) => fatal(e),
    }
}

/// Reflected XSS: a plain marker first (is the value reflected at all?), then payloads for
/// the body and for double- and single-quoted attributes, each confirmed by tokenizing the
/// response.
pub async fn reflected_xss(client: &HttpClient, endpoint: &Endpoint, param: &Param) -> CheckResult {
    let m = marker(endpoint, &param.name);
    let Some(plain) = probe(client, endpoint.request_with(&param.name, &m)).await? else {
        return Ok(Vec::new());
    };
    if !plain.body_text().contains(&m) {
        return Ok(Vec::new());
    }
    let payloads = [
        format!("'\"><{m}>"),
        format!("\" onmouseover=\"{m}()"),
        format!("' onmouseover='{m}()"),
    ];
    for payload in payloads {
        let request = endpoint.request_with(&param.name, &payload);
        let Some(ex) = probe(client, request.clone()).await? else {
            continue;
        };
        if !ex.is_html() {
            continue;
        }
        let Some(injection) = find_injection(&ex.body, &m) else {
            continue;
        };
        let body = ex.body_text();
        let line = line_with(&body, &m).unwrap_or_default();
        let what = match &injection {
            Injection::Element { tag } => format!("creates a <{tag}> element"),
            Injection::Attribute { tag, attribute, .. } => {
                format!("adds an `{attribute}` event handler to a <{tag}> element")
            }
        };
        return Ok(vec![issue(
            "dast/reflected-xss",
            endpoint,
            param,
            &payload,
            &request,
            format!(
                "parameter `{}` is reflected unescaped: the payload {what}",
                param.name
            ),
            format!("HTTP/1.1 {}\n{line}", ex.status),
        )]);
    }
    Ok(Vec::new())
}

const REDIRECT_NAMES: &[&str] = &[
    "url",
    "uri",
    "redirect",
    "redirect_uri",
    "redirect_url",
    "next",
    "return",
    "returnto",
    "return_to",
    "returnurl",
    "goto",
    "dest",
    "destination",
    "continue",
    "target",
    "to",
    "r",
    "u",
    "rurl",
    "forward",
    "callback",
    "out",
    "view",
    "link",
];

fn looks_like_redirect(param: &Param) -> bool {
    let name = param.name.to_ascii_lowercase();
    REDIRECT_NAMES.contains(&name.as_str())
        || param.value.starts_with('/')
        || param.value.starts_with("http://")
        || param.value.starts_with("https://")
}

/// Open redirect: a redirect (Location or Refresh) to a host steward names.
pub async fn open_redirect(client: &HttpClient, endpoint: &Endpoint, param: &Param) -> CheckResult {
    if !looks_like_redirect(param) {
        return Ok(Vec::new());
    }
    for payload in [
        format!("https://{REDIRECT_HOST}/"),
        format!("//{REDIRECT_HOST}/"),
        format!("/\\{REDIRECT_HOST}/"),
    ] {
        let request = endpoint.request_with(&param.name, &payload);
        let Some(ex) = probe(client, request.clone()).await? else {
            continue;
        };
        let target = if (300..400).contains(&ex.status) {
            ex.location().map(|u| ("Location", u))
        } else {
            ex.header("refresh")
                .and_then(|r| r.split_once("url=").or_else(|| r.split_once("URL=")))
                .and_then(|(_, u)| ex.url().join(u.trim()).ok())
                .map(|u| ("Refresh", u))
        };
        if let Some((header, to)) = target
            && to.host_str() == Some(REDIRECT_HOST)
        {
            let raw = ex.header(&header.to_ascii_lowercase()).unwrap_or("");
            return Ok(vec![issue(
                "dast/open-redirect",
                endpoint,
                param,
                &payload,
                &request,
                format!(
                    "parameter `{}` redirects to any site it names ({to})",
                    param.name
                ),
                format!("HTTP/1.1 {}\n{header}: {raw}", ex.status),
            )]);
        }
    }
    Ok(Vec::new())
}

const FILE_NAMES: &[&str] = &[
    "file", "filename", "path", "filepath", "page", "doc", "document", "template", "include",
    "inc", "dir", "folder", "download", "load", "read", "img", "image", "name", "view", "lang",
    "resource", "src",
];

fn looks_like_file(param: &Param) -> bool {
    let name = param.name.to_ascii_lowercase();
    let v = &param.value;
    FILE_NAMES.contains(&name.as_str())
        || v.contains('/')
        || v.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Payloads and what proves each one read the file.
pub(crate) fn traversal_payloads() -> Vec<(String, Regex)> {
    let passwd = Regex::new(r"(?m)^root:[^:\n]*:0:0:").ok();
    let win_ini = Regex::new(r"(?i)^\s*(\[fonts\]|\[extensions\]|; for 16-bit app support)").ok();
    let mut out = Vec::new();
    if let Some(p) = passwd {
        out.push(("../".repeat(12) + "etc/passwd", p.clone()));
        out.push(("....//".repeat(12) + "etc/passwd", p.clone()));
        out.push(("/etc/passwd".to_string(), p));
    }
    if let Some(w) = win_ini {
        out.push(("..\\".repeat(12) + "windows\\win.ini", w));
    }
    out
}

/// Path traversal: the contents of a well-known system file in the response, absent from
/// the response to the value the page itself uses.
pub async fn path_traversal(
    client: &HttpClient,
    endpoint: &Endpoint,
    param: &Param,
) -> CheckResult {
    if !looks_like_file(param) {
        return Ok(Vec::new());
    }
    let mut baseline: Option<Exchange> = None;
    for (payload, proof) in traversal_payloads() {
        if baseline.is_none() {
            baseline = probe(client, endpoint.request_with(&param.name, &param.value)).await?;
            if baseline
                .as_ref()
                .is_some_and(|b| proof.is_match(&b.body_text()))
            {
                return Ok(Vec::new());
            }
        }
        let request = endpoint.request_with(&param.name, &payload);
        let Some(ex) = probe(client, request.clone()).await? else {
            continue;
        };
        let body = ex.body_text();
        if let Some(m) = proof.find(&body) {
            let line = line_with(&body, m.as_str()).unwrap_or_default();
            return Ok(vec![issue(
                "dast/path-traversal",
                endpoint,
                param,
                &payload,
                &request,
                format!(
                    "parameter `{}` reads files outside its directory",
                    param.name
                ),
                format!("HTTP/1.1 {}\n{}", ex.status, clip(&line, 120)),
            )]);
        }
    }
    Ok(Vec::new())
}
