//! Which files a review analyses at each side. A finding in a file the change did not
//! touch is the same at both sides, so only the changed files need analysing — plus the
//! unchanged files their analysis depends on, read at both sides so the fingerprints
//! compare: every lockfile and dependency manifest (the dependency diff is over the whole
//! tree), the rest of a changed Terraform module, the whole infrastructure when the design
//! check can see the change, and for code the modules a changed file imports and those
//! that import it, one hop each way. Flows longer than that are not followed; the report
//! says so.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use anyhow::Result;
use gix::ObjectId;
use rayon::prelude::*;
use steward_code::related;

use super::git::{Changes, Files, Repo};

/// Past this many unchanged files of a changed file's language to search for importers,
/// the search is skipped (and said to be).
const MAX_CALLER_CANDIDATES: usize = 5_000;

/// Past this many files to parse for their imports, the search for importers is skipped
/// (and said to be): a change to a module every file names costs more than it finds.
const MAX_CALLER_PARSES: usize = 3_000;

/// Time to parse one file for its imports.
const IMPORT_PARSE_LIMIT: Duration = Duration::from_secs(2);

/// Dependency manifests the lockfile readers consult beside the lockfiles.
const DEPENDENCY_MANIFESTS: &[&str] = &[
    "Cargo.toml",
    "package.json",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "Pipfile",
    "go.mod",
    "Gemfile",
    "composer.json",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
];

pub struct Scope {
    /// HEAD names of the files to analyse at both sides.
    pub paths: BTreeSet<String>,
    /// How many of them the change touched.
    pub changed: usize,
    pub notes: Vec<String>,
}

pub struct Sides<'a> {
    pub repo: &'a Repo,
    pub base: &'a Files,
    pub head: &'a Files,
    pub changes: &'a Changes,
    /// steward.toml's path from the repository top, if the project has one.
    pub manifest: Option<&'a str>,
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

fn is_terraform(path: &str) -> bool {
    matches!(
        steward_iac::Format::of_path(path),
        Some(steward_iac::Format::Terraform)
    ) || path.ends_with(".tfvars")
}

/// The files to analyse for `engines`.
pub fn select(s: &Sides<'_>, engines: &[&str]) -> Result<Scope> {
    let changes = s.changes;
    let mut paths: BTreeSet<String> = changes.present.clone();
    let changed = paths.len();
    let mut notes = Vec::new();
    let both = || s.base.keys().chain(s.head.keys());

    if engines.contains(&"deps") {
        for p in both() {
            if steward_deps::detect(p).is_some() || DEPENDENCY_MANIFESTS.contains(&file_name(p)) {
                paths.insert(p.clone());
            }
        }
    }
    if engines.contains(&"iac") || engines.contains(&"arch") {
        let dirs: BTreeSet<&str> = changes
            .present
            .iter()
            .chain(&changes.deleted)
            .filter(|p| is_terraform(p))
            .map(|p| dir_of(p))
            .collect();
        for p in both() {
            if is_terraform(p) && dirs.contains(dir_of(p)) {
                paths.insert(p.clone());
            }
        }
    }
    if engines.contains(&"arch") {
        let touched =
            changes.present.iter().chain(&changes.deleted).any(|p| {
                Some(p.as_str()) == s.manifest || steward_iac::Format::of_path(p).is_some()
            });
        if touched {
            if let Some(m) = s.manifest {
                paths.insert(m.to_string());
            }
            for p in both() {
                if steward_iac::Format::of_path(p).is_some() {
                    paths.insert(p.clone());
                }
            }
        }
    }
    if engines.contains(&"code") {
        code_neighbours(s, &mut paths, &mut notes)?;
    }
    // A path only the merge base has (its file deleted) is not analysed: nothing at HEAD.
    paths.retain(|p| s.head.contains_key(p));
    Ok(Scope {
        paths,
        changed,
        notes,
    })
}

/// Adds the unchanged modules the changed code files import, and those importing them.
fn code_neighbours(
    s: &Sides<'_>,
    paths: &mut BTreeSet<String>,
    notes: &mut Vec<String>,
) -> Result<()> {
    // The changed code files, each version: (path at that side, blob, which side).
    let mut changed: Vec<(String, ObjectId, bool)> = Vec::new();
    for p in s.changes.present.iter().filter(|p| related::is_code(p)) {
        changed.push((p.clone(), s.head[p], true));
        let from = s.changes.base_path(p);
        if let Some(id) = s.base.get(from) {
            changed.push((from.to_string(), *id, false));
        }
    }
    for p in s.changes.deleted.iter().filter(|p| related::is_code(p)) {
        changed.push((p.clone(), s.base[p], false));
    }
    if changed.is_empty() {
        return Ok(());
    }
    notes.push(
        "Cross-file flows are followed one call away: through the modules the changed files \
         import and the modules that import them."
            .into(),
    );
    let mut imports_cache: HashMap<ObjectId, Option<Vec<String>>> = HashMap::new();
    for (side_files, head_side) in [(s.head, true), (s.base, false)] {
        let mine: Vec<&(String, ObjectId, bool)> =
            changed.iter().filter(|c| c.2 == head_side).collect();
        if mine.is_empty() {
            continue;
        }
        // Callees: what the changed files import.
        let mut targets: Vec<(String, Vec<String>)> = Vec::new();
        for (p, id, _) in &mine {
            let imports = imports_cache
                .entry(*id)
                .or_insert_with(|| {
                    let bytes = s.repo.blob(*id).ok()?;
                    related::imports(p, &bytes, IMPORT_PARSE_LIMIT)
                })
                .clone()
                .unwrap_or_default();
            targets.push((p.clone(), imports));
        }
        for t in side_files.keys() {
            let head_name = if head_side {
                t.clone()
            } else {
                head_name_of(s.changes, t)
            };
            if paths.contains(&head_name) {
                continue;
            }
            if targets.iter().any(|(p, imports)| {
                related::same_language(p, t) && imports.iter().any(|i| related::names_module(i, t))
            }) {
                paths.insert(head_name);
            }
        }
        // Callers: the unchanged files of the same languages that import a changed file.
        let candidates: Vec<&String> = side_files
            .keys()
            .filter(|t| mine.iter().any(|(p, _, _)| related::same_language(p, t)))
            .filter(|t| !mine.iter().any(|(p, _, _)| p == *t))
            .collect();
        if candidates.len() > MAX_CALLER_CANDIDATES {
            notes.push(format!(
                "Files importing the changed code were not looked for at the {}: {} files of \
                 their languages, over the {MAX_CALLER_CANDIDATES} a review reads; a flow from \
                 one of them into a changed file is not followed.",
                if head_side { "head" } else { "merge base" },
                candidates.len()
            ));
            continue;
        }
        let stems: Vec<(String, String)> = mine
            .iter()
            .map(|(p, _, _)| (p.clone(), related::import_stem(p)))
            .collect();
        // Those that mention a changed module's name (a text search), then those of them
        // that import it (a parse each, in parallel; unchanged files parse once for both
        // sides).
        struct Maybe {
            head_name: String,
            path: String,
            id: ObjectId,
            changed: Vec<String>,
            bytes: Option<Vec<u8>>,
        }
        let mut maybe: Vec<Maybe> = Vec::new();
        for t in candidates {
            let head_name = if head_side {
                t.clone()
            } else {
                head_name_of(s.changes, t)
            };
            if paths.contains(&head_name) {
                continue;
            }
            let id = side_files[t];
            let Ok(bytes) = s.repo.blob(id) else { continue };
            let text = String::from_utf8_lossy(&bytes);
            let changed: Vec<String> = stems
                .iter()
                .filter(|(p, stem)| related::same_language(p, t) && contains_word(&text, stem))
                .map(|(p, _)| p.clone())
                .collect();
            if changed.is_empty() {
                continue;
            }
            let bytes = (!imports_cache.contains_key(&id)).then_some(bytes);
            maybe.push(Maybe {
                head_name,
                path: t.clone(),
                id,
                changed,
                bytes,
            });
        }
        let to_parse = maybe.iter().filter(|m| m.bytes.is_some()).count();
        if to_parse > MAX_CALLER_PARSES {
            notes.push(format!(
                "Files importing the changed code were not looked for at the {}: {to_parse} \
                 files mention a changed module's name, over the {MAX_CALLER_PARSES} a review \
                 parses; a flow from one of them into a changed file is not followed.",
                if head_side { "head" } else { "merge base" },
            ));
            continue;
        }
        let parsed: Vec<(ObjectId, Option<Vec<String>>)> = maybe
            .par_iter()
            .filter_map(|m| {
                let bytes = m.bytes.as_ref()?;
                Some((m.id, related::imports(&m.path, bytes, IMPORT_PARSE_LIMIT)))
            })
            .collect();
        imports_cache.extend(parsed);
        for m in maybe {
            let imports = imports_cache
                .get(&m.id)
                .cloned()
                .flatten()
                .unwrap_or_default();
            if m.changed
                .iter()
                .any(|p| imports.iter().any(|i| related::names_module(i, p)))
            {
                paths.insert(m.head_name);
            }
        }
    }
    Ok(())
}

/// The HEAD name of a merge-base path: its new name if it was renamed, else itself.
fn head_name_of(changes: &Changes, base_path: &str) -> String {
    changes
        .renamed_from
        .iter()
        .find(|(_, from)| from.as_str() == base_path)
        .map_or_else(|| base_path.to_string(), |(to, _)| to.clone())
}

/// Whether `word` occurs in `text` not as part of a longer identifier.
fn contains_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_whole() {
        assert!(contains_word("from .db import run", "db"));
        assert!(contains_word("require('./db')", "db"));
        assert!(!contains_word("import dbx", "db"));
        assert!(!contains_word("mydb = 1", "db"));
        assert!(!contains_word("anything", ""));
    }
}
