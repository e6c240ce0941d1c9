//! Configuration files as monitored assets: `steward monitor baseline` approves their
//! settings, owner, mode and hash; a later `monitor run` names each setting that drifted
//! (before and after), a secret setting's change is drift without the secret in any report
//! or the ledger, and a deleted file is drift too.

use std::path::Path;

use assert_cmd::Command;

fn steward(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

fn run_json(dir: &Path) -> (i32, serde_json::Value) {
    let out = steward(dir)
        .args(["monitor", "run", "-f", "json"])
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), report)
}

fn drift(
    report: &serde_json::Value,
) -> Vec<(String, String, serde_json::Value, serde_json::Value)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "monitor/drift")
        .map(|f| {
            let p = &f["properties"];
            (
                p["asset"].as_str().unwrap_or_default().to_string(),
                p["field"].as_str().unwrap().to_string(),
                p["before"].clone(),
                p["after"].clone(),
            )
        })
        .collect()
}

#[test]
fn a_changed_setting_in_a_watched_config_file_is_drift_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let etc = dir.path().join("etc");
    std::fs::create_dir_all(&etc).unwrap();
    std::fs::write(
        etc.join("sshd_config"),
        "PermitRootLogin no\nPasswordAuthentication no\n",
    )
    .unwrap();
    std::fs::write(
        etc.join("app.ini"),
        "[db]\nhost = db.internal\npassword = first-Secret-value-1\n[web]\ndebug = false\n",
    )
    .unwrap();
    let sshd = etc.join("sshd_config");
    std::fs::write(
        dir.path().join("steward.toml"),
        format!(
            "[product]\nname = \"shop\"\nphase = \"operate\"\n\n\
             [[asset]]\nid = \"sshd\"\nkind = \"file\"\nlocation = \"file://{}\"\n\n\
             [[asset]]\nid = \"app-config\"\nkind = \"file\"\nlocation = \"etc/app.ini\"\n",
            sshd.display()
        ),
    )
    .unwrap();
    steward(dir.path())
        .args(["monitor", "baseline"])
        .assert()
        .success();
    let (code, clean) = run_json(dir.path());
    assert_eq!(code, 0, "{clean}");
    assert!(drift(&clean).is_empty(), "{clean}");

    // Someone turns root login on and changes the database password and debug mode.
    std::fs::write(&sshd, "PermitRootLogin yes\nPasswordAuthentication no\n").unwrap();
    std::fs::write(
        etc.join("app.ini"),
        "[db]\nhost = db.internal\npassword = second-Secret-value-2\n[web]\ndebug = true\n",
    )
    .unwrap();
    let (_, after) = run_json(dir.path());
    let d = drift(&after);
    assert!(
        d.iter().any(|(a, f, b, n)| a == "sshd"
            && f == "settings.permitrootlogin"
            && b == "no"
            && n == "yes"),
        "{d:#?}"
    );
    assert!(
        d.iter().any(|(a, f, b, n)| a == "app-config"
            && f == "settings.web.debug"
            && b == "false"
            && n == "true"),
        "{d:#?}"
    );
    assert!(
        d.iter()
            .any(|(a, f, _, _)| a == "app-config" && f == "settings.db.password"),
        "a changed secret is drift: {d:#?}"
    );
    assert!(
        d.iter().all(|(_, f, _, _)| f != "settings.db.host"),
        "an unchanged setting is not drift: {d:#?}"
    );
    // The secret is never written out, in the report or the ledger.
    let text = after.to_string();
    assert!(!text.contains("Secret-value"), "{text}");
    let ledger = std::fs::read(dir.path().join(".steward/ledger.db")).unwrap();
    assert!(
        !ledger.windows(12).any(|w| w == b"Secret-value"),
        "the ledger holds a config secret"
    );

    // A deleted file is drift as well.
    std::fs::remove_file(etc.join("app.ini")).unwrap();
    let (_, gone) = run_json(dir.path());
    assert!(
        drift(&gone)
            .iter()
            .any(|(a, f, b, n)| a == "app-config" && f == "exists" && b == true && n == false),
        "{gone}"
    );
}

#[test]
fn a_file_location_naming_a_host_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("steward.toml"),
        "[product]\nname = \"shop\"\n\n[[asset]]\nid = \"cfg\"\nkind = \"file\"\nlocation = \"file://server/etc/x.conf\"\n",
    )
    .unwrap();
    let out = steward(dir.path())
        .args(["monitor", "run", "--no-ledger", "-f", "json"])
        .output()
        .unwrap();
    let said =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("file:///absolute/path"), "{said}");
}
