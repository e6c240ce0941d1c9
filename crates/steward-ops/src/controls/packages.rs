//! Installed packages, from the package manager's own database under the root: dpkg's
//! status file (Debian, Ubuntu), apk's installed database (Alpine), and on a live host
//! `rpm -q` (the rpm database itself is not read offline).

use std::collections::BTreeMap;

use super::reader::{ReadError, StateReader};

/// Which package manager's version ordering applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PackageManager {
    Dpkg,
    Apk,
    Rpm,
}

impl PackageManager {
    pub fn as_str(self) -> &'static str {
        match self {
            PackageManager::Dpkg => "dpkg",
            PackageManager::Apk => "apk",
            PackageManager::Rpm => "rpm",
        }
    }
}

/// The installed packages a root holds, name -> version.
#[derive(Debug, Clone)]
pub enum Inventory {
    Known {
        manager: PackageManager,
        installed: BTreeMap<String, String>,
    },
    /// An rpm system read offline: its database is not read.
    RpmOffline,
    /// No package database found.
    None,
}

pub const DPKG_STATUS: &str = "/var/lib/dpkg/status";
pub const APK_INSTALLED: &str = "/lib/apk/db/installed";

/// Read the package inventory. On an rpm host that is live, `names` are asked of `rpm -q`.
pub fn inventory(reader: &dyn StateReader, names: &[&str]) -> Result<Inventory, ReadError> {
    if let Some(bytes) = reader.read(DPKG_STATUS)? {
        return Ok(Inventory::Known {
            manager: PackageManager::Dpkg,
            installed: dpkg_status(&String::from_utf8_lossy(&bytes)),
        });
    }
    if let Some(bytes) = reader.read(APK_INSTALLED)? {
        return Ok(Inventory::Known {
            manager: PackageManager::Apk,
            installed: apk_installed(&String::from_utf8_lossy(&bytes)),
        });
    }
    let rpm_db =
        reader.lstat("/var/lib/rpm")?.is_some() || reader.lstat("/usr/lib/sysimage/rpm")?.is_some();
    if rpm_db {
        let mut argv = vec![
            "rpm",
            "-q",
            "--qf",
            "%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE}\\n",
        ];
        argv.extend(names);
        return match reader.run(&argv) {
            None => Ok(Inventory::RpmOffline),
            Some(out) => {
                let out = out?;
                let installed = out
                    .stdout
                    .lines()
                    .filter_map(|l| l.split_once(' '))
                    .filter(|(_, v)| !v.contains(' '))
                    .map(|(n, v)| (n.to_string(), v.strip_prefix("0:").unwrap_or(v).to_string()))
                    .collect();
                Ok(Inventory::Known {
                    manager: PackageManager::Rpm,
                    installed,
                })
            }
        };
    }
    Ok(Inventory::None)
}

/// Packages dpkg has installed (`Status: install ok installed`), name -> version.
pub fn dpkg_status(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for stanza in text.split("\n\n") {
        let (mut name, mut version, mut installed) = (None, None, false);
        for line in stanza.lines() {
            if let Some(v) = line.strip_prefix("Package:") {
                name = Some(v.trim());
            } else if let Some(v) = line.strip_prefix("Version:") {
                version = Some(v.trim());
            } else if let Some(v) = line.strip_prefix("Status:") {
                installed = v.split_whitespace().nth(2) == Some("installed");
            }
        }
        if let (Some(n), Some(v), true) = (name, version, installed) {
            out.insert(n.to_string(), v.to_string());
        }
    }
    out
}

/// Packages in apk's installed database (`P:` name, `V:` version stanzas).
pub fn apk_installed(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for stanza in text.split("\n\n") {
        let mut name = None;
        let mut version = None;
        for line in stanza.lines() {
            if let Some(v) = line.strip_prefix("P:") {
                name = Some(v.trim());
            } else if let Some(v) = line.strip_prefix("V:") {
                version = Some(v.trim());
            }
        }
        if let (Some(n), Some(v)) = (name, version) {
            out.insert(n.to_string(), v.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dpkg_counts_only_installed_packages() {
        let status = "Package: openssh-server\nStatus: install ok installed\nVersion: 1:9.2p1-2+deb12u3\n\nPackage: telnetd\nStatus: deinstall ok config-files\nVersion: 0.17\n";
        let m = dpkg_status(status);
        assert_eq!(
            m.get("openssh-server").map(String::as_str),
            Some("1:9.2p1-2+deb12u3")
        );
        assert!(!m.contains_key("telnetd"));
    }

    #[test]
    fn apk_database() {
        let m = apk_installed("C:Q1x\nP:musl\nV:1.2.4-r2\nA:x86_64\n\nP:openssh\nV:9.6_p1-r0\n");
        assert_eq!(m["openssh"], "9.6_p1-r0");
    }
}
