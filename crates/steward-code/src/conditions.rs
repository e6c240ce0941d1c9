//! Conditions a pattern rule adds to its query, for what a query alone cannot say:
//! `requires` (the file must contain this, as `"math/rand"` must be imported for `rand.Intn`
//! to be the weak one), `context_match` (the enclosing function's name or the match's
//! line must mention this, so `rand()` counts where it makes a token or a key), and
//! `buffer_check` (the destination of a C copy must have a known size that the data can
//! exceed, see [`crate::cbuf`]).

use regex::Regex;
use tree_sitter::{Node, QueryMatch};

use crate::cbuf::{self, BufferCheck, Captures};

#[derive(Default)]
pub struct Conditions {
    pub requires: Option<Regex>,
    pub context: Option<Regex>,
    pub buffer: Option<BufferCheck>,
}

impl Conditions {
    pub fn parse(
        requires: Option<&str>,
        context: Option<&str>,
        buffer: Option<&str>,
    ) -> Result<Conditions, String> {
        let re = |name: &str, s: Option<&str>| {
            s.map(Regex::new)
                .transpose()
                .map_err(|e| format!("{name}: {e}"))
        };
        Ok(Conditions {
            requires: re("requires", requires)?,
            context: re("context_match", context)?,
            buffer: buffer.map(BufferCheck::parse).transpose()?,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.requires.is_none() && self.context.is_none() && self.buffer.is_none()
    }

    /// Whether a match of the rule's query, at `node`, meets the conditions.
    pub fn admit(
        &self,
        m: &QueryMatch<'_, '_>,
        capture_names: &[&str],
        node: Node<'_>,
        bytes: &[u8],
    ) -> bool {
        if let Some(re) = &self.requires
            && !re.is_match(&String::from_utf8_lossy(bytes))
        {
            return false;
        }
        if let Some(re) = &self.context
            && !re.is_match(&context_of(node, bytes))
        {
            return false;
        }
        if let Some(check) = self.buffer {
            let mut c = Captures {
                call: Some(node),
                ..Captures::default()
            };
            for cap in m.captures() {
                let slot = match capture_names.get(cap.index as usize).copied() {
                    Some("dst") => &mut c.dst,
                    Some("src") => &mut c.src,
                    Some("fmt") => &mut c.fmt,
                    Some("len") => &mut c.len,
                    _ => continue,
                };
                *slot = Some(cap.node);
            }
            return cbuf::overflows(check, &c, bytes);
        }
        true
    }
}

/// The match's line and the name of the function around it.
fn context_of(node: Node<'_>, bytes: &[u8]) -> String {
    let start = bytes[..node.start_byte()]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[node.end_byte()..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |i| node.end_byte() + i);
    let mut out = String::from_utf8_lossy(&bytes[start..end]).into_owned();
    let mut cur = node.parent();
    while let Some(p) = cur {
        let name = match p.kind() {
            "function_declaration" | "method_declaration" | "method_definition" => {
                p.child_by_field_name("name")
            }
            // C and C++: the declarator holds the name (`char *make_token(void)`).
            "function_definition" => p.child_by_field_name("declarator"),
            _ => None,
        };
        if let Some(n) = name {
            let t = &bytes[n.byte_range()];
            let t = &t[..t.iter().position(|b| *b == b'(').unwrap_or(t.len())];
            out.push('\n');
            out.push_str(&String::from_utf8_lossy(t));
            break;
        }
        cur = p.parent();
    }
    out
}
