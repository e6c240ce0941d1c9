//! Injection checks that need several responses to confirm: SQL injection (error-based,
//! boolean-based, time-based), OS command injection (output-based, time-based) and
//! server-side template injection. All share one baseline per parameter: the unchanged
//! request, sent twice to learn how much the page varies by itself and timed several
//! times to learn how slow the server is without help.

use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Duration;

use regex::Regex;

use super::active::{issue, marker, probe};
use super::passive::{SQL_ERRORS, compile};
use super::{Issue, clip};
use crate::client::{Exchange, HttpClient, SendError};
use crate::endpoint::{Endpoint, Param};
use crate::templates::line_with;

/// What an injection check returns: its issues, or why it stopped.
pub type CheckResult = Result<Vec<Issue>, SendError>;

fn sql_errors() -> &'static [Regex] {
    static RE: OnceLock<Vec<Regex>> = OnceLock::new();
    RE.get_or_init(|| compile(SQL_ERRORS))
}

/// Word tokens of a body, lower-cased, counted.
fn token_counts(body: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for t in body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        *out.entry(t.to_lowercase()).or_insert(0) += 1;
    }
    out
}

/// How many word tokens two responses do not share, ignoring `ignored` (the words of the
/// values sent, so a page that echoes its parameter does not differ because of the echo).
pub(crate) fn distance(a: &Exchange, b: &Exchange, ignored: &[&str]) -> usize {
    let mut skip: Vec<String> = ["quot", "amp", "lt", "gt", "39", "x27", "34"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for v in ignored {
        skip.extend(token_counts(v).into_keys());
    }
    let ta = token_counts(&a.body_text());
    let tb = token_counts(&b.body_text());
    let mut d = 0;
    for (t, n) in &ta {
        if !skip.contains(t) {
            d += n.abs_diff(tb.get(t).copied().unwrap_or(0));
        }
    }
    for (t, n) in &tb {
        if !skip.contains(t) && !ta.contains_key(t) {
            d += n;
        }
    }
    d
}

/// The unchanged request's responses: two for content, and timings.
struct Baseline {
    first: Exchange,
    /// Tokens that differ between two identical requests.
    noise: usize,
    stable_status: bool,
    timings: Vec<Duration>,
}

impl Baseline {
    async fn take(
        client: &HttpClient,
        endpoint: &Endpoint,
        param: &Param,
    ) -> Result<Option<Baseline>, SendError> {
        let request = endpoint.request_with(&param.name, &param.value);
        let Some(first) = probe(client, request.clone()).await? else {
            return Ok(None);
        };
        let Some(second) = probe(client, request).await? else {
            return Ok(None);
        };
        let noise = distance(&first, &second, &[&param.value]);
        Ok(Some(Baseline {
            stable_status: first.status == second.status,
            timings: vec![first.elapsed, second.elapsed],
            noise,
            first,
        }))
    }

    /// Time the unchanged request until there are `n` samples.
    async fn sample(
        &mut self,
        client: &HttpClient,
        endpoint: &Endpoint,
        param: &Param,
        n: usize,
    ) -> Result<(), SendError> {
        while self.timings.len() < n {
            match probe(client, endpoint.request_with(&param.name, &param.value)).await? {
                Some(ex) => self.timings.push(ex.elapsed),
                None => return Ok(()),
            }
        }
        Ok(())
    }

    fn same(&self, ex: &Exchange, sent: &[&str]) -> bool {
        ex.status == self.first.status && distance(ex, &self.first, sent) <= self.noise
    }

    fn different(&self, ex: &Exchange, sent: &[&str]) -> bool {
        ex.status != self.first.status
            || distance(ex, &self.first, sent) > (self.noise * 2).max(self.noise + 3)
    }
}

/// Latency statistics of the baseline, in seconds.
#[derive(Debug, Clone, Copy)]
struct Latency {
    mean: f64,
    max: f64,
    /// Above this, a response is slower than the server's own variation explains.
    upper: f64,
}

impl Latency {
    fn of(samples: &[Duration]) -> Option<Latency> {
        if samples.len() < 3 {
            return None;
        }
        let xs: Vec<f64> = samples.iter().map(Duration::as_secs_f64).collect();
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
        let max = xs.iter().copied().fold(0.0, f64::max);
        Some(Latency {
            mean,
            max,
            upper: max.max(mean + 4.0 * var.sqrt()),
        })
    }

    /// The delay to ask for: at least 2 s, and twice what the server's own slowness
    /// reaches, so its jitter cannot pass for the delay.
    fn delay(&self) -> u64 {
        (self.upper * 2.0).ceil().max(2.0) as u64
    }

    fn describe(&self, samples: usize) -> String {
        format!(
            "{samples} unchanged requests: mean {:.0} ms, slowest {:.0} ms",
            self.mean * 1000.0,
            self.max * 1000.0
        )
    }
}

/// A payload that asks for a delay of `d` seconds.
type DelayPayload = Box<dyn Fn(u64) -> String + Send + Sync>;

/// Time-based confirmation: the delayed payload is slow twice (at least the delay, and
/// well beyond the baseline's slowest), and the same payload asking for no delay is as
/// fast as the baseline. A slow or uneven server fails the last two conditions.
async fn confirm_delay(
    client: &HttpClient,
    endpoint: &Endpoint,
    param: &Param,
    latency: Latency,
    payload: &DelayPayload,
) -> Result<Option<(String, String)>, SendError> {
    let d = latency.delay();
    if Duration::from_secs_f64(d as f64 + latency.upper) >= client.timeout() {
        return Ok(None);
    }
    let slow_enough = |ex: &Exchange| {
        let t = ex.elapsed.as_secs_f64();
        t >= d as f64 * 0.95 && t > latency.upper + d as f64 * 0.5
    };
    let delayed = payload(d);
    let Some(first) = probe(client, endpoint.request_with(&param.name, &delayed)).await? else {
        return Ok(None);
    };
    if !slow_enough(&first) {
        return Ok(None);
    }
    let Some(zero) = probe(client, endpoint.request_with(&param.name, &payload(0))).await? else {
        return Ok(None);
    };
    if zero.elapsed.as_secs_f64() > latency.upper + d as f64 * 0.25 {
        return Ok(None);
    }
    let Some(again) = probe(client, endpoint.request_with(&param.name, &delayed)).await? else {
        return Ok(None);
    };
    if !slow_enough(&again) {
        return Ok(None);
    }
    Ok(Some((
        delayed,
        format!(
            "asking for {d} s: {:.2} s and {:.2} s; asking for 0 s: {:.0} ms",
            first.elapsed.as_secs_f64(),
            again.elapsed.as_secs_f64(),
            zero.elapsed.as_secs_f64() * 1000.0
        ),
    )))
}

/// A payload that makes the database do work in proportion to a row count.
type HeavyQuery = Box<dyn Fn(u64) -> String + Send + Sync>;

/// SQLite's heavy query: a recursive count to `n`, a scalar subquery that needs no table
/// and little memory.
fn sqlite_count(n: u64) -> String {
    format!(
        "(SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x<{n}) SELECT x FROM c))"
    )
}

/// How long one row of `heavy` takes on this server, if a growing count slows the
/// response beyond the server's own variation (`None` when it never does: not injectable,
/// or not this database). Confirmation is left to [`confirm_delay`].
async fn calibrate_heavy(
    client: &HttpClient,
    endpoint: &Endpoint,
    param: &Param,
    latency: Latency,
    heavy: &HeavyQuery,
) -> Result<Option<f64>, SendError> {
    let budget = client.timeout().as_secs_f64() / 2.0;
    let mut rows: u64 = 200_000;
    while rows <= 500_000_000 {
        let Some(ex) = probe(client, endpoint.request_with(&param.name, &heavy(rows))).await?
        else {
            return Ok(None);
        };
        let t = ex.elapsed.as_secs_f64();
        let extra = t - latency.mean;
        if t > latency.upper && extra > 0.3 {
            return Ok(Some(extra / rows as f64));
        }
        if t > budget {
            return Ok(None);
        }
        rows *= 8;
    }
    Ok(None)
}

/// A small number derived from the marker, for arithmetic payloads.
fn operands(m: &str, salt: u64) -> (u64, u64) {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15 ^ salt;
    for b in m.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    (1009 + h % 8000, 1013 + (h >> 20) % 8000)
}

/// SQL, command and template injection against one parameter, stopping at the first
/// confirmed finding of each kind.
pub async fn injections(client: &HttpClient, endpoint: &Endpoint, param: &Param) -> CheckResult {
    let Some(mut baseline) = Baseline::take(client, endpoint, param).await? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let m = marker(endpoint, &param.name);
    let mut sqli = sql_error_based(client, endpoint, param, &baseline).await?;
    if sqli.is_none() {
        sqli = sql_boolean_based(client, endpoint, param, &baseline).await?;
    }
    out.extend(template_injection(client, endpoint, param, &baseline, &m).await?);
    let cmd = command_output(client, endpoint, param, &baseline, &m).await?;
    let needs_timing = sqli.is_none() || cmd.is_none();
    out.extend(sqli.clone());
    out.extend(cmd.clone());
    if !needs_timing {
        return Ok(out);
    }
    baseline.sample(client, endpoint, param, 5).await?;
    let Some(latency) = Latency::of(&baseline.timings) else {
        return Ok(out);
    };
    let samples = baseline.timings.len();
    let v = param.value.clone();
    if sqli.is_none() {
        let mut payloads: Vec<DelayPayload> = Vec::new();
        if v.parse::<i64>().is_ok() {
            let v1 = v.clone();
            payloads.push(Box::new(move |d| format!("{v1} AND SLEEP({d})=0")));
            let v2 = v.clone();
            payloads.push(Box::new(move |d| {
                format!("{v2} AND (SELECT 1 FROM pg_sleep({d}))=1")
            }));
        }
        let v3 = v.clone();
        payloads.push(Box::new(move |d| {
            format!("{v3}' AND SLEEP({d})=0 AND '1'='1")
        }));
        let v4 = v.clone();
        payloads.push(Box::new(move |d| {
            format!("{v4}' AND (SELECT 1 FROM pg_sleep({d}))=1 AND '1'='1")
        }));
        let v5 = v.clone();
        payloads.push(Box::new(move |d| {
            format!("{v5}'; WAITFOR DELAY '0:0:{d}'--")
        }));
        // SQLite has no sleep: a query that counts to N takes time in proportion to N,
        // calibrated against this server and then asked for seconds like the others.
        let mut contexts: Vec<HeavyQuery> = Vec::new();
        if v.parse::<i64>().is_ok() {
            let v6 = v.clone();
            contexts.push(Box::new(move |n| format!("{v6} AND {}>0", sqlite_count(n))));
        }
        let v7 = v.clone();
        contexts.push(Box::new(move |n| {
            format!("{v7}' AND {}>0 AND '1'='1", sqlite_count(n))
        }));
        for heavy in contexts {
            if let Some(seconds_per_row) =
                calibrate_heavy(client, endpoint, param, latency, &heavy).await?
            {
                payloads.push(Box::new(move |d| {
                    // Aim a quarter beyond `d`, so an estimate a little off still delays
                    // the response by at least `d`.
                    let rows = if d == 0 {
                        1
                    } else {
                        ((d as f64 * 1.25) / seconds_per_row).ceil() as u64
                    };
                    heavy(rows.max(1))
                }));
            }
        }
        for payload in &payloads {
            if let Some((sent, timing)) =
                confirm_delay(client, endpoint, param, latency, payload).await?
            {
                let request = endpoint.request_with(&param.name, &sent);
                out.push(issue(
                    "dast/sql-injection",
                    endpoint,
                    param,
                    &sent,
                    &request,
                    format!(
                        "parameter `{}` is injectable into SQL (time-based): a payload that holds the database for a given time (a sleep, or SQLite's counting query) delays the response by that long",
                        param.name
                    ),
                    format!("{}; {timing}", latency.describe(samples)),
                ));
                break;
            }
        }
    }
    if cmd.is_none() {
        let mut payloads: Vec<DelayPayload> = Vec::new();
        let v1 = v.clone();
        payloads.push(Box::new(move |d| format!("{v1};sleep {d};")));
        let v2 = v.clone();
        payloads.push(Box::new(move |d| format!("{v2}$(sleep {d})")));
        let v3 = v.clone();
        payloads.push(Box::new(move |d| format!("{v3}';sleep {d};'")));
        let v4 = v;
        payloads.push(Box::new(move |d| format!("{v4}|sleep {d}")));
        for payload in &payloads {
            if let Some((sent, timing)) =
                confirm_delay(client, endpoint, param, latency, payload).await?
            {
                let request = endpoint.request_with(&param.name, &sent);
                out.push(issue(
                    "dast/command-injection",
                    endpoint,
                    param,
                    &sent,
                    &request,
                    format!(
                        "parameter `{}` reaches a shell (time-based): an injected `sleep` delays the response by that long",
                        param.name
                    ),
                    format!("{}; {timing}", latency.describe(samples)),
                ));
                break;
            }
        }
    }
    Ok(out)
}

/// Error-based: a quote or bracket appended to the value makes the response show a database
/// error the unchanged request does not.
async fn sql_error_based(
    client: &HttpClient,
    endpoint: &Endpoint,
    param: &Param,
    baseline: &Baseline,
) -> Result<Option<Issue>, SendError> {
    let base_body = baseline.first.body_text();
    if sql_errors().iter().any(|r| r.is_match(&base_body)) {
        return Ok(None);
    }
    for suffix in ["'", "\"", "')", "\\"] {
        let payload = format!("{}{suffix}", param.value);
        let request = endpoint.request_with(&param.name, &payload);
        let Some(ex) = probe(client, request.clone()).await? else {
            continue;
        };
        let body = ex.body_text();
        if let Some(found) = sql_errors().iter().find_map(|r| r.find(&body)) {
            let line = line_with(&body, found.as_str()).unwrap_or_default();
            return Ok(Some(issue(
                "dast/sql-injection",
                endpoint,
                param,
                &payload,
                &request,
                format!(
                    "parameter `{}` is injectable into SQL (error-based): appending `{suffix}` makes the database report a syntax error",
                    param.name
                ),
                format!("HTTP/1.1 {}\n{}", ex.status, clip(line.trim(), 300)),
            )));
        }
    }
    Ok(None)
}

/// Boolean-based: a condition that is true gives the original page, the same condition
/// made false gives a different one, and a second pair with other numbers agrees.
async fn sql_boolean_based(
    client: &HttpClient,
    endpoint: &Endpoint,
    param: &Param,
    baseline: &Baseline,
) -> Result<Option<Issue>, SendError> {
    if !baseline.stable_status {
        return Ok(None);
    }
    let v = &param.value;
    type Pair = fn(&str, u64, u64) -> String;
    let mut contexts: Vec<(&str, Pair)> = Vec::new();
    if v.parse::<i64>().is_ok() {
        contexts.push(("numeric", |v, a, b| format!("{v} AND {a}={b}")));
    }
    contexts.push(("single-quoted", |v, a, b| format!("{v}' AND '{a}'='{b}")));
    contexts.push(("double-quoted", |v, a, b| {
        format!("{v}\" AND \"{a}\"=\"{b}")
    }));
    let m = marker(endpoint, &param.name);
    for (context, pair) in contexts {
        let mut evidence = Vec::new();
        let mut confirmed = true;
        for round in 0..2u64 {
            let (a, b) = operands(&m, round);
            let truth = pair(v, a, a);
            let falsehood = pair(v, a, b);
            let Some(t) = probe(client, endpoint.request_with(&param.name, &truth)).await? else {
                confirmed = false;
                break;
            };
            let Some(f) = probe(client, endpoint.request_with(&param.name, &falsehood)).await?
            else {
                confirmed = false;
                break;
            };
            let sent = [v.as_str(), truth.as_str(), falsehood.as_str()];
            if !(baseline.same(&t, &sent)
                && baseline.different(&f, &sent)
                && (t.status != f.status || distance(&t, &f, &sent) > baseline.noise))
            {
                confirmed = false;
                break;
            }
            evidence.push(format!(
                "`{truth}`: HTTP {} {} bytes (as the original); `{falsehood}`: HTTP {} {} bytes",
                t.status,
                t.body.len(),
                f.status,
                f.body.len()
            ));
        }
        if confirmed {
            let (a, _) = operands(&m, 0);
            let payload = pair(v, a, a);
            let request = endpoint.request_with(&param.name, &payload);
            return Ok(Some(issue(
                "dast/sql-injection",
                endpoint,
                param,
                &payload,
                &request,
                format!(
                    "parameter `{}` is injectable into SQL (boolean-based, {context}): a true condition returns the original page, a false one a different page",
                    param.name
                ),
                format!(
                    "original: HTTP {} {} bytes\n{}",
                    baseline.first.status,
                    baseline.first.body.len(),
                    evidence.join("\n")
                ),
            )));
        }
    }
    Ok(None)
}

/// Output-based command injection: a shell command that prints a marker followed by the
/// result of an arithmetic expansion; the result, which the payload does not contain,
/// appears in the response.
async fn command_output(
    client: &HttpClient,
    endpoint: &Endpoint,
    param: &Param,
    baseline: &Baseline,
    m: &str,
) -> Result<Option<Issue>, SendError> {
    let (a, b) = operands(m, 7);
    let expected = format!("{m}{}", a * b);
    if baseline.first.body_text().contains(&expected) {
        return Ok(None);
    }
    let v = &param.value;
    let echo = format!("echo {m}$(({a}*{b}))");
    for payload in [
        format!("{v};{echo};"),
        format!("{v}$({echo})"),
        format!("{v}';{echo};'"),
        format!("{v}|{echo}"),
    ] {
        let request = endpoint.request_with(&param.name, &payload);
        let Some(ex) = probe(client, request.clone()).await? else {
            continue;
        };
        let body = ex.body_text();
        if body.contains(&expected) {
            let line = line_with(&body, &expected).unwrap_or_default();
            return Ok(Some(issue(
                "dast/command-injection",
                endpoint,
                param,
                &payload,
                &request,
                format!(
                    "parameter `{}` reaches a shell: an injected `echo` of {a}*{b} printed `{}` in the response",
                    param.name,
                    a * b
                ),
                format!("HTTP/1.1 {}\n{}", ex.status, clip(line.trim(), 200)),
            )));
        }
    }
    Ok(None)
}

/// Server-side template injection: an arithmetic expression in the syntax of common
/// template engines comes back evaluated, twice with different numbers.
async fn template_injection(
    client: &HttpClient,
    endpoint: &Endpoint,
    param: &Param,
    baseline: &Baseline,
    m: &str,
) -> Result<Option<Issue>, SendError> {
    type Syntax = (&'static str, fn(u64, u64) -> String);
    let forms: [Syntax; 4] = [
        ("{{ }} (Jinja2, Twig, Handlebars-like)", |a, b| {
            format!("{{{{{a}*{b}}}}}")
        }),
        ("${ } (FreeMarker, JSP EL, Thymeleaf)", |a, b| {
            format!("${{{a}*{b}}}")
        }),
        ("<%= %> (ERB, EJS)", |a, b| format!("<%= {a}*{b} %>")),
        ("#{ } (Ruby, Pug)", |a, b| format!("#{{{a}*{b}}}")),
    ];
    let base = baseline.first.body_text();
    for (syntax, expr) in forms {
        let mut evidence = Vec::new();
        let mut first_payload = None;
        for round in 0..2u64 {
            let (a, b) = operands(m, 100 + round);
            let product = (a * b).to_string();
            if base.contains(&product) {
                break;
            }
            let payload = format!("{}{}", param.value, expr(a, b));
            let request = endpoint.request_with(&param.name, &payload);
            let Some(ex) = probe(client, request.clone()).await? else {
                break;
            };
            let body = ex.body_text();
            if !body.contains(&product) {
                break;
            }
            let line = line_with(&body, &product).unwrap_or_default();
            evidence.push(format!("{a}*{b} -> {}", clip(line.trim(), 160)));
            first_payload.get_or_insert((payload, request));
        }
        if evidence.len() == 2
            && let Some((payload, request)) = first_payload
        {
            return Ok(Some(issue(
                "dast/template-injection",
                endpoint,
                param,
                &payload,
                &request,
                format!(
                    "parameter `{}` is evaluated by a server-side template engine ({syntax}): arithmetic in it comes back computed",
                    param.name
                ),
                evidence.join("\n"),
            )));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::HttpRequest;

    fn ex(body: &str) -> Exchange {
        Exchange {
            request: HttpRequest::get("http://h/".parse().unwrap()),
            status: 200,
            headers: Vec::new(),
            body: body.as_bytes().to_vec(),
            elapsed: Duration::ZERO,
        }
    }

    #[test]
    fn distance_ignores_the_echoed_values() {
        let a = ex("<p>Results for 1</p><p>Walking shoes</p>");
        let b = ex("<p>Results for 1 AND 4821=4821</p><p>Walking shoes</p>");
        let c = ex("<p>Results for 1 AND 4821=4822</p><p>No such item.</p>");
        let sent = ["1", "1 AND 4821=4821", "1 AND 4821=4822"];
        assert_eq!(distance(&a, &b, &sent), 0);
        assert!(distance(&a, &c, &sent) >= 4);
    }

    #[test]
    fn latency_sets_a_delay_beyond_the_servers_own_jitter() {
        let fast: Vec<Duration> = [5, 7, 6, 5, 8].map(Duration::from_millis).to_vec();
        assert_eq!(Latency::of(&fast).unwrap().delay(), 2);
        let uneven: Vec<Duration> = [100, 900, 300, 800, 200]
            .map(Duration::from_millis)
            .to_vec();
        let l = Latency::of(&uneven).unwrap();
        assert!(l.upper >= 0.9 && l.delay() >= 3, "{l:?}");
        assert!(Latency::of(&fast[..2]).is_none());
    }
}
