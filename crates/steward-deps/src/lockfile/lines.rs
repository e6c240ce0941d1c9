//! Where each entry of a JSON or YAML lockfile starts, found in one pass over the text.
//!
//! serde gives the values but not their lines, so these scanners walk the raw text once and
//! record the line of every object key (by its full path of keys), which parsers then look up
//! per package. A path is built with [`path`]; array elements are `[0]`, `[1]`, ….

use std::collections::HashMap;

/// Lines of keys, by path.
#[derive(Debug, Default)]
pub(crate) struct KeyLines(HashMap<String, u32>);

impl KeyLines {
    /// The line of the key at `segments`, or 0 when it was not seen.
    pub fn get(&self, segments: &[&str]) -> u32 {
        self.0.get(&path(segments)).copied().unwrap_or(0)
    }
}

/// The lookup key for a path of object keys.
pub(crate) fn path(segments: &[&str]) -> String {
    let mut out = String::new();
    for s in segments {
        out.push('\0');
        out.push_str(s);
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Container {
    Object,
    Array,
}

struct Frame {
    container: Container,
    /// Length of the path before this container's own segment was pushed.
    path_len: usize,
    index: usize,
}

/// Records the line of every key whose value is an object or array, of every array element
/// that is an object, and of the scalar-valued keys named in `scalar_keys`.
///
/// Malformed JSON is not an error here (serde reports that); the scan just stops making sense.
pub(crate) fn json_key_lines(text: &str, scalar_keys: &[&str]) -> KeyLines {
    let bytes = text.as_bytes();
    let mut lines = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut current = String::new();
    let mut line: u32 = 1;
    let mut expect_key = false;
    let mut pending_key: Option<String> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line += 1,
            b'"' => {
                let start = i + 1;
                let mut j = start;
                let mut escaped = false;
                while j < bytes.len() && bytes[j] != b'"' {
                    if bytes[j] == b'\\' {
                        escaped = true;
                        j += 1;
                    } else if bytes[j] == b'\n' {
                        line += 1;
                    }
                    j += 1;
                }
                let raw = text.get(start..j.min(bytes.len())).unwrap_or("");
                let s = if escaped {
                    serde_json::from_str::<String>(
                        text.get(i..(j + 1).min(bytes.len())).unwrap_or(""),
                    )
                    .unwrap_or_else(|_| raw.to_string())
                } else {
                    raw.to_string()
                };
                let in_object = stack.last().map(|f| f.container) == Some(Container::Object);
                if in_object && expect_key {
                    pending_key = Some(s);
                } else if let Some(key) = pending_key.take()
                    && scalar_keys.contains(&key.as_str())
                {
                    let mut p = current.clone();
                    p.push('\0');
                    p.push_str(&key);
                    lines.entry(p).or_insert(line);
                }
                i = j;
            }
            b':' => expect_key = false,
            b',' => match stack.last_mut() {
                Some(f) if f.container == Container::Object => {
                    expect_key = true;
                    pending_key = None;
                }
                Some(f) => f.index += 1,
                None => {}
            },
            open @ (b'{' | b'[') => {
                let segment = match stack.last() {
                    Some(f) if f.container == Container::Object => pending_key.take(),
                    Some(f) => Some(format!("[{}]", f.index)),
                    None => None,
                };
                let path_len = current.len();
                if let Some(segment) = segment {
                    current.push('\0');
                    current.push_str(&segment);
                    lines.entry(current.clone()).or_insert(line);
                }
                let container = if open == b'{' {
                    Container::Object
                } else {
                    Container::Array
                };
                stack.push(Frame {
                    container,
                    path_len,
                    index: 0,
                });
                expect_key = container == Container::Object;
            }
            b'}' | b']' => {
                if let Some(f) = stack.pop() {
                    current.truncate(f.path_len);
                }
                expect_key = false;
                pending_key = None;
            }
            _ => {}
        }
        i += 1;
    }
    KeyLines(lines)
}

/// Records the line of every block-mapping key of a YAML document, by its path of keys.
///
/// Works on the block style lockfiles are written in: one key per line, nesting by
/// indentation. Sequence items (`- …`) are skipped. The first occurrence of a path wins.
pub(crate) fn yaml_key_lines(text: &str) -> KeyLines {
    let mut lines = HashMap::new();
    // (indent, path length before this key)
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut current = String::new();
    for (n, raw) in text.lines().enumerate() {
        let line = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let trimmed = raw.trim_start_matches(' ');
        let indent = raw.len() - trimmed.len();
        if trimmed.is_empty()
            || trimmed.starts_with('#')
            || trimmed.starts_with('-')
            || trimmed.starts_with("...")
        {
            continue;
        }
        let Some(key) = yaml_key(trimmed) else {
            continue;
        };
        while let Some(&(top_indent, len)) = stack.last() {
            if top_indent >= indent {
                current.truncate(len);
                stack.pop();
            } else {
                break;
            }
        }
        stack.push((indent, current.len()));
        current.push('\0');
        current.push_str(&key);
        lines.entry(current.clone()).or_insert(line);
    }
    KeyLines(lines)
}

/// The key of a `key:` or `key: value` line, unquoted.
pub(crate) fn yaml_key(line: &str) -> Option<String> {
    let line = line.trim_end();
    match line.as_bytes().first()? {
        b'"' => {
            let mut out = String::new();
            let mut chars = line[1..].char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => match chars.next()?.1 {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        other => out.push(other),
                    },
                    '"' => {
                        let rest = line[1 + i + 1..].trim_start();
                        return rest.starts_with(':').then_some(out);
                    }
                    c => out.push(c),
                }
            }
            None
        }
        b'\'' => {
            let body = &line[1..];
            let mut out = String::new();
            let mut i = 0;
            let bytes = body.as_bytes();
            while i < bytes.len() {
                if bytes[i] == b'\'' {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        out.push('\'');
                        i += 2;
                        continue;
                    }
                    let rest = body[i + 1..].trim_start();
                    return rest.starts_with(':').then_some(out);
                }
                let c = body[i..].chars().next()?;
                out.push(c);
                i += c.len_utf8();
            }
            None
        }
        b'{' | b'[' | b'|' | b'>' => None,
        _ => {
            let end = line
                .find(": ")
                .or_else(|| line.ends_with(':').then(|| line.len() - 1))?;
            Some(line[..end].trim_end().to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_paths_follow_nesting() {
        let text = "{\n  \"a\": {\n    \"b\": {\"x\": 1},\n    \"c\": [\n      {\"name\": \"n\"},\n      {\"name\": \"m\"}\n    ]\n  },\n  \"d\\\"q\": {}\n}\n";
        let lines = json_key_lines(text, &["name"]);
        assert_eq!(lines.get(&["a"]), 2);
        assert_eq!(lines.get(&["a", "b"]), 3);
        assert_eq!(lines.get(&["a", "c"]), 4);
        assert_eq!(lines.get(&["a", "c", "[1]"]), 6);
        assert_eq!(lines.get(&["a", "c", "[1]", "name"]), 6);
        assert_eq!(lines.get(&["d\"q"]), 9);
        assert_eq!(lines.get(&["a", "b", "x"]), 0);
    }

    #[test]
    fn yaml_paths_follow_indentation() {
        let text = "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      foo:\n        specifier: ^1\npackages:\n\n  '@a/b@1.0.0':\n    resolution: {integrity: x}\n  \"c@npm:1, c@npm:^1\":\n    version: 1\n";
        let lines = yaml_key_lines(text);
        assert_eq!(lines.get(&["importers", ".", "dependencies", "foo"]), 5);
        assert_eq!(lines.get(&["packages", "@a/b@1.0.0"]), 9);
        assert_eq!(lines.get(&["packages", "c@npm:1, c@npm:^1"]), 11);
        assert_eq!(lines.get(&["packages", "c@npm:1, c@npm:^1", "version"]), 12);
    }
}
