//! `pnpm-lock.yaml`, lockfile versions 5.x (`/name/1.0.0_peer@1.0.0` keys), 6.x
//! (`/name@1.0.0(peer@1.0.0)`) and 9.x (`name@1.0.0` in `packages`, the graph in
//! `snapshots`).
//!
//! Peer-dependency variants of one version are one package. The importers (workspace
//! projects, or the top-level `dependencies` of a single-project v5/v6 lockfile) give the
//! direct dependencies. Versions 5 and 6 mark each package `dev`; version 9 does not, so a
//! package is dev when only the importers' `devDependencies` reach it.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::lines::yaml_key_lines;
use super::npm::split_name_at_version;
use super::{Ctx, LockfileError, dep, exact_name, mark_from_roots, sri_hashes};
use crate::package::{Lockfile, Package, Scope};
use crate::version::Ecosystem;

type DepMap = BTreeMap<String, serde_json::Value>;

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct PnpmLock {
    lockfile_version: Option<serde_json::Value>,
    importers: BTreeMap<String, Importer>,
    dependencies: DepMap,
    dev_dependencies: DepMap,
    optional_dependencies: DepMap,
    packages: BTreeMap<String, PnpmPackage>,
    snapshots: BTreeMap<String, Snapshot>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Importer {
    dependencies: DepMap,
    dev_dependencies: DepMap,
    optional_dependencies: DepMap,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct PnpmPackage {
    name: Option<String>,
    version: Option<serde_json::Value>,
    resolution: BTreeMap<String, serde_json::Value>,
    dev: Option<bool>,
    requires_build: bool,
    dependencies: DepMap,
    optional_dependencies: DepMap,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Snapshot {
    dependencies: DepMap,
    optional_dependencies: DepMap,
}

fn text_of(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(crate) fn parse(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let lock: PnpmLock = ctx.yaml(text)?;
    let lines = yaml_key_lines(text);
    let major = lock
        .lockfile_version
        .as_ref()
        .and_then(text_of)
        .and_then(|v| v.split('.').next().and_then(|m| m.parse::<u32>().ok()))
        .ok_or_else(|| ctx.invalid(Some(1), "no `lockfileVersion`"))?;
    let mut warnings = Vec::new();

    let mut packages: Vec<Package> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut dev_flags: Vec<Option<bool>> = Vec::new();
    for (key, entry) in &lock.packages {
        let line = lines.get(&["packages", key]);
        let parsed = parse_key(key, major);
        let name = entry
            .name
            .clone()
            .or_else(|| parsed.as_ref().map(|p| p.0.clone()));
        let version = entry
            .version
            .as_ref()
            .and_then(text_of)
            .or_else(|| parsed.as_ref().map(|p| p.1.clone()));
        let (Some(name), Some(version)) = (name, version) else {
            warnings.push((line, format!("cannot tell the name and version of `{key}`")));
            continue;
        };
        let i = match index.get(&(name.clone(), version.clone())) {
            Some(&i) => i,
            None => {
                let mut package = Package::new(Ecosystem::Npm, name.clone(), Some(version.clone()));
                package.line = line;
                package.scope = Scope::Transitive;
                if let Some(integrity) = entry.resolution.get("integrity").and_then(text_of) {
                    package.hashes = sri_hashes(&integrity);
                }
                package.source = source_of(&entry.resolution);
                index.insert((name, version), packages.len());
                packages.push(package);
                packages.len() - 1
            }
        };
        if dev_flags.len() < packages.len() {
            dev_flags.resize(packages.len(), None);
        }
        if let Some(dev) = entry.dev {
            // A package dev in one peer variant and not in another ships.
            dev_flags[i] = Some(dev_flags[i].map_or(dev, |earlier| earlier && dev));
        }
        let package = &mut packages[i];
        package.install_script |= entry.requires_build;
        if major < 9 {
            add_edges(
                package,
                &entry.dependencies,
                &entry.optional_dependencies,
                major,
            );
        }
    }
    if major >= 9 {
        for (key, snapshot) in &lock.snapshots {
            let Some((name, version)) = parse_key(key, major) else {
                continue;
            };
            if let Some(&i) = index.get(&(name, version)) {
                add_edges(
                    &mut packages[i],
                    &snapshot.dependencies,
                    &snapshot.optional_dependencies,
                    major,
                );
            }
        }
    }

    let mut runtime_roots = Vec::new();
    let mut dev_roots = Vec::new();
    let mut importers: Vec<&Importer> = lock.importers.values().collect();
    let top_level = Importer {
        dependencies: lock.dependencies.clone(),
        dev_dependencies: lock.dev_dependencies.clone(),
        optional_dependencies: lock.optional_dependencies.clone(),
    };
    importers.push(&top_level);
    for importer in importers {
        for (name, value) in importer
            .dependencies
            .iter()
            .chain(&importer.optional_dependencies)
        {
            if let Some(target) = dep_target(name, value, major) {
                runtime_roots.push((target.0, Some(target.1)));
            }
        }
        for (name, value) in &importer.dev_dependencies {
            if let Some(target) = dep_target(name, value, major) {
                dev_roots.push((target.0, Some(target.1)));
            }
        }
    }
    mark_from_roots(&mut packages, &runtime_roots, &dev_roots, exact_name);
    // Versions 5 and 6 say which packages are dev; trust the file over the graph.
    for (p, flag) in packages.iter_mut().zip(dev_flags) {
        if let Some(dev) = flag {
            p.dev = dev;
        }
    }
    packages.sort_by_key(|p| p.line);
    Ok(ctx.lockfile(packages, warnings))
}

fn add_edges(package: &mut Package, deps: &DepMap, optional: &DepMap, major: u32) {
    for (name, value) in deps.iter().chain(optional) {
        let edge = match dep_target(name, value, major) {
            Some((n, v)) => dep(&n, Some(&v)),
            None => dep(name, None),
        };
        if !package.dependencies.contains(&edge) {
            package.dependencies.push(edge);
        }
    }
}

/// Where a non-registry package comes from: a tarball URL, a git repository at a commit, a
/// directory.
fn source_of(resolution: &BTreeMap<String, serde_json::Value>) -> Option<String> {
    if let Some(tarball) = resolution.get("tarball").and_then(text_of) {
        return Some(tarball);
    }
    if let Some(repo) = resolution.get("repo").and_then(text_of) {
        return Some(match resolution.get("commit").and_then(text_of) {
            Some(commit) => format!("{repo}#{commit}"),
            None => repo,
        });
    }
    resolution.get("directory").and_then(text_of)
}

/// `(name, version)` of a `packages` or `snapshots` key, without peer suffixes.
fn parse_key(key: &str, major: u32) -> Option<(String, String)> {
    let key = key.strip_prefix('/').unwrap_or(key);
    if major >= 6 {
        let key = key.split('(').next().unwrap_or(key);
        let (name, version) = split_name_at_version(key)?;
        (!name.is_empty() && !version.is_empty()).then(|| (name.to_string(), version.to_string()))
    } else {
        let (name, version) = key.rsplit_once('/')?;
        let version = version.split('_').next().unwrap_or(version);
        (!name.is_empty() && !version.is_empty()).then(|| (name.to_string(), version.to_string()))
    }
}

/// The package a dependency entry points at: `foo: 1.0.0(peer@1)`, `foo: {specifier,
/// version}`, or an alias `foo: /bar@1.0.0` / `bar@1.0.0`. `link:` and `file:` targets are the
/// project's own folders.
fn dep_target(name: &str, value: &serde_json::Value, major: u32) -> Option<(String, String)> {
    let version = match value {
        serde_json::Value::Object(o) => o.get("version").and_then(text_of)?,
        other => text_of(other)?,
    };
    if version.starts_with("link:") || version.starts_with("file:") {
        return None;
    }
    let bare = if major >= 6 {
        version.split('(').next().unwrap_or(&version)
    } else {
        version.split('_').next().unwrap_or(&version)
    };
    if bare.starts_with('/') || (major >= 6 && bare.get(1..).is_some_and(|s| s.contains('@'))) {
        return parse_key(&version, major);
    }
    Some((name.to_string(), bare.to_string()))
}
