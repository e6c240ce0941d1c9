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

const EXPOSED_MANIFEST: &str = r#"[product]
name = "shop"

[[component]]
id = "orders-db"
kind = "database"
tech = "postgresql"
zone = "internal"

[[component]]
id = "cache"
kind = "cache"
tech = "redis"
zone = "internal"

[[component]]
id = "web"
kind = "service"
zone = "dmz"

[[component]]
id = "search"
kind = "database"
tech = "elasticsearch"
zone = "restricted"

[[component]]
id = "payments"
kind = "service"
zone = "internal"

[[component]]
id = "ledger"
kind = "service"
zone = "internal"
"#;

const EXPOSED_COMPOSE: &str = r#"services:
  orders-db:
    image: postgres:16
    ports:
      - "5432:5432"
  cache:
    image: redis:7
    ports:
      - "127.0.0.1:6379:6379"
  web:
    image: acme/web:1
    ports:
      - "443:8443"
"#;

const EXPOSED_K8S: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: search
spec:
  template:
    metadata:
      labels:
        app: search
    spec:
      containers:
        - name: es
          image: elasticsearch:8.13.0
---
apiVersion: v1
kind: Service
metadata:
  name: search
spec:
  type: LoadBalancer
  selector:
    app: search
  ports:
    - port: 9200
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments
spec:
  template:
    metadata:
      labels:
        app: payments
        tier: backend
    spec:
      containers:
        - name: api
          image: acme/payments:3
---
apiVersion: v1
kind: Service
metadata:
  name: payments-svc
spec:
  selector:
    app: payments
  ports:
    - port: 80
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: public
spec:
  rules:
    - host: pay.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: payments-svc
                port:
                  number: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ledger
spec:
  template:
    metadata:
      labels:
        app: ledger
    spec:
      containers:
        - name: ledger
          image: acme/ledger:1
---
apiVersion: v1
kind: Service
metadata:
  name: ledger
spec:
  selector:
    app: ledger
"#;

#[test]
fn internal_components_exposed_by_compose_or_kubernetes_are_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("steward.toml"), EXPOSED_MANIFEST).unwrap();
    std::fs::write(dir.path().join("docker-compose.yml"), EXPOSED_COMPOSE).unwrap();
    std::fs::create_dir(dir.path().join("k8s")).unwrap();
    std::fs::write(dir.path().join("k8s/app.yaml"), EXPOSED_K8S).unwrap();
    let tree = collect(dir.path(), &CollectOptions::default()).unwrap();
    let manifest = Manifest::parse("steward.toml", EXPOSED_MANIFEST).unwrap();
    let found = steward_plan::reality::compare(&manifest, "steward.toml", EXPOSED_MANIFEST, &tree);
    let open: Vec<(String, String, u32, String)> = found
        .iter()
        .filter(|f| f.rule_id == "arch/declared-internal-open-to-world")
        .map(|f| {
            (
                f.properties["components"][0].as_str().unwrap().to_string(),
                f.location.path.clone(),
                f.location.start_line,
                f.message.clone(),
            )
        })
        .collect();
    let at = |component: &str| {
        open.iter()
            .find(|(c, ..)| c == component)
            .unwrap_or_else(|| panic!("{component} missing from {open:#?}"))
    };
    // A port published on every interface; the one bound to loopback is not.
    let (_, path, line, message) = at("orders-db");
    assert_eq!((path.as_str(), *line), ("docker-compose.yml", 5));
    assert!(message.contains("publishes port 5432"), "{message}");
    // A LoadBalancer Service selecting the pods, at its `type` line.
    let (_, path, line, message) = at("search");
    assert_eq!((path.as_str(), *line), ("k8s/app.yaml", 20));
    assert!(message.contains("restricted zone"), "{message}");
    assert!(message.contains("LoadBalancer"), "{message}");
    // An Ingress routing to a ClusterIP Service that selects the pods.
    let (_, path, _, message) = at("payments");
    assert_eq!(path, "k8s/app.yaml");
    assert!(
        message.contains("Ingress `public` routes to Service `payments-svc`"),
        "{message}"
    );
    assert_eq!(
        open.len(),
        3,
        "cache, web and ledger are not exposed: {open:#?}"
    );
}
