//! What can be told offline about a release: whether its registry yanked it, and when it was
//! published — for `steward review` to flag a yanked or very new dependency.
//!
//! Two sources, both local:
//!
//! - **The lockfile**, where it records the date: uv.lock's `upload-time`, composer.lock's
//!   `time` (see [`Package::published`]).
//! - **Cargo's copy of its registry index** under `$CARGO_HOME/registry/index/*/.cache/`,
//!   which every `cargo` command that resolves dependencies refreshes. It holds each crate's
//!   index entries as the registry served them: every version's `yanked` flag, and its
//!   `pubtime` where the registry records one. An entry is used only when its version *and*
//!   checksum are the lockfile's, so it describes the very archive the lockfile pins,
//!   whichever registry it came from. The copy is as fresh as the last `cargo` fetch; Cargo
//!   does not promise the layout (cache format 3 is read; other formats are skipped).
//!
//! Nothing else is known offline: npm, yarn, pnpm, Poetry, Pipfile, Bundler, Go, Maven and
//! NuGet lockfiles record no dates or yanks, npm's cache keeps abbreviated metadata without
//! publish times, and PyPI's yanked flag, RubyGems yanks and npm deprecations are only in the
//! registries' online APIs. Advisory databases (OSV, RustSec) record vulnerabilities, not
//! yanks.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::package::Package;
use crate::version::Ecosystem;

/// What is known about one release, and from where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReleaseFacts {
    /// `Some(true)` when the registry yanked it; `None` when nothing says.
    pub yanked: Option<bool>,
    pub published: Option<DateTime<Utc>>,
    /// Where the facts come from (`uv.lock`, `Cargo's local registry index`).
    pub source: Option<&'static str>,
}

/// Cargo's local copies of registry indexes.
#[derive(Debug, Clone, Default)]
pub struct CargoIndexCache {
    /// `registry/index/<registry>/.cache` directories.
    dirs: Vec<PathBuf>,
}

/// One version's entry in a registry index (the fields used here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    pub yanked: bool,
    pub published: Option<DateTime<Utc>>,
}

#[derive(Deserialize)]
struct RawEntry {
    vers: String,
    cksum: String,
    #[serde(default)]
    yanked: bool,
    pubtime: Option<String>,
}

impl CargoIndexCache {
    /// The index caches under `cargo_home` (there may be none).
    pub fn new(cargo_home: &Path) -> CargoIndexCache {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(cargo_home.join("registry/index"))
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path().join(".cache"))
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        CargoIndexCache { dirs }
    }

    /// The caches of the Cargo home Cargo itself would use: `$CARGO_HOME`, else
    /// `$HOME/.cargo`.
    pub fn from_env() -> CargoIndexCache {
        let home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
        home.map(|h| CargoIndexCache::new(&h)).unwrap_or_default()
    }

    /// Whether any index cache was found.
    pub fn is_empty(&self) -> bool {
        self.dirs.is_empty()
    }

    /// The entry of `name` at `version` whose checksum is `sha256` (lower-case hex), from the
    /// first cache that has it.
    pub fn lookup(&self, name: &str, version: &str, sha256: &str) -> Option<IndexEntry> {
        let rel = index_path(name)?;
        self.dirs.iter().find_map(|dir| {
            let bytes = std::fs::read(dir.join(&rel)).ok()?;
            entry_in_cache(&bytes, version, sha256)
        })
    }
}

/// Where the index keeps a crate's file: `1/a`, `2/ab`, `3/a/abc`, `ab/cd/abcd…`
/// (lower-cased, as Cargo's cache names them).
fn index_path(name: &str) -> Option<String> {
    let name = name.to_ascii_lowercase();
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return None;
    }
    Some(match name.len() {
        1 => format!("1/{name}"),
        2 => format!("2/{name}"),
        3 => format!("3/{}/{name}", &name[..1]),
        _ => format!("{}/{}/{name}", &name[..2], &name[2..4]),
    })
}

/// Cargo's index cache format 3: a version byte (3), the index format version (u32,
/// little-endian), the index file's own version string and a NUL, then for each release its
/// version, a NUL, its index entry (one JSON object) and a NUL.
fn entry_in_cache(bytes: &[u8], version: &str, sha256: &str) -> Option<IndexEntry> {
    let (&format, rest) = bytes.split_first()?;
    if format != 3 || rest.len() < 4 {
        return None;
    }
    let rest = &rest[4..];
    let mut fields = rest.split(|b| *b == 0);
    fields.next()?; // the index file's version (an ETag or a commit)
    while let (Some(vers), Some(json)) = (fields.next(), fields.next()) {
        if vers != version.as_bytes() {
            continue;
        }
        let Ok(raw) = serde_json::from_slice::<RawEntry>(json) else {
            continue;
        };
        if raw.vers == version && raw.cksum.eq_ignore_ascii_case(sha256) {
            return Some(IndexEntry {
                yanked: raw.yanked,
                published: raw
                    .pubtime
                    .as_deref()
                    .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                    .map(|t| t.with_timezone(&Utc)),
            });
        }
    }
    None
}

/// Everything known offline about `package`'s release.
pub fn facts(package: &Package, cargo: &CargoIndexCache) -> ReleaseFacts {
    let mut facts = ReleaseFacts::default();
    if let Some(published) = package
        .published
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
    {
        facts.published = Some(published.with_timezone(&Utc));
        facts.source = Some("the lockfile");
    }
    if package.ecosystem == Ecosystem::CratesIo
        && let (Some(version), Some(sum)) = (
            &package.version,
            package.hashes.iter().find(|h| h.alg == "SHA-256"),
        )
        && let Some(entry) = cargo.lookup(&package.name, version, &sum.hex)
    {
        facts.yanked = Some(entry.yanked);
        facts.published = facts.published.or(entry.published);
        facts.source = Some("Cargo's local copy of the registry index");
    }
    facts
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::package::Hash;

    /// A cache file in Cargo's format 3 holding `entries` (version, JSON).
    pub(crate) fn cache_file(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut out = vec![3u8];
        out.extend(2u32.to_le_bytes());
        out.extend(b"etag: \"abc\"\0");
        for (v, json) in entries {
            out.extend(v.as_bytes());
            out.push(0);
            out.extend(json.as_bytes());
            out.push(0);
        }
        out
    }

    #[test]
    fn index_paths_follow_cargo() {
        assert_eq!(index_path("a").as_deref(), Some("1/a"));
        assert_eq!(index_path("cc").as_deref(), Some("2/cc"));
        assert_eq!(index_path("Syn").as_deref(), Some("3/s/syn"));
        assert_eq!(
            index_path("serde_json").as_deref(),
            Some("se/rd/serde_json")
        );
        assert_eq!(index_path("../x"), None);
    }

    #[test]
    fn yanked_and_published_come_from_the_matching_entry_only() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir
            .path()
            .join("registry/index/some-registry-0123/.cache/ti/ny");
        std::fs::create_dir_all(&cache).unwrap();
        std::fs::write(
            cache.join("tiny-crate"),
            cache_file(&[
                (
                    "1.0.0",
                    r#"{"name":"tiny-crate","vers":"1.0.0","deps":[],"cksum":"aa11","features":{},"yanked":false,"pubtime":"2024-01-02T03:04:05Z"}"#,
                ),
                (
                    "1.0.1",
                    r#"{"name":"tiny-crate","vers":"1.0.1","deps":[],"cksum":"bb22","features":{},"yanked":true}"#,
                ),
            ]),
        )
        .unwrap();
        let index = CargoIndexCache::new(dir.path());
        assert!(!index.is_empty());
        assert_eq!(
            index.lookup("tiny-crate", "1.0.0", "AA11"),
            Some(IndexEntry {
                yanked: false,
                published: DateTime::parse_from_rfc3339("2024-01-02T03:04:05Z")
                    .ok()
                    .map(|t| t.with_timezone(&Utc)),
            })
        );
        assert_eq!(
            index
                .lookup("tiny-crate", "1.0.1", "bb22")
                .map(|e| e.yanked),
            Some(true)
        );
        // Another checksum is another archive (another registry's crate of the same name).
        assert_eq!(index.lookup("tiny-crate", "1.0.1", "cc33"), None);
        assert_eq!(index.lookup("tiny-crate", "2.0.0", "bb22"), None);
        assert_eq!(index.lookup("other", "1.0.0", "aa11"), None);

        let mut pkg = Package::new(Ecosystem::CratesIo, "tiny-crate", Some("1.0.1".into()));
        pkg.hashes.push(Hash {
            alg: "SHA-256",
            hex: "bb22".into(),
        });
        let f = facts(&pkg, &index);
        assert_eq!((f.yanked, f.published), (Some(true), None));
        // No checksum in the lockfile: nothing can be told.
        pkg.hashes.clear();
        assert_eq!(facts(&pkg, &index), ReleaseFacts::default());
        // A missing Cargo home is no cache at all.
        assert!(CargoIndexCache::new(&dir.path().join("nowhere")).is_empty());
    }

    #[test]
    fn other_cache_formats_and_junk_are_skipped() {
        let good = cache_file(&[("1.0.0", r#"{"vers":"1.0.0","cksum":"aa","yanked":true}"#)]);
        assert!(entry_in_cache(&good, "1.0.0", "aa").is_some());
        let mut v2 = good.clone();
        v2[0] = 2;
        assert_eq!(entry_in_cache(&v2, "1.0.0", "aa"), None);
        assert_eq!(entry_in_cache(&[], "1.0.0", "aa"), None);
        assert_eq!(entry_in_cache(&[3, 2, 0], "1.0.0", "aa"), None);
        let bad_json = cache_file(&[("1.0.0", "{not json")]);
        assert_eq!(entry_in_cache(&bad_json, "1.0.0", "aa"), None);
    }
}
