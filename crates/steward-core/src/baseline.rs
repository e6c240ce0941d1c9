//! The baseline: fingerprints of findings a team has accepted for now, so a scan reports
//! only what is new. Stored as `.steward/baseline.json`.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Fingerprint};

pub const DEFAULT_BASELINE_PATH: &str = ".steward/baseline.json";
const VERSION: u32 = 1;

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
    #[error("baseline {path} has version {found}; this steward reads version {VERSION}")]
    Version { path: String, found: u32 },
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
        if b.version != VERSION {
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
