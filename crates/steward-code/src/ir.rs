//! The language-neutral program form the taint engine runs on. Each language's front end
//! lowers its tree-sitter tree to these statements and expressions, keeping only what
//! moves data: assignments, calls, returns, string building, containers, field access
//! and the branches constant propagation can decide.

use std::sync::Arc;

/// A byte range in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn of(node: &tree_sitter::Node<'_>) -> Span {
        Span {
            start: node.start_byte() as u32,
            end: node.end_byte() as u32,
        }
    }
}

pub type Name = Arc<str>;

/// A literal whose value is known.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    Str(Arc<str>),
    Num(f64),
    Bool(bool),
    /// `None`, `null`, `undefined`.
    Null,
}

impl Lit {
    /// Truthiness as the languages we lower agree on it.
    pub fn truthy(&self) -> bool {
        match self {
            Lit::Str(s) => !s.is_empty(),
            Lit::Num(n) => *n != 0.0,
            Lit::Bool(b) => *b,
            Lit::Null => false,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Expr {
    Lit(Lit, Span),
    Name(Name, Span),
    Attr(Box<Expr>, Name, Span),
    Index(Box<Expr>, Box<Expr>, Span),
    Call(Box<Call>),
    /// String building (concatenation, interpolation, `%`) and arithmetic: the result
    /// carries the taint of every part.
    Build(Vec<Expr>, Span),
    /// List, tuple, set or array literal.
    List(Vec<Expr>, Span),
    /// Dict or object literal; a key that is not constant is `None`.
    Dict(Vec<(Option<Expr>, Expr)>, Span),
    /// `then if test else otherwise`, `test ? then : otherwise`.
    Cond(Box<Expr>, Box<Expr>, Box<Expr>, Span),
    /// `a or b`, `a || b`, `a ?? b`: either operand's value.
    Either(Box<Expr>, Box<Expr>, Span),
    /// `a and b`, `a && b`: the right operand when the left is truthy.
    Both(Box<Expr>, Box<Expr>, Span),
    Not(Box<Expr>, Span),
    /// `a == b`, `a != b` (`negated`), and other comparisons as `Compare` with `op` None:
    /// a boolean that carries no data.
    Compare(Box<Expr>, Box<Expr>, Option<bool>, Span),
    /// `item in container`, or `not in` when negated.
    Member(Box<Expr>, Box<Expr>, bool, Span),
    /// A comprehension: bind each target to an element of its iterable, the result is a
    /// list of `body`.
    Comp(Vec<(Target, Expr)>, Box<Expr>, Span),
    /// A function written where it is used (a callback, an arrow function): analysed in
    /// place, seeing the variables around it.
    Closure(Vec<Param>, Vec<Stmt>, Span),
    /// A value of a declared static type (Java's `HttpServletRequest request`): its dotted
    /// path is the type's name, so `HttpServletRequest.getParameter` matches whatever the
    /// variable is called. A path that names a call the value came from is kept.
    Typed(Box<Expr>, Name, Span),
    /// Anything else: its value depends on these parts (and is not constant).
    Other(Vec<Expr>, Span),
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Lit(_, s)
            | Expr::Name(_, s)
            | Expr::Attr(_, _, s)
            | Expr::Index(_, _, s)
            | Expr::Build(_, s)
            | Expr::List(_, s)
            | Expr::Dict(_, s)
            | Expr::Cond(_, _, _, s)
            | Expr::Either(_, _, s)
            | Expr::Both(_, _, s)
            | Expr::Not(_, s)
            | Expr::Compare(_, _, _, s)
            | Expr::Member(_, _, _, s)
            | Expr::Comp(_, _, s)
            | Expr::Closure(_, _, s)
            | Expr::Typed(_, _, s)
            | Expr::Other(_, s) => *s,
            Expr::Call(c) => c.span,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Call {
    pub callee: Expr,
    pub args: Vec<Arg>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Arg {
    /// Keyword name (`shell` in `shell=True`).
    pub name: Option<Name>,
    pub value: Expr,
    /// `*args`, `**kwargs`, `...spread`: may fill any position.
    pub spread: bool,
}

#[derive(Debug, Clone)]
pub enum Target {
    Name(Name, Span),
    Attr(Expr, Name, Span),
    Index(Expr, Expr),
    /// Unpacking: each element gets the whole value's taint.
    Unpack(Vec<Target>),
    /// Object destructuring: `{ id, name: n } = value`.
    Fields(Vec<(Name, Target)>),
    /// Something we do not track (a starred target, a pattern).
    Ignore,
}

#[derive(Debug, Clone)]
pub enum Stmt {
    Assign(Vec<Target>, Expr, Span),
    /// `x += e`: the old value joined with `e`.
    AugAssign(Target, Expr, Span),
    Expr(Expr),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    /// A loop: `bind` is the `for` target and iterable; the body may run zero or more times.
    Loop(Option<(Target, Expr)>, Vec<Stmt>),
    Return(Option<Expr>, Span),
    /// `raise`, `throw`: the rest of the block does not run.
    Stop,
    /// A nested function we lowered separately.
    Def,
}

/// Where a function parameter's data comes from when the framework calls the function.
#[derive(Debug, Clone)]
pub struct ParamSource {
    pub index: usize,
    /// What the source is, for messages: "Flask route parameter".
    pub label: Arc<str>,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: Name,
    pub span: Span,
    pub default: Option<Expr>,
}

#[derive(Debug, Clone)]
pub struct Function {
    /// Plain name (`view`), or `Class.method` for methods.
    pub name: Name,
    /// The class it is a method of.
    pub class: Option<Name>,
    /// Whether the first parameter is the object itself (Python's `self`).
    pub self_param: bool,
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    /// Parameters a web framework fills from the request.
    pub param_sources: Vec<ParamSource>,
    /// Whether a web framework sends the return value as the HTTP response body.
    pub returns_response: bool,
}

/// One file, lowered.
#[derive(Debug, Default)]
pub struct Module {
    /// Local name -> what it refers to (`request` -> `flask.request`, `sp` -> `subprocess`).
    /// A relative import keeps its leading dots (`.models.load`).
    pub imports: Vec<(Name, Arc<str>)>,
    pub functions: Vec<Function>,
    /// The top-level statements, run once before any function.
    pub top: Vec<Stmt>,
    /// Whether lowering stopped early (nesting too deep): what was lowered is partial.
    pub truncated: bool,
    /// Other names a function's summary is exported under, for callers in other files
    /// that name it so: `(alias, function)` (a C++ namespace's `run` for `shell.run`,
    /// called unqualified from inside the namespace).
    pub aliases: Vec<(Name, Name)>,
}
