//! Certificates of sanitization, after NIST SP 800-88 Rev. 1's sample certificate (who,
//! which media or asset, the method category clear/purge/destroy, method and tool, how it
//! was verified and with what result, where the media went, when, signed). Each is signed
//! with Ed25519 over its canonical JSON; verification checks the signature and compares the
//! document with the ledger's copy, naming every field that differs.

use std::path::Path;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

pub const SCHEMA: &str = "steward/sunset-certificate/v1";

/// The person who performed (or answers for) the sanitization, and signs.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub contact: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Media {
    pub asset_id: String,
    pub description: String,
    pub kind: String,
    /// Location, ARN, bucket name: whatever identifies it.
    pub identifiers: Vec<String>,
    pub data_classes: Vec<String>,
    pub owner: String,
    /// Where the inventory learnt of it.
    pub source: String,
    /// Whether the data was backed up before sanitization: yes, no or unknown.
    pub data_backed_up: String,
    #[serde(default)]
    pub backup_location: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Sanitization {
    /// clear, purge or destroy.
    pub category: String,
    pub method: String,
    pub method_details: String,
    pub tool: String,
    pub verification_method: String,
    pub verification_result: String,
    /// verified or attested.
    pub verification_status: String,
    pub verified_at: String,
    /// The ledger record of the `sunset verify` run that verified it.
    pub verification_record: i64,
    pub post_sanitization_classification: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Certificate {
    pub schema: String,
    pub certificate_id: String,
    pub product: String,
    pub issued_at: String,
    pub person: Person,
    pub media: Media,
    pub sanitization: Sanitization,
    /// Post-sanitization destination: released to the provider, internal reuse, recycling...
    pub destination: String,
    /// The second person who validated the sanitization, when there is one.
    #[serde(default)]
    pub validated_by: String,
}

/// The signature block that travels with a certificate.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SignatureBlock {
    pub algorithm: String,
    /// Hex of the 32-byte Ed25519 public key.
    pub public_key: String,
    /// Hex of the 64-byte signature over the canonical JSON of `certificate`.
    pub value: String,
    /// SHA-256 of the canonical JSON that was signed.
    pub signed_sha256: String,
}

/// What a certificate file holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedCertificate {
    pub certificate: Value,
    pub signature: SignatureBlock,
}

#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    #[error("{path}: {message}")]
    Key { path: String, message: String },
    #[error("{0}")]
    Format(String),
}

/// JSON with object keys sorted and no insignificant whitespace: the bytes that are signed.
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push(':');
                write_canonical(&map[k.as_str()], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Load the signing key at `path` (64 hex characters, the Ed25519 seed), or create one there
/// with mode 0600 when `create` is set and the file does not exist.
pub fn load_or_create_key(
    path: &Path,
    create: bool,
) -> Result<(SigningKey, bool), CertificateError> {
    let key_err = |message: String| CertificateError::Key {
        path: path.display().to_string(),
        message,
    };
    match std::fs::read_to_string(path) {
        Ok(text) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(path)
                    .map(|m| m.permissions().mode())
                    .unwrap_or(0);
                if mode & 0o077 != 0 {
                    return Err(key_err(format!(
                        "readable by others (mode {:o}); a signing key must be private: chmod 600 it",
                        mode & 0o777
                    )));
                }
            }
            let bytes = hex::decode(text.trim())
                .map_err(|_| key_err("not an Ed25519 key (64 hex characters expected)".into()))?;
            let seed: [u8; 32] = bytes
                .as_slice()
                .try_into()
                .map_err(|_| key_err(format!("{} bytes; an Ed25519 seed is 32", bytes.len())))?;
            Ok((SigningKey::from_bytes(&seed), false))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && create => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed)
                .map_err(|e| key_err(format!("no randomness from the OS: {e}")))?;
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| key_err(e.to_string()))?;
            }
            write_private(path, format!("{}\n", hex::encode(seed)).as_bytes())
                .map_err(|e| key_err(e.to_string()))?;
            Ok((SigningKey::from_bytes(&seed), true))
        }
        Err(e) => Err(key_err(e.to_string())),
    }
}

/// Write a new file readable by its owner only; never replace an existing one.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Sign `certificate`.
pub fn sign(certificate: &Certificate, key: &SigningKey) -> SignedCertificate {
    // A struct of strings always serializes.
    let value = serde_json::to_value(certificate).unwrap_or(Value::Null);
    let canonical = canonical_json(&value);
    let signature = key.sign(canonical.as_bytes());
    SignedCertificate {
        certificate: value,
        signature: SignatureBlock {
            algorithm: "Ed25519".into(),
            public_key: hex::encode(key.verifying_key().to_bytes()),
            value: hex::encode(signature.to_bytes()),
            signed_sha256: hex::encode(Sha256::digest(canonical.as_bytes())),
        },
    }
}

/// Whether the signature block is a valid Ed25519 signature of the certificate.
pub fn check_signature(signed: &SignedCertificate) -> Result<(), String> {
    if signed.signature.algorithm != "Ed25519" {
        return Err(format!(
            "signature algorithm `{}` is not Ed25519",
            signed.signature.algorithm
        ));
    }
    let pk: [u8; 32] = hex::decode(&signed.signature.public_key)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or("the public key is not 32 bytes of hex")?;
    let key = VerifyingKey::from_bytes(&pk).map_err(|e| format!("bad public key: {e}"))?;
    let sig = hex::decode(&signed.signature.value)
        .ok()
        .and_then(|b| Signature::from_slice(&b).ok())
        .ok_or("the signature is not 64 bytes of hex")?;
    let canonical = canonical_json(&signed.certificate);
    key.verify(canonical.as_bytes(), &sig)
        .map_err(|_| "the signature does not match the certificate's content".to_string())
}

/// A field whose value differs between two copies of a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// Dotted path: `sanitization.verification_result`, `media.identifiers[0]`.
    pub field: String,
    pub expected: String,
    pub found: String,
}

/// Every leaf field that differs between `expected` (the ledger's copy) and `found`.
pub fn diff(expected: &Value, found: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    diff_at("", expected, found, &mut out);
    out
}

fn shown(v: Option<&Value>) -> String {
    match v {
        None => "(absent)".into(),
        Some(Value::String(s)) => format!("{s:?}"),
        Some(other) => other.to_string(),
    }
}

fn diff_at(path: &str, a: &Value, b: &Value, out: &mut Vec<FieldChange>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match (x.get(k), y.get(k)) {
                    (Some(va), Some(vb)) => diff_at(&p, va, vb, out),
                    (va, vb) => out.push(FieldChange {
                        field: p,
                        expected: shown(va),
                        found: shown(vb),
                    }),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for i in 0..x.len().max(y.len()) {
                let p = format!("{path}[{i}]");
                match (x.get(i), y.get(i)) {
                    (Some(va), Some(vb)) => diff_at(&p, va, vb, out),
                    (va, vb) => out.push(FieldChange {
                        field: p,
                        expected: shown(va),
                        found: shown(vb),
                    }),
                }
            }
        }
        _ if a != b => out.push(FieldChange {
            field: if path.is_empty() {
                "(document)".into()
            } else {
                path.to_string()
            },
            expected: shown(Some(a)),
            found: shown(Some(b)),
        }),
        _ => {}
    }
}

/// The opening of the JSON block a Markdown certificate embeds.
pub const MARKDOWN_JSON_FENCE: &str = "```json steward-sunset-certificate";

/// Read a certificate file: the JSON, or the Markdown rendering with its embedded JSON.
pub fn parse_file(text: &str) -> Result<SignedCertificate, CertificateError> {
    let json = match text.find(MARKDOWN_JSON_FENCE) {
        Some(start) => {
            let body = &text[start + MARKDOWN_JSON_FENCE.len()..];
            let end = body.find("\n```").ok_or_else(|| {
                CertificateError::Format("the embedded certificate JSON block is not closed".into())
            })?;
            &body[..end]
        }
        None => text,
    };
    serde_json::from_str(json).map_err(|e| {
        CertificateError::Format(format!(
            "not a steward certificate of sanitization (JSON with `certificate` and `signature`): {e}"
        ))
    })
}

/// `| field | value |` rows of a Markdown certificate, keyed by section and field.
fn markdown_rows(text: &str) -> Vec<(String, String)> {
    let mut section = String::new();
    let mut rows = Vec::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            section = h.trim().to_string();
        } else if line.starts_with(MARKDOWN_JSON_FENCE) {
            break;
        } else if let Some(row) = line.strip_prefix("| ")
            && let Some(row) = row.strip_suffix(" |")
            && let Some((field, value)) = row.split_once(" | ")
            && field != "field"
        {
            rows.push((format!("{section} / {field}"), value.to_string()));
        }
    }
    rows
}

/// Where the human-readable part of a Markdown certificate says something its signed JSON
/// does not: `(row, what the file says, what the signed JSON says)`.
pub fn markdown_differences(text: &str, signed: &SignedCertificate) -> Vec<FieldChange> {
    let rendered = markdown_rows(&render_markdown(signed));
    let found = markdown_rows(text);
    let mut out = Vec::new();
    for (key, expected) in &rendered {
        let got = found
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str());
        if got != Some(expected.as_str()) {
            out.push(FieldChange {
                field: key.clone(),
                expected: format!("{expected:?}"),
                found: got.map_or("(absent)".to_string(), |g| format!("{g:?}")),
            });
        }
    }
    out
}

/// Markdown: the certificate as a form, then the signed JSON it is made from.
pub fn render_markdown(signed: &SignedCertificate) -> String {
    let c = &signed.certificate;
    let s = |v: &Value| match v {
        Value::String(s) => s.replace('|', "\\|"),
        Value::Null => String::new(),
        Value::Array(items) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| i.to_string())
            })
            .collect::<Vec<_>>()
            .join(", ")
            .replace('|', "\\|"),
        other => other.to_string(),
    };
    let mut out = String::new();
    out.push_str("# Certificate of Sanitization\n\n");
    out.push_str(&format!(
        "Certificate `{}` for product **{}**, issued {} (after NIST SP 800-88 Rev. 1, Appendix G).\n\n",
        s(&c["certificate_id"]),
        s(&c["product"]),
        s(&c["issued_at"])
    ));
    let section = |out: &mut String, title: &str, rows: &[(&str, &Value)]| {
        out.push_str(&format!("## {title}\n\n| field | value |\n|---|---|\n"));
        for (k, v) in rows {
            out.push_str(&format!("| {k} | {} |\n", s(v)));
        }
        out.push('\n');
    };
    let p = &c["person"];
    section(
        &mut out,
        "Person performing sanitization",
        &[
            ("Name", &p["name"]),
            ("Title", &p["title"]),
            ("Organization", &p["organization"]),
            ("Location", &p["location"]),
            ("Contact", &p["contact"]),
        ],
    );
    let m = &c["media"];
    section(
        &mut out,
        "Media / asset information",
        &[
            ("Asset", &m["asset_id"]),
            ("Description", &m["description"]),
            ("Kind", &m["kind"]),
            ("Identifiers", &m["identifiers"]),
            ("Data classes", &m["data_classes"]),
            ("Owner", &m["owner"]),
            ("Source", &m["source"]),
            ("Data backed up", &m["data_backed_up"]),
            ("Backup location", &m["backup_location"]),
        ],
    );
    let z = &c["sanitization"];
    section(
        &mut out,
        "Sanitization details",
        &[
            ("Method type (category)", &z["category"]),
            ("Method used", &z["method"]),
            ("Method details", &z["method_details"]),
            ("Tool used", &z["tool"]),
            ("Verification method", &z["verification_method"]),
            ("Verification result", &z["verification_result"]),
            ("Verification status", &z["verification_status"]),
            ("Verified at", &z["verified_at"]),
            (
                "Ledger record of the verification",
                &z["verification_record"],
            ),
            (
                "Post-sanitization classification",
                &z["post_sanitization_classification"],
            ),
            ("Notes", &z["notes"]),
        ],
    );
    section(
        &mut out,
        "Media destination",
        &[("Destination", &c["destination"])],
    );
    section(
        &mut out,
        "Validation",
        &[("Validated by", &c["validated_by"])],
    );
    out.push_str(&format!(
        "## Signature\n\nSigned by {} ({}) on {}, Ed25519 key `{}`; signature `{}`.\n\n",
        s(&p["name"]),
        s(&p["title"]),
        s(&c["issued_at"]),
        signed.signature.public_key,
        signed.signature.value
    ));
    out.push_str(
        "The signed document (check it with `steward sunset certificate --verify FILE`):\n\n",
    );
    out.push_str(MARKDOWN_JSON_FENCE);
    out.push('\n');
    out.push_str(&serde_json::to_string_pretty(signed).unwrap_or_default());
    out.push_str("\n```\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Certificate {
        Certificate {
            schema: SCHEMA.into(),
            certificate_id: "c1".into(),
            product: "shop".into(),
            issued_at: "2026-11-23T10:00:00Z".into(),
            person: Person {
                name: "Ana Ruiz".into(),
                title: "SRE".into(),
                organization: "Acme".into(),
                location: "Buenos Aires".into(),
                contact: "ana@acme.test".into(),
            },
            media: Media {
                asset_id: "receipts".into(),
                description: "S3 bucket".into(),
                kind: "s3-bucket".into(),
                identifiers: vec!["s3://acme-receipts".into()],
                data_classes: vec!["pii".into()],
                owner: "payments".into(),
                source: "steward.toml asset[0]".into(),
                data_backed_up: "no".into(),
                backup_location: String::new(),
            },
            sanitization: Sanitization {
                category: "clear".into(),
                method: "purge-versions".into(),
                method_details: "every version deleted".into(),
                tool: "steward 0.1.0".into(),
                verification_method: "ListObjectVersions".into(),
                verification_result: "bucket does not exist".into(),
                verification_status: "verified".into(),
                verified_at: "2026-11-23T09:59:00Z".into(),
                verification_record: 7,
                post_sanitization_classification: "unclassified".into(),
                notes: String::new(),
            },
            destination: "released to the provider".into(),
            validated_by: String::new(),
        }
    }

    #[test]
    fn signs_verifies_and_names_changed_fields() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let signed = sign(&sample(), &key);
        check_signature(&signed).unwrap();
        let mut tampered = signed.clone();
        tampered.certificate["sanitization"]["verification_result"] =
            Value::String("bucket is empty".into());
        assert!(check_signature(&tampered).is_err());
        let changes = diff(&signed.certificate, &tampered.certificate);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "sanitization.verification_result");
        assert_eq!(changes[0].expected, "\"bucket does not exist\"");
        // Markdown round-trips to the same signed document.
        let md = render_markdown(&signed);
        let back = parse_file(&md).unwrap();
        check_signature(&back).unwrap();
        assert!(diff(&signed.certificate, &back.certificate).is_empty());
        assert!(markdown_differences(&md, &back).is_empty());
        // Editing the form, not the JSON, is caught too.
        let edited = md.replace(
            "| Verification result | bucket does not exist |",
            "| Verification result | shredded |",
        );
        let d = markdown_differences(&edited, &parse_file(&edited).unwrap());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].field, "Sanitization details / Verification result");
        assert_eq!(d[0].found, "\"shredded\"");
    }

    #[test]
    fn canonical_json_sorts_keys() {
        let v: Value = serde_json::from_str(r#"{"b":1,"a":{"d":[1,"x"],"c":null}}"#).unwrap();
        assert_eq!(canonical_json(&v), r#"{"a":{"c":null,"d":[1,"x"]},"b":1}"#);
    }

    #[test]
    fn keys_are_created_private_and_reloaded() {
        let dir = std::env::temp_dir().join(format!("steward-key-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("k.key");
        assert!(load_or_create_key(&path, false).is_err());
        let (k1, created) = load_or_create_key(&path, true).unwrap();
        assert!(created);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let (k2, created) = load_or_create_key(&path, true).unwrap();
        assert!(!created);
        assert_eq!(k1.to_bytes(), k2.to_bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let e = load_or_create_key(&path, true).unwrap_err().to_string();
            assert!(e.contains("chmod 600"), "{e}");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        std::fs::write(&path, "zz").unwrap();
        assert!(load_or_create_key(&path, true).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
