//! steward speaks HTTPS wherever it makes HTTP requests (S3 and KMS, DAST, webhooks), with
//! the system's OpenSSL and CA store: a moto S3 behind a certificate from a private CA is
//! read once `SSL_CERT_FILE` names that CA, refused with a message that says so when it does
//! not, and a DAST scan of an HTTPS site judges it as one (HSTS is checked).

use std::path::Path;

use assert_cmd::Command;

mod common;
use common::{Moto, TestCa};

fn card() -> String {
    ["4539", " 1488", " 0343", " 6467"].concat()
}

fn steward(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env("NO_COLOR", "1")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_ENDPOINT_URL_S3")
        .env_remove("SSL_CERT_FILE")
        .env_remove("SSL_CERT_DIR")
        .current_dir(dir);
    c
}

#[test]
fn s3_over_https_is_read_with_the_private_ca_and_refused_without_it() {
    let Some(ca) = TestCa::new() else { return };
    let Some(moto) = Moto::start_tls(&ca) else {
        return;
    };
    assert!(moto.endpoint.starts_with("https://"));
    moto.s3(&format!(
        "s3.create_bucket(Bucket='exports')\ns3.put_object(Bucket='exports', Key='customers.csv', Body={:?})",
        format!("name,card\nAna,{}\n", card())
    ));
    let dir = tempfile::tempdir().unwrap();

    let out = steward(dir.path())
        .env("SSL_CERT_FILE", ca.ca())
        .args(["dlp", "s3://exports", "--endpoint-url", &moto.endpoint])
        .args(["--no-ledger", "-f", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let findings = report["findings"].as_array().unwrap();
    assert!(
        findings.iter().any(|f| f["rule_id"] == "dlp/card-number"
            && f["location"]["path"]
                .as_str()
                .unwrap()
                .contains("s3://exports/customers.csv")),
        "{report}"
    );

    // Without the CA the certificate is not trusted: no result, and the message says why
    // and what to do.
    let out = steward(dir.path())
        .args(["dlp", "s3://exports", "--endpoint-url", &moto.endpoint])
        .args(["--no-ledger"])
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(out.status.code(), Some(0), "{said}");
    assert!(said.contains("certificate"), "{said}");
    assert!(said.contains("SSL_CERT_FILE"), "{said}");
}

#[test]
fn dast_scans_an_https_site_as_one() {
    let Some(ca) = TestCa::new() else { return };
    let Some(moto) = Moto::start_tls(&ca) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = steward(dir.path())
        .env("SSL_CERT_FILE", ca.ca())
        .args([
            "dast",
            &format!("{}/", moto.endpoint),
            "--no-ledger",
            "-f",
            "json",
        ])
        .args(["--max-requests", "20"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule_id"].as_str())
        .collect();
    assert!(rules.contains(&"dast/missing-hsts"), "{rules:?}");
}

#[test]
fn dast_says_what_to_do_about_an_untrusted_certificate() {
    let Some(ca) = TestCa::new() else { return };
    let Some(moto) = Moto::start_tls(&ca) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = steward(dir.path())
        .args(["dast", &format!("{}/", moto.endpoint), "--no-ledger"])
        .args(["--max-requests", "5"])
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(out.status.code(), Some(0), "{said}");
    assert!(said.contains("SSL_CERT_FILE"), "{said}");
}
