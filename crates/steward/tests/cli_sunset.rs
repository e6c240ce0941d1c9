//! `steward sunset` through the real binary, against real services started for the test on
//! 127.0.0.1: moto (S3 with versioned objects and delete markers, KMS keys), PostgreSQL
//! (STEWARD_TEST_POSTGRES), and a stub DNS server written here that answers from a zone file.
//! Without moto or PostgreSQL a test is skipped with a message; under CI it fails instead.

use std::collections::BTreeMap;
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use assert_cmd::Command;

mod common;
use common::{Moto, free_port, required};

fn steward(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env_remove("STEWARD_DNS_RESOLVER")
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_SESSION_TOKEN")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

fn write(dir: &Path, path: &str, body: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, body).unwrap();
}

fn manifest(phase: &str, assets: &str) -> String {
    format!(
        "[product]\nname = \"shop\"\nowner = \"payments-team\"\nphase = \"{phase}\"\n\n[data]\nclasses = [\"pii\", \"credentials\"]\n\n{assets}"
    )
}

/// `steward sunset verify -f json`: the findings' rule ids by item, and the exit code.
fn verify_json(dir: &Path, extra: &[&str]) -> (i32, BTreeMap<String, Vec<String>>) {
    let out = steward(dir)
        .args(["sunset", "verify", "-f", "json"])
        .args(extra)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../../docs/schema/report.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the report breaks its schema: {errors:?}"
    );
    let mut by_item: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in report["findings"].as_array().unwrap() {
        let item = f["properties"]["item"].as_str().unwrap().to_string();
        by_item
            .entry(item)
            .or_default()
            .push(f["rule_id"].as_str().unwrap().to_string());
    }
    (out.status.code().unwrap(), by_item)
}

/// The status each item got in the latest `sunset verify` recorded in the ledger.
fn statuses(dir: &Path) -> BTreeMap<String, String> {
    let out = steward(dir)
        .args(["sunset", "plan", "-f", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    plan["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["last_status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// moto (common::Moto)

fn bucket_asset(id: &str, bucket: &str, endpoint: &str) -> String {
    format!(
        "[[asset]]\nid = \"{id}\"\nkind = \"s3-bucket\"\nlocation = \"s3://{bucket}\"\nendpoint = \"{endpoint}\"\nholds = [\"pii\"]\n\n"
    )
}

#[test]
fn buckets_with_versions_or_delete_markers_left_fail_and_purged_ones_pass() {
    let Some(moto) = Moto::start() else { return };
    moto.boto(
        r#"
def versioned(name):
    s3.create_bucket(Bucket=name)
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={'Status': 'Enabled'})

# One object written twice, then "deleted": a delete marker, and the two versions behind it.
versioned('leftover')
s3.put_object(Bucket='leftover', Key='receipts/1.csv', Body=b'4539 1488 0343 6467')
s3.put_object(Bucket='leftover', Key='receipts/1.csv', Body=b'4539 1488 0343 6467, v2')
s3.delete_object(Bucket='leftover', Key='receipts/1.csv')
# Every version deleted by id, but the delete marker left.
versioned('markers')
s3.put_object(Bucket='markers', Key='a.csv', Body=b'x')
s3.delete_object(Bucket='markers', Key='a.csv')
for v in s3.list_object_versions(Bucket='markers').get('Versions', []):
    s3.delete_object(Bucket='markers', Key=v['Key'], VersionId=v['VersionId'])
# Everything deleted by version id: versions and markers.
versioned('purged')
s3.put_object(Bucket='purged', Key='a.csv', Body=b'x')
s3.put_object(Bucket='purged', Key='a.csv', Body=b'y')
s3.delete_object(Bucket='purged', Key='a.csv')
listing = s3.list_object_versions(Bucket='purged')
for v in listing.get('Versions', []) + listing.get('DeleteMarkers', []):
    s3.delete_object(Bucket='purged', Key=v['Key'], VersionId=v['VersionId'])
# A bucket deleted outright, and one that still holds a current object.
s3.create_bucket(Bucket='deleted')
s3.delete_bucket(Bucket='deleted')
s3.create_bucket(Bucket='full')
s3.put_object(Bucket='full', Key='dump.sql', Body=b'x')
"#,
    );
    let dir = tempfile::tempdir().unwrap();
    let e = &moto.endpoint;
    write(
        dir.path(),
        "steward.toml",
        &manifest(
            "operate",
            &[
                bucket_asset("leftover", "leftover", e),
                bucket_asset("markers", "markers", e),
                bucket_asset("purged", "purged", e),
                bucket_asset("deleted", "deleted", e),
                bucket_asset("full", "full", e),
                // Only a prefix of a shared bucket was the product's: nothing left under it.
                bucket_asset("our-prefix", "full/reports/", e),
            ]
            .concat(),
        ),
    );
    let (code, found) = verify_json(dir.path(), &[]);
    assert_eq!(code, 1, "{found:?}");
    assert_eq!(
        found["leftover"],
        ["sunset/delete-markers-left", "sunset/object-versions-left"],
        "{found:?}"
    );
    assert_eq!(found["markers"], ["sunset/delete-markers-left"]);
    assert_eq!(found["full"], ["sunset/bucket-not-empty"]);
    assert!(!found.contains_key("purged"), "{found:?}");
    assert!(!found.contains_key("deleted"), "{found:?}");
    assert!(!found.contains_key("our-prefix"), "{found:?}");
    let st = statuses(dir.path());
    assert_eq!(st["purged"], "verified");
    assert_eq!(st["deleted"], "verified");
    assert_eq!(st["leftover"], "failed");

    // The text report names what is left.
    let out = steward(dir.path())
        .args(["sunset", "verify", "--no-ledger"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("bucket `leftover` still holds 2 noncurrent object versions"),
        "{text}"
    );
    assert!(text.contains("receipts/1.csv"), "{text}");

    // Purging the last leftover version makes it pass.
    moto.boto(
        r#"
listing = s3.list_object_versions(Bucket='leftover')
for v in listing.get('Versions', []) + listing.get('DeleteMarkers', []):
    s3.delete_object(Bucket='leftover', Key=v['Key'], VersionId=v['VersionId'])
"#,
    );
    let (_, found) = verify_json(dir.path(), &[]);
    assert!(!found.contains_key("leftover"), "{found:?}");
}

#[test]
fn kms_keys_enabled_fail_and_disabled_or_scheduled_for_deletion_pass() {
    let Some(moto) = Moto::start() else { return };
    let ids = moto.boto(
        r#"
live = kms.create_key()['KeyMetadata']['KeyId']
pending = kms.create_key()['KeyMetadata']['KeyId']
kms.schedule_key_deletion(KeyId=pending, PendingWindowInDays=7)
disabled = kms.create_key()['KeyMetadata']
kms.disable_key(KeyId=disabled['KeyId'])
print(live, pending, disabled['Arn'])
"#,
    );
    let ids: Vec<&str> = ids.split_whitespace().collect();
    let dir = tempfile::tempdir().unwrap();
    let key = |id: &str, loc: &str| {
        format!(
            "[[asset]]\nid = \"{id}\"\nkind = \"kms-key\"\nlocation = \"{loc}\"\nendpoint = \"{}\"\n\n",
            moto.endpoint
        )
    };
    write(
        dir.path(),
        "steward.toml",
        &manifest(
            "operate",
            &[
                key("live-key", &format!("kms://{}", ids[0])),
                key("pending-key", &format!("kms://{}", ids[1])),
                key("disabled-key", ids[2]),
                key("missing-key", "kms://00000000-0000-0000-0000-000000000000"),
            ]
            .concat(),
        ),
    );
    let (code, found) = verify_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found["live-key"], ["sunset/kms-key-enabled"]);
    let st = statuses(dir.path());
    assert_eq!(st["pending-key"], "verified");
    assert_eq!(st["disabled-key"], "verified");
    assert_eq!(st["missing-key"], "verified");

    // Unreachable endpoint: not a verdict, but a check-failed finding.
    let unreachable = format!("http://127.0.0.1:{}", free_port());
    write(
        dir.path(),
        "steward.toml",
        &manifest(
            "operate",
            &format!(
                "[[asset]]\nid = \"k\"\nkind = \"kms-key\"\nlocation = \"kms://x\"\nendpoint = \"{unreachable}\"\n"
            ),
        ),
    );
    let (_, found) = verify_json(dir.path(), &["--fail-on", "medium"]);
    assert_eq!(found["k"], ["sunset/check-failed"]);
}

// ---------------------------------------------------------------------------------------
// PostgreSQL

#[test]
fn a_dropped_postgres_database_passes_and_a_present_one_fails() {
    let Some(url) = std::env::var("STEWARD_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        required("PostgreSQL (STEWARD_TEST_POSTGRES)");
        return;
    };
    let name = format!("steward_sunset_{}", std::process::id());
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    for db in ["kept", "dropped"] {
        admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name}_{db}"))
            .unwrap();
    }
    admin
        .batch_execute(&format!("CREATE DATABASE {name}_kept"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}_dropped"))
        .unwrap();
    admin
        .batch_execute(&format!("DROP DATABASE {name}_dropped"))
        .unwrap();
    let db_url = |db: &str| {
        let (server, _) = url.rsplit_once('/').unwrap();
        format!("{server}/{db}")
    };
    {
        let mut kept =
            postgres::Client::connect(&db_url(&format!("{name}_kept")), postgres::NoTls).unwrap();
        kept.batch_execute("CREATE TABLE orders (id int)").unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let db = |id: &str, db: &str, tables: &str| {
        format!(
            "[[asset]]\nid = \"{id}\"\nkind = \"postgres\"\nlocation = \"{}\"\n{tables}\n",
            db_url(db)
        )
    };
    write(
        dir.path(),
        "steward.toml",
        &manifest(
            "operate",
            &[
                db("kept-db", &format!("{name}_kept"), ""),
                db("dropped-db", &format!("{name}_dropped"), ""),
                db(
                    "orders-table",
                    &format!("{name}_kept"),
                    "tables = [\"orders\"]",
                ),
                db(
                    "gone-table",
                    &format!("{name}_kept"),
                    "tables = [\"gone_table\"]",
                ),
            ]
            .concat(),
        ),
    );
    let out = steward(dir.path())
        .args(["sunset", "verify", "-f", "json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let (code, found) = verify_json(dir.path(), &[]);
    let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name}_kept"));
    assert_eq!(code, 1);
    assert_eq!(found["kept-db"], ["sunset/database-present"], "{found:?}");
    assert_eq!(found["orders-table"], ["sunset/database-present"]);
    assert!(!found.contains_key("dropped-db"), "{found:?}");
    assert!(!found.contains_key("gone-table"), "{found:?}");
    // The password in the URL never reaches the report.
    if let Some((_, rest)) = url.split_once("://")
        && let Some((userinfo, _)) = rest.split_once('@')
        && let Some((_, pw)) = userinfo.split_once(':')
    {
        assert!(!stdout.contains(&format!(":{pw}@")), "{stdout}");
    }
}

// ---------------------------------------------------------------------------------------
// DNS

/// A DNS server on 127.0.0.1 answering from a zone file (`name [ttl] [IN] TYPE value` lines)
/// the way a recursive resolver would: CNAME chains followed inside the zone, NXDOMAIN for a
/// name (or a chain's end) the zone does not have.
struct DnsStub {
    addr: std::net::SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

type Zone = BTreeMap<String, Vec<(u16, String)>>;

fn parse_zone(text: &str) -> Zone {
    let mut zone = Zone::new();
    for line in text.lines() {
        let line = line.split(';').next().unwrap().trim();
        if line.is_empty() {
            continue;
        }
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let (ti, rtype) = tokens
            .iter()
            .enumerate()
            .find_map(|(i, t)| match *t {
                "A" => Some((i, 1u16)),
                "CNAME" => Some((i, 5)),
                "AAAA" => Some((i, 28)),
                _ => None,
            })
            .expect("record type");
        let name = tokens[0].trim_end_matches('.').to_ascii_lowercase();
        let value = tokens[ti + 1].trim_end_matches('.').to_ascii_lowercase();
        zone.entry(name).or_default().push((rtype, value));
    }
    zone
}

fn encode_name(name: &str, out: &mut Vec<u8>) {
    for label in name.split('.').filter(|l| !l.is_empty()) {
        out.push(label.len() as u8);
        out.extend_from_slice(label.as_bytes());
    }
    out.push(0);
}

fn answer(zone: &Zone, query: &[u8]) -> Option<Vec<u8>> {
    let mut pos = 12;
    let mut labels = Vec::new();
    loop {
        let len = *query.get(pos)? as usize;
        if len == 0 {
            break;
        }
        labels.push(String::from_utf8_lossy(query.get(pos + 1..pos + 1 + len)?).to_string());
        pos += 1 + len;
    }
    let qname = labels.join(".").to_ascii_lowercase();
    let qtype = u16::from_be_bytes([*query.get(pos + 1)?, *query.get(pos + 2)?]);
    let question_end = pos + 5;
    let mut records: Vec<(String, u16, String)> = Vec::new();
    let mut name = qname.clone();
    let mut rcode = 0u8;
    for _ in 0..8 {
        let Some(rrs) = zone.get(&name) else {
            rcode = 3;
            break;
        };
        if let Some((_, target)) = rrs.iter().find(|(t, _)| *t == 5) {
            records.push((name.clone(), 5, target.clone()));
            name = target.clone();
            continue;
        }
        for (t, v) in rrs.iter().filter(|(t, _)| *t == qtype) {
            records.push((name.clone(), *t, v.clone()));
        }
        break;
    }
    let mut r = query[..question_end].to_vec();
    r[2] = 0x81 | (query[2] & 0x01);
    r[3] = 0x80 | rcode;
    r[6..8].copy_from_slice(&(records.len() as u16).to_be_bytes());
    r[8..12].copy_from_slice(&[0, 0, 0, 0]);
    for (owner, t, v) in records {
        encode_name(&owner, &mut r);
        r.extend_from_slice(&t.to_be_bytes());
        r.extend_from_slice(&[0, 1, 0, 0, 0, 60]);
        let mut rdata = Vec::new();
        match t {
            1 => rdata.extend(v.parse::<std::net::Ipv4Addr>().unwrap().octets()),
            28 => rdata.extend(v.parse::<std::net::Ipv6Addr>().unwrap().octets()),
            _ => encode_name(&v, &mut rdata),
        }
        r.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
        r.extend_from_slice(&rdata);
    }
    Some(r)
}

impl DnsStub {
    fn start(zone_file: &str) -> DnsStub {
        let zone = parse_zone(zone_file);
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        socket
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let addr = socket.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut buf = [0u8; 1500];
            while !stopped.load(Ordering::Relaxed) {
                let Ok((n, from)) = socket.recv_from(&mut buf) else {
                    continue;
                };
                if let Some(reply) = answer(&zone, &buf[..n]) {
                    let _ = socket.send_to(&reply, from);
                }
            }
        });
        DnsStub {
            addr,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for DnsStub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

const ZONE: &str = "
; shop.test, as it stands after the sunset
assets.shop.test.    300 IN CNAME shop-assets.s3.amazonaws.com.   ; bucket deleted: gone
docs.shop.test.      300 IN CNAME shop-docs.github.io.             ; Pages site deleted
cdn.shop.test.       300 IN CNAME receipts-bucket.s3.amazonaws.com.
receipts-bucket.s3.amazonaws.com. 60 IN A 52.216.8.1               ; S3 answers for any name
www.shop.test.       300 IN CNAME live.example.net.
live.example.net.    300 IN A 203.0.113.7
api.shop.test.       300 IN A 198.51.100.4
legacy.shop.test.    300 IN A 192.0.2.50                       ; the app server, released
";

#[test]
fn a_dangling_cname_is_reported_and_a_cname_to_a_live_name_is_not() {
    let dns = DnsStub::start(ZONE);
    let dir = tempfile::tempdir().unwrap();
    let name = |id: &str, n: &str| {
        format!("[[asset]]\nid = \"{id}\"\nkind = \"dns\"\nlocation = \"dns:{n}\"\n\n")
    };
    write(
        dir.path(),
        "steward.toml",
        &manifest(
            "operate",
            &[
                name("assets", "assets.shop.test"),
                name("docs", "docs.shop.test"),
                name("cdn", "cdn.shop.test"),
                name("www", "www.shop.test"),
                name("api", "api.shop.test"),
                name("old", "old.shop.test"),
                name("legacy", "legacy.shop.test"),
                // The app server the sunset releases, by address.
                "[[asset]]\nid = \"app-server\"\nkind = \"host\"\nlocation = \"192.0.2.50\"\n\n".to_string(),
                // The bucket cdn.shop.test points at is one this sunset releases.
                "[[asset]]\nid = \"receipts\"\nkind = \"s3-bucket\"\nlocation = \"s3://receipts-bucket\"\nretention = \"1d\"\nretention_from = \"2020-01-01\"\nmethod = \"destroy\"\n\n".to_string(),
            ]
            .concat(),
        ),
    );
    let resolver = dns.addr.to_string();
    let (code, found) = verify_json(dir.path(), &["--resolver", &resolver]);
    assert_eq!(code, 1);
    assert_eq!(found["assets"], ["sunset/dangling-cname"], "{found:?}");
    assert_eq!(found["docs"], ["sunset/dangling-cname"]);
    assert_eq!(found["cdn"], ["sunset/dangling-cname"]);
    assert_eq!(found["www"], ["sunset/dns-not-released"]);
    assert_eq!(found["api"], ["sunset/dns-not-released"]);
    assert!(!found.contains_key("old"), "{found:?}");
    // An A record for the address of a host this sunset releases is dangling too, while
    // api.shop.test, whose address the product never used, is only not released yet.
    assert_eq!(found["legacy"], ["sunset/dangling-address"], "{found:?}");

    let out = steward(dir.path())
        .args(["sunset", "verify", "--no-ledger", "--resolver", &resolver])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("assets.shop.test is a CNAME to shop-assets.s3.amazonaws.com (AWS S3 (bucket endpoint)), which does not exist"),
        "{text}"
    );
    assert!(text.contains("GitHub Pages"), "{text}");
    assert!(
        text.contains("the bucket `receipts-bucket` this sunset releases"),
        "{text}"
    );
    assert!(text.contains("critical [sunset/dangling-cname]"), "{text}");
    assert!(
        text.contains("legacy.shop.test resolves to 192.0.2.50, the address of `app-server`"),
        "{text}"
    );

    // A resolver that is not an address is a usage error.
    steward(dir.path())
        .args(["sunset", "verify", "--resolver", "my-resolver"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--resolver my-resolver: not an address",
        ));
}

// ---------------------------------------------------------------------------------------
// plan, attest, the sunset gate

#[test]
fn plan_lists_assets_and_what_the_ledger_saw_with_owner_method_and_retention() {
    let dir = tempfile::tempdir().unwrap();
    // steward:ignore[secrets/database-connection-string] a made-up URL: the test checks its password is masked
    let db_url = "postgres://app:s3cret@db.internal:5432/ledger";
    write(
        dir.path(),
        "steward.toml",
        &format!(
            "{}[[component]]\nid = \"orders-db\"\nkind = \"database\"\ntech = \"mongodb\"\nzone = \"internal\"\n",
            manifest(
                "operate",
                &format!(
                    "[[asset]]\nid = \"receipts\"\nkind = \"s3-bucket\"\nlocation = \"s3://acme-receipts\"\nholds = [\"pii\"]\nretention = \"7y\"\nretention_from = \"2025-03-01\"\n\n\
                     [[asset]]\nid = \"ledger-db\"\nkind = \"postgres\"\nlocation = \"{db_url}\"\nowner = \"dba-team\"\n\n"
                )
            )
        ),
    );
    // A scan that finds a credential: it must be revoked at sunset.
    write(
        dir.path(),
        "src/settings.py",
        &format!("AWS_ACCESS_KEY_ID = \"AKIA{}\"\n", "QX3D7TMB2ZK5RW4P"),
    );
    write(dir.path(), "requirements.txt", "requests==2.31.0\n");
    steward(dir.path()).args(["scan", "."]).output().unwrap();

    let out = steward(dir.path())
        .args(["sunset", "plan"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("archive until 2032-03-01 (retention), then purge-versions"),
        "{text}"
    );
    assert!(
        text.contains("[to do] ledger-db  (postgres, owner dba-team)"),
        "{text}"
    );
    assert!(
        text.contains("postgres://app:***@db.internal:5432/ledger"),
        "{text}"
    );
    assert!(!text.contains("s3cret"), "{text}");
    assert!(
        text.contains("credential:secrets/aws-access-key-id@"),
        "{text}"
    );
    assert!(text.contains("revoke"), "{text}");
    // The scanned tree itself, with the SBOM its scan stored: to archive.
    assert!(text.contains("[to do] repository:"), "{text}");
    assert!(text.contains("1 component(s) in its latest SBOM"), "{text}");
    assert!(
        text.contains("orders-db  (other, owner payments-team)"),
        "{text}"
    );

    let out = steward(dir.path())
        .args(["sunset", "plan", "-f", "json"])
        .output()
        .unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = plan["items"].as_array().unwrap();
    let receipts = items.iter().find(|i| i["id"] == "receipts").unwrap();
    assert_eq!(receipts["method"], "archive");
    assert_eq!(receipts["retained_until"], "2032-03-01");
    assert_eq!(receipts["owner"], "payments-team");
    let cred = items.iter().find(|i| i["kind"] == "credential").unwrap();
    assert_eq!(cred["method"], "revoke");
    assert_eq!(cred["check"], "attestation");

    let out = steward(dir.path())
        .args(["sunset", "plan", "-f", "markdown", "-o", "CHECKLIST.md"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = std::fs::read_to_string(dir.path().join("CHECKLIST.md")).unwrap();
    assert!(md.starts_with("# Decommission checklist: shop"), "{md}");
    assert!(md.contains("| [ ] | `ledger-db`"), "{md}");

    // A bad retention names the asset and the fix.
    write(
        dir.path(),
        "steward.toml",
        &manifest(
            "operate",
            "[[asset]]\nid = \"x\"\nkind = \"s3-bucket\"\nlocation = \"s3://x\"\nretention = \"forever\"\n",
        ),
    );
    steward(dir.path())
        .args(["sunset", "plan"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "asset `x`: retention `forever` is not a period",
        ));
}

#[test]
fn in_phase_sunset_verify_fails_until_every_item_is_verified_or_attested() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "data/exports/customers.csv",
        "ana,4539 1488 0343 6467\n",
    );
    write(
        dir.path(),
        "steward.toml",
        &manifest(
            "sunset",
            "[[asset]]\nid = \"exports\"\nkind = \"path\"\nlocation = \"data/exports\"\nholds = [\"pii\"]\n\n\
             [[asset]]\nid = \"api-token\"\nkind = \"credential\"\nlocation = \"vault://shop/api-token\"\n",
        ),
    );
    let (code, found) = verify_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(found["exports"], ["sunset/data-path-not-wiped"]);
    assert_eq!(found["api-token"], ["sunset/credential-not-revoked"]);
    let out = steward(dir.path())
        .args(["sunset", "verify", "--no-ledger"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("`steward sunset attest api-token --by NAME"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // Wipe the data: the credential still holds the gate closed, though it is only "high"
    // and the gate would let a medium through.
    std::fs::remove_file(dir.path().join("data/exports/customers.csv")).unwrap();
    let out = steward(dir.path())
        .args(["sunset", "verify", "--fail-on", "critical"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("phase = \"sunset\": 1 of 2 items are neither verified nor attested"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Attest the revocation.
    write(
        dir.path(),
        "evidence/revocation.txt",
        "token revoked in the vault at 10:02\n",
    );
    steward(dir.path())
        .args([
            "sunset",
            "attest",
            "nope",
            "--by",
            "Ana",
            "--evidence",
            "evidence/revocation.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "`nope` is not an item of the sunset inventory",
        ));
    steward(dir.path())
        .args([
            "sunset",
            "attest",
            "api-token",
            "--by",
            "Ana Ruiz",
            "--evidence",
            "evidence/revocation.txt",
            "--note",
            "revoked in the vault",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "attested api-token (revoke) by Ana Ruiz",
        ));
    let (code, found) = verify_json(dir.path(), &[]);
    assert_eq!(code, 0, "{found:?}");
    assert!(found.is_empty());
    let st = statuses(dir.path());
    assert_eq!(st["exports"], "verified");
    assert_eq!(st["api-token"], "attested");
    // The ledger still verifies with the sunset records in it.
    steward(dir.path())
        .args(["ledger", "verify"])
        .assert()
        .success();
}

// ---------------------------------------------------------------------------------------
// certificates

#[test]
fn certificates_are_signed_recorded_and_a_tampered_one_fails_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data/exports")).unwrap();
    write(
        dir.path(),
        "steward.toml",
        &manifest(
            "sunset",
            "[[asset]]\nid = \"exports\"\nkind = \"path\"\nlocation = \"data/exports\"\nholds = [\"pii\"]\n\n\
             [[asset]]\nid = \"old-data\"\nkind = \"path\"\nlocation = \"data/old\"\n",
        ),
    );
    // Not verified yet: no certificate.
    steward(dir.path())
        .args(["sunset", "certificate", "exports", "--by", "Ana Ruiz"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("verify first"));
    steward(dir.path())
        .args(["sunset", "verify"])
        .assert()
        .success();
    steward(dir.path())
        .args([
            "sunset",
            "certificate",
            "--all",
            "--by",
            "Ana Ruiz",
            "--title",
            "SRE lead",
            "--organization",
            "Acme",
            "--backed-up",
            "no",
            "--validated-by",
            "Bo Chen",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("certificate SC-"))
        .stderr(predicates::str::contains("created the signing key"));
    let key = dir.path().join(".steward/sunset-signing.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let json_path = dir.path().join("sunset-certificates/exports.json");
    let md_path = dir.path().join("sunset-certificates/exports.md");
    let cert: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    let c = &cert["certificate"];
    assert_eq!(c["person"]["name"], "Ana Ruiz");
    assert_eq!(c["person"]["organization"], "Acme");
    assert_eq!(c["media"]["asset_id"], "exports");
    assert_eq!(c["media"]["data_backed_up"], "no");
    assert_eq!(c["validated_by"], "Bo Chen");
    assert_eq!(c["sanitization"]["category"], "clear");
    assert_eq!(c["sanitization"]["method"], "wipe");
    assert_eq!(c["sanitization"]["verification_status"], "verified");
    assert!(
        c["sanitization"]["verification_result"]
            .as_str()
            .unwrap()
            .contains("is an empty directory")
    );
    assert_eq!(cert["signature"]["algorithm"], "Ed25519");
    let schema: serde_json::Value = serde_json::from_str(include_str!(
        "../../steward-ops/src/sunset/certificate.schema.json"
    ))
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&cert)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut broken = cert.clone();
    broken["certificate"]["sanitization"]["category"] = "scrubbed".into();
    assert!(!validator.is_valid(&broken));
    assert!(
        dir.path()
            .join("sunset-certificates/old-data.json")
            .is_file()
    );
    let md = std::fs::read_to_string(&md_path).unwrap();
    assert!(md.contains("| Method type (category) | clear |"), "{md}");

    // Both renderings verify.
    for p in [&json_path, &md_path] {
        steward(dir.path())
            .args(["sunset", "certificate", "--verify"])
            .arg(p)
            .assert()
            .success()
            .stdout(predicates::str::contains("is valid"));
    }

    // Tamper with the verification result: the signature breaks and the field is named.
    let tampered = std::fs::read_to_string(&json_path)
        .unwrap()
        .replace("is an empty directory", "was shredded three times");
    write(dir.path(), "tampered.json", &tampered);
    steward(dir.path())
        .args(["sunset", "certificate", "--verify", "tampered.json"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "signature: the signature does not match",
        ))
        .stderr(predicates::str::contains(
            "field `sanitization.verification_result` changed",
        ))
        .stderr(predicates::str::contains("was shredded three times"));

    // Another field changed, in the Markdown form: named too.
    let mut forged: serde_json::Value = serde_json::from_str(&tampered).unwrap();
    forged["certificate"]["media"]["asset_id"] = "something-else".into();
    write(
        dir.path(),
        "forged.md",
        &format!(
            "# Certificate\n\n```json steward-sunset-certificate\n{}\n```\n",
            serde_json::to_string_pretty(&forged).unwrap()
        ),
    );
    steward(dir.path())
        .args(["sunset", "certificate", "--verify", "forged.md"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("field `media.asset_id` changed"));

    // The Markdown's form edited, its signed JSON left alone: the row is named.
    let md_edited = std::fs::read_to_string(&md_path).unwrap().replace(
        "| Destination | ",
        "| Destination | shredded on site; was: ",
    );
    write(dir.path(), "edited.md", &md_edited);
    steward(dir.path())
        .args(["sunset", "certificate", "--verify", "edited.md"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "the Markdown form's `Media destination / Destination` says",
        ));

    // Not a certificate at all.
    write(dir.path(), "junk.json", "{\"x\": 1}");
    steward(dir.path())
        .args(["sunset", "certificate", "--verify", "junk.json"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a steward certificate"));
}

#[test]
fn files_where_dlp_found_personal_data_are_items_verified_once_wiped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "steward.toml", &manifest("operate", ""));
    write(
        dir.path(),
        "exports/customers.csv",
        "name,card\nAna Ruiz,4539 1488 0343 6467\n",
    );
    steward(dir.path())
        .args(["dlp", "exports", "-q"])
        .output()
        .unwrap();
    let out = steward(dir.path())
        .args(["sunset", "plan", "-f", "json"])
        .output()
        .unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let item = plan["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "data-path")
        .unwrap_or_else(|| panic!("no data item: {plan}"))
        .clone();
    let id = item["id"].as_str().unwrap().to_string();
    assert!(
        id.starts_with("data:") && id.ends_with("customers.csv"),
        "{id}"
    );
    assert_eq!(item["method"], "wipe");

    let (code, found) = verify_json(dir.path(), &["--fail-on", "high"]);
    assert_eq!(code, 1);
    assert_eq!(found[&id], ["sunset/data-path-not-wiped"]);
    std::fs::remove_file(dir.path().join("exports/customers.csv")).unwrap();
    let (code, found) = verify_json(dir.path(), &["--fail-on", "high"]);
    assert_eq!(code, 0, "{found:?}");
    assert_eq!(statuses(dir.path())[&id], "verified");
}

// ---------------------------------------------------------------------------------------
// data paths on another host, over ssh

/// sshd on 127.0.0.1 with a throwaway host key, accepting one throwaway user key for the
/// user running the test; stopped on drop.
struct Sshd {
    child: Child,
    port: u16,
    key: PathBuf,
    known_hosts: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_sshd() -> Option<Sshd> {
    let sshd = ["/usr/sbin/sshd", "/usr/bin/sshd"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for name in ["host_key", "user_key"] {
        let st = Process::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(d.join(name))
            .status()
            .ok()?;
        if !st.success() {
            return None;
        }
    }
    std::fs::copy(d.join("user_key.pub"), d.join("authorized_keys")).unwrap();
    let port = free_port();
    std::fs::create_dir_all("/run/sshd").ok();
    let child = Process::new(sshd)
        .args(["-D", "-e", "-f", "/dev/null", "-h"])
        .arg(d.join("host_key"))
        .args([
            "-p",
            &port.to_string(),
            "-o",
            "ListenAddress=127.0.0.1",
            "-o",
        ])
        .arg(format!(
            "AuthorizedKeysFile={}",
            d.join("authorized_keys").display()
        ))
        .args(["-o", "StrictModes=no", "-o", "PasswordAuthentication=no"])
        .args(["-o", "UsePAM=no", "-o"])
        .arg(format!("PidFile={}", d.join("sshd.pid").display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let host_pub = std::fs::read_to_string(d.join("host_key.pub")).unwrap();
    let known_hosts = d.join("known_hosts");
    std::fs::write(&known_hosts, format!("[127.0.0.1]:{port} {host_pub}")).unwrap();
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(10) {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Sshd {
        child,
        port,
        key: d.join("user_key"),
        known_hosts,
        _dir: dir,
    })
}

#[test]
fn data_paths_on_another_host_are_checked_over_ssh() {
    let Some(sshd) = start_sshd() else {
        required("sshd and ssh-keygen (apt-get install openssh-server)");
        return;
    };
    let user = String::from_utf8(Process::new("id").arg("-un").output().unwrap().stdout)
        .unwrap()
        .trim()
        .to_string();
    let host = tempfile::tempdir().unwrap();
    write(host.path(), "srv/uploads/2024/scan.pdf", "%PDF");
    std::fs::create_dir_all(host.path().join("srv/wiped/empty")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let remote = |id: &str, path: &str| {
        format!(
            "[[asset]]\nid = \"{id}\"\nkind = \"path\"\nlocation = \"ssh://{user}@127.0.0.1:{}{}\"\n\n",
            sshd.port,
            host.path().join(path).display()
        )
    };
    write(
        dir.path(),
        "steward.toml",
        &manifest(
            "operate",
            &[
                remote("uploads", "srv/uploads"),
                remote("wiped", "srv/wiped"),
                remote("removed", "srv/removed"),
            ]
            .concat(),
        ),
    );
    let ssh_options = [
        format!("IdentityFile={}", sshd.key.display()),
        format!("UserKnownHostsFile={}", sshd.known_hosts.display()),
        "StrictHostKeyChecking=yes".to_string(),
        "IdentitiesOnly=yes".to_string(),
    ];
    let mut args: Vec<&str> = Vec::new();
    for o in &ssh_options {
        args.push("--ssh-option");
        args.push(o);
    }
    let (code, found) = verify_json(dir.path(), &args);
    assert_eq!(code, 1, "{found:?}");
    assert_eq!(found["uploads"], ["sunset/data-path-not-wiped"]);
    assert!(!found.contains_key("wiped"), "{found:?}");
    assert!(!found.contains_key("removed"), "{found:?}");
    let st = statuses(dir.path());
    assert_eq!(st["wiped"], "verified");
    assert_eq!(st["removed"], "verified");

    // Without the key the host refuses: not a verdict.
    let (_, found) = verify_json(
        dir.path(),
        &[
            "--fail-on",
            "medium",
            "--ssh-option",
            "IdentityFile=/dev/null",
            "--ssh-option",
            &format!("UserKnownHostsFile={}", sshd.known_hosts.display()),
        ],
    );
    assert_eq!(found["uploads"], ["sunset/check-failed"], "{found:?}");
}

/// An HTTP server on port 80 of a loopback address of its own, answering like a hosting
/// provider: the GitHub Pages "no site here" page for `pages.shop.test`, a live page
/// otherwise. Port 80 because that is where steward asks the provider; binding it needs root
/// (as CI runs).
fn start_provider() -> Option<(std::net::Ipv4Addr, Arc<AtomicBool>)> {
    let addr = std::net::Ipv4Addr::new(127, 90, (std::process::id() % 250) as u8 + 1, 80);
    let listener = TcpListener::bind((addr, 80)).ok()?;
    listener.set_nonblocking(true).ok()?;
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        while !stopped.load(Ordering::Relaxed) {
            let Ok((mut s, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            };
            s.set_nonblocking(false).ok();
            s.set_read_timeout(Some(Duration::from_secs(2))).ok();
            let mut buf = [0u8; 2048];
            let n = s.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]).to_ascii_lowercase();
            let reply = if req.contains("host: pages.shop.test") {
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<h1>404</h1><p><strong>There isn't a GitHub Pages site here.</strong></p>"
            } else {
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<h1>Our blog</h1>"
            };
            let _ = s.write_all(reply.as_bytes());
        }
    });
    Some((addr, stop))
}

#[test]
fn a_cname_to_a_provider_that_says_the_site_is_gone_is_dangling() {
    let Some((addr, stop)) = start_provider() else {
        required("binding port 80 on a loopback address (run as root)");
        return;
    };
    let dns = DnsStub::start(&format!(
        "pages.shop.test. CNAME shop-docs.github.io.\nshop-docs.github.io. A {addr}\nblog.shop.test. CNAME shop-blog.github.io.\nshop-blog.github.io. A {addr}\n"
    ));
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "steward.toml",
        &manifest(
            "operate",
            "[[asset]]\nid = \"pages\"\nkind = \"dns\"\nlocation = \"dns:pages.shop.test\"\n\n\
             [[asset]]\nid = \"blog\"\nkind = \"dns\"\nlocation = \"dns:blog.shop.test\"\n",
        ),
    );
    let resolver = dns.addr.to_string();
    let (_, found) = verify_json(dir.path(), &["--resolver", &resolver]);
    stop.store(true, Ordering::Relaxed);
    assert_eq!(found["pages"], ["sunset/dangling-cname"], "{found:?}");
    assert_eq!(found["blog"], ["sunset/dns-not-released"], "{found:?}");
}
