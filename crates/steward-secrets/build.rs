//! Embeds every built-in rule file (rules/*.yml) in the binary: this writes a table of
//! `(file name, include_str!(...))` pairs that `rules.rs` includes, so adding a rule is
//! adding a file, with no list to keep in sync.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest_dir = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let rules_dir = manifest_dir.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&rules_dir)
        .expect("crates/steward-secrets/rules exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yml" | "yaml")))
        .collect();
    files.sort();
    let mut code = String::from("pub(crate) const BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("rule file names are UTF-8");
        // From CARGO_MANIFEST_DIR as the crate is compiled, not as this script saw it: a
        // target directory shared by two checkouts must not embed the other one's files.
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),",
            format!("/rules/{name}")
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("builtin_rules.rs");
    std::fs::write(out, code).expect("writing builtin_rules.rs to OUT_DIR");
}
