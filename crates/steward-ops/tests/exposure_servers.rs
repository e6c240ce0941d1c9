//! The exposure probes against real servers started on 127.0.0.1 for each test and stopped
//! after it: Mosquitto with and without anonymous access, MariaDB with a passwordless root
//! and then with a password, RabbitMQ with its guest user and then without it. The Debian
//! packages (mosquitto, mariadb-server, rabbitmq-server) are installed by .ci/run; without
//! them a test is skipped, unless CI is set.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use steward_ops::exposure::{Observation, probe_for};

fn available(binary: &str) -> bool {
    let found = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths)
            .chain([Path::new("/usr/sbin").to_path_buf()])
            .any(|d| d.join(binary).is_file())
    });
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!("{binary} is required under CI (.ci/run installs it)");
        }
        eprintln!("skipping: {binary} is not installed");
    }
    found
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16, child: &mut Child, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited before listening: {status}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{what} did not listen on {port} within 60 s");
}

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "steward-exposure-{tag}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A child process killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn probe(kind: &str, location: &str) -> Observation {
    let (probe, _) = probe_for(kind).unwrap();
    probe(location).unwrap_or_else(|e| panic!("{kind} probe failed: {e}"))
}

fn mosquitto(dir: &Path, anonymous: bool) -> (Server, u16) {
    let port = free_port();
    let conf = dir.join(format!("mosquitto-{anonymous}.conf"));
    std::fs::write(
        &conf,
        format!(
            "listener {port} 127.0.0.1\nallow_anonymous {anonymous}\npersistence false\nlog_dest stderr\n"
        ),
    )
    .unwrap();
    let mut child = Command::new("mosquitto")
        .arg("-c")
        .arg(&conf)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_port(port, &mut child, "mosquitto");
    (Server(child), port)
}

#[test]
fn mqtt_anonymous_broker_is_open_and_one_with_auth_is_not() {
    if !available("mosquitto") {
        return;
    }
    let dir = TempDir::new("mqtt");
    let (_open, port) = mosquitto(dir.path(), true);
    match probe("mqtt", &format!("mqtt://127.0.0.1:{port}")) {
        Observation::Open { how } => assert!(how.contains("anonymous"), "{how}"),
        other => panic!("{other:?}"),
    }
    let (_closed, port) = mosquitto(dir.path(), false);
    assert_eq!(
        probe("mqtt", &format!("mqtt://127.0.0.1:{port}")),
        Observation::Protected
    );
}

#[test]
fn mariadb_root_without_password_is_open_until_it_gets_one() {
    if !available("mariadbd") || !available("mariadb-install-db") {
        return;
    }
    let dir = TempDir::new("mariadb");
    let data = dir.path().join("data");
    let socket = dir.path().join("sock");
    let install = Command::new("mariadb-install-db")
        .args([
            "--no-defaults",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
            "--user=root",
        ])
        .arg(format!("--datadir={}", data.display()))
        .output()
        .unwrap();
    assert!(
        install.status.success(),
        "{}",
        String::from_utf8_lossy(&install.stderr)
    );
    let port = free_port();
    let mut child = Command::new("mariadbd")
        .arg("--no-defaults")
        .arg(format!("--datadir={}", data.display()))
        .arg(format!("--socket={}", socket.display()))
        .arg(format!("--pid-file={}", dir.path().join("pid").display()))
        .arg(format!("--log-error={}", dir.path().join("err").display()))
        .arg(format!("--port={port}"))
        .args(["--bind-address=127.0.0.1", "--user=root"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_port(port, &mut child, "mariadbd");
    let _server = Server(child);
    let location = format!("mysql://127.0.0.1:{port}");
    match probe("mariadb", &location) {
        Observation::Open { how } => assert!(how.contains("`root`"), "{how}"),
        other => panic!("{other:?}"),
    }
    let set = Command::new("mariadb")
        .arg(format!("--socket={}", socket.display()))
        .args(["-uroot", "-e"])
        .arg({
            // A throwaway value for a server that lives as long as this test.
            let fresh = "Long-unguessable-7f3a";
            format!(
                "ALTER USER root@'127.0.0.1' IDENTIFIED BY '{fresh}'; \
                 ALTER USER root@'localhost' IDENTIFIED BY '{fresh}'; \
                 ALTER USER root@'::1' IDENTIFIED BY '{fresh}'; FLUSH PRIVILEGES;"
            )
        })
        .output()
        .unwrap();
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    assert_eq!(probe("mariadb", &location), Observation::Protected);
}

#[test]
fn rabbitmq_guest_login_is_open_until_guest_is_deleted() {
    if !available("rabbitmq-server") {
        return;
    }
    let dir = TempDir::new("rabbitmq");
    let base = dir.path();
    std::fs::create_dir_all(base.join("home")).unwrap();
    std::fs::write(base.join("plugins"), "").unwrap();
    // The server script runs the broker as the `rabbitmq` user: it must own its directories.
    let _ = Command::new("chown")
        .args(["-R", "rabbitmq:rabbitmq"])
        .arg(base)
        .status();
    let _ = Command::new("chmod").arg("755").arg(base).status();
    let port = free_port();
    let node = format!("steward{}@localhost", std::process::id());
    let env = |c: &mut Command| {
        c.env("HOME", base.join("home"))
            .env("RABBITMQ_NODENAME", &node)
            .env("RABBITMQ_NODE_PORT", port.to_string())
            .env("RABBITMQ_DIST_PORT", free_port().to_string())
            .env("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .env("RABBITMQ_MNESIA_BASE", base.join("mnesia"))
            .env("RABBITMQ_LOG_BASE", base.join("log"))
            .env("RABBITMQ_ENABLED_PLUGINS_FILE", base.join("plugins"))
            .env("RABBITMQ_PID_FILE", base.join("pid"));
    };
    // Erlang starts its port mapper daemon (epmd) on first use: stop it after, if so.
    let epmd_was_running = Command::new("epmd")
        .arg("-names")
        .output()
        .is_ok_and(|o| o.status.success());
    let mut server = Command::new("rabbitmq-server");
    env(&mut server);
    let mut child = server
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_port(port, &mut child, "rabbitmq-server");
    let server = Server(child);
    let location = format!("amqp://127.0.0.1:{port}");
    match probe("rabbitmq", &location) {
        Observation::Open { how } => assert!(how.contains("guest"), "{how}"),
        other => panic!("{other:?}"),
    }
    let mut ctl = Command::new("rabbitmqctl");
    env(&mut ctl);
    let out = ctl
        .args(["-n", &node, "delete_user", "guest"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(probe("rabbitmq", &location), Observation::Protected);
    // Stop the Erlang node cleanly: killing the wrapper script may leave it running.
    let mut stop = Command::new("rabbitmqctl");
    env(&mut stop);
    let _ = stop.args(["-n", &node, "stop"]).output();
    drop(server);
    if !epmd_was_running {
        let _ = Command::new("epmd").arg("-kill").output();
    }
}
