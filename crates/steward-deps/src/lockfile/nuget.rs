//! NuGet `packages.lock.json`.
//!
//! Packages are listed per target framework; a package locked for several frameworks is
//! reported once, direct if it is direct for any of them, at its first line. `Project`
//! entries are other projects of the same solution, not packages. `contentHash` is the
//! base64 SHA-512 of the `.nupkg`.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::lines::json_key_lines;
use super::{Ctx, LockfileError, base64_to_hex, dep};
use crate::package::{Hash, Lockfile, Package, Scope};
use crate::version::Ecosystem;

#[derive(Deserialize)]
struct NugetLock {
    #[serde(default)]
    dependencies: BTreeMap<String, BTreeMap<String, NugetEntry>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NugetEntry {
    #[serde(rename = "type")]
    kind: Option<String>,
    resolved: Option<String>,
    content_hash: Option<String>,
    #[serde(default)]
    dependencies: BTreeMap<String, String>,
}

pub(crate) fn parse(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let lock: NugetLock = ctx.json(text)?;
    let lines = json_key_lines(text, &[]);
    let mut packages: Vec<Package> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for (framework, entries) in &lock.dependencies {
        for (name, entry) in entries {
            if entry.kind.as_deref() == Some("Project") {
                continue;
            }
            let line = lines.get(&["dependencies", framework, name]);
            let Some(version) = entry.resolved.clone() else {
                return Err(ctx.invalid(
                    Some(line).filter(|l| *l > 0),
                    format!("`{name}` for {framework} has no `resolved` version"),
                ));
            };
            let direct = entry.kind.as_deref() == Some("Direct");
            let key = (name.to_ascii_lowercase(), version.clone());
            let i = match index.get(&key) {
                Some(&i) => i,
                None => {
                    let mut package = Package::new(Ecosystem::NuGet, name.clone(), Some(version));
                    package.line = line;
                    package.scope = Scope::Transitive;
                    if let Some(hex) = entry.content_hash.as_deref().and_then(base64_to_hex) {
                        package.hashes.push(Hash {
                            alg: "SHA-512",
                            hex,
                        });
                    }
                    index.insert(key, packages.len());
                    packages.push(package);
                    packages.len() - 1
                }
            };
            let package = &mut packages[i];
            if direct {
                package.scope = Scope::Direct;
            }
            if line > 0 && (package.line == 0 || line < package.line) {
                package.line = line;
            }
            // An edge's value is a minimum (`1.0.0` means `>= 1.0.0`); the version is the one
            // locked under that name, filled in below.
            for dep_name in entry.dependencies.keys() {
                let edge = dep(dep_name, None);
                if !package.dependencies.contains(&edge) {
                    package.dependencies.push(edge);
                }
            }
        }
    }
    // Edges: the version locked under the same name (NuGet locks one version per framework).
    let versions: HashMap<String, String> = packages
        .iter()
        .filter_map(|p| Some((p.name.to_ascii_lowercase(), p.version.clone()?)))
        .collect();
    for p in &mut packages {
        for d in &mut p.dependencies {
            d.version = versions.get(&d.name.to_ascii_lowercase()).cloned();
        }
    }
    packages.sort_by_key(|p| p.line);
    Ok(ctx.lockfile(packages, Vec::new()))
}
