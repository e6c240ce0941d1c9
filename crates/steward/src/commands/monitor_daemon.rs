//! `steward monitor daemon`: the probes of `monitor run` on the schedules in steward.toml's
//! `[monitor]` section, for as long as it runs. Each cycle probes the assets that are due
//! (and re-checks stored SBOMs on the default schedule), records the cycle in the ledger,
//! and announces every finding that is new since the asset's previous probe and every one
//! that is resolved: as JSON lines on stdout and as POSTs to the webhooks (retried, then
//! dead-lettered to `.steward/monitor-dead-letter.jsonl`). A failing probe is reported and
//! the daemon goes on; after a restart it takes up the state of its last recorded cycle, so
//! nothing is announced twice. `/healthz` and Prometheus `/metrics` are served on
//! `[monitor] listen` (default 127.0.0.1:9464).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Result;
use chrono::{DateTime, Utc};
use clap::Args;
use steward_core::finding::Finding;
use steward_core::schedule::Schedule;
use steward_core::triage::{SeverityCounts, triage};

use crate::args::{DbArgs, GateArg, GlobalArgs};
use crate::engines::{self, EngineOptions};
use crate::exit::{Exit, usage};
use crate::project::Project;
use crate::recording::{self, RunRecord};

#[derive(Args, Debug)]
pub struct DaemonArgs {
    /// Project directory (steward.toml is found there or in its parents)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Address for /healthz and /metrics [default: steward.toml's monitor.listen, else 127.0.0.1:9464]
    #[arg(long, value_name = "ADDR:PORT")]
    pub listen: Option<String>,
    /// Stop after N cycles (for supervised or test runs) [default: run until stopped]
    #[arg(long, value_name = "N")]
    pub max_cycles: Option<u64>,
    /// Severity at which a cycle counts as failing in the ledger [default: steward.toml's policy.fail_on, else high]
    #[arg(long, value_enum)]
    pub fail_on: Option<GateArg>,
    #[command(flatten)]
    pub db: DbArgs,
}

/// The pseudo-asset under which stored SBOMs are re-checked.
const ADVISORIES: &str = "advisories";

/// What the daemon knows about one finding, to announce it once and its resolution once.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Known {
    fingerprint: String,
    rule_id: String,
    severity: String,
    message: String,
    location: String,
}

impl Known {
    fn of(f: &Finding) -> Known {
        Known {
            fingerprint: f.fingerprint.as_str().to_string(),
            rule_id: f.rule_id.clone(),
            severity: f.severity.to_string(),
            message: f.message.clone(),
            location: f.location.path.clone(),
        }
    }
}

/// Counters and gauges for /metrics and /healthz.
#[derive(Debug, Default)]
struct Metrics {
    started: Option<DateTime<Utc>>,
    cycles: u64,
    last_cycle: Option<DateTime<Utc>>,
    last_cycle_seconds: f64,
    probe_runs: BTreeMap<(String, String), u64>,
    events: BTreeMap<&'static str, u64>,
    deliveries: BTreeMap<&'static str, u64>,
    open_findings: BTreeMap<String, u64>,
    ledger_errors: u64,
}

impl Metrics {
    fn render(&self) -> String {
        let mut out = String::new();
        let mut metric = |name: &str, kind: &str, help: &str, samples: Vec<(String, String)>| {
            out.push_str(&format!("# HELP {name} {help}\n# TYPE {name} {kind}\n"));
            for (labels, value) in samples {
                out.push_str(&format!("{name}{labels} {value}\n"));
            }
        };
        metric(
            "steward_monitor_cycles_total",
            "counter",
            "Probe cycles run since the daemon started.",
            vec![(String::new(), self.cycles.to_string())],
        );
        metric(
            "steward_monitor_last_cycle_timestamp_seconds",
            "gauge",
            "When the last cycle finished (Unix time).",
            vec![(
                String::new(),
                self.last_cycle.map_or(0, |t| t.timestamp()).to_string(),
            )],
        );
        metric(
            "steward_monitor_last_cycle_duration_seconds",
            "gauge",
            "How long the last cycle took.",
            vec![(String::new(), format!("{:.3}", self.last_cycle_seconds))],
        );
        metric(
            "steward_monitor_probe_runs_total",
            "counter",
            "Probe runs by asset and result (open, protected, public, private, ok, weak, error).",
            self.probe_runs
                .iter()
                .map(|((asset, result), n)| {
                    (
                        format!(
                            "{{asset=\"{}\",result=\"{}\"}}",
                            escape(asset),
                            escape(result)
                        ),
                        n.to_string(),
                    )
                })
                .collect(),
        );
        metric(
            "steward_monitor_findings",
            "gauge",
            "Open findings by severity after the last cycle.",
            ["critical", "high", "medium", "low", "info"]
                .iter()
                .map(|s| {
                    (
                        format!("{{severity=\"{s}\"}}"),
                        self.open_findings.get(*s).copied().unwrap_or(0).to_string(),
                    )
                })
                .collect(),
        );
        metric(
            "steward_monitor_events_total",
            "counter",
            "Findings announced as new or resolved.",
            ["new", "resolved"]
                .iter()
                .map(|e| {
                    (
                        format!("{{event=\"{e}\"}}"),
                        self.events.get(e).copied().unwrap_or(0).to_string(),
                    )
                })
                .collect(),
        );
        metric(
            "steward_monitor_webhook_deliveries_total",
            "counter",
            "Webhook deliveries by outcome.",
            ["delivered", "dead_letter"]
                .iter()
                .map(|o| {
                    (
                        format!("{{outcome=\"{o}\"}}"),
                        self.deliveries.get(o).copied().unwrap_or(0).to_string(),
                    )
                })
                .collect(),
        );
        metric(
            "steward_monitor_ledger_errors_total",
            "counter",
            "Cycles whose ledger record could not be written.",
            vec![(String::new(), self.ledger_errors.to_string())],
        );
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Serve /healthz and /metrics until the process ends.
fn serve(listener: TcpListener, metrics: Arc<Mutex<Metrics>>) {
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
        let mut line = String::new();
        if BufReader::new(&stream).read_line(&mut line).is_err() {
            continue;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/");
        let (status, kind, body) = {
            let m = metrics.lock().unwrap_or_else(|e| e.into_inner());
            match path {
                "/healthz" => (
                    "200 OK",
                    "application/json",
                    serde_json::json!({
                        "status": "ok",
                        "started": m.started.map(|t| t.to_rfc3339()),
                        "cycles": m.cycles,
                        "last_cycle": m.last_cycle.map(|t| t.to_rfc3339()),
                    })
                    .to_string(),
                ),
                "/metrics" => ("200 OK", "text/plain; version=0.0.4", m.render()),
                _ => ("404 Not Found", "text/plain", "not found\n".to_string()),
            }
        };
        let _ = write!(
            stream,
            "HTTP/1.1 {status}\r\ncontent-type: {kind}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
    }
}

/// Ctrl-C and SIGTERM set `stop`.
fn watch_signals(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let Ok(rt) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        rt.block_on(async {
            #[cfg(unix)]
            {
                use tokio::signal::unix::{SignalKind, signal};
                if let Ok(mut term) = signal(SignalKind::terminate()) {
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = term.recv() => {}
                    }
                } else {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
            #[cfg(not(unix))]
            {
                let _ = tokio::signal::ctrl_c().await;
            }
        });
        stop.store(true, Ordering::SeqCst);
    });
}

/// Sleep until `until` or until `stop` is set, whichever comes first.
fn sleep_until(until: DateTime<Utc>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        let left = until - Utc::now();
        if left <= chrono::Duration::zero() {
            return;
        }
        let step = left
            .to_std()
            .unwrap_or_default()
            .min(Duration::from_millis(200));
        std::thread::sleep(step);
    }
}

/// Findings by asset, each by fingerprint.
type State = BTreeMap<String, BTreeMap<String, Known>>;

/// The state of the last cycle the ledger holds for this daemon, and the id of the key its
/// DLP fingerprints were made with (none before they were keyed).
fn resume(project: &Project, global: &GlobalArgs) -> (State, Option<String>) {
    if global.no_ledger || !(global.store.is_some() || project.default_ledger_path().exists()) {
        return Default::default();
    }
    let spec = recording::store_spec(project, global);
    let Ok(mut ledger) = recording::open(&spec) else {
        return Default::default();
    };
    let Ok(records) = ledger.list(&steward_store::ListFilter {
        kind: Some("monitor".into()),
        ..Default::default()
    }) else {
        return Default::default();
    };
    let Some(last) = records.iter().rev().find(|r| r.command == "monitor daemon") else {
        return Default::default();
    };
    let state = serde_json::from_value(last.payload["state"].clone()).unwrap_or_default();
    let key = last.payload["fingerprint_key"].as_str().map(str::to_string);
    (state, key)
}

/// `before`'s DLP findings under the fingerprints `now` gives them, where they are the same
/// finding by rule, place and (masked) message: after the fingerprint key changed (or
/// fingerprints were first keyed), the same card in the same object is not resolved and new.
fn rekey_dlp(
    before: BTreeMap<String, Known>,
    now: &BTreeMap<String, Known>,
) -> BTreeMap<String, Known> {
    let mut unclaimed: Vec<(&String, &Known)> = now
        .iter()
        .filter(|(fp, _)| !before.contains_key(*fp))
        .collect();
    before
        .into_iter()
        .map(|(fp, k)| {
            if k.rule_id.starts_with("dlp/")
                && !now.contains_key(&fp)
                && let Some(i) = unclaimed.iter().position(|(_, n)| {
                    n.rule_id == k.rule_id && n.location == k.location && n.message == k.message
                })
            {
                let (new_fp, _) = unclaimed.swap_remove(i);
                return (new_fp.clone(), k);
            }
            (fp, k)
        })
        .collect()
}

pub fn run(args: DaemonArgs, global: &GlobalArgs) -> Result<Exit> {
    let project = Project::discover(&args.dir, global.config.as_deref())?;
    let Some(manifest) = project.manifest.clone() else {
        return Err(usage(
            "no steward.toml: the daemon probes the [[asset]] entries it declares",
        ));
    };
    let monitor = &manifest.monitor;
    let default_schedule = match &monitor.schedule {
        Some(s) => Schedule::parse(s.get_ref()).map_err(|e| usage(e.to_string()))?,
        None => Schedule::parse("*/15 * * * *").expect("default schedule"),
    };
    let mut schedules: BTreeMap<String, Schedule> = BTreeMap::new();
    for a in &manifest.assets {
        let s = match monitor.schedules.get(a.id.get_ref()) {
            Some(s) => Schedule::parse(s.get_ref()).map_err(|e| usage(e.to_string()))?,
            None => default_schedule.clone(),
        };
        schedules.insert(a.id.get_ref().clone(), s);
    }
    schedules.insert(ADVISORIES.into(), default_schedule.clone());
    let webhooks: Vec<String> = monitor
        .webhooks
        .iter()
        .map(|w| w.get_ref().clone())
        .collect();
    let listen = args
        .listen
        .clone()
        .or_else(|| monitor.listen.as_ref().map(|l| l.get_ref().clone()))
        .unwrap_or_else(|| "127.0.0.1:9464".into());
    let listener = TcpListener::bind(&listen).map_err(|e| {
        usage(format!(
            "cannot listen on {listen} for /healthz and /metrics: {e}"
        ))
    })?;
    let dead_letter = project
        .default_ledger_path()
        .parent()
        .map(|p| p.join("monitor-dead-letter.jsonl"))
        .unwrap_or_else(|| PathBuf::from(".steward/monitor-dead-letter.jsonl"));

    let metrics = Arc::new(Mutex::new(Metrics {
        started: Some(Utc::now()),
        ..Default::default()
    }));
    {
        let metrics = metrics.clone();
        std::thread::spawn(move || serve(listener, metrics));
    }
    let stop = Arc::new(AtomicBool::new(false));
    watch_signals(stop.clone());
    eprintln!(
        "steward: monitor daemon watching {} assets; /healthz and /metrics on http://{listen}",
        manifest.assets.len()
    );

    let engine_opts = EngineOptions {
        advisory_db: Some(args.db.resolve()),
        ..Default::default()
    };
    let mut catalog = engines::catalog(&engine_opts)?;
    let config = super::scan::triage_config(Some(&manifest), args.fail_on, None);
    let (mut state, resumed_key) = resume(&project, global);
    // Only bucket assets yield DLP findings, whose fingerprints are keyed: the state records
    // the key, and the assets of a state made under another key are matched by description
    // the first time they are probed again.
    let key_id = if manifest
        .assets
        .iter()
        .any(|a| a.location.starts_with("s3://"))
    {
        Some(engines::fingerprint_key(&project.root, false)?.id())
    } else {
        None
    };
    let mut rekey: BTreeSet<String> = if resumed_key != key_id {
        state.keys().cloned().collect()
    } else {
        BTreeSet::new()
    };
    let mut next: BTreeMap<String, DateTime<Utc>> =
        schedules.keys().map(|k| (k.clone(), Utc::now())).collect();
    let stdout = std::io::stdout();
    let mut cycles = 0u64;
    while !stop.load(Ordering::SeqCst) {
        let Some(due_at) = next.values().min().copied() else {
            break;
        };
        sleep_until(due_at, &stop);
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let started_at = Utc::now();
        let due: BTreeSet<String> = next
            .iter()
            .filter(|(_, t)| **t <= started_at)
            .map(|(k, _)| k.clone())
            .collect();
        for k in &due {
            let when = schedules[k].next_after(started_at);
            match when {
                Some(t) => {
                    next.insert(k.clone(), t);
                }
                None => {
                    next.remove(k);
                }
            }
        }

        // Probe the due assets, one manifest of just them; a panicking probe is contained.
        let mut only = manifest.clone();
        only.assets.retain(|a| due.contains(a.id.get_ref()));
        let observed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            super::monitor::observe(Some(&only), &project.root)
        }));
        let mut observed = match observed {
            Ok(Ok(o)) => o,
            Ok(Err(e)) => {
                eprintln!("steward: monitor daemon: probes failed this cycle: {e:#}");
                continue;
            }
            Err(_) => {
                eprintln!("steward: monitor daemon: a probe panicked this cycle; going on");
                continue;
            }
        };
        let mut by_asset: BTreeMap<String, Vec<Finding>> =
            due.iter().map(|k| (k.clone(), Vec::new())).collect();
        if due.contains(ADVISORIES) {
            match super::monitor::recheck_ledger(&project, global, &engine_opts, &observed.probes) {
                Ok(recheck) => {
                    observed.findings.extend(recheck.advisories);
                    observed.findings.extend(recheck.drift);
                    observed.skipped.extend(recheck.skipped);
                }
                Err(e) => {
                    // Without the ledger this cycle, the advisories' state is left as it was.
                    by_asset.remove(ADVISORIES);
                    eprintln!("steward: monitor daemon: ledger re-check failed: {e:#}");
                }
            }
        }
        catalog.extend_from_findings(observed.findings.iter());
        let triaged = triage(
            std::mem::take(&mut observed.findings),
            &[],
            &catalog,
            &config,
        )?;
        for f in &triaged.active {
            // An asset's own findings name it; object-level ones (a card in s3://bucket/key)
            // belong to the asset whose location holds them; the rest are the advisories'.
            let asset = f
                .properties
                .get("asset")
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .or_else(|| {
                    only.assets
                        .iter()
                        .find(|a| {
                            f.location
                                .path
                                .starts_with(a.location.trim_end_matches('/'))
                        })
                        .map(|a| a.id.get_ref().clone())
                })
                .unwrap_or_else(|| ADVISORIES.into());
            by_asset.entry(asset).or_default().push(f.clone());
        }

        // New and resolved, per asset probed this cycle.
        let mut events = Vec::new();
        for (asset, found) in &by_asset {
            let now: BTreeMap<String, Known> = found
                .iter()
                .map(|f| (f.fingerprint.as_str().to_string(), Known::of(f)))
                .collect();
            let mut before = state.remove(asset).unwrap_or_default();
            if rekey.remove(asset) {
                before = rekey_dlp(before, &now);
            }
            for (fp, k) in &now {
                if !before.contains_key(fp) {
                    events.push(("new", asset.clone(), k.clone()));
                }
            }
            for (fp, k) in &before {
                if !now.contains_key(fp) {
                    events.push(("resolved", asset.clone(), k.clone()));
                }
            }
            state.insert(asset.clone(), now);
        }
        for (event, asset, k) in &events {
            let json = serde_json::json!({
                "event": event,
                "at": Utc::now().to_rfc3339(),
                "product": project.product_name(),
                "asset": asset,
                "rule_id": k.rule_id,
                "severity": k.severity,
                "message": k.message,
                "location": k.location,
                "fingerprint": k.fingerprint,
            });
            {
                let mut out = stdout.lock();
                let _ = writeln!(out, "{json}");
                let _ = out.flush();
            }
            for url in &webhooks {
                let outcome = steward_ops::notify::deliver(
                    url,
                    &json,
                    steward_ops::notify::Retry::default(),
                    &dead_letter,
                );
                let mut m = metrics.lock().unwrap_or_else(|e| e.into_inner());
                match outcome {
                    steward_ops::notify::Delivery::Delivered { .. } => {
                        *m.deliveries.entry("delivered").or_default() += 1
                    }
                    steward_ops::notify::Delivery::DeadLettered { error, .. } => {
                        eprintln!(
                            "steward: webhook {} failed ({error}); event kept in {}",
                            steward_core::redact_url(url),
                            dead_letter.display()
                        );
                        *m.deliveries.entry("dead_letter").or_default() += 1
                    }
                }
            }
        }
        for p in &observed.skipped {
            eprintln!("steward: monitor daemon: {}: {}", p.path, p.reason);
        }

        // Record the cycle.
        let finished_at = Utc::now();
        let counts = SeverityCounts::of(&triaged.active);
        if !global.no_ledger {
            let recorded = recording::record(
                &project,
                global,
                RunRecord {
                    kind: "monitor",
                    command: "monitor daemon",
                    args: recording::redacted_args(),
                    target: project.root.display().to_string(),
                    product: project.product_name(),
                    started_at,
                    finished_at,
                    git_commit: None,
                    counts: counts.clone(),
                    gate_passed: Some(triaged.gate.passed),
                    report_sha256: None,
                    payload: serde_json::json!({
                        "engines": ["monitor"],
                        "finding_rules": crate::recording::finding_rules(&triaged.active),
                        "probes": observed.probes,
                        "due": due,
                        "events": events.iter().map(|(e, a, k)| serde_json::json!({"event": e, "asset": a, "fingerprint": k.fingerprint, "rule_id": k.rule_id})).collect::<Vec<_>>(),
                        "state": state,
                        "fingerprint_key": key_id,
                    }),
                },
            );
            if let Err(e) = recorded {
                eprintln!("steward: monitor daemon: could not record the cycle: {e:#}");
                metrics
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .ledger_errors += 1;
            }
        }
        {
            let mut m = metrics.lock().unwrap_or_else(|e| e.into_inner());
            m.cycles += 1;
            m.last_cycle = Some(finished_at);
            m.last_cycle_seconds = (finished_at - started_at).num_milliseconds() as f64 / 1000.0;
            for p in &observed.probes {
                let key = (
                    p["asset"].as_str().unwrap_or("?").to_string(),
                    p["result"].as_str().unwrap_or("?").to_string(),
                );
                *m.probe_runs.entry(key).or_default() += 1;
            }
            for (event, _, _) in &events {
                *m.events.entry(*event).or_default() += 1;
            }
            m.open_findings.clear();
            for k in state.values().flat_map(|s| s.values()) {
                *m.open_findings.entry(k.severity.clone()).or_default() += 1;
            }
        }
        cycles += 1;
        if args.max_cycles.is_some_and(|n| cycles >= n) {
            break;
        }
    }
    eprintln!("steward: monitor daemon stopped after {cycles} cycles");
    Ok(Exit::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(fp: &str, rule: &str, location: &str, message: &str) -> (String, Known) {
        let k = Known {
            fingerprint: fp.into(),
            rule_id: rule.into(),
            severity: "high".into(),
            message: message.into(),
            location: location.into(),
        };
        (fp.to_string(), k)
    }

    #[test]
    fn dlp_findings_are_carried_over_a_key_change_by_description() {
        let card = "Card number 4539 **** **** 6467 in clear text";
        let before: BTreeMap<String, Known> = [
            known("old-1", "dlp/card-number", "s3://b/a.csv", card),
            known("old-2", "dlp/card-number", "s3://b/gone.csv", card),
            known("posture", "monitor/s3-public", "s3://b", "public"),
        ]
        .into();
        let now: BTreeMap<String, Known> = [
            known("new-1", "dlp/card-number", "s3://b/a.csv", card),
            known("posture", "monitor/s3-public", "s3://b", "public"),
        ]
        .into();
        let rekeyed = rekey_dlp(before, &now);
        let keys: Vec<&str> = rekeyed.keys().map(String::as_str).collect();
        // The card still in a.csv is the same finding; the one in gone.csv was resolved.
        assert_eq!(keys, ["new-1", "old-2", "posture"]);
    }
}
