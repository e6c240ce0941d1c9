//! The decommission inventory: each item the product owns or was seen to use, with its owner,
//! how it is to be disposed of, and how its disposal is proven.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use steward_core::manifest::{ComponentKind, DataClass, Manifest};

/// What an item is, which decides how steward checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    S3Bucket,
    Postgres,
    KmsKey,
    DataPath,
    DnsName,
    Credential,
    /// Anything steward cannot check: a person attests it.
    Other,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::S3Bucket => "s3-bucket",
            ItemKind::Postgres => "postgres",
            ItemKind::KmsKey => "kms-key",
            ItemKind::DataPath => "data-path",
            ItemKind::DnsName => "dns-name",
            ItemKind::Credential => "credential",
            ItemKind::Other => "other",
        }
    }

    /// The kind of an `[[asset]] kind` string.
    pub fn of_asset(kind: &str) -> ItemKind {
        match kind.to_ascii_lowercase().as_str() {
            "s3-bucket" | "s3" | "bucket" => ItemKind::S3Bucket,
            "postgres" | "postgresql" => ItemKind::Postgres,
            "kms-key" | "kms" => ItemKind::KmsKey,
            "file" | "path" | "directory" | "data-path" | "volume" => ItemKind::DataPath,
            "dns" | "dns-name" | "domain" | "hostname" => ItemKind::DnsName,
            "credential" | "secret" | "api-key" => ItemKind::Credential,
            _ => ItemKind::Other,
        }
    }
}

/// How an item is disposed of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    Delete,
    PurgeVersions,
    Drop,
    Wipe,
    CryptoErase,
    Destroy,
    Revoke,
    ReleaseDns,
    Archive,
}

/// NIST SP 800-88's categories of sanitization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Clear,
    Purge,
    Destroy,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Delete => "delete",
            Method::PurgeVersions => "purge-versions",
            Method::Drop => "drop",
            Method::Wipe => "wipe",
            Method::CryptoErase => "crypto-erase",
            Method::Destroy => "destroy",
            Method::Revoke => "revoke",
            Method::ReleaseDns => "release-dns",
            Method::Archive => "archive",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        Some(match s {
            "delete" => Method::Delete,
            "purge-versions" => Method::PurgeVersions,
            "drop" => Method::Drop,
            "wipe" => Method::Wipe,
            "crypto-erase" => Method::CryptoErase,
            "destroy" => Method::Destroy,
            "revoke" => Method::Revoke,
            "release-dns" => Method::ReleaseDns,
            "archive" => Method::Archive,
            _ => return None,
        })
    }

    /// What to do, in a checklist's words.
    pub fn describe(self) -> &'static str {
        match self {
            Method::Delete => "delete it",
            Method::PurgeVersions => {
                "delete every object version and delete marker, then the bucket"
            }
            Method::Drop => "drop the database (or its tables) and its backups",
            Method::Wipe => "wipe the data path",
            Method::CryptoErase => {
                "disable the key and schedule its deletion, so every copy encrypted under it is unreadable"
            }
            Method::Destroy => "physically destroy the media",
            Method::Revoke => "revoke the credential at its issuer",
            Method::ReleaseDns => "delete the DNS record (before releasing what it points at)",
            Method::Archive => "archive it (until its retention ends, if one is declared)",
        }
    }

    /// The NIST SP 800-88 category, for methods that sanitize data.
    pub fn category(self) -> Option<Category> {
        match self {
            Method::Delete | Method::PurgeVersions | Method::Drop | Method::Wipe => {
                Some(Category::Clear)
            }
            Method::CryptoErase => Some(Category::Purge),
            Method::Destroy => Some(Category::Destroy),
            Method::Revoke | Method::ReleaseDns | Method::Archive => None,
        }
    }
}

/// How an item's disposal is proven.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// steward checks it (`steward sunset verify`).
    Automatic,
    /// A person attests it (`steward sunset attest`).
    Attestation,
}

/// One line of the decommission checklist.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    /// Where it is, with any password masked.
    pub location: String,
    pub owner: String,
    pub method: Method,
    /// The method archive resolves to once retention ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_retention: Option<Method>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retained_until: Option<NaiveDate>,
    pub holds: Vec<DataClass>,
    pub check: Check,
    /// Where steward learnt of it: `steward.toml asset[2]`, `ledger #14 (scan of .)`.
    pub source: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The location as written (a password included), for the checks; never printed.
    #[serde(skip)]
    pub raw_location: String,
    #[serde(skip)]
    pub endpoint: Option<String>,
    #[serde(skip)]
    pub region: Option<String>,
    #[serde(skip)]
    pub tables: Vec<String>,
}

/// Something the ledger saw the product use.
#[derive(Debug, Clone)]
pub enum Sighting {
    /// A scan found `count` credentials of rule `rule_id` in `target`.
    Credential {
        rule_id: String,
        target: String,
        count: u64,
        record: i64,
        date: NaiveDate,
    },
    /// DLP found data of these classes in `path`.
    DataObject {
        path: String,
        classes: Vec<String>,
        record: i64,
    },
    /// A URL the product served (a DAST target): its host name is the product's.
    Url { url: String, record: i64 },
    /// A source tree scans recorded an SBOM of: its code, pipelines and artefacts are to be
    /// archived (or deleted) with the product.
    Repository {
        target: String,
        components: usize,
        record: i64,
    },
    /// An asset a monitor run probed.
    MonitoredAsset {
        id: String,
        kind: String,
        location: String,
        record: i64,
    },
}

/// An error in the manifest's sunset fields.
#[derive(Debug, Clone, thiserror::Error)]
#[error("asset `{asset}`: {message}")]
pub struct InventoryError {
    pub asset: String,
    pub message: String,
}

/// `7y`, `18m`, `90d`, `2w` after `from`.
pub fn retention_end(period: &str, from: NaiveDate) -> Option<NaiveDate> {
    let p = period.trim();
    let (n, unit) = p.split_at(p.find(|c: char| !c.is_ascii_digit())?);
    let n: u32 = n.parse().ok()?;
    match unit.trim() {
        "y" | "year" | "years" => from.checked_add_months(Months::new(n.checked_mul(12)?)),
        "m" | "month" | "months" => from.checked_add_months(Months::new(n)),
        "w" | "week" | "weeks" => from.checked_add_days(chrono::Days::new(u64::from(n) * 7)),
        "d" | "day" | "days" => from.checked_add_days(chrono::Days::new(u64::from(n))),
        _ => None,
    }
}

fn default_method(kind: ItemKind) -> Method {
    match kind {
        ItemKind::S3Bucket => Method::PurgeVersions,
        ItemKind::Postgres => Method::Drop,
        ItemKind::KmsKey => Method::CryptoErase,
        ItemKind::DataPath => Method::Wipe,
        ItemKind::DnsName => Method::ReleaseDns,
        ItemKind::Credential => Method::Revoke,
        ItemKind::Other => Method::Delete,
    }
}

fn check_for(kind: ItemKind) -> Check {
    match kind {
        ItemKind::Credential | ItemKind::Other => Check::Attestation,
        _ => Check::Automatic,
    }
}

/// The host name of a URL, if it is a DNS name (not an IP literal, not localhost).
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.starts_with('[') {
        return None;
    }
    let host = host.split(':').next()?.to_ascii_lowercase();
    if host.is_empty()
        || host == "localhost"
        || host.ends_with(".localhost")
        || host.parse::<std::net::IpAddr>().is_ok()
        || !host.contains('.')
    {
        return None;
    }
    Some(host)
}

/// Build the checklist: the manifest's assets, its components no asset locates, and what the
/// ledger saw. `today` is the day retention periods without a start count from.
pub fn build_inventory(
    manifest: &Manifest,
    sightings: &[Sighting],
    today: NaiveDate,
) -> Result<Vec<Item>, InventoryError> {
    let product_owner = manifest
        .product
        .owner
        .clone()
        .unwrap_or_else(|| "unassigned".into());
    let mut items: Vec<Item> = Vec::new();
    for (i, a) in manifest.assets.iter().enumerate() {
        let id = a.id.get_ref().clone();
        let err = |message: String| InventoryError {
            asset: id.clone(),
            message,
        };
        let kind = ItemKind::of_asset(&a.kind);
        let declared = a
            .method
            .as_deref()
            .map(|m| Method::parse(m).ok_or_else(|| err(format!("unknown method `{m}`"))))
            .transpose()?;
        let mut method = declared.unwrap_or_else(|| default_method(kind));
        let mut notes = Vec::new();
        let mut retained_until = None;
        let mut after_retention = None;
        if let Some(period) = &a.retention {
            let from = match &a.retention_from {
                Some(d) => NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
                    err(format!(
                        "retention_from `{d}` is not a date; write it as YYYY-MM-DD"
                    ))
                })?,
                None => {
                    notes.push(format!(
                        "retention counted from {today} (set retention_from to the day it started)"
                    ));
                    today
                }
            };
            let until = retention_end(period, from).ok_or_else(|| {
                err(format!(
                    "retention `{period}` is not a period; write it as 7y, 18m, 90d or 2w"
                ))
            })?;
            if until > today {
                retained_until = Some(until);
                after_retention = Some(if method == Method::Archive {
                    default_method(kind)
                } else {
                    method
                });
                method = Method::Archive;
            } else {
                notes.push(format!("retention ({period}) ended on {until}"));
            }
        }
        let check = if retained_until.is_some() || method == Method::Destroy {
            Check::Attestation
        } else {
            check_for(kind)
        };
        items.push(Item {
            id,
            kind,
            location: steward_core::redact_url(&a.location),
            owner: a.owner.clone().unwrap_or_else(|| product_owner.clone()),
            method,
            after_retention,
            retained_until,
            holds: a.holds.clone(),
            check,
            source: format!("steward.toml asset[{i}]"),
            notes,
            raw_location: a.location.clone(),
            endpoint: a.endpoint.clone(),
            region: a.region.clone(),
            tables: a.tables.clone(),
        });
    }

    // Components that hold data but that no asset locates: accounted for by a person.
    for c in &manifest.components {
        let id = c.id.get_ref();
        if items.iter().any(|it| &it.id == id) {
            continue;
        }
        let kind_word = match c.kind {
            ComponentKind::Database => "database",
            ComponentKind::Bucket => "bucket",
            ComponentKind::Queue => "queue",
            ComponentKind::Cache => "cache",
            ComponentKind::Host => "host",
            _ => continue,
        };
        items.push(Item {
            id: id.clone(),
            kind: ItemKind::Other,
            location: format!("component ({kind_word}{})", c.tech.as_deref().map(|t| format!(", {t}")).unwrap_or_default()),
            owner: product_owner.clone(),
            method: Method::Delete,
            after_retention: None,
            retained_until: None,
            holds: c.holds.clone(),
            check: Check::Attestation,
            source: "steward.toml component".into(),
            notes: vec![format!(
                "no [[asset]] gives this {kind_word}'s location; add one (id = \"{id}\") so steward can check it, or attest its destruction"
            )],
            raw_location: String::new(),
            endpoint: None,
            region: None,
            tables: Vec::new(),
        });
    }

    let plain = |id: String, kind: ItemKind, location: String, source: String| Item {
        id,
        kind,
        location: location.clone(),
        owner: product_owner.clone(),
        method: default_method(kind),
        after_retention: None,
        retained_until: None,
        holds: Vec::new(),
        check: check_for(kind),
        source,
        notes: Vec::new(),
        raw_location: location,
        endpoint: None,
        region: None,
        tables: Vec::new(),
    };
    for s in sightings {
        match s {
            Sighting::Credential {
                rule_id,
                target,
                count,
                record,
                date,
            } => {
                let id = format!("credential:{rule_id}@{target}");
                if let Some(existing) = items.iter_mut().find(|it| it.id == id) {
                    existing
                        .notes
                        .push(format!("also found by ledger #{record} ({date})"));
                    continue;
                }
                let mut item = plain(
                    id,
                    ItemKind::Credential,
                    format!("{count} × {rule_id} in {target}"),
                    format!("ledger #{record} (scan of {target}, {date})"),
                );
                item.holds = vec![DataClass::Credentials];
                items.push(item);
            }
            Sighting::DataObject {
                path,
                classes,
                record,
            } => {
                let id = format!("data:{path}");
                if items.iter().any(|it| {
                    it.id == id
                        || (it.kind == ItemKind::DataPath && path.starts_with(&it.raw_location))
                }) {
                    continue;
                }
                let mut item = plain(
                    id,
                    ItemKind::DataPath,
                    path.clone(),
                    format!("ledger #{record} (dlp)"),
                );
                item.notes.push(format!(
                    "sensitive data found there: {}",
                    classes.join(", ")
                ));
                items.push(item);
            }
            Sighting::Url { url, record } => {
                let Some(host) = url_host(url) else { continue };
                let declared = items.iter().any(|it| {
                    it.kind == ItemKind::DnsName
                        && crate::dns::normalize(dns_name_of(&it.raw_location)) == host
                });
                let id = format!("dns:{host}");
                if declared || items.iter().any(|it| it.id == id) {
                    continue;
                }
                items.push(plain(
                    id,
                    ItemKind::DnsName,
                    host,
                    format!("ledger #{record} (dast {url})"),
                ));
            }
            Sighting::Repository {
                target,
                components,
                record,
            } => {
                let id = format!("repository:{target}");
                if let Some(existing) = items.iter_mut().find(|it| it.id == id) {
                    existing.source = format!("ledger #{record} (scan of {target})");
                    continue;
                }
                let mut item = plain(
                    id,
                    ItemKind::Other,
                    target.clone(),
                    format!("ledger #{record} (scan of {target})"),
                );
                item.method = Method::Archive;
                item.notes.push(format!(
                    "{components} component(s) in its latest SBOM; archive or delete the repository, its CI secrets and build artefacts"
                ));
                items.push(item);
            }
            Sighting::MonitoredAsset {
                id,
                kind,
                location,
                record,
            } => {
                if items.iter().any(|it| &it.id == id) {
                    continue;
                }
                let mut item = plain(
                    id.clone(),
                    ItemKind::Other,
                    format!("{kind} at {location}"),
                    format!("ledger #{record} (monitor)"),
                );
                item.notes.push(
                    "monitored earlier but no longer declared in steward.toml; attest its destruction".into(),
                );
                items.push(item);
            }
        }
    }
    Ok(items)
}

/// The DNS name of a `dns:` / `dns://` location or a bare name.
pub fn dns_name_of(location: &str) -> &str {
    let l = location.trim();
    let l = l
        .strip_prefix("dns://")
        .or_else(|| l.strip_prefix("dns:"))
        .unwrap_or(l);
    l.trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(extra: &str) -> Manifest {
        Manifest::parse(
            "steward.toml",
            &format!(
                "[product]\nname = \"shop\"\nowner = \"team-a\"\nphase = \"sunset\"\n[data]\nclasses = [\"pii\"]\n{extra}"
            ),
        )
        .unwrap()
    }

    #[test]
    fn retention_periods() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(retention_end("1y", d), NaiveDate::from_ymd_opt(2025, 2, 28));
        assert_eq!(
            retention_end("90d", d),
            NaiveDate::from_ymd_opt(2024, 5, 29)
        );
        assert_eq!(retention_end("2w", d), NaiveDate::from_ymd_opt(2024, 3, 14));
        assert_eq!(retention_end("seven years", d), None);
        assert_eq!(retention_end("7", d), None);
    }

    #[test]
    fn assets_become_items_with_methods_owners_and_retention() {
        let m = manifest(
            r#"
[[asset]]
id = "receipts"
kind = "s3-bucket"
location = "s3://acme-receipts"
holds = ["pii"]
retention = "7y"
retention_from = "2024-01-01"

[[asset]]
id = "ledger-db"
kind = "postgres"
location = "postgres://app:pw@db:5432/ledger"
owner = "dba-team"

[[asset]]
id = "tape"
kind = "backup-tape"
location = "vault 3"
method = "destroy"
"#,
        );
        let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let items = build_inventory(&m, &[], today).unwrap();
        assert_eq!(items[0].method, Method::Archive);
        assert_eq!(items[0].retained_until, NaiveDate::from_ymd_opt(2031, 1, 1));
        assert_eq!(items[0].after_retention, Some(Method::PurgeVersions));
        assert_eq!(items[0].check, Check::Attestation);
        assert_eq!(items[0].owner, "team-a");
        assert_eq!(items[1].owner, "dba-team");
        assert_eq!(items[1].method, Method::Drop);
        assert_eq!(items[1].location, "postgres://app:***@db:5432/ledger");
        assert_eq!(items[2].method, Method::Destroy);
        assert_eq!(items[2].method.category(), Some(Category::Destroy));
        // After the retention ends, the bucket is to be destroyed and checked.
        let later = NaiveDate::from_ymd_opt(2031, 1, 2).unwrap();
        let items = build_inventory(&m, &[], later).unwrap();
        assert_eq!(items[0].method, Method::PurgeVersions);
        assert_eq!(items[0].check, Check::Automatic);
    }

    #[test]
    fn ledger_sightings_add_credentials_data_and_names() {
        let m = manifest("");
        let date = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let sightings = vec![
            Sighting::Credential {
                rule_id: "secrets/aws-access-key".into(),
                target: ".".into(),
                count: 2,
                record: 4,
                date,
            },
            Sighting::Credential {
                rule_id: "secrets/aws-access-key".into(),
                target: ".".into(),
                count: 1,
                record: 9,
                date,
            },
            Sighting::Url {
                url: "https://shop.example.com/login".into(),
                record: 7,
            },
            Sighting::Url {
                url: "http://127.0.0.1:8080/".into(),
                record: 8,
            },
        ];
        let items = build_inventory(&m, &sightings, date).unwrap();
        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!(items[0].id, "credential:secrets/aws-access-key@.");
        assert_eq!(items[0].method, Method::Revoke);
        assert_eq!(items[0].check, Check::Attestation);
        assert_eq!(items[1].id, "dns:shop.example.com");
        assert_eq!(items[1].method, Method::ReleaseDns);
    }

    #[test]
    fn bad_retention_names_the_asset() {
        let m = manifest(
            "[[asset]]\nid = \"x\"\nkind = \"s3-bucket\"\nlocation = \"s3://x\"\nretention = \"forever\"\n",
        );
        let e = build_inventory(&m, &[], NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap_err();
        assert_eq!(e.asset, "x");
        assert!(e.message.contains("7y"), "{e}");
    }
}
