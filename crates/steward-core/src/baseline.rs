//! The baseline: fingerprints of findings a team has accepted for now, so a scan reports
//! only what is new. Stored as `.steward/baseline.json`.
//!
//! Version 2 keys the fingerprints of secrets (see [`crate::fingerprint_key`]) and records
//! the id of the key. A version 1 file still serves every other engine's findings; its
//! secret entries were unkeyed hashes, which [`Baseline::check_secret_key`] refuses with
//! the steps to rewrite them.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Fingerprint};

pub const DEFAULT_BASELINE_PATH: &str = ".steward/baseline.json";
const VERSION: u32 = 2;
/// The last version whose secret fingerprints were unkeyed hashes.
const UNKEYED_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub fingerprint: Fingerprint,
    pub rule_id: String,
    pub path: String,
    /// Where it was when baselined; informational only, matching is by fingerprint.
    #[serde(default)]
    pub line: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub generated_by: String,
    pub generated_at: String,
    /// The id of the fingerprint key its secret entries were made with
    /// ([`crate::fingerprint_key::FingerprintKey::id`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint_key: Option<String>,
    pub findings: Vec<BaselineEntry>,
    #[serde(skip)]
    index: HashSet<Fingerprint>,
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("reading baseline {path}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "baseline {path} is not a steward baseline; regenerate it with `steward scan --update-baseline`"
    )]
    Parse {
        path: String,
        source: serde_json::Error,
    },
    #[error(
        "baseline {path} has version {found}; this steward reads versions 1 and {VERSION}: \
         upgrade steward, or rewrite the baseline with `steward scan --update-baseline`"
    )]
    Version { path: String, found: u32 },
    #[error(
        "baseline {path} was written by an older steward and holds {count} secret \
         fingerprint{s} made without a key, which anyone holding the file can reverse into \
         short secrets by guessing; steward no longer makes them, so they match nothing. \
         Review the secrets with `steward scan --no-baseline --engines secrets`, then rewrite \
         the baseline with `steward scan --update-baseline` and commit it with \
         .steward/fingerprint.key (or set STEWARD_FINGERPRINT_KEY in CI)",
        s = if *count == 1 { "" } else { "s" }
    )]
    UnkeyedSecrets { path: String, count: usize },
    #[error(
        "baseline {path} holds {count} secret fingerprint{s} made with fingerprint key \
         {baseline_key}, but this scan's key is {current_key} (from {current_source}), so \
         none of them would match. Use the key the baseline was made with: commit \
         .steward/fingerprint.key together with the baseline, or set STEWARD_FINGERPRINT_KEY \
         to it; if that key is lost, rewrite the baseline with `steward scan --update-baseline`",
        s = if *count == 1 { "" } else { "s" }
    )]
    KeyMismatch {
        path: String,
        count: usize,
        baseline_key: String,
        current_key: String,
        current_source: String,
    },
    #[error("writing baseline {path}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

impl Baseline {
    pub fn from_findings<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        let mut entries: Vec<BaselineEntry> = findings
            .into_iter()
            .map(|f| BaselineEntry {
                fingerprint: f.fingerprint.clone(),
                rule_id: f.rule_id.clone(),
                path: f.location.path.clone(),
                line: f.location.start_line,
            })
            .collect();
        entries.sort_by(|a, b| (&a.path, a.line, &a.rule_id).cmp(&(&b.path, b.line, &b.rule_id)));
        entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        let mut b = Baseline {
            version: VERSION,
            generated_by: format!("steward {}", env!("CARGO_PKG_VERSION")),
            generated_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            fingerprint_key: None,
            findings: entries,
            index: HashSet::new(),
        };
        b.reindex();
        b
    }

    fn reindex(&mut self) {
        self.index = self
            .findings
            .iter()
            .map(|e| e.fingerprint.clone())
            .collect();
    }

    pub fn load(path: &Path) -> Result<Self, BaselineError> {
        let shown = path.display().to_string();
        let text = std::fs::read(path).map_err(|source| BaselineError::Read {
            path: shown.clone(),
            source,
        })?;
        let mut b: Baseline =
            serde_json::from_slice(&text).map_err(|source| BaselineError::Parse {
                path: shown.clone(),
                source,
            })?;
        if !(UNKEYED_VERSION..=VERSION).contains(&b.version) {
            return Err(BaselineError::Version {
                path: shown,
                found: b.version,
            });
        }
        b.reindex();
        Ok(b)
    }

    pub fn save(&self, path: &Path) -> Result<(), BaselineError> {
        let mut json = serde_json::to_vec_pretty(self).expect("baseline serializes");
        json.push(b'\n');
        crate::output::write_atomic(path, &json).map_err(|source| BaselineError::Write {
            path: path.display().to_string(),
            source,
        })
    }

    /// Record the id of the key the secret fingerprints were made with.
    pub fn with_fingerprint_key(mut self, key_id: Option<String>) -> Self {
        self.fingerprint_key = key_id;
        self
    }

    /// Entries for secrets: the only ones whose fingerprints are keyed.
    fn secret_entries(&self) -> usize {
        self.findings
            .iter()
            .filter(|e| e.rule_id.starts_with("secrets/"))
            .count()
    }

    /// Whether this baseline's secret entries can match fingerprints made with the key
    /// `current_key` (its id), described by `current_source` in the error. A baseline
    /// without secret entries always can.
    pub fn check_secret_key(
        &self,
        path: &Path,
        current_key: &str,
        current_source: &str,
    ) -> Result<(), BaselineError> {
        let count = self.secret_entries();
        if count == 0 {
            return Ok(());
        }
        let path = path.display().to_string();
        if self.version <= UNKEYED_VERSION {
            return Err(BaselineError::UnkeyedSecrets { path, count });
        }
        match &self.fingerprint_key {
            Some(id) if id == current_key => Ok(()),
            other => Err(BaselineError::KeyMismatch {
                path,
                count,
                baseline_key: other.clone().unwrap_or_else(|| "(none recorded)".into()),
                current_key: current_key.to_string(),
                current_source: current_source.to_string(),
            }),
        }
    }

    pub fn contains(&self, fp: &Fingerprint) -> bool {
        self.index.contains(fp)
    }

    pub fn len(&self) -> usize {
        self.findings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, version: u32, key: Option<&str>, rule: &str) -> std::path::PathBuf {
        let p = dir.join("baseline.json");
        let doc = serde_json::json!({
            "version": version,
            "generated_by": "steward test",
            "generated_at": "2026-01-01T00:00:00Z",
            "fingerprint_key": key,
            "findings": [{"fingerprint": "00ff", "rule_id": rule, "path": "a.env", "line": 1}],
        });
        std::fs::write(&p, doc.to_string()).unwrap();
        p
    }

    #[test]
    fn old_baselines_serve_other_engines_but_refuse_unkeyed_secrets() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), 1, None, "code/python/eval");
        let b = Baseline::load(&p).unwrap();
        assert!(b.contains(&Fingerprint("00ff".into())));
        assert!(b.check_secret_key(&p, "k1", "K").is_ok());

        let p = write(dir.path(), 1, None, "secrets/generic-password");
        let e = Baseline::load(&p)
            .unwrap()
            .check_secret_key(&p, "k1", "K")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("1 secret fingerprint made without a key")
                && e.contains("--update-baseline"),
            "{e}"
        );
    }

    #[test]
    fn a_baseline_names_its_key_and_refuses_another() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), 2, Some("k1"), "secrets/generic-password");
        let b = Baseline::load(&p).unwrap();
        assert!(b.check_secret_key(&p, "k1", "K").is_ok());
        let e = b
            .check_secret_key(&p, "k2", ".steward/fingerprint.key, created by this run")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("fingerprint key k1") && e.contains("this scan's key is k2"),
            "{e}"
        );
        assert!(
            e.contains("created by this run") && e.contains("commit"),
            "{e}"
        );

        let p = write(dir.path(), 3, None, "code/x");
        assert!(matches!(
            Baseline::load(&p),
            Err(BaselineError::Version { found: 3, .. })
        ));
    }

    #[test]
    fn a_written_baseline_records_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.json");
        Baseline::from_findings([])
            .with_fingerprint_key(Some("abc".into()))
            .save(&p)
            .unwrap();
        let b = Baseline::load(&p).unwrap();
        assert_eq!(b.version, 2);
        assert_eq!(b.fingerprint_key.as_deref(), Some("abc"));
    }
}
