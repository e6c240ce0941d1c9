//! The TLS probe of `steward monitor run` against real OpenSSL servers on 127.0.0.1: one
//! with a weak setup (1024-bit RSA, self-signed, expiring in days, TLS 1.0/1.1 accepted)
//! and one done right (ECDSA P-256 signed by a CA, a year of validity, TLS 1.2+ only).

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;

fn openssl_available() -> bool {
    let ok = Process::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("openssl is required under CI (.ci/run installs it)");
        }
        eprintln!("skipping: openssl is not installed");
    }
    ok
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Process::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `openssl s_server` on a free loopback port, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(dir: &Path, cert: &str, key: &str, extra: &[&str]) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Process::new("openssl")
            .current_dir(dir)
            .args(["s_server", "-www", "-quiet", "-accept"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-cert", cert, "-key", key])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(s)) = child.try_wait() {
                panic!("openssl s_server exited: {s}");
            }
            assert!(Instant::now() < deadline, "openssl s_server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { child, port }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn monitor(port: u16) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("steward.toml"),
        format!(
            "[product]\nname = \"shop\"\n\n[[asset]]\nid = \"web\"\nkind = \"https\"\nlocation = \"https://127.0.0.1:{port}\"\n"
        ),
    )
    .unwrap();
    let out = Command::cargo_bin("steward")
        .unwrap()
        .env_remove("STEWARD_STORE")
        .current_dir(dir.path())
        .args(["monitor", "run", "--no-ledger", "-f", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn rule_ids(report: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_weak_endpoint_is_reported_on_every_count() {
    if !openssl_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    openssl(
        dir.path(),
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:1024",
            "-keyout",
            "weak.key",
            "-out",
            "weak.pem",
            "-days",
            "5",
            "-nodes",
            "-subj",
            "/CN=legacy.internal",
        ],
    );
    // SECLEVEL=0 lets OpenSSL 3 use a 1024-bit key and TLS 1.0/1.1, as old servers do.
    let server = Server::start(
        dir.path(),
        "weak.pem",
        "weak.key",
        &["-cipher", "DEFAULT:@SECLEVEL=0"],
    );
    let report = monitor(server.port);
    assert_eq!(
        rule_ids(&report),
        [
            "monitor/tls/certificate-expiring",
            "monitor/tls/legacy-protocol",
            "monitor/tls/self-signed",
            "monitor/tls/weak-key",
        ],
        "{report}"
    );
    let text = report.to_string();
    assert!(text.contains("1024-bit RSA"), "{text}");
    assert!(text.contains("TLSv1.0 and TLSv1.1"), "{text}");
    assert!(text.contains("CN=legacy.internal"), "{text}");
}

#[test]
fn a_well_configured_endpoint_passes() {
    if !openssl_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    openssl(
        d,
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "3650",
            "-nodes",
            "-subj",
            "/CN=Test CA",
        ],
    );
    openssl(
        d,
        &[
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-keyout",
            "app.key",
            "-out",
            "app.csr",
            "-nodes",
            "-subj",
            "/CN=app.internal",
        ],
    );
    openssl(
        d,
        &[
            "x509",
            "-req",
            "-in",
            "app.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "app.pem",
            "-days",
            "365",
        ],
    );
    let server = Server::start(d, "app.pem", "app.key", &["-no_tls1", "-no_tls1_1"]);
    let report = monitor(server.port);
    assert!(rule_ids(&report).is_empty(), "{report}");
    assert!(report["skipped"].as_array().unwrap().is_empty(), "{report}");
}

#[test]
fn a_tls13_only_endpoint_has_its_certificate_read() {
    if !openssl_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    openssl(
        dir.path(),
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-keyout",
            "t.key",
            "-out",
            "t.pem",
            "-days",
            "10",
            "-nodes",
            "-subj",
            "/CN=modern.internal",
        ],
    );
    let server = Server::start(dir.path(), "t.pem", "t.key", &["-tls1_3"]);
    let report = monitor(server.port);
    // Only TLS 1.3: no legacy protocol, and the certificate (encrypted in the handshake)
    // is still judged: self-signed and expiring within the warning window.
    assert_eq!(
        rule_ids(&report),
        [
            "monitor/tls/certificate-expiring",
            "monitor/tls/self-signed",
        ],
        "{report}"
    );
    assert!(report["skipped"].as_array().unwrap().is_empty(), "{report}");
    assert!(
        report.to_string().contains("CN=modern.internal"),
        "{report}"
    );
}

#[test]
fn a_closed_port_is_unreadable_not_a_pass() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let report = monitor(port);
    assert!(rule_ids(&report).is_empty());
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{report}");
    assert_eq!(skipped[0]["path"], "asset:web");
}
