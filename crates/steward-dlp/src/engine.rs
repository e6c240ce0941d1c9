//! The DLP engine: hits turned into steward `Finding`s with masked snippets, and the
//! per-object summary `steward dlp` compares with what steward.toml says an asset holds.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::Value;
use steward_core::collect::Skipped;
use steward_core::engine::{Engine, SourceFile};
use steward_core::{Confidence, Finding, FingerprintKey, Location, Rule};

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

/// Bytes of a long line (minified JSON, a wide CSV row) kept around a value in its
/// snippet.
const MAX_SNIPPET: usize = 240;

/// The `dlp` engine: every text file's sensitive values as findings `dlp/<class>`.
///
/// Fingerprints are HMACs under a [`FingerprintKey`], the project's (give it with
/// [`DlpEngine::with_fingerprint_key`]) or else one made for this engine alone. A card
/// number or national id has so little entropy that a plain hash of it, printed beside its
/// masked form, is reversed by trying every value that fits the mask.
pub struct DlpEngine {
    classifier: Classifier,
    rules: Vec<Rule>,
    fingerprint_key: FingerprintKey,
}

impl DlpEngine {
    /// The engine with the built-in rules and a throw-away fingerprint key.
    pub fn new() -> Result<Self, RuleLoadError> {
        Self::with_classifier(Classifier::builtin()?)
    }

    /// The engine with `classifier` and a throw-away fingerprint key.
    pub fn with_classifier(classifier: Classifier) -> Result<Self, RuleLoadError> {
        let rules = classifier
            .rules()
            .classes
            .iter()
            .map(|c| c.rule.clone())
            .collect();
        let fingerprint_key =
            FingerprintKey::generate().map_err(|e| RuleLoadError::FingerprintKey(e.to_string()))?;
        Ok(DlpEngine {
            classifier,
            rules,
            fingerprint_key,
        })
    }

    /// Make fingerprints with `key`, the project's, so they stay the same from run to run
    /// and match what other steward commands report.
    pub fn with_fingerprint_key(mut self, key: FingerprintKey) -> Self {
        self.fingerprint_key = key;
        self
    }

    pub fn fingerprint_key(&self) -> &FingerprintKey {
        &self.fingerprint_key
    }

    pub fn classifier(&self) -> &Classifier {
        &self.classifier
    }

    /// Findings for every hit in `bytes`, located in `path` (a file, or an object name
    /// such as `s3://bucket/key` or `db.table.column`).
    pub fn findings(&self, path: &str, bytes: &[u8]) -> Vec<Finding> {
        let hits = self.classifier.classify(bytes);
        self.findings_for_hits(path, bytes, &hits)
    }

    /// Findings for `hits`, already found in `text`, with this engine's fingerprint key.
    pub fn findings_for_hits(&self, path: &str, text: &[u8], hits: &[Hit]) -> Vec<Finding> {
        findings_for_hits(&self.classifier, &self.fingerprint_key, path, text, hits)
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
            scan.findings
                .extend(self.findings_for_hits(&part.name, &part.text, &hits));
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

/// Turn `hits` (from `text`, in order) into findings: the location of each value, its
/// line with every value on it masked, a fingerprint over the raw value (an HMAC under
/// `key`: the value is not stored, and cannot be found again by hashing guesses), and
/// `data_class`, `masked`, `score` and the class's properties.
///
/// Lines and columns are computed in one forward pass, so a single 100 MB line of JSON
/// with a million values costs one read of it, not a million.
pub fn findings_for_hits(
    classifier: &Classifier,
    key: &FingerprintKey,
    path: &str,
    text: &[u8],
    hits: &[Hit],
) -> Vec<Finding> {
    let mut seen: HashMap<(Class, &[u8]), usize> = HashMap::new();
    let mut out = Vec::with_capacity(hits.len());
    let mut cursor = LineCursor::default();
    for (i, hit) in hits.iter().enumerate() {
        let rule = &classifier.rules().get(hit.class).rule;
        let raw = &text[hit.start..hit.end];
        let (line, column, line_start, line_end) = cursor.advance(text, hit.start);
        let location = Location {
            path: path.to_string(),
            start_line: line,
            start_column: column,
            end_line: line,
            end_column: column + char_count(raw),
            snippet: Some(masked_snippet(text, hits, i, line_start, line_end)),
        };
        let message = format!("{} {} in clear text", rule.title, hit.masked);
        let n = seen.entry((hit.class, raw)).or_insert(0);
        let fingerprint = match key.fingerprint(&rule.id, path, raw) {
            first if *n == 0 => first,
            f => f.occurrence(*n),
        };
        *n += 1;
        let mut finding = Finding::with_fingerprint(rule, message, location, fingerprint);
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

/// Code points in `bytes` (UTF-8 lead bytes; an invalid byte counts as one).
fn char_count(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u32
}

/// Where the previous value was, so the next one's line and column are found by reading
/// only the bytes between them.
#[derive(Default)]
struct LineCursor {
    offset: usize,
    line: u32,
    column: u32,
    line_start: usize,
    line_end: usize,
}

impl LineCursor {
    /// (1-based line, 1-based column, line start, line end) of `offset`; offsets must not
    /// decrease between calls.
    fn advance(&mut self, text: &[u8], offset: usize) -> (u32, u32, usize, usize) {
        if self.line == 0 {
            *self = LineCursor {
                offset: 0,
                line: 1,
                column: 1,
                line_start: 0,
                line_end: line_end(text, 0),
            };
        }
        let offset = offset.max(self.offset);
        let between = &text[self.offset..offset];
        match memchr::memrchr(b'\n', between) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', between).count() as u32;
                self.line_start = self.offset + last + 1;
                self.line_end = line_end(text, self.line_start);
                self.column = 1 + char_count(&text[self.line_start..offset]);
            }
            None => self.column += char_count(between),
        }
        self.offset = offset;
        (self.line, self.column, self.line_start, self.line_end)
    }
}

fn line_end(text: &[u8], from: usize) -> usize {
    let end = memchr::memchr(b'\n', &text[from..]).map_or(text.len(), |p| from + p);
    if end > from && text[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

/// The line holding `hits[i]`, with every value on it masked; a long line is cut to a
/// window of about `MAX_SNIPPET` bytes around the value.
fn masked_snippet(
    text: &[u8],
    hits: &[Hit],
    i: usize,
    line_start: usize,
    line_end: usize,
) -> String {
    let hit = &hits[i];
    let half = MAX_SNIPPET / 2;
    let mut from = line_start.max(hit.start.saturating_sub(half));
    let mut to = line_end.min(hit.end + half).max(hit.end);
    // Never cut a value in two: widen the window over values at its edges.
    let first = hits[..i].partition_point(|h| h.end <= from);
    if let Some(h) = hits.get(first)
        && h.start < from
    {
        from = h.start;
    }
    let last = i + hits[i..].partition_point(|h| h.start < to);
    if let Some(h) = last.checked_sub(1).and_then(|l| hits.get(l))
        && h.end > to
    {
        to = h.end;
    }
    let mut out: Vec<u8> = Vec::with_capacity(to - from + 8);
    let mut pos = from;
    for h in &hits[first..last] {
        out.extend_from_slice(&text[pos..h.start.max(pos)]);
        out.extend_from_slice(h.masked.as_bytes());
        pos = h.end.max(pos);
    }
    out.extend_from_slice(&text[pos.min(to)..to]);
    let body = String::from_utf8_lossy(&out);
    let body = body
        .trim_start_matches('\u{FFFD}')
        .trim_end_matches('\u{FFFD}');
    let mut snippet = String::with_capacity(body.len() + 6);
    if from > line_start {
        snippet.push('…');
    }
    snippet.push_str(body);
    if to < line_end {
        snippet.push('…');
    }
    snippet
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

    /// Add `other`'s counts (another part of the same object, e.g. the next batch of a
    /// table's rows); the example stays the most confident one.
    pub fn merge(&mut self, other: ClassSummary) {
        for (class, stats) in other.classes {
            match self.classes.get_mut(&class) {
                None => {
                    self.classes.insert(class, stats);
                }
                Some(mine) => {
                    mine.count += stats.count;
                    if stats.max_score > mine.max_score {
                        mine.max_score = stats.max_score;
                        mine.max_confidence = stats.max_confidence;
                        mine.example = stats.example;
                    }
                }
            }
        }
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
