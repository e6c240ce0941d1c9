//! Kubernetes Secret manifests keep values base64-encoded under `data:`, which hides them
//! from every pattern. This finds those values so the engine can scan them decoded and
//! report them at the encoded value's place in the file.

use base64::Engine as _;

/// One `key: <base64>` entry of a Secret's `data:` map.
pub(crate) struct EncodedEntry {
    /// Byte range of the base64 value in the file.
    pub start: usize,
    pub end: usize,
    /// `key: decoded value`, as the engine scans it.
    pub decoded: String,
}

/// The decodable entries under `data:` in every `kind: Secret` document of a YAML file.
pub(crate) fn secret_data_entries(path: &str, bytes: &[u8]) -> Vec<EncodedEntry> {
    let lower = path.to_ascii_lowercase();
    if !(lower.ends_with(".yaml") || lower.ends_with(".yml")) {
        return Vec::new();
    }
    if memchr::memmem::find(bytes, b"kind: Secret").is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut in_secret = false;
    // Indentation of the current `data:` key, while inside its block.
    let mut data_indent: Option<usize> = None;
    let mut offset = 0;
    for line in bytes.split(|&b| b == b'\n') {
        let line_start = offset;
        offset += line.len() + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line == b"---" {
            in_secret = false;
            data_indent = None;
            continue;
        }
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let content = &line[indent..];
        if content.is_empty() || content.starts_with(b"#") {
            continue;
        }
        if indent == 0 && content.starts_with(b"kind:") {
            in_secret = content[5..].trim_ascii() == b"Secret";
        }
        if let Some(d) = data_indent {
            if indent > d {
                if in_secret && let Some(entry) = decode_entry(content, line_start + indent) {
                    out.push(entry);
                }
                continue;
            }
            data_indent = None;
        }
        if content.trim_ascii_end() == b"data:" {
            data_indent = Some(indent);
        }
    }
    out
}

/// `key: dmFsdWU=` at byte `at` of the file, decoded to `key: value` when the value is
/// base64 of printable UTF-8.
fn decode_entry(content: &[u8], at: usize) -> Option<EncodedEntry> {
    let colon = memchr::memchr(b':', content)?;
    let key = &content[..colon];
    let rest = &content[colon + 1..];
    let lead = rest.iter().take_while(|&&b| b == b' ').count();
    let value = rest[lead..].trim_ascii_end();
    let value = value
        .strip_prefix(b"\"")
        .and_then(|v| v.strip_suffix(b"\""))
        .unwrap_or(value);
    if value.len() < 8
        || !value
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
    {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(value)
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return None;
    }
    let value_start = at + colon + 1 + lead + usize::from(rest[lead..].starts_with(b"\""));
    Some(EncodedEntry {
        start: value_start,
        end: value_start + value.len(),
        decoded: format!(
            "{}: {}",
            String::from_utf8_lossy(key).trim(),
            text.trim_end()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_decodes_secret_data_only() {
        let yaml = b"apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: VHIwdWI0ZG9yJjM=\n  user: YXBw\nstringData:\n  note: plain\n---\nkind: ConfigMap\ndata:\n  password: VHIwdWI0ZG9yJjM=\n";
        let entries = secret_data_entries("k8s/db.yaml", yaml);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].decoded, "password: Tr0ub4dor&3");
        assert_eq!(&yaml[entries[0].start..entries[0].end], b"VHIwdWI0ZG9yJjM=");
        assert!(secret_data_entries("k8s/db.json", yaml).is_empty());
    }
}
