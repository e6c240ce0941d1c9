//! Keystores committed as binary files, recognised by their structure whatever their name:
//! PKCS#12 (`.p12`, `.pfx`, Java's default keystore type) and Java's own JKS and JCEKS.
//!
//! A keystore is a secret when it holds a key. One that holds only certificates (a
//! truststore: `cacerts`, `truststore.jks`) holds public material and is not reported. A
//! JKS or JCEKS file lists its entries in the clear, so the walk below reads their kinds.
//! A PKCS#12 file's key bags are named by an object identifier outside the encryption
//! (OpenSSL, Java and Windows all write them so); a file whose keys are only inside an
//! encrypted bag cannot be told from a truststore without its password, and is not
//! reported.

/// A binary format a rule can recognise whole files by (`file_format:` in a rule file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileFormat {
    /// PKCS#12: a DER `PFX` of version 3 whose content is PKCS#7 `data` (or `signedData`).
    Pkcs12,
    /// Java's JKS (magic `FEEDFEED`) and JCEKS (magic `CECECECE`) keystores.
    JavaKeystore,
}

impl FileFormat {
    pub const NAMES: &'static [&'static str] = &["pkcs12", "java-keystore"];

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "pkcs12" => Some(FileFormat::Pkcs12),
            "java-keystore" => Some(FileFormat::JavaKeystore),
            _ => None,
        }
    }
}

/// A keystore that holds keys, as far as its structure shows without the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Keystore {
    pub format: FileFormat,
    /// `PKCS#12`, `JKS` or `JCEKS`.
    pub kind: &'static str,
    /// Private keys (Java: entries of that kind; PKCS#12: key bags).
    pub private_keys: usize,
    /// Secret (symmetric) keys.
    pub secret_keys: usize,
    /// Entry names (Java keystores only; they are labels, not secrets).
    pub aliases: Vec<String>,
}

/// What `bytes` is: `None` when it is not a keystore; `Some(None)` for a keystore that holds
/// no key (a truststore); `Some(Some(keystore))` for one that does.
pub(crate) fn recognise(bytes: &[u8]) -> Option<Option<Keystore>> {
    match bytes.get(..4)? {
        [0xFE, 0xED, 0xFE, 0xED] => java_keystore(bytes, "JKS"),
        [0xCE, 0xCE, 0xCE, 0xCE] => java_keystore(bytes, "JCEKS"),
        [0x30, ..] => pkcs12(bytes),
        _ => None,
    }
}

/// Whether `bytes` may start a keystore: the check done on every binary file before the
/// full one.
pub(crate) fn may_be_keystore(bytes: &[u8]) -> bool {
    matches!(
        bytes.get(..4),
        Some([0xFE, 0xED, 0xFE, 0xED] | [0xCE, 0xCE, 0xCE, 0xCE] | [0x30, ..])
    )
}

/// A big-endian reader that fails, rather than panics, past the end.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let out = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(out)
    }

    fn u16(&mut self) -> Option<usize> {
        let b = self.take(2)?;
        Some(u16::from_be_bytes([b[0], b[1]]) as usize)
    }

    fn u32(&mut self) -> Option<usize> {
        let b = self.take(4)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    /// Java's modified UTF-8 string: a 16-bit length, then the bytes.
    fn utf(&mut self) -> Option<&'a [u8]> {
        let n = self.u16()?;
        self.take(n)
    }
}

/// JKS and JCEKS: magic, version (1 or 2), entry count, then entries tagged 1 (private
/// key, with its certificate chain), 2 (trusted certificate) or 3 (JCEKS secret key, a
/// serialized Java object whose length only Java serialization knows: the walk stops there).
fn java_keystore(bytes: &[u8], kind: &'static str) -> Option<Option<Keystore>> {
    let mut r = Reader { bytes, pos: 4 };
    let version = r.u32()?;
    if !(1..=2).contains(&version) {
        return None;
    }
    let count = r.u32()?;
    // Every entry takes at least 14 bytes (tag, empty alias, timestamp).
    if count == 0 || count > bytes.len() / 14 {
        return None;
    }
    let mut store = Keystore {
        format: FileFormat::JavaKeystore,
        kind,
        private_keys: 0,
        secret_keys: 0,
        aliases: Vec::new(),
    };
    let certificate = |r: &mut Reader<'_>| -> Option<()> {
        if version == 2 {
            r.utf()?;
        }
        let len = r.u32()?;
        r.take(len).map(|_| ())
    };
    for _ in 0..count {
        let tag = r.u32()?;
        let alias = r.utf()?;
        r.take(8)?;
        match tag {
            1 => {
                let key_len = r.u32()?;
                r.take(key_len)?;
                let chain = r.u32()?;
                for _ in 0..chain {
                    certificate(&mut r)?;
                }
                store.private_keys += 1;
                store
                    .aliases
                    .push(String::from_utf8_lossy(alias).into_owned());
            }
            2 => certificate(&mut r)?,
            3 if kind == "JCEKS" => {
                store.secret_keys += 1;
                store
                    .aliases
                    .push(String::from_utf8_lossy(alias).into_owned());
                break;
            }
            _ => return None,
        }
    }
    Some((store.private_keys + store.secret_keys > 0).then_some(store))
}

/// DER object identifiers, with tag and length, of what a PKCS#12 file holds.
const OID_DATA: &[u8] = &[
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01,
];
const OID_SIGNED_DATA: &[u8] = &[
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02,
];
/// pkcs-12 bag types 1.2.840.113549.1.12.10.1.{1,2,5}: keyBag, pkcs8ShroudedKeyBag,
/// secretBag. The last byte tells them apart.
const OID_BAG_PREFIX: &[u8] = &[
    0x06, 0x0B, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x0A, 0x01,
];

/// A DER (or BER indefinite-length) header at `r`: the tag must be `tag`; returns the
/// content length (`None` inside for indefinite).
fn der_header(r: &mut Reader<'_>, tag: u8) -> Option<Option<usize>> {
    if r.take(1)?[0] != tag {
        return None;
    }
    let first = r.take(1)?[0];
    if first < 0x80 {
        return Some(Some(first as usize));
    }
    if first == 0x80 {
        return Some(None);
    }
    let n = (first & 0x7F) as usize;
    if n > 4 {
        return None;
    }
    let len = r
        .take(n)?
        .iter()
        .fold(0usize, |acc, &b| (acc << 8) | b as usize);
    Some(Some(len))
}

/// PKCS#12 (RFC 7292): `PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, ... }`
/// where `authSafe` is `SEQUENCE { contentType OID (data or signedData), ... }`.
fn pkcs12(bytes: &[u8]) -> Option<Option<Keystore>> {
    let mut r = Reader { bytes, pos: 0 };
    let outer = der_header(&mut r, 0x30)?;
    if let Some(len) = outer
        && r.pos.checked_add(len)? > bytes.len()
    {
        return None;
    }
    if r.take(3)? != [0x02, 0x01, 0x03] {
        return None;
    }
    der_header(&mut r, 0x30)?;
    let content_type = r.take(OID_DATA.len())?;
    if content_type != OID_DATA && content_type != OID_SIGNED_DATA {
        return None;
    }
    let (mut private_keys, mut secret_keys) = (0, 0);
    for at in memchr::memmem::find_iter(bytes, OID_BAG_PREFIX) {
        match bytes.get(at + OID_BAG_PREFIX.len()) {
            Some(1 | 2) => private_keys += 1,
            Some(5) => secret_keys += 1,
            _ => {}
        }
    }
    // A secret key sits in a shrouded key bag inside its secret bag: count it once.
    private_keys -= private_keys.min(secret_keys);
    let store = Keystore {
        format: FileFormat::Pkcs12,
        kind: "PKCS#12",
        private_keys,
        secret_keys,
        aliases: Vec::new(),
    };
    Some((private_keys + secret_keys > 0).then_some(store))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_truncated_and_other_files_are_not_keystores() {
        assert_eq!(recognise(b""), None);
        assert_eq!(recognise(b"\xFE\xED\xFE"), None);
        assert_eq!(
            recognise(b"\xFE\xED\xFE\xED\0\0\0\x02\0\0\0\x01\0\0\0\x01"),
            None
        );
        assert_eq!(recognise(b"0\x82\x01\x00\x02\x01\x03"), None);
        // A DER certificate is a SEQUENCE too, but not a PFX of version 3.
        assert_eq!(
            recognise(b"0\x82\x01\x83\x30\x82\x01\x28\xa0\x03\x02\x01\x02"),
            None
        );
        assert_eq!(recognise(b"PK\x03\x04"), None);
    }

    #[test]
    fn a_jceks_secret_key_entry_counts() {
        let mut b = vec![0xCE, 0xCE, 0xCE, 0xCE, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 3];
        b.extend_from_slice(&[0, 3, b'a', b'e', b's']);
        b.extend_from_slice(&[0; 8]);
        b.extend_from_slice(&[0xAC, 0xED, 0, 5]);
        let store = recognise(&b).unwrap().unwrap();
        assert_eq!(store.kind, "JCEKS");
        assert_eq!(store.secret_keys, 1);
        assert_eq!(store.aliases, ["aes"]);
        // Tag 3 in a JKS file is not a JKS entry.
        b[..4].copy_from_slice(&[0xFE, 0xED, 0xFE, 0xED]);
        assert_eq!(recognise(&b), None);
    }
}
