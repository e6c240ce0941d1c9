//! PHP front end: lowers a tree-sitter-php tree to the taint engine's program form.
//! Variables keep their `$` (`$id`), so the superglobals are sources by name (`$_GET`);
//! `$this` is `this`. Interpolated strings, heredocs and `.` build strings; arrays are
//! dictionaries whose positional elements have the keys 0, 1, 2...; `$a[] = $x` and
//! `array_push` append. `echo`, `print`, `<?= ?>`, `include`/`require` and backticks
//! become calls a rule can name (`echo`, `include`, `shell_exec`). A variable created with
//! `new C(...)`, or a parameter or property declared with a class type, is a receiver of
//! that type (`DOMXPath.query`). Functions are summarised by name, methods as
//! `Class.method`; a call to a function the file does not define may reach one of another
//! scanned file, since PHP's functions share one namespace.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tree_sitter::Node;

use crate::ir::*;

/// Nesting deeper than this is not lowered (the module is marked truncated).
const MAX_DEPTH: u32 = 120;

/// `$_SERVER` entries the server sets itself, not the client.
const SERVER_OWN_KEYS: &[&str] = &[
    "DOCUMENT_ROOT",
    "REMOTE_ADDR",
    "REMOTE_PORT",
    "REQUEST_METHOD",
    "REQUEST_TIME",
    "REQUEST_TIME_FLOAT",
    "SERVER_ADDR",
    "SERVER_PORT",
    "SERVER_SOFTWARE",
    "SERVER_PROTOCOL",
    "SCRIPT_FILENAME",
    "SCRIPT_NAME",
    "HTTPS",
    "GATEWAY_INTERFACE",
];

/// Filters under which `filter_input`/`filter_var` return a number, a boolean or false.
const DATALESS_FILTERS: &[&str] = &[
    "FILTER_VALIDATE_INT",
    "FILTER_VALIDATE_FLOAT",
    "FILTER_VALIDATE_BOOLEAN",
    "FILTER_VALIDATE_BOOL",
    "FILTER_SANITIZE_NUMBER_INT",
    "FILTER_SANITIZE_NUMBER_FLOAT",
];

pub fn lower(root: Node<'_>, src: &[u8]) -> Module {
    let mut l = Lower {
        src,
        module: Module::default(),
        depth: 0,
        class_stack: Vec::new(),
        types: vec![HashMap::new()],
        property_types: HashMap::new(),
        defined: HashSet::new(),
        called: HashSet::new(),
        pre: Vec::new(),
    };
    l.collect(root, 0);
    let top = l.block(root);
    l.module.top = top;
    // A function this file calls but does not define may be defined by another scanned
    // file (`require 'lib.php'`): PHP's functions share one namespace.
    let mut called: Vec<String> = l
        .called
        .iter()
        .filter(|c| !l.defined.contains(*c))
        .cloned()
        .collect();
    called.sort();
    for c in called {
        let n: Name = Arc::from(c.as_str());
        l.module.imports.push((n.clone(), n));
    }
    l.module
}

struct Lower<'s> {
    src: &'s [u8],
    module: Module,
    depth: u32,
    class_stack: Vec<String>,
    /// Per function: variables and the class they hold (`$x = new DOMXPath(...)`,
    /// `PDO $db`).
    types: Vec<HashMap<String, Name>>,
    /// `Class.property` -> declared class (`private PDO $db`).
    property_types: HashMap<String, Name>,
    /// Functions and classes the file defines.
    defined: HashSet<String>,
    /// Functions and classes the file calls by name.
    called: HashSet<String>,
    /// Statements an expression needs to run first (an assignment in a condition).
    pre: Vec<Stmt>,
}

fn text<'a>(node: Node<'_>, src: &'a [u8]) -> &'a str {
    std::str::from_utf8(&src[node.byte_range()]).unwrap_or("")
}

fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| c.kind() != "comment")
        .collect()
}

/// `"..."` content with PHP's double-quote escapes decoded.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The last segment of a (possibly namespaced) name: `\App\Lib\Db` -> `Db`.
fn simple(name: &str) -> &str {
    name.rsplit('\\').next().unwrap_or(name)
}

impl Lower<'_> {
    fn var(&self, node: Node<'_>) -> Name {
        // variable_name -> name
        let n = node
            .named_child(0)
            .map_or_else(|| text(node, self.src), |c| text(c, self.src));
        if n == "this" {
            Arc::from("this")
        } else {
            Arc::from(format!("${n}"))
        }
    }

    // ---- what the file declares ----

    fn collect(&mut self, node: Node<'_>, depth: u32) {
        if depth > MAX_DEPTH {
            return;
        }
        match node.kind() {
            "function_definition" => {
                if let Some(n) = node.child_by_field_name("name") {
                    self.defined.insert(text(n, self.src).to_string());
                }
            }
            "class_declaration"
            | "trait_declaration"
            | "interface_declaration"
            | "enum_declaration" => {
                if let Some(n) = node.child_by_field_name("name") {
                    let class = text(n, self.src).to_string();
                    self.defined.insert(class.clone());
                    if let Some(body) = node.child_by_field_name("body") {
                        for m in named_children(body) {
                            match m.kind() {
                                "property_declaration" => {
                                    let ty = m
                                        .child_by_field_name("type")
                                        .and_then(|t| self.type_name(t));
                                    let Some(ty) = ty else { continue };
                                    for p in named_children(m) {
                                        if p.kind() == "property_element"
                                            && let Some(v) = p.child_by_field_name("name")
                                        {
                                            let prop =
                                                v.named_child(0).map_or("", |c| text(c, self.src));
                                            self.property_types
                                                .insert(format!("{class}.{prop}"), ty.clone());
                                        }
                                    }
                                }
                                "method_declaration" => {
                                    // Constructor promotion: `__construct(private PDO $db)`.
                                    let Some(ps) = m.child_by_field_name("parameters") else {
                                        continue;
                                    };
                                    for p in named_children(ps) {
                                        if p.kind() != "property_promotion_parameter" {
                                            continue;
                                        }
                                        let (Some(t), Some(v)) = (
                                            p.child_by_field_name("type")
                                                .and_then(|t| self.type_name(t)),
                                            p.child_by_field_name("name"),
                                        ) else {
                                            continue;
                                        };
                                        let prop =
                                            v.named_child(0).map_or("", |c| text(c, self.src));
                                        self.property_types.insert(format!("{class}.{prop}"), t);
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        // Declarations sit at the top, in namespaces and in blocks (`if (!function_exists
        // ('f')) { function f() ... }`), never inside expressions.
        if matches!(
            node.kind(),
            "program"
                | "namespace_definition"
                | "compound_statement"
                | "colon_block"
                | "if_statement"
                | "else_clause"
                | "else_if_clause"
        ) {
            let mut cursor = node.walk();
            for c in node.named_children(&mut cursor) {
                self.collect(c, depth + 1);
            }
        }
    }

    /// The class a type names (`PDO`, `?\App\Db`), not a scalar.
    fn type_name(&self, t: Node<'_>) -> Option<Name> {
        match t.kind() {
            "named_type" => {
                let n = simple(text(t, self.src));
                Some(Arc::from(n))
            }
            "optional_type" => self.type_name(t.named_child(0)?),
            _ => None,
        }
    }

    fn declare_type(&mut self, var: &str, ty: Name) {
        if let Some(scope) = self.types.last_mut() {
            scope.insert(var.to_string(), ty);
        }
    }

    fn type_of(&self, node: Node<'_>) -> Option<Name> {
        match node.kind() {
            "variable_name" => {
                let v = self.var(node);
                self.types.last()?.get(&*v).cloned()
            }
            "member_access_expression" | "nullsafe_member_access_expression" => {
                let o = node.child_by_field_name("object")?;
                if o.kind() != "variable_name" || &*self.var(o) != "this" {
                    return None;
                }
                let prop = text(node.child_by_field_name("name")?, self.src);
                let class = self.class_stack.last()?;
                self.property_types.get(&format!("{class}.{prop}")).cloned()
            }
            "parenthesized_expression" => self.type_of(node.named_child(0)?),
            "object_creation_expression" => named_children(node)
                .into_iter()
                .find(|c| matches!(c.kind(), "name" | "qualified_name"))
                .map(|c| Arc::from(simple(text(c, self.src)))),
            _ => None,
        }
    }

    // ---- statements ----

    fn block(&mut self, node: Node<'_>) -> Vec<Stmt> {
        let mut out = Vec::new();
        // The `<?=` tag whose value the next statement is.
        let mut echo_tag: Option<Node<'_>> = None;
        for c in named_children(node) {
            match c.kind() {
                "php_tag" => echo_tag = (text(c, self.src) == "<?=").then_some(c),
                // `?> ... <?=`: the next statement's value is printed.
                "text_interpolation" => {
                    echo_tag = named_children(c)
                        .last()
                        .copied()
                        .filter(|t| t.kind() == "php_tag" && text(*t, self.src) == "<?=");
                }
                "expression_statement" if echo_tag.is_some() => {
                    let tag = echo_tag.take();
                    if let Some(e) = c.named_child(0) {
                        let v = self.expr_pre(e, &mut out);
                        out.push(Stmt::Expr(call_named("echo", vec![v], Span::of(&c), tag)));
                    }
                }
                _ => {
                    echo_tag = None;
                    self.stmt(c, &mut out);
                }
            }
        }
        out
    }

    fn body(&mut self, node: Option<Node<'_>>) -> Vec<Stmt> {
        let mut out = Vec::new();
        if let Some(n) = node {
            self.stmt(n, &mut out);
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

    fn expr_pre(&mut self, node: Node<'_>, out: &mut Vec<Stmt>) -> Expr {
        let e = self.expr(node);
        out.append(&mut self.pre);
        e
    }

    fn field_expr_pre(&mut self, node: Node<'_>, field: &str, out: &mut Vec<Stmt>) -> Expr {
        match node.child_by_field_name(field) {
            Some(n) => self.expr_pre(n, out),
            None => Expr::Other(Vec::new(), Span::of(&node)),
        }
    }

    fn stmt_inner(&mut self, node: Node<'_>, out: &mut Vec<Stmt>) {
        let span = Span::of(&node);
        match node.kind() {
            "expression_statement" => {
                if let Some(e) = node.named_child(0) {
                    self.expr_stmt(e, out);
                }
            }
            "compound_statement" | "colon_block" | "program" | "declaration_list" => {
                let b = self.block(node);
                out.extend(b);
            }
            "namespace_definition" => {
                if let Some(b) = node.child_by_field_name("body") {
                    let b = self.block(b);
                    out.extend(b);
                }
            }
            "namespace_use_declaration" => {
                // `use App\Lib\Db;`: `Db` may be a class of another scanned file.
                for clause in named_children(node) {
                    if let Some(n) = named_children(clause).into_iter().next() {
                        let alias = named_children(clause)
                            .into_iter()
                            .find(|c| c.kind() == "namespace_aliasing_clause")
                            .and_then(|a| a.named_child(0));
                        let name = match alias {
                            Some(a) => text(a, self.src).to_string(),
                            None => simple(text(n, self.src)).to_string(),
                        };
                        self.called.insert(name);
                    }
                }
            }
            "echo_statement" => {
                let mut args = Vec::new();
                for c in named_children(node) {
                    self.flatten_sequence(c, &mut args);
                }
                let args = args.into_iter().map(|a| self.expr_pre(a, out)).collect();
                out.push(Stmt::Expr(call_named("echo", args, span, node.child(0))));
            }
            "exit_statement" => {
                if let Some(v) = node.named_child(0) {
                    let e = self.expr_pre(v, out);
                    out.push(Stmt::Expr(call_named("exit", vec![e], span, node.child(0))));
                }
                out.push(Stmt::Stop);
            }
            "if_statement" | "else_if_clause" => {
                let cond = self.field_expr_pre(node, "condition", out);
                let then = self.body(node.child_by_field_name("body"));
                let mut otherwise = Vec::new();
                let mut cursor = node.walk();
                let alts: Vec<Node<'_>> = node
                    .children_by_field_name("alternative", &mut cursor)
                    .collect();
                // `elseif` chains: each alternative nests in the one before.
                if let Some((first, rest)) = alts.split_first() {
                    otherwise = self.alternatives(*first, rest);
                }
                out.push(Stmt::If(cond, then, otherwise));
            }
            "while_statement" => {
                let mut head = Vec::new();
                let cond = self.field_expr_pre(node, "condition", &mut head);
                let mut body = head.clone();
                body.push(Stmt::Expr(cond.clone()));
                body.extend(self.body(node.child_by_field_name("body")));
                out.extend(head);
                out.push(Stmt::Expr(cond));
                out.push(Stmt::Loop(None, body));
            }
            "do_statement" => {
                let mut body = self.body(node.child_by_field_name("body"));
                let cond = self.field_expr_pre(node, "condition", &mut body);
                body.push(Stmt::Expr(cond));
                out.extend(body.clone());
                out.push(Stmt::Loop(None, body));
            }
            "for_statement" => {
                for f in ["initialize"] {
                    let mut cursor = node.walk();
                    let inits: Vec<Node<'_>> =
                        node.children_by_field_name(f, &mut cursor).collect();
                    for i in inits {
                        self.expr_stmt(i, out);
                    }
                }
                let mut body = Vec::new();
                let mut cursor = node.walk();
                let conds: Vec<Node<'_>> = node
                    .children_by_field_name("condition", &mut cursor)
                    .collect();
                for c in conds {
                    let e = self.expr_pre(c, &mut body);
                    body.push(Stmt::Expr(e));
                }
                body.extend(self.body(node.child_by_field_name("body")));
                let mut cursor = node.walk();
                let updates: Vec<Node<'_>> =
                    node.children_by_field_name("update", &mut cursor).collect();
                for u in updates {
                    self.expr_stmt(u, &mut body);
                }
                out.push(Stmt::Loop(None, body));
            }
            "foreach_statement" => {
                let kids = named_children(node);
                let body_node = node.child_by_field_name("body");
                let parts: Vec<Node<'_>> = kids
                    .into_iter()
                    .filter(|k| Some(k.id()) != body_node.map(|b| b.id()))
                    .collect();
                let Some((iter_node, rest)) = parts.split_first() else {
                    return;
                };
                let iter = self.expr_pre(*iter_node, out);
                let target = match rest.first() {
                    Some(p) if p.kind() == "pair" => {
                        let ts: Vec<Target> = named_children(*p)
                            .into_iter()
                            .map(|t| self.target(t))
                            .collect();
                        Target::Unpack(ts)
                    }
                    Some(v) => self.target(*v),
                    None => Target::Ignore,
                };
                let body = self.body(body_node);
                out.push(Stmt::Loop(Some((target, iter)), body));
            }
            "switch_statement" => {
                let v = self.field_expr_pre(node, "condition", out);
                out.push(Stmt::Expr(v));
                if let Some(body) = node.child_by_field_name("body") {
                    for case in named_children(body) {
                        let mut stmts = Vec::new();
                        let value = case.child_by_field_name("value").map(|v| v.id());
                        for s in named_children(case) {
                            if Some(s.id()) != value {
                                self.stmt(s, &mut stmts);
                            }
                        }
                        out.push(Stmt::If(
                            Expr::Other(Vec::new(), Span::of(&case)),
                            stmts,
                            Vec::new(),
                        ));
                    }
                }
            }
            "try_statement" => {
                out.extend(self.body(node.child_by_field_name("body")));
                for c in named_children(node) {
                    match c.kind() {
                        "catch_clause" => {
                            let b = self.body(c.child_by_field_name("body"));
                            out.push(Stmt::If(
                                Expr::Other(Vec::new(), Span::of(&c)),
                                b,
                                Vec::new(),
                            ));
                        }
                        "finally_clause" => out.extend(self.body(c.child_by_field_name("body"))),
                        _ => {}
                    }
                }
            }
            "return_statement" => {
                let value = node.named_child(0).map(|v| self.expr_pre(v, out));
                out.push(Stmt::Return(value, span));
            }
            "throw_expression" => {
                if let Some(v) = node.named_child(0) {
                    let e = self.expr_pre(v, out);
                    out.push(Stmt::Expr(e));
                }
                out.push(Stmt::Stop);
            }
            "function_definition" => {
                self.function(node, None);
                out.push(Stmt::Def);
            }
            "class_declaration" | "trait_declaration" | "enum_declaration" => self.class(node),
            "const_declaration" => {
                // `const TABLE = 'users';` at the top, `const Q = ...` in a class.
                for el in named_children(node) {
                    if el.kind() != "const_element" {
                        continue;
                    }
                    let kids = named_children(el);
                    let (Some(n), Some(v)) = (kids.first(), kids.get(1)) else {
                        continue;
                    };
                    let name = match self.class_stack.last() {
                        Some(c) => format!("{c}::{}", text(*n, self.src)),
                        None => text(*n, self.src).to_string(),
                    };
                    let value = self.expr_pre(*v, out);
                    out.push(Stmt::Assign(
                        vec![Target::Name(Arc::from(name), Span::of(n))],
                        value,
                        Span::of(&el),
                    ));
                }
            }
            "function_static_declaration" => {
                for d in named_children(node) {
                    if let (Some(n), Some(v)) = (
                        d.child_by_field_name("name"),
                        d.child_by_field_name("value"),
                    ) {
                        let value = self.expr_pre(v, out);
                        out.push(Stmt::Assign(
                            vec![Target::Name(self.var(n), Span::of(&n))],
                            value,
                            span,
                        ));
                    }
                }
            }
            "unset_statement" => {
                for v in named_children(node) {
                    let t = self.target(v);
                    out.push(Stmt::Assign(vec![t], Expr::Lit(Lit::Null, span), span));
                }
            }
            "php_tag"
            | "text"
            | "text_interpolation"
            | "comment"
            | "break_statement"
            | "continue_statement"
            | "empty_statement"
            | "global_declaration"
            | "interface_declaration"
            | "declare_statement"
            | "named_label_statement"
            | "goto_statement"
            | "php_end_tag" => {}
            _ => {
                let e = self.expr_pre(node, out);
                out.push(Stmt::Expr(e));
            }
        }
    }

    /// `else` / `elseif` clauses as nested branches.
    fn alternatives(&mut self, first: Node<'_>, rest: &[Node<'_>]) -> Vec<Stmt> {
        match first.kind() {
            "else_clause" => self.body(first.child_by_field_name("body")),
            "else_if_clause" => {
                let mut out = Vec::new();
                let cond = self.field_expr_pre(first, "condition", &mut out);
                let then = self.body(first.child_by_field_name("body"));
                let otherwise = match rest.split_first() {
                    Some((next, more)) => self.alternatives(*next, more),
                    None => Vec::new(),
                };
                out.push(Stmt::If(cond, then, otherwise));
                out
            }
            _ => Vec::new(),
        }
    }

    fn flatten_sequence<'t>(&self, node: Node<'t>, out: &mut Vec<Node<'t>>) {
        if node.kind() == "sequence_expression" {
            for c in named_children(node) {
                self.flatten_sequence(c, out);
            }
        } else {
            out.push(node);
        }
    }

    fn class(&mut self, node: Node<'_>) {
        let Some(n) = node.child_by_field_name("name") else {
            return;
        };
        let class = text(n, self.src).to_string();
        self.class_stack.push(class.clone());
        if let Some(body) = node.child_by_field_name("body") {
            for m in named_children(body) {
                match m.kind() {
                    "method_declaration" => self.function(m, Some(&class)),
                    "const_declaration" => {
                        let mut top = Vec::new();
                        self.stmt(m, &mut top);
                        self.module.top.extend(top);
                    }
                    "property_declaration" => {
                        // A static property's initial value: `Class::$name`.
                        let is_static = named_children(m)
                            .iter()
                            .any(|c| c.kind() == "static_modifier");
                        if !is_static {
                            continue;
                        }
                        for p in named_children(m) {
                            if let (Some(v), Some(d)) = (
                                p.child_by_field_name("name"),
                                p.child_by_field_name("default_value"),
                            ) {
                                let prop = v.named_child(0).map_or("", |c| text(c, self.src));
                                let mut top = Vec::new();
                                let value = self.expr_pre(d, &mut top);
                                top.push(Stmt::Assign(
                                    vec![Target::Name(
                                        Arc::from(format!("{class}::${prop}")),
                                        Span::of(&v),
                                    )],
                                    value,
                                    Span::of(&p),
                                ));
                                self.module.top.extend(top);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        self.class_stack.pop();
    }

    fn params(&mut self, node: Node<'_>) -> Vec<Param> {
        let mut params = Vec::new();
        let Some(ps) = node.child_by_field_name("parameters") else {
            return params;
        };
        for p in named_children(ps) {
            let Some(v) = p.child_by_field_name("name") else {
                continue;
            };
            let name = self.var(v);
            if let Some(t) = p
                .child_by_field_name("type")
                .and_then(|t| self.type_name(t))
            {
                self.declare_type(&name, t);
            }
            let default = p.child_by_field_name("default_value").map(|d| self.expr(d));
            params.push(Param {
                name,
                span: Span::of(&v),
                default,
            });
        }
        params
    }

    fn function(&mut self, node: Node<'_>, class: Option<&String>) {
        let Some(n) = node.child_by_field_name("name") else {
            return;
        };
        let fname = text(n, self.src);
        let name: Name = match class {
            Some(c) => Arc::from(format!("{c}.{fname}")),
            None => Arc::from(fname),
        };
        self.types.push(HashMap::new());
        let params = self.params(node);
        let saved = std::mem::take(&mut self.pre);
        // A function sees no global variable unless it says `global $x` (or reads
        // `$GLOBALS['x']`): its other variables start unset, whatever the file's top
        // level put under the same names.
        let mut body = self.unset_locals(node, &params);
        body.extend(self.body(node.child_by_field_name("body")));
        self.pre = saved;
        self.types.pop();
        self.module.functions.push(Function {
            name,
            class: class.map(|c| Arc::from(c.as_str())),
            self_param: false,
            params,
            body,
            param_sources: Vec::new(),
            returns_response: false,
        });
    }

    /// `$v = null` for each variable a function's body uses that is not a parameter, a
    /// superglobal, `$this`, or a global it declares (`global $v`, `$GLOBALS['v']`).
    fn unset_locals(&self, node: Node<'_>, params: &[Param]) -> Vec<Stmt> {
        let Some(body) = node.child_by_field_name("body") else {
            return Vec::new();
        };
        let mut used: Vec<(Name, Span)> = Vec::new();
        let mut global: HashSet<Name> = HashSet::new();
        let mut stack = vec![body];
        while let Some(n) = stack.pop() {
            match n.kind() {
                // Their own scopes.
                "function_definition" | "method_declaration" | "class_declaration" => continue,
                "global_declaration" => {
                    for v in named_children(n) {
                        if v.kind() == "variable_name" {
                            global.insert(self.var(v));
                        }
                    }
                    continue;
                }
                "subscript_expression" => {
                    if let Some(g) = self.globals_entry(n) {
                        global.insert(g);
                    }
                }
                "variable_name" => {
                    let v = self.var(n);
                    if !used.iter().any(|(u, _)| *u == v) {
                        used.push((v, Span::of(&n)));
                    }
                    continue;
                }
                _ => {}
            }
            let mut cursor = n.walk();
            stack.extend(n.named_children(&mut cursor));
        }
        used.into_iter()
            .filter(|(v, _)| {
                &**v != "this"
                    && !v.starts_with("$_")
                    && &**v != "$GLOBALS"
                    && !global.contains(v)
                    && !params.iter().any(|p| p.name == *v)
            })
            .map(|(v, _)| {
                let at = Span {
                    start: body.start_byte() as u32,
                    end: body.start_byte() as u32,
                };
                Stmt::Assign(vec![Target::Name(v, at)], Expr::Lit(Lit::Null, at), at)
            })
            .collect()
    }

    /// `$GLOBALS['x']`: the global `$x` it names.
    fn globals_entry(&self, node: Node<'_>) -> Option<Name> {
        let kids = named_children(node);
        let (o, k) = (kids.first()?, kids.get(1)?);
        if o.kind() != "variable_name" || &*self.var(*o) != "$GLOBALS" {
            return None;
        }
        let k = if k.kind() == "string" || k.kind() == "encapsed_string" {
            *k
        } else {
            return None;
        };
        let key = text(k, self.src).trim_matches(['\'', '"']);
        (!key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
            .then(|| Arc::from(format!("${key}")))
    }

    fn closure(&mut self, node: Node<'_>, span: Span) -> Expr {
        // Closures see the variables around them: the types known so far stay known.
        let inherited = self.types.last().cloned().unwrap_or_default();
        self.types.push(inherited);
        let params = self.params(node);
        let saved = std::mem::take(&mut self.pre);
        let body = match node.child_by_field_name("body") {
            Some(b) if b.kind() == "compound_statement" => self.block(b),
            Some(e) => {
                let mut out = Vec::new();
                let v = self.expr_pre(e, &mut out);
                out.push(Stmt::Return(Some(v), Span::of(&e)));
                out
            }
            None => Vec::new(),
        };
        self.pre = saved;
        self.types.pop();
        Expr::Closure(params, body, span)
    }

    // ---- assignments ----

    fn expr_stmt(&mut self, e: Node<'_>, out: &mut Vec<Stmt>) {
        let span = Span::of(&e);
        match e.kind() {
            "assignment_expression" | "reference_assignment_expression" => {
                let (Some(l), Some(r)) = (
                    e.child_by_field_name("left"),
                    e.child_by_field_name("right"),
                ) else {
                    return;
                };
                let value = self.expr_pre(r, out);
                // `$x = new C(...)`: $x holds a C.
                if l.kind() == "variable_name" {
                    let v = self.var(l);
                    match self.type_of(r) {
                        Some(t) if r.kind() == "object_creation_expression" => {
                            self.declare_type(&v, t)
                        }
                        _ => {
                            if let Some(scope) = self.types.last_mut() {
                                scope.remove(&*v);
                            }
                        }
                    }
                }
                // `$list[] = $x` appends.
                if l.kind() == "subscript_expression" && named_children(l).len() == 1 {
                    let obj = self.expr_pre(named_children(l)[0], out);
                    out.push(Stmt::Expr(append_call(obj, value, span)));
                    return;
                }
                let t = self.target(l);
                out.append(&mut self.pre);
                out.push(Stmt::Assign(vec![t], value, span));
            }
            "augmented_assignment_expression" => {
                let (Some(l), Some(r)) = (
                    e.child_by_field_name("left"),
                    e.child_by_field_name("right"),
                ) else {
                    return;
                };
                let op = e
                    .child_by_field_name("operator")
                    .map_or("", |o| text(o, self.src));
                let value = self.expr_pre(r, out);
                let t = self.target(l);
                out.append(&mut self.pre);
                match op {
                    ".=" => out.push(Stmt::AugAssign(t, value, span)),
                    "??=" => {
                        let old = self.expr(l);
                        out.push(Stmt::Assign(
                            vec![t],
                            Expr::Either(Box::new(old), Box::new(value), span),
                            span,
                        ));
                    }
                    // Arithmetic gives numbers.
                    _ => out.push(Stmt::Assign(vec![t], dataless(value), span)),
                }
            }
            // `throw new E(...)`: nothing after it runs.
            "throw_expression" => {
                if let Some(v) = e.named_child(0) {
                    let x = self.expr_pre(v, out);
                    out.push(Stmt::Expr(x));
                }
                out.push(Stmt::Stop);
            }
            _ => {
                let v = self.expr_pre(e, out);
                out.push(Stmt::Expr(v));
            }
        }
    }

    fn target(&mut self, node: Node<'_>) -> Target {
        let span = Span::of(&node);
        match node.kind() {
            "variable_name" => Target::Name(self.var(node), span),
            "member_access_expression" | "nullsafe_member_access_expression" => {
                match (
                    node.child_by_field_name("object"),
                    node.child_by_field_name("name"),
                ) {
                    (Some(o), Some(n)) => {
                        Target::Attr(self.expr(o), Arc::from(text(n, self.src)), span)
                    }
                    _ => Target::Ignore,
                }
            }
            "scoped_property_access_expression" => match self.static_property(node) {
                Some(n) => Target::Name(n, span),
                None => Target::Ignore,
            },
            "subscript_expression" => {
                if let Some(g) = self.globals_entry(node) {
                    return Target::Name(g, span);
                }
                let kids = named_children(node);
                match (kids.first(), kids.get(1)) {
                    (Some(o), Some(k)) => Target::Index(self.expr(*o), self.key(*k)),
                    _ => Target::Ignore,
                }
            }
            "list_literal" | "array_creation_expression" => self.list_target(node),
            "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.target(inner),
                None => Target::Ignore,
            },
            _ => Target::Ignore,
        }
    }

    /// `[$a, $b] = ...`, `list('x' => $x) = ...`.
    fn list_target(&mut self, node: Node<'_>) -> Target {
        let kids: Vec<Node<'_>> = named_children(node)
            .into_iter()
            .flat_map(|k| {
                if k.kind() == "array_element_initializer" {
                    named_children(k)
                } else {
                    vec![k]
                }
            })
            .collect();
        let keyed = kids
            .iter()
            .any(|k| matches!(k.kind(), "string" | "encapsed_string" | "integer"));
        if keyed {
            let mut fields = Vec::new();
            for pair in kids.chunks(2) {
                if let [k, v] = pair {
                    let key = text(*k, self.src).trim_matches(['\'', '"']).to_string();
                    fields.push((Arc::from(key), self.target(*v)));
                }
            }
            Target::Fields(fields)
        } else {
            Target::Unpack(kids.into_iter().map(|k| self.target(k)).collect())
        }
    }

    /// `self::$count`, `Repo::$count`: the global that holds a static property.
    fn static_property(&self, node: Node<'_>) -> Option<Name> {
        let scope = node.child_by_field_name("scope")?;
        let prop = node.child_by_field_name("name")?;
        let class = match scope.kind() {
            "relative_scope" => self.class_stack.last()?.clone(),
            _ => simple(text(scope, self.src)).to_string(),
        };
        let p = prop.named_child(0).map_or("", |c| text(c, self.src));
        Some(Arc::from(format!("{class}::${p}")))
    }

    // ---- expressions ----

    fn field_expr(&mut self, node: Node<'_>, field: &str) -> Expr {
        match node.child_by_field_name(field) {
            Some(n) => self.expr(n),
            None => Expr::Other(Vec::new(), Span::of(&node)),
        }
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

    /// A subscript's key: `$a['k']`, and `"$a[k]"` inside a string where the bare word is
    /// the key.
    fn key(&mut self, k: Node<'_>) -> Expr {
        match k.kind() {
            "name" => Expr::Lit(Lit::Str(Arc::from(text(k, self.src))), Span::of(&k)),
            _ => self.expr(k),
        }
    }

    /// The parts of an interpolated string or heredoc.
    fn interpolated(&mut self, node: Node<'_>, span: Span) -> Expr {
        let mut parts = Vec::new();
        let mut literal = String::new();
        for c in named_children(node) {
            match c.kind() {
                "string_content" | "string_value" | "nowdoc_string" => {
                    literal.push_str(text(c, self.src))
                }
                "escape_sequence" => literal.push_str(&unescape(text(c, self.src))),
                "heredoc_body" | "nowdoc_body" => match self.interpolated(c, span) {
                    Expr::Lit(Lit::Str(s), _) => literal.push_str(&s),
                    Expr::Build(ps, _) => {
                        if !literal.is_empty() {
                            parts.push(Expr::Lit(
                                Lit::Str(Arc::from(std::mem::take(&mut literal))),
                                span,
                            ));
                        }
                        parts.extend(ps);
                    }
                    other => parts.push(other),
                },
                "heredoc_start" | "heredoc_end" => {}
                _ => {
                    if !literal.is_empty() {
                        parts.push(Expr::Lit(
                            Lit::Str(Arc::from(std::mem::take(&mut literal))),
                            span,
                        ));
                    }
                    parts.push(self.expr(c));
                }
            }
        }
        if parts.is_empty() {
            return Expr::Lit(Lit::Str(Arc::from(literal)), span);
        }
        if !literal.is_empty() {
            parts.push(Expr::Lit(Lit::Str(Arc::from(literal)), span));
        }
        Expr::Build(parts, span)
    }

    fn expr_inner(&mut self, node: Node<'_>, span: Span) -> Expr {
        match node.kind() {
            "variable_name" => Expr::Name(self.var(node), span),
            "name" | "qualified_name" => {
                let t = simple(text(node, self.src));
                match t.to_ascii_lowercase().as_str() {
                    "true" => Expr::Lit(Lit::Bool(true), span),
                    "false" => Expr::Lit(Lit::Bool(false), span),
                    "null" => Expr::Lit(Lit::Null, span),
                    _ => Expr::Name(Arc::from(t), span),
                }
            }
            "boolean" => Expr::Lit(
                Lit::Bool(text(node, self.src).eq_ignore_ascii_case("true")),
                span,
            ),
            "null" => Expr::Lit(Lit::Null, span),
            "integer" | "float" => {
                let t = text(node, self.src).replace('_', "");
                let n = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
                    i64::from_str_radix(h, 16).map(|v| v as f64).ok()
                } else {
                    t.parse::<f64>().ok()
                };
                Expr::Lit(Lit::Num(n.unwrap_or(1.0)), span)
            }
            "string" => {
                // Single-quoted: no interpolation; only \' and \\ are escapes.
                let mut s = String::new();
                for c in named_children(node) {
                    let t = text(c, self.src);
                    if c.kind() == "escape_sequence" {
                        s.push_str(t.strip_prefix('\\').unwrap_or(t));
                    } else {
                        s.push_str(t);
                    }
                }
                Expr::Lit(Lit::Str(Arc::from(s)), span)
            }
            "encapsed_string" | "heredoc" | "nowdoc" => self.interpolated(node, span),
            "shell_command_expression" => {
                let cmd = self.interpolated(node, span);
                call_named("shell_exec", vec![cmd], span, None)
            }
            "binary_expression" => {
                let op = node
                    .child_by_field_name("operator")
                    .map_or("", |o| text(o, self.src))
                    .to_ascii_lowercase();
                if op == "." {
                    // `$a . $b . $c ...` nests to the left as deep as it is long: walk the
                    // chain instead of recursing into it.
                    let mut operands = Vec::new();
                    let mut cur = node;
                    while let (Some(l), Some(r)) = (
                        cur.child_by_field_name("left"),
                        cur.child_by_field_name("right"),
                    ) {
                        operands.push(r);
                        let left_is_concat = l.kind() == "binary_expression"
                            && l.child_by_field_name("operator")
                                .is_some_and(|o| text(o, self.src) == ".");
                        if !left_is_concat {
                            operands.push(l);
                            break;
                        }
                        cur = l;
                    }
                    operands.reverse();
                    let parts = operands.into_iter().map(|o| self.expr(o)).collect();
                    return Expr::Build(parts, span);
                }
                let l = self.field_expr(node, "left");
                let r = self.field_expr(node, "right");
                match op.as_str() {
                    "&&" | "and" => Expr::Both(Box::new(l), Box::new(r), span),
                    "||" | "or" | "??" => Expr::Either(Box::new(l), Box::new(r), span),
                    "==" | "===" => Expr::Compare(Box::new(l), Box::new(r), Some(false), span),
                    "!=" | "!==" | "<>" => {
                        Expr::Compare(Box::new(l), Box::new(r), Some(true), span)
                    }
                    // Arithmetic, ordering, bit operations: numbers and booleans.
                    _ => Expr::Compare(Box::new(l), Box::new(r), None, span),
                }
            }
            "unary_op_expression" => {
                let arg = self.field_expr(node, "argument");
                let op = node
                    .child_by_field_name("operator")
                    .map_or("", |o| text(o, self.src));
                match op {
                    "!" => Expr::Not(Box::new(arg), span),
                    _ => dataless(arg),
                }
            }
            "update_expression" => dataless(self.field_expr(node, "argument")),
            "cast_expression" => {
                let v = self.field_expr(node, "value");
                let ty = node
                    .child_by_field_name("type")
                    .map_or("", |t| text(t, self.src))
                    .to_ascii_lowercase();
                match ty.as_str() {
                    "int" | "integer" | "float" | "double" | "real" | "bool" | "boolean" => {
                        dataless(v)
                    }
                    _ => v,
                }
            }
            "conditional_expression" => {
                let cond = self.field_expr(node, "condition");
                let alt = self.field_expr(node, "alternative");
                match node.child_by_field_name("body") {
                    Some(b) => {
                        Expr::Cond(Box::new(cond), Box::new(self.expr(b)), Box::new(alt), span)
                    }
                    // `$a ?: $b`
                    None => Expr::Either(Box::new(cond), Box::new(alt), span),
                }
            }
            "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.expr(inner),
                None => Expr::Other(Vec::new(), span),
            },
            "subscript_expression" => {
                let kids = named_children(node);
                let (Some(o), Some(k)) = (kids.first(), kids.get(1)) else {
                    return Expr::Other(Vec::new(), span);
                };
                if let Some(g) = self.globals_entry(node) {
                    return Expr::Name(g, span);
                }
                // `$_SERVER['DOCUMENT_ROOT']` is the server's, not the client's.
                if o.kind() == "variable_name" && &*self.var(*o) == "$_SERVER" {
                    let key = text(*k, self.src).trim_matches(['\'', '"']);
                    if SERVER_OWN_KEYS.contains(&key) {
                        return Expr::Other(Vec::new(), span);
                    }
                }
                let obj = self.expr(*o);
                let key = self.key(*k);
                Expr::Index(Box::new(obj), Box::new(key), span)
            }
            "member_access_expression" | "nullsafe_member_access_expression" => {
                match (
                    node.child_by_field_name("object"),
                    node.child_by_field_name("name"),
                ) {
                    (Some(o), Some(n)) if n.kind() == "name" => {
                        Expr::Attr(Box::new(self.expr(o)), Arc::from(text(n, self.src)), span)
                    }
                    (Some(o), _) => Expr::Other(vec![self.expr(o)], span),
                    _ => Expr::Other(Vec::new(), span),
                }
            }
            "scoped_property_access_expression" => match self.static_property(node) {
                Some(n) => Expr::Name(n, span),
                None => Expr::Other(Vec::new(), span),
            },
            "class_constant_access_expression" => {
                let kids = named_children(node);
                match (kids.first(), kids.get(1)) {
                    (Some(scope), Some(n)) => {
                        let class = match scope.kind() {
                            "relative_scope" => {
                                self.class_stack.last().cloned().unwrap_or_default()
                            }
                            _ => simple(text(*scope, self.src)).to_string(),
                        };
                        Expr::Name(Arc::from(format!("{class}::{}", text(*n, self.src))), span)
                    }
                    _ => Expr::Other(Vec::new(), span),
                }
            }
            "function_call_expression" => self.function_call(node, span),
            "member_call_expression" | "nullsafe_member_call_expression" => {
                let (Some(o), Some(n)) = (
                    node.child_by_field_name("object"),
                    node.child_by_field_name("name"),
                ) else {
                    return Expr::Other(Vec::new(), span);
                };
                let args = self.args(node);
                let obj = self.expr(o);
                let recv = match self.type_of(o) {
                    Some(t) => Expr::Typed(Box::new(obj), t, Span::of(&o)),
                    None => obj,
                };
                let method = match n.kind() {
                    "name" => Arc::from(text(n, self.src)),
                    _ => return Expr::Other(args.into_iter().map(|a| a.value).collect(), span),
                };
                Expr::Call(Box::new(Call {
                    callee: Expr::Attr(Box::new(recv), method, Span::of(&n)),
                    args,
                    span,
                }))
            }
            "scoped_call_expression" => {
                let (Some(scope), Some(n)) = (
                    node.child_by_field_name("scope"),
                    node.child_by_field_name("name"),
                ) else {
                    return Expr::Other(Vec::new(), span);
                };
                let args = self.args(node);
                // `self::f()`, `static::f()`: a method of this class.
                let recv = match scope.kind() {
                    "relative_scope" if text(scope, self.src) != "parent" => {
                        Expr::Name(Arc::from("this"), Span::of(&scope))
                    }
                    _ => {
                        let class = simple(text(scope, self.src)).to_string();
                        self.called.insert(class.clone());
                        Expr::Name(Arc::from(class), Span::of(&scope))
                    }
                };
                Expr::Call(Box::new(Call {
                    callee: Expr::Attr(Box::new(recv), Arc::from(text(n, self.src)), Span::of(&n)),
                    args,
                    span,
                }))
            }
            "object_creation_expression" => {
                let kids = named_children(node);
                let class = kids
                    .iter()
                    .find(|c| matches!(c.kind(), "name" | "qualified_name"))
                    .map(|c| simple(text(*c, self.src)).to_string());
                let args = match kids.iter().find(|c| c.kind() == "arguments") {
                    Some(a) => self.arg_list(*a),
                    None => Vec::new(),
                };
                let class_span = kids
                    .iter()
                    .find(|c| matches!(c.kind(), "name" | "qualified_name"))
                    .map_or(span, |c| Span::of(c));
                match class {
                    Some(c) => {
                        self.called.insert(c.clone());
                        Expr::Call(Box::new(Call {
                            callee: Expr::Name(Arc::from(c), class_span),
                            args,
                            span,
                        }))
                    }
                    // `new class { ... }`, `new $name()`.
                    None => Expr::Other(args.into_iter().map(|a| a.value).collect(), span),
                }
            }
            "array_creation_expression" => {
                let mut pairs = Vec::new();
                let mut next = 0usize;
                for el in named_children(node) {
                    if el.kind() != "array_element_initializer" {
                        continue;
                    }
                    let kids = named_children(el);
                    match kids.as_slice() {
                        [k, v] => pairs.push((Some(self.expr(*k)), self.expr(*v))),
                        [v] if v.kind() == "variadic_unpacking" => {
                            pairs.push((None, self.expr(*v)))
                        }
                        [v] => {
                            pairs.push((
                                Some(Expr::Lit(Lit::Num(next as f64), span)),
                                self.expr(*v),
                            ));
                            next += 1;
                        }
                        _ => {}
                    }
                }
                Expr::Dict(pairs, span)
            }
            "include_expression"
            | "include_once_expression"
            | "require_expression"
            | "require_once_expression" => {
                let arg = match node.named_child(0) {
                    Some(a) => self.expr(a),
                    None => Expr::Other(Vec::new(), span),
                };
                call_named("include", vec![arg], span, node.child(0))
            }
            "print_intrinsic" => {
                let arg = match node.named_child(0) {
                    Some(a) => self.expr(a),
                    None => Expr::Other(Vec::new(), span),
                };
                call_named("print", vec![arg], span, node.child(0))
            }
            "assignment_expression"
            | "reference_assignment_expression"
            | "augmented_assignment_expression" => {
                // An assignment used as a value: the store runs first.
                let mut stmts = Vec::new();
                self.expr_stmt(node, &mut stmts);
                self.pre.extend(stmts);
                match node.child_by_field_name("left") {
                    Some(l) => self.expr(l),
                    None => Expr::Other(Vec::new(), span),
                }
            }
            "anonymous_function" | "anonymous_function_creation_expression" | "arrow_function" => {
                self.closure(node, span)
            }
            "match_expression" => {
                let mut values = vec![dataless(self.field_expr(node, "condition"))];
                if let Some(b) = node.child_by_field_name("body") {
                    for arm in named_children(b) {
                        if let Some(r) = arm.child_by_field_name("return_expression") {
                            values.push(self.expr(r));
                        }
                    }
                }
                Expr::Other(values, span)
            }
            "throw_expression" => {
                if let Some(v) = node.named_child(0) {
                    let e = self.expr(v);
                    self.pre.push(Stmt::Expr(e));
                }
                Expr::Other(Vec::new(), span)
            }
            "instanceof_expression" => dataless(self.field_expr(node, "left")),
            "clone_expression" | "error_suppression_expression" | "reference_modifier" => {
                match node.named_child(0) {
                    Some(inner) => self.expr(inner),
                    None => Expr::Other(Vec::new(), span),
                }
            }
            "sequence_expression" => {
                let parts = named_children(node)
                    .into_iter()
                    .map(|c| self.expr(c))
                    .collect();
                Expr::Other(parts, span)
            }
            "comment" => Expr::Other(Vec::new(), span),
            _ => {
                let parts = named_children(node)
                    .into_iter()
                    .map(|c| self.expr(c))
                    .collect();
                Expr::Other(parts, span)
            }
        }
    }

    fn arg_list(&mut self, list: Node<'_>) -> Vec<Arg> {
        named_children(list)
            .into_iter()
            .filter(|a| a.kind() == "argument" || a.kind() == "variadic_placeholder")
            .filter_map(|a| {
                let name = a
                    .child_by_field_name("name")
                    .map(|n| Arc::from(text(n, self.src)));
                let spread = named_children(a)
                    .iter()
                    .any(|c| c.kind() == "variadic_unpacking")
                    || text(a, self.src).starts_with("...");
                let value_node = named_children(a)
                    .into_iter()
                    .rfind(|c| Some(c.id()) != a.child_by_field_name("name").map(|n| n.id()))?;
                let value = match value_node.kind() {
                    "variadic_unpacking" => match value_node.named_child(0) {
                        Some(v) => self.expr(v),
                        None => Expr::Other(Vec::new(), Span::of(&value_node)),
                    },
                    _ => self.expr(value_node),
                };
                Some(Arg {
                    name,
                    value,
                    spread,
                })
            })
            .collect()
    }

    fn args(&mut self, node: Node<'_>) -> Vec<Arg> {
        match node.child_by_field_name("arguments") {
            Some(a) => self.arg_list(a),
            None => Vec::new(),
        }
    }

    fn function_call(&mut self, node: Node<'_>, span: Span) -> Expr {
        let Some(f) = node.child_by_field_name("function") else {
            return Expr::Other(Vec::new(), span);
        };
        let args = self.args(node);
        if !matches!(f.kind(), "name" | "qualified_name") {
            // `$fn($x)`: a function picked at run time.
            let callee = self.expr(f);
            return Expr::Call(Box::new(Call { callee, args, span }));
        }
        let name = simple(text(f, self.src)).to_string();
        let arg_text = |i: usize| {
            node.child_by_field_name("arguments")
                .and_then(|a| named_children(a).into_iter().nth(i))
                .map_or("", |a| text(a, self.src))
        };
        match name.to_ascii_lowercase().as_str() {
            // `define('DEBUG', false)` is a constant.
            "define" if args.len() >= 2 => {
                if let Expr::Lit(Lit::Str(c), cspan) = &args[0].value {
                    let value = args[1].value.clone();
                    self.pre.push(Stmt::Assign(
                        vec![Target::Name(c.clone(), *cspan)],
                        value,
                        span,
                    ));
                }
                return Expr::Other(Vec::new(), span);
            }
            // `file_get_contents('php://input')` is the request body.
            "file_get_contents" | "fopen" if matches!(&args.first().map(|a| &a.value), Some(Expr::Lit(Lit::Str(s), _)) if s.starts_with("php://input")) =>
            {
                return Expr::Name(Arc::from("php://input"), span);
            }
            // A filter that only lets numbers or booleans through.
            "filter_input" | "filter_var" | "filter_input_array" | "filter_var_array"
                if (1..4).any(|i| DATALESS_FILTERS.iter().any(|d| arg_text(i).contains(d))) =>
            {
                return dataless(Expr::Other(
                    args.into_iter().map(|a| a.value).collect(),
                    span,
                ));
            }
            // `sprintf('https://api.example.com/%s', $id)` builds a string from its format:
            // its constant start can fix where a URL or path points.
            "sprintf" | "vsprintf"
                if matches!(
                    args.first().map(|a| &a.value),
                    Some(Expr::Lit(Lit::Str(_), _))
                ) =>
            {
                self.called.insert(name.clone());
                return Expr::Build(args.into_iter().map(|a| a.value).collect(), span);
            }
            // `array_push($list, $x)` appends.
            "array_push" if args.len() >= 2 => {
                let mut it = args.into_iter();
                let list = it
                    .next()
                    .map(|a| a.value)
                    .unwrap_or(Expr::Other(Vec::new(), span));
                for a in it {
                    self.pre
                        .push(Stmt::Expr(append_call(list.clone(), a.value, span)));
                }
                return Expr::Other(Vec::new(), span);
            }
            _ => {}
        }
        self.called.insert(name.clone());
        Expr::Call(Box::new(Call {
            callee: Expr::Name(Arc::from(name), Span::of(&f)),
            args,
            span,
        }))
    }
}

/// A language construct (`echo`, `include`, backticks) as a call of `name`; `keyword` is
/// the construct's own node, which the finding's message quotes.
fn call_named(name: &str, args: Vec<Expr>, span: Span, keyword: Option<Node<'_>>) -> Expr {
    let callee_span = keyword.map_or(span, |k| Span::of(&k));
    Expr::Call(Box::new(Call {
        callee: Expr::Name(Arc::from(name), callee_span),
        args: args
            .into_iter()
            .map(|value| Arg {
                name: None,
                value,
                spread: false,
            })
            .collect(),
        span,
    }))
}

/// `$list[] = $x`: the engine's `add`, which puts `$x` at the next index of a list whose
/// elements are all known.
fn append_call(list: Expr, value: Expr, span: Span) -> Expr {
    Expr::Call(Box::new(Call {
        callee: Expr::Attr(Box::new(list), Arc::from("add"), span),
        args: vec![Arg {
            name: None,
            value,
            spread: false,
        }],
        span,
    }))
}

/// The value of `e` as a number or boolean: none of e's text survives, though e runs.
fn dataless(e: Expr) -> Expr {
    if matches!(e, Expr::Lit(..)) {
        return e;
    }
    let span = e.span();
    Expr::Compare(
        Box::new(e),
        Box::new(Expr::Lit(Lit::Null, span)),
        None,
        span,
    )
}

#[cfg(test)]
mod tests {
    use super::{simple, unescape};

    #[test]
    fn names_and_escapes() {
        assert_eq!(simple("\\App\\Lib\\Db"), "Db");
        assert_eq!(simple("Db"), "Db");
        assert_eq!(unescape(r#"a\"b\n"#), "a\"b\n");
    }
}
