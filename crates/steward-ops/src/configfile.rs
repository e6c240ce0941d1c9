//! Configuration files as monitored assets (`kind = "file"`): what `steward monitor
//! baseline` approves and later runs compare, by content hash, owner and mode, and each
//! parsed setting (sshd_config, `key = value`, INI, YAML, JSON — the controls' parsers), so
//! drift says which setting changed, not only that the bytes did.
//!
//! A setting whose name says it holds a secret (password, secret, token, key, credential)
//! is kept as a hash of its value: a change is still drift, and the ledger never holds the
//! secret.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use steward_core::manifest::ConfigFormat;

use crate::controls::config;
use crate::controls::reader::{RootReader, StateReader};

/// Asset kinds this probe observes.
pub const KINDS: &[&str] = &["file", "config", "config-file"];

/// The file an asset's location names: `file:///etc/ssh/sshd_config`, `/etc/app.ini`, or a
/// path relative to the project directory `base`.
pub fn resolve(location: &str, base: &Path) -> Result<PathBuf, String> {
    let raw = match location.strip_prefix("file://") {
        Some(rest) if rest.starts_with('/') => rest,
        Some(rest) => {
            return Err(format!(
                "`file://{rest}` names a host; write `file:///absolute/path` or a path relative to steward.toml"
            ));
        }
        None => location,
    };
    if raw.is_empty() {
        return Err("the location names no file".into());
    }
    let p = Path::new(raw);
    Ok(if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    })
}

/// How to read `path`'s settings, by its name and, for `.conf`-like files, whether it has
/// INI sections. `None`: only its hash, owner and mode are watched.
pub fn format_for(path: &Path, text: &str) -> Option<ConfigFormat> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name == "sshd_config" || name == "ssh_config" || name.ends_with(".sshd_config") {
        return Some(ConfigFormat::Sshd);
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "json" => Some(ConfigFormat::Json),
        "yaml" | "yml" => Some(ConfigFormat::Yaml),
        "ini" | "cfg" | "conf" | "cnf" | "properties" | "env" | "defs" | "" => {
            let sectioned = text.lines().any(|l| {
                let l = l.trim();
                l.starts_with('[') && l.ends_with(']') && l.len() > 2
            });
            Some(if sectioned {
                ConfigFormat::Ini
            } else {
                ConfigFormat::Keyvalue
            })
        }
        _ => None,
    }
}

fn format_name(f: ConfigFormat) -> &'static str {
    match f {
        ConfigFormat::Sshd => "sshd",
        ConfigFormat::Keyvalue => "keyvalue",
        ConfigFormat::Ini => "ini",
        ConfigFormat::Yaml => "yaml",
        ConfigFormat::Json => "json",
    }
}

/// Whether a setting's name says its value is a secret.
fn secret_name(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    let last = k.rsplit(['.', '/']).next().unwrap_or(&k);
    [
        "password",
        "passwd",
        "secret",
        "token",
        "credential",
        "api_key",
        "apikey",
        "private_key",
        "access_key",
    ]
    .iter()
    .any(|w| last.contains(w))
        || last == "key"
        || last.ends_with("_key")
        || last.ends_with("-key")
        || last == "pass"
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The observation of one configuration file: `{"exists": false}` when it is gone, else
/// its hash, size, owner, mode, format and settings. `Err` when it exists but cannot be
/// read or parsed (the message says why).
pub fn observe(path: &Path) -> Result<serde_json::Value, String> {
    let shown = path.display().to_string();
    let reader = RootReader::new(Path::new("/")).map_err(|e| e.to_string())?;
    let Some(meta) = reader.stat(&shown).map_err(|e| e.to_string())? else {
        return Ok(serde_json::json!({ "exists": false }));
    };
    let bytes = reader
        .read(&shown)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("{shown} disappeared while it was read"))?;
    let mut obs = serde_json::json!({
        "exists": true,
        "sha256": sha256(&bytes),
        "size": meta.size,
        "mode": format!("{:04o}", meta.mode),
        "uid": meta.uid,
        "gid": meta.gid,
    });
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Ok(obs);
    };
    let Some(format) = format_for(path, text) else {
        return Ok(obs);
    };
    let settings = config::parse(&reader, &shown, text, format)?;
    let settings: BTreeMap<String, String> = settings
        .into_iter()
        .map(|(k, s)| {
            let v = if secret_name(&k) && !s.value.is_empty() {
                format!("sha256:{}", &sha256(s.value.as_bytes())[..16])
            } else {
                s.value
            };
            (k, v)
        })
        .collect();
    obs["format"] = format_name(format).into();
    obs["settings"] = serde_json::to_value(settings).map_err(|e| e.to_string())?;
    Ok(obs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_resolve_against_the_project() {
        let base = Path::new("/srv/app");
        assert_eq!(
            resolve("file:///etc/ssh/sshd_config", base).unwrap(),
            Path::new("/etc/ssh/sshd_config")
        );
        assert_eq!(
            resolve("config/app.ini", base).unwrap(),
            Path::new("/srv/app/config/app.ini")
        );
        assert!(
            resolve("file://host/etc/x", base)
                .unwrap_err()
                .contains("names a host")
        );
        assert!(resolve("", base).is_err());
    }

    #[test]
    fn settings_are_parsed_by_format_and_secrets_kept_as_hashes() {
        let dir = tempfile::tempdir().unwrap();
        let ini = dir.path().join("app.ini");
        std::fs::write(
            &ini,
            "[db]\nhost = db.internal\npassword = hunter2-is-long\n[web]\ndebug = false\n",
        )
        .unwrap();
        let o = observe(&ini).unwrap();
        assert_eq!(o["format"], "ini");
        assert_eq!(o["settings"]["db.host"], "db.internal");
        assert_eq!(o["settings"]["web.debug"], "false");
        let pw = o["settings"]["db.password"].as_str().unwrap();
        assert!(pw.starts_with("sha256:") && !pw.contains("hunter2"), "{pw}");
        assert!(!o.to_string().contains("hunter2"));

        let sshd = dir.path().join("sshd_config");
        std::fs::write(&sshd, "PermitRootLogin no\nPasswordAuthentication no\n").unwrap();
        let o = observe(&sshd).unwrap();
        assert_eq!(o["format"], "sshd");
        assert_eq!(o["settings"]["permitrootlogin"], "no");

        let yaml = dir.path().join("server.yaml");
        std::fs::write(&yaml, "tls:\n  enabled: true\n").unwrap();
        assert_eq!(observe(&yaml).unwrap()["settings"]["tls.enabled"], "true");

        assert_eq!(
            observe(&dir.path().join("gone.conf")).unwrap(),
            serde_json::json!({"exists": false})
        );
        let broken = dir.path().join("broken.json");
        std::fs::write(&broken, "{ nope").unwrap();
        assert!(observe(&broken).unwrap_err().contains("not valid JSON"));
    }
}
