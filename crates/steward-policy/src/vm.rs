//! Policies compiled to regorus's register virtual machine (RVM) and run there instead of
//! in its tree-walking interpreter: on small IaC documents the interpreter spends most of
//! its time on per-rule bookkeeping (path strings, rule prefixes, allocations), and the
//! compiled form of the same policies gives the same results several times faster.
//!
//! One program per document kind evaluates every compiled policy's result rules at once
//! through a generated module, so the helpers they share (`k8s.containers`) are computed
//! once per document:
//!
//! ```rego
//! package __steward_vm__
//! results contains [0, v] if { v := data.steward.iac.kubernetes.privileged.deny }
//! results contains [1, v] if { v := data.steward.iac.kubernetes.run_as_root.deny }
//! ```
//!
//! The machine does not report what the interpreter reports as an evaluation error (a
//! failing rule body is only undefined there), so only policies whose results are known
//! not to fail, the built-in ones tested on their examples and on odd inputs, are put in
//! it; a user's policy stays in the interpreter, where a failure becomes a finding. A
//! policy the compiler cannot take (one calling an extension such as our
//! `net.cidr_intersects`) also stays in the interpreter.

use std::sync::Arc;

use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::program::Program;
use regorus::rvm::vm::RegoVM;

use crate::policy::{Policy, ResultKind};

/// The package of the generated module that collects the compiled policies' results.
const PACKAGE: &str = "__steward_vm__";

/// The same for the policies that compile, when some of a set's do not.
const KEPT: &str = "__steward_vm_kept__";

/// Compiled result rules of some policies of one document kind.
pub(crate) struct VmProgram {
    program: Arc<Program>,
    /// What entry `i` of the results is: an index into the set's policies and the rule.
    entries: Vec<(usize, ResultKind)>,
}

impl VmProgram {
    /// Compile the result rules `entries` (policy indexes into `policies`, and rules)
    /// that `engine`'s collecting module (see [`add_collector`]) gathers. A policy that
    /// does not compile is left out (the interpreter runs it); `None` when none does.
    pub(crate) fn compile(
        engine: &regorus::Engine,
        policies: &[Arc<Policy>],
        entries: Vec<(usize, ResultKind)>,
    ) -> Option<VmProgram> {
        let mut engine = engine.clone();
        let entry = format!("data.{PACKAGE}.results");
        let compiled = engine
            .compile_with_entrypoint(&entry.as_str().into())
            .ok()?;
        if let Ok(program) = Compiler::compile_from_policy(&compiled, &[entry.as_str()]) {
            return Some(VmProgram { program, entries });
        }
        // Some policy does not compile: keep the policies whose every result rule does,
        // collected by a module of their own.
        let compiles = |i: usize| {
            policies[i].kinds.iter().all(|k| {
                let rule = format!("{}.{}", policies[i].package, k.rule_name());
                Compiler::compile_from_policy(&compiled, &[rule.as_str()]).is_ok()
            })
        };
        let mut kept: Vec<usize> = entries.iter().map(|(i, _)| *i).collect();
        kept.dedup();
        kept.retain(|&i| compiles(i));
        let entries: Vec<(usize, ResultKind)> = entries
            .into_iter()
            .filter(|(i, _)| kept.contains(i))
            .collect();
        let packages: Vec<&str> = policies.iter().map(|p| p.package.as_str()).collect();
        let module = collector(KEPT, &packages, &entries)?;
        engine.add_policy(format!("<{KEPT}>"), module).ok()?;
        let entry = format!("data.{KEPT}.results");
        let compiled = engine
            .compile_with_entrypoint(&entry.as_str().into())
            .ok()?;
        let program = Compiler::compile_from_policy(&compiled, &[entry.as_str()]).ok()?;
        Some(VmProgram { program, entries })
    }

    /// Whether the program evaluates policy `index`.
    pub(crate) fn covers(&self, index: usize) -> bool {
        self.entries.iter().any(|(i, _)| *i == index)
    }

    /// Evaluate every compiled result rule over `input`: `(policy index, rule, value)`
    /// for each rule that is defined. `Err` when the machine stopped (then the caller
    /// evaluates these policies in the interpreter).
    pub(crate) fn run(
        &self,
        input: &regorus::Value,
    ) -> Result<Vec<(usize, ResultKind, regorus::Value)>, String> {
        let mut vm = RegoVM::new();
        vm.load_program(self.program.clone());
        // The interpreter has no instruction budget; neither does this.
        vm.set_max_instructions(usize::MAX);
        vm.set_input(input.clone());
        let value = vm
            .execute_entry_point_by_index(0)
            .map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        let set = match &value {
            regorus::Value::Undefined => return Ok(out),
            v => v.as_set().map_err(|e| e.to_string())?,
        };
        for pair in set.iter() {
            let pair = pair.as_array().map_err(|e| e.to_string())?;
            let (Some(entry), Some(value)) = (pair.first(), pair.get(1)) else {
                return Err(format!("malformed result {pair:?}"));
            };
            let entry = entry.as_u64().map_err(|e| e.to_string())?;
            let Some(&(policy, kind)) = usize::try_from(entry)
                .ok()
                .and_then(|e| self.entries.get(e))
            else {
                return Err(format!("result for unknown entry {entry}"));
            };
            out.push((policy, kind, value.clone()));
        }
        Ok(out)
    }
}

/// Add to `engine` the module that collects `entries` (indexes into `packages`, the
/// packages of the set's policies, and rules) for the machine, before the engine is
/// prepared, so it is prepared once with the rest. Whether it was added (not when there
/// is nothing to collect).
pub(crate) fn add_collector(
    engine: &mut regorus::Engine,
    packages: &[&str],
    entries: &[(usize, ResultKind)],
) -> bool {
    let Some(module) = collector(PACKAGE, packages, entries) else {
        return false;
    };
    engine.add_policy(format!("<{PACKAGE}>"), module).is_ok()
}

/// The source of a module `package` whose `results` hold `[n, value]` for each defined
/// result rule `entries[n]`.
fn collector(package: &str, packages: &[&str], entries: &[(usize, ResultKind)]) -> Option<String> {
    if entries.is_empty() {
        return None;
    }
    let mut module = format!("package {package}\n\n");
    for (n, (i, kind)) in entries.iter().enumerate() {
        module.push_str(&format!(
            "results contains [{n}, v] if {{ v := {}.{} }}\n",
            packages.get(*i)?,
            kind.rule_name()
        ));
    }
    Some(module)
}
