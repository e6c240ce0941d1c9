//! YAML to JSON with the position of every key and value, read from the YAML parser's
//! event stream (serde-saphyr's own parser) rather than searched for in the text, so
//! lines are exact even for repeated keys. Anchors, aliases and `<<` merge keys resolve
//! as YAML says; a merged value keeps the position where it was defined.

use serde_json::{Map, Value};
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};
use steward_policy::{DocPath, Position, SourceMap};

use crate::{ParseError, cloudformation};

/// One YAML document of a stream, with its positions.
#[derive(Debug)]
pub struct YamlDoc {
    /// The document as JSON.
    pub value: Value,
    /// Where each key/value was written.
    pub map: SourceMap,
    /// The line the document starts on.
    pub line: u32,
}

fn pos(span: &Span) -> Position {
    Position {
        line: span.start.line() as u32,
        column: span.start.col() as u32 + 1,
    }
}

struct Reader<'a> {
    events: std::iter::Peekable<Parser<'a, serde_saphyr::granit_parser::StrInput<'a>>>,
    anchors: std::collections::HashMap<usize, Value>,
    schema: Schema,
}

/// How plain scalars resolve to booleans and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    /// YAML 1.2 core schema: what Kubernetes, compose and CloudFormation tools read.
    Core,
    /// YAML 1.1, as PyYAML reads it (Ansible): `yes`/`no`/`on`/`off` are booleans and
    /// `0777` is an octal number.
    Yaml11,
    /// The core schema, with CloudFormation's short-form intrinsic functions (`!Ref x`,
    /// `!GetAtt a.b`, ...) read as their long forms (`{"Ref": "x"}`, ...).
    CloudFormation,
}

type Next<'a> = (Event<'a>, Span);

impl<'a> Reader<'a> {
    fn next(&mut self) -> Result<Option<Next<'a>>, ParseError> {
        match self.events.next() {
            None => Ok(None),
            Some(Ok(ev)) => Ok(Some(ev)),
            Some(Err(e)) => Err(ParseError {
                line: e.marker().line() as u32,
                message: e.to_string(),
            }),
        }
    }

    /// Read one node whose first event is `first`, recording positions under `path`.
    fn node(
        &mut self,
        first: Next<'a>,
        path: &DocPath,
        map: &mut SourceMap,
    ) -> Result<Value, ParseError> {
        let (event, span) = first;
        map.insert(path.clone(), pos(&span));
        // `!Ref x` is `{"Ref": "x"}`: the tagged node is read one level down.
        let function = match (&event, self.schema) {
            (
                Event::Scalar(_, _, _, Some(tag))
                | Event::SequenceStart(_, _, Some(tag))
                | Event::MappingStart(_, _, Some(tag)),
                Schema::CloudFormation,
            ) if tag.handle() == "!" => cloudformation::intrinsic_name(tag.suffix()),
            _ => None,
        };
        let inner;
        let path = match function {
            Some(f) => {
                inner = path.key(f);
                map.insert(inner.clone(), pos(&span));
                &inner
            }
            None => path,
        };
        let (value, anchor) = match event {
            Event::Scalar(text, style, anchor, tag) => {
                let tagged_str = tag.as_ref().is_some_and(|t| t.to_string().ends_with("str"));
                let v = if style == ScalarStyle::Plain && !tagged_str && function.is_none() {
                    match self.schema {
                        Schema::Core | Schema::CloudFormation => plain_scalar(&text),
                        Schema::Yaml11 => plain_scalar_yaml11(&text),
                    }
                } else {
                    Value::String(text.into_owned())
                };
                (v, anchor)
            }
            Event::SequenceStart(_, anchor, _) => {
                let mut items = Vec::new();
                while let Some(ev) = self.next()? {
                    if matches!(ev.0, Event::SequenceEnd) {
                        break;
                    }
                    let item = self.node(ev, &path.index(items.len()), map)?;
                    items.push(item);
                }
                (Value::Array(items), anchor)
            }
            Event::MappingStart(_, anchor, _) => {
                let mut obj = Map::new();
                let mut merged = Vec::new();
                while let Some(key_ev) = self.next()? {
                    if matches!(key_ev.0, Event::MappingEnd) {
                        break;
                    }
                    let key_pos = pos(&key_ev.1);
                    let mut scratch = SourceMap::new();
                    let key = match self.node(key_ev, &DocPath::root(), &mut scratch)? {
                        Value::String(s) => s,
                        Value::Null => "null".to_string(),
                        other => other.to_string(),
                    };
                    let Some(val_ev) = self.next()? else { break };
                    let child = path.key(&key);
                    // The key's line is where a finding about this entry belongs.
                    map.insert(child.clone(), key_pos);
                    let value = self.node(val_ev, &child, map)?;
                    if key == "<<" {
                        merged.push(value);
                    } else {
                        obj.insert(key, value);
                    }
                }
                for m in merged {
                    let sources = match m {
                        Value::Array(items) => items,
                        other => vec![other],
                    };
                    for src in sources {
                        if let Value::Object(o) = src {
                            for (k, v) in o {
                                obj.entry(k).or_insert(v);
                            }
                        }
                    }
                }
                (Value::Object(obj), anchor)
            }
            Event::Alias(id) => (self.anchors.get(&id).cloned().unwrap_or(Value::Null), 0),
            _ => (Value::Null, 0),
        };
        let value = match function {
            Some(f) => cloudformation::long_form(f, value),
            None => value,
        };
        if anchor != 0 {
            self.anchors.insert(anchor, value.clone());
        }
        Ok(value)
    }
}

/// YAML 1.2 core schema resolution of a plain scalar.
fn plain_scalar(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.' {
        if let Ok(i) = text.parse::<i64>() {
            return Value::from(i);
        }
        if let Some(hex) = text.strip_prefix("0x")
            && let Ok(i) = i64::from_str_radix(hex, 16)
        {
            return Value::from(i);
        }
        if let Some(oct) = text.strip_prefix("0o")
            && let Ok(i) = i64::from_str_radix(oct, 8)
        {
            return Value::from(i);
        }
        if text.contains(['.', 'e', 'E'])
            && !text.contains(':')
            && let Ok(f) = text.parse::<f64>()
            && f.is_finite()
            && let Some(n) = serde_json::Number::from_f64(f)
        {
            return Value::Number(n);
        }
    }
    Value::String(text.to_string())
}

/// YAML 1.1 resolution of a plain scalar, where it differs from the core schema.
fn plain_scalar_yaml11(text: &str) -> Value {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => return Value::Bool(true),
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => return Value::Bool(false),
        _ => {}
    }
    if let Some(digits) = text.strip_prefix('0')
        && !digits.is_empty()
        && digits.bytes().all(|b| (b'0'..=b'7').contains(&b))
        && let Ok(i) = i64::from_str_radix(digits, 8)
    {
        return Value::from(i);
    }
    // A leading zero before a non-octal digit is neither octal nor decimal in 1.1.
    if text.len() > 1 && text.starts_with('0') && text.bytes().all(|b| b.is_ascii_digit()) {
        return Value::String(text.to_string());
    }
    plain_scalar(text)
}

/// Every document of a YAML stream. An error stops the stream at its line; documents read
/// before it are kept (a Kubernetes file with one broken document still scans the rest).
pub fn parse_stream(text: &str) -> (Vec<YamlDoc>, Option<ParseError>) {
    parse_stream_with(text, Schema::Core)
}

/// [`parse_stream`] with plain scalars resolved by `schema`.
pub fn parse_stream_with(text: &str, schema: Schema) -> (Vec<YamlDoc>, Option<ParseError>) {
    let mut reader = Reader {
        events: Parser::new_from_str(text).peekable(),
        anchors: Default::default(),
        schema,
    };
    let mut docs = Vec::new();
    loop {
        let ev = match reader.next() {
            Ok(Some(ev)) => ev,
            Ok(None) => return (docs, None),
            Err(e) => return (docs, Some(e)),
        };
        match ev.0 {
            Event::StreamEnd => return (docs, None),
            Event::DocumentStart(..) => {
                let line = pos(&ev.1).line;
                reader.anchors.clear();
                let mut map = SourceMap::new();
                let mut value = Value::Null;
                loop {
                    match reader.next() {
                        Ok(Some((Event::DocumentEnd, _))) | Ok(None) => break,
                        Ok(Some(node)) => {
                            value = match reader.node(node, &DocPath::root(), &mut map) {
                                Ok(v) => v,
                                Err(e) => return (docs, Some(e)),
                            }
                        }
                        Err(e) => return (docs, Some(e)),
                    }
                }
                docs.push(YamlDoc { value, map, line });
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_positions_of_a_multi_document_stream() {
        let text =
            "a: 1\nb:\n  - x: true\n    y: '5'\n---\nbase: &b {p: 1}\nuse:\n  <<: *b\n  q: 0x10\n";
        let (docs, err) = parse_stream(text);
        assert!(err.is_none());
        assert_eq!(docs.len(), 2);
        assert_eq!(
            docs[0].value,
            serde_json::json!({"a": 1, "b": [{"x": true, "y": "5"}]})
        );
        let y = DocPath::root().key("b").index(0).key("y");
        assert_eq!(
            docs[0].map.locate(&y),
            Some(Position { line: 4, column: 5 })
        );
        assert_eq!(docs[1].value["use"], serde_json::json!({"p": 1, "q": 16}));
        assert_eq!(docs[1].line, 5);
    }

    #[test]
    fn yaml11_reads_ansible_booleans_and_octal_modes() {
        let text = "a: no\nb: 0777\nc: '0777'\nd: 777\ne: On\nf: 08\n";
        let (docs, _) = parse_stream_with(text, Schema::Yaml11);
        assert_eq!(
            docs[0].value,
            serde_json::json!({"a": false, "b": 511, "c": "0777", "d": 777, "e": true, "f": "08"})
        );
        let (docs, _) = parse_stream(text);
        assert_eq!(docs[0].value["a"], "no");
        assert_eq!(docs[0].value["b"], 777);
    }

    #[test]
    fn a_broken_document_reports_its_line_and_keeps_the_earlier_ones() {
        let (docs, err) = parse_stream("a: 1\n---\nb: [1, 2\nc: 3\n");
        assert_eq!(docs.len(), 1);
        let err = err.unwrap();
        assert!(err.line >= 3, "{err:?}");
    }
}
