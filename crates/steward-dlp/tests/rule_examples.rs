//! Every rule file's `examples` must be found as that class, and its `negative_examples`
//! must not.

use steward_dlp::{Class, RuleSet, classify_bytes};

#[test]
fn every_class_has_a_rule_file() {
    let rules = RuleSet::builtin().expect("built-in rule files load");
    for class in Class::ALL {
        let rule = &rules.get(class).rule;
        assert_eq!(rule.id, class.rule_id());
        assert!(!rule.examples.is_empty(), "{} has no examples", rule.id);
        assert!(
            !rule.negative_examples.is_empty(),
            "{} has no negative examples",
            rule.id
        );
    }
}

#[test]
fn examples_match_and_negative_examples_do_not() {
    let rules = RuleSet::builtin().expect("built-in rule files load");
    let mut failures = Vec::new();
    for class in Class::ALL {
        let rule = &rules.get(class).rule;
        for ex in &rule.examples {
            let hits = classify_bytes(ex.as_bytes());
            if !hits.iter().any(|h| h.class == class) {
                failures.push(format!(
                    "{}: example not found: {ex:?} (got {hits:?})",
                    rule.id
                ));
            }
        }
        for ex in &rule.negative_examples {
            let hits = classify_bytes(ex.as_bytes());
            if hits.iter().any(|h| h.class == class) {
                failures.push(format!(
                    "{}: negative example found: {ex:?} (got {hits:?})",
                    rule.id
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
