//! Java and PHP flows beyond single files and single examples: calls into classes and
//! functions of other scanned files, and the path a finding reports.

use steward_code::CodeEngine;

fn scan(files: &[(&str, &str)]) -> steward_core::engine::TreeOutput {
    let engine = CodeEngine::new().unwrap();
    let files: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
        .collect();
    engine.scan_files(&files)
}

fn rules_at(out: &steward_core::engine::TreeOutput) -> Vec<(String, String, u32)> {
    out.findings
        .iter()
        .map(|f| {
            (
                f.rule_id.clone(),
                f.location.path.clone(),
                f.location.start_line,
            )
        })
        .collect()
}

const USER_DAO: &str = r#"package com.acme.data;

import java.sql.*;

public class UserDao {
    private Connection conn;

    public ResultSet byName(String name) throws SQLException {
        Statement st = conn.createStatement();
        return st.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
    }

    public static String quoted(String value) {
        return "'" + value + "'";
    }

    public ResultSet byId(String id) throws SQLException {
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE id = ?");
        ps.setString(1, id);
        return ps.executeQuery();
    }
}
"#;

#[test]
fn java_flows_cross_into_classes_of_other_scanned_files() {
    let controller = r#"package com.acme.web;

import com.acme.data.UserDao;
import javax.servlet.http.*;

public class UserServlet extends HttpServlet {
    private UserDao dao;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String name = request.getParameter("name");
        dao.byName(name);
    }
}
"#;
    let files = [
        ("src/main/java/com/acme/web/UserServlet.java", controller),
        ("src/main/java/com/acme/data/UserDao.java", USER_DAO),
    ];
    let out = scan(&files);
    let f = out
        .findings
        .iter()
        .find(|f| f.rule_id == "code/java/sql-injection")
        .unwrap_or_else(|| panic!("{:#?}", rules_at(&out)));
    assert_eq!(f.location.path, "src/main/java/com/acme/data/UserDao.java");
    assert_eq!(f.location.start_line, 10);
    assert_eq!(f.flow[0].location.path, files[0].0);
    assert_eq!(f.flow[0].location.start_line, 10);
    assert!(
        f.flow.iter().any(|s| s.message.contains("passed to")),
        "{:#?}",
        f.flow
    );
    assert_eq!(
        f.message,
        "HttpServletRequest.getParameter() reaches executeQuery()"
    );
    // Alone, the DAO has no source.
    assert!(
        rules_at(&scan(&[files[1]]))
            .iter()
            .all(|(r, _, _)| r != "code/java/sql-injection")
    );
    // The parameterised method of the same class is not a sink for the caller.
    let safe = controller.replace("dao.byName(name)", "dao.byId(name)");
    let out = scan(&[(files[0].0, safe.as_str()), files[1]]);
    assert!(
        rules_at(&out)
            .iter()
            .all(|(r, _, _)| r != "code/java/sql-injection"),
        "{:#?}",
        rules_at(&out)
    );
}

#[test]
fn java_static_helpers_of_other_files_are_summarised() {
    let servlet = r#"import javax.servlet.http.*;
import java.sql.*;

class Search extends HttpServlet {
    private Connection conn;

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String id = Ids.normalize(request.getParameter("id"));
        conn.createStatement().executeQuery("SELECT * FROM items WHERE id = " + id);
    }
}
"#;
    let ids = r#"final class Ids {
    static String normalize(String raw) {
        return String.valueOf(Long.parseLong(raw.trim()));
    }
}
"#;
    // Without the helper's file, the call is unknown and passes its argument on.
    let alone = scan(&[("web/Search.java", servlet)]);
    assert!(
        rules_at(&alone)
            .iter()
            .any(|(r, _, l)| r == "code/java/sql-injection" && *l == 9),
        "{:#?}",
        rules_at(&alone)
    );
    // With it, its summary says the result is a number.
    let both = scan(&[("web/Search.java", servlet), ("util/Ids.java", ids)]);
    assert!(
        rules_at(&both)
            .iter()
            .all(|(r, _, _)| r != "code/java/sql-injection"),
        "{:#?}",
        rules_at(&both)
    );
}

#[test]
fn php_flows_cross_into_functions_of_included_files() {
    let index = "<?php\nrequire_once __DIR__ . '/lib/users.php';\n\n$rows = find_user($_GET['name']);\necho count($rows);\nUsers::remove($_POST['id']);\n";
    let lib = "<?php\nfunction find_user($name)\n{\n    global $link;\n    return mysqli_query($link, \"SELECT * FROM users WHERE name = '$name'\");\n}\n\nclass Users\n{\n    public static function remove($id)\n    {\n        global $link;\n        $id = (int) $id;\n        mysqli_query($link, \"DELETE FROM users WHERE id = $id\");\n    }\n}\n";
    let out = scan(&[("public/index.php", index), ("public/lib/users.php", lib)]);
    let sqli: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.rule_id == "code/php/sql-injection")
        .collect();
    assert_eq!(sqli.len(), 1, "{:#?}", rules_at(&out));
    let f = sqli[0];
    assert_eq!(f.location.path, "public/lib/users.php");
    assert_eq!(f.location.start_line, 5);
    assert_eq!(f.flow[0].location.path, "public/index.php");
    assert_eq!(f.flow[0].location.start_line, 4);
    assert!(f.message.contains("$_GET"), "{}", f.message);
    // Alone, the library has no source.
    assert!(
        rules_at(&scan(&[("public/lib/users.php", lib)]))
            .iter()
            .all(|(r, _, _)| r != "code/php/sql-injection")
    );
}

#[test]
fn php_short_echo_tags_and_superglobals_in_templates() {
    let page = "<html><body>\n<h1><?= $_GET['title'] ?></h1>\n<p><?= htmlspecialchars($_GET['body']) ?></p>\n</body></html>\n";
    let out = scan(&[("views/page.php", page)]);
    let lines: Vec<u32> = out
        .findings
        .iter()
        .filter(|f| f.rule_id == "code/php/xss")
        .map(|f| f.location.start_line)
        .collect();
    assert_eq!(lines, vec![2], "{:#?}", rules_at(&out));
    let f = out.findings.iter().find(|f| f.rule_id == "code/php/xss");
    assert_eq!(f.map(|f| f.message.as_str()), Some("$_GET reaches <?=()"));
}

#[test]
fn long_concatenations_are_followed_not_truncated() {
    let terms: String = (0..3000).map(|i| format!(" + \"part{i}\"")).collect();
    let java = format!(
        "class T extends HttpServlet {{\n  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {{\n    String q = \"SELECT \"{terms} + request.getParameter(\"q\");\n    conn.createStatement().executeQuery(q);\n  }}\n}}\n"
    );
    let php_terms: String = (0..3000).map(|i| format!(" . 'part{i}'")).collect();
    let php = format!("<?php\n$q = 'SELECT '{php_terms} . $_GET['q'];\nmysqli_query($link, $q);\n");
    let out = scan(&[("T.java", java.as_str()), ("t.php", php.as_str())]);
    assert!(out.skipped.is_empty(), "{:?}", out.skipped);
    let rules: Vec<&str> = out.findings.iter().map(|f| f.rule_id.as_str()).collect();
    assert!(rules.contains(&"code/java/sql-injection"), "{rules:?}");
    assert!(rules.contains(&"code/php/sql-injection"), "{rules:?}");
}
