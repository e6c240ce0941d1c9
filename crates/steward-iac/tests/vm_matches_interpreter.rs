//! The built-in policies run compiled in regorus's virtual machine; that must change no
//! finding. Every policy example, fixture and labelled benchmark file is scanned by the
//! compiled engine and by the interpreter alone, and the findings compared whole (rule,
//! message, location, fingerprint, properties). The interpreter must also report no
//! evaluation error on them, since the machine would not (it only drops a failing rule
//! body).

use std::path::{Path, PathBuf};

use steward_iac::{Format, IacEngine};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every policy example (`policies/<format>/examples/<policy>/*`) with its format, and
/// every test fixture and file of `bench/iac_labelled` with the format its name and
/// content say.
fn corpus() -> Vec<(Format, String, String)> {
    let mut out = Vec::new();
    let policies = Path::new(ROOT).join("policies");
    for dir in std::fs::read_dir(&policies).unwrap().flatten() {
        let Some(format) = Format::from_name(&dir.file_name().to_string_lossy()) else {
            continue;
        };
        let mut files = Vec::new();
        files_under(&dir.path().join("examples"), &mut files);
        for f in files {
            let rel = f.strip_prefix(ROOT).unwrap().to_string_lossy().into_owned();
            out.push((format, rel, std::fs::read_to_string(&f).unwrap()));
        }
    }
    // The test fixtures, and the labelled set the Checkov comparison scans.
    let mut fixtures = Vec::new();
    files_under(&Path::new(ROOT).join("tests/fixtures"), &mut fixtures);
    files_under(
        &Path::new(ROOT).join("../../bench/iac_labelled"),
        &mut fixtures,
    );
    for f in fixtures {
        let rel = f.to_string_lossy().into_owned();
        let rel = rel.strip_prefix(ROOT).unwrap_or(&rel).to_string();
        let text = std::fs::read_to_string(&f).unwrap();
        let format = if rel.ends_with(".tf") {
            Some(Format::Terraform)
        } else {
            Format::of_file(&rel, &text)
        };
        if let Some(format) = format {
            out.push((format, rel, text));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

fn findings_json(engine: &IacEngine, format: Format, rel: &str, text: &str) -> Vec<String> {
    let mut found: Vec<String> = engine
        .scan_text(format, rel, text)
        .iter()
        .map(|f| serde_json::to_string(f).unwrap())
        .collect();
    found.sort();
    found
}

#[test]
fn compiled_policies_find_what_the_interpreter_finds() {
    let compiled = IacEngine::new().unwrap();
    let interpreted = IacEngine::new().unwrap().interpreted();
    let corpus = corpus();
    assert!(corpus.len() > 300, "only {} files", corpus.len());
    let labelled = corpus
        .iter()
        .filter(|(_, rel, _)| rel.contains("iac_labelled"))
        .count();
    assert!(labelled > 100, "only {labelled} labelled files");
    let mut failures = Vec::new();
    let mut findings = 0;
    for (format, rel, text) in &corpus {
        let (_, errors) = interpreted.check_text(*format, rel, text);
        for e in errors {
            failures.push(format!("{rel}: the interpreter reports {e}"));
        }
        let want = findings_json(&interpreted, *format, rel, text);
        let got = findings_json(&compiled, *format, rel, text);
        findings += want.len();
        if got != want {
            let missing: Vec<_> = want.iter().filter(|f| !got.contains(f)).collect();
            let extra: Vec<_> = got.iter().filter(|f| !want.contains(f)).collect();
            failures.push(format!(
                "{rel}:\n  only interpreted: {missing:?}\n  only compiled: {extra:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(findings > 300, "only {findings} findings");
}

#[test]
fn a_user_policy_stays_in_the_interpreter_and_its_failure_is_reported() {
    // Compiled, this body's error would only make it undefined.
    let broken = r#"package users.broken

deny contains "x" if {
	some s in input.networks
	s == 1
}
"#;
    let engine =
        IacEngine::with_policies(vec![("users/broken.rego".into(), broken.into())]).unwrap();
    let (found, errors) = engine.check_text(
        Format::Compose,
        "compose.yml",
        "services:\n  db:\n    image: postgres\n    ports: [\"5432:5432\"]\nnetworks:\n",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(found.iter().any(|f| f.rule_id == "iac/policy-error"));
    assert!(
        found
            .iter()
            .any(|f| f.rule_id == "iac/compose/database-port-published")
    );
}

#[test]
fn a_user_module_in_the_builtin_packages_turns_compilation_off() {
    // A rule added to a built-in policy's package is part of that policy; the compiled
    // program would run it without reporting its failures, so nothing is compiled and
    // the failure is reported.
    let added = r#"package steward.iac.compose.database_port_published

deny contains {"msg": "added"} if {
	some s in input.networks
	s == 1
}
"#;
    let engine = IacEngine::with_policies(vec![("users/added.rego".into(), added.into())]).unwrap();
    let (_, errors) = engine.check_text(
        Format::Compose,
        "compose.yml",
        "services:\n  db:\n    image: postgres\nnetworks:\n",
    );
    assert!(!errors.is_empty());
}
