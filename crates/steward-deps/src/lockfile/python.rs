//! Python lockfiles: `poetry.lock`, `uv.lock` and `Pipfile.lock`.
//!
//! Poetry marks dev packages with `category = "dev"` (before 1.5) or by their `groups` (2.x);
//! its hashes are in `files` or, in old lockfiles, `[metadata.files]`. uv records the project
//! itself as a package with an `editable` or `virtual` source: it is left out and its
//! dependencies (and `dev-dependencies` groups, which make what only they reach dev) are the
//! roots. Pipfile.lock splits `default` from `develop`.
//!
//! poetry.lock and Pipfile.lock do not say which packages the project asked for; the
//! `pyproject.toml` or `Pipfile` beside them does, when the reader has it (otherwise
//! [`Scope::Unknown`](crate::Scope::Unknown)).

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use toml::Spanned;

use super::lines::json_key_lines;
use super::manifest::{self, Manifest};
use super::{
    Ctx, LineStarts, LockfileError, dep, mark_from_roots, pep503, prefixed_hex_hash,
    resolve_unique_versions, scope_from_manifest,
};
use crate::package::{Hash, Lockfile, Package};
use crate::version::Ecosystem;

#[derive(Deserialize)]
struct PoetryLock {
    #[serde(default)]
    package: Vec<PoetryPackage>,
    #[serde(default)]
    metadata: PoetryMetadata,
}

#[derive(Deserialize, Default)]
struct PoetryMetadata {
    #[serde(default)]
    files: BTreeMap<String, Vec<PoetryFile>>,
}

#[derive(Deserialize)]
struct PoetryPackage {
    name: Spanned<String>,
    version: String,
    category: Option<String>,
    groups: Option<Vec<String>>,
    #[serde(default)]
    dependencies: BTreeMap<String, toml::Value>,
    #[serde(default)]
    files: Vec<PoetryFile>,
    source: Option<PoetrySource>,
}

#[derive(Deserialize)]
struct PoetryFile {
    hash: String,
}

#[derive(Deserialize)]
struct PoetrySource {
    #[serde(rename = "type")]
    kind: Option<String>,
    url: Option<String>,
    resolved_reference: Option<String>,
}

pub(crate) fn parse_poetry(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let lock: PoetryLock = ctx.toml(text)?;
    let starts = LineStarts::new(text);
    let old_files: HashMap<String, &Vec<PoetryFile>> = lock
        .metadata
        .files
        .iter()
        .map(|(name, files)| (pep503(name), files))
        .collect();
    let mut packages = Vec::with_capacity(lock.package.len());
    for p in &lock.package {
        let name = p.name.get_ref();
        let mut package = Package::new(Ecosystem::PyPI, name.clone(), Some(p.version.clone()));
        package.line = starts.line(p.name.span().start);
        package.dev = match (&p.category, &p.groups) {
            (_, Some(groups)) => !groups.iter().any(|g| g == "main"),
            (Some(category), None) => category == "dev",
            (None, None) => false,
        };
        let files = if p.files.is_empty() {
            old_files
                .get(&pep503(name))
                .map(|f| f.as_slice())
                .unwrap_or(&[])
        } else {
            p.files.as_slice()
        };
        package.hashes = file_hashes(files.iter().map(|f| f.hash.as_str()));
        package.source = p.source.as_ref().and_then(|s| {
            let url = s.url.clone()?;
            Some(match (s.kind.as_deref(), &s.resolved_reference) {
                (Some("git"), Some(rev)) => format!("git+{url}@{rev}"),
                (Some("git"), None) => format!("git+{url}"),
                _ => url,
            })
        });
        package.dependencies = p.dependencies.keys().map(|d| dep(d, None)).collect();
        packages.push(package);
    }
    canonical_edge_names(&mut packages);
    resolve_unique_versions(&mut packages, pep503);
    // Lock format 2.0 (Poetry 1.5 to 1.8) records neither category nor groups: then what only
    // the pyproject's dev groups reach is dev.
    let records_dev = lock
        .package
        .iter()
        .any(|p| p.category.is_some() || p.groups.is_some());
    let manifest = manifest::pyproject(ctx);
    let warnings = match (&manifest, records_dev) {
        (Manifest::Read(roots), false) => {
            let by_name = |names: &[(String, String)]| -> Vec<(String, Option<String>)> {
                names.iter().map(|(n, _)| (n.clone(), None)).collect()
            };
            mark_from_roots(
                &mut packages,
                &by_name(&roots.runtime),
                &by_name(&roots.dev),
                pep503,
            );
            Vec::new()
        }
        _ => apply_manifest(&mut packages, manifest),
    };
    Ok(ctx.lockfile(packages, warnings))
}

/// Scope from the manifest beside the lockfile, when there is one.
fn apply_manifest(packages: &mut [Package], manifest: Manifest) -> Vec<(u32, String)> {
    match manifest {
        Manifest::Read(roots) => {
            scope_from_manifest(packages, &roots, pep503);
            Vec::new()
        }
        Manifest::Broken(why) => vec![(1, why)],
        Manifest::Absent => Vec::new(),
    }
}

/// Dependency tables name packages in whatever case the requirer wrote; use the name the
/// package itself is locked under.
fn canonical_edge_names(packages: &mut [Package]) {
    let names: HashMap<String, String> = packages
        .iter()
        .map(|p| (pep503(&p.name), p.name.clone()))
        .collect();
    for p in packages.iter_mut() {
        for d in &mut p.dependencies {
            if let Some(name) = names.get(&pep503(&d.name)) {
                d.name = name.clone();
            }
        }
    }
}

/// `sha256:…` digests, each once.
fn file_hashes<'a>(digests: impl Iterator<Item = &'a str>) -> Vec<Hash> {
    let mut hashes: Vec<Hash> = Vec::new();
    for h in digests.filter_map(prefixed_hex_hash) {
        if !hashes.contains(&h) {
            hashes.push(h);
        }
    }
    hashes
}

#[derive(Deserialize)]
struct UvLock {
    #[serde(default)]
    package: Vec<UvPackage>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct UvPackage {
    name: Spanned<String>,
    version: Option<String>,
    source: Option<BTreeMap<String, toml::Value>>,
    #[serde(default)]
    dependencies: Vec<UvDependency>,
    #[serde(default)]
    optional_dependencies: BTreeMap<String, Vec<UvDependency>>,
    #[serde(default)]
    dev_dependencies: BTreeMap<String, Vec<UvDependency>>,
    sdist: Option<UvArtifact>,
    #[serde(default)]
    wheels: Vec<UvArtifact>,
}

#[derive(Deserialize)]
struct UvDependency {
    name: String,
    version: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct UvArtifact {
    hash: Option<String>,
    /// When the file was uploaded to the index (uv writes it since 0.6.15).
    upload_time: Option<String>,
}

pub(crate) fn parse_uv(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let lock: UvLock = ctx.toml(text)?;
    let starts = LineStarts::new(text);
    let mut packages = Vec::with_capacity(lock.package.len());
    let mut runtime_roots = Vec::new();
    let mut dev_roots = Vec::new();
    let root = |d: &UvDependency| (d.name.clone(), d.version.clone());
    for p in &lock.package {
        let source = p.source.as_ref();
        let is_project =
            source.is_some_and(|s| s.contains_key("editable") || s.contains_key("virtual"));
        if is_project {
            runtime_roots.extend(p.dependencies.iter().map(root));
            runtime_roots.extend(p.optional_dependencies.values().flatten().map(root));
            dev_roots.extend(p.dev_dependencies.values().flatten().map(root));
            continue;
        }
        let mut package =
            Package::new(Ecosystem::PyPI, p.name.get_ref().clone(), p.version.clone());
        package.line = starts.line(p.name.span().start);
        package.source = source.and_then(uv_source);
        let digests = p
            .sdist
            .iter()
            .chain(&p.wheels)
            .filter_map(|a| a.hash.as_deref());
        package.hashes = file_hashes(digests);
        // The release is as old as its first file (later wheels are added to a release).
        package.published = p
            .sdist
            .iter()
            .chain(&p.wheels)
            .filter_map(|a| a.upload_time.as_deref())
            .filter_map(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .min()
            .map(|t| {
                t.with_timezone(&chrono::Utc)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            });
        package.dependencies = p
            .dependencies
            .iter()
            .chain(p.optional_dependencies.values().flatten())
            .map(|d| dep(&d.name, d.version.as_deref()))
            .collect();
        packages.push(package);
    }
    canonical_edge_names(&mut packages);
    resolve_unique_versions(&mut packages, pep503);
    mark_from_roots(&mut packages, &runtime_roots, &dev_roots, pep503);
    Ok(ctx.lockfile(packages, Vec::new()))
}

/// Non-registry sources: `git = "url?rev=…#sha"`, `path`, `directory`, `url`.
fn uv_source(source: &BTreeMap<String, toml::Value>) -> Option<String> {
    if source.contains_key("registry") {
        return None;
    }
    for key in ["git", "url", "path", "directory"] {
        if let Some(value) = source.get(key).and_then(toml::Value::as_str) {
            return Some(if key == "git" {
                format!("git+{value}")
            } else {
                value.to_string()
            });
        }
    }
    None
}

#[derive(Deserialize)]
struct PipfileLock {
    #[serde(default)]
    default: BTreeMap<String, PipfileEntry>,
    #[serde(default)]
    develop: BTreeMap<String, PipfileEntry>,
}

#[derive(Deserialize)]
struct PipfileEntry {
    version: Option<String>,
    #[serde(default)]
    hashes: Vec<String>,
    git: Option<String>,
    #[serde(rename = "ref")]
    git_ref: Option<String>,
    path: Option<String>,
    file: Option<String>,
}

pub(crate) fn parse_pipfile(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let lock: PipfileLock = ctx.json(text)?;
    let lines = json_key_lines(text, &[]);
    let mut packages = Vec::new();
    let mut warnings = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (section, dev) in [("default", false), ("develop", true)] {
        let entries = if dev { &lock.develop } else { &lock.default };
        for (name, entry) in entries {
            let line = lines.get(&[section, name]);
            let version = entry
                .version
                .as_deref()
                .map(|v| v.trim_start_matches("==").to_string());
            let source = match (&entry.git, &entry.git_ref) {
                (Some(git), Some(r)) => Some(format!("git+{git}@{r}")),
                (Some(git), None) => Some(format!("git+{git}")),
                _ => entry.file.clone(),
            };
            if version.is_none() && source.is_none() {
                let what = entry.path.as_deref().unwrap_or("no version");
                warnings.push((
                    line,
                    format!("`{name}` ({what}) is not checked against advisories"),
                ));
                continue;
            }
            if let Some(&i) = seen.get(&pep503(name)) {
                // In both sections: it ships.
                let existing: &mut Package = &mut packages[i];
                if existing.version == version {
                    continue;
                }
            }
            let mut package = Package::new(Ecosystem::PyPI, name.clone(), version);
            package.line = line;
            package.dev = dev;
            package.source = source;
            package.hashes = file_hashes(entry.hashes.iter().map(String::as_str));
            seen.insert(pep503(name), packages.len());
            packages.push(package);
        }
    }
    packages.sort_by_key(|p| p.line);
    warnings.extend(apply_manifest(&mut packages, manifest::pipfile(ctx)));
    Ok(ctx.lockfile(packages, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uv_sources() {
        let s: BTreeMap<String, toml::Value> =
            toml::from_str("git = \"https://git.example/x.git?rev=main#abc\"").unwrap();
        assert_eq!(
            uv_source(&s).as_deref(),
            Some("git+https://git.example/x.git?rev=main#abc")
        );
        let s: BTreeMap<String, toml::Value> =
            toml::from_str("registry = \"https://index.example/simple\"").unwrap();
        assert_eq!(uv_source(&s), None);
    }
}
