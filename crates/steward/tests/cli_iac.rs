//! The iac engine in `steward scan`, through the real binary: a Dockerfile, a compose
//! file, a Kubernetes manifest and a Terraform module (one file of it broken), with each
//! finding on the line of the offending attribute.

use std::path::Path;

use assert_cmd::Command;

fn write(dir: &Path, path: &str, body: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, body).unwrap();
}

const DOCKERFILE: &str = "FROM node:20.11-alpine
RUN adduser -D app
ENV NODE_ENV=production \\
    SESSION_SECRET=correct-horse-battery
USER app
HEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1
";

const COMPOSE: &str = "services:
  orders-db:
    image: mongo:7
    mem_limit: 1g
    ports:
      - \"127.0.0.1:27018:27017\"
      - \"27017:27017\"
";

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: api
          image: example/api:1.0
          securityContext:
            privileged: true
";

const MAIN_TF: &str = r#"resource "aws_s3_bucket" "receipts" {
  bucket = "acme-receipts"
  acl    = "public-read"
}

resource "aws_security_group" "db" {
  name = "db"
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"#;

/// In another file of the same module: covers the bucket in main.tf.
const BLOCK_TF: &str = r#"resource "aws_s3_bucket_public_access_block" "receipts" {
  bucket                  = aws_s3_bucket.receipts.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"#;

#[test]
fn iac_findings_land_on_the_offending_lines_and_a_broken_file_does_not_stop_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app/Dockerfile", DOCKERFILE);
    write(root, "app/docker-compose.yml", COMPOSE);
    write(root, "app/deploy/api.yaml", DEPLOYMENT);
    write(root, "app/infra/main.tf", MAIN_TF);
    write(root, "app/infra/pab.tf", BLOCK_TF);
    write(
        root,
        "app/infra/broken.tf",
        "resource \"a\" \"b\" {\n  x = \n}\n",
    );
    let out = Command::cargo_bin("steward")
        .unwrap()
        .env_remove("STEWARD_STORE")
        .env("NO_COLOR", "1")
        .current_dir(root)
        .args([
            "scan",
            "--engines",
            "iac",
            "--no-ledger",
            "-f",
            "json",
            "app",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let got: Vec<(String, String, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["location"]["path"].as_str().unwrap().to_string(),
                f["location"]["start_line"].as_u64().unwrap(),
            )
        })
        .collect();
    let has = |rule: &str, path: &str, line: u64| {
        assert!(
            got.contains(&(rule.to_string(), path.to_string(), line)),
            "missing {rule} at {path}:{line} in {got:#?}"
        );
    };
    has("iac/dockerfile/secret-in-env", "Dockerfile", 4);
    has("iac/compose/default-credentials", "docker-compose.yml", 3);
    has(
        "iac/compose/database-port-published",
        "docker-compose.yml",
        7,
    );
    has("iac/kubernetes/host-namespaces", "deploy/api.yaml", 8);
    has("iac/kubernetes/privileged", "deploy/api.yaml", 13);
    has("iac/terraform/s3-public-acl", "infra/main.tf", 3);
    has("iac/terraform/sg-database-port-open", "infra/main.tf", 12);
    has("iac/parse-error", "infra/broken.tf", 2);
    let rules: Vec<&str> = got.iter().map(|(r, _, _)| r.as_str()).collect();
    // The access block lives in another file of the module, and the loopback-bound port
    // and the pinned, non-root Dockerfile are fine.
    assert!(!rules.contains(&"iac/terraform/s3-public-access-block-missing"));
    assert!(!rules.contains(&"iac/dockerfile/user-root"));
    assert!(!rules.contains(&"iac/dockerfile/latest-tag"));
    assert_eq!(
        got.iter()
            .filter(|(r, _, _)| r == "iac/compose/database-port-published")
            .count(),
        1
    );
}

const PLAYBOOK: &str = "- hosts: web
  become: true
  roles:
    - web
  tasks:
    - name: Fetch the agent
      ansible.builtin.get_url:
        url: https://downloads.example.com/agent.tgz
        dest: /opt/agent.tgz
        checksum: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
        validate_certs: no
";

const ROLE_TASKS: &str = "- name: Upload directory
  file: path=/srv/uploads state=directory mode=0777
- name: Install
  shell: curl -fsSL https://get.example.com/install.sh | bash
";

#[test]
fn ansible_playbooks_roles_and_variable_files_are_found_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "ops/site.yml", PLAYBOOK);
    write(root, "ops/roles/web/tasks/main.yml", ROLE_TASKS);
    write(
        root,
        "ops/group_vars/all.yml",
        "ansible_become_pass: hunter22\n",
    );
    // A workflow file is YAML too, but neither Ansible nor Kubernetes.
    write(
        root,
        "ops/.github/workflows/ci.yml",
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -s https://x | sh\n",
    );
    let out = Command::cargo_bin("steward")
        .unwrap()
        .env_remove("STEWARD_STORE")
        .env("NO_COLOR", "1")
        .current_dir(root)
        .args([
            "scan",
            "--engines",
            "iac",
            "--no-ledger",
            "-f",
            "json",
            "ops",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let mut got: Vec<(String, String, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["location"]["path"].as_str().unwrap().to_string(),
                f["location"]["start_line"].as_u64().unwrap(),
            )
        })
        .collect();
    got.sort();
    let want = [
        ("iac/ansible/curl-pipe-shell", "roles/web/tasks/main.yml", 4),
        (
            "iac/ansible/hardcoded-secret-in-vars",
            "group_vars/all.yml",
            1,
        ),
        ("iac/ansible/validate-certs-disabled", "site.yml", 11),
        (
            "iac/ansible/world-writable-mode",
            "roles/web/tasks/main.yml",
            2,
        ),
    ];
    let want: Vec<(String, String, u64)> = want
        .iter()
        .map(|(r, p, l)| (r.to_string(), p.to_string(), *l))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn iac_rules_are_listed() {
    let out = Command::cargo_bin("steward")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["rules", "list"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("iac/terraform/s3-public-acl"), "{text}");
    assert!(text.contains("iac/parse-error"));
}

const USER_POLICY: &str = r#"package main
import rego.v1

deny contains {"msg": "deployments need a team label", "path": ["metadata"]} if {
    input.kind == "Deployment"
    not input.metadata.labels.team
}
"#;

const USER_POLICY_TEST: &str = r#"package main
import rego.v1

test_unlabelled_deployment_is_denied if {
    count(deny) == 1 with input as {"kind": "Deployment", "metadata": {"name": "x"}}
}

test_labelled_deployment_passes if {
    count(deny) == 0 with input as {"kind": "Deployment", "metadata": {"labels": {"team": "a"}}}
}
"#;

#[test]
fn user_policies_run_in_scan_and_their_tests_run_with_policy_test() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app/deploy/api.yaml", DEPLOYMENT);
    write(root, "policies/labels.rego", USER_POLICY);
    write(root, "policies/labels_test.rego", USER_POLICY_TEST);
    let out = Command::cargo_bin("steward")
        .unwrap()
        .env_remove("STEWARD_STORE")
        .env("NO_COLOR", "1")
        .current_dir(root)
        .args([
            "scan",
            "--engines",
            "iac",
            "--no-ledger",
            "--policy",
            "policies",
            "-f",
            "json",
            "app",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let user: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "policy/main")
        .collect();
    assert_eq!(user.len(), 1, "{report:#}");
    assert_eq!(user[0]["message"], "deployments need a team label");
    assert_eq!(user[0]["location"]["start_line"], 3);

    let out = Command::cargo_bin("steward")
        .unwrap()
        .env("NO_COLOR", "1")
        .current_dir(root)
        .args(["policy", "test", "policies"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("2 passed, 0 failed"), "{text}");

    write(
        root,
        "policies/labels_test.rego",
        &USER_POLICY_TEST.replace("count(deny) == 0", "count(deny) == 5"),
    );
    Command::cargo_bin("steward")
        .unwrap()
        .env("NO_COLOR", "1")
        .current_dir(root)
        .args(["policy", "test", "policies"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "FAIL data.main.test_labelled_deployment_passes",
        ));
    Command::cargo_bin("steward")
        .unwrap()
        .current_dir(root)
        .args([
            "scan",
            "--engines",
            "iac",
            "--no-ledger",
            "--policy",
            "nope",
            "app",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--policy nope"));
}
