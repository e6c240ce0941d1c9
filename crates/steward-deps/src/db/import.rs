//! Reading advisory sources: OSV JSON (a per-ecosystem `all.zip` export, a directory or a
//! tarball of `.json` files), the RustSec advisory database (Markdown with TOML front
//! matter), RubySec's ruby-advisory-db (YAML per gem) and FriendsOfPHP's
//! security-advisories (YAML per package). A source may be a directory, a `.zip` or a
//! `.tar.gz`/`.tgz`; each file inside is read by its path and name, so one archive may mix
//! formats. Files that are not advisories (READMEs, CI configuration) are skipped.

use std::io::Read;
use std::path::Path;

use serde::Deserialize;

use crate::advisory::{Advisory, AdvisoryError, Affected, Score, first_paragraph, parse_osv};
use crate::requirement::{Dialect, Requirement};

/// What reading one source produced.
#[derive(Debug, Default)]
pub struct SourceRead {
    pub advisories: Vec<Advisory>,
    /// Advisory records read (files, for the per-package formats), before records with
    /// one id were merged.
    pub records: usize,
    /// Advisory files that could not be read, and why; the rest are still imported.
    pub errors: Vec<AdvisoryError>,
    /// Which formats were found, for `db status` (`osv`, `rustsec`, `rubysec`, `friendsofphp`).
    pub formats: Vec<&'static str>,
}

/// Advisories with the same id in one source are one vulnerability filed once per package
/// (RubySec and FriendsOfPHP keep a file per gem or package): one advisory covering all of
/// those packages, with the aliases of all.
fn merge_by_id(advisories: Vec<Advisory>) -> Vec<Advisory> {
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    let mut out: Vec<Advisory> = Vec::with_capacity(advisories.len());
    for a in advisories {
        match index.get(&a.id) {
            Some(&i) => {
                let kept = &mut out[i];
                for alias in a.aliases {
                    if !kept.aliases.contains(&alias) {
                        kept.aliases.push(alias);
                    }
                }
                for affected in a.affected {
                    if !kept.affected.contains(&affected) {
                        kept.affected.push(affected);
                    }
                }
                if kept.severity.is_empty() {
                    kept.severity = a.severity;
                }
            }
            None => {
                index.insert(a.id.clone(), out.len());
                out.push(a);
            }
        }
    }
    out
}

/// Why a source could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error(
        "{path}: no advisories found; expected an OSV export (all.zip or a directory of OSV \
         .json files), the RustSec advisory-db, ruby-advisory-db or FriendsOfPHP \
         security-advisories (a directory, .zip or .tar.gz)"
    )]
    Empty { path: String },
}

/// Biggest file inside a source that is read (an advisory is a few kilobytes).
const MAX_ENTRY: u64 = 16 * 1024 * 1024;

/// Reads every advisory in the source at `path`.
pub fn read_source(path: &Path) -> Result<SourceRead, SourceError> {
    let shown = path.display().to_string();
    let unreadable = |reason: String| SourceError::Unreadable {
        path: shown.clone(),
        reason,
    };
    let mut out = SourceRead::default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let meta = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?;
    if meta.is_dir() {
        read_dir(path, path, &mut out).map_err(|e| unreadable(e.to_string()))?;
    } else if name.ends_with(".zip") {
        let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
        let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file))
            .map_err(|e| unreadable(format!("not a readable zip archive: {e}")))?;
        for i in 0..archive.len() {
            let mut entry = archive
                .by_index(i)
                .map_err(|e| unreadable(format!("zip entry {i}: {e}")))?;
            if !entry.is_file() || entry.size() > MAX_ENTRY {
                continue;
            }
            let entry_name = entry
                .name()
                .map(|n| n.into_owned())
                .map_err(|e| unreadable(format!("zip entry {i}: {e}")))?;
            if !wanted(&entry_name) {
                continue;
            }
            let mut bytes = Vec::with_capacity(entry.size() as usize);
            entry
                .read_to_end(&mut bytes)
                .map_err(|e| unreadable(format!("{entry_name}: {e}")))?;
            read_entry(&entry_name, &bytes, &mut out);
        }
    } else if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
        let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
        let gz = flate2::read::GzDecoder::new(std::io::BufReader::new(file));
        let mut archive = tar::Archive::new(gz);
        let entries = archive
            .entries()
            .map_err(|e| unreadable(format!("not a readable .tar.gz: {e}")))?;
        for entry in entries {
            let mut entry =
                entry.map_err(|e| unreadable(format!("not a readable .tar.gz: {e}")))?;
            if !entry.header().entry_type().is_file() || entry.size() > MAX_ENTRY {
                continue;
            }
            let entry_name = entry
                .path()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            if !wanted(&entry_name) {
                continue;
            }
            let mut bytes = Vec::with_capacity(entry.size() as usize);
            entry
                .read_to_end(&mut bytes)
                .map_err(|e| unreadable(format!("{entry_name}: {e}")))?;
            read_entry(&entry_name, &bytes, &mut out);
        }
    } else if name.ends_with(".json") {
        let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
        read_entry(&name, &bytes, &mut out);
    } else {
        return Err(unreadable(
            "not a directory, .zip, .tar.gz or OSV .json file".to_string(),
        ));
    }
    if out.advisories.is_empty() && out.errors.is_empty() {
        return Err(SourceError::Empty { path: shown });
    }
    out.records = out.advisories.len();
    out.advisories = merge_by_id(std::mem::take(&mut out.advisories));
    out.formats.sort_unstable();
    out.formats.dedup();
    Ok(out)
}

fn read_dir(root: &Path, dir: &Path, out: &mut SourceRead) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type()?;
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if kind.is_dir() {
            if !rel.starts_with('.') && !rel.contains("/.") {
                read_dir(root, &path, out)?;
            }
        } else if kind.is_file() && wanted(&rel) && entry.metadata()?.len() <= MAX_ENTRY {
            let bytes = std::fs::read(&path)?;
            read_entry(&rel, &bytes, out);
        }
    }
    Ok(())
}

/// Whether a file inside a source may be an advisory, by its name alone.
fn wanted(path: &str) -> bool {
    let hidden = path
        .split('/')
        .any(|seg| seg.starts_with('.') && seg.len() > 1);
    !hidden
        && (path.ends_with(".json")
            || path.ends_with(".md")
            || path.ends_with(".yml")
            || path.ends_with(".yaml"))
}

fn read_entry(path: &str, bytes: &[u8], out: &mut SourceRead) {
    let file = path.rsplit('/').next().unwrap_or(path);
    let result = if path.ends_with(".json") {
        if file == "composer.json" || file == "package.json" {
            return;
        }
        out.formats.push("osv");
        parse_osv(path, bytes).map(Some)
    } else if path.ends_with(".md") && file.starts_with("RUSTSEC-") {
        out.formats.push("rustsec");
        parse_rustsec(path, bytes).map(Some)
    } else if path.ends_with(".yml") && segment_before(path, 2) == Some("gems") {
        out.formats.push("rubysec");
        parse_rubysec(path, bytes).map(Some)
    } else if path.ends_with(".yaml") && contains(bytes, b"composer://") {
        out.formats.push("friendsofphp");
        parse_friendsofphp(path, bytes).map(Some)
    } else {
        Ok(None)
    };
    match result {
        Ok(Some(advisory)) => out.advisories.push(advisory),
        Ok(None) => {}
        Err(e) => out.errors.push(e),
    }
}

/// The directory `n` levels above the file: `gems/rails/CVE-1.yml` with 2 is `gems`.
fn segment_before(path: &str, n: usize) -> Option<&str> {
    let segs: Vec<&str> = path.split('/').collect();
    segs.len().checked_sub(n + 1).map(|i| segs[i])
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn text<'a>(path: &str, bytes: &'a [u8]) -> Result<&'a str, AdvisoryError> {
    std::str::from_utf8(bytes).map_err(|_| AdvisoryError::new(path, "not UTF-8 text"))
}

/// A RustSec advisory: TOML front matter in a ```toml fence, then `# Title` and the text.
pub fn parse_rustsec(path: &str, bytes: &[u8]) -> Result<Advisory, AdvisoryError> {
    #[derive(Deserialize)]
    struct Front {
        advisory: Meta,
        #[serde(default)]
        versions: Versions,
    }
    #[derive(Deserialize)]
    struct Meta {
        id: String,
        package: String,
        #[serde(default)]
        aliases: Vec<String>,
        cvss: Option<String>,
        date: Option<toml::Value>,
        url: Option<String>,
        informational: Option<String>,
        withdrawn: Option<toml::Value>,
    }
    #[derive(Deserialize, Default)]
    struct Versions {
        #[serde(default)]
        patched: Vec<String>,
        #[serde(default)]
        unaffected: Vec<String>,
    }
    let text = text(path, bytes)?;
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let rest = body.strip_prefix("```toml").ok_or_else(|| {
        AdvisoryError::new(path, "a RustSec advisory starts with a ```toml block")
    })?;
    let (front, after) = rest
        .split_once("\n```")
        .ok_or_else(|| AdvisoryError::new(path, "the ```toml block is not closed"))?;
    let front: Front = toml::from_str(front)
        .map_err(|e| AdvisoryError::new(path, format!("front matter: {}", e.message())))?;
    let mut safe = Vec::new();
    for req in front
        .versions
        .patched
        .iter()
        .chain(&front.versions.unaffected)
    {
        safe.push(
            Requirement::parse(req, Dialect::Cargo)
                .map_err(|e| AdvisoryError::new(path, e.to_string()))?,
        );
    }
    let after = after.trim_start_matches('`').trim();
    let (title, description) = match after.strip_prefix("# ") {
        Some(t) => t.split_once('\n').unwrap_or((t, "")),
        None => ("", after),
    };
    let m = front.advisory;
    Ok(Advisory {
        aliases: m.aliases,
        summary: title.trim().to_string(),
        details: first_paragraph(description, 600),
        published: m.date.map(|d| toml_text(&d)),
        modified: None,
        withdrawn: m.withdrawn.map(|d| toml_text(&d)),
        severity: m
            .cvss
            .map(|v| Score {
                kind: "CVSS_V3".into(),
                score: v,
            })
            .into_iter()
            .collect(),
        severity_label: None,
        affected: vec![Affected {
            ecosystem: "crates.io".into(),
            name: m.package,
            safe: Some(safe),
            informational: m.informational,
            ..Default::default()
        }],
        url: m.url.or_else(|| {
            Some(format!(
                "https://rustsec.org/advisories/{}.html",
                m.id.as_str()
            ))
        }),
        id: m.id,
    })
}

fn toml_text(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) => d.to_string(),
        other => format!("{other:?}"),
    }
}

/// A YAML scalar as text (numbers and dates included).
fn yaml_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn yaml_strings(v: Option<&serde_json::Value>) -> Vec<String> {
    match v {
        Some(serde_json::Value::Array(items)) => items.iter().filter_map(yaml_text).collect(),
        Some(other) => yaml_text(other).into_iter().collect(),
        None => Vec::new(),
    }
}

fn yaml(
    path: &str,
    bytes: &[u8],
) -> Result<serde_json::Map<String, serde_json::Value>, AdvisoryError> {
    let text = text(path, bytes)?;
    let value: serde_json::Value = serde_saphyr::from_str(text)
        .map_err(|e| AdvisoryError::new(path, format!("not valid YAML: {e}")))?;
    match value {
        serde_json::Value::Object(map) => Ok(map),
        _ => Err(AdvisoryError::new(path, "expected a YAML mapping")),
    }
}

/// A ruby-advisory-db entry: `gems/<gem>/<id>.yml`.
pub fn parse_rubysec(path: &str, bytes: &[u8]) -> Result<Advisory, AdvisoryError> {
    let map = yaml(path, bytes)?;
    let get = |k: &str| map.get(k).and_then(yaml_text);
    let gem = get("gem").ok_or_else(|| AdvisoryError::new(path, "no `gem`"))?;
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".yml")
        .to_string();
    let mut aliases = Vec::new();
    if let Some(cve) = get("cve") {
        aliases.push(format!("CVE-{}", cve.trim_start_matches("CVE-")));
    }
    if let Some(ghsa) = get("ghsa") {
        aliases.push(format!("GHSA-{}", ghsa.trim_start_matches("GHSA-")));
    }
    if let Some(osvdb) = get("osvdb") {
        aliases.push(format!("OSVDB-{osvdb}"));
    }
    aliases.retain(|a| *a != stem);
    let mut safe = Vec::new();
    for req in yaml_strings(map.get("patched_versions"))
        .iter()
        .chain(&yaml_strings(map.get("unaffected_versions")))
    {
        safe.push(
            Requirement::parse(req, Dialect::RubyGems)
                .map_err(|e| AdvisoryError::new(path, e.to_string()))?,
        );
    }
    let mut severity = Vec::new();
    for (key, kind) in [
        ("cvss_v4", "CVSS_V4"),
        ("cvss_v3", "CVSS_V3"),
        ("cvss_v2", "CVSS_V2"),
    ] {
        if let Some(score) = get(key) {
            severity.push(Score {
                kind: format!("{kind}_SCORE"),
                score,
            });
        }
    }
    Ok(Advisory {
        id: stem,
        aliases,
        summary: get("title").unwrap_or_default(),
        details: first_paragraph(&get("description").unwrap_or_default(), 600),
        published: get("date"),
        modified: None,
        withdrawn: None,
        severity,
        severity_label: get("criticality"),
        affected: vec![Affected {
            ecosystem: "RubyGems".into(),
            name: gem,
            safe: Some(safe),
            ..Default::default()
        }],
        url: get("url"),
    })
}

/// A FriendsOfPHP security-advisories entry: `<vendor>/<package>/<name>.yaml`.
pub fn parse_friendsofphp(path: &str, bytes: &[u8]) -> Result<Advisory, AdvisoryError> {
    let map = yaml(path, bytes)?;
    let get = |k: &str| map.get(k).and_then(yaml_text);
    let reference = get("reference").unwrap_or_default();
    let package = reference
        .strip_prefix("composer://")
        .ok_or_else(|| AdvisoryError::new(path, "`reference` is not composer://vendor/package"))?
        .to_string();
    let mut vulnerable = Vec::new();
    if let Some(serde_json::Value::Object(branches)) = map.get("branches") {
        for (branch, spec) in branches {
            let versions = yaml_strings(spec.get("versions"));
            if versions.is_empty() {
                continue;
            }
            let joined = versions.join(",");
            vulnerable.push(
                Requirement::parse(&joined, Dialect::Composer)
                    .map_err(|e| AdvisoryError::new(path, format!("branch {branch}: {e}")))?,
            );
        }
    }
    if vulnerable.is_empty() {
        return Err(AdvisoryError::new(path, "no `branches` with `versions`"));
    }
    let cve = get("cve").filter(|c| c.starts_with("CVE-"));
    // Entries without a CVE are named after their file, which is unique in the repository.
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".yaml");
    let id = cve
        .clone()
        .unwrap_or_else(|| format!("PHPSEC-{}-{stem}", package.replace('/', "-")));
    Ok(Advisory {
        id,
        aliases: Vec::new(),
        summary: get("title").unwrap_or_default(),
        details: String::new(),
        published: None,
        modified: None,
        withdrawn: None,
        severity: Vec::new(),
        severity_label: None,
        affected: vec![Affected {
            ecosystem: "Packagist".into(),
            name: package,
            vulnerable,
            ..Default::default()
        }],
        url: get("link"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustsec_front_matter_and_title() {
        let md = "```toml\n[advisory]\nid = \"RUSTSEC-2020-0105\"\npackage = \"abi_stable\"\naliases = [\"CVE-2020-36212\"]\ncvss = \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H\"\ndate = \"2020-12-21\"\n\n[versions]\npatched = [\">= 0.9.1\"]\n```\n\n# Update unsound DrainFilter\n\nAffected versions contained bugs.\n\nMore.\n";
        let a = parse_rustsec("crates/abi_stable/RUSTSEC-2020-0105.md", md.as_bytes()).unwrap();
        assert_eq!(a.id, "RUSTSEC-2020-0105");
        assert_eq!(a.summary, "Update unsound DrainFilter");
        assert_eq!(a.details, "Affected versions contained bugs.");
        assert_eq!(a.affected[0].safe.as_ref().unwrap().len(), 1);
        assert_eq!(a.published.as_deref(), Some("2020-12-21"));
        assert!(parse_rustsec("x.md", b"# no front matter").is_err());
    }

    #[test]
    fn rubysec_ids_aliases_and_requirements() {
        let y = "---\ngem: actionpack\ncve: 2008-7248\nghsa: 8fqx-7pv4-3jwm\nurl: https://example.com/a\ntitle: CSRF bypass\ndate: 2017-10-24\ndescription: |\n  Text.\ncvss_v2: 6.8\nunaffected_versions:\n  - \"< 2.1.0\"\npatched_versions:\n  - \"~> 2.1.3\"\n  - \">= 2.2.2\"\n";
        let a = parse_rubysec("gems/actionpack/CVE-2008-7248.yml", y.as_bytes()).unwrap();
        assert_eq!(a.id, "CVE-2008-7248");
        assert_eq!(a.aliases, ["GHSA-8fqx-7pv4-3jwm"]);
        assert_eq!(a.published.as_deref(), Some("2017-10-24"));
        assert_eq!(a.affected[0].safe.as_ref().unwrap().len(), 3);
    }

    #[test]
    fn friendsofphp_branches() {
        let y = "title: Direct access\nlink: https://example.com/x\ncve: ~\nbranches:\n    2.0.x:\n        time: 2015-08-06 22:08:00\n        versions: ['>=2.0.0', '<2.0.99']\n    2.7.x:\n        time: 2015-08-06 22:08:00\n        versions: ['>=2.7.0', '<2.7.2']\nreference: composer://cakephp/cakephp\n";
        let a = parse_friendsofphp("cakephp/cakephp/2015-08-06.yaml", y.as_bytes()).unwrap();
        assert_eq!(a.id, "PHPSEC-cakephp-cakephp-2015-08-06");
        assert_eq!(a.affected[0].name, "cakephp/cakephp");
        assert_eq!(a.affected[0].vulnerable.len(), 2);
    }
}
