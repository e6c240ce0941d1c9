//! Every rule's examples match and its negative examples do not; every rule file is built in.

use steward_code::{BUILTIN_RULES, CodeEngine};
use steward_core::engine::{Engine, SourceFile};

#[test]
fn every_rule_example_behaves_as_its_rule_says() {
    let engine = CodeEngine::new().unwrap();
    let failures = engine.check_examples();
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(
        engine
            .rules()
            .iter()
            .all(|r| !r.examples.is_empty() && !r.negative_examples.is_empty())
    );
}

#[test]
fn every_rule_file_is_built_in() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
    let mut on_disk = Vec::new();
    for lang in std::fs::read_dir(root).unwrap() {
        let lang = lang.unwrap();
        for f in std::fs::read_dir(lang.path()).unwrap() {
            let name = f.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".yml") {
                on_disk.push(format!("{}/{}", lang.file_name().to_string_lossy(), name));
            }
        }
    }
    on_disk.sort();
    let built: Vec<&str> = BUILTIN_RULES.iter().map(|(f, _)| *f).collect();
    assert_eq!(on_disk, built);
}

#[test]
fn findings_point_at_the_call_and_partial_files_still_scan() {
    let engine = CodeEngine::new().unwrap();
    let src = b"import requests\n\ndef fetch(url):\n    return requests.get(url, verify=False)\n\ndef broken(:\n    eval(user_input)\n";
    let mut out = Vec::new();
    engine.scan_file(
        &SourceFile {
            rel_path: "svc/fetch.py",
            bytes: src,
        },
        &mut out,
    );
    let got: Vec<(&str, u32, u32)> = out
        .iter()
        .map(|f| {
            (
                f.rule_id.as_str(),
                f.location.start_line,
                f.location.start_column,
            )
        })
        .collect();
    assert!(
        got.contains(&("code/python/tls-verify-disabled", 4, 12)),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(id, line, _)| *id == "code/python/eval-of-expression" && *line == 7),
        "{got:?}"
    );
    let mut none = Vec::new();
    engine.scan_file(
        &SourceFile {
            rel_path: "notes.txt",
            bytes: src,
        },
        &mut none,
    );
    assert!(!engine.wants_file("notes.txt"));
}

#[test]
fn a_bad_rule_file_names_itself() {
    let err = CodeEngine::from_files([(
        "python/bad.yml".to_string(),
        "id: code/python/x\ntitle: x\nseverity: high\ndescription: x\nquery: '(call) @nomatch'\n"
            .to_string(),
    )])
    .err()
    .unwrap();
    assert!(
        err.to_string()
            .contains("python/bad.yml: query has no @match capture"),
        "{err}"
    );
}
