//! `sunset verify`: check each item of the inventory is gone. A check either proves it
//! (verified), finds what is left (failed, with the rule it breaks), or cannot decide (an
//! error: unreachable, refused); items steward cannot check need a person's attestation.

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::inventory::{Check, Item, ItemKind, Method, dns_name_of};
use super::rules;
use super::takeover;
use crate::cloud::kms::{KeyState, KmsClient};
use crate::cloud::s3::{BucketState, S3Client};
use crate::cloud::{Credentials, ServiceConfig};
use crate::dns;

/// At most this many object versions are listed per bucket; more only makes the report longer.
const MAX_LISTED_VERSIONS: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// steward checked it and it is gone.
    Verified,
    /// A person attested it (steward could not check it).
    Attested,
    /// steward checked it and something is left.
    Failed,
    /// Nobody attested an item steward cannot check.
    Unverified,
    /// The check could not decide.
    Error,
}

impl Status {
    /// Whether the item counts as done for the sunset gate.
    pub fn done(self) -> bool {
        matches!(self, Status::Verified | Status::Attested)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Attested => "attested",
            Status::Failed => "failed",
            Status::Unverified => "unverified",
            Status::Error => "error",
        }
    }
}

/// A person's attestation of an item, as the ledger recorded it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AttestationRef {
    pub record: i64,
    pub by: String,
    pub recorded_at: String,
    pub evidence_sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Something left behind, under the rule it breaks.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Problem {
    pub rule_id: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemResult {
    pub id: String,
    pub kind: ItemKind,
    pub method: Method,
    pub status: Status,
    /// What steward saw, in a sentence.
    pub observed: String,
    /// How it was checked: the tool and the request.
    pub verification_method: String,
    pub problems: Vec<Problem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attestation: Option<AttestationRef>,
}

/// What the checks need besides the items.
pub struct VerifyContext {
    /// DNS resolver for name checks.
    pub resolver: Option<SocketAddr>,
    /// Item id -> its latest attestation.
    pub attestations: BTreeMap<String, AttestationRef>,
    /// Relative data paths are resolved against this directory.
    pub base_dir: PathBuf,
    /// `-o` options for ssh (`IdentityFile=...`) when a data path is `ssh://user@host/path`.
    pub ssh_options: Vec<String>,
    /// Addresses the ledger saw the product served from (a DAST target given by address),
    /// each with where it was seen: released with the product, so a DNS record still
    /// pointing at one is dangling.
    pub seen_addresses: BTreeMap<IpAddr, String>,
}

enum Outcome {
    Gone {
        observed: String,
    },
    Left {
        observed: String,
        problems: Vec<Problem>,
    },
}

struct CheckError(String);

fn problem(rule_id: &str, message: String) -> Problem {
    Problem {
        rule_id: rule_id.to_string(),
        message,
    }
}

/// Check every item.
pub fn verify(items: &[Item], ctx: &VerifyContext) -> Vec<ItemResult> {
    // Buckets, hosts and addresses this sunset releases: a DNS name pointing at one is
    // dangling even while the provider's endpoint still resolves. Databases and data paths
    // are emptied on servers that stay in service, so their hosts are not released.
    let mut released_buckets = BTreeSet::new();
    let mut released_hosts = BTreeSet::new();
    let mut released_addresses = ctx.seen_addresses.clone();
    for it in items {
        if it.retained_until.is_some() {
            continue;
        }
        // A prefix of a shared bucket releases the prefix, not the bucket.
        if it.kind == ItemKind::S3Bucket
            && prefix_of(&it.raw_location).is_empty()
            && let Some(b) = bucket_of(&it.raw_location)
        {
            released_buckets.insert(b.to_string());
        }
        if !matches!(it.kind, ItemKind::Other | ItemKind::DnsName) {
            continue;
        }
        if let Some(h) = url_host(&it.raw_location) {
            released_hosts.insert(h);
        }
        if it.kind == ItemKind::Other
            && let Some(ip) = address_of(&it.raw_location)
        {
            released_addresses
                .entry(ip)
                .or_insert_with(|| format!("`{}` ({})", it.id, it.source));
        }
    }
    let released = Released {
        buckets: released_buckets,
        hosts: released_hosts,
        addresses: released_addresses,
    };
    // Checks wait on the network (timeouts of seconds each), so run a few at once; results
    // keep the inventory's order.
    let workers = items.len().clamp(1, CONCURRENT_CHECKS);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<ItemResult>> = vec![None; items.len()];
    let slots = std::sync::Mutex::new(&mut results);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = verify_one(item, ctx, &released);
                    slots.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
                }
            });
        }
    });
    results.into_iter().flatten().collect()
}

/// How many items are checked at the same time.
const CONCURRENT_CHECKS: usize = 8;

/// What this sunset releases, for the DNS checks.
struct Released {
    buckets: BTreeSet<String>,
    hosts: BTreeSet<String>,
    /// Address -> what it belonged to, for messages.
    addresses: BTreeMap<IpAddr, String>,
}

fn verify_one(item: &Item, ctx: &VerifyContext, released: &Released) -> ItemResult {
    let attestation = ctx.attestations.get(&item.id).cloned();
    let mut result = ItemResult {
        id: item.id.clone(),
        kind: item.kind,
        method: item.method,
        status: Status::Unverified,
        observed: String::new(),
        verification_method: String::new(),
        problems: Vec::new(),
        attestation: attestation.clone(),
    };
    if item.check == Check::Attestation {
        result.verification_method = "attestation (steward sunset attest)".into();
        match &attestation {
            Some(a) => {
                result.status = Status::Attested;
                result.observed = format!(
                    "attested by {} on {} (ledger #{})",
                    a.by, a.recorded_at, a.record
                );
            }
            None => {
                let (rule, what) = if let Some(until) = item.retained_until {
                    (
                        rules::NEEDS_ATTESTATION,
                        format!("retained until {until}: attest where it is archived"),
                    )
                } else if item.kind == ItemKind::Credential {
                    (
                        rules::CREDENTIAL_NOT_REVOKED,
                        format!("{}: not attested as revoked", item.location),
                    )
                } else {
                    (
                        rules::NEEDS_ATTESTATION,
                        format!(
                            "steward cannot check a `{}` item; attest its {}",
                            item.kind.as_str(),
                            item.method.as_str()
                        ),
                    )
                };
                result.observed = what.clone();
                result.problems.push(problem(rule, what));
            }
        }
        return result;
    }
    let (method, outcome) = match item.kind {
        ItemKind::S3Bucket => check_bucket(item),
        ItemKind::KmsKey => check_kms_key(item),
        ItemKind::Postgres => check_postgres(item),
        ItemKind::DataPath if item.raw_location.starts_with("ssh://") => {
            check_remote_path(item, &ctx.ssh_options)
        }
        ItemKind::DataPath => check_data_path(item, &ctx.base_dir),
        ItemKind::DnsName => check_dns(item, ctx.resolver, released),
        ItemKind::Credential | ItemKind::Other => (
            String::new(),
            Err(CheckError("no automatic check for this kind".into())),
        ),
    };
    result.verification_method = method;
    match outcome {
        Ok(Outcome::Gone { observed }) => {
            result.status = Status::Verified;
            result.observed = observed;
        }
        Ok(Outcome::Left { observed, problems }) => {
            // An attestation does not outweigh what steward saw.
            result.status = Status::Failed;
            result.observed = observed;
            result.problems = problems;
        }
        Err(CheckError(e)) => match &attestation {
            Some(a) => {
                result.status = Status::Attested;
                result.observed = format!(
                    "could not check ({e}); attested by {} on {} (ledger #{})",
                    a.by, a.recorded_at, a.record
                );
            }
            None => {
                result.status = Status::Error;
                result.observed = format!("could not check: {e}");
                result.problems.push(problem(
                    rules::CHECK_FAILED,
                    format!("could not check: {e}"),
                ));
            }
        },
    }
    result
}

/// `s3://bucket[/prefix]` -> `bucket`.
pub fn bucket_of(location: &str) -> Option<&str> {
    let rest = location.trim().strip_prefix("s3://")?;
    let b = rest.split('/').next()?;
    (!b.is_empty()).then_some(b)
}

/// `s3://bucket/some/prefix` -> `some/prefix`; empty for the whole bucket.
fn prefix_of(location: &str) -> &str {
    location
        .trim()
        .strip_prefix("s3://")
        .and_then(|r| r.split_once('/'))
        .map_or("", |(_, p)| p)
}

fn url_host(location: &str) -> Option<String> {
    let rest = location.split_once("://")?.1;
    let authority = rest.split(['/', '?']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.split(':').next()?;
    (host.contains('.') && host.parse::<std::net::IpAddr>().is_err())
        .then(|| host.to_ascii_lowercase())
}

/// The IP address a location names, if it names one: `203.0.113.7`, `10.0.0.5:6379`,
/// `[2001:db8::1]:443`, `redis://10.0.0.5:6379/0`, `ssh://ops@10.0.0.5/srv`, or a monitored
/// asset's `redis at redis://10.0.0.5:6379`. Loopback and unspecified addresses are never
/// released to anyone, so they are not returned.
pub fn address_of(location: &str) -> Option<IpAddr> {
    let token = location.split_whitespace().last()?;
    let authority = match token.split_once("://") {
        Some((_, rest)) => rest.split(['/', '?', '#']).next()?,
        None => token.trim_end_matches('/'),
    };
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let ip = if let Some(v6) = host.strip_prefix('[') {
        v6.split(']').next()?.parse::<IpAddr>().ok()?
    } else if let Ok(ip) = host.parse::<IpAddr>() {
        ip
    } else {
        host.rsplit_once(':')?.0.parse::<IpAddr>().ok()?
    };
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn check_bucket(item: &Item) -> (String, Result<Outcome, CheckError>) {
    let config = ServiceConfig::resolve("s3", item.endpoint.as_deref(), item.region.as_deref());
    let method = format!(
        "HeadBucket and ListObjectVersions at {} (steward {})",
        config.endpoint,
        env!("CARGO_PKG_VERSION")
    );
    let run = || -> Result<Outcome, CheckError> {
        let bucket = bucket_of(&item.raw_location).ok_or_else(|| {
            CheckError(format!("location `{}` is not s3://BUCKET", item.location))
        })?;
        let creds = Credentials::from_env().map_err(|e| CheckError(e.to_string()))?;
        let client = S3Client::new(config.clone(), creds);
        let state = client
            .head_bucket(bucket)
            .map_err(|e| CheckError(e.to_string()))?;
        match state {
            BucketState::Absent => {
                return Ok(Outcome::Gone {
                    observed: format!("bucket `{bucket}` does not exist"),
                });
            }
            BucketState::Forbidden => {
                return Err(CheckError(format!(
                    "bucket `{bucket}` exists but these credentials may not list it (403)"
                )));
            }
            BucketState::Present => {}
        }
        // A product that owned only a prefix of a shared bucket answers for that prefix.
        let prefix = prefix_of(&item.raw_location);
        let Some(contents) = client
            .list_versions_paged(bucket, prefix, MAX_LISTED_VERSIONS, 1000)
            .map_err(|e| CheckError(e.to_string()))?
        else {
            return Ok(Outcome::Gone {
                observed: format!("bucket `{bucket}` does not exist"),
            });
        };
        let bucket = if prefix.is_empty() {
            bucket.to_string()
        } else {
            format!("{bucket}/{prefix}")
        };
        let more = if contents.truncated {
            " (at least)"
        } else {
            ""
        };
        let current = contents.current_objects();
        let noncurrent = contents.noncurrent_versions();
        let markers = contents.delete_markers.len();
        if current + noncurrent + markers == 0 {
            return Ok(Outcome::Gone {
                observed: format!(
                    "bucket `{bucket}` exists and is empty: no objects, object versions or delete markers"
                ),
            });
        }
        let example = |entries: &mut dyn Iterator<Item = &crate::cloud::s3::VersionEntry>| {
            entries
                .take(3)
                .map(|v| format!("{} (version {})", v.key, v.version_id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut problems = Vec::new();
        if current > 0 {
            problems.push(problem(
                rules::BUCKET_NOT_EMPTY,
                format!(
                    "bucket `{bucket}` still holds {}{more}, e.g. {}",
                    plural(current, "object", "objects"),
                    example(&mut contents.versions.iter().filter(|v| v.is_latest))
                ),
            ));
        }
        if noncurrent > 0 {
            problems.push(problem(
                rules::OBJECT_VERSIONS_LEFT,
                format!(
                    "bucket `{bucket}` still holds {}{more}, e.g. {}",
                    plural(
                        noncurrent,
                        "noncurrent object version",
                        "noncurrent object versions"
                    ),
                    example(&mut contents.versions.iter().filter(|v| !v.is_latest))
                ),
            ));
        }
        if markers > 0 {
            problems.push(problem(
                rules::DELETE_MARKERS_LEFT,
                format!(
                    "bucket `{bucket}` still holds {}{more}, e.g. {}",
                    plural(markers, "delete marker", "delete markers"),
                    example(&mut contents.delete_markers.iter())
                ),
            ));
        }
        Ok(Outcome::Left {
            observed: format!(
                "bucket `{bucket}`: {}, {}, {}{more}",
                plural(current, "object", "objects"),
                plural(noncurrent, "noncurrent version", "noncurrent versions"),
                plural(markers, "delete marker", "delete markers")
            ),
            problems,
        })
    };
    (method, run())
}

/// `kms://ID`, `arn:aws:kms:REGION:ACCOUNT:key/ID` (or alias) or a bare key id; with the
/// region an ARN names.
fn kms_key_of(location: &str) -> (String, Option<String>) {
    let l = location.trim();
    if let Some(id) = l.strip_prefix("kms://") {
        return (id.trim_end_matches('/').to_string(), None);
    }
    if l.starts_with("arn:") {
        let region = l
            .split(':')
            .nth(3)
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        return (l.to_string(), region);
    }
    (l.to_string(), None)
}

fn check_kms_key(item: &Item) -> (String, Result<Outcome, CheckError>) {
    let (key_id, arn_region) = kms_key_of(&item.raw_location);
    let region = item.region.clone().or(arn_region);
    let config = ServiceConfig::resolve("kms", item.endpoint.as_deref(), region.as_deref());
    let method = format!(
        "KMS DescribeKey at {} (steward {})",
        config.endpoint,
        env!("CARGO_PKG_VERSION")
    );
    let run = || -> Result<Outcome, CheckError> {
        if key_id.is_empty() {
            return Err(CheckError("no key id in the location".into()));
        }
        let creds = Credentials::from_env().map_err(|e| CheckError(e.to_string()))?;
        let client = KmsClient::new(config.clone(), creds);
        match client
            .describe_key(&key_id)
            .map_err(|e| CheckError(e.to_string()))?
        {
            KeyState::Absent => Ok(Outcome::Gone {
                observed: format!("key `{key_id}` does not exist"),
            }),
            KeyState::Present {
                arn,
                state,
                deletion_date,
            } => match state.as_str() {
                "PendingDeletion" | "PendingReplicaDeletion" => Ok(Outcome::Gone {
                    observed: format!(
                        "key {arn} is {state}{}",
                        deletion_date
                            .map(|d| format!(", to be deleted on {d}"))
                            .unwrap_or_default()
                    ),
                }),
                "Disabled" => Ok(Outcome::Gone {
                    observed: format!(
                        "key {arn} is Disabled (schedule its deletion to finish the crypto-erase)"
                    ),
                }),
                "Enabled" => Ok(Outcome::Left {
                    observed: format!("key {arn} is Enabled"),
                    problems: vec![problem(
                        rules::KMS_KEY_ENABLED,
                        format!(
                            "key {arn} is still Enabled: data encrypted under it stays readable"
                        ),
                    )],
                }),
                other => Err(CheckError(format!("key {arn} is in state {other}"))),
            },
        }
    };
    (method, run())
}

fn check_postgres(item: &Item) -> (String, Result<Outcome, CheckError>) {
    let method = format!(
        "PostgreSQL login to {}{} (steward {})",
        item.location,
        if item.tables.is_empty() {
            String::new()
        } else {
            format!(" and to_regclass() of {}", item.tables.join(", "))
        },
        env!("CARGO_PKG_VERSION")
    );
    let run = || -> Result<Outcome, CheckError> {
        let mut config: postgres::Config = item
            .raw_location
            .parse()
            .map_err(|e| CheckError(format!("location is not a PostgreSQL URL: {e}")))?;
        config
            .connect_timeout(crate::exposure::TIMEOUT)
            .application_name("steward-sunset");
        let db = config.get_dbname().unwrap_or("").to_string();
        let mut client = match config.connect(postgres::NoTls) {
            Ok(c) => c,
            Err(e) => {
                if e.code() == Some(&postgres::error::SqlState::INVALID_CATALOG_NAME) {
                    return Ok(Outcome::Gone {
                        observed: format!("database `{db}` does not exist on the server"),
                    });
                }
                return Err(CheckError(format!(
                    "cannot log in: {}",
                    steward_core::redact_url(&e.to_string())
                )));
            }
        };
        if item.tables.is_empty() {
            let tables: i64 = client
                .query_one(
                    "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
                    &[],
                )
                .map(|r| r.get(0))
                .map_err(|e| CheckError(format!("counting tables: {e}")))?;
            return Ok(Outcome::Left {
                observed: format!(
                    "database `{db}` exists ({} in it)",
                    plural(tables as usize, "table", "tables")
                ),
                problems: vec![problem(
                    rules::DATABASE_PRESENT,
                    format!(
                        "database `{db}` still exists with {}",
                        plural(tables as usize, "table", "tables")
                    ),
                )],
            });
        }
        let mut present = Vec::new();
        for t in &item.tables {
            let found: Option<String> = client
                .query_one("SELECT to_regclass($1)::text", &[t])
                .map(|r| r.get(0))
                .map_err(|e| CheckError(format!("looking up table {t}: {e}")))?;
            if found.is_some() {
                present.push(t.clone());
            }
        }
        if present.is_empty() {
            Ok(Outcome::Gone {
                observed: format!(
                    "none of the tables {} exists in `{db}`",
                    item.tables.join(", ")
                ),
            })
        } else {
            Ok(Outcome::Left {
                observed: format!("tables still in `{db}`: {}", present.join(", ")),
                problems: vec![problem(
                    rules::DATABASE_PRESENT,
                    format!("tables still in database `{db}`: {}", present.join(", ")),
                )],
            })
        }
    };
    (method, run())
}

fn local_path(location: &str, base: &Path) -> PathBuf {
    let l = location.trim();
    let l = l.strip_prefix("file://").unwrap_or(l);
    // DLP names a member of an archive as `archive.zip!member`: the archive is the data.
    let l = l.split('!').next().unwrap_or(l);
    let p = Path::new(l);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    }
}

fn check_data_path(item: &Item, base: &Path) -> (String, Result<Outcome, CheckError>) {
    let path = local_path(&item.raw_location, base);
    let method = format!(
        "file system inspection of {} (steward {})",
        path.display(),
        env!("CARGO_PKG_VERSION")
    );
    let run = || -> Result<Outcome, CheckError> {
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Outcome::Gone {
                    observed: format!("{} does not exist", path.display()),
                });
            }
            Err(e) => return Err(CheckError(format!("{}: {e}", path.display()))),
        };
        if !meta.is_dir() {
            return Ok(Outcome::Left {
                observed: format!("{} exists ({} bytes)", path.display(), meta.len()),
                problems: vec![problem(
                    rules::DATA_PATH_NOT_WIPED,
                    format!("{} still exists ({} bytes)", path.display(), meta.len()),
                )],
            });
        }
        let mut files = 0usize;
        let mut bytes = 0u64;
        let mut example = None;
        let mut stack = vec![path.clone()];
        while let Some(dir) = stack.pop() {
            let entries = std::fs::read_dir(&dir)
                .map_err(|e| CheckError(format!("{}: {e}", dir.display())))?;
            for entry in entries.flatten() {
                let Ok(m) = entry.metadata() else { continue };
                if m.is_dir() {
                    stack.push(entry.path());
                } else {
                    files += 1;
                    bytes += m.len();
                    if example.is_none() {
                        example = Some(entry.path().display().to_string());
                    }
                }
            }
            if files > 100_000 {
                break;
            }
        }
        if files == 0 {
            return Ok(Outcome::Gone {
                observed: format!("{} is an empty directory", path.display()),
            });
        }
        Ok(Outcome::Left {
            observed: format!(
                "{} holds {} ({bytes} bytes)",
                path.display(),
                plural(files, "file", "files")
            ),
            problems: vec![problem(
                rules::DATA_PATH_NOT_WIPED,
                format!(
                    "{} still holds {} ({bytes} bytes), e.g. {}",
                    path.display(),
                    plural(files, "file", "files"),
                    example.unwrap_or_default()
                ),
            )],
        })
    };
    (method, run())
}

/// `ssh://[user@]host[:port]/path` -> (`user@host`, port, `/path`).
fn ssh_location(location: &str) -> Option<(String, Option<u16>, String)> {
    let rest = location.strip_prefix("ssh://")?;
    let slash = rest.find('/')?;
    let (authority, path) = rest.split_at(slash);
    let (dest, port) = match authority.rsplit_once(':') {
        Some((d, p)) if !d.ends_with(']') || p.parse::<u16>().is_ok() => (d, Some(p.parse().ok()?)),
        _ => (authority, None),
    };
    if dest.is_empty() || dest.starts_with('-') || path.len() < 2 {
        return None;
    }
    Some((dest.to_string(), port, path.to_string()))
}

/// A data path on another host, read over SSH with the system ssh client (the same reader
/// `steward controls verify --ssh` uses).
fn check_remote_path(item: &Item, ssh_options: &[String]) -> (String, Result<Outcome, CheckError>) {
    use crate::controls::reader::{FileKind, SshReader, StateReader};
    let Some((dest, port, path)) = ssh_location(&item.raw_location) else {
        return (
            String::new(),
            Err(CheckError(format!(
                "location `{}` is not ssh://[user@]host[:port]/absolute/path",
                item.location
            ))),
        );
    };
    let method = format!(
        "file system inspection of {path} on {dest} over ssh (steward {})",
        env!("CARGO_PKG_VERSION")
    );
    let run = || -> Result<Outcome, CheckError> {
        let mut options = ssh_options.to_vec();
        if let Some(p) = port {
            options.push(format!("Port={p}"));
        }
        let reader = SshReader::connect(&dest, &options).map_err(|e| CheckError(e.to_string()))?;
        let err = |e: crate::controls::reader::ReadError| CheckError(e.to_string());
        let Some(meta) = reader.lstat(&path).map_err(err)? else {
            return Ok(Outcome::Gone {
                observed: format!("{path} does not exist on {dest}"),
            });
        };
        if meta.kind != FileKind::Dir {
            return Ok(Outcome::Left {
                observed: format!("{path} exists on {dest} ({} bytes)", meta.size),
                problems: vec![problem(
                    rules::DATA_PATH_NOT_WIPED,
                    format!("{path} still exists on {dest} ({} bytes)", meta.size),
                )],
            });
        }
        let mut files = 0usize;
        let mut example = None;
        let mut stack = vec![path.trim_end_matches('/').to_string()];
        let mut dirs_listed = 0;
        while let Some(dir) = stack.pop() {
            dirs_listed += 1;
            if dirs_listed > 500 {
                break;
            }
            for (name, kind) in reader.list(&dir).map_err(err)?.unwrap_or_default() {
                let p = format!("{dir}/{name}");
                if kind == FileKind::Dir {
                    stack.push(p);
                } else {
                    files += 1;
                    example.get_or_insert(p);
                }
            }
        }
        if files == 0 {
            return Ok(Outcome::Gone {
                observed: format!("{path} on {dest} is an empty directory"),
            });
        }
        Ok(Outcome::Left {
            observed: format!("{path} on {dest} holds {}", plural(files, "file", "files")),
            problems: vec![problem(
                rules::DATA_PATH_NOT_WIPED,
                format!(
                    "{path} on {dest} still holds {}, e.g. {}",
                    plural(files, "file", "files"),
                    example.unwrap_or_default()
                ),
            )],
        })
    };
    (method, run())
}

fn check_dns(
    item: &Item,
    resolver: Option<SocketAddr>,
    released: &Released,
) -> (String, Result<Outcome, CheckError>) {
    let name = dns::normalize(dns_name_of(&item.raw_location));
    let resolver = match resolver.map(Ok).unwrap_or_else(dns::system_resolver) {
        Ok(r) => r,
        Err(e) => return (String::new(), Err(CheckError(e.to_string()))),
    };
    let method = format!(
        "DNS A/AAAA/CNAME queries to {resolver} (steward {})",
        env!("CARGO_PKG_VERSION")
    );
    let run = || -> Result<Outcome, CheckError> {
        let r = dns::resolve(resolver, &name).map_err(|e| CheckError(e.to_string()))?;
        if !r.exists {
            return Ok(Outcome::Gone {
                observed: format!("{name} does not exist (NXDOMAIN)"),
            });
        }
        let addrs = r
            .addresses
            .iter()
            .map(|a| a.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let chain = if r.chain.is_empty() {
            String::new()
        } else {
            format!(" -> {}", r.chain.join(" -> "))
        };
        let fingerprints = takeover::fingerprints();
        let provider = r
            .chain
            .iter()
            .find_map(|hop| takeover::match_target(&fingerprints, hop));
        let last = r.chain.last().cloned().unwrap_or_default();
        let mut http_note: Option<String> = None;
        let dangling = if r.target_missing {
            Some(match &provider {
                Some(p) => format!(
                    "{name} is a CNAME to {last} ({}), which does not exist: {}",
                    p.provider, p.claimable
                ),
                None => format!(
                    "{name} is a CNAME to {last}, which does not exist: whoever registers it controls {name}"
                ),
            })
        } else if let Some(p) = provider
            .as_ref()
            .filter(|p| p.resource == "bucket" && released.buckets.contains(&p.resource_name))
        {
            Some(format!(
                "{name} is a CNAME to {last} ({}), the bucket `{}` this sunset releases: {}",
                p.provider, p.resource_name, p.claimable
            ))
        } else if let Some(hop) = r.chain.iter().find(|hop| released.hosts.contains(*hop)) {
            Some(format!(
                "{name} is a CNAME to {hop}, a host this sunset releases"
            ))
        } else if let (Some(p), Some(addr)) = (&provider, r.addresses.first()) {
            // Providers answer for every name under their domain (S3, GitHub Pages, Heroku
            // resolve whatever the bucket or app), so the name resolving proves nothing: ask
            // the provider, and read its "no such bucket / site / app" page.
            let at = std::net::SocketAddr::new(*addr, 80);
            match takeover::http_fingerprint(at, &name, &p.http_fingerprints) {
                Ok(Some(fp)) => Some(format!(
                    "{name} is a CNAME to {last} ({}), which answers \"{fp}\": the {} no longer exists; {}",
                    p.provider, p.resource, p.claimable
                )),
                Ok(None) => None,
                Err(e) => {
                    http_note = Some(format!(" (the provider's page could not be read: {e})"));
                    None
                }
            }
        } else {
            None
        };
        if let Some(message) = dangling {
            return Ok(Outcome::Left {
                observed: format!("{name}{chain} (dangling)"),
                problems: vec![problem(rules::DANGLING_CNAME, message)],
            });
        }
        if let Some((ip, owner)) = r
            .addresses
            .iter()
            .find_map(|a| released.addresses.get(a).map(|o| (a, o)))
        {
            return Ok(Outcome::Left {
                observed: format!("{name}{chain} = {ip} (dangling)"),
                problems: vec![problem(
                    rules::DANGLING_ADDRESS,
                    format!(
                        "{name}{chain} resolves to {ip}, the address of {owner}, which this sunset releases: \
                         once the provider gives the address to another customer, they serve {name}"
                    ),
                )],
            });
        }
        let shown = if addrs.is_empty() {
            format!("{name}{chain}")
        } else {
            format!("{name}{chain} = {addrs}")
        };
        let shown = format!("{shown}{}", http_note.unwrap_or_default());
        Ok(Outcome::Left {
            observed: format!("{shown} still resolves"),
            problems: vec![problem(
                rules::DNS_NOT_RELEASED,
                format!("{shown} still resolves: the name was not released"),
            )],
        })
    };
    (method, run())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_in_locations() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(address_of("203.0.113.7"), Some(ip("203.0.113.7")));
        assert_eq!(address_of("10.0.0.5:6379"), Some(ip("10.0.0.5")));
        assert_eq!(
            address_of("redis at redis://10.0.0.5:6379/0"),
            Some(ip("10.0.0.5"))
        );
        assert_eq!(
            address_of("ssh://ops@192.0.2.4/srv/data"),
            Some(ip("192.0.2.4"))
        );
        assert_eq!(
            address_of("https://[2001:db8::7]:8443/app"),
            Some(ip("2001:db8::7"))
        );
        assert_eq!(address_of("2001:db8::9"), Some(ip("2001:db8::9")));
        assert_eq!(address_of("http://127.0.0.1:8080/"), None);
        assert_eq!(address_of("https://shop.example.com/"), None);
        assert_eq!(address_of("vault://shop/api-token"), None);
    }

    #[test]
    fn locations_parse() {
        assert_eq!(bucket_of("s3://acme/x/y"), Some("acme"));
        assert_eq!(bucket_of("s3://"), None);
        assert_eq!(prefix_of("s3://acme/x/y"), "x/y");
        assert_eq!(prefix_of("s3://acme"), "");
        assert_eq!(
            kms_key_of("arn:aws:kms:eu-west-1:111122223333:key/abcd"),
            (
                "arn:aws:kms:eu-west-1:111122223333:key/abcd".to_string(),
                Some("eu-west-1".to_string())
            )
        );
        assert_eq!(kms_key_of("kms://abcd"), ("abcd".to_string(), None));
        assert_eq!(
            local_path("file:///srv/x.zip!inner.csv", Path::new("/p")),
            PathBuf::from("/srv/x.zip")
        );
        assert_eq!(
            local_path("data/x", Path::new("/p")),
            PathBuf::from("/p/data/x")
        );
        assert_eq!(
            url_host("postgres://u:p@db.acme.io:5432/x").as_deref(),
            Some("db.acme.io")
        );
        assert_eq!(
            ssh_location("ssh://ops@db-1:2222/srv/data"),
            Some(("ops@db-1".to_string(), Some(2222), "/srv/data".to_string()))
        );
        assert_eq!(
            ssh_location("ssh://db-1/srv"),
            Some(("db-1".to_string(), None, "/srv".to_string()))
        );
        assert_eq!(ssh_location("ssh://db-1"), None);
        assert_eq!(ssh_location("ssh://-oProxyCommand=x/srv"), None);
    }
}
