//! Design versus reality on a small repository: steward.toml against docker-compose and
//! Terraform.

use steward_core::collect::{CollectOptions, collect};
use steward_core::manifest::Manifest;

const MANIFEST: &str = r#"[product]
name = "shop"
owner = "web-team"

[data]
classes = ["cardholder"]
jurisdictions = ["SG"]

[[component]]
id = "orders"
kind = "database"
tech = "rds"
zone = "internal"
encrypted_at_rest = true
holds = ["cardholder"]

[[component]]
id = "api"
kind = "service"
zone = "dmz"

[[component]]
id = "ghost"
kind = "queue"
zone = "internal"
"#;

const TERRAFORM: &str = r#"resource "aws_security_group" "db" {
  name = "db"
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_instance" "orders" {
  engine                 = "postgres"
  storage_encrypted      = false
  vpc_security_group_ids = [aws_security_group.db.id]
}
"#;

const COMPOSE: &str = "services:\n  api:\n    image: acme/api:1\n  cache:\n    image: redis:7\n";

#[test]
fn mismatches_between_steward_toml_and_the_infrastructure_code_are_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("steward.toml"), MANIFEST).unwrap();
    std::fs::create_dir(dir.path().join("infra")).unwrap();
    std::fs::write(dir.path().join("infra/main.tf"), TERRAFORM).unwrap();
    std::fs::write(dir.path().join("docker-compose.yml"), COMPOSE).unwrap();
    let tree = collect(dir.path(), &CollectOptions::default()).unwrap();
    let manifest = Manifest::parse("steward.toml", MANIFEST).unwrap();
    let found = steward_plan::reality::compare(&manifest, "steward.toml", MANIFEST, &tree);
    let got: Vec<(String, String, u32)> = found
        .iter()
        .map(|f| {
            (
                f.rule_id.clone(),
                f.location.path.clone(),
                f.location.start_line,
            )
        })
        .collect();
    let want = [
        ("arch/undeclared-datastore", "docker-compose.yml", 4),
        ("arch/declared-internal-open-to-world", "infra/main.tf", 3),
        (
            "arch/declared-encrypted-store-unencrypted",
            "infra/main.tf",
            13,
        ),
        ("arch/declared-component-not-in-iac", "steward.toml", 22),
    ];
    for (rule, path, line) in want {
        assert!(
            got.iter()
                .any(|(r, p, l)| r == rule && p == path && *l == line),
            "{rule} at {path}:{line} missing from {got:#?}"
        );
    }
    assert_eq!(got.len(), 4, "{got:#?}");
    let enc = found
        .iter()
        .find(|f| f.rule_id.ends_with("unencrypted"))
        .unwrap();
    assert!(
        enc.message
            .contains("aws_db_instance.orders sets `storage_encrypted = false`"),
        "{}",
        enc.message
    );
    assert!(enc.message.contains("STW-DATA-002"), "{}", enc.message);

    // Declared as deployed, nothing to report.
    let fixed = MANIFEST
        .replace("encrypted_at_rest = true", "encrypted_at_rest = false")
        .replace(
            "zone = \"internal\"\nencrypted",
            "zone = \"dmz\"\nencrypted",
        )
        .replace("id = \"ghost\"", "id = \"cache\"")
        .replace("kind = \"queue\"", "kind = \"cache\"");
    let manifest = Manifest::parse("steward.toml", &fixed).unwrap();
    let found = steward_plan::reality::compare(&manifest, "steward.toml", &fixed, &tree);
    assert!(found.is_empty(), "{found:#?}");
}
