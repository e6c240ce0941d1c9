//! `steward sunset plan|verify|attest|certificate`: the verified decommission. The inventory
//! comes from steward.toml and from what the ledger saw the product use; verify checks each
//! item and records the results; attest records a person's word for what steward cannot
//! check; certificate issues and checks signed certificates of sanitization.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{NaiveDate, Utc};
use sha2::{Digest, Sha256};
use steward_core::finding::{Finding, Location};
use steward_core::manifest::{Manifest, Phase};
use steward_core::triage::triage;
use steward_ops::sunset::certificate::{self, Certificate, Media, Person, Sanitization};
use steward_ops::sunset::inventory::Check;
use steward_ops::sunset::verify::{AttestationRef, ItemResult, VerifyContext};
use steward_ops::sunset::{Item, ItemKind, Method, Sighting, Status, build_inventory};
use steward_store::{ListFilter, Record};

use crate::args::{
    GlobalArgs, SunsetAttestArgs, SunsetCertificateArgs, SunsetFormat, SunsetPlanArgs,
    SunsetVerifyArgs,
};
use crate::exit::{Exit, usage};
use crate::project::{self, Project};
use crate::recording::{self, RunRecord};

/// Ledger record kinds sunset writes.
pub(crate) const KIND_VERIFY: &str = "sunset";
const KIND_CERTIFICATE: &str = "sunset-certificate";

pub(crate) fn project_with_manifest(
    dir: &Path,
    global: &GlobalArgs,
) -> Result<(Project, Manifest)> {
    if !dir.exists() {
        return Err(usage(format!(
            "{}: no such directory; name the project directory",
            dir.display()
        )));
    }
    let mut project = Project::discover(dir, global.config.as_deref())?;
    match project.manifest.take() {
        Some(m) => Ok((project, m)),
        None => Err(usage(format!(
            "no steward.toml in {} or its parents: sunset works from the product's manifest; \
             run `steward init`, and declare what it owns as [[asset]] entries",
            dir.display()
        ))),
    }
}

pub(crate) fn has_ledger(project: &Project, global: &GlobalArgs) -> bool {
    global
        .store
        .as_deref()
        .is_some_and(|s| !s.trim().is_empty())
        || project.default_ledger_path().exists()
}

/// Records of `kind` for `product`, oldest first; none without a ledger.
pub(crate) fn records(
    project: &Project,
    global: &GlobalArgs,
    kind: &str,
    product: &str,
) -> Result<Vec<Record>> {
    records_of(project, global, kind, Some(product))
}

fn records_of(
    project: &Project,
    global: &GlobalArgs,
    kind: &str,
    product: Option<&str>,
) -> Result<Vec<Record>> {
    if !has_ledger(project, global) {
        return Ok(Vec::new());
    }
    let mut ledger = recording::open(&recording::store_spec(project, global))?;
    ledger
        .list(&ListFilter {
            kind: Some(kind.to_string()),
            product: product.map(str::to_string),
            ..Default::default()
        })
        .map_err(|e| anyhow::anyhow!("reading the ledger: {e}"))
}

/// What the ledger saw the product use: credentials scans found, data DLP found, hosts DAST
/// tested, assets monitor probed.
fn sightings(project: &Project, global: &GlobalArgs, product: &str) -> Result<Vec<Sighting>> {
    let mut out = Vec::new();
    for r in records(project, global, "scan", product)? {
        if let Some(components) = r.payload["sbom"]["components"].as_array() {
            out.push(Sighting::Repository {
                target: r.target.clone(),
                components: components.len(),
                record: r.seq,
            });
        }
        if let Some(rules) = r.payload["finding_rules"].as_object() {
            for (rule_id, count) in rules {
                if rule_id.starts_with("secrets/") {
                    out.push(Sighting::Credential {
                        rule_id: rule_id.clone(),
                        target: r.target.clone(),
                        count: count.as_u64().unwrap_or(1),
                        record: r.seq,
                        date: r.recorded_at.date_naive(),
                    });
                }
            }
        }
    }
    for r in records(project, global, "dlp", product)? {
        for o in r.payload["objects"].as_array().into_iter().flatten() {
            let Some(path) = o["path"].as_str() else {
                continue;
            };
            // Paths are relative to the DLP target; database targets have no local path.
            if r.target.contains("://") {
                continue;
            }
            let full = Path::new(&r.target).join(path).display().to_string();
            let classes = o["classes"]
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            out.push(Sighting::DataObject {
                path: full,
                classes,
                record: r.seq,
            });
        }
    }
    for r in records(project, global, "dast", product)? {
        out.push(Sighting::Url {
            url: r.target.clone(),
            record: r.seq,
        });
    }
    for r in records(project, global, "monitor", product)? {
        for p in r.payload["probes"].as_array().into_iter().flatten() {
            if let (Some(id), Some(kind), Some(location)) = (
                p["asset"].as_str(),
                p["kind"].as_str(),
                p["location"].as_str(),
            ) {
                out.push(Sighting::MonitoredAsset {
                    id: id.to_string(),
                    kind: kind.to_string(),
                    location: location.to_string(),
                    record: r.seq,
                });
            }
        }
    }
    Ok(out)
}

pub(crate) fn inventory(
    project: &Project,
    manifest: &Manifest,
    global: &GlobalArgs,
    today: NaiveDate,
) -> Result<Vec<Item>> {
    let seen = sightings(project, global, &manifest.product.name)?;
    build_inventory(manifest, &seen, today).map_err(|e| usage(format!("steward.toml: {e}")))
}

/// Addresses the product was served from by address (DAST targets such as
/// `http://203.0.113.7/`), with the run that saw each: the product's hosts, released with it.
fn served_addresses(
    project: &Project,
    global: &GlobalArgs,
    product: &str,
) -> Result<BTreeMap<std::net::IpAddr, String>> {
    let mut out = BTreeMap::new();
    for r in records(project, global, "dast", product)? {
        if let Some(ip) = steward_ops::sunset::verify::address_of(&r.target) {
            out.insert(
                ip,
                format!(
                    "the host the product was served from ({}, ledger #{})",
                    r.target, r.seq
                ),
            );
        }
    }
    Ok(out)
}

/// The latest attestation of each sunset item.
pub(crate) fn attestations(
    project: &Project,
    global: &GlobalArgs,
    product: &str,
) -> Result<BTreeMap<String, AttestationRef>> {
    let mut out = BTreeMap::new();
    for r in records(project, global, "attest", product)? {
        let p = &r.payload;
        let (Some(item), Some(by), Some(sha)) = (
            p["sunset_item"].as_str(),
            p["by"].as_str(),
            p["evidence"]["sha256"].as_str(),
        ) else {
            continue;
        };
        out.insert(
            item.to_string(),
            AttestationRef {
                record: r.seq,
                by: by.to_string(),
                recorded_at: r.recorded_at.format("%Y-%m-%d").to_string(),
                evidence_sha256: sha.to_string(),
                note: p["note"].as_str().map(str::to_string),
            },
        );
    }
    Ok(out)
}

/// The latest `sunset verify` record, and its item results by id.
pub(crate) fn latest_verification(
    project: &Project,
    global: &GlobalArgs,
    product: &str,
) -> Result<Option<(Record, BTreeMap<String, ItemResult>)>> {
    let Some(r) = records(project, global, KIND_VERIFY, product)?.pop() else {
        return Ok(None);
    };
    let results: Vec<ItemResult> =
        serde_json::from_value(r.payload["results"].clone()).unwrap_or_default();
    let by_id = results.into_iter().map(|x| (x.id.clone(), x)).collect();
    Ok(Some((r, by_id)))
}

pub(crate) fn write_out(output: Option<&Path>, body: &str, what: &str) -> Result<()> {
    match output {
        Some(path) => steward_core::output::write_atomic(path, body.as_bytes())
            .with_context(|| format!("writing the {what} to {}", path.display())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(body.as_bytes())
                .with_context(|| format!("writing the {what}"))?;
            out.flush().ok();
            Ok(())
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn method_text(item: &Item) -> String {
    match (item.retained_until, item.after_retention) {
        (Some(until), Some(after)) => {
            format!("archive until {until} (retention), then {}", after.as_str())
        }
        _ => item.method.as_str().to_string(),
    }
}

fn check_text(item: &Item) -> &'static str {
    match item.check {
        Check::Automatic => "steward verifies",
        Check::Attestation => "needs an attestation",
    }
}

// ---------------------------------------------------------------------------------------
// plan

pub fn plan(args: SunsetPlanArgs, global: &GlobalArgs) -> Result<Exit> {
    let today = Utc::now().date_naive();
    let (project, manifest) = project_with_manifest(&args.dir, global)?;
    let items = inventory(&project, &manifest, global, today)?;
    let last = latest_verification(&project, global, &manifest.product.name)?;
    let status_of = |id: &str| -> Option<(Status, String)> {
        last.as_ref()
            .and_then(|(_, by_id)| by_id.get(id))
            .map(|r| (r.status, r.observed.clone()))
    };
    let body = match args.format {
        SunsetFormat::Json => {
            let items_json: Vec<serde_json::Value> = items
                .iter()
                .map(|it| {
                    let mut v = serde_json::to_value(it).unwrap_or_default();
                    v["method_description"] = it.method.describe().into();
                    v["category"] = serde_json::to_value(it.method.category()).unwrap_or_default();
                    if let Some((status, observed)) = status_of(&it.id) {
                        v["last_status"] = status.as_str().into();
                        v["last_observed"] = observed.into();
                    }
                    v
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&serde_json::json!({
                "product": manifest.product.name,
                "phase": format!("{:?}", manifest.product.phase).to_lowercase(),
                "date": today.to_string(),
                "last_verification": last.as_ref().map(|(r, _)| serde_json::json!({
                    "record": r.seq,
                    "at": r.finished_at.to_rfc3339(),
                })),
                "items": items_json,
            }))?;
            s.push('\n');
            s
        }
        SunsetFormat::Markdown => {
            let mut s = format!(
                "# Decommission checklist: {}\n\n{}, {}.{}\n\n| | item | kind | owner | method | proof | source |\n|---|---|---|---|---|---|---|\n",
                manifest.product.name,
                plural(items.len(), "item", "items"),
                today,
                match &last {
                    Some((r, _)) => format!(
                        " Status from `steward sunset verify` (ledger #{}, {}).",
                        r.seq,
                        r.finished_at.format("%Y-%m-%d %H:%M UTC")
                    ),
                    None => " Not verified yet: run `steward sunset verify`.".into(),
                }
            );
            for it in &items {
                let mark = match status_of(&it.id).map(|(s, _)| s) {
                    Some(s) if s.done() => "[x]",
                    _ => "[ ]",
                };
                let _ = writeln!(
                    s,
                    "| {mark} | `{}` {} | {} | {} | {} | {} | {} |",
                    it.id,
                    it.location.replace('|', "\\|"),
                    it.kind.as_str(),
                    it.owner,
                    method_text(it),
                    check_text(it),
                    it.source
                );
            }
            s
        }
        SunsetFormat::Text => {
            let mut s = format!(
                "Decommission checklist for {} ({}){}\n",
                manifest.product.name,
                plural(items.len(), "item", "items"),
                match &last {
                    Some((r, _)) => format!(
                        "; status from sunset verify, ledger #{} ({})",
                        r.seq,
                        r.finished_at.format("%Y-%m-%d %H:%M UTC")
                    ),
                    None => "; not verified yet (steward sunset verify)".into(),
                }
            );
            for it in &items {
                let status = status_of(&it.id)
                    .map(|(st, _)| st.as_str())
                    .unwrap_or("to do");
                let _ = writeln!(
                    s,
                    "\n[{status}] {}  ({}, owner {})\n    where:  {}\n    method: {} — {}\n    proof:  {}\n    from:   {}",
                    it.id,
                    it.kind.as_str(),
                    it.owner,
                    it.location,
                    method_text(it),
                    it.method.describe(),
                    check_text(it),
                    it.source
                );
                for n in &it.notes {
                    let _ = writeln!(s, "    note:   {n}");
                }
            }
            if items.is_empty() {
                s.push_str(
                    "\nNothing to decommission: steward.toml declares no [[asset]] and the ledger saw nothing.\n",
                );
            }
            s
        }
    };
    write_out(args.output.as_deref(), &body, "checklist")?;
    Ok(Exit::Clean)
}

// ---------------------------------------------------------------------------------------
// verify

fn finding_of(
    catalog: &steward_core::rule::RuleCatalog,
    result: &ItemResult,
    item: &Item,
) -> Vec<Finding> {
    result
        .problems
        .iter()
        .filter_map(|p| {
            let rule = catalog.get(&p.rule_id)?;
            let mut f = Finding::new(
                rule,
                format!("{}: {}", item.id, p.message),
                Location::whole(format!("sunset:{}", item.id)),
                format!("{}|{}", item.id, p.rule_id).as_bytes(),
            );
            // The fix names this item, so it can be pasted.
            f.remediation = rule
                .remediation
                .as_ref()
                .map(|r| r.replace("attest ITEM", &format!("attest {}", item.id)));
            f.properties.insert("item".into(), item.id.clone().into());
            f.properties
                .insert("kind".into(), item.kind.as_str().into());
            f.properties
                .insert("owner".into(), item.owner.clone().into());
            f.properties
                .insert("method".into(), item.method.as_str().into());
            f.properties
                .insert("status".into(), result.status.as_str().into());
            Some(f)
        })
        .collect()
}

pub fn verify(args: SunsetVerifyArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = Utc::now();
    let (project, manifest) = project_with_manifest(&args.dir, global)?;
    let items = inventory(&project, &manifest, global, started_at.date_naive())?;
    if items.is_empty() {
        return Err(usage(
            "nothing to verify: steward.toml declares no [[asset]] (kind and location) and the ledger saw nothing of the product",
        ));
    }
    let resolver = match args.resolver.as_deref().filter(|r| !r.trim().is_empty()) {
        Some(r) => Some(steward_ops::dns::parse_resolver(r).ok_or_else(|| {
            usage(format!(
                "--resolver {r}: not an address; give ADDRESS or ADDRESS:PORT, e.g. 127.0.0.1:5353"
            ))
        })?),
        None => None,
    };
    let ctx = VerifyContext {
        resolver,
        attestations: attestations(&project, global, &manifest.product.name)?,
        base_dir: project.root.clone(),
        ssh_options: args.ssh_options.clone(),
        seen_addresses: served_addresses(&project, global, &manifest.product.name)?,
    };
    let results = steward_ops::sunset::verify::verify(&items, &ctx);

    let mut catalog = steward_core::rule::RuleCatalog::new(steward_core::triage::triage_rules());
    catalog.extend(steward_ops::sunset::rules::rules());
    let findings: Vec<Finding> = results
        .iter()
        .zip(&items)
        .flat_map(|(r, it)| finding_of(&catalog, r, it))
        .collect();
    let config = super::scan::triage_config(Some(&manifest), args.fail_on, None);
    let triaged = triage(findings, &[], &catalog, &config)?;
    let done = results.iter().filter(|r| r.status.done()).count();
    let sunset_phase = manifest.product.phase == Phase::Sunset;
    let passed = triaged.gate.passed && (!sunset_phase || done == results.len());

    let out = &args.output;
    let text_to_terminal =
        out.output.is_none() && !out.quiet && matches!(out.format, crate::args::FormatArg::Text);
    if text_to_terminal {
        let mut s = String::new();
        for (r, it) in results.iter().zip(&items) {
            let _ = writeln!(
                s,
                "{:<10} {}  ({}, {}): {}",
                r.status.as_str(),
                it.id,
                it.kind.as_str(),
                it.method.as_str(),
                r.observed
            );
        }
        let _ = writeln!(
            s,
            "\n{done} of {} items verified or attested\n",
            results.len()
        );
        print!("{s}");
    }
    let mut run = recording::Finished::new(
        KIND_VERIFY,
        "sunset verify",
        project.root.display().to_string(),
        &project,
        started_at,
        &["sunset"],
        &triaged,
        &catalog,
    );
    run.product = Some(manifest.product.name.clone());
    run.git_commit = project::git_commit(&project.root);
    run.files_scanned = results.len();
    run.passed = passed;
    let report_sha256 = super::emit_report(&run.report(), out, global)?;
    if sunset_phase && done < results.len() {
        eprintln!(
            "steward: phase = \"sunset\": {} of {} items are neither verified nor attested; \
             the sunset gate fails until every one is (fix what is left, or `steward sunset attest ITEM`)",
            results.len() - done,
            results.len()
        );
    }
    run.record(&project, global, report_sha256, || {
        serde_json::json!({
            "phase": format!("{:?}", manifest.product.phase).to_lowercase(),
            "items": items,
            "results": results,
            "done": done,
            "total": results.len(),
        })
    })?;
    Ok(run.exit())
}

// ---------------------------------------------------------------------------------------
// attest

pub fn attest(args: SunsetAttestArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = Utc::now();
    if global.no_ledger {
        return Err(usage(
            "`steward sunset attest` does nothing but record in the ledger; drop --no-ledger",
        ));
    }
    let (project, manifest) = project_with_manifest(&args.dir, global)?;
    let items = inventory(&project, &manifest, global, started_at.date_naive())?;
    let item_id = args.item.trim();
    let Some(item) = items.iter().find(|it| it.id == item_id) else {
        let known: Vec<&str> = items.iter().map(|it| it.id.as_str()).take(8).collect();
        return Err(usage(format!(
            "`{item_id}` is not an item of the sunset inventory; `steward sunset plan` lists them{}",
            if known.is_empty() {
                String::new()
            } else {
                format!(" (e.g. {})", known.join(", "))
            }
        )));
    };
    let by = args.by.trim();
    if by.is_empty() {
        return Err(usage(
            "--by is empty: name the person who attests (a name or an e-mail address)",
        ));
    }
    if !args.evidence.is_file() {
        return Err(usage(format!(
            "{}: no such file; --evidence must name the file that backs the attestation",
            args.evidence.display()
        )));
    }
    let bytes = std::fs::read(&args.evidence)
        .with_context(|| format!("reading the evidence {}", args.evidence.display()))?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    if item.check == Check::Automatic {
        eprintln!(
            "steward: note: steward checks `{}` itself; a failed check outweighs this attestation",
            item.id
        );
    }
    let evidence_path = args.evidence.display().to_string();
    recording::record(
        &project,
        global,
        RunRecord {
            kind: "attest",
            command: "sunset attest",
            args: recording::redacted_args(),
            target: format!("sunset:{}", item.id),
            product: Some(manifest.product.name.clone()),
            started_at,
            finished_at: Utc::now(),
            git_commit: project::git_commit(&project.root),
            counts: Default::default(),
            gate_passed: None,
            report_sha256: None,
            payload: serde_json::json!({
                "sunset_item": item.id,
                "kind": item.kind.as_str(),
                "method": item.method.as_str(),
                "by": by,
                "note": args.note,
                "evidence": {
                    "path": evidence_path,
                    "sha256": sha256,
                    "bytes": bytes.len(),
                },
            }),
        },
    )?;
    println!(
        "attested {} ({}) by {by}; evidence {evidence_path} sha256 {sha256}",
        item.id,
        item.method.as_str()
    );
    Ok(Exit::Clean)
}

// ---------------------------------------------------------------------------------------
// certificate

fn default_destination(item: &Item) -> &'static str {
    match (item.method, item.kind) {
        (Method::Destroy, _) => "destroyed",
        (_, ItemKind::S3Bucket | ItemKind::KmsKey) => "released to the cloud provider",
        (_, ItemKind::Postgres) => "database server kept in service without the product's data",
        (_, ItemKind::DataPath) => "host kept in service without the product's data",
        _ => "released",
    }
}

/// A file name for an item id (`credential:secrets/x@.` -> `credential_secrets_x_.`).
fn file_stem(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect::<String>()
        .trim_matches('.')
        .to_string()
}

pub fn certificate(args: SunsetCertificateArgs, global: &GlobalArgs) -> Result<Exit> {
    if let Some(file) = &args.verify {
        return verify_certificate(file, &args.dir, global);
    }
    let issued = Utc::now();
    if global.no_ledger {
        return Err(usage(
            "certificates are recorded in the ledger so they can be verified; drop --no-ledger",
        ));
    }
    let by = args.by.as_deref().unwrap_or("").trim().to_string();
    if by.is_empty() {
        return Err(usage(
            "--by is empty: name the person who signs the certificate",
        ));
    }
    if args.items.is_empty() && !args.all {
        return Err(usage(
            "name the items to certify (as `steward sunset plan` lists them), or --all",
        ));
    }
    let (project, manifest) = project_with_manifest(&args.dir, global)?;
    let items = inventory(&project, &manifest, global, issued.date_naive())?;
    let Some((record, results)) = latest_verification(&project, global, &manifest.product.name)?
    else {
        return Err(usage(
            "no `steward sunset verify` in the ledger yet: a certificate states a verified result, so verify first",
        ));
    };
    let mut chosen: Vec<(&Item, &ItemResult)> = Vec::new();
    if args.all {
        for it in &items {
            if let Some(r) = results.get(&it.id)
                && r.status.done()
                && it.method.category().is_some()
            {
                chosen.push((it, r));
            }
        }
        if chosen.is_empty() {
            return Err(usage(
                "no data-bearing item is verified or attested yet in the latest `steward sunset verify`",
            ));
        }
    }
    for id in &args.items {
        let Some(it) = items.iter().find(|it| &it.id == id) else {
            return Err(usage(format!(
                "`{id}` is not an item of the sunset inventory; `steward sunset plan` lists them"
            )));
        };
        let Some(r) = results.get(id) else {
            return Err(usage(format!(
                "`{id}` was not in the latest `steward sunset verify` (ledger #{}); run it again",
                record.seq
            )));
        };
        if !r.status.done() {
            return Err(usage(format!(
                "`{id}` is {} in the latest `steward sunset verify` (ledger #{}): {}; a certificate needs it verified or attested",
                r.status.as_str(),
                record.seq,
                r.observed
            )));
        }
        if it.method.category().is_none() {
            return Err(usage(format!(
                "`{id}` is disposed of by `{}`, which sanitizes no media; certificates of sanitization cover data-bearing assets (its attestation in the ledger is its record)",
                it.method.as_str()
            )));
        }
        if !chosen.iter().any(|(c, _)| c.id == it.id) {
            chosen.push((it, r));
        }
    }

    let key_path = args
        .key
        .clone()
        .unwrap_or_else(|| project.root.join(".steward").join("sunset-signing.key"));
    let (key, created) = certificate::load_or_create_key(&key_path, args.key.is_none())
        .map_err(|e| usage(format!("signing key: {e}")))?;
    if created {
        eprintln!(
            "steward: created the signing key {} (mode 0600); keep it safe, and publish its public half {}",
            key_path.display(),
            hex::encode(key.verifying_key().to_bytes())
        );
    }
    let out_dir = args
        .out_dir
        .clone()
        .unwrap_or_else(|| project.root.join("sunset-certificates"));
    std::fs::create_dir_all(&out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    let organization = args
        .organization
        .clone()
        .or_else(|| manifest.product.owner.clone())
        .unwrap_or_default();
    let mut ledger = recording::open(&recording::store_spec(&project, global))?;
    for (item, result) in chosen {
        let issued_at = issued.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let id_hash = Sha256::digest(
            format!(
                "{}|{}|{}|{}",
                manifest.product.name, item.id, issued_at, record.seq
            )
            .as_bytes(),
        );
        let certificate_id = format!("SC-{}", &hex::encode(id_hash)[..16]);
        let mut notes = item.notes.join("; ");
        if let Some(a) = &result.attestation
            && result.status == Status::Attested
        {
            if !notes.is_empty() {
                notes.push_str("; ");
            }
            let _ = write!(
                notes,
                "attested by {} on {} (ledger #{}), evidence sha256 {}{}",
                a.by,
                a.recorded_at,
                a.record,
                a.evidence_sha256,
                a.note
                    .as_deref()
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default()
            );
        }
        let cert = Certificate {
            schema: certificate::SCHEMA.into(),
            certificate_id: certificate_id.clone(),
            product: manifest.product.name.clone(),
            issued_at: issued_at.clone(),
            person: Person {
                name: by.clone(),
                title: args.title.clone(),
                organization: organization.clone(),
                location: args.location.clone(),
                contact: args.contact.clone(),
            },
            media: Media {
                asset_id: item.id.clone(),
                description: format!(
                    "{} holding {}",
                    item.kind.as_str(),
                    if item.holds.is_empty() {
                        "undeclared data".to_string()
                    } else {
                        item.holds
                            .iter()
                            .map(|c| c.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                ),
                kind: item.kind.as_str().into(),
                identifiers: vec![item.location.clone()],
                data_classes: item.holds.iter().map(|c| c.as_str().to_string()).collect(),
                owner: item.owner.clone(),
                source: item.source.clone(),
                data_backed_up: args.backed_up.as_str().into(),
                backup_location: args.backup_location.trim().to_string(),
            },
            sanitization: Sanitization {
                category: item
                    .method
                    .category()
                    .map(|c| format!("{c:?}").to_lowercase())
                    .unwrap_or_default(),
                method: item.method.as_str().into(),
                method_details: item.method.describe().into(),
                tool: format!("steward {}", env!("CARGO_PKG_VERSION")),
                verification_method: result.verification_method.clone(),
                verification_result: result.observed.clone(),
                verification_status: result.status.as_str().into(),
                verified_at: record
                    .finished_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                verification_record: record.seq,
                post_sanitization_classification: "unclassified: no recoverable product data"
                    .into(),
                notes,
            },
            destination: args
                .destination
                .clone()
                .unwrap_or_else(|| default_destination(item).to_string()),
            validated_by: args.validated_by.trim().to_string(),
        };
        let signed = certificate::sign(&cert, &key);
        let stem = file_stem(&item.id);
        let json_path = out_dir.join(format!("{stem}.json"));
        let md_path = out_dir.join(format!("{stem}.md"));
        let mut json = serde_json::to_string_pretty(&signed)?;
        json.push('\n');
        // Recorded before the files are written: a certificate file always has its ledger copy.
        let now = Utc::now();
        ledger
            .append(steward_store::NewRecord {
                kind: KIND_CERTIFICATE.into(),
                command: "sunset certificate".into(),
                args: recording::redacted_args(),
                tool_version: env!("CARGO_PKG_VERSION").into(),
                target: format!("sunset:{}", item.id),
                product: Some(manifest.product.name.clone()),
                started_at: issued,
                finished_at: now,
                git_commit: project::git_commit(&project.root),
                counts: Default::default(),
                gate_passed: None,
                report_sha256: Some(hex::encode(Sha256::digest(json.as_bytes()))),
                payload: serde_json::json!({
                    "certificate_id": certificate_id,
                    "signed": signed,
                }),
            })
            .map_err(|e| anyhow::anyhow!("recording the certificate in the ledger: {e}"))?;
        steward_core::output::write_atomic(&json_path, json.as_bytes())
            .with_context(|| format!("writing {}", json_path.display()))?;
        steward_core::output::write_atomic(
            &md_path,
            certificate::render_markdown(&signed).as_bytes(),
        )
        .with_context(|| format!("writing {}", md_path.display()))?;
        println!(
            "certificate {certificate_id} for {} ({}, {}): {} and {}",
            item.id,
            cert.sanitization.category,
            item.method.as_str(),
            json_path.display(),
            md_path.display()
        );
    }
    Ok(Exit::Clean)
}

fn verify_certificate(file: &PathBuf, dir: &Path, global: &GlobalArgs) -> Result<Exit> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        usage(format!(
            "{}: {e}; --verify takes a certificate file (JSON or Markdown)",
            file.display()
        ))
    })?;
    let signed =
        certificate::parse_file(&text).map_err(|e| usage(format!("{}: {e}", file.display())))?;
    let mut problems: Vec<String> = Vec::new();
    if let Err(e) = certificate::check_signature(&signed) {
        problems.push(format!("signature: {e}"));
    }
    if text.contains(certificate::MARKDOWN_JSON_FENCE) {
        for c in certificate::markdown_differences(&text, &signed) {
            problems.push(format!(
                "the Markdown form's `{}` says {}, but its signed JSON says {}",
                c.field, c.found, c.expected
            ));
        }
    }
    let id = signed.certificate["certificate_id"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let product = signed.certificate["product"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let project = Project::discover(dir, global.config.as_deref())?;
    // By id; a file whose id was changed is still found by its signature.
    let all = records_of(&project, global, KIND_CERTIFICATE, None)?;
    let ledger_copy = all
        .iter()
        .rev()
        .find(|r| r.payload["certificate_id"].as_str() == Some(id.as_str()))
        .or_else(|| {
            all.iter().rev().find(|r| {
                r.payload["signed"]["signature"]["value"].as_str()
                    == Some(signed.signature.value.as_str())
            })
        })
        .cloned();
    match &ledger_copy {
        None => problems.push(format!(
            "the ledger ({}) holds no certificate `{id}` of product `{product}`",
            recording::store_spec(&project, global)
        )),
        Some(r) => {
            let recorded: Result<certificate::SignedCertificate, _> =
                serde_json::from_value(r.payload["signed"].clone());
            match recorded {
                Err(e) => {
                    problems.push(format!("the ledger's copy (#{}) is unreadable: {e}", r.seq))
                }
                Ok(recorded) => {
                    for c in certificate::diff(&recorded.certificate, &signed.certificate) {
                        problems.push(format!(
                            "field `{}` changed: the ledger's copy (#{}) has {}, this file has {}",
                            c.field, r.seq, c.expected, c.found
                        ));
                    }
                    if recorded.signature.public_key != signed.signature.public_key {
                        problems.push(format!(
                            "signed with key {}, but the ledger's copy (#{}) was signed with {}",
                            signed.signature.public_key, r.seq, recorded.signature.public_key
                        ));
                    } else if recorded.signature.value != signed.signature.value {
                        problems.push(format!(
                            "the signature differs from the ledger's copy (#{})",
                            r.seq
                        ));
                    }
                }
            }
        }
    }
    if problems.is_empty() {
        let r = ledger_copy.as_ref().map(|r| r.seq).unwrap_or_default();
        println!(
            "certificate {id} for {} is valid: Ed25519 signature by key {} matches, and the ledger holds it unchanged (#{r})",
            signed.certificate["media"]["asset_id"]
                .as_str()
                .unwrap_or("?"),
            signed.signature.public_key
        );
        Ok(Exit::Clean)
    } else {
        eprintln!("certificate {id} ({}) FAILS verification:", file.display());
        for p in &problems {
            eprintln!("  - {p}");
        }
        Ok(Exit::GateFailed)
    }
}
