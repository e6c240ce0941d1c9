//! Compares versions read from stdin, one `ECOSYSTEM<TAB>A<TAB>B` per line,
//! printing `<`, `=`, `>` or `error: ...` per line. Used to cross-check the
//! comparators against the ecosystems' own tools (`dpkg --compare-versions`,
//! Python's `packaging`) on generated input.
//!
//! ```text
//! printf 'PyPI\t1.0.dev0\t1.0a1\n' | cargo run -q -p steward-deps --example version_compare
//! ```

use std::cmp::Ordering;
use std::io::{BufRead, Write};

use steward_deps::version::{Ecosystem, compare};

fn main() {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let mut fields = line.split('\t');
        let (Some(eco), Some(a), Some(b)) = (fields.next(), fields.next(), fields.next()) else {
            let _ = writeln!(out, "error: expected ECOSYSTEM<TAB>A<TAB>B");
            continue;
        };
        let result = eco.parse::<Ecosystem>().and_then(|eco| compare(eco, a, b));
        let _ = match result {
            Ok(Ordering::Less) => writeln!(out, "<"),
            Ok(Ordering::Equal) => writeln!(out, "="),
            Ok(Ordering::Greater) => writeln!(out, ">"),
            Err(e) => writeln!(out, "error: {e}"),
        };
    }
}
