//! Turns a directory into the list of files the engines read: a parallel walk that honours
//! .gitignore, `--exclude` globs and a size limit, and never follows a symlink out of the tree.
//! Files over the limit are skipped, or, when asked, set aside for the engines that scan
//! large files piece by piece.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};
use serde::Serialize;

/// Files larger than this are not read whole: they are skipped, or kept for the engines
/// that scan large files piece by piece (see [`CollectOptions::keep_large_files`]).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct CollectOptions {
    /// Glob patterns (gitignore-style, matched against the path relative to the root).
    pub excludes: Vec<String>,
    pub max_file_size: u64,
    /// Honour .gitignore, .ignore and git's global excludes.
    pub respect_gitignore: bool,
    /// Only these files (relative to the root or absolute), for `--profile ide` and staged scans.
    pub only: Option<Vec<PathBuf>>,
    /// Keep files over `max_file_size` in [`Collected::large_files`] instead of skipping
    /// them, for engines that scan large files piece by piece (the secrets engine).
    pub keep_large_files: bool,
}

impl Default for CollectOptions {
    fn default() -> Self {
        CollectOptions {
            excludes: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            respect_gitignore: true,
            only: None,
            keep_large_files: false,
        }
    }
}

/// A file to scan.
#[derive(Debug, Clone)]
pub struct CollectedFile {
    /// Path to open.
    pub path: PathBuf,
    /// Path relative to the scan root with `/` separators: what reports show.
    pub rel_path: String,
    pub size: u64,
}

/// Why a file was not scanned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum SkipReason {
    Binary,
    TooLarge {
        size: u64,
        limit: u64,
    },
    Unreadable {
        error: String,
    },
    SymlinkOutsideRoot {
        target: String,
    },
    Malformed {
        error: String,
    },
    /// An engine gave up on the file at its per-file time limit, so one pathological file
    /// (a minified bundle, an expression nested thousands deep) cannot stall the scan.
    TimedOut {
        /// What was under way: `parsing`, `pattern matching`, `taint analysis`.
        stage: String,
        limit_ms: u64,
    },
}

impl SkipReason {
    /// A short label used to count skips by kind.
    pub fn kind(&self) -> &'static str {
        match self {
            SkipReason::Binary => "binary",
            SkipReason::TooLarge { .. } => "too large",
            SkipReason::Unreadable { .. } => "unreadable",
            SkipReason::SymlinkOutsideRoot { .. } => "symlink out of tree",
            SkipReason::Malformed { .. } => "malformed",
            SkipReason::TimedOut { .. } => "timed out",
        }
    }
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::Binary => f.write_str("binary file"),
            SkipReason::TooLarge { size, limit } => {
                write!(
                    f,
                    "{size} bytes, over the {limit}-byte limit (--max-file-size)"
                )
            }
            SkipReason::Unreadable { error } => write!(f, "unreadable: {error}"),
            SkipReason::SymlinkOutsideRoot { target } => {
                write!(f, "symlink to {target}, outside the scanned tree")
            }
            SkipReason::Malformed { error } => write!(f, "malformed: {error}"),
            SkipReason::TimedOut { stage, limit_ms } => write!(
                f,
                "timed out: {stage} took over {:.1} s, the per-file time limit; the rest of the file was not analysed",
                *limit_ms as f64 / 1000.0
            ),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub path: String,
    #[serde(flatten)]
    pub reason: SkipReason,
}

/// The result of walking a target.
#[derive(Debug, Default)]
pub struct Collected {
    pub root: PathBuf,
    /// Files every engine may read whole.
    pub files: Vec<CollectedFile>,
    /// Files over [`CollectOptions::max_file_size`], kept (with
    /// [`CollectOptions::keep_large_files`]) for the engines that scan large files piece by
    /// piece; the others, and whole-tree analyses, never see them.
    pub large_files: Vec<CollectedFile>,
    /// The size limit the large files are over.
    pub max_file_size: u64,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    #[error("invalid --exclude pattern `{pattern}`")]
    BadGlob {
        pattern: String,
        source: globset::Error,
    },
}

/// Directories steward never descends into: version-control internals and its own state.
const ALWAYS_SKIPPED_DIRS: &[&str] = &[".git", ".hg", ".svn", ".steward"];

fn rel_string(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// The matcher `--exclude` and `[scan] exclude` patterns become: a bare name (`vendor`)
/// matches at any depth, a pattern with a `/` or a leading `/` is anchored at the scanned
/// root, and a directory pattern matches everything under it. Paths given to it are relative
/// with `/` separators. Public so that scans of things other than a directory (git history)
/// exclude the same paths.
pub fn exclude_matcher(patterns: &[String]) -> Result<GlobSet, CollectError> {
    build_excludes(patterns)
}

fn build_excludes(patterns: &[String]) -> Result<GlobSet, CollectError> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let glob = |pat: &str| {
            Glob::new(pat).map_err(|source| CollectError::BadGlob {
                pattern: p.clone(),
                source,
            })
        };
        // `vendor` and `vendor/` exclude the directory and everything under it, at any depth,
        // as in .gitignore.
        let trimmed = p.trim_end_matches('/');
        let anchored = trimmed.strip_prefix('/');
        let base = anchored.unwrap_or(trimmed);
        let prefixes: Vec<String> = if anchored.is_some() || base.contains('/') {
            vec![base.to_string()]
        } else {
            vec![base.to_string(), format!("**/{base}")]
        };
        for pre in prefixes {
            b.add(glob(&pre)?);
            b.add(glob(&format!("{pre}/**"))?);
        }
    }
    b.build().map_err(|source| CollectError::BadGlob {
        pattern: patterns.join(", "),
        source,
    })
}

/// Walk `root` (a directory or a single file) in parallel.
pub fn collect(root: &Path, opts: &CollectOptions) -> Result<Collected, CollectError> {
    let meta = std::fs::metadata(root).map_err(|_| CollectError::NotFound {
        path: root.display().to_string(),
    })?;
    let excludes = build_excludes(&opts.excludes)?;
    if meta.is_file() {
        let parent = root.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut out = Collected {
            root: parent.clone(),
            ..Default::default()
        };
        let rel = rel_string(&parent, root);
        out.place(place_file(root, rel, meta.len(), opts));
        out.max_file_size = opts.max_file_size;
        return Ok(out);
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());

    if let Some(only) = &opts.only {
        let mut out = Collected {
            root: root.to_path_buf(),
            ..Default::default()
        };
        for p in only {
            let full = if p.is_absolute() {
                p.clone()
            } else {
                root.join(p)
            };
            let rel = rel_string(root, &full);
            if excludes.is_match(&rel) {
                continue;
            }
            match std::fs::metadata(&full) {
                Ok(m) if m.is_file() => out.place(place_file(&full, rel, m.len(), opts)),
                Ok(_) => {}
                // A deleted file in a change set has nothing left to scan.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => out.skipped.push(Skipped {
                    path: rel,
                    reason: SkipReason::Unreadable {
                        error: e.to_string(),
                    },
                }),
            }
        }
        out.files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        out.large_files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        out.max_file_size = opts.max_file_size;
        return Ok(out);
    }

    let files = Mutex::new(Vec::new());
    let large_files = Mutex::new(Vec::new());
    let skipped = Mutex::new(Vec::new());
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(false)
        .follow_links(false)
        .git_ignore(opts.respect_gitignore)
        .git_global(opts.respect_gitignore)
        .git_exclude(opts.respect_gitignore)
        .ignore(opts.respect_gitignore)
        .parents(opts.respect_gitignore)
        .require_git(false)
        .threads(rayon::current_num_threads().min(8));
    let root_buf = root.to_path_buf();
    builder.filter_entry(move |e| {
        !(e.file_type().is_some_and(|t| t.is_dir())
            && e.depth() > 0
            && ALWAYS_SKIPPED_DIRS
                .iter()
                .any(|d| e.file_name() == std::ffi::OsStr::new(d)))
    });
    builder.build_parallel().run(|| {
        let files = &files;
        let large_files = &large_files;
        let skipped = &skipped;
        let excludes = &excludes;
        let root = &root_buf;
        let canonical_root = &canonical_root;
        Box::new(move |entry| {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    let path = match &err {
                        ignore::Error::WithPath { path, .. } => rel_string(root, path),
                        _ => String::new(),
                    };
                    skipped
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(Skipped {
                            path,
                            reason: SkipReason::Unreadable {
                                error: err.to_string(),
                            },
                        });
                    return WalkState::Continue;
                }
            };
            let rel = rel_string(root, entry.path());
            if entry.depth() > 0 && excludes.is_match(&rel) {
                return if entry.file_type().is_some_and(|t| t.is_dir()) {
                    WalkState::Skip
                } else {
                    WalkState::Continue
                };
            }
            let Some(ft) = entry.file_type() else {
                return WalkState::Continue;
            };
            if ft.is_symlink() {
                // A link inside the tree is scanned where its target lives; a link out of
                // the tree is not followed, and the user is told.
                if let Ok(target) = entry.path().canonicalize()
                    && !target.starts_with(canonical_root)
                {
                    skipped
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(Skipped {
                            path: rel,
                            reason: SkipReason::SymlinkOutsideRoot {
                                target: target.display().to_string(),
                            },
                        });
                }
                return WalkState::Continue;
            }
            if !ft.is_file() {
                return WalkState::Continue;
            }
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            let (list, item) = match place_file(entry.path(), rel, size, opts) {
                Placed::File(f) => (files, Ok(f)),
                Placed::Large(f) => (large_files, Ok(f)),
                Placed::Skipped(s) => (files, Err(s)),
            };
            match item {
                Ok(f) => list.lock().unwrap_or_else(|p| p.into_inner()).push(f),
                Err(s) => skipped.lock().unwrap_or_else(|p| p.into_inner()).push(s),
            }
            WalkState::Continue
        })
    });
    let mut files = files.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut large_files = large_files.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut skipped = skipped.into_inner().unwrap_or_else(|p| p.into_inner());
    files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    large_files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Collected {
        root: root.to_path_buf(),
        files,
        large_files,
        max_file_size: opts.max_file_size,
        skipped,
    })
}

/// Where a file found by the walk goes.
enum Placed {
    File(CollectedFile),
    Large(CollectedFile),
    Skipped(Skipped),
}

impl Collected {
    fn place(&mut self, placed: Placed) {
        match placed {
            Placed::File(f) => self.files.push(f),
            Placed::Large(f) => self.large_files.push(f),
            Placed::Skipped(s) => self.skipped.push(s),
        }
    }
}

fn place_file(path: &Path, rel_path: String, size: u64, opts: &CollectOptions) -> Placed {
    let file = CollectedFile {
        path: path.to_path_buf(),
        rel_path,
        size,
    };
    if size <= opts.max_file_size {
        Placed::File(file)
    } else if opts.keep_large_files {
        Placed::Large(file)
    } else {
        Placed::Skipped(Skipped {
            path: file.rel_path,
            reason: SkipReason::TooLarge {
                size,
                limit: opts.max_file_size,
            },
        })
    }
}

/// Git's heuristic: a NUL byte in the first 8000 bytes means binary.
pub fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8000)]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("src")).unwrap();
        std::fs::create_dir_all(p.join("vendor/lib")).unwrap();
        std::fs::create_dir_all(p.join(".git")).unwrap();
        std::fs::write(p.join("src/app.py"), "print(1)\n").unwrap();
        std::fs::write(p.join(".env"), "A=1\n").unwrap();
        std::fs::write(p.join("vendor/lib/x.js"), "x\n").unwrap();
        std::fs::write(p.join("ignored.log"), "x\n").unwrap();
        std::fs::write(p.join(".gitignore"), "*.log\n").unwrap();
        std::fs::write(p.join(".git/config"), "x\n").unwrap();
        std::fs::write(p.join("big.txt"), vec![b'a'; 2048]).unwrap();
        dir
    }

    fn names(c: &Collected) -> Vec<&str> {
        c.files.iter().map(|f| f.rel_path.as_str()).collect()
    }

    #[test]
    fn walks_hidden_files_honours_gitignore_and_skips_git_dir() {
        let dir = tree();
        let c = collect(dir.path(), &CollectOptions::default()).unwrap();
        assert_eq!(
            names(&c),
            [
                ".env",
                ".gitignore",
                "big.txt",
                "src/app.py",
                "vendor/lib/x.js"
            ]
        );
    }

    #[test]
    fn excludes_and_size_limit_apply_with_reasons() {
        let dir = tree();
        let opts = CollectOptions {
            excludes: vec!["vendor".into()],
            max_file_size: 1024,
            ..Default::default()
        };
        let c = collect(dir.path(), &opts).unwrap();
        assert_eq!(names(&c), [".env", ".gitignore", "src/app.py"]);
        assert_eq!(c.skipped.len(), 1);
        assert_eq!(c.skipped[0].path, "big.txt");
        assert_eq!(c.skipped[0].reason.kind(), "too large");
        assert!(c.large_files.is_empty());

        let kept = collect(
            dir.path(),
            &CollectOptions {
                keep_large_files: true,
                ..opts
            },
        )
        .unwrap();
        assert_eq!(names(&kept), [".env", ".gitignore", "src/app.py"]);
        assert!(kept.skipped.is_empty());
        assert_eq!(kept.large_files.len(), 1);
        assert_eq!(kept.large_files[0].rel_path, "big.txt");
        assert_eq!(kept.max_file_size, 1024);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_tree_are_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        let dir = tree();
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            dir.path().join("link.txt"),
        )
        .unwrap();
        let c = collect(dir.path(), &CollectOptions::default()).unwrap();
        assert!(!names(&c).contains(&"link.txt"));
        assert!(
            c.skipped.iter().any(|s| s.path == "link.txt"
                && matches!(s.reason, SkipReason::SymlinkOutsideRoot { .. }))
        );
    }

    #[test]
    fn missing_path_is_a_clear_error() {
        let err = collect(
            Path::new("/definitely/not/here"),
            &CollectOptions::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("no such file or directory"));
    }

    #[test]
    fn binary_detection_uses_nul_bytes() {
        assert!(looks_binary(b"abc\0def"));
        assert!(!looks_binary(b"plain text"));
    }
}
