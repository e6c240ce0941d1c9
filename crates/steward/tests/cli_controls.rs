//! `steward controls verify|diff|export` through the real binary: fixture roots built in the
//! test, the live machine, a real Debian root made with debootstrap (cached outside the
//! repository by steward-ops' make-debian-root.sh), a real sshd on 127.0.0.1, and
//! `ansible-playbook --syntax-check` on the export.

use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;

fn steward(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

fn write(dir: &Path, path: &str, body: &str) {
    let p = dir.join(path.trim_start_matches('/'));
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    let _ = std::fs::remove_file(&p);
    std::fs::write(p, body).unwrap();
}

fn chmod(dir: &Path, path: &str, mode: u32) {
    std::fs::set_permissions(
        dir.join(path.trim_start_matches('/')),
        std::fs::Permissions::from_mode(mode),
    )
    .unwrap();
}

/// Whether a test that needs `what` must fail (under CI) rather than be skipped.
fn required(what: &str) -> bool {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is required under CI (.ci/run installs it)");
    }
    eprintln!("skipping: {what} is not available");
    false
}

const MANIFEST: &str = r#"[product]
name = "checkout"

[[control]]
id = "sshd-root"
title = "No root logins over SSH"
severity = "high"
requirements = ["STW-CONFIG-001"]
file = { path = "/etc/ssh/sshd_config", format = "sshd", keys = { PermitRootLogin = "no" } }

[[control]]
id = "edr-agent"
title = "The EDR agent is installed"
severity = "critical"
package = { name = "falcon-sensor", min_version = "7.10" }

[[control]]
id = "proxy-config"
title = "Outbound traffic goes through the proxy"
severity = "medium"
file = { path = "/etc/proxy.json", format = "json", keys = { "proxy.url" = "~^http://proxy\\.internal:3128$", "proxy.enabled" = true } }

[[control]]
id = "zeek-sensor"
title = "Zeek is enabled"
severity = "high"
environments = ["production"]
service = { name = "zeek", enabled = true }

[[control]]
id = "ip-forwarding-off"
severity = "medium"
sysctl = { key = "net.ipv4.ip_forward", value = 0 }

[[control]]
id = "no-games-account"
severity = "low"
user = { name = "games", absent = true }

[[control]]
id = "backup-job"
severity = "medium"
cron = { regex = "backup\\.sh" }

[[control]]
id = "audit-passwd"
severity = "medium"
audit_rule = { rule = "-w /etc/passwd -p wa" }

[[control]]
id = "no-usb-storage"
severity = "low"
kernel_module = { name = "usb-storage" }

[[control]]
id = "authorized-keys"
severity = "high"
file = { path = "/root/.ssh/authorized_keys", owner = "root", max_mode = "0600", not_regex = "backdoor@" }
"#;

/// A small root with everything MANIFEST asks for in order.
fn good_root(root: &Path) {
    write(
        root,
        "/etc/ssh/sshd_config",
        "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\n",
    );
    write(
        root,
        "/etc/ssh/sshd_config.d/10-hardening.conf",
        "PermitRootLogin no\n",
    );
    write(
        root,
        "/var/lib/dpkg/status",
        "Package: falcon-sensor\nStatus: install ok installed\nVersion: 7.11.0-16407\n\nPackage: zeek\nStatus: install ok installed\nVersion: 6.0.3-0\n",
    );
    write(
        root,
        "/etc/proxy.json",
        r#"{"proxy": {"url": "http://proxy.internal:3128", "enabled": true}}"#,
    );
    write(
        root,
        "/lib/systemd/system/zeek.service",
        "[Unit]\nDescription=Zeek\n[Install]\nWantedBy=multi-user.target\n",
    );
    std::fs::create_dir_all(root.join("etc/systemd/system/multi-user.target.wants")).unwrap();
    std::os::unix::fs::symlink(
        "/lib/systemd/system/zeek.service",
        root.join("etc/systemd/system/multi-user.target.wants/zeek.service"),
    )
    .unwrap();
    write(
        root,
        "/etc/sysctl.d/50-net.conf",
        "net.ipv4.ip_forward = 0\n",
    );
    write(root, "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
    write(root, "/etc/group", "root:x:0:\n");
    write(
        root,
        "/etc/crontab",
        "SHELL=/bin/sh\n17 2 * * * root /usr/local/bin/backup.sh\n",
    );
    write(
        root,
        "/etc/audit/rules.d/identity.rules",
        "-w /etc/passwd -p wa -k identity\n",
    );
    write(
        root,
        "/etc/modprobe.d/usb.conf",
        "install usb-storage /bin/false\n",
    );
    write(
        root,
        "/root/.ssh/authorized_keys",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOps ops@example\n",
    );
    chmod(root, "/root/.ssh/authorized_keys", 0o600);
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "steward.toml", MANIFEST);
    dir
}

fn json_report(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(out)))
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
fn verify_a_root_then_diff_two_environments() {
    let dir = project();
    let test_root = tempfile::tempdir().unwrap();
    good_root(test_root.path());
    let out = steward(dir.path())
        .args([
            "controls", "verify", "--env", "test", "-f", "json", "--root",
        ])
        .arg(test_root.path())
        .assert()
        .code(0)
        .get_output()
        .clone();
    let report = json_report(&out.stdout);
    assert_eq!(rule_ids(&report), Vec::<String>::new(), "{report:#}");
    // A control declared for production only is left out in test.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("zeek-sensor"), "{stderr}");
    assert!(stderr.contains("9 passed, 0 failed"), "{stderr}");

    // Production: the same controls, and drift.
    let prod_root = tempfile::tempdir().unwrap();
    let p = prod_root.path();
    good_root(p);
    write(
        p,
        "/etc/ssh/sshd_config.d/10-hardening.conf",
        "# PermitRootLogin no\n",
    );
    write(
        p,
        "/var/lib/dpkg/status",
        "Package: falcon-sensor\nStatus: install ok installed\nVersion: 7.9.0-1\n",
    );
    write(
        p,
        "/etc/proxy.json",
        r#"{"proxy": {"url": "http://evil.example:8080", "enabled": true}}"#,
    );
    write(p, "/etc/crontab", "SHELL=/bin/sh\n");
    write(
        p,
        "/root/.ssh/authorized_keys",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOps ops@example\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC backdoor@attacker\n",
    );
    chmod(p, "/root/.ssh/authorized_keys", 0o644);
    std::fs::remove_file(p.join("etc/systemd/system/multi-user.target.wants/zeek.service"))
        .unwrap();
    let out = steward(dir.path())
        .args([
            "controls",
            "verify",
            "--env",
            "production",
            "-f",
            "json",
            "--root",
        ])
        .arg(p)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let report = json_report(&out.stdout);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/schema/report.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let errors: Vec<String> = jsonschema::validator_for(&schema)
        .unwrap()
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "the JSON report follows its schema: {errors:#?}"
    );
    assert_eq!(
        rule_ids(&report),
        [
            "controls/authorized-keys",
            "controls/backup-job",
            "controls/edr-agent",
            "controls/proxy-config",
            "controls/sshd-root",
            "controls/zeek-sensor",
        ],
        "{report:#}"
    );
    let find = |id: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule_id"] == id)
            .unwrap()
            .clone()
    };
    let sshd = find("controls/sshd-root");
    assert_eq!(sshd["location"]["path"], "/etc/ssh/sshd_config");
    assert_eq!(
        sshd["location"]["start_line"], 2,
        "the main file's line wins once the drop-in is gone"
    );
    assert!(
        find("controls/edr-agent")["message"]
            .as_str()
            .unwrap()
            .contains("older than the required 7.10")
    );
    let keys = find("controls/authorized-keys");
    assert!(
        keys["message"]
            .as_str()
            .unwrap()
            .contains("backdoor@attacker"),
        "{keys:#}"
    );
    assert!(
        keys["message"].as_str().unwrap().contains("0644"),
        "{keys:#}"
    );
    // Production-only: the Zeek sensor was installed but is not enabled there.
    assert!(
        find("controls/zeek-sensor")["message"]
            .as_str()
            .unwrap()
            .contains("zeek.service is disabled, not enabled")
    );

    // The diff: every difference, exit 1.
    let out = steward(dir.path())
        .args(["controls", "diff", "test", "production"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    for want in [
        "sshd-root",
        "observed.keys.PermitRootLogin",
        "edr-agent",
        "observed.installed.falcon-sensor",
        "7.11.0-16407",
        "7.9.0-1",
        "observed.keys.proxy.url",
        "http://evil.example:8080",
        "backup-job",
        "authorized-keys",
        "observed.mode",
        "zeek-sensor",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
    let out = steward(dir.path())
        .args(["controls", "diff", "test", "production", "--json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let doc = json_report(&out.stdout);
    let diffs = doc["differences"].as_array().unwrap();
    let lines = diffs
        .iter()
        .find(|d| d["control"] == "authorized-keys" && d["path"] == "observed.lines")
        .expect("the extra key shows as another line count");
    assert_eq!(
        (lines["a"].as_u64(), lines["b"].as_u64()),
        (Some(1), Some(2))
    );

    // The same environment against itself: no difference, exit 0.
    steward(dir.path())
        .args(["controls", "diff", "test", "test"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 difference(s)"));
    // An environment never verified: usage error naming the ones recorded.
    steward(dir.path())
        .args(["controls", "diff", "test", "staging"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("recorded: production, test"));
    // The ledger still verifies with the control records in it.
    steward(dir.path())
        .args(["ledger", "verify"])
        .assert()
        .code(0);
}

#[test]
fn offline_roots_never_pass_what_they_cannot_see() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "steward.toml",
        "[product]\nname = \"x\"\n\n[[control]]\nid = \"sshd-runs\"\nprocess = { name = \"sshd\" }\n\n[[control]]\nid = \"no-telnet\"\nport = { port = 23, listening = false }\n",
    );
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "/etc/passwd", "root:x:0:0::/root:/bin/sh\n");
    let out = steward(dir.path())
        .args(["controls", "verify", "--no-ledger", "-f", "json", "--root"])
        .arg(root.path())
        .assert()
        .code(0)
        .get_output()
        .clone();
    let report = json_report(&out.stdout);
    assert_eq!(rule_ids(&report), Vec::<String>::new());
    let skipped = report["skipped"].to_string();
    assert!(
        skipped.contains("control:sshd-runs") && skipped.contains("control:no-telnet"),
        "{report:#}"
    );
    assert!(skipped.contains("not checkable here"), "{skipped}");
}

#[test]
fn live_host_controls_pass_and_fail_as_the_machine_is() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "steward.toml",
        &format!(
            r#"[product]
name = "x"

[[control]]
id = "passwd-mode"
file = {{ path = "/etc/passwd", owner = "root", mode = "0644" }}

[[control]]
id = "test-listener"
port = {{ port = {port}, listening = true }}

[[control]]
id = "steward-runs"
process = {{ name = "steward" }}

[[control]]
id = "no-such-file"
severity = "high"
file = {{ path = "/etc/steward-controls-test-does-not-exist" }}

[[control]]
id = "no-such-process"
severity = "high"
process = {{ name = "steward-no-such-daemon" }}

[[control]]
id = "only-on-another-host"
severity = "high"
environments = ["steward-test-some-other-host"]
file = {{ path = "/etc/steward-controls-test-does-not-exist" }}
"#
        ),
    );
    let out = steward(dir.path())
        .args(["controls", "verify", "--no-ledger", "-f", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let report = json_report(&out.stdout);
    assert_eq!(
        rule_ids(&report),
        ["controls/no-such-file", "controls/no-such-process"],
        "{report:#}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");
    assert!(stderr.contains("3 passed, 2 failed"), "{stderr}");
    // A control for another host (by name, the default key) is left out here.
    assert!(!stderr.contains("only-on-another-host"), "{stderr}");
    drop(listener);
}

#[test]
fn bad_controls_are_usage_errors_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "steward.toml",
        "[product]\nname = \"x\"\n\n[[control]]\nid = \"a\"\nfile = { path = \"/etc/x\", mode = \"rw-r--r--\" }\n",
    );
    steward(dir.path())
        .args(["controls", "verify", "--no-ledger"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("steward.toml:6:"))
        .stderr(predicate::str::contains("control[0].file.mode"))
        .stderr(predicate::str::contains("octal mode"));
    std::fs::write(dir.path().join("steward.toml"), "[product]\nname = \"x\"\n").unwrap();
    steward(dir.path())
        .args(["controls", "verify", "--no-ledger"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--pack linux-baseline"));
    // A pack file of one's own is checked like the manifest, with its own file name in errors.
    write(
        dir.path(),
        "packs/edr.toml",
        "[pack]\nid = \"edr\"\ntitle = \"EDR\"\n\n[[control]]\nid = \"edr\"\npackage = { name = \"falcon-sensor\", absent = true, min_version = \"7\" }\n",
    );
    steward(dir.path())
        .args([
            "controls",
            "verify",
            "--no-ledger",
            "--pack",
            "packs/edr.toml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("packs/edr.toml:7:"))
        .stderr(predicate::str::contains("no minimum version"));
    write(
        dir.path(),
        "packs/edr.toml",
        "[pack]\nid = \"edr\"\ntitle = \"EDR\"\n\n[[control]]\nid = \"edr-absent-here\"\npackage = { name = \"falcon-sensor\", absent = true }\n",
    );
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "/var/lib/dpkg/status",
        "Package: base-files\nStatus: install ok installed\nVersion: 12.4\n",
    );
    steward(dir.path())
        .args([
            "controls",
            "verify",
            "--no-ledger",
            "--pack",
            "packs/edr.toml",
            "--root",
        ])
        .arg(root.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("pass  edr-absent-here"));
    steward(dir.path())
        .args(["controls", "verify", "--no-ledger", "--pack", "windows"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("linux-baseline"));
    steward(dir.path())
        .args([
            "controls",
            "verify",
            "--no-ledger",
            "--pack",
            "linux-baseline",
            "--root",
            "/no/such/root",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/root"));
}

fn ansible_playbook() -> Option<PathBuf> {
    let out = Process::new("sh")
        .args(["-c", "command -v ansible-playbook"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

#[test]
fn ansible_export_passes_syntax_check() {
    let dir = project();
    let out_dir = dir.path().join("playbook");
    let out = steward(dir.path())
        .args([
            "controls",
            "export",
            "ansible",
            "--pack",
            "linux-baseline",
            "-o",
        ])
        .arg(&out_dir)
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // A cron job given as a pattern and a value given as a regular expression have no single
    // change to make; they are listed, not guessed.
    assert!(
        stderr.contains("not exported, apply by hand: backup-job"),
        "{stderr}"
    );
    assert!(
        stderr.contains("not exported, apply by hand: password-hashing"),
        "{stderr}"
    );
    let tasks =
        std::fs::read_to_string(out_dir.join("roles/steward_controls/tasks/main.yml")).unwrap();
    for want in [
        "\"PermitRootLogin no\"",
        "ansible.builtin.package",
        "\"falcon-sensor\"",
        "state: \"latest\"",
        "/etc/audit/rules.d/50-steward.rules",
        "\"fs.suid_dumpable = 0\"",
        "install usb-storage /bin/false",
    ] {
        assert!(tasks.contains(want), "{want} missing from tasks:\n{tasks}");
    }
    let readme = std::fs::read_to_string(out_dir.join("README.md")).unwrap();
    assert!(readme.contains("`backup-job`"));
    let Some(ansible) = ansible_playbook() else {
        required("ansible-playbook (python3 -m pip install ansible-core)");
        return;
    };
    let st = Process::new(&ansible)
        .args(["--syntax-check", "-i", "localhost,", "site.yml"])
        .current_dir(&out_dir)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "ansible-playbook --syntax-check failed:\n{}\n{}",
        String::from_utf8_lossy(&st.stdout),
        String::from_utf8_lossy(&st.stderr)
    );
    // A broken playbook does fail the check (the test can fail).
    std::fs::write(
        out_dir.join("roles/steward_controls/tasks/main.yml"),
        "- name: x\n  no.such.module_here: {}\n",
    )
    .unwrap();
    let st = Process::new(&ansible)
        .args(["--syntax-check", "-i", "localhost,", "site.yml"])
        .current_dir(&out_dir)
        .output()
        .unwrap();
    assert!(!st.status.success());
}

/// The cached debootstrap root, or `None` when it cannot be built here.
fn debian_root() -> Option<PathBuf> {
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../steward-ops/tests/make-debian-root.sh");
    match Process::new("bash").arg(&script).output() {
        Ok(o) if o.status.success() => {
            Some(PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        }
        Ok(o) => {
            required(&format!(
                "a Debian root ({}: {})",
                script.display(),
                String::from_utf8_lossy(&o.stderr).trim()
            ));
            None
        }
        Err(e) => {
            required(&format!("bash to run {}: {e}", script.display()));
            None
        }
    }
}

#[test]
fn debootstrap_root_and_a_weakened_copy() {
    let Some(root) = debian_root() else { return };
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "steward.toml", "[product]\nname = \"fleet\"\n");
    let copy = tempfile::tempdir_in(root.parent().unwrap()).unwrap();
    let weak = copy.path().join("root");
    assert!(
        Process::new("cp")
            .arg("-a")
            .arg(&root)
            .arg(&weak)
            .status()
            .unwrap()
            .success()
    );
    // The deviations: sshd lets root in with a password, auditd is purged, /etc has a file
    // anyone can write.
    let sshd = std::fs::read_to_string(weak.join("etc/ssh/sshd_config")).unwrap();
    write(
        &weak,
        "/etc/ssh/sshd_config",
        &format!("PermitRootLogin yes\nPasswordAuthentication yes\n{sshd}"),
    );
    let purge = Process::new("dpkg")
        .arg(format!("--root={}", weak.display()))
        .args(["--purge", "auditd"])
        .stdout(Stdio::null())
        .output()
        .unwrap();
    assert!(
        purge.status.success(),
        "{}",
        String::from_utf8_lossy(&purge.stderr)
    );
    write(&weak, "/etc/weak.conf", "x\n");
    chmod(&weak, "/etc/weak.conf", 0o666);

    let verify = |env: &str, root: &Path| {
        let out = steward(dir.path())
            .args([
                "controls",
                "verify",
                "--pack",
                "linux-baseline",
                "-f",
                "json",
                "--env",
                env,
                "--root",
            ])
            .arg(root)
            .output()
            .unwrap();
        (out.status.code(), json_report(&out.stdout))
    };
    let (code, fresh) = verify("debian-fresh", &root);
    assert_eq!(code, Some(1), "a fresh install does not meet the baseline");
    let (code, weakened) = verify("debian-weak", &weak);
    assert_eq!(code, Some(1));
    let fresh_ids = rule_ids(&fresh);
    let new: Vec<String> = rule_ids(&weakened)
        .into_iter()
        .filter(|id| !fresh_ids.contains(id))
        .collect();
    assert_eq!(
        new,
        [
            "controls/auditd-enabled",
            "controls/auditd-installed",
            "controls/no-world-writable-system-files",
        ],
        "what the weakened copy fails beyond the fresh install"
    );
    let out = steward(dir.path())
        .args(["controls", "diff", "debian-fresh", "debian-weak"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    for want in [
        "prohibit-password (default)",
        "PermitRootLogin",
        "PasswordAuthentication",
        "auditd-installed",
        "1:3.0.9-1",
        "auditd-enabled",
        "/etc/weak.conf",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
}

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
    for (name, kind) in [("host_key", "ed25519"), ("user_key", "ed25519")] {
        let st = Process::new("ssh-keygen")
            .args(["-q", "-t", kind, "-N", "", "-f"])
            .arg(d.join(name))
            .status()
            .ok()?;
        if !st.success() {
            return None;
        }
    }
    std::fs::copy(d.join("user_key.pub"), d.join("authorized_keys")).unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    std::fs::create_dir_all("/run/sshd").ok();
    let child = Process::new(sshd)
        .arg("-D")
        .arg("-e")
        .arg("-f")
        .arg("/dev/null")
        .arg("-h")
        .arg(d.join("host_key"))
        .args(["-p", &port.to_string(), "-o", "ListenAddress=127.0.0.1"])
        .arg("-o")
        .arg(format!(
            "AuthorizedKeysFile={}",
            d.join("authorized_keys").display()
        ))
        .args([
            "-o",
            "StrictModes=no",
            "-o",
            "PasswordAuthentication=no",
            "-o",
            "UsePAM=no",
        ])
        .arg("-o")
        .arg(format!("PidFile={}", d.join("sshd.pid").display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let host_pub = std::fs::read_to_string(d.join("host_key.pub")).unwrap();
    let known_hosts = d.join("known_hosts");
    std::fs::write(&known_hosts, format!("[127.0.0.1]:{port} {host_pub}")).unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
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

fn whoami() -> String {
    let out = Process::new("id").arg("-un").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn ssh_reads_the_same_controls_as_the_local_host() {
    let Some(sshd) = start_sshd() else {
        required("sshd and ssh-keygen (apt-get install openssh-server)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "steward.toml",
        r#"[product]
name = "x"

[[control]]
id = "passwd-mode"
file = { path = "/etc/passwd", owner = "root", max_mode = "0644" }

[[control]]
id = "sshd-listens"
severity = "high"
port = { port = 1, listening = true }

[[control]]
id = "hostname-file"
file = { path = "/etc/hostname" }

[[control]]
id = "sshd-runs"
process = { name = "sshd" }
"#,
    );
    let toml = std::fs::read_to_string(dir.path().join("steward.toml"))
        .unwrap()
        .replace("port = 1,", &format!("port = {},", sshd.port));
    std::fs::write(dir.path().join("steward.toml"), toml).unwrap();
    let dest = format!("{}@127.0.0.1", whoami());
    let ssh_args = |c: &mut Command| {
        c.args(["--ssh", &dest])
            .arg("--ssh-option")
            .arg(format!("Port={}", sshd.port))
            .arg("--ssh-option")
            .arg(format!("IdentityFile={}", sshd.key.display()))
            .arg("--ssh-option")
            .arg(format!("UserKnownHostsFile={}", sshd.known_hosts.display()))
            .args([
                "--ssh-option",
                "StrictHostKeyChecking=yes",
                "--ssh-option",
                "IdentitiesOnly=yes",
            ]);
    };
    let mut c = steward(dir.path());
    c.args(["controls", "verify", "--no-ledger", "-f", "json"]);
    ssh_args(&mut c);
    let out = c.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stderr}\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(stderr.contains(&format!("ssh {dest}")), "{stderr}");
    assert!(stderr.contains("4 passed, 0 failed"), "{stderr}");
    assert!(
        stderr.contains(&format!("127.0.0.1:{}", sshd.port)),
        "{stderr}"
    );
    assert!(stderr.contains("sshd runs"), "{stderr}");

    // Through sudo on the far side (the test runs as root, for whom `sudo -n` never asks):
    // the reads are wrapped and quoted once more and still see the same things.
    if Path::new("/usr/bin/sudo").exists() && whoami() == "root" {
        let mut c = steward(dir.path());
        c.args([
            "controls",
            "verify",
            "--no-ledger",
            "-f",
            "json",
            "--ssh-sudo",
        ]);
        ssh_args(&mut c);
        let out = c.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(
            stderr.contains("(sudo)") && stderr.contains("4 passed, 0 failed"),
            "{stderr}"
        );
    } else {
        required("sudo, run as root, for the --ssh-sudo test (apt-get install sudo)");
    }

    // The same checks on the local host see the same things.
    let out = steward(dir.path())
        .args(["controls", "verify", "--no-ledger", "-f", "json"])
        .output()
        .unwrap();
    let local = String::from_utf8_lossy(&out.stderr);
    assert!(local.contains("4 passed, 0 failed"), "{local}");

    // A key the server does not accept: a usage error that says ssh failed, no prompt.
    let mut c = steward(dir.path());
    c.args(["controls", "verify", "--no-ledger", "--ssh", &dest])
        .arg("--ssh-option")
        .arg(format!("Port={}", sshd.port))
        .arg("--ssh-option")
        .arg(format!("UserKnownHostsFile={}", sshd.known_hosts.display()))
        .args([
            "--ssh-option",
            "IdentityFile=/dev/null",
            "--ssh-option",
            "IdentitiesOnly=yes",
        ])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ssh failed"));
}
