//! Design versus reality: the architecture steward.toml declares against what the
//! repository's infrastructure code (docker-compose, Kubernetes, Terraform, read by
//! steward-iac) says. A store declared encrypted whose Terraform leaves encryption off, a
//! component declared internal that a security group opens to the world, a datastore the
//! code deploys but steward.toml does not declare, a declared component nothing deploys.

use std::collections::BTreeMap;
use std::path::Path;

use regex::Regex;
use serde_json::Value;
use steward_core::collect::Collected;
use steward_core::finding::{Finding, Location};
use steward_core::manifest::{Component, ComponentKind, Manifest, Zone};
use steward_core::rule::Rule;
use steward_core::severity::Confidence;
use steward_core::severity::Severity;
use steward_core::taxonomy::{Cwe, Owasp};
use steward_iac::inventory::{DeclaredComponent, InfraFiles};
use steward_policy::{DocPath, SourceMap};

use crate::review::{ENGINE, locate, with_requirements};

pub const UNDECLARED_DATASTORE: &str = "arch/undeclared-datastore";
pub const NOT_IN_IAC: &str = "arch/declared-component-not-in-iac";
pub const ENCRYPTION_MISMATCH: &str = "arch/declared-encrypted-store-unencrypted";
pub const OPEN_TO_WORLD: &str = "arch/declared-internal-open-to-world";

fn rule(
    id: &str,
    title: &str,
    severity: Severity,
    cwe: &[u32],
    requirements: &[&str],
    description: &str,
    remediation: &str,
) -> Rule {
    let mut r = Rule::new(id, ENGINE, title, severity);
    r.confidence = Confidence::Medium;
    r.cwe = cwe.iter().map(|c| Cwe(*c)).collect();
    r.owasp = Some(Owasp::A05);
    r.requirements = requirements.iter().map(|s| s.to_string()).collect();
    r.description = description.into();
    r.remediation = Some(remediation.into());
    r
}

/// The design-versus-reality rules.
pub fn rules() -> Vec<Rule> {
    vec![
        rule(
            UNDECLARED_DATASTORE,
            "Infrastructure code deploys a datastore steward.toml does not declare",
            Severity::Medium,
            &[1059],
            &["STW-CONFIG-010", "STW-NET-001"],
            "A database, cache, queue or bucket defined in docker-compose, Kubernetes or Terraform matches no `[[component]]` of steward.toml, so the architecture review, the requirements and the sunset inventory all miss it.",
            "Declare it in steward.toml (`steward init` proposes it), with its zone, authentication, encryption and the data it holds; or remove it from the infrastructure code.",
        ),
        rule(
            NOT_IN_IAC,
            "Declared component that no infrastructure code defines",
            Severity::Low,
            &[1059],
            &["STW-NET-001"],
            "A `[[component]]` of steward.toml matches nothing in the repository's docker-compose, Kubernetes or Terraform files, while other components do: the declaration may be stale, or the component is deployed by hand.",
            "Remove the component from steward.toml if it is gone, or bring its deployment under infrastructure code.",
        ),
        rule(
            ENCRYPTION_MISMATCH,
            "Store declared encrypted at rest is unencrypted in Terraform",
            Severity::High,
            &[311],
            &["STW-DATA-002", "STW-NET-001"],
            "steward.toml declares the component `encrypted_at_rest = true`, but the Terraform resource that deploys it turns storage encryption off, or leaves it at a default that is off (`storage_encrypted` on RDS and DocumentDB, `encrypted` on EBS, EFS and Redshift, `at_rest_encryption_enabled` on ElastiCache).",
            "Turn encryption on in the Terraform resource (with a KMS key), or correct the declaration so the gap is tracked.",
        ),
        rule(
            OPEN_TO_WORLD,
            "Component declared internal is open to the internet",
            Severity::High,
            &[668],
            &["STW-NET-003", "STW-NET-001"],
            "steward.toml puts the component in the internal or restricted zone, but its Terraform resource is publicly accessible or has a security group that admits 0.0.0.0/0 or ::/0, its docker-compose service publishes a port on every interface of the host (or runs on the host's network), or a Kubernetes Service of type LoadBalancer or NodePort, with external IPs, or behind an Ingress selects its pods (or they run on the node's network).",
            "Restrict the security group to the networks that need the component (the DMZ's security group, a VPN range) and turn off public accessibility; bind compose ports to 127.0.0.1 or drop them; make the Service ClusterIP and remove the Ingress route; or declare the zone it is really in.",
        ),
    ]
}

fn norm(s: &str) -> String {
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

fn is_datastore(kind: ComponentKind) -> bool {
    matches!(
        kind,
        ComponentKind::Database
            | ComponentKind::Cache
            | ComponentKind::Bucket
            | ComponentKind::Queue
    )
}

/// Whether the declared component and the one found in infrastructure code are the same:
/// the same id, one id containing the other, or the same kind of the same technology.
fn same(
    declared: &Component,
    found_id: &str,
    found_kind: ComponentKind,
    found_tech: Option<&str>,
) -> bool {
    let d = norm(declared.id.get_ref());
    let f = norm(found_id);
    if d == f || (f.len() >= 3 && d.contains(&f)) || (d.len() >= 3 && f.contains(&d)) {
        return true;
    }
    match (&declared.tech, found_tech) {
        (Some(a), Some(b)) => declared.kind == found_kind && norm(a) == norm(b),
        _ => false,
    }
}

/// A `path:line` inventory source as a location.
fn source_location(root: &Path, source: &str) -> Location {
    let (path, line) = match source.rsplit_once(':') {
        Some((p, l)) => (p, l.parse::<u32>().unwrap_or(0)),
        None => (source, 0),
    };
    if line == 0 {
        return Location::whole(path);
    }
    let text = std::fs::read_to_string(root.join(path)).unwrap_or_default();
    locate(
        path,
        &text,
        Some(steward_policy::Position { line, column: 1 }),
    )
}

/// A Terraform resource: its type, name, body, and where its module's values come from.
struct TfResource<'m> {
    ty: String,
    name: String,
    body: &'m Value,
    path: DocPath,
    module: &'m TfModule,
}

struct TfModule {
    input: Value,
    map: SourceMap,
    texts: BTreeMap<String, String>,
}

impl TfModule {
    fn location(&self, path: &DocPath) -> Location {
        let file = self.map.file_of(path).unwrap_or("").to_string();
        let text = self.texts.get(&file).map_or("", String::as_str);
        locate(&file, text, self.map.locate(path))
    }
}

fn terraform_modules(tree: &Collected) -> Vec<TfModule> {
    let mut dirs: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for f in &tree.files {
        if !f.rel_path.ends_with(".tf") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&f.path) else {
            continue;
        };
        let dir = f
            .rel_path
            .rsplit_once('/')
            .map_or("", |(d, _)| d)
            .to_string();
        dirs.entry(dir)
            .or_default()
            .push((f.rel_path.clone(), text));
    }
    dirs.into_values()
        .filter_map(|files| {
            let module = steward_iac::terraform::parse_module(&files);
            let (input, map) = module.document?;
            Some(TfModule {
                input,
                map,
                texts: files.into_iter().collect(),
            })
        })
        .collect()
}

fn resources(modules: &[TfModule]) -> Vec<TfResource<'_>> {
    let mut out = Vec::new();
    for m in modules {
        let Some(types) = m.input.get("resource").and_then(Value::as_object) else {
            continue;
        };
        for (ty, named) in types {
            let Some(named) = named.as_object() else {
                continue;
            };
            for (name, body) in named {
                out.push(TfResource {
                    ty: ty.clone(),
                    name: name.clone(),
                    body,
                    path: DocPath::root().key("resource").key(ty).key(name),
                    module: m,
                });
            }
        }
    }
    out
}

/// The attribute that turns storage encryption on for a resource type, and whether it is
/// off when left out.
fn encryption_attribute(ty: &str) -> Option<&'static str> {
    Some(match ty {
        "aws_db_instance" | "aws_rds_cluster" | "aws_docdb_cluster" | "aws_neptune_cluster" => {
            "storage_encrypted"
        }
        "aws_ebs_volume" | "aws_efs_file_system" | "aws_redshift_cluster" => "encrypted",
        "aws_elasticache_replication_group" => "at_rest_encryption_enabled",
        _ => return None,
    })
}

fn is_world(cidr: &Value) -> bool {
    matches!(cidr.as_str(), Some("0.0.0.0/0" | "::/0"))
}

fn any_world(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Array(a)) => a.iter().any(is_world),
        Some(other) => is_world(other),
        None => false,
    }
}

/// Security groups (by Terraform name) that admit the whole internet, with the path of the
/// rule that does.
fn open_security_groups(resources: &[TfResource<'_>]) -> BTreeMap<String, (usize, DocPath)> {
    let reference = Regex::new(r"aws_security_group\.([A-Za-z0-9_-]+)").expect("static regex");
    let mut open = BTreeMap::new();
    for (i, r) in resources.iter().enumerate() {
        match r.ty.as_str() {
            "aws_security_group" => {
                if let Some(Value::Array(rules)) = r.body.get("ingress") {
                    for (n, rule) in rules.iter().enumerate() {
                        if any_world(rule.get("cidr_blocks"))
                            || any_world(rule.get("ipv6_cidr_blocks"))
                        {
                            open.entry(r.name.clone())
                                .or_insert((i, r.path.key("ingress").index(n)));
                        }
                    }
                }
            }
            "aws_security_group_rule" | "aws_vpc_security_group_ingress_rule" => {
                let ingress = r.ty == "aws_vpc_security_group_ingress_rule"
                    || r.body.get("type").and_then(Value::as_str) == Some("ingress");
                let world = any_world(r.body.get("cidr_blocks"))
                    || any_world(r.body.get("ipv6_cidr_blocks"))
                    || any_world(r.body.get("cidr_ipv4"))
                    || any_world(r.body.get("cidr_ipv6"));
                let group = r
                    .body
                    .get("security_group_id")
                    .and_then(Value::as_str)
                    .and_then(|s| reference.captures(s))
                    .map(|c| c[1].to_string());
                if let (true, true, Some(g)) = (ingress, world, group) {
                    open.entry(g).or_insert((i, r.path.clone()));
                }
            }
            _ => {}
        }
    }
    open
}

/// Compare `manifest` (at `manifest_path` in the tree, with `text`) with the
/// infrastructure code of `tree`.
pub fn compare(
    manifest: &Manifest,
    manifest_path: &str,
    text: &str,
    tree: &Collected,
) -> Vec<Finding> {
    let rules = rules();
    let rule = |id: &str| {
        rules
            .iter()
            .find(|r| r.id == id)
            .cloned()
            .unwrap_or_else(|| Rule::new(id, ENGINE, id, Severity::Medium))
    };
    let mut out = Vec::new();
    let mut push =
        |id: &str, message: String, location: Location, key: &str, components: Vec<String>| {
            let r = rule(id);
            let mut f = Finding::new(
                &r,
                with_requirements(&message, &r.requirements),
                location,
                key.as_bytes(),
            );
            f.properties
                .insert("components".into(), serde_json::json!(components));
            out.push(f);
        };
    let map = crate::review::source_map(text);
    let component_location = |i: usize| {
        locate(
            manifest_path,
            text,
            map.locate(&DocPath::root().key("components").index(i)),
        )
    };

    let infra = InfraFiles::read(tree);
    let inv = infra.inventory();
    let found: Vec<&DeclaredComponent> = inv.components.iter().collect();
    for f in &found {
        if !is_datastore(f.kind) {
            continue;
        }
        let declared = manifest
            .components
            .iter()
            .any(|c| same(c, &f.id, f.kind, f.tech.as_deref()));
        if !declared {
            let what = f.tech.as_deref().map_or(String::new(), |t| format!("{t} "));
            push(
                UNDECLARED_DATASTORE,
                format!(
                    "{} deploys the {what}{} `{}`, which steward.toml does not declare",
                    f.source
                        .rsplit_once(':')
                        .map_or(f.source.as_str(), |(p, _)| p),
                    kind_name(f.kind),
                    f.id
                ),
                source_location(&tree.root, &f.source),
                &f.id,
                vec![f.id.clone()],
            );
        }
    }
    if !found.is_empty() {
        for (i, c) in manifest.components.iter().enumerate() {
            if !found
                .iter()
                .any(|f| same(c, &f.id, f.kind, f.tech.as_deref()))
            {
                push(
                    NOT_IN_IAC,
                    format!(
                        "component `{}` is declared, but no docker-compose, Kubernetes or Terraform file in the repository defines it",
                        c.id.get_ref()
                    ),
                    component_location(i),
                    c.id.get_ref(),
                    vec![c.id.get_ref().clone()],
                );
            }
        }
    }

    for e in infra.exposures() {
        for c in manifest.components.iter().filter(|c| {
            matches!(c.zone, Zone::Internal | Zone::Restricted)
                && same(c, &e.id, e.kind, e.tech.as_deref())
        }) {
            push(
                OPEN_TO_WORLD,
                format!(
                    "component `{}` is declared in the {} zone, but {}",
                    c.id.get_ref(),
                    zone_name(c.zone),
                    e.how
                ),
                source_location(&tree.root, &e.source),
                &format!("{}|{}", e.source, e.how),
                vec![c.id.get_ref().clone()],
            );
        }
    }

    let modules = terraform_modules(tree);
    let resources = resources(&modules);
    let open = open_security_groups(&resources);
    let sg_ref = Regex::new(r"aws_security_group\.([A-Za-z0-9_-]+)\.id").expect("static regex");
    for c in &manifest.components {
        for r in resources.iter().filter(|r| same(c, &r.name, c.kind, None)) {
            let address = format!("{}.{}", r.ty, r.name);
            if c.encrypted_at_rest == Some(true)
                && let Some(attr) = encryption_attribute(&r.ty)
            {
                let value = r.body.get(attr);
                if value.is_none() || value == Some(&Value::Bool(false)) {
                    let how = if value.is_none() {
                        format!("leaves `{attr}` unset (off by default)")
                    } else {
                        format!("sets `{attr} = false`")
                    };
                    push(
                        ENCRYPTION_MISMATCH,
                        format!(
                            "component `{}` is declared encrypted at rest, but {address} {how}",
                            c.id.get_ref()
                        ),
                        r.module.location(&r.path.key(attr)),
                        &format!("{address}|{attr}"),
                        vec![c.id.get_ref().clone()],
                    );
                }
            }
            if !matches!(c.zone, Zone::Internal | Zone::Restricted) {
                continue;
            }
            if r.body.get("publicly_accessible") == Some(&Value::Bool(true)) {
                push(
                    OPEN_TO_WORLD,
                    format!(
                        "component `{}` is declared in the {} zone, but {address} sets `publicly_accessible = true`",
                        c.id.get_ref(),
                        zone_name(c.zone)
                    ),
                    r.module.location(&r.path.key("publicly_accessible")),
                    &format!("{address}|publicly_accessible"),
                    vec![c.id.get_ref().clone()],
                );
            }
            let body = r.body.to_string();
            let mut groups: Vec<String> = sg_ref
                .captures_iter(&body)
                .map(|m| m[1].to_string())
                .collect();
            groups.dedup();
            for g in groups {
                if let Some((i, rule_path)) = open.get(&g) {
                    let sg = &resources[*i];
                    push(
                        OPEN_TO_WORLD,
                        format!(
                            "component `{}` is declared in the {} zone, but {address} is in security group `{g}`, which admits the whole internet",
                            c.id.get_ref(),
                            zone_name(c.zone)
                        ),
                        sg.module.location(rule_path),
                        &format!("{address}|{g}"),
                        vec![c.id.get_ref().clone()],
                    );
                }
            }
        }
    }
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

fn kind_name(k: ComponentKind) -> &'static str {
    match k {
        ComponentKind::Service => "service",
        ComponentKind::Database => "database",
        ComponentKind::Bucket => "bucket",
        ComponentKind::Queue => "queue",
        ComponentKind::Cache => "cache",
        ComponentKind::Gateway => "gateway",
        ComponentKind::Function => "function",
        ComponentKind::Host => "host",
    }
}

fn zone_name(z: Zone) -> &'static str {
    match z {
        Zone::Internet => "internet",
        Zone::Dmz => "dmz",
        Zone::Internal => "internal",
        Zone::Restricted => "restricted",
    }
}
