//! C and C++ front end: lowers tree-sitter-c and tree-sitter-cpp trees (their node kinds
//! agree on everything C has) to the taint engine's program form.
//!
//! C moves data through pointers more than through return values: `fgets(buf, ...)`,
//! `strcpy(dst, src)`, `sprintf(buf, fmt, ...)` and `scanf("%s", s)` write into an
//! argument. The calls that do are lowered as an assignment of the call to what they
//! write (`buf = fgets(buf, n, stdin)`), so the engine sees the buffer take the call's
//! data. `#define` constants and `#if 0` are followed, so a dead branch or a constant
//! command is known. `main`'s `argv` is a source; `std::` is dropped from names, so
//! `std::system` is `system`. Calls to functions another file defines are bound by
//! name (C has one global namespace), for the tree scan to resolve.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tree_sitter::Node;

use crate::ir::*;

/// Nesting deeper than this is not lowered (the module is marked truncated).
const MAX_DEPTH: u32 = 120;

/// Calls that write into an argument: (name, index of the first argument written, whether
/// every argument from there on is written, as scanf's are).
const WRITES: &[(&str, usize, bool)] = &[
    ("fgets", 0, false),
    ("fgetws", 0, false),
    ("gets", 0, false),
    ("gets_s", 0, false),
    ("fread", 0, false),
    ("read", 1, false),
    ("pread", 1, false),
    ("recv", 1, false),
    ("recvfrom", 1, false),
    ("recvmsg", 1, false),
    ("strcpy", 0, false),
    ("strncpy", 0, false),
    ("stpcpy", 0, false),
    ("strlcpy", 0, false),
    ("strcat", 0, false),
    ("strncat", 0, false),
    ("strlcat", 0, false),
    ("wcscpy", 0, false),
    ("wcscat", 0, false),
    ("memcpy", 0, false),
    ("memmove", 0, false),
    ("sprintf", 0, false),
    ("snprintf", 0, false),
    ("vsprintf", 0, false),
    ("vsnprintf", 0, false),
    ("realpath", 1, false),
    ("scanf", 1, true),
    ("vscanf", 1, true),
    ("fscanf", 2, true),
    ("sscanf", 2, true),
];

/// Calls that write their data into an argument and return only a count or a status.
const COUNT_RESULT: &[&str] = &[
    "read",
    "pread",
    "recv",
    "recvfrom",
    "recvmsg",
    "fread",
    "scanf",
    "vscanf",
    "fscanf",
    "sscanf",
    "snprintf",
    "vsnprintf",
    "sprintf",
    "vsprintf",
    "strlcpy",
    "strlcat",
];

/// scanf conversions that read a number: the value is what `atoi` would give.
const NUMERIC_CONVERSIONS: &str = "diouxXeEfgGaApn";

pub fn lower(root: Node<'_>, src: &[u8]) -> Module {
    let mut l = Lower {
        src,
        module: Module::default(),
        depth: 0,
        pending: Vec::new(),
        called: Vec::new(),
        out_params: out_params(root, src),
        namespaces: Vec::new(),
        namespace_functions: namespace_functions(root, src),
    };
    let top = l.block(root, None);
    l.module.top = top;
    let defined: HashSet<&str> = l.module.functions.iter().map(|f| &*f.name).collect();
    let mut imports = Vec::new();
    for n in &l.called {
        if !defined.contains(&**n) {
            imports.push((n.clone(), n.clone() as Arc<str>));
        }
    }
    l.module.imports = imports;
    // Code inside the same namespace in another file calls these unqualified.
    let plain: HashSet<&str> = l.module.functions.iter().map(|f| &*f.name).collect();
    let mut aliases = Vec::new();
    for f in &l.module.functions {
        if l.namespace_functions.contains(&*f.name)
            && let Some((_, last)) = f.name.rsplit_once('.')
            && !plain.contains(last)
        {
            aliases.push((Arc::from(last), f.name.clone()));
        }
    }
    l.module.aliases = aliases;
    l.module
}

struct Lower<'s> {
    src: &'s [u8],
    module: Module,
    depth: u32,
    /// Writes through arguments found while lowering an expression: emitted before the
    /// statement that holds it.
    pending: Vec<Stmt>,
    /// Plain names called anywhere.
    called: Vec<Name>,
    /// Functions of this file that write into some of their parameters, and which.
    out_params: HashMap<String, Vec<usize>>,
    /// The C++ namespaces being lowered, outermost first (`a.b` for `a::b`).
    namespaces: Vec<String>,
    /// Functions this file defines inside a namespace, qualified (`shell.run`).
    namespace_functions: HashSet<String>,
}

/// The functions a file defines inside named C++ namespaces, by qualified name
/// (`namespace shell { int run(...) {...} }` -> `shell.run`). Only declaration levels
/// are walked.
fn namespace_functions(root: Node<'_>, src: &[u8]) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut stack: Vec<(Node<'_>, String)> = vec![(root, String::new())];
    while let Some((node, prefix)) = stack.pop() {
        let mut cursor = node.walk();
        for c in node.named_children(&mut cursor) {
            match c.kind() {
                "namespace_definition" => {
                    let inner = match c.child_by_field_name("name") {
                        Some(n) => join_namespace(&prefix, &plain_name(text(n, src))),
                        None => prefix.clone(),
                    };
                    if let Some(body) = c.child_by_field_name("body") {
                        stack.push((body, inner));
                    }
                }
                "function_definition" if !prefix.is_empty() => {
                    if let Some(name) = c
                        .child_by_field_name("declarator")
                        .and_then(find_function_declarator)
                        .and_then(|f| f.child_by_field_name("declarator"))
                    {
                        let raw = plain_name(text(name, src));
                        if !raw.contains('.') {
                            out.insert(join_namespace(&prefix, &raw));
                        }
                    }
                }
                "declaration_list"
                | "linkage_specification"
                | "template_declaration"
                | "preproc_if"
                | "preproc_ifdef"
                | "preproc_else"
                | "preproc_elif" => stack.push((c, prefix.clone())),
                _ => {}
            }
        }
    }
    out
}

fn join_namespace(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

/// The functions of a file that write through a parameter (`snprintf(out, ...)`,
/// `*out = x`, `out[i] = x`, `out->f = x`), by name, with the parameters' positions.
fn out_params(root: Node<'_>, src: &[u8]) -> HashMap<String, Vec<usize>> {
    let mut out = HashMap::new();
    let mut defs = Vec::new();
    collect_kinds(root, &["function_definition"], &mut defs);
    for def in defs {
        let Some(fdecl) = def
            .child_by_field_name("declarator")
            .and_then(find_function_declarator)
        else {
            continue;
        };
        let (Some(name), Some(params), Some(body)) = (
            fdecl.child_by_field_name("declarator"),
            fdecl.child_by_field_name("parameters"),
            def.child_by_field_name("body"),
        ) else {
            continue;
        };
        let mut cursor = params.walk();
        let names: Vec<Option<String>> = params
            .named_children(&mut cursor)
            .filter(|p| p.kind() == "parameter_declaration")
            .map(|p| {
                let mut ids = Vec::new();
                if let Some(d) = p.child_by_field_name("declarator") {
                    collect_idents(d, src, &mut ids);
                }
                ids.pop().map(|(n, _)| n)
            })
            .collect();
        let mut written = Vec::new();
        let mut nodes = Vec::new();
        collect_kinds(
            body,
            &["call_expression", "assignment_expression"],
            &mut nodes,
        );
        let root_of = |mut n: Node<'_>| -> Option<String> {
            loop {
                match n.kind() {
                    "identifier" => return Some(text(n, src).to_string()),
                    "pointer_expression"
                    | "subscript_expression"
                    | "field_expression"
                    | "parenthesized_expression"
                    | "cast_expression" => {
                        n = n
                            .child_by_field_name("argument")
                            .or_else(|| n.child_by_field_name("value"))
                            .or_else(|| n.named_child(0))?;
                    }
                    _ => return None,
                }
            }
        };
        for n in nodes {
            let target = if n.kind() == "assignment_expression" {
                n.child_by_field_name("left")
                    .filter(|l| l.kind() != "identifier")
                    .and_then(root_of)
            } else {
                let f = n.child_by_field_name("function").map(|f| text(f, src));
                let w = f.and_then(|f| WRITES.iter().find(|(w, _, _)| *w == f));
                match (w, n.child_by_field_name("arguments")) {
                    (Some((_, i, _)), Some(args)) => args.named_child(*i as u32).and_then(root_of),
                    _ => None,
                }
            };
            if let Some(t) = target
                && let Some(i) = names.iter().position(|p| p.as_deref() == Some(&t))
                && !written.contains(&i)
            {
                written.push(i);
            }
        }
        if !written.is_empty() {
            out.insert(plain_name(text(name, src)), written);
        }
    }
    out
}

/// Every descendant of these kinds (a loop: a file may nest thousands deep).
fn collect_kinds<'t>(node: Node<'t>, kinds: &[&str], out: &mut Vec<Node<'t>>) {
    let mut cursor = node.walk();
    loop {
        let n = cursor.node();
        if kinds.contains(&n.kind()) {
            out.push(n);
        }
        if cursor.goto_first_child() {
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

/// A function that writes into parameters gives their contents back with its value, so
/// a caller's `build(out, n, item)` lowered as `out = build(out, n, item)` sees them.
fn return_written(stmts: &mut [Stmt], written: &[Expr]) {
    for s in stmts {
        match s {
            Stmt::Return(value, span) => {
                let mut parts: Vec<Expr> = value.take().into_iter().collect();
                parts.extend(written.iter().cloned());
                *value = Some(Expr::Build(parts, *span));
            }
            Stmt::If(_, a, b) => {
                return_written(a, written);
                return_written(b, written);
            }
            Stmt::Loop(_, body) => return_written(body, written),
            _ => {}
        }
    }
}

fn text<'a>(node: Node<'_>, src: &'a [u8]) -> &'a str {
    std::str::from_utf8(&src[node.byte_range()]).unwrap_or("")
}

/// `std::system` -> `system`, `::getenv` -> `getenv`, `a::b` -> `a.b`.
fn plain_name(qualified: &str) -> String {
    let t: String = qualified.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_start_matches("::");
    let t = t.strip_prefix("std::").unwrap_or(t);
    t.replace("::", ".")
}

/// The value of a `#define` body that is a plain constant.
fn macro_value(body: &str) -> Option<Lit> {
    let b = body.trim();
    let b = b
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(b)
        .trim();
    if b.len() >= 2 && b.starts_with('"') && b.ends_with('"') && !b[1..b.len() - 1].contains('"') {
        return Some(Lit::Str(Arc::from(unescape(&b[1..b.len() - 1]))));
    }
    parse_number(b).map(Lit::Num)
}

/// A C integer or floating literal, suffixes and all.
pub fn parse_number(t: &str) -> Option<f64> {
    let t = t.trim().replace('\'', "");
    let t = t.trim_end_matches(['u', 'U', 'l', 'L', 'f', 'F', 'z', 'Z']);
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return i64::from_str_radix(h, 16).ok().map(|v| v as f64);
    }
    if t.len() > 1 && t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit()) {
        return i64::from_str_radix(&t[1..], 8).ok().map(|v| v as f64);
    }
    t.parse::<f64>().ok()
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

/// The conversions of a scanf format, in order (`%*d` assigns nothing and is skipped).
fn scanf_conversions(format: &str) -> Vec<char> {
    let mut out = Vec::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        let mut suppressed = false;
        let mut conv = None;
        while let Some(&n) = chars.peek() {
            chars.next();
            match n {
                '%' if conv.is_none() => break,
                '*' => suppressed = true,
                '[' => {
                    // A scanset ends at the next `]` (a leading `]` is part of it).
                    let mut first = true;
                    for s in chars.by_ref() {
                        if s == ']' && !first {
                            break;
                        }
                        first = false;
                    }
                    conv = Some('[');
                    break;
                }
                c if c.is_ascii_alphabetic() && !"hljztL".contains(c) => {
                    conv = Some(c);
                    break;
                }
                _ => {}
            }
        }
        if let Some(c) = conv
            && !suppressed
        {
            out.push(c);
        }
    }
    out
}

impl Lower<'_> {
    fn name(&self, node: Node<'_>) -> Name {
        Arc::from(plain_name(text(node, self.src)).as_str())
    }

    fn block(&mut self, node: Node<'_>, class: Option<&Name>) -> Vec<Stmt> {
        let mut out = Vec::new();
        let mut cursor = node.walk();
        let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
        for child in kids {
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
        let mut here = Vec::new();
        self.stmt_inner(node, class, &mut here);
        out.append(&mut self.pending);
        out.append(&mut here);
        self.depth -= 1;
    }

    /// Lower an expression that a statement holds; writes through arguments inside it
    /// go before the statement.
    fn stmt_inner(&mut self, node: Node<'_>, class: Option<&Name>, out: &mut Vec<Stmt>) {
        let span = Span::of(&node);
        match node.kind() {
            "translation_unit"
            | "compound_statement"
            | "declaration_list"
            | "field_declaration_list"
            | "else_clause"
            | "linkage_specification" => {
                out.extend(self.block(node, class));
            }
            "namespace_definition" => {
                // An unnamed namespace adds nothing to the names inside it.
                let named = node
                    .child_by_field_name("name")
                    .map(|n| plain_name(text(n, self.src)));
                if let Some(n) = &named {
                    self.namespaces.push(n.clone());
                }
                out.extend(self.body(node.child_by_field_name("body"), class));
                if named.is_some() {
                    self.namespaces.pop();
                }
            }
            "template_declaration" => {
                let mut cursor = node.walk();
                let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                for k in kids {
                    if k.kind() != "template_parameter_list" {
                        self.stmt(k, class, out);
                    }
                }
            }
            "preproc_def" => {
                if let (Some(n), Some(v)) = (
                    node.child_by_field_name("name"),
                    node.child_by_field_name("value"),
                ) && let Some(lit) = macro_value(text(v, self.src))
                {
                    out.push(Stmt::Assign(
                        vec![Target::Name(self.name(n), Span::of(&n))],
                        Expr::Lit(lit, Span::of(&v)),
                        span,
                    ));
                }
            }
            "preproc_if" | "preproc_ifdef" | "preproc_elif" | "preproc_else"
            | "preproc_elifdef" => {
                // `#if 0` holds dead code; any other condition may hold.
                let dead = node.kind() == "preproc_if"
                    && node
                        .child_by_field_name("condition")
                        .is_some_and(|c| text(c, self.src).trim() == "0");
                let mut cursor = node.walk();
                let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                let mut then = Vec::new();
                let mut otherwise = Vec::new();
                for k in kids {
                    if Some(k) == node.child_by_field_name("condition")
                        || Some(k) == node.child_by_field_name("name")
                    {
                        continue;
                    }
                    if Some(k) == node.child_by_field_name("alternative") {
                        self.stmt(k, class, &mut otherwise);
                    } else if !dead {
                        self.stmt(k, class, &mut then);
                    }
                }
                if dead {
                    out.extend(otherwise);
                } else if otherwise.is_empty() {
                    out.extend(then);
                } else {
                    out.push(Stmt::If(Expr::Other(Vec::new(), span), then, otherwise));
                }
            }
            "function_definition" => {
                self.function(node, class);
                out.push(Stmt::Def);
            }
            "class_specifier" | "struct_specifier" | "union_specifier" => {
                let name: Option<Name> = node.child_by_field_name("name").map(|n| self.name(n));
                if let (Some(name), Some(body)) = (name, node.child_by_field_name("body")) {
                    let mut cursor = body.walk();
                    let kids: Vec<Node<'_>> = body.named_children(&mut cursor).collect();
                    for k in kids {
                        let k = if k.kind() == "template_declaration" {
                            let mut c2 = k.walk();
                            let inner = k
                                .named_children(&mut c2)
                                .find(|c| c.kind() == "function_definition");
                            match inner {
                                Some(i) => i,
                                None => continue,
                            }
                        } else {
                            k
                        };
                        if k.kind() == "function_definition" {
                            self.function(k, Some(&name));
                        }
                    }
                }
            }
            "declaration" => self.declaration(node, out),
            "field_declaration"
            | "type_definition"
            | "enum_specifier"
            | "alias_declaration"
            | "using_declaration"
            | "namespace_alias_definition"
            | "static_assert_declaration"
            | "friend_declaration"
            | "access_specifier"
            | "preproc_include"
            | "preproc_call"
            | "preproc_function_def"
            | "comment"
            | "break_statement"
            | "continue_statement"
            | "goto_statement"
            | "concept_definition" => {}
            "expression_statement" => {
                if let Some(e) = node.named_child(0) {
                    self.expr_stmt(e, out);
                }
            }
            "if_statement" => {
                let cond_node = node.child_by_field_name("condition");
                let cond = self.condition(cond_node, out);
                let mut then = self.body(node.child_by_field_name("consequence"), class);
                let mut otherwise = self.body(node.child_by_field_name("alternative"), class);
                // `if (n > sizeof buf) return;` / `if (n < LIMIT) {...}`: where the check
                // passed, `n` is bounded, as `min(n, LIMIT)` would be.
                if let Some((name, nspan, below_when_true)) =
                    cond_node.and_then(|c| self.upper_bound(c))
                {
                    let bounded = Stmt::Assign(
                        vec![Target::Name(name.clone(), nspan)],
                        Expr::Call(Box::new(Call {
                            callee: Expr::Name(Arc::from("min"), nspan),
                            args: vec![Arg {
                                name: None,
                                value: Expr::Name(name, nspan),
                                spread: false,
                            }],
                            span: nspan,
                        })),
                        nspan,
                    );
                    if below_when_true {
                        then.insert(0, bounded);
                    } else if node.child_by_field_name("alternative").is_some() {
                        otherwise.insert(0, bounded);
                    } else if node
                        .child_by_field_name("consequence")
                        .is_some_and(|c| leaves(c, self.src))
                    {
                        out.push(Stmt::If(cond, then, otherwise));
                        out.push(bounded);
                        return;
                    }
                }
                out.push(Stmt::If(cond, then, otherwise));
            }
            "while_statement" => {
                let c = node.child_by_field_name("condition");
                let cond = self.condition(c, out);
                out.push(Stmt::Expr(cond));
                let mut body = self.body(node.child_by_field_name("body"), class);
                // The condition runs again before every later round.
                let again = self.condition(c, &mut body);
                body.push(Stmt::Expr(again));
                out.push(Stmt::Loop(None, body));
            }
            "do_statement" => {
                let mut body = self.body(node.child_by_field_name("body"), class);
                let cond = self.condition(node.child_by_field_name("condition"), &mut body);
                body.push(Stmt::Expr(cond));
                // The body runs at least once.
                out.extend(body.clone());
                out.push(Stmt::Loop(None, body));
            }
            "for_statement" => {
                if let Some(init) = node.child_by_field_name("initializer") {
                    self.stmt(init, class, out);
                }
                let mut body = self.body(node.child_by_field_name("body"), class);
                if let Some(c) = node.child_by_field_name("condition") {
                    let cond = self.expr(c);
                    out.append(&mut self.pending);
                    out.push(Stmt::Expr(cond));
                }
                if let Some(u) = node.child_by_field_name("update") {
                    self.expr_stmt(u, &mut body);
                    body.append(&mut self.pending);
                }
                out.push(Stmt::Loop(None, body));
            }
            "for_range_loop" => {
                let target = node
                    .child_by_field_name("declarator")
                    .and_then(|d| self.declared_name(d))
                    .map_or(Target::Ignore, |(n, s)| Target::Name(n, s));
                let iter = self.field_expr(node, "right");
                let body = self.body(node.child_by_field_name("body"), class);
                out.push(Stmt::Loop(Some((target, iter)), body));
            }
            "switch_statement" => {
                let v = self.condition(node.child_by_field_name("condition"), out);
                out.push(Stmt::Expr(v));
                if let Some(body) = node.child_by_field_name("body") {
                    let mut cursor = body.walk();
                    let cases: Vec<Node<'_>> = body.named_children(&mut cursor).collect();
                    for case in cases {
                        let mut stmts = Vec::new();
                        let mut c2 = case.walk();
                        let kids: Vec<Node<'_>> = case.named_children(&mut c2).collect();
                        for k in kids {
                            if Some(k) != case.child_by_field_name("value") {
                                self.stmt(k, class, &mut stmts);
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
            "case_statement" => {
                let mut cursor = node.walk();
                let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                for k in kids {
                    if Some(k) != node.child_by_field_name("value") {
                        self.stmt(k, class, out);
                    }
                }
            }
            "return_statement" => {
                let value = node
                    .named_child(0)
                    .filter(|v| v.kind() != "comment")
                    .map(|v| self.expr(v));
                out.append(&mut self.pending);
                out.push(Stmt::Return(value, span));
            }
            "throw_statement" => {
                if let Some(v) = node.named_child(0) {
                    let e = self.expr(v);
                    out.push(Stmt::Expr(e));
                }
                out.push(Stmt::Stop);
            }
            "try_statement" => {
                out.extend(self.body(node.child_by_field_name("body"), class));
                let mut cursor = node.walk();
                let handlers: Vec<Node<'_>> = node
                    .named_children(&mut cursor)
                    .filter(|c| c.kind() == "catch_clause")
                    .collect();
                for h in handlers {
                    let b = self.body(h.child_by_field_name("body"), class);
                    out.push(Stmt::If(
                        Expr::Other(Vec::new(), Span::of(&h)),
                        b,
                        Vec::new(),
                    ));
                }
            }
            "labeled_statement" => {
                let mut cursor = node.walk();
                let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                for k in kids
                    .into_iter()
                    .filter(|k| k.kind() != "statement_identifier")
                {
                    self.stmt(k, class, out);
                }
            }
            _ => {
                let e = self.expr(node);
                out.push(Stmt::Expr(e));
            }
        }
    }

    /// A condition, unwrapped from its parentheses (`condition_clause` in C++, which may
    /// declare a variable first).
    fn condition(&mut self, node: Option<Node<'_>>, out: &mut Vec<Stmt>) -> Expr {
        let Some(n) = node else {
            return Expr::Other(Vec::new(), Span::default());
        };
        let e = match n.kind() {
            "condition_clause" => {
                let mut cursor = n.walk();
                let kids: Vec<Node<'_>> = n.named_children(&mut cursor).collect();
                let mut value = None;
                for k in kids {
                    if k.kind() == "declaration" || k.kind() == "init_statement" {
                        self.stmt(k, None, out);
                    } else {
                        value = Some(self.expr(k));
                    }
                }
                value.unwrap_or(Expr::Other(Vec::new(), Span::of(&n)))
            }
            _ => self.expr(n),
        };
        out.append(&mut self.pending);
        e
    }

    fn declaration(&mut self, node: Node<'_>, out: &mut Vec<Stmt>) {
        let span = Span::of(&node);
        let mut cursor = node.walk();
        let decls: Vec<Node<'_>> = node
            .children_by_field_name("declarator", &mut cursor)
            .collect();
        for d in decls {
            match d.kind() {
                "init_declarator" => {
                    let Some((name, nspan)) = d
                        .child_by_field_name("declarator")
                        .and_then(|x| self.declared_name(x))
                    else {
                        continue;
                    };
                    let value = match d.child_by_field_name("value") {
                        // `std::string s(a, b)` builds a string of its arguments;
                        // `std::ifstream in(path)` calls the constructor, which a rule may
                        // name as a sink.
                        Some(v) if v.kind() == "argument_list" => {
                            let parts = self.children_exprs(v);
                            self.construct(node, parts, Span::of(&d))
                        }
                        Some(v) if v.kind() == "initializer_list" => self.initializer(v),
                        Some(v) => self.expr(v),
                        None => Expr::Other(Vec::new(), Span::of(&d)),
                    };
                    out.append(&mut self.pending);
                    out.push(Stmt::Assign(vec![Target::Name(name, nspan)], value, span));
                }
                // A prototype, or C++'s most vexing parse: `std::string s(argv[1]);`
                // declares a variable built from the names in its "parameters".
                "function_declarator" => {
                    let inner = d.child_by_field_name("declarator");
                    let params = d.child_by_field_name("parameters");
                    let local = node.parent().is_some_and(|p| {
                        matches!(p.kind(), "compound_statement" | "condition_clause")
                    });
                    if let (true, Some(inner), Some(params)) = (local, inner, params)
                        && inner.kind() == "identifier"
                    {
                        let mut names = Vec::new();
                        collect_idents(params, self.src, &mut names);
                        let parts = names
                            .into_iter()
                            .map(|(n, s)| Expr::Name(Arc::from(n), s))
                            .collect();
                        let value = self.construct(node, parts, Span::of(&d));
                        out.push(Stmt::Assign(
                            vec![Target::Name(self.name(inner), Span::of(&inner))],
                            value,
                            span,
                        ));
                    }
                }
                _ => {
                    // `char buf[64];`: a fresh value with no data.
                    if let Some((name, nspan)) = self.declared_name(d) {
                        out.push(Stmt::Assign(
                            vec![Target::Name(name, nspan)],
                            Expr::Other(Vec::new(), nspan),
                            span,
                        ));
                    }
                }
            }
        }
    }

    /// `T x(args)`: a string built of its arguments, or a call to `T`'s constructor
    /// (`std::ifstream in(path)`), which a rule may name as a sink.
    fn construct(&self, decl: Node<'_>, parts: Vec<Expr>, span: Span) -> Expr {
        let ty = decl
            .child_by_field_name("type")
            .map(|t| plain_name(text(t, self.src)))
            .unwrap_or_default();
        if ty.is_empty() || ty.ends_with("string") || ty == "auto" {
            return Expr::Build(parts, span);
        }
        let args = parts
            .into_iter()
            .map(|value| Arg {
                name: None,
                value,
                spread: false,
            })
            .collect();
        Expr::Call(Box::new(Call {
            callee: Expr::Name(Arc::from(ty.as_str()), span),
            args,
            span,
        }))
    }

    /// A condition that bounds a variable from above by a value that does not come from
    /// it: `n < MAX`, `len <= sizeof buf`, `MAX > n` (true side), or `n > MAX`, `n >= MAX`
    /// (false side). The variable, its span, and whether the bound holds when true.
    fn upper_bound(&self, cond: Node<'_>) -> Option<(Name, Span, bool)> {
        let cond = if matches!(cond.kind(), "parenthesized_expression" | "condition_clause") {
            cond.named_child(0)?
        } else {
            cond
        };
        if cond.kind() != "binary_expression" {
            return None;
        }
        let op = text(cond.child_by_field_name("operator")?, self.src);
        let (l, r) = (
            cond.child_by_field_name("left")?,
            cond.child_by_field_name("right")?,
        );
        let (l, r) = (uncast(l)?, uncast(r)?);
        let (var, bound, below_when_true) = match op {
            "<" | "<=" => (l, r, true),
            ">" | ">=" => (l, r, false),
            _ => return None,
        };
        // `MAX > n` reads the other way round.
        let (var, bound, below_when_true) = if var.kind() != "identifier" {
            (bound, var, !below_when_true)
        } else {
            (var, bound, below_when_true)
        };
        let name = text(var, self.src);
        if var.kind() != "identifier" || text(bound, self.src).contains(name) {
            return None;
        }
        Some((self.name(var), Span::of(&var), below_when_true))
    }

    /// The variable a declarator names, through pointers, arrays and references.
    fn declared_name(&self, d: Node<'_>) -> Option<(Name, Span)> {
        match d.kind() {
            "identifier" | "field_identifier" => Some((self.name(d), Span::of(&d))),
            "pointer_declarator"
            | "array_declarator"
            | "reference_declarator"
            | "init_declarator"
            | "parenthesized_declarator"
            | "attributed_declarator" => {
                let inner = d.child_by_field_name("declarator").or_else(|| {
                    let mut cursor = d.walk();
                    d.named_children(&mut cursor)
                        .find(|c| c.kind().ends_with("declarator") || c.kind() == "identifier")
                })?;
                self.declared_name(inner)
            }
            "structured_binding_declarator" => None,
            _ => None,
        }
    }

    fn function(&mut self, node: Node<'_>, class: Option<&Name>) {
        let Some(decl) = node.child_by_field_name("declarator") else {
            return;
        };
        let Some(fdecl) = find_function_declarator(decl) else {
            return;
        };
        let Some(name_node) = fdecl.child_by_field_name("declarator") else {
            return;
        };
        let raw = plain_name(text(name_node, self.src));
        let (class, name): (Option<Name>, Name) = match (class, raw.rsplit_once('.')) {
            (Some(c), _) => (Some(c.clone()), Arc::from(format!("{c}.{raw}"))),
            (None, Some((c, _))) => (Some(Arc::from(c)), Arc::from(raw.as_str())),
            // A function of a namespace is named by it, as its callers elsewhere name it
            // (`shell::run` -> `shell.run`).
            (None, None) => (
                None,
                Arc::from(join_namespace(&self.namespaces.join("."), &raw).as_str()),
            ),
        };
        let params = self.params(fdecl.child_by_field_name("parameters"));
        let mut body = self.body(node.child_by_field_name("body"), class.as_ref());
        if let Some(written) = self.out_params.get(&raw) {
            let exprs: Vec<Expr> = written
                .iter()
                .filter_map(|i| params.get(*i))
                .map(|p| Expr::Name(p.name.clone(), p.span))
                .collect();
            return_written(&mut body, &exprs);
            let end = Span {
                start: node.end_byte() as u32,
                end: node.end_byte() as u32,
            };
            body.push(Stmt::Return(Some(Expr::Build(exprs, end)), end));
        }
        let mut param_sources = Vec::new();
        // `int main(int argc, char **argv)`: the command line.
        if matches!(&*name, "main" | "wmain" | "_tmain") && params.len() >= 2 {
            param_sources.push(ParamSource {
                index: 1,
                label: Arc::from("argv"),
            });
            if params.len() >= 3 {
                param_sources.push(ParamSource {
                    index: 2,
                    label: Arc::from("the environment"),
                });
            }
        }
        self.module.functions.push(Function {
            name,
            class,
            self_param: false,
            params,
            body,
            param_sources,
            returns_response: false,
        });
    }

    fn params(&mut self, list: Option<Node<'_>>) -> Vec<Param> {
        let mut params = Vec::new();
        let Some(list) = list else {
            return params;
        };
        let mut cursor = list.walk();
        let kids: Vec<Node<'_>> = list.named_children(&mut cursor).collect();
        for p in kids {
            if !matches!(
                p.kind(),
                "parameter_declaration" | "optional_parameter_declaration"
            ) {
                continue;
            }
            match p
                .child_by_field_name("declarator")
                .and_then(|d| self.declared_name(d))
            {
                Some((name, span)) => params.push(Param {
                    name,
                    span,
                    default: p.child_by_field_name("default_value").map(|d| self.expr(d)),
                }),
                // `void` or an unnamed parameter still holds a position.
                None if text(p, self.src).trim() != "void" => params.push(Param {
                    name: Arc::from("_"),
                    span: Span::of(&p),
                    default: None,
                }),
                None => {}
            }
        }
        params
    }

    fn expr_stmt(&mut self, e: Node<'_>, out: &mut Vec<Stmt>) {
        let span = Span::of(&e);
        match e.kind() {
            "assignment_expression" => {
                let (Some(l), Some(r)) = (
                    e.child_by_field_name("left"),
                    e.child_by_field_name("right"),
                ) else {
                    return;
                };
                let op = e
                    .child_by_field_name("operator")
                    .map_or("=", |o| text(o, self.src));
                let t = self.target(l);
                let v = if r.kind() == "initializer_list" {
                    self.initializer(r)
                } else {
                    self.expr(r)
                };
                out.append(&mut self.pending);
                if op == "=" {
                    out.push(Stmt::Assign(vec![t], v, span));
                } else if op == "+=" {
                    out.push(Stmt::AugAssign(t, v, span));
                } else {
                    // `n *= 2`, `flags |= x`: a number.
                    out.push(Stmt::Assign(vec![t], Expr::Other(Vec::new(), span), span));
                }
            }
            "binary_expression" => {
                let op = e
                    .child_by_field_name("operator")
                    .map_or("", |o| text(o, self.src));
                let mut chain = Vec::new();
                let root = shift_chain(e, op, self.src, &mut chain);
                match (op, root) {
                    // `std::cin >> a >> b`: each operand is read from the stream.
                    (">>", Some(root)) => {
                        let from = self.expr(root);
                        let targets = chain.iter().map(|n| self.target(*n)).collect();
                        out.append(&mut self.pending);
                        out.push(Stmt::Assign(targets, from, span));
                    }
                    // `os << a << b`: the stream takes every operand.
                    ("<<", Some(root)) => {
                        let parts = chain.iter().map(|n| self.expr(*n)).collect();
                        let t = self.target(root);
                        out.append(&mut self.pending);
                        out.push(Stmt::AugAssign(t, Expr::Build(parts, span), span));
                    }
                    _ => {
                        let v = self.expr(e);
                        out.append(&mut self.pending);
                        out.push(Stmt::Expr(v));
                    }
                }
            }
            "comma_expression" => {
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
            "call_expression" => {
                let v = self.expr(e);
                // `strcpy(dst, src);` as a statement: the write alone says it all.
                let writes = std::mem::take(&mut self.pending);
                let itself = writes
                    .iter()
                    .any(|w| matches!(w, Stmt::Assign(_, Expr::Call(c), _) if c.span == span));
                out.extend(writes);
                if !itself {
                    out.push(Stmt::Expr(v));
                }
            }
            "update_expression" => {}
            _ => {
                let v = self.expr(e);
                out.append(&mut self.pending);
                out.push(Stmt::Expr(v));
            }
        }
    }

    fn target(&mut self, node: Node<'_>) -> Target {
        let span = Span::of(&node);
        match node.kind() {
            "identifier" | "qualified_identifier" => Target::Name(self.name(node), span),
            "this" => Target::Name(Arc::from("this"), span),
            "field_expression" => match (
                node.child_by_field_name("argument"),
                node.child_by_field_name("field"),
            ) {
                (Some(o), Some(f)) => Target::Attr(self.expr(o), self.name(f), span),
                _ => Target::Ignore,
            },
            "subscript_expression" => {
                let index = node
                    .child_by_field_name("index")
                    .or_else(|| node.child_by_field_name("indices"));
                match (node.child_by_field_name("argument"), index) {
                    (Some(o), Some(i)) => Target::Index(self.expr(o), self.expr(i)),
                    _ => Target::Ignore,
                }
            }
            // `*p = v`, `&x`, `(x)`, a cast: what they denote.
            "pointer_expression" | "parenthesized_expression" | "cast_expression" => {
                let inner = node
                    .child_by_field_name("argument")
                    .or_else(|| node.child_by_field_name("value"))
                    .or_else(|| node.named_child(0));
                match inner {
                    Some(i) => self.target(i),
                    None => Target::Ignore,
                }
            }
            // `buf + n`: somewhere in `buf`.
            "binary_expression" => match node.child_by_field_name("left") {
                Some(l) => match self.target(l) {
                    Target::Name(n, s) => {
                        Target::Index(Expr::Name(n, s), Expr::Other(Vec::new(), span))
                    }
                    other => other,
                },
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

    /// `{ .path = p, .n = 3 }` names its fields; `{a, b}` is a list.
    fn initializer(&mut self, node: Node<'_>) -> Expr {
        let span = Span::of(&node);
        let mut cursor = node.walk();
        let kids: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
        if kids.iter().any(|k| k.kind() == "initializer_pair") {
            let mut pairs = Vec::new();
            for k in kids {
                if k.kind() != "initializer_pair" {
                    pairs.push((None, self.expr(k)));
                    continue;
                }
                let key = k.child_by_field_name("designator").map(|d| {
                    let t = text(d, self.src).trim_start_matches('.').trim();
                    Expr::Lit(Lit::Str(Arc::from(t)), Span::of(&d))
                });
                let value = match k.child_by_field_name("value") {
                    Some(v) if v.kind() == "initializer_list" => self.initializer(v),
                    Some(v) => self.expr(v),
                    None => Expr::Other(Vec::new(), Span::of(&k)),
                };
                pairs.push((key, value));
            }
            return Expr::Dict(pairs, span);
        }
        let items = kids
            .into_iter()
            .filter(|k| k.kind() != "comment")
            .map(|k| {
                if k.kind() == "initializer_list" {
                    self.initializer(k)
                } else {
                    self.expr(k)
                }
            })
            .collect();
        Expr::List(items, span)
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

    fn string_value(&self, node: Node<'_>) -> Option<String> {
        match node.kind() {
            "string_literal" | "char_literal" => {
                let mut s = String::new();
                let mut cursor = node.walk();
                for c in node.named_children(&mut cursor) {
                    match c.kind() {
                        "string_content" | "character" => s.push_str(text(c, self.src)),
                        "escape_sequence" => s.push_str(&unescape(text(c, self.src))),
                        _ => return None,
                    }
                }
                Some(s)
            }
            "raw_string_literal" => {
                let t = text(node, self.src);
                let open = t.find('(')?;
                let close = t.rfind(')')?;
                (close > open).then(|| t[open + 1..close].to_string())
            }
            "concatenated_string" => {
                let mut s = String::new();
                let mut cursor = node.walk();
                for c in node.named_children(&mut cursor) {
                    s.push_str(&self.string_value(c)?);
                }
                Some(s)
            }
            _ => None,
        }
    }

    fn expr_inner(&mut self, node: Node<'_>, span: Span) -> Expr {
        match node.kind() {
            "identifier" | "field_identifier" | "namespace_identifier" | "type_identifier" => {
                Expr::Name(self.name(node), span)
            }
            "qualified_identifier" => Expr::Name(self.name(node), span),
            "this" => Expr::Name(Arc::from("this"), span),
            "true" => Expr::Lit(Lit::Bool(true), span),
            "false" => Expr::Lit(Lit::Bool(false), span),
            "null" | "nullptr" => Expr::Lit(Lit::Null, span),
            "number_literal" => match parse_number(text(node, self.src)) {
                Some(n) => Expr::Lit(Lit::Num(n), span),
                None => Expr::Other(Vec::new(), span),
            },
            "string_literal" | "char_literal" | "raw_string_literal" | "concatenated_string" => {
                match self.string_value(node) {
                    Some(s) => Expr::Lit(Lit::Str(Arc::from(s)), span),
                    // `"id=%" PRId64`: a literal with a macro in it.
                    None => Expr::Build(self.children_exprs(node), span),
                }
            }
            "field_expression" => match (
                node.child_by_field_name("argument"),
                node.child_by_field_name("field"),
            ) {
                (Some(o), Some(f)) => {
                    let field = match f.kind() {
                        "template_method" => f
                            .child_by_field_name("name")
                            .map_or_else(|| self.name(f), |n| self.name(n)),
                        _ => self.name(f),
                    };
                    Expr::Attr(Box::new(self.expr(o)), field, span)
                }
                _ => Expr::Other(Vec::new(), span),
            },
            "subscript_expression" => {
                let o = self.field_expr(node, "argument");
                let index = node
                    .child_by_field_name("index")
                    .or_else(|| node.child_by_field_name("indices"))
                    .map(|i| {
                        if i.kind() == "subscript_argument_list" {
                            i.named_child(0).unwrap_or(i)
                        } else {
                            i
                        }
                    });
                let i = match index {
                    Some(i) => self.expr(i),
                    None => Expr::Other(Vec::new(), span),
                };
                Expr::Index(Box::new(o), Box::new(i), span)
            }
            "call_expression" => self.call(node, span),
            "new_expression" => {
                let callee = match node.child_by_field_name("type") {
                    Some(t) => Expr::Name(self.name(t), Span::of(&t)),
                    None => Expr::Other(Vec::new(), span),
                };
                let args = match node.child_by_field_name("arguments") {
                    Some(a) => self
                        .children_exprs(a)
                        .into_iter()
                        .map(|value| Arg {
                            name: None,
                            value,
                            spread: false,
                        })
                        .collect(),
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
                    "&&" | "and" => Expr::Both(Box::new(l), Box::new(r), span),
                    "||" | "or" => Expr::Either(Box::new(l), Box::new(r), span),
                    "==" => Expr::Compare(Box::new(l), Box::new(r), Some(false), span),
                    "!=" => Expr::Compare(Box::new(l), Box::new(r), Some(true), span),
                    "<" | ">" | "<=" | ">=" | "<=>" => {
                        Expr::Compare(Box::new(l), Box::new(r), None, span)
                    }
                    // String concatenation (C++), pointer arithmetic, and stream chains
                    // keep their operands' data.
                    "+" | "<<" => Expr::Build(vec![l, r], span),
                    // Arithmetic gives a number: no text of its operands, but a length
                    // computed from input is still the input's.
                    _ => number_of(Expr::Build(vec![l, r], span), span),
                }
            }
            "unary_expression" => {
                let arg = self.field_expr(node, "argument");
                let op = node
                    .child_by_field_name("operator")
                    .map_or("", |o| text(o, self.src));
                match op {
                    "!" | "not" => Expr::Not(Box::new(arg), span),
                    _ => number_of(arg, span),
                }
            }
            "update_expression"
            | "sizeof_expression"
            | "alignof_expression"
            | "offsetof_expression" => Expr::Other(Vec::new(), span),
            "pointer_expression" => self.field_expr(node, "argument"),
            "cast_expression" => self.field_expr(node, "value"),
            "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.expr(inner),
                None => Expr::Other(Vec::new(), span),
            },
            "conditional_expression" => Expr::Cond(
                Box::new(self.field_expr(node, "condition")),
                Box::new(self.field_expr(node, "consequence")),
                Box::new(self.field_expr(node, "alternative")),
                span,
            ),
            "assignment_expression" => {
                // An assignment used as a value: do it, and take its value.
                let mut stmts = Vec::new();
                self.expr_stmt(node, &mut stmts);
                self.pending.extend(stmts);
                match node.child_by_field_name("left") {
                    Some(l) => self.expr(l),
                    None => Expr::Other(Vec::new(), span),
                }
            }
            "initializer_list" => self.initializer(node),
            "compound_literal_expression" => self.field_expr(node, "value"),
            "lambda_expression" => {
                let params = node
                    .child_by_field_name("declarator")
                    .and_then(|d| d.child_by_field_name("parameters"));
                let params = self.params(params);
                let body = self.body(node.child_by_field_name("body"), None);
                Expr::Closure(params, body, span)
            }
            "comma_expression" => Expr::Other(self.children_exprs(node), span),
            "comment" => Expr::Other(Vec::new(), span),
            _ => Expr::Other(self.children_exprs(node), span),
        }
    }

    fn call(&mut self, node: Node<'_>, span: Span) -> Expr {
        let fnode = node.child_by_field_name("function");
        // `static_cast<T>(x)` and friends are the value they convert.
        if let Some(f) = fnode
            && f.kind() == "template_function"
            && let Some(n) = f.child_by_field_name("name")
            && matches!(
                text(n, self.src),
                "static_cast" | "const_cast" | "reinterpret_cast" | "dynamic_cast"
            )
        {
            return match node
                .child_by_field_name("arguments")
                .and_then(|a| a.named_child(0))
            {
                Some(x) => self.expr(x),
                None => Expr::Other(Vec::new(), span),
            };
        }
        let callee = match fnode {
            Some(f) if f.kind() == "template_function" => match f.child_by_field_name("name") {
                Some(n) => Expr::Name(self.name(n), Span::of(&n)),
                None => Expr::Other(Vec::new(), span),
            },
            Some(f) => self.expr(f),
            None => Expr::Other(Vec::new(), span),
        };
        // Inside `namespace a { ... }`, `f(x)` and `b::f(x)` may name a function of the
        // namespace (or of an enclosing one) this file defines.
        let callee = match callee {
            Expr::Name(n, s) if !self.namespaces.is_empty() => {
                let resolved = (1..=self.namespaces.len()).rev().find_map(|k| {
                    let q = join_namespace(&self.namespaces[..k].join("."), &n);
                    self.namespace_functions.contains(&q).then_some(q)
                });
                match resolved {
                    Some(q) => Expr::Name(Arc::from(q.as_str()), s),
                    None => Expr::Name(n, s),
                }
            }
            c => c,
        };
        if let Expr::Name(n, _) = &callee
            && !self.called.contains(n)
        {
            self.called.push(n.clone());
        }
        let arg_nodes: Vec<Node<'_>> = match node.child_by_field_name("arguments") {
            Some(a) => {
                let mut cursor = a.walk();
                a.named_children(&mut cursor)
                    .filter(|k| k.kind() != "comment")
                    .collect()
            }
            None => Vec::new(),
        };
        let args: Vec<Arg> = arg_nodes
            .iter()
            .map(|k| Arg {
                name: None,
                value: self.expr(*k),
                spread: false,
            })
            .collect();
        let call = Call { callee, args, span };
        let before = self.pending.len();
        self.writes(&call, &arg_nodes);
        // `n = read(fd, buf, len)`: the data goes to `buf` (written above); what the call
        // returns is a count no larger than `len`, not the data.
        let counts = matches!(&call.callee, Expr::Name(n, _) if COUNT_RESULT.contains(&&**n));
        if counts && self.pending.len() > before {
            return Expr::Other(Vec::new(), span);
        }
        Expr::Call(Box::new(call))
    }

    /// The arguments a call writes into take the call's data.
    fn writes(&mut self, call: &Call, arg_nodes: &[Node<'_>]) {
        let (name, method_of) = match &call.callee {
            Expr::Name(n, _) => (n.clone(), None),
            Expr::Attr(o, m, _) => (m.clone(), Some(&**o)),
            _ => return,
        };
        let mut written: Vec<usize> = Vec::new();
        let mut all_from = None;
        match (&*name, method_of) {
            // `std::getline(std::cin, line)`, and POSIX `getline(&line, &n, stdin)`.
            ("getline" | "getdelim", None) => {
                let c_style = arg_nodes
                    .first()
                    .is_some_and(|a| text(*a, self.src).trim_start().starts_with('&'));
                written.push(if c_style { 0 } else { 1 });
            }
            // `std::cin.getline(buf, n)`, `in.read(buf, n)`.
            ("getline" | "get" | "read", Some(_)) if !arg_nodes.is_empty() => written.push(0),
            (n, None) if self.out_params.contains_key(n) => {
                written.extend(self.out_params[n].iter().copied());
            }
            // A function of a namespace this file defines, called by its qualified name.
            (n, None)
                if self.namespace_functions.contains(n)
                    && n.rsplit_once('.')
                        .is_some_and(|(_, f)| self.out_params.contains_key(f)) =>
            {
                let f = n.rsplit_once('.').map_or(n, |(_, f)| f);
                written.extend(self.out_params[f].iter().copied());
            }
            (n, None) => {
                if let Some((_, first, rest)) = WRITES.iter().find(|(w, _, _)| *w == n) {
                    if *rest {
                        all_from = Some(*first);
                    } else {
                        written.push(*first);
                    }
                }
            }
            _ => {}
        }
        if let Some(first) = all_from {
            // scanf's format says which targets get a number.
            let format = arg_nodes
                .get(first.saturating_sub(1))
                .and_then(|f| self.string_value(*f));
            let convs = format.as_deref().map(scanf_conversions);
            for (k, i) in (first..arg_nodes.len()).enumerate() {
                let numeric = convs
                    .as_ref()
                    .and_then(|c| c.get(k))
                    .is_some_and(|c| NUMERIC_CONVERSIONS.contains(*c));
                let value = Expr::Call(Box::new(call.clone()));
                let value = if numeric {
                    number_of(value, call.span)
                } else {
                    value
                };
                let t = self.target(arg_nodes[i]);
                self.pending.push(Stmt::Assign(vec![t], value, call.span));
            }
            return;
        }
        for i in written {
            if let Some(a) = arg_nodes.get(i) {
                let t = self.target(*a);
                self.pending.push(Stmt::Assign(
                    vec![t],
                    Expr::Call(Box::new(call.clone())),
                    call.span,
                ));
            }
        }
    }
}

/// A number computed from `value`: what `atoi` of it would give, which the rules about
/// strings take as harmless and the rule about copy lengths does not.
fn number_of(value: Expr, span: Span) -> Expr {
    Expr::Call(Box::new(Call {
        callee: Expr::Name(Arc::from("atoi"), span),
        args: vec![Arg {
            name: None,
            value,
            spread: false,
        }],
        span,
    }))
}

/// The value a cast converts.
fn uncast(n: Node<'_>) -> Option<Node<'_>> {
    if n.kind() == "cast_expression" {
        n.child_by_field_name("value")
    } else {
        Some(n)
    }
}

/// Whether a branch always leaves: its last statement returns, exits or jumps.
fn leaves(branch: Node<'_>, src: &[u8]) -> bool {
    let last = if branch.kind() == "compound_statement" {
        let mut cursor = branch.walk();
        let kids: Vec<Node<'_>> = branch
            .named_children(&mut cursor)
            .filter(|k| k.kind() != "comment")
            .collect();
        match kids.last() {
            Some(k) => *k,
            None => return false,
        }
    } else {
        branch
    };
    match last.kind() {
        "return_statement" | "goto_statement" | "break_statement" | "continue_statement"
        | "throw_statement" => true,
        "expression_statement" => {
            let t = text(last, src).trim_start();
            ["exit(", "_exit(", "abort(", "err(", "errx("]
                .iter()
                .any(|k| t.starts_with(k))
        }
        _ => false,
    }
}

/// The function declarator inside a declarator (`char *f(int)` wraps it in a pointer).
fn find_function_declarator(d: Node<'_>) -> Option<Node<'_>> {
    if d.kind() == "function_declarator" {
        return Some(d);
    }
    let inner = d.child_by_field_name("declarator").or_else(|| {
        let mut cursor = d.walk();
        d.named_children(&mut cursor)
            .find(|c| c.kind().ends_with("declarator"))
    })?;
    find_function_declarator(inner)
}

/// `a OP b OP c` as its leftmost operand (an identifier or qualified name), with the
/// rest in `chain`.
fn shift_chain<'t>(
    node: Node<'t>,
    op: &str,
    src: &[u8],
    chain: &mut Vec<Node<'t>>,
) -> Option<Node<'t>> {
    if node.kind() != "binary_expression"
        || node
            .child_by_field_name("operator")
            .is_none_or(|o| text(o, src) != op)
    {
        return matches!(
            node.kind(),
            "identifier" | "qualified_identifier" | "field_expression"
        )
        .then_some(node);
    }
    let root = shift_chain(node.child_by_field_name("left")?, op, src, chain)?;
    chain.push(node.child_by_field_name("right")?);
    Some(root)
}

/// Identifiers (and type identifiers, as the most vexing parse leaves them) under a node.
fn collect_idents(node: Node<'_>, src: &[u8], out: &mut Vec<(String, Span)>) {
    if matches!(node.kind(), "identifier" | "type_identifier") {
        out.push((plain_name(text(node, src)), Span::of(&node)));
        return;
    }
    let mut cursor = node.walk();
    for c in node.named_children(&mut cursor) {
        collect_idents(c, src, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanf_formats_name_their_conversions() {
        assert_eq!(scanf_conversions("%d %s"), vec!['d', 's']);
        assert_eq!(scanf_conversions("%*d %63s %[^\n]"), vec!['s', '[']);
        assert_eq!(scanf_conversions("%%d %ld"), vec!['d']);
    }

    #[test]
    fn names_drop_std_and_numbers_parse() {
        assert_eq!(plain_name("std::system"), "system");
        assert_eq!(plain_name("::getenv"), "getenv");
        assert_eq!(plain_name("Db::run"), "Db.run");
        assert_eq!(parse_number("0x10"), Some(16.0));
        assert_eq!(parse_number("64u"), Some(64.0));
        assert_eq!(parse_number("010"), Some(8.0));
        assert!(matches!(macro_value("\"ls -l\""), Some(Lit::Str(s)) if &*s == "ls -l"));
        assert!(matches!(macro_value("(128)"), Some(Lit::Num(n)) if n == 128.0));
    }
}
