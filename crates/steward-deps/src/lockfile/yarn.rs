//! `yarn.lock`: classic (v1, yarn's own indented format) and berry (v2+, YAML with
//! `__metadata`).
//!
//! Each entry is keyed by the descriptors (`name@range`) it satisfies; edges are resolved by
//! looking the dependency's descriptor up among those keys. Classic lockfiles do not record
//! which packages the project asked for: the `package.json` beside it does, when the reader
//! has it (and then what only `devDependencies` reach is dev); without it scope is
//! [`Scope::Unknown`]. Berry records its workspaces, whose dependencies are direct; it
//! merges their `devDependencies` in, so each workspace's `package.json`, when the reader has
//! it, says which are dev. Berry's `workspace:`, `link:` and `portal:` entries are the
//! project's own code and are left out; a `patch:` entry is the package it patches, reported
//! once.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use super::lines::yaml_key_lines;
use super::manifest::{self, Manifest};
use super::npm::split_name_at_version;
use super::{Ctx, LockfileError, dep, exact_name, hex_hash, mark_from_roots, sri_hashes};
use crate::package::{Lockfile, Package, Scope};
use crate::version::Ecosystem;

pub(crate) fn parse(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let is_berry = text
        .lines()
        .any(|l| l.starts_with("__metadata:") || l.starts_with("\"__metadata\":"));
    if is_berry {
        parse_berry(ctx, text)
    } else {
        parse_classic(ctx, text)
    }
}

/// The package name a descriptor asks for, following `npm:` aliases
/// (`my-lodash@npm:lodash@^4` asks for `lodash`).
fn descriptor_name(descriptor: &str) -> Option<&str> {
    let (name, range) = split_name_at_version(descriptor)?;
    if let Some(aliased) = range.strip_prefix("npm:")
        && let Some((real, _)) = split_name_at_version(aliased)
        && !real.is_empty()
    {
        return Some(real);
    }
    Some(name)
}

#[derive(Default)]
struct ClassicEntry {
    line: u32,
    descriptors: Vec<String>,
    version: Option<String>,
    resolved: Option<String>,
    integrity: Option<String>,
    dependencies: Vec<(String, String)>,
}

fn parse_classic(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let mut entries: Vec<ClassicEntry> = Vec::new();
    let mut in_deps = false;
    for (n, raw) in text.lines().enumerate() {
        let line = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        if indent == 0 {
            let Some(header) = trimmed.strip_suffix(':') else {
                return Err(ctx.invalid(
                    Some(line),
                    format!("expected an entry header ending in `:`, found `{trimmed}`"),
                ));
            };
            let descriptors: Vec<String> = split_descriptors(header);
            if descriptors.is_empty() || descriptors.iter().any(|d| descriptor_name(d).is_none()) {
                return Err(ctx.invalid(
                    Some(line),
                    format!("`{header}` is not a list of `name@range` descriptors"),
                ));
            }
            entries.push(ClassicEntry {
                line,
                descriptors,
                ..ClassicEntry::default()
            });
            in_deps = false;
            continue;
        }
        let Some(entry) = entries.last_mut() else {
            return Err(ctx.invalid(Some(line), "indented line before any entry"));
        };
        let (key, value) = split_classic_field(trimmed);
        if indent <= 2 {
            in_deps = false;
            match key.as_str() {
                "version" => entry.version = value,
                "resolved" => entry.resolved = value,
                "integrity" => entry.integrity = value,
                "dependencies" | "optionalDependencies" if value.is_none() => in_deps = true,
                _ => {}
            }
        } else if in_deps && let Some(range) = value {
            entry.dependencies.push((key, range));
        }
    }

    let mut by_descriptor: HashMap<&str, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        for d in &e.descriptors {
            by_descriptor.insert(d, i);
        }
    }
    let mut packages = Vec::with_capacity(entries.len());
    for e in &entries {
        let first = &e.descriptors[0];
        let name = descriptor_name(first).unwrap_or(first);
        let mut package = Package::new(Ecosystem::Npm, name, e.version.clone());
        package.line = e.line;
        package.hashes = e.integrity.as_deref().map(sri_hashes).unwrap_or_default();
        if let Some(resolved) = &e.resolved {
            let (url, fragment) = match resolved.split_once('#') {
                Some((u, f)) => (u, Some(f)),
                None => (resolved.as_str(), None),
            };
            let registry_tarball =
                (url.starts_with("https://") || url.starts_with("http://")) && url.contains("/-/");
            if registry_tarball {
                if package.hashes.is_empty() {
                    package
                        .hashes
                        .extend(fragment.and_then(|f| hex_hash("SHA-1", f)));
                }
            } else {
                package.source = Some(resolved.clone());
            }
        }
        for (dep_name, range) in &e.dependencies {
            let descriptor = format!("{dep_name}@{range}");
            match by_descriptor.get(descriptor.as_str()) {
                Some(&i) => {
                    let target = &entries[i];
                    let target_name = descriptor_name(&target.descriptors[0]).unwrap_or(dep_name);
                    package
                        .dependencies
                        .push(dep(target_name, target.version.as_deref()));
                }
                None => package.dependencies.push(dep(dep_name, None)),
            }
        }
        packages.push(package);
    }
    let mut warnings = Vec::new();
    match manifest::package_json(ctx) {
        Manifest::Read(roots) => {
            let resolve = |deps: &[(String, String)]| -> Vec<(String, Option<String>)> {
                deps.iter()
                    .filter_map(|(name, range)| {
                        let i = *by_descriptor.get(format!("{name}@{range}").as_str())?;
                        let p = &packages[i];
                        Some((p.name.clone(), p.version.clone()))
                    })
                    .collect()
            };
            let (runtime, dev) = (resolve(&roots.runtime), resolve(&roots.dev));
            mark_from_roots(&mut packages, &runtime, &dev, exact_name);
        }
        Manifest::Broken(why) => warnings.push((1, why)),
        Manifest::Absent => {}
    }
    Ok(ctx.lockfile(packages, warnings))
}

/// `"a@^1", a@^1.2` -> `["a@^1", "a@^1.2"]`.
fn split_descriptors(header: &str) -> Vec<String> {
    header
        .split(',')
        .map(|d| unquote(d.trim()).to_string())
        .filter(|d| !d.is_empty())
        .collect()
}

fn unquote(s: &str) -> &str {
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(s)
}

/// `version "1.0.0"` -> (`version`, `1.0.0`); `dependencies:` -> (`dependencies`, None).
fn split_classic_field(line: &str) -> (String, Option<String>) {
    if let Some(key) = line.strip_suffix(':') {
        return (unquote(key).to_string(), None);
    }
    let (key, value) = if let Some(rest) = line.strip_prefix('"') {
        match rest.find('"') {
            Some(end) => (&rest[..end], rest[end + 1..].trim()),
            None => (rest, ""),
        }
    } else {
        match line.split_once(' ') {
            Some((k, v)) => (k, v.trim()),
            None => (line, ""),
        }
    };
    let value = value.strip_prefix(':').map(str::trim).unwrap_or(value);
    (key.to_string(), Some(unquote(value).to_string()))
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct BerryEntry {
    version: Option<serde_json::Value>,
    resolution: Option<String>,
    dependencies: BTreeMap<String, serde_json::Value>,
    optional_dependencies: BTreeMap<String, serde_json::Value>,
    peer_dependencies: BTreeMap<String, serde_json::Value>,
}

fn scalar(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

enum BerryKind {
    Registry,
    Workspace,
    Local,
    /// The `name@npm:version` a patch applies to.
    Patch(String, String),
    Other(String),
}

fn berry_kind(reference: &str) -> BerryKind {
    let (protocol, rest) = reference.split_once(':').unwrap_or(("", reference));
    match protocol {
        "npm" => BerryKind::Registry,
        "workspace" => BerryKind::Workspace,
        "link" | "portal" => BerryKind::Local,
        "patch" => {
            let inner = rest.split('#').next().unwrap_or(rest);
            let inner = inner.replace("%3A", ":").replace("%40", "@");
            match split_name_at_version(&inner) {
                Some((name, range)) => match range.strip_prefix("npm:") {
                    Some(version) => BerryKind::Patch(name.to_string(), version.to_string()),
                    None => BerryKind::Other(reference.to_string()),
                },
                None => BerryKind::Other(reference.to_string()),
            }
        }
        _ => BerryKind::Other(reference.to_string()),
    }
}

fn parse_berry(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let doc: BTreeMap<String, serde_json::Value> = ctx.yaml(text)?;
    let lines = yaml_key_lines(text);
    let mut warnings = Vec::new();
    // Per key: (descriptors, entry, line)
    let mut entries: Vec<(Vec<String>, BerryEntry, u32)> = Vec::new();
    for (key, value) in doc {
        if key == "__metadata" {
            continue;
        }
        let line = lines.get(&[&key]);
        match serde_json::from_value::<BerryEntry>(value) {
            Ok(entry) => entries.push((split_descriptors(&key), entry, line)),
            Err(e) => {
                return Err(
                    ctx.invalid(Some(line).filter(|l| *l > 0), format!("entry `{key}`: {e}"))
                );
            }
        }
    }
    entries.sort_by_key(|(_, _, line)| *line);

    // Which package each entry stands for (None for workspaces and links).
    let mut packages: Vec<Package> = Vec::new();
    let mut entry_package: Vec<Option<usize>> = vec![None; entries.len()];
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut patches = Vec::new();
    // Workspace entry -> its folder, relative to the lockfile.
    let mut workspaces: HashMap<usize, String> = HashMap::new();
    for (i, (descriptors, entry, line)) in entries.iter().enumerate() {
        let Some(resolution) = entry.resolution.as_deref() else {
            warnings.push((
                *line,
                format!("entry `{}` has no resolution", descriptors.join(", ")),
            ));
            continue;
        };
        let Some((name, reference)) = split_name_at_version(resolution) else {
            warnings.push((
                *line,
                format!("resolution `{resolution}` is not `name@reference`"),
            ));
            continue;
        };
        let version = entry.version.as_ref().and_then(scalar);
        let mut package = Package::new(Ecosystem::Npm, name, version.clone());
        package.line = *line;
        package.scope = Scope::Transitive;
        match berry_kind(reference) {
            BerryKind::Registry => {
                let version = reference.trim_start_matches("npm:").to_string();
                package.version = Some(version);
            }
            BerryKind::Workspace => {
                let folder = reference.trim_start_matches("workspace:");
                workspaces.insert(i, folder.to_string());
                continue;
            }
            BerryKind::Local => continue,
            BerryKind::Patch(base, base_version) => {
                patches.push((i, base, base_version));
                continue;
            }
            BerryKind::Other(source) => package.source = Some(source),
        }
        if let Some(v) = &package.version {
            seen.insert((package.name.clone(), v.clone()), packages.len());
        }
        entry_package[i] = Some(packages.len());
        packages.push(package);
    }
    for (i, name, version) in patches {
        match seen.get(&(name.clone(), version.clone())) {
            Some(&p) => entry_package[i] = Some(p),
            None => {
                let mut package = Package::new(Ecosystem::Npm, name.clone(), Some(version.clone()));
                package.line = entries[i].2;
                package.scope = Scope::Transitive;
                seen.insert((name, version), packages.len());
                entry_package[i] = Some(packages.len());
                packages.push(package);
            }
        }
    }

    let mut by_descriptor: HashMap<&str, usize> = HashMap::new();
    for (i, (descriptors, _, _)) in entries.iter().enumerate() {
        for d in descriptors {
            by_descriptor.insert(d, i);
        }
    }
    let lookup = |name: &str, range: &str| -> Option<usize> {
        let exact = format!("{name}@{range}");
        let with_npm = format!("{name}@npm:{range}");
        let i = by_descriptor
            .get(exact.as_str())
            .or_else(|| by_descriptor.get(with_npm.as_str()))?;
        entry_package[*i]
    };
    let mut edges: Vec<(usize, Vec<usize>, Vec<String>)> = Vec::new();
    // The lockfile merges each workspace's devDependencies into its dependencies; the
    // workspace's package.json, when the reader has it, tells them apart.
    let mut runtime_roots: Vec<usize> = Vec::new();
    let mut dev_roots: Vec<usize> = Vec::new();
    for (i, (_, entry, _)) in entries.iter().enumerate() {
        let mut resolved = Vec::new();
        let mut unresolved = Vec::new();
        let all = entry
            .dependencies
            .iter()
            .chain(&entry.optional_dependencies)
            .chain(&entry.peer_dependencies);
        for (name, range) in all {
            let Some(range) = scalar(range) else { continue };
            match lookup(name, &range) {
                Some(p) => resolved.push(p),
                None => unresolved.push(name.clone()),
            }
        }
        if let Some(folder) = workspaces.get(&i) {
            let manifest_path = match folder.trim_matches('/') {
                "" | "." => "package.json".to_string(),
                folder => format!("{folder}/package.json"),
            };
            let dev_names: HashSet<String> = match manifest::package_json_at(ctx, &manifest_path) {
                Manifest::Read(roots) => roots.dev.into_iter().map(|(n, _)| n).collect(),
                Manifest::Broken(why) => {
                    warnings.push((entries[i].2, why));
                    HashSet::new()
                }
                Manifest::Absent => HashSet::new(),
            };
            for (name, range) in entry
                .dependencies
                .iter()
                .chain(&entry.optional_dependencies)
            {
                let Some(p) = scalar(range).and_then(|range| lookup(name, &range)) else {
                    continue;
                };
                if dev_names.contains(name) {
                    dev_roots.push(p);
                } else {
                    runtime_roots.push(p);
                }
            }
        } else if let Some(p) = entry_package[i] {
            edges.push((p, resolved, unresolved));
        }
    }
    for (p, resolved, unresolved) in edges {
        let mut deps: Vec<_> = resolved
            .iter()
            .map(|&t| dep(&packages[t].name, packages[t].version.as_deref()))
            .collect();
        deps.extend(unresolved.iter().map(|n| dep(n, None)));
        for d in deps {
            if !packages[p].dependencies.contains(&d) {
                packages[p].dependencies.push(d);
            }
        }
    }
    if workspaces.is_empty() {
        for p in &mut packages {
            p.scope = Scope::Unknown;
        }
    } else {
        let roots = |indices: &[usize]| -> Vec<(String, Option<String>)> {
            indices
                .iter()
                .map(|&p| (packages[p].name.clone(), packages[p].version.clone()))
                .collect()
        };
        let (runtime, dev) = (roots(&runtime_roots), roots(&dev_roots));
        mark_from_roots(&mut packages, &runtime, &dev, exact_name);
    }
    packages.sort_by_key(|p| p.line);
    Ok(ctx.lockfile(packages, warnings))
}
