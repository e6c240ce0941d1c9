//! One module per command; `run` dispatches.

use std::io::{IsTerminal, Write};

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use steward_core::report::{Format, Report, render};

use crate::args::{
    Cli, ColorChoice, Command, ControlsCommand, DbCommand, DepsCommand, GlobalArgs, MonitorCommand,
    OutputArgs, PolicyCommand, SunsetCommand,
};
use crate::exit::{Exit, usage};

pub mod controls;
pub mod dast;
mod db;
mod deps;
mod dlp;
pub mod gate;
mod hook;
mod init;
pub mod ledger;
mod monitor;
pub mod monitor_daemon;
mod plan;
mod policy;
mod posture;
mod review;
mod rules;
pub mod scan;
mod sunset;

pub fn run(cli: Cli) -> Result<Exit> {
    let global = cli.global;
    match cli.command {
        Command::Scan(args) => scan::run(args, &global),
        Command::Ledger { command } => ledger::run(command, &global),
        Command::Rules { command } => rules::run(command, &global),
        Command::Hook { command } => hook::run(command),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "steward", &mut std::io::stdout());
            Ok(Exit::Clean)
        }
        Command::Init(args) => init::run(args, &global),
        Command::Plan(args) => plan::run(args, &global),
        Command::Attest(args) => plan::attest(args, &global),
        Command::Review(args) => review::run(args, &global),
        Command::Deps {
            command: DepsCommand::Sbom(args),
        } => deps::sbom(args, &global),
        Command::Policy {
            command: PolicyCommand::Test(args),
        } => policy::test(args),
        Command::Db { command } => match command {
            DbCommand::Update(args) => db::update(args),
            DbCommand::Status(args) => db::status(args),
        },
        Command::Dast(args) => dast::run(args, &global),
        Command::Controls { command } => match command {
            ControlsCommand::Verify(args) => controls::verify(args, &global),
            ControlsCommand::Diff(args) => controls::diff(args, &global),
            ControlsCommand::Export(args) => controls::export(args, &global),
        },
        Command::Monitor { command } => match command {
            MonitorCommand::Run(args) => monitor::run(args, &global),
            MonitorCommand::Baseline(args) => monitor::baseline(args, &global),
            MonitorCommand::Status(args) => monitor::status(args, &global),
            MonitorCommand::Daemon(args) => monitor_daemon::run(args, &global),
        },
        Command::Dlp(args) => dlp::run(args, &global),
        Command::Sunset { command } => match command {
            SunsetCommand::Plan(args) => sunset::plan(args, &global),
            SunsetCommand::Verify(args) => sunset::verify(args, &global),
            SunsetCommand::Attest(args) => sunset::attest(args, &global),
            SunsetCommand::Certificate(args) => sunset::certificate(args, &global),
        },
        Command::Report(args) => posture::run(args, &global),
        Command::Gate(args) => gate::run(args, &global),
        Command::Serve(_) => not_yet("serve", "the team server"),
    }
}

fn not_yet(command: &str, what: &str) -> Result<Exit> {
    Err(usage(format!(
        "`steward {command}` ({what}) is not available yet in steward {}; see `steward --help` for what is",
        env!("CARGO_PKG_VERSION")
    )))
}

/// Whether to colour text written to standard output.
pub fn stdout_color(global: &GlobalArgs) -> bool {
    match global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    }
}

/// Render `report` as the output flags ask, write it, and return the SHA-256 of the
/// bytes written (the ledger's evidence hash).
pub fn emit_report(report: &Report<'_>, out: &OutputArgs, global: &GlobalArgs) -> Result<String> {
    write_report(
        &render(report, out.format.into(), report_color(out, global)),
        out,
    )
}

/// Whether a report in `out`'s format written to standard output may be coloured.
pub fn report_color(out: &OutputArgs, global: &GlobalArgs) -> bool {
    out.output.is_none() && Format::from(out.format) == Format::Text && stdout_color(global)
}

/// Write a rendered report where the output flags say (atomically to `--output`, else
/// standard output unless `--quiet` text) and return the SHA-256 of its bytes.
pub fn write_report(bytes: &[u8], out: &OutputArgs) -> Result<String> {
    let format: Format = out.format.into();
    let hash = hex::encode(Sha256::digest(bytes));
    match &out.output {
        Some(path) => {
            steward_core::output::write_atomic(path, bytes)
                .with_context(|| format!("writing report to {}", path.display()))?;
        }
        None if out.quiet && format == Format::Text => {}
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(bytes).context("writing report")?;
            stdout.flush().ok();
        }
    }
    Ok(hash)
}
