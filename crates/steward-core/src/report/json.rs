//! steward's own JSON document: the whole run, for scripts, dashboards and anything that is
//! not a code scanning platform. Its shape is published as a JSON Schema (draft 2020-12) at
//! `docs/schema/report.schema.json`; a test validates real output against it.
//!
//! Field names are snake_case and stable within a schema version: every key is always
//! present (an absent value is `null`, an empty list `[]`), so consumers never need to
//! guess whether a key was dropped. A breaking change bumps [`JSON_SCHEMA_ID`].

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use super::review::ReviewSummary;
use super::{Report, split_suppression_site};
use crate::collect::{SkipReason, Skipped};
use crate::finding::{Finding, Location};
use crate::triage::SuppressedFinding;

/// The value of the document's `schema` field, and the `$id` of the published schema.
pub const JSON_SCHEMA_ID: &str = "urn:steward:report:v1";

/// Render the run as a pretty-printed JSON document, ending in a newline.
pub fn render_json(report: &Report<'_>) -> String {
    write_json(&JsonReport::from(report))
}

/// [`render_json`] with `steward review`'s summary under `review`.
pub(crate) fn render_json_with_review(report: &Report<'_>, review: &ReviewSummary) -> String {
    let mut doc = JsonReport::from(report);
    doc.review = Some(review);
    write_json(&doc)
}

fn write_json(doc: &JsonReport<'_>) -> String {
    // Every value here is a string, a number, a bool or a `serde_json::Value`, and every map
    // key a string, so serialization cannot fail whatever the input.
    let mut out = serde_json::to_string_pretty(doc).expect("report JSON always serializes");
    out.push('\n');
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    tool: Tool<'a>,
    command: &'a str,
    target: &'a str,
    started_at: String,
    finished_at: String,
    duration_ms: u64,
    engines: &'a [String],
    gate: Gate<'a>,
    counts: Counts,
    files_scanned: usize,
    bytes_scanned: u64,
    findings: Vec<JsonFinding<'a>>,
    suppressed: Vec<Suppressed<'a>>,
    baselined: usize,
    skipped: Vec<Skip<'a>>,
    /// `steward review` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    review: Option<&'a ReviewSummary>,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct Gate<'a> {
    fail_on: &'a str,
    passed: bool,
    blocking: usize,
}

#[derive(Serialize)]
struct Counts {
    critical: usize,
    high: usize,
    medium: usize,
    low: usize,
    info: usize,
    total: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule_id: &'a str,
    title: &'a str,
    severity: &'static str,
    confidence: &'static str,
    message: &'a str,
    location: JsonLocation<'a>,
    cwe: Vec<String>,
    owasp: Option<&'static str>,
    requirements: &'a [String],
    remediation: Option<&'a str>,
    fingerprint: &'a str,
    engine: &'a str,
    properties: &'a serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    flow: Vec<JsonFlowStep<'a>>,
}

#[derive(Serialize)]
struct JsonFlowStep<'a> {
    location: JsonLocation<'a>,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    path: &'a str,
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    snippet: Option<&'a str>,
}

#[derive(Serialize)]
struct Suppressed<'a> {
    finding: JsonFinding<'a>,
    reason: Option<&'a str>,
    /// Where the suppression comment is.
    suppressed_at: SuppressionSite<'a>,
}

#[derive(Serialize)]
struct SuppressionSite<'a> {
    path: &'a str,
    line: Option<u32>,
}

#[derive(Serialize)]
struct Skip<'a> {
    path: &'a str,
    /// Machine-readable kind: `binary`, `too-large`, `unreadable`, ...
    reason: &'static str,
    /// The reason in words, as the text output gives it.
    message: String,
    size: Option<u64>,
    limit: Option<u64>,
    error: Option<&'a str>,
    target: Option<&'a str>,
    time_limit_ms: Option<u64>,
}

fn timestamp(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl<'a> From<&'a Report<'a>> for JsonReport<'a> {
    fn from(r: &'a Report<'a>) -> Self {
        let c = r.counts();
        JsonReport {
            schema: JSON_SCHEMA_ID,
            tool: Tool {
                name: "steward",
                version: r.tool_version,
            },
            command: r.command,
            target: r.target,
            started_at: timestamp(&r.started_at),
            finished_at: timestamp(&r.finished_at),
            duration_ms: r.duration_ms(),
            engines: r.engines,
            gate: Gate {
                fail_on: &r.gate.fail_on,
                passed: r.gate.passed,
                blocking: r.gate.blocking,
            },
            counts: Counts {
                critical: c.critical,
                high: c.high,
                medium: c.medium,
                low: c.low,
                info: c.info,
                total: c.total(),
            },
            files_scanned: r.files_scanned,
            bytes_scanned: r.bytes_scanned,
            findings: r.findings.iter().map(JsonFinding::from).collect(),
            suppressed: r.suppressed.iter().map(Suppressed::from).collect(),
            baselined: r.baselined,
            skipped: r.skipped.iter().map(Skip::from).collect(),
            review: None,
        }
    }
}

impl<'a> From<&'a Finding> for JsonFinding<'a> {
    fn from(f: &'a Finding) -> Self {
        JsonFinding {
            rule_id: &f.rule_id,
            title: &f.title,
            severity: f.severity.as_str(),
            confidence: f.confidence.as_str(),
            message: &f.message,
            location: JsonLocation::from(&f.location),
            cwe: f.cwe.iter().map(ToString::to_string).collect(),
            owasp: f.owasp.map(|o| o.id()),
            requirements: &f.requirements,
            remediation: f.remediation.as_deref(),
            fingerprint: f.fingerprint.as_str(),
            engine: &f.engine,
            properties: &f.properties,
            flow: f
                .flow
                .iter()
                .map(|s| JsonFlowStep {
                    location: JsonLocation::from(&s.location),
                    message: &s.message,
                })
                .collect(),
        }
    }
}

impl<'a> From<&'a Location> for JsonLocation<'a> {
    fn from(l: &'a Location) -> Self {
        JsonLocation {
            path: &l.path,
            start_line: l.start_line,
            start_column: l.start_column,
            end_line: l.end_line,
            end_column: l.end_column,
            snippet: l.snippet.as_deref(),
        }
    }
}

impl<'a> From<&'a SuppressedFinding> for Suppressed<'a> {
    fn from(s: &'a SuppressedFinding) -> Self {
        let (path, line) = split_suppression_site(&s.by);
        Suppressed {
            finding: JsonFinding::from(&s.finding),
            reason: s.reason.as_deref(),
            suppressed_at: SuppressionSite { path, line },
        }
    }
}

impl<'a> From<&'a Skipped> for Skip<'a> {
    fn from(s: &'a Skipped) -> Self {
        let mut skip = Skip {
            path: &s.path,
            reason: skip_kind(&s.reason),
            message: s.reason.to_string(),
            size: None,
            limit: None,
            error: None,
            target: None,
            time_limit_ms: None,
        };
        match &s.reason {
            SkipReason::Binary => {}
            SkipReason::TooLarge { size, limit } => {
                skip.size = Some(*size);
                skip.limit = Some(*limit);
            }
            SkipReason::Unreadable { error } | SkipReason::Malformed { error } => {
                skip.error = Some(error);
            }
            SkipReason::SymlinkOutsideRoot { target } => skip.target = Some(target),
            SkipReason::TimedOut { limit_ms, .. } => skip.time_limit_ms = Some(*limit_ms),
        }
        skip
    }
}

/// The kebab-case tag `SkipReason` serializes with, so the JSON report and the skip records
/// other commands write agree.
fn skip_kind(reason: &SkipReason) -> &'static str {
    match reason {
        SkipReason::Binary => "binary",
        SkipReason::TooLarge { .. } => "too-large",
        SkipReason::Unreadable { .. } => "unreadable",
        SkipReason::SymlinkOutsideRoot { .. } => "symlink-outside-root",
        SkipReason::Malformed { .. } => "malformed",
        SkipReason::TimedOut { .. } => "timed-out",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_kinds_match_the_serde_tags() {
        let reasons = [
            SkipReason::Binary,
            SkipReason::TooLarge { size: 2, limit: 1 },
            SkipReason::Unreadable { error: "e".into() },
            SkipReason::SymlinkOutsideRoot { target: "t".into() },
            SkipReason::Malformed { error: "e".into() },
            SkipReason::TimedOut {
                stage: "parsing".into(),
                limit_ms: 5,
            },
        ];
        for reason in reasons {
            let tagged = serde_json::to_value(&reason).unwrap();
            assert_eq!(tagged["reason"], skip_kind(&reason), "{reason:?}");
        }
    }
}
