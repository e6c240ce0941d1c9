//! The only way steward-web sends a request. Each one is checked against the scope, counted
//! against the budget, held to the concurrency and rate limits, and raced against
//! cancellation; redirects are followed by hand so every hop is checked the same way.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::Url;
use tokio::sync::{Notify, Semaphore};
use tokio::time::Instant;

use crate::auth::{CookieJar, Login, LoginError};
use crate::scope::Scope;

/// Shared stop signal: Ctrl-C in the binary, or a test. Requests not yet sent are refused,
/// requests in flight are abandoned.
#[derive(Debug, Default, Clone)]
pub struct Cancel {
    inner: Arc<CancelInner>,
}

#[derive(Debug, Default)]
struct CancelInner {
    flag: AtomicBool,
    notify: Notify,
}

impl Cancel {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn cancel(&self) {
        self.inner.flag.store(true, Ordering::SeqCst);
        self.inner.notify.notify_waiters();
    }

    pub fn is_cancelled(&self) -> bool {
        self.inner.flag.load(Ordering::SeqCst)
    }

    /// Resolves once `cancel` has been called.
    pub async fn cancelled(&self) {
        loop {
            let notified = self.inner.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }
}

/// How hard the scanner may push the target.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Requests in all, crawl and checks together.
    pub max_requests: usize,
    /// Requests per second; 0 for no limit.
    pub rate: f64,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Per request, connect to last byte.
    pub timeout: Duration,
    /// Response bytes kept; the rest is not read.
    pub max_body: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_requests: 1000,
            rate: 0.0,
            concurrency: 8,
            timeout: Duration::from_secs(10),
            max_body: 2 << 20,
        }
    }
}

/// A request as steward builds it.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub method: String,
    pub url: Url,
    pub headers: Vec<(String, String)>,
    /// An `application/x-www-form-urlencoded` body.
    pub form: Option<String>,
    /// An `application/json` body (when `form` is `None`).
    pub json: Option<String>,
}

impl HttpRequest {
    pub fn get(url: Url) -> Self {
        HttpRequest {
            method: "GET".into(),
            url,
            headers: Vec::new(),
            form: None,
            json: None,
        }
    }

    /// `GET /path?query HTTP/1.1`, then the headers steward added for this request and the
    /// body: what a finding's evidence shows so it can be replayed by hand.
    pub fn describe(&self) -> String {
        let mut target = self.url.path().to_string();
        if let Some(q) = self.url.query() {
            target.push('?');
            target.push_str(q);
        }
        let mut out = format!("{} {} HTTP/1.1", self.method, target);
        if let Some(host) = self.url.host_str() {
            match self.url.port() {
                Some(p) => out.push_str(&format!("\nHost: {host}:{p}")),
                None => out.push_str(&format!("\nHost: {host}")),
            }
        }
        for (k, v) in &self.headers {
            out.push_str(&format!("\n{k}: {v}"));
        }
        let typed = self
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"));
        if let Some(body) = &self.form {
            if !typed {
                out.push_str("\nContent-Type: application/x-www-form-urlencoded");
            }
            out.push_str("\n\n");
            out.push_str(body);
        } else if let Some(body) = &self.json {
            if !typed {
                out.push_str("\nContent-Type: application/json");
            }
            out.push_str("\n\n");
            out.push_str(body);
        }
        out
    }
}

/// One request and its response.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub request: HttpRequest,
    pub status: u16,
    /// Header names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// From sending the request to the last byte of the response (waits for the rate
    /// limit and the concurrency limit excluded): what time-based checks measure.
    pub elapsed: Duration,
}

impl Exchange {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn url(&self) -> &Url {
        &self.request.url
    }

    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }

    pub fn is_html(&self) -> bool {
        let ct = self.content_type().to_ascii_lowercase();
        if ct.is_empty() {
            let head: Vec<u8> = self
                .body
                .iter()
                .skip_while(|b| b.is_ascii_whitespace())
                .take(15)
                .map(u8::to_ascii_lowercase)
                .collect();
            return head.starts_with(b"<!doctype html") || head.starts_with(b"<html");
        }
        ct.starts_with("text/html") || ct.starts_with("application/xhtml")
    }

    pub fn is_redirect(&self) -> bool {
        (300..400).contains(&self.status) && self.header("location").is_some()
    }

    /// The `Location` header resolved against the request URL.
    pub fn location(&self) -> Option<Url> {
        self.header("location")
            .and_then(|l| self.request.url.join(l.trim()).ok())
    }

    /// `HTTP/1.1 200` and the headers, as evidence.
    pub fn status_and_headers(&self) -> String {
        let mut out = format!("HTTP/1.1 {}", self.status);
        for (k, v) in &self.headers {
            out.push_str(&format!("\n{k}: {v}"));
        }
        out
    }

    pub fn body_text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

/// Why a request was not sent or got no response.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SendError {
    #[error("{0} is outside the scan's scope")]
    OutOfScope(Url),
    #[error("the request budget is spent")]
    Budget,
    #[error("cancelled")]
    Cancelled,
    #[error("{url}: {message}")]
    Transport { url: Url, message: String },
}

/// The scanner's HTTP client.
pub struct HttpClient {
    inner: reqwest::Client,
    scope: Scope,
    /// Sent with every request (`--header`, `--cookie`).
    extra_headers: Vec<(String, String)>,
    limits: Limits,
    sent: AtomicUsize,
    budget_spent: AtomicBool,
    refused: AtomicUsize,
    semaphore: Semaphore,
    next_slot: Mutex<Option<Instant>>,
    cancel: Cancel,
    jar: CookieJar,
    /// Bumped whenever the jar changes: a login that changed nothing set no cookie.
    jar_version: AtomicUsize,
    login: Option<Login>,
    /// Held while logging in; holds the number of logins so far, so tasks that all saw a
    /// logged-out response log in once, not once each.
    login_lock: tokio::sync::Mutex<usize>,
}

impl HttpClient {
    pub fn new(
        scope: Scope,
        extra_headers: Vec<(String, String)>,
        limits: Limits,
        cancel: Cancel,
    ) -> Result<Self, String> {
        let inner = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(limits.timeout)
            .connect_timeout(limits.timeout.min(Duration::from_secs(5)))
            .user_agent(concat!("steward-dast/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(HttpClient {
            inner,
            scope,
            extra_headers,
            semaphore: Semaphore::new(limits.concurrency.max(1)),
            limits,
            sent: AtomicUsize::new(0),
            budget_spent: AtomicBool::new(false),
            refused: AtomicUsize::new(0),
            next_slot: Mutex::new(None),
            cancel,
            jar: CookieJar::default(),
            jar_version: AtomicUsize::new(0),
            login: None,
            login_lock: tokio::sync::Mutex::new(0),
        })
    }

    /// Log in with `login` (call [`HttpClient::log_in`] before the crawl) and again
    /// whenever a response shows the session was lost.
    pub fn with_login(mut self, login: Login) -> Self {
        self.login = Some(login);
        self
    }

    /// Logins done so far, the first included.
    pub async fn logins(&self) -> usize {
        *self.login_lock.lock().await
    }

    /// Log in now. Without a configured login, does nothing.
    pub async fn log_in(&self) -> Result<(), LoginError> {
        let mut count = self.login_lock.lock().await;
        self.log_in_locked(&mut count).await
    }

    async fn log_in_locked(&self, count: &mut usize) -> Result<(), LoginError> {
        let Some(login) = &self.login else {
            return Ok(());
        };
        let fail = |e: SendError| LoginError::Send(e.to_string());
        // Boxed: `follow` may call `send`, which may call this.
        let (chain, err) =
            Box::pin(self.follow(HttpRequest::get(login.url.clone()), 5, false)).await;
        if let Some(e) = err {
            return Err(fail(e));
        }
        let Some(page) = chain.last() else {
            return Err(LoginError::Send(format!("no response from {}", login.url)));
        };
        let submission = login.submission(page)?;
        let before = self.jar_version.load(Ordering::SeqCst);
        let (chain, err) = Box::pin(self.follow(submission, 5, false)).await;
        if let Some(e) = err {
            return Err(fail(e));
        }
        let cookie_set = self.jar_version.load(Ordering::SeqCst) != before;
        login
            .succeeded(&chain, cookie_set)
            .map_err(|why| LoginError::Rejected {
                url: login.url.clone(),
                why,
            })?;
        *count += 1;
        Ok(())
    }

    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The names of the cookies the session holds now.
    pub fn cookie_names(&self) -> Vec<String> {
        self.jar.pairs().into_iter().map(|(n, _)| n).collect()
    }

    pub fn cancel(&self) -> &Cancel {
        &self.cancel
    }

    /// Requests sent so far.
    pub fn sent(&self) -> usize {
        self.sent.load(Ordering::SeqCst)
    }

    /// Whether a request was refused because the budget was spent.
    pub fn budget_spent(&self) -> bool {
        self.budget_spent.load(Ordering::SeqCst)
    }

    /// Requests refused because their URL was outside the scope.
    pub fn refused_out_of_scope(&self) -> usize {
        self.refused.load(Ordering::SeqCst)
    }

    /// How long one request may take.
    pub fn timeout(&self) -> Duration {
        self.limits.timeout
    }

    pub fn max_body(&self) -> usize {
        self.limits.max_body
    }

    /// Send one request, following no redirect. With a login configured, a response that
    /// shows the session was lost is answered by logging in again and resending once.
    pub async fn send(&self, request: HttpRequest) -> Result<Exchange, SendError> {
        let Some(login) = &self.login else {
            return self.send_once(request, true).await;
        };
        let seen = *self.login_lock.lock().await;
        let ex = self.send_once(request.clone(), true).await?;
        if !login.is_logged_out(&ex) {
            return Ok(ex);
        }
        {
            let mut count = self.login_lock.lock().await;
            // Another task may have logged in again meanwhile.
            if *count == seen && self.log_in_locked(&mut count).await.is_err() {
                return Ok(ex);
            }
        }
        self.send_once(request, true).await
    }

    /// Send one request outside the scan's session: the cookie jar is neither sent nor
    /// updated, and a logged-out answer triggers no login (templates, which stand where an
    /// outsider stands and keep their own cookies). Scope, budget and limits still apply.
    pub async fn send_detached(&self, request: HttpRequest) -> Result<Exchange, SendError> {
        self.send_once(request, false).await
    }

    async fn send_once(&self, request: HttpRequest, jar: bool) -> Result<Exchange, SendError> {
        if self.cancel.is_cancelled() {
            return Err(SendError::Cancelled);
        }
        if !self.scope.contains(&request.url) {
            self.refused.fetch_add(1, Ordering::SeqCst);
            return Err(SendError::OutOfScope(request.url));
        }
        let max = self.limits.max_requests;
        if self
            .sent
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < max).then_some(n + 1)
            })
            .is_err()
        {
            self.budget_spent.store(true, Ordering::SeqCst);
            return Err(SendError::Budget);
        }
        let _permit = self
            .semaphore
            .acquire()
            .await
            .map_err(|_| SendError::Cancelled)?;
        if let Some(slot) = self.rate_slot() {
            tokio::select! {
                _ = tokio::time::sleep_until(slot) => {}
                _ = self.cancel.cancelled() => return Err(SendError::Cancelled),
            }
        }
        tokio::select! {
            result = self.transmit(request, jar) => result,
            _ = self.cancel.cancelled() => Err(SendError::Cancelled),
        }
    }

    /// Send `request` and follow redirects (up to `max_hops`), checking the scope before
    /// each hop. Returns every exchange made; the error, if any, is why the chain stopped
    /// early (an out-of-scope hop is not an error: the chain just ends there).
    pub async fn send_following(
        &self,
        request: HttpRequest,
        max_hops: usize,
    ) -> (Vec<Exchange>, Option<SendError>) {
        self.follow(request, max_hops, true).await
    }

    /// `relogin`: whether a logged-out response triggers a login (not while logging in).
    async fn follow(
        &self,
        request: HttpRequest,
        max_hops: usize,
        relogin: bool,
    ) -> (Vec<Exchange>, Option<SendError>) {
        let mut chain: Vec<Exchange> = Vec::new();
        let mut next = request;
        loop {
            let sent = if relogin {
                self.send(next).await
            } else {
                self.send_once(next, true).await
            };
            match sent {
                Ok(ex) => {
                    let follow = ex.is_redirect().then(|| ex.location()).flatten();
                    chain.push(ex);
                    let Some(to) = follow else {
                        return (chain, None);
                    };
                    if chain.len() > max_hops
                        || !self.scope.contains(&to)
                        || crate::auth::is_logout(&to)
                    {
                        return (chain, None);
                    }
                    next = HttpRequest::get(to);
                }
                Err(e) => return (chain, Some(e)),
            }
        }
    }

    fn rate_slot(&self) -> Option<Instant> {
        if self.limits.rate <= 0.0 {
            return None;
        }
        let interval = Duration::from_secs_f64(1.0 / self.limits.rate);
        let now = Instant::now();
        let mut next = self.next_slot.lock().unwrap_or_else(|p| p.into_inner());
        let slot = next.map_or(now, |n| n.max(now));
        *next = Some(slot + interval);
        Some(slot)
    }

    async fn transmit(&self, request: HttpRequest, jar: bool) -> Result<Exchange, SendError> {
        let method = reqwest::Method::from_bytes(request.method.as_bytes()).map_err(|e| {
            SendError::Transport {
                url: request.url.clone(),
                message: e.to_string(),
            }
        })?;
        let started = Instant::now();
        let mut builder = self.inner.request(method, request.url.clone());
        // One Cookie header: the user's and the request's cookies, then the jar's for names
        // neither set (a cookie under attack replaces the session's value, not joins it).
        let mut cookies: Vec<String> = Vec::new();
        let mut named: Vec<String> = Vec::new();
        for (k, v) in self.extra_headers.iter().chain(&request.headers) {
            if k.eq_ignore_ascii_case("cookie") {
                for pair in v.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                    named.push(pair.split('=').next().unwrap_or("").trim().to_string());
                    cookies.push(pair.to_string());
                }
                continue;
            }
            builder = builder.header(k.as_str(), v.as_str());
        }
        if jar {
            for (name, value) in self.jar.pairs() {
                if !named.contains(&name) {
                    cookies.push(format!("{name}={value}"));
                }
            }
        }
        if !cookies.is_empty() {
            builder = builder.header("cookie", cookies.join("; "));
        }
        let typed = request
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"));
        if let Some(form) = &request.form {
            if !typed {
                builder = builder.header("content-type", "application/x-www-form-urlencoded");
            }
            builder = builder.body(form.clone());
        } else if let Some(json) = &request.json {
            if !typed {
                builder = builder.header("content-type", "application/json");
            }
            builder = builder.body(json.clone());
        }
        let transport = |e: reqwest::Error| SendError::Transport {
            url: request.url.clone(),
            message: error_chain(&e),
        };
        let mut response = builder.send().await.map_err(transport)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_ascii_lowercase(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let mut body = Vec::new();
        while body.len() < self.limits.max_body {
            match response.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) => break,
                // A body cut short still tells what it held so far.
                Err(_) => break,
            }
        }
        body.truncate(self.limits.max_body);
        let ex = Exchange {
            request,
            status,
            headers,
            body,
            elapsed: started.elapsed(),
        };
        if jar && self.jar.store(&ex) {
            self.jar_version.fetch_add(1, Ordering::SeqCst);
        }
        Ok(ex)
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    if out.contains("certificate verify failed") {
        out.push_str(
            " (if the site's certificate comes from your own CA, point SSL_CERT_FILE at a bundle that holds it)",
        );
    }
    out
}
