//! `steward dlp TARGET`: where sensitive data is, how much, and whether steward.toml allows
//! it there. Files are read as stored: text, or the text inside gzip, zip and Office files;
//! a `postgres://` target is read table by table, column by column.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;
use steward_core::collect::{CollectOptions, collect, looks_binary};
use steward_core::finding::Finding;
use steward_core::fingerprint_key::FingerprintKey;
use steward_core::manifest::Manifest;
use steward_core::report::Format;
use steward_core::rule::RuleCatalog;
use steward_core::suppress::{Suppression, parse_suppressions};
use steward_core::triage::triage;
use steward_dlp::{ClassSummary, DlpEngine, Limits};

use crate::args::{DlpArgs, GlobalArgs};
use crate::engines::{self, EngineOptions};
use crate::exit::{Exit, usage};
use crate::project::{self, Project};
use crate::recording;

/// One scanned object and what it holds.
pub(crate) struct ObjectResult {
    pub path: String,
    pub summary: ClassSummary,
}

/// The declared asset a file belongs to: an asset whose `location` is a path or `file://`
/// URL containing it.
fn asset_for<'m>(
    manifest: &'m Manifest,
    base: &Path,
    file: &Path,
) -> Option<&'m steward_core::manifest::Asset> {
    let file = file.canonicalize().ok()?;
    manifest.assets.iter().find(|a| {
        let loc = a.location.strip_prefix("file://").unwrap_or(&a.location);
        if loc.contains("://") {
            return false;
        }
        let p = Path::new(loc);
        let p: PathBuf = if p.is_absolute() {
            p.to_path_buf()
        } else {
            base.join(p)
        };
        p.canonicalize().is_ok_and(|root| file.starts_with(root))
    })
}

/// What a DLP target yielded, before triage.
struct Scanned {
    project: Project,
    target_shown: String,
    findings: Vec<Finding>,
    suppressions: Vec<Suppression>,
    skipped: Vec<steward_core::collect::Skipped>,
    objects: Vec<ObjectResult>,
    scanned: usize,
    bytes_scanned: u64,
    /// What the ledger record adds for this kind of target.
    extra: serde_json::Map<String, serde_json::Value>,
}

pub fn run(args: DlpArgs, global: &GlobalArgs) -> Result<Exit> {
    let started_at = chrono::Utc::now();
    let scanned = if steward_ops::database::is_database_url(&args.target)
        || steward_ops::mysql::is_mysql_url(&args.target)
    {
        scan_database(&args, global)?
    } else if args.target.starts_with("s3://") {
        scan_bucket(&args, global)?
    } else {
        scan_files(&args, global)?
    };
    finish(scanned, &args, global, started_at)
}

/// The engine, fingerprinting with the project's key, and the placement rule, from the
/// catalog.
fn engine_and_placement(
    key: &FingerprintKey,
) -> Result<(DlpEngine, RuleCatalog, steward_core::Rule)> {
    let engine = DlpEngine::new()
        .map_err(|e| anyhow::anyhow!("loading built-in DLP rules: {e}"))?
        .with_fingerprint_key(key.clone());
    let catalog = engines::catalog(&EngineOptions::default())?;
    let placement = catalog
        .get(steward_dlp::placement::UNDECLARED_CLASS)
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("placement rule missing from the catalog"))?;
    Ok((engine, catalog, placement))
}

/// `host:port/db` of a postgres URL, what a target and an asset's location are matched on.
fn database_key(url: &str) -> Option<String> {
    let shown = match steward_ops::database::Target::parse(url) {
        Ok(t) => t.shown,
        Err(_) => steward_ops::mysql::MysqlTarget::parse(url).ok()?.shown,
    };
    let (scheme, rest) = shown.split_once("://")?;
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    Some(format!("{scheme}://{}", rest.to_ascii_lowercase()))
}

/// A database whose tables DLP reads: PostgreSQL or MySQL/MariaDB.
enum Source {
    Postgres(steward_ops::database::Target, steward_ops::database::Client),
    Mysql(steward_ops::mysql::MysqlTarget, steward_ops::mysql::Conn),
}

impl Source {
    fn open(url: &str, sample: Option<u64>) -> Result<Source> {
        if steward_ops::mysql::is_mysql_url(url) {
            let mut t =
                steward_ops::mysql::MysqlTarget::parse(url).map_err(|e| usage(e.to_string()))?;
            t.sample = sample.or(t.sample);
            let conn = t.connect().map_err(|e| usage(e.to_string()))?;
            Ok(Source::Mysql(t, conn))
        } else {
            let mut t =
                steward_ops::database::Target::parse(url).map_err(|e| usage(e.to_string()))?;
            t.sample = sample.or(t.sample);
            let client = t.connect().map_err(|e| usage(e.to_string()))?;
            Ok(Source::Postgres(t, client))
        }
    }

    fn shown(&self) -> &str {
        match self {
            Source::Postgres(t, _) => &t.shown,
            Source::Mysql(t, _) => &t.shown,
        }
    }

    fn sample(&self) -> Option<u64> {
        match self {
            Source::Postgres(t, _) => t.sample,
            Source::Mysql(t, _) => t.sample,
        }
    }

    fn tables(&mut self) -> Result<Vec<steward_ops::database::Table>> {
        match self {
            Source::Postgres(t, c) => t.tables(c),
            Source::Mysql(t, c) => t.tables(c),
        }
        .map_err(|e| usage(e.to_string()))
    }

    fn read(
        &mut self,
        table: &steward_ops::database::Table,
        visit: impl FnMut(&[Vec<Option<String>>]),
    ) -> Result<u64> {
        match self {
            Source::Postgres(t, c) => t.read(c, table, visit),
            Source::Mysql(t, c) => t.read(c, table, visit),
        }
        .map_err(|e| anyhow::anyhow!("{e}"))
    }
}

/// Every column of the target's tables: each column's values, one row per line as
/// `column: value` so the column's name is context for the classifiers, scanned a batch of
/// rows at a time. One object per column (`postgres://host:port/db/schema.table/column`).
fn scan_database(args: &DlpArgs, global: &GlobalArgs) -> Result<Scanned> {
    let cwd = std::env::current_dir()?;
    let project = Project::discover(&cwd, global.config.as_deref())?;
    let key = engines::fingerprint_key(&project.root, args.output.quiet)?;
    let (engine, _, placement) = engine_and_placement(&key)?;
    let asset = project.manifest.as_ref().and_then(|m| {
        let key = database_key(&args.target)?;
        m.assets
            .iter()
            .find(|a| database_key(&a.location).is_some_and(|k| k == key))
    });
    let allowed: Vec<&str> = asset
        .map(|a| a.holds.iter().map(|c| c.as_str()).collect())
        .unwrap_or_default();

    let mut source = Source::open(&args.target, args.sample)?;
    let shown = source.shown().to_string();
    let tables = source.tables()?;
    let mut findings = Vec::new();
    let mut objects = Vec::new();
    let mut bytes_scanned = 0u64;
    let mut rows_read = 0u64;
    let mut table_rows = Vec::new();
    for table in &tables {
        let names: Vec<String> = table
            .columns
            .iter()
            .map(|c| format!("{shown}/{}.{}/{c}", table.schema, table.name))
            .collect();
        let mut summaries: Vec<steward_dlp::ClassSummary> = vec![Default::default(); names.len()];
        let mut row_offset = 0u32;
        let rows = source
            .read(table, |batch| {
                // Columns are independent objects: classify them in parallel.
                let results: Vec<(Vec<Finding>, steward_dlp::ClassSummary, u64)> = table
                    .columns
                    .par_iter()
                    .enumerate()
                    .map(|(j, column)| {
                        let mut text = Vec::with_capacity(batch.len() * 24);
                        for row in batch {
                            text.extend_from_slice(column.as_bytes());
                            text.extend_from_slice(b": ");
                            if let Some(Some(v)) = row.get(j) {
                                // One row per line, whatever the value holds.
                                text.extend(
                                    v.bytes()
                                        .map(|b| if b == b'\n' || b == b'\r' { b' ' } else { b }),
                                );
                            }
                            text.push(b'\n');
                        }
                        let hits = engine.classifier().classify(&text);
                        let mut found = engine.findings_for_hits(&names[j], &text, &hits);
                        for f in &mut found {
                            // Line n of the batch is row `row_offset + n` of the table.
                            f.location.start_line += row_offset;
                            f.location.end_line += row_offset;
                            f.properties
                                .insert("row".into(), f.location.start_line.into());
                            f.properties.insert("column".into(), column.clone().into());
                        }
                        (found, steward_dlp::summarize(&hits), text.len() as u64)
                    })
                    .collect();
                for (j, (found, summary, bytes)) in results.into_iter().enumerate() {
                    findings.extend(found);
                    summaries[j].merge(summary);
                    bytes_scanned += bytes;
                }
                row_offset += batch.len() as u32;
            })
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        rows_read += rows;
        table_rows.push(serde_json::json!({
            "table": format!("{}.{}", table.schema, table.name),
            "columns": table.columns.len(),
            "rows_read": rows,
        }));
        for (name, summary) in names.into_iter().zip(summaries) {
            if summary.is_empty() {
                continue;
            }
            if let Some(a) = asset {
                findings.extend(steward_dlp::placement::undeclared_classes(
                    &placement,
                    &name,
                    a.id.get_ref(),
                    &allowed,
                    &summary,
                ));
            }
            objects.push(ObjectResult {
                path: name,
                summary,
            });
        }
    }
    let mut extra = serde_json::Map::new();
    extra.insert("tables".into(), table_rows.into());
    extra.insert("rows_read".into(), rows_read.into());
    if let Some(n) = source.sample() {
        extra.insert("sample".into(), n.into());
    }
    Ok(Scanned {
        project,
        target_shown: shown.clone(),
        findings,
        suppressions: Vec::new(),
        skipped: Vec::new(),
        objects,
        scanned: tables.len(),
        bytes_scanned,
        extra,
    })
}

/// What reading a bucket's objects found.
pub(crate) struct BucketScan {
    pub findings: Vec<Finding>,
    pub skipped: Vec<steward_core::collect::Skipped>,
    /// Objects holding sensitive data, with what they hold.
    pub objects: Vec<ObjectResult>,
    pub listed: usize,
    pub scanned: usize,
    pub bytes_scanned: u64,
    pub truncated: bool,
}

impl BucketScan {
    /// `(s3://bucket/key, data classes)` of every object holding sensitive data.
    pub fn sensitive(&self) -> Vec<(String, Vec<String>)> {
        self.objects
            .iter()
            .map(|o| {
                (
                    o.path.clone(),
                    o.summary
                        .data_classes()
                        .into_iter()
                        .map(str::to_string)
                        .collect(),
                )
            })
            .collect()
    }
}

/// Read and classify every object under `prefix` (up to `max_objects`, each up to
/// `max_file_size` bytes): its text, or the text inside gzip, zip and Office files,
/// checked against the declared asset's `holds`. Fingerprints are made with `key`.
pub(crate) fn scan_bucket_objects(
    storage: &steward_ops::storage::Storage,
    bucket: &str,
    prefix: &str,
    max_objects: usize,
    max_file_size: u64,
    asset: Option<&steward_core::manifest::Asset>,
    key: &FingerprintKey,
) -> Result<BucketScan> {
    let (engine, _, placement) = engine_and_placement(key)?;
    let (listing, truncated) = storage
        .list_objects(bucket, prefix, max_objects)
        .map_err(|e| usage(format!("s3://{bucket}: {e}")))?;
    let allowed: Vec<&str> = asset
        .map(|a| a.holds.iter().map(|c| c.as_str()).collect())
        .unwrap_or_default();
    let limits = Limits::default();
    let mut out = BucketScan {
        findings: Vec::new(),
        skipped: Vec::new(),
        objects: Vec::new(),
        listed: listing.len(),
        scanned: 0,
        bytes_scanned: 0,
        truncated,
    };
    for object in &listing {
        let name = format!("s3://{bucket}/{}", object.key);
        if object.size > max_file_size {
            out.skipped.push(steward_core::collect::Skipped {
                path: name,
                reason: steward_core::collect::SkipReason::TooLarge {
                    size: object.size,
                    limit: max_file_size,
                },
            });
            continue;
        }
        let bytes = match storage.get_object(bucket, &object.key) {
            Ok(b) => b,
            Err(e) => {
                out.skipped.push(steward_core::collect::Skipped {
                    path: name,
                    reason: steward_core::collect::SkipReason::Unreadable {
                        error: e.to_string(),
                    },
                });
                continue;
            }
        };
        let scan = engine.scan_object(&name, &bytes, &limits);
        out.scanned += 1;
        out.bytes_scanned += scan.text_bytes;
        out.findings.extend(scan.findings);
        out.skipped.extend(scan.skipped);
        if scan.summary.is_empty() {
            continue;
        }
        if let Some(a) = asset {
            out.findings
                .extend(steward_dlp::placement::undeclared_classes(
                    &placement,
                    &name,
                    a.id.get_ref(),
                    &allowed,
                    &scan.summary,
                ));
        }
        out.objects.push(ObjectResult {
            path: name,
            summary: scan.summary,
        });
    }
    Ok(out)
}

/// The asset steward.toml declares at `s3://bucket`.
pub(crate) fn bucket_asset<'m>(
    manifest: Option<&'m Manifest>,
    bucket: &str,
) -> Option<&'m steward_core::manifest::Asset> {
    manifest?.assets.iter().find(|a| {
        a.location
            .strip_prefix("s3://")
            .is_some_and(|rest| rest.trim_end_matches('/') == bucket)
    })
}

/// Every object under `s3://bucket/prefix`, checked against the asset declared at
/// `s3://bucket`; and when the bucket is public, every object holding sensitive data is a
/// critical finding.
fn scan_bucket(args: &DlpArgs, global: &GlobalArgs) -> Result<Scanned> {
    use steward_ops::storage::{BucketTarget, Storage};
    let target = BucketTarget::parse(&args.target).map_err(usage)?;
    let cwd = std::env::current_dir()?;
    let project = Project::discover(&cwd, global.config.as_deref())?;
    let asset = bucket_asset(project.manifest.as_ref(), &target.bucket);
    let endpoint = args
        .endpoint_url
        .as_deref()
        .or_else(|| asset.and_then(|a| a.endpoint.as_deref()));
    let region = asset.and_then(|a| a.region.as_deref());
    let storage = Storage::from_env(endpoint, region).map_err(|e| usage(e.to_string()))?;
    let key = engines::fingerprint_key(&project.root, args.output.quiet)?;
    let scan = scan_bucket_objects(
        &storage,
        &target.bucket,
        &target.prefix,
        args.max_objects,
        args.max_file_size,
        asset,
        &key,
    )?;
    let sensitive = scan.sensitive();
    let mut findings = scan.findings;
    // Public and sensitive: the bucket's posture decides.
    let mut extra = serde_json::Map::new();
    match storage.bucket_posture(&target.bucket) {
        Ok(posture) => {
            findings.extend(steward_ops::posture::public_sensitive_findings(
                &posture,
                &sensitive,
                asset.map(|a| a.id.get_ref().as_str()),
            ));
            extra.insert("public".into(), posture["public"].clone());
        }
        Err(e) => {
            eprintln!(
                "steward: warning: could not read whether s3://{} is public: {e}",
                target.bucket
            );
        }
    }
    extra.insert("objects_listed".into(), scan.listed.into());
    if scan.truncated {
        extra.insert("truncated_at".into(), args.max_objects.into());
        eprintln!(
            "steward: warning: s3://{} holds more than {} objects under `{}`; only the first {} were read (--max-objects)",
            target.bucket, args.max_objects, target.prefix, args.max_objects
        );
    }
    Ok(Scanned {
        project,
        target_shown: args.target.clone(),
        findings,
        suppressions: Vec::new(),
        skipped: scan.skipped,
        objects: scan.objects,
        scanned: scan.scanned,
        bytes_scanned: scan.bytes_scanned,
        extra,
    })
}

/// A worker's read buffer grown past this is dropped after use rather than kept.
const MAX_KEPT_BUFFER: usize = 64 << 20;

fn scan_files(args: &DlpArgs, global: &GlobalArgs) -> Result<Scanned> {
    if let Some((scheme, _)) = args.target.split_once("://")
        && scheme != "file"
    {
        return Err(usage(format!(
            "`steward dlp {scheme}://...` is not available yet in steward {}; scan a directory, a file or a postgres:// database",
            env!("CARGO_PKG_VERSION")
        )));
    }
    let target = PathBuf::from(args.target.strip_prefix("file://").unwrap_or(&args.target));
    if !target.exists() {
        return Err(usage(format!(
            "{}: no such file or directory; name a directory or file to scan",
            target.display()
        )));
    }
    let project = Project::discover(&target, global.config.as_deref())?;
    let manifest = project.manifest.as_ref();
    let manifest_dir = project
        .manifest_path
        .as_ref()
        .and_then(|p| p.parent())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| project.root.clone());

    let key = engines::fingerprint_key(&project.root, args.output.quiet)?;
    let (engine, _, placement) = engine_and_placement(&key)?;

    let tree = collect(
        &target,
        &CollectOptions {
            excludes: args.exclude.clone(),
            max_file_size: args.max_file_size,
            respect_gitignore: args.gitignore,
            ..Default::default()
        },
    )?;
    let limits = Limits::default();
    let per_file: Vec<_> = tree
        .files
        .par_iter()
        // One read buffer per worker, reused from file to file: a fresh allocation per file
        // costs about as much again in page faults as the reading.
        .map_init(Vec::new, |buf: &mut Vec<u8>, file| {
            if buf.capacity() > MAX_KEPT_BUFFER {
                *buf = Vec::new();
            }
            buf.clear();
            let read = std::fs::File::open(&file.path).and_then(|mut f| f.read_to_end(buf));
            let bytes = match read {
                Ok(_) => &buf[..],
                Err(e) => {
                    let skip = steward_core::collect::Skipped {
                        path: file.rel_path.clone(),
                        reason: steward_core::collect::SkipReason::Unreadable {
                            error: e.to_string(),
                        },
                    };
                    return (Vec::new(), Vec::new(), vec![skip], None, 0u64);
                }
            };
            let scan = engine.scan_object(&file.rel_path, bytes, &limits);
            let sups: Vec<Suppression> = if looks_binary(bytes) {
                Vec::new()
            } else {
                parse_suppressions(&file.rel_path, bytes)
            };
            let mut findings = scan.findings;
            if let (Some(m), false) = (manifest, scan.summary.is_empty())
                && let Some(asset) = asset_for(m, &manifest_dir, &file.path)
            {
                let allowed: Vec<&str> = asset.holds.iter().map(|c| c.as_str()).collect();
                findings.extend(steward_dlp::placement::undeclared_classes(
                    &placement,
                    &file.rel_path,
                    asset.id.get_ref(),
                    &allowed,
                    &scan.summary,
                ));
            }
            let object = (!scan.summary.is_empty()).then(|| ObjectResult {
                path: file.rel_path.clone(),
                summary: scan.summary,
            });
            (findings, sups, scan.skipped, object, scan.text_bytes)
        })
        .collect();

    // Sized once: a large scan's findings, moved into a growing vector, would be copied
    // again at each doubling.
    let mut findings: Vec<Finding> = Vec::with_capacity(per_file.iter().map(|p| p.0.len()).sum());
    let mut suppressions = Vec::new();
    let mut skipped = tree.skipped.clone();
    let mut objects = Vec::new();
    let mut scanned = 0usize;
    let mut bytes_scanned = 0u64;
    for (f, s, k, o, b) in per_file {
        findings.extend(f);
        suppressions.extend(s);
        if k.is_empty() || b > 0 {
            scanned += 1;
        }
        skipped.extend(k);
        objects.extend(o);
        bytes_scanned += b;
    }
    objects.sort_by(|a: &ObjectResult, b| a.path.cmp(&b.path));
    skipped.sort_by(|a, b| a.path.cmp(&b.path));

    let target_shown = target.display().to_string();
    Ok(Scanned {
        project,
        target_shown,
        findings,
        suppressions,
        skipped,
        objects,
        scanned,
        bytes_scanned,
        extra: serde_json::Map::new(),
    })
}

fn finish(
    scanned: Scanned,
    args: &DlpArgs,
    global: &GlobalArgs,
    started_at: chrono::DateTime<chrono::Utc>,
) -> Result<Exit> {
    let Scanned {
        project,
        target_shown,
        findings,
        suppressions,
        skipped,
        objects,
        scanned,
        bytes_scanned,
        extra,
    } = scanned;
    let manifest = project.manifest.as_ref();
    let catalog = engines::catalog(&EngineOptions::default())?;
    let config = super::scan::triage_config(manifest, args.fail_on, None);
    let triaged = triage(findings, &suppressions, &catalog, &config)?;

    let mut run = recording::Finished::new(
        "dlp",
        "dlp",
        target_shown,
        &project,
        started_at,
        &["dlp"],
        &triaged,
        &catalog,
    );
    run.git_commit = project::git_commit(&project.root);
    run.skipped = &skipped;
    run.files_scanned = scanned;
    run.bytes_scanned = bytes_scanned;
    let report_sha256 = super::emit_report(&run.report(), &args.output, global)?;
    let format: Format = args.output.format.into();
    if format == Format::Text
        && !args.output.quiet
        && args.output.output.is_none()
        && !objects.is_empty()
    {
        println!("\nsensitive data by object:");
        for o in &objects {
            let parts: Vec<String> = o
                .summary
                .classes
                .iter()
                .map(|(class, s)| format!("{} {} (e.g. {})", s.count, class, s.example))
                .collect();
            println!("  {}: {}", o.path, parts.join(", "));
        }
    }

    run.record(&project, global, report_sha256, || {
        let objects_json: Vec<serde_json::Value> = objects
            .iter()
            .map(|o| serde_json::json!({ "path": o.path, "classes": o.summary.classes }))
            .collect();
        let mut p = serde_json::json!({
            "engines": ["dlp"],
            "finding_rules": recording::finding_rules(&triaged.active),
            "objects": objects_json,
            "files_scanned": scanned,
            "skipped": skipped.len(),
        });
        if let Some(map) = p.as_object_mut() {
            map.extend(extra);
        }
        p
    })?;
    let exit = run.exit();
    drop(run);
    // The process ends with this command: freeing a large scan's findings one by one (about
    // 3% of the CPU time over 1 GB of text) buys nothing the system does not do anyway.
    std::mem::forget(triaged);
    std::mem::forget(catalog);
    Ok(exit)
}
