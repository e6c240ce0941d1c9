//! The dataflow engine behind taint rules. It interprets a lowered module abstractly:
//! every value carries the traces of the sources that reach it (each trace a path of
//! steps, and a mask of the rules whose sanitizers it went through), a constant when one
//! is known (so `if False:` and a ternary that always picks the safe side cut flows), a
//! dotted path for matching sources and sinks, and per-field / per-key values for
//! containers and objects (so a slot overwritten with a constant is clean again).
//!
//! Functions are summarised (which parameters reach the return value, which reach a sink),
//! so calls within a file and into other scanned files carry flows through.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use steward_core::finding::LineIndex;

use crate::ir::*;
use crate::spec::{Entry, SourceKind, TaintSpec, last_segment};

/// Traces kept per value: more adds cost, not findings.
const MAX_TRACES: usize = 3;
/// Rounds of summary refinement within a file.
const MAX_ROUNDS: usize = 3;

/// A place on a path, already resolved to lines (steps may come from another file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    pub path: Arc<str>,
    pub start: (u32, u32),
    pub end: (u32, u32),
}

#[derive(Debug)]
pub struct StepNode {
    pub loc: Loc,
    pub note: Arc<str>,
    prev: Option<Arc<StepNode>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Source(Arc<str>),
    Param(u16),
}

#[derive(Debug, Clone)]
pub struct Trace {
    pub origin: Origin,
    /// Bit `rule.bit` is set when the data went through one of that rule's sanitizers.
    pub sanitized: u64,
    pub last: Arc<StepNode>,
}

impl Trace {
    fn extend(&self, loc: Loc, note: Arc<str>) -> Trace {
        Trace {
            origin: self.origin.clone(),
            sanitized: self.sanitized,
            last: Arc::new(StepNode {
                loc,
                note,
                prev: Some(self.last.clone()),
            }),
        }
    }

    /// The steps, first to last.
    pub fn steps(&self) -> Vec<(Loc, Arc<str>)> {
        let mut out = Vec::new();
        let mut cur = Some(&self.last);
        while let Some(n) = cur {
            out.push((n.loc.clone(), n.note.clone()));
            cur = n.prev.as_ref();
        }
        out.reverse();
        out
    }
}

type Taint = Vec<Trace>;

fn add_traces(into: &mut Taint, from: &[Trace]) {
    for t in from {
        if into.len() >= MAX_TRACES {
            return;
        }
        if !into
            .iter()
            .any(|u| u.origin == t.origin && u.sanitized == t.sanitized)
        {
            into.push(t.clone());
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Slots {
    named: Vec<(Arc<str>, Val)>,
    /// Data put under keys we could not name.
    any: Taint,
}

#[derive(Debug, Clone, Default)]
struct Val {
    taint: Taint,
    konst: Option<Lit>,
    path: Option<Arc<str>>,
    slots: Option<Arc<Slots>>,
    /// Rules (bits) for which this value is provably harmless whatever the input: built
    /// only from constants, cleaners and that rule's sanitizers. All ones for a constant.
    proven: u64,
}

const PROVEN: u64 = u64::MAX;

impl Val {
    fn konst(l: Lit) -> Val {
        Val {
            konst: Some(l),
            proven: PROVEN,
            ..Val::default()
        }
    }

    fn tainted(taint: Taint) -> Val {
        Val {
            taint,
            ..Val::default()
        }
    }

    /// Everything reachable from this value: its own taint and every slot's.
    fn deep(&self) -> Taint {
        let mut out = self.taint.clone();
        if let Some(s) = &self.slots {
            add_traces(&mut out, &s.any);
            for (_, v) in &s.named {
                add_traces(&mut out, &v.deep());
            }
        }
        out
    }

    fn slot(&self, key: &str) -> Option<&Val> {
        self.slots
            .as_ref()?
            .named
            .iter()
            .find(|(k, _)| &**k == key)
            .map(|(_, v)| v)
    }

    fn join(&self, other: &Val) -> Val {
        let mut taint = self.taint.clone();
        add_traces(&mut taint, &other.taint);
        let konst = match (&self.konst, &other.konst) {
            (Some(a), Some(b)) if a == b => Some(a.clone()),
            _ => None,
        };
        let path = if self.path == other.path {
            self.path.clone()
        } else {
            None
        };
        let slots = match (&self.slots, &other.slots) {
            (None, None) => None,
            (Some(a), None) | (None, Some(a)) => Some(a.clone()),
            (Some(a), Some(b)) if Arc::ptr_eq(a, b) => Some(a.clone()),
            (Some(a), Some(b)) => {
                let mut s = (**a).clone();
                add_traces(&mut s.any, &b.any);
                for (k, v) in &b.named {
                    match s.named.iter_mut().find(|(k2, _)| k2 == k) {
                        Some((_, v2)) => *v2 = v2.join(v),
                        None => s.named.push((k.clone(), v.clone())),
                    }
                }
                Some(Arc::new(s))
            }
        };
        Val {
            taint,
            konst,
            path,
            slots,
            proven: self.proven & other.proven,
        }
    }
}

type Env = HashMap<Name, Val>;

/// What a function does with its inputs.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Traces reaching the return value: from a parameter, or from a source inside.
    ret: Taint,
    /// Parameters that reach a sink inside.
    sinks: Vec<ParamSink>,
    /// What the return value is provably harmless for, whatever the arguments.
    ret_proven: u64,
}

#[derive(Debug, Clone)]
struct ParamSink {
    param: u16,
    /// Index into the spec's rules.
    rule: usize,
    trace: Trace,
    sink: SinkHit,
}

#[derive(Debug, Clone)]
pub struct SinkHit {
    pub loc: Loc,
    pub label: Arc<str>,
    /// The sink's text, for the fingerprint.
    pub matched: Arc<str>,
}

impl Summary {
    fn signature(&self) -> Vec<(i64, u64, i64)> {
        let mut sig: Vec<(i64, u64, i64)> = self
            .ret
            .iter()
            .map(|t| match &t.origin {
                Origin::Param(p) => (*p as i64, t.sanitized, -1),
                Origin::Source(_) => (-1, t.sanitized, -1),
            })
            .chain(
                self.sinks
                    .iter()
                    .map(|s| (s.param as i64, s.trace.sanitized, s.rule as i64)),
            )
            .collect();
        sig.push((-2, self.ret_proven, -2));
        sig.sort_unstable();
        sig.dedup();
        sig
    }

    /// Whether callers learn nothing from it: no flow through, and nothing proven.
    pub fn is_trivial(&self) -> bool {
        self.ret.is_empty() && self.sinks.is_empty() && self.ret_proven == 0
    }

    /// Whether its return value carries a source read inside it (`def arg(): return
    /// request.args[...]`).
    pub fn returns_source(&self) -> bool {
        self.ret
            .iter()
            .any(|t| matches!(t.origin, Origin::Source(_)))
    }

    /// Whether it only passes parameters on to the return value, unsanitised: a call to an
    /// unknown function already assumes as much, so a caller in another file gains
    /// nothing from analysing the call again with it.
    pub fn is_passthrough(&self) -> bool {
        self.sinks.is_empty()
            && self.ret_proven == 0
            && self
                .ret
                .iter()
                .all(|t| matches!(t.origin, Origin::Param(_)) && t.sanitized == 0)
    }
}

/// A source reaching a sink.
#[derive(Debug, Clone)]
pub struct TaintFinding {
    /// Index into the spec's rules.
    pub rule: usize,
    pub trace: Trace,
    pub sink: SinkHit,
}

/// Summaries of functions in other files, by qualified name (`pkg.module.function`).
pub trait ExternalSummaries: Sync {
    fn get(&self, qualified: &str) -> Option<&Summary>;
}

impl ExternalSummaries for HashMap<String, Summary> {
    fn get(&self, qualified: &str) -> Option<&Summary> {
        HashMap::get(self, qualified)
    }
}

/// The analysis ran out of its time budget.
#[derive(Debug)]
pub struct TimedOut;

pub struct FileAnalysis {
    pub findings: Vec<TaintFinding>,
    /// Sink calls whose dangerous arguments are provably harmless for the rule (index
    /// into the spec's rules): pattern rules of the same weakness defer to this.
    pub proven_sinks: Vec<(usize, Span)>,
    /// Functions with something to say, by plain or `Class.method` name.
    pub summaries: HashMap<Name, Summary>,
    /// Whether a call went to an imported name that an external summary might cover.
    /// Calls to imported functions, by qualified name: what a summary from another file
    /// could refine.
    pub import_calls: Vec<String>,
    /// Whether any source was read in the file: without one, summaries of other files
    /// can only give it findings if they return a source themselves.
    pub saw_source: bool,
}

/// Analyse one lowered module.
pub fn analyze(
    module: &Module,
    spec: &TaintSpec,
    path: &Arc<str>,
    src: &[u8],
    external: &dyn ExternalSummaries,
    deadline: Instant,
) -> Result<FileAnalysis, TimedOut> {
    let lines = LineIndex::new(src);
    let mut fx = FileCtx {
        spec,
        path: path.clone(),
        src,
        lines,
        summaries: HashMap::new(),
        external,
        globals: Env::new(),
        deadline,
        ticks: 0,
        saw_source: std::cell::Cell::new(false),
        findings: Vec::new(),
        proven_sinks: Vec::new(),
        local_calls: false,
        import_calls: Vec::new(),
        imports: module.imports.iter().cloned().collect(),
        functions: module
            .functions
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name.clone(), i))
            .collect(),
    };
    let signature = |m: &HashMap<Name, Summary>| -> Vec<Vec<(i64, u64, i64)>> {
        module
            .functions
            .iter()
            .map(|f| m.get(&f.name).map(Summary::signature).unwrap_or_default())
            .collect()
    };
    // Each round analyses the file with the summaries of the round before; when they stop
    // changing, the findings were computed with the final summaries.
    for _ in 0..MAX_ROUNDS {
        fx.findings.clear();
        fx.proven_sinks.clear();
        let mut top = Frame::new(None, None);
        let mut state = Some(Env::new());
        fx.block(&module.top, &mut state, &mut top)?;
        fx.globals = state.unwrap_or_default();
        let mut new = HashMap::new();
        for f in &module.functions {
            let s = fx.function(f)?;
            new.insert(f.name.clone(), s);
        }
        // Another round only helps when a call reached a function of this file.
        let changed = fx.local_calls && signature(&new) != signature(&fx.summaries);
        fx.summaries = new;
        if !changed {
            break;
        }
    }
    let findings = std::mem::take(&mut fx.findings);
    let proven_sinks = std::mem::take(&mut fx.proven_sinks);
    let mut summaries = std::mem::take(&mut fx.summaries);
    for (alias, function) in &module.aliases {
        if !summaries.contains_key(alias)
            && let Some(s) = summaries.get(function).cloned()
        {
            summaries.insert(alias.clone(), s);
        }
    }
    Ok(FileAnalysis {
        findings,
        proven_sinks,
        summaries: summaries
            .into_iter()
            .filter(|(_, s)| !s.is_trivial() && !s.is_passthrough())
            .collect(),
        import_calls: fx.import_calls,
        saw_source: fx.saw_source.get(),
    })
}

struct FileCtx<'a> {
    /// Set when a source is read (a cell: sources are read through `&self`).
    saw_source: std::cell::Cell<bool>,
    spec: &'a TaintSpec,
    path: Arc<str>,
    src: &'a [u8],
    lines: LineIndex,
    summaries: HashMap<Name, Summary>,
    external: &'a dyn ExternalSummaries,
    globals: Env,
    deadline: Instant,
    ticks: u32,
    findings: Vec<TaintFinding>,
    proven_sinks: Vec<(usize, Span)>,
    /// Whether a call reached a function of this file (so its summary matters).
    local_calls: bool,
    import_calls: Vec<String>,
    imports: HashMap<Name, Arc<str>>,
    functions: HashMap<Name, usize>,
}

/// Per-function state.
struct Frame<'f> {
    function: Option<&'f Function>,
    class: Option<Name>,
    ret: Val,
    returns_value: bool,
    sinks: Vec<ParamSink>,
}

impl<'f> Frame<'f> {
    fn new(function: Option<&'f Function>, class: Option<Name>) -> Self {
        Frame {
            function,
            class,
            ret: Val {
                proven: PROVEN,
                ..Val::default()
            },
            returns_value: false,
            sinks: Vec::new(),
        }
    }
}

fn join_env(a: &Env, b: &Env) -> Env {
    let mut out = a.clone();
    for (k, v) in b {
        match out.get_mut(k) {
            Some(mine) => *mine = mine.join(v),
            None => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    // A name bound on one side only may be unbound on the other: its constant is unknown.
    for (k, v) in out.iter_mut() {
        if !a.contains_key(k) || !b.contains_key(k) {
            v.konst = None;
        }
    }
    out
}

fn join_state(a: Option<Env>, b: Option<Env>) -> Option<Env> {
    match (a, b) {
        (Some(a), Some(b)) => Some(join_env(&a, &b)),
        (a, None) => a,
        (None, b) => b,
    }
}

impl<'a> FileCtx<'a> {
    fn tick(&mut self) -> Result<(), TimedOut> {
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks.is_multiple_of(256) && Instant::now() > self.deadline {
            return Err(TimedOut);
        }
        Ok(())
    }

    fn loc(&self, span: Span) -> Loc {
        let start = self.lines.line_col(self.src, span.start as usize);
        let end = self.lines.line_col(self.src, span.end as usize);
        Loc {
            path: self.path.clone(),
            start,
            end,
        }
    }

    fn text(&self, span: Span) -> &'a str {
        let s = span.start as usize;
        let e = (span.end as usize).min(self.src.len());
        std::str::from_utf8(&self.src[s.min(e)..e]).unwrap_or("")
    }

    fn short(&self, span: Span) -> String {
        let t = self.text(span);
        let t = t.lines().next().unwrap_or("");
        if t.chars().count() > 40 {
            let cut: String = t.chars().take(39).collect();
            format!("{cut}…")
        } else {
            t.to_string()
        }
    }

    fn function(&mut self, f: &'a Function) -> Result<Summary, TimedOut> {
        let mut frame = Frame::new(Some(f), f.class.clone());
        let mut env = Env::new();
        for (i, p) in f.params.iter().enumerate() {
            let loc = self.loc(p.span);
            let source = f.param_sources.iter().find(|s| s.index == i);
            let trace = match source {
                Some(s) => Trace {
                    origin: {
                        self.saw_source.set(true);
                        Origin::Source(s.label.clone())
                    },
                    sanitized: 0,
                    last: Arc::new(StepNode {
                        loc,
                        note: Arc::from(format!("`{}` is a {}", p.name, s.label)),
                        prev: None,
                    }),
                },
                None if i == 0 && f.self_param => {
                    env.insert(
                        p.name.clone(),
                        Val {
                            path: Some(p.name.clone()),
                            ..Val::default()
                        },
                    );
                    continue;
                }
                None => Trace {
                    origin: Origin::Param(i as u16),
                    sanitized: 0,
                    last: Arc::new(StepNode {
                        loc,
                        note: Arc::from(format!("parameter `{}` of {}()", p.name, f.name)),
                        prev: None,
                    }),
                },
            };
            env.insert(
                p.name.clone(),
                Val {
                    taint: vec![trace],
                    path: Some(p.name.clone()),
                    ..Val::default()
                },
            );
        }
        let mut state = Some(env);
        self.block(&f.body, &mut state, &mut frame)?;
        Ok(Summary {
            ret: frame.ret.deep(),
            sinks: frame.sinks,
            // A function that returns nothing tells callers nothing worth exporting.
            ret_proven: if frame.returns_value {
                frame.ret.proven
            } else {
                0
            },
        })
    }

    fn block(
        &mut self,
        stmts: &'a [Stmt],
        state: &mut Option<Env>,
        frame: &mut Frame<'a>,
    ) -> Result<(), TimedOut> {
        for s in stmts {
            if state.is_none() {
                // Unreachable after a return.
                return Ok(());
            }
            self.stmt(s, state, frame)?;
        }
        Ok(())
    }

    fn stmt(
        &mut self,
        stmt: &'a Stmt,
        state: &mut Option<Env>,
        frame: &mut Frame<'a>,
    ) -> Result<(), TimedOut> {
        self.tick()?;
        let Some(env) = state.as_mut() else {
            return Ok(());
        };
        match stmt {
            Stmt::Assign(targets, value, span) => {
                let v = self.expr(value, env, frame)?;
                for t in targets {
                    self.assign(t, v.clone(), *span, env, frame)?;
                }
            }
            Stmt::AugAssign(target, value, span) => {
                let v = self.expr(value, env, frame)?;
                let old = self.read_target(target, env, frame)?;
                let mut joined = Val::tainted(old.deep());
                let mut added = v.deep();
                // `$url = "https://api.example.com/"; $url .= $id;` keeps the fixed host.
                if let Some(Lit::Str(prefix)) = &old.konst
                    && crate::spec::fixes_target(prefix)
                {
                    for t in &mut added {
                        t.sanitized |= self.spec.prefix_bits;
                    }
                }
                add_traces(&mut joined.taint, &added);
                self.assign(target, joined, *span, env, frame)?;
            }
            Stmt::Expr(e) => {
                let v = self.expr(e, env, frame)?;
                // `abort(400)`, `sys.exit()`: nothing after runs.
                if matches!(e, Expr::Call(_))
                    && v.path
                        .as_deref()
                        .and_then(|p| p.strip_suffix("()"))
                        .is_some_and(|p| self.spec.is_terminator(p))
                {
                    *state = None;
                }
            }
            Stmt::Stop => *state = None,
            Stmt::If(cond, then, otherwise) => {
                let c = self.expr(cond, env, frame)?;
                match c.konst.as_ref().map(Lit::truthy) {
                    Some(true) => self.block(then, state, frame)?,
                    Some(false) => self.block(otherwise, state, frame)?,
                    None => {
                        // A validation (`re.fullmatch(...)`, `x in ALLOWED`) clears the names
                        // it checked on the side where it passed.
                        let guard = self.guard(cond, env, frame)?;
                        let mut a = state.clone();
                        let mut b = state.take();
                        if let Some((names, passes_when_true)) = guard {
                            let side = if passes_when_true {
                                a.as_mut()
                            } else {
                                b.as_mut()
                            };
                            if let Some(env) = side {
                                for n in names {
                                    let v = env.entry(n).or_default();
                                    v.taint.clear();
                                    v.slots = None;
                                    v.proven = PROVEN;
                                }
                            }
                        }
                        self.block(then, &mut a, frame)?;
                        self.block(otherwise, &mut b, frame)?;
                        *state = join_state(a, b);
                    }
                }
            }
            Stmt::Loop(bind, body) => {
                // Twice around the loop reaches what a value can carry from one iteration
                // into the next; the loop may also not run at all, unless it walks a
                // non-empty literal or range.
                let runs = bind
                    .as_ref()
                    .is_some_and(|(_, iter)| runs_at_least_once(iter));
                let before = state.take();
                let mut entry = before.clone();
                let mut after = if runs { None } else { before };
                for _ in 0..2 {
                    let mut s = entry.clone();
                    if let (Some((target, iter)), Some(env)) = (bind, s.as_mut()) {
                        let it = self.expr(iter, env, frame)?;
                        let elem = Val::tainted(it.deep());
                        self.assign(target, elem, iter.span(), env, frame)?;
                    }
                    self.block(body, &mut s, frame)?;
                    after = join_state(after, s.clone());
                    entry = join_state(entry, s);
                }
                *state = after;
            }
            Stmt::Return(value, span) => {
                if let Some(e) = value {
                    let v = self.expr(e, env, frame)?;
                    if frame.function.is_some_and(|f| f.returns_response) {
                        self.response_sink(&v, *span, frame);
                    }
                    let ret = frame.ret.join(&v);
                    frame.ret = ret;
                    frame.returns_value = true;
                }
                *state = None;
            }
            Stmt::Def => {}
        }
        Ok(())
    }

    /// The names a condition validates, and whether they are valid when it is true.
    fn guard(
        &mut self,
        cond: &'a Expr,
        env: &mut Env,
        frame: &mut Frame<'a>,
    ) -> Result<Option<(Vec<Name>, bool)>, TimedOut> {
        Ok(match cond {
            Expr::Not(inner, _) => self.guard(inner, env, frame)?.map(|(n, p)| (n, !p)),
            Expr::Member(item, container, negated, _) => {
                let Expr::Name(x, _) = &**item else {
                    return Ok(None);
                };
                let c = self.expr(container, env, frame)?;
                // Only a constant collection is an allow-list.
                if c.proven == PROVEN && c.taint.is_empty() && c.slots.is_some() {
                    Some((vec![x.clone()], !negated))
                } else {
                    None
                }
            }
            Expr::Call(call) => {
                let callee = match &call.callee {
                    Expr::Attr(obj, name, _) => {
                        let o = self.expr(obj, env, frame)?;
                        let root = o.path.as_deref().unwrap_or("_");
                        Val {
                            path: Some(Arc::from(format!("{root}.{name}"))),
                            ..Val::default()
                        }
                    }
                    other => self.expr(other, env, frame)?,
                };
                let Some(path) = callee.path.as_deref() else {
                    return Ok(None);
                };
                if !self.spec.is_validator(path) {
                    return Ok(None);
                }
                let method = last_segment(path);
                if method == "HasPrefix" {
                    // Go's `strings.HasPrefix(p, base)` holds a path under `base` only when
                    // `p` was cleaned of `..` first (`filepath.Join` and `Clean` do).
                    let Some(Expr::Name(x, _)) = call.args.first().map(|a| &a.value) else {
                        return Ok(None);
                    };
                    let cleaned = env.get(x).and_then(|v| v.path.as_deref()).is_some_and(|p| {
                        [
                            "filepath.Join()",
                            "filepath.Clean()",
                            "path.Join()",
                            "path.Clean()",
                        ]
                        .iter()
                        .any(|c| p.ends_with(c))
                    });
                    return Ok(cleaned.then(|| (vec![x.clone()], true)));
                }
                if let (Expr::Attr(obj, _, _), [arg]) = (&call.callee, call.args.as_slice()) {
                    match method {
                        // Java's `x.matches("[a-z]+")` must match the whole string.
                        "matches" => {
                            let Some(x) = plain_name(obj) else {
                                return Ok(None);
                            };
                            let pv = self.expr(&arg.value, env, frame)?;
                            let constant = matches!(pv.konst, Some(Lit::Str(_)));
                            return Ok(constant.then(|| (vec![x.clone()], true)));
                        }
                        // Java's `p.startsWith(base)` holds a path under `base` only when
                        // `p` was normalised first.
                        "startsWith" => {
                            let Some(x) = plain_name(obj) else {
                                return Ok(None);
                            };
                            let normalised =
                                env.get(x).and_then(|v| v.path.as_deref()).is_some_and(|p| {
                                    [
                                        "normalize()",
                                        "getCanonicalPath()",
                                        "getCanonicalFile()",
                                        "toRealPath()",
                                    ]
                                    .iter()
                                    .any(|c| p.ends_with(c))
                                });
                            return Ok(normalised.then(|| (vec![x.clone()], true)));
                        }
                        // `x.equals("admin")`, `"admin".equals(x)`: where it holds, x is
                        // that constant.
                        "equals" | "equalsIgnoreCase" => {
                            let subject = match (&**obj, &arg.value) {
                                (s, Expr::Lit(Lit::Str(_), _)) => plain_name(s),
                                (Expr::Lit(Lit::Str(_), _), s) => plain_name(s),
                                _ => None,
                            };
                            return Ok(subject.map(|x| (vec![x.clone()], true)));
                        }
                        _ => {}
                    }
                }
                // PHP: `in_array($x, ALLOWED)` with a constant list.
                if let ("in_array", Expr::Name(..), [item, list, ..]) =
                    (method, &call.callee, call.args.as_slice())
                {
                    let Some(x) = plain_name(&item.value) else {
                        return Ok(None);
                    };
                    let c = self.expr(&list.value, env, frame)?;
                    let ok = c.proven == PROVEN && c.taint.is_empty() && c.slots.is_some();
                    return Ok(ok.then(|| (vec![x.clone()], true)));
                }
                // PHP: `is_numeric($x)`, `ctype_digit($x)`.
                if let (Expr::Name(..), [arg]) = (&call.callee, call.args.as_slice())
                    && (method.starts_with("is_") || method.starts_with("ctype_"))
                {
                    return Ok(plain_name(&arg.value).map(|x| (vec![x.clone()], true)));
                }
                if let ("test" | "includes" | "has" | "contains", Expr::Attr(obj, _, _), [arg]) =
                    (method, &call.callee, call.args.as_slice())
                {
                    let Some(x) = plain_name(&arg.value) else {
                        return Ok(None);
                    };
                    let o = self.expr(obj, env, frame)?;
                    let ok = if method == "test" {
                        // `/^[a-z]+$/.test(x)`
                        matches!(&o.konst, Some(Lit::Str(re)) if anchored_js_regex(re))
                    } else {
                        // `ALLOWED.includes(x)`: a constant allow-list.
                        o.proven == PROVEN && o.taint.is_empty() && o.slots.is_some()
                    };
                    return Ok(ok.then(|| (vec![x.clone()], true)));
                }
                if method.starts_with("is") {
                    // `x.isdigit()`
                    return Ok(match &call.callee {
                        Expr::Attr(obj, _, _) => plain_name(obj).map(|x| (vec![x.clone()], true)),
                        _ => None,
                    });
                }
                let (pattern, subject) = match call.args.as_slice() {
                    [p, s, ..] => (Some(&p.value), &s.value),
                    // A compiled pattern: `PAT.fullmatch(x)`; only fullmatch is known to
                    // cover the whole string.
                    [s] if method == "fullmatch" => (None, &s.value),
                    _ => return Ok(None),
                };
                let Some(x) = plain_name(subject) else {
                    return Ok(None);
                };
                let anchored = match pattern {
                    None => true,
                    Some(p) => {
                        let pv = self.expr(p, env, frame)?;
                        match &pv.konst {
                            Some(Lit::Str(re)) if method.starts_with("preg_") => {
                                anchored_php_regex(re)
                            }
                            Some(Lit::Str(re)) => {
                                let end = re.ends_with('$') || re.ends_with("\\Z");
                                match method {
                                    // Java's `Pattern.matches(re, x)` matches the whole string.
                                    "fullmatch" | "matches" => true,
                                    "match" => end,
                                    _ => re.starts_with('^') && end,
                                }
                            }
                            _ => false,
                        }
                    }
                };
                anchored.then(|| (vec![x.clone()], true))
            }
            // `x == "admin"`: where it holds, `x` is that constant. `u.Host == "api.x.com"`:
            // the parsed URL `u` points at that host.
            Expr::Compare(a, b, Some(negated), _) => {
                let subject = match (&**a, &**b) {
                    (s, Expr::Lit(Lit::Str(_), _)) | (Expr::Lit(Lit::Str(_), _), s) => s,
                    _ => return Ok(None),
                };
                let is_host =
                    |f: &str| matches!(f, "Host" | "Hostname" | "host" | "hostname" | "netloc");
                let name = match subject {
                    Expr::Name(x, _) => Some(x.clone()),
                    Expr::Attr(o, f, _) if is_host(f) => match &**o {
                        Expr::Name(u, _) => Some(u.clone()),
                        _ => None,
                    },
                    Expr::Call(c) => match &c.callee {
                        Expr::Attr(o, f, _) if is_host(f) => match &**o {
                            Expr::Name(u, _) => Some(u.clone()),
                            _ => None,
                        },
                        _ => None,
                    },
                    _ => None,
                };
                name.map(|n| (vec![n], !negated))
            }
            // `a && b` holds only when both do; `a || b` fails only when both fail.
            // On the other side, a name is valid only when both operands' checks say so:
            // `order != "a" && order != "b"` is false only where `order` is one of them.
            Expr::Both(a, b, _) | Expr::Either(a, b, _) => {
                let when = matches!(cond, Expr::Both(..));
                let ga = self.guard(a, env, frame)?;
                let gb = self.guard(b, env, frame)?;
                let mut names = Vec::new();
                for (n, passes) in ga.iter().chain(gb.iter()) {
                    if *passes == when {
                        names.extend(n.iter().cloned());
                    }
                }
                if !names.is_empty() {
                    return Ok(Some((names, when)));
                }
                match (ga, gb) {
                    (Some((na, pa)), Some((nb, pb))) if pa != when && pb != when => {
                        let both: Vec<Name> = na.into_iter().filter(|n| nb.contains(n)).collect();
                        (!both.is_empty()).then_some((both, !when))
                    }
                    _ => None,
                }
            }
            _ => None,
        })
    }

    fn read_target(
        &mut self,
        target: &'a Target,
        env: &mut Env,
        frame: &mut Frame<'a>,
    ) -> Result<Val, TimedOut> {
        Ok(match target {
            Target::Name(n, span) => self.expr_name(n, *span, env),
            Target::Attr(obj, name, _) => {
                let o = self.expr(obj, env, frame)?;
                o.slot(name)
                    .cloned()
                    .unwrap_or_else(|| Val::tainted(o.taint))
            }
            Target::Index(obj, _) => {
                let o = self.expr(obj, env, frame)?;
                Val::tainted(o.deep())
            }
            Target::Unpack(_) | Target::Fields(_) | Target::Ignore => Val::default(),
        })
    }

    fn assign(
        &mut self,
        target: &'a Target,
        value: Val,
        span: Span,
        env: &mut Env,
        frame: &mut Frame<'a>,
    ) -> Result<(), TimedOut> {
        match target {
            Target::Name(n, _) => {
                let mut v = value;
                if !v.taint.is_empty() {
                    let loc = self.loc(span);
                    let note: Arc<str> = Arc::from(format!("assigned to `{n}`"));
                    v.taint = v
                        .taint
                        .iter()
                        .map(|t| t.extend(loc.clone(), note.clone()))
                        .collect();
                }
                env.insert(n.clone(), v);
            }
            Target::Attr(obj, name, tspan) => {
                for rule in 0..self.spec.rules.len() {
                    if self.spec.rules[rule]
                        .assign_sinks
                        .iter()
                        .any(|s| **s == **name)
                    {
                        let label: Arc<str> = Arc::from(format!("assignment to .{name}"));
                        self.sink(rule, &value.deep(), *tspan, label, frame);
                    }
                }
                self.put_slot(obj, Some(name.clone()), value, span, env, frame)?;
            }
            Target::Index(obj, key) => {
                let k = self.expr(key, env, frame)?;
                let key = k.konst.as_ref().map(lit_key);
                self.put_slot(obj, key, value, span, env, frame)?;
            }
            Target::Fields(fields) => {
                for (key, t) in fields {
                    let part = value.slot(key).cloned().unwrap_or_else(|| {
                        let mut v = Val::tainted(value.taint.clone());
                        if let Some(s) = &value.slots {
                            add_traces(&mut v.taint, &s.any);
                        }
                        // `{ query } = req` reads `req.query`: a source by its path.
                        if let Some(p) = &value.path {
                            let path: Arc<str> = Arc::from(format!("{p}.{key}"));
                            self.access_source(&mut v, &path, span);
                            v.path = Some(path);
                        }
                        v
                    });
                    self.assign(t, part, span, env, frame)?;
                }
            }
            Target::Unpack(targets) => {
                for (i, t) in targets.iter().enumerate() {
                    let part = value
                        .slot(&i.to_string())
                        .cloned()
                        .unwrap_or_else(|| Val::tainted(value.deep()));
                    self.assign(t, part, span, env, frame)?;
                }
            }
            Target::Ignore => {}
        }
        Ok(())
    }

    /// `obj[key] = value` / `obj.key = value`: a strong update of the named slot, a weak
    /// one (added to every slot's possible content) when the key is not constant.
    fn put_slot(
        &mut self,
        obj: &'a Expr,
        key: Option<Arc<str>>,
        value: Val,
        span: Span,
        env: &mut Env,
        frame: &mut Frame<'a>,
    ) -> Result<(), TimedOut> {
        // Only variables (and their fields) hold state we track.
        let Some((root, fields)) = lvalue_path(obj) else {
            self.expr(obj, env, frame)?;
            return Ok(());
        };
        let mut value = value;
        if !value.taint.is_empty() {
            let loc = self.loc(span);
            let note: Arc<str> = Arc::from(format!("stored in `{}`", self.short(obj.span())));
            value.taint = value
                .taint
                .iter()
                .map(|t| t.extend(loc.clone(), note.clone()))
                .collect();
        }
        let mut current = match env.get(root) {
            Some(v) => v.clone(),
            None => self.globals.get(root).cloned().unwrap_or_default(),
        };
        update_slot(&mut current, &fields, key, value);
        env.insert(root.clone(), current);
        Ok(())
    }

    fn expr_name(&mut self, n: &Name, span: Span, env: &Env) -> Val {
        if let Some(v) = env.get(n).or_else(|| self.globals.get(n)) {
            return v.clone();
        }
        let path: Arc<str> = match self.imports.get(n) {
            Some(q) => q.clone(),
            None => n.clone(),
        };
        let mut v = Val {
            path: Some(path.clone()),
            ..Val::default()
        };
        self.access_source(&mut v, &path, span);
        v
    }

    fn access_source(&self, v: &mut Val, path: &str, span: Span) {
        let last = last_segment(path);
        for e in self.spec.candidates(last) {
            if let Entry::Source(i) = *e {
                let s = &self.spec.sources[i];
                if s.kind == SourceKind::Access && s.pattern.matches(path) {
                    v.taint.push(self.source_trace(&s.label, span));
                    v.konst = None;
                    return;
                }
            }
        }
    }

    fn source_trace(&self, label: &Arc<str>, span: Span) -> Trace {
        self.saw_source.set(true);
        Trace {
            origin: Origin::Source(label.clone()),
            sanitized: 0,
            last: Arc::new(StepNode {
                loc: self.loc(span),
                note: Arc::from(format!("{label}: `{}`", self.short(span))),
                prev: None,
            }),
        }
    }

    fn expr(&mut self, e: &'a Expr, env: &mut Env, frame: &mut Frame<'a>) -> Result<Val, TimedOut> {
        self.tick()?;
        Ok(match e {
            Expr::Lit(l, _) => Val::konst(l.clone()),
            Expr::Name(n, span) => self.expr_name(n, *span, env),
            Expr::Attr(obj, name, span) => {
                let o = self.expr(obj, env, frame)?;
                // `s.length`: a number, whatever the string.
                if self.spec.clean_fields.iter().any(|f| f == name) && o.slot(name).is_none() {
                    return Ok(Val {
                        proven: PROVEN,
                        ..Val::default()
                    });
                }
                if let Some(v) = o.slot(name) {
                    return Ok(v.clone());
                }
                let mut v = Val::tainted(o.taint.clone());
                if let Some(s) = &o.slots {
                    add_traces(&mut v.taint, &s.any);
                }
                // Paths are only built through names some pattern mentions: the rest
                // can never match, and building them is most of the cost.
                if let Some(p) = &o.path
                    && self.spec.mentions(name)
                {
                    let path: Arc<str> = Arc::from(format!("{p}.{name}"));
                    if self.spec.is_interesting(name) {
                        self.access_source(&mut v, &path, *span);
                    }
                    v.path = Some(path);
                }
                v
            }
            Expr::Index(obj, key, _) => {
                let o = self.expr(obj, env, frame)?;
                let k = self.expr(key, env, frame)?;
                self.index(&o, &k)
            }
            Expr::Call(call) => self.call(call, env, frame)?,
            Expr::Build(parts, _) => {
                let mut out = Val {
                    proven: PROVEN,
                    ..Val::default()
                };
                let mut konst = String::new();
                let mut all_const = true;
                let mut prefix_bits = 0;
                for (i, p) in parts.iter().enumerate() {
                    let v = self.expr(p, env, frame)?;
                    if i == 0
                        && let Some(Lit::Str(s)) = &v.konst
                        && crate::spec::fixes_target(s)
                    {
                        prefix_bits = self.spec.prefix_bits;
                    }
                    out.proven &= v.proven;
                    add_traces(&mut out.taint, &v.deep());
                    match &v.konst {
                        Some(Lit::Str(s)) => konst.push_str(s),
                        Some(Lit::Num(n)) => konst.push_str(&n.to_string()),
                        _ => all_const = false,
                    }
                }
                if all_const && out.taint.is_empty() {
                    out.konst = Some(Lit::Str(Arc::from(konst)));
                }
                if prefix_bits != 0 {
                    for t in &mut out.taint {
                        t.sanitized |= prefix_bits;
                    }
                    out.proven |= prefix_bits;
                }
                out
            }
            Expr::List(items, _) => {
                let mut slots = Slots::default();
                let mut proven = PROVEN;
                for (i, item) in items.iter().enumerate() {
                    let v = self.expr(item, env, frame)?;
                    proven &= v.proven;
                    slots.named.push((Arc::from(i.to_string()), v));
                }
                Val {
                    slots: Some(Arc::new(slots)),
                    proven,
                    ..Val::default()
                }
            }
            Expr::Dict(pairs, _) => {
                let mut slots = Slots::default();
                let mut proven = PROVEN;
                for (k, v) in pairs {
                    let key = match k {
                        Some(k) => self.expr(k, env, frame)?.konst.as_ref().map(lit_key),
                        None => None,
                    };
                    let v = self.expr(v, env, frame)?;
                    proven &= v.proven;
                    match key {
                        Some(key) => slots.named.push((key, v)),
                        None => add_traces(&mut slots.any, &v.deep()),
                    }
                }
                Val {
                    slots: Some(Arc::new(slots)),
                    proven,
                    ..Val::default()
                }
            }
            Expr::Cond(test, then, otherwise, _) => {
                let t = self.expr(test, env, frame)?;
                match t.konst.as_ref().map(Lit::truthy) {
                    Some(true) => self.expr(then, env, frame)?,
                    Some(false) => self.expr(otherwise, env, frame)?,
                    None => {
                        let a = self.expr(then, env, frame)?;
                        let b = self.expr(otherwise, env, frame)?;
                        a.join(&b)
                    }
                }
            }
            Expr::Either(a, b, _) => {
                let va = self.expr(a, env, frame)?;
                match va.konst.as_ref().map(Lit::truthy) {
                    Some(true) => va,
                    Some(false) => self.expr(b, env, frame)?,
                    None => {
                        let vb = self.expr(b, env, frame)?;
                        va.join(&vb)
                    }
                }
            }
            Expr::Both(a, b, _) => {
                let va = self.expr(a, env, frame)?;
                match va.konst.as_ref().map(Lit::truthy) {
                    Some(false) => va,
                    Some(true) => self.expr(b, env, frame)?,
                    None => {
                        let vb = self.expr(b, env, frame)?;
                        // `a and b` is `a` when falsy: a boolean check, or `b`.
                        Val {
                            proven: vb.proven & va.proven,
                            ..Val::tainted(vb.deep())
                        }
                    }
                }
            }
            Expr::Not(inner, _) => {
                let v = self.expr(inner, env, frame)?;
                match v.konst {
                    Some(l) => Val::konst(Lit::Bool(!l.truthy())),
                    None => Val {
                        proven: PROVEN,
                        ..Val::default()
                    },
                }
            }
            Expr::Member(a, b, _, _) => {
                self.expr(a, env, frame)?;
                self.expr(b, env, frame)?;
                Val {
                    proven: PROVEN,
                    ..Val::default()
                }
            }
            Expr::Compare(a, b, negated, _) => {
                let va = self.expr(a, env, frame)?;
                let vb = self.expr(b, env, frame)?;
                match (negated, &va.konst, &vb.konst) {
                    (Some(neg), Some(x), Some(y)) => Val::konst(Lit::Bool((x == y) != *neg)),
                    // A comparison's result is a boolean: it carries no data.
                    _ => Val {
                        proven: PROVEN,
                        ..Val::default()
                    },
                }
            }
            Expr::Comp(binds, body, _) => {
                let mut inner = env.clone();
                for (t, it) in binds {
                    let v = self.expr(it, &mut inner, frame)?;
                    let elem = Val::tainted(v.deep());
                    self.assign(t, elem, it.span(), &mut inner, frame)?;
                }
                let v = self.expr(body, &mut inner, frame)?;
                Val {
                    proven: v.proven,
                    ..Val::tainted(v.deep())
                }
            }
            Expr::Closure(params, body, _) => {
                // Analysed where it is written, with the variables around it; its
                // parameters are whatever the caller passes (for a request handler, the
                // request, whose fields are sources by name).
                let mut inner = env.clone();
                for p in params {
                    inner.insert(
                        p.name.clone(),
                        Val {
                            path: Some(p.name.clone()),
                            ..Val::default()
                        },
                    );
                }
                let mut sub = Frame::new(None, frame.class.clone());
                let mut state = Some(inner);
                self.block(body, &mut state, &mut sub)?;
                for s in sub.sinks {
                    if !frame
                        .sinks
                        .iter()
                        .any(|t| t.param == s.param && t.rule == s.rule && t.sink.loc == s.sink.loc)
                    {
                        frame.sinks.push(s);
                    }
                }
                Val::default()
            }
            Expr::Typed(inner, ty, _) => {
                let mut v = self.expr(inner, env, frame)?;
                // `Statement st = conn.createStatement()`: the method call it came from
                // says more than the type; a variable name or a constructor says less.
                let from_method = v
                    .path
                    .as_deref()
                    .is_some_and(|p| p.find('(').is_some_and(|paren| p[..paren].contains('.')));
                if !from_method {
                    v.path = Some(ty.clone());
                }
                v
            }
            Expr::Other(parts, _) => {
                let mut out = Val::default();
                for p in parts {
                    let v = self.expr(p, env, frame)?;
                    add_traces(&mut out.taint, &v.deep());
                }
                out
            }
        })
    }

    fn index(&self, o: &Val, k: &Val) -> Val {
        match (&o.slots, k.konst.as_ref()) {
            (Some(_), Some(key)) => {
                let key = lit_key(key);
                if let Some(v) = o.slot(&key) {
                    let mut v = v.clone();
                    add_traces(&mut v.taint, &o.taint);
                    if let Some(s) = &o.slots {
                        add_traces(&mut v.taint, &s.any);
                    }
                    return v;
                }
                let mut v = Val::tainted(o.taint.clone());
                if let Some(s) = &o.slots {
                    add_traces(&mut v.taint, &s.any);
                }
                v
            }
            // Any key of a constant table gives one of its constants (or fails).
            (Some(s), _) if o.taint.is_empty() && s.any.is_empty() && o.proven == PROVEN => Val {
                proven: PROVEN,
                ..Val::default()
            },
            _ => {
                let mut v = Val::tainted(o.deep());
                // An index into a tainted container with a tainted key is data from both.
                add_traces(&mut v.taint, &k.taint);
                v.taint.truncate(MAX_TRACES);
                if k.taint.is_empty() {
                    v.path = o.path.as_ref().map(|p| Arc::from(format!("{p}[]")));
                }
                v
            }
        }
    }

    /// The dotted path a callee expression names, for matching: imports resolved,
    /// calls written as `()`.
    fn callee_path(&self, callee: &Val) -> Option<Arc<str>> {
        callee.path.clone()
    }

    fn call(
        &mut self,
        call: &'a Call,
        env: &mut Env,
        frame: &mut Frame<'a>,
    ) -> Result<Val, TimedOut> {
        // The receiver, for method calls.
        let (receiver, method): (Option<Val>, Option<&Name>) = match &call.callee {
            Expr::Attr(obj, name, _) => (Some(self.expr(obj, env, frame)?), Some(name)),
            _ => (None, None),
        };
        let callee_val = match (&call.callee, &receiver, method) {
            (Expr::Attr(_, name, _), Some(r), Some(_)) => {
                // A receiver with no name (a literal, a computed value) still lets
                // `*.method` patterns match; a method no pattern names needs no path.
                let root = r.path.as_deref().unwrap_or("_");
                Val {
                    path: self
                        .spec
                        .mentions(name)
                        .then(|| Arc::from(format!("{root}.{name}"))),
                    ..Val::default()
                }
            }
            (callee, _, _) => self.expr(callee, env, frame)?,
        };
        let mut args = Vec::with_capacity(call.args.len());
        for a in &call.args {
            args.push(self.expr(&a.value, env, frame)?);
        }
        let path = self.callee_path(&callee_val);
        let last: &str = match (&call.callee, method) {
            (_, Some(m)) => m,
            (Expr::Name(n, _), _) => n,
            _ => "",
        };

        // A function of this file or of the scanned tree.
        let local = self.resolve_local(call, env, frame);
        let mut result = Val::default();
        let mut handled = false;
        if let Some(summary) = local.clone() {
            result = self.apply_summary(&summary, call, &args, receiver.as_ref(), frame);
            result.proven = summary.ret_proven;
            handled = true;
        }

        let mut sanitized_bits = 0u64;
        let mut cleaned = false;
        let mut drop_taint = false;
        let mut source_call = false;
        if let Some(path) = &path
            && self.spec.is_interesting(last_segment(path))
        {
            for e in self.spec.candidates(last_segment(path)) {
                match *e {
                    Entry::Source(i) => {
                        let s = &self.spec.sources[i];
                        if s.kind == SourceKind::Call && s.pattern.matches(path) {
                            result.taint.push(self.source_trace(&s.label, call.span));
                            handled = true;
                            source_call = true;
                        }
                    }
                    Entry::Cleaner(i) => {
                        if self.spec.cleaners[i].matches(path) {
                            cleaned = true;
                        }
                    }
                    Entry::Sanitizer(r, i) => {
                        if self.spec.rules[r].sanitizers[i].matches(path) {
                            sanitized_bits |= self.spec.rules[r].bit;
                        }
                    }
                    Entry::Sink(r, i) => {
                        if self.spec.rules[r].sinks[i].pattern.matches(path) {
                            self.check_sink(r, i, call, &args, receiver.as_ref(), path, frame);
                            if self.spec.rules[r].result_clean {
                                drop_taint = true;
                            }
                        }
                    }
                }
            }
        }
        // `request.args.get("n", type=int)` converts with the cleaner it names.
        if call.args.iter().zip(&args).any(|(a, v)| {
            a.name
                .as_ref()
                .is_some_and(|n| self.spec.cleaner_kwargs.iter().any(|k| k == n))
                && v.path.as_deref().is_some_and(|p| self.spec.is_cleaner(p))
        }) {
            cleaned = true;
        }
        if cleaned {
            return Ok(Val {
                path: path.map(|p| Arc::from(format!("{p}()"))),
                proven: PROVEN,
                ..Val::default()
            });
        }
        if !handled {
            // Unknown calls pass their inputs on: `x.strip()`, `fmt.format(x)`, `join(x)`.
            let slot_read = receiver
                .as_ref()
                .filter(|r| last == "get" && r.slots.is_some() && !args.is_empty());
            if let Some(r) = slot_read {
                // `d.get(k, default)` is the slot's value or the default.
                result = self.index(r, &args[0]);
                if let Some(default) = args.get(1) {
                    result = result.join(default);
                }
            } else {
                if let Some(r) = &receiver {
                    result.taint = r.deep();
                }
                for a in &args {
                    add_traces(&mut result.taint, &a.deep());
                }
            }
            // A string method on a constant, or a pure function, with harmless arguments
            // gives a harmless value.
            let pure = path.as_deref().is_some_and(|p| self.spec.is_pure(p));
            // `String.valueOf(x)`, `os.path.join(a, b)`: a class or module is no data.
            let namespace = matches!(&call.callee, Expr::Attr(obj, _, _)
                if matches!(&**obj, Expr::Name(n, _)
                    if !env.contains_key(n) && !self.globals.contains_key(n)));
            if let Some(r) = receiver
                .as_ref()
                .filter(|r| pure || matches!(r.konst, Some(Lit::Str(_))))
            {
                let base = if namespace && r.taint.is_empty() {
                    PROVEN
                } else {
                    r.proven
                };
                result.proven = args.iter().fold(base, |m, a| m & a.proven);
            } else if pure {
                result.proven = args.iter().fold(PROVEN, |m, a| m & a.proven);
            }
            if local.is_none() {
                self.note_import_call(call, env);
            }
        }
        if sanitized_bits != 0 {
            for t in &mut result.taint {
                t.sanitized |= sanitized_bits;
            }
            result.proven |= sanitized_bits;
        }
        // Methods that store their arguments in the receiver; a chain of them
        // (`sb.append(a).append(b)`) stores into the variable it starts from.
        if let (Some(m), Expr::Attr(obj, _, _)) = (method, &call.callee)
            && self.spec.mutators.iter().any(|x| **x == **m)
            && let Some((root, fields)) = self.mutated(obj)
        {
            let mut added = Taint::new();
            let mut proven = PROVEN;
            for a in &args {
                add_traces(&mut added, &a.deep());
                proven &= a.proven;
            }
            let mut current = match env.get(root) {
                Some(v) => v.clone(),
                None => self.globals.get(root).cloned().unwrap_or_default(),
            };
            // `list.add(x)` on a list whose elements are all known goes at the next index,
            // so a later `list.set(0, "x")` overwrites what `list.get(0)` reads.
            let next = (&**m == "add" && args.len() == 1)
                .then(|| sequence_len(nested(&current, &fields)?))
                .flatten();
            if next.is_some() || !added.is_empty() {
                let loc = self.loc(call.span);
                let note: Arc<str> = Arc::from(format!("added to `{}`", self.short(obj.span())));
                let added: Taint = added
                    .iter()
                    .map(|t| t.extend(loc.clone(), note.clone()))
                    .collect();
                match next {
                    Some(n) => {
                        let mut v = args[0].clone();
                        v.taint = added;
                        update_slot(&mut current, &fields, Some(Arc::from(n.to_string())), v);
                    }
                    None => update_slot(&mut current, &fields, None, Val::tainted(added)),
                }
                current.proven &= proven;
                env.insert(root.clone(), current);
            }
        }
        // A call that is a source returns untrusted data even when its name is also a
        // sink's whose result is clean (gin's `c.Query("id")` and `db.Query(q)`).
        if drop_taint && !source_call {
            result.taint.clear();
            result.slots = None;
        }
        result.path = path.map(|p| Arc::from(format!("{p}()")));
        Ok(result)
    }

    /// The variable (and fields) a mutator call stores into: its receiver, or the start of
    /// a chain of mutator calls.
    fn mutated<'e>(&self, obj: &'e Expr) -> Option<(&'e Name, Vec<Name>)> {
        if let Expr::Call(c) = obj
            && let Expr::Attr(inner, m, _) = &c.callee
            && self.spec.mutators.iter().any(|x| **x == **m)
        {
            return self.mutated(inner);
        }
        lvalue_path(obj)
    }

    /// Remember a call to an imported function (`pkg.mod.f`), which the tree scan may
    /// find a summary for in another file.
    fn note_import_call(&mut self, call: &Call, env: &Env) {
        let target = match &call.callee {
            Expr::Name(n, _) if !env.contains_key(n) => {
                self.imports.get(n).map(|q| self.qualify(q))
            }
            Expr::Attr(obj, m, _) => match &**obj {
                Expr::Name(n, _) if !env.contains_key(n) => self
                    .imports
                    .get(n)
                    .map(|q| format!("{}.{m}", self.qualify(q))),
                // `helper.build(x)` with `Helper helper`: a method of the declared class.
                Expr::Typed(_, ty, _) => self
                    .imports
                    .get(ty)
                    .map(|q| format!("{}.{m}", self.qualify(q))),
                _ => None,
            },
            _ => None,
        };
        if let Some(t) = target
            && !self.import_calls.contains(&t)
        {
            self.import_calls.push(t);
        }
    }

    /// The summary of the function a call reaches, when it is defined in this file or in
    /// another scanned file.
    fn resolve_local(&mut self, call: &Call, env: &Env, frame: &Frame<'_>) -> Option<Summary> {
        let found = self.find_local(call, env, frame);
        if found.as_ref().is_some_and(|(local, _)| *local) {
            self.local_calls = true;
        }
        found.map(|(_, s)| s)
    }

    /// The summary a call reaches, and whether it is of this file.
    fn find_local(&self, call: &Call, env: &Env, frame: &Frame<'_>) -> Option<(bool, Summary)> {
        match &call.callee {
            Expr::Name(n, _) if !env.contains_key(n) => {
                if self.functions.contains_key(n) {
                    return Some((true, self.summaries.get(n).cloned().unwrap_or_default()));
                }
                let q = self.imports.get(n)?;
                self.external
                    .get(&self.qualify(q))
                    .cloned()
                    .map(|s| (false, s))
            }
            Expr::Attr(obj, m, _) => match &**obj {
                Expr::Name(o, _) if &**o == "self" || &**o == "this" => {
                    let class = frame.class.as_ref()?;
                    let key: Name = Arc::from(format!("{class}.{m}"));
                    if self.functions.contains_key(&key) {
                        return Some((true, self.summaries.get(&key).cloned().unwrap_or_default()));
                    }
                    None
                }
                // `Helper.build(x)`, a static method; `helper.build(x)` with `Helper helper`.
                Expr::Name(o, _) | Expr::Typed(_, o, _)
                    if matches!(&**obj, Expr::Typed(..)) || !env.contains_key(o) =>
                {
                    let key: Name = Arc::from(format!("{o}.{m}"));
                    if self.functions.contains_key(&key) {
                        return Some((true, self.summaries.get(&key).cloned().unwrap_or_default()));
                    }
                    let q = self.imports.get(o)?;
                    self.external
                        .get(&format!("{}.{m}", self.qualify(q)))
                        .cloned()
                        .map(|s| (false, s))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// An import's target as a module path from the scan root (relative imports resolved
    /// against this file's directory).
    fn qualify(&self, q: &str) -> String {
        let dots = q.bytes().take_while(|b| *b == b'.').count();
        if dots == 0 {
            return q.to_string();
        }
        let mut dir: Vec<&str> = self.path.split('/').collect();
        dir.pop();
        for _ in 1..dots {
            dir.pop();
        }
        let rest = &q[dots..];
        let mut out = dir.join(".");
        if !out.is_empty() && !rest.is_empty() {
            out.push('.');
        }
        out.push_str(rest);
        out
    }

    fn apply_summary(
        &mut self,
        summary: &Summary,
        call: &Call,
        args: &[Val],
        receiver: Option<&Val>,
        frame: &mut Frame<'a>,
    ) -> Val {
        let call_loc = self.loc(call.span);
        let name = self.short(call.callee.span());
        let arg_taint = |p: u16| -> Taint {
            match args.get(p as usize) {
                Some(a) => a.deep(),
                // Past the given arguments: a spread may fill it.
                None => call
                    .args
                    .iter()
                    .zip(args)
                    .filter(|(a, _)| a.spread)
                    .flat_map(|(_, v)| v.deep())
                    .collect(),
            }
        };
        // Methods called on `self` count `self` as parameter 0.
        let shift = u16::from(
            receiver.is_some()
                && matches!(&call.callee, Expr::Attr(o, _, _) if matches!(&**o, Expr::Name(n, _) if &**n == "self")),
        );
        let mut out = Val::default();
        for t in &summary.ret {
            match &t.origin {
                Origin::Source(_) => add_traces(&mut out.taint, std::slice::from_ref(t)),
                Origin::Param(p) => {
                    let Some(p) = p.checked_sub(shift) else {
                        continue;
                    };
                    for a in arg_taint(p) {
                        let spliced = splice(&a, &call_loc, &name, t);
                        add_traces(&mut out.taint, &[spliced]);
                    }
                }
            }
        }
        for s in &summary.sinks {
            let Some(p) = s.param.checked_sub(shift) else {
                continue;
            };
            for a in arg_taint(p) {
                let spliced = splice(&a, &call_loc, &name, &s.trace);
                if spliced.sanitized & self.spec.rules[s.rule].bit != 0 {
                    continue;
                }
                self.report(s.rule, spliced, s.sink.clone(), frame);
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn check_sink(
        &mut self,
        rule: usize,
        sink: usize,
        call: &Call,
        args: &[Val],
        receiver: Option<&Val>,
        path: &str,
        frame: &mut Frame<'a>,
    ) {
        let spec = &self.spec.rules[rule].sinks[sink];
        if spec.except.iter().any(|p| p.matches(path)) {
            return;
        }
        let text = self.text(call.span);
        if spec.when_match.as_ref().is_some_and(|r| !r.is_match(text))
            || spec.unless_match.as_ref().is_some_and(|r| r.is_match(text))
        {
            return;
        }
        if !spec.when_args.is_empty() {
            let positional: Vec<&Val> = call
                .args
                .iter()
                .zip(args)
                .filter(|(a, _)| a.name.is_none())
                .map(|(_, v)| v)
                .collect();
            let on = spec.when_args.iter().all(|(i, allowed)| {
                positional.get(*i).is_some_and(|v| {
                    allowed.iter().any(|(raw, pattern)| match &v.konst {
                        Some(Lit::Str(k)) => **k == **raw,
                        _ => v
                            .path
                            .as_deref()
                            .zip(pattern.as_ref())
                            .is_some_and(|(p, pat)| pat.matches(p)),
                    })
                })
            });
            if !on {
                return;
            }
        }
        if let Some(kw) = &spec.when_true {
            let on = call.args.iter().zip(args).any(|(a, v)| {
                a.name.as_deref() == Some(&**kw) && v.konst.as_ref().is_none_or(Lit::truthy)
            });
            if !on {
                return;
            }
        }
        for (kw, safe) in &spec.unless {
            let is_safe = call.args.iter().zip(args).any(|(a, v)| {
                if safe.is_empty() {
                    // An option given in an object argument: `{ root: "/srv" }`.
                    return a.name.is_none() && v.slot(kw).is_some();
                }
                a.name.as_deref() == Some(&**kw)
                    && v.path
                        .as_deref()
                        .is_some_and(|p| safe.iter().any(|s| s.matches(p)))
            });
            if is_safe {
                return;
            }
        }
        let mut taint = Taint::new();
        let bit = self.spec.rules[rule].bit;
        let mut proven = true;
        let all = spec.args.is_empty() && spec.kwargs.is_empty() && !spec.receiver;
        let mut positional = 0usize;
        for (a, v) in call.args.iter().zip(args) {
            let picked = match &a.name {
                Some(n) => all || spec.kwargs.iter().any(|k| **k == **n),
                None => {
                    let i = positional;
                    positional += 1;
                    all || a.spread || spec.args.contains(&i)
                }
            };
            if picked {
                add_traces(&mut taint, &v.deep());
                proven &= v.proven & bit != 0;
            }
        }
        if proven {
            self.proven_sinks.push((rule, call.span));
        }
        if spec.receiver
            && let Some(r) = receiver
        {
            add_traces(&mut taint, &r.deep());
        }
        let label: Arc<str> = Arc::from(format!("{}()", self.short(call.callee.span())));
        self.sink(rule, &taint, call.span, label, frame);
    }

    fn response_sink(&mut self, v: &Val, span: Span, frame: &mut Frame<'a>) {
        for rule in 0..self.spec.rules.len() {
            if self.spec.rules[rule].response {
                let label: Arc<str> = Arc::from("the HTTP response body");
                self.sink(rule, &v.deep(), span, label, frame);
            }
        }
    }

    fn sink(
        &mut self,
        rule: usize,
        taint: &[Trace],
        span: Span,
        label: Arc<str>,
        frame: &mut Frame<'a>,
    ) {
        if taint.is_empty() {
            return;
        }
        let hit = SinkHit {
            loc: self.loc(span),
            label,
            matched: Arc::from(self.text(span)),
        };
        let bit = self.spec.rules[rule].bit;
        let ignored = &self.spec.rules[rule].ignore_sources;
        for t in taint {
            if t.sanitized & bit != 0
                || matches!(&t.origin, Origin::Source(l) if ignored.contains(l))
            {
                continue;
            }
            match t.origin {
                Origin::Source(_) => self.report(rule, t.clone(), hit.clone(), frame),
                Origin::Param(p) => {
                    if !frame
                        .sinks
                        .iter()
                        .any(|s| s.param == p && s.rule == rule && s.sink.loc == hit.loc)
                    {
                        frame.sinks.push(ParamSink {
                            param: p,
                            rule,
                            trace: t.clone(),
                            sink: hit.clone(),
                        });
                    }
                }
            }
        }
    }

    fn report(&mut self, rule: usize, trace: Trace, sink: SinkHit, frame: &mut Frame<'a>) {
        match trace.origin {
            Origin::Source(_) => {
                if !self
                    .findings
                    .iter()
                    .any(|f| f.rule == rule && f.sink.loc == sink.loc)
                {
                    self.findings.push(TaintFinding { rule, trace, sink });
                }
            }
            Origin::Param(p) => {
                // Through a callee's sink with our own parameter: our summary says so.
                if !frame
                    .sinks
                    .iter()
                    .any(|s| s.param == p && s.rule == rule && s.sink.loc == sink.loc)
                {
                    frame.sinks.push(ParamSink {
                        param: p,
                        rule,
                        trace,
                        sink,
                    });
                }
            }
        }
    }
}

/// Whether a regex literal (`/^[a-z]+$/i`) must match the whole string.
fn anchored_js_regex(literal: &str) -> bool {
    let Some(body) = literal.strip_prefix('/') else {
        return false;
    };
    let Some(end) = body.rfind('/') else {
        return false;
    };
    let (body, flags) = (&body[..end], &body[end + 1..]);
    // With `m`, `^` and `$` match at any line.
    body.starts_with('^') && body.ends_with('$') && !body.ends_with("\\$") && !flags.contains('m')
}

/// Whether a PHP PCRE pattern (`'/^[a-z]+$/i'`) must match the whole string: anchored at
/// both ends, without the `m` modifier.
fn anchored_php_regex(literal: &str) -> bool {
    let Some(delim) = literal
        .chars()
        .next()
        .filter(|c| !c.is_alphanumeric() && *c != '\\')
    else {
        return false;
    };
    let close = match delim {
        '(' => ')',
        '{' => '}',
        '[' => ']',
        '<' => '>',
        d => d,
    };
    let body = &literal[delim.len_utf8()..];
    let Some(end) = body.rfind(close) else {
        return false;
    };
    let (body, flags) = (&body[..end], &body[end + close.len_utf8()..]);
    let ends = (body.ends_with('$') && !body.ends_with("\\$"))
        || body.ends_with("\\z")
        || body.ends_with("\\Z");
    (body.starts_with('^') || body.starts_with("\\A")) && ends && !flags.contains('m')
}

/// The variable an expression names, through a declared type.
fn plain_name(e: &Expr) -> Option<&Name> {
    match e {
        Expr::Name(n, _) => Some(n),
        Expr::Typed(inner, _, _) => plain_name(inner),
        _ => None,
    }
}

/// Whether a `for` loop over this runs its body at least once.
fn runs_at_least_once(iter: &Expr) -> bool {
    match iter {
        Expr::List(items, _) => !items.is_empty(),
        Expr::Call(c) => {
            let is_range = matches!(&c.callee, Expr::Name(n, _) if &**n == "range");
            let num = |i: usize| match c.args.get(i).map(|a| &a.value) {
                Some(Expr::Lit(Lit::Num(n), _)) => Some(*n),
                _ => None,
            };
            is_range
                && match c.args.len() {
                    1 => num(0).is_some_and(|n| n >= 1.0),
                    2 => matches!((num(0), num(1)), (Some(a), Some(b)) if a < b),
                    _ => false,
                }
        }
        _ => false,
    }
}

/// `caller` (data at a call site) continued with `inner` (a trace inside the callee that
/// starts at one of its parameters).
fn splice(caller: &Trace, call_loc: &Loc, name: &str, inner: &Trace) -> Trace {
    let mut t = caller.extend(call_loc.clone(), Arc::from(format!("passed to {name}()")));
    for (loc, note) in inner.steps() {
        t = t.extend(loc, note);
    }
    t.sanitized |= inner.sanitized;
    t
}

fn lit_key(l: &Lit) -> Arc<str> {
    match l {
        Lit::Str(s) => s.clone(),
        Lit::Num(n) => Arc::from(n.to_string()),
        Lit::Bool(b) => Arc::from(b.to_string()),
        Lit::Null => Arc::from("null"),
    }
}

/// `a.b.c` as (a, [b, c]) when the expression is a variable or a chain of its fields.
fn lvalue_path(e: &Expr) -> Option<(&Name, Vec<Name>)> {
    match e {
        Expr::Name(n, _) => Some((n, Vec::new())),
        Expr::Typed(inner, _, _) => lvalue_path(inner),
        Expr::Attr(obj, f, _) => {
            let (root, mut fields) = lvalue_path(obj)?;
            fields.push(f.clone());
            Some((root, fields))
        }
        _ => None,
    }
}

/// The value at `fields` inside `v`.
fn nested<'v>(v: &'v Val, fields: &[Name]) -> Option<&'v Val> {
    match fields.split_first() {
        None => Some(v),
        Some((first, rest)) => nested(v.slot(first)?, rest),
    }
}

/// How many elements a list holds when every one of them is known (slots `0..n`, nothing
/// under an unknown key).
fn sequence_len(v: &Val) -> Option<usize> {
    let s = v.slots.as_ref()?;
    if !s.any.is_empty() {
        return None;
    }
    let n = s.named.len();
    (0..n)
        .all(|i| s.named.iter().any(|(k, _)| **k == *i.to_string()))
        .then_some(n)
}

fn update_slot(current: &mut Val, fields: &[Name], key: Option<Arc<str>>, value: Val) {
    let mut slots = current.slots.as_deref().cloned().unwrap_or_default();
    match fields.split_first() {
        Some((first, rest)) => {
            let mut inner = slots
                .named
                .iter()
                .find(|(k, _)| k == first)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            update_slot(&mut inner, rest, key, value);
            match slots.named.iter_mut().find(|(k, _)| k == first) {
                Some((_, v)) => *v = inner,
                None => slots.named.push((first.clone(), inner)),
            }
        }
        None => match key {
            Some(k) => match slots.named.iter_mut().find(|(k2, _)| *k2 == k) {
                Some((_, v)) => *v = value,
                None => slots.named.push((k, value)),
            },
            None => add_traces(&mut slots.any, &value.deep()),
        },
    }
    current.slots = Some(Arc::new(slots));
    current.konst = None;
}
