//! Scores CVSS vectors, one per line on standard input: prints `VECTOR<TAB>SCORE` (`-` when
//! the vector is not a valid v3.x or v4.0 vector). `bench/cvss4_reference.sh` compares it
//! with a reference implementation.

use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let Ok(vector) = line else { break };
        let vector = vector.trim();
        let score = if vector.starts_with("CVSS:4.0/") {
            steward_deps::cvss::v4_score(vector)
        } else {
            steward_deps::cvss::v3_base_score(vector)
        };
        let shown = score.map_or("-".to_string(), |s| format!("{s:.1}"));
        if writeln!(out, "{vector}\t{shown}").is_err() {
            break;
        }
    }
}
