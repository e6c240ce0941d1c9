//! Exit codes: 0 clean or under the gate, 1 the gate failed, 2 usage or configuration
//! error, 3 internal error. Errors are classified here, once, from their cause chain.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Clean = 0,
    GateFailed = 1,
    Usage = 2,
    Internal = 3,
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e as u8)
    }
}

/// An error the user can fix: bad arguments, bad configuration, a missing path.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Shorthand for returning a usage error.
pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(UsageError(msg.into()))
}

fn is_usage(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.is::<UsageError>()
            || e.is::<steward_core::manifest::ManifestError>()
            || e.is::<steward_core::collect::CollectError>()
            || e.is::<steward_core::triage::TriageError>()
            || e.is::<steward_core::baseline::BaselineError>()
            || e.is::<clap::Error>()
    })
}

/// Print `err` as the user should see it and return the exit code it deserves.
pub fn report_error(err: &anyhow::Error) -> Exit {
    let mut stderr = anstream::stderr();
    use std::io::Write;
    if is_usage(err) {
        let _ = writeln!(stderr, "error: {err:#}");
        Exit::Usage
    } else {
        let _ = writeln!(stderr, "internal error: {err:#}");
        let _ = writeln!(
            stderr,
            "this is a bug in steward; please report it with the command you ran"
        );
        Exit::Internal
    }
}
