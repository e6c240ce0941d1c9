//! Version ordering for every package ecosystem steward matches advisories in.
//!
//! Each ecosystem orders versions by its own rules, so each has its own parser
//! and comparator here, written from the ecosystem's reference implementation:
//!
//! | [`Ecosystem`] (OSV name) | type | reference |
//! |---|---|---|
//! | `crates.io`, `npm`, `Go`, `Hex` | [`SemVer`] | SemVer 2.0; Go pseudo-versions are ordinary pre-releases |
//! | `PyPI` | [`PypiVersion`] | `packaging.version` (PEP 440), `LegacyVersion` for the rest |
//! | `Maven` | [`MavenVersion`] | maven-artifact 3.8.7+ `ComparableVersion` |
//! | `RubyGems` | [`GemVersion`] | `Gem::Version` |
//! | `NuGet` | [`NuGetVersion`] | `NuGet.Versioning` |
//! | `Packagist` | [`PackagistVersion`] | PHP `version_compare`, as Composer calls it |
//! | `Pub` | [`PubVersion`] | `pub_semver` |
//! | `CRAN` | [`CranVersion`] | R `package_version` |
//! | `Hackage` | [`HackageVersion`] | Cabal `Version` |
//! | `Debian`, `Ubuntu` | [`DpkgVersion`] | dpkg `verrevcmp` and `parseversion` |
//! | `Alpine`, `Wolfi`, `Chainguard` | [`ApkVersion`] | apk-tools 2.x `apk version -t` |
//! | `Red Hat`, `AlmaLinux`, `Rocky Linux`, `openSUSE`, `SUSE` | [`RpmVersion`] | rpm `rpmvercmp` over epoch:version-release |
//!
//! Parse once with [`Ecosystem::parse_version`] (or a type's `parse`) and
//! compare many times with [`Version::try_cmp`]; [`compare`] does both for
//! one pair. Invalid input is a [`VersionError`] that says what is wrong,
//! never a panic. Numbers of any length compare numerically without being
//! parsed into fixed-size integers. Every order is total except Maven's, which
//! has cycles of its own (see [`MavenVersion::compare`]).
//!
//! # Checked against real data
//!
//! `tests/version_cases.rs` runs all 71,972 comparisons of osv-scalibr's
//! fixtures (`shared/data/version-cases`), both ways round. The comparators
//! were also cross-checked on generated input against the tools themselves
//! (`examples/version_compare.rs`): Python `packaging` 26.3, `dpkg
//! --compare-versions`/`--validate-version`, npm's `semver` and maven-artifact
//! 3.8.7 agreed on every pair.
//!
//! ## Fixture rows steward rejects
//!
//! These rows contain a string that is not a valid version of the ecosystem;
//! the fixtures encode osv-scalibr's lenient reading of them. The test counts
//! them per file and fails if the count changes.
//!
//! | file | rows | why |
//! |---|---|---|
//! | `semver-versions.txt` | 1 | `1.1.3.4.5`: SemVer has three numbers (osv-scalibr reads the rest as build metadata) |
//! | `rubygems-versions.txt` | 2 | `1beta`, `1gamma`: `Gem::Version` requires the first segment to be digits ("Malformed version number string") |
//! | `packagist-versions.txt` | 6 | `1.2.3.#…`: `#` is PHP's internal stand-in for a number; a real `#` is not a Composer version character (PHP would turn it into a separator and order `1.2.3.# < 1.2.3`) |
//! | `alpine-versions.txt` | 32 | apk rejects 16 of them: `-r` followed by something other than a number and the end (`1-r-0`, `1-r0-1`, `1-ruff2`; 9), upper-case letters (`1.2.0A`; 2), unknown suffixes (`_blah`, `_csv`, `_foo`; 4), two letters (`1.0bc`; 1). The other 16 have an empty number component (`0.r1`, `0..1..0`, `.1`, `a`), which apk 2.x silently reads as 0 but the grammar and newer apk-tools do not allow |
//! | `pub-versions.txt` | 31 | copied from the SemVer fixture: 29 with a `v` prefix, one single number `999…991`, and `1.1.3.4.5`; `pub_semver` accepts none of them |
//!
//! ## Fixture rows steward disagrees with
//!
//! | file | rows | why |
//! |---|---|---|
//! | `maven-versions.txt` | 1 | `1-1 = 1-ga-1`: `ComparableVersion` says `>`; the row follows the POM reference's prose |
//! | `maven-versions-generated.txt` | 18 | sorted with maven-artifact 3.8.6; from 3.8.7 a trailing or digit-followed `.qualifier` ranks like `-qualifier` (`1.5.9.RC1 > 1.5.9-RC0`), and steward follows current Maven |
//!
//! Every other row passes.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

mod apk;
mod cran;
mod dpkg;
mod hackage;
mod maven;
mod nuget;
mod num;
mod packagist;
mod pep440;
mod pub_dart;
mod rpm;
mod rubygems;
mod semver;

pub use apk::ApkVersion;
pub use cran::CranVersion;
pub use dpkg::DpkgVersion;
pub use hackage::HackageVersion;
pub use maven::MavenVersion;
pub use nuget::NuGetVersion;
pub use packagist::PackagistVersion;
pub use pep440::PypiVersion;
pub use pub_dart::PubVersion;
pub use rpm::RpmVersion;
pub use rubygems::GemVersion;
pub use semver::SemVer;

/// A package ecosystem, named as OSV names it (`affected[].package.ecosystem`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Ecosystem {
    /// Rust crates; OSV name `crates.io`.
    CratesIo,
    Npm,
    Go,
    Hex,
    PyPI,
    Maven,
    RubyGems,
    NuGet,
    Packagist,
    Pub,
    Cran,
    Hackage,
    Debian,
    Ubuntu,
    Alpine,
    Wolfi,
    Chainguard,
    RedHat,
    AlmaLinux,
    RockyLinux,
    OpenSuse,
    Suse,
}

impl Ecosystem {
    /// Every ecosystem, in declaration order.
    pub const ALL: [Ecosystem; 22] = [
        Ecosystem::CratesIo,
        Ecosystem::Npm,
        Ecosystem::Go,
        Ecosystem::Hex,
        Ecosystem::PyPI,
        Ecosystem::Maven,
        Ecosystem::RubyGems,
        Ecosystem::NuGet,
        Ecosystem::Packagist,
        Ecosystem::Pub,
        Ecosystem::Cran,
        Ecosystem::Hackage,
        Ecosystem::Debian,
        Ecosystem::Ubuntu,
        Ecosystem::Alpine,
        Ecosystem::Wolfi,
        Ecosystem::Chainguard,
        Ecosystem::RedHat,
        Ecosystem::AlmaLinux,
        Ecosystem::RockyLinux,
        Ecosystem::OpenSuse,
        Ecosystem::Suse,
    ];

    /// The ecosystem's name in OSV records.
    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::CratesIo => "crates.io",
            Ecosystem::Npm => "npm",
            Ecosystem::Go => "Go",
            Ecosystem::Hex => "Hex",
            Ecosystem::PyPI => "PyPI",
            Ecosystem::Maven => "Maven",
            Ecosystem::RubyGems => "RubyGems",
            Ecosystem::NuGet => "NuGet",
            Ecosystem::Packagist => "Packagist",
            Ecosystem::Pub => "Pub",
            Ecosystem::Cran => "CRAN",
            Ecosystem::Hackage => "Hackage",
            Ecosystem::Debian => "Debian",
            Ecosystem::Ubuntu => "Ubuntu",
            Ecosystem::Alpine => "Alpine",
            Ecosystem::Wolfi => "Wolfi",
            Ecosystem::Chainguard => "Chainguard",
            Ecosystem::RedHat => "Red Hat",
            Ecosystem::AlmaLinux => "AlmaLinux",
            Ecosystem::RockyLinux => "Rocky Linux",
            Ecosystem::OpenSuse => "openSUSE",
            Ecosystem::Suse => "SUSE",
        }
    }

    /// The versioning scheme the ecosystem orders its versions by.
    pub fn scheme(self) -> Scheme {
        match self {
            Ecosystem::CratesIo | Ecosystem::Npm | Ecosystem::Go | Ecosystem::Hex => Scheme::SemVer,
            Ecosystem::PyPI => Scheme::Pep440,
            Ecosystem::Maven => Scheme::Maven,
            Ecosystem::RubyGems => Scheme::RubyGems,
            Ecosystem::NuGet => Scheme::NuGet,
            Ecosystem::Packagist => Scheme::Packagist,
            Ecosystem::Pub => Scheme::Pub,
            Ecosystem::Cran => Scheme::Cran,
            Ecosystem::Hackage => Scheme::Hackage,
            Ecosystem::Debian | Ecosystem::Ubuntu => Scheme::Dpkg,
            Ecosystem::Alpine | Ecosystem::Wolfi | Ecosystem::Chainguard => Scheme::Apk,
            Ecosystem::RedHat
            | Ecosystem::AlmaLinux
            | Ecosystem::RockyLinux
            | Ecosystem::OpenSuse
            | Ecosystem::Suse => Scheme::Rpm,
        }
    }

    /// Parses `version` by this ecosystem's rules.
    pub fn parse_version(self, version: &str) -> Result<Version, VersionError> {
        self.scheme().parse(version)
    }
}

impl fmt::Display for Ecosystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Ecosystem {
    type Err = VersionError;

    /// Accepts OSV ecosystem names, including the release suffixes OSV appends
    /// to distribution ecosystems (`Debian:12`, `Alpine:v3.20`,
    /// `Red Hat:enterprise_linux:9::appstream`), which order versions the same
    /// way as the bare name. Names are case-sensitive, as in OSV.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let base = name.split_once(':').map_or(name, |(base, _)| base);
        Ecosystem::ALL
            .into_iter()
            .find(|eco| eco.as_str() == base)
            .ok_or_else(|| VersionError::UnknownEcosystem {
                name: shorten(name),
            })
    }
}

/// A family of ecosystems that share one ordering algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scheme {
    /// SemVer 2.0 (crates.io, npm, Go modules, Hex).
    SemVer,
    /// PEP 440, with pre-PEP 440 ("legacy") versions ordered before all others.
    Pep440,
    /// Maven's `ComparableVersion`.
    Maven,
    /// RubyGems' `Gem::Version`.
    RubyGems,
    /// NuGet's `NuGetVersion`.
    NuGet,
    /// PHP's `version_compare`, as Composer uses it.
    Packagist,
    /// Dart's `pub_semver`.
    Pub,
    /// R's `package_version`.
    Cran,
    /// Haskell's `Data.Version`.
    Hackage,
    /// dpkg (Debian, Ubuntu).
    Dpkg,
    /// apk-tools (Alpine, Wolfi, Chainguard).
    Apk,
    /// rpm's `rpmvercmp` over epoch:version-release.
    Rpm,
}

impl Scheme {
    /// A short human name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::SemVer => "SemVer",
            Scheme::Pep440 => "PEP 440",
            Scheme::Maven => "Maven",
            Scheme::RubyGems => "RubyGems",
            Scheme::NuGet => "NuGet",
            Scheme::Packagist => "Composer",
            Scheme::Pub => "Pub",
            Scheme::Cran => "CRAN",
            Scheme::Hackage => "Hackage",
            Scheme::Dpkg => "Debian",
            Scheme::Apk => "Alpine",
            Scheme::Rpm => "RPM",
        }
    }

    /// Parses `version` by this scheme's rules.
    pub fn parse(self, version: &str) -> Result<Version, VersionError> {
        let wrap = |reason: String| VersionError::Invalid {
            scheme: self,
            version: shorten(version),
            reason: shorten(&reason),
        };
        Ok(match self {
            Scheme::SemVer => Version::SemVer(SemVer::parse_reason(version).map_err(wrap)?),
            Scheme::Pep440 => Version::Pep440(PypiVersion::parse_reason(version).map_err(wrap)?),
            Scheme::Maven => Version::Maven(MavenVersion::parse_reason(version).map_err(wrap)?),
            Scheme::RubyGems => Version::RubyGems(GemVersion::parse_reason(version).map_err(wrap)?),
            Scheme::NuGet => Version::NuGet(NuGetVersion::parse_reason(version).map_err(wrap)?),
            Scheme::Packagist => {
                Version::Packagist(PackagistVersion::parse_reason(version).map_err(wrap)?)
            }
            Scheme::Pub => Version::Pub(PubVersion::parse_reason(version).map_err(wrap)?),
            Scheme::Cran => Version::Cran(CranVersion::parse_reason(version).map_err(wrap)?),
            Scheme::Hackage => {
                Version::Hackage(HackageVersion::parse_reason(version).map_err(wrap)?)
            }
            Scheme::Dpkg => Version::Dpkg(DpkgVersion::parse_reason(version).map_err(wrap)?),
            Scheme::Apk => Version::Apk(ApkVersion::parse_reason(version).map_err(wrap)?),
            Scheme::Rpm => Version::Rpm(RpmVersion::parse_reason(version).map_err(wrap)?),
        })
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a version could not be parsed or compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VersionError {
    /// The string is not a version of the scheme.
    #[error("invalid {scheme} version {version:?}: {reason}")]
    Invalid {
        scheme: Scheme,
        /// The offending string, cut to 120 characters.
        version: String,
        reason: String,
    },
    /// The ecosystem name is not one OSV uses (or not one steward orders yet).
    #[error(
        "unknown ecosystem {name:?}; expected an OSV ecosystem name such as \"crates.io\", \"npm\", \"Go\", \"PyPI\", \"Maven\", \"RubyGems\", \"NuGet\", \"Packagist\", \"Debian\", \"Alpine\" or \"Red Hat\""
    )]
    UnknownEcosystem { name: String },
    /// Two parsed versions of different schemes were compared.
    #[error("cannot compare a {left} version with a {right} version")]
    SchemeMismatch { left: Scheme, right: Scheme },
}

/// A version parsed once by its scheme's rules, to be compared many times.
///
/// Equality and ordering are the scheme's (`1.0` equals `1.0.0` in Maven), not
/// textual; versions of different schemes are unordered (`partial_cmp` is
/// `None`), and [`Version::try_cmp`] says why. Every scheme's order is total
/// except Maven's, which has cycles of its own making (see
/// [`MavenVersion::compare`]).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Version {
    SemVer(SemVer),
    Pep440(PypiVersion),
    Maven(MavenVersion),
    RubyGems(GemVersion),
    NuGet(NuGetVersion),
    Packagist(PackagistVersion),
    Pub(PubVersion),
    Cran(CranVersion),
    Hackage(HackageVersion),
    Dpkg(DpkgVersion),
    Apk(ApkVersion),
    Rpm(RpmVersion),
}

impl Version {
    /// The scheme this version was parsed by.
    pub fn scheme(&self) -> Scheme {
        match self {
            Version::SemVer(_) => Scheme::SemVer,
            Version::Pep440(_) => Scheme::Pep440,
            Version::Maven(_) => Scheme::Maven,
            Version::RubyGems(_) => Scheme::RubyGems,
            Version::NuGet(_) => Scheme::NuGet,
            Version::Packagist(_) => Scheme::Packagist,
            Version::Pub(_) => Scheme::Pub,
            Version::Cran(_) => Scheme::Cran,
            Version::Hackage(_) => Scheme::Hackage,
            Version::Dpkg(_) => Scheme::Dpkg,
            Version::Apk(_) => Scheme::Apk,
            Version::Rpm(_) => Scheme::Rpm,
        }
    }

    /// Orders two versions of the same scheme.
    pub fn try_cmp(&self, other: &Version) -> Result<Ordering, VersionError> {
        Ok(match (self, other) {
            (Version::SemVer(a), Version::SemVer(b)) => a.cmp(b),
            (Version::Pep440(a), Version::Pep440(b)) => a.cmp(b),
            (Version::Maven(a), Version::Maven(b)) => a.compare(b),
            (Version::RubyGems(a), Version::RubyGems(b)) => a.cmp(b),
            (Version::NuGet(a), Version::NuGet(b)) => a.cmp(b),
            (Version::Packagist(a), Version::Packagist(b)) => a.cmp(b),
            (Version::Pub(a), Version::Pub(b)) => a.cmp(b),
            (Version::Cran(a), Version::Cran(b)) => a.cmp(b),
            (Version::Hackage(a), Version::Hackage(b)) => a.cmp(b),
            (Version::Dpkg(a), Version::Dpkg(b)) => a.cmp(b),
            (Version::Apk(a), Version::Apk(b)) => a.cmp(b),
            (Version::Rpm(a), Version::Rpm(b)) => a.cmp(b),
            _ => {
                return Err(VersionError::SchemeMismatch {
                    left: self.scheme(),
                    right: other.scheme(),
                });
            }
        })
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        matches!(self.try_cmp(other), Ok(Ordering::Equal))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        self.try_cmp(other).ok()
    }
}

/// Orders two version strings of `ecosystem`.
///
/// ```
/// use std::cmp::Ordering;
/// use steward_deps::version::{compare, Ecosystem};
///
/// assert_eq!(compare(Ecosystem::PyPI, "1.0.dev0", "1.0a1").unwrap(), Ordering::Less);
/// assert_eq!(compare(Ecosystem::Maven, "1.0", "1-ga").unwrap(), Ordering::Equal);
/// assert!(compare(Ecosystem::Npm, "1.x", "1.0.0").is_err());
/// ```
pub fn compare(ecosystem: Ecosystem, a: &str, b: &str) -> Result<Ordering, VersionError> {
    let scheme = ecosystem.scheme();
    scheme.parse(a)?.try_cmp(&scheme.parse(b)?)
}

/// The longest version string accepted. Real versions stay far below it; the
/// cap bounds the work and the nesting (Maven) an untrusted string can cause.
pub const MAX_VERSION_LEN: usize = 1024;

fn check_length(s: &str) -> Result<(), String> {
    if s.len() > MAX_VERSION_LEN {
        return Err(format!(
            "{} bytes long; versions longer than {MAX_VERSION_LEN} bytes are not accepted",
            s.len()
        ));
    }
    Ok(())
}

/// Cuts untrusted input quoted in an error to a readable length.
fn shorten(s: &str) -> String {
    const MAX: usize = 120;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_owned(),
    }
}

/// Implements `Ord`, `PartialOrd`, `PartialEq` and `Eq` from a type's
/// `compare` method, so equality always agrees with the scheme's ordering.
macro_rules! order_by_compare {
    ($ty:ty) => {
        impl Ord for $ty {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.compare(other)
            }
        }
        impl PartialOrd for $ty {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }
        impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                self.compare(other) == std::cmp::Ordering::Equal
            }
        }
        impl Eq for $ty {}
    };
}
use order_by_compare;

/// Implements `FromStr` and a public `parse` for a scheme's version type.
macro_rules! parse_api {
    ($ty:ty, $scheme:expr) => {
        impl $ty {
            /// Parses `version`, saying what is wrong if it is not valid.
            pub fn parse(version: &str) -> Result<Self, $crate::version::VersionError> {
                Self::parse_reason(version).map_err(|reason| {
                    $crate::version::VersionError::Invalid {
                        scheme: $scheme,
                        version: $crate::version::shorten(version),
                        reason: $crate::version::shorten(&reason),
                    }
                })
            }
        }
        impl std::str::FromStr for $ty {
            type Err = $crate::version::VersionError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
    };
}
use parse_api;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecosystem_names_round_trip() {
        for eco in Ecosystem::ALL {
            assert_eq!(eco.as_str().parse::<Ecosystem>().unwrap(), eco);
        }
        assert_eq!("Debian:12".parse::<Ecosystem>().unwrap(), Ecosystem::Debian);
        assert_eq!(
            "Red Hat:enterprise_linux:9::appstream"
                .parse::<Ecosystem>()
                .unwrap(),
            Ecosystem::RedHat
        );
        assert!("pypi".parse::<Ecosystem>().is_err());
        assert!("".parse::<Ecosystem>().is_err());
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let err = compare(Ecosystem::Npm, "1.2.3.4", "1.0.0").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("invalid SemVer version \"1.2.3.4\": "),
            "{msg}"
        );
        let long = "1".repeat(500);
        let msg = Scheme::Maven
            .parse(&format!("{long} x"))
            .unwrap_err()
            .to_string();
        assert!(msg.len() < 300, "{msg}");
    }

    #[test]
    fn mixed_schemes_do_not_compare() {
        let a = Ecosystem::Npm.parse_version("1.0.0").unwrap();
        let b = Ecosystem::PyPI.parse_version("1.0.0").unwrap();
        assert!(a.partial_cmp(&b).is_none());
        assert!(a != b);
        assert!(matches!(
            a.try_cmp(&b),
            Err(VersionError::SchemeMismatch { .. })
        ));
    }
}
