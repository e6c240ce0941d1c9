//! Terraform HCL to policy input, one document per module (every `.tf` file of a
//! directory), with hcl-edit's byte spans turned into lines.
//!
//! ```json
//! {"resource": {"aws_s3_bucket": {"logs": {"acl": "private", "versioning": [{...}]}}},
//!  "data": {...}, "module": {...}, "variable": {"region": {"default": "eu-west-1"}},
//!  "locals": {...}, "provider": {"aws": [{...}]}, "output": {...}, "terraform": [{...}]}
//! ```
//!
//! Nested blocks are always arrays, even when written once. Literals stay literals;
//! `var.x` becomes the variable's value when it is a literal (from `terraform.tfvars` or
//! `*.auto.tfvars` beside the `.tf` files, else its default); any other
//! expression becomes its source text in interpolation form (`${aws_kms_key.k.arn}`,
//! `${local.name}-logs`), so a policy can see that it is set, what it refers to, and that
//! it is not a literal (literal strings never contain `${`). Every attribute is located
//! at its own line.

use std::collections::HashMap;

use hcl_edit::Span;
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{BlockLabel, Body, Structure};
use serde_json::{Map, Value, json};
use steward_core::finding::LineIndex;
use steward_policy::{DocPath, Position, SourceMap};

use crate::ParseError;

/// One parsed file of a module.
struct Parsed<'a> {
    path: &'a str,
    text: &'a str,
    lines: LineIndex,
    body: Body,
}

/// A Terraform module assembled from its files, and the files that did not parse.
pub struct Module {
    /// The policy input, `None` when no file parsed.
    pub document: Option<(Value, SourceMap)>,
    /// `(file, error)` for each file that did not parse.
    pub errors: Vec<(String, ParseError)>,
}

/// Whether Terraform reads this variable-values file by itself when it sits in the
/// module's directory: `terraform.tfvars`, `*.auto.tfvars` and their `.json` forms (other
/// `.tfvars` are only read when named with `-var-file`).
pub fn is_auto_tfvars(rel_path: &str) -> bool {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    let stem = name.strip_suffix(".json").unwrap_or(name);
    stem == "terraform.tfvars" || stem.ends_with(".auto.tfvars")
}

/// The literal variable values of a `.tfvars` (HCL attributes) or `.tfvars.json` file.
/// Expressions, which Terraform rejects in these files, are left out.
pub fn parse_tfvars(rel_path: &str, text: &str) -> Result<Vec<(String, Value)>, ParseError> {
    if rel_path.ends_with(".json") {
        let value: Value = serde_json::from_str(text).map_err(|e| ParseError {
            line: e.line() as u32,
            message: e.to_string(),
        })?;
        let Value::Object(o) = value else {
            return Err(ParseError {
                line: 1,
                message: "a .tfvars.json file must be a JSON object of variable values".into(),
            });
        };
        return Ok(o.into_iter().collect());
    }
    let body = hcl_edit::parser::parse_body(text).map_err(|e| ParseError {
        line: e.location().line() as u32,
        message: e.message().to_string(),
    })?;
    Ok(body
        .attributes()
        .filter_map(|a| Some((a.key.as_str().to_string(), literal(&a.value)?)))
        .collect())
}

/// The order Terraform applies value files in, later ones winning: `terraform.tfvars`,
/// `terraform.tfvars.json`, then `*.auto.tfvars(.json)` by file name.
fn tfvars_order(rel_path: &str) -> (u8, &str) {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    match name {
        "terraform.tfvars" => (0, name),
        "terraform.tfvars.json" => (1, name),
        _ => (2, name),
    }
}

/// Parse the `(path, text)` files of one module directory: its `.tf` files, and the
/// value files Terraform loads by itself ([`is_auto_tfvars`]), whose literal values
/// replace the variables' defaults.
pub fn parse_module(files: &[(String, String)]) -> Module {
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    let mut value_files: Vec<&(String, String)> = Vec::new();
    for file in files {
        let (path, text) = file;
        if is_auto_tfvars(path) {
            value_files.push(file);
            continue;
        }
        if path.ends_with(".tfvars") || path.ends_with(".tfvars.json") {
            continue;
        }
        match hcl_edit::parser::parse_body(text) {
            Ok(body) => parsed.push(Parsed {
                path,
                text,
                lines: LineIndex::new(text.as_bytes()),
                body,
            }),
            Err(e) => errors.push((
                path.clone(),
                ParseError {
                    line: e.location().line() as u32,
                    message: e.message().to_string(),
                },
            )),
        }
    }
    value_files.sort_by(|a, b| tfvars_order(&a.0).cmp(&tfvars_order(&b.0)));
    let mut values = Vec::new();
    for (path, text) in value_files {
        match parse_tfvars(path, text) {
            Ok(v) => values.extend(v),
            Err(e) => errors.push((path.clone(), e)),
        }
    }
    if parsed.is_empty() {
        return Module {
            document: None,
            errors,
        };
    }
    // Literal variable defaults, from every file, before any expression is converted.
    let mut defaults = HashMap::new();
    for p in &parsed {
        for s in p.body.iter() {
            if let Structure::Block(b) = s
                && b.ident.as_str() == "variable"
                && let Some(name) = b.labels.first().map(label)
            {
                for a in b.body.attributes() {
                    if a.key.as_str() == "default"
                        && let Some(v) = literal(&a.value)
                    {
                        defaults.insert(name.clone(), v);
                    }
                }
            }
        }
    }
    defaults.extend(values);
    let mut doc = Map::new();
    let mut map = SourceMap::new();
    for p in &parsed {
        let cx = Cx {
            file: p,
            defaults: &defaults,
        };
        for s in p.body.iter() {
            let Structure::Block(b) = s else { continue };
            let kind = b.ident.as_str();
            let labels: Vec<String> = b.labels.iter().map(label).collect();
            let at = cx.pos(b.span());
            let (path, alias) = match (kind, labels.as_slice()) {
                ("resource", [t, n]) => (
                    DocPath::root().key("resource").key(t).key(n),
                    Some(format!("{t}.{n}")),
                ),
                ("data", [t, n]) => (
                    DocPath::root().key("data").key(t).key(n),
                    Some(format!("data.{t}.{n}")),
                ),
                ("module" | "variable" | "output", [n]) => {
                    let prefix = match kind {
                        "module" => "module",
                        "variable" => "var",
                        _ => "output",
                    };
                    (
                        DocPath::root().key(kind).key(n),
                        Some(format!("{prefix}.{n}")),
                    )
                }
                ("provider", [n]) => {
                    let list = doc
                        .entry("provider")
                        .or_insert_with(|| json!({}))
                        .as_object_mut()
                        .map(|o| {
                            o.entry(n.clone())
                                .or_insert_with(|| json!([]))
                                .as_array()
                                .map_or(0, Vec::len)
                        })
                        .unwrap_or(0);
                    (DocPath::root().key("provider").key(n).index(list), None)
                }
                ("locals", []) => {
                    let locals_path = DocPath::root().key("locals");
                    let obj = cx.body(&b.body, &locals_path, &mut map);
                    let locals = doc.entry("locals").or_insert_with(|| json!({}));
                    if let (Value::Object(dst), Value::Object(src)) = (locals, obj) {
                        for (k, v) in src {
                            map.set_file(locals_path.key(&k), p.path);
                            dst.insert(k, v);
                        }
                    }
                    continue;
                }
                ("terraform", []) => {
                    let n = doc
                        .get("terraform")
                        .and_then(Value::as_array)
                        .map_or(0, Vec::len);
                    (DocPath::root().key("terraform").index(n), None)
                }
                _ => continue,
            };
            if let Some(pos) = at {
                map.insert(path.clone(), pos);
            }
            map.set_file(path.clone(), p.path);
            if let Some(a) = alias {
                map.alias(a, path.clone());
            }
            let value = cx.body(&b.body, &path, &mut map);
            insert_at(&mut doc, &path, value);
        }
    }
    Module {
        document: Some((Value::Object(doc), map)),
        errors,
    }
}

/// Put `value` at `path` (object keys, or an index one past the end to append).
fn insert_at(doc: &mut Map<String, Value>, path: &DocPath, value: Value) {
    use steward_policy::Segment;
    let mut cur: &mut Value = doc
        .entry(match &path.0[0] {
            Segment::Key(k) => k.clone(),
            Segment::Index(_) => return,
        })
        .or_insert(Value::Null);
    let rest = &path.0[1..];
    for (i, seg) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        match seg {
            Segment::Key(k) => {
                if !cur.is_object() {
                    *cur = json!({});
                }
                let Some(obj) = cur.as_object_mut() else {
                    return;
                };
                let slot = obj.entry(k.clone()).or_insert(Value::Null);
                if last {
                    *slot = value;
                    return;
                }
                cur = slot;
            }
            Segment::Index(_) => {
                if !cur.is_array() {
                    *cur = json!([]);
                }
                let Some(arr) = cur.as_array_mut() else {
                    return;
                };
                arr.push(if last { value } else { Value::Null });
                return;
            }
        }
    }
    if rest.is_empty() {
        *cur = value;
    }
}

fn label(l: &BlockLabel) -> String {
    match l {
        BlockLabel::Ident(i) => i.as_str().to_string(),
        BlockLabel::String(s) => s.value().to_string(),
    }
}

fn literal(e: &Expression) -> Option<Value> {
    match e {
        Expression::Null(_) => Some(Value::Null),
        Expression::Bool(b) => Some(json!(*b.value())),
        Expression::Number(n) => {
            let n = n.value();
            n.as_i64()
                .map(Value::from)
                .or_else(|| n.as_f64().map(Value::from))
        }
        Expression::String(s) => Some(json!(s.value())),
        Expression::Array(a) => a
            .iter()
            .map(literal)
            .collect::<Option<Vec<_>>>()
            .map(Value::Array),
        Expression::Object(o) => {
            let mut m = Map::new();
            for (k, v) in o.iter() {
                let key = match k {
                    ObjectKey::Ident(i) => i.as_str().to_string(),
                    ObjectKey::Expression(Expression::String(s)) => s.value().to_string(),
                    _ => return None,
                };
                m.insert(key, literal(v.expr())?);
            }
            Some(Value::Object(m))
        }
        _ => None,
    }
}

struct Cx<'a> {
    file: &'a Parsed<'a>,
    defaults: &'a HashMap<String, Value>,
}

impl Cx<'_> {
    fn pos(&self, span: Option<std::ops::Range<usize>>) -> Option<Position> {
        let span = span?;
        let (line, column) = self
            .file
            .lines
            .line_col(self.file.text.as_bytes(), span.start);
        Some(Position { line, column })
    }

    fn text(&self, span: Option<std::ops::Range<usize>>) -> String {
        span.and_then(|r| self.file.text.get(r))
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    fn body(&self, body: &Body, path: &DocPath, map: &mut SourceMap) -> Value {
        let mut obj = Map::new();
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let key = a.key.as_str();
                    let child = path.key(key);
                    if let Some(p) = self.pos(a.span()) {
                        map.insert(child.clone(), p);
                    }
                    obj.insert(key.to_string(), self.expr(&a.value, &child, map));
                }
                Structure::Block(b) => {
                    let key = b.ident.as_str().to_string();
                    let list = obj.entry(key.clone()).or_insert_with(|| json!([]));
                    let n = list.as_array().map_or(0, Vec::len);
                    let child = path.key(&key).index(n);
                    if let Some(p) = self.pos(b.span()) {
                        map.insert(child.clone(), p);
                    }
                    let mut value = self.body(&b.body, &child, map);
                    if !b.labels.is_empty()
                        && let Value::Object(o) = &mut value
                    {
                        let labels: Vec<String> = b.labels.iter().map(label).collect();
                        o.insert("__labels__".into(), json!(labels));
                    }
                    if let Some(arr) = obj.get_mut(&key).and_then(Value::as_array_mut) {
                        arr.push(value);
                    }
                }
            }
        }
        Value::Object(obj)
    }

    fn expr(&self, e: &Expression, path: &DocPath, map: &mut SourceMap) -> Value {
        match e {
            Expression::Array(a) => Value::Array(
                a.iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let child = path.index(i);
                        if let Some(p) = self.pos(item.span()) {
                            map.insert(child.clone(), p);
                        }
                        self.expr(item, &child, map)
                    })
                    .collect(),
            ),
            Expression::Object(o) => {
                let mut m = Map::new();
                for (k, v) in o.iter() {
                    let key = match k {
                        ObjectKey::Ident(i) => i.as_str().to_string(),
                        ObjectKey::Expression(Expression::String(s)) => s.value().to_string(),
                        ObjectKey::Expression(other) => self.text(other.span()),
                    };
                    let child = path.key(&key);
                    if let Some(p) = self.pos(k.span()) {
                        map.insert(child.clone(), p);
                    }
                    m.insert(key, self.expr(v.expr(), &child, map));
                }
                Value::Object(m)
            }
            Expression::Traversal(_) | Expression::Variable(_) => {
                let text = self.text(e.span());
                text.strip_prefix("var.")
                    .and_then(|name| self.defaults.get(name))
                    .cloned()
                    .unwrap_or_else(|| Value::String(format!("${{{text}}}")))
            }
            Expression::StringTemplate(_) => {
                let text = self.text(e.span());
                let inner = text
                    .strip_prefix('"')
                    .and_then(|t| t.strip_suffix('"'))
                    .unwrap_or(&text);
                // "${var.x}" alone is the variable itself.
                if let Some(name) = inner
                    .strip_prefix("${var.")
                    .and_then(|t| t.strip_suffix('}'))
                    && let Some(v) = self.defaults.get(name)
                {
                    return v.clone();
                }
                Value::String(inner.to_string())
            }
            // `jsonencode({...})` is the JSON text Terraform would produce, so policy
            // documents written in HCL read like those written as JSON.
            Expression::FuncCall(f)
                if f.name.name.as_str() == "jsonencode" && f.args.iter().count() == 1 =>
            {
                let mut scratch = SourceMap::new();
                let arg = f
                    .args
                    .iter()
                    .next()
                    .map(|a| self.expr(a, path, &mut scratch));
                Value::String(arg.unwrap_or(Value::Null).to_string())
            }
            Expression::HeredocTemplate(_) => {
                let text = self.text(e.span());
                let mut lines: Vec<&str> = text.lines().skip(1).collect();
                lines.pop();
                Value::String(lines.join("\n"))
            }
            other => literal(other)
                .unwrap_or_else(|| Value::String(format!("${{{}}}", self.text(other.span())))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(files: &[(&str, &str)]) -> Module {
        let owned: Vec<(String, String)> = files
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        parse_module(&owned)
    }

    #[test]
    fn resources_nested_blocks_variables_and_lines() {
        let main = r#"variable "acl" {
  default = "public-read"
}

resource "aws_s3_bucket" "b" {
  bucket = "logs-${local.env}"
  acl    = var.acl
  versioning {
    enabled = true
  }
  tags = { Name = "x" }
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*" }] })
  doc = <<EOF
{"a": 1}
EOF
}
"#;
        let sg = r#"resource "aws_security_group" "sg" {
  ingress {
    from_port   = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port = 443
  }
}
locals {
  env = "prod"
}
"#;
        let m = module(&[("main.tf", main), ("sg.tf", sg)]);
        assert!(m.errors.is_empty());
        let (doc, map) = m.document.unwrap();
        let b = &doc["resource"]["aws_s3_bucket"]["b"];
        assert_eq!(b["acl"], "public-read");
        assert_eq!(b["bucket"], "logs-${local.env}");
        assert_eq!(b["versioning"][0]["enabled"], true);
        assert_eq!(b["tags"]["Name"], "x");
        assert_eq!(doc["locals"]["env"], "prod");
        assert_eq!(
            b["policy"],
            r#"{"Statement":[{"Effect":"Allow","Principal":"*"}]}"#
        );
        assert_eq!(b["doc"], r#"{"a": 1}"#);
        let sg_doc = &doc["resource"]["aws_security_group"]["sg"];
        assert_eq!(sg_doc["ingress"].as_array().unwrap().len(), 2);
        assert_eq!(sg_doc["ingress"][0]["cidr_blocks"][0], "0.0.0.0/0");
        assert_eq!(doc["locals"]["env"], "prod");
        let acl = DocPath::parse("resource.aws_s3_bucket.b.acl");
        assert_eq!(map.locate(&acl).unwrap().line, 7);
        assert_eq!(map.file_of(&acl), Some("main.tf"));
        let cidr = DocPath::parse("resource.aws_security_group.sg.ingress[0].cidr_blocks");
        assert_eq!(map.locate(&cidr).unwrap().line, 4);
        assert_eq!(map.file_of(&cidr), Some("sg.tf"));
        assert_eq!(
            map.resolve_alias("aws_s3_bucket.b"),
            Some(&DocPath::parse("resource.aws_s3_bucket.b"))
        );
    }

    #[test]
    fn auto_tfvars_set_variables_in_terraform_order() {
        let main = "variable \"acl\" {\n  default = \"private\"\n}\nvariable \"cidr\" {}\nvariable \"port\" {}\n\nresource \"aws_s3_bucket\" \"b\" {\n  acl = var.acl\n}\nresource \"aws_security_group_rule\" \"r\" {\n  cidr_blocks = [var.cidr]\n  from_port = var.port\n}\n";
        let m = module(&[
            ("main.tf", main),
            ("z.auto.tfvars", "acl = \"public-read\"\n"),
            (
                "terraform.tfvars",
                "acl = \"authenticated-read\"\ncidr = \"0.0.0.0/0\"\n",
            ),
            ("terraform.tfvars.json", "{\"port\": 22}"),
            ("prod.tfvars", "acl = \"never-read\"\n"),
        ]);
        assert!(m.errors.is_empty(), "{:?}", m.errors);
        let (doc, map) = m.document.unwrap();
        assert_eq!(doc["resource"]["aws_s3_bucket"]["b"]["acl"], "public-read");
        let r = &doc["resource"]["aws_security_group_rule"]["r"];
        assert_eq!(r["cidr_blocks"][0], "0.0.0.0/0");
        assert_eq!(r["from_port"], 22);
        let acl = DocPath::parse("resource.aws_s3_bucket.b.acl");
        assert_eq!(map.file_of(&acl), Some("main.tf"));
        assert_eq!(map.locate(&acl).unwrap().line, 8);
        assert!(is_auto_tfvars("env/a.auto.tfvars.json"));
        assert!(!is_auto_tfvars("prod.tfvars"));
    }

    #[test]
    fn a_broken_tfvars_file_is_an_error_on_its_line() {
        let m = module(&[
            ("main.tf", "variable \"a\" {}\n"),
            ("terraform.tfvars", "a = 1\nb = \n"),
            ("x.auto.tfvars.json", "{\"a\": 1,\n}"),
        ]);
        let mut errs: Vec<(&str, u32)> =
            m.errors.iter().map(|(f, e)| (f.as_str(), e.line)).collect();
        errs.sort();
        assert_eq!(errs.len(), 2, "{:?}", m.errors);
        assert_eq!(errs[0].0, "terraform.tfvars");
        assert!(errs[0].1 >= 2);
        assert_eq!(errs[1], ("x.auto.tfvars.json", 2));
        assert!(m.document.is_some());
    }

    #[test]
    fn a_broken_file_is_an_error_and_its_neighbours_still_parse() {
        let m = module(&[
            ("ok.tf", "resource \"a\" \"b\" {\n  x = 1\n}\n"),
            ("bad.tf", "resource \"a\" \"c\" {\n  x = \n}\n"),
        ]);
        assert_eq!(m.errors.len(), 1);
        assert_eq!(m.errors[0].0, "bad.tf");
        assert!(m.errors[0].1.line >= 2);
        assert!(m.document.is_some());
    }
}
