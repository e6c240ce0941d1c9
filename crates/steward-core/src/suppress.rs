//! Inline suppressions: `steward:ignore[rule-id] reason` in a comment of any syntax, on the
//! finding's line or alone on the line before it.

use serde::Serialize;

const MARKER: &[u8] = b"steward:ignore";

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppression {
    pub path: String,
    /// 1-based line of the comment.
    pub line: u32,
    /// Rule ids or `prefix*` patterns it names.
    pub rules: Vec<String>,
    /// Why the finding is acceptable; a suppression without one is itself reported.
    pub reason: Option<String>,
    /// Whether the comment stands alone on its line, so it also covers the next line.
    pub covers_next_line: bool,
}

impl Suppression {
    /// Whether this suppression covers a finding of `rule_id` at `path:line`.
    pub fn covers(&self, rule_id: &str, path: &str, line: u32) -> bool {
        self.path == path
            && (line == self.line || (self.covers_next_line && line == self.line + 1))
            && self
                .rules
                .iter()
                .any(|p| crate::rule::id_matches(rule_id, p))
    }
}

/// Every suppression comment in `text`.
pub fn parse_suppressions(path: &str, text: &[u8]) -> Vec<Suppression> {
    let finder = memchr::memmem::Finder::new(MARKER);
    let mut out = Vec::new();
    let mut line_no = 1u32;
    let mut line_start = 0usize;
    let mut last = 0usize;
    for pos in finder.find_iter(text) {
        line_no += memchr::memchr_iter(b'\n', &text[last..pos]).count() as u32;
        if let Some(nl) = memchr::memrchr(b'\n', &text[..pos]) {
            line_start = nl + 1;
        }
        last = pos;
        let line_end = memchr::memchr(b'\n', &text[pos..]).map_or(text.len(), |i| pos + i);
        let before = &text[line_start..pos];
        let after = &text[pos + MARKER.len()..line_end];
        if let Some(s) = parse_one(path, line_no, before, after) {
            out.push(s);
        }
    }
    out
}

fn parse_one(path: &str, line: u32, before: &[u8], after: &[u8]) -> Option<Suppression> {
    let after = String::from_utf8_lossy(after);
    let rest = after.strip_prefix('[')?;
    let close = rest.find(']')?;
    let rules: Vec<String> = rest[..close]
        .split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if rules.is_empty() {
        return None;
    }
    let mut reason = rest[close + 1..].trim();
    for closer in ["*/", "-->", "#}", "%>", "--}}", "}}"] {
        reason = reason.strip_suffix(closer).unwrap_or(reason).trim();
    }
    let reason = reason.trim_start_matches([':', '-', '—']).trim();
    let covers_next_line = before
        .iter()
        .all(|b| b.is_ascii_whitespace() || b"#/*-!<;%'\"{(".contains(b))
        || String::from_utf8_lossy(before)
            .trim()
            .eq_ignore_ascii_case("rem");
    Some(Suppression {
        path: path.to_string(),
        line,
        rules,
        reason: (!reason.is_empty()).then(|| reason.to_string()),
        covers_next_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_suppressions_in_many_comment_syntaxes() {
        let text = b"a = 1\n\
password = 'x'  # steward:ignore[secrets/generic-password] test fixture\n\
// steward:ignore[code/js/eval, code/js/xss] reviewed by sec team\n\
eval(x)\n\
<!-- steward:ignore[secrets/*] docs example -->\n\
/* steward:ignore[iac/x] */\n";
        let s = parse_suppressions("f", text);
        assert_eq!(s.len(), 4);
        assert_eq!(s[0].line, 2);
        assert_eq!(s[0].rules, ["secrets/generic-password"]);
        assert_eq!(s[0].reason.as_deref(), Some("test fixture"));
        assert!(!s[0].covers_next_line);
        assert_eq!(s[1].line, 3);
        assert_eq!(s[1].rules, ["code/js/eval", "code/js/xss"]);
        assert!(s[1].covers_next_line);
        assert!(s[1].covers("code/js/eval", "f", 4));
        assert!(!s[1].covers("code/js/eval", "f", 5));
        assert_eq!(s[2].reason.as_deref(), Some("docs example"));
        assert!(s[2].covers("secrets/aws-access-key", "f", 5));
        assert_eq!(s[3].line, 6);
        assert_eq!(s[3].reason, None);
    }

    #[test]
    fn a_marker_without_rule_list_is_not_a_suppression() {
        assert!(parse_suppressions("f", b"x # steward:ignore everything\n").is_empty());
        assert!(parse_suppressions("f", b"x # steward:ignore[] why\n").is_empty());
    }
}
