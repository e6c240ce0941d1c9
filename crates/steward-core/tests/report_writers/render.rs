use steward_core::report::{
    Format, render, render_json, render_junit, render_markdown, render_sarif, render_text,
};

use crate::fixture::fixture;

#[test]
fn render_dispatches_to_each_writer() {
    let fx = fixture();
    let r = fx.report();
    assert_eq!(
        render(&r, Format::Json, false),
        render_json(&r).into_bytes()
    );
    assert_eq!(
        render(&r, Format::Sarif, false),
        render_sarif(&r).into_bytes()
    );
    assert_eq!(
        render(&r, Format::Junit, false),
        render_junit(&r).into_bytes()
    );
    assert_eq!(
        render(&r, Format::Markdown, false),
        render_markdown(&r).into_bytes()
    );
    assert_eq!(
        render(&r, Format::Text, false),
        render_text(&r, false).into_bytes()
    );
    for name in Format::NAMES {
        let format: Format = name.parse().unwrap();
        let out = render(&r, format, false);
        assert!(out.ends_with(b"\n"), "{name} output ends in a newline");
        assert!(!String::from_utf8(out).unwrap().contains("being written"));
    }
}
