//! Where a value sits in an input document (a [`DocPath`]) and where that value was written
//! in the source file (a [`SourceMap`]), so a policy result that names a path can be turned
//! back into a file and line.

use std::collections::HashMap;
use std::fmt;

/// One step into a JSON document: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// A path from the root of an input document to one of its values.
///
/// Policies name paths as JSON arrays (`["spec", "containers", 0, "image"]`, what
/// `walk` yields), as JSON pointers (`/spec/containers/0/image`) or in dotted form
/// (`spec.containers[0].image`); [`DocPath::from_json`] accepts all three.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct DocPath(pub Vec<Segment>);

impl DocPath {
    /// The empty path: the document root.
    pub fn root() -> Self {
        DocPath(Vec::new())
    }

    /// This path extended by an object key.
    pub fn key(&self, key: &str) -> Self {
        let mut p = self.0.clone();
        p.push(Segment::Key(key.to_string()));
        DocPath(p)
    }

    /// This path extended by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut p = self.0.clone();
        p.push(Segment::Index(index));
        DocPath(p)
    }

    /// A path as a policy wrote it: an array of keys and indexes, or a string in pointer
    /// or dotted form. `None` when the value is neither.
    pub fn from_json(value: &serde_json::Value) -> Option<Self> {
        match value {
            serde_json::Value::Array(items) => items
                .iter()
                .map(|v| match v {
                    serde_json::Value::String(s) => Some(Segment::Key(s.clone())),
                    serde_json::Value::Number(n) => n.as_u64().map(|i| Segment::Index(i as usize)),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()
                .map(DocPath),
            serde_json::Value::String(s) => Some(Self::parse(s)),
            _ => None,
        }
    }

    /// Parse a JSON pointer (`/a/0/b`) or a dotted path (`a[0].b`, `a.0.b`). Numeric
    /// segments become indexes.
    pub fn parse(text: &str) -> Self {
        let segment = |s: &str| match s.parse::<usize>() {
            Ok(i) => Segment::Index(i),
            Err(_) => Segment::Key(s.to_string()),
        };
        if let Some(rest) = text.strip_prefix('/') {
            return DocPath(
                rest.split('/')
                    .map(|s| segment(&s.replace("~1", "/").replace("~0", "~")))
                    .collect(),
            );
        }
        let mut out = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let mut rest = part;
            if let Some(open) = rest.find('[') {
                if open > 0 {
                    out.push(Segment::Key(rest[..open].to_string()));
                }
                rest = &rest[open..];
                while let Some(inner) = rest.strip_prefix('[') {
                    let Some(close) = inner.find(']') else { break };
                    let token = inner[..close].trim_matches(|c| c == '"' || c == '\'');
                    out.push(segment(token));
                    rest = &inner[close + 1..];
                }
            } else {
                out.push(segment(rest));
            }
        }
        DocPath(out)
    }

    /// The path as a JSON array, the form policies receive and return.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::Value::Array(
            self.0
                .iter()
                .map(|s| match s {
                    Segment::Key(k) => serde_json::Value::String(k.clone()),
                    Segment::Index(i) => serde_json::Value::from(*i),
                })
                .collect(),
        )
    }

    /// The path without its last `n` segments.
    fn truncated(&self, len: usize) -> DocPath {
        DocPath(self.0[..len].to_vec())
    }
}

impl fmt::Display for DocPath {
    /// Dotted form: `spec.containers[0].image`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for s in &self.0 {
            match s {
                Segment::Key(k) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

/// The side table a parser fills while building an input document: the position of every
/// value it knows the place of, and names (a Terraform resource address, a Kubernetes
/// `kind/name`) that stand for a path.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    positions: HashMap<DocPath, Position>,
    aliases: HashMap<String, DocPath>,
    files: HashMap<DocPath, String>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record that the value at `path` was written at `pos`. The first record wins, so a
    /// parser can record a key's position before its value's.
    pub fn insert(&mut self, path: DocPath, pos: Position) {
        self.positions.entry(path).or_insert(pos);
    }

    /// Record that `name` (e.g. `aws_s3_bucket.logs`) stands for the value at `path`.
    pub fn alias(&mut self, name: impl Into<String>, path: DocPath) {
        self.aliases.entry(name.into()).or_insert(path);
    }

    /// The path a name stands for.
    pub fn resolve_alias(&self, name: &str) -> Option<&DocPath> {
        self.aliases.get(name)
    }

    /// The position of `path`, or of its nearest ancestor that has one: a policy that
    /// points at a missing attribute lands on the block that lacks it.
    pub fn locate(&self, path: &DocPath) -> Option<Position> {
        (0..=path.0.len())
            .rev()
            .find_map(|len| self.positions.get(&path.truncated(len)).copied())
    }

    /// Record that the values under `path` were read from `file`, for documents assembled
    /// from many files (a Terraform module is every `.tf` file of a directory).
    pub fn set_file(&mut self, path: DocPath, file: impl Into<String>) {
        self.files.insert(path, file.into());
    }

    /// The file the value at `path` was read from, when the document spans files.
    pub fn file_of(&self, path: &DocPath) -> Option<&str> {
        (0..=path.0.len())
            .rev()
            .find_map(|len| self.files.get(&path.truncated(len)).map(String::as_str))
    }

    /// Number of recorded positions.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_in_every_form_policies_write() {
        let want = DocPath::root()
            .key("spec")
            .key("containers")
            .index(0)
            .key("image");
        assert_eq!(DocPath::parse("/spec/containers/0/image"), want);
        assert_eq!(DocPath::parse("spec.containers[0].image"), want);
        assert_eq!(DocPath::parse("spec.containers.0.image"), want);
        let arr = serde_json::json!(["spec", "containers", 0, "image"]);
        assert_eq!(DocPath::from_json(&arr), Some(want.clone()));
        assert_eq!(want.to_string(), "spec.containers[0].image");
        assert_eq!(
            DocPath::parse(r#"resource["aws_s3_bucket"].b"#),
            DocPath::root()
                .key("resource")
                .key("aws_s3_bucket")
                .key("b")
        );
    }

    #[test]
    fn locate_falls_back_to_the_nearest_ancestor() {
        let mut map = SourceMap::new();
        let block = DocPath::root().key("resource").index(0);
        map.insert(block.clone(), Position { line: 3, column: 1 });
        map.insert(block.key("acl"), Position { line: 5, column: 3 });
        assert_eq!(map.locate(&block.key("acl")).unwrap().line, 5);
        assert_eq!(map.locate(&block.key("versioning")).unwrap().line, 3);
        assert_eq!(map.locate(&DocPath::root().key("other")), None);
    }
}
