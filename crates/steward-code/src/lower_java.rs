//! Java front end: lowers a tree-sitter-java tree to the taint engine's program form.
//! Java declares its types, so a receiver whose declared type is known is lowered as
//! [`Expr::Typed`] and the rules can name `HttpServletRequest.getParameter` or
//! `Statement.executeQuery` whatever the variable is called. Methods are functions named
//! `Class.method`; trivial getters and setters of classes in the file become field reads
//! and writes, `map.put(k, v)` and `list.set(i, v)` slot writes, and Spring's annotated
//! handler parameters are sources.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tree_sitter::Node;

use crate::ir::*;

/// Nesting deeper than this is not lowered (the module is marked truncated).
const MAX_DEPTH: u32 = 120;

/// Types whose values carry no text: a string cannot be smuggled through them.
const DATALESS_TYPES: &[&str] = &[
    "int",
    "long",
    "short",
    "byte",
    "double",
    "float",
    "boolean",
    "void",
    "Integer",
    "Long",
    "Short",
    "Byte",
    "Double",
    "Float",
    "Boolean",
    "BigInteger",
    "BigDecimal",
    "UUID",
    "LocalDate",
    "LocalDateTime",
    "Instant",
];

/// Handler parameters Spring fills from the request, by annotation.
const SPRING_PARAM_SOURCES: &[(&str, &str)] = &[
    ("RequestParam", "Spring @RequestParam parameter"),
    ("PathVariable", "Spring @PathVariable parameter"),
    ("RequestBody", "Spring @RequestBody parameter"),
    ("RequestHeader", "Spring @RequestHeader parameter"),
    ("CookieValue", "Spring @CookieValue parameter"),
    ("MatrixVariable", "Spring @MatrixVariable parameter"),
    ("RequestPart", "Spring @RequestPart parameter"),
    ("ModelAttribute", "Spring @ModelAttribute parameter"),
    ("QueryParam", "JAX-RS @QueryParam parameter"),
    ("PathParam", "JAX-RS @PathParam parameter"),
    ("FormParam", "JAX-RS @FormParam parameter"),
    ("HeaderParam", "JAX-RS @HeaderParam parameter"),
    ("CookieParam", "JAX-RS @CookieParam parameter"),
];

/// Method annotations that make a method a request handler.
const HANDLER_ANNOTATIONS: &[&str] = &[
    "RequestMapping",
    "GetMapping",
    "PostMapping",
    "PutMapping",
    "DeleteMapping",
    "PatchMapping",
    "GET",
    "POST",
    "PUT",
    "DELETE",
    "PATCH",
];

/// Handler parameters the framework fills with something other than request data.
const INJECTED_TYPES: &[&str] = &[
    "HttpServletRequest",
    "HttpServletResponse",
    "ServletRequest",
    "ServletResponse",
    "HttpSession",
    "Model",
    "ModelMap",
    "BindingResult",
    "Errors",
    "Principal",
    "Authentication",
    "Locale",
    "RedirectAttributes",
    "SessionStatus",
    "WebRequest",
    "UriComponentsBuilder",
    "Pageable",
    "Sort",
    "TimeZone",
    "ZoneId",
];

const LIST_TYPES: &[&str] = &[
    "List",
    "ArrayList",
    "LinkedList",
    "Vector",
    "CopyOnWriteArrayList",
];

/// What the file says about one of its classes, gathered before any body is lowered.
#[derive(Debug, Default)]
struct ClassInfo {
    methods: HashSet<String>,
    /// Fields and their declared types (None: a type that carries no data, or unknown).
    fields: HashMap<String, Option<Name>>,
    /// Fields read as one value for the whole program: static, or final.
    globals: HashSet<String>,
    /// Fields of a primitive or numeric type.
    dataless: HashSet<String>,
    /// `getX()` that returns field x, `setX(v)` that stores v in field x.
    getters: HashMap<String, String>,
    setters: HashMap<String, String>,
    /// Constructors that only store parameters in fields, by arity: the field each
    /// parameter goes to.
    constructors: HashMap<usize, Vec<Option<String>>>,
    /// `@RestController`, or `@ResponseBody` on the class: handlers return the body.
    returns_body: bool,
}

pub fn lower(root: Node<'_>, src: &[u8]) -> Module {
    let mut l = Lower {
        src,
        module: Module::default(),
        depth: 0,
        classes: HashMap::new(),
        class_stack: Vec::new(),
        scopes: Vec::new(),
        types_seen: HashSet::new(),
        pre: Vec::new(),
    };
    l.collect_classes(root, 0);
    let mut top = Vec::new();
    l.declarations(root, &mut top);
    l.module.top = top;
    // Classes named in the file but not declared in it may be declared in another scanned
    // file: calls to their methods are looked up there (`Helper.build` -> `Helper.build`).
    let mut seen: Vec<String> = l
        .types_seen
        .iter()
        .filter(|t| !l.classes.contains_key(*t))
        .cloned()
        .collect();
    seen.sort();
    for t in seen {
        let n: Name = Arc::from(t.as_str());
        l.module.imports.push((n.clone(), n));
    }
    l.module
}

struct Lower<'s> {
    src: &'s [u8],
    module: Module,
    depth: u32,
    classes: HashMap<String, ClassInfo>,
    /// The classes being lowered, innermost last.
    class_stack: Vec<String>,
    /// Local variables and their declared types, innermost scope last. `None`: no type
    /// worth naming; a variable of a type that carries no data is in `dataless`.
    scopes: Vec<HashMap<String, LocalType>>,
    types_seen: HashSet<String>,
    /// Statements an expression needs to run first (an assignment inside a condition).
    pre: Vec<Stmt>,
}

#[derive(Debug, Clone)]
enum LocalType {
    Named(Name),
    /// A primitive, a boxed number: nothing that can carry an injection.
    Dataless,
    Unknown,
}

fn text<'a>(node: Node<'_>, src: &'a [u8]) -> &'a str {
    std::str::from_utf8(&src[node.byte_range()]).unwrap_or("")
}

fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| !matches!(c.kind(), "line_comment" | "block_comment"))
        .collect()
}

/// The simple name of a type node: `java.util.List<String>` -> `List`; arrays and
/// primitives have none.
fn type_name(node: Node<'_>, src: &[u8]) -> Option<String> {
    match node.kind() {
        "type_identifier" | "identifier" => Some(text(node, src).to_string()),
        "scoped_type_identifier" | "scoped_identifier" => {
            let last = named_children(node).into_iter().last()?;
            type_name(last, src)
        }
        "generic_type" => type_name(node.named_child(0)?, src),
        "integral_type" | "floating_point_type" | "boolean_type" | "void_type" => {
            Some(text(node, src).to_string())
        }
        _ => None,
    }
}

fn local_type(node: Option<Node<'_>>, src: &[u8]) -> LocalType {
    let Some(node) = node else {
        return LocalType::Unknown;
    };
    match type_name(node, src) {
        Some(t) if t == "char" || t == "Character" => LocalType::Unknown,
        Some(t) if DATALESS_TYPES.contains(&t.as_str()) => LocalType::Dataless,
        Some(t) if t == "var" => LocalType::Unknown,
        Some(t) => LocalType::Named(Arc::from(t)),
        None => LocalType::Unknown,
    }
}

/// Names of the annotations in a `modifiers` node (`@RequestParam("q")` -> RequestParam).
fn annotations(modifiers: Option<Node<'_>>, src: &[u8]) -> Vec<String> {
    let Some(m) = modifiers else {
        return Vec::new();
    };
    named_children(m)
        .into_iter()
        .filter(|a| matches!(a.kind(), "marker_annotation" | "annotation"))
        .filter_map(|a| {
            let n = a.child_by_field_name("name")?;
            let t = text(n, src);
            Some(t.rsplit('.').next().unwrap_or(t).to_string())
        })
        .collect()
}

fn modifiers_of(node: Node<'_>) -> Option<Node<'_>> {
    named_children(node)
        .into_iter()
        .find(|c| c.kind() == "modifiers")
}

fn has_modifier(node: Node<'_>, src: &[u8], word: &str) -> bool {
    modifiers_of(node).is_some_and(|m| {
        let mut cursor = m.walk();
        m.children(&mut cursor).any(|c| text(c, src) == word)
    })
}

/// Decode a Java string literal's escapes.
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
            Some('0') => out.push('\0'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn class_body_of(node: Node<'_>) -> Option<Node<'_>> {
    node.child_by_field_name("body")
}

impl Lower<'_> {
    fn name(&self, node: Node<'_>) -> Name {
        Arc::from(text(node, self.src))
    }

    // ---- what the file declares ----

    fn collect_classes(&mut self, node: Node<'_>, depth: u32) {
        if depth > MAX_DEPTH {
            return;
        }
        if matches!(
            node.kind(),
            "class_declaration"
                | "interface_declaration"
                | "enum_declaration"
                | "record_declaration"
        ) && let Some(n) = node.child_by_field_name("name")
        {
            let name = text(n, self.src).to_string();
            let info = self.class_info(node);
            let entry = self.classes.entry(name).or_default();
            entry.methods.extend(info.methods);
            entry.fields.extend(info.fields);
            entry.globals.extend(info.globals);
            entry.dataless.extend(info.dataless);
            entry.getters.extend(info.getters);
            entry.setters.extend(info.setters);
            entry.constructors.extend(info.constructors);
            entry.returns_body |= info.returns_body;
        }
        // Classes are declared at the top, in class bodies, and (rarely) in method bodies;
        // walking only declaration levels keeps this pass cheap.
        if matches!(
            node.kind(),
            "program"
                | "class_declaration"
                | "interface_declaration"
                | "enum_declaration"
                | "record_declaration"
                | "class_body"
                | "interface_body"
                | "enum_body"
                | "enum_body_declarations"
        ) {
            let mut cursor = node.walk();
            for c in node.named_children(&mut cursor) {
                self.collect_classes(c, depth + 1);
            }
        }
    }

    fn class_info(&self, node: Node<'_>) -> ClassInfo {
        let mut info = ClassInfo::default();
        let class_annotations = annotations(modifiers_of(node), self.src);
        info.returns_body = class_annotations
            .iter()
            .any(|a| a == "RestController" || a == "ResponseBody" || a == "Path");
        // A record's components are its fields, read by accessors of the same name, and
        // its canonical constructor stores them in order.
        if node.kind() == "record_declaration"
            && let Some(ps) = node.child_by_field_name("parameters")
        {
            let mut order = Vec::new();
            for p in named_children(ps) {
                if let Some(n) = p.child_by_field_name("name") {
                    let f = text(n, self.src).to_string();
                    let ty = local_type(p.child_by_field_name("type"), self.src);
                    if matches!(ty, LocalType::Dataless) {
                        info.dataless.insert(f.clone());
                    }
                    info.fields.insert(f.clone(), named(&ty));
                    info.getters.insert(f.clone(), f.clone());
                    order.push(Some(f));
                }
            }
            info.constructors.insert(order.len(), order);
        }
        let Some(body) = class_body_of(node) else {
            return info;
        };
        let members: Vec<Node<'_>> = named_children(body)
            .into_iter()
            .flat_map(|m| {
                if m.kind() == "enum_body_declarations" {
                    named_children(m)
                } else {
                    vec![m]
                }
            })
            .collect();
        for m in members {
            match m.kind() {
                "field_declaration" | "constant_declaration" => {
                    let ty = local_type(m.child_by_field_name("type"), self.src);
                    let global = node.kind() == "interface_declaration"
                        || has_modifier(m, self.src, "static")
                        || has_modifier(m, self.src, "final");
                    let mut cursor = m.walk();
                    for d in m.children_by_field_name("declarator", &mut cursor) {
                        if let Some(n) = d.child_by_field_name("name") {
                            let f = text(n, self.src).to_string();
                            if global {
                                info.globals.insert(f.clone());
                            }
                            if matches!(ty, LocalType::Dataless) {
                                info.dataless.insert(f.clone());
                            }
                            info.fields.insert(f, named(&ty));
                        }
                    }
                }
                "method_declaration" => {
                    let Some(n) = m.child_by_field_name("name") else {
                        continue;
                    };
                    let mname = text(n, self.src).to_string();
                    if let Some(field) = self.accessor(m, true) {
                        info.getters.insert(mname.clone(), field);
                    } else if let Some(field) = self.accessor(m, false) {
                        info.setters.insert(mname.clone(), field);
                    }
                    info.methods.insert(mname);
                }
                "constructor_declaration" => {
                    if let Some(fields) = self.storing_constructor(m) {
                        info.constructors.insert(fields.len(), fields);
                    }
                }
                _ => {}
            }
        }
        info
    }

    /// The field a method reads (`getter`: `return x;` / `return this.x;`, no
    /// parameters) or writes (`this.x = p;`, one parameter), when that is all it does.
    fn accessor(&self, m: Node<'_>, getter: bool) -> Option<String> {
        let params = named_children(m.child_by_field_name("parameters")?);
        let stmts = named_children(m.child_by_field_name("body")?);
        let [stmt] = stmts.as_slice() else {
            return None;
        };
        if getter {
            if !params.is_empty() || stmt.kind() != "return_statement" {
                return None;
            }
            return self.field_named(stmt.named_child(0)?);
        }
        let [p] = params.as_slice() else {
            return None;
        };
        let pname = text(p.child_by_field_name("name")?, self.src);
        let e = (stmt.kind() == "expression_statement")
            .then(|| stmt.named_child(0))
            .flatten()?;
        if e.kind() != "assignment_expression"
            || e.child_by_field_name("operator").map(|o| text(o, self.src)) != Some("=")
        {
            return None;
        }
        let right = e.child_by_field_name("right")?;
        if right.kind() != "identifier" || text(right, self.src) != pname {
            return None;
        }
        let field = self.field_named(e.child_by_field_name("left")?)?;
        (field != pname || e.child_by_field_name("left")?.kind() == "field_access").then_some(field)
    }

    /// `this.x` or a bare `x`: the field name.
    fn field_named(&self, e: Node<'_>) -> Option<String> {
        match e.kind() {
            "identifier" => Some(text(e, self.src).to_string()),
            "field_access" => {
                let o = e.child_by_field_name("object")?;
                (o.kind() == "this")
                    .then(|| e.child_by_field_name("field"))
                    .flatten()
                    .map(|f| text(f, self.src).to_string())
            }
            _ => None,
        }
    }

    /// A constructor whose body only stores its parameters in fields.
    fn storing_constructor(&self, m: Node<'_>) -> Option<Vec<Option<String>>> {
        let params: Vec<String> = named_children(m.child_by_field_name("parameters")?)
            .into_iter()
            .filter_map(|p| {
                p.child_by_field_name("name")
                    .map(|n| text(n, self.src).to_string())
            })
            .collect();
        let mut fields: Vec<Option<String>> = vec![None; params.len()];
        for stmt in named_children(m.child_by_field_name("body")?) {
            let e = (stmt.kind() == "expression_statement")
                .then(|| stmt.named_child(0))
                .flatten()?;
            if e.kind() != "assignment_expression" {
                return None;
            }
            let left = e.child_by_field_name("left")?;
            let right = e.child_by_field_name("right")?;
            if left.kind() != "field_access" || right.kind() != "identifier" {
                return None;
            }
            let field = self.field_named(left)?;
            let i = params.iter().position(|p| p == text(right, self.src))?;
            fields[i] = Some(field);
        }
        Some(fields)
    }

    // ---- declarations ----

    /// Classes (and their members) anywhere under `node` at declaration level.
    fn declarations(&mut self, node: Node<'_>, top: &mut Vec<Stmt>) {
        for c in named_children(node) {
            match c.kind() {
                "class_declaration"
                | "interface_declaration"
                | "enum_declaration"
                | "record_declaration" => self.class(c, top),
                "import_declaration" => self.import(c),
                _ => {}
            }
        }
    }

    fn import(&mut self, node: Node<'_>) {
        // `import com.acme.Helper;` names a class another file may declare.
        if named_children(node).iter().any(|c| c.kind() == "asterisk")
            || text(node, self.src).contains(" static ")
        {
            return;
        }
        if let Some(path) = named_children(node).into_iter().next() {
            let t = text(path, self.src);
            let last = t.rsplit('.').next().unwrap_or(t);
            if last.starts_with(|c: char| c.is_ascii_uppercase()) {
                self.types_seen.insert(last.to_string());
            }
        }
    }

    fn class(&mut self, node: Node<'_>, top: &mut Vec<Stmt>) {
        if self.depth > MAX_DEPTH {
            self.module.truncated = true;
            return;
        }
        let Some(n) = node.child_by_field_name("name") else {
            return;
        };
        let class = text(n, self.src).to_string();
        self.depth += 1;
        self.class_stack.push(class.clone());
        if let Some(body) = class_body_of(node) {
            let members: Vec<Node<'_>> = named_children(body)
                .into_iter()
                .flat_map(|m| {
                    if m.kind() == "enum_body_declarations" {
                        named_children(m)
                    } else {
                        vec![m]
                    }
                })
                .collect();
            for m in members {
                match m.kind() {
                    "field_declaration" | "constant_declaration" => self.field(m, &class, top),
                    "method_declaration" | "constructor_declaration" => self.method(m, &class),
                    "static_initializer" => {
                        self.scopes.push(HashMap::new());
                        for b in named_children(m) {
                            let mut out = Vec::new();
                            self.stmt(b, &mut out);
                            top.extend(out);
                        }
                        self.scopes.pop();
                    }
                    "class_declaration"
                    | "interface_declaration"
                    | "enum_declaration"
                    | "record_declaration" => self.class(m, top),
                    _ => {}
                }
            }
        }
        self.class_stack.pop();
        self.depth -= 1;
    }

    /// A static or final field with an initializer is a global, set before any method
    /// runs (`static final String TABLE = "users"`).
    fn field(&mut self, m: Node<'_>, class: &str, top: &mut Vec<Stmt>) {
        let dataless = matches!(
            local_type(m.child_by_field_name("type"), self.src),
            LocalType::Dataless
        );
        let mut cursor = m.walk();
        let decls: Vec<Node<'_>> = m
            .children_by_field_name("declarator", &mut cursor)
            .collect();
        for d in decls {
            let (Some(n), Some(v)) = (
                d.child_by_field_name("name"),
                d.child_by_field_name("value"),
            ) else {
                continue;
            };
            let f = text(n, self.src);
            let is_global = self
                .classes
                .get(class)
                .is_some_and(|c| c.globals.contains(f));
            if !is_global {
                continue;
            }
            self.scopes.push(HashMap::new());
            let mut value = self.expr(v);
            self.scopes.pop();
            if dataless {
                value = dataless_value(value);
            }
            top.extend(std::mem::take(&mut self.pre));
            top.push(Stmt::Assign(
                vec![Target::Name(
                    Arc::from(format!("{class}.{f}")),
                    Span::of(&n),
                )],
                value,
                Span::of(&d),
            ));
        }
    }

    fn method(&mut self, m: Node<'_>, class: &str) {
        let is_ctor = m.kind() == "constructor_declaration";
        let mname = if is_ctor {
            "<init>".to_string()
        } else {
            match m.child_by_field_name("name") {
                Some(n) => text(n, self.src).to_string(),
                None => return,
            }
        };
        let method_annotations = annotations(modifiers_of(m), self.src);
        let handler = method_annotations
            .iter()
            .any(|a| HANDLER_ANNOTATIONS.contains(&a.as_str()));
        let returns_dataless = !is_ctor
            && matches!(
                local_type(m.child_by_field_name("type"), self.src),
                LocalType::Dataless
            );
        let returns_string = m
            .child_by_field_name("type")
            .and_then(|t| type_name(t, self.src))
            .is_some_and(|t| t == "String");
        let body_returns = self.classes.get(class).is_some_and(|c| c.returns_body)
            || method_annotations.iter().any(|a| a == "ResponseBody");
        let mut scope = HashMap::new();
        let mut params = Vec::new();
        let mut sources = Vec::new();
        if let Some(ps) = m.child_by_field_name("parameters") {
            for p in named_children(ps) {
                if !matches!(p.kind(), "formal_parameter" | "spread_parameter") {
                    continue;
                }
                let Some(n) = p.child_by_field_name("name").or_else(|| {
                    named_children(p)
                        .into_iter()
                        .rev()
                        .find(|c| c.kind() == "variable_declarator")
                        .and_then(|d| d.child_by_field_name("name"))
                }) else {
                    continue;
                };
                let ty = local_type(p.child_by_field_name("type"), self.src);
                let pname = text(n, self.src).to_string();
                let index = params.len();
                let param_annotations = annotations(modifiers_of(p), self.src);
                let dataless = matches!(ty, LocalType::Dataless);
                if !dataless {
                    if let Some((_, label)) = SPRING_PARAM_SOURCES
                        .iter()
                        .find(|(a, _)| param_annotations.iter().any(|x| x == a))
                    {
                        sources.push(ParamSource {
                            index,
                            label: Arc::from(*label),
                        });
                    } else if handler && param_annotations.is_empty() {
                        // Spring binds a handler's plain parameters from the request too.
                        let injected = match &ty {
                            LocalType::Named(t) => INJECTED_TYPES.contains(&&**t),
                            _ => false,
                        };
                        if !injected {
                            sources.push(ParamSource {
                                index,
                                label: Arc::from("Spring request parameter"),
                            });
                        }
                    }
                }
                if let LocalType::Named(t) = &ty {
                    self.note_type(t);
                }
                scope.insert(pname.clone(), ty);
                params.push(Param {
                    name: Arc::from(pname),
                    span: Span::of(&n),
                    default: None,
                });
            }
        }
        // `public static void main(String[] args)`: the command line.
        if mname == "main" && has_modifier(m, self.src, "static") && params.len() == 1 {
            sources.push(ParamSource {
                index: 0,
                label: Arc::from("command-line arguments"),
            });
        }
        self.scopes.push(scope);
        let mut body = match m.child_by_field_name("body") {
            Some(b) => self.block_stmts(b),
            None => Vec::new(),
        };
        self.scopes.pop();
        if returns_dataless {
            dataless_returns(&mut body);
        }
        self.module.functions.push(Function {
            name: Arc::from(format!("{class}.{mname}")),
            class: Some(Arc::from(class)),
            self_param: false,
            params,
            body,
            param_sources: sources,
            returns_response: handler && body_returns && returns_string,
        });
    }

    fn note_type(&mut self, t: &str) {
        if t.starts_with(|c: char| c.is_ascii_uppercase()) && !self.types_seen.contains(t) {
            self.types_seen.insert(t.to_string());
        }
    }

    // ---- statements ----

    /// The statements of a block, in a scope of their own.
    fn block_stmts(&mut self, node: Node<'_>) -> Vec<Stmt> {
        self.scopes.push(HashMap::new());
        let mut out = Vec::new();
        for c in named_children(node) {
            self.stmt(c, &mut out);
        }
        self.scopes.pop();
        out
    }

    fn body(&mut self, node: Option<Node<'_>>) -> Vec<Stmt> {
        let mut out = Vec::new();
        if let Some(n) = node {
            self.scopes.push(HashMap::new());
            self.stmt(n, &mut out);
            self.scopes.pop();
        }
        out
    }

    fn declare(&mut self, name: &str, ty: LocalType) {
        if let LocalType::Named(t) = &ty {
            let t = t.clone();
            self.note_type(&t);
        }
        if let Some(s) = self.scopes.last_mut() {
            s.insert(name.to_string(), ty);
        }
    }

    fn local(&self, name: &str) -> Option<&LocalType> {
        self.scopes.iter().rev().find_map(|s| s.get(name))
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

    /// An expression, with the statements it needs first flushed into `out`.
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
        match node.kind() {
            "expression_statement" => {
                if let Some(e) = node.named_child(0) {
                    self.expr_stmt(e, out);
                }
            }
            "local_variable_declaration" => self.local_declaration(node, out),
            "block" | "constructor_body" => {
                let b = self.block_stmts(node);
                out.extend(b);
            }
            "if_statement" => {
                let cond = self.field_expr_pre(node, "condition", out);
                let then = self.body(node.child_by_field_name("consequence"));
                let otherwise = self.body(node.child_by_field_name("alternative"));
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
                // The body runs at least once.
                out.extend(body.clone());
                out.push(Stmt::Loop(None, body));
            }
            "for_statement" => {
                self.scopes.push(HashMap::new());
                let mut cursor = node.walk();
                let inits: Vec<Node<'_>> =
                    node.children_by_field_name("init", &mut cursor).collect();
                for i in inits {
                    if i.kind() == "local_variable_declaration" {
                        self.local_declaration(i, out);
                    } else {
                        self.expr_stmt(i, out);
                    }
                }
                let mut body = Vec::new();
                if let Some(c) = node.child_by_field_name("condition") {
                    let cond = self.expr_pre(c, &mut body);
                    body.push(Stmt::Expr(cond));
                }
                body.extend(self.body(node.child_by_field_name("body")));
                let mut cursor = node.walk();
                let updates: Vec<Node<'_>> =
                    node.children_by_field_name("update", &mut cursor).collect();
                for u in updates {
                    self.expr_stmt(u, &mut body);
                }
                self.scopes.pop();
                out.push(Stmt::Loop(None, body));
            }
            "enhanced_for_statement" => {
                let iter = self.field_expr_pre(node, "value", out);
                self.scopes.push(HashMap::new());
                let target = match node.child_by_field_name("name") {
                    Some(n) => {
                        let ty = local_type(node.child_by_field_name("type"), self.src);
                        self.declare(text(n, self.src), ty);
                        Target::Name(self.name(n), Span::of(&n))
                    }
                    None => Target::Ignore,
                };
                let body = self.body(node.child_by_field_name("body"));
                self.scopes.pop();
                out.push(Stmt::Loop(Some((target, iter)), body));
            }
            "try_statement" | "try_with_resources_statement" => {
                self.scopes.push(HashMap::new());
                if let Some(res) = node.child_by_field_name("resources") {
                    for r in named_children(res) {
                        match (
                            r.child_by_field_name("name"),
                            r.child_by_field_name("value"),
                        ) {
                            (Some(n), Some(v)) => {
                                let ty = local_type(r.child_by_field_name("type"), self.src);
                                self.declare(text(n, self.src), ty.clone());
                                let mut value = self.expr_pre(v, out);
                                if matches!(ty, LocalType::Dataless) {
                                    value = dataless_value(value);
                                }
                                out.push(Stmt::Assign(
                                    vec![Target::Name(self.name(n), Span::of(&n))],
                                    value,
                                    Span::of(&r),
                                ));
                            }
                            _ => {
                                let e = self.expr_pre(r, out);
                                out.push(Stmt::Expr(e));
                            }
                        }
                    }
                }
                out.extend(self.body(node.child_by_field_name("body")));
                self.scopes.pop();
                for c in named_children(node) {
                    match c.kind() {
                        "catch_clause" => {
                            self.scopes.push(HashMap::new());
                            let b = self.body(c.child_by_field_name("body"));
                            self.scopes.pop();
                            out.push(Stmt::If(
                                Expr::Other(Vec::new(), Span::of(&c)),
                                b,
                                Vec::new(),
                            ));
                        }
                        "finally_clause" => {
                            if let Some(b) = c.named_child(0) {
                                out.extend(self.body(Some(b)));
                            }
                        }
                        _ => {}
                    }
                }
            }
            "switch_expression" | "switch_statement" => {
                let v = self.field_expr_pre(node, "condition", out);
                out.push(Stmt::Expr(v));
                if let Some(body) = node.child_by_field_name("body") {
                    for arm in self.switch_arms(body) {
                        out.push(Stmt::If(
                            Expr::Other(Vec::new(), Span::of(&body)),
                            arm,
                            Vec::new(),
                        ));
                    }
                }
            }
            "return_statement" => {
                let value = node.named_child(0).map(|v| self.expr_pre(v, out));
                out.push(Stmt::Return(value, Span::of(&node)));
            }
            "yield_statement" => {
                if let Some(v) = node.named_child(0) {
                    let e = self.expr_pre(v, out);
                    out.push(Stmt::Expr(e));
                }
            }
            "throw_statement" => {
                if let Some(v) = node.named_child(0) {
                    let e = self.expr_pre(v, out);
                    out.push(Stmt::Expr(e));
                }
                out.push(Stmt::Stop);
            }
            "labeled_statement" => {
                if let Some(s) = named_children(node)
                    .into_iter()
                    .find(|c| c.kind() != "identifier")
                {
                    self.stmt(s, out);
                }
            }
            "synchronized_statement" => {
                out.extend(self.body(node.child_by_field_name("body")));
            }
            "assert_statement" => {
                for c in named_children(node) {
                    let e = self.expr_pre(c, out);
                    out.push(Stmt::Expr(e));
                }
            }
            "explicit_constructor_invocation" => {
                let args = match node.child_by_field_name("arguments") {
                    Some(a) => self.args(a),
                    None => Vec::new(),
                };
                out.append(&mut self.pre);
                out.push(Stmt::Expr(Expr::Other(
                    args.into_iter().map(|a| a.value).collect(),
                    Span::of(&node),
                )));
            }
            "class_declaration"
            | "interface_declaration"
            | "enum_declaration"
            | "record_declaration" => {
                // A local class: its methods are functions like any other.
                let mut top = Vec::new();
                self.class(node, &mut top);
                out.extend(top);
                out.push(Stmt::Def);
            }
            "line_comment" | "block_comment" | "break_statement" | "continue_statement" | ";" => {}
            _ => {
                let e = self.expr_pre(node, out);
                out.push(Stmt::Expr(e));
            }
        }
    }

    /// Each arm of a switch, as the statements it runs.
    fn switch_arms(&mut self, body: Node<'_>) -> Vec<Vec<Stmt>> {
        let mut arms = Vec::new();
        for arm in named_children(body) {
            let mut stmts = Vec::new();
            self.scopes.push(HashMap::new());
            for s in named_children(arm) {
                if s.kind() == "switch_label" {
                    continue;
                }
                self.stmt(s, &mut stmts);
            }
            self.scopes.pop();
            arms.push(stmts);
        }
        arms
    }

    fn local_declaration(&mut self, node: Node<'_>, out: &mut Vec<Stmt>) {
        let ty = local_type(node.child_by_field_name("type"), self.src);
        let mut cursor = node.walk();
        let decls: Vec<Node<'_>> = node
            .children_by_field_name("declarator", &mut cursor)
            .collect();
        for d in decls {
            let Some(n) = d.child_by_field_name("name") else {
                continue;
            };
            // Declared before its initializer runs: `String s = s0 + s.length()` is not
            // Java, but a lambda in the initializer may see it.
            self.declare(text(n, self.src), ty.clone());
            let Some(v) = d.child_by_field_name("value") else {
                continue;
            };
            let mut value = self.expr_pre(v, out);
            if matches!(ty, LocalType::Dataless) {
                value = dataless_value(value);
            }
            out.push(Stmt::Assign(
                vec![Target::Name(self.name(n), Span::of(&n))],
                value,
                Span::of(&d),
            ));
        }
    }

    /// An expression in statement position: assignments, `map.put`, `list.set` and
    /// setters become stores.
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
                let value = self.expr_pre(r, out);
                let target = self.target(l);
                out.append(&mut self.pre);
                let dataless = self.is_dataless(l);
                match op {
                    "=" if dataless => {
                        out.push(Stmt::Assign(vec![target], dataless_value(value), span))
                    }
                    "=" => out.push(Stmt::Assign(vec![target], value, span)),
                    "+=" if !dataless => out.push(Stmt::AugAssign(target, value, span)),
                    // `n -= x`, `n *= x`...: arithmetic on numbers.
                    _ => out.push(Stmt::Assign(vec![target], dataless_value(value), span)),
                }
            }
            "method_invocation" => {
                if let Some(s) = self.store_call(e, out) {
                    out.push(s);
                    return;
                }
                let v = self.expr_pre(e, out);
                out.push(Stmt::Expr(v));
            }
            "parenthesized_expression" => {
                if let Some(inner) = e.named_child(0) {
                    self.expr_stmt(inner, out);
                }
            }
            _ => {
                let v = self.expr_pre(e, out);
                out.push(Stmt::Expr(v));
            }
        }
    }

    /// Whether an assignment target is a variable or field of a type that carries no data.
    fn is_dataless(&self, l: Node<'_>) -> bool {
        match l.kind() {
            "identifier" => {
                let n = text(l, self.src);
                match self.local(n) {
                    Some(t) => matches!(t, LocalType::Dataless),
                    None => self.field_of_class(n).is_some_and(|(c, _)| {
                        self.classes.get(&c).is_some_and(|i| i.dataless.contains(n))
                    }),
                }
            }
            "field_access" => {
                let is_this = l
                    .child_by_field_name("object")
                    .is_some_and(|o| o.kind() == "this");
                let f = l.child_by_field_name("field").map(|f| text(f, self.src));
                match (is_this, f) {
                    (true, Some(f)) => self.field_of_class(f).is_some_and(|(c, _)| {
                        self.classes.get(&c).is_some_and(|i| i.dataless.contains(f))
                    }),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// `m.put(k, v)`, `list.set(i, v)`, `bean.setX(v)` as stores into the receiver.
    fn store_call(&mut self, e: Node<'_>, out: &mut Vec<Stmt>) -> Option<Stmt> {
        let span = Span::of(&e);
        let name = text(e.child_by_field_name("name")?, self.src).to_string();
        let arg_nodes = named_children(e.child_by_field_name("arguments")?);
        let object = e.child_by_field_name("object");
        // A setter of a class of this file.
        let class = match object {
            None => self.class_stack.last().cloned(),
            Some(o) if o.kind() == "this" => self.class_stack.last().cloned(),
            Some(o) => self.declared_type(o).map(|t| t.to_string()),
        };
        if let [arg] = arg_nodes.as_slice()
            && let Some(field) = class
                .as_ref()
                .and_then(|c| self.classes.get(c))
                .and_then(|c| c.setters.get(&name))
                .cloned()
        {
            let obj = match object {
                Some(o) if o.kind() != "this" => self.expr_pre(o, out),
                _ => Expr::Name(Arc::from("this"), span),
            };
            let value = self.expr_pre(*arg, out);
            return Some(Stmt::Assign(
                vec![Target::Attr(obj, Arc::from(field), span)],
                value,
                span,
            ));
        }
        let object = object?;
        if !matches!(object.kind(), "identifier" | "field_access") {
            return None;
        }
        let [k, v] = arg_nodes.as_slice() else {
            return None;
        };
        let is_list = self
            .declared_type(object)
            .is_some_and(|t| LIST_TYPES.contains(&&*t));
        if !(name == "put" || (name == "set" && is_list)) {
            return None;
        }
        let obj = self.expr_pre(object, out);
        let key = self.expr_pre(*k, out);
        let value = self.expr_pre(*v, out);
        Some(Stmt::Assign(vec![Target::Index(obj, key)], value, span))
    }

    fn target(&mut self, node: Node<'_>) -> Target {
        let span = Span::of(&node);
        match node.kind() {
            "identifier" => {
                let n = text(node, self.src);
                if self.local(n).is_some() {
                    return Target::Name(self.name(node), span);
                }
                match self.field_of_class(n) {
                    Some((class, true)) => Target::Name(Arc::from(format!("{class}.{n}")), span),
                    Some((_, false)) => {
                        Target::Attr(Expr::Name(Arc::from("this"), span), self.name(node), span)
                    }
                    None => Target::Name(self.name(node), span),
                }
            }
            "field_access" => {
                let (Some(o), Some(f)) = (
                    node.child_by_field_name("object"),
                    node.child_by_field_name("field"),
                ) else {
                    return Target::Ignore;
                };
                if let Some(global) = self.static_field(o, f) {
                    return Target::Name(global, span);
                }
                Target::Attr(self.expr(o), self.name(f), span)
            }
            "array_access" => {
                let (Some(a), Some(i)) = (
                    node.child_by_field_name("array"),
                    node.child_by_field_name("index"),
                ) else {
                    return Target::Ignore;
                };
                Target::Index(self.expr(a), self.expr(i))
            }
            "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.target(inner),
                None => Target::Ignore,
            },
            _ => Target::Ignore,
        }
    }

    /// The class of this file (innermost first) that declares field `n`, and whether the
    /// field is a global (static or final).
    fn field_of_class(&self, n: &str) -> Option<(String, bool)> {
        self.class_stack.iter().rev().find_map(|c| {
            let info = self.classes.get(c)?;
            info.fields
                .contains_key(n)
                .then(|| (c.clone(), info.globals.contains(n)))
        })
    }

    /// `this.F` or `Class.F` where F is a static or final field of a class of this file:
    /// the global that holds it.
    fn static_field(&self, object: Node<'_>, field: Node<'_>) -> Option<Name> {
        let f = text(field, self.src);
        let class = match object.kind() {
            "this" => self.class_stack.last()?.clone(),
            "identifier" if self.local(text(object, self.src)).is_none() => {
                text(object, self.src).to_string()
            }
            _ => return None,
        };
        self.classes
            .get(&class)
            .is_some_and(|c| c.globals.contains(f))
            .then(|| Arc::from(format!("{class}.{f}")))
    }

    /// `java.nio.file.Files` (package segments, then a capitalised name, rooted at a name
    /// that is not a variable): the class's simple name.
    fn qualified_class(&self, node: Node<'_>) -> Option<Name> {
        let t = text(node, self.src);
        let (package, class) = t.rsplit_once('.')?;
        let root = package.split('.').next()?;
        let is_package = package.split('.').all(|s| {
            s.starts_with(|c: char| c.is_ascii_lowercase())
                && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        });
        (is_package
            && class.starts_with(|c: char| c.is_ascii_uppercase())
            && class
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            && self.local(root).is_none()
            && self.field_of_class(root).is_none())
        .then(|| Arc::from(class))
    }

    /// The declared type of a variable or field expression.
    fn declared_type(&self, node: Node<'_>) -> Option<Name> {
        match node.kind() {
            "identifier" => {
                let n = text(node, self.src);
                match self.local(n) {
                    Some(LocalType::Named(t)) => Some(t.clone()),
                    Some(_) => None,
                    None => {
                        let (class, _) = self.field_of_class(n)?;
                        self.classes.get(&class)?.fields.get(n)?.clone()
                    }
                }
            }
            "field_access" => {
                let o = node.child_by_field_name("object")?;
                let f = text(node.child_by_field_name("field")?, self.src);
                if o.kind() != "this" {
                    return None;
                }
                let (class, _) = self.field_of_class(f)?;
                self.classes.get(&class)?.fields.get(f)?.clone()
            }
            "parenthesized_expression" => self.declared_type(node.named_child(0)?),
            // `new RestTemplate().getForObject(...)`
            "object_creation_expression" => {
                type_name(node.child_by_field_name("type")?, self.src).map(Arc::from)
            }
            "cast_expression" => {
                type_name(node.child_by_field_name("type")?, self.src).map(Arc::from)
            }
            _ => None,
        }
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

    fn expr_inner(&mut self, node: Node<'_>, span: Span) -> Expr {
        match node.kind() {
            "identifier" => {
                let n = text(node, self.src);
                if self.local(n).is_some() {
                    return Expr::Name(self.name(node), span);
                }
                match self.field_of_class(n) {
                    Some((class, true)) => Expr::Name(Arc::from(format!("{class}.{n}")), span),
                    Some((_, false)) => Expr::Attr(
                        Box::new(Expr::Name(Arc::from("this"), span)),
                        self.name(node),
                        span,
                    ),
                    None => {
                        self.note_type(n);
                        Expr::Name(self.name(node), span)
                    }
                }
            }
            "this" => Expr::Name(Arc::from("this"), span),
            "super" => Expr::Name(Arc::from("super"), span),
            "true" => Expr::Lit(Lit::Bool(true), span),
            "false" => Expr::Lit(Lit::Bool(false), span),
            "null_literal" => Expr::Lit(Lit::Null, span),
            "decimal_integer_literal"
            | "hex_integer_literal"
            | "octal_integer_literal"
            | "binary_integer_literal"
            | "decimal_floating_point_literal"
            | "hex_floating_point_literal" => {
                let t = text(node, self.src)
                    .replace('_', "")
                    .trim_end_matches(['l', 'L', 'f', 'F', 'd', 'D'])
                    .to_string();
                let n = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
                    i64::from_str_radix(h, 16).map(|v| v as f64).ok()
                } else {
                    t.parse::<f64>().ok()
                };
                Expr::Lit(Lit::Num(n.unwrap_or(1.0)), span)
            }
            "character_literal" => {
                let t = text(node, self.src);
                let inner = t
                    .strip_prefix('\'')
                    .and_then(|t| t.strip_suffix('\''))
                    .unwrap_or(t);
                Expr::Lit(Lit::Str(Arc::from(unescape(inner))), span)
            }
            "string_literal" => {
                let mut s = String::new();
                let mut parts = Vec::new();
                for c in named_children(node) {
                    match c.kind() {
                        "string_fragment" | "multiline_string_fragment" => {
                            s.push_str(text(c, self.src))
                        }
                        "escape_sequence" => s.push_str(&unescape(text(c, self.src))),
                        // A string template's embedded expression.
                        _ => {
                            if !s.is_empty() {
                                parts.push(Expr::Lit(
                                    Lit::Str(Arc::from(std::mem::take(&mut s))),
                                    span,
                                ));
                            }
                            parts.push(self.expr(c));
                        }
                    }
                }
                if parts.is_empty() {
                    return Expr::Lit(Lit::Str(Arc::from(s)), span);
                }
                if !s.is_empty() {
                    parts.push(Expr::Lit(Lit::Str(Arc::from(s)), span));
                }
                Expr::Build(parts, span)
            }
            "field_access" => {
                let (Some(o), Some(f)) = (
                    node.child_by_field_name("object"),
                    node.child_by_field_name("field"),
                ) else {
                    return Expr::Other(Vec::new(), span);
                };
                if let Some(global) = self.static_field(o, f) {
                    return Expr::Name(global, span);
                }
                // `java.nio.file.Files`: a class by its qualified name is the class.
                if let Some(class) = self.qualified_class(node) {
                    return Expr::Name(class, span);
                }
                Expr::Attr(Box::new(self.expr(o)), self.name(f), span)
            }
            "array_access" => {
                let a = self.field_expr(node, "array");
                let i = self.field_expr(node, "index");
                Expr::Index(Box::new(a), Box::new(i), span)
            }
            "method_invocation" => self.invocation(node, span),
            "object_creation_expression" => self.creation(node, span),
            "array_creation_expression" => match node.child_by_field_name("value") {
                Some(init) => self.expr(init),
                // `new byte[n]`: zeroes.
                None => Expr::Other(Vec::new(), span),
            },
            "array_initializer" => {
                let items = named_children(node)
                    .into_iter()
                    .map(|c| self.expr(c))
                    .collect();
                Expr::List(items, span)
            }
            "binary_expression" => {
                let op = node
                    .child_by_field_name("operator")
                    .map_or("", |o| text(o, self.src));
                if op == "+" {
                    // `a + b + c + ...` nests to the left as deep as it is long: walk the
                    // chain instead of recursing into it.
                    let mut operands = Vec::new();
                    let mut cur = node;
                    while let (Some(l), Some(r)) = (
                        cur.child_by_field_name("left"),
                        cur.child_by_field_name("right"),
                    ) {
                        operands.push(r);
                        let left_is_plus = l.kind() == "binary_expression"
                            && l.child_by_field_name("operator")
                                .is_some_and(|o| text(o, self.src) == "+");
                        if !left_is_plus {
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
                match op {
                    "&&" => Expr::Both(Box::new(l), Box::new(r), span),
                    "||" => Expr::Either(Box::new(l), Box::new(r), span),
                    "==" => Expr::Compare(Box::new(l), Box::new(r), Some(false), span),
                    "!=" => Expr::Compare(Box::new(l), Box::new(r), Some(true), span),
                    // Arithmetic, bit operations and ordering give numbers and booleans.
                    _ => Expr::Compare(Box::new(l), Box::new(r), None, span),
                }
            }
            "unary_expression" => {
                let arg = self.field_expr(node, "operand");
                let op = node
                    .child_by_field_name("operator")
                    .map_or("", |o| text(o, self.src));
                match op {
                    "!" => Expr::Not(Box::new(arg), span),
                    _ => dataless_value(arg),
                }
            }
            "update_expression" => {
                let inner = named_children(node).into_iter().next();
                match inner {
                    Some(i) => dataless_value(self.expr(i)),
                    None => Expr::Other(Vec::new(), span),
                }
            }
            "instanceof_expression" => {
                if let (Some(n), Some(t)) = (
                    node.child_by_field_name("name"),
                    node.child_by_field_name("right"),
                ) {
                    // `o instanceof String s` binds s to o.
                    let ty = local_type(Some(t), self.src);
                    self.declare(text(n, self.src), ty);
                    if let Some(l) = node.child_by_field_name("left") {
                        let v = self.expr(l);
                        self.pre.push(Stmt::Assign(
                            vec![Target::Name(self.name(n), Span::of(&n))],
                            v,
                            span,
                        ));
                    }
                }
                let l = self.field_expr(node, "left");
                Expr::Compare(
                    Box::new(l),
                    Box::new(Expr::Lit(Lit::Null, span)),
                    None,
                    span,
                )
            }
            "ternary_expression" => Expr::Cond(
                Box::new(self.field_expr(node, "condition")),
                Box::new(self.field_expr(node, "consequence")),
                Box::new(self.field_expr(node, "alternative")),
                span,
            ),
            "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.expr(inner),
                None => Expr::Other(Vec::new(), span),
            },
            "cast_expression" => {
                let v = self.field_expr(node, "value");
                match local_type(node.child_by_field_name("type"), self.src) {
                    LocalType::Dataless => dataless_value(v),
                    _ => v,
                }
            }
            "assignment_expression" => {
                // An assignment used as a value: the store runs first, the value is what
                // was stored.
                let mut stmts = Vec::new();
                self.expr_stmt(node, &mut stmts);
                self.pre.extend(stmts);
                match node.child_by_field_name("left") {
                    Some(l) => self.expr(l),
                    None => Expr::Other(Vec::new(), span),
                }
            }
            "lambda_expression" => self.lambda(node, span),
            "switch_expression" => {
                let cond = self.field_expr(node, "condition");
                let mut values = vec![dataless_value(cond)];
                if let Some(body) = node.child_by_field_name("body") {
                    // Each arm's value: the expression of `case X -> expr;`, or what a
                    // block yields.
                    for arm in named_children(body) {
                        for s in named_children(arm) {
                            match s.kind() {
                                "switch_label" => {}
                                "expression_statement" => {
                                    if let Some(e) = s.named_child(0) {
                                        values.push(self.expr(e));
                                    }
                                }
                                "block" => {
                                    for y in named_children(s) {
                                        if y.kind() == "yield_statement"
                                            && let Some(e) = y.named_child(0)
                                        {
                                            values.push(self.expr(e));
                                        }
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                }
                Expr::Other(values, span)
            }
            "method_reference" | "class_literal" => Expr::Other(Vec::new(), span),
            "line_comment" | "block_comment" => Expr::Other(Vec::new(), span),
            _ => {
                let parts = named_children(node)
                    .into_iter()
                    .map(|k| self.expr(k))
                    .collect();
                Expr::Other(parts, span)
            }
        }
    }

    fn args(&mut self, list: Node<'_>) -> Vec<Arg> {
        named_children(list)
            .into_iter()
            .map(|k| Arg {
                name: None,
                value: self.expr(k),
                spread: false,
            })
            .collect()
    }

    /// A receiver: its declared type, when known, is what rules match on.
    fn receiver(&mut self, o: Node<'_>) -> Expr {
        let e = self.expr(o);
        match self.declared_type(o) {
            Some(t) => {
                let span = e.span();
                Expr::Typed(Box::new(e), t, span)
            }
            None => e,
        }
    }

    fn invocation(&mut self, node: Node<'_>, span: Span) -> Expr {
        let Some(name_node) = node.child_by_field_name("name") else {
            return Expr::Other(Vec::new(), span);
        };
        let name = text(name_node, self.src).to_string();
        let args = match node.child_by_field_name("arguments") {
            Some(a) => self.args(a),
            None => Vec::new(),
        };
        let object = node.child_by_field_name("object");
        let Some(o) = object else {
            // `helper(x)`: a method of this class (or an enclosing one), or a static import.
            let own = self
                .class_stack
                .iter()
                .rev()
                .find(|c| {
                    self.classes
                        .get(*c)
                        .is_some_and(|i| i.methods.contains(&name))
                })
                .cloned();
            if let Some(class) = own {
                if args.is_empty()
                    && let Some(f) = self.classes.get(&class).and_then(|c| c.getters.get(&name))
                {
                    return Expr::Attr(
                        Box::new(Expr::Name(Arc::from("this"), span)),
                        Arc::from(f.as_str()),
                        span,
                    );
                }
                let callee = if Some(&class) == self.class_stack.last() {
                    Expr::Attr(
                        Box::new(Expr::Name(Arc::from("this"), span)),
                        Arc::from(name.as_str()),
                        span,
                    )
                } else {
                    Expr::Attr(
                        Box::new(Expr::Name(Arc::from(class.as_str()), span)),
                        Arc::from(name.as_str()),
                        span,
                    )
                };
                return Expr::Call(Box::new(Call { callee, args, span }));
            }
            return Expr::Call(Box::new(Call {
                callee: Expr::Name(Arc::from(name.as_str()), Span::of(&name_node)),
                args,
                span,
            }));
        };
        let otext = text(o, self.src);
        let otext = otext.rsplit('.').next().unwrap_or(otext);
        // Collections built from their elements.
        match (otext, name.as_str()) {
            ("Arrays", "asList") | ("List" | "Set" | "Stream", "of") => {
                return Expr::List(args.into_iter().map(|a| a.value).collect(), span);
            }
            // `String.format("https://%s/api", host)`: a string built from the format.
            ("String", "format")
                if matches!(
                    args.first().map(|a| &a.value),
                    Some(Expr::Lit(Lit::Str(_), _))
                ) =>
            {
                return Expr::Build(args.into_iter().map(|a| a.value).collect(), span);
            }
            ("Map", "of") => {
                let mut pairs = Vec::new();
                let mut it = args.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    pairs.push((Some(k.value), v.value));
                }
                return Expr::Dict(pairs, span);
            }
            _ => {}
        }
        // A getter of a class of this file reads the field.
        let class = if o.kind() == "this" {
            self.class_stack.last().cloned()
        } else {
            self.declared_type(o).map(|t| t.to_string())
        };
        if args.is_empty()
            && let Some(f) = class
                .as_ref()
                .and_then(|c| self.classes.get(c))
                .and_then(|c| c.getters.get(&name))
                .cloned()
        {
            let obj = self.expr(o);
            return Expr::Attr(Box::new(obj), Arc::from(f), span);
        }
        let method: Name = match name.as_str() {
            // A map read with a fallback reads the slot like `get`.
            "getOrDefault" => Arc::from("get"),
            _ => Arc::from(name.as_str()),
        };
        let recv = if o.kind() == "this" {
            self.expr(o)
        } else {
            self.receiver(o)
        };
        Expr::Call(Box::new(Call {
            callee: Expr::Attr(Box::new(recv), method, Span::of(&name_node)),
            args,
            span,
        }))
    }

    fn creation(&mut self, node: Node<'_>, span: Span) -> Expr {
        let ty = node
            .child_by_field_name("type")
            .and_then(|t| type_name(t, self.src))
            .unwrap_or_default();
        let args = match node.child_by_field_name("arguments") {
            Some(a) => self.args(a),
            None => Vec::new(),
        };
        if args.is_empty() {
            match ty.as_str() {
                "ArrayList"
                | "LinkedList"
                | "Vector"
                | "HashSet"
                | "TreeSet"
                | "LinkedHashSet"
                | "ArrayDeque"
                | "CopyOnWriteArrayList" => return Expr::List(Vec::new(), span),
                "HashMap" | "TreeMap" | "LinkedHashMap" | "ConcurrentHashMap" | "Hashtable"
                | "Properties" => return Expr::Dict(Vec::new(), span),
                _ => {}
            }
        }
        // A record, or a class whose constructor only stores its parameters: an object
        // with those fields.
        if let Some(fields) = self
            .classes
            .get(&ty)
            .and_then(|c| c.constructors.get(&args.len()))
            .cloned()
        {
            let pairs = fields
                .into_iter()
                .zip(args)
                .filter_map(|(f, a)| {
                    f.map(|f| (Some(Expr::Lit(Lit::Str(Arc::from(f)), span)), a.value))
                })
                .collect();
            return Expr::Dict(pairs, span);
        }
        self.note_type(&ty);
        // An anonymous class body is not analysed for flows; pattern rules still see it.
        let type_span = node
            .child_by_field_name("type")
            .map_or(span, |t| Span::of(&t));
        Expr::Call(Box::new(Call {
            callee: Expr::Name(Arc::from(ty), type_span),
            args,
            span,
        }))
    }

    fn lambda(&mut self, node: Node<'_>, span: Span) -> Expr {
        self.scopes.push(HashMap::new());
        let mut params = Vec::new();
        if let Some(p) = node.child_by_field_name("parameters") {
            let idents: Vec<Node<'_>> = match p.kind() {
                "identifier" => vec![p],
                _ => named_children(p)
                    .into_iter()
                    .filter_map(|c| match c.kind() {
                        "identifier" => Some(c),
                        _ => c.child_by_field_name("name"),
                    })
                    .collect(),
            };
            for i in idents {
                self.declare(text(i, self.src), LocalType::Unknown);
                params.push(Param {
                    name: self.name(i),
                    span: Span::of(&i),
                    default: None,
                });
            }
        }
        let saved = std::mem::take(&mut self.pre);
        let body = match node.child_by_field_name("body") {
            Some(b) if b.kind() == "block" => self.block_stmts(b),
            Some(e) => {
                let mut out = Vec::new();
                let v = self.expr_pre(e, &mut out);
                out.push(Stmt::Return(Some(v), Span::of(&e)));
                out
            }
            None => Vec::new(),
        };
        self.pre = saved;
        self.scopes.pop();
        Expr::Closure(params, body, span)
    }
}

fn named(t: &LocalType) -> Option<Name> {
    match t {
        LocalType::Named(n) => Some(n.clone()),
        _ => None,
    }
}

/// The value of `e` converted to a number or boolean: it carries none of e's text (but e
/// still runs, so a sink inside it is still seen).
fn dataless_value(e: Expr) -> Expr {
    // A constant stays one: `static final boolean DEBUG = false` decides branches.
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

/// A method declared to return a number or boolean returns no text.
fn dataless_returns(stmts: &mut [Stmt]) {
    for s in stmts {
        match s {
            Stmt::Return(Some(v), _) => {
                let e = std::mem::replace(v, Expr::Lit(Lit::Null, Span::default()));
                *v = dataless_value(e);
            }
            Stmt::If(_, a, b) => {
                dataless_returns(a);
                dataless_returns(b);
            }
            Stmt::Loop(_, body) => dataless_returns(body),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unescape;

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(unescape(r#"a\"b\\c\n"#), "a\"b\\c\n");
    }
}
