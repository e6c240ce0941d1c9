//! The Linux baseline pack against a real Debian root made with debootstrap
//! (`make-debian-root.sh`, cached outside the repository), a hardened copy of it, and a
//! weakened copy: weak sshd settings, auditd purged with dpkg, a world-writable file in /etc.
//! Without debootstrap (or root) the tests say why and pass, unless CI is set.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use steward_ops::controls::{
    self, ControlResult, Outcome, RootReader, SourcedControl, StateReader, packages::PackageManager,
};

fn versions(m: PackageManager, a: &str, b: &str) -> Result<std::cmp::Ordering, String> {
    let eco = match m {
        PackageManager::Dpkg => steward_deps::version::Ecosystem::Debian,
        PackageManager::Apk => steward_deps::version::Ecosystem::Alpine,
        PackageManager::Rpm => steward_deps::version::Ecosystem::RedHat,
    };
    steward_deps::version::compare(eco, a, b).map_err(|e| e.to_string())
}

/// The cached debootstrap root, or `None` (with the reason printed) when it cannot be built.
fn debian_root() -> Option<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/make-debian-root.sh");
    let out = Command::new("bash").arg(&script).output();
    let why = match out {
        Ok(o) if o.status.success() => {
            return Some(PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
        }
        Ok(o) => String::from_utf8_lossy(&o.stderr).into_owned(),
        Err(e) => e.to_string(),
    };
    let msg = format!(
        "cannot build the Debian root with {}: {why}",
        script.display()
    );
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    eprintln!("skipped: {msg}");
    None
}

/// A full copy of `root` (not hard links: dpkg and the edits below must not reach the cache).
fn copy_root(root: &Path, into: &Path) -> PathBuf {
    let dest = into.join("root");
    let st = Command::new("cp")
        .arg("-a")
        .arg(root)
        .arg(&dest)
        .status()
        .unwrap();
    assert!(st.success(), "cp -a {}", root.display());
    dest
}

fn write(root: &Path, path: &str, content: &str, mode: u32) {
    let p = root.join(path.trim_start_matches('/'));
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    let _ = std::fs::remove_file(&p);
    std::fs::write(&p, content).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn prepend(root: &Path, path: &str, lines: &str, mode: u32) {
    let p = root.join(path.trim_start_matches('/'));
    let old = std::fs::read_to_string(&p).unwrap();
    write(root, path, &format!("{lines}{old}"), mode);
}

fn append(root: &Path, path: &str, lines: &str) {
    let p = root.join(path.trim_start_matches('/'));
    let old = std::fs::read_to_string(&p).unwrap_or_default();
    let mode = std::fs::metadata(&p)
        .map(|m| m.permissions().mode() & 0o7777)
        .unwrap_or(0o644);
    write(root, path, &format!("{old}{lines}"), mode);
}

/// What an administrator following the baseline's remediations does to a fresh install.
fn harden(root: &Path) {
    prepend(
        root,
        "/etc/ssh/sshd_config",
        "PermitRootLogin no\nPasswordAuthentication no\nPermitEmptyPasswords no\nMaxAuthTries 4\nX11Forwarding no\n",
        0o600,
    );
    append(root, "/etc/login.defs", "PASS_MAX_DAYS\t365\n");
    append(root, "/etc/security/pwquality.conf", "minlen = 14\n");
    write(
        root,
        "/etc/audit/rules.d/50-identity.rules",
        "-w /etc/passwd -p wa -k identity\n-w /etc/shadow -p wa -k identity\n-w /etc/sudoers -p wa -k scope\n",
        0o640,
    );
    append(
        root,
        "/etc/security/limits.conf",
        "*    hard    core    0\n",
    );
    write(
        root,
        "/etc/sysctl.d/60-coredump.conf",
        "fs.suid_dumpable = 0\n",
        0o644,
    );
    write(
        root,
        "/etc/apt/apt.conf.d/20auto-upgrades",
        "APT::Periodic::Update-Package-Lists \"1\";\nAPT::Periodic::Unattended-Upgrade \"1\";\n",
        0o644,
    );
}

/// The deliberate deviations.
fn weaken(root: &Path) {
    prepend(
        root,
        "/etc/ssh/sshd_config",
        "PermitRootLogin yes\nPasswordAuthentication yes\n",
        0o600,
    );
    let st = Command::new("dpkg")
        .arg(format!("--root={}", root.display()))
        .args(["--purge", "auditd"])
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "dpkg --purge auditd: {}",
        String::from_utf8_lossy(&st.stderr)
    );
    write(root, "/etc/weak.conf", "anyone may write this\n", 0o666);
}

fn baseline() -> Vec<SourcedControl> {
    controls::builtin_pack("linux-baseline")
        .expect("the pack exists")
        .expect("the pack parses")
        .controls
        .into_iter()
        .map(|control| SourcedControl {
            control,
            source: "linux-baseline".into(),
        })
        .collect()
}

fn outcomes(results: &[ControlResult]) -> BTreeMap<String, (Outcome, String)> {
    results
        .iter()
        .map(|r| {
            (
                r.control.id().to_string(),
                (r.evaluation.outcome, r.evaluation.message.clone()),
            )
        })
        .collect()
}

fn with_outcome(o: &BTreeMap<String, (Outcome, String)>, want: Outcome) -> Vec<&str> {
    o.iter()
        .filter(|(_, (x, _))| *x == want)
        .map(|(id, _)| id.as_str())
        .collect()
}

#[test]
fn baseline_on_fresh_hardened_and_weakened_debian_roots() {
    let Some(root) = debian_root() else { return };
    let work = tempfile::tempdir_in(root.parent().unwrap()).unwrap();
    let pack = baseline();

    // The fresh install: what Debian ships does not meet the baseline, and says where.
    let fresh = RootReader::new(&root).unwrap();
    let o = outcomes(&controls::verify(&pack, &fresh, &versions));
    let failing = with_outcome(&o, Outcome::Fail);
    for id in [
        "ssh-no-root-login",
        "ssh-no-password-auth",
        "ssh-config-permissions",
        "password-max-age",
        "audit-identity-changes",
    ] {
        assert!(
            failing.contains(&id),
            "{id} should fail on a fresh root: {o:#?}"
        );
    }
    assert!(
        o["ssh-no-root-login"].1.contains("prohibit-password"),
        "the default is named: {}",
        o["ssh-no-root-login"].1
    );
    for id in [
        "auditd-installed",
        "auditd-enabled",
        "firewall-installed",
        "no-empty-passwords",
        "shadow-permissions",
        "no-world-writable-system-files",
        "unattended-upgrades-installed",
    ] {
        assert_eq!(o[id].0, Outcome::Pass, "{id}: {}", o[id].1);
    }

    // Units: enabled by a link in /etc, static (linked by the distribution), and masked.
    let units = steward_core::manifest::ControlPack::parse(
        "units.toml",
        "[pack]\nid = \"u\"\ntitle = \"U\"\n\n[[control]]\nid = \"ssh-on\"\nservice = { name = \"ssh\", enabled = true }\n\n[[control]]\nid = \"journald-on\"\nservice = { name = \"systemd-journald\", enabled = true }\n\n[[control]]\nid = \"ssh-off\"\nservice = { name = \"ssh.service\", enabled = false }\n\n[[control]]\nid = \"nft-on\"\nservice = { name = \"nftables\", enabled = true }\n",
    )
    .unwrap();
    let units: Vec<SourcedControl> = units
        .controls
        .into_iter()
        .map(|control| SourcedControl {
            control,
            source: "units".into(),
        })
        .collect();
    let o = outcomes(&controls::verify(&units, &fresh, &versions));
    assert_eq!(o["ssh-on"].0, Outcome::Pass, "{o:#?}");
    assert_eq!(o["journald-on"].0, Outcome::Pass, "{o:#?}");
    assert_eq!(o["ssh-off"].0, Outcome::Fail, "{o:#?}");
    assert_eq!(
        o["nft-on"].0,
        Outcome::Fail,
        "installed, not enabled: {o:#?}"
    );
    assert!(o["nft-on"].1.contains("disabled"), "{o:#?}");

    // Hardened as the remediations say: everything passes; only what needs a running
    // system is not checkable.
    let good_dir = work.path().join("good");
    std::fs::create_dir(&good_dir).unwrap();
    let good = copy_root(&root, &good_dir);
    harden(&good);
    let good_reader = RootReader::new(&good).unwrap();
    let good_results = controls::verify(&pack, &good_reader, &versions);
    let o = outcomes(&good_results);
    assert_eq!(
        with_outcome(&o, Outcome::Fail),
        Vec::<&str>::new(),
        "{o:#?}"
    );
    assert_eq!(
        with_outcome(&o, Outcome::NotCheckable),
        ["auditd-running"],
        "{o:#?}"
    );

    // Weakened: exactly the deviations fail.
    let weak_dir = work.path().join("weak");
    std::fs::create_dir(&weak_dir).unwrap();
    let weak = copy_root(&good, &weak_dir);
    weaken(&weak);
    let weak_reader = RootReader::new(&weak).unwrap();
    let weak_results = controls::verify(&pack, &weak_reader, &versions);
    let o = outcomes(&weak_results);
    assert_eq!(
        with_outcome(&o, Outcome::Fail),
        [
            "auditd-enabled",
            "auditd-installed",
            "no-world-writable-system-files",
            "ssh-no-password-auth",
            "ssh-no-root-login",
        ],
        "{o:#?}"
    );
    assert!(
        o["no-world-writable-system-files"]
            .1
            .contains("/etc/weak.conf")
    );
    assert!(
        o["ssh-no-root-login"].1.contains("/etc/ssh/sshd_config:1"),
        "{}",
        o["ssh-no-root-login"].1
    );

    // The finding points at the line.
    let f = weak_results
        .iter()
        .find(|r| r.control.id() == "ssh-no-root-login")
        .map(|r| controls::finding(r, &weak_reader))
        .unwrap();
    assert_eq!(f.rule_id, "controls/ssh-no-root-login");
    assert_eq!(
        (f.location.path.as_str(), f.location.start_line),
        ("/etc/ssh/sshd_config", 1)
    );
    assert_eq!(f.location.snippet.as_deref(), Some("PermitRootLogin yes"));

    // The diff between the two states names each deviation.
    let a = controls::state("good", &good_reader, &good_results);
    let b = controls::state("weak", &weak_reader, &weak_results);
    let d = controls::diff::compare(&a, &b);
    let paths: Vec<String> = d
        .iter()
        .map(|d| format!("{} {}", d.control, d.path))
        .collect();
    for want in [
        "ssh-no-root-login outcome",
        "ssh-no-root-login observed.keys.PermitRootLogin",
        "auditd-installed observed.installed.auditd",
        "auditd-enabled observed.state",
        "no-world-writable-system-files observed.paths",
    ] {
        assert!(
            paths.iter().any(|p| p == want),
            "{want} missing from {paths:#?}"
        );
    }
    let ww = d.iter().find(|d| d.path == "observed.paths").unwrap();
    assert_eq!(ww.b, serde_json::json!(["/etc/weak.conf"]));
    assert!(weak_reader.describe().contains("weak"));
}
