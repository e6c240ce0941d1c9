//! Servers and helpers the CLI tests share: a free loopback port, Redis and moto started on
//! 127.0.0.1 and stopped when dropped, and the rule that a missing tool skips a test locally
//! but fails it under CI. Each test binary uses a part of it.
#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

/// Whether a test that needs `what` must fail (under CI) rather than be skipped.
pub fn required(what: &str) -> bool {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is required under CI (.ci/run installs it)");
    }
    eprintln!("skipping: {what} is not available");
    false
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Wait until something listens on `port` (at most `secs` seconds).
pub fn wait_for_port(port: u16, secs: u64, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{what} did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A Redis server on a free loopback port, stopped when dropped.
pub struct Redis {
    child: Child,
    pub port: u16,
}

impl Redis {
    pub fn start(password: Option<&str>) -> Option<Redis> {
        let port = free_port();
        let mut cmd = Process::new("redis-server");
        cmd.args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--protected-mode", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(pw) = password {
            cmd.args(["--requirepass", pw]);
        }
        let child = cmd.spawn().ok()?;
        wait_for_port(port, 10, "redis-server");
        Some(Redis { child, port })
    }

    /// Send one command (RESP) and return the first line of the answer.
    pub fn command(&self, args: &[&str]) -> String {
        use std::io::{BufRead, BufReader, Write};
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut req = format!("*{}\r\n", args.len());
        for a in args {
            req.push_str(&format!("${}\r\n{a}\r\n", a.len()));
        }
        s.write_all(req.as_bytes()).unwrap();
        let mut line = String::new();
        BufReader::new(s).read_line(&mut line).unwrap();
        line
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A private certificate authority made with the openssl CLI, and a server certificate it
/// signed for 127.0.0.1 and localhost, in a temporary directory.
pub struct TestCa {
    dir: tempfile::TempDir,
}

impl TestCa {
    pub fn new() -> Option<TestCa> {
        let dir = tempfile::tempdir().unwrap();
        let openssl = |args: &[&str]| {
            Process::new("openssl")
                .args(args)
                .current_dir(dir.path())
                .output()
        };
        match openssl(&["version"]) {
            Ok(o) if o.status.success() => {}
            _ => {
                required("openssl");
                return None;
            }
        }
        std::fs::write(
            dir.path().join("san.ext"),
            "subjectAltName = IP:127.0.0.1, DNS:localhost\nbasicConstraints = CA:FALSE\nkeyUsage = digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth\n",
        )
        .unwrap();
        for args in [
            &[
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            ][..],
            &["req", "-newkey", "rsa:2048", "-nodes"][..],
            &[
                "x509",
                "-req",
                "-days",
                "2",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
            ][..],
        ] {
            let mut full: Vec<&str> = args.to_vec();
            match args[0] {
                "req" if args.contains(&"-x509") => full.extend([
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.pem",
                    "-subj",
                    "/CN=steward test CA",
                ]),
                "req" => full.extend([
                    "-keyout",
                    "server.key",
                    "-out",
                    "server.csr",
                    "-subj",
                    "/CN=127.0.0.1",
                ]),
                _ => full.extend([
                    "-CAkey",
                    "ca.key",
                    "-CAcreateserial",
                    "-extfile",
                    "san.ext",
                    "-out",
                    "server.pem",
                ]),
            }
            let out = openssl(&full).unwrap();
            assert!(
                out.status.success(),
                "openssl {full:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Some(TestCa { dir })
    }

    /// The CA certificate, for `SSL_CERT_FILE`.
    pub fn ca(&self) -> std::path::PathBuf {
        self.dir.path().join("ca.pem")
    }

    pub fn server_cert(&self) -> std::path::PathBuf {
        self.dir.path().join("server.pem")
    }

    pub fn server_key(&self) -> std::path::PathBuf {
        self.dir.path().join("server.key")
    }
}

/// moto's S3 (and KMS) on a free loopback port, stopped when dropped; set up with boto3.
pub struct Moto {
    child: Child,
    pub endpoint: String,
    /// The CA that signed its certificate, when it serves HTTPS.
    ca: Option<std::path::PathBuf>,
}

impl Moto {
    pub fn start() -> Option<Moto> {
        Moto::launch(None)
    }

    /// moto over HTTPS, with a certificate `ca` signed.
    pub fn start_tls(ca: &TestCa) -> Option<Moto> {
        Moto::launch(Some(ca))
    }

    fn launch(tls: Option<&TestCa>) -> Option<Moto> {
        let ready = Process::new("python3")
            .args(["-c", "import boto3, moto"])
            .status()
            .is_ok_and(|s| s.success());
        if !ready {
            required("moto (python3 -m pip install \"moto[server]\")");
            return None;
        }
        let port = free_port();
        let mut cmd = Process::new("moto_server");
        cmd.args(["-H", "127.0.0.1", "-p", &port.to_string()]);
        if let Some(ca) = tls {
            cmd.arg("-c")
                .arg(ca.server_cert())
                .arg("-k")
                .arg(ca.server_key());
        }
        let child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto_server");
        let scheme = if tls.is_some() { "https" } else { "http" };
        let moto = Moto {
            child,
            endpoint: format!("{scheme}://127.0.0.1:{port}"),
            ca: tls.map(TestCa::ca),
        };
        wait_for_port(port, 30, "moto_server");
        Some(moto)
    }

    /// Run a boto3 script with `s3`, `kms` and `json` defined; returns what it prints.
    pub fn boto(&self, script: &str) -> String {
        let verify = match &self.ca {
            Some(ca) => format!(", verify={:?}", ca.display().to_string()),
            None => String::new(),
        };
        let program = format!(
            "import boto3, json\nkw = dict(endpoint_url={:?}, region_name='us-east-1', aws_access_key_id='testing', aws_secret_access_key='testing'{verify})\ns3 = boto3.client('s3', **kw)\nkms = boto3.client('kms', **kw)\n{script}",
            self.endpoint
        );
        let out = Process::new("python3")
            .args(["-c", &program])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "boto3 script failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// [`Moto::boto`], for scripts that only set things up.
    pub fn s3(&self, script: &str) {
        self.boto(script);
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A MariaDB server with its own data directory on a free loopback port, stopped (and its
/// directory removed) when dropped. `sql` runs statements as root over its socket.
pub struct MariaDb {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl MariaDb {
    pub fn start() -> Option<MariaDb> {
        let have = [
            "/usr/sbin/mariadbd",
            "/usr/bin/mariadb-install-db",
            "/usr/bin/mariadb",
        ]
        .iter()
        .all(|p| std::path::Path::new(p).exists());
        if !have {
            required("MariaDB (apt-get install mariadb-server)");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let install = Process::new("mariadb-install-db")
            .args(["--no-defaults", "--auth-root-authentication-method=normal"])
            .args(["--skip-test-db", "--user=root"])
            .arg(format!("--datadir={}", data.display()))
            .output()
            .unwrap();
        assert!(
            install.status.success(),
            "{}",
            String::from_utf8_lossy(&install.stderr)
        );
        let port = free_port();
        let child = Process::new("mariadbd")
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", dir.path().join("sock").display()))
            .arg(format!("--pid-file={}", dir.path().join("pid").display()))
            .arg(format!("--log-error={}", dir.path().join("err").display()))
            .arg(format!("--port={port}"))
            .args(["--bind-address=127.0.0.1", "--user=root"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let db = MariaDb { child, port, dir };
        wait_for_port(port, 60, "mariadbd");
        Some(db)
    }

    pub fn sql(&self, statements: &str) {
        let out = Process::new("mariadb")
            .arg(format!(
                "--socket={}",
                self.dir.path().join("sock").display()
            ))
            .args(["-uroot", "-e", statements])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
