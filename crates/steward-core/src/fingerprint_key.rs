//! The key that makes the fingerprints of secret and sensitive-data findings impossible to
//! reverse.
//!
//! A fingerprint lets a team baseline or track a secret without storing it. An unkeyed hash
//! of (rule, path, secret) does not achieve that: the rule and path are printed beside it,
//! so a short password can be recovered from a baseline, a SARIF upload or a ledger record
//! by hashing guesses, and a card number from its masked form by hashing the ten million
//! numbers that fit it. Secret and DLP fingerprints are therefore HMAC-SHA256 under a
//! 256-bit project key that reports never contain.
//!
//! Where the key comes from, first match wins:
//!
//! 1. `STEWARD_FINGERPRINT_KEY` (64 hex digits): an organisation-wide key kept in the CI
//!    system's secret store, for teams that do not want the key in the repository.
//! 2. `.steward/fingerprint.key` in the project root, created with a random key the first
//!    time a secrets scan runs and never printed. Committed next to `.steward/baseline.json`
//!    it lets a clean clone in CI match the baseline. It then protects everything that
//!    travels further than the repository: reports and SARIF uploaded to dashboards, CI
//!    artefacts, the team ledger. Whoever can read the repository can read the secrets in
//!    it anyway.
//!
//! A baseline records the id of the key its fingerprints were made with (a MAC of a
//! constant, which says nothing about the key), so a scan under another key stops with an
//! error that says which key to use instead of silently reporting every baselined secret as
//! new.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::finding::Fingerprint;

type HmacSha256 = Hmac<Sha256>;

/// The environment variable that holds an organisation-wide key.
pub const KEY_ENV: &str = "STEWARD_FINGERPRINT_KEY";
/// Where a project keeps its key, relative to the project root.
pub const KEY_FILE: &str = ".steward/fingerprint.key";

const KEY_LEN: usize = 32;

/// Where the key in use came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// `STEWARD_FINGERPRINT_KEY`.
    Env,
    /// An existing key file.
    File(PathBuf),
    /// A key file this run created.
    Created(PathBuf),
    /// A key that lives only as long as the process: fingerprints match nothing outside it.
    Ephemeral,
}

impl fmt::Display for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySource::Env => write!(f, "${KEY_ENV}"),
            KeySource::File(p) => write!(f, "{}", p.display()),
            KeySource::Created(p) => write!(f, "{}, created by this run", p.display()),
            KeySource::Ephemeral => f.write_str("a throw-away key for this run only"),
        }
    }
}

/// A 256-bit HMAC key for secret fingerprints. Its `Debug` form never shows the key.
#[derive(Clone)]
pub struct FingerprintKey {
    bytes: [u8; KEY_LEN],
    source: KeySource,
}

impl fmt::Debug for FingerprintKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FingerprintKey")
            .field("id", &self.id())
            .field("source", &self.source)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "{origin} is not a fingerprint key: expected 64 hex digits (32 random bytes), as \
         `openssl rand -hex 32` prints; {what}"
    )]
    Malformed { origin: String, what: String },
    #[error("reading the fingerprint key {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("writing the fingerprint key {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("the operating system's random number generator failed: {0}")]
    Random(String),
}

const FILE_HEADER: &str = "\
# steward's fingerprint key: it makes the fingerprints of secret findings (in reports,
# baselines and the ledger) impossible to reverse into the secrets. Commit this file with
# .steward/baseline.json so CI matches the baseline, or set STEWARD_FINGERPRINT_KEY there
# instead. Do not paste it anywhere else. Replacing it invalidates the baseline's secrets.
";

impl FingerprintKey {
    /// A new random key, not stored anywhere.
    pub fn generate() -> Result<Self, KeyError> {
        let mut bytes = [0u8; KEY_LEN];
        getrandom::fill(&mut bytes).map_err(|e| KeyError::Random(e.to_string()))?;
        Ok(FingerprintKey {
            bytes,
            source: KeySource::Ephemeral,
        })
    }

    /// A key from its hex form; `origin` names where the text came from, for errors.
    pub fn from_hex(text: &str, origin: &str, source: KeySource) -> Result<Self, KeyError> {
        let malformed = |what: String| KeyError::Malformed {
            origin: origin.to_string(),
            what,
        };
        let text = text.trim();
        if text.len() != 2 * KEY_LEN {
            return Err(malformed(format!("found {} characters", text.len())));
        }
        let decoded =
            hex::decode(text).map_err(|_| malformed("found a character that is not hex".into()))?;
        let mut bytes = [0u8; KEY_LEN];
        bytes.copy_from_slice(&decoded);
        if bytes.iter().all(|&b| b == bytes[0]) {
            return Err(malformed("found one byte repeated, which is no key".into()));
        }
        Ok(FingerprintKey { bytes, source })
    }

    /// The project's key: `STEWARD_FINGERPRINT_KEY` if set, else `root/.steward/fingerprint.key`.
    /// When neither exists and `create` is true, a random key is written to that file
    /// (readable by its owner only); when `create` is false, `None`.
    pub fn resolve(root: &Path, create: bool) -> Result<Option<Self>, KeyError> {
        Self::resolve_from(std::env::var(KEY_ENV).ok(), root, create)
    }

    /// [`FingerprintKey::resolve`] with the environment variable's value given.
    pub fn resolve_from(
        env: Option<String>,
        root: &Path,
        create: bool,
    ) -> Result<Option<Self>, KeyError> {
        if let Some(value) = env
            && !value.trim().is_empty()
        {
            return Self::from_hex(&value, KEY_ENV, KeySource::Env).map(Some);
        }
        let path = root.join(KEY_FILE);
        match Self::read_file(&path) {
            Ok(key) => return Ok(Some(key)),
            Err(KeyError::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            }
            Err(e) => return Err(e),
        }
        if !create {
            return Ok(None);
        }
        let mut key = Self::generate()?;
        match write_new(&path, &key.bytes) {
            Ok(()) => {
                key.source = KeySource::Created(path);
                Ok(Some(key))
            }
            // Another scan of the same project created it first: use theirs.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Self::read_file(&path).map(Some)
            }
            Err(source) => Err(KeyError::Write {
                path: path.display().to_string(),
                source,
            }),
        }
    }

    fn read_file(path: &Path) -> Result<Self, KeyError> {
        let text = std::fs::read_to_string(path).map_err(|source| KeyError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or("");
        Self::from_hex(
            line,
            &path.display().to_string(),
            KeySource::File(path.to_path_buf()),
        )
    }

    pub fn source(&self) -> &KeySource {
        &self.source
    }

    /// A short public name for the key (a MAC of a constant): equal ids mean equal keys,
    /// and the id gives nothing away about the key or any fingerprint.
    pub fn id(&self) -> String {
        let mut mac = self.mac();
        mac.update(b"steward fingerprint key id v1");
        hex::encode(&mac.finalize().into_bytes()[..6])
    }

    /// The fingerprint of `secret` found by `rule_id` at `path`. Like
    /// [`Fingerprint::new`], it ignores whitespace in the secret, so re-indenting a
    /// multi-line key keeps it.
    pub fn fingerprint(&self, rule_id: &str, path: &str, secret: &[u8]) -> Fingerprint {
        let mut mac = self.mac();
        mac.update(b"steward secret fingerprint v2\0");
        mac.update(rule_id.as_bytes());
        mac.update(&[0]);
        mac.update(path.as_bytes());
        mac.update(&[0]);
        for chunk in secret.split(|b| b.is_ascii_whitespace()) {
            mac.update(chunk);
        }
        Fingerprint(hex::encode(&mac.finalize().into_bytes()[..16]))
    }

    fn mac(&self) -> HmacSha256 {
        match HmacSha256::new_from_slice(&self.bytes) {
            Ok(mac) => mac,
            Err(_) => unreachable!("HMAC takes keys of any length"),
        }
    }
}

/// Write a new key file, failing with `AlreadyExists` rather than replacing one.
fn write_new(path: &Path, key: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    // A named temporary file is created readable by its owner only.
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(FILE_HEADER.as_bytes())?;
    tmp.write_all(hex::encode(key).as_bytes())?;
    tmp.write_all(b"\n")?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "8f3a0c5e9b1d7f2a4c6e8a0b2d4f6a8c1e3a5c7e9b0d2f4a6c8e0a2b4d6f8a0c";

    fn key() -> FingerprintKey {
        FingerprintKey::from_hex(HEX, "test", KeySource::Ephemeral).unwrap()
    }

    #[test]
    fn fingerprints_depend_on_the_key_and_ignore_whitespace() {
        let a = key().fingerprint("secrets/generic-password", "app.env", b"hunter22");
        let b = key().fingerprint("secrets/generic-password", "app.env", b"hunter22");
        let c = key().fingerprint("secrets/generic-password", "app.env", b"hunter23");
        let other = FingerprintKey::generate().unwrap();
        let d = other.fingerprint("secrets/generic-password", "app.env", b"hunter22");
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d, "another key gives another fingerprint");
        let unkeyed = Fingerprint::new("secrets/generic-password", "app.env", b"hunter22");
        assert_ne!(a, unkeyed, "the keyed form is not the unkeyed hash");
        assert_eq!(
            key().fingerprint("r", "p", b"ab cd\n ef"),
            key().fingerprint("r", "p", b"abcdef")
        );
        assert_eq!(a.as_str().len(), 32);
    }

    #[test]
    fn the_id_names_the_key_without_revealing_it() {
        assert_eq!(key().id(), key().id());
        assert_ne!(key().id(), FingerprintKey::generate().unwrap().id());
        assert!(!format!("{:?}", key()).contains(&HEX[..12]));
        assert_eq!(key().id().len(), 12);
    }

    #[test]
    fn malformed_keys_say_what_is_wrong() {
        for (text, says) in [
            ("abc", "found 3 characters"),
            (&"zz".repeat(32)[..], "not hex"),
            (&"00".repeat(32)[..], "repeated"),
        ] {
            let e = FingerprintKey::from_hex(text, "K", KeySource::Env).unwrap_err();
            let msg = e.to_string();
            assert!(msg.contains(says) && msg.starts_with("K is not"), "{msg}");
        }
    }

    #[test]
    fn a_project_key_is_created_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let resolve = |create| FingerprintKey::resolve_from(None, dir.path(), create);
        assert!(resolve(false).unwrap().is_none());
        let created = resolve(true).unwrap().unwrap();
        assert!(matches!(created.source(), KeySource::Created(_)));
        let read = resolve(true).unwrap().unwrap();
        assert!(matches!(read.source(), KeySource::File(_)));
        assert_eq!(created.id(), read.id());
        let text = std::fs::read_to_string(dir.path().join(KEY_FILE)).unwrap();
        assert!(text.starts_with("# steward's fingerprint key"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "only the owner may read the key");
        }
        // The environment's key wins over the file.
        let env = FingerprintKey::resolve_from(Some(HEX.into()), dir.path(), true)
            .unwrap()
            .unwrap();
        assert_eq!(env.source(), &KeySource::Env);
        assert_eq!(env.id(), key().id());
        std::fs::write(dir.path().join(KEY_FILE), "# c\nnot a key\n").unwrap();
        let e = resolve(true).unwrap_err();
        assert!(
            e.to_string()
                .contains("fingerprint.key is not a fingerprint key")
        );
    }
}
