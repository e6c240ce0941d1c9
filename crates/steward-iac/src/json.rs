//! JSON to a [`Value`] with the position of every member and element, for the JSON
//! inputs (CloudFormation templates, Terraform plans, `.tfvars.json`): serde_json does not
//! report where a value was written. As in [`crate::yaml`], a member is located at its
//! key, so a finding about an attribute lands on the attribute's line.

use serde_json::{Map, Number, Value};
use steward_policy::{DocPath, Position, SourceMap};

use crate::ParseError;

/// Deeper nesting than this is refused rather than risking the stack on hostile input.
const MAX_DEPTH: usize = 256;

/// Parse `text` as one JSON value, recording positions under the root path.
pub fn parse(text: &str) -> Result<(Value, SourceMap), ParseError> {
    let mut p = JsonParser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        line: 1,
        line_start: 0,
        col_at: 0,
        col: 1,
        map: SourceMap::new(),
    };
    if text.starts_with('\u{feff}') {
        p.at = '\u{feff}'.len_utf8();
        p.line_start = p.at;
        p.col_at = p.at;
    }
    p.skip_ws();
    let value = p.value(&DocPath::root(), 0)?;
    p.skip_ws();
    if p.at < p.bytes.len() {
        return Err(p.error("unexpected text after the JSON value"));
    }
    Ok((value, p.map))
}

struct JsonParser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    line: u32,
    line_start: usize,
    /// `col` is the 1-based character column of byte `col_at`; columns are counted forward
    /// from there, so a minified file of one long line is not re-counted per value.
    col_at: usize,
    col: u32,
    map: SourceMap,
}

impl JsonParser<'_> {
    fn position(&mut self) -> Position {
        if self.col_at < self.line_start {
            self.col_at = self.line_start;
            self.col = 1;
        }
        let seen = self.text.get(self.col_at..self.at).unwrap_or("");
        self.col += seen.chars().count() as u32;
        self.col_at = self.at;
        Position {
            line: self.line,
            column: self.col,
        }
    }

    fn error(&self, message: &str) -> ParseError {
        let found = match self.bytes.get(self.at) {
            Some(b) if b.is_ascii_graphic() => format!(" (found `{}`)", *b as char),
            Some(_) => String::new(),
            None => " (found the end of the file)".to_string(),
        };
        ParseError {
            line: self.line,
            message: format!("{message}{found}"),
        }
    }

    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'\n' => {
                    self.at += 1;
                    self.line += 1;
                    self.line_start = self.at;
                }
                b' ' | b'\t' | b'\r' => self.at += 1,
                _ => break,
            }
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, path: &DocPath, depth: usize) -> Result<Value, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.error("values are nested too deeply"));
        }
        let pos = self.position();
        self.map.insert(path.clone(), pos);
        match self.bytes.get(self.at) {
            Some(b'{') => self.object(path, depth),
            Some(b'[') => self.array(path, depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            _ => Err(self.error("expected a JSON value")),
        }
    }

    fn object(&mut self, path: &DocPath, depth: usize) -> Result<Value, ParseError> {
        self.at += 1;
        let mut obj = Map::new();
        self.skip_ws();
        if self.eat(b'}') {
            return Ok(Value::Object(obj));
        }
        loop {
            self.skip_ws();
            if self.bytes.get(self.at) != Some(&b'"') {
                return Err(self.error("expected a quoted member name"));
            }
            let key_pos = self.position();
            let key = self.string()?;
            self.skip_ws();
            if !self.eat(b':') {
                return Err(self.error("expected `:` after a member name"));
            }
            self.skip_ws();
            let child = path.key(&key);
            self.map.insert(child.clone(), key_pos);
            let value = self.value(&child, depth + 1)?;
            obj.insert(key, value);
            self.skip_ws();
            if self.eat(b',') {
                continue;
            }
            if self.eat(b'}') {
                return Ok(Value::Object(obj));
            }
            return Err(self.error("expected `,` or `}` after an object member"));
        }
    }

    fn array(&mut self, path: &DocPath, depth: usize) -> Result<Value, ParseError> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.eat(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            let item = self.value(&path.index(items.len()), depth + 1)?;
            items.push(item);
            self.skip_ws();
            if self.eat(b',') {
                continue;
            }
            if self.eat(b']') {
                return Ok(Value::Array(items));
            }
            return Err(self.error("expected `,` or `]` after an array element"));
        }
    }

    fn string(&mut self) -> Result<String, ParseError> {
        let start = self.at;
        self.at += 1;
        let mut escaped = false;
        loop {
            match self.bytes.get(self.at) {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    self.at += 2;
                }
                Some(b'\n') => return Err(self.error("line break inside a string")),
                Some(_) => self.at += 1,
            }
        }
        self.at += 1;
        let raw = self.text.get(start..self.at).unwrap_or("\"\"");
        if !escaped {
            return Ok(raw[1..raw.len() - 1].to_string());
        }
        serde_json::from_str::<String>(raw).map_err(|e| ParseError {
            line: self.line,
            message: format!("bad escape in a string: {e}"),
        })
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.at;
        while let Some(b) = self.bytes.get(self.at) {
            if b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E') {
                self.at += 1;
            } else {
                break;
            }
        }
        let raw = &self.text[start..self.at];
        serde_json::from_str::<Number>(raw)
            .map(Value::Number)
            .map_err(|_| ParseError {
                line: self.line,
                message: format!("`{raw}` is not a JSON number"),
            })
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, ParseError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_positions() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\\ny\"}],\n  \"c\": -2.5e3,\n  \"d\": null\n}\n";
        let (v, map) = parse(text).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"a": [1, {"b": "x\ny"}], "c": -2500.0, "d": null})
        );
        assert_eq!(
            map.locate(&DocPath::parse("a[1].b")),
            Some(Position {
                line: 2,
                column: 13
            })
        );
        assert_eq!(map.locate(&DocPath::parse("c")).unwrap().line, 3);
        assert_eq!(
            map.locate(&DocPath::parse("a[0]")),
            Some(Position { line: 2, column: 9 })
        );
    }

    #[test]
    fn columns_count_characters_on_one_long_line() {
        let (_, map) = parse("{\"é\": 1, \"k\": 2}").unwrap();
        assert_eq!(
            map.locate(&DocPath::parse("k")),
            Some(Position {
                line: 1,
                column: 10
            })
        );
    }

    #[test]
    fn errors_name_their_line() {
        for (text, line) in [
            ("{\n  \"a\": 1,\n  \"b\": \n}", 4),
            ("{\n  \"a\": 1\n  \"b\": 2\n}", 3),
            ("[1, 2", 1),
            ("{\"a\": tru}", 1),
            ("{} x", 1),
            ("\"unterminated", 1),
        ] {
            let e = parse(text).unwrap_err();
            assert_eq!(e.line, line, "{text:?}: {e}");
        }
        let deep = "[".repeat(10_000);
        assert!(parse(&deep).unwrap_err().message.contains("nested"));
    }
}
