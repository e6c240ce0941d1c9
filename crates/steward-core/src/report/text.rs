//! Human output, shaped like a compiler diagnostic: where, how bad, which rule, what, and
//! the line itself with a caret under the finding.

use std::fmt::Write;

use anstyle::{AnsiColor, Effects, Style};

use super::Report;
use crate::finding::Finding;
use crate::severity::Severity;

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Critical => Style::new()
            .fg_color(Some(AnsiColor::BrightRed.into()))
            .effects(Effects::BOLD),
        Severity::High => Style::new().fg_color(Some(AnsiColor::Red.into())),
        Severity::Medium => Style::new().fg_color(Some(AnsiColor::Yellow.into())),
        Severity::Low => Style::new().fg_color(Some(AnsiColor::Cyan.into())),
        Severity::Info => Style::new().fg_color(Some(AnsiColor::BrightBlack.into())),
    }
}

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{}{}", style.render(), text, style.render_reset())
        } else {
            text.to_string()
        }
    }
}

/// Render findings and the summary as text.
pub fn render_text(report: &Report<'_>, color: bool) -> String {
    let p = Painter { color };
    let bold = Style::new().effects(Effects::BOLD);
    let dim = Style::new().fg_color(Some(AnsiColor::BrightBlue.into()));
    let mut out = String::new();
    for f in report.findings {
        write_finding(&mut out, f, &p, bold, dim);
    }
    let counts = report.counts();
    let total = counts.total();
    if total == 0 {
        let _ = writeln!(
            out,
            "{} no findings in {} ({})",
            p.paint(bold, "steward:"),
            report.target,
            files_scanned(report.files_scanned)
        );
    } else {
        let parts: Vec<String> = Severity::ALL
            .iter()
            .filter(|s| counts.get(**s) > 0)
            .map(|s| p.paint(severity_style(*s), &format!("{} {}", counts.get(*s), s)))
            .collect();
        let _ = writeln!(
            out,
            "{} {} finding{} in {} ({}; {})",
            p.paint(bold, "steward:"),
            total,
            if total == 1 { "" } else { "s" },
            report.target,
            parts.join(", "),
            files_scanned(report.files_scanned)
        );
    }
    let mut notes = Vec::new();
    if !report.suppressed.is_empty() {
        notes.push(format!("{} suppressed inline", report.suppressed.len()));
    }
    if report.baselined > 0 {
        notes.push(format!("{} in the baseline", report.baselined));
    }
    let skips = report.skip_counts();
    if !skips.is_empty() {
        let detail: Vec<String> = skips.iter().map(|(k, n)| format!("{n} {k}")).collect();
        notes.push(format!(
            "{} file{} skipped ({})",
            report.skipped.len(),
            if report.skipped.len() == 1 { "" } else { "s" },
            detail.join(", ")
        ));
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "         {}", notes.join("; "));
    }
    let gate = report.gate;
    let verdict = if gate.passed {
        p.paint(
            Style::new().fg_color(Some(AnsiColor::Green.into())),
            "passed",
        )
    } else {
        p.paint(
            severity_style(Severity::High).effects(Effects::BOLD),
            "FAILED",
        )
    };
    let _ = write!(out, "         gate (fail on {}): {}", gate.fail_on, verdict);
    if !gate.passed {
        let _ = write!(
            out,
            ", {} finding{} at or above {}",
            gate.blocking,
            if gate.blocking == 1 { "" } else { "s" },
            gate.fail_on
        );
    }
    out.push('\n');
    out
}

fn write_finding(out: &mut String, f: &Finding, p: &Painter, bold: Style, dim: Style) {
    let sev = p.paint(severity_style(f.severity), f.severity.as_str());
    let _ = writeln!(
        out,
        "{}: {} {} {}",
        p.paint(bold, &f.location.to_string()),
        sev,
        p.paint(dim, &format!("[{}]", f.rule_id)),
        f.message
    );
    if let (true, Some(snippet)) = (f.location.has_line(), &f.location.snippet) {
        let width = f
            .location
            .end_line
            .max(f.location.start_line)
            .to_string()
            .len();
        let gutter = " ".repeat(width);
        let _ = writeln!(out, "{gutter} {}", p.paint(dim, "|"));
        // Where the match starts in the snippet's first line: the file's column, unless the
        // engine cut the snippet from a long line and said where.
        let caret_col = f
            .properties
            .get(SNIPPET_COLUMN_PROPERTY)
            .and_then(|v| v.as_u64())
            .map_or(f.location.start_column.max(1) as usize, |c| {
                c.max(1) as usize
            });
        for (i, line) in snippet.lines().enumerate() {
            let n = f.location.start_line as usize + i;
            // Long lines are shown as a window around the match, so the caret stays on screen.
            let (line, col) = if i == 0 {
                window(line, caret_col, MAX_SHOWN)
            } else {
                (truncate_line(line, MAX_SHOWN), 1)
            };
            let line = line.as_str();
            let _ = writeln!(
                out,
                "{} {} {}",
                p.paint(dim, &format!("{n:>width$}")),
                p.paint(dim, "|"),
                line
            );
            if i == 0 {
                // A redacted or masked value is shorter in the snippet than in the file:
                // underline what is shown.
                let shown = f
                    .properties
                    .get(SHOWN_VALUE_PROPERTIES[0])
                    .or_else(|| f.properties.get(SHOWN_VALUE_PROPERTIES[1]))
                    .and_then(|v| v.as_str())
                    .filter(|shown| {
                        let from_col: String = line.chars().skip(col - 1).collect();
                        from_col.starts_with(shown)
                    });
                let len = if let Some(shown) = shown {
                    shown.chars().count().max(1)
                } else if f.location.end_line == f.location.start_line {
                    (f.location.end_column as usize).saturating_sub(col).max(1)
                } else {
                    line.chars().count().saturating_sub(col - 1).max(1)
                };
                let len = len.min(80);
                let _ = writeln!(
                    out,
                    "{gutter} {} {}{}",
                    p.paint(dim, "|"),
                    " ".repeat(col - 1),
                    p.paint(severity_style(f.severity), &"^".repeat(len))
                );
            }
        }
    }
    if let Some(commit) = f.properties.get("commit").and_then(|v| v.as_str()) {
        // A finding from git history: say where the secret came in, since the file may
        // no longer hold it.
        let prop = |k: &str| f.properties.get(k).and_then(|v| v.as_str()).unwrap_or("");
        let mut line = format!("introduced in {}", commit.get(..12).unwrap_or(commit));
        if !prop("author").is_empty() {
            let _ = write!(line, " by {}", prop("author"));
        }
        if !prop("date").is_empty() {
            let _ = write!(
                line,
                " on {}",
                prop("date").get(..10).unwrap_or(prop("date"))
            );
        }
        if let Some(n) = f
            .properties
            .get("also_in_total")
            .and_then(|v| v.as_u64())
            .or_else(|| {
                f.properties
                    .get("also_in")
                    .and_then(|v| v.as_array())
                    .map(|a| a.len() as u64)
            })
            .filter(|n| *n > 0)
        {
            let _ = write!(
                line,
                "; also in {n} other place{}",
                if n == 1 { "" } else { "s" }
            );
        }
        let _ = writeln!(
            out,
            "{} {} {}",
            " ".repeat(f.location.start_line.to_string().len()),
            p.paint(dim, "="),
            p.paint(dim, &line)
        );
    }
    if !f.flow.is_empty() {
        // The data-flow path, source first: one line per step, with where it is.
        let gutter = " ".repeat(f.location.start_line.to_string().len());
        let _ = writeln!(
            out,
            "{gutter} {} {}",
            p.paint(dim, "="),
            p.paint(bold, "flow:")
        );
        for (i, step) in f.flow.iter().enumerate() {
            let _ = writeln!(
                out,
                "{gutter}   {}. {} {}",
                i + 1,
                p.paint(dim, &step.location.to_string()),
                step.message
            );
        }
    }
    if let Some(fix) = &f.remediation {
        let _ = writeln!(
            out,
            "{gutter} {} {}",
            p.paint(dim, "="),
            p.paint(bold, "fix:"),
            gutter = " ".repeat(f.location.start_line.to_string().len())
        );
        let _ = writeln!(
            out,
            "{}",
            indent(fix, f.location.start_line.to_string().len() + 3)
        );
    }
    out.push('\n');
}

/// Finding property: the 1-based column (in characters) where the match starts in the
/// snippet's first line, set by engines that cut the snippet out of a long line (so the
/// file's column does not apply).
pub const SNIPPET_COLUMN_PROPERTY: &str = "snippet_column";

/// Widest line shown in a snippet, in characters.
const MAX_SHOWN: usize = 200;

/// `line` cut to at most `max` characters around `col` (1-based), and where `col` is in the
/// result.
fn window(line: &str, col: usize, max: usize) -> (String, usize) {
    let count = line.chars().count();
    if count <= max {
        return (line.to_string(), col);
    }
    // Keep some context before the match, and the rest after it.
    let start = col
        .saturating_sub(1)
        .saturating_sub(max / 3)
        .min(count - max);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(line.chars().skip(start).take(max));
    if start + max < count {
        out.push('…');
    }
    let shift = usize::from(start > 0);
    (out, col - start + shift)
}

/// Finding properties that hold the matched value as the snippet shows it (`abcd…`,
/// `4111 **** **** 1111`); engines that redact or mask set one of them.
pub const SHOWN_VALUE_PROPERTIES: [&str; 2] = ["redacted", "masked"];

fn files_scanned(n: usize) -> String {
    format!("{n} file{} scanned", if n == 1 { "" } else { "s" })
}

fn truncate_line(line: &str, max: usize) -> String {
    if line.chars().count() <= max {
        line.to_string()
    } else {
        let mut s: String = line.chars().take(max).collect();
        s.push('…');
        s
    }
}

fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.lines()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn long_lines_are_windowed_around_the_match() {
        let line = format!("{}SECRET{}", "a".repeat(500), "b".repeat(500));
        let (shown, col) = window(&line, 501, 200);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().count(), 202);
        let from: String = shown.chars().skip(col - 1).collect();
        assert!(from.starts_with("SECRET"), "{shown} @ {col}");
        // Short lines and matches near the start are left alone.
        assert_eq!(window("abc", 2, 200), ("abc".to_string(), 2));
        let (shown, col) = window(&line, 3, 200);
        assert_eq!((shown.chars().next(), col), (Some('a'), 3));
        // A match at the very end keeps a full window.
        let (shown, col) = window(&line, 1006, 200);
        assert!(shown.starts_with('…') && !shown.ends_with('…'));
        assert_eq!(shown.chars().nth(col - 1), Some('b'));
    }
}

#[cfg(test)]
mod flow_tests {
    use super::*;
    use crate::finding::{FlowStep, Location};
    use crate::rule::Rule;

    #[test]
    fn a_taint_finding_lists_its_flow_source_first() {
        let rule = Rule::new("code/python/sql-injection", "code", "SQLi", Severity::High);
        let mut f = Finding::new(&rule, "msg", Location::whole("a.py"), b"x");
        let step = |line: u32, message: &str| FlowStep {
            location: Location {
                path: "a.py".into(),
                start_line: line,
                start_column: 5,
                end_line: line,
                end_column: 9,
                snippet: None,
            },
            message: message.into(),
        };
        f.flow = vec![
            step(2, "read from request.args"),
            step(4, "reaches cursor.execute()"),
        ];
        let mut out = String::new();
        write_finding(
            &mut out,
            &f,
            &Painter { color: false },
            Style::new(),
            Style::new(),
        );
        let flow = out.split_once("flow:").map(|(_, rest)| rest).unwrap_or("");
        assert!(
            flow.contains("1. a.py:2:5 read from request.args\n")
                && flow.contains("2. a.py:4:5 reaches cursor.execute()\n"),
            "{out}"
        );
    }
}
