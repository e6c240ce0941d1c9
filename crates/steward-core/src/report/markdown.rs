//! Markdown for pull-request comments and job summaries: the verdict and counts first, so
//! a reviewer sees in one glance whether the change is blocked, then every active finding
//! grouped by severity with its lines and its fix, then what was suppressed, baselined and
//! skipped.
//!
//! Text that comes from scanned files or rules (messages, paths, reasons) is escaped so it
//! renders as the words it is: it cannot open a link, raw HTML or break a table.

use std::fmt::Write;

use super::Report;
use crate::finding::Finding;
use crate::severity::Severity;

/// GitHub rejects a comment over 65,536 characters. Past this many bytes of findings,
/// the rest are counted rather than shown, leaving room for the summary around them.
pub(super) const DETAIL_BUDGET: usize = 60_000;

/// Render the run as GitHub-flavoured Markdown, ending in a newline. However many findings
/// there are, the output stays small enough to post as a pull-request comment.
pub fn render_markdown(report: &Report<'_>) -> String {
    let counts = report.counts();
    let total = counts.total();
    let mut out = String::new();

    let _ = writeln!(
        out,
        "## steward {}: {} {}\n",
        inline(report.command),
        total,
        plural(total, "finding", "findings"),
    );
    let gate = report.gate;
    if gate.passed {
        let _ = writeln!(
            out,
            "**Gate passed** (fails on {} or above).\n",
            inline(&gate.fail_on)
        );
    } else {
        let _ = writeln!(
            out,
            "**Gate failed**: {} {} at or above {}.\n",
            gate.blocking,
            plural(gate.blocking, "finding", "findings"),
            inline(&gate.fail_on),
        );
    }

    out.push_str("| Severity | Findings |\n| :--- | ---: |\n");
    for s in Severity::ALL {
        let _ = writeln!(out, "| {} | {} |", cell(&title_case(s)), counts.get(s));
    }
    let _ = writeln!(out, "| **Total** | **{total}** |\n");

    let _ = writeln!(
        out,
        "Target {} · {} {} scanned · {:.1} s · engines: {} · steward {}\n",
        code_span(report.target),
        report.files_scanned,
        plural(report.files_scanned, "file", "files"),
        report.duration_secs(),
        if report.engines.is_empty() {
            "none".to_string()
        } else {
            report
                .engines
                .iter()
                .map(|e| inline(e))
                .collect::<Vec<_>>()
                .join(", ")
        },
        inline(report.tool_version),
    );

    // Most severe first, so when the budget runs out it is the least severe that go unshown.
    let mut unshown = 0;
    for s in Severity::ALL {
        let group: Vec<&Finding> = report.findings.iter().filter(|f| f.severity == s).collect();
        let heading = format!("### {} ({})\n\n", title_case(s), group.len());
        let mut headed = false;
        for f in group {
            let mut block = String::new();
            write_finding(&mut block, f);
            if unshown > 0 || out.len() + heading.len() + block.len() > DETAIL_BUDGET {
                unshown += 1;
                continue;
            }
            if !headed {
                out.push_str(&heading);
                headed = true;
            }
            out.push_str(&block);
        }
    }
    if unshown > 0 {
        let _ = writeln!(
            out,
            "_{unshown} more {} not shown, to keep this under a comment's size limit; `--format json` or `--format sarif` lists every finding._\n",
            plural(unshown, "finding", "findings"),
        );
    }

    write_suppressed(&mut out, report);
    write_tail(&mut out, report);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

pub(super) fn write_finding(out: &mut String, f: &Finding) {
    let where_ = if f.location.has_line() {
        format!("{}:{}", f.location.path, f.location.start_line)
    } else {
        f.location.path.clone()
    };
    let _ = writeln!(
        out,
        "**{}** · {} · {}\n",
        code_span(&where_),
        code_span(&f.rule_id),
        inline(&f.title),
    );
    let _ = writeln!(out, "{}\n", inline(&f.message));
    if let (true, Some(snippet)) = (f.location.has_line(), &f.location.snippet) {
        let fence = "`".repeat(longest_backtick_run(snippet).max(2) + 1);
        let _ = writeln!(
            out,
            "{fence}{}\n{}\n{fence}\n",
            fence_language(&f.location.path),
            snippet.replace('\r', "").trim_end_matches('\n'),
        );
    }
    if let Some(fix) = &f.remediation {
        let _ = writeln!(out, "**Fix:** {}\n", inline(fix));
    }
}

fn write_suppressed(out: &mut String, report: &Report<'_>) {
    if report.suppressed.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "### Suppressed inline ({})\n\n| Location | Rule | Reason | Suppressed at |\n| :--- | :--- | :--- | :--- |",
        report.suppressed.len()
    );
    let mut unshown = 0;
    for s in report.suppressed {
        let reason = s.reason.as_deref().unwrap_or("(no reason given)");
        let row = format!(
            "| {} | {} | {} | {} |\n",
            cell(&code_span(&s.finding.location.to_string())),
            cell(&code_span(&s.finding.rule_id)),
            cell(&inline(reason)),
            cell(&code_span(&s.by)),
        );
        if unshown > 0 || out.len() + row.len() > DETAIL_BUDGET {
            unshown += 1;
        } else {
            out.push_str(&row);
        }
    }
    out.push('\n');
    if unshown > 0 {
        let _ = writeln!(out, "_{unshown} more not shown._\n");
    }
}

pub(super) fn write_tail(out: &mut String, report: &Report<'_>) {
    let mut notes = vec![
        format!("{} suppressed inline", report.suppressed.len()),
        format!("{} in the baseline", report.baselined),
    ];
    let skips = report.skip_counts();
    let skipped = report.skipped.len();
    if skips.is_empty() {
        notes.push("0 files skipped".to_string());
    } else {
        let detail: Vec<String> = skips.iter().map(|(k, n)| format!("{n} {k}")).collect();
        notes.push(format!(
            "{skipped} {} skipped ({})",
            plural(skipped, "file", "files"),
            detail.join(", ")
        ));
    }
    let _ = writeln!(out, "{}", notes.join(" · "));
}

pub(super) fn title_case(s: Severity) -> String {
    let name = s.as_str();
    let mut cs = name.chars();
    match cs.next() {
        Some(first) => first.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

pub(super) fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Text shown as itself on one line: Markdown punctuation is backslash-escaped, line
/// breaks become spaces and control characters `\xNN`. Text between a pair of backticks
/// becomes a code span, which shows its content literally, so engine messages such as
/// "parameter `id` reaches ..." read as written.
pub(super) fn inline(s: &str) -> String {
    let segments: Vec<&str> = s.split('`').collect();
    let mut out = String::with_capacity(s.len());
    // An odd number of segments means the backticks pair up: odd segments are inside.
    if segments.len().is_multiple_of(2) {
        for (i, seg) in segments.iter().enumerate() {
            if i > 0 {
                out.push_str("\\`");
            }
            escape_plain(&mut out, seg);
        }
        return out;
    }
    for (i, seg) in segments.iter().enumerate() {
        if i % 2 == 0 {
            escape_plain(&mut out, seg);
        } else if !seg.trim().is_empty() && !seg.contains(['\r', '\n']) {
            out.push_str(&code_span(seg));
        } else {
            out.push_str("\\`");
            escape_plain(&mut out, seg);
            out.push_str("\\`");
        }
    }
    out
}

fn escape_plain(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            c if c.is_control() => {
                let _ = write!(out, "\\\\x{:02X}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// A code span that holds any text: the fence is longer than any backtick run inside.
pub(super) fn code_span(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let fence = "`".repeat(longest_backtick_run(&s) + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// A table cell: a `|` would end the cell, even inside a code span, so it is escaped.
pub(super) fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut escaped = false;
    for c in s.chars() {
        if c == '|' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

fn longest_backtick_run(s: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// The fence's info string, for syntax highlighting, from the file name.
fn fence_language(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name == "Dockerfile" || name.starts_with("Dockerfile.") {
        return "dockerfile";
    }
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "py" => "python",
        "js" | "mjs" | "cjs" | "jsx" => "javascript",
        "ts" | "tsx" => "typescript",
        "go" => "go",
        "rs" => "rust",
        "java" => "java",
        "kt" | "kts" => "kotlin",
        "rb" => "ruby",
        "php" => "php",
        "cs" => "csharp",
        "c" | "h" => "c",
        "cc" | "cpp" | "hpp" => "cpp",
        "sh" | "bash" => "bash",
        "tf" | "hcl" => "hcl",
        "yaml" | "yml" => "yaml",
        "json" => "json",
        "toml" => "toml",
        "xml" => "xml",
        "html" => "html",
        "sql" => "sql",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_inline_text_and_table_cells() {
        assert_eq!(
            inline("a|b <script> *x*\nnext"),
            "a\\|b \\<script\\> \\*x\\* next"
        );
        assert_eq!(inline("param `<id>` here"), "param `<id>` here");
        assert_eq!(inline("a ` lone <b>"), "a \\` lone \\<b\\>");
        assert_eq!(inline("\u{1b}[0m"), "\\\\x1B\\[0m");
        assert_eq!(cell("`a|b`"), "`a\\|b`");
        // Already escaped pipes are left alone.
        assert_eq!(cell(&inline("a|b")), "a\\|b");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
    }

    #[test]
    fn picks_a_language_from_the_file_name() {
        assert_eq!(fence_language("src/app.py"), "python");
        assert_eq!(fence_language("deploy/Dockerfile"), "dockerfile");
        assert_eq!(fence_language("main.tf"), "hcl");
        assert_eq!(fence_language("README"), "");
    }
}
