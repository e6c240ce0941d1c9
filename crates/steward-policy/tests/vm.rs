//! Policies loaded with `load_with_vm` give the interpreter's results, whether they run
//! compiled or stay in the interpreter because the compiler cannot take them.

use steward_policy::{Document, PolicySet, SourceMap};

const OPEN: &str = r#"package demo.open
__rego_metadata__ := {"id": "demo/open", "title": "Open", "severity": "high", "formats": ["demo"]}
deny contains {"msg": sprintf("rule %d is open", [i]), "path": ["rules", i]} if {
    some i, r in input.rules
    net.cidr_contains(r, "0.0.0.0/0")
}
"#;

// `net.cidr_intersects` is our extension, which the virtual machine cannot call.
const OVERLAPS: &str = r#"package demo.overlaps
__rego_metadata__ := {"id": "demo/overlaps", "title": "Overlaps", "severity": "low", "formats": ["demo"]}
deny contains {"msg": sprintf("rule %d reaches 10/8", [i]), "path": ["rules", i]} if {
    some i, r in input.rules
    net.cidr_intersects(r, "10.0.0.0/8")
}
"#;

const NAMES: &str = r#"package demo.names
__rego_metadata__ := {"id": "demo/names", "title": "Names", "severity": "low", "formats": ["demo"]}
warn contains sprintf("%s has no owner", [n]) if {
    some n, v in input.tags
    not v.owner
}
"#;

fn modules() -> Vec<(String, String)> {
    [
        ("open.rego", OPEN),
        ("overlaps.rego", OVERLAPS),
        ("names.rego", NAMES),
    ]
    .into_iter()
    .map(|(f, s)| (f.to_string(), s.to_string()))
    .collect()
}

fn results(set: &PolicySet, input: serde_json::Value) -> Vec<(String, String, String)> {
    let doc = Document {
        kind: "demo".into(),
        input,
        source_map: SourceMap::new(),
    };
    let eval = set.evaluate(&doc, |_| true);
    assert!(eval.errors.is_empty(), "{:?}", eval.errors);
    let mut out: Vec<_> = eval
        .violations
        .iter()
        .map(|v| {
            let path = v.path.as_ref().map(|p| p.to_string()).unwrap_or_default();
            (v.policy.meta.id.clone(), v.message.clone(), path)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn compiled_and_interpreted_policies_agree() {
    let interpreted = PolicySet::load(modules()).unwrap();
    let compiled = PolicySet::load_with_vm(modules(), |_| true).unwrap();
    let inputs = [
        serde_json::json!({"rules": ["10.1.0.0/16", "0.0.0.0/0", "192.168.0.0/24"], "tags": {"a": {}, "b": {"owner": "x"}}}),
        serde_json::json!({"rules": [], "tags": {}}),
        serde_json::json!({"rules": ["::/0"], "tags": {"c": {"owner": null}}}),
        serde_json::json!({}),
    ];
    let mut seen = 0;
    for input in inputs {
        let want = results(&interpreted, input.clone());
        seen += want.len();
        assert_eq!(results(&compiled, input), want);
    }
    // Every policy found something on the first input, the one the machine cannot run
    // included.
    assert_eq!(seen, 4);
}

#[test]
fn a_failing_rule_body_is_an_error_interpreted_and_undefined_compiled() {
    // Why only policies known not to fail belong in the machine: there the error of
    // iterating over a string only makes the body undefined.
    let compiled = PolicySet::load_with_vm(modules(), |_| true).unwrap();
    let doc = Document {
        kind: "demo".into(),
        input: serde_json::json!({"rules": "not a list", "tags": {}}),
        source_map: SourceMap::new(),
    };
    let eval = compiled.evaluate(&doc, |_| true);
    let failed: Vec<String> = eval
        .errors
        .iter()
        .map(|e| match e {
            steward_policy::PolicyError::Eval { policy, .. } => policy.clone(),
            other => other.to_string(),
        })
        .collect();
    // demo/overlaps stays in the interpreter (it calls an extension) and reports it;
    // demo/open runs compiled and says nothing.
    assert_eq!(failed, ["demo/overlaps"]);
    assert!(eval.violations.is_empty());
    let interpreted = PolicySet::load(modules()).unwrap();
    assert_eq!(interpreted.evaluate(&doc, |_| true).errors.len(), 2);
}
