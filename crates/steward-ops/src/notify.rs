//! Delivering monitor events to webhooks: a JSON POST per event, retried with backoff, and
//! what still fails appended to a dead-letter file (one JSON line per undelivered event) so
//! nothing is lost.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;

/// How one delivery ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Delivered { attempts: u32 },
    DeadLettered { attempts: u32, error: String },
}

/// Retry policy: `attempts` tries, waiting `first_backoff`, then twice as long each time.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    pub attempts: u32,
    pub first_backoff: Duration,
    pub timeout: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            attempts: 4,
            first_backoff: Duration::from_millis(500),
            timeout: Duration::from_secs(10),
        }
    }
}

/// POST `event` to `url`; a 2xx answer is delivery. Otherwise retry, and when every attempt
/// failed append `{"webhook", "event", "error", "at"}` to `dead_letter`.
pub fn deliver(url: &str, event: &Value, retry: Retry, dead_letter: &Path) -> Delivery {
    let client = match reqwest::blocking::Client::builder()
        .timeout(retry.timeout)
        .build()
    {
        Ok(c) => c,
        Err(e) => return dead_letter_it(url, event, 0, format!("HTTP client: {e}"), dead_letter),
    };
    let body = event.to_string();
    let mut wait = retry.first_backoff;
    let mut last_error = String::new();
    for attempt in 1..=retry.attempts.max(1) {
        match client
            .post(url)
            .header("content-type", "application/json")
            .header("user-agent", concat!("steward/", env!("CARGO_PKG_VERSION")))
            .body(body.clone())
            .send()
        {
            Ok(r) if r.status().is_success() => return Delivery::Delivered { attempts: attempt },
            Ok(r) => last_error = format!("HTTP {}", r.status().as_u16()),
            Err(e) => {
                last_error = e.to_string();
                let mut source = std::error::Error::source(&e);
                while let Some(s) = source {
                    last_error.push_str(": ");
                    last_error.push_str(&s.to_string());
                    source = s.source();
                }
            }
        }
        if attempt < retry.attempts {
            std::thread::sleep(wait);
            wait *= 2;
        }
    }
    dead_letter_it(url, event, retry.attempts.max(1), last_error, dead_letter)
}

fn dead_letter_it(url: &str, event: &Value, attempts: u32, error: String, path: &Path) -> Delivery {
    let line = serde_json::json!({
        "at": chrono::Utc::now().to_rfc3339(),
        "webhook": steward_core::redact_url(url),
        "attempts": attempts,
        "error": error,
        "event": event,
    });
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
        })
        .and_then(|mut f| writeln!(f, "{line}").and_then(|_| f.sync_data()));
    let error = match written {
        Ok(()) => error,
        Err(e) => format!(
            "{error}; and writing the dead-letter file {} failed: {e}",
            path.display()
        ),
    };
    Delivery::DeadLettered { attempts, error }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Read};
    use std::net::TcpListener;

    /// A server answering each request with the next status of `statuses`; returns the
    /// bodies it received.
    fn server(statuses: Vec<u16>) -> (String, std::thread::JoinHandle<Vec<String>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let handle = std::thread::spawn(move || {
            let mut bodies = Vec::new();
            for status in statuses {
                let (s, _) = listener.accept().unwrap();
                let mut reader = BufReader::new(s);
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    if line == "\r\n" || line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        len = v.trim().parse().unwrap();
                    }
                }
                let mut body = vec![0; len];
                reader.read_exact(&mut body).unwrap();
                bodies.push(String::from_utf8(body).unwrap());
                let mut s = reader.into_inner();
                write!(
                    s,
                    "HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                )
                .unwrap();
            }
            bodies
        });
        (url, handle)
    }

    fn quick() -> Retry {
        Retry {
            attempts: 3,
            first_backoff: Duration::from_millis(10),
            timeout: Duration::from_secs(5),
        }
    }

    #[test]
    fn a_failing_webhook_is_retried_until_it_accepts() {
        let dir = tempfile::tempdir().unwrap();
        let (url, server) = server(vec![503, 500, 204]);
        let event = serde_json::json!({"event": "new", "rule_id": "monitor/redis-no-auth"});
        let d = deliver(&url, &event, quick(), &dir.path().join("dead.jsonl"));
        assert_eq!(d, Delivery::Delivered { attempts: 3 });
        let bodies = server.join().unwrap();
        assert_eq!(bodies.len(), 3);
        assert!(bodies.iter().all(|b| b.contains("monitor/redis-no-auth")));
        assert!(!dir.path().join("dead.jsonl").exists());
    }

    #[test]
    fn an_unreachable_webhook_lands_in_the_dead_letter_file() {
        let dir = tempfile::tempdir().unwrap();
        let closed = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://user:secret@{}/hook", closed.local_addr().unwrap());
        drop(closed);
        let dead = dir.path().join("state/dead.jsonl");
        let event = serde_json::json!({"event": "resolved", "fingerprint": "abc"});
        match deliver(&url, &event, quick(), &dead) {
            Delivery::DeadLettered { attempts, .. } => assert_eq!(attempts, 3),
            other => panic!("{other:?}"),
        }
        deliver(&url, &event, quick(), &dead);
        let text = std::fs::read_to_string(&dead).unwrap();
        assert_eq!(text.lines().count(), 2);
        let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(first["event"]["fingerprint"], "abc");
        assert!(!text.contains("secret"), "{text}");
    }
}
