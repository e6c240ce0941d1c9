//! Stored XSS: a payload submitted through a form shows up, unescaped, on a page fetched
//! later. Each (endpoint, parameter) gets its own marker, so a hit says which field stored
//! it; the later pages are tokenized, as for reflected XSS, never searched as strings.

use reqwest::Url;

use super::Issue;
use super::active::{issue, marker, probe};
use super::injection::CheckResult;
use crate::client::{HttpClient, HttpRequest, SendError};
use crate::endpoint::{Endpoint, Param, ParamLocation};
use crate::html::{Injection, find_injection};
use crate::templates::line_with;

/// A payload that was submitted and may surface elsewhere.
#[derive(Debug, Clone)]
pub struct Planted {
    marker: String,
    endpoint: Endpoint,
    param: Param,
    payload: String,
    request: HttpRequest,
}

/// Whether stored XSS is tried on `endpoint`: forms that send a body (the ones that
/// store), not links.
pub fn wants(endpoint: &Endpoint, param: &Param) -> bool {
    param.location == ParamLocation::Form && endpoint.method == "POST"
}

/// Submit the payload for one field.
pub async fn plant(
    client: &HttpClient,
    endpoint: &Endpoint,
    param: &Param,
) -> Result<Option<Planted>, SendError> {
    let m = marker(endpoint, &param.name);
    let payload = format!("'\"><{m}>");
    let request = endpoint.request_with(&param.name, &payload);
    Ok(probe(client, request.clone()).await?.map(|_| Planted {
        marker: m,
        endpoint: endpoint.clone(),
        param: param.clone(),
        payload,
        request,
    }))
}

/// Fetch `pages` again and report every planted marker that became markup on one of them.
pub async fn harvest(client: &HttpClient, planted: &[Planted], pages: &[Url]) -> CheckResult {
    let mut out: Vec<Issue> = Vec::new();
    let mut open: Vec<&Planted> = planted.iter().collect();
    for url in pages {
        if open.is_empty() {
            break;
        }
        let Some(ex) = probe(client, HttpRequest::get(url.clone())).await? else {
            continue;
        };
        if !ex.is_html() {
            continue;
        }
        let body = ex.body_text();
        let mut still_open = Vec::new();
        for p in open {
            if !body.contains(&p.marker) {
                still_open.push(p);
                continue;
            }
            let (Some(Injection::Element { tag }) | Some(Injection::Attribute { tag, .. })) =
                find_injection(&ex.body, &p.marker)
            else {
                still_open.push(p);
                continue;
            };
            let line = line_with(&body, &p.marker).unwrap_or_default();
            out.push(issue(
                "dast/stored-xss",
                &p.endpoint,
                &p.param,
                &p.payload,
                &p.request,
                format!(
                    "the value of `{}` submitted to {} {} is stored and shown unescaped on {}: it creates a <{tag}> element there",
                    p.param.name,
                    p.endpoint.method,
                    p.endpoint.url.path(),
                    ex.url()
                ),
                format!("GET {}\nHTTP/1.1 {}\n{}", ex.url(), ex.status, line.trim()),
            ));
        }
        open = still_open;
    }
    Ok(out)
}
