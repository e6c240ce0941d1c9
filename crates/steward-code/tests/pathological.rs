//! Inputs built to hurt a parser or an analyser — nesting thousands deep, long left-deep
//! chains, a big minified bundle — must neither crash the scan nor hold it up: each file
//! is analysed as far as it safely can be, or skipped with the reason.
//!
//! Every case runs on a thread with a 2 MiB stack, the size of a scan's worker threads, so
//! unbounded recursion shows up here as the stack overflow it would be in a real scan.

use std::time::{Duration, Instant};

use steward_code::CodeEngine;
use steward_core::collect::SkipReason;
use steward_core::engine::TreeOutput;

const DEPTH: usize = 20_000;

fn nest(open: &str, inner: &str, close: &str) -> String {
    format!("{}{inner}{}", open.repeat(DEPTH), close.repeat(DEPTH))
}

fn chain(first: &str, link: &str) -> String {
    format!("{first}{}", link.repeat(DEPTH))
}

fn scan_on_small_stack(engine: &CodeEngine, path: &str, src: String) -> TreeOutput {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn_scoped(s, || {
                engine.scan_files(&[(path.to_string(), src.into_bytes())])
            })
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{path}: the analysis panicked"))
    })
}

fn cases() -> Vec<(&'static str, &'static str, String)> {
    vec![
        (
            "py",
            "parentheses",
            format!("import sys\nx = {}\n", nest("(", "sys.argv[1]", ")")),
        ),
        (
            "py",
            "lists",
            format!("import sys\nx = {}\n", nest("[", "sys.argv[1]", "]")),
        ),
        ("py", "dicts", format!("x = {}\n", nest("{1: ", "2", "}"))),
        (
            "py",
            "calls",
            format!("import sys\nx = {}\n", nest("f(", "sys.argv[1]", ")")),
        ),
        (
            "py",
            "attribute chain",
            format!("x = {}\n", chain("a", ".b")),
        ),
        (
            "py",
            "subscript chain",
            format!("x = {}\n", chain("a", "[1]")),
        ),
        (
            "py",
            "binary chain",
            format!("import sys\nx = {}\n", chain("sys.argv[1]", " + a")),
        ),
        (
            "py",
            "not chain",
            format!("x = {}a\n", "not ".repeat(DEPTH)),
        ),
        (
            "py",
            "conditional chain",
            format!("x = {}\n", chain("a", " if c else a")),
        ),
        (
            "py",
            "lambdas",
            format!("x = {}1\n", "lambda: ".repeat(DEPTH)),
        ),
        (
            "py",
            "unpacking target",
            format!("{} = x\n", nest("(", "a", ",)")),
        ),
        (
            "py",
            "list target",
            format!("{} = x\n", nest("[", "a", "]")),
        ),
        (
            "py",
            "nested functions",
            (0..2_000)
                .map(|i| format!("{}def f{i}(x):\n", " ".repeat(i)))
                .collect::<String>()
                + &" ".repeat(2_000)
                + "return x\n",
        ),
        (
            "js",
            "parentheses",
            format!("var x = {};\n", nest("(", "req.query.a", ")")),
        ),
        (
            "js",
            "require",
            format!("var x = {}.y;\n", nest("(", "require('m')", ")")),
        ),
        (
            "js",
            "arrays",
            format!("var x = {};\n", nest("[", "req.query.a", "]")),
        ),
        (
            "js",
            "objects",
            format!("var x = {};\n", nest("{a: ", "1", "}")),
        ),
        (
            "js",
            "calls",
            format!("var x = {};\n", nest("f(", "req.query.a", ")")),
        ),
        (
            "js",
            "member chain",
            format!("var x = {};\n", chain("a", ".b")),
        ),
        (
            "js",
            "binary chain",
            format!("var q = {};\ndb.query(q);\n", chain("req.query.a", " + b")),
        ),
        (
            "js",
            "ternaries",
            format!("var x = {};\n", chain("a", " ? b : a")),
        ),
        (
            "js",
            "unary chain",
            format!("var x = {}a;\n", "!".repeat(DEPTH)),
        ),
        (
            "js",
            "await chain",
            format!("async function f() {{ {}a; }}\n", "await ".repeat(DEPTH)),
        ),
        (
            "js",
            "arrow chain",
            format!("var f = {}1;\n", "x => ".repeat(DEPTH)),
        ),
        ("js", "functions", nest("function f() {", "return 1;", "}")),
        ("js", "blocks", nest("{", "a();", "}")),
        ("js", "ifs", nest("if (a) {", "b();", "}")),
        ("js", "sequence", format!("{};\n", nest("(a, ", "b", ")"))),
        (
            "js",
            "array pattern",
            format!("var {} = x;\n", nest("[", "a", "]")),
        ),
        (
            "js",
            "assignment pattern",
            format!("{} = x;\n", nest("[", "a", "]")),
        ),
        (
            "js",
            "templates",
            format!("var x = {};\n", nest("`${", "a", "}`")),
        ),
        (
            "js",
            "new chain",
            format!("var x = {}A;\n", "new ".repeat(DEPTH)),
        ),
        (
            "ts",
            "generics",
            format!("let x: {} = 1;\n", nest("A<", "B", ">")),
        ),
        (
            "tsx",
            "elements",
            format!("const x = {};\n", nest("<a>", "b", "</a>")),
        ),
    ]
}

#[test]
fn deep_and_long_inputs_neither_crash_nor_stall() {
    let engine = CodeEngine::new().unwrap();
    let mut slow = Vec::new();
    for (ext, what, src) in cases() {
        let path = format!("{}.{ext}", what.replace(' ', "_"));
        // A stack overflow aborts the whole process: the last name printed is the culprit.
        eprintln!("{path}");
        let started = Instant::now();
        scan_on_small_stack(&engine, &path, src);
        // Far over any honest figure, far under a stall: the per-file limit (5 s) plus
        // parsing, on a loaded debug build.
        if started.elapsed() > Duration::from_secs(30) {
            slow.push((path, started.elapsed()));
        }
    }
    assert!(slow.is_empty(), "{slow:?}");
}

/// A 5 MB minified bundle, one line: over a tight per-file limit it is skipped as timed
/// out, with the limit in the reason, and the files next to it are still analysed.
#[test]
fn a_big_minified_bundle_times_out_alone() {
    let mut bundle = String::new();
    let mut i = 0;
    while bundle.len() < 5_000_000 {
        bundle.push_str(&format!(
            "function f{i}(a,b){{var c=a+b*{i};if(c>{i}){{return g{}(c,a)}}return [c,a].map(function(x){{return x+'{i}'}}).join('')}};",
            i % 50
        ));
        i += 1;
    }
    let small = "const { exec } = require(\"child_process\");\napp.get(\"/x\", (req, res) => {\n  exec(\"ping \" + req.query.host);\n});\n";
    let engine = CodeEngine::new()
        .unwrap()
        .with_file_time_limit(Duration::from_millis(200));
    let started = Instant::now();
    let out = engine.scan_files(&[
        ("dist/bundle.min.js".into(), bundle.into_bytes()),
        ("server.js".into(), small.as_bytes().to_vec()),
    ]);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    let skip = out
        .skipped
        .iter()
        .find(|s| s.path == "dist/bundle.min.js")
        .unwrap_or_else(|| panic!("{:?}", out.skipped));
    match &skip.reason {
        SkipReason::TimedOut { stage, limit_ms } => {
            assert_eq!(*limit_ms, 200);
            assert!(!stage.is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert!(
        out.findings
            .iter()
            .any(|f| f.location.path == "server.js"
                && f.rule_id == "code/javascript/command-injection"),
        "{:#?}",
        out.findings
    );
}
