//! Report writers: the same run rendered as human text, JSON, SARIF 2.1.0, JUnit XML or
//! Markdown. Writers are pure functions from a `Report` to bytes: they never read the clock,
//! the environment or the file system, so the same `Report` always renders the same output.
//!
//! - [`render_text`]: compiler-style diagnostics for a terminal.
//! - [`render_json`]: the whole run as one document, described by the published JSON Schema
//!   `docs/schema/report.schema.json` (id [`JSON_SCHEMA_ID`]).
//! - [`render_sarif`]: SARIF 2.1.0 for code scanning platforms.
//! - [`render_junit`]: JUnit XML for CI dashboards, one test suite per engine.
//! - [`render_markdown`]: a summary and the findings, sized for a pull-request comment.
//! - [`render_review`]: `steward review`'s report, with its sign-off and its parts.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::collect::Skipped;
use crate::finding::Finding;
use crate::rule::RuleCatalog;
use crate::triage::{GateOutcome, SeverityCounts, SuppressedFinding};

mod json;
mod junit;
mod markdown;
mod review;
mod sarif;
mod text;

pub use json::{JSON_SCHEMA_ID, render_json};
pub use junit::render_junit;
pub use markdown::render_markdown;
pub use review::{
    AnalysedScope, Approval, ReviewSummary, SignOff, SignOffStatus, render_review,
    render_review_markdown,
};
pub use sarif::{SARIF_FINGERPRINT_KEY, SARIF_SCHEMA_URI, render_sarif};
pub use text::{SNIPPET_COLUMN_PROPERTY, render_text};

/// Output formats every reporting command offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Junit,
    Markdown,
}

impl Format {
    pub const NAMES: &'static [&'static str] = &["text", "json", "sarif", "junit", "markdown"];
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            "junit" => Ok(Format::Junit),
            "markdown" | "md" => Ok(Format::Markdown),
            other => Err(format!(
                "unknown format `{other}`: expected one of {}",
                Format::NAMES.join(", ")
            )),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Markdown => "markdown",
        })
    }
}

/// Everything a writer needs to know about one run.
#[derive(Debug, Clone, Serialize)]
pub struct Report<'a> {
    pub tool_version: &'a str,
    /// The command that ran: `scan`, `dlp`, `monitor run`, ...
    pub command: &'a str,
    /// What was checked: a path, a URL, a git range.
    pub target: &'a str,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub finished_at: chrono::DateTime<chrono::Utc>,
    /// Engines that ran.
    pub engines: &'a [String],
    /// Findings that count, in reading order.
    pub findings: &'a [Finding],
    pub suppressed: &'a [SuppressedFinding],
    pub baselined: usize,
    pub skipped: &'a [Skipped],
    pub files_scanned: usize,
    pub bytes_scanned: u64,
    #[serde(skip)]
    pub rules: &'a RuleCatalog,
    pub gate: &'a GateOutcome,
}

impl Report<'_> {
    pub fn counts(&self) -> SeverityCounts {
        SeverityCounts::of(self.findings)
    }

    pub fn duration_secs(&self) -> f64 {
        self.duration_ms() as f64 / 1000.0
    }

    /// Wall time of the run in milliseconds; zero if the clock went backwards.
    pub fn duration_ms(&self) -> u64 {
        u64::try_from((self.finished_at - self.started_at).num_milliseconds()).unwrap_or(0)
    }

    /// Skips grouped by reason kind, in name order, e.g. [("binary", 3), ("too large", 1)].
    pub fn skip_counts(&self) -> Vec<(&'static str, usize)> {
        let mut counts: Vec<(&'static str, usize)> = Vec::new();
        for s in self.skipped {
            let k = s.reason.kind();
            match counts.iter_mut().find(|(name, _)| *name == k) {
                Some((_, n)) => *n += 1,
                None => counts.push((k, 1)),
            }
        }
        counts.sort();
        counts
    }
}

/// Render `report` in `format`. `color` applies to text only.
pub fn render(report: &Report<'_>, format: Format, color: bool) -> Vec<u8> {
    match format {
        Format::Text => render_text(report, color),
        Format::Json => render_json(report),
        Format::Sarif => render_sarif(report),
        Format::Junit => render_junit(report),
        Format::Markdown => render_markdown(report),
    }
    .into_bytes()
}

/// `path:line` of a suppression comment split into its parts; `None` for the line when
/// `by` does not end in a line number.
pub(crate) fn split_suppression_site(by: &str) -> (&str, Option<u32>) {
    match by.rsplit_once(':') {
        Some((path, line)) if !path.is_empty() => match line.parse() {
            Ok(n) => (path, Some(n)),
            Err(_) => (by, None),
        },
        _ => (by, None),
    }
}

/// Engines to report on: those that ran, in the order given, then any other engine a
/// finding names (triage's own `steward` rules), sorted.
pub(crate) fn engines_in(report: &Report<'_>) -> Vec<String> {
    let mut engines: Vec<String> = Vec::new();
    for e in report.engines {
        if !engines.contains(e) {
            engines.push(e.clone());
        }
    }
    let mut extra: Vec<String> = report
        .findings
        .iter()
        .chain(report.suppressed.iter().map(|s| &s.finding))
        .map(|f| f.engine.clone())
        .filter(|e| !engines.contains(e))
        .collect();
    extra.sort();
    extra.dedup();
    engines.extend(extra);
    engines
}
