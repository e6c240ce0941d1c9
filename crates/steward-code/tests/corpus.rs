//! The labelled corpus: every file under tests/corpus/ starts with its label, the CWE it
//! must be found with (`# expect: CWE-89`) or the weakness it must not be mistaken for
//! (`# expect: safe CWE-89`). Prints the true-positive rate, the false-positive rate and
//! their difference per CWE and overall, and fails when the overall difference drops
//! under 0.6. A directory named `*.case` is one case of several files (a flow across
//! files), scanned together; the one file whose first line is a label labels it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use steward_code::CodeEngine;

const BAR: f64 = 0.6;

#[derive(Debug, PartialEq)]
enum Label {
    Vulnerable(u32),
    Safe(u32),
}

fn label_of(first_line: &str) -> Option<Label> {
    // PHP cases open with the tag: `<?php // expect: CWE-89`.
    let first_line = first_line.strip_prefix("<?php").unwrap_or(first_line);
    let rest = first_line
        .trim_start_matches(['#', '/', ' '])
        .strip_prefix("expect:")?
        .trim();
    let (safe, cwe) = match rest.strip_prefix("safe") {
        Some(cwe) => (true, cwe.trim()),
        None => (false, rest),
    };
    let n: u32 = cwe.strip_prefix("CWE-")?.parse().ok()?;
    Some(if safe {
        Label::Safe(n)
    } else {
        Label::Vulnerable(n)
    })
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.extension().is_some_and(|x| x == "case") {
                out.push(p);
            } else {
                walk(&p, out);
            }
        } else if matches!(
            p.extension().and_then(|x| x.to_str()),
            Some(
                "py" | "js"
                    | "ts"
                    | "tsx"
                    | "jsx"
                    | "mjs"
                    | "cjs"
                    | "go"
                    | "c"
                    | "h"
                    | "cc"
                    | "cpp"
                    | "cxx"
                    | "hpp"
                    | "java"
                    | "php"
            )
        ) && !p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("generate"))
        {
            out.push(p);
        }
    }
}

/// Every file under a `*.case` directory.
fn walk_all(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            walk_all(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[derive(Default)]
struct Counts {
    tp: u32,
    fn_: u32,
    fp: u32,
    tn: u32,
}

impl Counts {
    fn tpr(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn fpr(&self) -> f64 {
        ratio(self.fp, self.fp + self.tn)
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        0.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

#[test]
fn corpus_score_is_above_the_bar() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    assert!(files.len() >= 300, "only {} corpus cases", files.len());
    let engine = CodeEngine::new().unwrap();
    let mut per_cwe: BTreeMap<u32, Counts> = BTreeMap::new();
    // The same counts by language (the case's top folder, `_hand` or not).
    let mut per_lang: BTreeMap<String, Counts> = BTreeMap::new();
    let mut misses = Vec::new();
    // Findings of another weakness than a vulnerable case's label: not counted in the
    // rates (no safe case stands behind them), but shown, since each is a false alarm.
    let mut stray = Vec::new();
    for path in &files {
        // A case's files, relative to the corpus, with their bytes.
        let mut members = Vec::new();
        if path.is_dir() {
            walk_all(path, &mut members);
            members.sort();
        } else {
            members.push(path.clone());
        }
        let case_files: Vec<(String, Vec<u8>)> = members
            .iter()
            .map(|m| {
                let rel = m
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel, std::fs::read(m).unwrap())
            })
            .collect();
        let labels: Vec<Label> = case_files
            .iter()
            .filter_map(|(_, b)| label_of(String::from_utf8_lossy(b).lines().next().unwrap_or("")))
            .collect();
        let [label] = <[Label; 1]>::try_from(labels).unwrap_or_else(|l| {
            panic!(
                "{}: needs exactly one label on a first line, has {}",
                path.display(),
                l.len()
            )
        });
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let out = engine.scan_files(&case_files);
        let found = |cwe: u32| {
            out.findings
                .iter()
                .any(|f| f.cwe.iter().any(|c| c.0 == cwe))
        };
        match label {
            Label::Vulnerable(cwe) => {
                for f in &out.findings {
                    if !f.cwe.iter().any(|c| c.0 == cwe) {
                        stray.push(format!("stray     {rel} {}", f.rule_id));
                    }
                }
                let lang = rel
                    .split('/')
                    .next()
                    .unwrap_or("")
                    .trim_end_matches("_hand");
                let l = per_lang.entry(lang.to_string()).or_default();
                if found(cwe) {
                    l.tp += 1;
                } else {
                    l.fn_ += 1;
                }
                let c = per_cwe.entry(cwe).or_default();
                if found(cwe) {
                    c.tp += 1;
                } else {
                    c.fn_ += 1;
                    misses.push(format!("missed    {rel}"));
                }
            }
            Label::Safe(cwe) => {
                let lang = rel
                    .split('/')
                    .next()
                    .unwrap_or("")
                    .trim_end_matches("_hand");
                let l = per_lang.entry(lang.to_string()).or_default();
                if found(cwe) {
                    l.fp += 1;
                } else {
                    l.tn += 1;
                }
                let c = per_cwe.entry(cwe).or_default();
                if found(cwe) {
                    c.fp += 1;
                    let rules: Vec<&str> =
                        out.findings.iter().map(|f| f.rule_id.as_str()).collect();
                    misses.push(format!("false pos {rel} {rules:?}"));
                } else {
                    c.tn += 1;
                }
            }
        }
    }
    let mut total = Counts::default();
    println!(
        "{:<8} {:>5} {:>5} {:>7} {:>7} {:>9}",
        "CWE", "vuln", "safe", "TPR", "FPR", "TPR-FPR"
    );
    for (cwe, c) in &per_cwe {
        println!(
            "{:<8} {:>5} {:>5} {:>7.3} {:>7.3} {:>9.3}",
            format!("CWE-{cwe}"),
            c.tp + c.fn_,
            c.fp + c.tn,
            c.tpr(),
            c.fpr(),
            c.tpr() - c.fpr()
        );
        total.tp += c.tp;
        total.fn_ += c.fn_;
        total.fp += c.fp;
        total.tn += c.tn;
    }
    println!(
        "{:<8} {:>5} {:>5} {:>7.3} {:>7.3} {:>9.3}",
        "overall",
        total.tp + total.fn_,
        total.fp + total.tn,
        total.tpr(),
        total.fpr(),
        total.tpr() - total.fpr()
    );
    println!(
        "{} findings of another CWE in vulnerable cases",
        stray.len()
    );
    for m in misses.iter().chain(&stray) {
        println!("{m}");
    }
    for (lang, c) in &per_lang {
        println!(
            "{:<12} {:>5} {:>5} {:>7.3} {:>7.3} {:>9.3}",
            lang,
            c.tp + c.fn_,
            c.fp + c.tn,
            c.tpr(),
            c.fpr(),
            c.tpr() - c.fpr()
        );
    }
    let score = total.tpr() - total.fpr();
    assert!(score >= BAR, "overall TPR-FPR {score:.3} is under {BAR}");
}

#[test]
fn labels_parse() {
    assert_eq!(label_of("# expect: CWE-89"), Some(Label::Vulnerable(89)));
    assert_eq!(label_of("// expect: safe CWE-79"), Some(Label::Safe(79)));
    assert_eq!(
        label_of("<?php // expect: CWE-98"),
        Some(Label::Vulnerable(98))
    );
    assert_eq!(label_of("# nothing"), None);
}
