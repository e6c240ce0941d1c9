//! `steward hook`: the pre-commit hook that runs the staged scan, so a secret is stopped
//! before it enters history.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::args::HookCommand;
use crate::exit::{Exit, usage};

/// First line after the shebang; marks a hook as ours so we never overwrite someone else's.
const MARKER: &str = "# installed by `steward hook install`";

fn hook_body() -> String {
    format!(
        "#!/bin/sh\n{MARKER}; remove with `steward hook uninstall`.\n\
# Scans what is staged (the index, not the work tree) and blocks the commit when the\n\
# gate fails. Bypass once, knowingly, with `git commit --no-verify`.\n\
exec steward scan --profile commit .\n"
    )
}

fn hooks_dir(repo: &Path) -> Result<PathBuf> {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["rev-parse", "--git-path", "hooks"])
        .output()
        .map_err(|e| usage(format!("cannot run git: {e}")))?;
    if !out.status.success() {
        return Err(usage(format!(
            "{} is not a git repository; run `steward hook install` inside one",
            repo.display()
        )));
    }
    let rel = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let p = PathBuf::from(&rel);
    Ok(if p.is_absolute() { p } else { repo.join(p) })
}

pub fn run(cmd: HookCommand) -> Result<Exit> {
    match cmd {
        HookCommand::Install { force, repo } => {
            let dir = hooks_dir(&repo)?;
            let path = dir.join("pre-commit");
            if let Ok(existing) = std::fs::read_to_string(&path)
                && !existing.contains(MARKER)
                && !force
            {
                return Err(usage(format!(
                    "{} already exists and was not written by steward; add `steward scan --profile commit .` to it yourself, or replace it with --force",
                    path.display()
                )));
            }
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            steward_core::output::write_atomic(&path, hook_body().as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
                    .with_context(|| format!("making {} executable", path.display()))?;
            }
            println!("installed pre-commit hook at {}", path.display());
            Ok(Exit::Clean)
        }
        HookCommand::Uninstall { repo } => {
            let path = hooks_dir(&repo)?.join("pre-commit");
            match std::fs::read_to_string(&path) {
                Ok(body) if body.contains(MARKER) => {
                    std::fs::remove_file(&path)
                        .with_context(|| format!("removing {}", path.display()))?;
                    println!("removed {}", path.display());
                    Ok(Exit::Clean)
                }
                Ok(_) => Err(usage(format!(
                    "{} was not written by steward; leaving it alone",
                    path.display()
                ))),
                Err(_) => {
                    println!("no pre-commit hook at {}", path.display());
                    Ok(Exit::Clean)
                }
            }
        }
    }
}
