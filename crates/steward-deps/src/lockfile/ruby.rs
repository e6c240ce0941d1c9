//! `Gemfile.lock`.
//!
//! Sections start at column 0 (`GEM`, `GIT`, `PATH`, `PLATFORMS`, `DEPENDENCIES`,
//! `CHECKSUMS`, …). Inside a source section's `specs:`, four spaces of indentation is a gem
//! (`rack (3.0.8)`) and six is one of its dependencies (`rack (>= 2.2)`). A platform suffix
//! (`nokogiri (1.15.4-x86_64-linux)`) is not part of the version, and the platform variants of
//! one version are one package. `DEPENDENCIES` lists the direct gems. `GIT` and `PATH` gems
//! carry their `remote` as the source, except a `PATH` with remote `.`: the project's own
//! gemspec, left out (its dependencies are in `DEPENDENCIES` anyway). Bundler 2.5+'s
//! `CHECKSUMS` section gives SHA-256 hashes.

use std::collections::{HashMap, HashSet};

use super::{Ctx, LockfileError, dep, exact_name, hex_hash, resolve_unique_versions};
use crate::package::{Lockfile, Package, Scope};
use crate::version::Ecosystem;

pub(crate) fn parse(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let mut packages: Vec<Package> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut direct: HashSet<String> = HashSet::new();
    let mut checksums: Vec<(String, String, String)> = Vec::new();
    let mut section = String::new();
    let mut remote: Option<String> = None;
    let mut in_specs = false;
    // The gem the six-space lines belong to; None while skipping the project's own gem.
    let mut current: Option<usize> = None;
    let mut saw_section = false;
    for (n, raw) in text.lines().enumerate() {
        let line = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let raw = raw.trim_end();
        if raw.trim().is_empty() {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        let body = raw.trim_start();
        if indent == 0 {
            section = body.to_string();
            saw_section = true;
            remote = None;
            in_specs = false;
            current = None;
            continue;
        }
        if !saw_section {
            return Err(ctx.invalid(Some(line), format!("`{body}` is outside any section")));
        }
        match section.as_str() {
            "GEM" | "GIT" | "PATH" | "PLUGIN SOURCE" => {
                if indent == 2 {
                    in_specs = body == "specs:";
                    if let Some(r) = body.strip_prefix("remote:") {
                        remote = Some(r.trim().to_string());
                    }
                    continue;
                }
                if !in_specs {
                    continue;
                }
                let (name, paren) = split_spec(body).ok_or_else(|| {
                    ctx.invalid(Some(line), format!("`{body}` is not `name (version)`"))
                })?;
                if indent == 4 {
                    let Some(version) = paren else {
                        return Err(ctx.invalid(Some(line), format!("gem `{name}` has no version")));
                    };
                    let version = strip_platform(version);
                    let own_gem = section == "PATH" && remote.as_deref() == Some(".");
                    if own_gem {
                        current = None;
                        continue;
                    }
                    let key = (name.to_string(), version.to_string());
                    current = Some(match index.get(&key) {
                        Some(&i) => i,
                        None => {
                            let mut package =
                                Package::new(Ecosystem::RubyGems, name, Some(version.to_string()));
                            package.line = line;
                            package.scope = Scope::Transitive;
                            if section != "GEM" {
                                package.source = remote.clone();
                            }
                            index.insert(key, packages.len());
                            packages.push(package);
                            packages.len() - 1
                        }
                    });
                } else if let Some(i) = current {
                    let edge = dep(name, None);
                    if !packages[i].dependencies.contains(&edge) {
                        packages[i].dependencies.push(edge);
                    }
                }
            }
            "DEPENDENCIES" => {
                let name = body.split([' ', '!']).next().unwrap_or(body);
                direct.insert(name.to_string());
            }
            "CHECKSUMS" => {
                let Some((name, Some(version))) = split_spec(body) else {
                    continue;
                };
                let digest = body.rsplit(' ').next().unwrap_or("");
                if let Some(hex) = digest.strip_prefix("sha256=") {
                    checksums.push((name.to_string(), version.to_string(), hex.to_string()));
                }
            }
            _ => {}
        }
    }
    for (name, version, hex) in checksums {
        let key = (name, strip_platform(&version).to_string());
        if let Some(&i) = index.get(&key)
            && let Some(hash) = hex_hash("SHA-256", &hex)
            // Platform variants each have a checksum; keep the first.
            && packages[i].hashes.is_empty()
        {
            packages[i].hashes.push(hash);
        }
    }
    for p in &mut packages {
        if direct.contains(&p.name) {
            p.scope = Scope::Direct;
        }
    }
    resolve_unique_versions(&mut packages, exact_name);
    Ok(ctx.lockfile(packages, Vec::new()))
}

/// `name (1.0.0)` -> (`name`, Some(`1.0.0`)); `name` -> (`name`, None).
fn split_spec(body: &str) -> Option<(&str, Option<&str>)> {
    match body.split_once(' ') {
        Some((name, rest)) => {
            let inner = rest.trim().strip_prefix('(')?.split(')').next()?;
            Some((name, Some(inner.trim())))
        }
        None => Some((body.trim_end_matches('!'), None)),
    }
}

/// RubyGems versions never contain `-`; what follows one is a platform.
fn strip_platform(version: &str) -> &str {
    version.split('-').next().unwrap_or(version)
}
