//! `go.mod` and `go.sum`.
//!
//! go.mod's `require` lines (single or in blocks) are the module graph's pins; `// indirect`
//! marks the ones the module does not import itself. `replace` directives are applied: a
//! replaced module is reported as its replacement (a local-path replacement keeps the
//! original name, no version, and the path as its source); `exclude`d versions are dropped
//! with a warning. The `go` and `toolchain` directives are not dependencies. Versions keep
//! Go's `v` prefix.
//!
//! go.sum lists each module version once or twice (`v1.2.3` for the content, `v1.2.3/go.mod`
//! for the module file); each module version is reported once, at its content line when it
//! has one. Its `h1:` hashes are of a file tree, not an archive, and are not reported. go.sum
//! has no scope of its own; with the go.mod beside it (through the reader), what go.mod
//! requires directly is direct and everything else transitive.

use std::collections::{HashMap, HashSet};

use super::{Ctx, LockfileError};
use crate::package::{Lockfile, LockfileKind, Package, Scope};
use crate::version::Ecosystem;

struct Require {
    line: u32,
    path: String,
    version: String,
    indirect: bool,
}

struct Replace {
    line: u32,
    old_path: String,
    old_version: Option<String>,
    new_path: String,
    new_version: Option<String>,
}

pub(crate) fn parse_mod(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let mut requires = Vec::new();
    let mut replaces = Vec::new();
    let mut excludes: HashSet<(String, String)> = HashSet::new();
    let mut block: Option<String> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let (code, comment) = match raw.find("//") {
            Some(i) => (&raw[..i], Some(raw[i + 2..].trim())),
            None => (raw, None),
        };
        let code = code.trim();
        if code.is_empty() {
            continue;
        }
        let (verb, args) = if let Some(verb) = &block {
            if code == ")" {
                block = None;
                continue;
            }
            (verb.clone(), code)
        } else {
            let (verb, rest) = code.split_once(char::is_whitespace).unwrap_or((code, ""));
            let rest = rest.trim();
            if rest == "(" {
                block = Some(verb.to_string());
                continue;
            }
            if rest.starts_with('(') && rest.ends_with(')') {
                // `require ()`: an empty block on one line.
                continue;
            }
            (verb.to_string(), rest)
        };
        let fields = tokens(args);
        let bad = |what: &str| ctx.invalid(Some(line), format!("{what}: `{}`", code));
        match verb.as_str() {
            "require" => {
                let [path, version] = fields.as_slice() else {
                    return Err(bad("a require needs a module path and a version"));
                };
                let indirect =
                    comment.is_some_and(|c| c.split(';').any(|part| part.trim() == "indirect"));
                requires.push(Require {
                    line,
                    path: path.clone(),
                    version: version.clone(),
                    indirect,
                });
            }
            "replace" => {
                let Some(arrow) = fields.iter().position(|f| f == "=>") else {
                    return Err(bad("a replace needs `=>`"));
                };
                let (old, new) = fields.split_at(arrow);
                let new = &new[1..];
                if old.is_empty() || old.len() > 2 || new.is_empty() || new.len() > 2 {
                    return Err(bad("malformed replace"));
                }
                replaces.push(Replace {
                    line,
                    old_path: old[0].clone(),
                    old_version: old.get(1).cloned(),
                    new_path: new[0].clone(),
                    new_version: new.get(1).cloned(),
                });
            }
            "exclude" => {
                let [path, version] = fields.as_slice() else {
                    return Err(bad("an exclude needs a module path and a version"));
                };
                excludes.insert((path.clone(), version.clone()));
            }
            "module" | "go" | "toolchain" | "retract" | "godebug" | "tool" | "ignore" => {}
            other => {
                return Err(ctx.invalid(Some(line), format!("unknown directive `{other}`")));
            }
        }
    }
    if let Some(verb) = block {
        return Err(ctx.invalid(None, format!("`{verb} (` block is not closed")));
    }

    let mut warnings = Vec::new();
    let mut packages = Vec::with_capacity(requires.len());
    for r in requires {
        if excludes.contains(&(r.path.clone(), r.version.clone())) {
            warnings.push((
                r.line,
                format!("{} {} is required but also excluded", r.path, r.version),
            ));
            continue;
        }
        // A version-specific replace wins over a path-wide one.
        let replace = replaces
            .iter()
            .rev()
            .filter(|p| p.old_path == r.path)
            .find(|p| p.old_version.as_deref() == Some(r.version.as_str()))
            .or_else(|| {
                replaces
                    .iter()
                    .rev()
                    .find(|p| p.old_path == r.path && p.old_version.is_none())
            });
        let mut package = match replace {
            Some(rep) => match &rep.new_version {
                Some(v) => Package::new(Ecosystem::Go, rep.new_path.clone(), Some(v.clone())),
                None => {
                    let mut p = Package::new(Ecosystem::Go, r.path.clone(), None);
                    p.source = Some(rep.new_path.clone());
                    warnings.push((
                        rep.line,
                        format!("{} is replaced by local path {}", r.path, rep.new_path),
                    ));
                    p
                }
            },
            None => Package::new(Ecosystem::Go, r.path.clone(), Some(r.version.clone())),
        };
        package.line = r.line;
        package.scope = if r.indirect {
            Scope::Transitive
        } else {
            Scope::Direct
        };
        packages.push(package);
    }
    Ok(ctx.lockfile(packages, warnings))
}

/// Whitespace-separated fields; go.mod allows module paths in double or back quotes.
fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' || c == '`' {
            chars.next();
            let mut token = String::new();
            while let Some(d) = chars.next() {
                if d == c {
                    break;
                }
                if d == '\\' && c == '"' {
                    if let Some(e) = chars.next() {
                        token.push(e);
                    }
                    continue;
                }
                token.push(d);
            }
            out.push(token);
        } else {
            let mut token = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_whitespace() {
                    break;
                }
                token.push(d);
                chars.next();
            }
            out.push(token);
        }
    }
    out
}

pub(crate) fn parse_sum(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let mut packages: Vec<Package> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut has_content: Vec<bool> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let fields: Vec<&str> = raw.split_whitespace().collect();
        if fields.is_empty() {
            continue;
        }
        let [path, version, hash] = fields.as_slice() else {
            return Err(ctx.invalid(
                Some(line),
                format!("expected `module version hash`, found `{}`", raw.trim()),
            ));
        };
        if !hash.contains(':') || !version.starts_with('v') {
            return Err(ctx.invalid(
                Some(line),
                format!("expected `module version hash`, found `{}`", raw.trim()),
            ));
        }
        let (version, content) = match version.strip_suffix("/go.mod") {
            Some(v) => (v, false),
            None => (*version, true),
        };
        let key = (path.to_string(), version.to_string());
        if let Some(&i) = index.get(&key) {
            // The content line is the module's own entry; its go.mod line is bookkeeping.
            if content && !has_content[i] {
                packages[i].line = line;
                has_content[i] = true;
            }
            continue;
        }
        has_content.push(content);
        let mut package = Package::new(Ecosystem::Go, *path, Some(version.to_string()));
        package.line = line;
        index.insert(key, packages.len());
        packages.push(package);
    }
    packages.sort_by_key(|p| p.line);
    let mut warnings = Vec::new();
    if let Some((mod_path, mod_text)) = ctx.sibling("go.mod") {
        let mod_ctx = Ctx {
            path: &mod_path,
            kind: LockfileKind::GoMod,
            read: ctx.read,
            list: ctx.list,
        };
        match parse_mod(&mod_ctx, &mod_text) {
            Ok(go_mod) => {
                let scopes: HashMap<(&str, Option<&str>), Scope> = go_mod
                    .packages
                    .iter()
                    .map(|p| ((p.name.as_str(), p.version.as_deref()), p.scope))
                    .collect();
                for p in &mut packages {
                    // What go.mod does not require is only in the graph for the build list.
                    p.scope = scopes
                        .get(&(p.name.as_str(), p.version.as_deref()))
                        .copied()
                        .unwrap_or(Scope::Transitive);
                }
            }
            Err(e) => warnings.push((1, format!("go.mod beside it was not read: {e}"))),
        }
    }
    Ok(ctx.lockfile(packages, warnings))
}
