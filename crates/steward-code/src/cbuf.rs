//! Buffer sizes in C and C++: whether a copy, a formatted write or a length-bounded read
//! into an array can run past its end. Pattern rules with `buffer_check` name the call's
//! destination (`@dst`) and its source (`@src`), format (`@fmt`) or length (`@len`); this
//! module finds the destination's declared size (`char buf[64]`, `char name[NAME_MAX]`
//! with the macro's value, a struct field, `malloc(32)`) and reports only what can exceed
//! it: a string that does not fit, an input of unbounded length that no `strlen` check
//! guards, a format whose output may be longer, a constant length over the size. A copy
//! into a buffer of unknown size is not this check's to judge.

use std::collections::HashMap;

use tree_sitter::Node;

/// What a rule asks of the captured call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BufferCheck {
    /// `strcpy(dst, src)`, `strcat(dst, src)`: `src` must provably fit.
    Copy,
    /// `sprintf(dst, fmt, ...)`: the formatted output must provably fit.
    Format,
    /// `memcpy(dst, src, len)`, `fgets(dst, len, f)`: a constant `len` must not exceed
    /// the size.
    Length,
}

impl BufferCheck {
    pub fn parse(s: &str) -> Result<BufferCheck, String> {
        match s {
            "copy" => Ok(BufferCheck::Copy),
            "format" => Ok(BufferCheck::Format),
            "length" => Ok(BufferCheck::Length),
            other => Err(format!(
                "buffer_check `{other}`: expected copy, format or length"
            )),
        }
    }
}

/// Nodes a check needs, by capture name.
#[derive(Default)]
pub struct Captures<'t> {
    pub dst: Option<Node<'t>>,
    pub src: Option<Node<'t>>,
    pub fmt: Option<Node<'t>>,
    pub len: Option<Node<'t>>,
    /// The whole call.
    pub call: Option<Node<'t>>,
}

fn text<'a>(node: Node<'_>, src: &'a [u8]) -> &'a str {
    std::str::from_utf8(&src[node.byte_range()]).unwrap_or("")
}

/// Whether the captured call can overflow its destination.
pub fn overflows(check: BufferCheck, c: &Captures<'_>, src: &[u8]) -> bool {
    let (Some(dst), Some(call)) = (c.dst, c.call) else {
        return false;
    };
    let scope = Scope::new(call, src);
    let Some(size) = scope.size_of(dst) else {
        return false;
    };
    match check {
        BufferCheck::Copy => {
            let Some(s) = c.src else {
                return false;
            };
            match scope.max_len(s) {
                Some(n) => n + 1 > size,
                None => !scope.guarded(call, s),
            }
        }
        BufferCheck::Format => {
            let Some(fmt) = c.fmt else {
                return false;
            };
            let Some(format) = string_value(fmt, src) else {
                // A format that is not a literal: its output has no known bound.
                return true;
            };
            let args: Vec<Node<'_>> = {
                let mut out = Vec::new();
                let mut n = fmt.next_named_sibling();
                while let Some(a) = n {
                    if a.kind() != "comment" {
                        out.push(a);
                    }
                    n = a.next_named_sibling();
                }
                out
            };
            match format_max_len(&format, &args, &scope) {
                Some(n) => n + 1 > size,
                None => true,
            }
        }
        BufferCheck::Length => {
            let Some(len) = c.len else {
                return false;
            };
            scope.constant(len).is_some_and(|n| n > size as f64)
        }
    }
}

/// The most characters a printf format writes, when every conversion is bounded.
fn format_max_len(format: &str, args: &[Node<'_>], scope: &Scope<'_, '_>) -> Option<usize> {
    let mut total = 0usize;
    let mut arg = 0usize;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            total += c.len_utf8();
            continue;
        }
        let mut spec = String::new();
        let mut conv = None;
        while let Some(&n) = chars.peek() {
            chars.next();
            if n == '%' && spec.is_empty() {
                conv = Some('%');
                break;
            }
            if n.is_ascii_alphabetic() && !"hljztLq".contains(n) {
                conv = Some(n);
                break;
            }
            spec.push(n);
        }
        let conv = conv?;
        if conv == '%' {
            total += 1;
            continue;
        }
        // `*` width or precision takes an argument of its own.
        let stars = spec.matches('*').count();
        arg += stars;
        let width: usize = spec
            .split('.')
            .next()
            .unwrap_or("")
            .trim_start_matches(['-', '+', ' ', '#', '0'])
            .parse()
            .unwrap_or(0);
        let precision: Option<usize> = spec.split_once('.').and_then(|(_, p)| {
            p.trim_end_matches(['h', 'l', 'j', 'z', 't', 'L', 'q'])
                .parse()
                .ok()
        });
        let long = spec.contains('l') || spec.contains('j') || spec.contains('z');
        let n = match conv {
            'd' | 'i' => Some(if long { 20 } else { 11 }),
            'u' => Some(if long { 20 } else { 10 }),
            'x' | 'X' | 'o' => Some(if long { 22 } else { 11 }),
            'c' => Some(1),
            'p' => Some(18),
            's' => {
                let a = args.get(arg);
                let from_arg = a.and_then(|a| scope.max_len(*a));
                match (precision, from_arg) {
                    (Some(p), Some(m)) => Some(p.min(m)),
                    (Some(p), None) => Some(p),
                    (None, m) => m,
                }
            }
            // Floating point conversions can be hundreds of characters long.
            _ => None,
        };
        total += n?.max(width);
        arg += 1;
    }
    Some(total)
}

/// The value of a C string literal (or adjacent literals).
pub fn string_value(node: Node<'_>, src: &[u8]) -> Option<String> {
    match node.kind() {
        "string_literal" => {
            let mut s = String::new();
            let mut cursor = node.walk();
            for c in node.named_children(&mut cursor) {
                match c.kind() {
                    "string_content" => s.push_str(text(c, src)),
                    // An escape is one character.
                    "escape_sequence" => s.push('?'),
                    _ => return None,
                }
            }
            Some(s)
        }
        "concatenated_string" => {
            let mut s = String::new();
            let mut cursor = node.walk();
            for c in node.named_children(&mut cursor) {
                s.push_str(&string_value(c, src)?);
            }
            Some(s)
        }
        "parenthesized_expression" => string_value(node.named_child(0)?, src),
        _ => None,
    }
}

/// What is declared around a call: the macros of the file and the declarations of the
/// function (and file) it is in.
struct Scope<'t, 's> {
    src: &'s [u8],
    root: Node<'t>,
    function: Option<Node<'t>>,
    macros: HashMap<String, f64>,
}

impl<'t, 's> Scope<'t, 's> {
    fn new(call: Node<'t>, src: &'s [u8]) -> Self {
        let mut root = call;
        let mut function = None;
        while let Some(p) = root.parent() {
            if function.is_none() && matches!(p.kind(), "function_definition" | "lambda_expression")
            {
                function = Some(p);
            }
            root = p;
        }
        let mut macros = HashMap::new();
        let mut defs = Vec::new();
        collect(root, &["preproc_def", "enumerator"], &mut defs);
        for d in defs {
            let (Some(n), Some(v)) = (
                d.child_by_field_name("name"),
                d.child_by_field_name("value"),
            ) else {
                continue;
            };
            let body = text(v, src)
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')');
            if let Some(x) = crate::lower_c::parse_number(body) {
                macros.insert(text(n, src).to_string(), x);
            }
        }
        Scope {
            src,
            root,
            function,
            macros,
        }
    }

    /// A constant integer expression's value.
    fn constant(&self, node: Node<'_>) -> Option<f64> {
        match node.kind() {
            "number_literal" => crate::lower_c::parse_number(text(node, self.src)),
            "identifier" => self.macros.get(text(node, self.src)).copied(),
            "parenthesized_expression" | "cast_expression" => {
                let inner = node.child_by_field_name("value").or_else(|| {
                    node.named_child((node.named_child_count() as u32).saturating_sub(1))
                })?;
                self.constant(inner)
            }
            "sizeof_expression" => {
                let v = node.child_by_field_name("value")?;
                let v = if v.kind() == "parenthesized_expression" {
                    v.named_child(0)?
                } else {
                    v
                };
                self.size_of(v).map(|n| n as f64)
            }
            "binary_expression" => {
                let l = self.constant(node.child_by_field_name("left")?)?;
                let r = self.constant(node.child_by_field_name("right")?)?;
                let op = node.child_by_field_name("operator")?;
                match text(op, self.src) {
                    "+" => Some(l + r),
                    "-" => Some(l - r),
                    "*" => Some(l * r),
                    "/" if r != 0.0 => Some((l / r).floor()),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The size in bytes of the buffer an expression names, when it is declared with one.
    fn size_of(&self, node: Node<'_>) -> Option<usize> {
        match node.kind() {
            "identifier" => {
                let name = text(node, self.src);
                let mut decls = Vec::new();
                if let Some(f) = self.function {
                    collect(f, &["declaration"], &mut decls);
                }
                // File-level arrays.
                let mut cursor = self.root.walk();
                decls.extend(
                    self.root
                        .named_children(&mut cursor)
                        .filter(|c| c.kind() == "declaration"),
                );
                decls
                    .iter()
                    .find_map(|d| self.declared_size(*d, name, node))
            }
            "field_expression" => {
                let field = text(node.child_by_field_name("field")?, self.src);
                let mut fields = Vec::new();
                collect(self.root, &["field_declaration"], &mut fields);
                let sizes: Vec<usize> = fields
                    .iter()
                    .filter_map(|f| self.declared_size(*f, field, node))
                    .collect();
                // Two structs with a field of this name but different sizes: unknown.
                match sizes.as_slice() {
                    [one, rest @ ..] if rest.iter().all(|r| r == one) => Some(*one),
                    _ => None,
                }
            }
            "parenthesized_expression" => self.size_of(node.named_child(0)?),
            _ => None,
        }
    }

    /// The size `decl` gives `name`, declared before `at`.
    fn declared_size(&self, decl: Node<'_>, name: &str, at: Node<'_>) -> Option<usize> {
        if decl.start_byte() > at.start_byte() {
            return None;
        }
        let elem = decl
            .child_by_field_name("type")
            .map_or(0, |t| element_size(text(t, self.src)));
        let mut cursor = decl.walk();
        let declarators: Vec<Node<'_>> = decl
            .children_by_field_name("declarator", &mut cursor)
            .collect();
        for d in declarators {
            match d.kind() {
                "array_declarator" => {
                    if declared_ident(d, self.src) != Some(name) || elem == 0 {
                        continue;
                    }
                    let n = self.constant(d.child_by_field_name("size")?)?;
                    return Some(n as usize * elem);
                }
                "init_declarator" => {
                    let inner = d.child_by_field_name("declarator")?;
                    if declared_ident(inner, self.src) != Some(name) {
                        continue;
                    }
                    let value = d.child_by_field_name("value")?;
                    if inner.kind() == "array_declarator" {
                        // `char s[] = "abc"` holds the literal and its terminator.
                        if let Some(size) = inner.child_by_field_name("size") {
                            return Some(self.constant(size)? as usize * elem.max(1));
                        }
                        return string_value(value, self.src).map(|s| s.len() + 1);
                    }
                    return self.allocation(value);
                }
                _ => {}
            }
        }
        None
    }

    /// `malloc(32)`, `calloc(n, m)`, `new char[64]` with constant sizes.
    fn allocation(&self, value: Node<'_>) -> Option<usize> {
        let value = if value.kind() == "cast_expression" {
            value.child_by_field_name("value")?
        } else {
            value
        };
        match value.kind() {
            "call_expression" => {
                let f = text(value.child_by_field_name("function")?, self.src);
                let args = value.child_by_field_name("arguments")?;
                let a0 = args.named_child(0)?;
                match f {
                    "malloc" | "alloca" => self.constant(a0).map(|n| n as usize),
                    "calloc" => {
                        let a1 = args.named_child(1)?;
                        Some((self.constant(a0)? * self.constant(a1)?) as usize)
                    }
                    _ => None,
                }
            }
            "new_expression" => {
                let ty = text(value.child_by_field_name("type")?, self.src);
                let d = value.child_by_field_name("declarator")?;
                let size = d.named_child(0)?;
                Some(self.constant(size)? as usize * element_size(ty))
            }
            _ => None,
        }
    }

    /// The longest string an expression can hold, when it is bounded: a literal, or an
    /// array of known size (its contents are terminated within it).
    fn max_len(&self, node: Node<'_>) -> Option<usize> {
        if let Some(s) = string_value(node, self.src) {
            return Some(s.len());
        }
        match node.kind() {
            "identifier" | "field_expression" => self.size_of(node).map(|n| n.saturating_sub(1)),
            "conditional_expression" => {
                let a = self.max_len(node.child_by_field_name("consequence")?)?;
                let b = self.max_len(node.child_by_field_name("alternative")?)?;
                Some(a.max(b))
            }
            _ => None,
        }
    }

    /// Whether a `strlen(src)` check guards the call: an enclosing `if` that tests it, or
    /// an earlier `if` in an enclosing block that tests it and leaves.
    fn guarded(&self, call: Node<'_>, s: Node<'_>) -> bool {
        let needle = format!("strlen({})", text(s, self.src).trim());
        let mentions = |n: Node<'_>| {
            let t: String = text(n, self.src).split_whitespace().collect();
            t.contains(&needle.replace(' ', ""))
        };
        let mut child = call;
        while let Some(p) = child.parent() {
            if p.kind() == "if_statement"
                && p.child_by_field_name("consequence") == Some(child)
                && p.child_by_field_name("condition").is_some_and(mentions)
            {
                return true;
            }
            if p.kind() == "compound_statement" {
                let mut sib = child.prev_named_sibling();
                while let Some(s) = sib {
                    if s.kind() == "if_statement"
                        && s.child_by_field_name("condition").is_some_and(mentions)
                        && s.child_by_field_name("consequence").is_some_and(|c| {
                            let t = text(c, self.src);
                            ["return", "exit", "abort", "goto", "break", "continue"]
                                .iter()
                                .any(|k| t.contains(k))
                        })
                    {
                        return true;
                    }
                    sib = s.prev_named_sibling();
                }
            }
            if matches!(p.kind(), "function_definition" | "lambda_expression") {
                break;
            }
            child = p;
        }
        false
    }
}

/// The identifier a declarator declares.
fn declared_ident<'s>(d: Node<'_>, src: &'s [u8]) -> Option<&'s str> {
    match d.kind() {
        "identifier" | "field_identifier" => Some(text(d, src)),
        _ => declared_ident(d.child_by_field_name("declarator")?, src),
    }
}

/// Bytes per element of an array of this type; 0 when unknown (a struct).
fn element_size(ty: &str) -> usize {
    let ty = ty.trim();
    match ty {
        "char" | "signed char" | "unsigned char" | "uint8_t" | "int8_t" | "u_char" | "bool"
        | "_Bool" | "BYTE" | "u8" | "i8" | "gchar" | "guchar" | "TCHAR" => 1,
        "short" | "unsigned short" | "uint16_t" | "int16_t" | "char16_t" => 2,
        "int" | "unsigned" | "unsigned int" | "uint32_t" | "int32_t" | "float" | "wchar_t"
        | "char32_t" => 4,
        "long" | "unsigned long" | "long long" | "unsigned long long" | "uint64_t" | "int64_t"
        | "double" | "size_t" | "ssize_t" => 8,
        _ => 0,
    }
}

/// Every descendant of these kinds (a loop: a file may nest thousands deep).
fn collect<'t>(node: Node<'t>, kinds: &[&str], out: &mut Vec<Node<'t>>) {
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
