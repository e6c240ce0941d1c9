use steward_core::report::render_markdown;

use crate::fixture::{empty, fixture};

#[test]
fn summary_comes_first_then_findings_by_severity() {
    let out = render_markdown(&fixture().report());
    let pos = |needle: &str| {
        out.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in:\n{out}"))
    };
    assert!(out.starts_with("## steward scan: 6 findings\n"));
    assert!(pos("**Gate failed**: 3 findings at or above high.") < pos("| Severity | Findings |"));
    assert!(pos("| Critical | 2 |") < pos("| **Total** | **6** |"));
    assert!(pos("### Critical (2)") < pos("### High (1)"));
    assert!(pos("### High (1)") < pos("### Medium (1)"));
    assert!(pos("### Medium (1)") < pos("### Low (2)"));
    assert!(!out.contains("### Info"), "empty groups are left out");
    assert!(
        out.contains(
            "**`src/db.py:12`** · `code/python/sql-injection` · SQL built from user input"
        )
    );
    assert!(
        out.contains(
            "```python\n    cursor.execute(f\"SELECT * FROM users WHERE id = {id}\")\n```"
        )
    );
    assert!(out.contains("**Fix:** Pass values as query parameters"));
    assert!(
        out.contains("**`infra/main.tf`**"),
        "whole-file findings show the path alone"
    );
    assert!(out.ends_with(
        "2 suppressed inline · 3 in the baseline · 3 files skipped (1 binary, 1 symlink out of tree, 1 too large)\n"
    ));
}

#[test]
fn text_from_findings_cannot_break_tables_or_inject_markup() {
    let out = render_markdown(&fixture().report());
    // The reason's pipe is escaped, so the row keeps its four cells.
    let row = out
        .lines()
        .find(|l| l.contains("tests/fixtures/conf.py:4:12"))
        .unwrap();
    assert!(
        row.contains("test fixture \\| not a real password"),
        "{row}"
    );
    let unescaped_pipes = row.matches('|').count() - row.matches("\\|").count();
    assert_eq!(unescaped_pipes, 5, "four cells: {row}");
    // The hostile message renders as text: no raw tag, no raw control characters.
    assert!(out.contains(
        "user input reaches \\<div\\> \\& \"innerHTML\" \\| 'x' via `render` \\\\x1B\\[31mred"
    ));
    assert!(!out.contains("<div>"));
    assert!(!out.contains('\u{1b}') && !out.contains('\u{0}'));
}

#[test]
fn a_clean_run_says_so() {
    let out = render_markdown(&empty().report());
    assert!(out.starts_with("## steward scan: 0 findings\n"));
    assert!(out.contains("**Gate passed** (fails on high or above)."));
    assert!(!out.contains("###"));
}

#[test]
fn snapshot() {
    insta::assert_snapshot!(render_markdown(&fixture().report()));
}

#[test]
fn a_huge_run_still_fits_in_a_pull_request_comment() {
    let mut fx = fixture();
    let template = fx.findings[0].clone();
    fx.findings = (1..=3_000)
        .map(|i| {
            let mut f = template.clone();
            f.location.start_line = i;
            f.location.end_line = i;
            f.location.snippet = Some("x".repeat(200));
            f
        })
        .collect();
    let out = render_markdown(&fx.report());
    assert!(
        out.chars().count() <= 65_536,
        "{} characters",
        out.chars().count()
    );
    assert!(out.contains("| **Total** | **3000** |"));
    let shown = out.matches("**`config/settings.py:").count();
    assert!(shown > 50, "{shown} shown");
    assert!(out.contains(&format!("_{} more findings not shown", 3_000 - shown)));
    assert!(out.ends_with("1 too large)\n"), "the tail is still there");
}
