//! Which engines exist, which are built, and how to construct them. The binary is the only
//! place engines meet.

use std::path::{Path, PathBuf};

use anyhow::Result;
use steward_core::engine::Engine;
use steward_core::fingerprint_key::{FingerprintKey, KeyError, KeySource};
use steward_core::rule::RuleCatalog;

use crate::exit::usage;

pub struct EngineSpec {
    pub name: &'static str,
    pub summary: &'static str,
    /// Built and usable in this version.
    pub available: bool,
    /// Fast enough for `--profile ide`.
    pub fast: bool,
}

pub const ENGINES: &[EngineSpec] = &[
    EngineSpec {
        name: "secrets",
        summary: "hard-coded credentials",
        available: true,
        fast: true,
    },
    EngineSpec {
        name: "code",
        summary: "static analysis (Python pattern rules so far)",
        available: true,
        fast: true,
    },
    EngineSpec {
        name: "deps",
        summary: "vulnerable dependencies, from lockfiles and the offline advisory database",
        available: true,
        fast: true,
    },
    EngineSpec {
        name: "iac",
        summary: "infrastructure-as-code misconfigurations (Dockerfile, compose, Kubernetes, Terraform)",
        available: true,
        fast: true,
    },
    EngineSpec {
        name: "arch",
        summary: "architecture review of steward.toml, and its design against the infrastructure code",
        available: true,
        fast: true,
    },
];

#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    pub show_secrets: bool,
    /// Extra rule directories from steward.toml's [rules] paths.
    pub extra_rule_dirs: Vec<PathBuf>,
    /// The advisory database the deps engine matches against.
    pub advisory_db: Option<PathBuf>,
    /// Rego policy directories from `--policy` (the iac engine also reads `.rego` files
    /// in `extra_rule_dirs`).
    pub policy_dirs: Vec<PathBuf>,
    /// The key secret fingerprints are made with (see [`fingerprint_key`]).
    pub fingerprint_key: Option<FingerprintKey>,
}

/// The key secret and DLP fingerprints are made with: `$STEWARD_FINGERPRINT_KEY`, else
/// the project's `.steward/fingerprint.key`, created on first use. When the project
/// directory cannot be written, a throw-away key, with a warning: fingerprints then hold for
/// this process only (one key for all of it, so a daemon's cycles agree).
pub fn fingerprint_key(root: &Path, quiet: bool) -> Result<FingerprintKey> {
    match FingerprintKey::resolve(root, true) {
        Ok(Some(key)) => {
            if let KeySource::Created(path) = key.source()
                && !quiet
            {
                eprintln!(
                    "steward: created {}, the key that keeps secret fingerprints from being \
                     reversed into the secrets; commit it with .steward/baseline.json (or set \
                     STEWARD_FINGERPRINT_KEY in CI), or a clean checkout will fingerprint every \
                     secret differently",
                    path.display()
                );
            }
            Ok(key)
        }
        // `resolve` only returns no key when told not to create one.
        Ok(None) => process_key().map(|(key, _)| key),
        Err(e @ KeyError::Write { .. }) => {
            let (key, first) = process_key()?;
            if first && !quiet {
                eprintln!(
                    "steward: warning: {e}; secret fingerprints in this run use a throw-away \
                     key and will match no baseline or later run (set STEWARD_FINGERPRINT_KEY \
                     to keep them stable)"
                );
            }
            Ok(key)
        }
        Err(e) => Err(usage(e.to_string())),
    }
}

/// This process's throw-away key, and whether this call made it.
fn process_key() -> Result<(FingerprintKey, bool)> {
    static KEY: std::sync::Mutex<Option<FingerprintKey>> = std::sync::Mutex::new(None);
    let mut slot = KEY.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(key) = slot.as_ref() {
        return Ok((key.clone(), false));
    }
    let key = FingerprintKey::generate().map_err(|e| anyhow::anyhow!("{e}"))?;
    *slot = Some(key.clone());
    Ok((key, true))
}

/// Resolve `--engines` (empty means every available engine, or only fast ones for `ide`).
pub fn select(requested: &[String], fast_only: bool) -> Result<Vec<&'static str>> {
    if requested.is_empty() {
        return Ok(ENGINES
            .iter()
            .filter(|e| e.available && (!fast_only || e.fast))
            .map(|e| e.name)
            .collect());
    }
    let mut out = Vec::new();
    for name in requested {
        let name = name.trim();
        let Some(spec) = ENGINES.iter().find(|e| e.name == name) else {
            let known: Vec<&str> = ENGINES.iter().map(|e| e.name).collect();
            return Err(usage(format!(
                "unknown engine `{name}` in --engines: expected one of {}",
                known.join(", ")
            )));
        };
        if !spec.available {
            return Err(usage(format!(
                "the {} engine ({}) is not available yet in steward {}; run without --engines to use the engines that are",
                spec.name,
                spec.summary,
                env!("CARGO_PKG_VERSION")
            )));
        }
        if !out.contains(&spec.name) {
            out.push(spec.name);
        }
    }
    Ok(out)
}

/// Construct the named engines.
pub fn build(names: &[&str], opts: &EngineOptions) -> Result<Vec<Box<dyn Engine>>> {
    let mut engines: Vec<Box<dyn Engine>> = Vec::new();
    for name in names {
        match *name {
            "secrets" => engines.push(Box::new(secrets_engine(opts)?)),
            "code" => engines
                .push(Box::new(steward_code::CodeEngine::new().map_err(|e| {
                    anyhow::anyhow!("loading built-in code rules: {e}")
                })?)),
            "deps" => engines.push(Box::new(steward_deps::engine::DepsEngine::new(
                &steward_deps::engine::DepsOptions {
                    db_path: opts
                        .advisory_db
                        .clone()
                        .unwrap_or_else(steward_deps::db::default_path),
                },
            ))),
            "iac" => engines.push(Box::new(iac_engine(opts)?)),
            "arch" => engines
                .push(Box::new(steward_plan::ArchEngine::new().map_err(|e| {
                    anyhow::anyhow!("loading built-in architecture policies: {e}")
                })?)),
            other => return Err(usage(format!("engine `{other}` is not available yet"))),
        }
    }
    Ok(engines)
}

fn iac_engine(opts: &EngineOptions) -> Result<steward_iac::IacEngine> {
    let dirs: Vec<PathBuf> = opts
        .policy_dirs
        .iter()
        .chain(&opts.extra_rule_dirs)
        .cloned()
        .collect();
    if dirs.is_empty() {
        return steward_iac::IacEngine::new()
            .map_err(|e| anyhow::anyhow!("loading built-in IaC policies: {e}"));
    }
    for d in &opts.policy_dirs {
        if !d.is_dir() {
            return Err(usage(format!(
                "--policy {}: not a directory of .rego files",
                d.display()
            )));
        }
    }
    steward_iac::IacEngine::with_policy_dirs(&dirs)
        .map_err(|e| usage(format!("loading Rego policies: {e}")))
}

fn secrets_engine(opts: &EngineOptions) -> Result<steward_secrets::SecretsEngine> {
    let options = steward_secrets::SecretsOptions {
        show_secrets: opts.show_secrets,
        fingerprint_key: opts.fingerprint_key.clone(),
    };
    let mut engine = steward_secrets::SecretsEngine::new(options)
        .map_err(|e| anyhow::anyhow!("loading built-in secret rules: {e}"))?;
    for dir in &opts.extra_rule_dirs {
        engine = engine
            .with_extra_rules(dir)
            .map_err(|e| usage(format!("{e}")))?;
    }
    Ok(engine)
}

/// Every rule of every available engine, plus triage's own.
pub fn catalog(opts: &EngineOptions) -> Result<RuleCatalog> {
    // The code engine's rules are read without compiling its queries, which would cost every
    // command that needs the catalog (a secrets-only scan, `rules list`) most of a second.
    let names: Vec<&str> = ENGINES
        .iter()
        .filter(|e| e.available && e.name != "code")
        .map(|e| e.name)
        .collect();
    let engines = build(&names, opts)?;
    let mut rules = steward_core::triage::triage_rules();
    for e in &engines {
        rules.extend(e.rules().iter().cloned());
    }
    rules.extend(
        steward_code::builtin_rules()
            .map_err(|e| anyhow::anyhow!("loading built-in code rules: {e}"))?,
    );
    // DLP runs as its own command, not in `scan`, but its rules are steward's rules.
    let dlp = steward_dlp::DlpEngine::new()
        .map_err(|e| anyhow::anyhow!("loading built-in DLP rules: {e}"))?;
    rules.extend(steward_core::engine::Engine::rules(&dlp).iter().cloned());
    rules.extend(steward_dlp::placement::placement_rules());
    // DAST runs as its own command too.
    let dast = steward_web::DastEngine::new()
        .map_err(|e| anyhow::anyhow!("loading built-in DAST rules: {e}"))?;
    rules.extend(steward_core::engine::Engine::rules(&dast).iter().cloned());
    // `steward review`'s own rules about what a change brings.
    rules.extend(steward_deps::review::rules());
    rules.extend(steward_code::sensitive::review_rules());
    // `steward monitor run`'s probes.
    rules.extend(steward_ops::exposure::rules());
    rules.extend(
        steward_ops::posture::rules()
            .map_err(|e| anyhow::anyhow!("loading built-in posture policies: {e}"))?,
    );
    rules.push(steward_ops::drift::rule());
    // `steward controls verify`'s built-in packs (a steward.toml's own controls join the
    // catalog when they are verified).
    for id in steward_ops::controls::pack_ids() {
        if let Some(Ok(pack)) = steward_ops::controls::builtin_pack(id) {
            for control in pack.controls {
                rules.push(steward_ops::controls::rule(
                    &steward_ops::controls::SourcedControl {
                        control,
                        source: format!("the built-in pack `{id}`"),
                    },
                ));
            }
        }
    }
    // `steward sunset verify`'s checks.
    rules.extend(steward_ops::sunset::rules::rules());
    Ok(RuleCatalog::new(rules))
}
