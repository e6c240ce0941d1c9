//! Advisories as steward stores and matches them: the OSV schema's parts that matching and
//! reporting need, plus the requirement lists of the formats that are not OSV (RustSec,
//! RubySec, FriendsOfPHP).
//!
//! An [`Affected`] entry says which versions of one package are vulnerable, in any mix of:
//!
//! - OSV `ranges` of type `SEMVER` or `ECOSYSTEM`: ordered `introduced` / `fixed` /
//!   `last_affected` / `limit` events ([`EventRange`]). `GIT` ranges name commits, which a
//!   lockfile does not record; they are kept out of matching.
//! - OSV `versions`: an explicit list.
//! - `vulnerable`: requirement sets, any of which matching means vulnerable (FriendsOfPHP's
//!   `branches[].versions`).
//! - `safe`: requirement sets, none of which matching means vulnerable (RustSec's and
//!   RubySec's `patched` and `unaffected` lists; an empty list means every version).

use serde::{Deserialize, Serialize};

use crate::requirement::Requirement;

/// One advisory, from any source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Advisory {
    pub id: String,
    /// Other ids of the same vulnerability (CVE, GHSA, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub summary: String,
    /// The advisory's text, cut to its first paragraph (reports link to the rest).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub details: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// When it was withdrawn; a withdrawn advisory never matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<String>,
    /// CVSS vectors (`CVSS_V3`, `CVSS_V4`) and other scores as the source gives them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub severity: Vec<Score>,
    /// A qualitative severity the source gives (`HIGH`, `MODERATE`, `critical`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity_label: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affected: Vec<Affected>,
    /// The advisory's own page, or the first reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A severity score as the advisory gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    /// `CVSS_V2`, `CVSS_V3`, `CVSS_V4`, `Ubuntu`, ...
    pub kind: String,
    pub score: String,
}

/// The versions of one package an advisory covers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Affected {
    /// OSV ecosystem name (`crates.io`, `PyPI`, `Go`, ...).
    pub ecosystem: String,
    /// The package name as the advisory writes it.
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<EventRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vulnerable: Vec<Requirement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safe: Option<Vec<Requirement>>,
    /// Not a vulnerability but a notice: RustSec's `unmaintained`, `unsound`, `notice`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informational: Option<String>,
}

/// An OSV range of `SEMVER` or `ECOSYSTEM` type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRange {
    /// `SEMVER` ranges compare as SemVer 2.0 whatever the ecosystem; `ECOSYSTEM` ranges by
    /// the ecosystem's own rules.
    pub semver: bool,
    pub events: Vec<Event>,
}

/// One event of an OSV range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Introduced(String),
    Fixed(String),
    LastAffected(String),
    Limit(String),
}

impl Event {
    /// The version the event names.
    pub fn version(&self) -> &str {
        match self {
            Event::Introduced(v) | Event::Fixed(v) | Event::LastAffected(v) | Event::Limit(v) => v,
        }
    }
}

impl Advisory {
    /// Whether any affected entry is informational only (not a vulnerability).
    pub fn informational(&self) -> Option<&str> {
        self.affected
            .iter()
            .find_map(|a| a.informational.as_deref())
    }
}

/// The first paragraph of `text`, at most `max` characters, for storing and showing.
pub(crate) fn first_paragraph(text: &str, max: usize) -> String {
    let para = text.trim().split("\n\n").next().unwrap_or("").trim();
    if para.chars().count() <= max {
        para.to_string()
    } else {
        let mut s: String = para.chars().take(max).collect();
        s.push('…');
        s
    }
}

/// Why an advisory file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct AdvisoryError {
    pub path: String,
    pub reason: String,
}

impl AdvisoryError {
    pub(crate) fn new(path: &str, reason: impl Into<String>) -> Self {
        AdvisoryError {
            path: path.to_string(),
            reason: reason.into(),
        }
    }
}

/// Parses one OSV JSON document (schema 1.x).
pub fn parse_osv(path: &str, bytes: &[u8]) -> Result<Advisory, AdvisoryError> {
    let raw: osv::Raw = serde_json::from_slice(bytes)
        .map_err(|e| AdvisoryError::new(path, format!("not an OSV JSON record: {e}")))?;
    if raw.id.is_empty() {
        return Err(AdvisoryError::new(path, "OSV record without an `id`"));
    }
    let url = raw
        .references
        .iter()
        .find(|r| r.kind == "ADVISORY")
        .or_else(|| raw.references.first())
        .map(|r| r.url.clone())
        .or_else(|| {
            raw.database_specific
                .as_ref()
                .and_then(|d| d.get("url"))
                .and_then(|u| u.as_str())
                .map(str::to_string)
        });
    let severity_label = raw
        .database_specific
        .as_ref()
        .and_then(|d| d.get("severity"))
        .and_then(|s| s.as_str())
        .map(str::to_string);
    let affected = raw
        .affected
        .into_iter()
        .filter_map(|a| {
            let package = a.package?;
            let ranges = a
                .ranges
                .into_iter()
                .filter(|r| r.kind == "SEMVER" || r.kind == "ECOSYSTEM")
                .map(|r| EventRange {
                    semver: r.kind == "SEMVER",
                    events: r
                        .events
                        .into_iter()
                        .filter_map(osv::RawEvent::into_event)
                        .collect(),
                })
                .filter(|r| !r.events.is_empty())
                .collect();
            let informational = a
                .database_specific
                .as_ref()
                .and_then(|d| d.get("informational"))
                .and_then(|i| i.as_str())
                .map(str::to_string);
            Some(Affected {
                ecosystem: package.ecosystem,
                name: package.name,
                ranges,
                versions: a.versions,
                vulnerable: Vec::new(),
                safe: None,
                informational,
            })
        })
        .collect();
    Ok(Advisory {
        id: raw.id,
        aliases: raw.aliases,
        summary: raw.summary.unwrap_or_default(),
        details: first_paragraph(raw.details.as_deref().unwrap_or(""), 600),
        published: raw.published,
        modified: raw.modified,
        withdrawn: raw.withdrawn,
        severity: raw
            .severity
            .into_iter()
            .map(|s| Score {
                kind: s.kind,
                score: s.score,
            })
            .collect(),
        severity_label,
        affected,
        url,
    })
}

/// The OSV schema as far as steward reads it.
mod osv {
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub(super) struct Raw {
        #[serde(default)]
        pub id: String,
        #[serde(default)]
        pub aliases: Vec<String>,
        pub summary: Option<String>,
        pub details: Option<String>,
        pub published: Option<String>,
        pub modified: Option<String>,
        pub withdrawn: Option<String>,
        #[serde(default)]
        pub severity: Vec<RawSeverity>,
        #[serde(default)]
        pub affected: Vec<RawAffected>,
        #[serde(default)]
        pub references: Vec<RawReference>,
        pub database_specific: Option<serde_json::Map<String, serde_json::Value>>,
    }

    #[derive(Deserialize)]
    pub(super) struct RawSeverity {
        #[serde(rename = "type")]
        pub kind: String,
        pub score: String,
    }

    #[derive(Deserialize)]
    pub(super) struct RawAffected {
        pub package: Option<RawPackage>,
        #[serde(default)]
        pub ranges: Vec<RawRange>,
        #[serde(default)]
        pub versions: Vec<String>,
        pub database_specific: Option<serde_json::Map<String, serde_json::Value>>,
    }

    #[derive(Deserialize)]
    pub(super) struct RawPackage {
        pub ecosystem: String,
        pub name: String,
    }

    #[derive(Deserialize)]
    pub(super) struct RawRange {
        #[serde(rename = "type")]
        pub kind: String,
        #[serde(default)]
        pub events: Vec<RawEvent>,
    }

    #[derive(Deserialize)]
    pub(super) struct RawEvent {
        introduced: Option<String>,
        fixed: Option<String>,
        last_affected: Option<String>,
        limit: Option<String>,
    }

    impl RawEvent {
        pub fn into_event(self) -> Option<super::Event> {
            use super::Event;
            self.introduced
                .map(Event::Introduced)
                .or(self.fixed.map(Event::Fixed))
                .or(self.last_affected.map(Event::LastAffected))
                .or(self.limit.map(Event::Limit))
        }
    }

    #[derive(Deserialize)]
    pub(super) struct RawReference {
        #[serde(rename = "type", default)]
        pub kind: String,
        #[serde(default)]
        pub url: String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osv_records_keep_what_matching_needs() {
        let json = br#"{
          "id": "GHSA-xxxx-yyyy-zzzz", "aliases": ["CVE-2024-1"], "summary": "bad",
          "details": "First para.\n\nSecond para.", "withdrawn": "2024-02-01T00:00:00Z",
          "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
          "affected": [{
            "package": {"ecosystem": "PyPI", "name": "Django"},
            "ranges": [
              {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "4.2.1"}]},
              {"type": "GIT", "repo": "x", "events": [{"introduced": "abc"}]}
            ],
            "versions": ["4.2"]
          }],
          "references": [{"type": "WEB", "url": "https://example.com/w"},
                         {"type": "ADVISORY", "url": "https://example.com/a"}],
          "database_specific": {"severity": "HIGH"}
        }"#;
        let a = parse_osv("a.json", json).unwrap();
        assert_eq!(a.details, "First para.");
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.severity_label.as_deref(), Some("HIGH"));
        assert!(a.withdrawn.is_some());
        assert_eq!(a.affected.len(), 1);
        assert_eq!(a.affected[0].ranges.len(), 1, "GIT ranges are dropped");
        assert_eq!(
            a.affected[0].ranges[0].events,
            [Event::Introduced("0".into()), Event::Fixed("4.2.1".into())]
        );
        assert!(parse_osv("b.json", b"{\"id\": 3}").is_err());
        assert!(parse_osv("c.json", b"{}").is_err());
    }
}
