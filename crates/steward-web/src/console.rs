//! The default-login templates as a monitoring probe: `steward monitor` tries an admin
//! console that steward.toml names as an asset with the built-in templates whose ids end in
//! `default-login` (Grafana, Jenkins, Tomcat Manager, RabbitMQ management, HTTP Basic areas),
//! once each, against that URL only: no crawl, no other check, a small request budget.

use std::time::Duration;

use reqwest::Url;

use crate::client::{Cancel, HttpClient, Limits, SendError};
use crate::scope::Scope;
use crate::templates;

/// A default login a console accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultLogin {
    /// The template's rule id (`dast/grafana-default-login`).
    pub template: String,
    /// What was found, with the URL and the credentials tried (`user=admin, pass=admin`).
    pub message: String,
}

/// Requests one probe may send, over all the templates.
const BUDGET: usize = 200;

/// Try `url` with every default-login template. `Err` when the console cannot be reached
/// or the URL is not one steward can try.
pub fn default_logins(url: &str) -> Result<Vec<DefaultLogin>, String> {
    let target = Url::parse(url).map_err(|e| format!("{url}: not a URL ({e})"))?;
    if !matches!(target.scheme(), "http" | "https") {
        return Err(format!(
            "{url}: an admin console is located by an http:// or https:// URL"
        ));
    }
    let chosen: Vec<templates::Template> = templates::builtin()
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|t| t.rule.id.ends_with("default-login"))
        .collect();
    let limits = Limits {
        max_requests: BUDGET,
        rate: 20.0,
        concurrency: 2,
        timeout: Duration::from_secs(5),
        ..Limits::default()
    };
    let client = HttpClient::new(
        Scope::new(&target, &[], &[]),
        Vec::new(),
        limits,
        Cancel::new(),
    )?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("starting the HTTP runtime: {e}"))?;
    runtime.block_on(async {
        // Reach the console first: templates skip requests that fail, and an unreachable
        // console must be reported as unread, not as protected.
        client
            .send(crate::client::HttpRequest::get(target.clone()))
            .await
            .map_err(|e| e.to_string())?;
        let mut found = Vec::new();
        for template in &chosen {
            match templates::run(&client, template, &target).await {
                Ok(issues) => found.extend(issues.into_iter().map(|i| DefaultLogin {
                    template: i.rule_id,
                    message: i.message,
                })),
                Err(SendError::Budget | SendError::Cancelled) => break,
                Err(e) => return Err(e.to_string()),
            }
        }
        Ok(found)
    })
}
