//! Replaying a finding: resend the request it recorded and decide, the way the check that
//! found it did, whether the evidence is still there. A fix is verified by a replay that
//! comes back clean; a finding that still reproduces stays open.

use std::sync::Arc;
use std::time::Duration;

use regex::Regex;
use reqwest::Url;
use serde_json::Value;

use crate::auth::Login;
use crate::checks::active::{REDIRECT_HOST, traversal_payloads};
use crate::checks::injection::distance;
use crate::checks::passive::{PassiveChecks, SensitiveDataDetector};
use crate::checks::ssrf;
use crate::client::{Cancel, Exchange, HttpClient, HttpRequest, Limits, SendError};
use crate::endpoint::{encode_pairs, url_shape};
use crate::html::find_injection;
use crate::scanner::{DastEngine, DastError};
use crate::scope::Scope;

/// A finding as a report or the ledger recorded it.
#[derive(Debug, Clone)]
pub struct RecordedFinding {
    pub fingerprint: String,
    pub rule_id: String,
    pub url: String,
    pub parameter: Option<String>,
    pub payload: Option<String>,
    /// The request as [`HttpRequest::describe`] wrote it.
    pub request: String,
    pub evidence: String,
    /// For template findings: the URL the template ran against.
    pub target: Option<String>,
}

impl RecordedFinding {
    /// From a finding of a JSON report (`fingerprint`, `rule_id`, `properties`) or an entry
    /// of a dast ledger record (the same fields, flat).
    pub fn from_json(v: &Value) -> Option<RecordedFinding> {
        let props = v.get("properties").unwrap_or(v);
        let text = |k: &str| props.get(k).and_then(Value::as_str).map(str::to_string);
        Some(RecordedFinding {
            fingerprint: v.get("fingerprint")?.as_str()?.to_string(),
            rule_id: v.get("rule_id")?.as_str()?.to_string(),
            url: text("url")?,
            parameter: text("parameter"),
            payload: text("payload"),
            request: text("request")?,
            evidence: text("evidence").unwrap_or_default(),
            target: text("target"),
        })
    }
}

/// What the replay found.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub still_there: bool,
    /// Why, in a sentence.
    pub detail: String,
    /// The replayed request's response status and time.
    pub status: u16,
    pub elapsed: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error("the recorded request cannot be read: {0}")]
    Request(String),
    #[error(transparent)]
    Scan(#[from] DastError),
    #[error("{0}")]
    Send(#[from] SendError),
}

/// The request a finding recorded, rebuilt: request line, `Host`, the headers steward
/// added, and a form or JSON body. The scheme comes from the finding's URL.
pub fn parse_request(text: &str, finding_url: &str) -> Result<HttpRequest, ReplayError> {
    let bad = |m: &str| ReplayError::Request(m.to_string());
    let base: Url = finding_url
        .parse()
        .map_err(|_| bad("the finding's URL is not a URL"))?;
    let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
    let mut lines = head.lines();
    let first = lines.next().ok_or_else(|| bad("it is empty"))?;
    let mut parts = first.split(' ');
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(bad("no request line"));
    };
    let mut host = None;
    let mut headers = Vec::new();
    let mut content_type = String::new();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let (k, v) = (k.trim(), v.trim());
        match k.to_ascii_lowercase().as_str() {
            "host" => host = Some(v.to_string()),
            "content-type" => {
                content_type = v.to_ascii_lowercase();
                // A type steward does not set itself (a template's XML body) is resent as is.
                if !content_type.starts_with("application/json")
                    && !content_type.starts_with("application/x-www-form-urlencoded")
                {
                    headers.push((k.to_string(), v.to_string()));
                }
            }
            _ => headers.push((k.to_string(), v.to_string())),
        }
    }
    let host = host.ok_or_else(|| bad("no Host header"))?;
    let url: Url = format!("{}://{host}{target}", base.scheme())
        .parse()
        .map_err(|e| ReplayError::Request(format!("{e}")))?;
    let mut request = HttpRequest::get(url);
    request.method = method.to_string();
    request.headers = headers;
    if !body.is_empty() || !content_type.is_empty() {
        if content_type.starts_with("application/json") {
            request.json = Some(body.to_string());
        } else {
            request.form = Some(body.to_string());
        }
    }
    Ok(request)
}

/// `request` with the value `from` of one parameter (query, form, top-level JSON string,
/// header or path segment) replaced by `to`; `None` when no parameter held `from`.
fn substitute(request: &HttpRequest, from: &str, to: &str) -> Option<HttpRequest> {
    let mut out = request.clone();
    let swap = |pairs: Vec<(String, String)>| -> (Vec<(String, String)>, bool) {
        let mut hit = false;
        let pairs = pairs
            .into_iter()
            .map(|(k, v)| {
                if v == from {
                    hit = true;
                    (k, to.to_string())
                } else {
                    (k, v)
                }
            })
            .collect();
        (pairs, hit)
    };
    let query: Vec<(String, String)> = out.url.query_pairs().into_owned().collect();
    let (query, hit) = swap(query);
    if hit {
        let encoded = encode_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        out.url.set_query(Some(&encoded));
        return Some(out);
    }
    if let Some(form) = &request.form {
        let scratch: Url = format!("http://form.invalid/?{form}").parse().ok()?;
        let (pairs, hit) = swap(scratch.query_pairs().into_owned().collect());
        if hit {
            out.form = Some(encode_pairs(
                pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            ));
            return Some(out);
        }
    }
    if let Some(json) = &request.json
        && let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(json)
        && let Some(slot) = object.values_mut().find(|v| v.as_str() == Some(from))
    {
        *slot = Value::String(to.to_string());
        out.json = Some(Value::Object(object).to_string());
        return Some(out);
    }
    if let Some(h) = out.headers.iter_mut().find(|(_, v)| v == from) {
        h.1 = to.to_string();
        return Some(out);
    }
    let (from_c, to_c) = (
        crate::endpoint::encode_cookie(from),
        crate::endpoint::encode_cookie(to),
    );
    if let Some(h) = out
        .headers
        .iter_mut()
        .find(|(k, _)| k.eq_ignore_ascii_case("cookie"))
    {
        let mut hit = false;
        let pairs: Vec<String> =
            h.1.split("; ")
                .map(|pair| match pair.split_once('=') {
                    Some((n, v)) if v == from_c && !hit => {
                        hit = true;
                        format!("{n}={to_c}")
                    }
                    _ => pair.to_string(),
                })
                .collect();
        if hit {
            h.1 = pairs.join("; ");
            return Some(out);
        }
    }
    let encoded_from = crate::endpoint::encode_segment(from);
    if out.url.path().contains(&encoded_from) {
        let path = out
            .url
            .path()
            .replace(&encoded_from, &crate::endpoint::encode_segment(to));
        out.url.set_path(&path);
        return Some(out);
    }
    None
}

fn marker_in(text: &str) -> Option<String> {
    Regex::new(r"stwx[0-9a-f]+")
        .ok()?
        .find(text)
        .map(|m| m.as_str().to_string())
}

fn body_has_line(ex: &Exchange, evidence: &str) -> bool {
    let Some(line) = evidence
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("HTTP/1.1 "))
    else {
        return false;
    };
    // Evidence lines are clipped with `…`.
    let line = line.trim_end_matches('…');
    ex.body_text().contains(line)
}

fn seconds(evidence: &str) -> Option<u64> {
    let c = Regex::new(r"asking for (\d+) s:")
        .ok()?
        .captures(evidence)?;
    c.get(1)?.as_str().parse().ok()
}

impl DastEngine {
    /// Resend `finding`'s request against the application and say whether the evidence
    /// is still there. `headers` and `login` are the scan's (`--header`, `--login-*`).
    pub async fn replay(
        &self,
        finding: &RecordedFinding,
        headers: Vec<(String, String)>,
        login: Option<Login>,
        timeout: Duration,
        cancel: Cancel,
    ) -> Result<Verdict, ReplayError> {
        let request = parse_request(&finding.request, &finding.url)?;
        let scope = Scope::new(&request.url, &[], &[]);
        // Templates may send a request per credential pair: room for those.
        let limits = Limits {
            max_requests: 200,
            concurrency: 1,
            timeout,
            ..Limits::default()
        };
        let mut client =
            HttpClient::new(scope, headers, limits, cancel).map_err(DastError::Client)?;
        if let Some(login) = login {
            client = client.with_login(login);
        }
        client.log_in().await.map_err(DastError::Login)?;
        let rule = finding.rule_id.as_str();
        let verdict = |ex: &Exchange, still_there: bool, detail: String| Verdict {
            still_there,
            detail,
            status: ex.status,
            elapsed: ex.elapsed,
        };

        if rule == "dast/ssrf" {
            let token = marker_in(finding.payload.as_deref().unwrap_or(""))
                .ok_or_else(|| ReplayError::Request("no listener URL in the payload".into()))?;
            let old = finding.payload.clone().unwrap_or_default();
            let found = ssrf::callback(&client, &token, |url| {
                substitute(&request, &old, url).unwrap_or_else(|| request.clone())
            })
            .await?;
            let (response, received) = found
                .map(|c| (c.response, c.received))
                .unwrap_or((None, None));
            let Some(response) = response else {
                return Err(ReplayError::Request(
                    "the application did not answer the replayed request".into(),
                ));
            };
            return Ok(verdict(
                &response,
                received.is_some(),
                match received {
                    Some(head) => ssrf::evidence(&head),
                    None => "a fresh listener on 127.0.0.1 received no request".into(),
                },
            ));
        }

        let ex = client.send(request.clone()).await?;
        let m = marker_in(finding.payload.as_deref().unwrap_or(""));
        Ok(match rule {
            "dast/reflected-xss" => {
                let hit = m.as_deref().and_then(|m| find_injection(&ex.body, m));
                verdict(
                    &ex,
                    hit.is_some(),
                    match hit {
                        Some(i) => format!("the payload still creates markup: {i:?}"),
                        None => "the payload no longer creates markup in the response".into(),
                    },
                )
            }
            "dast/stored-xss" => {
                let page = finding
                    .evidence
                    .lines()
                    .next()
                    .and_then(|l| l.strip_prefix("GET "))
                    .and_then(|u| u.trim().parse::<Url>().ok());
                let shown = match page {
                    Some(page) => Some(client.send(HttpRequest::get(page)).await?),
                    None => None,
                };
                let hit = shown
                    .as_ref()
                    .zip(m.as_deref())
                    .and_then(|(p, m)| find_injection(&p.body, m));
                verdict(
                    &ex,
                    hit.is_some(),
                    match (hit, shown) {
                        (Some(_), Some(p)) => {
                            format!("resubmitted; {} still shows it as markup", p.url())
                        }
                        (None, Some(p)) => {
                            format!("resubmitted; {} no longer shows it as markup", p.url())
                        }
                        _ => "the evidence names no page to look on".into(),
                    },
                )
            }
            "dast/open-redirect" => {
                let to = ex.location();
                let still = to.as_ref().and_then(Url::host_str) == Some(REDIRECT_HOST);
                verdict(
                    &ex,
                    still,
                    match to {
                        Some(to) if still => format!("still redirects to {to}"),
                        Some(to) => format!("now redirects to {to}"),
                        None => format!("no redirect (HTTP {})", ex.status),
                    },
                )
            }
            "dast/path-traversal" => {
                let body = ex.body_text();
                let still = traversal_payloads()
                    .iter()
                    .any(|(_, proof)| proof.is_match(&body));
                verdict(
                    &ex,
                    still,
                    if still {
                        "the system file's contents are still in the response".into()
                    } else {
                        "the response no longer holds the system file".into()
                    },
                )
            }
            "dast/sql-injection" | "dast/command-injection" => {
                if let Some(d) = seconds(&finding.evidence) {
                    let t = ex.elapsed.as_secs_f64();
                    let still = t >= d as f64 * 0.95;
                    verdict(
                        &ex,
                        still,
                        format!(
                            "asking for {d} s took {t:.2} s (one sample; the scan confirms with several)"
                        ),
                    )
                } else if finding.evidence.starts_with("original:") {
                    self.replay_boolean(&client, finding, &request, &ex).await?
                } else {
                    let still = body_has_line(&ex, &finding.evidence);
                    verdict(
                        &ex,
                        still,
                        if still {
                            "the response still shows the recorded evidence".into()
                        } else {
                            "the recorded evidence is no longer in the response".into()
                        },
                    )
                }
            }
            "dast/template-injection" => {
                let product = Regex::new(r"(\d+)\*(\d+) ->")
                    .ok()
                    .and_then(|r| r.captures(&finding.evidence))
                    .and_then(|c| {
                        let a: u64 = c.get(1)?.as_str().parse().ok()?;
                        let b: u64 = c.get(2)?.as_str().parse().ok()?;
                        Some((a, b, a * b))
                    });
                let still =
                    product.is_some_and(|(_, _, p)| ex.body_text().contains(&p.to_string()));
                verdict(
                    &ex,
                    still,
                    match product {
                        Some((a, b, p)) if still => format!("{a}*{b} still comes back as {p}"),
                        Some((a, b, _)) => format!("{a}*{b} is no longer evaluated"),
                        None => "the evidence names no expression".into(),
                    },
                )
            }
            _ => {
                let mut issues = Vec::new();
                let shape = url_shape(ex.url());
                if let Some(t) = self.templates().iter().find(|t| t.rule.id == rule) {
                    // The whole template again (its credential pairs, its request
                    // sequence), against what it ran against.
                    let target: Url = finding
                        .target
                        .as_deref()
                        .and_then(|t| t.parse().ok())
                        .unwrap_or_else(|| ex.url().clone());
                    let found = crate::templates::run(&client, t, &target).await?;
                    let hit = found.iter().find(|i| i.url == finding.url);
                    return Ok(verdict(
                        &ex,
                        hit.is_some(),
                        match hit {
                            Some(i) => format!(
                                "the template still matches: {}",
                                i.evidence.lines().next().unwrap_or("")
                            ),
                            None => "the template no longer matches".into(),
                        },
                    ));
                }
                let detector: Option<Arc<dyn SensitiveDataDetector>> = self.detector();
                let mut passive = PassiveChecks::new(detector);
                if rule == "dast/cors-reflected-origin" {
                    passive.check_cors(&ex, &shape, &mut issues);
                } else {
                    let page = ex.is_html().then(|| crate::html::parse(ex.url(), &ex.body));
                    passive.check(&ex, &shape, page.as_ref(), &mut issues);
                }
                let hit = issues.iter().find(|i| i.rule_id == rule);
                verdict(
                    &ex,
                    hit.is_some(),
                    match hit {
                        Some(i) => i.message.clone(),
                        None => "the check no longer fires on the response".into(),
                    },
                )
            }
        })
    }

    /// Boolean-based SQL injection: the true condition (the recorded request) and the
    /// false one named in the evidence must still give different pages.
    async fn replay_boolean(
        &self,
        client: &HttpClient,
        finding: &RecordedFinding,
        request: &HttpRequest,
        truth_ex: &Exchange,
    ) -> Result<Verdict, ReplayError> {
        let pair = Regex::new(r"`([^`]+)`: HTTP \d+ \d+ bytes \(as the original\); `([^`]+)`")
            .ok()
            .and_then(|r| {
                let c = r.captures(&finding.evidence)?;
                Some((
                    c.get(1)?.as_str().to_string(),
                    c.get(2)?.as_str().to_string(),
                ))
            });
        let Some((truth, falsehood)) = pair else {
            return Err(ReplayError::Request(
                "the evidence names no true/false pair".into(),
            ));
        };
        let Some(false_request) = substitute(request, &truth, &falsehood) else {
            return Err(ReplayError::Request(format!(
                "no parameter of the recorded request holds `{truth}`"
            )));
        };
        let false_ex = client.send(false_request).await?;
        let sent = [truth.as_str(), falsehood.as_str()];
        let differ = truth_ex.status != false_ex.status || distance(truth_ex, &false_ex, &sent) > 3;
        Ok(Verdict {
            still_there: differ,
            detail: format!(
                "`{truth}`: HTTP {} {} bytes; `{falsehood}`: HTTP {} {} bytes{}",
                truth_ex.status,
                truth_ex.body.len(),
                false_ex.status,
                false_ex.body.len(),
                if differ {
                    ""
                } else {
                    " (the same page: the condition no longer decides it)"
                }
            ),
            status: truth_ex.status,
            elapsed: truth_ex.elapsed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_requests_are_rebuilt() {
        let text = "POST /api/v1/greeting HTTP/1.1\nHost: 127.0.0.1:8088\nX-Account: alice\nContent-Type: application/json\n\n{\"name\":\"{{7*7}}\"}";
        let r = parse_request(text, "https://127.0.0.1:8088/api/v1/greeting").unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(r.url.as_str(), "https://127.0.0.1:8088/api/v1/greeting");
        assert_eq!(r.headers, [("X-Account".into(), "alice".into())]);
        assert_eq!(r.json.as_deref(), Some("{\"name\":\"{{7*7}}\"}"));
        assert!(parse_request("", "http://h/").is_err());
        assert!(parse_request("GET / HTTP/1.1", "http://h/").is_err());
    }

    #[test]
    fn substitution_finds_the_parameter_wherever_it_is() {
        let r = parse_request(
            "GET /product?id=2+AND+1%3D1&x=y HTTP/1.1\nHost: h",
            "http://h/product",
        )
        .unwrap();
        let s = substitute(&r, "2 AND 1=1", "2 AND 1=2").unwrap();
        assert_eq!(s.url.query(), Some("id=2+AND+1%3D2&x=y"));
        let r = parse_request(
            "GET /api/products/2%20AND%201%3D1 HTTP/1.1\nHost: h",
            "http://h/",
        )
        .unwrap();
        let s = substitute(&r, "2 AND 1=1", "2 AND 1=2").unwrap();
        assert_eq!(s.url.path(), "/api/products/2%20AND%201%3D2");
        assert!(substitute(&r, "nothing", "x").is_none());
    }
}
