//! The DLP engine: hits turned into steward `Finding`s with masked snippets, and the
//! per-object summary `steward dlp` compares with what steward.toml says an asset holds.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::Value;
use steward_core::collect::Skipped;
use steward_core::engine::{Engine, SourceFile};
use steward_core::{Confidence, Finding, LineIndex, Rule};

use crate::class::Class;
use crate::container::{Limits, extract_text};
use crate::rules::RuleLoadError;
use crate::scan::{Classifier, Hit};

/// Finds sensitive data in bytes. Defined here for DAST and monitoring to reuse; it belongs
/// in steward-core (engines do not depend on each other), where it should move.
pub trait SensitiveDataDetector: Send + Sync {
    fn detect(&self, bytes: &[u8]) -> Vec<Hit>;
}

impl SensitiveDataDetector for Classifier {
    fn detect(&self, bytes: &[u8]) -> Vec<Hit> {
        self.classify(bytes)
    }
}

/// Longest snippet line kept whole; longer lines (minified JSON, CSV rows) are cut to a
/// window around the value.
const MAX_SNIPPET: usize = 240;

/// The `dlp` engine: every text file's sensitive values as findings `dlp/<class>`.
pub struct DlpEngine {
    classifier: Classifier,
    rules: Vec<Rule>,
}

impl DlpEngine {
    /// The engine with the built-in rules.
    pub fn new() -> Result<Self, RuleLoadError> {
        Ok(Self::with_classifier(Classifier::builtin()?))
    }

    pub fn with_classifier(classifier: Classifier) -> Self {
        let rules = classifier
            .rules()
            .classes
            .iter()
            .map(|c| c.rule.clone())
            .collect();
        DlpEngine { classifier, rules }
    }

    pub fn classifier(&self) -> &Classifier {
        &self.classifier
    }

    /// Findings for every hit in `bytes`, located in `path` (a file, or an object name
    /// such as `s3://bucket/key` or `db.table.column`).
    pub fn findings(&self, path: &str, bytes: &[u8]) -> Vec<Finding> {
        let hits = self.classifier.classify(bytes);
        findings_for_hits(&self.classifier, path, bytes, &hits)
    }
}

/// What one object (a file, a bucket key, a database column's dump) holds.
#[derive(Debug, Default)]
pub struct ObjectScan {
    /// Findings located in the object's text parts (`name`, or `name!entry` inside an
    /// archive).
    pub findings: Vec<Finding>,
    /// Per-class counts over every part, to compare with the asset's `holds`.
    pub summary: ClassSummary,
    /// Parts that could not be read (binary, encrypted, too large, a zip bomb), with why.
    pub skipped: Vec<Skipped>,
    /// Bytes of text classified.
    pub text_bytes: u64,
}

impl DlpEngine {
    /// Scan one stored object: its text, or the text inside it when it is gzip, zip, docx,
    /// xlsx or pptx, decompressed within `limits`.
    pub fn scan_object(&self, name: &str, bytes: &[u8], limits: &Limits) -> ObjectScan {
        let extracted = extract_text(name, bytes, limits);
        let mut scan = ObjectScan {
            skipped: extracted.skipped,
            ..Default::default()
        };
        let mut all_hits = Vec::new();
        for part in &extracted.parts {
            let hits = self.classifier.classify(&part.text);
            scan.text_bytes += part.text.len() as u64;
            scan.findings.extend(findings_for_hits(
                &self.classifier,
                &part.name,
                &part.text,
                &hits,
            ));
            all_hits.extend(hits);
        }
        scan.summary = summarize(&all_hits);
        scan
    }
}

impl SensitiveDataDetector for DlpEngine {
    fn detect(&self, bytes: &[u8]) -> Vec<Hit> {
        self.classifier.classify(bytes)
    }
}

impl Engine for DlpEngine {
    fn name(&self) -> &'static str {
        "dlp"
    }

    fn rules(&self) -> &[Rule] {
        &self.rules
    }

    fn wants_file(&self, _rel_path: &str) -> bool {
        true
    }

    fn scan_file(&self, file: &SourceFile<'_>, out: &mut Vec<Finding>) {
        out.extend(self.findings(file.rel_path, file.bytes));
    }
}

/// Turn `hits` (from `text`) into findings: the location of each value, the line with every
/// value on it masked, a fingerprint over the raw value (a hash: the value is not stored),
/// and `data_class`, `masked`, `score` and the class's properties.
pub fn findings_for_hits(
    classifier: &Classifier,
    path: &str,
    text: &[u8],
    hits: &[Hit],
) -> Vec<Finding> {
    if hits.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(text);
    let mut seen: HashMap<(Class, &[u8]), usize> = HashMap::new();
    let mut out = Vec::with_capacity(hits.len());
    for hit in hits {
        let rule = &classifier.rules().get(hit.class).rule;
        let raw = &text[hit.start..hit.end];
        let mut location = index.location(path, text, hit.start, hit.end);
        location.snippet = Some(masked_line(text, &index, hits, hit));
        let message = format!("{} {} in clear text", rule.title, hit.masked);
        let mut finding = Finding::new(rule, message, location, raw);
        let n = seen.entry((hit.class, raw)).or_insert(0);
        finding.fingerprint = finding.fingerprint.occurrence(*n);
        *n += 1;
        finding.confidence = hit.confidence;
        let props = &mut finding.properties;
        props.insert(
            "data_class".into(),
            Value::String(hit.class.data_class().into()),
        );
        props.insert("masked".into(), Value::String(hit.masked.clone()));
        props.insert("score".into(), Value::from(hit.score));
        props.extend(hit.properties());
        out.push(finding);
    }
    out
}

/// The line holding `hit`, with every value on it masked, cut to a window around `hit`
/// when long.
fn masked_line(text: &[u8], index: &LineIndex, hits: &[Hit], hit: &Hit) -> String {
    let (line_no, _) = index.line_col(text, hit.start);
    let line = index.line_text(text, line_no);
    let line_start = line.as_ptr() as usize - text.as_ptr() as usize;
    let line_end = line_start + line.len();
    let mut out: Vec<u8> = Vec::with_capacity(line.len());
    let mut pos = line_start;
    let mut at = 0;
    for h in hits
        .iter()
        .filter(|h| h.end > line_start && h.start < line_end)
    {
        let s = h.start.max(pos);
        out.extend_from_slice(&text[pos..s]);
        if std::ptr::eq(h, hit) {
            at = out.len();
        }
        out.extend_from_slice(h.masked.as_bytes());
        pos = h.end.min(line_end).max(pos);
    }
    out.extend_from_slice(&text[pos.min(line_end)..line_end]);
    if out.len() > MAX_SNIPPET {
        let from = at.saturating_sub(MAX_SNIPPET / 2);
        let to = (from + MAX_SNIPPET).min(out.len());
        let cut = String::from_utf8_lossy(&out[from..to]);
        let cut = cut
            .trim_start_matches('\u{FFFD}')
            .trim_end_matches('\u{FFFD}');
        return format!("…{cut}…");
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What one object (file, bucket key, table column) holds, per class.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ClassSummary {
    pub classes: BTreeMap<Class, ClassStats>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassStats {
    /// The steward.toml data class: `cardholder`, `health`, `pii`, `financial`.
    pub data_class: &'static str,
    pub count: usize,
    /// A masked example (the most confident hit's).
    pub example: String,
    pub max_confidence: Confidence,
    pub max_score: u8,
}

impl ClassSummary {
    /// The steward.toml data classes found, for comparison with an asset's `holds`.
    pub fn data_classes(&self) -> Vec<&'static str> {
        let mut v: Vec<_> = self.classes.values().map(|s| s.data_class).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    pub fn is_empty(&self) -> bool {
        self.classes.is_empty()
    }
}

/// Count `hits` per class, with a masked example and the highest confidence of each.
pub fn summarize(hits: &[Hit]) -> ClassSummary {
    let mut classes: BTreeMap<Class, ClassStats> = BTreeMap::new();
    for hit in hits {
        let stats = classes.entry(hit.class).or_insert_with(|| ClassStats {
            data_class: hit.class.data_class(),
            count: 0,
            example: hit.masked.clone(),
            max_confidence: hit.confidence,
            max_score: hit.score,
        });
        stats.count += 1;
        if hit.score > stats.max_score {
            stats.max_score = hit.score;
            stats.max_confidence = hit.confidence;
            stats.example = hit.masked.clone();
        }
    }
    ClassSummary { classes }
}
