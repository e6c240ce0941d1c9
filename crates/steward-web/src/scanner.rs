//! The scan: crawl within the scope running the passive checks on every response, then
//! (with `--active`) attack every parameter found and run the templates. A spent budget or
//! a cancellation ends it early with everything found so far.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

use reqwest::Url;
use serde::Serialize;
use steward_core::engine::Engine;
use steward_core::{Finding, Rule};
use tokio::task::JoinSet;

use crate::auth::{Login, LoginError, is_logout};
use crate::checks::passive::{PROBE_ORIGIN, PassiveChecks, SensitiveDataDetector};
use crate::checks::{Issue, active, injection, ssrf, stored};
use crate::client::{Cancel, Exchange, HttpClient, HttpRequest, Limits, SendError};
use crate::endpoint::{Endpoint, path_shape, url_shape};
use crate::rules::{RuleLoadError, code_rules};
use crate::scope::Scope;
use crate::templates::{self, Template};

/// What to scan and how.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub target: Url,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Send attack payloads.
    pub active: bool,
    pub limits: Limits,
    /// Sent with every request: `--header`, `--cookie`.
    pub headers: Vec<(String, String)>,
    /// Log in through a form before crawling, and again when logged out.
    pub login: Option<Login>,
    /// Endpoints known beforehand (`--openapi`): attacked like crawled ones, and the GET
    /// ones fetched for the passive checks.
    pub seeds: Vec<Endpoint>,
}

impl ScanOptions {
    pub fn new(target: Url) -> Self {
        ScanOptions {
            target,
            include: Vec::new(),
            exclude: Vec::new(),
            active: false,
            limits: Limits::default(),
            headers: Vec::new(),
            login: None,
            seeds: Vec::new(),
        }
    }
}

/// Why the scan ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StopReason {
    Completed,
    Budget,
    Cancelled,
}

/// What a scan found and did.
#[derive(Debug)]
pub struct ScanOutcome {
    pub findings: Vec<Finding>,
    pub requests: usize,
    /// Responses the crawl read (redirect hops included).
    pub pages: usize,
    pub endpoints: Vec<Endpoint>,
    pub stopped: StopReason,
    /// Links and redirects that pointed outside the scope, never requested.
    pub out_of_scope: usize,
    /// Requests that got no response, with why.
    pub errors: Vec<String>,
    /// Logins performed (with `login`): the first, then one per lost session.
    pub logins: usize,
    /// Logout links seen and never requested.
    pub logout_links: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum DastError {
    #[error("{0} is outside the scope set by --include/--exclude")]
    TargetOutOfScope(Url),
    #[error("{0}: only http:// and https:// URLs can be scanned")]
    Scheme(Url),
    #[error("could not reach {0}")]
    Unreachable(String),
    #[error("building the HTTP client: {0}")]
    Client(String),
    #[error(transparent)]
    Login(#[from] LoginError),
    #[error("the login URL {0} is outside the scan's scope")]
    LoginOutOfScope(Url),
}

/// The DAST engine: its rules, templates and the sensitive-data detector it was given.
pub struct DastEngine {
    rules: Vec<Rule>,
    templates: Vec<Template>,
    detector: Option<Arc<dyn SensitiveDataDetector>>,
}

impl Engine for DastEngine {
    fn name(&self) -> &'static str {
        "dast"
    }
    fn rules(&self) -> &[Rule] {
        &self.rules
    }
}

enum Fetched {
    Page(Vec<Exchange>, Option<SendError>),
    Cors(String, Result<Exchange, SendError>),
}

impl DastEngine {
    pub fn new() -> Result<Self, RuleLoadError> {
        let templates = templates::builtin()?;
        let mut rules = code_rules()?;
        rules.extend(templates.iter().map(|t| t.rule.clone()));
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(DastEngine {
            rules,
            templates,
            detector: None,
        })
    }

    /// Use `detector` for sensitive data in responses (the binary passes DLP's).
    pub fn with_detector(mut self, detector: Arc<dyn SensitiveDataDetector>) -> Self {
        self.detector = Some(detector);
        self
    }

    /// The sensitive-data detector the engine was given.
    pub fn detector(&self) -> Option<Arc<dyn SensitiveDataDetector>> {
        self.detector.clone()
    }

    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    /// Run `extra` templates too (`--templates DIR`). A template whose id is already taken
    /// is an error, so a finding's rule id always names one template.
    pub fn with_templates(
        mut self,
        extra: Vec<Template>,
    ) -> Result<Self, templates::TemplateError> {
        for t in extra {
            if let Some(other) = self.rules.iter().find(|r| r.id == t.rule.id) {
                return Err(templates::TemplateError {
                    file: t.source.clone(),
                    message: format!(
                        "its id makes the rule {}, which steward already has",
                        other.id
                    ),
                });
            }
            self.rules.push(t.rule.clone());
            self.templates.push(t);
        }
        self.rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(self)
    }

    pub async fn scan(
        &self,
        options: &ScanOptions,
        cancel: Cancel,
    ) -> Result<ScanOutcome, DastError> {
        let target = options.target.clone();
        if !matches!(target.scheme(), "http" | "https") {
            return Err(DastError::Scheme(target));
        }
        let scope = Scope::new(&target, &options.include, &options.exclude);
        if !scope.contains(&target) {
            return Err(DastError::TargetOutOfScope(target));
        }
        let mut client = HttpClient::new(
            scope,
            options.headers.clone(),
            options.limits.clone(),
            cancel,
        )
        .map_err(DastError::Client)?;
        if let Some(login) = &options.login {
            if !client.scope().contains(&login.url) {
                return Err(DastError::LoginOutOfScope(login.url.clone()));
            }
            client = client.with_login(login.clone());
        }
        let client = Arc::new(client);
        client.log_in().await?;
        let mut crawl = Crawl::new(PassiveChecks::new(self.detector.clone()));
        // The session is not attacked: cookies the user gave (--cookie) and those the login
        // set stay as they are; every other cookie the application sets is a parameter.
        crawl.session_cookies = client.cookie_names();
        for (k, v) in &options.headers {
            if k.eq_ignore_ascii_case("cookie") {
                crawl.session_cookies.extend(
                    v.split(';')
                        .filter_map(|c| c.split_once('='))
                        .map(|(n, _)| n.trim().to_string()),
                );
            }
        }
        for seed in &options.seeds {
            crawl.seed(&client, seed.clone());
        }
        crawl
            .run(&client, target.clone(), options.limits.concurrency)
            .await;
        if crawl.pages == 0 {
            let why = crawl
                .errors
                .first()
                .cloned()
                .unwrap_or_else(|| target.to_string());
            if !client.cancel().is_cancelled() {
                return Err(DastError::Unreachable(why));
            }
        }
        let mut issues = std::mem::take(&mut crawl.issues);
        if options.active && !crawl.stopped {
            issues.extend(
                self.attack(
                    &client,
                    &crawl.endpoints,
                    &crawl.html_pages,
                    &target,
                    &mut crawl.errors,
                )
                .await,
            );
        }
        let stopped = if client.cancel().is_cancelled() {
            StopReason::Cancelled
        } else if client.budget_spent() {
            StopReason::Budget
        } else {
            StopReason::Completed
        };
        let mut findings: Vec<Finding> = issues
            .into_iter()
            .filter_map(|i| {
                let rule = self.rules.iter().find(|r| r.id == i.rule_id)?;
                Some(i.into_finding(rule))
            })
            .collect();
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        Ok(ScanOutcome {
            findings,
            requests: client.sent(),
            pages: crawl.pages,
            endpoints: crawl.endpoints,
            stopped,
            out_of_scope: crawl.out_of_scope + client.refused_out_of_scope(),
            errors: crawl.errors,
            logins: client.logins().await,
            logout_links: crawl.logout_links,
        })
    }

    async fn attack(
        &self,
        client: &Arc<HttpClient>,
        endpoints: &[Endpoint],
        pages: &[Url],
        target: &Url,
        errors: &mut Vec<String>,
    ) -> Vec<Issue> {
        let mut jobs: JoinSet<active::CheckResult> = JoinSet::new();
        let mut plants = JoinSet::new();
        for template in &self.templates {
            let (client, template, target) = (client.clone(), template.clone(), target.clone());
            jobs.spawn(async move { templates::run(&client, &template, &target).await });
        }
        for endpoint in endpoints {
            for param in &endpoint.params {
                if stored::wants(endpoint, param) {
                    let (client, endpoint, param) =
                        (client.clone(), endpoint.clone(), param.clone());
                    plants.spawn(async move { stored::plant(&client, &endpoint, &param).await });
                }
                for check in 0..5 {
                    let (client, endpoint, param) =
                        (client.clone(), endpoint.clone(), param.clone());
                    jobs.spawn(async move {
                        match check {
                            0 => active::reflected_xss(&client, &endpoint, &param).await,
                            1 => active::open_redirect(&client, &endpoint, &param).await,
                            2 => active::path_traversal(&client, &endpoint, &param).await,
                            3 => injection::injections(&client, &endpoint, &param).await,
                            _ => ssrf::ssrf(&client, &endpoint, &param).await,
                        }
                    });
                }
            }
        }
        let mut issues = Vec::new();
        while let Some(done) = jobs.join_next().await {
            match done {
                Ok(Ok(found)) => issues.extend(found),
                Ok(Err(SendError::Budget | SendError::Cancelled)) => {}
                Ok(Err(e)) => errors.push(e.to_string()),
                Err(e) => errors.push(format!("a check failed: {e}")),
            }
        }
        let mut planted = Vec::new();
        while let Some(done) = plants.join_next().await {
            match done {
                Ok(Ok(p)) => planted.extend(p),
                Ok(Err(SendError::Budget | SendError::Cancelled)) => {}
                Ok(Err(e)) => errors.push(e.to_string()),
                Err(e) => errors.push(format!("a check failed: {e}")),
            }
        }
        // Stored payloads surface on later fetches: every planted value is looked for on
        // the crawled pages once all submissions are done.
        if !planted.is_empty() {
            match stored::harvest(client, &planted, pages).await {
                Ok(found) => issues.extend(found),
                Err(SendError::Budget | SendError::Cancelled) => {}
                Err(e) => errors.push(e.to_string()),
            }
        }
        issues
    }
}

/// The crawl's state, owned by one task; fetches run concurrently and report back.
struct Crawl {
    passive: PassiveChecks,
    issues: Vec<Issue>,
    queue: VecDeque<Url>,
    seen: HashSet<String>,
    endpoint_shapes: HashSet<String>,
    endpoints: Vec<Endpoint>,
    /// HTML pages the crawl read (one per shape), for stored-XSS payloads to surface on.
    html_pages: Vec<Url>,
    html_shapes: HashSet<String>,
    cors_probed: HashSet<String>,
    pending_cors: Vec<(String, Url)>,
    pages: usize,
    out_of_scope: usize,
    logout_links: usize,
    errors: Vec<String>,
    stopped: bool,
    /// Cookies that hold the scan's session, never attacked.
    session_cookies: Vec<String>,
}

impl Crawl {
    fn new(passive: PassiveChecks) -> Self {
        Crawl {
            passive,
            issues: Vec::new(),
            queue: VecDeque::new(),
            seen: HashSet::new(),
            endpoint_shapes: HashSet::new(),
            endpoints: Vec::new(),
            html_pages: Vec::new(),
            html_shapes: HashSet::new(),
            cors_probed: HashSet::new(),
            pending_cors: Vec::new(),
            pages: 0,
            out_of_scope: 0,
            logout_links: 0,
            errors: Vec::new(),
            stopped: false,
            session_cookies: Vec::new(),
        }
    }

    async fn run(&mut self, client: &Arc<HttpClient>, start: Url, concurrency: usize) {
        self.enqueue(client, start);
        let mut tasks: JoinSet<Fetched> = JoinSet::new();
        loop {
            while !self.stopped && tasks.len() < concurrency.max(1) {
                if let Some((shape, url)) = self.pending_cors.pop() {
                    let client = client.clone();
                    tasks.spawn(async move {
                        let mut request = HttpRequest::get(url);
                        request.headers.push(("Origin".into(), PROBE_ORIGIN.into()));
                        Fetched::Cors(shape, client.send(request).await)
                    });
                } else if let Some(url) = self.queue.pop_front() {
                    let client = client.clone();
                    tasks.spawn(async move {
                        let (chain, err) = client.send_following(HttpRequest::get(url), 5).await;
                        Fetched::Page(chain, err)
                    });
                } else {
                    break;
                }
            }
            let Some(done) = tasks.join_next().await else {
                break;
            };
            let fetched = match done {
                Ok(f) => f,
                Err(e) => {
                    self.errors.push(format!("a crawl task failed: {e}"));
                    continue;
                }
            };
            match fetched {
                Fetched::Page(chain, err) => {
                    for ex in &chain {
                        self.read(client, ex);
                    }
                    if let Some(e) = err {
                        self.failed(e);
                    }
                }
                Fetched::Cors(shape, Ok(ex)) => {
                    self.passive.check_cors(&ex, &shape, &mut self.issues);
                }
                Fetched::Cors(_, Err(e)) => self.failed(e),
            }
        }
    }

    fn failed(&mut self, e: SendError) {
        match e {
            SendError::Budget | SendError::Cancelled => self.stopped = true,
            SendError::OutOfScope(_) => self.out_of_scope += 1,
            SendError::Transport { .. } => self.errors.push(e.to_string()),
        }
    }

    /// Queue `url` unless its shape was seen or it is out of scope.
    fn enqueue(&mut self, client: &HttpClient, mut url: Url) {
        url.set_fragment(None);
        if !client.scope().contains(&url) {
            if matches!(url.scheme(), "http" | "https") {
                self.out_of_scope += 1;
            }
            return;
        }
        // Logging out would end the session the scan may have set up.
        if is_logout(&url) {
            self.logout_links += 1;
            return;
        }
        if let Some(ep) = Endpoint::from_link(&url) {
            self.add_endpoint(ep);
        }
        if self.seen.insert(url_shape(&url)) {
            self.queue.push_back(url);
        }
    }

    /// An endpoint known beforehand; out-of-scope ones are counted, never requested.
    fn seed(&mut self, client: &HttpClient, endpoint: Endpoint) {
        if !client.scope().contains(&endpoint.url) {
            self.out_of_scope += 1;
            return;
        }
        if endpoint.method == "GET" && self.seen.insert(url_shape(&endpoint.url)) {
            self.queue.push_back(endpoint.url.clone());
        }
        self.add_endpoint(endpoint);
    }

    fn add_endpoint(&mut self, endpoint: Endpoint) {
        if self.endpoint_shapes.insert(endpoint.shape()) {
            self.endpoints.push(endpoint);
        }
    }

    fn read(&mut self, client: &HttpClient, ex: &Exchange) {
        self.pages += 1;
        let shape = url_shape(ex.url());
        let page = ex.is_html().then(|| crate::html::parse(ex.url(), &ex.body));
        self.passive
            .check(ex, &shape, page.as_ref(), &mut self.issues);
        if PassiveChecks::wants_cors_probe(ex) && self.cors_probed.insert(path_shape(ex.url())) {
            self.pending_cors.push((shape, ex.url().clone()));
        }
        if ex.is_redirect()
            && let Some(to) = ex.location()
            && !client.scope().contains(&to)
        {
            self.out_of_scope += 1;
        }
        if ex.request.method == "GET" && client.scope().contains(ex.url()) {
            let set: Vec<(String, String)> = ex
                .headers_named("set-cookie")
                .filter_map(|h| h.split(';').next()?.split_once('='))
                .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
                .filter(|(n, v)| {
                    !n.is_empty() && !v.is_empty() && !self.session_cookies.contains(n)
                })
                .collect();
            if let Some(ep) = Endpoint::from_cookies(ex.url(), &set) {
                self.add_endpoint(ep);
            }
        }
        let Some(page) = page else {
            return;
        };
        if ex.request.method == "GET"
            && (200..300).contains(&ex.status)
            && self.html_shapes.insert(url_shape(ex.url()))
        {
            self.html_pages.push(ex.url().clone());
        }
        for link in page.links {
            self.enqueue(client, link);
        }
        for form in &page.forms {
            if !client.scope().contains(&form.action) {
                self.out_of_scope += 1;
                continue;
            }
            if is_logout(&form.action) {
                self.logout_links += 1;
                continue;
            }
            if let Some(ep) = Endpoint::from_form(form) {
                if ep.method == "GET" {
                    self.enqueue(client, ep.url.clone());
                }
                self.add_endpoint(ep);
            }
        }
    }
}
