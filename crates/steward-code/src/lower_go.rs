//! Go front end: lowers a tree-sitter-go tree to the taint engine's program form.
//!
//! Go is typed, so a parameter declared `*http.Request`, `http.ResponseWriter` or
//! `*gin.Context` is bound to its type's name (`http.Request`): sources and sinks are then
//! matched on what an object is, not on what it happens to be called. A method's receiver
//! is lowered as `self`, so calls between methods of one type follow their summaries.
//! Imports bind the package's name (`exec` for "os/exec"); calls to functions the file
//! does not define are bound to the same package (`.name`), which the tree scan resolves
//! to a function of another file in the same directory.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tree_sitter::Node;

use crate::ir::*;

/// Nesting deeper than this is not lowered (the module is marked truncated).
const MAX_DEPTH: u32 = 120;

/// Types whose values a parameter is bound to by name, for matching sources and sinks.
const TYPED: &[&str] = &[
    "http.Request",
    "http.ResponseWriter",
    "gin.Context",
    "echo.Context",
    "fiber.Ctx",
    "sql.DB",
    "sql.Tx",
    "sql.Conn",
    "sqlx.DB",
    "sqlx.Tx",
    "gorm.DB",
];

/// Built-in functions and conversions: never a function of another file.
const BUILTINS: &[&str] = &[
    "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max",
    "min", "new", "panic", "print", "println", "real", "recover", "string", "int", "int8", "int16",
    "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "float32",
    "float64", "byte", "rune", "bool", "error", "any",
];

pub fn lower(root: Node<'_>, src: &[u8]) -> Module {
    let mut l = Lower {
        src,
        module: Module::default(),
        depth: 0,
        receiver: None,
        called: Vec::new(),
        regexps: compiled_regexps(root, src),
        text_templates: text_templates(root, src),
    };
    let mut top = Vec::new();
    let mut cursor = root.walk();
    for child in root.named_children(&mut cursor) {
        l.top_level(child, &mut top);
    }
    l.module.top = top;
    // Calls to names this file does not define: functions of the same package, in
    // another file of the directory.
    let defined: HashSet<&str> = l
        .module
        .functions
        .iter()
        .map(|f| &*f.name)
        .collect::<HashSet<_>>();
    let imported: HashSet<Name> = l.module.imports.iter().map(|(n, _)| n.clone()).collect();
    let mut same_package = Vec::new();
    for n in &l.called {
        if !defined.contains(&**n)
            && !imported.contains(n)
            && !BUILTINS.contains(&&**n)
            && !same_package.iter().any(|(m, _): &(Name, Arc<str>)| m == n)
        {
            same_package.push((n.clone(), Arc::from(format!(".{n}"))));
        }
    }
    l.module.imports.extend(same_package);
    l.module
}

struct Lower<'s> {
    src: &'s [u8],
    module: Module,
    depth: u32,
    /// The receiver's name inside a method body: lowered as `self`.
    receiver: Option<Name>,
    /// Plain names called anywhere.
    called: Vec<Name>,
    /// Variables holding `regexp.MustCompile("...")`, with the pattern.
    regexps: HashMap<String, String>,
    /// What holds a text/template template, whose output nothing escapes.
    text_templates: TextTemplates,
}

/// The name text/template is imported under, and the variables and struct fields that
/// hold one of its templates (built by a call into the package, or declared
/// `*template.Template`).
#[derive(Default)]
struct TextTemplates {
    alias: Option<String>,
    holders: HashSet<String>,
}

/// The callee an `Execute` or `ExecuteTemplate` of a text/template template is lowered to,
/// for rules to name (`text/template.Template.Execute`).
const TEXT_TEMPLATE: &str = "text/template.Template";

fn text_templates(root: Node<'_>, src: &[u8]) -> TextTemplates {
    let mut specs = Vec::new();
    collect_kind(root, "import_spec", &mut specs);
    let alias = specs.iter().find_map(|spec| {
        let path = spec.child_by_field_name("path")?;
        if text(path, src).trim_matches(['"', '`']) != "text/template" {
            return None;
        }
        match spec.child_by_field_name("name") {
            Some(n) if n.kind() == "package_identifier" => Some(text(n, src).to_string()),
            Some(_) => None,
            None => Some("template".to_string()),
        }
    });
    let Some(alias) = alias else {
        return TextTemplates::default();
    };
    let prefix = format!("{alias}.");
    let of_package = |n: Node<'_>| {
        let t = text(n, src).trim_start_matches(['*', '&']);
        t.starts_with(&prefix)
    };
    let mut holders = HashSet::new();
    // Every level, closures included: a template is often built inside a handler.
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        match n.kind() {
            "var_spec" | "short_var_declaration" | "assignment_statement" => {
                let (names, values): (Vec<Node<'_>>, Vec<Node<'_>>) = if n.kind() == "var_spec" {
                    let mut c = n.walk();
                    let names: Vec<Node<'_>> = n.children_by_field_name("name", &mut c).collect();
                    let declared = n.child_by_field_name("type").is_some_and(of_package);
                    if declared {
                        for name in &names {
                            holders.insert(text(*name, src).to_string());
                        }
                    }
                    (names, expression_list(n.child_by_field_name("value")))
                } else {
                    (
                        expression_list(n.child_by_field_name("left")),
                        expression_list(n.child_by_field_name("right")),
                    )
                };
                // `t, err := template.New("x").Parse(s)`: the template is the first.
                if let (Some(name), Some(value)) = (names.first(), values.first())
                    && of_package(*value)
                {
                    let holder = match name.kind() {
                        "selector_expression" => name.child_by_field_name("field"),
                        _ => Some(*name),
                    };
                    if let Some(h) = holder {
                        holders.insert(text(h, src).to_string());
                    }
                }
            }
            "parameter_declaration" | "field_declaration"
                if n.child_by_field_name("type").is_some_and(of_package) =>
            {
                let mut c = n.walk();
                for name in n.children_by_field_name("name", &mut c) {
                    holders.insert(text(name, src).to_string());
                }
            }
            _ => {}
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    TextTemplates {
        alias: Some(alias),
        holders,
    }
}

/// The expressions of an `expression_list`, or the one expression.
fn expression_list(node: Option<Node<'_>>) -> Vec<Node<'_>> {
    match node {
        Some(n) if n.kind() == "expression_list" => {
            let mut c = n.walk();
            n.named_children(&mut c).collect()
        }
        Some(n) => vec![n],
        None => Vec::new(),
    }
}

/// `var re = regexp.MustCompile("^[a-z]+$")` (at any level): the variable and its pattern,
/// for variables assigned only that way.
fn compiled_regexps(root: Node<'_>, src: &[u8]) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    let mut specs = Vec::new();
    collect_kind(root, "var_spec", &mut specs);
    collect_kind(root, "short_var_declaration", &mut specs);
    for spec in specs {
        let (names, values) = match spec.kind() {
            "var_spec" => {
                let mut c = spec.walk();
                let names: Vec<Node<'_>> = spec.children_by_field_name("name", &mut c).collect();
                (names, spec.child_by_field_name("value"))
            }
            _ => {
                let left = spec.child_by_field_name("left");
                let names = left
                    .map(|l| {
                        let mut c = l.walk();
                        l.named_children(&mut c).collect::<Vec<_>>()
                    })
                    .unwrap_or_default();
                (names, spec.child_by_field_name("right"))
            }
        };
        let ([name], Some(values)) = (names.as_slice(), values) else {
            continue;
        };
        let Some(call) = values.named_child(0) else {
            continue;
        };
        let f = call.child_by_field_name("function").map(|f| text(f, src));
        if !matches!(f, Some("regexp.MustCompile")) {
            continue;
        }
        let Some(lit) = call
            .child_by_field_name("arguments")
            .and_then(|a| a.named_child(0))
            .filter(|a| {
                matches!(
                    a.kind(),
                    "interpreted_string_literal" | "raw_string_literal"
                )
            })
        else {
            continue;
        };
        out.insert(text(*name, src).to_string(), unquote(lit, src));
    }
    out
}

fn text<'a>(node: Node<'_>, src: &'a [u8]) -> &'a str {
    std::str::from_utf8(&src[node.byte_range()]).unwrap_or("")
}

/// The name a Go import path binds: its last element, skipping a major-version suffix
/// (`github.com/labstack/echo/v4` -> `echo`, `gopkg.in/yaml.v3` -> `yaml`).
pub fn package_name(path: &str) -> &str {
    let path = path.trim_matches(['"', '`']);
    let mut parts = path.rsplit('/');
    let mut last = parts.next().unwrap_or(path);
    if last.len() > 1
        && last.starts_with('v')
        && last[1..].bytes().all(|b| b.is_ascii_digit())
        && let Some(prev) = parts.next()
    {
        last = prev;
    }
    match last.split_once(".v") {
        Some((name, v)) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => last.strip_prefix("go-").unwrap_or(last),
    }
}

/// The value of a Go string literal, escapes decoded where simple.
fn unquote(node: Node<'_>, src: &[u8]) -> String {
    let mut s = String::new();
    let mut cursor = node.walk();
    for c in node.named_children(&mut cursor) {
        let t = text(c, src);
        match c.kind() {
            "escape_sequence" => s.push_str(match t {
                "\\n" => "\n",
                "\\t" => "\t",
                "\\r" => "\r",
                "\\\\" => "\\",
                "\\\"" => "\"",
                "\\'" => "'",
                _ => t,
            }),
            _ => s.push_str(t),
        }
    }
    s
}

impl Lower<'_> {
    fn name(&self, node: Node<'_>) -> Name {
        let t = text(node, self.src);
        if self.receiver.as_deref() == Some(t) {
            return Arc::from("self");
        }
        Arc::from(t)
    }

    fn top_level(&mut self, node: Node<'_>, out: &mut Vec<Stmt>) {
        match node.kind() {
            "import_declaration" => {
                let mut specs = Vec::new();
                collect_kind(node, "import_spec", &mut specs);
                for spec in specs {
                    let Some(path) = spec.child_by_field_name("path") else {
                        continue;
                    };
                    let pkg = package_name(text(path, self.src)).to_string();
                    let local = match spec.child_by_field_name("name") {
                        Some(n) if matches!(n.kind(), "blank_identifier" | "dot") => continue,
                        Some(n) => text(n, self.src).to_string(),
                        None => pkg.clone(),
                    };
                    self.module
                        .imports
                        .push((Arc::from(local.as_str()), Arc::from(pkg.as_str())));
                }
            }
            "function_declaration" => {
                let Some(name) = node.child_by_field_name("name") else {
                    return;
                };
                let name = self.name(name);
                self.function(node, name, None);
            }
            "method_declaration" => self.method(node),
            _ => self.stmt(node, out),
        }
    }

    fn method(&mut self, node: Node<'_>) {
        let Some(mname) = node.child_by_field_name("name") else {
            return;
        };
        let recv = node
            .child_by_field_name("receiver")
            .and_then(|r| r.named_child(0));
        let recv_name = recv
            .and_then(|r| r.child_by_field_name("name"))
            .map(|n| Arc::from(text(n, self.src)));
        let class: Name = recv
            .and_then(|r| r.child_by_field_name("type"))
            .map(|t| {
                let t = text(t, self.src).trim_start_matches('*');
                Arc::from(t.split('[').next().unwrap_or(t))
            })
            .unwrap_or_else(|| Arc::from(""));
        let name: Name = Arc::from(format!("{class}.{}", text(mname, self.src)));
        let saved = std::mem::replace(&mut self.receiver, recv_name.clone());
        let mut params = vec![Param {
            name: Arc::from("self"),
            span: recv.map_or(Span::of(&node), |r| Span::of(&r)),
            default: None,
        }];
        let (more, prologue) = self.params(node);
        params.extend(more);
        let mut body = prologue;
        body.extend(self.fn_body(node));
        self.receiver = saved;
        self.module.functions.push(Function {
            name,
            class: Some(class),
            self_param: true,
            params,
            body,
            param_sources: Vec::new(),
            returns_response: false,
        });
    }

    fn function(&mut self, node: Node<'_>, name: Name, class: Option<&Name>) {
        let saved = self.receiver.take();
        let (params, prologue) = self.params(node);
        let mut body = prologue;
        body.extend(self.fn_body(node));
        self.receiver = saved;
        self.module.functions.push(Function {
            name,
            class: class.cloned(),
            self_param: false,
            params,
            body,
            param_sources: Vec::new(),
            returns_response: false,
        });
    }

    fn fn_body(&mut self, node: Node<'_>) -> Vec<Stmt> {
        match node.child_by_field_name("body") {
            Some(b) => self.block(b),
            None => Vec::new(),
        }
    }

    /// The parameters, and the statements that bind typed ones to their type's name.
    fn params(&mut self, node: Node<'_>) -> (Vec<Param>, Vec<Stmt>) {
        let mut params = Vec::new();
        let mut prologue = Vec::new();
        let Some(list) = node.child_by_field_name("parameters") else {
            return (params, prologue);
        };
        let mut cursor = list.walk();
        let decls: Vec<Node<'_>> = list.named_children(&mut cursor).collect();
        for d in decls {
            if !matches!(
                d.kind(),
                "parameter_declaration" | "variadic_parameter_declaration"
            ) {
                continue;
            }
            let typed = d
                .child_by_field_name("type")
                .map(|t| self.type_name(t))
                .filter(|t| TYPED.contains(&t.as_str()));
            let mut c2 = d.walk();
            for n in d.children_by_field_name("name", &mut c2) {
                let name = self.name(n);
                if let Some(t) = &typed {
                    prologue.push(Stmt::Assign(
                        vec![Target::Name(name.clone(), Span::of(&n))],
                        Expr::Name(Arc::from(t.as_str()), Span::of(&n)),
                        Span::of(&n),
                    ));
                }
                params.push(Param {
                    name,
                    span: Span::of(&n),
                    default: None,
                });
            }
        }
        (params, prologue)
    }

    /// `*http.Request` -> `http.Request`, with the package as imported.
    fn type_name(&self, t: Node<'_>) -> String {
        match t.kind() {
            "pointer_type" => t
                .named_child(0)
                .map(|i| self.type_name(i))
                .unwrap_or_default(),
            "qualified_type" => {
                let pkg = t
                    .child_by_field_name("package")
                    .map_or("", |p| text(p, self.src));
                let pkg = self
                    .module
                    .imports
                    .iter()
                    .find(|(n, _)| &**n == pkg)
                    .map_or(pkg, |(_, q)| &**q);
                let name = t
                    .child_by_field_name("name")
                    .map_or("", |n| text(n, self.src));
                format!("{pkg}.{name}")
            }
            _ => text(t, self.src).to_string(),
        }
    }

    fn block(&mut self, node: Node<'_>) -> Vec<Stmt> {
        let mut out = Vec::new();
        let mut cursor = node.walk();
        let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
        for child in kids {
            self.stmt(child, &mut out);
        }
        out
    }

    fn stmt(&mut self, node: Node<'_>, out: &mut Vec<Stmt>) {
        if self.depth > MAX_DEPTH {
            self.module.truncated = true;
            return;
        }
        self.depth += 1;
        self.stmt_inner(node, out);
        self.depth -= 1;
    }

    fn stmt_inner(&mut self, node: Node<'_>, out: &mut Vec<Stmt>) {
        let span = Span::of(&node);
        match node.kind() {
            "block" | "statement_list" => out.extend(self.block(node)),
            "expression_statement" => {
                if let Some(e) = node.named_child(0) {
                    let v = self.expr(e);
                    out.push(Stmt::Expr(v));
                    self.out_params(e, out);
                }
            }
            "short_var_declaration" | "assignment_statement" => {
                let op = node
                    .child_by_field_name("operator")
                    .map_or("=", |o| text(o, self.src));
                let left = self.list(node.child_by_field_name("left"));
                let right = node.child_by_field_name("right");
                let rights = self.list(right);
                if op != "=" && op != ":=" {
                    if let (Some(l), Some(r)) = (left.first(), rights.first()) {
                        let t = self.target(*l);
                        let v = self.expr(*r);
                        out.push(Stmt::AugAssign(t, v, span));
                    }
                    return;
                }
                self.assign(&left, &rights, span, out);
                if let Some(r) = right {
                    self.out_params(r, out);
                }
            }
            "var_declaration" | "const_declaration" => {
                let mut specs = Vec::new();
                collect_kind(node, "var_spec", &mut specs);
                collect_kind(node, "const_spec", &mut specs);
                for spec in specs {
                    let mut cursor = spec.walk();
                    let names: Vec<Node<'_>> =
                        spec.children_by_field_name("name", &mut cursor).collect();
                    let values = self.list(spec.child_by_field_name("value"));
                    if values.is_empty() {
                        // `var b strings.Builder`: a zero value, no data.
                        for n in names {
                            out.push(Stmt::Assign(
                                vec![Target::Name(self.name(n), Span::of(&n))],
                                Expr::Other(Vec::new(), Span::of(&n)),
                                Span::of(&spec),
                            ));
                        }
                        continue;
                    }
                    self.assign(&names, &values, Span::of(&spec), out);
                    if let Some(v) = spec.child_by_field_name("value") {
                        self.out_params(v, out);
                    }
                }
            }
            "inc_statement" | "dec_statement" => {}
            "if_statement" => {
                if let Some(init) = node.child_by_field_name("initializer") {
                    self.stmt(init, out);
                }
                let cond = self.field_expr(node, "condition");
                let then = self.body(node.child_by_field_name("consequence"));
                let otherwise = self.body(node.child_by_field_name("alternative"));
                out.push(Stmt::If(cond, then, otherwise));
            }
            "for_statement" => self.for_stmt(node, out),
            "expression_switch_statement" | "type_switch_statement" | "select_statement" => {
                if let Some(init) = node.child_by_field_name("initializer") {
                    self.stmt(init, out);
                }
                if let Some(v) = node.child_by_field_name("value") {
                    let value = self.expr(v);
                    // `switch t := v.(type)`: each case sees `t` as `v`.
                    if let Some(alias) = node.child_by_field_name("alias") {
                        let names = self.list(Some(alias));
                        for n in names {
                            out.push(Stmt::Assign(
                                vec![self.target(n)],
                                value.clone(),
                                Span::of(&n),
                            ));
                        }
                    } else {
                        out.push(Stmt::Expr(value));
                    }
                }
                let mut cursor = node.walk();
                let cases: Vec<Node<'_>> = node
                    .named_children(&mut cursor)
                    .filter(|c| {
                        matches!(
                            c.kind(),
                            "expression_case" | "default_case" | "type_case" | "communication_case"
                        )
                    })
                    .collect();
                for case in cases {
                    let mut stmts = Vec::new();
                    let mut c2 = case.walk();
                    let kids: Vec<Node<'_>> = case.named_children(&mut c2).collect();
                    for k in kids {
                        match k.kind() {
                            "statement_list" => stmts.extend(self.block(k)),
                            "receive_statement" => {
                                let left = self.list(k.child_by_field_name("left"));
                                let right: Vec<Node<'_>> =
                                    k.child_by_field_name("right").into_iter().collect();
                                self.assign(&left, &right, Span::of(&k), &mut stmts);
                            }
                            _ => {}
                        }
                    }
                    out.push(Stmt::If(
                        Expr::Other(Vec::new(), Span::of(&case)),
                        stmts,
                        Vec::new(),
                    ));
                }
            }
            "return_statement" => {
                let values = match node.named_child(0) {
                    Some(list) => self.list(Some(list)),
                    None => Vec::new(),
                };
                let value = match values.as_slice() {
                    [] => None,
                    [one] => Some(self.expr(*one)),
                    many => Some(Expr::List(
                        many.iter().map(|v| self.expr(*v)).collect(),
                        span,
                    )),
                };
                out.push(Stmt::Return(value, span));
            }
            "go_statement" | "defer_statement" => {
                if let Some(e) = node.named_child(0) {
                    let v = self.expr(e);
                    out.push(Stmt::Expr(v));
                }
            }
            "labeled_statement" => {
                let mut cursor = node.walk();
                let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                for k in kids.into_iter().filter(|k| k.kind() != "label_name") {
                    self.stmt(k, out);
                }
            }
            "send_statement" => {
                let v = self.field_expr(node, "value");
                if let Some(ch) = node.child_by_field_name("channel") {
                    let t = self.target(ch);
                    out.push(Stmt::AugAssign(t, v, span));
                }
            }
            "function_declaration" => {
                if let Some(name) = node.child_by_field_name("name") {
                    let name = self.name(name);
                    self.function(node, name, None);
                }
                out.push(Stmt::Def);
            }
            "method_declaration" => {
                self.method(node);
                out.push(Stmt::Def);
            }
            "comment"
            | "empty_statement"
            | "break_statement"
            | "continue_statement"
            | "goto_statement"
            | "fallthrough_statement"
            | "type_declaration"
            | "package_clause"
            | "import_declaration" => {}
            _ => {
                let e = self.expr(node);
                out.push(Stmt::Expr(e));
            }
        }
    }

    fn body(&mut self, node: Option<Node<'_>>) -> Vec<Stmt> {
        let mut out = Vec::new();
        if let Some(n) = node {
            self.stmt(n, &mut out);
        }
        out
    }

    fn for_stmt(&mut self, node: Node<'_>, out: &mut Vec<Stmt>) {
        let mut cursor = node.walk();
        let head = node
            .named_children(&mut cursor)
            .find(|c| c.kind() != "block" && c.kind() != "comment");
        let mut body = self.body(node.child_by_field_name("body"));
        match head {
            Some(h) if h.kind() == "range_clause" => {
                let left = self.list(h.child_by_field_name("left"));
                let target = match left.as_slice() {
                    [] => Target::Ignore,
                    [one] => self.target(*one),
                    // `for k, v := range m`: the key and the value both come from `m`.
                    many => Target::Unpack(many.iter().map(|n| self.target(*n)).collect()),
                };
                let iter = self.field_expr(h, "right");
                out.push(Stmt::Loop(Some((target, iter)), body));
            }
            Some(h) if h.kind() == "for_clause" => {
                if let Some(init) = h.child_by_field_name("initializer") {
                    self.stmt(init, out);
                }
                if let Some(c) = h.child_by_field_name("condition") {
                    let e = self.expr(c);
                    out.push(Stmt::Expr(e));
                }
                if let Some(u) = h.child_by_field_name("update") {
                    self.stmt(u, &mut body);
                }
                out.push(Stmt::Loop(None, body));
            }
            Some(cond) => {
                let e = self.expr(cond);
                out.push(Stmt::Expr(e));
                out.push(Stmt::Loop(None, body));
            }
            None => out.push(Stmt::Loop(None, body)),
        }
    }

    /// `a, b := x, y` pairs each side; `a, b := f()` unpacks the one value.
    fn assign(&mut self, left: &[Node<'_>], right: &[Node<'_>], span: Span, out: &mut Vec<Stmt>) {
        if left.len() == right.len() {
            for (l, r) in left.iter().zip(right) {
                // `f := func(...) {...}` is a function named f.
                if r.kind() == "func_literal" && l.kind() == "identifier" {
                    let n = self.name(*l);
                    self.function(*r, n, None);
                    out.push(Stmt::Def);
                    continue;
                }
                let t = self.target(*l);
                let v = self.expr(*r);
                out.push(Stmt::Assign(vec![t], v, span));
            }
            return;
        }
        let Some(r) = right.first() else {
            return;
        };
        let targets = left.iter().map(|l| self.target(*l)).collect();
        let v = self.expr(*r);
        out.push(Stmt::Assign(vec![Target::Unpack(targets)], v, span));
    }

    /// `json.Unmarshal(data, &v)`, `dec.Decode(&v)`, `fmt.Fprintf(&b, ...)`: a call given a
    /// pointer to a variable may write into it what its other inputs carry.
    fn out_params(&mut self, node: Node<'_>, out: &mut Vec<Stmt>) {
        let mut calls = Vec::new();
        collect_kind(node, "call_expression", &mut calls);
        for call in calls {
            let Some(args) = call.child_by_field_name("arguments") else {
                continue;
            };
            let mut cursor = args.walk();
            let kids: Vec<Node<'_>> = args.named_children(&mut cursor).collect();
            let written: Vec<Node<'_>> = kids
                .iter()
                .filter(|a| {
                    a.kind() == "unary_expression"
                        && a.child_by_field_name("operator")
                            .is_some_and(|o| text(o, self.src) == "&")
                })
                .filter_map(|a| a.child_by_field_name("operand"))
                .filter(|o| matches!(o.kind(), "identifier" | "selector_expression"))
                .collect();
            if written.is_empty() {
                continue;
            }
            let mut inputs = Vec::new();
            if let Some(f) = call.child_by_field_name("function")
                && f.kind() == "selector_expression"
                && let Some(o) = f.child_by_field_name("operand")
            {
                inputs.push(self.expr(o));
            }
            for a in &kids {
                if !written.iter().any(|w| w.parent() == Some(*a)) {
                    inputs.push(self.expr(*a));
                }
            }
            for w in written {
                let t = self.target(w);
                out.push(Stmt::AugAssign(
                    t,
                    Expr::Other(inputs.clone(), Span::of(&call)),
                    Span::of(&call),
                ));
            }
        }
    }

    fn list<'t>(&self, node: Option<Node<'t>>) -> Vec<Node<'t>> {
        let Some(n) = node else {
            return Vec::new();
        };
        if n.kind() != "expression_list" {
            return vec![n];
        }
        let mut cursor = n.walk();
        n.named_children(&mut cursor)
            .filter(|k| k.kind() != "comment")
            .collect()
    }

    fn target(&mut self, node: Node<'_>) -> Target {
        let span = Span::of(&node);
        match node.kind() {
            "identifier" if text(node, self.src) == "_" => Target::Ignore,
            "identifier" => Target::Name(self.name(node), span),
            "selector_expression" => match (
                node.child_by_field_name("operand"),
                node.child_by_field_name("field"),
            ) {
                (Some(o), Some(f)) => Target::Attr(self.expr(o), self.name(f), span),
                _ => Target::Ignore,
            },
            "index_expression" => match (
                node.child_by_field_name("operand"),
                node.child_by_field_name("index"),
            ) {
                (Some(o), Some(i)) => Target::Index(self.expr(o), self.expr(i)),
                _ => Target::Ignore,
            },
            "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.target(inner),
                None => Target::Ignore,
            },
            // `*p = v`: the pointer's variable.
            "unary_expression" => match node.child_by_field_name("operand") {
                Some(inner) => self.target(inner),
                None => Target::Ignore,
            },
            _ => Target::Ignore,
        }
    }

    fn field_expr(&mut self, node: Node<'_>, field: &str) -> Expr {
        match node.child_by_field_name(field) {
            Some(n) => self.expr(n),
            None => Expr::Other(Vec::new(), Span::of(&node)),
        }
    }

    fn children_exprs(&mut self, node: Node<'_>) -> Vec<Expr> {
        let mut cursor = node.walk();
        let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
        kids.into_iter()
            .filter(|k| k.kind() != "comment")
            .map(|k| self.expr(k))
            .collect()
    }

    fn expr(&mut self, node: Node<'_>) -> Expr {
        let span = Span::of(&node);
        if self.depth > MAX_DEPTH {
            self.module.truncated = true;
            return Expr::Other(Vec::new(), span);
        }
        self.depth += 1;
        let e = self.expr_inner(node, span);
        self.depth -= 1;
        e
    }

    fn expr_inner(&mut self, node: Node<'_>, span: Span) -> Expr {
        match node.kind() {
            "identifier" | "field_identifier" | "package_identifier" | "type_identifier" => {
                Expr::Name(self.name(node), span)
            }
            "true" => Expr::Lit(Lit::Bool(true), span),
            "false" => Expr::Lit(Lit::Bool(false), span),
            "nil" => Expr::Lit(Lit::Null, span),
            "iota" => Expr::Other(Vec::new(), span),
            "int_literal" | "float_literal" => {
                let t = text(node, self.src).replace('_', "");
                let n = t
                    .parse::<f64>()
                    .ok()
                    .or_else(|| {
                        t.strip_prefix("0x")
                            .and_then(|h| i64::from_str_radix(h, 16).ok())
                            .map(|v| v as f64)
                    })
                    .unwrap_or(1.0);
                Expr::Lit(Lit::Num(n), span)
            }
            "interpreted_string_literal" | "raw_string_literal" | "rune_literal" => {
                let s = if node.kind() == "rune_literal" {
                    text(node, self.src).trim_matches('\'').to_string()
                } else {
                    unquote(node, self.src)
                };
                Expr::Lit(Lit::Str(Arc::from(s)), span)
            }
            "selector_expression" => match (
                node.child_by_field_name("operand"),
                node.child_by_field_name("field"),
            ) {
                (Some(o), Some(f)) => Expr::Attr(Box::new(self.expr(o)), self.name(f), span),
                _ => Expr::Other(Vec::new(), span),
            },
            "index_expression" => {
                let o = self.field_expr(node, "operand");
                let i = self.field_expr(node, "index");
                Expr::Index(Box::new(o), Box::new(i), span)
            }
            "slice_expression" => {
                let o = self.field_expr(node, "operand");
                Expr::Other(vec![o], span)
            }
            "call_expression" => {
                if let Some(e) = self.regexp_match(node, span) {
                    return e;
                }
                let callee = match self.text_template_render(node) {
                    Some(c) => c,
                    None => self.field_expr(node, "function"),
                };
                if let Expr::Name(n, _) = &callee
                    && !self.called.contains(n)
                {
                    self.called.push(n.clone());
                }
                let mut args = Vec::new();
                if let Some(a) = node.child_by_field_name("arguments") {
                    let mut cursor = a.walk();
                    let kids: Vec<Node<'_>> = a.named_children(&mut cursor).collect();
                    for k in kids {
                        if k.kind() == "comment" {
                            continue;
                        }
                        // A type argument (`make([]string, n)`) carries no data.
                        let value = if k.kind().ends_with("_type") {
                            Expr::Other(Vec::new(), Span::of(&k))
                        } else {
                            self.expr(k)
                        };
                        args.push(Arg {
                            name: None,
                            value,
                            spread: false,
                        });
                    }
                    // `f(xs...)`: the last argument fills the rest.
                    if text(a, self.src)
                        .trim_end_matches(')')
                        .trim_end()
                        .ends_with("...")
                        && let Some(last) = args.last_mut()
                    {
                        last.spread = true;
                    }
                }
                Expr::Call(Box::new(Call { callee, args, span }))
            }
            "type_conversion_expression" => {
                let o = self.field_expr(node, "operand");
                let ty = node
                    .child_by_field_name("type")
                    .map_or("", |t| text(t, self.src));
                // `[]byte(s)` keeps the data; a numeric conversion does not.
                if ty.contains("byte") || ty.contains("rune") || ty == "string" {
                    Expr::Build(vec![o], span)
                } else {
                    Expr::Call(Box::new(Call {
                        callee: Expr::Name(Arc::from(ty), span),
                        args: vec![Arg {
                            name: None,
                            value: o,
                            spread: false,
                        }],
                        span,
                    }))
                }
            }
            "type_assertion_expression" | "parenthesized_expression" => {
                match node
                    .child_by_field_name("operand")
                    .or_else(|| node.named_child(0))
                {
                    Some(inner) => self.expr(inner),
                    None => Expr::Other(Vec::new(), span),
                }
            }
            "binary_expression" => {
                let l = self.field_expr(node, "left");
                let r = self.field_expr(node, "right");
                let op = node
                    .child_by_field_name("operator")
                    .map_or("", |o| text(o, self.src));
                match op {
                    "&&" => Expr::Both(Box::new(l), Box::new(r), span),
                    "||" => Expr::Either(Box::new(l), Box::new(r), span),
                    "==" => Expr::Compare(Box::new(l), Box::new(r), Some(false), span),
                    "!=" => Expr::Compare(Box::new(l), Box::new(r), Some(true), span),
                    "<" | ">" | "<=" | ">=" => Expr::Compare(Box::new(l), Box::new(r), None, span),
                    "+" => Expr::Build(vec![l, r], span),
                    // Arithmetic and bit operations give a number.
                    _ => Expr::Other(Vec::new(), span),
                }
            }
            "unary_expression" => {
                let arg = self.field_expr(node, "operand");
                let op = node
                    .child_by_field_name("operator")
                    .map_or("", |o| text(o, self.src));
                match op {
                    "!" => Expr::Not(Box::new(arg), span),
                    "-" | "+" | "^" => Expr::Other(Vec::new(), span),
                    // `&x`, `*p`, `<-ch`: the value itself.
                    _ => arg,
                }
            }
            "composite_literal" => {
                let ty = node.child_by_field_name("type").map_or("", |t| t.kind());
                let Some(body) = node.child_by_field_name("body") else {
                    return Expr::Other(Vec::new(), span);
                };
                let mut cursor = body.walk();
                let kids: Vec<Node<'_>> = body.named_children(&mut cursor).collect();
                let keyed = kids.iter().any(|k| k.kind() == "keyed_element");
                if !keyed
                    && matches!(
                        ty,
                        "slice_type" | "array_type" | "implicit_length_array_type"
                    )
                {
                    let items = kids
                        .into_iter()
                        .filter(|k| k.kind() != "comment")
                        .map(|k| self.element(k))
                        .collect();
                    return Expr::List(items, span);
                }
                let mut pairs = Vec::new();
                for k in kids {
                    match k.kind() {
                        "keyed_element" => {
                            let key = k.child_by_field_name("key").map(|kn| {
                                let inner = kn.named_child(0).unwrap_or(kn);
                                // A struct field name is a constant key.
                                if inner.kind() == "identifier" && ty != "map_type" {
                                    Expr::Lit(
                                        Lit::Str(Arc::from(text(inner, self.src))),
                                        Span::of(&inner),
                                    )
                                } else {
                                    self.element(kn)
                                }
                            });
                            let value = match k.child_by_field_name("value") {
                                Some(v) => self.element(v),
                                None => Expr::Other(Vec::new(), Span::of(&k)),
                            };
                            pairs.push((key, value));
                        }
                        "comment" => {}
                        _ => pairs.push((None, self.element(k))),
                    }
                }
                Expr::Dict(pairs, span)
            }
            "literal_element" | "literal_value" => self.element(node),
            "func_literal" => {
                let saved_receiver = self.receiver.clone();
                let (params, prologue) = self.params(node);
                let mut body = prologue;
                body.extend(self.fn_body(node));
                self.receiver = saved_receiver;
                Expr::Closure(params, body, span)
            }
            "comment" => Expr::Other(Vec::new(), span),
            _ => Expr::Other(self.children_exprs(node), span),
        }
    }

    /// `re.MatchString(s)` with `re` a compiled pattern of this file is
    /// `regexp.MatchString(pattern, s)`, which a guard can read.
    /// `t.Execute(w, data)` / `t.ExecuteTemplate(w, name, data)` where `t` is a
    /// text/template template: a callee rules can name, since that package escapes
    /// nothing (html/template's `Execute` stays a method of whatever `t` is).
    fn text_template_render(&self, call: Node<'_>) -> Option<Expr> {
        let alias = self.text_templates.alias.as_deref()?;
        let f = call.child_by_field_name("function")?;
        if f.kind() != "selector_expression" {
            return None;
        }
        let method = text(f.child_by_field_name("field")?, self.src);
        if !matches!(method, "Execute" | "ExecuteTemplate") {
            return None;
        }
        let operand = f.child_by_field_name("operand")?;
        let holder = match operand.kind() {
            "identifier" => Some(operand),
            "selector_expression" => operand.child_by_field_name("field"),
            _ => None,
        };
        let is_template = holder
            .is_some_and(|h| self.text_templates.holders.contains(text(h, self.src)))
            // `template.Must(template.New("x").Parse(s)).Execute(w, d)`
            || (operand.kind() == "call_expression"
                && text(operand, self.src).starts_with(&format!("{alias}.")));
        is_template.then(|| {
            Expr::Attr(
                Box::new(Expr::Name(Arc::from(TEXT_TEMPLATE), Span::of(&operand))),
                Arc::from(method),
                Span::of(&f),
            )
        })
    }

    fn regexp_match(&mut self, node: Node<'_>, span: Span) -> Option<Expr> {
        let f = node.child_by_field_name("function")?;
        if f.kind() != "selector_expression"
            || text(f.child_by_field_name("field")?, self.src) != "MatchString"
        {
            return None;
        }
        let re = f.child_by_field_name("operand")?;
        let pattern = self.regexps.get(text(re, self.src))?.clone();
        let arg = node.child_by_field_name("arguments")?.named_child(0)?;
        let subject = self.expr(arg);
        Some(Expr::Call(Box::new(Call {
            callee: Expr::Attr(
                Box::new(Expr::Name(Arc::from("regexp"), Span::of(&re))),
                Arc::from("MatchString"),
                Span::of(&f),
            ),
            args: vec![
                Arg {
                    name: None,
                    value: Expr::Lit(Lit::Str(Arc::from(pattern)), Span::of(&re)),
                    spread: false,
                },
                Arg {
                    name: None,
                    value: subject,
                    spread: false,
                },
            ],
            span,
        })))
    }

    /// An element of a composite literal: `literal_element` wraps an expression or a
    /// nested `literal_value` (`{...}` with the type left out).
    fn element(&mut self, node: Node<'_>) -> Expr {
        let span = Span::of(&node);
        match node.kind() {
            "literal_element" => match node.named_child(0) {
                Some(inner) => self.element(inner),
                None => Expr::Other(Vec::new(), span),
            },
            "literal_value" => {
                let mut cursor = node.walk();
                let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                Expr::Other(kids.into_iter().map(|k| self.element(k)).collect(), span)
            }
            "keyed_element" => match node.child_by_field_name("value") {
                Some(v) => self.element(v),
                None => Expr::Other(Vec::new(), span),
            },
            _ => self.expr(node),
        }
    }
}

/// Every descendant of `node` (itself included) of this kind, not looking into nested
/// function literals. A loop: an expression may nest thousands deep.
fn collect_kind<'t>(node: Node<'t>, kind: &str, out: &mut Vec<Node<'t>>) {
    let mut cursor = node.walk();
    loop {
        let n = cursor.node();
        if n.kind() == kind {
            out.push(n);
        }
        if (n == node || n.kind() != "func_literal") && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == node {
                return;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::package_name;

    #[test]
    fn import_paths_bind_their_package_name() {
        assert_eq!(package_name("\"os/exec\""), "exec");
        assert_eq!(package_name("\"net/http\""), "http");
        assert_eq!(package_name("\"github.com/labstack/echo/v4\""), "echo");
        assert_eq!(package_name("\"gopkg.in/yaml.v3\""), "yaml");
        assert_eq!(package_name("\"github.com/gin-gonic/gin\""), "gin");
        assert_eq!(package_name("\"fmt\""), "fmt");
    }
}
