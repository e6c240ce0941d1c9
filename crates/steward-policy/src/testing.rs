//! `test_*` rules, as `opa test` runs them: each must evaluate to `true`. Used by
//! `steward policy test DIR` for users' `_test.rego` files.

use std::path::Path;

use crate::policy::{PolicyError, compile};

/// The outcome of one `test_*` rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestOutcome {
    /// The module that declares it.
    pub file: String,
    /// Its full rule path, e.g. `data.main.test_denies_root`.
    pub rule: String,
    /// Whether it evaluated to `true`.
    pub passed: bool,
    /// Why it did not, when evaluation failed.
    pub error: Option<String>,
}

/// Run every `test_*` rule of `modules` (policies and their tests, loaded together).
pub fn run_tests(
    modules: impl IntoIterator<Item = (String, String)>,
) -> Result<Vec<TestOutcome>, PolicyError> {
    let modules: Vec<(String, String)> = modules.into_iter().collect();
    let (mut engine, loaded) = compile(modules.iter().cloned())?;
    let mut out = Vec::new();
    for ((file, package), (_, source)) in loaded.iter().zip(&modules) {
        let mut names: Vec<&str> = source
            .lines()
            .filter_map(|l| {
                let name_end = l
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(l.len());
                let name = &l[..name_end];
                name.starts_with("test_").then_some(name)
            })
            .collect();
        names.dedup();
        for name in names {
            let rule = format!("{package}.{name}");
            let (passed, error) = match engine.eval_rule(rule.clone()) {
                Ok(v) => (v == regorus::Value::Bool(true), None),
                Err(e) => (false, Some(e.to_string())),
            };
            out.push(TestOutcome {
                file: file.clone(),
                rule,
                passed,
                error,
            });
        }
    }
    Ok(out)
}

/// Every `.rego` file under `dir`, recursively, in path order, as `(path, source)`.
pub fn read_policy_dir(dir: &Path) -> Result<Vec<(String, String)>, PolicyError> {
    let io = |p: &Path, e: std::io::Error| PolicyError::Parse {
        file: p.display().to_string(),
        message: e.to_string(),
    };
    let mut stack = vec![dir.to_path_buf()];
    let mut out = Vec::new();
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| io(&d, e))? {
            let path = entry.map_err(|e| io(&d, e))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rego") {
                let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
                out.push((path.display().to_string(), text));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Whether a policy file is a test file (`*_test.rego`), which scans do not load.
pub fn is_test_file(path: &str) -> bool {
    path.ends_with("_test.rego")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_rules_pass_and_fail_with_inputs_given_by_with() {
        let policy = r#"package main
import rego.v1
deny contains msg if {
    input.user == "root"
    msg := "runs as root"
}
"#;
        let tests = r#"package main
import rego.v1
test_root_is_denied if {
    "runs as root" in deny with input as {"user": "root"}
}
test_app_is_allowed if {
    count(deny) == 0 with input as {"user": "app"}
}
test_wrong if {
    count(deny) == 1 with input as {"user": "app"}
}
"#;
        let got = run_tests([
            ("policy.rego".to_string(), policy.to_string()),
            ("policy_test.rego".to_string(), tests.to_string()),
        ])
        .unwrap();
        let summary: Vec<(&str, bool)> = got.iter().map(|t| (t.rule.as_str(), t.passed)).collect();
        assert_eq!(
            summary,
            [
                ("data.main.test_root_is_denied", true),
                ("data.main.test_app_is_allowed", true),
                ("data.main.test_wrong", false),
            ]
        );
        assert!(is_test_file("x/policy_test.rego"));
    }
}
