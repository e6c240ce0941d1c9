//! Maven `pom.xml` and Gradle `gradle.lockfile`.
//!
//! A pom's `<dependencies>` are direct; a dependency without a version takes it from the
//! same file's `<dependencyManagement>`, and managed entries no dependency uses are reported
//! too (a parent pom pins its children's versions there) with [`Scope::Unknown`].
//! `${property}` references are resolved from `<properties>`, `project.version`,
//! `project.groupId`, `project.parent.version` and friends, within the file; a version that
//! still refers to an unknown property is a warning and no version. A range (`[1.0,2.0)`)
//! is a requirement, not a version. Scope `test` is dev; `provided` and `system` ship (the
//! container or host supplies them at run time). The line is the dependency's
//! `<artifactId>`.
//!
//! A gradle.lockfile line is `group:artifact:version=configuration,…`; a package is dev when
//! every configuration it is locked in is a test one. The format has no graph.

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::{Ctx, LockfileError};
use crate::package::{Lockfile, Package, Scope};
use crate::version::Ecosystem;

/// Property references nested deeper than this are a cycle.
const MAX_PROPERTY_DEPTH: usize = 16;

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn child_text(node: Node<'_, '_>, name: &str) -> Option<String> {
    child(node, name)
        .and_then(|c| c.text())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

struct Declared {
    line: u32,
    /// The `<version>` element's line, for warnings about it.
    version_line: u32,
    group: String,
    artifact: String,
    version: Option<String>,
    scope: Option<String>,
    system_path: Option<String>,
}

pub(crate) fn parse_pom(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let doc = Document::parse(text).map_err(|e| {
        let line = Some(e.pos().row);
        ctx.invalid(line, e)
    })?;
    let project = doc.root_element();
    if project.tag_name().name() != "project" {
        return Err(ctx.invalid(
            Some(doc.text_pos_at(project.range().start).row),
            format!(
                "root element is <{}>, not <project>",
                project.tag_name().name()
            ),
        ));
    }

    let mut properties: HashMap<String, String> = HashMap::new();
    if let Some(props) = child(project, "properties") {
        for p in props.children().filter(|c| c.is_element()) {
            let value = p.text().unwrap_or("").trim().to_string();
            properties.insert(p.tag_name().name().to_string(), value);
        }
    }
    let parent = child(project, "parent");
    for (key, value) in [
        (
            "groupId",
            child_text(project, "groupId")
                .or_else(|| parent.and_then(|p| child_text(p, "groupId"))),
        ),
        ("artifactId", child_text(project, "artifactId")),
        (
            "version",
            child_text(project, "version")
                .or_else(|| parent.and_then(|p| child_text(p, "version"))),
        ),
    ] {
        if let Some(value) = value {
            properties.insert(format!("project.{key}"), value.clone());
            properties.insert(format!("pom.{key}"), value.clone());
            if key == "version" {
                properties.entry("version".to_string()).or_insert(value);
            }
        }
    }
    if let Some(parent) = parent {
        for key in ["groupId", "artifactId", "version"] {
            if let Some(value) = child_text(parent, key) {
                properties.insert(format!("project.parent.{key}"), value);
            }
        }
    }

    let read_deps = |container: Option<Node<'_, '_>>| -> Vec<Declared> {
        let Some(deps) = container.and_then(|c| child(c, "dependencies")) else {
            return Vec::new();
        };
        deps.children()
            .filter(|d| d.is_element() && d.tag_name().name() == "dependency")
            .filter_map(|d| {
                let artifact_node = child(d, "artifactId")?;
                let line = doc.text_pos_at(artifact_node.range().start).row;
                Some(Declared {
                    line,
                    version_line: child(d, "version")
                        .map_or(line, |v| doc.text_pos_at(v.range().start).row),
                    group: child_text(d, "groupId").unwrap_or_default(),
                    artifact: child_text(d, "artifactId")?,
                    version: child_text(d, "version"),
                    scope: child_text(d, "scope"),
                    system_path: child_text(d, "systemPath"),
                })
            })
            .collect()
    };
    let dependencies = read_deps(Some(project));
    let managed = read_deps(child(project, "dependencyManagement"));

    let mut warnings = Vec::new();
    let mut resolve = |s: &str, line: u32| -> Option<String> {
        match interpolate(s, &properties, 0) {
            Ok(v) => Some(v),
            Err(missing) => {
                warnings.push((
                    line,
                    format!("`{s}` uses `${{{missing}}}`, which this file does not define"),
                ));
                None
            }
        }
    };
    let mut managed_versions: HashMap<(String, String), (Option<String>, Option<String>)> =
        HashMap::new();
    let mut resolved_managed = Vec::new();
    for m in &managed {
        let group = resolve(&m.group, m.line).unwrap_or_else(|| m.group.clone());
        let artifact = resolve(&m.artifact, m.line).unwrap_or_else(|| m.artifact.clone());
        let version = m
            .version
            .as_deref()
            .and_then(|v| resolve(v, m.version_line));
        managed_versions.insert(
            (group.clone(), artifact.clone()),
            (version.clone(), m.scope.clone()),
        );
        resolved_managed.push((m, group, artifact, version));
    }

    let mut packages = Vec::new();
    let mut used: std::collections::HashSet<(String, String)> = std::collections::HashSet::new();
    for d in &dependencies {
        let group = resolve(&d.group, d.line).unwrap_or_else(|| d.group.clone());
        let artifact = resolve(&d.artifact, d.line).unwrap_or_else(|| d.artifact.clone());
        let key = (group.clone(), artifact.clone());
        let managed = managed_versions.get(&key);
        let version = match &d.version {
            Some(v) => resolve(v, d.version_line),
            None => managed.and_then(|m| m.0.clone()),
        };
        let scope = d
            .scope
            .clone()
            .or_else(|| managed.and_then(|m| m.1.clone()));
        used.insert(key);
        let mut package = maven_package(&group, &artifact, version, d.line);
        package.scope = Scope::Direct;
        package.dev = scope.as_deref() == Some("test");
        package.source = d.system_path.as_deref().and_then(|p| resolve(p, d.line));
        packages.push(package);
    }
    for (m, group, artifact, version) in resolved_managed {
        if used.contains(&(group.clone(), artifact.clone())) {
            continue;
        }
        let mut package = maven_package(&group, &artifact, version, m.line);
        package.dev = m.scope.as_deref() == Some("test");
        packages.push(package);
    }
    packages.sort_by_key(|p| p.line);
    Ok(ctx.lockfile(packages, warnings))
}

fn maven_package(group: &str, artifact: &str, version: Option<String>, line: u32) -> Package {
    let mut package = Package::new(Ecosystem::Maven, format!("{group}:{artifact}"), None);
    match version {
        Some(v) if v.starts_with('[') || v.starts_with('(') => package.requirement = Some(v),
        v => package.version = v,
    }
    package.line = line;
    package
}

/// Replaces each `${name}`; `Err` names the first property that is not defined.
fn interpolate(
    s: &str,
    properties: &HashMap<String, String>,
    depth: usize,
) -> Result<String, String> {
    if !s.contains("${") {
        return Ok(s.to_string());
    }
    if depth > MAX_PROPERTY_DEPTH {
        return Err(s.to_string());
    }
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return Ok(out);
        };
        let name = &after[..end];
        let value = properties.get(name).ok_or_else(|| name.to_string())?;
        out.push_str(&interpolate(value, properties, depth + 1)?);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

pub(crate) fn parse_gradle(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let mut packages = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (coordinates, configurations) = trimmed.split_once('=').unwrap_or((trimmed, ""));
        if coordinates == "empty" {
            continue;
        }
        let parts: Vec<&str> = coordinates.split(':').collect();
        let [group, artifact, version] = parts.as_slice() else {
            return Err(ctx.invalid(
                Some(line),
                format!("expected `group:artifact:version=configurations`, found `{trimmed}`"),
            ));
        };
        let mut package = maven_package(group, artifact, Some((*version).to_string()), line);
        let configurations: Vec<&str> = configurations
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        package.dev = !configurations.is_empty()
            && configurations
                .iter()
                .all(|c| c.starts_with("test") || c.contains("Test"));
        packages.push(package);
    }
    Ok(ctx.lockfile(packages, Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_resolve_recursively_and_cycles_stop() {
        let props: HashMap<String, String> = [
            ("a".to_string(), "${b}.1".to_string()),
            ("b".to_string(), "2".to_string()),
            ("loop".to_string(), "${loop}".to_string()),
        ]
        .into();
        assert_eq!(interpolate("v${a}-${b}", &props, 0).unwrap(), "v2.1-2");
        assert_eq!(interpolate("${missing}", &props, 0).unwrap_err(), "missing");
        assert!(interpolate("${loop}", &props, 0).is_err());
    }
}
