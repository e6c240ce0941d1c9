//! The components a repository's infrastructure code declares, as proposals for
//! steward.toml: docker-compose services, Kubernetes workloads and Terraform resources.

use std::collections::BTreeMap;

use regex::Regex;
use serde::Serialize;
use steward_core::collect::{Collected, SkipReason, Skipped};
use steward_core::manifest::ComponentKind;

/// A component found in infrastructure code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeclaredComponent {
    /// A steward.toml-friendly id: lower case, `-` separated, unique within the inventory.
    pub id: String,
    pub kind: ComponentKind,
    /// The technology, when the image or resource type says (`postgresql`, `redis`, `s3`).
    pub tech: Option<String>,
    /// `path:line` where it is declared.
    pub source: String,
    /// Ports published to the host or exposed by a Service, where declared.
    pub ports: Vec<u16>,
}

#[derive(Debug, Default, Serialize)]
pub struct Inventory {
    pub components: Vec<DeclaredComponent>,
    /// Files that looked like infrastructure code but could not be read as such.
    pub skipped: Vec<Skipped>,
}

/// Classify a container image by its repository name.
pub fn classify_image(image: &str) -> (ComponentKind, Option<&'static str>) {
    // `registry:5000/library/postgres:16-alpine` -> `postgres`
    let without_tag = image.split('@').next().unwrap_or(image);
    let last = without_tag.rsplit('/').next().unwrap_or(without_tag);
    let name = last.split(':').next().unwrap_or(last).to_ascii_lowercase();
    const TABLE: &[(&str, ComponentKind, &str)] = &[
        ("mongo", ComponentKind::Database, "mongodb"),
        ("postgis", ComponentKind::Database, "postgresql"),
        ("postgres", ComponentKind::Database, "postgresql"),
        ("mysql", ComponentKind::Database, "mysql"),
        ("mariadb", ComponentKind::Database, "mariadb"),
        ("mssql", ComponentKind::Database, "mssql"),
        ("elasticsearch", ComponentKind::Database, "elasticsearch"),
        ("opensearch", ComponentKind::Database, "opensearch"),
        ("cassandra", ComponentKind::Database, "cassandra"),
        ("couchdb", ComponentKind::Database, "couchdb"),
        ("clickhouse", ComponentKind::Database, "clickhouse"),
        ("redis", ComponentKind::Cache, "redis"),
        ("valkey", ComponentKind::Cache, "valkey"),
        ("memcached", ComponentKind::Cache, "memcached"),
        ("rabbitmq", ComponentKind::Queue, "rabbitmq"),
        ("kafka", ComponentKind::Queue, "kafka"),
        ("nats", ComponentKind::Queue, "nats"),
        ("activemq", ComponentKind::Queue, "activemq"),
        ("mosquitto", ComponentKind::Queue, "mqtt"),
        ("minio", ComponentKind::Bucket, "minio"),
        ("nginx", ComponentKind::Gateway, "nginx"),
        ("traefik", ComponentKind::Gateway, "traefik"),
        ("haproxy", ComponentKind::Gateway, "haproxy"),
        ("envoy", ComponentKind::Gateway, "envoy"),
        ("caddy", ComponentKind::Gateway, "caddy"),
    ];
    for (needle, kind, tech) in TABLE {
        if name.contains(needle) {
            return (*kind, Some(tech));
        }
    }
    (ComponentKind::Service, None)
}

/// Classify a Terraform resource type; `None` for types that are not components
/// (policies, attachments, rules, records...).
pub fn classify_terraform(resource_type: &str) -> Option<(ComponentKind, &'static str)> {
    use ComponentKind::*;
    Some(match resource_type {
        "aws_db_instance" | "aws_rds_cluster" => (Database, "rds"),
        "aws_dynamodb_table" => (Database, "dynamodb"),
        "aws_docdb_cluster" => (Database, "documentdb"),
        "aws_redshift_cluster" => (Database, "redshift"),
        "aws_opensearch_domain" | "aws_elasticsearch_domain" => (Database, "opensearch"),
        "google_sql_database_instance" => (Database, "cloudsql"),
        "google_bigquery_dataset" => (Database, "bigquery"),
        "azurerm_postgresql_server" | "azurerm_postgresql_flexible_server" => {
            (Database, "postgresql")
        }
        "azurerm_mysql_server" | "azurerm_mysql_flexible_server" => (Database, "mysql"),
        "azurerm_mssql_server" | "azurerm_sql_server" => (Database, "mssql"),
        "azurerm_cosmosdb_account" => (Database, "cosmosdb"),
        "aws_s3_bucket" => (Bucket, "s3"),
        "google_storage_bucket" => (Bucket, "gcs"),
        "azurerm_storage_account" => (Bucket, "azure-storage"),
        "aws_elasticache_cluster" | "aws_elasticache_replication_group" => (Cache, "elasticache"),
        "google_redis_instance" => (Cache, "memorystore"),
        "azurerm_redis_cache" => (Cache, "azure-redis"),
        "aws_sqs_queue" => (Queue, "sqs"),
        "aws_sns_topic" => (Queue, "sns"),
        "aws_msk_cluster" => (Queue, "kafka"),
        "aws_kinesis_stream" => (Queue, "kinesis"),
        "google_pubsub_topic" => (Queue, "pubsub"),
        "azurerm_servicebus_namespace" => (Queue, "servicebus"),
        "aws_lambda_function" => (Function, "lambda"),
        "google_cloudfunctions_function" | "google_cloudfunctions2_function" => {
            (Function, "cloud-functions")
        }
        "azurerm_function_app" | "azurerm_linux_function_app" => (Function, "azure-functions"),
        "aws_instance" => (Host, "ec2"),
        "google_compute_instance" => (Host, "gce"),
        "azurerm_linux_virtual_machine" | "azurerm_windows_virtual_machine" => (Host, "azure-vm"),
        "aws_lb" | "aws_alb" | "aws_elb" => (Gateway, "elb"),
        "aws_api_gateway_rest_api" | "aws_apigatewayv2_api" => (Gateway, "api-gateway"),
        "aws_cloudfront_distribution" => (Gateway, "cloudfront"),
        "aws_ecs_service" => (Service, "ecs"),
        "aws_eks_cluster" => (Service, "eks"),
        "google_cloud_run_service" | "google_cloud_run_v2_service" => (Service, "cloud-run"),
        _ => return None,
    })
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn is_compose_file(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    (n.starts_with("docker-compose") || n.starts_with("compose"))
        && (n.ends_with(".yml") || n.ends_with(".yaml"))
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(1, |i| i + 1)
}

fn ports_of(v: &serde_json::Value) -> Vec<u16> {
    let mut out = Vec::new();
    if let Some(list) = v.as_array() {
        for p in list {
            // "8080:80", "127.0.0.1:5432:5432", 5432, {published: 80, target: 8080}
            let port = match p {
                serde_json::Value::Number(n) => n.as_u64(),
                serde_json::Value::String(s) => {
                    let parts: Vec<&str> = s.split('/').next().unwrap_or("").split(':').collect();
                    let host = if parts.len() >= 2 {
                        parts[parts.len() - 2]
                    } else {
                        parts[0]
                    };
                    host.parse().ok()
                }
                serde_json::Value::Object(o) => o
                    .get("published")
                    .or_else(|| o.get("target"))
                    .and_then(|x| x.as_u64().or_else(|| x.as_str()?.parse().ok())),
                _ => None,
            };
            if let Some(p) = port.and_then(|p| u16::try_from(p).ok()) {
                out.push(p);
            }
        }
    }
    out
}

/// Propose components from the infrastructure code among `tree`'s files.
pub fn inventory(tree: &Collected) -> Inventory {
    let tf_resource = Regex::new(r#"(?m)^\s*resource\s+"([A-Za-z0-9_]+)"\s+"([A-Za-z0-9_-]+)""#)
        .expect("static regex");
    let mut inv = Inventory::default();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut push = |inv: &mut Inventory, mut c: DeclaredComponent| {
        let n = seen.entry(c.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            c.id = format!("{}-{}", c.id, n);
        }
        inv.components.push(c);
    };
    for file in &tree.files {
        let name = file.rel_path.rsplit('/').next().unwrap_or(&file.rel_path);
        let is_yaml = name.ends_with(".yml") || name.ends_with(".yaml");
        let is_tf = name.ends_with(".tf");
        if !is_yaml && !is_tf {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&file.path) else {
            continue;
        };
        if is_tf {
            for cap in tf_resource.captures_iter(&text) {
                let (ty, res_name) = (&cap[1], &cap[2]);
                if let Some((kind, tech)) = classify_terraform(ty) {
                    let line = text[..cap.get(0).map_or(0, |m| m.start())]
                        .matches('\n')
                        .count()
                        + 1;
                    push(
                        &mut inv,
                        DeclaredComponent {
                            id: slug(res_name),
                            kind,
                            tech: Some(tech.to_string()),
                            source: format!("{}:{}", file.rel_path, line),
                            ports: Vec::new(),
                        },
                    );
                }
            }
            continue;
        }
        if is_compose_file(name) {
            match serde_saphyr::from_str::<serde_json::Value>(&text) {
                Ok(doc) => {
                    if let Some(services) = doc.get("services").and_then(|s| s.as_object()) {
                        // serde_json's map is sorted by key; list services in file order.
                        let mut found: Vec<(usize, DeclaredComponent)> = services
                            .iter()
                            .map(|(svc, body)| {
                                let image =
                                    body.get("image").and_then(|i| i.as_str()).unwrap_or("");
                                let (kind, tech) = if image.is_empty() {
                                    (ComponentKind::Service, None)
                                } else {
                                    classify_image(image)
                                };
                                let line = line_of(&text, &format!("{svc}:"));
                                let c = DeclaredComponent {
                                    id: slug(svc),
                                    kind,
                                    tech: tech.map(str::to_string),
                                    source: format!("{}:{}", file.rel_path, line),
                                    ports: body.get("ports").map(ports_of).unwrap_or_default(),
                                };
                                (line, c)
                            })
                            .collect();
                        found.sort_by_key(|(line, _)| *line);
                        for (_, c) in found {
                            push(&mut inv, c);
                        }
                    }
                }
                Err(e) => inv.skipped.push(Skipped {
                    path: file.rel_path.clone(),
                    reason: SkipReason::Malformed {
                        error: e.to_string().lines().next().unwrap_or("").to_string(),
                    },
                }),
            }
            continue;
        }
        if !(text.contains("apiVersion") && text.contains("kind")) {
            continue;
        }
        // Helm templates and other non-YAML are not manifests; they are left alone.
        let Ok(docs) = serde_saphyr::from_multiple::<serde_json::Value>(&text) else {
            continue;
        };
        for doc in docs {
            let kind = doc.get("kind").and_then(|k| k.as_str()).unwrap_or("");
            if !matches!(
                kind,
                "Deployment" | "StatefulSet" | "DaemonSet" | "Job" | "CronJob" | "Pod"
            ) {
                continue;
            }
            let Some(name) = doc.pointer("/metadata/name").and_then(|n| n.as_str()) else {
                continue;
            };
            let spec = if kind == "CronJob" {
                doc.pointer("/spec/jobTemplate/spec/template/spec")
            } else if kind == "Pod" {
                doc.get("spec")
            } else {
                doc.pointer("/spec/template/spec")
            };
            let containers = spec
                .and_then(|s| s.get("containers"))
                .and_then(|c| c.as_array())
                .cloned()
                .unwrap_or_default();
            let image = containers
                .first()
                .and_then(|c| c.get("image"))
                .and_then(|i| i.as_str())
                .unwrap_or("");
            let (ckind, tech) = classify_image(image);
            let ports = containers
                .iter()
                .filter_map(|c| c.get("ports")?.as_array().cloned())
                .flatten()
                .filter_map(|p| p.get("containerPort")?.as_u64())
                .filter_map(|p| u16::try_from(p).ok())
                .collect();
            push(
                &mut inv,
                DeclaredComponent {
                    id: slug(name),
                    kind: ckind,
                    tech: tech.map(str::to_string),
                    source: format!(
                        "{}:{}",
                        file.rel_path,
                        line_of(&text, &format!("name: {name}"))
                    ),
                    ports,
                },
            );
        }
    }
    inv
}

#[cfg(test)]
mod tests {
    use super::*;
    use steward_core::collect::{CollectOptions, collect};

    #[test]
    fn images_are_classified_by_repository_name() {
        assert_eq!(
            classify_image("docker.io/library/postgres:16-alpine"),
            (ComponentKind::Database, Some("postgresql"))
        );
        assert_eq!(
            classify_image("bitnami/redis"),
            (ComponentKind::Cache, Some("redis"))
        );
        assert_eq!(
            classify_image("ghcr.io/acme/checkout:1.2"),
            (ComponentKind::Service, None)
        );
    }

    #[test]
    fn finds_compose_kubernetes_and_terraform_components() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::write(
            p.join("docker-compose.yml"),
            "services:\n  web:\n    build: .\n    ports: [\"8080:80\"]\n  orders_db:\n    image: mongo:7\n    ports:\n      - \"27017:27017\"\n",
        )
        .unwrap();
        std::fs::create_dir_all(p.join("k8s")).unwrap();
        std::fs::write(
            p.join("k8s/app.yaml"),
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: acme/api:1\n          ports:\n            - containerPort: 8000\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n",
        )
        .unwrap();
        std::fs::write(
            p.join("main.tf"),
            "resource \"aws_s3_bucket\" \"receipts\" {\n  bucket = \"acme-receipts\"\n}\n\nresource \"aws_s3_bucket_policy\" \"receipts\" {}\nresource \"aws_db_instance\" \"orders\" {}\n",
        )
        .unwrap();
        std::fs::write(p.join("compose.override.yml"), "services: [\n").unwrap();
        let tree = collect(p, &CollectOptions::default()).unwrap();
        let inv = inventory(&tree);
        let got: Vec<(&str, ComponentKind, Option<&str>, &str)> = inv
            .components
            .iter()
            .map(|c| (c.id.as_str(), c.kind, c.tech.as_deref(), c.source.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("web", ComponentKind::Service, None, "docker-compose.yml:2"),
                (
                    "orders-db",
                    ComponentKind::Database,
                    Some("mongodb"),
                    "docker-compose.yml:5"
                ),
                ("api", ComponentKind::Service, None, "k8s/app.yaml:4"),
                ("receipts", ComponentKind::Bucket, Some("s3"), "main.tf:1"),
                ("orders", ComponentKind::Database, Some("rds"), "main.tf:6"),
            ]
        );
        assert_eq!(inv.components[1].ports, [27017]);
        assert_eq!(inv.components[2].ports, [8000]);
        assert_eq!(inv.skipped.len(), 1);
        assert_eq!(inv.skipped[0].path, "compose.override.yml");
    }
}
