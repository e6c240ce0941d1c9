//! `steward policy test DIR`: run a user's Rego `test_*` rules, as `opa test` does, with
//! the same builtins `scan --policy DIR` evaluates them with.

use anyhow::Result;

use crate::args::PolicyTestArgs;
use crate::exit::{Exit, usage};

pub fn test(args: PolicyTestArgs) -> Result<Exit> {
    if !args.dir.is_dir() {
        return Err(usage(format!(
            "{}: not a directory of .rego files",
            args.dir.display()
        )));
    }
    let modules = steward_iac::steward_policy::read_policy_dir(&args.dir)
        .map_err(|e| usage(e.to_string()))?;
    if modules.is_empty() {
        return Err(usage(format!(
            "{}: no .rego files found",
            args.dir.display()
        )));
    }
    let outcomes =
        steward_iac::steward_policy::run_tests(modules).map_err(|e| usage(e.to_string()))?;
    if outcomes.is_empty() {
        return Err(usage(format!(
            "{}: no test_ rules found; write them in *_test.rego files next to the policies",
            args.dir.display()
        )));
    }
    let failed = outcomes.iter().filter(|t| !t.passed).count();
    for t in &outcomes {
        let status = if t.passed { "PASS" } else { "FAIL" };
        match &t.error {
            Some(e) => println!("{status} {} ({}): {}", t.rule, t.file, e.trim()),
            None => println!("{status} {} ({})", t.rule, t.file),
        }
    }
    println!("{} passed, {} failed", outcomes.len() - failed, failed);
    Ok(if failed == 0 {
        Exit::Clean
    } else {
        Exit::GateFailed
    })
}
