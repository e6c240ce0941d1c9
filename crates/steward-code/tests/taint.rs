//! The taint engine's behaviour beyond single examples: the flow it reports, flows into
//! other scanned files, and files it gives up on.

use std::time::Duration;

use steward_code::CodeEngine;
use steward_core::collect::SkipReason;

fn scan(files: &[(&str, &str)]) -> steward_core::engine::TreeOutput {
    let engine = CodeEngine::new().unwrap();
    let files: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
        .collect();
    engine.scan_files(&files)
}

#[test]
fn a_finding_carries_its_flow_from_source_to_sink() {
    let out = scan(&[(
        "app.py",
        "import sqlite3\nfrom flask import request\n\ndef find():\n    name = request.args.get(\"name\")\n    sql = \"SELECT * FROM users WHERE name = '%s'\" % name\n    return sqlite3.connect(\"a.db\").execute(sql).fetchall()\n",
    )]);
    let f = out
        .findings
        .iter()
        .find(|f| f.rule_id == "code/python/sql-injection")
        .expect("an SQL injection finding");
    assert_eq!(f.location.start_line, 7);
    assert!(f.message.contains("Flask request.args"), "{}", f.message);
    let steps: Vec<(u32, &str)> = f
        .flow
        .iter()
        .map(|s| (s.location.start_line, s.message.as_str()))
        .collect();
    assert_eq!(steps.first().map(|s| s.0), Some(5), "{steps:?}");
    assert!(
        steps.iter().any(|(l, m)| *l == 6 && m.contains("`sql`")),
        "{steps:?}"
    );
    assert_eq!(steps.last().map(|s| s.0), Some(7), "{steps:?}");
    assert!(steps.last().unwrap().1.starts_with("reaches"), "{steps:?}");
}

#[test]
fn flows_cross_into_functions_of_other_scanned_files() {
    let views = "from flask import request\nfrom app.db import find_user\n\ndef view():\n    return find_user(request.args[\"name\"])\n";
    let db = "import sqlite3\n\ndef find_user(name):\n    conn = sqlite3.connect(\"a.db\")\n    return conn.execute(\"SELECT * FROM users WHERE name = '\" + name + \"'\").fetchall()\n";
    let out = scan(&[("app/views.py", views), ("app/db.py", db)]);
    let f = out
        .findings
        .iter()
        .find(|f| f.rule_id == "code/python/sql-injection")
        .expect("a finding through the call into app/db.py");
    assert_eq!(f.location.path, "app/db.py");
    assert_eq!(f.location.start_line, 5);
    assert_eq!(f.flow[0].location.path, "app/views.py");
    assert!(
        f.flow
            .iter()
            .any(|s| s.message.contains("passed to find_user()")),
        "{:#?}",
        f.flow
    );
    // Alone, neither file has a flow from a source to a sink.
    assert!(
        scan(&[("app/db.py", db)])
            .findings
            .iter()
            .all(|f| f.rule_id != "code/python/sql-injection")
    );
    // A sanitising helper in the other file clears it.
    let clean = "def find_user(name):\n    return int(name)\n";
    let views2 = "import os\nfrom flask import request\nfrom app.db import find_user\n\ndef view():\n    os.system(\"ls \" + str(find_user(request.args[\"n\"])))\n";
    let out = scan(&[("app/views.py", views2), ("app/db.py", clean)]);
    assert!(
        out.findings
            .iter()
            .all(|f| f.rule_id != "code/python/command-injection"),
        "{:#?}",
        out.findings
    );
}

#[test]
fn relative_imports_resolve_against_the_package() {
    let views = "import os\nfrom flask import request\nfrom .tools import run\n\ndef view():\n    run(request.form[\"cmd\"])\n";
    let tools = "import os\n\ndef run(cmd):\n    os.system(cmd)\n";
    let out = scan(&[("svc/views.py", views), ("svc/tools.py", tools)]);
    assert!(
        out.findings
            .iter()
            .any(|f| f.rule_id == "code/python/command-injection"
                && f.location.path == "svc/tools.py"),
        "{:#?}",
        out.findings
    );
}

#[test]
fn a_file_over_the_time_limit_is_skipped_with_a_reason() {
    let mut big = String::from("import os, sys\n");
    for i in 0..20_000 {
        big.push_str(&format!("v{i} = sys.argv[1] + 'x'\nos.system(v{i})\n"));
    }
    let engine = CodeEngine::new()
        .unwrap()
        .with_file_time_limit(Duration::from_millis(1));
    let out = engine.scan_files(&[("big.py".into(), big.into_bytes())]);
    assert_eq!(out.skipped.len(), 1, "{:?}", out.skipped);
    match &out.skipped[0].reason {
        SkipReason::TimedOut { limit_ms, .. } => assert_eq!(*limit_ms, 1),
        other => panic!("{other:?}"),
    }
}

#[test]
fn deep_nesting_does_not_overflow_and_is_reported() {
    let depth = 3_000;
    let src = format!(
        "import os, sys\nx = {}sys.argv[1]{}\nos.system(sys.argv[2])\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let out = scan(&[("deep.py", &src)]);
    assert!(
        out.skipped.iter().any(|s| s.path == "deep.py"),
        "{:?}",
        out.skipped
    );
    // What was lowered is still analysed.
    assert!(
        out.findings
            .iter()
            .any(|f| f.rule_id == "code/python/command-injection" && f.location.start_line == 3),
        "{:#?}",
        out.findings
    );
}

#[test]
fn lambdas_and_callbacks_carry_flows() {
    let out = scan(&[(
        "tool.py",
        "import os, sys\nrun = lambda cmd: os.system(cmd)\nrun(\"echo \" + sys.argv[1])\n",
    )]);
    assert!(
        out.findings
            .iter()
            .any(|f| f.rule_id == "code/python/command-injection" && f.location.start_line == 2),
        "{:#?}",
        out.findings
    );
    let out = scan(&[(
        "server.js",
        "const { exec } = require(\"child_process\");\napp.get(\"/x\", (req, res) => {\n  const host = req.query.host;\n  exec(\"ping \" + host, () => res.end());\n});\n",
    )]);
    let f = out
        .findings
        .iter()
        .find(|f| f.rule_id == "code/javascript/command-injection")
        .expect("a finding inside the Express callback");
    assert_eq!(f.location.start_line, 4);
    assert_eq!(f.flow[0].location.start_line, 3);
}

#[test]
fn javascript_flows_cross_into_required_modules() {
    let routes = "const db = require(\"./db\");\napp.get(\"/u\", (req, res) => {\n  db.find(req.query.name).then((r) => res.json(r));\n});\n";
    let db = "const pool = require(\"./pool\");\nfunction find(name) {\n  return pool.query(\"SELECT * FROM users WHERE name = '\" + name + \"'\");\n}\nmodule.exports = { find };\n";
    let out = scan(&[("api/routes.js", routes), ("api/db.js", db)]);
    assert!(
        out.findings
            .iter()
            .any(|f| f.rule_id == "code/javascript/sql-injection" && f.location.path == "api/db.js"),
        "{:#?}",
        out.findings
    );
}
