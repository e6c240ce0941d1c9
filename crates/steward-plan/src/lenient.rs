//! Reading a steward.toml that has errors, for `steward plan` to report what it can: each
//! error is reported (file, line, key) and the part it is in is left out — a whole
//! `[[component]]`, `[[flow]]`, `[[asset]]` or `[[control]]` when the error is inside one
//! (a flow to a component left out goes too), else the one key. Lines are commented out,
//! not removed, so every later error still names its true line. What cannot be left out
//! (`[product] name`) stays an error.

use steward_core::manifest::{Manifest, ManifestError};

/// How many parts may be left out before giving up.
const MAX_DROPS: usize = 50;

/// A manifest read in spite of its errors.
#[derive(Debug)]
pub struct Partial {
    pub manifest: Manifest,
    /// The errors, in line order; each one's part was left out.
    pub errors: Vec<ManifestError>,
    /// The text that parsed: the original with the left-out lines commented out.
    pub text: String,
}

/// Parse `text`, leaving out what is wrong. `Err` is the first error when nothing can be
/// left out to get past it.
pub fn parse(file: &str, text: &str) -> Result<Partial, ManifestError> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut errors = Vec::new();
    loop {
        let current = lines.join("\n") + "\n";
        match Manifest::parse(file, &current) {
            Ok(manifest) => {
                errors.sort_by_key(|e: &ManifestError| (e.line, e.column));
                return Ok(Partial {
                    manifest,
                    errors,
                    text: current,
                });
            }
            Err(e) => {
                let first = errors.first().cloned();
                if errors.len() >= MAX_DROPS || !leave_out(&mut lines, &e) {
                    return Err(first.unwrap_or(e));
                }
                errors.push(e);
            }
        }
    }
}

const ARRAY_TABLES: &[&str] = &["component", "flow", "asset", "control"];

/// Comment out the part `e` is in; false when there is nothing to comment out.
fn leave_out(lines: &mut [String], e: &ManifestError) -> bool {
    let head = e.key.split(['.', '[']).next().unwrap_or("");
    if head == "product" && (e.key == "product" || e.key == "product.name") {
        return false;
    }
    if ARRAY_TABLES.contains(&head)
        && let Some(index) = e
            .key
            .strip_prefix(head)
            .and_then(|r| r.strip_prefix('['))
            .and_then(|r| r.split(']').next())
            .and_then(|n| n.parse::<usize>().ok())
    {
        return comment_block(lines, head, index);
    }
    if e.line == 0 || e.line > lines.len() {
        return false;
    }
    let start = e.line - 1;
    let trimmed = lines[start].trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('[') {
        return false;
    }
    // A value that opens an array on this line and closes it further down goes whole.
    let opens = lines[start].matches('[').count();
    let closes = lines[start].matches(']').count();
    let mut end = start;
    if opens > closes {
        while end + 1 < lines.len() && !lines[end].contains(']') {
            end += 1;
        }
    }
    for line in &mut lines[start..=end] {
        *line = format!("# {line}");
    }
    true
}

/// Comment out the `index`-th `[[name]]` table, from its header to the next table.
fn comment_block(lines: &mut [String], name: &str, index: usize) -> bool {
    let header = format!("[[{name}]]");
    let Some(start) = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .map(|(i, _)| i)
        .nth(index)
    else {
        return false;
    };
    let end = lines[start + 1..]
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .map_or(lines.len(), |p| start + 1 + p);
    for line in &mut lines[start..end] {
        *line = format!("# {line}");
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"[product]
name = "checkout"
phase = "biuld"

[data]
classes = ["cardholder"]
jurisdictions = ["SG"]

[[component]]
id = "web"
kind = "service"
zone = "dmz"

[[component]]
id = "db"
kind = "database"
zone = "intranet"

[[flow]]
from = "web"
to = "db"
"#;

    #[test]
    fn wrong_parts_are_left_out_and_every_error_is_named() {
        let p = parse("steward.toml", TEXT).unwrap();
        let where_: Vec<(usize, &str)> =
            p.errors.iter().map(|e| (e.line, e.key.as_str())).collect();
        assert_eq!(
            where_,
            [
                (3, "product.phase"),
                (17, "component[1].zone"),
                (21, "flow[0].to")
            ]
        );
        assert_eq!(p.manifest.product.name, "checkout");
        assert_eq!(p.manifest.components.len(), 1);
        assert!(p.manifest.flows.is_empty());
        assert_eq!(p.text.lines().count(), TEXT.lines().count());
    }

    #[test]
    fn a_product_without_a_name_stays_an_error() {
        let e = parse("steward.toml", "[product]\nowner = \"x\"\n").unwrap_err();
        assert_eq!(e.key, "product");
        assert!(e.message.contains("missing field `name`"), "{e}");
    }
}
