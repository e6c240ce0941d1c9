//! The one thing every engine produces: a `Finding`, with where it is and a fingerprint
//! that survives edits around it.

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::severity::{Confidence, Severity};
use crate::taxonomy::{Cwe, Owasp};

/// Where a finding is. Lines and columns are 1-based; columns count Unicode code points.
/// `path` is relative to the scan root, with `/` separators, or a URL/resource name for
/// targets that are not files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub path: String,
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// The source line(s) the finding is on, as they were read (already redacted where
    /// the engine redacts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
}

impl Location {
    /// A location that is a whole file or resource, with no line.
    pub fn whole(path: impl Into<String>) -> Self {
        Location {
            path: path.into(),
            start_line: 0,
            start_column: 0,
            end_line: 0,
            end_column: 0,
            snippet: None,
        }
    }

    /// The location of the byte range `start..end` in `text`, with the lines it spans as
    /// the snippet.
    pub fn from_span(path: impl Into<String>, text: &[u8], start: usize, end: usize) -> Self {
        let index = LineIndex::new(text);
        index.location(path, text, start, end)
    }

    pub fn has_line(&self) -> bool {
        self.start_line > 0
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.has_line() {
            write!(f, "{}:{}:{}", self.path, self.start_line, self.start_column)
        } else {
            f.write_str(&self.path)
        }
    }
}

/// Maps byte offsets in a text to 1-based line and column numbers.
pub struct LineIndex {
    /// Byte offset at which each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &[u8]) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 0-based line number holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based (line, column) of byte `offset`; the column counts code points.
    pub fn line_col(&self, text: &[u8], offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = String::from_utf8_lossy(&text[start..offset])
            .chars()
            .count()
            + 1;
        (line as u32 + 1, col as u32)
    }

    /// The bytes of 1-based line `line`, without its line ending.
    pub fn line_text<'t>(&self, text: &'t [u8], line: u32) -> &'t [u8] {
        let i = (line as usize).saturating_sub(1);
        let Some(&start) = self.starts.get(i) else {
            return &[];
        };
        let end = self.starts.get(i + 1).map_or(text.len(), |&e| e - 1);
        let slice = &text[start..end.max(start)];
        slice.strip_suffix(b"\r").unwrap_or(slice)
    }

    pub fn location(
        &self,
        path: impl Into<String>,
        text: &[u8],
        start: usize,
        end: usize,
    ) -> Location {
        let (start_line, start_column) = self.line_col(text, start);
        let (end_line, end_column) = self.line_col(text, end.max(start));
        let mut snippet = String::new();
        for line in start_line..=end_line.min(start_line + 4) {
            if !snippet.is_empty() {
                snippet.push('\n');
            }
            snippet.push_str(&String::from_utf8_lossy(self.line_text(text, line)));
        }
        Location {
            path: path.into(),
            start_line,
            start_column,
            end_line,
            end_column,
            snippet: Some(snippet),
        }
    }
}

/// A stable identity for a finding: the same finding keeps its fingerprint when lines are
/// added above it or whitespace changes, so baselines and suppressions-by-fingerprint
/// survive ordinary edits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fingerprint(pub String);

impl Fingerprint {
    /// Hash of the rule id, the path and the matched text with all whitespace removed.
    pub fn new(rule_id: &str, path: &str, matched: &[u8]) -> Self {
        let mut h = Sha256::new();
        h.update(rule_id.as_bytes());
        h.update([0]);
        h.update(path.as_bytes());
        h.update([0]);
        for chunk in matched.split(|b| b.is_ascii_whitespace()) {
            h.update(chunk);
        }
        Fingerprint(hex::encode(&h.finalize()[..16]))
    }

    /// The fingerprint of the `n`th (n >= 1) further occurrence of the same finding in the
    /// same file, so repeated identical findings stay distinct.
    pub fn occurrence(&self, n: usize) -> Self {
        if n == 0 {
            return self.clone();
        }
        let mut h = Sha256::new();
        h.update(self.0.as_bytes());
        h.update(n.to_le_bytes());
        Fingerprint(hex::encode(&h.finalize()[..16]))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One result of one rule at one location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule_id: String,
    pub title: String,
    pub severity: Severity,
    pub confidence: Confidence,
    pub message: String,
    pub location: Location,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cwe: Vec<Cwe>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owasp: Option<Owasp>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remediation: Option<String>,
    pub fingerprint: Fingerprint,
    /// The engine that produced it: `secrets`, `code`, `deps`, `iac`, ...
    pub engine: String,
    /// Engine-specific detail (an advisory's aliases, a commit).
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub properties: serde_json::Map<String, serde_json::Value>,
    /// How data reached the finding, for taint findings: the source first, then each step
    /// it went through, and the sink last. Empty for findings that are not about a flow.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flow: Vec<FlowStep>,
}

/// One place on a data-flow path, with what happens there ("`name` read from
/// request.args", "assigned to `query`", "reaches cursor.execute").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowStep {
    pub location: Location,
    pub message: String,
}

impl Finding {
    /// A finding of `rule` at `location`, with the rule's metadata filled in and a
    /// fingerprint over `matched` (the text that matched, not the whole line).
    pub fn new(
        rule: &crate::rule::Rule,
        message: impl Into<String>,
        location: Location,
        matched: &[u8],
    ) -> Self {
        let fingerprint = Fingerprint::new(&rule.id, &location.path, matched);
        Self::with_fingerprint(rule, message, location, fingerprint)
    }

    /// A finding of `rule` at `location` whose fingerprint the engine made (a keyed one,
    /// say), so none is computed only to be replaced.
    pub fn with_fingerprint(
        rule: &crate::rule::Rule,
        message: impl Into<String>,
        location: Location,
        fingerprint: Fingerprint,
    ) -> Self {
        Finding {
            rule_id: rule.id.clone(),
            title: rule.title.clone(),
            severity: rule.severity,
            confidence: rule.confidence,
            message: message.into(),
            location,
            cwe: rule.cwe.clone(),
            owasp: rule.owasp,
            requirements: rule.requirements.clone(),
            remediation: rule.remediation.clone(),
            fingerprint,
            engine: rule.engine.clone(),
            properties: Default::default(),
            flow: Vec::new(),
        }
    }

    /// Sort key that puts findings in reading order: path, line, column, rule.
    pub fn sort_key(&self) -> (&str, u32, u32, &str) {
        (
            &self.location.path,
            self.location.start_line,
            self.location.start_column,
            &self.rule_id,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_maps_offsets_to_lines_and_columns() {
        let text = "first\nsécond line\r\nthird".as_bytes();
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        let off = text.windows(4).position(|w| w == b"line").unwrap();
        assert_eq!(idx.line_col(text, off), (2, 8));
        assert_eq!(idx.line_text(text, 2), "sécond line".as_bytes());
        assert_eq!(idx.line_text(text, 3), b"third");
        assert_eq!(idx.line_text(text, 9), b"");
    }

    #[test]
    fn fingerprint_ignores_whitespace_but_not_content() {
        let a = Fingerprint::new("r", "a.py", b"password = 'x1'");
        let b = Fingerprint::new("r", "a.py", b"password='x1'");
        let c = Fingerprint::new("r", "a.py", b"password='x2'");
        let d = Fingerprint::new("r", "b.py", b"password='x1'");
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
        assert_ne!(a.occurrence(1), a);
        assert_eq!(a.occurrence(0), a);
    }
}
