//! Go, C and C++ beyond single examples: flows into functions of other scanned files
//! (a Go package is its directory, C has one global namespace), the path a finding
//! carries, headers taken for C++ by their text, and C rules on C++ files.

use steward_code::CodeEngine;

fn scan(files: &[(&str, &str)]) -> steward_core::engine::TreeOutput {
    let engine = CodeEngine::new().unwrap();
    let files: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
        .collect();
    engine.scan_files(&files)
}

fn rules(out: &steward_core::engine::TreeOutput) -> Vec<(&str, &str, u32)> {
    out.findings
        .iter()
        .map(|f| {
            (
                f.rule_id.as_str(),
                f.location.path.as_str(),
                f.location.start_line,
            )
        })
        .collect()
}

#[test]
fn go_flows_into_a_function_of_another_file_of_the_package() {
    let handler = "package api\n\nimport \"net/http\"\n\nfunc Search(w http.ResponseWriter, r *http.Request) {\n\tfind(r.URL.Query().Get(\"q\"))\n}\n";
    let store = "package api\n\nimport \"database/sql\"\n\nvar db *sql.DB\n\nfunc find(term string) {\n\tdb.Query(\"SELECT id FROM items WHERE name = '\" + term + \"'\")\n}\n";
    let out = scan(&[
        ("internal/api/handler.go", handler),
        ("internal/api/store.go", store),
    ]);
    let f = out
        .findings
        .iter()
        .find(|f| f.rule_id == "code/go/sql-injection")
        .unwrap_or_else(|| panic!("no finding through find(): {:?}", rules(&out)));
    assert_eq!(f.location.path, "internal/api/store.go");
    assert_eq!(f.location.start_line, 8);
    assert_eq!(f.flow[0].location.path, "internal/api/handler.go");
    assert!(f.message.contains("request URL query"), "{}", f.message);
    // The same function name in another package is another function.
    let other = "package other\n\nfunc find(term string) {}\n";
    let out = scan(&[
        ("internal/api/handler.go", handler),
        ("internal/other/store.go", other),
    ]);
    assert!(
        !out.findings
            .iter()
            .any(|f| f.rule_id == "code/go/sql-injection"),
        "{:?}",
        rules(&out)
    );
}

#[test]
fn go_flows_into_an_imported_package() {
    let main = "package main\n\nimport (\n\t\"os\"\n\t\"example.com/tool/runner\"\n)\n\nfunc main() {\n\trunner.Run(os.Args[1])\n}\n";
    let runner = "package runner\n\nimport \"os/exec\"\n\nfunc Run(script string) error {\n\treturn exec.Command(\"sh\", \"-c\", script).Run()\n}\n";
    let out = scan(&[("cmd/tool/main.go", main), ("runner/run.go", runner)]);
    assert!(
        out.findings.iter().any(|f| f.rule_id == "code/go/command-injection"
            && f.location.path == "runner/run.go"),
        "{:?}",
        rules(&out)
    );
}

#[test]
fn c_flows_into_a_function_of_another_file() {
    let main = "#include \"util.h\"\nint main(int argc, char **argv) {\n    return run_hook(argv[1]);\n}\n";
    let util = "#include <stdlib.h>\nint run_hook(const char *name) {\n    char cmd[256];\n    snprintf(cmd, sizeof cmd, \"hooks/%s.sh\", name);\n    return system(cmd);\n}\n";
    let out = scan(&[("src/main.c", main), ("src/util.c", util)]);
    let f = out
        .findings
        .iter()
        .find(|f| f.rule_id == "code/c/command-injection")
        .unwrap_or_else(|| panic!("no finding through run_hook(): {:?}", rules(&out)));
    assert_eq!(f.location.path, "src/util.c");
    assert_eq!(f.location.start_line, 5);
    assert_eq!(f.flow[0].location.path, "src/main.c");
    assert!(f.message.contains("argv"), "{}", f.message);
}

#[test]
fn c_rules_run_on_cpp_files_and_cpp_headers() {
    let cpp = "#include <cstring>\nclass Greeter {\n public:\n  void set(const char *n) { char name[8]; strcpy(name, n); }\n};\n";
    let out = scan(&[("src/greeter.cpp", cpp), ("include/greeter.h", cpp)]);
    let hits: Vec<&str> = out
        .findings
        .iter()
        .filter(|f| f.rule_id == "code/c/unbounded-copy")
        .map(|f| f.location.path.as_str())
        .collect();
    assert_eq!(hits.len(), 2, "{:?}", rules(&out));
    // A plain C header stays C, and a string that fits is not an overflow.
    let h = "#include <string.h>\nstatic inline void init(void) { char tag[8]; strcpy(tag, \"ok\"); }\n";
    let out = scan(&[("include/tag.h", h)]);
    assert!(out.findings.is_empty(), "{:?}", rules(&out));
}

#[test]
fn a_cin_flow_names_its_steps() {
    let src = "#include <iostream>\n#include <string>\n#include <cstdlib>\nint main() {\n    std::string host;\n    std::cin >> host;\n    std::string cmd = \"ping -c 1 \" + host;\n    return std::system(cmd.c_str());\n}\n";
    let out = scan(&[("ping.cpp", src)]);
    let f = out
        .findings
        .iter()
        .find(|f| f.rule_id == "code/c/command-injection")
        .unwrap_or_else(|| panic!("{:?}", rules(&out)));
    let lines: Vec<u32> = f.flow.iter().map(|s| s.location.start_line).collect();
    assert_eq!(lines.first(), Some(&6), "{:?}", f.flow);
    assert!(lines.contains(&7), "{:?}", f.flow);
    assert_eq!(lines.last(), Some(&8), "{:?}", f.flow);
}

#[test]
fn cpp_functions_of_a_namespace_are_reached_by_their_qualified_name() {
    let shell = "#include <cstdlib>\n#include <string>\n\nnamespace ops {\nnamespace shell {\nint run(const std::string& c) {\n    return std::system(c.c_str());\n}\n}  // namespace shell\n}  // namespace ops\n";
    let report = "#include <iostream>\n#include <string>\n\nnamespace report {\nint run(const std::string& what) {\n    std::cout << what;\n    return 0;\n}\n}  // namespace report\n";
    let cmd = |call: &str| {
        format!(
            "#include <string>\n\nint main(int argc, char** argv) {{\n    std::string c = std::string(\"tar czf /tmp/a.tgz \") + argv[1];\n    return {call}(c);\n}}\n"
        )
    };
    let command = "code/c/command-injection";
    let main = cmd("ops::shell::run");
    let out = scan(&[
        ("src/shell.cpp", shell),
        ("src/report.cpp", report),
        ("src/main.cpp", &main),
    ]);
    let f = out
        .findings
        .iter()
        .find(|f| f.rule_id == command)
        .unwrap_or_else(|| panic!("no finding through ops::shell::run: {:?}", rules(&out)));
    assert_eq!(
        (f.location.path.as_str(), f.location.start_line),
        ("src/shell.cpp", 7)
    );
    // Another namespace's `run` is another function.
    let main = cmd("report::run");
    let out = scan(&[
        ("src/shell.cpp", shell),
        ("src/report.cpp", report),
        ("src/main.cpp", &main),
    ]);
    assert!(
        !out.findings.iter().any(|f| f.rule_id == command),
        "{:?}",
        rules(&out)
    );
    // Code inside the namespace, in another file, calls it unqualified.
    let inside = "#include <string>\n\nnamespace ops {\nnamespace shell {\nint archive(char** argv) {\n    return run(std::string(\"tar czf /tmp/a.tgz \") + argv[1]);\n}\n}  // namespace shell\n}  // namespace ops\n\nint main(int argc, char** argv) {\n    return ops::shell::archive(argv);\n}\n";
    let out = scan(&[("src/shell.cpp", shell), ("src/archive.cpp", inside)]);
    assert!(
        out.findings
            .iter()
            .any(|f| f.rule_id == command && f.location.path == "src/shell.cpp"),
        "{:?}",
        rules(&out)
    );
}
