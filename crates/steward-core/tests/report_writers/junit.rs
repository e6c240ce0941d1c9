use roxmltree::{Document, Node};
use steward_core::report::render_junit;

use crate::fixture::{NASTY_MESSAGE, empty, fixture};

fn count(node: Node<'_, '_>, attr: &str) -> usize {
    node.attribute(attr)
        .unwrap_or_else(|| panic!("<{}> has no {attr}", node.tag_name().name()))
        .parse()
        .unwrap()
}

fn children<'a, 'i>(node: Node<'a, 'i>, tag: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |n| n.has_tag_name(tag))
}

/// The tests, failures and skipped attributes of every suite, and of the root, match the
/// test cases actually in the document.
fn assert_counts_consistent(doc: &Document<'_>) {
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let (mut tests, mut failures, mut skipped) = (0, 0, 0);
    for suite in children(root, "testsuite") {
        let cases: Vec<Node<'_, '_>> = children(suite, "testcase").collect();
        let failed = cases
            .iter()
            .filter(|c| children(**c, "failure").count() == 1)
            .count();
        let skip = cases
            .iter()
            .filter(|c| children(**c, "skipped").count() == 1)
            .count();
        assert_eq!(count(suite, "tests"), cases.len());
        assert_eq!(count(suite, "failures"), failed);
        assert_eq!(count(suite, "skipped"), skip);
        assert_eq!(count(suite, "errors"), 0);
        tests += cases.len();
        failures += failed;
        skipped += skip;
    }
    assert_eq!(count(root, "tests"), tests);
    assert_eq!(count(root, "failures"), failures);
    assert_eq!(count(root, "skipped"), skipped);
}

#[test]
fn parses_with_consistent_counts() {
    let out = render_junit(&fixture().report());
    let doc = Document::parse(&out).expect("well-formed XML 1.0");
    assert_counts_consistent(&doc);
    let root = doc.root_element();
    assert_eq!(root.attribute("name"), Some("steward scan"));
    assert_eq!(
        count(root, "tests"),
        6 + 2 + 1,
        "findings, suppressed, dlp's green test"
    );
    assert_eq!(count(root, "failures"), 6);
    assert_eq!(count(root, "skipped"), 2);
    assert_eq!(root.attribute("time"), Some("1.532"));
    assert_eq!(root.attribute("timestamp"), Some("2026-01-02T03:04:05"));

    let suites: Vec<&str> = children(root, "testsuite")
        .map(|s| s.attribute("name").unwrap())
        .collect();
    assert_eq!(
        suites,
        [
            "steward/secrets",
            "steward/code",
            "steward/deps",
            "steward/iac",
            "steward/dlp",
            "steward/steward"
        ],
        "engines that ran in order, then triage's own"
    );
}

#[test]
fn engines_without_findings_show_one_passing_test() {
    let out = render_junit(&fixture().report());
    let doc = Document::parse(&out).unwrap();
    let dlp = children(doc.root_element(), "testsuite")
        .find(|s| s.attribute("name") == Some("steward/dlp"))
        .unwrap();
    let cases: Vec<Node<'_, '_>> = children(dlp, "testcase").collect();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].children().filter(|n| n.is_element()).count(), 0);

    let out = render_junit(&empty().report());
    let doc = Document::parse(&out).unwrap();
    assert_counts_consistent(&doc);
    assert_eq!(count(doc.root_element(), "tests"), 1);
    assert_eq!(count(doc.root_element(), "failures"), 0);
}

#[test]
fn failures_carry_location_message_snippet_and_fix() {
    let out = render_junit(&fixture().report());
    let doc = Document::parse(&out).unwrap();
    let case = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("testcase")
                && n.attribute("classname") == Some("code/python/sql-injection")
        })
        .unwrap();
    assert_eq!(case.attribute("name"), Some("src/db.py:12:5"));
    assert_eq!(case.attribute("file"), Some("src/db.py"));
    assert_eq!(case.attribute("line"), Some("12"));
    let failure = children(case, "failure").next().unwrap();
    assert_eq!(failure.attribute("type"), Some("high"));
    assert_eq!(
        failure.attribute("message"),
        Some("request parameter `id` reaches cursor.execute() through an f-string")
    );
    let body = failure.text().unwrap();
    assert!(body.contains("at src/db.py:12:5"), "{body}");
    assert!(body.contains("12 |     cursor.execute(f\"SELECT"), "{body}");
    assert!(
        body.contains("fix: Pass values as query parameters"),
        "{body}"
    );
}

#[test]
fn markup_and_control_characters_survive_a_real_parser() {
    let out = render_junit(&fixture().report());
    let doc = Document::parse(&out).unwrap();
    let failure = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("failure")
                && n.parent().unwrap().attribute("classname") == Some("code/javascript/xss")
        })
        .unwrap();
    // Markup and quotes come back exactly; characters XML 1.0 cannot hold are shown as \xNN.
    let expected = NASTY_MESSAGE
        .replace('\u{1b}', "\\x1B")
        .replace('\u{0}', "\\x00");
    assert_eq!(failure.attribute("message"), Some(expected.as_str()));
    assert!(failure.text().unwrap().contains(&expected));
    assert!(!out.contains('\u{1b}') && !out.contains('\u{0}'));
    // The path with a space and a pipe is an attribute like any other.
    let case = failure.parent().unwrap();
    assert_eq!(case.attribute("file"), Some("web/static files/app|main.js"));
}

#[test]
fn suppressed_findings_are_skipped_with_their_reason() {
    let out = render_junit(&fixture().report());
    let doc = Document::parse(&out).unwrap();
    let reasons: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("skipped"))
        .map(|n| n.attribute("message").unwrap())
        .collect();
    assert_eq!(
        reasons,
        [
            "suppressed at tests/fixtures/conf.py:3: test fixture | not a real password",
            "suppressed at src/db.py:20",
        ]
    );
}

#[test]
fn snapshot() {
    insta::assert_snapshot!(render_junit(&fixture().report()));
}
