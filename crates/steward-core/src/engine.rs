//! The `Engine` trait every detector implements, and the runner that reads each collected
//! file once and hands it to every engine that wants it, in parallel.
//!
//! The tree's files are read whole. Its [`Collected::large_files`] (over the size limit,
//! kept only when the collector was asked to) go only to the engines that can scan a file
//! piece by piece ([`Engine::scans_large_files`]), read through one fixed-size window
//! ([`crate::piece`]), so a 500 MB log costs the same memory as a 16 MB one.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::collect::{Collected, CollectedFile, SkipReason, Skipped, looks_binary};
use crate::finding::Finding;
use crate::piece::{Piece, pieces_of_reader};
use crate::rule::Rule;
use crate::suppress::{Suppression, parse_suppressions};

/// A file's content as engines see it.
pub struct SourceFile<'a> {
    /// Relative path with `/` separators, as reports show it.
    pub rel_path: &'a str,
    pub bytes: &'a [u8],
}

/// Errors an engine reports for a whole run (not for one bad file: those are skips).
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("{engine}: {message}")]
    Config { engine: String, message: String },
    #[error("{engine}: {message}")]
    Internal { engine: String, message: String },
}

/// What an engine found in the whole tree, beyond per-file findings.
#[derive(Debug, Default)]
pub struct TreeOutput {
    pub findings: Vec<Finding>,
    pub skipped: Vec<Skipped>,
}

/// A detector. Engines only emit findings: they never print, exit or decide pass/fail.
pub trait Engine: Send + Sync {
    /// Short name used by `--engines`: `secrets`, `code`, `deps`, `iac`.
    fn name(&self) -> &'static str;

    /// Every rule this engine can report.
    fn rules(&self) -> &[Rule];

    /// Whether `scan_file` wants to see this file (a cheap check on the path).
    fn wants_file(&self, _rel_path: &str) -> bool {
        false
    }

    /// Look at one file. Called in parallel from many threads.
    fn scan_file(&self, _file: &SourceFile<'_>, _out: &mut Vec<Finding>) {}

    /// Look at a binary file, which `scan_file` never gets: an engine that recognises a
    /// binary format by its structure (a keystore) reports it here. Returns whether the
    /// engine knew the format, so the file counts as scanned rather than skipped as binary.
    fn scan_binary(&self, _file: &SourceFile<'_>, _out: &mut Vec<Finding>) -> bool {
        false
    }

    /// Whether the engine can scan a file piece by piece ([`Engine::scan_piece`]), and so be
    /// given files over the size limit of the engines that read files whole.
    fn scans_large_files(&self) -> bool {
        false
    }

    /// Look at one piece of a large file: `file.bytes` is a window of it, `piece` says where
    /// the window is. Report only findings that start in `piece.owned` (the rest is context
    /// shared with the neighbouring pieces), located in the whole file
    /// ([`Piece::file_position`]). Called for engines whose [`Engine::scans_large_files`]
    /// is true, in order, once per piece.
    fn scan_piece(&self, _file: &SourceFile<'_>, _piece: &Piece, _out: &mut Vec<Finding>) {}

    /// Look at the tree as a whole (lockfiles, cross-file analysis), once per run.
    fn scan_tree(&self, _tree: &Collected) -> Result<TreeOutput, EngineError> {
        Ok(TreeOutput::default())
    }
}

/// What running the engines over a collected tree produced.
#[derive(Debug, Default)]
pub struct ScanOutcome {
    pub findings: Vec<Finding>,
    pub skipped: Vec<Skipped>,
    pub suppressions: Vec<Suppression>,
    pub files_scanned: usize,
    pub bytes_scanned: u64,
}

/// Run `engines` over `tree`: every file is read once, binaries are skipped with a reason,
/// suppression comments are collected from every text file, and `on_file` is called after
/// each file (for progress bars).
pub fn run_engines(
    engines: &[&dyn Engine],
    tree: &Collected,
    on_file: &(dyn Fn() + Sync),
) -> Result<ScanOutcome, EngineError> {
    let files_scanned = AtomicUsize::new(0);
    let bytes_scanned = AtomicU64::new(0);
    let whole = tree.files.par_iter().map(|file| (file, false));
    let large = tree.large_files.par_iter().map(|file| (file, true));
    let per_file: Vec<(Vec<Finding>, Vec<Suppression>, Option<Skipped>)> = whole
        .chain(large)
        .map(|(file, large)| {
            let result = if large {
                scan_large(engines, file, tree.max_file_size)
            } else {
                scan_one(engines, &file.path, &file.rel_path)
            };
            on_file();
            if result.2.is_none() {
                files_scanned.fetch_add(1, Ordering::Relaxed);
                bytes_scanned.fetch_add(file.size, Ordering::Relaxed);
            }
            result
        })
        .collect();
    let mut out = ScanOutcome {
        skipped: tree.skipped.clone(),
        files_scanned: files_scanned.into_inner(),
        bytes_scanned: bytes_scanned.into_inner(),
        ..Default::default()
    };
    for (findings, sups, skip) in per_file {
        out.findings.extend(findings);
        out.suppressions.extend(sups);
        out.skipped.extend(skip);
    }
    for engine in engines {
        let tree_out = engine.scan_tree(tree)?;
        out.findings.extend(tree_out.findings);
        out.skipped.extend(tree_out.skipped);
    }
    out.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn scan_one(
    engines: &[&dyn Engine],
    path: &std::path::Path,
    rel_path: &str,
) -> (Vec<Finding>, Vec<Suppression>, Option<Skipped>) {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let skip = Skipped {
                path: rel_path.to_string(),
                reason: SkipReason::Unreadable {
                    error: e.to_string(),
                },
            };
            return (Vec::new(), Vec::new(), Some(skip));
        }
    };
    let source = SourceFile {
        rel_path,
        bytes: &bytes,
    };
    if looks_binary(&bytes) {
        let mut findings = Vec::new();
        let mut known = false;
        for engine in engines {
            if engine.wants_file(rel_path) {
                known |= engine.scan_binary(&source, &mut findings);
            }
        }
        if known {
            return (findings, Vec::new(), None);
        }
        let skip = Skipped {
            path: rel_path.to_string(),
            reason: SkipReason::Binary,
        };
        return (Vec::new(), Vec::new(), Some(skip));
    }
    let mut findings = Vec::new();
    for engine in engines {
        if engine.wants_file(rel_path) {
            engine.scan_file(&source, &mut findings);
        }
    }
    (findings, parse_suppressions(rel_path, &bytes), None)
}

/// A file over the whole-file limit: read through one window, piece by piece, by the
/// engines that can scan it that way; the others never see it.
fn scan_large(
    engines: &[&dyn Engine],
    file: &CollectedFile,
    limit: u64,
) -> (Vec<Finding>, Vec<Suppression>, Option<Skipped>) {
    let rel_path = file.rel_path.as_str();
    let skipped = |reason| {
        Some(Skipped {
            path: rel_path.to_string(),
            reason,
        })
    };
    let takers: Vec<&dyn Engine> = engines
        .iter()
        .copied()
        .filter(|e| e.scans_large_files() && e.wants_file(rel_path))
        .collect();
    if takers.is_empty() {
        let reason = SkipReason::TooLarge {
            size: file.size,
            limit,
        };
        return (Vec::new(), Vec::new(), skipped(reason));
    }
    let reader = match std::fs::File::open(&file.path) {
        Ok(f) => f,
        Err(e) => {
            let reason = SkipReason::Unreadable {
                error: e.to_string(),
            };
            return (Vec::new(), Vec::new(), skipped(reason));
        }
    };
    let mut findings = Vec::new();
    let mut suppressions = Vec::new();
    let mut binary = false;
    let read = pieces_of_reader(reader, |window, piece| {
        if piece.offset == 0 && looks_binary(window) {
            binary = true;
            return ControlFlow::Break(());
        }
        let source = SourceFile {
            rel_path,
            bytes: window,
        };
        for engine in &takers {
            engine.scan_piece(&source, piece, &mut findings);
        }
        // Cuts fall on line starts, so the owned part holds whole comment lines.
        let first_line = piece.lines_before(window, piece.owned.start);
        suppressions.extend(
            parse_suppressions(rel_path, &window[piece.owned.clone()])
                .into_iter()
                .map(|mut s| {
                    s.line = s.line.saturating_add(first_line);
                    s
                }),
        );
        ControlFlow::Continue(())
    });
    if binary {
        return (Vec::new(), Vec::new(), skipped(SkipReason::Binary));
    }
    match read {
        Ok(_) => (findings, suppressions, None),
        // What was read before the error is reported; the file is named as not read whole.
        Err(e) => {
            let reason = SkipReason::Unreadable {
                error: format!("read error part-way through: {e}"),
            };
            (findings, suppressions, skipped(reason))
        }
    }
}
