//! JUnit XML for CI dashboards (Jenkins, GitLab, Azure DevOps, CircleCI), which know how to
//! show failed tests and little else.
//!
//! - One `<testsuite>` per engine, named `steward/<engine>`: the engines that ran, then any
//!   other engine a finding names.
//! - Each active finding is a failed `<testcase>`: `classname` is the rule id, `name` the
//!   location, and `<failure type="<severity>">` carries the message as its `message`, and
//!   where, what, the snippet and the fix as its text.
//! - Each inline-suppressed finding is a `<skipped>` test case, so accepted risks stay
//!   visible; baselined findings are not listed.
//! - An engine with no active finding gets one passing test case, so dashboards show green
//!   rather than an empty suite.
//! - Findings are not timed one by one: test cases take `time="0"`, and each suite the run's
//!   wall time, since engines run side by side over the same files.
//!
//! Text is escaped for XML 1.0, and characters XML 1.0 cannot carry at all (C0 controls
//! other than tab, line feed and carriage return, U+FFFE, U+FFFF) are written as `\xNN`
//! or U+FFFD.

use std::fmt::Write;

use super::{Report, engines_in};
use crate::finding::Finding;
use crate::triage::SuppressedFinding;

/// Render the run as JUnit XML, ending in a newline.
pub fn render_junit(report: &Report<'_>) -> String {
    let engines = engines_in(report);
    let time = format!("{:.3}", report.duration_secs());
    let timestamp = report.started_at.format("%Y-%m-%dT%H:%M:%S").to_string();

    let suites: Vec<Suite<'_>> = engines
        .iter()
        .map(|engine| Suite {
            engine,
            failures: report
                .findings
                .iter()
                .filter(|f| f.engine == *engine)
                .collect(),
            suppressed: report
                .suppressed
                .iter()
                .filter(|s| s.finding.engine == *engine)
                .collect(),
        })
        .collect();

    let tests: usize = suites.iter().map(Suite::tests).sum();
    let failures: usize = suites.iter().map(|s| s.failures.len()).sum();
    let skipped: usize = suites.iter().map(|s| s.suppressed.len()).sum();

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\" time=\"{time}\" timestamp=\"{timestamp}\">",
        attr(&format!("steward {}", report.command)),
    );
    for (id, suite) in suites.iter().enumerate() {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" id=\"{id}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{time}\" timestamp=\"{timestamp}\">",
            attr(&format!("steward/{}", suite.engine)),
            suite.tests(),
            suite.failures.len(),
            suite.suppressed.len(),
        );
        write_properties(&mut out, report, suite.engine);
        for f in &suite.failures {
            write_failure(&mut out, f);
        }
        for s in &suite.suppressed {
            write_suppressed(&mut out, s);
        }
        if suite.failures.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\" time=\"0\"/>",
                attr(&format!("steward/{}", suite.engine)),
                attr(&format!(
                    "no {} findings in {}",
                    suite.engine, report.target
                )),
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

struct Suite<'a> {
    engine: &'a str,
    failures: Vec<&'a Finding>,
    suppressed: Vec<&'a SuppressedFinding>,
}

impl Suite<'_> {
    fn tests(&self) -> usize {
        let passing = usize::from(self.failures.is_empty());
        self.failures.len() + self.suppressed.len() + passing
    }
}

fn write_properties(out: &mut String, report: &Report<'_>, engine: &str) {
    out.push_str("    <properties>\n");
    for (name, value) in [
        ("steward.version", report.tool_version),
        ("steward.command", report.command),
        ("steward.target", report.target),
        ("steward.engine", engine),
        ("steward.gate.fail_on", &report.gate.fail_on),
        (
            "steward.gate.passed",
            if report.gate.passed { "true" } else { "false" },
        ),
    ] {
        let _ = writeln!(
            out,
            "      <property name=\"{}\" value=\"{}\"/>",
            attr(name),
            attr(value)
        );
    }
    out.push_str("    </properties>\n");
}

/// The opening tag of a finding's test case; `name` is its location, unique per rule.
fn testcase_open(out: &mut String, f: &Finding) {
    let _ = write!(
        out,
        "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"",
        attr(&f.rule_id),
        attr(&f.location.to_string()),
        attr(&f.location.path),
    );
    if f.location.has_line() {
        let _ = write!(out, " line=\"{}\"", f.location.start_line);
    }
    out.push_str(" time=\"0\">\n");
}

fn write_failure(out: &mut String, f: &Finding) {
    testcase_open(out, f);
    let _ = writeln!(
        out,
        "      <failure message=\"{}\" type=\"{}\">{}</failure>",
        attr(&f.message),
        f.severity.as_str(),
        text(&failure_body(f)),
    );
    out.push_str("    </testcase>\n");
}

fn write_suppressed(out: &mut String, s: &SuppressedFinding) {
    testcase_open(out, &s.finding);
    let message = match &s.reason {
        Some(reason) => format!("suppressed at {}: {reason}", s.by),
        None => format!("suppressed at {}", s.by),
    };
    let _ = writeln!(out, "      <skipped message=\"{}\"/>", attr(&message));
    out.push_str("    </testcase>\n");
}

/// What a reader of the failure needs without opening the code: the rule, where, what,
/// the lines, and the fix.
fn failure_body(f: &Finding) -> String {
    let mut body = format!(
        "{} {}: {}\nat {}\n{}\n",
        f.severity, f.rule_id, f.title, f.location, f.message
    );
    if let (true, Some(snippet)) = (f.location.has_line(), &f.location.snippet) {
        let width = (f.location.start_line as usize + snippet.lines().count().saturating_sub(1))
            .to_string()
            .len();
        body.push('\n');
        for (i, line) in snippet.lines().enumerate() {
            let n = f.location.start_line as usize + i;
            let _ = writeln!(body, "{n:>width$} | {line}");
        }
    }
    if let Some(fix) = &f.remediation {
        let _ = write!(body, "\nfix: {fix}\n");
    }
    body
}

/// Escape for an attribute value in double quotes. Line breaks and tabs become character
/// references, which attribute-value normalization would otherwise turn into spaces.
fn attr(s: &str) -> String {
    escape(s, true)
}

/// Escape for element content.
fn text(s: &str) -> String {
    escape(s, false)
}

fn escape(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\'' if in_attribute => out.push_str("&apos;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            // A raw carriage return is read back as a line feed.
            '\r' => out.push_str("&#13;"),
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_replaces_characters_xml_cannot_carry() {
        assert_eq!(
            attr("a<b>&\"c'\n\t\r"),
            "a&lt;b&gt;&amp;&quot;c&apos;&#10;&#9;&#13;"
        );
        assert_eq!(text("x\"'\ny"), "x\"'\ny");
        assert_eq!(text("\u{0}\u{1b}[31m\u{7}"), "\\x00\\x1B[31m\\x07");
        assert_eq!(text("\u{FFFE}é"), "\u{FFFD}é");
    }
}
