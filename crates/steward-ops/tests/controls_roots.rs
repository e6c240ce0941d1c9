//! Package and service controls on roots that are not Debian with systemd: rpm's SQLite
//! database (one written here from header blobs, and one made by the real `rpm` when it is
//! installed), Alpine's apk database, OpenRC runlevels and SysV rc links, and whether such
//! a service runs on a live host.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use steward_core::manifest::{PackageCheck, ServiceCheck};
use steward_ops::controls::check::{self, Outcome};
use steward_ops::controls::packages::{self, Inventory, PackageManager, RpmHeader};
use steward_ops::controls::reader::{CommandOutput, FileKind, Meta, ReadError};
use steward_ops::controls::{RootReader, StateReader};

fn versions(m: PackageManager, a: &str, b: &str) -> Result<Ordering, String> {
    let eco = match m {
        PackageManager::Dpkg => steward_deps::version::Ecosystem::Debian,
        PackageManager::Apk => steward_deps::version::Ecosystem::Alpine,
        PackageManager::Rpm => steward_deps::version::Ecosystem::RedHat,
    };
    steward_deps::version::compare(eco, a, b).map_err(|e| e.to_string())
}

fn write(root: &Path, path: &str, body: &[u8]) {
    let p = root.join(path.trim_start_matches('/'));
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, body).unwrap();
}

fn link(root: &Path, target: &str, path: &str) {
    let p = root.join(path.trim_start_matches('/'));
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, p).unwrap();
}

fn package(toml: &str) -> PackageCheck {
    toml::from_str(toml).unwrap()
}

fn service(toml: &str) -> ServiceCheck {
    toml::from_str(toml).unwrap()
}

/// An rpm SQLite database holding `headers`, laid out as rpm 4.16+ creates it.
fn write_rpmdb(path: &Path, headers: &[RpmHeader]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let db = rusqlite::Connection::open(path).unwrap();
    db.execute_batch(
        "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL);
         CREATE TABLE Name (key TEXT NOT NULL, hnum INTEGER NOT NULL, idx INTEGER NOT NULL);",
    )
    .unwrap();
    for h in headers {
        db.execute("INSERT INTO Packages (blob) VALUES (?1)", [h.to_blob()])
            .unwrap();
    }
}

fn header(name: &str, epoch: Option<u32>, version: &str, release: &str) -> RpmHeader {
    RpmHeader {
        name: name.into(),
        epoch,
        version: version.into(),
        release: release.into(),
    }
}

#[test]
fn an_rpm_sqlite_database_under_a_root_is_read_offline() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Fedora 36+: the database lives in /usr/lib/sysimage/rpm, /var/lib/rpm links to it.
    write_rpmdb(
        &root.join("usr/lib/sysimage/rpm/rpmdb.sqlite"),
        &[
            header("openssh-server", Some(0), "8.7p1", "38.el9"),
            header("audit", None, "3.1.2", "2.el9"),
            header("falcon-sensor", Some(1), "7.10.0", "16303.el9"),
            header("gpg-pubkey", None, "fd431d51", "4ae0493b"),
        ],
    );
    std::fs::create_dir_all(root.join("var/lib")).unwrap();
    link(root, "../../usr/lib/sysimage/rpm", "/var/lib/rpm");
    let reader = RootReader::new(root).unwrap();
    let Inventory::Known { manager, installed } = packages::inventory(&reader, &[]).unwrap() else {
        panic!("the rpm database was not read");
    };
    assert_eq!(manager, PackageManager::Rpm);
    assert_eq!(installed["openssh-server"], "8.7p1-38.el9");
    assert_eq!(installed["audit"], "3.1.2-2.el9");
    assert_eq!(installed["falcon-sensor"], "1:7.10.0-16303.el9");
    assert!(!installed.contains_key("gpg-pubkey"));

    let e = check::package(
        &package("name = \"falcon-sensor\"\nmin_version = \"1:7.9\""),
        &reader,
        &versions,
    )
    .unwrap();
    assert_eq!(e.outcome, Outcome::Pass, "{}", e.message);
    let e = check::package(
        &package("name = \"openssh-server\"\nmin_version = \"9.0p1\""),
        &reader,
        &versions,
    )
    .unwrap();
    assert_eq!(e.outcome, Outcome::Fail, "{}", e.message);
    assert!(
        e.message.contains("older than the required 9.0p1"),
        "{}",
        e.message
    );
    let e = check::package(
        &package("name = \"telnet-server\"\nabsent = true"),
        &reader,
        &versions,
    )
    .unwrap();
    assert_eq!(e.outcome, Outcome::Pass, "{}", e.message);
    // The image was only read: no journal or lock file appeared next to it.
    let files: Vec<String> = std::fs::read_dir(root.join("usr/lib/sysimage/rpm"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["rpmdb.sqlite"]);
}

#[test]
fn a_corrupt_rpm_header_and_a_berkeleydb_database_are_not_checkable_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("var/lib/rpm/rpmdb.sqlite");
    write_rpmdb(&db, &[header("bash", None, "5.1.8", "6.el9")]);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "INSERT INTO Packages (blob) VALUES (x'0000000900000000')",
            [],
        )
        .unwrap();
    let reader = RootReader::new(dir.path()).unwrap();
    // A read error, which the control reports as not checkable, naming the header.
    let e = check::package(&package("name = \"bash\""), &reader, &versions).unwrap_err();
    assert!(e.reason.contains("package header #2"), "{e}");

    let bdb = tempfile::tempdir().unwrap();
    write(
        bdb.path(),
        "/var/lib/rpm/Packages",
        b"\0\0\0\0\x61\x15\x06\0",
    );
    let reader = RootReader::new(bdb.path()).unwrap();
    let e = check::package(&package("name = \"bash\""), &reader, &versions).unwrap();
    assert_eq!(e.outcome, Outcome::NotCheckable);
    assert!(e.message.contains("BerkeleyDB"), "{}", e.message);
    assert!(e.message.contains("rpm -q"), "{}", e.message);
}

/// An rpm database made by rpm itself: packages built with rpmbuild, recorded with
/// `rpm --justdb` into a fresh root.
#[test]
fn a_database_written_by_rpm_itself() {
    if Command::new("rpmbuild").arg("--version").output().is_err() {
        if std::env::var_os("CI").is_some() {
            panic!("rpm (rpmbuild) is required under CI (.ci/run installs it)");
        }
        eprintln!("skipping: rpm is not installed (apt-get install rpm)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().join("build");
    let root = dir.path().join("root");
    std::fs::create_dir_all(&root).unwrap();
    for (name, epoch, version, release) in [
        ("openssh-server", "0", "8.7p1", "38.el9"),
        ("falcon-sensor", "2", "7.11.0", "16407.el9"),
    ] {
        let spec = dir.path().join(format!("{name}.spec"));
        std::fs::write(
            &spec,
            format!(
                "Name: {name}\nEpoch: {epoch}\nVersion: {version}\nRelease: {release}\nSummary: fixture\nLicense: MIT\nBuildArch: noarch\n%description\nfixture\n%files\n"
            ),
        )
        .unwrap();
        let out = Command::new("rpmbuild")
            .arg("--define")
            .arg(format!("_topdir {}", top.display()))
            .arg("-bb")
            .arg(&spec)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let rpm = |args: &[&str]| {
        let out = Command::new("rpm")
            .arg("--root")
            .arg(&root)
            .args(["--dbpath", "/var/lib/rpm"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "rpm {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    rpm(&["--initdb"]);
    let mut install = vec!["-i", "--justdb", "--nodeps", "--noscripts"];
    let rpms: Vec<String> = std::fs::read_dir(top.join("RPMS/noarch"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    install.extend(rpms.iter().map(String::as_str));
    rpm(&install);
    let reader = RootReader::new(&root).unwrap();
    let Inventory::Known { manager, installed } = packages::inventory(&reader, &[]).unwrap() else {
        panic!("the database rpm wrote was not read");
    };
    assert_eq!(manager, PackageManager::Rpm);
    let expected: BTreeMap<String, String> = [
        (
            "falcon-sensor".to_string(),
            "2:7.11.0-16407.el9".to_string(),
        ),
        ("openssh-server".to_string(), "8.7p1-38.el9".to_string()),
    ]
    .into();
    assert_eq!(installed, expected);
}

#[test]
fn alpine_roots_read_apks_database() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "/lib/apk/db/installed",
        b"C:Q1abc=\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\n\nC:Q1def=\nP:openssh-server\nV:9.6_p1-r0\nA:x86_64\n\n",
    );
    let reader = RootReader::new(dir.path()).unwrap();
    let e = check::package(
        &package("name = \"openssh-server\"\nmin_version = \"9.3_p2-r0\""),
        &reader,
        &versions,
    )
    .unwrap();
    assert_eq!(e.outcome, Outcome::Pass, "{}", e.message);
    assert_eq!(e.observed["manager"], "apk");
    let e = check::package(
        &package("name = \"openssh-server\"\nmin_version = \"9.7_p1-r0\""),
        &reader,
        &versions,
    )
    .unwrap();
    assert_eq!(e.outcome, Outcome::Fail, "{}", e.message);
    let e = check::package(&package("name = \"auditd\""), &reader, &versions).unwrap();
    assert_eq!(e.outcome, Outcome::Fail);
    assert!(e.message.contains("not installed (apk)"), "{}", e.message);
}

#[test]
fn openrc_runlevels_and_sysv_rc_links_enable_services() {
    // Alpine: OpenRC, /etc/runlevels/LEVEL/NAME links to /etc/init.d/NAME.
    let alpine = tempfile::tempdir().unwrap();
    let a = alpine.path();
    write(a, "/etc/init.d/sshd", b"#!/sbin/openrc-run\n");
    write(a, "/etc/init.d/auditd", b"#!/sbin/openrc-run\n");
    std::fs::create_dir_all(a.join("etc/runlevels/boot")).unwrap();
    link(a, "/etc/init.d/sshd", "/etc/runlevels/default/sshd");
    let reader = RootReader::new(a).unwrap();
    let e = check::service(&service("name = \"sshd\"\nenabled = true"), &reader).unwrap();
    assert_eq!(e.outcome, Outcome::Pass, "{}", e.message);
    assert_eq!(e.observed["init"], "openrc");
    assert_eq!(e.observed["runlevels"], serde_json::json!(["default"]));
    let e = check::service(&service("name = \"auditd\"\nenabled = true"), &reader).unwrap();
    assert_eq!(e.outcome, Outcome::Fail);
    assert!(
        e.message
            .contains("auditd (openrc init script) is disabled"),
        "{}",
        e.message
    );
    let e = check::service(&service("name = \"zeek\"\nenabled = true"), &reader).unwrap();
    assert_eq!(e.outcome, Outcome::Fail);
    assert!(
        e.message.contains("no init script /etc/init.d/zeek"),
        "{}",
        e.message
    );
    // Whether it runs needs a running host.
    let e = check::service(&service("name = \"sshd\"\nrunning = true"), &reader).unwrap();
    assert_eq!(e.outcome, Outcome::NotCheckable, "{}", e.message);

    // Devuan or Debian with sysvinit: S links in /etc/rcN.d.
    let sysv = tempfile::tempdir().unwrap();
    let s = sysv.path();
    write(s, "/etc/init.d/zeek", b"#!/bin/sh\n");
    write(s, "/etc/init.d/telnetd", b"#!/bin/sh\n");
    for level in ["2", "3", "4", "5"] {
        link(s, "../init.d/zeek", &format!("/etc/rc{level}.d/S01zeek"));
        link(
            s,
            "../init.d/telnetd",
            &format!("/etc/rc{level}.d/K01telnetd"),
        );
    }
    let reader = RootReader::new(s).unwrap();
    let e = check::service(&service("name = \"zeek\"\nenabled = true"), &reader).unwrap();
    assert_eq!(e.outcome, Outcome::Pass, "{}", e.message);
    assert_eq!(
        e.observed["runlevels"],
        serde_json::json!(["2", "3", "4", "5"])
    );
    let e = check::service(&service("name = \"telnetd\"\nenabled = false"), &reader).unwrap();
    assert_eq!(e.outcome, Outcome::Pass, "{}", e.message);
    let e = check::service(&service("name = \"telnetd\"\nenabled = true"), &reader).unwrap();
    assert_eq!(e.outcome, Outcome::Fail);
    assert!(
        e.message.contains("sysv init script) is disabled"),
        "{}",
        e.message
    );

    // A native systemd unit wins over an init script of the same name.
    write(
        s,
        "/lib/systemd/system/zeek.service",
        b"[Install]\nWantedBy=multi-user.target\n",
    );
    let e = check::service(&service("name = \"zeek\"\nenabled = true"), &reader).unwrap();
    assert_eq!(e.outcome, Outcome::Fail);
    assert!(
        e.message.contains("zeek.service is disabled"),
        "{}",
        e.message
    );
}

/// A root read as if it were a running host: files from the root, commands answered from
/// a table (what `/etc/init.d/NAME status` would exit with).
struct PretendLive {
    root: RootReader,
    exits: BTreeMap<String, i32>,
}

impl StateReader for PretendLive {
    fn describe(&self) -> String {
        "a pretend host".into()
    }
    fn default_key(&self) -> String {
        "pretend".into()
    }
    fn is_live(&self) -> bool {
        true
    }
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, ReadError> {
        self.root.read(path)
    }
    fn stat(&self, path: &str) -> Result<Option<Meta>, ReadError> {
        self.root.stat(path)
    }
    fn lstat(&self, path: &str) -> Result<Option<Meta>, ReadError> {
        self.root.lstat(path)
    }
    fn read_link(&self, path: &str) -> Result<Option<String>, ReadError> {
        self.root.read_link(path)
    }
    fn list(&self, dir: &str) -> Result<Option<Vec<(String, FileKind)>>, ReadError> {
        self.root.list(dir)
    }
    fn run(&self, argv: &[&str]) -> Option<Result<CommandOutput, ReadError>> {
        let status = self.exits.get(&argv.join(" ")).copied().unwrap_or(127);
        Some(Ok(CommandOutput {
            status: Some(status),
            stdout: String::new(),
        }))
    }
}

#[test]
fn init_script_services_run_by_openrc_state_or_the_lsb_status_code() {
    let alpine = tempfile::tempdir().unwrap();
    let a = alpine.path();
    write(a, "/etc/init.d/sshd", b"#!/sbin/openrc-run\n");
    write(a, "/etc/init.d/auditd", b"#!/sbin/openrc-run\n");
    link(a, "/etc/init.d/sshd", "/etc/runlevels/default/sshd");
    link(a, "/etc/init.d/auditd", "/etc/runlevels/default/auditd");
    link(a, "/etc/init.d/sshd", "/run/openrc/started/sshd");
    std::fs::create_dir_all(a.join("run/openrc/stopped")).unwrap();
    let host = PretendLive {
        root: RootReader::new(a).unwrap(),
        exits: BTreeMap::new(),
    };
    let e = check::service(&service("name = \"sshd\"\nrunning = true"), &host).unwrap();
    assert_eq!(e.outcome, Outcome::Pass, "{}", e.message);
    let e = check::service(&service("name = \"auditd\"\nrunning = true"), &host).unwrap();
    assert_eq!(e.outcome, Outcome::Fail, "{}", e.message);
    assert!(e.message.contains("is not running"), "{}", e.message);

    let sysv = tempfile::tempdir().unwrap();
    let s = sysv.path();
    for name in ["zeek", "auditd", "odd"] {
        write(s, &format!("/etc/init.d/{name}"), b"#!/bin/sh\n");
        link(
            s,
            &format!("../init.d/{name}"),
            &format!("/etc/rc2.d/S01{name}"),
        );
    }
    let host = PretendLive {
        root: RootReader::new(s).unwrap(),
        exits: [
            ("/etc/init.d/zeek status".to_string(), 0),
            ("/etc/init.d/auditd status".to_string(), 3),
            ("/etc/init.d/odd status".to_string(), 4),
        ]
        .into(),
    };
    let e = check::service(
        &service("name = \"zeek\"\nrunning = true\nenabled = true"),
        &host,
    )
    .unwrap();
    assert_eq!(e.outcome, Outcome::Pass, "{}", e.message);
    let e = check::service(&service("name = \"auditd\"\nrunning = true"), &host).unwrap();
    assert_eq!(e.outcome, Outcome::Fail, "{}", e.message);
    let e = check::service(&service("name = \"auditd\"\nrunning = false"), &host).unwrap();
    assert_eq!(e.outcome, Outcome::Pass, "{}", e.message);
    // LSB 4: the status is unknown, and steward says so rather than guess.
    let e = check::service(&service("name = \"odd\"\nrunning = true"), &host).unwrap();
    assert_eq!(e.outcome, Outcome::NotCheckable, "{}", e.message);
    assert!(e.message.contains("does not say"), "{}", e.message);
}
