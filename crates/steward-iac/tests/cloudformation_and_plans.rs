//! CloudFormation templates, Terraform plan JSON and `.tfvars` in a tree scan: findings
//! land on the line of the offending attribute in the file that holds it, a broken
//! template is a parse error on its line, and the rest of the tree is still scanned.

use std::path::Path;

use steward_core::collect::{CollectOptions, collect};
use steward_core::engine::{Engine, run_engines};
use steward_core::finding::Finding;
use steward_iac::{Format, IacEngine};

const PLAN: &str = include_str!("fixtures/terraform-plan/public_bucket_and_open_ssh.json");

/// The 1-based line of the first line of `text` containing `needle`, after line `after`.
fn line_of(text: &str, needle: &str, after: u32) -> u32 {
    text.lines()
        .enumerate()
        .skip(after as usize)
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i as u32 + 1)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"))
}

fn lines(found: &[Finding], rule: &str, path: &str) -> Vec<u32> {
    let mut out: Vec<u32> = found
        .iter()
        .filter(|f| f.rule_id == rule && f.location.path == path)
        .map(|f| f.location.start_line)
        .collect();
    out.sort();
    out
}

const TEMPLATE_YAML: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Description: site
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${AWS::StackName}-site"
      AccessControl: PublicRead
  Admin:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Join [" ", [admin, !Ref AWS::StackName]]
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 3389
          ToPort: 3389
          CidrIp: 0.0.0.0/0
"#;

const TEMPLATE_JSON: &str = r#"{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Orders": {
      "Type": "AWS::RDS::DBInstance",
      "Properties": {
        "Engine": "postgres",
        "MasterUsername": "app",
        "MasterUserPassword": "hunter2hunter2",
        "PubliclyAccessible": "true",
        "StorageEncrypted": true
      }
    }
  }
}
"#;

#[test]
fn json_templates_are_checked_by_the_cloudformation_policies() {
    let engine = IacEngine::new().unwrap();
    let found = engine.scan_text(Format::CloudFormation, "db.json", TEMPLATE_JSON);
    assert_eq!(
        lines(
            &found,
            "iac/cloudformation/rds-publicly-accessible",
            "db.json"
        ),
        [line_of(TEMPLATE_JSON, "PubliclyAccessible", 0)]
    );
    assert_eq!(
        lines(
            &found,
            "iac/cloudformation/hardcoded-credentials",
            "db.json"
        ),
        [line_of(TEMPLATE_JSON, "MasterUserPassword", 0)]
    );
    assert!(
        lines(
            &found,
            "iac/cloudformation/rds-storage-unencrypted",
            "db.json"
        )
        .is_empty()
    );
}

#[test]
fn a_plan_is_checked_by_the_terraform_policies_at_its_own_lines() {
    let engine = IacEngine::new().unwrap();
    let (found, errors) = engine.check_text(Format::TerraformPlan, "tfplan.json", PLAN);
    assert!(errors.is_empty(), "{errors:?}");
    let planned = line_of(PLAN, "\"planned_values\"", 0);
    assert_eq!(
        lines(&found, "iac/terraform/s3-public-acl", "tfplan.json"),
        [line_of(PLAN, "\"acl\": \"public-read\"", planned)]
    );
    assert_eq!(
        lines(
            &found,
            "iac/terraform/s3-public-access-block-disabled",
            "tfplan.json"
        ),
        [line_of(PLAN, "\"ignore_public_acls\": false", planned)]
    );
    assert_eq!(
        lines(&found, "iac/terraform/sg-admin-port-open", "tfplan.json"),
        [line_of(PLAN, "\"cidr_blocks\"", planned)]
    );
    let public_db: Vec<&Finding> = found
        .iter()
        .filter(|f| f.rule_id == "iac/terraform/rds-publicly-accessible")
        .collect();
    assert_eq!(public_db.len(), 1, "{found:#?}");
    assert_eq!(
        public_db[0].location.start_line,
        line_of(PLAN, "\"publicly_accessible\": true", planned)
    );
    assert!(public_db[0].message.contains("module.db.main"));
    // The access block names the bucket by a reference only the configuration shows, and
    // the password comes from a variable: neither is a finding.
    for quiet in [
        "iac/terraform/s3-public-access-block-missing",
        "iac/terraform/hardcoded-credentials",
        "iac/parse-error",
    ] {
        assert!(
            lines(&found, quiet, "tfplan.json").is_empty(),
            "{quiet}: {found:#?}"
        );
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_tree_with_templates_plans_tfvars_and_a_broken_template() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "stack/site.yaml", TEMPLATE_YAML);
    write(root, "stack/db.json", TEMPLATE_JSON);
    let broken = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {KmsMasterKeyId: [alias\n";
    write(root, "stack/broken.yaml", broken);
    write(root, "plans/tfplan.json", PLAN);
    let main_tf = "variable \"acl\" {\n  default = \"private\"\n}\n\nresource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"acme-logs\"\n  acl    = var.acl\n}\n";
    write(root, "infra/main.tf", main_tf);
    write(root, "infra/terraform.tfvars", "acl = \"public-read\"\n");
    write(root, "infra/broken.auto.tfvars", "region = \n");
    write(
        root,
        "k8s/pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n      securityContext:\n        privileged: true\n",
    );
    write(
        root,
        "package.json",
        "{\"name\": \"web\", \"version\": \"1.0.0\"}\n",
    );
    write(root, "notes.template", "Dear {{name}},\n");

    let engine = IacEngine::new().unwrap();
    let tree = collect(root, &CollectOptions::default()).unwrap();
    let engines: [&dyn Engine; 1] = [&engine];
    let found = run_engines(&engines, &tree, &|| {}).unwrap().findings;

    assert_eq!(
        lines(
            &found,
            "iac/cloudformation/s3-public-acl",
            "stack/site.yaml"
        ),
        [8]
    );
    assert_eq!(
        lines(
            &found,
            "iac/cloudformation/sg-admin-port-open",
            "stack/site.yaml"
        ),
        [17]
    );
    assert_eq!(
        lines(
            &found,
            "iac/cloudformation/rds-publicly-accessible",
            "stack/db.json"
        ),
        [10]
    );
    let parse_errors: Vec<(&str, u32)> = found
        .iter()
        .filter(|f| f.rule_id == "iac/parse-error")
        .map(|f| (f.location.path.as_str(), f.location.start_line))
        .collect();
    assert_eq!(parse_errors.len(), 2, "{parse_errors:?}");
    assert!(
        parse_errors
            .iter()
            .any(|(p, line)| *p == "stack/broken.yaml" && *line >= 5),
        "{parse_errors:?}"
    );
    assert!(
        parse_errors
            .iter()
            .any(|(p, line)| *p == "infra/broken.auto.tfvars" && *line >= 1),
        "{parse_errors:?}"
    );
    // The value from terraform.tfvars, reported where the variable is used.
    assert_eq!(
        lines(&found, "iac/terraform/s3-public-acl", "infra/main.tf"),
        [7]
    );
    assert!(!lines(&found, "iac/terraform/s3-public-acl", "plans/tfplan.json").is_empty());
    assert!(!lines(&found, "iac/kubernetes/privileged", "k8s/pod.yaml").is_empty());
    assert!(
        found
            .iter()
            .all(|f| f.location.path != "package.json" && f.location.path != "notes.template"),
        "{found:#?}"
    );
}
