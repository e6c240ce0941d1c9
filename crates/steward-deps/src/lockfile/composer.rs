//! `composer.lock`.
//!
//! `packages` ship and `packages-dev` are dev. The lockfile does not say which packages the
//! project requires itself: the `composer.json` beside it does, when the reader has it
//! (otherwise [`Scope::Unknown`](crate::Scope::Unknown)). Versions lose Composer's customary `v`
//! prefix (`v5.4.21` is `5.4.21`); branch versions (`dev-main`) are kept as written.
//! Platform requirements (`php`, `ext-*`, `lib-*`, `composer-*-api`) are not edges. A
//! `dist.shasum`, when present, is the SHA-1 of the archive; the `license` array is a choice
//! between licences (`OR`).

use serde::Deserialize;

use super::lines::json_key_lines;
use super::manifest::{self, Manifest};
use super::{Ctx, LockfileError, dep, hex_hash, resolve_unique_versions, scope_from_manifest};
use crate::package::{Lockfile, Package};
use crate::version::Ecosystem;

// PHP writes an empty map as `[]` and older Composers wrote `"packages-dev": null`, so the
// loosely typed fields are read as JSON values.
#[derive(Deserialize)]
struct ComposerLock {
    #[serde(default)]
    packages: Option<Vec<ComposerPackage>>,
    #[serde(default, rename = "packages-dev")]
    packages_dev: Option<Vec<ComposerPackage>>,
}

#[derive(Deserialize)]
struct ComposerPackage {
    name: String,
    version: Option<String>,
    source: Option<ComposerSource>,
    dist: Option<ComposerSource>,
    #[serde(default)]
    require: serde_json::Value,
    #[serde(default)]
    license: serde_json::Value,
    /// The release's date, as the registry gave it (`2023-05-10T09:24:55+00:00`).
    time: Option<String>,
}

#[derive(Deserialize)]
struct ComposerSource {
    #[serde(rename = "type")]
    kind: Option<String>,
    url: Option<String>,
    reference: Option<String>,
    shasum: Option<String>,
}

pub(crate) fn parse(ctx: &Ctx<'_>, text: &str) -> Result<Lockfile, LockfileError> {
    let lock: ComposerLock = ctx.json(text)?;
    let lines = json_key_lines(text, &["name"]);
    let mut packages = Vec::new();
    for (section, list, dev) in [
        (
            "packages",
            lock.packages.as_deref().unwrap_or_default(),
            false,
        ),
        (
            "packages-dev",
            lock.packages_dev.as_deref().unwrap_or_default(),
            true,
        ),
    ] {
        for (i, p) in list.iter().enumerate() {
            let version = p.version.as_deref().map(|v| {
                match v.strip_prefix('v') {
                    Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
                    _ => v,
                }
                .to_string()
            });
            let mut package = Package::new(Ecosystem::Packagist, p.name.clone(), version);
            package.line = lines.get(&[section, &format!("[{i}]"), "name"]);
            package.dev = dev;
            package.published = p
                .time
                .as_deref()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| {
                    t.with_timezone(&chrono::Utc)
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                });
            package.hashes.extend(
                p.dist
                    .as_ref()
                    .and_then(|d| d.shasum.as_deref())
                    .and_then(|s| hex_hash("SHA-1", s)),
            );
            let licenses: Vec<&str> = match &p.license {
                serde_json::Value::String(s) => vec![s.as_str()],
                serde_json::Value::Array(a) => a.iter().filter_map(|l| l.as_str()).collect(),
                _ => Vec::new(),
            };
            package.license = match licenses.as_slice() {
                [] => None,
                [one] => Some((*one).to_string()),
                many => Some(format!("({})", many.join(" OR "))),
            };
            // Path repositories are the project's own code; only `dist` says so.
            let path_dist = p
                .dist
                .as_ref()
                .filter(|d| d.kind.as_deref() == Some("path"));
            package.source = path_dist.and_then(|d| d.url.clone()).or_else(|| {
                let s = p.source.as_ref()?;
                let url = s.url.as_ref()?;
                // A source without a dist is a VCS checkout, not a registry archive.
                p.dist.is_none().then(|| match &s.reference {
                    Some(r) => format!("{url}#{r}"),
                    None => url.clone(),
                })
            });
            package.dependencies = p
                .require
                .as_object()
                .into_iter()
                .flat_map(|m| m.keys())
                .filter(|name| !is_platform(name))
                .map(|name| dep(name, None))
                .collect();
            packages.push(package);
        }
    }
    resolve_unique_versions(&mut packages, |n| n.to_ascii_lowercase());
    packages.sort_by_key(|p| p.line);
    let mut warnings = Vec::new();
    match manifest::composer_json(ctx) {
        Manifest::Read(roots) => {
            scope_from_manifest(&mut packages, &roots, |n| n.to_ascii_lowercase())
        }
        Manifest::Broken(why) => warnings.push((1, why)),
        Manifest::Absent => {}
    }
    Ok(ctx.lockfile(packages, warnings))
}

fn is_platform(name: &str) -> bool {
    name == "php"
        || name.starts_with("php-")
        || name.starts_with("ext-")
        || name.starts_with("lib-")
        || (name.starts_with("composer") && !name.contains('/'))
}
