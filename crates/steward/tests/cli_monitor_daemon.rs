//! `steward monitor daemon` through the real binary: a Redis left without a password is
//! announced as new (stdout JSON line and webhook), resolved once a password is set, the
//! webhook that cannot be reached dead-letters its events, /healthz and /metrics answer
//! while it runs, and a restarted daemon does not announce what it already did.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

mod common;
use common::{Redis, free_port, required};

/// A webhook receiver on loopback: every POST body goes to the channel; answers 204.
fn webhook() -> (String, mpsc::Receiver<serde_json::Value>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for s in listener.incoming() {
            let Ok(s) = s else { continue };
            let mut reader = BufReader::new(s);
            let mut len = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; len];
            if reader.read_exact(&mut body).is_err() {
                continue;
            }
            let mut s = reader.into_inner();
            let _ = s.write_all(b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n");
            if let Ok(v) = serde_json::from_slice(&body) {
                let _ = tx.send(v);
            }
        }
    });
    (url, rx)
}

fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nhost: x\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

fn daemon(dir: &Path, cycles: u32) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("steward"))
        .current_dir(dir)
        .env_remove("STEWARD_STORE")
        .env("STEWARD_ADVISORY_DB", dir.join("no-advisories.db"))
        .args(["monitor", "daemon", "--max-cycles", &cycles.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn events(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn new_and_resolved_findings_are_announced_once_and_the_daemon_reports_its_health() {
    let Some(redis) = Redis::start(None) else {
        required("redis-server");
        return;
    };
    let (hook, received) = webhook();
    let dead = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/gone", l.local_addr().unwrap())
    };
    let listen = free_port();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("steward.toml"),
        format!(
            "[product]\nname = \"shop\"\n\n[[asset]]\nid = \"cache\"\nkind = \"redis\"\nlocation = \"redis://127.0.0.1:{}\"\n\n[monitor]\nschedule = \"@every 1s\"\nwebhooks = [\"{hook}\", \"{dead}\"]\nlisten = \"127.0.0.1:{listen}\"\n",
            redis.port
        ),
    )
    .unwrap();

    let child = daemon(dir.path(), 3);
    // Cycle 1: the open Redis is new.
    let first = received
        .recv_timeout(Duration::from_secs(30))
        .expect("the webhook received the new finding");
    assert_eq!(first["event"], "new");
    assert_eq!(first["rule_id"], "monitor/redis-no-auth");
    assert_eq!(first["asset"], "cache");
    let health = get(listen, "/healthz");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.contains("\"status\":\"ok\""), "{health}");
    // Now fix it: the next cycle resolves the finding.
    assert!(
        redis
            .command(&["CONFIG", "SET", "requirepass", "Long-enough-7c1"])
            .starts_with("+OK")
    );
    let second = received
        .recv_timeout(Duration::from_secs(30))
        .expect("the webhook received the resolution");
    assert_eq!(second["event"], "resolved");
    assert_eq!(second["fingerprint"], first["fingerprint"]);
    let metrics = get(listen, "/metrics");
    assert!(
        metrics.contains("# TYPE steward_monitor_cycles_total counter"),
        "{metrics}"
    );
    assert!(
        metrics.contains("steward_monitor_events_total{event=\"new\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("steward_monitor_probe_runs_total{asset=\"cache\",result=\"open\"} 1"),
        "{metrics}"
    );

    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let announced = events(&out.stdout);
    assert_eq!(
        announced
            .iter()
            .map(|e| e["event"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["new", "resolved"],
        "{announced:?}"
    );
    // The unreachable webhook kept both events.
    let dead_letter =
        std::fs::read_to_string(dir.path().join(".steward/monitor-dead-letter.jsonl")).unwrap();
    assert_eq!(dead_letter.lines().count(), 2, "{dead_letter}");
    assert!(dead_letter.contains("/gone"));
    // Three cycles in the ledger.
    let list = assert_cmd::Command::cargo_bin("steward")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("STEWARD_STORE")
        .args(["ledger", "list", "--json"])
        .output()
        .unwrap();
    let records: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let cycles = records
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["command"] == "monitor daemon")
        .count();
    assert_eq!(cycles, 3);

    // The posture over time: the cache went from open to protected.
    let status = assert_cmd::Command::cargo_bin("steward")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("STEWARD_STORE")
        .args(["monitor", "status", "--json"])
        .output()
        .unwrap();
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let cache = &status["assets"][0];
    assert_eq!(cache["asset"], "cache");
    assert_eq!(cache["now"], "protected");
    let changes: Vec<&str> = cache["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c[1].as_str().unwrap())
        .collect();
    assert_eq!(changes, ["open", "protected"]);

    // A restart takes up the recorded state: nothing new to announce.
    let out = daemon(dir.path(), 1).wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(
        events(&out.stdout).is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_bad_schedule_is_a_usage_error_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("steward.toml"),
        "[product]\nname = \"shop\"\n\n[[asset]]\nid = \"cache\"\nkind = \"redis\"\nlocation = \"redis://127.0.0.1:6379\"\n\n[monitor]\nschedule = \"every day\"\n",
    )
    .unwrap();
    let out = daemon(dir.path(), 1).wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("monitor.schedule"), "{stderr}");
    assert!(stderr.contains("five cron fields"), "{stderr}");
    assert!(stderr.contains(":12:"), "the line is named: {stderr}");
}
