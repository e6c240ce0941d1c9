//! The report of `steward review BASE..HEAD`: the same findings as any run, plus what only
//! a change review has — the security sign-off (needed, given or missing, and who must
//! look), how much of the tree was analysed, and the findings split into the parts a
//! reviewer reads separately: sign-off, security-sensitive changes, new findings, and
//! dependencies. Markdown is laid out for a pull-request comment; JSON carries the summary
//! under `review`; text ends with it; SARIF and JUnit carry the findings alone.

use std::fmt::Write;

use serde::Serialize;

use super::markdown::{cell, code_span, inline, plural, title_case, write_finding, write_tail};
use super::{Format, Report};
use crate::finding::Finding;
use crate::severity::Severity;

/// Rule ids the review sections are keyed on (kept in step with the review rules).
const SIGN_OFF_RULE: &str = "review/security-sign-off-missing";
const SENSITIVE_RULE: &str = "review/security-review-required";

/// What a review adds to a run's report.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewSummary {
    /// BASE and HEAD as the user named them.
    pub base: String,
    pub head: String,
    /// The commits compared: the merge base of BASE and HEAD, and HEAD.
    pub merge_base_commit: String,
    pub head_commit: String,
    /// Commits in BASE..HEAD.
    pub commits: usize,
    /// Files the change adds, modifies, renames or deletes.
    pub changed_files: usize,
    /// Files read at each side: the changed ones and the unchanged ones they need.
    pub analysed: AnalysedScope,
    /// Where the `[policy]` that governs this review came from.
    pub policy_from: String,
    pub sign_off: SignOff,
    pub dependencies_added: usize,
    pub dependencies_changed: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct AnalysedScope {
    pub changed_files: usize,
    /// Unchanged files read for cross-file flows, Terraform modules, lockfiles and the
    /// design check.
    pub context_files: usize,
    /// What was left out, said plainly.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignOffStatus {
    /// No security-sensitive change.
    NotNeeded,
    /// A listed reviewer approved.
    Approved,
    /// Sensitive changes and no valid approval: the review fails.
    Missing,
    /// Sensitive changes, but `[policy] security_reviewers` names no one to approve them.
    NoReviewers,
}

#[derive(Debug, Clone, Serialize)]
pub struct SignOff {
    pub status: SignOffStatus,
    pub sensitive_changes: usize,
    /// `[policy] security_reviewers`.
    pub reviewers: Vec<String>,
    /// Approvals that count.
    pub approvals: Vec<Approval>,
    /// Approvals found that do not count, each with why.
    pub not_counted: Vec<Approval>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Approval {
    /// As written: `Ana Ruiz <ana@example.com>`.
    pub by: String,
    /// `trailer in 1a2b3c4` or `--approved-by`.
    pub source: String,
    /// Why it does not count; `None` for one that does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl SignOff {
    /// Whether the sign-off lets the review pass.
    pub fn passed(&self) -> bool {
        self.status != SignOffStatus::Missing
    }
}

/// Render a review in `format`. `color` applies to text only.
pub fn render_review(
    report: &Report<'_>,
    summary: &ReviewSummary,
    format: Format,
    color: bool,
) -> Vec<u8> {
    match format {
        Format::Markdown => render_review_markdown(report, summary),
        Format::Json => super::json::render_json_with_review(report, summary),
        Format::Text => {
            let mut out = super::render_text(report, color);
            write_summary_text(&mut out, summary);
            out
        }
        Format::Sarif | Format::Junit => {
            return super::render(report, format, color);
        }
    }
    .into_bytes()
}

fn write_summary_text(out: &mut String, s: &ReviewSummary) {
    let so = &s.sign_off;
    let _ = writeln!(
        out,
        "\nreview {}..{}: merge base {} .. {} ({} {}, {} changed {})",
        s.base,
        s.head,
        short(&s.merge_base_commit),
        short(&s.head_commit),
        s.commits,
        plural(s.commits, "commit", "commits"),
        s.changed_files,
        plural(s.changed_files, "file", "files"),
    );
    let _ = writeln!(out, "security sign-off: {}", sign_off_sentence(so));
    for a in &so.not_counted {
        let _ = writeln!(
            out,
            "  not counted: {} ({}): {}",
            a.by,
            a.source,
            a.reason.as_deref().unwrap_or("")
        );
    }
    let _ = writeln!(out, "policy: {}", s.policy_from);
    let _ = writeln!(
        out,
        "analysed: {} changed {} and {} unchanged {} they need",
        s.analysed.changed_files,
        plural(s.analysed.changed_files, "file", "files"),
        s.analysed.context_files,
        plural(s.analysed.context_files, "file", "files"),
    );
    for n in &s.analysed.notes {
        let _ = writeln!(out, "  note: {n}");
    }
}

fn sign_off_sentence(so: &SignOff) -> String {
    let n = so.sensitive_changes;
    let changes = format!("{n} security-sensitive {}", plural(n, "change", "changes"));
    match so.status {
        SignOffStatus::NotNeeded => "not needed: no security-sensitive change".to_string(),
        SignOffStatus::Approved => format!(
            "approved by {} ({changes})",
            so.approvals
                .iter()
                .map(|a| format!("{} ({})", a.by, a.source))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        SignOffStatus::Missing => format!(
            "REQUIRED: {changes} and no approval from a security reviewer; {} must review it",
            match so.reviewers.as_slice() {
                [one] => one.clone(),
                many => format!("one of {}", many.join(", ")),
            }
        ),
        SignOffStatus::NoReviewers => format!(
            "{changes}, but steward.toml names no [policy] security_reviewers, so no sign-off can be required; add them to enforce one"
        ),
    }
}

fn short(commit: &str) -> &str {
    &commit[..commit.len().min(12)]
}

/// The review as GitHub-flavoured Markdown for a pull-request comment: the verdict first,
/// then the sign-off, the sensitive changes as a table of places and reasons, the new
/// findings by severity, and the dependencies.
pub fn render_review_markdown(report: &Report<'_>, s: &ReviewSummary) -> String {
    let so = &s.sign_off;
    let (signoff, sensitive, deps, new): (
        Vec<&Finding>,
        Vec<&Finding>,
        Vec<&Finding>,
        Vec<&Finding>,
    ) = {
        let mut parts = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for f in report.findings {
            if f.rule_id == SIGN_OFF_RULE {
                parts.0.push(f);
            } else if f.rule_id == SENSITIVE_RULE {
                parts.1.push(f);
            } else if f.engine == "deps" || f.rule_id.starts_with("review/") {
                parts.2.push(f);
            } else {
                parts.3.push(f);
            }
        }
        parts
    };
    let blocked = !so.passed() || !report.gate.passed;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## steward review {}: {}\n",
        code_span(&format!("{}..{}", s.base, s.head)),
        if blocked { "changes needed" } else { "passed" }
    );

    // The verdict, one line per reason.
    match so.status {
        SignOffStatus::Missing => {
            let _ = writeln!(
                out,
                "**Security sign-off required.** This change has {} security-sensitive {} and no approval from a security reviewer. {}: {}.\n",
                so.sensitive_changes,
                plural(so.sensitive_changes, "change", "changes"),
                if so.reviewers.len() == 1 {
                    "It must be reviewed by"
                } else {
                    "One of these must review it"
                },
                so.reviewers
                    .iter()
                    .map(|r| code_span(r))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        SignOffStatus::Approved => {
            let _ = writeln!(
                out,
                "**Security sign-off given** by {}.\n",
                so.approvals
                    .iter()
                    .map(|a| format!("{} ({})", code_span(&a.by), inline(&a.source)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        SignOffStatus::NoReviewers => {
            let _ = writeln!(
                out,
                "**{} security-sensitive {}**, but steward.toml names no `[policy] security_reviewers`, so no sign-off is enforced.\n",
                so.sensitive_changes,
                plural(so.sensitive_changes, "change", "changes"),
            );
        }
        SignOffStatus::NotNeeded => {
            let _ = writeln!(out, "No security-sensitive change: no sign-off needed.\n");
        }
    }
    for a in &so.not_counted {
        let _ = writeln!(
            out,
            "- Not counted: {} ({}): {}",
            code_span(&a.by),
            inline(&a.source),
            inline(a.reason.as_deref().unwrap_or(""))
        );
    }
    if !so.not_counted.is_empty() {
        out.push('\n');
    }
    let gate = report.gate;
    if gate.passed {
        let _ = writeln!(
            out,
            "**Gate passed** (fails on {} or above).\n",
            inline(&gate.fail_on)
        );
    } else {
        let blocking_findings = gate.blocking.saturating_sub(signoff.len());
        let _ = writeln!(
            out,
            "**Gate failed**: {} new {} at or above {}.\n",
            blocking_findings,
            plural(blocking_findings, "finding", "findings"),
            inline(&gate.fail_on),
        );
    }

    out.push_str("| | |\n| :--- | ---: |\n");
    let _ = writeln!(out, "| New findings | {} |", new.len());
    let _ = writeln!(out, "| Security-sensitive changes | {} |", sensitive.len());
    let _ = writeln!(
        out,
        "| Dependencies added / changed | {} / {} |",
        s.dependencies_added, s.dependencies_changed
    );
    let _ = writeln!(out, "| Dependency findings | {} |\n", deps.len());

    if !sensitive.is_empty() {
        let _ = writeln!(
            out,
            "### Security-sensitive changes ({})\n\n| File | Lines | Why |\n| :--- | :--- | :--- |",
            sensitive.len()
        );
        for f in &sensitive {
            let l = &f.location;
            let lines = if !l.has_line() {
                "whole file".to_string()
            } else if l.end_line > l.start_line {
                format!("{}–{}", l.start_line, l.end_line)
            } else {
                l.start_line.to_string()
            };
            let row = format!(
                "| {} | {} | {} |\n",
                cell(&code_span(&l.path)),
                lines,
                cell(&inline(&f.message))
            );
            if out.len() + row.len() > super::markdown::DETAIL_BUDGET / 2 {
                let _ = writeln!(out, "| … | | more in `--format json` |");
                break;
            }
            out.push_str(&row);
        }
        out.push('\n');
    }

    let mut unshown = 0;
    for (title, group) in [("New findings", &new), ("Dependencies", &deps)] {
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {title} ({})\n", group.len());
        for sev in Severity::ALL {
            for f in group.iter().filter(|f| f.severity == sev) {
                let mut block = String::new();
                let _ = write!(block, "{} · ", title_case(sev));
                write_finding(&mut block, f);
                if unshown > 0 || out.len() + block.len() > super::markdown::DETAIL_BUDGET {
                    unshown += 1;
                    continue;
                }
                out.push_str(&block);
            }
        }
    }
    if unshown > 0 {
        let _ = writeln!(
            out,
            "_{unshown} more {} not shown, to keep this under a comment's size limit; `--format json` or `--format sarif` lists every finding._\n",
            plural(unshown, "finding", "findings"),
        );
    }

    let _ = writeln!(
        out,
        "<sub>Merge base {} · head {} · {} {} · {} changed {} analysed, with {} unchanged {} they need · policy: {} · steward {}</sub>\n",
        code_span(short(&s.merge_base_commit)),
        code_span(short(&s.head_commit)),
        s.commits,
        plural(s.commits, "commit", "commits"),
        s.analysed.changed_files,
        plural(s.analysed.changed_files, "file", "files"),
        s.analysed.context_files,
        plural(s.analysed.context_files, "file", "files"),
        inline(&s.policy_from),
        inline(report.tool_version),
    );
    for n in &s.analysed.notes {
        let _ = writeln!(out, "- {}", inline(n));
    }
    if !s.analysed.notes.is_empty() {
        out.push('\n');
    }
    write_tail(&mut out, report);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
