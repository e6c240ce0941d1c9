//! `Cargo.lock`, versions 1 to 4.
//!
//! Packages without a `source` are the workspace's own crates (members and path
//! dependencies): they are left out, and what they depend on is [`Scope::Direct`]. Version 1
//! keeps checksums in `[metadata]` as `"checksum NAME VERSION (SOURCE)" = "HEX"`; later
//! versions put `checksum` on the package.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::{Ctx, LineStarts, LockfileError, dep, exact_name, hex_hash, resolve_unique_versions};
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
    let mut packages = Vec::new();
    for p in &lock.package {
        let edges: Vec<_> = p.dependencies.iter().map(|d| parse_edge(d)).collect();
        if p.source.is_none() {
            for (name, version) in edges {
                direct.insert((name.to_string(), version.map(str::to_string)));
            }
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
    for p in &mut packages {
        if direct.contains(&(p.name.clone(), None))
            || direct.contains(&(p.name.clone(), p.version.clone()))
        {
            p.scope = Scope::Direct;
        }
    }
    Ok(ctx.lockfile(packages, Vec::new()))
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
