//! Rough estimate of history-scanning speed before the real thing (gix, unique blobs) is
//! built: every blob of a repository, read with `git cat-file --batch-all-objects`, scanned
//! once on all cores.
//!
//! `cargo run --release -p steward-secrets --example scan_history -- <repo>`

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::Instant;

use steward_secrets::{SecretsEngine, SecretsOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let repo = std::env::args()
        .nth(1)
        .ok_or("usage: scan_history <repo>")?;
    let engine = SecretsEngine::new(SecretsOptions::default())?;
    let start = Instant::now();
    let mut child = Command::new("git")
        .args([
            "-C",
            &repo,
            "cat-file",
            "--batch-all-objects",
            "--batch",
            "--unordered",
        ])
        .stdout(Stdio::piped())
        .spawn()?;
    let mut out = BufReader::new(child.stdout.take().ok_or("no stdout")?);
    let mut blobs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut header = String::new();
    loop {
        header.clear();
        if out.read_line(&mut header)? == 0 {
            break;
        }
        let mut parts = header.split_whitespace();
        let (Some(id), Some(kind), Some(size)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!("unexpected header {header:?}").into());
        };
        let size: usize = size.parse()?;
        let mut body = vec![0; size + 1];
        out.read_exact(&mut body)?;
        body.pop();
        if kind == "blob" && !steward_core::collect::looks_binary(&body) {
            blobs.push((id.to_string(), body));
        }
    }
    child.wait()?;
    let read = start.elapsed();
    let bytes: usize = blobs.iter().map(|(_, b)| b.len()).sum();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let findings = std::sync::atomic::AtomicUsize::new(0);
    let scan_start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((id, body)) = blobs.get(i) else {
                        break;
                    };
                    let n = engine.scan_bytes(id, body).len();
                    findings.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
                }
            });
        }
    });
    let scan = scan_start.elapsed();
    eprintln!(
        "{} text blobs, {:.0} MB: git read {:.2} s, scan {:.2} s on {threads} threads ({:.0} MB/s), {} findings",
        blobs.len(),
        bytes as f64 / 1e6,
        read.as_secs_f64(),
        scan.as_secs_f64(),
        bytes as f64 / 1e6 / scan.as_secs_f64(),
        findings.into_inner()
    );
    Ok(())
}
