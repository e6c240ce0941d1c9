//! The input/output contract: metadata, result shapes, location mapping, Conftest
//! compatibility.

use steward_core::severity::Severity;
use steward_policy::{DocPath, Document, PolicySet, Position, ResultKind, SourceMap};

fn set(modules: &[(&str, &str)]) -> PolicySet {
    PolicySet::load(modules.iter().map(|(f, s)| (f.to_string(), s.to_string()))).unwrap()
}

#[test]
fn a_policy_set_is_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<PolicySet>();
}

#[test]
fn metadata_and_object_results_map_to_lines() {
    let rego = r#"package t.acl
__rego_metadata__ := {
    "id": "iac/test/acl", "title": "Public ACL", "severity": "critical",
    "cwe": ["CWE-732"], "owasp": "A01", "requirements": ["REQ-1"], "formats": ["terraform"],
}
deny contains {"msg": sprintf("%s is public", [name]), "path": ["resource", name, "acl"]} if {
    some name
    input.resource[name].acl == "public-read"
}
deny contains {"msg": "by address", "address": "aws_s3_bucket.b"} if { true }
"#;
    let s = set(&[("acl.rego", rego)]);
    let p = &s.policies()[0];
    assert_eq!(p.meta.severity, Severity::Critical);
    assert_eq!(p.meta.cwe[0].to_string(), "CWE-732");
    let mut map = SourceMap::new();
    let b = DocPath::root().key("resource").key("b");
    map.insert(b.clone(), Position { line: 1, column: 1 });
    map.insert(b.key("acl"), Position { line: 2, column: 3 });
    map.alias("aws_s3_bucket.b", b.clone());
    let doc = Document {
        kind: "terraform".into(),
        input: serde_json::json!({"resource": {"b": {"acl": "public-read"}}}),
        source_map: map,
    };
    let mut got: Vec<(String, u32)> = s
        .evaluate(&doc, |_| true)
        .violations
        .into_iter()
        .map(|v| (v.message, v.position.unwrap().line))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("b is public".to_string(), 2),
            ("by address".to_string(), 1)
        ]
    );
    let other = Document {
        kind: "dockerfile".into(),
        ..doc
    };
    assert!(s.evaluate(&other, |_| true).violations.is_empty());
}

#[test]
fn conftest_policies_work_unchanged_in_v0_and_v1() {
    let v0 = r#"package main
deny[msg] {
    input.kind == "Pod"
    msg := "no pods"
}
warn[msg] {
    msg := "always"
}
"#;
    let v1 = r#"package gk
import rego.v1
violation contains {"msg": "bad", "details": {"x": 1}} if input.kind == "Pod"
"#;
    let lib = r#"package lib.helpers
is_pod if input.kind == "Pod"
"#;
    let s = set(&[("main.rego", v0), ("gk.rego", v1), ("lib.rego", lib)]);
    assert_eq!(s.policies().len(), 2, "the helper library reports nothing");
    let doc = Document {
        kind: "kubernetes".into(),
        input: serde_json::json!({"kind": "Pod"}),
        source_map: SourceMap::new(),
    };
    let got = s.evaluate(&doc, |_| true).violations;
    let mut kinds: Vec<(ResultKind, String, Severity)> = got
        .iter()
        .map(|v| (v.kind, v.message.clone(), v.severity()))
        .collect();
    kinds.sort_by(|a, b| a.1.cmp(&b.1));
    assert_eq!(
        kinds,
        [
            (ResultKind::Warn, "always".into(), Severity::Low),
            (ResultKind::Violation, "bad".into(), Severity::High),
            (ResultKind::Deny, "no pods".into(), Severity::High),
        ]
    );
    assert!(got[0].policy.meta.id.starts_with("policy/"));
}

#[test]
fn a_broken_module_names_its_file() {
    let err = PolicySet::load([(
        "bad.rego".to_string(),
        "package x\ndeny contains if {".to_string(),
    )])
    .unwrap_err();
    assert!(err.to_string().starts_with("bad.rego"), "{err}");
}

#[test]
fn each_kind_sees_its_policies_the_libraries_and_the_policies_for_every_kind() {
    let lib = r#"package acme.lib
big(x) if x > 10
"#;
    let for_a = r#"package acme.a
import data.acme.lib
__rego_metadata__ := {"id": "acme/a", "title": "A", "severity": "low", "formats": ["a"]}
deny contains "a is big" if lib.big(input.n)
"#;
    let for_b = r#"package acme.b
__rego_metadata__ := {"id": "acme/b", "title": "B", "severity": "low", "formats": ["b"]}
deny contains "b" if input.n
"#;
    let for_all = r#"package acme.all
deny contains "any" if input.n
"#;
    let set = PolicySet::load([
        ("lib.rego".to_string(), lib.to_string()),
        ("a.rego".to_string(), for_a.to_string()),
        ("b.rego".to_string(), for_b.to_string()),
        ("all.rego".to_string(), for_all.to_string()),
    ])
    .unwrap();
    let doc = |kind: &str| Document {
        kind: kind.into(),
        input: serde_json::json!({"n": 20}),
        source_map: SourceMap::new(),
    };
    let ids = |kind: &str| {
        let eval = set.evaluate(&doc(kind), |_| true);
        assert!(eval.errors.is_empty(), "{:?}", eval.errors);
        let mut ids: Vec<String> = eval
            .violations
            .iter()
            .map(|v| v.policy.meta.id.clone())
            .collect();
        ids.sort();
        ids
    };
    // Twice each: the second evaluation uses the kind's cached engine.
    for _ in 0..2 {
        assert_eq!(ids("a"), ["acme/a", "policy/acme.all"]);
        assert_eq!(ids("b"), ["acme/b", "policy/acme.all"]);
        assert_eq!(ids("c"), ["policy/acme.all"]);
    }
}
