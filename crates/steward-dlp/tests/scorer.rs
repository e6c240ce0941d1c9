//! Scores the classifiers on the labelled corpus in tests/corpus (true values and
//! look-alikes: order and tracking numbers, UUIDs, timestamps, versions, ISBNs, numbers
//! failing their checksum). Each line is `<expected classes or -> | <text>`; a class found
//! on a line that does not list it is a false positive, one listed but not found a false
//! negative. Prints precision, recall and F1 per class (`cargo test -p steward-dlp --test
//! scorer -- --nocapture`).

use std::collections::{BTreeMap, BTreeSet};

use steward_dlp::classify_bytes;

const CORPUS: &[(&str, &str)] = &[
    ("positives.txt", include_str!("corpus/positives.txt")),
    ("lookalikes.txt", include_str!("corpus/lookalikes.txt")),
    ("handwritten.txt", include_str!("corpus/handwritten.txt")),
];

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[test]
fn corpus_precision_and_recall() {
    let mut per_class: BTreeMap<String, Counts> = BTreeMap::new();
    let mut mistakes = Vec::new();
    let mut lines = 0;
    for (file, text) in CORPUS {
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (labels, body) = line.split_once(" | ").expect("`labels | text`");
            lines += 1;
            let expected: BTreeSet<&str> = labels
                .split(',')
                .map(str::trim)
                .filter(|l| *l != "-")
                .collect();
            let hits = classify_bytes(body.as_bytes());
            let found: BTreeSet<&str> = hits.iter().map(|h| h.class.id()).collect();
            for class in expected.union(&found) {
                let c = per_class.entry((*class).to_string()).or_default();
                match (expected.contains(class), found.contains(class)) {
                    (true, true) => c.tp += 1,
                    (false, true) => {
                        c.fp += 1;
                        mistakes.push(format!("FP {class:<22} {file}:{}: {body}", n + 1));
                    }
                    (true, false) => {
                        c.fn_ += 1;
                        mistakes.push(format!("FN {class:<22} {file}:{}: {body}", n + 1));
                    }
                    (false, false) => {}
                }
            }
        }
    }
    let mut total = Counts::default();
    println!("{lines} corpus lines");
    println!(
        "{:<22} {:>4} {:>4} {:>4} {:>9} {:>7} {:>6}",
        "class", "tp", "fp", "fn", "precision", "recall", "f1"
    );
    for (class, c) in &per_class {
        let p = ratio(c.tp, c.tp + c.fp);
        let r = ratio(c.tp, c.tp + c.fn_);
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        println!(
            "{class:<22} {:>4} {:>4} {:>4} {p:>9.3} {r:>7.3} {f1:>6.3}",
            c.tp, c.fp, c.fn_
        );
        total.tp += c.tp;
        total.fp += c.fp;
        total.fn_ += c.fn_;
    }
    let p = ratio(total.tp, total.tp + total.fp);
    let r = ratio(total.tp, total.tp + total.fn_);
    println!(
        "{:<22} {:>4} {:>4} {:>4} {p:>9.3} {r:>7.3} {:>6.3}",
        "overall",
        total.tp,
        total.fp,
        total.fn_,
        2.0 * p * r / (p + r)
    );
    for m in &mistakes {
        println!("{m}");
    }
    assert!(
        lines >= 200,
        "the corpus has {lines} lines; keep it at 200 or more"
    );
    assert!(p >= 0.95, "overall precision {p:.3} < 0.95");
    assert!(r >= 0.90, "overall recall {r:.3} < 0.90");
}
