//! What a lockfile or manifest says a product depends on.
//!
//! Every parser in [`crate::lockfile`] produces a [`Lockfile`]: the packages it pins, each
//! with its ecosystem, exact version (or none, for a manifest entry that only gives a range),
//! whether it is direct or transitive, dev-only or runtime, the line it is declared on, and
//! the edges of the dependency graph where the format records them.

use std::fmt;

use crate::version::Ecosystem;

/// How a package is reached from the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Declared by the project itself.
    Direct,
    /// Pulled in by another package.
    Transitive,
    /// The format does not say (e.g. `go.sum`, `gradle.lockfile` without a graph).
    Unknown,
}

/// A checksum the lockfile records for a package's archive.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hash {
    /// CycloneDX algorithm name: `SHA-1`, `SHA-256`, `SHA-384`, `SHA-512`, `MD5`.
    pub alg: &'static str,
    /// Lower-case hex.
    pub hex: String,
}

/// One package pinned (or named) by a lockfile or manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    pub ecosystem: Ecosystem,
    /// The name as the ecosystem writes it: `serde`, `@babel/core`, `org.apache.commons:commons-text`
    /// (Maven is `group:artifact`), `github.com/gin-gonic/gin`, `Django` (PyPI names are kept
    /// as written; matching normalises them).
    pub name: String,
    /// The exact version, without a leading `v` except where the ecosystem keeps it (Go).
    /// `None` when the file gives only a range (an unpinned `requirements.txt` line).
    pub version: Option<String>,
    /// What the file said when it gave a range instead of a version (`>=2.0,<3`).
    pub requirement: Option<String>,
    pub scope: Scope,
    /// Only needed to develop or test the project (npm `dev`, poetry `dev` group, Maven `test`).
    pub dev: bool,
    /// 1-based line of the package's entry in its file; 0 when the format has no lines.
    pub line: u32,
    /// The file [`Package::line`] is in, relative to the scanned root, when it is not the
    /// [`Lockfile::path`] itself: a `requirements.txt` pulled in by `-r base.txt`.
    pub declared_in: Option<String>,
    pub hashes: Vec<Hash>,
    /// SPDX licence expression, where the file records it.
    pub license: Option<String>,
    /// Where it was fetched from, when the file says and it is not the ecosystem's default
    /// registry (a git URL, a path, another registry).
    pub source: Option<String>,
    /// Names (as in [`Package::name`]) of the packages this one depends on, where the file
    /// records edges; matched to other packages in the same [`Lockfile`] by name (and version,
    /// when the file gives one — see [`Dependency`]).
    pub dependencies: Vec<Dependency>,
    /// npm's `hasInstallScript`: the package runs code when installed.
    pub install_script: bool,
    /// When this release was published, as the lockfile records it (RFC 3339): uv.lock's
    /// earliest `upload-time` of the release's files, composer.lock's `time`. Other formats
    /// do not record it.
    pub published: Option<String>,
}

/// An edge of the dependency graph.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Dependency {
    pub name: String,
    /// The exact version the edge resolves to, when the file says (Cargo.lock does when two
    /// versions of one crate are present).
    pub version: Option<String>,
}

impl Package {
    /// A package with only the required fields set; parsers fill the rest.
    pub fn new(ecosystem: Ecosystem, name: impl Into<String>, version: Option<String>) -> Package {
        Package {
            ecosystem,
            name: name.into(),
            version,
            requirement: None,
            scope: Scope::Unknown,
            dev: false,
            line: 0,
            declared_in: None,
            hashes: Vec::new(),
            license: None,
            source: None,
            dependencies: Vec::new(),
            install_script: false,
            published: None,
        }
    }

    /// The package URL (purl spec): `pkg:cargo/serde@1.0.1`, `pkg:npm/%40babel/core@7.0.0`,
    /// `pkg:pypi/django@4.2`, `pkg:maven/org.apache/commons@1.0`, `pkg:golang/github.com/x/y@v1.0.0`.
    pub fn purl(&self) -> String {
        let (ty, namespace, name) = purl_parts(self.ecosystem, &self.name);
        let mut out = format!("pkg:{ty}/");
        if let Some(ns) = namespace {
            for (i, segment) in ns.split('/').enumerate() {
                if i > 0 {
                    out.push('/');
                }
                out.push_str(&purl_escape(segment));
            }
            out.push('/');
        }
        out.push_str(&purl_escape(&name));
        if let Some(version) = &self.version {
            out.push('@');
            out.push_str(&purl_escape(version));
        }
        out
    }
}

impl fmt::Display for Package {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.version {
            Some(v) => write!(f, "{}@{}", self.name, v),
            None => match &self.requirement {
                Some(r) => write!(f, "{} {}", self.name, r),
                None => f.write_str(&self.name),
            },
        }
    }
}

/// The purl type, namespace and name for a package named `name` in `ecosystem`.
pub(crate) fn purl_parts(
    ecosystem: Ecosystem,
    name: &str,
) -> (&'static str, Option<String>, String) {
    let split_last = |sep: char| match name.rsplit_once(sep) {
        Some((ns, n)) => (Some(ns.to_string()), n.to_string()),
        None => (None, name.to_string()),
    };
    match ecosystem {
        Ecosystem::CratesIo => ("cargo", None, name.to_string()),
        Ecosystem::Npm => {
            let (ns, n) = if name.starts_with('@') {
                split_last('/')
            } else {
                (None, name.to_string())
            };
            ("npm", ns, n)
        }
        Ecosystem::Go => {
            let (ns, n) = split_last('/');
            ("golang", ns, n)
        }
        // purl-spec: PyPI names are lower-cased and '_' becomes '-'.
        Ecosystem::PyPI => ("pypi", None, name.to_ascii_lowercase().replace('_', "-")),
        Ecosystem::Maven => {
            let (ns, n) = split_last(':');
            ("maven", ns, n)
        }
        Ecosystem::RubyGems => ("gem", None, name.to_string()),
        Ecosystem::NuGet => ("nuget", None, name.to_string()),
        Ecosystem::Packagist => {
            let (ns, n) = split_last('/');
            ("composer", ns, n)
        }
        Ecosystem::Pub => ("pub", None, name.to_string()),
        Ecosystem::Hex => ("hex", None, name.to_string()),
        Ecosystem::Cran => ("cran", None, name.to_string()),
        Ecosystem::Hackage => ("hackage", None, name.to_string()),
        Ecosystem::Debian | Ecosystem::Ubuntu => ("deb", None, name.to_string()),
        Ecosystem::Alpine | Ecosystem::Wolfi | Ecosystem::Chainguard => {
            ("apk", None, name.to_string())
        }
        Ecosystem::RedHat
        | Ecosystem::AlmaLinux
        | Ecosystem::RockyLinux
        | Ecosystem::OpenSuse
        | Ecosystem::Suse => ("rpm", None, name.to_string()),
    }
}

/// Percent-encodes what purl does not allow literally in a path segment or version.
fn purl_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' | b'~' | b'+' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Which format a lockfile or manifest is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LockfileKind {
    CargoLock,
    PackageLockJson,
    NpmShrinkwrap,
    YarnLock,
    PnpmLock,
    Requirements,
    PoetryLock,
    UvLock,
    PipfileLock,
    GoMod,
    GoSum,
    PomXml,
    GradleLockfile,
    GemfileLock,
    ComposerLock,
    NugetPackagesLock,
}

impl LockfileKind {
    /// Short name shown to users: `Cargo.lock`, `package-lock.json`, …
    pub fn as_str(self) -> &'static str {
        match self {
            LockfileKind::CargoLock => "Cargo.lock",
            LockfileKind::PackageLockJson => "package-lock.json",
            LockfileKind::NpmShrinkwrap => "npm-shrinkwrap.json",
            LockfileKind::YarnLock => "yarn.lock",
            LockfileKind::PnpmLock => "pnpm-lock.yaml",
            LockfileKind::Requirements => "requirements.txt",
            LockfileKind::PoetryLock => "poetry.lock",
            LockfileKind::UvLock => "uv.lock",
            LockfileKind::PipfileLock => "Pipfile.lock",
            LockfileKind::GoMod => "go.mod",
            LockfileKind::GoSum => "go.sum",
            LockfileKind::PomXml => "pom.xml",
            LockfileKind::GradleLockfile => "gradle.lockfile",
            LockfileKind::GemfileLock => "Gemfile.lock",
            LockfileKind::ComposerLock => "composer.lock",
            LockfileKind::NugetPackagesLock => "packages.lock.json",
        }
    }
}

/// Everything one file pins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lockfile {
    /// Path relative to the scanned root, with `/` separators.
    pub path: String,
    pub kind: LockfileKind,
    pub packages: Vec<Package>,
    /// Problems that did not stop parsing (an unreadable `-r` include, a line that is not a
    /// requirement), each with its 1-based line.
    pub warnings: Vec<(u32, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purls_follow_the_spec() {
        let p = |eco, name: &str, v: &str| Package::new(eco, name, Some(v.into())).purl();
        assert_eq!(
            p(Ecosystem::CratesIo, "serde", "1.0.1"),
            "pkg:cargo/serde@1.0.1"
        );
        assert_eq!(
            p(Ecosystem::Npm, "@babel/core", "7.0.0"),
            "pkg:npm/%40babel/core@7.0.0"
        );
        assert_eq!(
            p(Ecosystem::PyPI, "Django_Rest", "4.2"),
            "pkg:pypi/django-rest@4.2"
        );
        assert_eq!(
            p(Ecosystem::Maven, "org.apache.commons:commons-text", "1.9"),
            "pkg:maven/org.apache.commons/commons-text@1.9"
        );
        assert_eq!(
            p(Ecosystem::Go, "github.com/gin-gonic/gin", "v1.9.0"),
            "pkg:golang/github.com/gin-gonic/gin@v1.9.0"
        );
        assert_eq!(
            p(Ecosystem::Packagist, "symfony/http-kernel", "5.4.0"),
            "pkg:composer/symfony/http-kernel@5.4.0"
        );
    }
}
