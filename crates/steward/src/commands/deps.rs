//! `steward deps sbom`: the software bill of materials from the project's lockfiles.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use steward_core::collect::{CollectOptions, collect};
use steward_deps::sbom::{self, SbomMeta};

use crate::args::{GlobalArgs, SbomArgs};
use crate::exit::{Exit, usage};
use crate::project::Project;

/// The SBOM of the lockfiles under `root` (relative paths in it are relative to `root`).
pub fn build_sbom(
    tree: &steward_core::collect::Collected,
    meta: &SbomMeta,
) -> (sbom::Bom, Vec<steward_deps::LockfileError>) {
    let (lockfiles, errors) = steward_deps::engine::read_lockfiles(tree);
    (sbom::build(&lockfiles, meta), errors)
}

/// The product name an SBOM names: steward.toml's, else the directory's.
pub fn product_name(project: &Project, target: &Path) -> String {
    project.product_name().unwrap_or_else(|| {
        target
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "product".into())
    })
}

pub fn sbom(args: SbomArgs, global: &GlobalArgs) -> Result<Exit> {
    if !args.path.exists() {
        return Err(usage(format!(
            "{}: no such file or directory; name the project directory",
            args.path.display()
        )));
    }
    let project = Project::discover(&args.path, global.config.as_deref())?;
    let mut excludes = args.exclude.clone();
    if let (Some(m), Some(mp)) = (&project.manifest, &project.manifest_path) {
        excludes.extend(super::scan::manifest_excludes(
            &m.scan.exclude,
            mp,
            &args.path,
        ));
    }
    let tree = collect(
        &args.path,
        &CollectOptions {
            excludes,
            ..Default::default()
        },
    )?;
    let meta = SbomMeta {
        name: args
            .name
            .clone()
            .unwrap_or_else(|| product_name(&project, &args.path)),
        version: args.version.clone(),
        timestamp: (!args.reproducible).then(chrono::Utc::now),
        serial: None,
    };
    let (bom, errors) = build_sbom(&tree, &meta);
    for e in &errors {
        eprintln!("steward: warning: {e}; its packages are not in the SBOM");
    }
    let json = bom.to_json_pretty();
    match &args.output {
        Some(path) => steward_core::output::write_atomic(path, json.as_bytes())
            .with_context(|| format!("writing the SBOM to {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(json.as_bytes()).context("writing the SBOM")?;
        }
    }
    Ok(Exit::Clean)
}
