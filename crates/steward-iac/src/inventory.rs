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

/// One infrastructure file of a tree, read and parsed once for both [`inventory`] and
/// [`exposures`].
enum InfraFile {
    Terraform {
        rel: String,
        text: String,
    },
    /// A docker-compose file, or why it is not YAML.
    Compose {
        rel: String,
        text: String,
        doc: Result<serde_json::Value, String>,
    },
    /// Kubernetes manifests: each document that parses, with the line it starts on.
    Kubernetes {
        rel: String,
        text: String,
        docs: Vec<(usize, String, serde_json::Value)>,
    },
}

/// The docker-compose, Kubernetes and Terraform files of a tree, each read and parsed
/// once: `steward plan` asks both what they declare and what they expose.
pub struct InfraFiles {
    files: Vec<InfraFile>,
}

impl InfraFiles {
    pub fn read(tree: &Collected) -> Self {
        let mut files = Vec::new();
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
            let rel = file.rel_path.clone();
            if is_tf {
                files.push(InfraFile::Terraform { rel, text });
            } else if is_compose_file(name) {
                let doc = serde_saphyr::from_str::<serde_json::Value>(&text)
                    .map_err(|e| e.to_string().lines().next().unwrap_or("").to_string());
                files.push(InfraFile::Compose { rel, text, doc });
            } else if text.contains("apiVersion") && text.contains("kind") {
                // Helm templates and other non-YAML documents are not manifests; they are
                // left out.
                let docs = yaml_documents(&text)
                    .into_iter()
                    .filter_map(|(start, doc_text)| {
                        let doc = serde_saphyr::from_str::<serde_json::Value>(&doc_text).ok()?;
                        Some((start, doc_text, doc))
                    })
                    .collect();
                files.push(InfraFile::Kubernetes { rel, text, docs });
            }
        }
        InfraFiles { files }
    }
}

/// Propose components from the infrastructure code among `tree`'s files.
pub fn inventory(tree: &Collected) -> Inventory {
    InfraFiles::read(tree).inventory()
}

/// Where the repository's docker-compose and Kubernetes files expose components: ports
/// published on every host interface, Services of type LoadBalancer or NodePort (or with
/// external IPs), and Ingresses, each traced to the workloads whose pods they select.
pub fn exposures(tree: &Collected) -> Vec<Exposure> {
    InfraFiles::read(tree).exposures()
}

impl InfraFiles {
    /// Propose components from the files' declarations.
    pub fn inventory(&self) -> Inventory {
        let tf_resource =
            Regex::new(r#"(?m)^\s*resource\s+"([A-Za-z0-9_]+)"\s+"([A-Za-z0-9_-]+)""#)
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
        for file in &self.files {
            match file {
                InfraFile::Terraform { rel, text } => {
                    for cap in tf_resource.captures_iter(text) {
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
                                    source: format!("{rel}:{line}"),
                                    ports: Vec::new(),
                                },
                            );
                        }
                    }
                }
                InfraFile::Compose { rel, text, doc } => {
                    match doc {
                        Ok(doc) => {
                            if let Some(services) = doc.get("services").and_then(|s| s.as_object())
                            {
                                // serde_json's map is sorted by key; list services in file order.
                                let mut found: Vec<(usize, DeclaredComponent)> = services
                                    .iter()
                                    .map(|(svc, body)| {
                                        let image = body
                                            .get("image")
                                            .and_then(|i| i.as_str())
                                            .unwrap_or("");
                                        let (kind, tech) = if image.is_empty() {
                                            (ComponentKind::Service, None)
                                        } else {
                                            classify_image(image)
                                        };
                                        let line = line_of(text, &format!("{svc}:"));
                                        let c = DeclaredComponent {
                                            id: slug(svc),
                                            kind,
                                            tech: tech.map(str::to_string),
                                            source: format!("{rel}:{line}"),
                                            ports: body
                                                .get("ports")
                                                .map(ports_of)
                                                .unwrap_or_default(),
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
                            path: rel.clone(),
                            reason: SkipReason::Malformed { error: e.clone() },
                        }),
                    }
                }
                InfraFile::Kubernetes { rel, text, docs } => {
                    for (_, _, doc) in docs {
                        let kind = doc.get("kind").and_then(|k| k.as_str()).unwrap_or("");
                        if !matches!(
                            kind,
                            "Deployment" | "StatefulSet" | "DaemonSet" | "Job" | "CronJob" | "Pod"
                        ) {
                            continue;
                        }
                        let Some(name) = doc.pointer("/metadata/name").and_then(|n| n.as_str())
                        else {
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
                                    "{rel}:{}",
                                    line_of(text, &format!("name: {name}"))
                                ),
                                ports,
                            },
                        );
                    }
                }
            }
        }
        inv
    }
}

/// A way the infrastructure code makes a component reachable from outside its host or
/// cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exposure {
    /// The exposed service or workload, as [`inventory`] names it.
    pub id: String,
    pub kind: ComponentKind,
    pub tech: Option<String>,
    /// `path:line` of what exposes it (the port entry, the Service's `type`, the Ingress).
    pub source: String,
    /// What exposes it, for messages: "publishes port 5432 on every interface of the host".
    pub how: String,
}

/// Documents of a multi-document YAML file with the line each starts on.
fn yaml_documents(text: &str) -> Vec<(usize, String)> {
    let mut docs = Vec::new();
    let mut current = String::new();
    let mut start = 1;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("---") && line[3..].trim().is_empty() {
            if !current.trim().is_empty() {
                docs.push((start, std::mem::take(&mut current)));
            }
            current.clear();
            start = i + 2;
            continue;
        }
        current.push_str(line);
        current.push('\n');
    }
    if !current.trim().is_empty() {
        docs.push((start, current));
    }
    docs
}

/// The line (1-based, in the file) of the first line of `doc` (starting at `start`)
/// containing `needle`, or the document's first line.
fn line_in(doc: &str, start: usize, needle: &str) -> usize {
    doc.lines()
        .position(|l| l.contains(needle))
        .map_or(start, |i| start + i)
}

/// A compose `ports` entry published on every interface of the host: its host port, or
/// `None` when it is bound to one address (`127.0.0.1:5432:5432`, `host_ip: 127.0.0.1`).
fn published_on_all_interfaces(p: &serde_json::Value) -> Option<String> {
    let wildcard = |ip: &str| matches!(ip, "" | "0.0.0.0" | "::" | "[::]");
    match p {
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::String(s) => {
            let spec = s.split('/').next().unwrap_or("");
            // IPv6 host addresses come in brackets: `[::1]:5432:5432`.
            let (ip, rest) = match spec.strip_prefix('[') {
                Some(r) => {
                    let (ip, rest) = r.split_once(']')?;
                    (ip.to_string(), rest.trim_start_matches(':').to_string())
                }
                None => {
                    let parts: Vec<&str> = spec.split(':').collect();
                    if parts.len() == 3 {
                        (parts[0].to_string(), parts[1..].join(":"))
                    } else {
                        (String::new(), spec.to_string())
                    }
                }
            };
            if !wildcard(&ip) {
                return None;
            }
            // `HOST:CONTAINER` or `CONTAINER` (a random host port): the first number.
            rest.split(':').next().map(str::to_string)
        }
        serde_json::Value::Object(o) => {
            let ip = o.get("host_ip").and_then(|x| x.as_str()).unwrap_or("");
            if !wildcard(ip) {
                return None;
            }
            o.get("published").or_else(|| o.get("target")).map(|x| {
                x.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| x.to_string())
            })
        }
        _ => None,
    }
}

/// A Kubernetes workload: its name, its pods' labels, and what its image says it is.
type Workload = (
    String,
    BTreeMap<String, String>,
    ComponentKind,
    Option<String>,
);

impl InfraFiles {
    /// Where the files expose components (see [`exposures`]).
    pub fn exposures(&self) -> Vec<Exposure> {
        let backend = Regex::new(r#""service":\{"name":"([^"]+)""#).expect("static regex");
        let mut out = Vec::new();
        // Kubernetes objects over the whole tree, so a Service in one file finds its
        // Deployment in another.
        let mut workloads: Vec<Workload> = Vec::new();
        let mut services: Vec<(String, serde_json::Value, String)> = Vec::new();
        let mut ingresses: Vec<(String, String, String)> = Vec::new();
        let mut selectors: BTreeMap<String, serde_json::Value> = BTreeMap::new();
        for file in &self.files {
            match file {
                InfraFile::Terraform { .. } | InfraFile::Compose { doc: Err(_), .. } => {}
                InfraFile::Compose {
                    rel,
                    text,
                    doc: Ok(doc),
                } => {
                    for (svc, body) in doc
                        .get("services")
                        .and_then(|s| s.as_object())
                        .into_iter()
                        .flatten()
                    {
                        let image = body.get("image").and_then(|i| i.as_str()).unwrap_or("");
                        let (kind, tech) = if image.is_empty() {
                            (ComponentKind::Service, None)
                        } else {
                            classify_image(image)
                        };
                        // `network_mode: host` puts every port the container opens on the host.
                        let host_network =
                            body.get("network_mode").and_then(|m| m.as_str()) == Some("host");
                        let svc_line = line_of(text, &format!("{svc}:"));
                        if host_network {
                            out.push(Exposure {
                        id: slug(svc),
                        kind,
                        tech: tech.map(str::to_string),
                        source: format!(
                            "{}:{}",
                            rel,
                            line_after(text, svc_line, "network_mode")
                        ),
                        how: format!(
                            "{} runs service `{svc}` on the host's network, so every port it opens is on every interface of the host",
                            rel
                        ),
                    });
                        }
                        for p in body
                            .get("ports")
                            .and_then(|p| p.as_array())
                            .into_iter()
                            .flatten()
                        {
                            let Some(port) = published_on_all_interfaces(p) else {
                                continue;
                            };
                            let needle = match p {
                                serde_json::Value::String(s) => s.clone(),
                                _ => port.clone(),
                            };
                            out.push(Exposure {
                        id: slug(svc),
                        kind,
                        tech: tech.map(str::to_string),
                        source: format!(
                            "{}:{}",
                            rel,
                            line_after(text, svc_line, &needle)
                        ),
                        how: format!(
                            "{} publishes port {port} of service `{svc}` on every interface of the host",
                            rel
                        ),
                    });
                        }
                    }
                }
                InfraFile::Kubernetes { rel, docs, .. } => {
                    for (start, doc_text, doc) in docs {
                        let start = *start;
                        let kind = doc.get("kind").and_then(|k| k.as_str()).unwrap_or("");
                        let Some(obj_name) = doc.pointer("/metadata/name").and_then(|n| n.as_str())
                        else {
                            continue;
                        };
                        match kind {
                            "Deployment" | "StatefulSet" | "DaemonSet" | "Job" | "CronJob"
                            | "Pod" => {
                                let template = match kind {
                                    "Pod" => Some(doc),
                                    "CronJob" => doc.pointer("/spec/jobTemplate/spec/template"),
                                    _ => doc.pointer("/spec/template"),
                                };
                                let labels: BTreeMap<String, String> = template
                                    .and_then(|t| t.pointer("/metadata/labels"))
                                    .and_then(|l| l.as_object())
                                    .map(|m| {
                                        m.iter()
                                            .filter_map(|(k, v)| {
                                                Some((k.clone(), v.as_str()?.to_string()))
                                            })
                                            .collect()
                                    })
                                    .unwrap_or_default();
                                let spec = template.and_then(|t| t.get("spec"));
                                let image = spec
                                    .and_then(|s| s.pointer("/containers/0/image"))
                                    .and_then(|i| i.as_str())
                                    .unwrap_or("");
                                let (ckind, tech) = classify_image(image);
                                workloads.push((
                                    obj_name.to_string(),
                                    labels,
                                    ckind,
                                    tech.map(str::to_string),
                                ));
                                // hostNetwork / hostPort put the pod's ports on the node itself.
                                if spec.and_then(|s| s.get("hostNetwork"))
                                    == Some(&serde_json::Value::Bool(true))
                                {
                                    out.push(Exposure {
                            id: slug(obj_name),
                            kind: ckind,
                            tech: tech.map(str::to_string),
                            source: format!("{}:{}", rel, line_in(doc_text, start, "hostNetwork")),
                            how: format!("{kind} `{obj_name}` runs on its node's network (`hostNetwork: true`)"),
                        });
                                }
                            }
                            "Service" => {
                                let ty = doc
                                    .pointer("/spec/type")
                                    .and_then(|t| t.as_str())
                                    .unwrap_or("ClusterIP");
                                let external_ips = doc
                                    .pointer("/spec/externalIPs")
                                    .and_then(|x| x.as_array())
                                    .is_some_and(|a| !a.is_empty());
                                let how = match ty {
                                    "LoadBalancer" | "NodePort" => Some((
                                        format!("Service `{obj_name}` of type {ty}"),
                                        line_in(doc_text, start, "type:"),
                                    )),
                                    _ if external_ips => Some((
                                        format!("Service `{obj_name}` with external IPs"),
                                        line_in(doc_text, start, "externalIPs"),
                                    )),
                                    _ => None,
                                };
                                let selector =
                                    doc.pointer("/spec/selector").cloned().unwrap_or_default();
                                if let Some((how, line)) = how {
                                    services.push((
                                        how,
                                        selector.clone(),
                                        format!("{}:{line}", rel),
                                    ));
                                }
                                // Ingresses name Services; keep every Service's selector for them.
                                selectors.insert(obj_name.to_string(), selector);
                            }
                            "Ingress" => {
                                let body = doc.to_string();
                                let line = line_in(doc_text, start, "rules:").max(start);
                                for cap in backend.captures_iter(&body) {
                                    ingresses.push((
                                        format!(
                                            "Ingress `{obj_name}` routes to Service `{}`",
                                            &cap[1]
                                        ),
                                        cap[1].to_string(),
                                        format!("{}:{line}", rel),
                                    ));
                                }
                                if let Some(default) = doc
                                    .pointer("/spec/defaultBackend/service/name")
                                    .and_then(|n| n.as_str())
                                {
                                    ingresses.push((
                                        format!(
                                            "Ingress `{obj_name}` routes to Service `{default}`"
                                        ),
                                        default.to_string(),
                                        format!("{}:{line}", rel),
                                    ));
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        let selects = |selector: &serde_json::Value, labels: &BTreeMap<String, String>| {
            selector.as_object().is_some_and(|sel| {
                !sel.is_empty()
                    && sel.iter().all(|(k, v)| {
                        v.as_str()
                            .is_some_and(|v| labels.get(k).is_some_and(|l| l == v))
                    })
            })
        };
        let traced =
            |how: &str, selector: &serde_json::Value, source: &str, out: &mut Vec<Exposure>| {
                for (name, labels, kind, tech) in &workloads {
                    if selects(selector, labels) {
                        out.push(Exposure {
                            id: slug(name),
                            kind: *kind,
                            tech: tech.clone(),
                            source: source.to_string(),
                            how: format!(
                                "{how} exposes it ({})",
                                source.rsplit_once(':').map_or(source, |(p, _)| p)
                            ),
                        });
                    }
                }
            };
        for (how, selector, source) in &services {
            traced(how, selector, source, &mut out);
        }
        // Ingress -> Service (by name) -> workloads.
        for (how, target, source) in &ingresses {
            if let Some(selector) = selectors.get(target) {
                traced(how, selector, source, &mut out);
            }
        }
        out
    }
}

/// The line of the first line containing `needle` at or after line `from` (1-based).
fn line_after(text: &str, from: usize, needle: &str) -> usize {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map_or(from, |(i, _)| i + 1)
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
