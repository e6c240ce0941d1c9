//! The checks: passive ones look at every response the crawl gets, active ones send attack
//! payloads (only with `--active`). Both produce [`Issue`]s, which the scanner turns into
//! steward findings with the rule's metadata.

pub mod active;
pub mod injection;
pub mod passive;
pub mod ssrf;
pub mod stored;

use steward_core::{Finding, Location, Rule};

use crate::client::{Exchange, HttpRequest};

/// One thing a check found, with what is needed to reproduce it.
#[derive(Debug, Clone)]
pub struct Issue {
    /// The rule id, `dast/...`.
    pub rule_id: String,
    pub message: String,
    /// Where: the URL as crawled (without attack payloads), the finding's location path.
    pub url: String,
    pub method: String,
    pub parameter: Option<String>,
    pub payload: Option<String>,
    /// The request as sent (request line, added headers, body).
    pub request: String,
    /// The relevant part of the response.
    pub evidence: String,
    /// What makes this issue distinct at its URL, for the fingerprint.
    pub key: String,
    /// For template findings: the URL the template ran against (its `{{BaseURL}}`), so a
    /// replay can run it again.
    pub target: Option<String>,
}

impl Issue {
    /// An issue about `ex` (its request and response), at `ex`'s URL.
    pub fn about(
        rule_id: &str,
        ex: &Exchange,
        message: String,
        evidence: String,
        key: &str,
    ) -> Issue {
        Issue {
            rule_id: rule_id.into(),
            message,
            url: ex.url().to_string(),
            method: ex.request.method.clone(),
            parameter: None,
            payload: None,
            request: ex.request.describe(),
            evidence,
            key: key.into(),
            target: None,
        }
    }

    pub fn into_finding(self, rule: &Rule) -> Finding {
        let mut location = Location::whole(&self.url);
        location.snippet = Some(clip(
            self.evidence
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or(""),
            200,
        ));
        let matched = format!(
            "{}\0{}\0{}",
            self.method,
            self.parameter.as_deref().unwrap_or(""),
            self.key
        );
        let mut f = Finding::new(rule, self.message, location, matched.as_bytes());
        let p = &mut f.properties;
        p.insert("url".into(), self.url.into());
        p.insert("method".into(), self.method.into());
        if let Some(param) = self.parameter {
            p.insert("parameter".into(), param.into());
        }
        if let Some(payload) = self.payload {
            p.insert("payload".into(), payload.into());
        }
        p.insert("request".into(), self.request.into());
        p.insert("evidence".into(), self.evidence.into());
        if let Some(target) = self.target {
            p.insert("target".into(), target.into());
        }
        f
    }
}

/// `s` cut to at most `max` characters, with `…` when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}

/// The `request`'s description, for issues about requests steward built.
pub fn describe(request: &HttpRequest) -> String {
    request.describe()
}
