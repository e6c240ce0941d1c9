//! Every built-in rule's `examples` must produce a finding of that rule and its
//! `negative_examples` must not; every rule must have both and full metadata.

use steward_secrets::{ExampleKind, SecretsEngine, SecretsOptions, test_rule_dir};

#[test]
fn every_builtin_rule_passes_its_examples() {
    let engine = SecretsEngine::new(SecretsOptions::default()).expect("built-in rules load");
    let mut problems = Vec::new();
    for result in engine.check_examples() {
        if result.examples == 0 {
            problems.push(format!("{}: has no examples", result.rule_id));
        }
        if result.negative_examples == 0 {
            problems.push(format!("{}: has no negative_examples", result.rule_id));
        }
        for f in &result.failures {
            let what = match f.kind {
                ExampleKind::ShouldMatch => "example did not match",
                ExampleKind::ShouldNotMatch => "negative example matched",
            };
            problems.push(format!(
                "{} ({}): {what}:\n    {}",
                result.rule_id, result.source, f.text
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_builtin_rule_is_documented() {
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    for rule in engine.rules() {
        assert!(rule.id.starts_with("secrets/"), "{}", rule.id);
        assert!(!rule.title.is_empty(), "{}: title", rule.id);
        assert!(!rule.description.is_empty(), "{}: description", rule.id);
        assert!(rule.rationale.is_some(), "{}: rationale", rule.id);
        assert!(rule.remediation.is_some(), "{}: remediation", rule.id);
        assert!(!rule.references.is_empty(), "{}: references", rule.id);
        assert!(rule.cwe.iter().any(|c| c.0 == 798), "{}: CWE-798", rule.id);
        assert_eq!(rule.owasp, Some(steward_core::Owasp::A07), "{}", rule.id);
    }
}

#[test]
fn a_user_rule_directory_is_tested_and_bad_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("acme.yml"),
        r#"rules:
  - id: secrets/acme-token
    title: Acme token
    severity: high
    description: An Acme API token.
    keywords: [acme_]
    pattern: '\b(?P<secret>acme_[a-z0-9]{16})\b'
    examples: ['ACME=acme_0123456789abcdef', 'nope']
    negative_examples: ['acme_short']
"#,
    )
    .unwrap();
    let results = test_rule_dir(dir.path()).unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].failures.len(), 1);
    assert_eq!(results[0].failures[0].text, "nope");

    std::fs::write(dir.path().join("broken.yaml"), "rules:\n  - id: nope\n").unwrap();
    let err = test_rule_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("broken.yaml"), "{err}");

    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    let err = engine.with_extra_rules(dir.path()).unwrap_err().to_string();
    assert!(err.contains("broken.yaml"), "{err}");
}

#[test]
fn extra_rules_are_added_to_the_builtin_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("acme.yml"),
        "rules:\n  - id: secrets/acme-token\n    title: Acme token\n    severity: high\n    description: d\n    keywords: [acme_]\n    pattern: '\\b(?P<secret>acme_[a-z0-9]{16})\\b'\n",
    )
    .unwrap();
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    let builtin = engine.rules().len();
    let engine = engine.with_extra_rules(dir.path()).unwrap();
    assert_eq!(engine.rules().len(), builtin + 1);
    let found = engine.scan_bytes("a.env", b"ACME=acme_0123456789abcdef\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule_id, "secrets/acme-token");
}
