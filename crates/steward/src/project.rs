//! The project a command works on: where its root is, its steward.toml, its git commit and
//! where its ledger lives by default.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Result;
use steward_core::manifest::{MANIFEST_FILE, Manifest};

use crate::exit::usage;

pub struct Project {
    /// Where `.steward/` lives: the directory of steward.toml, else the git top level, else
    /// the target directory.
    pub root: PathBuf,
    pub manifest: Option<Manifest>,
    pub manifest_path: Option<PathBuf>,
}

impl Project {
    /// Find the project that `target` belongs to. `config` overrides steward.toml discovery.
    pub fn discover(target: &Path, config: Option<&Path>) -> Result<Project> {
        let manifest_path = match config {
            Some(p) => {
                if !p.is_file() {
                    return Err(usage(format!(
                        "{}: no such file; --config must name a steward.toml",
                        p.display()
                    )));
                }
                Some(p.to_path_buf())
            }
            None => Manifest::discover(target),
        };
        let manifest = match &manifest_path {
            Some(p) => Some(Manifest::load(p)?),
            None => None,
        };
        let target_dir = if target.is_file() {
            target.parent().unwrap_or(Path::new(".")).to_path_buf()
        } else {
            target.to_path_buf()
        };
        let root = match &manifest_path {
            Some(p) if config.is_none() => p.parent().map(Path::to_path_buf).unwrap_or_default(),
            _ => git_toplevel(&target_dir).unwrap_or(target_dir),
        };
        Ok(Project {
            root,
            manifest,
            manifest_path,
        })
    }

    pub fn default_ledger_path(&self) -> PathBuf {
        self.root.join(".steward").join("ledger.db")
    }

    pub fn product_name(&self) -> Option<String> {
        self.manifest.as_ref().map(|m| m.product.name.clone())
    }

    /// Whether a steward.toml exists right in `dir` (for messages).
    #[allow(dead_code)]
    pub fn has_manifest_in(dir: &Path) -> bool {
        dir.join(MANIFEST_FILE).is_file()
    }
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?;
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

pub fn git_toplevel(dir: &Path) -> Option<PathBuf> {
    git(dir, &["rev-parse", "--show-toplevel"]).map(PathBuf::from)
}

/// The commit checked out in `dir`, if it is a git work tree with one.
pub fn git_commit(dir: &Path) -> Option<String> {
    git(dir, &["rev-parse", "--verify", "--quiet", "HEAD"])
}

/// Files changed against HEAD in the work tree, plus untracked ones, relative to `dir`.
pub fn git_changed_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let has_head = git_commit(dir).is_some();
    let tracked = if has_head {
        git_z(dir, &["diff", "--name-only", "-z", "--relative", "HEAD"])?
    } else {
        git_z(dir, &["ls-files", "-z"])?
    };
    files.extend(tracked);
    files.extend(git_z(
        dir,
        &["ls-files", "-z", "--others", "--exclude-standard"],
    )?);
    files.sort();
    files.dedup();
    Ok(files.into_iter().map(PathBuf::from).collect())
}

/// Paths staged in the index (added, copied, modified, renamed), relative to `dir`.
pub fn git_staged_files(dir: &Path) -> Result<Vec<String>> {
    git_z(
        dir,
        &[
            "diff",
            "--cached",
            "--name-only",
            "-z",
            "--relative",
            "--diff-filter=ACMR",
        ],
    )
}

/// Write the index's version of `files` under `dest`, so a scan sees exactly what would be
/// committed rather than the work tree.
pub fn git_checkout_index(dir: &Path, files: &[String], dest: &Path) -> Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    let mut prefix = dest.to_string_lossy().into_owned();
    if !prefix.ends_with('/') {
        prefix.push('/');
    }
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(dir)
        .arg("checkout-index")
        .arg(format!("--prefix={prefix}"))
        .arg("--")
        .args(files);
    let out = cmd
        .output()
        .map_err(|e| usage(format!("cannot run git: {e}; --profile commit needs git")))?;
    if !out.status.success() {
        return Err(usage(format!(
            "git checkout-index failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(())
}

fn git_z(dir: &Path, args: &[&str]) -> Result<Vec<String>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| usage(format!("cannot run git: {e}; this profile needs git")))?;
    if !out.status.success() {
        return Err(usage(format!(
            "{} is not a git work tree ({}); the ide and commit profiles need one, or name files with --files",
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(out
        .stdout
        .split(|b| *b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect())
}
