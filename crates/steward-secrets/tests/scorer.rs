//! Scores the engine on the labelled corpus (tests/corpus/*.txt): every `TP <rule>` case
//! must be reported by that rule, and nothing else may be reported anywhere. Prints
//! precision, recall and F1, and the cases it got wrong.

use std::path::Path;

use steward_secrets::{SecretsEngine, SecretsOptions};

#[derive(Debug)]
struct Case {
    file: String,
    line: usize,
    /// `Some(rule)` for a true secret, `None` for a look-alike.
    rule: Option<String>,
    path: String,
    text: String,
}

/// `\n` is a newline and `\\` a backslash; any other backslash is kept as written.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek() {
                Some('n') => {
                    chars.next();
                    out.push('\n');
                }
                Some('\\') => {
                    chars.next();
                    out.push('\\');
                }
                _ => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn load_corpus(dir: &Path) -> Vec<Case> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for (i, raw) in std::fs::read_to_string(&file).unwrap().lines().enumerate() {
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            let mut parts = raw.splitn(3, " | ");
            let (Some(label), Some(path), Some(text)) = (parts.next(), parts.next(), parts.next())
            else {
                panic!("{name}:{}: expected `LABEL | path | text`", i + 1);
            };
            let rule = match label.split_whitespace().collect::<Vec<_>>().as_slice() {
                ["TP", rule] => Some(rule.to_string()),
                ["FP"] => None,
                _ => panic!("{name}:{}: label must be `TP <rule-id>` or `FP`", i + 1),
            };
            cases.push(Case {
                file: name.clone(),
                line: i + 1,
                rule,
                path: path.trim().to_string(),
                text: unescape(text),
            });
        }
    }
    cases
}

#[test]
fn corpus_precision_and_recall() {
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    let cases = load_corpus(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"));
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    // Per corpus file: (tp, fp, fn), so a held-out file's score can be read on its own.
    let mut per_file: std::collections::BTreeMap<&str, (usize, usize, usize)> = Default::default();
    for case in &cases {
        let before = (tp, fp, fn_);
        if let Some(id) = &case.rule {
            assert!(
                engine.rules().iter().any(|r| &r.id == id),
                "{}:{}: unknown rule {id}",
                case.file,
                case.line
            );
        }
        let findings = engine.scan_bytes(&case.path, case.text.as_bytes());
        let mut hit = false;
        for f in &findings {
            if Some(&f.rule_id) == case.rule.as_ref() && !hit {
                hit = true;
                tp += 1;
            } else {
                fp += 1;
                wrong.push(format!(
                    "false positive {} at {}:{}: {}",
                    f.rule_id, case.file, case.line, case.text
                ));
            }
        }
        if let Some(rule) = &case.rule
            && !hit
        {
            fn_ += 1;
            wrong.push(format!(
                "missed {rule} at {}:{}: {}",
                case.file, case.line, case.text
            ));
        }
        let entry = per_file.entry(case.file.as_str()).or_default();
        entry.0 += tp - before.0;
        entry.1 += fp - before.1;
        entry.2 += fn_ - before.2;
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    let positives = cases.iter().filter(|c| c.rule.is_some()).count();
    println!(
        "corpus: {} cases ({positives} secrets, {} look-alikes)",
        cases.len(),
        cases.len() - positives
    );
    println!("TP {tp}  FP {fp}  FN {fn_}");
    println!("precision {precision:.3}  recall {recall:.3}  F1 {f1:.3}");
    for (file, (tp, fp, fn_)) in &per_file {
        println!("  {file:<16} TP {tp:>3}  FP {fp:>2}  FN {fn_:>2}");
    }
    for w in &wrong {
        println!("  {w}");
    }
    assert!(
        cases.len() >= 500,
        "the corpus should keep at least 500 cases"
    );
    assert!(precision >= 0.9, "precision {precision:.3} < 0.9");
    assert!(f1 >= 0.9, "F1 {f1:.3} < 0.9");
}
