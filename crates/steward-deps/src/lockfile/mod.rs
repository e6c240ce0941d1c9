//! Lockfile and manifest parsers: each turns one file's text into a [`Lockfile`].
//!
//! [`detect`] names the format from a file name, [`parse`] reads a file's text, and
//! [`parse_with`] also follows the includes a format allows (`-r`/`-c` in requirements files)
//! through a reader the caller supplies, so this module never touches the file system.
//!
//! # What every parser reports
//!
//! - **Line**: the 1-based line that names the package — the `name = "serde"` line of a TOML
//!   `[[package]]` table, the `"node_modules/lodash": {` key of a JSON or YAML entry, the
//!   requirement line itself, the `<artifactId>` of a Maven dependency. JSON and YAML lines
//!   come from one linear scan of the text, so a 5,000-package file costs two
//!   passes, not one rescan per package.
//! - **Scope**: [`Scope::Direct`] and [`Scope::Transitive`] where the file records which
//!   packages the project asked for, or the manifest beside it does (`package.json`,
//!   `pyproject.toml`, `composer.json`, `Pipfile`, read through [`parse_with`]'s reader);
//!   [`Scope::Unknown`] where neither does (`go.sum`, `gradle.lockfile`, and a classic
//!   `yarn.lock`, `poetry.lock`, `composer.lock` or `Pipfile.lock` without its manifest).
//! - **The project itself is not a package.** Cargo workspace members (packages without a
//!   `source`), npm/yarn/pnpm workspaces and links, uv's editable or virtual project, NuGet
//!   `Project` entries and a Gemfile's own `PATH` gem are left out; their dependencies are the
//!   direct ones.
//! - **Hashes** only when they are digests of the package archive: npm/yarn/pnpm
//!   `integrity` (SRI base64, or the SHA-1 in a classic yarn `resolved` URL), Cargo
//!   `checksum`, pip `--hash`, poetry/uv/Pipfile file hashes, Bundler `CHECKSUMS`, composer
//!   `dist.shasum`, NuGet `contentHash`. Yarn berry's `checksum` (of its own cache zip) and
//!   go.sum's `h1:` (of a file tree) are not, and are left out.
//!
//! A malformed file is a [`LockfileError`] that names the file, the line when known, and
//! what is wrong; no input makes a parser panic.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;

use base64::Engine as _;

use crate::package::{Dependency, Hash, Lockfile, LockfileKind, Package, Scope};

mod cargo;
mod composer;
mod go;
mod lines;
mod manifest;
mod maven;
mod npm;
mod nuget;
mod pnpm;
mod python;
mod requirements;
mod ruby;
mod yarn;

/// A file that could not be read as the format it was named as.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LockfileError {
    /// The file, relative to the scanned root.
    pub path: String,
    /// 1-based line of the problem, when the format's parser knows it.
    pub line: Option<u32>,
    /// What is wrong, naming the format (`not a valid package-lock.json: …`).
    pub message: String,
}

impl fmt::Display for LockfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// The format of a lockfile or manifest, from its name.
///
/// `file_name` is a bare name or a relative path with `/` separators; a path lets
/// `requirements/base.txt` be recognised by its directory. Requirements files are
/// `requirements*.txt`, `*-requirements.txt`, `*_requirements.txt`, `constraints.txt` and any
/// `.txt` directly inside a `requirements/` directory. Gradle lockfiles are `gradle.lockfile`,
/// `buildscript-gradle.lockfile` and (before Gradle 6) `dependency-locks/*.lockfile`.
pub fn detect(file_name: &str) -> Option<LockfileKind> {
    let file_name = file_name.trim_end_matches('/');
    let (dir, name) = match file_name.rsplit_once('/') {
        Some((dir, name)) => (dir, name),
        None => ("", file_name),
    };
    let kind = match name {
        "Cargo.lock" => LockfileKind::CargoLock,
        "package-lock.json" => LockfileKind::PackageLockJson,
        "npm-shrinkwrap.json" => LockfileKind::NpmShrinkwrap,
        "yarn.lock" => LockfileKind::YarnLock,
        "pnpm-lock.yaml" => LockfileKind::PnpmLock,
        "poetry.lock" => LockfileKind::PoetryLock,
        "uv.lock" => LockfileKind::UvLock,
        "Pipfile.lock" => LockfileKind::PipfileLock,
        "go.mod" => LockfileKind::GoMod,
        "go.sum" => LockfileKind::GoSum,
        "pom.xml" => LockfileKind::PomXml,
        "gradle.lockfile" | "buildscript-gradle.lockfile" => LockfileKind::GradleLockfile,
        "Gemfile.lock" | "gems.locked" => LockfileKind::GemfileLock,
        "composer.lock" => LockfileKind::ComposerLock,
        "packages.lock.json" => LockfileKind::NugetPackagesLock,
        "constraints.txt" => LockfileKind::Requirements,
        // Gradle before 6 kept one lockfile per configuration.
        _ if name.ends_with(".lockfile") && dir.ends_with("dependency-locks") => {
            LockfileKind::GradleLockfile
        }
        _ => {
            let stem = name.strip_suffix(".txt")?;
            let in_requirements_dir = dir.rsplit('/').next() == Some("requirements");
            if stem.starts_with("requirements")
                || stem.ends_with("-requirements")
                || stem.ends_with("_requirements")
                || in_requirements_dir
            {
                LockfileKind::Requirements
            } else {
                return None;
            }
        }
    };
    Some(kind)
}

/// Parses `text`, the contents of the file at `rel_path` (relative to the scanned root, `/`
/// separators), as `kind`. Includes are not followed; see [`parse_with`].
pub fn parse(kind: LockfileKind, rel_path: &str, text: &str) -> Result<Lockfile, LockfileError> {
    parse_with(kind, rel_path, text, &|_| None)
}

/// Like [`parse`], following a requirements file's `-r`/`-c` includes through `read`.
///
/// `read` gets the included file's path relative to the scanned root (the include as written,
/// joined to the directory of the file that names it and normalised, `/` separators) and
/// returns its text, or `None` when it cannot be read — which becomes a warning, not an error.
/// A file included twice, or including itself, is read once.
pub fn parse_with(
    kind: LockfileKind,
    rel_path: &str,
    text: &str,
    read: &dyn Fn(&str) -> Option<String>,
) -> Result<Lockfile, LockfileError> {
    parse_in_tree(kind, rel_path, text, read, &|_| Vec::new())
}

/// Like [`parse_with`], for formats whose manifests name other files by glob: `list` gets a
/// directory relative to the scanned root (`""` for the root) and returns the paths of the
/// tree's files under it, relative to the root. A Cargo workspace's `members = ["crates/*"]`
/// is expanded through it, so that each member's `[dev-dependencies]` are known.
pub fn parse_in_tree(
    kind: LockfileKind,
    rel_path: &str,
    text: &str,
    read: &dyn Fn(&str) -> Option<String>,
    list: &dyn Fn(&str) -> Vec<String>,
) -> Result<Lockfile, LockfileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let ctx = Ctx {
        path: rel_path,
        kind,
        read,
        list,
    };
    let mut lockfile = match kind {
        LockfileKind::CargoLock => cargo::parse(&ctx, text),
        LockfileKind::PackageLockJson | LockfileKind::NpmShrinkwrap => npm::parse(&ctx, text),
        LockfileKind::YarnLock => yarn::parse(&ctx, text),
        LockfileKind::PnpmLock => pnpm::parse(&ctx, text),
        LockfileKind::Requirements => requirements::parse(&ctx, text, read),
        LockfileKind::PoetryLock => python::parse_poetry(&ctx, text),
        LockfileKind::UvLock => python::parse_uv(&ctx, text),
        LockfileKind::PipfileLock => python::parse_pipfile(&ctx, text),
        LockfileKind::GoMod => go::parse_mod(&ctx, text),
        LockfileKind::GoSum => go::parse_sum(&ctx, text),
        LockfileKind::PomXml => maven::parse_pom(&ctx, text),
        LockfileKind::GradleLockfile => maven::parse_gradle(&ctx, text),
        LockfileKind::GemfileLock => ruby::parse(&ctx, text),
        LockfileKind::ComposerLock => composer::parse(&ctx, text),
        LockfileKind::NugetPackagesLock => nuget::parse(&ctx, text),
    }?;
    lockfile.warnings.sort_by_key(|(line, _)| *line);
    Ok(lockfile)
}

/// The file being parsed, for errors and the result, and the caller's reader for the files
/// beside it.
pub(crate) struct Ctx<'a> {
    pub path: &'a str,
    pub kind: LockfileKind,
    pub read: &'a dyn Fn(&str) -> Option<String>,
    pub list: &'a dyn Fn(&str) -> Vec<String>,
}

impl Ctx<'_> {
    /// The text of `name` in the same directory as the file being parsed, if the reader has it.
    pub fn sibling(&self, name: &str) -> Option<(String, String)> {
        let path = match self.path.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{name}"),
            None => name.to_string(),
        };
        let text = (self.read)(&path)?;
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text);
        Some((path, text))
    }

    /// An error at `line` (when known).
    pub fn error(&self, line: Option<u32>, message: impl Into<String>) -> LockfileError {
        LockfileError {
            path: self.path.to_string(),
            line,
            message: message.into(),
        }
    }

    /// An error for a file that is not valid `self.kind`, with `what` the parser's complaint.
    pub fn invalid(&self, line: Option<u32>, what: impl fmt::Display) -> LockfileError {
        self.error(line, format!("not a valid {}: {what}", self.kind.as_str()))
    }

    /// `text` as JSON, or an error with serde's line and complaint.
    pub fn json<'de, T: serde::Deserialize<'de>>(
        &self,
        text: &'de str,
    ) -> Result<T, LockfileError> {
        serde_json::from_str(text).map_err(|e| {
            let line = u32::try_from(e.line()).ok().filter(|l| *l > 0);
            self.invalid(line, strip_json_position(&e.to_string()))
        })
    }

    /// `text` as TOML, or an error with the line of the parser's span.
    pub fn toml<T: serde::de::DeserializeOwned>(&self, text: &str) -> Result<T, LockfileError> {
        toml::from_str(text).map_err(|e| {
            let line = e.span().map(|span| line_at(text, span.start));
            self.invalid(line, e.message().trim_end())
        })
    }

    /// `text` as YAML, with budgets sized for lockfiles, or an error with its line.
    pub fn yaml<T: serde::de::DeserializeOwned>(&self, text: &str) -> Result<T, LockfileError> {
        let mut budget = serde_saphyr::Budget::default();
        // Monorepo lockfiles are far bigger than the configuration files the defaults are for.
        budget.max_events = 50_000_000;
        budget.max_nodes = 20_000_000;
        budget.max_total_scalar_bytes = 1 << 30;
        let mut options = serde_saphyr::Options::default();
        options.budget = Some(budget);
        serde_saphyr::from_str_with_options(text, options).map_err(|e| {
            let line = e
                .location()
                .and_then(|l| u32::try_from(l.line()).ok())
                .filter(|l| *l > 0);
            let message = e.without_snippet().to_string();
            let first = message
                .lines()
                .next()
                .unwrap_or("malformed YAML")
                .to_string();
            self.invalid(line, first)
        })
    }

    /// The result for this file.
    pub fn lockfile(&self, packages: Vec<Package>, warnings: Vec<(u32, String)>) -> Lockfile {
        Lockfile {
            path: self.path.to_string(),
            kind: self.kind,
            packages,
            warnings,
        }
    }
}

/// serde_json appends " at line L column C"; the error already carries the line.
fn strip_json_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The 1-based line of byte `offset` in `text`.
pub(crate) fn line_at(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    let count = text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    u32::try_from(count + 1).unwrap_or(u32::MAX)
}

/// Byte offsets to 1-based lines, for formats whose parser reports spans (TOML).
pub(crate) struct LineStarts(Vec<usize>);

impl LineStarts {
    pub fn new(text: &str) -> LineStarts {
        let mut starts = vec![0];
        starts.extend(newline_ends(text));
        LineStarts(starts)
    }

    pub fn line(&self, offset: usize) -> u32 {
        let i = match self.0.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        u32::try_from(i + 1).unwrap_or(u32::MAX)
    }
}

fn newline_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i + 1)
}

/// `sha512-<base64>` (several separated by spaces, as SRI allows) to hashes.
pub(crate) fn sri_hashes(integrity: &str) -> Vec<Hash> {
    integrity
        .split_whitespace()
        .filter_map(|sri| {
            let (alg, b64) = sri.split_once('-')?;
            let alg = match alg {
                "sha1" => "SHA-1",
                "sha256" => "SHA-256",
                "sha384" => "SHA-384",
                "sha512" => "SHA-512",
                "md5" => "MD5",
                _ => return None,
            };
            // SRI allows `?options` after the digest.
            let b64 = b64.split('?').next().unwrap_or(b64);
            Some(Hash {
                alg,
                hex: base64_to_hex(b64)?,
            })
        })
        .collect()
}

/// Standard base64 (padded or not) to lower-case hex.
pub(crate) fn base64_to_hex(b64: &str) -> Option<String> {
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    engine.decode(b64.trim()).ok().map(hex::encode)
}

/// A `alg:hex` digest (`sha256:ab12…`) as written by pip, poetry and uv.
pub(crate) fn prefixed_hex_hash(digest: &str) -> Option<Hash> {
    let (alg, hex) = digest.trim().split_once([':', '='])?;
    let alg = match alg.to_ascii_lowercase().as_str() {
        "sha1" => "SHA-1",
        "sha256" => "SHA-256",
        "sha384" => "SHA-384",
        "sha512" => "SHA-512",
        "md5" => "MD5",
        _ => return None,
    };
    hex_hash(alg, hex)
}

/// A hex digest, checked and lower-cased.
pub(crate) fn hex_hash(alg: &'static str, hex: &str) -> Option<Hash> {
    let hex = hex.trim();
    if hex.is_empty() || !hex.len().is_multiple_of(2) || !hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return None;
    }
    Some(Hash {
        alg,
        hex: hex.to_ascii_lowercase(),
    })
}

/// Fills in [`Dependency::version`] for edges whose name has exactly one package in the file.
pub(crate) fn resolve_unique_versions(packages: &mut [Package], normalise: fn(&str) -> String) {
    let mut versions: HashMap<String, Option<&str>> = HashMap::new();
    for p in packages.iter() {
        let Some(v) = p.version.as_deref() else {
            continue;
        };
        versions
            .entry(normalise(&p.name))
            .and_modify(|seen| {
                if *seen != Some(v) {
                    *seen = None;
                }
            })
            .or_insert(Some(v));
    }
    let versions: HashMap<String, String> = versions
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?.to_string())))
        .collect();
    for p in packages.iter_mut() {
        for d in &mut p.dependencies {
            if d.version.is_none() {
                d.version = versions.get(&normalise(&d.name)).cloned();
            }
        }
    }
}

/// Names as they are; for ecosystems whose names are exact.
pub(crate) fn exact_name(name: &str) -> String {
    name.to_string()
}

/// PEP 503 normalisation: lower case, runs of `-`, `_`, `.` become one `-`.
pub(crate) fn pep503(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
        } else {
            if sep && !out.is_empty() {
                out.push('-');
            }
            sep = false;
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// Sets scope and dev from the project's own dependency lists, for formats that record the
/// roots (pnpm importers, uv's project entries) but not each package's dev flag.
///
/// A root is a (normalised name, version) pair; a package is [`Scope::Direct`] when it is a
/// root, [`Scope::Transitive`] otherwise; it is dev when no runtime root reaches it and a dev
/// root does. Edges are followed by name and, when the edge records it, version.
pub(crate) fn mark_from_roots(
    packages: &mut [Package],
    runtime_roots: &[(String, Option<String>)],
    dev_roots: &[(String, Option<String>)],
    normalise: fn(&str) -> String,
) {
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in packages.iter().enumerate() {
        by_name.entry(normalise(&p.name)).or_default().push(i);
    }
    let find = |name: &str, version: Option<&str>| -> Vec<usize> {
        let Some(candidates) = by_name.get(&normalise(name)) else {
            return Vec::new();
        };
        match version {
            Some(v) => {
                let exact: Vec<usize> = candidates
                    .iter()
                    .copied()
                    .filter(|&i| packages[i].version.as_deref() == Some(v))
                    .collect();
                if exact.is_empty() {
                    candidates.clone()
                } else {
                    exact
                }
            }
            None => candidates.clone(),
        }
    };
    let reach = |roots: &[(String, Option<String>)]| -> Vec<bool> {
        let mut seen = vec![false; packages.len()];
        let mut queue = VecDeque::new();
        for (name, version) in roots {
            for i in find(name, version.as_deref()) {
                if !seen[i] {
                    seen[i] = true;
                    queue.push_back(i);
                }
            }
        }
        while let Some(i) = queue.pop_front() {
            for d in &packages[i].dependencies {
                for j in find(&d.name, d.version.as_deref()) {
                    if !seen[j] {
                        seen[j] = true;
                        queue.push_back(j);
                    }
                }
            }
        }
        seen
    };
    let runtime = reach(runtime_roots);
    let dev = reach(dev_roots);
    let mut direct = HashSet::new();
    for (name, version) in runtime_roots.iter().chain(dev_roots) {
        direct.extend(find(name, version.as_deref()));
    }
    for (i, p) in packages.iter_mut().enumerate() {
        p.scope = if direct.contains(&i) {
            Scope::Direct
        } else {
            Scope::Transitive
        };
        p.dev = dev[i] && !runtime[i];
    }
}

/// Sets scope from the names a manifest beside the lockfile asks for, keeping the lockfile's
/// own dev flags: a package is direct when its (normalised) name is one of them.
pub(crate) fn scope_from_manifest(
    packages: &mut [Package],
    roots: &manifest::Roots,
    normalise: fn(&str) -> String,
) {
    let dev: Vec<bool> = packages.iter().map(|p| p.dev).collect();
    let by_name = |names: &[(String, String)]| -> Vec<(String, Option<String>)> {
        names.iter().map(|(n, _)| (n.clone(), None)).collect()
    };
    mark_from_roots(
        packages,
        &by_name(&roots.runtime),
        &by_name(&roots.dev),
        normalise,
    );
    for (p, dev) in packages.iter_mut().zip(dev) {
        p.dev = dev;
    }
}

/// An edge to `name`, at `version` when known.
pub(crate) fn dep(name: &str, version: Option<&str>) -> Dependency {
    Dependency {
        name: name.to_string(),
        version: version.map(str::to_string),
    }
}
