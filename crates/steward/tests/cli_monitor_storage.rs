//! `steward monitor run`, `monitor baseline` and `steward dlp s3://` against a moto S3 server
//! started on 127.0.0.1 (`python3 -m pip install "moto[server]"`, which .ci/run does):
//! a bucket holding card numbers behind a public-read ACL is critical, naming the object,
//! the class and the requirement broken; changing the ACL after the baseline is drift; a
//! carefully configured bucket passes every posture policy.

use std::path::Path;

use assert_cmd::Command;

mod common;
use common::Moto;

fn steward(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env("NO_COLOR", "1")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_ENDPOINT_URL_S3")
        .current_dir(dir);
    c
}

/// A Visa-range number that passes Luhn and is not a published test card.
fn card() -> String {
    ["4539", " 1488", " 0343", " 6467"].concat()
}

fn project(endpoint: &str, bucket: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("steward.toml"),
        format!(
            "[product]\nname = \"shop\"\n[data]\nclasses = [\"pii\", \"cardholder\"]\n\n[[asset]]\nid = \"{bucket}\"\nkind = \"s3-bucket\"\nlocation = \"s3://{bucket}\"\nendpoint = \"{endpoint}\"\nholds = [\"pii\"]\n"
        ),
    )
    .unwrap();
    dir
}

fn report(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let out = steward(dir)
        .args(args)
        .args(["-f", "json"])
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), json)
}

fn findings<'a>(report: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == rule)
        .collect()
}

#[test]
fn cards_behind_a_public_acl_are_critical_and_the_acl_change_is_drift() {
    let Some(moto) = Moto::start() else { return };
    moto.s3(&format!(
        "s3.create_bucket(Bucket='exports')\ns3.put_object(Bucket='exports', Key='2026/customers.csv', Body={:?})\ns3.put_object(Bucket='exports', Key='readme.txt', Body='nothing here')",
        format!("name,card\nAna,{}\n", card())
    ));
    let dir = project(&moto.endpoint, "exports");

    let out = steward(dir.path())
        .args(["monitor", "baseline"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("baseline recorded for 1 assets"));

    // Private: the card is misplaced (the asset holds pii), but nothing is public.
    let (_, before) = report(dir.path(), &["monitor", "run"]);
    assert!(findings(&before, "monitor/s3/public-bucket").is_empty());
    assert!(findings(&before, "dlp/public-sensitive-data").is_empty());
    assert_eq!(findings(&before, "dlp/undeclared-data-class").len(), 1);
    assert!(findings(&before, "monitor/drift").is_empty(), "{before}");
    for rule in [
        "monitor/s3/encryption-off",
        "monitor/s3/versioning-off",
        "monitor/s3/logging-off",
        "monitor/s3/public-access-block-off",
        "monitor/s3/tls-not-required",
    ] {
        assert_eq!(findings(&before, rule).len(), 1, "{rule}: {before}");
    }

    moto.s3("s3.put_bucket_acl(Bucket='exports', ACL='public-read')");
    let (code, after) = report(dir.path(), &["monitor", "run"]);
    assert_eq!(code, 1);
    let public = findings(&after, "monitor/s3/public-bucket");
    assert_eq!(public.len(), 1);
    assert_eq!(public[0]["severity"], "critical");
    assert!(
        public[0]["message"]
            .as_str()
            .unwrap()
            .contains("READ to AllUsers")
    );
    let exposed = findings(&after, "dlp/public-sensitive-data");
    assert_eq!(exposed.len(), 1, "{after}");
    let message = exposed[0]["message"].as_str().unwrap();
    assert_eq!(exposed[0]["severity"], "critical");
    assert!(
        message.contains("s3://exports/2026/customers.csv"),
        "{message}"
    );
    assert!(message.contains("cardholder"), "{message}");
    assert!(message.contains("STW-ACCESS-010"), "{message}");
    let drift = findings(&after, "monitor/drift");
    assert!(
        drift
            .iter()
            .any(|f| f["properties"]["field"] == "public_via_acl"
                && f["properties"]["before"] == false
                && f["properties"]["after"] == true),
        "{after}"
    );
    assert!(
        !serde_json::to_string(&after).unwrap().contains(&card()),
        "a card number was printed in full"
    );

    // Approving the change makes the drift go away; the public bucket stays critical.
    steward(dir.path())
        .args(["monitor", "baseline"])
        .assert()
        .success();
    let (_, approved) = report(dir.path(), &["monitor", "run"]);
    assert!(findings(&approved, "monitor/drift").is_empty());
    assert_eq!(findings(&approved, "monitor/s3/public-bucket").len(), 1);
}

#[test]
fn a_carefully_configured_bucket_passes_and_unreadable_fields_are_not_verdicts() {
    let Some(moto) = Moto::start() else { return };
    moto.s3(
        r#"s3.create_bucket(Bucket='vault')
s3.create_bucket(Bucket='vault-logs')
s3.put_object(Bucket='vault', Key='notes.txt', Body='quarterly plan, nothing personal')
s3.put_public_access_block(Bucket='vault', PublicAccessBlockConfiguration={'BlockPublicAcls': True, 'IgnorePublicAcls': True, 'BlockPublicPolicy': True, 'RestrictPublicBuckets': True})
s3.put_bucket_encryption(Bucket='vault', ServerSideEncryptionConfiguration={'Rules': [{'ApplyServerSideEncryptionByDefault': {'SSEAlgorithm': 'aws:kms'}}]})
s3.put_bucket_versioning(Bucket='vault', VersioningConfiguration={'Status': 'Enabled'})
s3.put_bucket_acl(Bucket='vault-logs', ACL='log-delivery-write')
s3.put_bucket_logging(Bucket='vault', BucketLoggingStatus={'LoggingEnabled': {'TargetBucket': 'vault-logs', 'TargetPrefix': 'vault/'}})"#,
    );
    let dir = project(&moto.endpoint, "vault");
    let ids = |report: &serde_json::Value| -> Vec<String> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule_id"].as_str().unwrap().to_string())
            .collect()
    };
    // Everything but a TLS-only policy is in place: that is the one finding.
    let (_, first) = report(dir.path(), &["monitor", "run", "--no-ledger"]);
    assert_eq!(ids(&first), ["monitor/s3/tls-not-required"], "{first}");

    // With the TLS-only policy, the emulator (like S3) refuses steward's plain-HTTP reads:
    // the fields it could not read are reported as skipped, never as passes or failures.
    moto.s3(
        r#"s3.put_bucket_policy(Bucket='vault', Policy=json.dumps({'Version': '2012-10-17', 'Statement': [{'Sid': 'TlsOnly', 'Effect': 'Deny', 'Principal': '*', 'Action': 's3:*', 'Resource': ['arn:aws:s3:::vault', 'arn:aws:s3:::vault/*'], 'Condition': {'Bool': {'aws:SecureTransport': 'false'}}}]}))"#,
    );
    let (code, second) = report(dir.path(), &["monitor", "run", "--no-ledger"]);
    assert!(ids(&second).is_empty(), "{second}");
    assert_eq!(code, 0);
    assert!(
        !second["skipped"].as_array().unwrap().is_empty(),
        "what could not be read is listed: {second}"
    );
}

#[test]
fn dlp_reads_a_bucket_and_flags_sensitive_objects_when_it_is_public() {
    let Some(moto) = Moto::start() else { return };
    moto.s3(&format!(
        "s3.create_bucket(Bucket='shared')\ns3.put_bucket_policy(Bucket='shared', Policy=json.dumps({{'Statement': [{{'Sid': 'Everyone', 'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::shared/*'}}]}}))\ns3.put_object(Bucket='shared', Key='in/cards.csv', Body={:?})\ns3.put_object(Bucket='shared', Key='out/cards.csv', Body={:?})",
        format!("card\n{}\n", card()),
        format!("card\n{}\n", card())
    ));
    let dir = tempfile::tempdir().unwrap();
    let (code, report) = report(
        dir.path(),
        &[
            "dlp",
            "s3://shared/in/",
            "--endpoint-url",
            &moto.endpoint,
            "--no-ledger",
        ],
    );
    assert_eq!(code, 1);
    let cards = findings(&report, "dlp/card-number");
    assert_eq!(cards.len(), 1, "only the prefix is read: {report}");
    assert_eq!(cards[0]["location"]["path"], "s3://shared/in/cards.csv");
    let exposed = findings(&report, "dlp/public-sensitive-data");
    assert_eq!(exposed.len(), 1);
    assert!(
        exposed[0]["message"]
            .as_str()
            .unwrap()
            .contains("public through its bucket policy")
    );

    // Without credentials: a clear usage error.
    let out = steward(dir.path())
        .env_remove("AWS_ACCESS_KEY_ID")
        .args(["dlp", "s3://shared", "--endpoint-url", &moto.endpoint])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("AWS_ACCESS_KEY_ID"));
}
