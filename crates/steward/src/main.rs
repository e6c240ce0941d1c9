//! steward: security for the whole life of a software product. This binary only parses the
//! command line, wires engines together and decides exit codes; detection lives in the
//! engine crates.

mod args;
mod commands;
mod engines;
mod exit;
mod project;
mod recording;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code.into(),
        Err(err) => exit::report_error(&err).into(),
    }
}
