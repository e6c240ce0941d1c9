//! Which unchanged files a change's cross-file flows can run through, so a review can
//! analyse the files a change touched and only those of the rest that matter: the modules
//! a changed file imports (their summaries carry a flow from the changed file into a sink
//! there) and the modules that import a changed file (a flow from them into it). One hop
//! each way, resolved the way the engine's tree scan resolves calls into other files.

use std::time::{Duration, Instant};

use crate::sensitive::parse_until;
use crate::{Lang, module_name};

/// Whether the code engine analyses `rel_path`.
pub fn is_code(rel_path: &str) -> bool {
    Lang::of_path(rel_path).is_some()
}

/// Whether flows can cross between `a` and `b`: both code files whose languages share a
/// taint model (JavaScript and TypeScript do).
pub fn same_language(a: &str, b: &str) -> bool {
    match (Lang::of_path(a), Lang::of_path(b)) {
        (Some(x), Some(y)) => x.rules_of() == y.rules_of(),
        _ => false,
    }
}

/// The word a file importing `rel_path` must contain: the last part of its module name
/// (`db` for `app/db.py`, `app` for `app/__init__.py`). A cheap filter before parsing.
pub fn import_stem(rel_path: &str) -> String {
    let module = module_name(rel_path);
    module.rsplit('.').next().unwrap_or(&module).to_string()
}

/// The modules `bytes` (the content of `rel_path`) imports, as dotted paths from the scan
/// root with relative imports resolved (`from .db import run` in `app/views.py` gives
/// `app.db.run`). `None` for a file the engine does not analyse, or one that could not be
/// parsed within `limit`.
pub fn imports(rel_path: &str, bytes: &[u8], limit: Duration) -> Option<Vec<String>> {
    let lang = Lang::of_path(rel_path)?;
    let tree = parse_until(lang, bytes, Instant::now() + limit)?;
    let module = lang.lower(&tree, bytes);
    let mut out: Vec<String> = module
        .imports
        .iter()
        .map(|(_, target)| qualify(rel_path, target))
        .collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// Whether the import `target` (from [`imports`]) names the module of `rel_path` or
/// something in it: `target` is a dotted suffix of the module's name, or starts with one.
pub fn names_module(target: &str, rel_path: &str) -> bool {
    let module = module_name(rel_path);
    let parts: Vec<&str> = module.split('.').collect();
    (0..parts.len()).any(|start| {
        let suffix = parts[start..].join(".");
        target == suffix
            || target
                .strip_prefix(suffix.as_str())
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// An import's target as a path from the scan root: leading dots climb from the file's
/// directory, as the taint engine resolves them.
fn qualify(rel_path: &str, target: &str) -> String {
    let dots = target.bytes().take_while(|b| *b == b'.').count();
    if dots == 0 {
        return target.to_string();
    }
    let mut dir: Vec<&str> = rel_path.split('/').collect();
    dir.pop();
    for _ in 1..dots {
        dir.pop();
    }
    let rest = &target[dots..];
    let mut out = dir.join(".");
    if !out.is_empty() && !rest.is_empty() {
        out.push('.');
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Duration = Duration::from_secs(5);

    #[test]
    fn python_imports_resolve_against_the_package() {
        let src = b"import os\nfrom .db import run\nfrom app.models import User\n";
        let got = imports("app/views.py", src, LIMIT).unwrap();
        assert!(got.contains(&"app.db.run".to_string()), "{got:?}");
        assert!(got.contains(&"app.models.User".to_string()), "{got:?}");
        assert!(names_module("app.db.run", "app/db.py"));
        assert!(names_module("app.db.run", "src/app/db.py"));
        assert!(names_module("db", "app/db.py"));
        assert!(!names_module("app.dbx.run", "app/db.py"));
        assert!(!names_module("os", "app/db.py"));
    }

    #[test]
    fn javascript_requires_and_imports_resolve() {
        let src = b"const db = require('./db');\nimport { check } from '../lib/auth.js';\n";
        let got = imports("src/api/routes.js", src, LIMIT).unwrap();
        assert!(
            got.iter().any(|t| names_module(t, "src/api/db.js")),
            "{got:?}"
        );
        assert!(
            got.iter().any(|t| names_module(t, "src/lib/auth.js")),
            "{got:?}"
        );
        assert!(imports("README.md", src, LIMIT).is_none());
    }

    #[test]
    fn stems_and_languages() {
        assert_eq!(import_stem("app/db.py"), "db");
        assert_eq!(import_stem("app/__init__.py"), "app");
        assert!(same_language("a.ts", "b.js"));
        assert!(!same_language("a.py", "b.js"));
        assert!(is_code("x.tsx") && !is_code("x.md"));
    }
}
