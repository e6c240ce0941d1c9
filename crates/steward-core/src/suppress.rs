//! Inline suppressions: `steward:ignore[rule-id] reason` in a comment of any syntax, on the
//! finding's line or alone on the line before it. The marker counts only where it opens a
//! comment (`# `, `// `, `/* `, `-- `, `<!-- `, `; `, `% `, `REM `), so documentation that
//! quotes the syntax in a code span or a string literal does not suppress anything.

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
        if !opens_comment(before) {
            continue;
        }
        if let Some(s) = parse_one(path, line_no, before, after) {
            out.push(s);
        }
    }
    out
}

/// Characters that make up comment openers in the languages steward scans.
const OPENER: &[u8] = b"#/*-!<;%'{";

/// Whether the marker follows a comment opener that itself starts the line or follows
/// whitespace: `x = 1  # steward:...` does, `"# steward:..."` and `` `steward:...` `` don't.
fn opens_comment(before: &[u8]) -> bool {
    let trimmed = before.trim_ascii_end();
    let opener_len = trimmed
        .iter()
        .rev()
        .take_while(|b| OPENER.contains(b))
        .count();
    let rest = &trimmed[..trimmed.len() - opener_len];
    if opener_len == 0 {
        // `REM` (batch files) is the one word-like opener.
        let word_start = rest
            .iter()
            .rposition(|b| b.is_ascii_whitespace())
            .map_or(0, |i| i + 1);
        let word = &rest[word_start..];
        return word.eq_ignore_ascii_case(b"rem")
            && rest[..word_start].iter().all(u8::is_ascii_whitespace);
    }
    rest.last().is_none_or(|b| b.is_ascii_whitespace())
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

    /// The marker, assembled so that this file holds no live suppression comments.
    fn m() -> String {
        ["steward", ":ignore"].concat()
    }

    #[test]
    fn parses_suppressions_in_many_comment_syntaxes() {
        let text = format!(
            "a = 1\n\
password = 'x'  # {m}[secrets/generic-password] test fixture\n\
// {m}[code/js/eval, code/js/xss] reviewed by sec team\n\
eval(x)\n\
<!-- {m}[secrets/*] docs example -->\n\
/* {m}[iac/x] */\n",
            m = m()
        );
        let s = parse_suppressions("f", text.as_bytes());
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
        let text = format!("x # {} everything\nx # {}[] why\n", m(), m());
        assert!(parse_suppressions("f", text.as_bytes()).is_empty());
    }

    #[test]
    fn quoted_markers_in_docs_and_strings_do_not_count() {
        let text = format!(
            "//! Write `{m}[rule-id] reason`.\nlet s = \"# {m}[x/y] why\";\nREM {m}[a/b] batch\n",
            m = m()
        );
        let s = parse_suppressions("f", text.as_bytes());
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].rules, ["a/b"]);
    }
}
