//! Every architecture policy is built in, documented, and behaves as its examples say:
//! `policies/architecture/examples/<policy>/fail*.toml` must produce findings of the policy
//! on exactly the lines that follow a `# expect` comment, `pass*.toml` must produce none.

use std::collections::BTreeSet;
use std::path::Path;

use steward_core::manifest::Manifest;
use steward_plan::review::{ArchReview, BUILTIN_POLICIES};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/policies/architecture");

fn rego_files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && name != "examples" {
            rego_files(&entry.path(), &format!("{prefix}{name}/"), out);
        } else if name.ends_with(".rego") {
            out.push(format!("{prefix}{name}"));
        }
    }
}

fn expected_lines(text: &str) -> BTreeSet<u32> {
    let mut out = BTreeSet::new();
    let mut pending = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t == "# expect" {
            pending = true;
            continue;
        }
        if pending && !t.is_empty() && !t.starts_with('#') {
            out.insert(i as u32 + 1);
            pending = false;
        }
    }
    out
}

#[test]
fn every_policy_file_is_built_in() {
    let mut on_disk = Vec::new();
    rego_files(Path::new(ROOT), "architecture/", &mut on_disk);
    on_disk.sort();
    let built: Vec<&str> = BUILTIN_POLICIES.iter().map(|(f, _)| *f).collect();
    assert_eq!(on_disk, built);
}

#[test]
fn there_are_at_least_thirty_rules_with_metadata_and_catalog_requirements() {
    let review = ArchReview::new().unwrap();
    let catalog = steward_plan::embedded().unwrap();
    let policies: Vec<_> = review
        .policy_set()
        .policies()
        .iter()
        .filter(|p| p.meta.id.starts_with("arch/"))
        .collect();
    assert!(policies.len() >= 30, "{} policies", policies.len());
    for p in policies {
        let m = &p.meta;
        assert_eq!(m.formats, ["steward-manifest"], "{}", m.id);
        assert!(!m.cwe.is_empty() && !m.description.is_empty(), "{}", m.id);
        assert!(m.remediation.is_some(), "{}", m.id);
        assert!(!m.requirements.is_empty(), "{} names no requirement", m.id);
        for r in &m.requirements {
            assert!(
                catalog.find(r).is_some(),
                "{}: {r} is not in the catalog",
                m.id
            );
        }
    }
    for r in steward_plan::reality::rules() {
        for req in &r.requirements {
            assert!(catalog.find(req).is_some(), "{}: {req}", r.id);
        }
    }
}

#[test]
fn every_policy_matches_its_failing_examples_and_not_its_passing_ones() {
    let review = ArchReview::new().unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for policy in review.policy_set().policies() {
        let id = &policy.meta.id;
        let Some(name) = id.strip_prefix("arch/") else {
            continue;
        };
        let dir = Path::new(ROOT).join("examples").join(name);
        let (mut fails, mut passes) = (0, 0);
        for entry in std::fs::read_dir(&dir).into_iter().flatten() {
            let entry = entry.unwrap();
            let file = entry.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let rel = format!("{name}/{file}");
            let manifest = match Manifest::parse(&rel, &text) {
                Ok(m) => m,
                Err(e) => {
                    failures.push(format!("{rel}: not a valid steward.toml: {e}"));
                    continue;
                }
            };
            let (found, errors) = review.review(&manifest, &rel, &text);
            for e in errors {
                failures.push(format!("{rel}: {e}"));
            }
            let lines: BTreeSet<u32> = found
                .iter()
                .filter(|f| &f.rule_id == id)
                .map(|f| f.location.start_line)
                .collect();
            if file.starts_with("fail") {
                fails += 1;
                let want = expected_lines(&text);
                if want.is_empty() {
                    failures.push(format!("{rel}: no `# expect` marker"));
                } else if lines != want {
                    failures.push(format!(
                        "{rel}: findings on lines {lines:?}, expected {want:?}"
                    ));
                }
            } else if file.starts_with("pass") {
                passes += 1;
                if !lines.is_empty() {
                    failures.push(format!("{rel}: unexpected findings on lines {lines:?}"));
                }
            }
        }
        if fails == 0 || passes == 0 {
            failures.push(format!(
                "{id}: needs fail* and pass* examples in {}",
                dir.display()
            ));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 30);
}
