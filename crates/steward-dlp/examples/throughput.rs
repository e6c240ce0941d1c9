//! Classifier throughput on synthetic text, 50 MB by default:
//!
//! - `logs`: log lines, CSV rows and prose, dense in digits (timestamps, ids, amounts, an
//!   IP address on every log line), with a card number, an SSN and an email now and then;
//! - `prose`: documents, mostly words, a number or a date every few lines.
//!
//! `cargo run --release -p steward-dlp --example throughput -- [MB] [logs|prose]`
//!
//! Or the classifier alone, on one thread, over files already in memory (bench/dlp.sh's
//! labelled corpus, say):
//!
//! `cargo run --release -p steward-dlp --example throughput -- --dir DIR`

use std::hash::{Hash, Hasher};
use std::time::Instant;

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--dir") {
        let Some(dir) = std::env::args().nth(2) else {
            eprintln!("usage: throughput --dir DIR");
            std::process::exit(2);
        };
        std::process::exit(over_dir(&dir));
    }
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let profile = std::env::args().nth(2).unwrap_or_else(|| "logs".into());
    let text = if profile == "prose" {
        prose(mb * 1024 * 1024)
    } else {
        synthetic(mb * 1024 * 1024)
    };
    let Some(classifier) = steward_dlp::default_classifier() else {
        eprintln!("the built-in DLP rules did not load");
        std::process::exit(3);
    };
    // One warm-up pass, then the best of three.
    let mut hits = classifier.classify(&text);
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        hits = classifier.classify(&text);
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mbytes = text.len() as f64 / (1024.0 * 1024.0);
    let summary = steward_dlp::summarize(&hits);
    println!(
        "{profile}: {mbytes:.1} MiB in {:.3} s: {:.0} MiB/s, {} hits",
        best,
        mbytes / best,
        hits.len()
    );
    for (class, stats) in &summary.classes {
        println!("  {class:<22} {:>7}  e.g. {}", stats.count, stats.example);
    }
}

/// Classify every file directly in `dir`, best of three passes per file; 0, or 2 when the
/// directory cannot be read.
fn over_dir(dir: &str) -> i32 {
    let mut entries: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect(),
        Err(e) => {
            eprintln!("{dir}: {e}");
            return 2;
        }
    };
    entries.sort();
    let Some(classifier) = steward_dlp::default_classifier() else {
        eprintln!("the built-in DLP rules did not load");
        return 3;
    };
    let (mut bytes, mut secs, mut hits) = (0usize, 0f64, 0usize);
    // A digest of every hit (class, range, score), to show a speed change left the results
    // exactly as they were.
    let mut digest = std::hash::DefaultHasher::new();
    let mut per_kind: std::collections::BTreeMap<String, (usize, f64)> = Default::default();
    for path in &entries {
        let Ok(text) = std::fs::read(path) else {
            eprintln!("{}: unreadable, skipped", path.display());
            continue;
        };
        let mut best = f64::MAX;
        let mut found = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            found = classifier.classify(&text);
            best = best.min(t.elapsed().as_secs_f64());
        }
        let n = found.len();
        for h in &found {
            (h.class.to_string(), h.start, h.end, h.score).hash(&mut digest);
        }
        bytes += text.len();
        secs += best;
        hits += n;
        let kind = path
            .extension()
            .map_or_else(String::new, |e| e.to_string_lossy().into_owned());
        let k = per_kind.entry(kind).or_default();
        k.0 += text.len();
        k.1 += best;
    }
    println!(
        "{} files, {:.1} MB in {secs:.3} s: {:.0} MB/s on one thread, {hits} hits (digest {:016x})",
        entries.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        digest.finish()
    );
    for (kind, (b, s)) in &per_kind {
        println!(
            "  .{kind:<8} {:>8.1} MB {:>7.0} MB/s",
            *b as f64 / 1e6,
            *b as f64 / 1e6 / s
        );
    }
    0
}

fn synthetic(size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size + 256);
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let words = [
        "the",
        "request",
        "completed",
        "user",
        "session",
        "cache",
        "miss",
        "retry",
        "upstream",
        "payload",
        "accepted",
        "queue",
        "worker",
        "latency",
        "billing",
        "export",
        "report",
    ];
    let mut line = 0u64;
    while out.len() < size {
        let r = next();
        line += 1;
        let s = match line % 4 {
            0 => format!(
                "2026-03-{:02}T{:02}:{:02}:{:02}.{:03}Z INFO {} {} id={} ip=10.{}.{}.{} took {}ms\n",
                r % 28 + 1,
                r % 24,
                r % 60,
                (r >> 8) % 60,
                r % 1000,
                words[(r % 17) as usize],
                words[((r >> 5) % 17) as usize],
                r % 100_000_000,
                (r >> 3) % 256,
                (r >> 11) % 256,
                (r >> 19) % 256,
                r % 900,
            ),
            1 => format!(
                "{},{},{}.{:02},{},\"{} {}\"\n",
                r % 1_000_000,
                (r >> 7) % 10_000_000_000_000_000,
                (r >> 3) % 10_000,
                r % 100,
                (r >> 13) % 1_000_000_000_000,
                words[(r % 17) as usize],
                words[((r >> 9) % 17) as usize],
            ),
            2 => {
                let mut p = String::new();
                for k in 0..12 {
                    p.push_str(words[((r >> (k * 4)) % 17) as usize]);
                    p.push(' ');
                }
                p.push('\n');
                p
            }
            _ => match r % 500 {
                0 => "card: 4526 0181 5908 3012 approved\n".to_string(),
                1 => "SSN 734-50-5686 on file\n".to_string(),
                2 => "contact jane.doe@example.com for details\n".to_string(),
                _ => format!(
                    "version {}.{}.{} build {} sha {:016x}\n",
                    r % 10,
                    (r >> 4) % 20,
                    (r >> 9) % 100,
                    r % 100_000,
                    r
                ),
            },
        };
        out.extend_from_slice(s.as_bytes());
    }
    out
}

fn prose(size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size + 256);
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let words = [
        "the",
        "committee",
        "reviewed",
        "quarterly",
        "results",
        "and",
        "agreed",
        "that",
        "our",
        "customers",
        "expect",
        "faster",
        "delivery",
        "of",
        "their",
        "orders",
        "in",
        "Europe",
        "however",
        "costs",
        "rose",
        "during",
        "period",
        "while",
        "revenue",
        "grew",
        "steadily",
    ];
    let mut n = 0u64;
    while out.len() < size {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        n += 1;
        out.extend_from_slice(words[(state % words.len() as u64) as usize].as_bytes());
        match n % 97 {
            0 => out.extend_from_slice(format!(" {}", state % 10_000).as_bytes()),
            13 => out.extend_from_slice(b" on 2025-11-03"),
            50 => out.extend_from_slice(b".\n"),
            _ => {}
        }
        if n.is_multiple_of(20_011) {
            out.extend_from_slice(b" contact jane.doe@example.com, card 4526 0181 5908 3012");
        }
        out.push(b' ');
    }
    out
}
