//! JavaScript and TypeScript (and JSX/TSX) front end: lowers tree-sitter-javascript and
//! tree-sitter-typescript trees to the taint engine's program form. `require` and
//! `import` become import bindings; callbacks (`app.get("/", (req, res) => ...)`) are
//! analysed where they are written, so they see the variables around them.

use std::sync::Arc;

use tree_sitter::Node;

use crate::ir::*;

/// Nesting deeper than this is not lowered (the module is marked truncated).
const MAX_DEPTH: u32 = 120;

/// Closures nested deeper than this are not lowered (the module is marked truncated).
const MAX_CLOSURE_DEPTH: u32 = 16;

pub fn lower(root: Node<'_>, src: &[u8]) -> Module {
    let mut l = Lower {
        src,
        module: Module::default(),
        depth: 0,
        closures: 0,
    };
    let top = l.block(root, None);
    l.module.top = top;
    l.module
}

struct Lower<'s> {
    src: &'s [u8],
    module: Module,
    depth: u32,
    /// Closures being lowered around this point: each is analysed in place, inside the
    /// one around it, so their nesting is bounded more tightly than other nesting.
    closures: u32,
}

fn text<'a>(node: Node<'_>, src: &'a [u8]) -> &'a str {
    std::str::from_utf8(&src[node.byte_range()]).unwrap_or("")
}

/// `"./db"` -> `.db`, `"../lib/x.js"` -> `..lib.x`, `"child_process"` -> `child_process`,
/// `"node:fs"` -> `fs`.
fn module_path(spec: &str) -> String {
    let spec = spec.trim_matches(['"', '\'', '`']);
    let spec = spec.strip_prefix("node:").unwrap_or(spec);
    let mut rest = spec;
    let mut dots = String::new();
    loop {
        if let Some(r) = rest.strip_prefix("./") {
            if dots.is_empty() {
                dots.push('.');
            }
            rest = r;
        } else if let Some(r) = rest.strip_prefix("../") {
            dots.push_str(if dots.is_empty() { ".." } else { "." });
            rest = r;
        } else {
            break;
        }
    }
    if dots.is_empty() {
        return spec.to_string();
    }
    let rest = ["ts", "tsx", "js", "jsx", "mjs", "cjs"]
        .iter()
        .find_map(|e| rest.strip_suffix(&format!(".{e}")))
        .unwrap_or(rest);
    let rest = rest.strip_suffix("/index").unwrap_or(rest);
    format!("{dots}{}", rest.replace('/', "."))
}

impl Lower<'_> {
    fn name(&self, node: Node<'_>) -> Name {
        Arc::from(text(node, self.src))
    }

    fn block(&mut self, node: Node<'_>, class: Option<&Name>) -> Vec<Stmt> {
        let mut out = Vec::new();
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            self.stmt(child, class, &mut out);
        }
        out
    }

    fn body(&mut self, node: Option<Node<'_>>, class: Option<&Name>) -> Vec<Stmt> {
        let mut out = Vec::new();
        if let Some(n) = node {
            self.stmt(n, class, &mut out);
        }
        out
    }

    fn stmt(&mut self, node: Node<'_>, class: Option<&Name>, out: &mut Vec<Stmt>) {
        if self.depth > MAX_DEPTH {
            self.module.truncated = true;
            return;
        }
        self.depth += 1;
        self.stmt_inner(node, class, out);
        self.depth -= 1;
    }

    fn stmt_inner(&mut self, node: Node<'_>, class: Option<&Name>, out: &mut Vec<Stmt>) {
        match node.kind() {
            "expression_statement" => {
                if let Some(e) = node.named_child(0) {
                    self.expr_stmt(e, out);
                }
            }
            "lexical_declaration" | "variable_declaration" => {
                let mut cursor = node.walk();
                for d in node.named_children(&mut cursor) {
                    if d.kind() == "variable_declarator" {
                        self.declarator(d, out);
                    }
                }
            }
            "statement_block" | "program" | "else_clause" | "finally_clause" => {
                let b = self.block(node, class);
                out.extend(b);
            }
            "if_statement" => {
                let cond = self.field_expr(node, "condition");
                let then = self.body(node.child_by_field_name("consequence"), class);
                let otherwise = self.body(node.child_by_field_name("alternative"), class);
                out.push(Stmt::If(cond, then, otherwise));
            }
            "for_in_statement" => {
                let target = node
                    .child_by_field_name("left")
                    .map_or(Target::Ignore, |n| self.target(n));
                let iter = self.field_expr(node, "right");
                let body = self.body(node.child_by_field_name("body"), class);
                out.push(Stmt::Loop(Some((target, iter)), body));
            }
            "for_statement" => {
                if let Some(init) = node.child_by_field_name("initializer") {
                    self.stmt(init, class, out);
                }
                let mut body = self.body(node.child_by_field_name("body"), class);
                if let Some(inc) = node.child_by_field_name("increment") {
                    self.expr_stmt(inc, &mut body);
                }
                out.push(Stmt::Loop(None, body));
            }
            "while_statement" | "do_statement" => {
                let cond = self.field_expr(node, "condition");
                let body = self.body(node.child_by_field_name("body"), class);
                out.push(Stmt::Expr(cond));
                out.push(Stmt::Loop(None, body));
            }
            "try_statement" => {
                out.extend(self.body(node.child_by_field_name("body"), class));
                if let Some(h) = node.child_by_field_name("handler") {
                    let b = self.body(h.child_by_field_name("body"), class);
                    out.push(Stmt::If(
                        Expr::Other(Vec::new(), Span::of(&h)),
                        b,
                        Vec::new(),
                    ));
                }
                if let Some(f) = node.child_by_field_name("finalizer") {
                    out.extend(self.body(f.child_by_field_name("body"), class));
                }
            }
            "switch_statement" => {
                let v = self.field_expr(node, "value");
                out.push(Stmt::Expr(v));
                if let Some(body) = node.child_by_field_name("body") {
                    let mut cursor = body.walk();
                    for case in body.named_children(&mut cursor) {
                        let mut stmts = Vec::new();
                        let mut c2 = case.walk();
                        for s in case.children_by_field_name("body", &mut c2) {
                            self.stmt(s, class, &mut stmts);
                        }
                        out.push(Stmt::If(
                            Expr::Other(Vec::new(), Span::of(&case)),
                            stmts,
                            Vec::new(),
                        ));
                    }
                }
            }
            "return_statement" => {
                let value = node.named_child(0).map(|v| self.expr(v));
                out.push(Stmt::Return(value, Span::of(&node)));
            }
            "throw_statement" => {
                if let Some(v) = node.named_child(0) {
                    out.push(Stmt::Expr(self.expr(v)));
                }
                out.push(Stmt::Stop);
            }
            "function_declaration" | "generator_function_declaration" => {
                let name = node
                    .child_by_field_name("name")
                    .map_or_else(|| Arc::from("<anonymous>"), |n| self.name(n));
                self.function(node, name, class);
                out.push(Stmt::Def);
            }
            "class_declaration" | "abstract_class_declaration" => {
                let name = node
                    .child_by_field_name("name")
                    .map_or_else(|| Arc::from(""), |n| self.name(n));
                if let Some(body) = node.child_by_field_name("body") {
                    let mut cursor = body.walk();
                    for m in body.named_children(&mut cursor) {
                        if m.kind() == "method_definition"
                            && let Some(n) = m.child_by_field_name("name")
                        {
                            let mname: Name = Arc::from(format!("{name}.{}", text(n, self.src)));
                            self.function(m, mname, Some(&name));
                        }
                    }
                }
            }
            "export_statement" => {
                if let Some(d) = node.child_by_field_name("declaration") {
                    self.stmt(d, class, out);
                } else if let Some(v) = node.child_by_field_name("value") {
                    self.expr_stmt(v, out);
                }
            }
            "import_statement" => self.import(node),
            "labeled_statement" => {
                if let Some(b) = node.child_by_field_name("body") {
                    self.stmt(b, class, out);
                }
            }
            "comment"
            | "empty_statement"
            | "break_statement"
            | "continue_statement"
            | "debugger_statement"
            | "interface_declaration"
            | "type_alias_declaration"
            | "enum_declaration"
            | "ambient_declaration"
            | "hash_bang_line" => {}
            _ => {
                let e = self.expr(node);
                out.push(Stmt::Expr(e));
            }
        }
    }

    fn import(&mut self, node: Node<'_>) {
        let Some(source) = node.child_by_field_name("source") else {
            return;
        };
        let module = module_path(text(source, self.src));
        let mut cursor = node.walk();
        for clause in node.named_children(&mut cursor) {
            if clause.kind() != "import_clause" {
                continue;
            }
            let mut c2 = clause.walk();
            for part in clause.named_children(&mut c2) {
                match part.kind() {
                    // `import cp from "child_process"`: the default export; for CommonJS
                    // modules that is the module itself.
                    "identifier" => {
                        let n = self.name(part);
                        self.module.imports.push((n, Arc::from(module.as_str())));
                    }
                    "namespace_import" => {
                        if let Some(id) = part.named_child(0) {
                            let n = self.name(id);
                            self.module.imports.push((n, Arc::from(module.as_str())));
                        }
                    }
                    "named_imports" => {
                        let mut c3 = part.walk();
                        for spec in part.named_children(&mut c3) {
                            let Some(name) = spec.child_by_field_name("name") else {
                                continue;
                            };
                            let local = spec.child_by_field_name("alias").unwrap_or(name);
                            let q = format!(
                                "{module}.{}",
                                text(name, self.src).trim_matches(['"', '\''])
                            );
                            self.module.imports.push((self.name(local), Arc::from(q)));
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// `require("x")` / `require("x").y`: the module path it names. A loop, not recursion:
    /// `((((require("x")))))` nested thousands deep must not overflow the stack.
    fn required(&self, node: Node<'_>) -> Option<String> {
        let mut props: Vec<&str> = Vec::new();
        let mut node = node;
        loop {
            match node.kind() {
                "call_expression" => {
                    let f = node.child_by_field_name("function")?;
                    if text(f, self.src) != "require" {
                        return None;
                    }
                    let arg = node.child_by_field_name("arguments")?.named_child(0)?;
                    if arg.kind() != "string" {
                        return None;
                    }
                    let mut path = module_path(text(arg, self.src));
                    for p in props.iter().rev() {
                        path.push('.');
                        path.push_str(p);
                    }
                    return Some(path);
                }
                "member_expression" => {
                    props.push(text(node.child_by_field_name("property")?, self.src));
                    node = node.child_by_field_name("object")?;
                }
                "await_expression" | "parenthesized_expression" => node = node.named_child(0)?,
                _ => return None,
            }
        }
    }

    fn declarator(&mut self, d: Node<'_>, out: &mut Vec<Stmt>) {
        let Some(name) = d.child_by_field_name("name") else {
            return;
        };
        let Some(value) = d.child_by_field_name("value") else {
            return;
        };
        // `const cp = require("child_process")`, `const { exec } = require(...)`.
        if let Some(module) = self.required(value) {
            match name.kind() {
                "identifier" => {
                    self.module
                        .imports
                        .push((self.name(name), Arc::from(module.as_str())));
                }
                "object_pattern" => {
                    let mut cursor = name.walk();
                    for p in name.named_children(&mut cursor) {
                        match p.kind() {
                            "shorthand_property_identifier_pattern" => {
                                let n = self.name(p);
                                let q = format!("{module}.{n}");
                                self.module.imports.push((n, Arc::from(q)));
                            }
                            "pair_pattern" => {
                                if let (Some(k), Some(v)) =
                                    (p.child_by_field_name("key"), p.child_by_field_name("value"))
                                    && v.kind() == "identifier"
                                {
                                    let q = format!("{module}.{}", text(k, self.src));
                                    self.module.imports.push((self.name(v), Arc::from(q)));
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            return;
        }
        // `const f = (x) => ...` and `const f = function (x) {...}` are functions named f.
        if name.kind() == "identifier"
            && matches!(
                value.kind(),
                "arrow_function" | "function_expression" | "function"
            )
        {
            let n = self.name(name);
            self.function(value, n, None);
            out.push(Stmt::Def);
            return;
        }
        let target = self.target(name);
        let v = self.expr(value);
        out.push(Stmt::Assign(vec![target], v, Span::of(&d)));
    }

    /// An expression in statement position: assignments become statements.
    fn expr_stmt(&mut self, e: Node<'_>, out: &mut Vec<Stmt>) {
        if self.depth > MAX_DEPTH {
            self.module.truncated = true;
            return;
        }
        self.depth += 1;
        self.expr_stmt_inner(e, out);
        self.depth -= 1;
    }

    fn expr_stmt_inner(&mut self, e: Node<'_>, out: &mut Vec<Stmt>) {
        let span = Span::of(&e);
        match e.kind() {
            "assignment_expression" => {
                let (Some(l), Some(r)) = (
                    e.child_by_field_name("left"),
                    e.child_by_field_name("right"),
                ) else {
                    return;
                };
                // `module.exports.f = function ...` / `exports.f = (x) => ...`
                if matches!(
                    r.kind(),
                    "arrow_function" | "function_expression" | "function"
                ) && l.kind() == "member_expression"
                    && let Some(p) = l.child_by_field_name("property")
                {
                    let n = self.name(p);
                    self.function(r, n, None);
                    out.push(Stmt::Def);
                    return;
                }
                let t = self.target(l);
                let v = self.expr(r);
                out.push(Stmt::Assign(vec![t], v, span));
            }
            "augmented_assignment_expression" => {
                let (Some(l), Some(r)) = (
                    e.child_by_field_name("left"),
                    e.child_by_field_name("right"),
                ) else {
                    return;
                };
                let t = self.target(l);
                let v = self.expr(r);
                out.push(Stmt::AugAssign(t, v, span));
            }
            "sequence_expression" => {
                let mut cursor = e.walk();
                let kids: Vec<Node<'_>> = e.named_children(&mut cursor).collect();
                for k in kids {
                    self.expr_stmt(k, out);
                }
            }
            "parenthesized_expression" => {
                if let Some(inner) = e.named_child(0) {
                    self.expr_stmt(inner, out);
                }
            }
            _ => {
                let v = self.expr(e);
                out.push(Stmt::Expr(v));
            }
        }
    }

    fn target(&mut self, node: Node<'_>) -> Target {
        if self.depth > MAX_DEPTH {
            self.module.truncated = true;
            return Target::Ignore;
        }
        self.depth += 1;
        let t = self.target_inner(node);
        self.depth -= 1;
        t
    }

    fn target_inner(&mut self, node: Node<'_>) -> Target {
        let span = Span::of(&node);
        match node.kind() {
            "identifier" | "shorthand_property_identifier_pattern" => {
                Target::Name(self.name(node), span)
            }
            "member_expression" => match (
                node.child_by_field_name("object"),
                node.child_by_field_name("property"),
            ) {
                (Some(o), Some(p)) => Target::Attr(self.expr(o), self.name(p), span),
                _ => Target::Ignore,
            },
            "subscript_expression" => match (
                node.child_by_field_name("object"),
                node.child_by_field_name("index"),
            ) {
                (Some(o), Some(i)) => Target::Index(self.expr(o), self.expr(i)),
                _ => Target::Ignore,
            },
            "array_pattern" => {
                let mut cursor = node.walk();
                let parts: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                Target::Unpack(parts.into_iter().map(|p| self.target(p)).collect())
            }
            "object_pattern" => {
                let mut cursor = node.walk();
                let parts: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                let mut fields = Vec::new();
                for p in parts {
                    match p.kind() {
                        "shorthand_property_identifier_pattern" => {
                            fields.push((self.name(p), Target::Name(self.name(p), Span::of(&p))));
                        }
                        "pair_pattern" => {
                            if let (Some(k), Some(v)) =
                                (p.child_by_field_name("key"), p.child_by_field_name("value"))
                            {
                                let key: Name =
                                    Arc::from(text(k, self.src).trim_matches(['"', '\'']));
                                fields.push((key, self.target(v)));
                            }
                        }
                        "object_assignment_pattern" => {
                            if let Some(l) = p.child_by_field_name("left") {
                                fields.push((self.name(l), self.target(l)));
                            }
                        }
                        _ => {}
                    }
                }
                Target::Fields(fields)
            }
            "assignment_pattern" | "object_assignment_pattern" => {
                match node.child_by_field_name("left") {
                    Some(l) => self.target(l),
                    None => Target::Ignore,
                }
            }
            "parenthesized_expression" | "non_null_expression" | "as_expression" => {
                match node.named_child(0) {
                    Some(inner) => self.target(inner),
                    None => Target::Ignore,
                }
            }
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
            "identifier" | "property_identifier" | "shorthand_property_identifier" => {
                Expr::Name(self.name(node), span)
            }
            "this" => Expr::Name(Arc::from("this"), span),
            "true" => Expr::Lit(Lit::Bool(true), span),
            "false" => Expr::Lit(Lit::Bool(false), span),
            "null" | "undefined" => Expr::Lit(Lit::Null, span),
            "number" => {
                let t = text(node, self.src).replace('_', "");
                Expr::Lit(Lit::Num(t.parse::<f64>().unwrap_or(1.0)), span)
            }
            "string" => {
                let mut s = String::new();
                let mut cursor = node.walk();
                for c in node.named_children(&mut cursor) {
                    s.push_str(text(c, self.src));
                }
                Expr::Lit(Lit::Str(Arc::from(s)), span)
            }
            "regex" => Expr::Lit(Lit::Str(Arc::from(text(node, self.src))), span),
            "template_string" => {
                let mut parts = Vec::new();
                let mut literal = String::new();
                let mut has_sub = false;
                let mut cursor = node.walk();
                for c in node.named_children(&mut cursor) {
                    match c.kind() {
                        "string_fragment" | "escape_sequence" => {
                            literal.push_str(text(c, self.src))
                        }
                        "template_substitution" => {
                            has_sub = true;
                            if !literal.is_empty() {
                                parts.push(Expr::Lit(
                                    Lit::Str(Arc::from(std::mem::take(&mut literal))),
                                    span,
                                ));
                            }
                            if let Some(e) = c.named_child(0) {
                                parts.push(self.expr(e));
                            }
                        }
                        _ => {}
                    }
                }
                if !has_sub {
                    return Expr::Lit(Lit::Str(Arc::from(literal)), span);
                }
                if !literal.is_empty() {
                    parts.push(Expr::Lit(Lit::Str(Arc::from(literal)), span));
                }
                Expr::Build(parts, span)
            }
            "member_expression" => match (
                node.child_by_field_name("object"),
                node.child_by_field_name("property"),
            ) {
                (Some(o), Some(p)) => Expr::Attr(Box::new(self.expr(o)), self.name(p), span),
                _ => Expr::Other(Vec::new(), span),
            },
            "subscript_expression" => {
                let o = self.field_expr(node, "object");
                let i = self.field_expr(node, "index");
                Expr::Index(Box::new(o), Box::new(i), span)
            }
            "call_expression" => {
                let callee = self.field_expr(node, "function");
                let args = match node.child_by_field_name("arguments") {
                    Some(a) if a.kind() == "arguments" => self.args(a),
                    // A tagged template: its parts are arguments.
                    Some(t) => vec![Arg {
                        name: None,
                        value: self.expr(t),
                        spread: false,
                    }],
                    None => Vec::new(),
                };
                Expr::Call(Box::new(Call { callee, args, span }))
            }
            "new_expression" => {
                let callee = self.field_expr(node, "constructor");
                let args = match node.child_by_field_name("arguments") {
                    Some(a) => self.args(a),
                    None => Vec::new(),
                };
                Expr::Call(Box::new(Call { callee, args, span }))
            }
            "binary_expression" => {
                let l = self.field_expr(node, "left");
                let r = self.field_expr(node, "right");
                let op = node
                    .child_by_field_name("operator")
                    .map_or("", |o| text(o, self.src));
                match op {
                    "&&" => Expr::Both(Box::new(l), Box::new(r), span),
                    "||" | "??" => Expr::Either(Box::new(l), Box::new(r), span),
                    "==" | "===" => Expr::Compare(Box::new(l), Box::new(r), Some(false), span),
                    "!=" | "!==" => Expr::Compare(Box::new(l), Box::new(r), Some(true), span),
                    "<" | ">" | "<=" | ">=" | "instanceof" => {
                        Expr::Compare(Box::new(l), Box::new(r), None, span)
                    }
                    "in" => Expr::Member(Box::new(l), Box::new(r), false, span),
                    _ => Expr::Build(vec![l, r], span),
                }
            }
            "unary_expression" => {
                let arg = self.field_expr(node, "argument");
                let op = node
                    .child_by_field_name("operator")
                    .map_or("", |o| text(o, self.src));
                match op {
                    "!" => Expr::Not(Box::new(arg), span),
                    // `typeof x`, `void x`, `-x`: no string data of x survives.
                    "typeof" | "void" | "-" | "+" | "~" => Expr::Other(Vec::new(), span),
                    _ => Expr::Build(vec![arg], span),
                }
            }
            "ternary_expression" => Expr::Cond(
                Box::new(self.field_expr(node, "condition")),
                Box::new(self.field_expr(node, "consequence")),
                Box::new(self.field_expr(node, "alternative")),
                span,
            ),
            "parenthesized_expression"
            | "await_expression"
            | "non_null_expression"
            | "as_expression"
            | "satisfies_expression"
            | "type_assertion"
            | "spread_element" => match node.named_child(0) {
                Some(inner) if inner.kind() != "comment" => self.expr(inner),
                _ => Expr::Other(Vec::new(), span),
            },
            "array" => Expr::List(self.children_exprs(node), span),
            "object" => {
                let mut cursor = node.walk();
                let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                let mut pairs = Vec::new();
                for k in kids {
                    match k.kind() {
                        "pair" => {
                            let key = k.child_by_field_name("key").map(|n| match n.kind() {
                                "property_identifier" => {
                                    Expr::Lit(Lit::Str(self.name(n)), Span::of(&n))
                                }
                                _ => self.expr(n),
                            });
                            let value = self.field_expr(k, "value");
                            pairs.push((key, value));
                        }
                        "shorthand_property_identifier" => {
                            pairs.push((
                                Some(Expr::Lit(Lit::Str(self.name(k)), Span::of(&k))),
                                Expr::Name(self.name(k), Span::of(&k)),
                            ));
                        }
                        "comment" | "method_definition" => {}
                        _ => pairs.push((None, self.expr(k))),
                    }
                }
                Expr::Dict(pairs, span)
            }
            "arrow_function" | "function_expression" | "function" => self.closure(node, span),
            "assignment_expression" => {
                // An assignment used as a value: its value.
                self.field_expr(node, "right")
            }
            "sequence_expression" => Expr::Other(self.children_exprs(node), span),
            "jsx_attribute" => {
                // `dangerouslySetInnerHTML={{ __html: x }}` writes HTML as is.
                let mut cursor = node.walk();
                let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                match kids.as_slice() {
                    [name, value] if text(*name, self.src) == "dangerouslySetInnerHTML" => {
                        let v = self.expr(*value);
                        Expr::Call(Box::new(Call {
                            callee: Expr::Name(
                                Arc::from("dangerouslySetInnerHTML"),
                                Span::of(name),
                            ),
                            args: vec![Arg {
                                name: None,
                                value: v,
                                spread: false,
                            }],
                            span,
                        }))
                    }
                    _ => Expr::Other(kids.into_iter().map(|k| self.expr(k)).collect(), span),
                }
            }
            "jsx_expression" => match node.named_child(0) {
                Some(inner) => self.expr(inner),
                None => Expr::Other(Vec::new(), span),
            },
            "class" => Expr::Other(Vec::new(), span),
            _ => Expr::Other(self.children_exprs(node), span),
        }
    }

    fn args(&mut self, list: Node<'_>) -> Vec<Arg> {
        let mut cursor = list.walk();
        let kids: Vec<Node<'_>> = list.named_children(&mut cursor).collect();
        kids.into_iter()
            .filter(|k| k.kind() != "comment")
            .map(|k| Arg {
                spread: k.kind() == "spread_element",
                value: self.expr(k),
                name: None,
            })
            .collect()
    }

    fn params(&mut self, node: Node<'_>) -> Vec<Param> {
        let mut params = Vec::new();
        if let Some(p) = node.child_by_field_name("parameter") {
            params.push(Param {
                name: self.name(p),
                span: Span::of(&p),
                default: None,
            });
        }
        if let Some(ps) = node.child_by_field_name("parameters") {
            let mut cursor = ps.walk();
            let kids: Vec<Node<'_>> = ps.named_children(&mut cursor).collect();
            for p in kids {
                // TypeScript wraps each in required_parameter / optional_parameter.
                let inner = match p.kind() {
                    "required_parameter" | "optional_parameter" => {
                        p.child_by_field_name("pattern").unwrap_or(p)
                    }
                    _ => p,
                };
                let (ident, default) = match inner.kind() {
                    "assignment_pattern" => (
                        inner.child_by_field_name("left"),
                        inner.child_by_field_name("right"),
                    ),
                    "rest_pattern" => (inner.named_child(0), None),
                    _ => (Some(inner), p.child_by_field_name("value")),
                };
                let Some(ident) = ident else { continue };
                params.push(Param {
                    name: self.name(ident),
                    span: Span::of(&ident),
                    default: default.map(|d| self.expr(d)),
                });
            }
        }
        params
    }

    fn fn_body(&mut self, node: Node<'_>) -> Vec<Stmt> {
        match node.child_by_field_name("body") {
            Some(b) if b.kind() == "statement_block" => self.block(b, None),
            // `(x) => expr` returns expr.
            Some(e) => {
                let v = self.expr(e);
                vec![Stmt::Return(Some(v), Span::of(&e))]
            }
            None => Vec::new(),
        }
    }

    fn closure(&mut self, node: Node<'_>, span: Span) -> Expr {
        if self.closures >= MAX_CLOSURE_DEPTH {
            self.module.truncated = true;
            return Expr::Other(Vec::new(), span);
        }
        self.closures += 1;
        let params = self.params(node);
        let body = self.fn_body(node);
        self.closures -= 1;
        Expr::Closure(params, body, span)
    }

    fn function(&mut self, node: Node<'_>, name: Name, class: Option<&Name>) {
        let params = self.params(node);
        let body = self.fn_body(node);
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
}

#[cfg(test)]
mod tests {
    use super::module_path;

    #[test]
    fn module_specifiers_become_dotted_paths() {
        assert_eq!(module_path("\"child_process\""), "child_process");
        assert_eq!(module_path("'node:fs'"), "fs");
        assert_eq!(module_path("'./db'"), ".db");
        assert_eq!(module_path("'./lib/db.js'"), ".lib.db");
        assert_eq!(module_path("'../util/index'"), "..util");
        assert_eq!(module_path("'../../a'"), "...a");
    }
}
