//! pip requirements files (`requirements*.txt`, `constraints.txt`).
//!
//! A `name==1.2.3` pin gives a version; anything else (`>=2,<3`, `~=1.4`, `==1.*`, no
//! specifier) gives `version: None` and the specifier as [`Package::requirement`], since
//! the version pip would install is not in the file. `-r` includes are followed through the
//! caller's reader and their packages say which file they are in
//! ([`Package::declared_in`]); `-c` constraint files add no packages but pin the version of
//! an unpinned requirement. Environment markers (`; python_version < "3.9"`) and extras
//! (`pkg[extra]`) are not part of the version. Editable installs and URLs with an
//! `#egg=name` become packages with a [`Package::source`]; other URLs and local paths are
//! warnings.
//!
//! pip-compile's `# via` comments record why each pin is there: a package only "via" other
//! packages is [`Scope::Transitive`] and gives those packages an edge to it; without such
//! comments every requirement is [`Scope::Direct`].

use std::collections::{HashMap, HashSet};

use super::{Ctx, LockfileError, dep, pep503, prefixed_hex_hash};
use crate::package::{Lockfile, Package, Scope};
use crate::version::Ecosystem;

/// Includes deeper than this are a mistake, not a project layout.
const MAX_INCLUDE_DEPTH: usize = 32;

struct State<'r> {
    read: &'r dyn Fn(&str) -> Option<String>,
    visited: HashSet<String>,
    packages: Vec<Package>,
    /// pep503 name -> the names it is required "via".
    via: Vec<Vec<String>>,
    constraints: HashMap<String, String>,
    warnings: Vec<(u32, String)>,
}

pub(crate) fn parse(
    ctx: &Ctx<'_>,
    text: &str,
    read: &dyn Fn(&str) -> Option<String>,
) -> Result<Lockfile, LockfileError> {
    let root = normalise_path(ctx.path);
    let mut state = State {
        read,
        visited: HashSet::from([root.clone()]),
        packages: Vec::new(),
        via: Vec::new(),
        constraints: HashMap::new(),
        warnings: Vec::new(),
    };
    parse_file(&mut state, &root, &root, text, 0, false, None);

    let State {
        mut packages,
        via,
        constraints,
        warnings,
        ..
    } = state;
    for p in &mut packages {
        if p.version.is_none()
            && p.source.is_none()
            && let Some(pin) = constraints.get(&pep503(&p.name))
        {
            p.version = Some(pin.clone());
        }
    }
    // pip-compile's `# via`: edges from each parent, and scope.
    let by_name: HashMap<String, usize> = packages
        .iter()
        .enumerate()
        .map(|(i, p)| (pep503(&p.name), i))
        .collect();
    let mut edges: Vec<(usize, String, Option<String>)> = Vec::new();
    for (i, parents) in via.iter().enumerate() {
        if parents.is_empty() {
            continue;
        }
        let mut from_project = false;
        for parent in parents {
            if parent.starts_with('-') || parent.contains('(') || parent.contains('/') {
                from_project = true;
            } else if let Some(&j) = by_name.get(&pep503(parent)) {
                edges.push((j, packages[i].name.clone(), packages[i].version.clone()));
            }
        }
        packages[i].scope = if from_project {
            Scope::Direct
        } else {
            Scope::Transitive
        };
    }
    for (j, name, version) in edges {
        packages[j]
            .dependencies
            .push(dep(&name, version.as_deref()));
    }
    Ok(ctx.lockfile(packages, warnings))
}

/// One logical line: continuation lines joined, with the line it starts on.
struct Logical {
    line: u32,
    text: String,
    /// The comment, when the whole physical line was a comment.
    comment: Option<String>,
}

fn logical_lines(text: &str) -> Vec<Logical> {
    let mut out = Vec::new();
    let mut pending: Option<(u32, String)> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let (start, mut joined) = pending.take().unwrap_or((line, String::new()));
        if let Some(body) = raw.strip_suffix('\\') {
            joined.push_str(body);
            joined.push(' ');
            pending = Some((start, joined));
            continue;
        }
        joined.push_str(raw);
        let trimmed = joined.trim_start();
        let comment = trimmed.strip_prefix('#').map(|c| c.trim().to_string());
        let text = strip_comment(&joined).trim().to_string();
        out.push(Logical {
            line: start,
            text,
            comment,
        });
    }
    if let Some((start, joined)) = pending {
        out.push(Logical {
            line: start,
            text: strip_comment(&joined).trim().to_string(),
            comment: None,
        });
    }
    out
}

/// pip's rule: a `#` at the start or after whitespace begins a comment (so `#egg=` in a URL
/// does not).
fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

#[allow(clippy::too_many_arguments)]
fn parse_file(
    state: &mut State<'_>,
    root: &str,
    path: &str,
    text: &str,
    depth: usize,
    constraints_only: bool,
    // The line of the `-r` in the top file, for warnings from included files.
    included_at: Option<u32>,
) {
    let declared_in = (path != root).then(|| path.to_string());
    let warn = |state: &mut State<'_>, line: u32, message: String| match included_at {
        Some(at) => state
            .warnings
            .push((at, format!("{path}:{line}: {message}"))),
        None => state.warnings.push((line, message)),
    };
    // Index into state.packages of the last requirement, for `# via` comments.
    let mut last: Option<usize> = None;
    let mut in_via = false;
    for logical in logical_lines(text) {
        let line = logical.line;
        if let Some(comment) = &logical.comment {
            if let Some(i) = last {
                if let Some(rest) = comment.strip_prefix("via") {
                    let rest = rest.trim();
                    if rest.is_empty() {
                        in_via = true;
                    } else {
                        state.via[i].push(rest.to_string());
                        in_via = false;
                    }
                } else if in_via && !comment.is_empty() {
                    state.via[i].push(comment.clone());
                } else {
                    in_via = false;
                }
            }
            continue;
        }
        in_via = false;
        let text = logical.text.as_str();
        if text.is_empty() {
            continue;
        }
        if text.starts_with('-') {
            let (option, value) = split_option(text);
            match option {
                "-r" | "--requirement" | "-c" | "--constraint" => {
                    let constraint = matches!(option, "-c" | "--constraint");
                    if value.is_empty() {
                        warn(state, line, format!("`{option}` without a file"));
                        continue;
                    }
                    if value.contains("://") {
                        warn(
                            state,
                            line,
                            format!("remote include `{value}` is not followed"),
                        );
                        continue;
                    }
                    let target = join_path(path, value);
                    if !state.visited.insert(target.clone()) {
                        continue;
                    }
                    if depth + 1 > MAX_INCLUDE_DEPTH {
                        warn(
                            state,
                            line,
                            format!("includes nested too deep at `{target}`"),
                        );
                        continue;
                    }
                    match (state.read)(&target) {
                        Some(included) => {
                            let included = included.strip_prefix('\u{feff}').unwrap_or(&included);
                            parse_file(
                                state,
                                root,
                                &target,
                                included,
                                depth + 1,
                                constraints_only || constraint,
                                included_at.or(Some(line)),
                            );
                        }
                        None => warn(state, line, format!("cannot read included file `{target}`")),
                    }
                }
                "-e" | "--editable" => match egg_name(value) {
                    Some(name) if !constraints_only => {
                        let mut package = Package::new(Ecosystem::PyPI, name, None);
                        package.source = Some(value.to_string());
                        last = Some(push(state, package, line, &declared_in));
                    }
                    _ => warn(
                        state,
                        line,
                        format!("editable install `{value}` is not checked against advisories"),
                    ),
                },
                _ => {}
            }
            continue;
        }
        if text.starts_with('.') || text.starts_with('/') || looks_like_url(text) {
            let location = text.split_whitespace().next().unwrap_or(text);
            match egg_name(location) {
                Some(name) if !constraints_only => {
                    let mut package = Package::new(Ecosystem::PyPI, name, None);
                    package.source = Some(location.to_string());
                    last = Some(push(state, package, line, &declared_in));
                }
                _ => warn(
                    state,
                    line,
                    format!("`{location}` is a URL or path, not checked against advisories"),
                ),
            }
            continue;
        }
        match parse_requirement(text) {
            Ok(package) => {
                if constraints_only {
                    if let Some(v) = &package.version {
                        state.constraints.insert(pep503(&package.name), v.clone());
                    }
                    continue;
                }
                last = Some(push(state, package, line, &declared_in));
            }
            Err(why) => warn(state, line, why),
        }
    }
}

fn push(
    state: &mut State<'_>,
    mut package: Package,
    line: u32,
    declared_in: &Option<String>,
) -> usize {
    package.line = line;
    package.declared_in = declared_in.clone();
    package.scope = Scope::Direct;
    state.packages.push(package);
    state.via.push(Vec::new());
    state.packages.len() - 1
}

/// `-r file`, `-rfile`, `--requirement=file`, `--requirement file`.
fn split_option(text: &str) -> (&str, &str) {
    if let Some(long) = text.strip_prefix("--") {
        let end = long
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(long.len());
        let option = &text[..2 + end];
        let value = long[end..].trim_start_matches('=').trim();
        return (option, value);
    }
    let option = text.get(..2).unwrap_or(text);
    let value = text.get(2..).unwrap_or("").trim();
    (option, value)
}

fn looks_like_url(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or(text);
    let scheme_end = first.find("://");
    let spec_start = first.find(['=', '<', '>', '~', '!', ';', '@', '[']);
    match (scheme_end, spec_start) {
        (Some(u), Some(s)) => u < s,
        (Some(_), None) => true,
        _ => first.starts_with("file:"),
    }
}

/// `#egg=name` from a VCS or archive URL.
fn egg_name(url: &str) -> Option<String> {
    let fragment = url.split_once('#')?.1;
    let egg = fragment
        .split('&')
        .find_map(|part| part.strip_prefix("egg="))?;
    let name = egg.split(['[', '=', '<', '>']).next().unwrap_or(egg).trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// One PEP 508 requirement with pip's per-requirement options (`--hash=`).
fn parse_requirement(text: &str) -> Result<Package, String> {
    // Options come after the requirement, each starting with ` --`.
    let (spec, options) = match text.find(" --").or_else(|| text.find("\t--")) {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    let spec = spec.split(';').next().unwrap_or(spec).trim();
    let name_end = spec
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(spec.len());
    let name = &spec[..name_end];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Err(format!("`{text}` is not a requirement"));
    }
    let mut rest = spec[name_end..].trim_start();
    if rest.starts_with('[') {
        match rest.find(']') {
            Some(end) => rest = rest[end + 1..].trim_start(),
            None => return Err(format!("unclosed extras in `{text}`")),
        }
    }
    let mut package = Package::new(Ecosystem::PyPI, name, None);
    if let Some(url) = rest.strip_prefix('@') {
        package.source = Some(url.trim().to_string());
    } else {
        let clause = rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .unwrap_or(rest)
            .trim();
        if !clause.is_empty() {
            if !clause.starts_with(['=', '<', '>', '~', '!']) {
                return Err(format!("`{text}` is not a requirement"));
            }
            let pinned = clause
                .strip_prefix("===")
                .or_else(|| clause.strip_prefix("=="))
                .map(str::trim)
                .filter(|v| !v.is_empty() && !v.contains([',', '*', ' ', '<', '>', '=', '!']));
            match pinned {
                Some(version) => package.version = Some(version.to_string()),
                None => package.requirement = Some(clause.to_string()),
            }
        }
    }
    for option in options.split_whitespace() {
        if let Some(digest) = option.strip_prefix("--hash=") {
            package.hashes.extend(prefixed_hex_hash(digest));
        }
    }
    Ok(package)
}

/// `a/b/requirements.txt` + `../c.txt` -> `a/c.txt`.
pub(crate) fn join_path(from_file: &str, include: &str) -> String {
    if include.starts_with('/') {
        return normalise_path(include);
    }
    let dir = from_file.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    if dir.is_empty() {
        normalise_path(include)
    } else {
        normalise_path(&format!("{dir}/{include}"))
    }
}

fn normalise_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if matches!(parts.last(), Some(p) if *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    if path.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_and_normalise() {
        assert_eq!(join_path("requirements.txt", "base.txt"), "base.txt");
        assert_eq!(join_path("a/b/req.txt", "../c.txt"), "a/c.txt");
        assert_eq!(join_path("a/req.txt", "./sub/./d.txt"), "a/sub/d.txt");
        assert_eq!(join_path("req.txt", "../x.txt"), "../x.txt");
    }

    #[test]
    fn requirement_forms() {
        let p = parse_requirement("Django[argon2]==4.2.1 ; python_version >= \"3.8\"").unwrap();
        assert_eq!(
            (p.name.as_str(), p.version.as_deref()),
            ("Django", Some("4.2.1"))
        );
        let p = parse_requirement("requests>=2.0,<3").unwrap();
        assert_eq!(p.version, None);
        assert_eq!(p.requirement.as_deref(), Some(">=2.0,<3"));
        let p = parse_requirement("six==1.*").unwrap();
        assert_eq!(p.requirement.as_deref(), Some("==1.*"));
        let p = parse_requirement("pkg @ https://files.example/pkg-1.0.tar.gz").unwrap();
        assert_eq!(
            p.source.as_deref(),
            Some("https://files.example/pkg-1.0.tar.gz")
        );
        assert!(parse_requirement("???").is_err());
        assert!(parse_requirement("name garbage").is_err());
    }
}
