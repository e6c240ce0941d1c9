//! `Cargo.lock`, versions 1 to 4.
//!
//! Packages without a `source` are the workspace's own crates (members and path
//! dependencies): they are left out, and what they depend on is [`Scope::Direct`]. Version 1
//! keeps checksums in `[metadata]` as `"checksum NAME VERSION (SOURCE)" = "HEX"`; later
//! versions put `checksum` on the package.
//!
//! Cargo.lock does not say which dependencies are only for tests, examples and benches: its
//! edges from a workspace crate include the `[dev-dependencies]`. The workspace's manifests
//! do, so when the `Cargo.toml` beside the lockfile can be read, it and every member's and
//! path dependency's manifest are read too, and a package reached only through
//! `[dev-dependencies]` (of any target) is [`Package::dev`]. `[build-dependencies]` run at
//! build time and count as runtime. Where a workspace crate's manifest cannot be found, all
//! its dependencies count as runtime: nothing is marked dev without the manifest saying so.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use serde::Deserialize;
use toml::Spanned;

use super::requirements::join_path;
use super::{
    Ctx, LineStarts, LockfileError, dep, exact_name, hex_hash, mark_from_roots,
    resolve_unique_versions,
};
use crate::package::{Lockfile, Package, Scope};
use crate::version::Ecosystem;

#[derive(Deserialize)]
struct CargoLock {
    #[serde(default)]
    package: Vec<CargoPackage>,
    #[serde(default)]
    metadata: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
struct CargoPackage {
    name: Spanned<String>,
    version: String,
    source: Option<String>,
    checksum: Option<String>,
    #[serde(default)]
    dependencies: Vec<String>,
}

pub(crate) fn parse(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let lock: CargoLock = ctx.toml(text)?;
    let starts = LineStarts::new(text);
    let mut v1_checksums: HashMap<(String, String), String> = HashMap::new();
    for (key, value) in &lock.metadata {
        if let (Some(rest), Some(sum)) = (key.strip_prefix("checksum "), value.as_str()) {
            let mut parts = rest.split(' ');
            if let (Some(name), Some(version)) = (parts.next(), parts.next()) {
                v1_checksums.insert((name.to_string(), version.to_string()), sum.to_string());
            }
        }
    }

    let mut direct: HashSet<(String, Option<String>)> = HashSet::new();
    let mut locals: Vec<LocalCrate> = Vec::new();
    let mut packages = Vec::new();
    for p in &lock.package {
        let edges: Vec<_> = p.dependencies.iter().map(|d| parse_edge(d)).collect();
        if p.source.is_none() {
            for (name, version) in &edges {
                direct.insert((name.to_string(), version.map(str::to_string)));
            }
            locals.push(LocalCrate {
                name: p.name.get_ref().clone(),
                edges: edges
                    .iter()
                    .map(|(n, v)| (n.to_string(), v.map(str::to_string)))
                    .collect(),
            });
            continue;
        }
        let name = p.name.get_ref().clone();
        let mut package = Package::new(Ecosystem::CratesIo, name.clone(), Some(p.version.clone()));
        package.line = starts.line(p.name.span().start);
        package.source = p.source.as_deref().and_then(non_default_source);
        let checksum = p
            .checksum
            .clone()
            .or_else(|| v1_checksums.get(&(name, p.version.clone())).cloned());
        package
            .hashes
            .extend(checksum.and_then(|c| hex_hash("SHA-256", &c)));
        package.dependencies = edges
            .into_iter()
            .map(|(name, version)| dep(name, version))
            .collect();
        package.scope = Scope::Transitive;
        packages.push(package);
    }
    resolve_unique_versions(&mut packages, exact_name);
    let mut warnings = Vec::new();
    if let Some(workspace) = read_workspace(ctx, &mut warnings) {
        let (runtime, dev) = roots_from_manifests(&locals, &workspace);
        mark_from_roots(&mut packages, &runtime, &dev, exact_name);
    } else {
        for p in &mut packages {
            if direct.contains(&(p.name.clone(), None))
                || direct.contains(&(p.name.clone(), p.version.clone()))
            {
                p.scope = Scope::Direct;
            }
        }
    }
    Ok(ctx.lockfile(packages, warnings))
}

/// A workspace crate as Cargo.lock records it: its name and its edges (name, version).
struct LocalCrate {
    name: String,
    edges: Vec<(String, Option<String>)>,
}

/// What one workspace crate's manifest says it depends on, by the names Cargo.lock uses
/// (a renamed dependency's `package`).
#[derive(Default)]
struct CrateManifest {
    /// In `[dependencies]` or `[build-dependencies]`, for any target.
    runtime: HashSet<String>,
    /// Only in `[dev-dependencies]`.
    dev: HashSet<String>,
}

/// The workspace's manifests: each crate's, by package name, and which crates are members
/// (the root package and `workspace.members`).
struct Workspace {
    crates: HashMap<String, CrateManifest>,
    members: HashSet<String>,
}

/// Reads the `Cargo.toml` beside the lockfile, the members it names (globs expanded through
/// the context's listing) and every path dependency they reach. `None` when there is no
/// readable root manifest; manifests that cannot be read become warnings.
fn read_workspace(ctx: &Ctx<'_>, warnings: &mut Vec<(u32, String)>) -> Option<Workspace> {
    let (root_path, root_text) = ctx.sibling("Cargo.toml")?;
    let root: toml::Table = match toml::from_str(&root_text) {
        Ok(t) => t,
        Err(e) => {
            warnings.push((
                0,
                format!(
                    "{root_path} is not valid TOML ({}): dev-dependencies are not told apart",
                    e.message().trim_end()
                ),
            ));
            return None;
        }
    };
    let root_dir = root_path.rsplit_once('/').map_or("", |(d, _)| d);
    let ws = root.get("workspace").and_then(toml::Value::as_table);
    let ws_deps = ws
        .and_then(|w| w.get("dependencies"))
        .and_then(toml::Value::as_table);
    let strings = |key: &str| -> Vec<&str> {
        ws.and_then(|w| w.get(key))
            .and_then(toml::Value::as_array)
            .map(|a| a.iter().filter_map(toml::Value::as_str).collect())
            .unwrap_or_default()
    };
    let excluded: Vec<String> = strings("exclude")
        .iter()
        .map(|e| join_path(&root_path, e))
        .collect();
    let is_excluded = |manifest: &str| {
        let dir = manifest.rsplit_once('/').map_or("", |(d, _)| d);
        excluded
            .iter()
            .any(|e| dir == e || dir.starts_with(&format!("{e}/")))
    };

    // (manifest path, is a member)
    let mut queue: VecDeque<(String, bool)> = VecDeque::new();
    if root.contains_key("package") {
        queue.push_back((root_path.clone(), true));
    }
    for pattern in strings("members") {
        let pattern = pattern.trim_end_matches('/');
        if pattern.contains(['*', '?', '[']) {
            let full = join_path(&root_path, &format!("{pattern}/Cargo.toml"));
            let Ok(glob) = globset::GlobBuilder::new(&full)
                .literal_separator(true)
                .build()
            else {
                warnings.push((
                    0,
                    format!("{root_path}: workspace member `{pattern}` is not a valid glob"),
                ));
                continue;
            };
            let matcher = glob.compile_matcher();
            let mut found: Vec<String> = (ctx.list)(root_dir)
                .into_iter()
                .filter(|p| matcher.is_match(p.as_str()))
                .collect();
            found.sort();
            queue.extend(found.into_iter().map(|p| (p, true)));
        } else {
            queue.push_back((
                join_path(&root_path, &format!("{pattern}/Cargo.toml")),
                true,
            ));
        }
    }

    let mut workspace = Workspace {
        crates: HashMap::new(),
        members: HashSet::new(),
    };
    let mut seen: HashSet<String> = HashSet::new();
    while let Some((path, member)) = queue.pop_front() {
        if !seen.insert(path.clone()) || (member && path != root_path && is_excluded(&path)) {
            continue;
        }
        let table: toml::Table = if path == root_path {
            root.clone()
        } else {
            let Some(text) = (ctx.read)(&path) else {
                warnings.push((
                    0,
                    format!("{path} cannot be read: its dev-dependencies are counted as runtime"),
                ));
                continue;
            };
            match toml::from_str(&text) {
                Ok(t) => t,
                Err(e) => {
                    warnings.push((
                        0,
                        format!(
                            "{path} is not valid TOML ({}): its dev-dependencies are counted as runtime",
                            e.message().trim_end()
                        ),
                    ));
                    continue;
                }
            }
        };
        let Some(name) = table
            .get("package")
            .and_then(|p| p.get("name"))
            .and_then(toml::Value::as_str)
        else {
            continue;
        };
        let mut manifest = CrateManifest::default();
        let targets = table
            .get("target")
            .and_then(toml::Value::as_table)
            .into_iter()
            .flat_map(|t| t.values())
            .filter_map(toml::Value::as_table);
        let tables = std::iter::once(&table)
            .chain(targets)
            .flat_map(dependency_tables);
        for (deps, dev) in tables {
            for (key, spec) in deps {
                let (lock_name, dep_path) =
                    resolve_dependency(key, spec, ws_deps, &path, &root_path);
                if dev {
                    manifest.dev.insert(lock_name);
                } else {
                    manifest.runtime.insert(lock_name);
                }
                if let Some(p) = dep_path {
                    queue.push_back((p, false));
                }
            }
        }
        let runtime = manifest.runtime.clone();
        manifest.dev.retain(|n| !runtime.contains(n));
        if member {
            workspace.members.insert(name.to_string());
        }
        workspace.crates.insert(name.to_string(), manifest);
    }
    Some(workspace)
}

/// The dependency tables of a manifest (or of one `[target.'cfg(..)']`), and whether each
/// is dev-only.
fn dependency_tables(t: &toml::Table) -> impl Iterator<Item = (&toml::Table, bool)> {
    DEPENDENCY_TABLES.iter().filter_map(|(key, dev)| {
        t.get(*key)
            .and_then(toml::Value::as_table)
            .map(|d| (d, *dev))
    })
}

/// The underscore spellings are Cargo's old ones, still accepted.
const DEPENDENCY_TABLES: [(&str, bool); 5] = [
    ("dependencies", false),
    ("build-dependencies", false),
    ("build_dependencies", false),
    ("dev-dependencies", true),
    ("dev_dependencies", true),
];

/// A dependency entry's package name as Cargo.lock writes it, and the manifest of the path
/// dependency it names, if it is one. `workspace = true` entries take both from
/// `[workspace.dependencies]`, whose paths are relative to the workspace root.
fn resolve_dependency(
    key: &str,
    spec: &toml::Value,
    ws_deps: Option<&toml::Table>,
    manifest: &str,
    root_manifest: &str,
) -> (String, Option<String>) {
    let table = spec.as_table();
    let inherited = table
        .and_then(|t| t.get("workspace"))
        .and_then(toml::Value::as_bool)
        == Some(true);
    let (source, relative_to) = if inherited {
        (ws_deps.and_then(|w| w.get(key)), root_manifest)
    } else {
        (Some(spec), manifest)
    };
    let source = source.and_then(toml::Value::as_table);
    let name = source
        .and_then(|t| t.get("package"))
        .and_then(toml::Value::as_str)
        .unwrap_or(key)
        .to_string();
    let path = source
        .and_then(|t| t.get("path"))
        .and_then(toml::Value::as_str)
        .map(|p| {
            join_path(
                relative_to,
                &format!("{}/Cargo.toml", p.trim_end_matches('/')),
            )
        });
    (name, path)
}

/// The registry packages the workspace needs at run time and those it needs only for
/// development, as roots for [`mark_from_roots`]: the edges of workspace crates reached from
/// the members through runtime dependencies, split by their manifests; every edge of a
/// workspace crate reached only through dev-dependencies is dev.
#[allow(clippy::type_complexity)]
fn roots_from_manifests(
    locals: &[LocalCrate],
    workspace: &Workspace,
) -> (Vec<(String, Option<String>)>, Vec<(String, Option<String>)>) {
    let by_name: HashMap<&str, usize> = locals
        .iter()
        .enumerate()
        .map(|(i, l)| (l.name.as_str(), i))
        .collect();
    // Whether `local`'s edge to `name` is a dev-dependency by its manifest.
    let dev_edge = |local: &LocalCrate, name: &str| {
        workspace
            .crates
            .get(&local.name)
            .is_some_and(|m| m.dev.contains(name))
    };
    let reach = |roots: &[usize], runtime_only: bool| -> Vec<bool> {
        let mut seen = vec![false; locals.len()];
        let mut queue: VecDeque<usize> = VecDeque::new();
        for &r in roots {
            if !seen[r] {
                seen[r] = true;
                queue.push_back(r);
            }
        }
        while let Some(i) = queue.pop_front() {
            for (name, _) in &locals[i].edges {
                if runtime_only && dev_edge(&locals[i], name) {
                    continue;
                }
                if let Some(&j) = by_name.get(name.as_str())
                    && !seen[j]
                {
                    seen[j] = true;
                    queue.push_back(j);
                }
            }
        }
        seen
    };
    // Members, and workspace crates whose manifest was not found (nothing is known against
    // them), are roots; so is any workspace crate nothing reaches.
    let mut roots: Vec<usize> = (0..locals.len())
        .filter(|&i| {
            workspace.members.contains(&locals[i].name)
                || !workspace.crates.contains_key(&locals[i].name)
        })
        .collect();
    let reached = reach(&roots, false);
    roots.extend((0..locals.len()).filter(|&i| !reached[i]));
    let runtime_locals = reach(&roots, true);

    let mut runtime = Vec::new();
    let mut dev = Vec::new();
    for (i, local) in locals.iter().enumerate() {
        for (name, version) in &local.edges {
            if by_name.contains_key(name.as_str()) {
                continue;
            }
            let edge = (name.clone(), version.clone());
            if runtime_locals[i] && !dev_edge(local, name) {
                runtime.push(edge);
            } else {
                dev.push(edge);
            }
        }
    }
    (runtime, dev)
}

/// `name`, `name version` or `name version (source)`.
fn parse_edge(edge: &str) -> (&str, Option<&str>) {
    let mut parts = edge.split_whitespace();
    let name = parts.next().unwrap_or(edge);
    (name, parts.next())
}

/// The source, unless it is the default registry's index: one named after the ecosystem
/// itself (a git index `…/<ecosystem>-index`, or a sparse index served from the ecosystem's
/// own domain).
fn non_default_source(source: &str) -> Option<String> {
    let ecosystem = Ecosystem::CratesIo.as_str();
    let default = match source.split_once('+') {
        Some(("registry", url)) => url
            .trim_end_matches('/')
            .strip_suffix("-index")
            .is_some_and(|rest| rest.ends_with(ecosystem)),
        Some(("sparse", url)) => url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .is_some_and(|host| {
                host == ecosystem
                    || host
                        .strip_suffix(ecosystem)
                        .is_some_and(|sub| sub.ends_with('.'))
            }),
        _ => false,
    };
    (!default).then(|| source.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_ecosystems_own_index_is_the_default() {
        let name = Ecosystem::CratesIo.as_str();
        let git_default = format!("registry+https://mirror.example/{name}-index");
        let sparse_default = format!("sparse+https://index.{name}/");
        assert_eq!(non_default_source(&git_default), None);
        assert_eq!(non_default_source(&sparse_default), None);
        for other in [
            "registry+https://git.example/company-index",
            "sparse+https://registry.example/private/",
            "git+https://git.example/a/b?rev=1#abc",
        ] {
            assert_eq!(non_default_source(other).as_deref(), Some(other));
        }
    }
}
