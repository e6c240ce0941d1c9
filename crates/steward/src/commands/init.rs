//! `steward init`: the first conversation about a product's security. It looks at the
//! repository first, proposes what it finds, asks (or takes flags for) the rest, and writes
//! a steward.toml that every later command reads.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Context, Result};
use serde::de::DeserializeOwned;
use steward_core::collect::{CollectOptions, collect};
use steward_core::manifest::{MANIFEST_FILE, Manifest};
use steward_core::triage::SeverityCounts;

use crate::args::{GateArg, GlobalArgs, InitArgs};
use crate::exit::{Exit, usage};
use crate::project::Project;
use crate::recording::{self, RunRecord};

/// A component as init will write it.
#[derive(Debug, Clone, Default)]
struct ComponentDraft {
    id: String,
    kind: String,
    tech: Option<String>,
    zone: String,
    auth: Option<String>,
    holds: Vec<String>,
    encrypted_at_rest: Option<bool>,
    ports: Vec<u16>,
    /// Where it was found, for proposals.
    found_in: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct AssetDraft {
    id: String,
    kind: String,
    location: String,
    holds: Vec<String>,
}

/// Check `value` against one of the manifest's enums (by its serde name), so a typo is
/// reported with the accepted values before anything is written.
fn check_enum<T: DeserializeOwned>(flag: &str, value: &str) -> Result<String> {
    let v = value.trim().to_ascii_lowercase();
    serde_json::from_value::<T>(serde_json::Value::String(v.clone()))
        .map_err(|e| usage(format!("{flag}: {e}")))?;
    Ok(v)
}

fn check_classes(flag: &str, values: &[String]) -> Result<Vec<String>> {
    values
        .iter()
        .filter(|v| !v.trim().is_empty())
        .map(|v| check_enum::<steward_core::manifest::DataClass>(flag, v))
        .collect()
}

fn spec_fields(flag: &str, spec: &str) -> Result<Vec<(String, String)>> {
    spec.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|part| {
            part.split_once('=')
                .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
                .ok_or_else(|| {
                    usage(format!(
                        "{flag} `{spec}`: `{part}` is not key=value; write e.g. id=orders-db,kind=database,zone=dmz"
                    ))
                })
        })
        .collect()
}

fn parse_component(spec: &str) -> Result<ComponentDraft> {
    let mut c = ComponentDraft::default();
    for (k, v) in spec_fields("--component", spec)? {
        match k.as_str() {
            "id" => c.id = v,
            "kind" => {
                c.kind =
                    check_enum::<steward_core::manifest::ComponentKind>("--component kind", &v)?
            }
            "zone" => c.zone = check_enum::<steward_core::manifest::Zone>("--component zone", &v)?,
            "tech" => c.tech = Some(v),
            "auth" => {
                c.auth = Some(check_enum::<steward_core::manifest::Auth>(
                    "--component auth",
                    &v,
                )?)
            }
            "holds" => {
                let list: Vec<String> = v.split('+').map(str::to_string).collect();
                c.holds = check_classes("--component holds", &list)?;
            }
            "encrypted" | "encrypted_at_rest" => {
                c.encrypted_at_rest = Some(v.parse().map_err(|_| {
                    usage(format!("--component encrypted: `{v}` is not true or false"))
                })?)
            }
            other => {
                return Err(usage(format!(
                    "--component: unknown key `{other}`; use id, kind, zone, tech, auth, holds, encrypted"
                )));
            }
        }
    }
    for (field, value) in [("id", &c.id), ("kind", &c.kind), ("zone", &c.zone)] {
        if value.is_empty() {
            return Err(usage(format!("--component `{spec}` needs {field}=...")));
        }
    }
    Ok(c)
}

fn parse_asset(spec: &str) -> Result<AssetDraft> {
    let mut a = AssetDraft::default();
    for (k, v) in spec_fields("--asset", spec)? {
        match k.as_str() {
            "id" => a.id = v,
            "kind" => a.kind = v,
            "location" => a.location = v,
            "holds" => {
                let list: Vec<String> = v.split('+').map(str::to_string).collect();
                a.holds = check_classes("--asset holds", &list)?;
            }
            other => {
                return Err(usage(format!(
                    "--asset: unknown key `{other}`; use id, kind, location, holds"
                )));
            }
        }
    }
    for (field, value) in [("id", &a.id), ("kind", &a.kind), ("location", &a.location)] {
        if value.is_empty() {
            return Err(usage(format!("--asset `{spec}` needs {field}=...")));
        }
    }
    Ok(a)
}

/// A TOML basic string.
fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

struct Draft {
    name: String,
    owner: Option<String>,
    phase: String,
    /// (language, `N files`) as found or confirmed.
    languages: Vec<(String, Option<String>)>,
    /// (framework, where it is declared).
    frameworks: Vec<(String, Option<String>)>,
    classes: Vec<String>,
    jurisdictions: Vec<String>,
    components: Vec<ComponentDraft>,
    assets: Vec<AssetDraft>,
    fail_on: String,
}

fn render(d: &Draft) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# steward.toml: what this product is, what it holds and where it runs.\n# Written by `steward init`; every steward command reads it. Edit freely.\n"
    );
    let _ = writeln!(s, "[product]\nname = {}", q(&d.name));
    if let Some(o) = &d.owner {
        let _ = writeln!(s, "owner = {}", q(o));
    }
    let _ = writeln!(
        s,
        "phase = {}                 # design | build | operate | maintain | sunset",
        q(&d.phase)
    );
    for (key, items) in [("languages", &d.languages), ("frameworks", &d.frameworks)] {
        if items.is_empty() {
            continue;
        }
        let names: Vec<String> = items.iter().map(|(n, _)| n.clone()).collect();
        let found: Vec<String> = items
            .iter()
            .filter_map(|(n, why)| why.as_ref().map(|w| format!("{n}: {w}")))
            .collect();
        if found.is_empty() {
            let _ = writeln!(s, "{key} = {}", list(&names));
        } else {
            let _ = writeln!(
                s,
                "{key} = {}   # found: {}",
                list(&names),
                found.join("; ")
            );
        }
    }
    s.push('\n');
    let _ = writeln!(
        s,
        "[data]\nclasses = {}   # cardholder, health, pii, credentials, financial, public\njurisdictions = {}\n",
        list(&d.classes),
        list(&d.jurisdictions)
    );
    for c in &d.components {
        if let Some(src) = &c.found_in {
            let _ = writeln!(s, "# found in {src}; confirm its zone and authentication");
        }
        let _ = writeln!(s, "[[component]]\nid = {}\nkind = {}", q(&c.id), q(&c.kind));
        if let Some(t) = &c.tech {
            let _ = writeln!(s, "tech = {}", q(t));
        }
        let _ = writeln!(
            s,
            "zone = {}   # internet | dmz | internal | restricted",
            q(&c.zone)
        );
        if let Some(a) = &c.auth {
            let _ = writeln!(
                s,
                "auth = {}   # none | default | password | mtls | iam | oidc",
                q(a)
            );
        }
        if let Some(e) = c.encrypted_at_rest {
            let _ = writeln!(s, "encrypted_at_rest = {e}");
        }
        if !c.holds.is_empty() {
            let _ = writeln!(s, "holds = {}", list(&c.holds));
        }
        if !c.ports.is_empty() {
            let ports: Vec<String> = c.ports.iter().map(|p| p.to_string()).collect();
            let _ = writeln!(s, "ports = [{}]", ports.join(", "));
        }
        s.push('\n');
    }
    for a in &d.assets {
        let _ = writeln!(
            s,
            "[[asset]]\nid = {}\nkind = {}\nlocation = {}",
            q(&a.id),
            q(&a.kind),
            q(&a.location)
        );
        if !a.holds.is_empty() {
            let _ = writeln!(s, "holds = {}", list(&a.holds));
        }
        s.push('\n');
    }
    let _ = writeln!(s, "[policy]\nfail_on = {}", q(&d.fail_on));
    s
}

/// Questions on standard error, answers from standard input.
struct Prompter<R: BufRead> {
    input: R,
}

impl<R: BufRead> Prompter<R> {
    fn ask(&mut self, question: &str, default: &str) -> Result<String> {
        let mut err = std::io::stderr();
        if default.is_empty() {
            write!(err, "{question}: ")?;
        } else {
            write!(err, "{question} [{default}]: ")?;
        }
        err.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            return Err(usage(
                "standard input closed; use --yes and flags to run without questions",
            ));
        }
        let answer = line.trim();
        Ok(if answer.is_empty() {
            default.to_string()
        } else {
            answer.to_string()
        })
    }

    fn ask_until<T>(
        &mut self,
        question: &str,
        default: &str,
        check: impl Fn(&str) -> Result<T>,
    ) -> Result<T> {
        loop {
            let a = self.ask(question, default)?;
            match check(&a) {
                Ok(v) => return Ok(v),
                Err(e) => eprintln!("  {e:#}"),
            }
        }
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split([',', ' '])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn check_jurisdictions(values: &[String]) -> Result<Vec<String>> {
    values
        .iter()
        .map(|j| {
            let j = j.trim().to_ascii_uppercase();
            if j.len() == 2 && j.bytes().all(|b| b.is_ascii_uppercase()) {
                Ok(j)
            } else {
                Err(usage(format!(
                    "--jurisdiction: `{j}` is not an ISO 3166 two-letter country code (SG, AR, US) or EU"
                )))
            }
        })
        .collect()
}

pub fn run(args: InitArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = chrono::Utc::now();
    let dir = &args.dir;
    if !dir.is_dir() {
        return Err(usage(format!("{}: no such directory", dir.display())));
    }
    let path = dir.join(MANIFEST_FILE);
    if path.exists() && !args.force && !args.dry_run {
        return Err(usage(format!(
            "{} already exists; edit it, or replace it with --force",
            path.display()
        )));
    }
    let interactive = args.ask || (!args.yes && std::io::stdin().is_terminal());

    let default_name = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "product".into());
    let mut components = args
        .components
        .iter()
        .map(|c| parse_component(c))
        .collect::<Result<Vec<_>>>()?;
    let assets = args
        .assets
        .iter()
        .map(|a| parse_asset(a))
        .collect::<Result<Vec<_>>>()?;
    let named = |items: &[String]| -> Vec<(String, Option<String>)> {
        items
            .iter()
            .map(|s| s.trim().to_ascii_lowercase())
            .filter(|s| !s.is_empty())
            .map(|s| (s, None))
            .collect()
    };
    let mut languages = named(&args.languages);
    let mut frameworks = named(&args.frameworks);
    let mut classes = check_classes("--data", &args.data)?;
    let mut jurisdictions = check_jurisdictions(&args.jurisdictions)?;
    let mut phase = match &args.phase {
        Some(p) => check_enum::<steward_core::manifest::Phase>("--phase", p)?,
        None => "build".to_string(),
    };
    let fail_on = match args.fail_on {
        Some(GateArg::Critical) => "critical",
        Some(GateArg::High) | None => "high",
        Some(GateArg::Medium) => "medium",
        Some(GateArg::Low) => "low",
        Some(GateArg::None) => "none",
    };

    // What the repository's infrastructure code already says, and what it is written in.
    let mut proposals = Vec::new();
    let mut inventory_skips = Vec::new();
    if !args.no_detect {
        let tree = collect(dir, &CollectOptions::default())?;
        let stack = steward_plan::stack::detect(&tree);
        let found_languages: Vec<(String, Option<String>)> = stack
            .languages
            .iter()
            .map(|l| {
                let files = format!("{} file{}", l.files, if l.files == 1 { "" } else { "s" });
                (l.name.to_string(), Some(files))
            })
            .collect();
        let found_frameworks: Vec<(String, Option<String>)> = stack
            .frameworks
            .iter()
            .map(|f| (f.name.to_string(), Some(f.declared_in.clone())))
            .collect();
        // Flags name them instead of what was found.
        if languages.is_empty() {
            languages = found_languages;
        }
        if frameworks.is_empty() {
            frameworks = found_frameworks;
        }
        let inv = steward_iac::inventory::inventory(&tree);
        inventory_skips = inv.skipped;
        for c in inv.components {
            if components.iter().any(|x| x.id == c.id) {
                continue;
            }
            let kind = serde_json::to_value(c.kind)?
                .as_str()
                .unwrap_or("service")
                .to_string();
            proposals.push(ComponentDraft {
                id: c.id,
                kind,
                tech: c.tech,
                zone: "internal".into(),
                ports: c.ports,
                found_in: Some(c.source),
                ..Default::default()
            });
        }
    }

    let mut name = args.name.clone().unwrap_or_else(|| default_name.clone());
    let mut owner = args.owner.clone();
    if interactive {
        let stdin = std::io::stdin();
        let mut p = Prompter {
            input: stdin.lock(),
        };
        eprintln!(
            "steward init: a few questions about {}; Enter keeps the default.",
            dir.display()
        );
        name = p.ask("Product name", &name)?;
        let o = p.ask("Owning team", owner.as_deref().unwrap_or(""))?;
        owner = (!o.is_empty()).then_some(o);
        phase = p.ask_until(
            "Phase (design, build, operate, maintain, sunset)",
            &phase,
            |a| check_enum::<steward_core::manifest::Phase>("phase", a),
        )?;
        classes = p.ask_until(
            "Data it holds (cardholder, health, pii, credentials, financial, public)",
            &classes.join(","),
            |a| check_classes("data", &split_list(a)),
        )?;
        jurisdictions = p.ask_until(
            "Jurisdictions (SG, AR, EU, US, ...)",
            &jurisdictions.join(","),
            |a| check_jurisdictions(&split_list(a)),
        )?;
        for (what, items) in [
            ("Languages", &mut languages),
            ("Frameworks", &mut frameworks),
        ] {
            let shown: Vec<String> = items.iter().map(|(n, _)| n.clone()).collect();
            let answer = p.ask(&format!("{what} (comma separated)"), &shown.join(","))?;
            let answered = split_list(&answer);
            if answered != shown {
                // Keep where each still-named one was found; the rest the user typed.
                let before = std::mem::take(items);
                *items = answered
                    .into_iter()
                    .map(|n| {
                        let why = before
                            .iter()
                            .find(|(b, _)| *b == n)
                            .and_then(|(_, w)| w.clone());
                        (n, why)
                    })
                    .collect();
            }
        }
        for mut c in proposals.drain(..) {
            let src = c.found_in.clone().unwrap_or_default();
            let keep = p.ask(
                &format!("Found {} `{}` in {src}. Keep it? (y/n)", c.kind, c.id),
                "y",
            )?;
            if !keep.eq_ignore_ascii_case("y") && !keep.eq_ignore_ascii_case("yes") {
                continue;
            }
            c.zone = p.ask_until(
                "  zone (internet, dmz, internal, restricted)",
                &c.zone,
                |a| check_enum::<steward_core::manifest::Zone>("zone", a),
            )?;
            let auth = p.ask_until(
                "  authentication (none, default, password, mtls, iam, oidc; empty if unknown)",
                "",
                |a| {
                    if a.is_empty() {
                        Ok(None)
                    } else {
                        check_enum::<steward_core::manifest::Auth>("auth", a).map(Some)
                    }
                },
            )?;
            c.auth = auth;
            components.push(c);
        }
    } else {
        components.append(&mut proposals);
    }

    // Components may only hold classes the product declares.
    let declared: BTreeSet<String> = classes.iter().cloned().collect();
    for c in &components {
        for h in &c.holds {
            if !declared.contains(h) {
                return Err(usage(format!(
                    "component `{}` holds `{h}` data; add `{h}` to --data too",
                    c.id
                )));
            }
        }
    }

    let draft = Draft {
        name,
        owner,
        phase,
        languages,
        frameworks,
        classes,
        jurisdictions,
        components,
        assets,
        fail_on: fail_on.to_string(),
    };
    let text = render(&draft);
    // What init writes must be a manifest every command accepts.
    let manifest = Manifest::parse(&path.display().to_string(), &text)
        .context("steward init produced an invalid manifest")
        .map_err(|e| anyhow::anyhow!("{e:#}"))?;

    if args.dry_run {
        print!("{text}");
        return Ok(Exit::Clean);
    }
    steward_core::output::write_atomic(&path, text.as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    let found = draft
        .components
        .iter()
        .filter(|c| c.found_in.is_some())
        .count();
    println!(
        "wrote {}: {} data class{}, {} jurisdiction{}, {} component{} ({found} found in the repository), {} asset{}",
        path.display(),
        manifest.data.classes.len(),
        if manifest.data.classes.len() == 1 {
            ""
        } else {
            "es"
        },
        manifest.data.jurisdictions.len(),
        if manifest.data.jurisdictions.len() == 1 {
            ""
        } else {
            "s"
        },
        manifest.components.len(),
        if manifest.components.len() == 1 {
            ""
        } else {
            "s"
        },
        manifest.assets.len(),
        if manifest.assets.len() == 1 { "" } else { "s" },
    );
    for s in &inventory_skips {
        eprintln!("steward: could not read {} ({})", s.path, s.reason);
    }
    if found > 0 {
        println!("review the zones and authentication of the components marked `found in`");
    }

    if !global.no_ledger {
        let project = Project::discover(dir, None)?;
        recording::record(
            &project,
            global,
            RunRecord {
                kind: "init",
                command: "init",
                args: recording::redacted_args(),
                target: dir.display().to_string(),
                product: Some(manifest.product.name.clone()),
                started_at,
                finished_at: chrono::Utc::now(),
                git_commit: crate::project::git_commit(dir),
                counts: SeverityCounts::default(),
                gate_passed: None,
                report_sha256: Some(hex::encode(<sha2::Sha256 as sha2::Digest>::digest(
                    text.as_bytes(),
                ))),
                payload: serde_json::json!({
                    "languages": manifest.product.languages,
                    "frameworks": manifest.product.frameworks,
                    "data_classes": draft.classes,
                    "jurisdictions": draft.jurisdictions,
                    "components": draft.components.iter().map(|c| &c.id).collect::<Vec<_>>(),
                    "assets": draft.assets.iter().map(|a| &a.id).collect::<Vec<_>>(),
                }),
            },
        )?;
    }
    Ok(Exit::Clean)
}
