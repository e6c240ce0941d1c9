//! `steward controls verify|diff|export`: security controls as code. `verify` checks the
//! `[[control]]` entries of steward.toml and the built-in packs on this host, an image root
//! or an SSH host, reports failures as findings through triage and the gate, and keeps the
//! observed state in the ledger; `diff` compares the last observed state of two
//! environments; `export ansible` writes the playbook that applies the controls.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use steward_core::collect::{SkipReason, Skipped};
use steward_core::rule::RuleCatalog;
use steward_core::triage::triage;
use steward_ops::controls::packages::PackageManager;
use steward_ops::controls::{self, Outcome, RootReader, SourcedControl, SshReader, StateReader};

use crate::args::{GateArg, GlobalArgs, OutputArgs};
use crate::exit::{Exit, usage};
use crate::project::Project;
use crate::recording;

/// The ledger record kind of a verify run.
const KIND: &str = "controls";

#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// Project directory (steward.toml is found there or in its parents)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Check a mounted image or container root instead of this host (processes, ports and whether services run are then not checkable)
    #[arg(long, value_name = "DIR", conflicts_with = "ssh")]
    pub root: Option<PathBuf>,
    /// Check a remote host with the system ssh client, in batch mode (keys or an agent, no password prompts)
    #[arg(long, value_name = "USER@HOST")]
    pub ssh: Option<String>,
    /// An ssh option for --ssh, as in ssh_config (repeatable): Port=2222, IdentityFile=~/.ssh/ops
    #[arg(long = "ssh-option", value_name = "KEY=VALUE", requires = "ssh")]
    pub ssh_options: Vec<String>,
    /// With --ssh: read as root through `sudo -n` on the host (for /etc/shadow and other root-only files); sudo must not ask for a password
    #[arg(long, requires = "ssh")]
    pub ssh_sudo: bool,
    /// Also check a pack of controls (repeatable): a built-in one (linux-baseline) or a FILE.toml of `[pack]` and `[[control]]` entries
    #[arg(long = "pack", value_name = "ID|FILE")]
    pub packs: Vec<String>,
    /// The environment or host checked: controls whose `environments` do not list it are left out, and the state is kept under this name for `controls diff` [default: the host name, or the root path]
    #[arg(long, value_name = "NAME")]
    pub env: Option<String>,
    /// Fail (exit 1) on findings at or above this severity [default: steward.toml's policy.fail_on, else high]
    #[arg(long, value_enum)]
    pub fail_on: Option<GateArg>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The first environment or host, as `controls verify` recorded it (--env, else the host name or root path)
    pub env_a: String,
    /// The second one
    pub env_b: String,
    /// Project directory whose ledger to read
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// An Ansible playbook (site.yml) and role (roles/steward_controls)
    Ansible,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// What to write
    #[arg(value_enum)]
    pub format: ExportFormat,
    /// Project directory (steward.toml is found there or in its parents)
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// Directory to write into (created if missing)
    #[arg(
        long,
        short = 'o',
        value_name = "DIR",
        default_value = "steward-ansible"
    )]
    pub output: PathBuf,
    /// Also export a pack (repeatable): a built-in one (linux-baseline) or a FILE.toml
    #[arg(long = "pack", value_name = "ID|FILE")]
    pub packs: Vec<String>,
    /// Only the controls that apply to this environment
    #[arg(long, value_name = "NAME")]
    pub env: Option<String>,
}

/// The controls of steward.toml and of the packs named, each id once.
fn declared(project: &Project, packs: &[String], env: Option<&str>) -> Result<Vec<SourcedControl>> {
    let mut out: Vec<SourcedControl> = Vec::new();
    if let Some(m) = &project.manifest {
        let source = project
            .manifest_path
            .as_ref()
            .map_or("steward.toml".to_string(), |p| p.display().to_string());
        out.extend(m.controls.iter().map(|c| SourcedControl {
            control: c.clone(),
            source: source.clone(),
        }));
    }
    for id in packs {
        let pack = if id.ends_with(".toml") || id.contains('/') {
            // A pack of your own: the same format as the built-in ones.
            let text = std::fs::read_to_string(id)
                .map_err(|e| usage(format!("--pack {id}: cannot read: {e}")))?;
            steward_core::manifest::ControlPack::parse(id, &text)
                .map_err(|e| usage(e.to_string()))?
        } else {
            controls::builtin_pack(id)
                .ok_or_else(|| {
                    usage(format!(
                        "no built-in pack `{id}`; the packs are: {} (or give a pack file: --pack FILE.toml)",
                        controls::pack_ids().join(", ")
                    ))
                })?
                .map_err(|e| anyhow::anyhow!("built-in pack {id}: {e}"))?
        };
        for c in pack.controls {
            // A control steward.toml declares with the same id replaces the pack's.
            if out.iter().any(|o| o.control.id.get_ref() == c.id.get_ref()) {
                continue;
            }
            out.push(SourcedControl {
                control: c,
                source: format!("pack {}", pack.pack.id),
            });
        }
    }
    if out.is_empty() {
        return Err(usage(
            "no controls to check: declare [[control]] entries in steward.toml, or name a built-in pack with --pack linux-baseline",
        ));
    }
    let applicable: Vec<SourcedControl> = out.into_iter().filter(|c| c.applies_to(env)).collect();
    if applicable.is_empty() {
        return Err(usage(format!(
            "no control applies to `{}`; check the `environments` lists in steward.toml, or name the environment with --env",
            env.unwrap_or_default()
        )));
    }
    Ok(applicable)
}

/// Package versions ordered as each package manager orders them.
fn version_order(
    m: PackageManager,
    a: &str,
    b: &str,
) -> std::result::Result<std::cmp::Ordering, String> {
    use steward_deps::version::{Ecosystem, compare};
    let eco = match m {
        PackageManager::Dpkg => Ecosystem::Debian,
        PackageManager::Apk => Ecosystem::Alpine,
        PackageManager::Rpm => Ecosystem::RedHat,
    };
    compare(eco, a, b).map_err(|e| e.to_string())
}

pub fn verify(args: VerifyArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = chrono::Utc::now();
    let project = Project::discover(&args.dir, global.config.as_deref())?;
    // Every declared control is checked for errors before a connection is made.
    declared(&project, &args.packs, None)?;
    let reader: Box<dyn StateReader> = match (&args.root, &args.ssh) {
        (Some(root), _) => Box::new(RootReader::new(root).map_err(|e| {
            usage(format!(
                "--root {e}: name the directory an image or container is mounted at"
            ))
        })?),
        (None, Some(dest)) => Box::new(
            SshReader::connect_as(dest, &args.ssh_options, args.ssh_sudo)
                .map_err(|e| usage(format!("--ssh {e}")))?,
        ),
        (None, None) => Box::new(RootReader::live()),
    };
    let key = args.env.clone().unwrap_or_else(|| reader.default_key());
    // `environments` may name environments (--env) or hosts (the host name by default).
    let controls = declared(&project, &args.packs, Some(&key))?;
    let results = controls::verify(&controls, reader.as_ref(), &version_order);

    let mut findings = Vec::new();
    let mut skipped = Vec::new();
    let mut rules = Vec::new();
    for r in &results {
        rules.push(controls::rule(&r.control));
        match r.evaluation.outcome {
            Outcome::Fail => findings.push(controls::finding(r, reader.as_ref())),
            Outcome::NotCheckable => skipped.push(Skipped {
                path: format!("control:{}", r.control.id()),
                reason: SkipReason::Unreadable {
                    error: format!("not checkable here: {}", r.evaluation.message),
                },
            }),
            Outcome::Pass => {}
        }
    }
    if !args.output.quiet {
        print_summary(&results, &reader.describe(), &key);
    }
    let mut catalog = RuleCatalog::new(rules);
    catalog.extend_from_findings(findings.iter());
    let config = super::scan::triage_config(project.manifest.as_ref(), args.fail_on, None);
    let triaged = triage(findings, &[], &catalog, &config)?;
    let mut run = recording::Finished::new(
        KIND,
        "controls verify",
        reader.describe(),
        &project,
        started_at,
        &[controls::ENGINE],
        &triaged,
        &catalog,
    );
    run.skipped = &skipped;
    run.files_scanned = results.len();
    let report_sha256 = super::emit_report(&run.report(), &args.output, global)?;
    run.record(&project, global, report_sha256, || {
        let mut p = controls::state(&key, reader.as_ref(), &results);
        if let Some(m) = p.as_object_mut() {
            m.insert("engines".into(), serde_json::json!(["controls"]));
            m.insert(
                "finding_rules".into(),
                recording::finding_rules(&triaged.active),
            );
        }
        p
    })?;
    Ok(run.exit())
}

/// One line per control on standard error: the report on standard output stays the report.
fn print_summary(results: &[controls::ControlResult], target: &str, key: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "controls on {target} (recorded as `{key}`):");
    for r in results {
        let label = match r.evaluation.outcome {
            Outcome::Pass => "pass",
            Outcome::Fail => "FAIL",
            Outcome::NotCheckable => "n/a ",
        };
        let _ = writeln!(
            err,
            "  {label}  {:<32} {}",
            r.control.id(),
            r.evaluation.message
        );
    }
    let count = |o: Outcome| results.iter().filter(|r| r.evaluation.outcome == o).count();
    let _ = writeln!(
        err,
        "{} passed, {} failed, {} not checkable here",
        count(Outcome::Pass),
        count(Outcome::Fail),
        count(Outcome::NotCheckable)
    );
}

pub fn diff(args: DiffArgs, global: &GlobalArgs) -> Result<Exit> {
    let project = Project::discover(&args.dir, global.config.as_deref())?;
    let spec = recording::store_spec(&project, global);
    if global.store.is_none() && !project.default_ledger_path().exists() {
        return Err(usage(format!(
            "no ledger at {}: run `steward controls verify --env NAME` in each environment first",
            project.default_ledger_path().display()
        )));
    }
    let mut ledger = recording::open(&spec)?;
    let records = ledger
        .list(&steward_store::ListFilter {
            kind: Some(KIND.into()),
            ..Default::default()
        })
        .map_err(|e| anyhow::anyhow!("reading the ledger: {e}"))?;
    // Oldest first, so the last one seen for a key is its latest.
    let mut latest: BTreeMap<String, &steward_store::Record> = BTreeMap::new();
    for r in &records {
        if let Some(k) = r.payload["key"].as_str() {
            latest.insert(k.to_string(), r);
        }
    }
    let find = |env: &str| {
        latest.get(env).copied().ok_or_else(|| {
            usage(format!(
                "no `controls verify` run recorded for `{env}`; recorded: {}",
                if latest.is_empty() {
                    "none".to_string()
                } else {
                    latest.keys().cloned().collect::<Vec<_>>().join(", ")
                }
            ))
        })
    };
    let (a, b) = (find(&args.env_a)?, find(&args.env_b)?);
    let differences = controls::diff::compare(&a.payload, &b.payload);
    let mut out = std::io::stdout().lock();
    if args.json {
        let doc = serde_json::json!({
            "a": {"env": args.env_a, "record": a.seq, "recorded_at": a.recorded_at.to_rfc3339(), "target": a.target},
            "b": {"env": args.env_b, "record": b.seq, "recorded_at": b.recorded_at.to_rfc3339(), "target": b.target},
            "differences": differences,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&doc)?).context("writing the diff")?;
    } else {
        writeln!(
            out,
            "{} (record {}, {})  vs  {} (record {}, {})",
            args.env_a,
            a.seq,
            a.recorded_at.format("%Y-%m-%d %H:%M"),
            args.env_b,
            b.seq,
            b.recorded_at.format("%Y-%m-%d %H:%M")
        )?;
        let mut current = "";
        for d in &differences {
            if d.control != current {
                writeln!(out, "\n{}", d.control)?;
                current = &d.control;
            }
            writeln!(
                out,
                "  {:<40} {}: {}  |  {}: {}",
                d.path,
                args.env_a,
                show(&d.a),
                args.env_b,
                show(&d.b)
            )?;
        }
        let controls: std::collections::BTreeSet<&str> =
            differences.iter().map(|d| d.control.as_str()).collect();
        writeln!(
            out,
            "\n{} difference(s) in {} control(s)",
            differences.len(),
            controls.len()
        )?;
    }
    Ok(if differences.is_empty() {
        Exit::Clean
    } else {
        Exit::GateFailed
    })
}

fn show(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "(none)".into(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) if a.is_empty() => "(none)".into(),
        other => other.to_string(),
    }
}

pub fn export(args: ExportArgs, global: &GlobalArgs) -> Result<Exit> {
    let project = Project::discover(&args.dir, global.config.as_deref())?;
    let controls = declared(&project, &args.packs, args.env.as_deref())?;
    match args.format {
        ExportFormat::Ansible => {
            let export = controls::ansible::export(&controls);
            controls::ansible::write(&export, &args.output)
                .with_context(|| format!("writing the playbook to {}", args.output.display()))?;
            let mut err = std::io::stderr().lock();
            writeln!(
                err,
                "wrote {} ({} tasks for {} controls): ansible-playbook -i INVENTORY {}",
                args.output.display(),
                export.tasks,
                controls.len() - export.manual.len(),
                args.output.join("site.yml").display()
            )?;
            for (id, why) in &export.manual {
                writeln!(err, "  not exported, apply by hand: {id}: {why}")?;
            }
        }
    }
    Ok(Exit::Clean)
}
