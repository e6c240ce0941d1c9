//! Installed packages, from the package manager's own database under the root: dpkg's
//! status file (Debian, Ubuntu), apk's installed database (Alpine), and rpm's SQLite
//! database (`rpmdb.sqlite`: Fedora 33+, RHEL 9, Amazon Linux 2023), whose header blobs are
//! parsed here. On a live host `rpm -q` answers instead, whatever its database format. The
//! older BerkeleyDB (`Packages`) and SUSE's ndb (`Packages.db`) formats are not read offline.

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
    /// A package database steward cannot read here, and why.
    Unreadable(String),
    /// No package database found.
    None,
}

pub const DPKG_STATUS: &str = "/var/lib/dpkg/status";
pub const APK_INSTALLED: &str = "/lib/apk/db/installed";
/// rpm's database directories: the historical one, and /usr/lib/sysimage/rpm (Fedora 36+,
/// where /var/lib/rpm is a link to it).
pub const RPM_DIRS: &[&str] = &["/var/lib/rpm", "/usr/lib/sysimage/rpm"];

/// Read the package inventory. On an rpm host that is live, `names` are asked of `rpm -q`;
/// offline (or where `rpm` cannot run) its SQLite database is read.
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
    let mut rpm_dir = None;
    for dir in RPM_DIRS {
        if reader.stat(dir)?.is_some() {
            rpm_dir = Some(*dir);
            break;
        }
    }
    let Some(rpm_dir) = rpm_dir else {
        return Ok(Inventory::None);
    };
    let mut argv = vec![
        "rpm",
        "-q",
        "--qf",
        "%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE}\\n",
    ];
    argv.extend(names);
    // `rpm -q` exits with the number of names not installed; a program that cannot run
    // (not found: 127 over ssh, an error locally) sends us to the database.
    if let Some(Ok(out)) = reader.run(&argv)
        && out
            .status
            .is_some_and(|n| n >= 0 && n != 127 && n as usize <= names.len())
    {
        let installed = out
            .stdout
            .lines()
            .filter_map(|l| l.split_once(' '))
            .filter(|(_, v)| !v.contains(' '))
            .map(|(n, v)| (n.to_string(), v.strip_prefix("0:").unwrap_or(v).to_string()))
            .collect();
        return Ok(Inventory::Known {
            manager: PackageManager::Rpm,
            installed,
        });
    }
    for dir in RPM_DIRS {
        let path = format!("{dir}/rpmdb.sqlite");
        if let Some(db) = reader.read(&path)? {
            let wal = reader.read(&format!("{path}-wal"))?;
            return Ok(Inventory::Known {
                manager: PackageManager::Rpm,
                installed: rpmdb_sqlite(&path, &db, wal.as_deref())?,
            });
        }
    }
    let format = if reader.stat(&format!("{rpm_dir}/Packages.db"))?.is_some() {
        "an ndb database (Packages.db, SUSE)"
    } else if reader.stat(&format!("{rpm_dir}/Packages"))?.is_some() {
        "a BerkeleyDB database (Packages: RHEL 8, CentOS 7 and older)"
    } else {
        "no database steward knows"
    };
    Ok(Inventory::Unreadable(format!(
        "an rpm-based system with {format} in {rpm_dir}: steward reads rpm's SQLite database \
         (rpmdb.sqlite) offline, and other formats only on a running host through `rpm -q`"
    )))
}

/// The packages in rpm's SQLite database (its bytes, and its write-ahead log if there is
/// one), name -> `[epoch:]version-release`. The database is read from a private copy, so
/// the image is never written to, not even by SQLite's WAL recovery.
pub fn rpmdb_sqlite(
    shown: &str,
    db: &[u8],
    wal: Option<&[u8]>,
) -> Result<BTreeMap<String, String>, ReadError> {
    let fail = |why: String| ReadError::new(shown, why);
    let dir = tempfile::Builder::new()
        .prefix("steward-rpmdb-")
        .tempdir()
        .map_err(|e| fail(format!("temporary directory: {e}")))?;
    let copy = dir.path().join("rpmdb.sqlite");
    std::fs::write(&copy, db).map_err(|e| fail(format!("copying the database: {e}")))?;
    if let Some(wal) = wal.filter(|w| !w.is_empty()) {
        std::fs::write(dir.path().join("rpmdb.sqlite-wal"), wal)
            .map_err(|e| fail(format!("copying the write-ahead log: {e}")))?;
    }
    let not_rpmdb = |e: rusqlite::Error| fail(format!("not an rpm SQLite database: {e}"));
    let conn = rusqlite::Connection::open(&copy).map_err(not_rpmdb)?;
    let mut statement = conn
        .prepare("SELECT hnum, blob FROM Packages")
        .map_err(not_rpmdb)?;
    let mut rows = statement.query([]).map_err(not_rpmdb)?;
    let mut out = BTreeMap::new();
    while let Some(row) = rows.next().map_err(not_rpmdb)? {
        let hnum: i64 = row.get(0).map_err(not_rpmdb)?;
        let blob: Vec<u8> = row.get(1).map_err(not_rpmdb)?;
        let header = RpmHeader::parse(&blob)
            .map_err(|why| fail(format!("package header #{hnum}: {why}")))?;
        // gpg-pubkey entries are imported signing keys, not software.
        if header.name != "gpg-pubkey" {
            out.insert(header.name.clone(), header.evr());
        }
    }
    Ok(out)
}

/// The identity of one package, from an rpm header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RpmHeader {
    pub name: String,
    pub epoch: Option<u32>,
    pub version: String,
    pub release: String,
}

/// rpm's header tags and types used here (rpmtag.h).
const TAG_NAME: u32 = 1000;
const TAG_VERSION: u32 = 1001;
const TAG_RELEASE: u32 = 1002;
const TAG_EPOCH: u32 = 1003;
const TYPE_INT32: u32 = 4;
const TYPE_STRING: u32 = 6;
const TYPE_I18NSTRING: u32 = 9;
/// The magic that starts a header in a package file; the database stores it without.
const HEADER_MAGIC: [u8; 8] = [0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0];

impl RpmHeader {
    /// Parse a header blob: a count of index entries and the data's length (big-endian
    /// u32s), the entries (tag, type, offset, count: 16 bytes each), then the data.
    pub fn parse(blob: &[u8]) -> Result<RpmHeader, String> {
        let blob = blob.strip_prefix(&HEADER_MAGIC[..]).unwrap_or(blob);
        let be32 = |b: &[u8], at: usize| -> Option<u32> {
            b.get(at..at + 4)
                .map(|x| u32::from_be_bytes([x[0], x[1], x[2], x[3]]))
        };
        let (Some(il), Some(dl)) = (be32(blob, 0), be32(blob, 4)) else {
            return Err("shorter than a header".into());
        };
        let index_end = (il as usize)
            .checked_mul(16)
            .and_then(|n| n.checked_add(8))
            .filter(|n| *n <= blob.len())
            .ok_or_else(|| format!("{il} index entries do not fit in {} bytes", blob.len()))?;
        let data = blob
            .get(index_end..index_end.saturating_add(dl as usize))
            .filter(|d| d.len() == dl as usize)
            .ok_or_else(|| format!("the data ({dl} bytes) does not fit in the blob"))?;
        let mut name = None;
        let mut version = None;
        let mut release = None;
        let mut epoch = None;
        for i in 0..il as usize {
            let at = 8 + i * 16;
            let (Some(tag), Some(kind), Some(offset)) =
                (be32(blob, at), be32(blob, at + 4), be32(blob, at + 8))
            else {
                return Err(format!("index entry {i} is cut short"));
            };
            let offset = offset as usize;
            let string = || -> Result<String, String> {
                if kind != TYPE_STRING && kind != TYPE_I18NSTRING {
                    return Err(format!("tag {tag} has type {kind}, not a string"));
                }
                let rest = data
                    .get(offset..)
                    .ok_or_else(|| format!("tag {tag} points past the data"))?;
                let end = rest
                    .iter()
                    .position(|b| *b == 0)
                    .ok_or_else(|| format!("tag {tag}'s string is not terminated"))?;
                Ok(String::from_utf8_lossy(&rest[..end]).into_owned())
            };
            match tag {
                TAG_NAME => name = Some(string()?),
                TAG_VERSION => version = Some(string()?),
                TAG_RELEASE => release = Some(string()?),
                TAG_EPOCH => {
                    if kind != TYPE_INT32 {
                        return Err(format!("the epoch has type {kind}, not INT32"));
                    }
                    epoch = Some(be32(data, offset).ok_or("the epoch points past the data")?);
                }
                _ => {}
            }
        }
        Ok(RpmHeader {
            name: name.ok_or("no name tag")?,
            epoch,
            version: version.ok_or("no version tag")?,
            release: release.ok_or("no release tag")?,
        })
    }

    /// `epoch:version-release`, without an epoch of 0 (as `rpm -q` is read above).
    pub fn evr(&self) -> String {
        match self.epoch {
            Some(e) if e != 0 => format!("{e}:{}-{}", self.version, self.release),
            _ => format!("{}-{}", self.version, self.release),
        }
    }

    /// A header holding these tags, as rpm lays one out (for tests and fixtures).
    pub fn to_blob(&self) -> Vec<u8> {
        let mut index: Vec<[u32; 4]> = Vec::new();
        let mut data: Vec<u8> = Vec::new();
        for (tag, s) in [
            (TAG_NAME, &self.name),
            (TAG_VERSION, &self.version),
            (TAG_RELEASE, &self.release),
        ] {
            index.push([tag, TYPE_STRING, data.len() as u32, 1]);
            data.extend_from_slice(s.as_bytes());
            data.push(0);
        }
        if let Some(e) = self.epoch {
            while !data.len().is_multiple_of(4) {
                data.push(0);
            }
            index.push([TAG_EPOCH, TYPE_INT32, data.len() as u32, 1]);
            data.extend_from_slice(&e.to_be_bytes());
        }
        let mut out = Vec::new();
        out.extend_from_slice(&(index.len() as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        for entry in index {
            for v in entry {
                out.extend_from_slice(&v.to_be_bytes());
            }
        }
        out.extend_from_slice(&data);
        out
    }
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
    fn rpm_headers_round_trip_and_bad_ones_are_refused() {
        let h = RpmHeader {
            name: "openssh-server".into(),
            epoch: Some(0),
            version: "8.7p1".into(),
            release: "38.el9".into(),
        };
        let blob = h.to_blob();
        assert_eq!(RpmHeader::parse(&blob).unwrap(), h);
        assert_eq!(h.evr(), "8.7p1-38.el9");
        let with_magic = [&HEADER_MAGIC[..], &blob].concat();
        assert_eq!(RpmHeader::parse(&with_magic).unwrap(), h);
        let e2 = RpmHeader {
            epoch: Some(2),
            ..h.clone()
        };
        assert_eq!(e2.evr(), "2:8.7p1-38.el9");
        assert!(RpmHeader::parse(&blob[..blob.len() - 3]).is_err());
        assert!(RpmHeader::parse(&[0, 0, 0, 9, 0, 0, 0, 0]).is_err());
        assert!(RpmHeader::parse(&[]).is_err());
        // An index entry pointing past the data.
        let mut bad = blob.clone();
        bad[8 + 8..8 + 12].copy_from_slice(&10_000u32.to_be_bytes());
        assert!(
            RpmHeader::parse(&bad)
                .unwrap_err()
                .contains("past the data")
        );
    }

    #[test]
    fn apk_database() {
        let m = apk_installed("C:Q1x\nP:musl\nV:1.2.4-r2\nA:x86_64\n\nP:openssh\nV:9.6_p1-r0\n");
        assert_eq!(m["openssh"], "9.6_p1-r0");
    }
}
