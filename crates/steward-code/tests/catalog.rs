//! The rule list a catalog gets without building the engine is the engine's own.

use steward_core::engine::Engine;

#[test]
fn builtin_rules_are_the_engines_rules() {
    let engine = steward_code::CodeEngine::new().unwrap();
    let cheap = steward_code::builtin_rules().unwrap();
    assert_eq!(cheap.as_slice(), engine.rules());
}
