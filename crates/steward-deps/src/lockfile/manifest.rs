//! The manifests beside lockfiles that do not record which packages the project asked for
//! (`package.json` beside a classic `yarn.lock` or a version 1 `package-lock.json`,
//! `pyproject.toml` beside `poetry.lock`, `composer.json`, `Pipfile`).
//!
//! They are read through the caller's reader; when one is missing or unreadable, scope stays
//! what the lockfile alone says, with a warning only when the manifest exists but is broken.

use serde_json::Value;

use super::Ctx;

/// The dependencies a manifest declares: (name, requirement as written).
#[derive(Debug, Default)]
pub(crate) struct Roots {
    pub runtime: Vec<(String, String)>,
    pub dev: Vec<(String, String)>,
}

/// What reading a manifest gave: roots, or a warning that it could not be read.
pub(crate) enum Manifest {
    Absent,
    Broken(String),
    Read(Roots),
}

fn keys_with_text(value: Option<&Value>) -> Vec<(String, String)> {
    value
        .and_then(Value::as_object)
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// `package.json`: `dependencies`, `optionalDependencies` and `peerDependencies` ship;
/// `devDependencies` do not.
pub(crate) fn package_json(ctx: &Ctx<'_>) -> Manifest {
    package_json_at(ctx, "package.json")
}

/// A `package.json` at `rel`, relative to the lockfile's directory (a workspace's).
pub(crate) fn package_json_at(ctx: &Ctx<'_>, rel: &str) -> Manifest {
    let Some((path, text)) = ctx.sibling(rel) else {
        return Manifest::Absent;
    };
    let json: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return Manifest::Broken(format!("{path} is not valid JSON ({e})")),
    };
    let mut roots = Roots::default();
    for key in ["dependencies", "optionalDependencies", "peerDependencies"] {
        roots.runtime.extend(keys_with_text(json.get(key)));
    }
    roots.dev = keys_with_text(json.get("devDependencies"));
    Manifest::Read(roots)
}

/// `composer.json`: `require` and `require-dev`.
pub(crate) fn composer_json(ctx: &Ctx<'_>) -> Manifest {
    let Some((path, text)) = ctx.sibling("composer.json") else {
        return Manifest::Absent;
    };
    let json: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return Manifest::Broken(format!("{path} is not valid JSON ({e})")),
    };
    Manifest::Read(Roots {
        runtime: keys_with_text(json.get("require")),
        dev: keys_with_text(json.get("require-dev")),
    })
}

fn toml_keys(table: Option<&toml::Value>) -> Vec<(String, String)> {
    table
        .and_then(toml::Value::as_table)
        .map(|t| {
            t.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                .collect()
        })
        .unwrap_or_default()
}

fn read_toml(ctx: &Ctx<'_>, name: &str) -> Result<Option<toml::Table>, String> {
    let Some((path, text)) = ctx.sibling(name) else {
        return Ok(None);
    };
    text.parse::<toml::Table>()
        .map(Some)
        .map_err(|e| format!("{path} is not valid TOML ({})", e.message().trim_end()))
}

/// `Pipfile`: `[packages]` and `[dev-packages]`.
pub(crate) fn pipfile(ctx: &Ctx<'_>) -> Manifest {
    match read_toml(ctx, "Pipfile") {
        Ok(None) => Manifest::Absent,
        Err(e) => Manifest::Broken(e),
        Ok(Some(t)) => Manifest::Read(Roots {
            runtime: toml_keys(t.get("packages")),
            dev: toml_keys(t.get("dev-packages")),
        }),
    }
}

/// `pyproject.toml`: Poetry's `[tool.poetry.dependencies]` (less `python`),
/// `dev-dependencies` and `group.<name>.dependencies` (dev unless the group is `main`), and
/// PEP 621 `[project]` `dependencies` and `optional-dependencies`, and PEP 735
/// `[dependency-groups]` (dev).
pub(crate) fn pyproject(ctx: &Ctx<'_>) -> Manifest {
    let t = match read_toml(ctx, "pyproject.toml") {
        Ok(None) => return Manifest::Absent,
        Err(e) => return Manifest::Broken(e),
        Ok(Some(t)) => t,
    };
    let mut roots = Roots::default();
    let poetry = t.get("tool").and_then(|t| t.get("poetry"));
    if let Some(poetry) = poetry {
        roots.runtime.extend(
            toml_keys(poetry.get("dependencies"))
                .into_iter()
                .filter(|(n, _)| n != "python"),
        );
        roots.dev.extend(toml_keys(poetry.get("dev-dependencies")));
        if let Some(groups) = poetry.get("group").and_then(toml::Value::as_table) {
            for (group, body) in groups {
                let deps = toml_keys(body.get("dependencies"));
                if group == "main" {
                    roots.runtime.extend(deps);
                } else {
                    roots.dev.extend(deps);
                }
            }
        }
    }
    let pep508 = |v: &toml::Value| -> Vec<(String, String)> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(toml::Value::as_str)
                    .filter_map(|req| {
                        let end = req
                            .find(|c: char| {
                                !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                            })
                            .unwrap_or(req.len());
                        let name = &req[..end];
                        (!name.is_empty())
                            .then(|| (name.to_string(), req[end..].trim().to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    if let Some(project) = t.get("project") {
        if let Some(deps) = project.get("dependencies") {
            roots.runtime.extend(pep508(deps));
        }
        if let Some(extras) = project
            .get("optional-dependencies")
            .and_then(toml::Value::as_table)
        {
            for deps in extras.values() {
                roots.runtime.extend(pep508(deps));
            }
        }
    }
    if let Some(groups) = t.get("dependency-groups").and_then(toml::Value::as_table) {
        for deps in groups.values() {
            roots.dev.extend(pep508(deps));
        }
    }
    Manifest::Read(roots)
}
