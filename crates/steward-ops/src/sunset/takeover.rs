//! Subdomain takeover fingerprints: the provider endpoints a CNAME may point at whose names
//! someone else can claim once the product releases them. Data, in
//! `takeover-fingerprints.json`; matching is by name suffix (and, for S3, the `s3` label).

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Fingerprint {
    pub provider: String,
    pub suffixes: Vec<String>,
    /// A label the name must have before the suffix (`s3`, `s3-website`): the resource's
    /// name is what precedes it.
    #[serde(default)]
    pub label_prefix: Option<String>,
    pub resource: String,
    pub claimable: String,
    /// Text the provider serves (over plain HTTP, for the customer's name) when the resource
    /// behind it does not exist.
    #[serde(default)]
    pub http_fingerprints: Vec<String>,
}

/// A CNAME target recognised as a provider's endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderMatch {
    pub provider: String,
    /// The provider-side resource's name (bucket, app, site).
    pub resource_name: String,
    pub resource: String,
    pub claimable: String,
    pub http_fingerprints: Vec<String>,
}

/// The embedded fingerprints.
pub fn fingerprints() -> Vec<Fingerprint> {
    // A unit test parses the embedded file, so this cannot fail in a built binary.
    serde_json::from_str(include_str!("takeover-fingerprints.json")).unwrap_or_default()
}

/// Ask the provider, over plain HTTP at `addr`, for `name`'s home page, and return the
/// fingerprint its answer carries, if any: the provider saying it has no such resource.
pub fn http_fingerprint(
    addr: std::net::SocketAddr,
    name: &str,
    fingerprints: &[String],
) -> Result<Option<String>, String> {
    use std::io::{Read, Write};
    if fingerprints.is_empty() {
        return Ok(None);
    }
    let timeout = std::time::Duration::from_secs(5);
    let mut stream = std::net::TcpStream::connect_timeout(&addr, timeout)
        .map_err(|e| format!("http://{name}/ at {addr}: {e}"))?;
    stream.set_read_timeout(Some(timeout)).ok();
    stream.set_write_timeout(Some(timeout)).ok();
    let request = format!(
        "GET / HTTP/1.1\r\nHost: {name}\r\nUser-Agent: steward-sunset\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("http://{name}/ at {addr}: {e}"))?;
    // The fingerprints sit in the first kilobytes of the error page.
    let mut body = Vec::new();
    let _ = stream.take(64 * 1024).read_to_end(&mut body);
    if body.is_empty() {
        return Err(format!("http://{name}/ at {addr}: no answer"));
    }
    let text = String::from_utf8_lossy(&body);
    Ok(fingerprints
        .iter()
        .find(|f| text.contains(f.as_str()))
        .cloned())
}

/// Which provider endpoint `name` is, if any.
pub fn match_target(fingerprints: &[Fingerprint], name: &str) -> Option<ProviderMatch> {
    let name = crate::dns::normalize(name);
    for fp in fingerprints {
        for suffix in &fp.suffixes {
            let Some(head) = name.strip_suffix(suffix.as_str()) else {
                continue;
            };
            let resource_name = match &fp.label_prefix {
                None => head.to_string(),
                Some(label) => {
                    let labels: Vec<&str> = head.split('.').collect();
                    let at = labels.iter().enumerate().skip(1).position(|(_, l)| {
                        if label == "s3" {
                            *l == "s3" || (l.starts_with("s3-") && !l.starts_with("s3-website"))
                        } else {
                            l.starts_with(label.as_str())
                        }
                    });
                    match at {
                        Some(i) => labels[..i + 1].join("."),
                        None => continue,
                    }
                }
            };
            if resource_name.is_empty() {
                continue;
            }
            return Some(ProviderMatch {
                provider: fp.provider.clone(),
                resource_name,
                resource: fp.resource.clone(),
                claimable: fp.claimable.clone(),
                http_fingerprints: fp.http_fingerprints.clone(),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_provider_endpoints() {
        let fps = fingerprints();
        assert!(fps.len() >= 15);
        assert!(
            fps.iter()
                .filter(|f| !f.http_fingerprints.is_empty())
                .count()
                >= 10
        );
        let m = match_target(&fps, "acme-receipts.s3.amazonaws.com.").unwrap();
        assert_eq!(m.resource_name, "acme-receipts");
        assert_eq!(m.provider, "AWS S3 (bucket endpoint)");
        let m = match_target(&fps, "www.acme.com.s3-website-us-east-1.amazonaws.com").unwrap();
        assert_eq!(m.resource_name, "www.acme.com");
        assert_eq!(m.provider, "AWS S3 (website endpoint)");
        let m = match_target(&fps, "shop.s3.eu-west-1.amazonaws.com").unwrap();
        assert_eq!(m.resource_name, "shop");
        assert_eq!(
            match_target(&fps, "checkout.azurewebsites.net")
                .unwrap()
                .resource_name,
            "checkout"
        );
        assert_eq!(
            match_target(&fps, "acme.github.io").unwrap().provider,
            "GitHub Pages"
        );
        assert!(match_target(&fps, "ec2.amazonaws.com").is_none());
        assert!(match_target(&fps, "www.example.com").is_none());
    }
}
