//! CycloneDX 1.5 SBOMs from parsed lockfiles.
//!
//! [`build`] turns the [`Lockfile`]s of one product into a [`Bom`]: one component per
//! distinct package, with its purl, hashes, licence and where it was declared, and the
//! dependency graph the lockfiles record. The output is a pure function of its input, so the
//! same lockfiles and [`SbomMeta`] always give the same bytes.
//!
//! ```
//! use steward_deps::{detect, parse, sbom};
//!
//! let text = r#"
//! [[package]]
//! name = "demo"
//! version = "0.1.0"
//! dependencies = ["libc"]
//!
//! [[package]]
//! name = "libc"
//! version = "0.2.153"
//! source = "registry+https://registry.example/crates.io-index"
//! "#;
//! let lock = parse(detect("Cargo.lock").unwrap(), "Cargo.lock", text).unwrap();
//! let meta = sbom::SbomMeta { name: "demo".into(), ..Default::default() };
//! let bom = sbom::cyclonedx(&[lock], &meta);
//! assert_eq!(bom["specVersion"], "1.5");
//! assert_eq!(bom["components"][0]["purl"], "pkg:cargo/libc@0.2.153");
//! assert_eq!(bom["dependencies"][0]["ref"], "product:demo");
//! assert_eq!(bom["dependencies"][0]["dependsOn"][0], "pkg:cargo/libc@0.2.153");
//! ```
//!
//! # Choices the format leaves open
//!
//! - **Which packages are components.** A package with a version is one; so is a package
//!   without a version that the lockfile pins by its source (a git commit, a local path):
//!   it ships, and its source is in `externalReferences`. A package with neither (an
//!   unpinned `requirements.txt` range) is not something that ships: it is left out, and
//!   `metadata.properties` counts such packages in `steward:unpinned` and names each in a
//!   `steward:unpinned:package` (`name requirement (file:line)`).
//! - **Identity.** Packages are the same component when they have the same purl and source,
//!   in any number of lockfiles; its properties list every place it was declared. The
//!   `bom-ref` is the purl; when two components share one (a crate from the registry and
//!   the same name and version from git), the later one in purl-then-source order gets
//!   `|2`, `|3`, … appended. Components are sorted by purl, then source.
//! - **Dev-only packages** have `scope: optional` and the property `steward:dev = true`;
//!   everything else is `required`. A package is dev-only when every occurrence is.
//! - **Where it came from**: one `steward:lockfile` property per lockfile the package is
//!   in, and one `steward:line` (`file:line`, the file being the included one for a
//!   `-r`-included requirement) per occurrence with a known line. npm packages that run
//!   code when installed have `steward:install-script = true`.
//! - **Licences**: a single SPDX id (matched case-insensitively, written as SPDX spells it)
//!   is `{"license": {"id"}}`; a valid SPDX expression is `{"expression"}`; anything else
//!   (`proprietary`, `SEE LICENSE IN …`) is `{"license": {"name"}}`.
//! - **The graph.** Edges are resolved within their own lockfile, by name (normalised as the
//!   ecosystem compares names) and, when the edge gives one, exact version; an edge whose
//!   version matches nothing falls back to every package of that name, as does an edge
//!   without a version. Edges to packages that are not components are dropped. A component
//!   gets a `dependencies` entry (empty when it is a leaf) when it comes from a lockfile
//!   that records edges at all; components only seen in files without a graph (`go.sum`,
//!   `gradle.lockfile`, `pom.xml`) get none, which CycloneDX reads as "unknown". The
//!   product (`metadata.component`, `bom-ref` `product:<name>`) depends on the direct
//!   packages; it has no entry when none is known to be direct.
//! - **Serial number.** Unless [`SbomMeta::serial`] gives random bytes, the `urn:uuid:`
//!   is the SHA-256 of the SBOM serialised without it, cut to 16 bytes with the UUID
//!   version 4 and variant bits set: the same input has the same serial number, and any
//!   change to the content (including the timestamp) gives a new one.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::lockfile::pep503;
use crate::package::{Lockfile, Package, Scope, purl_parts};
use crate::version::Ecosystem;

/// The `$schema` a CycloneDX 1.5 JSON document names.
pub const SCHEMA: &str = "http://cyclonedx.org/schema/bom-1.5.schema.json";

/// What the lockfiles do not say about the SBOM: the product it describes and when it was made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SbomMeta {
    /// The product's name, as `metadata.component.name`.
    pub name: String,
    /// The product's version, when it has one.
    pub version: Option<String>,
    /// `metadata.timestamp`; `None` leaves it out, for a reproducible SBOM.
    pub timestamp: Option<DateTime<Utc>>,
    /// Random bytes for a fresh `serialNumber` (the UUID version and variant bits are set
    /// over them); `None` derives it from the content.
    pub serial: Option<[u8; 16]>,
}

/// A CycloneDX 1.5 BOM. Serialise it (field order follows the specification) or call
/// [`Bom::to_json_pretty`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bom {
    #[serde(rename = "$schema")]
    schema: &'static str,
    bom_format: &'static str,
    spec_version: &'static str,
    #[serde(skip_serializing_if = "String::is_empty")]
    serial_number: String,
    version: u32,
    metadata: Metadata,
    components: Vec<Component>,
    dependencies: Vec<DependencyEntry>,
}

impl Bom {
    /// `urn:uuid:…`.
    pub fn serial_number(&self) -> &str {
        &self.serial_number
    }

    /// How many packages were left out for having neither a version nor a source.
    pub fn unpinned(&self) -> usize {
        self.metadata
            .properties
            .iter()
            .filter(|p| p.name == "steward:unpinned:package")
            .count()
    }

    /// Indented JSON with a trailing newline, as `steward deps sbom` writes it.
    pub fn to_json_pretty(&self) -> String {
        let mut out = serde_json::to_string_pretty(self)
            .expect("a Bom serialises: its maps have string keys and it holds no floats");
        out.push('\n');
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Metadata {
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<String>,
    tools: Tools,
    component: Component,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    properties: Vec<Property>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Tools {
    components: Vec<Component>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Component {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "bom-ref", skip_serializing_if = "String::is_empty")]
    bom_ref: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hashes: Vec<HashEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    licenses: Vec<LicenseChoice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    purl: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    external_references: Vec<ExternalReference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    properties: Vec<Property>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct HashEntry {
    alg: &'static str,
    content: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
enum LicenseChoice {
    License { license: License },
    Expression { expression: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
enum License {
    #[serde(rename = "id")]
    Id(&'static str),
    #[serde(rename = "name")]
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct ExternalReference {
    #[serde(rename = "type")]
    kind: &'static str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Property {
    name: &'static str,
    value: String,
}

impl Property {
    fn new(name: &'static str, value: impl Into<String>) -> Property {
        Property {
            name,
            value: value.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct DependencyEntry {
    #[serde(rename = "ref")]
    reference: String,
    depends_on: Vec<String>,
}

/// The CycloneDX 1.5 SBOM of `lockfiles`, as JSON.
pub fn cyclonedx(lockfiles: &[Lockfile], meta: &SbomMeta) -> serde_json::Value {
    serde_json::to_value(build(lockfiles, meta))
        .expect("a Bom serialises: its maps have string keys and it holds no floats")
}

/// A package as (index of its lockfile, index within it).
type Occurrence = (usize, usize);

/// The CycloneDX 1.5 SBOM of `lockfiles`. See the module documentation for what goes in it.
pub fn build(lockfiles: &[Lockfile], meta: &SbomMeta) -> Bom {
    // Group occurrences into components by (purl, source); the BTreeMap sorts them.
    let mut groups: BTreeMap<(String, Option<&str>), Vec<Occurrence>> = BTreeMap::new();
    let mut unpinned = Vec::new();
    for (l, lockfile) in lockfiles.iter().enumerate() {
        for (p, package) in lockfile.packages.iter().enumerate() {
            if package.version.is_none() && package.source.is_none() {
                unpinned.push(Property::new(
                    "steward:unpinned:package",
                    unpinned_label(lockfile, package),
                ));
                continue;
            }
            groups
                .entry((package.purl(), package.source.as_deref()))
                .or_default()
                .push((l, p));
        }
    }

    let mut component_of: HashMap<Occurrence, usize> = HashMap::new();
    let mut refs_taken: HashMap<String, usize> = HashMap::new();
    let mut components = Vec::with_capacity(groups.len());
    for ((purl, _), occurrences) in &groups {
        let seen = refs_taken.entry(purl.clone()).or_insert(0);
        *seen += 1;
        let bom_ref = if *seen == 1 {
            purl.clone()
        } else {
            format!("{purl}|{seen}")
        };
        for &occurrence in occurrences {
            component_of.insert(occurrence, components.len());
        }
        components.push(component(lockfiles, occurrences, purl, bom_ref));
    }

    let product_ref = format!("product:{}", meta.name);
    let (dependencies, direct) = graph(lockfiles, &component_of, components.len());
    let mut entries = Vec::new();
    if !direct.is_empty() {
        entries.push(DependencyEntry {
            reference: product_ref.clone(),
            depends_on: direct
                .iter()
                .map(|&c| components[c].bom_ref.clone())
                .collect(),
        });
    }
    for (c, targets) in dependencies.iter().enumerate() {
        if let Some(targets) = targets {
            entries.push(DependencyEntry {
                reference: components[c].bom_ref.clone(),
                depends_on: targets
                    .iter()
                    .map(|&t| components[t].bom_ref.clone())
                    .collect(),
            });
        }
    }

    let mut properties: Vec<Property> = lockfiles
        .iter()
        .map(|l| Property::new("steward:lockfile", l.path.clone()))
        .collect();
    if !unpinned.is_empty() {
        properties.push(Property::new(
            "steward:unpinned",
            unpinned.len().to_string(),
        ));
        properties.extend(unpinned);
    }

    let mut bom = Bom {
        schema: SCHEMA,
        bom_format: "CycloneDX",
        spec_version: "1.5",
        serial_number: String::new(),
        version: 1,
        metadata: Metadata {
            timestamp: meta
                .timestamp
                .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
            tools: Tools {
                components: vec![Component {
                    kind: "application",
                    name: "steward".to_string(),
                    version: Some(env!("CARGO_PKG_VERSION").to_string()),
                    ..Component::default()
                }],
            },
            component: Component {
                kind: "application",
                bom_ref: product_ref,
                name: meta.name.clone(),
                version: meta.version.clone(),
                ..Component::default()
            },
            properties,
        },
        components,
        dependencies: entries,
    };
    let bytes = match meta.serial {
        Some(random) => random,
        None => {
            let json = serde_json::to_vec(&bom)
                .expect("a Bom serialises: its maps have string keys and it holds no floats");
            let digest = Sha256::digest(&json);
            let mut bytes = [0u8; 16];
            bytes.copy_from_slice(&digest[..16]);
            bytes
        }
    };
    bom.serial_number = uuid_v4_urn(bytes);
    bom
}

/// One component from every occurrence of the same (purl, source).
fn component(
    lockfiles: &[Lockfile],
    occurrences: &[Occurrence],
    purl: &str,
    bom_ref: String,
) -> Component {
    let package = |&(l, p): &Occurrence| &lockfiles[l].packages[p];
    let first = package(&occurrences[0]);
    let (group, name) = group_and_name(first.ecosystem, &first.name);

    let mut hashes: Vec<HashEntry> = Vec::new();
    for h in occurrences.iter().flat_map(|o| &package(o).hashes) {
        if valid_hash_hex(&h.hex) && !hashes.iter().any(|e| e.alg == h.alg && e.content == h.hex) {
            hashes.push(HashEntry {
                alg: h.alg,
                content: h.hex.clone(),
            });
        }
    }

    let licenses = occurrences
        .iter()
        .find_map(|o| package(o).license.as_deref())
        .and_then(license_choice)
        .into_iter()
        .collect();

    let external_references = first
        .source
        .as_deref()
        .map(external_reference)
        .into_iter()
        .collect();

    let dev = occurrences.iter().all(|o| package(o).dev);
    let mut properties = Vec::new();
    if dev {
        properties.push(Property::new("steward:dev", "true"));
    }
    if occurrences.iter().any(|o| package(o).install_script) {
        properties.push(Property::new("steward:install-script", "true"));
    }
    let mut paths_seen = BTreeSet::new();
    for &(l, _) in occurrences {
        if paths_seen.insert(l) {
            properties.push(Property::new("steward:lockfile", lockfiles[l].path.clone()));
        }
    }
    for o @ &(l, _) in occurrences {
        let p = package(o);
        if p.line > 0 {
            let file = p.declared_in.as_deref().unwrap_or(&lockfiles[l].path);
            properties.push(Property::new("steward:line", format!("{file}:{}", p.line)));
        }
    }

    Component {
        kind: "library",
        bom_ref,
        group,
        name,
        version: first.version.clone(),
        scope: Some(if dev { "optional" } else { "required" }),
        hashes,
        licenses,
        purl: Some(purl.to_string()),
        external_references,
        properties,
    }
}

/// Each component's resolved dependencies (`None` when no lockfile it is in records edges),
/// and the components some lockfile declares direct.
fn graph(
    lockfiles: &[Lockfile],
    component_of: &HashMap<Occurrence, usize>,
    count: usize,
) -> (Vec<Option<BTreeSet<usize>>>, BTreeSet<usize>) {
    let mut dependencies: Vec<Option<BTreeSet<usize>>> = vec![None; count];
    let mut direct = BTreeSet::new();
    for (l, lockfile) in lockfiles.iter().enumerate() {
        let records_edges = lockfile.packages.iter().any(|p| !p.dependencies.is_empty());
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (p, package) in lockfile.packages.iter().enumerate() {
            by_name
                .entry(normalise(package.ecosystem, &package.name))
                .or_default()
                .push(p);
        }
        for (p, package) in lockfile.packages.iter().enumerate() {
            let Some(&c) = component_of.get(&(l, p)) else {
                continue;
            };
            if package.scope == Scope::Direct {
                direct.insert(c);
            }
            if !records_edges {
                continue;
            }
            let targets = dependencies[c].get_or_insert_with(BTreeSet::new);
            for edge in &package.dependencies {
                let Some(candidates) = by_name.get(&normalise(package.ecosystem, &edge.name))
                else {
                    continue;
                };
                let exact: Vec<usize> = match &edge.version {
                    Some(v) => candidates
                        .iter()
                        .copied()
                        .filter(|&i| lockfile.packages[i].version.as_ref() == Some(v))
                        .collect(),
                    None => Vec::new(),
                };
                let chosen = if exact.is_empty() { candidates } else { &exact };
                for &i in chosen {
                    if let Some(&t) = component_of.get(&(l, i))
                        && t != c
                    {
                        targets.insert(t);
                    }
                }
            }
        }
    }
    (dependencies, direct)
}

/// A name as the ecosystem compares names, for resolving edges.
fn normalise(ecosystem: Ecosystem, name: &str) -> String {
    match ecosystem {
        Ecosystem::PyPI => pep503(name),
        Ecosystem::NuGet | Ecosystem::Packagist => name.to_ascii_lowercase(),
        _ => name.to_string(),
    }
}

/// CycloneDX `group` and `name`: the purl namespace and name, except that PyPI names are
/// kept as the lockfile writes them (the purl lower-cases them).
fn group_and_name(ecosystem: Ecosystem, name: &str) -> (Option<String>, String) {
    match ecosystem {
        Ecosystem::PyPI => (None, name.to_string()),
        _ => {
            let (_, group, name) = purl_parts(ecosystem, name);
            (group, name)
        }
    }
}

fn unpinned_label(lockfile: &Lockfile, package: &Package) -> String {
    let mut label = package.name.clone();
    if let Some(requirement) = &package.requirement {
        label.push(' ');
        label.push_str(requirement);
    }
    let file = package.declared_in.as_deref().unwrap_or(&lockfile.path);
    if package.line > 0 {
        label.push_str(&format!(" ({file}:{})", package.line));
    } else {
        label.push_str(&format!(" ({file})"));
    }
    label
}

/// CycloneDX accepts only the hex lengths of the digests it names.
fn valid_hash_hex(hex: &str) -> bool {
    matches!(hex.len(), 32 | 40 | 64 | 96 | 128) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

fn uuid_v4_urn(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex::encode(bytes);
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

// ---- licences ----

/// SPDX licence and exception ids, keyed by their lower-case form.
static SPDX_IDS: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    include_str!("../data/spdx-ids.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|id| (id.to_ascii_lowercase(), id))
        .collect()
});

fn spdx_id(s: &str) -> Option<&'static str> {
    SPDX_IDS.get(&s.to_ascii_lowercase()).copied()
}

fn license_choice(license: &str) -> Option<LicenseChoice> {
    let license = license.trim();
    if license.is_empty() {
        return None;
    }
    Some(if let Some(id) = spdx_id(license) {
        LicenseChoice::License {
            license: License::Id(id),
        }
    } else if is_spdx_expression(license) {
        LicenseChoice::Expression {
            expression: license.to_string(),
        }
    } else {
        LicenseChoice::License {
            license: License::Name(license.to_string()),
        }
    })
}

/// Whether `s` is an SPDX licence expression (SPDX 2.3 annex D) over known ids: ids (with an
/// optional `+`), `LicenseRef-`s, `AND`, `OR`, `WITH` and parentheses.
fn is_spdx_expression(s: &str) -> bool {
    let spaced = s.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut pos = 0;
    expression(&tokens, &mut pos) && pos == tokens.len()
}

fn expression(tokens: &[&str], pos: &mut usize) -> bool {
    if !term(tokens, pos) {
        return false;
    }
    while matches!(tokens.get(*pos), Some(&"AND" | &"OR")) {
        *pos += 1;
        if !term(tokens, pos) {
            return false;
        }
    }
    true
}

fn term(tokens: &[&str], pos: &mut usize) -> bool {
    match tokens.get(*pos) {
        Some(&"(") => {
            *pos += 1;
            if !expression(tokens, pos) || tokens.get(*pos) != Some(&")") {
                return false;
            }
            *pos += 1;
            true
        }
        Some(token) if simple_license(token) => {
            *pos += 1;
            if tokens.get(*pos) == Some(&"WITH") {
                *pos += 1;
                let Some(exception) = tokens.get(*pos) else {
                    return false;
                };
                if spdx_id(exception).is_none() && !license_ref(exception) {
                    return false;
                }
                *pos += 1;
            }
            true
        }
        _ => false,
    }
}

fn simple_license(token: &str) -> bool {
    let id = token.strip_suffix('+').unwrap_or(token);
    spdx_id(id).is_some() || license_ref(token)
}

fn license_ref(token: &str) -> bool {
    let local = match token.split_once(':') {
        Some((document, local)) => {
            if !idstring(document, "DocumentRef-") {
                return false;
            }
            local
        }
        None => token,
    };
    idstring(local, "LicenseRef-") || idstring(local, "AdditionRef-")
}

fn idstring(s: &str, prefix: &str) -> bool {
    s.strip_prefix(prefix).is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    })
}

// ---- sources ----

fn external_reference(source: &str) -> ExternalReference {
    let url = iri_reference(&scp_to_ssh(source));
    let lower = source.to_ascii_lowercase();
    let (kind, comment) = if is_vcs(&lower) {
        ("vcs", None)
    } else if lower.contains("://") {
        ("distribution", None)
    } else {
        (
            "other",
            Some("a local path or package-manager protocol, as the lockfile records it"),
        )
    };
    ExternalReference { kind, url, comment }
}

fn is_vcs(lower: &str) -> bool {
    const PREFIXES: [&str; 11] = [
        "git+",
        "git://",
        "git@",
        "ssh://",
        "hg+",
        "svn+",
        "bzr+",
        "github:",
        "gitlab:",
        "bitbucket:",
        "git:",
    ];
    if PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    lower.match_indices(".git").any(|(i, _)| {
        matches!(
            lower.as_bytes().get(i + 4),
            None | Some(b'#' | b'?' | b'@' | b'/')
        )
    })
}

/// `git@host:owner/repo.git` (scp syntax) is not a URI reference;
/// `ssh://git@host/owner/repo.git` is.
fn scp_to_ssh(source: &str) -> String {
    if !source.contains("://")
        && let Some((authority, path)) = source.split_once(':')
        && authority.contains('@')
        && !authority.contains('/')
    {
        return format!("ssh://{authority}/{}", path.trim_start_matches('/'));
    }
    source.to_string()
}

/// Percent-encodes what may not appear literally in an IRI reference (RFC 3987): spaces,
/// controls, `"<>\^`{|}`, a `%` that does not start an escape, and any `#` after the first.
fn iri_reference(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut fragment = false;
    for (i, c) in s.char_indices() {
        let escape = match c {
            '#' => std::mem::replace(&mut fragment, true),
            '%' => {
                !(i + 2 < bytes.len()
                    && bytes[i + 1].is_ascii_hexdigit()
                    && bytes[i + 2].is_ascii_hexdigit())
            }
            ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' => true,
            c => c.is_control(),
        };
        if escape {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_are_ids_expressions_or_names() {
        let json = |s| serde_json::to_value(license_choice(s)).unwrap();
        assert_eq!(json("mit"), serde_json::json!({"license": {"id": "MIT"}}));
        assert_eq!(
            json("(BSD-3-Clause OR MIT)"),
            serde_json::json!({"expression": "(BSD-3-Clause OR MIT)"})
        );
        assert_eq!(
            json("GPL-2.0-only WITH Classpath-exception-2.0 AND LicenseRef-acme"),
            serde_json::json!({"expression": "GPL-2.0-only WITH Classpath-exception-2.0 AND LicenseRef-acme"})
        );
        assert_eq!(
            json("Apache-2.0+"),
            serde_json::json!({"expression": "Apache-2.0+"})
        );
        for name in [
            "proprietary",
            "SEE LICENSE IN LICENSE.md",
            "MIT OR",
            "(MIT",
            "MIT or Apache-2.0",
            "MIT WITH",
            "LicenseRef-",
        ] {
            assert_eq!(
                json(name),
                serde_json::json!({"license": {"name": name}}),
                "{name}"
            );
        }
        assert_eq!(license_choice("  "), None);
    }

    #[test]
    fn sources_become_uri_references() {
        let r = |s| {
            let e = external_reference(s);
            (e.kind, e.url)
        };
        assert_eq!(
            r("git@git.example:acme/lib.git"),
            ("vcs", "ssh://git@git.example/acme/lib.git".into())
        );
        assert_eq!(
            r("https://git.example/a/b.git#commit=abc"),
            ("vcs", "https://git.example/a/b.git#commit=abc".into())
        );
        assert_eq!(
            r("sparse+https://registry.example/index/"),
            (
                "distribution",
                "sparse+https://registry.example/index/".into()
            )
        );
        assert_eq!(r("../internal"), ("other", "../internal".into()));
        assert_eq!(
            r("patch:lodash@npm%3A4.17.21#./a b.patch#hash"),
            (
                "other",
                "patch:lodash@npm%3A4.17.21#./a%20b.patch%23hash".into()
            )
        );
        assert_eq!(iri_reference("50%"), "50%25");
    }

    #[test]
    fn serials_are_version_4_uuids() {
        assert_eq!(
            uuid_v4_urn([0xff; 16]),
            "urn:uuid:ffffffff-ffff-4fff-bfff-ffffffffffff"
        );
        assert_eq!(
            uuid_v4_urn([0; 16]),
            "urn:uuid:00000000-0000-4000-8000-000000000000"
        );
    }
}

/// The packages of a CycloneDX SBOM steward wrote (its components' purls, and the
/// `steward:lockfile` / `steward:line` properties), as lockfiles again: what monitoring
/// matches against today's advisories long after the scan that stored it. Components whose
/// purl steward cannot map to an ecosystem are left out.
pub fn lockfiles_from_cyclonedx(bom: &serde_json::Value) -> Vec<Lockfile> {
    let mut by_file: BTreeMap<String, Vec<Package>> = BTreeMap::new();
    for c in bom["components"].as_array().into_iter().flatten() {
        let Some((ecosystem, name, version)) = c["purl"].as_str().and_then(parse_purl) else {
            continue;
        };
        let props: Vec<(&str, &str)> = c["properties"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| Some((p["name"].as_str()?, p["value"].as_str()?)))
            .collect();
        let lockfile = props
            .iter()
            .find(|(n, _)| *n == "steward:lockfile")
            .map_or("sbom", |(_, v)| *v)
            .to_string();
        let mut pkg = Package::new(ecosystem, name, Some(version));
        if let Some((file, line)) = props
            .iter()
            .find(|(n, _)| *n == "steward:line")
            .and_then(|(_, v)| v.rsplit_once(':'))
        {
            pkg.line = line.parse().unwrap_or(0);
            if file != lockfile {
                pkg.declared_in = Some(file.to_string());
            }
        }
        pkg.dev = props
            .iter()
            .any(|(n, v)| *n == "steward:dev" && *v == "true");
        by_file.entry(lockfile).or_default().push(pkg);
    }
    by_file
        .into_iter()
        .map(|(path, packages)| Lockfile {
            kind: crate::detect(&path).unwrap_or(crate::LockfileKind::CargoLock),
            path,
            packages,
            warnings: Vec::new(),
        })
        .collect()
}

/// (ecosystem, name as the ecosystem writes it, version) of a purl.
fn parse_purl(purl: &str) -> Option<(Ecosystem, String, String)> {
    let rest = purl.strip_prefix("pkg:")?;
    let rest = rest.split(['?', '#']).next()?;
    let (path, version) = rest.rsplit_once('@')?;
    let (ty, path) = path.split_once('/')?;
    let decode = |s: &str| {
        let mut out = Vec::new();
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%'
                && i + 2 < b.len()
                && b[i + 1].is_ascii_hexdigit()
                && b[i + 2].is_ascii_hexdigit()
                && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
            {
                out.push(v);
                i += 3;
                continue;
            }
            out.push(b[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    let path = decode(path);
    let version = decode(version);
    let (ns, name) = match path.rsplit_once('/') {
        Some((ns, n)) => (Some(ns.to_string()), n.to_string()),
        None => (None, path.clone()),
    };
    let (eco, full) = match ty {
        "cargo" => (Ecosystem::CratesIo, name),
        "npm" => (Ecosystem::Npm, path.clone()),
        "pypi" => (Ecosystem::PyPI, name),
        "golang" => (Ecosystem::Go, path.clone()),
        "maven" => (
            Ecosystem::Maven,
            format!("{}:{name}", ns.unwrap_or_default()),
        ),
        "gem" => (Ecosystem::RubyGems, name),
        "nuget" => (Ecosystem::NuGet, name),
        "composer" => (Ecosystem::Packagist, path.clone()),
        "pub" => (Ecosystem::Pub, name),
        "hex" => (Ecosystem::Hex, name),
        _ => return None,
    };
    Some((eco, full, version))
}

#[cfg(test)]
mod roundtrip_tests {
    use super::*;

    #[test]
    fn purls_map_back_to_packages() {
        let p = |s: &str| parse_purl(s).unwrap();
        assert_eq!(
            p("pkg:npm/%40babel/core@7.0.0"),
            (Ecosystem::Npm, "@babel/core".into(), "7.0.0".into())
        );
        assert_eq!(
            p("pkg:maven/org.apache.commons/commons-text@1.9"),
            (
                Ecosystem::Maven,
                "org.apache.commons:commons-text".into(),
                "1.9".into()
            )
        );
        assert_eq!(
            p("pkg:golang/github.com/gin-gonic/gin@v1.9.0"),
            (
                Ecosystem::Go,
                "github.com/gin-gonic/gin".into(),
                "v1.9.0".into()
            )
        );
        assert_eq!(
            p("pkg:cargo/serde@1.0.1"),
            (Ecosystem::CratesIo, "serde".into(), "1.0.1".into())
        );
        assert!(parse_purl("pkg:unknown/x@1").is_none());
        assert!(parse_purl("pkg:cargo/noversion").is_none());
    }
}
