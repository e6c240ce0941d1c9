//! The expression language of Nuclei templates, as far as steward runs it: `dsl` matchers
//! (`status_code == 200 && contains(body, 'Dashboard')`) and the `{{...}}` placeholders of
//! requests (`{{BaseURL}}`, `{{base64(username + ':' + password)}}`). Literals (numbers,
//! quoted strings, `true`/`false`), variables, `!`, `-`, `+ - * / %`, comparisons, `&&`,
//! `||`, parentheses, and the helper functions in [`FUNCTIONS`]. Expressions are parsed
//! when the template loads, so a typo is an error then, not a silent non-match later.

use std::fmt;

use base64::Engine as _;

/// A value: numbers are f64 (status codes, lengths), text is a string.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Num(f64),
    Str(String),
    Bool(bool),
}

impl Value {
    fn truthy(&self) -> bool {
        match self {
            Value::Bool(b) => *b,
            Value::Num(n) => *n != 0.0,
            Value::Str(s) => !s.is_empty(),
        }
    }

    fn number(&self) -> Option<f64> {
        match self {
            Value::Num(n) => Some(*n),
            Value::Str(s) => s.trim().parse().ok(),
            Value::Bool(_) => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => write!(f, "{}", *n as i64),
            Value::Num(n) => write!(f, "{n}"),
            Value::Str(s) => f.write_str(s),
            Value::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// Where variables come from.
pub trait Vars {
    fn var(&self, name: &str) -> Option<Value>;
}

impl<F: Fn(&str) -> Option<Value>> Vars for F {
    fn var(&self, name: &str) -> Option<Value> {
        self(name)
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DslError {
    #[error("`{expr}`: {message}")]
    Syntax { expr: String, message: String },
    #[error("unknown variable `{0}`")]
    UnknownVariable(String),
    #[error("{0}")]
    Eval(String),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Lit(Value),
    Var(String),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
}

/// The helper functions, with how many arguments each takes (min, max; `usize::MAX` for
/// any number).
pub const FUNCTIONS: &[(&str, usize, usize)] = &[
    ("contains", 2, 2),
    ("contains_all", 2, usize::MAX),
    ("contains_any", 2, usize::MAX),
    ("starts_with", 2, usize::MAX),
    ("ends_with", 2, usize::MAX),
    ("regex", 2, 2),
    ("len", 1, 1),
    ("to_lower", 1, 1),
    ("to_upper", 1, 1),
    ("trim_space", 1, 1),
    ("replace", 3, 3),
    ("concat", 1, usize::MAX),
    ("base64", 1, 1),
    ("base64_decode", 1, 1),
    ("url_encode", 1, 1),
    ("url_decode", 1, 1),
    ("hex_encode", 1, 1),
    ("to_number", 1, 1),
    ("to_string", 1, 1),
];

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(f64),
    Str(String),
    Ident(String),
    Op(&'static str),
    LParen,
    RParen,
    Comma,
}

fn tokenize(src: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            out.push(Token::Num(
                text.parse()
                    .map_err(|_| format!("`{text}` is not a number"))?,
            ));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
        } else if c == '\'' || c == '"' {
            let quote = c;
            i += 1;
            let mut s = String::new();
            loop {
                let Some(&c) = chars.get(i) else {
                    return Err("a string is not closed".into());
                };
                i += 1;
                if c == quote {
                    break;
                }
                if c == '\\' {
                    let Some(&e) = chars.get(i) else {
                        return Err("a string ends in a backslash".into());
                    };
                    i += 1;
                    s.push(match e {
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        other => other,
                    });
                } else {
                    s.push(c);
                }
            }
            out.push(Token::Str(s));
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let op = match two.as_str() {
                "||" => Some("||"),
                "&&" => Some("&&"),
                "==" => Some("=="),
                "!=" => Some("!="),
                "<=" => Some("<="),
                ">=" => Some(">="),
                _ => None,
            };
            if let Some(op) = op {
                out.push(Token::Op(op));
                i += 2;
                continue;
            }
            out.push(match c {
                '(' => Token::LParen,
                ')' => Token::RParen,
                ',' => Token::Comma,
                '<' => Token::Op("<"),
                '>' => Token::Op(">"),
                '+' => Token::Op("+"),
                '-' => Token::Op("-"),
                '*' => Token::Op("*"),
                '/' => Token::Op("/"),
                '%' => Token::Op("%"),
                '!' => Token::Op("!"),
                other => return Err(format!("unexpected `{other}`")),
            });
            i += 1;
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

fn binary(op: &str) -> Option<(Op, u8)> {
    Some(match op {
        "||" => (Op::Or, 1),
        "&&" => (Op::And, 2),
        "==" => (Op::Eq, 3),
        "!=" => (Op::Ne, 3),
        "<" => (Op::Lt, 3),
        "<=" => (Op::Le, 3),
        ">" => (Op::Gt, 3),
        ">=" => (Op::Ge, 3),
        "+" => (Op::Add, 4),
        "-" => (Op::Sub, 4),
        "*" => (Op::Mul, 5),
        "/" => (Op::Div, 5),
        "%" => (Op::Rem, 5),
        _ => return None,
    })
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn expr(&mut self, min: u8) -> Result<Expr, String> {
        let mut left = self.unary()?;
        while let Some(Token::Op(op)) = self.peek() {
            let Some((op, prec)) = binary(op) else { break };
            if prec < min {
                break;
            }
            self.at += 1;
            let right = self.expr(prec + 1)?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        match self.peek() {
            Some(Token::Op("!")) => {
                self.at += 1;
                Ok(Expr::Not(Box::new(self.unary()?)))
            }
            Some(Token::Op("-")) => {
                self.at += 1;
                Ok(Expr::Neg(Box::new(self.unary()?)))
            }
            _ => self.primary(),
        }
    }

    fn primary(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(Token::Num(n)) => Ok(Expr::Lit(Value::Num(n))),
            Some(Token::Str(s)) => Ok(Expr::Lit(Value::Str(s))),
            Some(Token::LParen) => {
                let e = self.expr(0)?;
                match self.next() {
                    Some(Token::RParen) => Ok(e),
                    _ => Err("a `(` is not closed".into()),
                }
            }
            Some(Token::Ident(name)) => {
                if self.peek() == Some(&Token::LParen) {
                    self.at += 1;
                    let mut args = Vec::new();
                    if self.peek() == Some(&Token::RParen) {
                        self.at += 1;
                    } else {
                        loop {
                            args.push(self.expr(0)?);
                            match self.next() {
                                Some(Token::Comma) => continue,
                                Some(Token::RParen) => break,
                                _ => return Err(format!("the call to `{name}` is not closed")),
                            }
                        }
                    }
                    let Some((_, min, max)) = FUNCTIONS.iter().find(|(f, _, _)| *f == name) else {
                        return Err(format!(
                            "unknown function `{name}` (steward knows {})",
                            FUNCTIONS
                                .iter()
                                .map(|(f, _, _)| *f)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                    };
                    if args.len() < *min || args.len() > *max {
                        return Err(format!(
                            "`{name}` takes {}, not {} argument(s)",
                            if min == max {
                                min.to_string()
                            } else if *max == usize::MAX {
                                format!("at least {min}")
                            } else {
                                format!("{min} to {max}")
                            },
                            args.len()
                        ));
                    }
                    if name == "regex"
                        && let Expr::Lit(Value::Str(p)) = &args[0]
                    {
                        regex::Regex::new(p).map_err(|e| format!("regex `{p}`: {e}"))?;
                    }
                    Ok(Expr::Call(name, args))
                } else {
                    Ok(match name.as_str() {
                        "true" => Expr::Lit(Value::Bool(true)),
                        "false" => Expr::Lit(Value::Bool(false)),
                        _ => Expr::Var(name),
                    })
                }
            }
            Some(t) => Err(format!("unexpected {t:?}")),
            None => Err("the expression ends too early".into()),
        }
    }
}

/// Parse one expression.
pub fn parse(src: &str) -> Result<Expr, DslError> {
    let syntax = |message: String| DslError::Syntax {
        expr: src.to_string(),
        message,
    };
    let tokens = tokenize(src).map_err(syntax)?;
    let mut p = Parser { tokens, at: 0 };
    let e = p.expr(0).map_err(syntax)?;
    if p.at < p.tokens.len() {
        return Err(syntax(format!("unexpected {:?}", p.tokens[p.at])));
    }
    Ok(e)
}

impl Expr {
    /// The variables the expression reads.
    pub fn variables(&self, out: &mut Vec<String>) {
        match self {
            Expr::Lit(_) => {}
            Expr::Var(v) => out.push(v.clone()),
            Expr::Not(e) | Expr::Neg(e) => e.variables(out),
            Expr::Bin(_, a, b) => {
                a.variables(out);
                b.variables(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.variables(out)),
        }
    }

    pub fn eval(&self, vars: &dyn Vars) -> Result<Value, DslError> {
        Ok(match self {
            Expr::Lit(v) => v.clone(),
            Expr::Var(name) => vars
                .var(name)
                .ok_or_else(|| DslError::UnknownVariable(name.clone()))?,
            Expr::Not(e) => Value::Bool(!e.eval(vars)?.truthy()),
            Expr::Neg(e) => Value::Num(
                -e.eval(vars)?
                    .number()
                    .ok_or_else(|| DslError::Eval("`-` needs a number".into()))?,
            ),
            Expr::Bin(Op::Or, a, b) => {
                Value::Bool(a.eval(vars)?.truthy() || b.eval(vars)?.truthy())
            }
            Expr::Bin(Op::And, a, b) => {
                Value::Bool(a.eval(vars)?.truthy() && b.eval(vars)?.truthy())
            }
            Expr::Bin(op, a, b) => {
                let (a, b) = (a.eval(vars)?, b.eval(vars)?);
                let nums = a.number().zip(b.number());
                let text_only = matches!((&a, &b), (Value::Str(_), Value::Str(_)));
                match op {
                    Op::Eq | Op::Ne => {
                        let same = match (&a, &b) {
                            (Value::Bool(x), Value::Bool(y)) => x == y,
                            _ => match nums {
                                Some((x, y)) if !text_only => x == y,
                                _ => a.to_string() == b.to_string(),
                            },
                        };
                        Value::Bool(same == (*op == Op::Eq))
                    }
                    Op::Lt | Op::Le | Op::Gt | Op::Ge => {
                        let ord = match nums {
                            Some((x, y)) => x.partial_cmp(&y),
                            None => Some(a.to_string().cmp(&b.to_string())),
                        }
                        .ok_or_else(|| DslError::Eval("cannot compare".into()))?;
                        Value::Bool(match op {
                            Op::Lt => ord.is_lt(),
                            Op::Le => ord.is_le(),
                            Op::Gt => ord.is_gt(),
                            _ => ord.is_ge(),
                        })
                    }
                    Op::Add => match (&a, &b, nums) {
                        (Value::Num(_), Value::Num(_), Some((x, y))) => Value::Num(x + y),
                        _ => Value::Str(format!("{a}{b}")),
                    },
                    _ => {
                        let (x, y) =
                            nums.ok_or_else(|| DslError::Eval("arithmetic needs numbers".into()))?;
                        Value::Num(match op {
                            Op::Sub => x - y,
                            Op::Mul => x * y,
                            Op::Div if y != 0.0 => x / y,
                            Op::Rem if y != 0.0 => x % y,
                            _ => return Err(DslError::Eval("division by zero".into())),
                        })
                    }
                }
            }
            Expr::Call(name, args) => {
                let v: Vec<Value> = args
                    .iter()
                    .map(|a| a.eval(vars))
                    .collect::<Result<_, _>>()?;
                call(name, &v)?
            }
        })
    }
}

fn call(name: &str, v: &[Value]) -> Result<Value, DslError> {
    let s = |i: usize| v.get(i).map(Value::to_string).unwrap_or_default();
    let rest = || v[1..].iter().map(Value::to_string);
    Ok(match name {
        "contains" => Value::Bool(s(0).contains(&s(1))),
        "contains_all" => Value::Bool(rest().all(|x| s(0).contains(&x))),
        "contains_any" => Value::Bool(rest().any(|x| s(0).contains(&x))),
        "starts_with" => Value::Bool(rest().any(|x| s(0).starts_with(&x))),
        "ends_with" => Value::Bool(rest().any(|x| s(0).ends_with(&x))),
        "regex" => {
            let re = regex::Regex::new(&s(0))
                .map_err(|e| DslError::Eval(format!("regex `{}`: {e}", s(0))))?;
            Value::Bool(re.is_match(&s(1)))
        }
        "len" => Value::Num(s(0).chars().count() as f64),
        "to_lower" => Value::Str(s(0).to_lowercase()),
        "to_upper" => Value::Str(s(0).to_uppercase()),
        "trim_space" => Value::Str(s(0).trim().to_string()),
        "replace" => Value::Str(s(0).replace(&s(1), &s(2))),
        "concat" => Value::Str(v.iter().map(Value::to_string).collect()),
        "base64" => Value::Str(base64::engine::general_purpose::STANDARD.encode(s(0))),
        "base64_decode" => Value::Str(
            base64::engine::general_purpose::STANDARD
                .decode(s(0).trim())
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| DslError::Eval(format!("base64_decode: {e}")))?,
        ),
        "url_encode" => Value::Str(url_encode(&s(0))),
        "url_decode" => Value::Str(url_decode(&s(0))),
        "hex_encode" => Value::Str(s(0).bytes().map(|b| format!("{b:02x}")).collect()),
        "to_number" => Value::Num(
            v[0].number()
                .ok_or_else(|| DslError::Eval(format!("to_number: `{}`", s(0))))?,
        ),
        "to_string" => Value::Str(s(0)),
        other => return Err(DslError::Eval(format!("unknown function `{other}`"))),
    })
}

/// Percent-encoding of everything but RFC 3986's unreserved characters.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn url_decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A text with `{{expression}}` placeholders, parsed.
#[derive(Debug, Clone)]
pub struct Interpolated {
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
enum Part {
    Text(String),
    Expr(Expr),
}

impl Interpolated {
    pub fn parse(text: &str) -> Result<Self, DslError> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start + 2..].find("}}") else {
                break;
            };
            if start > 0 {
                parts.push(Part::Text(rest[..start].to_string()));
            }
            parts.push(Part::Expr(parse(rest[start + 2..start + 2 + len].trim())?));
            rest = &rest[start + 2 + len + 2..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(Interpolated { parts })
    }

    pub fn variables(&self, out: &mut Vec<String>) {
        for p in &self.parts {
            if let Part::Expr(e) = p {
                e.variables(out);
            }
        }
    }

    pub fn render(&self, vars: &dyn Vars) -> Result<String, DslError> {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Expr(e) => out.push_str(&e.eval(vars)?.to_string()),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(name: &str) -> Option<Value> {
        match name {
            "status_code" => Some(Value::Num(200.0)),
            "body" => Some(Value::Str("<title>Grafana</title> Logged in".into())),
            "username" => Some(Value::Str("admin".into())),
            "password" => Some(Value::Str("admin".into())),
            "content_type" => Some(Value::Str("application/json".into())),
            _ => None,
        }
    }

    fn eval(src: &str) -> Value {
        parse(src).unwrap().eval(&vars).unwrap()
    }

    #[test]
    fn matchers_as_nuclei_writes_them() {
        assert_eq!(
            eval("status_code == 200 && contains(body, 'Logged in')"),
            Value::Bool(true)
        );
        assert_eq!(
            eval("status_code == 302 || !contains(to_lower(body), 'grafana')"),
            Value::Bool(false)
        );
        assert_eq!(
            eval("len(body) > 10 && regex('(?i)<title>grafana', body)"),
            Value::Bool(true)
        );
        assert_eq!(
            eval("contains_any(content_type, 'xml', 'json')"),
            Value::Bool(true)
        );
        assert_eq!(eval("(1 + 2) * 3 == 9"), Value::Bool(true));
        assert_eq!(
            eval("status_code >= 200 && status_code < 300"),
            Value::Bool(true)
        );
        assert_eq!(eval("'200' == status_code"), Value::Bool(true));
    }

    #[test]
    fn placeholders_render_helpers() {
        let t = Interpolated::parse("Basic {{base64(username + ':' + password)}}").unwrap();
        assert_eq!(t.render(&vars).unwrap(), "Basic YWRtaW46YWRtaW4=");
        let t = Interpolated::parse("{{url_encode('a b&c')}}|{{url_decode('a%20b+c')}}").unwrap();
        assert_eq!(t.render(&vars).unwrap(), "a%20b%26c|a b c");
        let mut names = Vec::new();
        Interpolated::parse("{{BaseURL}}/x?u={{username}}")
            .unwrap()
            .variables(&mut names);
        assert_eq!(names, ["BaseURL", "username"]);
        assert_eq!(
            Interpolated::parse("{{nope}}").unwrap().render(&vars),
            Err(DslError::UnknownVariable("nope".into()))
        );
    }

    #[test]
    fn errors_are_found_when_parsing() {
        assert!(parse("status_code == ").is_err());
        assert!(
            parse("md5(body) == 'x'")
                .unwrap_err()
                .to_string()
                .contains("unknown function")
        );
        assert!(
            parse("contains(body)")
                .unwrap_err()
                .to_string()
                .contains("takes 2")
        );
        assert!(parse("regex('(', body)").is_err());
        assert!(parse("'open").is_err());
        assert!(parse("a b").is_err());
    }
}
