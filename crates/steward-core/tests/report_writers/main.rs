//! The report writers on one fixed run: each format is checked against what its consumers
//! require (a schema, a parser), and its exact output is pinned by a snapshot.

mod fixture;
mod json;
mod junit;
mod markdown;
mod render;
mod sarif;

use std::path::PathBuf;

/// A file under the workspace root (`/work/main`) or beside it (`../shared`).
pub fn workspace_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

/// Validate `instance` against the JSON Schema at `schema_path`, with `format` checked,
/// and return every error as `path: message`.
pub fn schema_errors(schema_path: &std::path::Path, instance: &serde_json::Value) -> Vec<String> {
    let text = std::fs::read_to_string(schema_path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", schema_path.display()));
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("compiling {}: {e}", schema_path.display()));
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}
