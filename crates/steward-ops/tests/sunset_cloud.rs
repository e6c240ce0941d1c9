//! The S3 and KMS client against a moto server on 127.0.0.1: listings that span pages,
//! the listing cap, and key lookups by id and ARN. Skipped without moto, failing under CI.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use steward_ops::cloud::kms::{KeyState, KmsClient};
use steward_ops::cloud::s3::{BucketState, S3Client};
use steward_ops::cloud::{Credentials, ServiceConfig};

struct Moto {
    child: Child,
    endpoint: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn moto() -> Option<Moto> {
    let ok = Command::new("python3")
        .args(["-c", "import boto3, moto"])
        .status()
        .is_ok_and(|s| s.success());
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = ok
        .then(|| {
            Command::new("moto_server")
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .ok()
        })
        .flatten();
    let Some(child) = child else {
        if std::env::var_os("CI").is_some() {
            panic!("moto is required under CI (.ci/run installs it)");
        }
        eprintln!("skipping: moto is not available (python3 -m pip install \"moto[server]\")");
        return None;
    };
    let m = Moto {
        child,
        endpoint: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "moto_server did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(m)
}

fn boto(endpoint: &str, script: &str) -> String {
    let program = format!(
        "import boto3\nkw = dict(endpoint_url={endpoint:?}, region_name='eu-west-1', aws_access_key_id='testing', aws_secret_access_key='testing')\ns3 = boto3.client('s3', **kw)\nkms = boto3.client('kms', **kw)\n{script}"
    );
    let out = Command::new("python3")
        .args(["-c", &program])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn creds() -> Credentials {
    Credentials {
        access_key_id: "testing".into(),
        secret_access_key: "testing".into(),
        session_token: Some("session".into()),
    }
}

fn config(service: &str, endpoint: &str) -> ServiceConfig {
    ServiceConfig::resolve(service, Some(endpoint), Some("eu-west-1"))
}

#[test]
fn version_listings_follow_pages_and_stop_at_the_cap() {
    let Some(m) = moto() else { return };
    boto(
        &m.endpoint,
        r#"
s3.create_bucket(Bucket='paged', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})
s3.put_bucket_versioning(Bucket='paged', VersioningConfiguration={'Status': 'Enabled'})
for i in range(3):
    for v in range(2):
        s3.put_object(Bucket='paged', Key=f'k{i}', Body=b'%d' % v)
s3.delete_object(Bucket='paged', Key='k0')
s3.delete_object(Bucket='paged', Key='k2')
"#,
    );
    let s3 = S3Client::new(config("s3", &m.endpoint), creds());
    assert_eq!(s3.head_bucket("paged").unwrap(), BucketState::Present);
    assert_eq!(
        s3.head_bucket("no-such-bucket").unwrap(),
        BucketState::Absent
    );
    assert!(s3.list_versions("no-such-bucket", 10).unwrap().is_none());

    // Six versions and two delete markers, two entries a page.
    let all = s3
        .list_versions_paged("paged", "", 100, 2)
        .unwrap()
        .unwrap();
    assert_eq!(all.versions.len(), 6, "{all:?}");
    assert_eq!(all.delete_markers.len(), 2);
    assert_eq!(all.current_objects(), 1);
    assert_eq!(all.noncurrent_versions(), 5);
    assert!(!all.truncated);
    let one_page = s3.list_versions("paged", 1000).unwrap().unwrap();
    assert_eq!(one_page.versions.len() + one_page.delete_markers.len(), 8);

    // Only the keys under a prefix: k1's two versions.
    let under = s3
        .list_versions_paged("paged", "k1", 100, 1)
        .unwrap()
        .unwrap();
    assert_eq!(under.versions.len(), 2, "{under:?}");
    assert!(under.delete_markers.is_empty());

    // The cap stops the listing and says there is more.
    let capped = s3.list_versions_paged("paged", "", 3, 2).unwrap().unwrap();
    assert!(capped.truncated);
    assert!(capped.versions.len() + capped.delete_markers.len() >= 3);

    // A bad bucket name never reaches the wire.
    assert!(s3.head_bucket("../etc").is_err());
}

#[test]
fn kms_keys_are_described_by_id_and_arn() {
    let Some(m) = moto() else { return };
    let out = boto(
        &m.endpoint,
        r#"
k = kms.create_key()['KeyMetadata']
kms.schedule_key_deletion(KeyId=k['KeyId'], PendingWindowInDays=7)
print(k['KeyId'], k['Arn'])
"#,
    );
    let ids: Vec<&str> = out.split_whitespace().collect();
    let kms = KmsClient::new(config("kms", &m.endpoint), creds());
    for id in &ids {
        match kms.describe_key(id).unwrap() {
            KeyState::Present {
                state,
                deletion_date,
                arn,
            } => {
                assert_eq!(state, "PendingDeletion");
                assert!(deletion_date.is_some());
                assert_eq!(arn, ids[1]);
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        kms.describe_key("11111111-2222-3333-4444-555555555555")
            .unwrap(),
        KeyState::Absent
    );
    // Nothing listens on this port: a transport error, not a verdict.
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dead = KmsClient::new(
        config("kms", &format!("http://127.0.0.1:{closed}")),
        creds(),
    );
    let e = dead.describe_key("x").unwrap_err().to_string();
    assert!(e.contains("127.0.0.1"), "{e}");
}
