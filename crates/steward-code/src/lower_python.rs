//! Python front end: lowers a tree-sitter-python tree to the taint engine's program form,
//! and knows which function parameters Flask, Django and FastAPI fill from the request.

use std::sync::Arc;

use tree_sitter::Node;

use crate::ir::*;

/// Nesting deeper than this is not lowered (the module is marked truncated), so a
/// pathological expression cannot exhaust the stack.
const MAX_DEPTH: u32 = 120;

/// Closures nested deeper than this are not lowered (the module is marked truncated).
const MAX_CLOSURE_DEPTH: u32 = 16;

pub fn lower(root: Node<'_>, src: &[u8]) -> Module {
    let mut l = Lower {
        src,
        module: Module::default(),
        depth: 0,
        closures: 0,
        routes: Vec::new(),
    };
    let top = l.block(root, None);
    l.module.top = top;
    mark_framework_params(&mut l.module, std::mem::take(&mut l.routes));
    l.module
}

/// A route decorator seen while lowering: the function's index, the route's path literal
/// and the parameters' annotations. Resolved once the imports say which framework it is.
type Route = (usize, Option<String>, Vec<Option<String>>);

struct Lower<'s> {
    src: &'s [u8],
    module: Module,
    depth: u32,
    /// Closures being lowered around this point: each is analysed in place, inside the
    /// one around it, so their nesting is bounded more tightly than other nesting.
    closures: u32,
    routes: Vec<Route>,
}

fn text<'a>(node: Node<'_>, src: &'a [u8]) -> &'a str {
    std::str::from_utf8(&src[node.byte_range()]).unwrap_or("")
}

impl Lower<'_> {
    fn name(&self, node: Node<'_>) -> Name {
        Arc::from(text(node, self.src))
    }

    /// The statements of `node`'s named children.
    fn block(&mut self, node: Node<'_>, class: Option<&Name>) -> Vec<Stmt> {
        let mut out = Vec::new();
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            self.stmt(child, class, &mut out);
        }
        out
    }

    fn field_block(&mut self, node: Node<'_>, field: &str, class: Option<&Name>) -> Vec<Stmt> {
        match node.child_by_field_name(field) {
            Some(b) => self.block(b, class),
            None => Vec::new(),
        }
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
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    match child.kind() {
                        "assignment" | "augmented_assignment" => self.assignment(child, out),
                        _ => out.push(Stmt::Expr(self.expr(child))),
                    }
                }
            }
            "if_statement" => {
                let cond = self.field_expr(node, "condition");
                let then = self.field_block(node, "consequence", class);
                // elif/else clauses chain into nested ifs.
                let mut cursor = node.walk();
                let alts: Vec<Node<'_>> = node
                    .children_by_field_name("alternative", &mut cursor)
                    .collect();
                let mut otherwise = Vec::new();
                for alt in alts.iter().rev() {
                    otherwise = match alt.kind() {
                        "elif_clause" => {
                            let c = self.field_expr(*alt, "condition");
                            let b = self.field_block(*alt, "consequence", class);
                            vec![Stmt::If(c, b, otherwise)]
                        }
                        _ => self.field_block(*alt, "body", class),
                    };
                }
                out.push(Stmt::If(cond, then, otherwise));
            }
            "for_statement" => {
                let target = node
                    .child_by_field_name("left")
                    .map_or(Target::Ignore, |n| self.target(n));
                let iter = self.field_expr(node, "right");
                let body = self.field_block(node, "body", class);
                out.push(Stmt::Loop(Some((target, iter)), body));
                if let Some(alt) = node.child_by_field_name("alternative") {
                    out.extend(self.field_block(alt, "body", class));
                }
            }
            "while_statement" => {
                let cond = self.field_expr(node, "condition");
                let body = self.field_block(node, "body", class);
                out.push(Stmt::If(cond, vec![Stmt::Loop(None, body)], Vec::new()));
            }
            "try_statement" => {
                out.extend(self.field_block(node, "body", class));
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    match child.kind() {
                        "except_clause" | "except_group_clause" => {
                            // A handler may or may not run.
                            let mut body = Vec::new();
                            if let Some(alias) = child.child_by_field_name("alias") {
                                let t = self.target(alias);
                                body.push(Stmt::Assign(
                                    vec![t],
                                    Expr::Other(Vec::new(), Span::of(&alias)),
                                    Span::of(&alias),
                                ));
                            }
                            let mut c2 = child.walk();
                            for b in child.named_children(&mut c2) {
                                if b.kind() == "block" {
                                    body.extend(self.block(b, class));
                                }
                            }
                            out.push(Stmt::If(
                                Expr::Other(Vec::new(), Span::of(&child)),
                                body,
                                Vec::new(),
                            ));
                        }
                        "else_clause" => out.extend(self.field_block(child, "body", class)),
                        "finally_clause" => {
                            let mut c2 = child.walk();
                            for b in child.named_children(&mut c2) {
                                if b.kind() == "block" {
                                    out.extend(self.block(b, class));
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            "with_statement" => {
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    if child.kind() == "with_clause" {
                        let mut c2 = child.walk();
                        for item in child.named_children(&mut c2) {
                            let Some(value) = item.child_by_field_name("value") else {
                                continue;
                            };
                            if value.kind() == "as_pattern" {
                                let e = value
                                    .named_child(0)
                                    .map_or(Expr::Other(Vec::new(), Span::of(&value)), |v| {
                                        self.expr(v)
                                    });
                                let t = value
                                    .child_by_field_name("alias")
                                    .and_then(|a| a.named_child(0).or(Some(a)))
                                    .map_or(Target::Ignore, |a| self.target(a));
                                out.push(Stmt::Assign(vec![t], e, Span::of(&value)));
                            } else {
                                out.push(Stmt::Expr(self.expr(value)));
                            }
                        }
                    }
                }
                out.extend(self.field_block(node, "body", class));
            }
            "match_statement" => {
                let subject = self.field_expr(node, "subject");
                out.push(Stmt::Expr(subject));
                let mut cursor = node.walk();
                if let Some(body) = node.child_by_field_name("body") {
                    for case in body.named_children(&mut cursor) {
                        let b = self.field_block(case, "consequence", class);
                        out.push(Stmt::If(
                            Expr::Other(Vec::new(), Span::of(&case)),
                            b,
                            Vec::new(),
                        ));
                    }
                }
            }
            "return_statement" => {
                let value = node.named_child(0).map(|v| self.expr(v));
                out.push(Stmt::Return(value, Span::of(&node)));
            }
            "function_definition" => {
                self.function(node, &[], class);
                out.push(Stmt::Def);
            }
            "decorated_definition" => {
                let mut decorators = Vec::new();
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    if child.kind() == "decorator"
                        && let Some(e) = child.named_child(0)
                    {
                        decorators.push(e);
                    }
                }
                if let Some(def) = node.child_by_field_name("definition") {
                    if def.kind() == "function_definition" {
                        self.function(def, &decorators, class);
                        out.push(Stmt::Def);
                    } else {
                        self.stmt(def, class, out);
                    }
                }
            }
            "class_definition" => {
                let name = node
                    .child_by_field_name("name")
                    .map_or_else(|| Arc::from(""), |n| self.name(n));
                // Class bodies run once at definition: their statements join the top level
                // and their methods are `Class.method`.
                let body = self.field_block(node, "body", Some(&name));
                out.extend(body);
            }
            "import_statement" => {
                let mut cursor = node.walk();
                for child in node.children_by_field_name("name", &mut cursor) {
                    match child.kind() {
                        "dotted_name" => {
                            let full = text(child, self.src);
                            let first = full.split('.').next().unwrap_or(full);
                            self.module
                                .imports
                                .push((Arc::from(first), Arc::from(first)));
                        }
                        "aliased_import" => {
                            if let (Some(n), Some(a)) = (
                                child.child_by_field_name("name"),
                                child.child_by_field_name("alias"),
                            ) {
                                let q = self.name(n);
                                self.module.imports.push((self.name(a), q));
                            }
                        }
                        _ => {}
                    }
                }
            }
            "import_from_statement" => {
                let module = node
                    .child_by_field_name("module_name")
                    .map_or("", |m| text(m, self.src))
                    .to_string();
                let mut cursor = node.walk();
                for child in node.children_by_field_name("name", &mut cursor) {
                    let (name, alias) = match child.kind() {
                        "aliased_import" => (
                            child.child_by_field_name("name"),
                            child.child_by_field_name("alias"),
                        ),
                        _ => (Some(child), Some(child)),
                    };
                    if let (Some(n), Some(a)) = (name, alias) {
                        let sep = if module.ends_with('.') { "" } else { "." };
                        let q = format!("{module}{sep}{}", text(n, self.src));
                        self.module.imports.push((self.name(a), Arc::from(q)));
                    }
                }
            }
            "block" | "module" => {
                let b = self.block(node, class);
                out.extend(b);
            }
            "raise_statement" => {
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    out.push(Stmt::Expr(self.expr(child)));
                }
                out.push(Stmt::Stop);
            }
            "global_statement"
            | "nonlocal_statement"
            | "pass_statement"
            | "comment"
            | "break_statement"
            | "continue_statement"
            | "future_import_statement" => {}
            _ => {
                // raise, assert, delete, print, exec, type alias: evaluate their parts for
                // calls (a sink can hide in a raise or an assert).
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    out.push(Stmt::Expr(self.expr(child)));
                }
            }
        }
    }

    fn assignment(&mut self, node: Node<'_>, out: &mut Vec<Stmt>) {
        let span = Span::of(&node);
        let Some(left) = node.child_by_field_name("left") else {
            return;
        };
        let target = self.target(left);
        let Some(right) = node.child_by_field_name("right") else {
            // An annotation without a value.
            return;
        };
        if node.kind() == "augmented_assignment" {
            let value = self.expr(right);
            out.push(Stmt::AugAssign(target, value, span));
            return;
        }
        // `a = b = value`: the innermost right side is the value, every left side a target.
        let mut targets = vec![target];
        let mut right = right;
        while right.kind() == "assignment" {
            if let Some(l) = right.child_by_field_name("left") {
                targets.push(self.target(l));
            }
            match right.child_by_field_name("right") {
                Some(r) => right = r,
                None => return,
            }
        }
        // `run = lambda cmd: ...` defines a function named `run`.
        if right.kind() == "lambda"
            && let [Target::Name(n, _)] = targets.as_slice()
        {
            let (params, body) = self.lambda(right);
            self.module.functions.push(Function {
                name: n.clone(),
                class: None,
                self_param: false,
                params,
                body,
                param_sources: Vec::new(),
                returns_response: false,
            });
            out.push(Stmt::Def);
            return;
        }
        let value = self.expr(right);
        out.push(Stmt::Assign(targets, value, span));
    }

    /// A lambda's parameters, and its body as a return statement.
    fn lambda(&mut self, node: Node<'_>) -> (Vec<Param>, Vec<Stmt>) {
        let mut params = Vec::new();
        if let Some(ps) = node.child_by_field_name("parameters") {
            let mut cursor = ps.walk();
            let kids: Vec<Node<'_>> = ps.named_children(&mut cursor).collect();
            for p in kids {
                let ident = match p.kind() {
                    "identifier" => Some(p),
                    "default_parameter" => p.child_by_field_name("name"),
                    "list_splat_pattern" | "dictionary_splat_pattern" => p.named_child(0),
                    _ => None,
                };
                if let Some(i) = ident {
                    params.push(Param {
                        name: self.name(i),
                        span: Span::of(&i),
                        default: None,
                    });
                }
            }
        }
        let body = match node.child_by_field_name("body") {
            Some(b) => vec![Stmt::Return(Some(self.expr(b)), Span::of(&b))],
            None => Vec::new(),
        };
        (params, body)
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
            "identifier" => Target::Name(self.name(node), span),
            "attribute" => match (
                node.child_by_field_name("object"),
                node.child_by_field_name("attribute"),
            ) {
                (Some(o), Some(a)) => Target::Attr(self.expr(o), self.name(a), span),
                _ => Target::Ignore,
            },
            "subscript" => match (
                node.child_by_field_name("value"),
                node.child_by_field_name("subscript"),
            ) {
                (Some(v), Some(s)) => Target::Index(self.expr(v), self.expr(s)),
                _ => Target::Ignore,
            },
            "pattern_list" | "tuple_pattern" | "list_pattern" | "expression_list" | "tuple"
            | "list" => {
                let mut cursor = node.walk();
                let parts: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                Target::Unpack(parts.into_iter().map(|p| self.target(p)).collect())
            }
            "list_splat_pattern" | "parenthesized_expression" => match node.named_child(0) {
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
            "identifier" => Expr::Name(self.name(node), span),
            "true" => Expr::Lit(Lit::Bool(true), span),
            "false" => Expr::Lit(Lit::Bool(false), span),
            "none" => Expr::Lit(Lit::Null, span),
            "integer" | "float" => {
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
            "string" => self.string(node, span),
            "concatenated_string" => {
                let parts = self.children_exprs(node);
                Expr::Build(parts, span)
            }
            "attribute" => match (
                node.child_by_field_name("object"),
                node.child_by_field_name("attribute"),
            ) {
                (Some(o), Some(a)) => Expr::Attr(Box::new(self.expr(o)), self.name(a), span),
                _ => Expr::Other(Vec::new(), span),
            },
            "subscript" => {
                let value = self.field_expr(node, "value");
                let mut cursor = node.walk();
                let subs: Vec<Node<'_>> = node
                    .children_by_field_name("subscript", &mut cursor)
                    .collect();
                let index = match subs.as_slice() {
                    [one] => self.expr(*one),
                    many => Expr::Other(many.iter().map(|s| self.expr(*s)).collect(), span),
                };
                Expr::Index(Box::new(value), Box::new(index), span)
            }
            "slice" => Expr::Other(self.children_exprs(node), span),
            "call" => self.call(node, span),
            "binary_operator" => {
                let l = self.field_expr(node, "left");
                let r = self.field_expr(node, "right");
                Expr::Build(vec![l, r], span)
            }
            "unary_operator" => Expr::Build(vec![self.field_expr(node, "argument")], span),
            "not_operator" => Expr::Not(Box::new(self.field_expr(node, "argument")), span),
            "boolean_operator" => {
                let l = self.field_expr(node, "left");
                let r = self.field_expr(node, "right");
                let op = node
                    .child_by_field_name("operator")
                    .map_or("", |o| text(o, self.src));
                if op == "and" {
                    Expr::Both(Box::new(l), Box::new(r), span)
                } else {
                    Expr::Either(Box::new(l), Box::new(r), span)
                }
            }
            "comparison_operator" => {
                let mut cursor = node.walk();
                let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                let mut ops = Vec::new();
                let mut c2 = node.walk();
                for child in node.children(&mut c2) {
                    if !child.is_named() {
                        ops.push(child.kind());
                    }
                }
                if let ([a, b], [op]) = (kids.as_slice(), ops.as_slice())
                    && (*op == "==" || *op == "!=")
                {
                    let (a, b) = (self.expr(*a), self.expr(*b));
                    return Expr::Compare(Box::new(a), Box::new(b), Some(*op == "!="), span);
                }
                // `not in` is two tokens.
                let negated_in = ops == ["not", "in"] || ops == ["not in"];
                if let [a, b] = kids.as_slice()
                    && (ops == ["in"] || negated_in)
                {
                    let (a, b) = (self.expr(*a), self.expr(*b));
                    return Expr::Member(Box::new(a), Box::new(b), negated_in, span);
                }
                let parts: Vec<Expr> = kids.into_iter().map(|k| self.expr(k)).collect();
                let mut it = parts.into_iter();
                let a = it.next().unwrap_or(Expr::Other(Vec::new(), span));
                let b = Expr::Other(it.collect(), span);
                Expr::Compare(Box::new(a), Box::new(b), None, span)
            }
            "conditional_expression" => {
                let mut cursor = node.walk();
                let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                match kids.as_slice() {
                    [then, test, otherwise] => Expr::Cond(
                        Box::new(self.expr(*test)),
                        Box::new(self.expr(*then)),
                        Box::new(self.expr(*otherwise)),
                        span,
                    ),
                    _ => Expr::Other(self.children_exprs(node), span),
                }
            }
            "parenthesized_expression" | "await" | "expression_statement" => {
                match node.named_child(0) {
                    Some(inner) if inner.kind() != "comment" => self.expr(inner),
                    _ => Expr::Other(Vec::new(), span),
                }
            }
            "list" | "tuple" | "set" | "expression_list" => {
                let parts = self.children_exprs(node);
                Expr::List(parts, span)
            }
            "list_splat" | "dictionary_splat" => Expr::Other(self.children_exprs(node), span),
            "dictionary" => {
                let mut cursor = node.walk();
                let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                let mut pairs = Vec::new();
                for k in kids {
                    if k.kind() == "pair" {
                        let key = k.child_by_field_name("key").map(|n| self.expr(n));
                        let value = self.field_expr(k, "value");
                        pairs.push((key, value));
                    } else if k.kind() != "comment" {
                        pairs.push((None, self.expr(k)));
                    }
                }
                Expr::Dict(pairs, span)
            }
            "list_comprehension"
            | "set_comprehension"
            | "generator_expression"
            | "dictionary_comprehension" => {
                let body = match node.child_by_field_name("body") {
                    Some(b) if b.kind() == "pair" => Expr::List(
                        vec![self.field_expr(b, "key"), self.field_expr(b, "value")],
                        span,
                    ),
                    Some(b) => self.expr(b),
                    None => Expr::Other(Vec::new(), span),
                };
                let mut binds = Vec::new();
                let mut cursor = node.walk();
                let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                for k in kids {
                    if k.kind() == "for_in_clause" {
                        let t = k
                            .child_by_field_name("left")
                            .map_or(Target::Ignore, |n| self.target(n));
                        let it = self.field_expr(k, "right");
                        binds.push((t, it));
                    }
                }
                Expr::Comp(binds, Box::new(body), span)
            }
            "named_expression" => {
                // `(x := value)` is an expression; its value flows on.
                self.field_expr(node, "value")
            }
            "lambda" => {
                if self.closures >= MAX_CLOSURE_DEPTH {
                    self.module.truncated = true;
                    return Expr::Other(Vec::new(), span);
                }
                self.closures += 1;
                let (params, body) = self.lambda(node);
                self.closures -= 1;
                Expr::Closure(params, body, span)
            }
            "keyword_argument" => self.field_expr(node, "value"),
            _ => Expr::Other(self.children_exprs(node), span),
        }
    }

    fn string(&mut self, node: Node<'_>, span: Span) -> Expr {
        // Parts in order, so a constant prefix stays first.
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut has_interp = false;
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            match child.kind() {
                "string_content" | "escape_sequence" => literal.push_str(text(child, self.src)),
                "interpolation" => {
                    has_interp = true;
                    if !literal.is_empty() {
                        parts.push(Expr::Lit(
                            Lit::Str(Arc::from(std::mem::take(&mut literal))),
                            span,
                        ));
                    }
                    parts.push(self.field_expr(child, "expression"));
                }
                _ => {}
            }
        }
        if has_interp {
            if !literal.is_empty() {
                parts.push(Expr::Lit(Lit::Str(Arc::from(literal)), span));
            }
            Expr::Build(parts, span)
        } else {
            Expr::Lit(Lit::Str(Arc::from(literal)), span)
        }
    }

    fn call(&mut self, node: Node<'_>, span: Span) -> Expr {
        let callee = self.field_expr(node, "function");
        let mut args = Vec::new();
        if let Some(list) = node.child_by_field_name("arguments") {
            if list.kind() == "generator_expression" {
                args.push(Arg {
                    name: None,
                    value: self.expr(list),
                    spread: false,
                });
            } else {
                let mut cursor = list.walk();
                let kids: Vec<Node<'_>> = list.named_children(&mut cursor).collect();
                for k in kids {
                    match k.kind() {
                        "keyword_argument" => {
                            let name = k.child_by_field_name("name").map(|n| self.name(n));
                            let value = self.field_expr(k, "value");
                            args.push(Arg {
                                name,
                                value,
                                spread: false,
                            });
                        }
                        "list_splat" | "dictionary_splat" => {
                            let value = match k.named_child(0) {
                                Some(v) => self.expr(v),
                                None => Expr::Other(Vec::new(), Span::of(&k)),
                            };
                            args.push(Arg {
                                name: None,
                                value,
                                spread: true,
                            });
                        }
                        "comment" => {}
                        _ => args.push(Arg {
                            name: None,
                            value: self.expr(k),
                            spread: false,
                        }),
                    }
                }
            }
        }
        Expr::Call(Box::new(Call { callee, args, span }))
    }

    /// Lower a function definition into `module.functions`; returns its name.
    fn function(&mut self, node: Node<'_>, decorators: &[Node<'_>], class: Option<&Name>) -> Name {
        let plain = node
            .child_by_field_name("name")
            .map_or_else(|| Arc::from("<anonymous>"), |n| self.name(n));
        let name: Name = match class {
            Some(c) => Arc::from(format!("{c}.{plain}")),
            None => plain.clone(),
        };
        let mut params = Vec::new();
        let mut annotations = Vec::new();
        if let Some(ps) = node.child_by_field_name("parameters") {
            let mut cursor = ps.walk();
            let kids: Vec<Node<'_>> = ps.named_children(&mut cursor).collect();
            for p in kids {
                let (ident, default, annotation) = match p.kind() {
                    "identifier" => (Some(p), None, None),
                    "default_parameter" | "typed_default_parameter" => (
                        p.child_by_field_name("name"),
                        p.child_by_field_name("value"),
                        p.child_by_field_name("type"),
                    ),
                    "typed_parameter" => {
                        let mut c2 = p.walk();
                        let id = p.named_children(&mut c2).find(|c| {
                            matches!(
                                c.kind(),
                                "identifier" | "list_splat_pattern" | "dictionary_splat_pattern"
                            )
                        });
                        let id = id.map(|i| i.named_child(0).unwrap_or(i));
                        (id, None, p.child_by_field_name("type"))
                    }
                    "list_splat_pattern" | "dictionary_splat_pattern" => {
                        (p.named_child(0), None, None)
                    }
                    _ => (None, None, None),
                };
                let Some(ident) = ident else { continue };
                params.push(Param {
                    name: self.name(ident),
                    span: Span::of(&ident),
                    default: default.map(|d| self.expr(d)),
                });
                annotations.push(annotation.map(|a| text(a, self.src).to_string()));
            }
        }
        let body = self.field_block(node, "body", None);
        let mut f = Function {
            name: name.clone(),
            class: class.cloned(),
            self_param: class.is_some(),
            params,
            body,
            param_sources: Vec::new(),
            returns_response: false,
        };
        // Which framework calls it, from its decorators; resolved against imports later.
        for d in decorators {
            let (callee, first_arg) = match d.kind() {
                "call" => {
                    let callee = d.child_by_field_name("function");
                    let first = d
                        .child_by_field_name("arguments")
                        .and_then(|a| a.named_child(0))
                        .filter(|a| a.kind() == "string");
                    (callee, first)
                }
                _ => (Some(*d), None),
            };
            let Some(callee) = callee else { continue };
            let method = match callee.kind() {
                "attribute" => callee
                    .child_by_field_name("attribute")
                    .map_or("", |a| text(a, self.src)),
                _ => "",
            };
            if matches!(
                method,
                "route" | "get" | "post" | "put" | "delete" | "patch" | "api_route" | "websocket"
            ) {
                let path = first_arg.map(|a| text(a, self.src).to_string());
                self.routes
                    .push((self.module.functions.len(), path, annotations.clone()));
            }
        }
        // Django: a view takes the request first.
        if class.is_none() && f.params.first().is_some_and(|p| &*p.name == "request") {
            f.param_sources.push(ParamSource {
                index: usize::MAX,
                label: Arc::from(""),
            });
        }
        self.module.functions.push(f);
        name
    }
}

/// Route decorators and Django views become parameter sources, now that the imports say
/// which framework the file uses.
fn mark_framework_params(module: &mut Module, routes: Vec<Route>) {
    let imports_of = |prefix: &str| {
        module
            .imports
            .iter()
            .any(|(_, q)| q.split('.').next() == Some(prefix))
    };
    let fastapi = imports_of("fastapi");
    let django = imports_of("django") || imports_of("rest_framework");
    let mut routed = vec![false; module.functions.len()];
    for (index, path, annotations) in routes {
        let Some(f) = module.functions.get_mut(index) else {
            continue;
        };
        routed[index] = true;
        if fastapi {
            // FastAPI fills every parameter from the path, query, body or headers, except
            // the ones it injects.
            for (i, p) in f.params.iter().enumerate() {
                let annotation = annotations.get(i).cloned().flatten().unwrap_or_default();
                let injected = [
                    "Request",
                    "Response",
                    "Session",
                    "BackgroundTasks",
                    "WebSocket",
                ]
                .iter()
                .any(|t| annotation.contains(t))
                    || matches!(&p.default, Some(Expr::Call(c)) if matches!(&c.callee, Expr::Name(n, _) if &**n == "Depends")
                        || matches!(&c.callee, Expr::Attr(_, n, _) if &**n == "Depends"))
                    || &*p.name == "self";
                if !injected {
                    f.param_sources.push(ParamSource {
                        index: i,
                        label: Arc::from("FastAPI endpoint parameter"),
                    });
                }
            }
        } else {
            // Flask: `<name>` and `<converter:name>` in the route fill parameters of that name.
            let path = path.unwrap_or_default();
            let mut rest = path.as_str();
            while let Some(open) = rest.find('<') {
                let after = &rest[open + 1..];
                let Some(close) = after.find('>') else { break };
                let inner = &after[..close];
                let name = inner.rsplit(':').next().unwrap_or(inner).trim();
                if let Some(i) = f.params.iter().position(|p| &*p.name == name) {
                    f.param_sources.push(ParamSource {
                        index: i,
                        label: Arc::from("Flask route parameter"),
                    });
                }
                rest = &after[close + 1..];
            }
            f.returns_response = true;
        }
    }
    for (i, f) in module.functions.iter_mut().enumerate() {
        let marker = f.param_sources.iter().position(|s| s.index == usize::MAX);
        if let Some(m) = marker {
            f.param_sources.remove(m);
            if django && !routed[i] {
                for index in 1..f.params.len() {
                    f.param_sources.push(ParamSource {
                        index,
                        label: Arc::from("Django URL parameter"),
                    });
                }
            }
        }
    }
}
