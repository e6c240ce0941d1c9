//! `package-lock.json` (lockfile versions 1, 2 and 3) and `npm-shrinkwrap.json`.
//!
//! Versions 2 and 3 list every installed folder under `packages`, keyed by its path
//! (`node_modules/a/node_modules/b`); version 1 nests `dependencies` inside each other. Both
//! become the same list of installed folders, and edges are resolved the way Node resolves
//! `require`: the nearest `node_modules/<name>` walking up from the requiring folder.
//!
//! Links and workspace folders are the project's own code, not packages from a registry, and
//! are left out; the root's and every workspace's dependencies are the direct ones. Version 1
//! does not record the root's dependencies: they come from the `package.json` beside it when
//! the reader has it; otherwise a top-level package nothing else requires must be direct, and
//! one that something else requires is [`Scope::Unknown`].
//!
//! `dev: true` is dev; `devOptional` is not, since an optional dependency of a shipped
//! package may ship too.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use super::lines::{KeyLines, json_key_lines};
use super::manifest::{self, Manifest};
use super::{Ctx, LockfileError, dep, sri_hashes};
use crate::package::{Lockfile, Package, Scope};
use crate::version::Ecosystem;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PackageLock {
    lockfile_version: Option<serde_json::Value>,
    packages: Option<BTreeMap<String, FolderEntry>>,
    dependencies: Option<BTreeMap<String, V1Entry>>,
}

/// An entry of `packages` (v2, v3).
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct FolderEntry {
    name: Option<String>,
    version: Option<String>,
    resolved: Option<String>,
    integrity: Option<String>,
    link: bool,
    dev: bool,
    license: Option<serde_json::Value>,
    has_install_script: bool,
    dependencies: BTreeMap<String, String>,
    optional_dependencies: BTreeMap<String, String>,
    peer_dependencies: BTreeMap<String, String>,
    dev_dependencies: BTreeMap<String, String>,
}

/// An entry of the nested `dependencies` tree (v1).
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct V1Entry {
    version: Option<String>,
    resolved: Option<String>,
    integrity: Option<String>,
    dev: bool,
    requires: BTreeMap<String, String>,
    dependencies: BTreeMap<String, V1Entry>,
}

/// One installed folder, from either layout.
struct Installed {
    /// `node_modules/a/node_modules/b`.
    key: String,
    line: u32,
    name: String,
    version: Option<String>,
    source: Option<String>,
    integrity: Option<String>,
    dev: bool,
    license: Option<String>,
    install_script: bool,
    requires: Vec<String>,
}

pub(crate) fn parse(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let lock: PackageLock = ctx.json(text)?;
    let lines = json_key_lines(text, &[]);
    let mut warnings = Vec::new();
    let mut installed = Vec::new();
    // Folder (root "" or a workspace folder) -> names it depends on directly.
    let mut project_deps: HashMap<String, HashSet<String>> = HashMap::new();
    let v1 = lock.packages.is_none();
    match (lock.packages, lock.dependencies) {
        (Some(packages), _) => {
            for (key, entry) in packages {
                let line = lines.get(&["packages", &key]);
                if !key.is_empty() && !key.contains("node_modules/") {
                    // A workspace folder: the project's own code.
                    project_deps.insert(key, direct_names(&entry));
                    continue;
                }
                if key.is_empty() {
                    project_deps.insert(key, direct_names(&entry));
                    continue;
                }
                if entry.link {
                    continue;
                }
                let install_name = install_name(&key).to_string();
                let mut requires: Vec<String> = entry.dependencies.into_keys().collect();
                requires.extend(entry.optional_dependencies.into_keys());
                requires.extend(entry.peer_dependencies.into_keys());
                let (version, source) = split_version(entry.version, entry.resolved);
                installed.push(Installed {
                    key,
                    line,
                    name: entry.name.unwrap_or(install_name),
                    version,
                    source,
                    integrity: entry.integrity,
                    dev: entry.dev,
                    license: entry.license.as_ref().and_then(license_of),
                    install_script: entry.has_install_script,
                    requires,
                });
            }
        }
        (None, Some(dependencies)) => {
            let mut path = vec!["dependencies".to_string()];
            flatten_v1(&dependencies, "", &mut path, &lines, &mut installed);
        }
        (None, None) => {
            let what = match lock.lockfile_version {
                Some(v) => format!("lockfileVersion {v} but neither `packages` nor `dependencies`"),
                None => "no `lockfileVersion`, `packages` or `dependencies`".to_string(),
            };
            warnings.push((1, format!("nothing installed: {what}")));
        }
    }

    let index: HashMap<&str, usize> = installed
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key.as_str(), i))
        .collect();
    let mut required: HashSet<usize> = HashSet::new();
    let mut packages = Vec::with_capacity(installed.len());
    let top_level_direct: HashSet<&String> = project_deps.values().flatten().collect();
    for entry in &installed {
        let mut package = Package::new(Ecosystem::Npm, entry.name.clone(), entry.version.clone());
        package.line = entry.line;
        package.dev = entry.dev;
        package.source = entry.source.clone();
        package.license = entry.license.clone();
        package.install_script = entry.install_script;
        package.hashes = entry
            .integrity
            .as_deref()
            .map(sri_hashes)
            .unwrap_or_default();
        for name in &entry.requires {
            match resolve(&index, &entry.key, name) {
                Some(i) => {
                    required.insert(i);
                    let target = &installed[i];
                    package
                        .dependencies
                        .push(dep(&target.name, target.version.as_deref()));
                }
                None => package.dependencies.push(dep(name, None)),
            }
        }
        let (parent, name) = split_key(&entry.key);
        package.scope = if v1 {
            if parent.is_empty() {
                Scope::Unknown
            } else {
                Scope::Transitive
            }
        } else {
            let is_direct = if parent.is_empty() {
                top_level_direct.contains(&name.to_string())
            } else {
                project_deps
                    .get(parent)
                    .is_some_and(|names| names.contains(name))
            };
            if is_direct {
                Scope::Direct
            } else {
                Scope::Transitive
            }
        };
        packages.push(package);
    }
    if v1 {
        match manifest::package_json(ctx) {
            Manifest::Read(roots) => {
                let names: HashSet<&str> = roots
                    .runtime
                    .iter()
                    .chain(&roots.dev)
                    .map(|(n, _)| n.as_str())
                    .collect();
                for (entry, package) in installed.iter().zip(&mut packages) {
                    let (parent, name) = split_key(&entry.key);
                    if parent.is_empty() {
                        package.scope = if names.contains(name) {
                            Scope::Direct
                        } else {
                            Scope::Transitive
                        };
                    }
                }
            }
            other => {
                if let Manifest::Broken(why) = other {
                    warnings.push((1, why));
                }
                for (i, (entry, package)) in installed.iter().zip(&mut packages).enumerate() {
                    if split_key(&entry.key).0.is_empty() && !required.contains(&i) {
                        package.scope = Scope::Direct;
                    }
                }
            }
        }
    }
    packages.sort_by_key(|p| p.line);
    Ok(ctx.lockfile(packages, warnings))
}

fn direct_names(entry: &FolderEntry) -> HashSet<String> {
    entry
        .dependencies
        .keys()
        .chain(entry.dev_dependencies.keys())
        .chain(entry.optional_dependencies.keys())
        .chain(entry.peer_dependencies.keys())
        .cloned()
        .collect()
}

/// Walks the v1 tree depth first, giving each entry its v2-style folder key.
fn flatten_v1(
    deps: &BTreeMap<String, V1Entry>,
    parent_key: &str,
    path: &mut Vec<String>,
    lines: &KeyLines,
    out: &mut Vec<Installed>,
) {
    for (name, entry) in deps {
        let key = if parent_key.is_empty() {
            format!("node_modules/{name}")
        } else {
            format!("{parent_key}/node_modules/{name}")
        };
        path.push(name.clone());
        let segments: Vec<&str> = path.iter().map(String::as_str).collect();
        let line = lines.get(&segments);
        let mut real_name = name.clone();
        let mut version = entry.version.clone();
        // Aliases: "my-lodash": {"version": "npm:lodash@4.17.21"}.
        if let Some(alias) = version.as_deref().and_then(|v| v.strip_prefix("npm:"))
            && let Some((n, v)) = split_name_at_version(alias)
        {
            real_name = n.to_string();
            version = Some(v.to_string());
        }
        let (version, source) = split_version(version, entry.resolved.clone());
        out.push(Installed {
            key: key.clone(),
            line,
            name: real_name,
            version,
            source,
            integrity: entry.integrity.clone(),
            dev: entry.dev,
            license: None,
            install_script: false,
            requires: entry.requires.keys().cloned().collect(),
        });
        if !entry.dependencies.is_empty() {
            path.push("dependencies".to_string());
            flatten_v1(&entry.dependencies, &key, path, lines, out);
            path.pop();
        }
        path.pop();
    }
}

/// Splits `name@version`, where the name may be scoped (`@babel/core@7.0.0`).
pub(crate) fn split_name_at_version(s: &str) -> Option<(&str, &str)> {
    let at = s.get(1..)?.find('@')? + 1;
    Some((&s[..at], &s[at + 1..]))
}

/// A version that is really a git URL, tarball or path is a source, not a version; a
/// `resolved` registry tarball (`…/-/name-1.0.0.tgz`) is the default and not recorded.
fn split_version(
    version: Option<String>,
    resolved: Option<String>,
) -> (Option<String>, Option<String>) {
    let non_registry = |r: &str| {
        let registry_tarball =
            (r.starts_with("https://") || r.starts_with("http://")) && r.contains("/-/");
        !registry_tarball
    };
    match version {
        Some(v) if v.contains(':') || v.contains('/') => (None, Some(v)),
        v => (v, resolved.filter(|r| non_registry(r))),
    }
}

fn license_of(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        serde_json::Value::Object(o) => o.get("type")?.as_str().map(str::to_string),
        _ => None,
    }
}

/// The folder name a key installs (`@scope/name` or `name`).
fn install_name(key: &str) -> &str {
    split_key(key).1
}

/// `node_modules/a/node_modules/@s/b` -> (`node_modules/a`, `@s/b`).
fn split_key(key: &str) -> (&str, &str) {
    match key.rfind("node_modules/") {
        Some(i) => (
            key[..i].trim_end_matches('/'),
            &key[i + "node_modules/".len()..],
        ),
        None => ("", key),
    }
}

/// Node's resolution: `<folder>/node_modules/<name>`, then each enclosing folder's.
fn resolve(index: &HashMap<&str, usize>, from: &str, name: &str) -> Option<usize> {
    let mut base = from;
    loop {
        let candidate = if base.is_empty() {
            format!("node_modules/{name}")
        } else {
            format!("{base}/node_modules/{name}")
        };
        if let Some(&i) = index.get(candidate.as_str()) {
            return Some(i);
        }
        if base.is_empty() {
            return None;
        }
        base = if base.contains("node_modules/") {
            split_key(base).0
        } else {
            ""
        };
    }
}
