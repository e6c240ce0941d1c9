//! Every built-in policy is registered, documented, and behaves as its examples say:
//! `policies/<format>/examples/<policy>/fail*` must produce findings of the policy on
//! exactly the lines that follow a `# expect` comment, `pass*` must produce none.

use std::collections::BTreeSet;
use std::path::Path;

use steward_core::engine::Engine;
use steward_iac::engine::BUILTIN_POLICIES;
use steward_iac::{Format, IacEngine};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/policies");

fn policy_files() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir(ROOT).unwrap() {
        let dir = dir.unwrap();
        let dname = dir.file_name().to_string_lossy().into_owned();
        if !dir.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(dir.path()).unwrap() {
            let name = f.unwrap().file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".rego") {
                out.push((dname.clone(), stem.to_string()));
            }
        }
    }
    out.sort();
    out
}

/// Lines that follow a `# expect` comment (skipping blank and comment lines).
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
    // Compared as sorted file names: `privileged-namespace.rego` sorts before
    // `privileged.rego` as a name, after it as a stem.
    let mut on_disk: Vec<String> = policy_files()
        .into_iter()
        .map(|(d, n)| format!("{d}/{n}.rego"))
        .collect();
    on_disk.sort();
    let mut built: Vec<&str> = BUILTIN_POLICIES.iter().map(|(f, _)| *f).collect();
    built.sort();
    assert_eq!(on_disk, built);
}

#[test]
fn every_policy_matches_its_failing_examples_and_not_its_passing_ones() {
    let engine = IacEngine::new().unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (format_dir, name) in policy_files() {
        if format_dir == "lib" {
            continue;
        }
        let format = Format::from_name(&format_dir).unwrap();
        let id = format!("iac/{format_dir}/{name}");
        let Some(policy) = engine
            .policy_set()
            .policies()
            .iter()
            .find(|p| p.meta.id == id)
        else {
            failures.push(format!("{format_dir}/{name}.rego does not declare id {id}"));
            continue;
        };
        let meta = &policy.meta;
        if meta.formats != [format_dir.clone()]
            || meta.cwe.is_empty()
            || meta.description.is_empty()
            || meta.remediation.is_none()
        {
            failures.push(format!(
                "{id}: metadata needs formats [{format_dir}], cwe, description and remediation"
            ));
        }
        let dir = Path::new(ROOT)
            .join(&format_dir)
            .join("examples")
            .join(&name);
        let mut fails = 0;
        let mut passes = 0;
        for entry in std::fs::read_dir(&dir).into_iter().flatten() {
            let entry = entry.unwrap();
            let file = entry.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let rel = format!("{format_dir}/{name}/{file}");
            let (found, eval_errors) = engine.check_text(format, &rel, &text);
            for e in eval_errors {
                failures.push(format!("{rel}: {e}"));
            }
            let errors: Vec<_> = found
                .iter()
                .filter(|f| f.rule_id == "iac/parse-error")
                .collect();
            if !errors.is_empty() {
                failures.push(format!("{rel}: {}", errors[0].message));
            }
            let lines: BTreeSet<u32> = found
                .iter()
                .filter(|f| f.rule_id == id)
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
    assert!(checked > 0);
}

#[test]
fn user_conftest_policies_run_on_every_format_and_map_to_lines() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("labels.rego"),
        r#"package main

deny[msg] {
    input.kind == "Deployment"
    not input.metadata.labels.team
    msg := "workloads must carry a team label"
}
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("tags.rego"),
        r#"package acme.tags
import rego.v1

__rego_metadata__ := {"id": "acme/terraform-owner-tag", "title": "Resources need an owner tag",
    "severity": "medium", "formats": ["terraform"]}

deny contains {"msg": sprintf("%s.%s has no owner tag", [t, n]), "path": ["resource", t, n, "tags"]} if {
    some t, n
    r := input.resource[t][n]
    not r.tags.owner
}
"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("tags_test.rego"), "package broken {").unwrap();
    let engine = IacEngine::with_policy_dirs(&[dir.path().to_path_buf()]).unwrap();
    let k8s = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n";
    let found = engine.scan_text(Format::Kubernetes, "api.yaml", k8s);
    let labels: Vec<_> = found
        .iter()
        .filter(|f| f.rule_id == "policy/main")
        .collect();
    assert_eq!(labels.len(), 1, "{found:#?}");
    assert_eq!(labels[0].message, "workloads must carry a team label");
    let tf =
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n  tags = { env = \"prod\" }\n}\n";
    let found = engine.scan_text(Format::Terraform, "main.tf", tf);
    let tag = found
        .iter()
        .find(|f| f.rule_id == "acme/terraform-owner-tag")
        .unwrap();
    assert_eq!(tag.location.start_line, 3);
    assert!(
        engine
            .rules()
            .iter()
            .any(|r| r.id == "acme/terraform-owner-tag")
    );
}
