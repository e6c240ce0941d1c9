//! S3: does a bucket exist, and what object versions and delete markers are left in it.
//! Path-style requests (`endpoint/bucket`), which AWS and every S3-compatible store accept.

use super::{Call, CloudError, Credentials, Response, ServiceConfig, send, sigv4};

/// What HEAD bucket said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BucketState {
    Absent,
    Present,
    /// It exists, but these credentials may not look at it (403).
    Forbidden,
}

/// One object version or delete marker still in a bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionEntry {
    pub key: String,
    pub version_id: String,
    pub is_latest: bool,
}

/// Everything a versions listing returned.
#[derive(Debug, Clone, Default)]
pub struct BucketContents {
    pub versions: Vec<VersionEntry>,
    pub delete_markers: Vec<VersionEntry>,
    /// The listing stopped at `max_entries`; there are more.
    pub truncated: bool,
}

impl BucketContents {
    /// Current objects: the latest version of a key that is not deleted.
    pub fn current_objects(&self) -> usize {
        self.versions.iter().filter(|v| v.is_latest).count()
    }

    /// Versions that are not current (kept by versioning after an overwrite or delete).
    pub fn noncurrent_versions(&self) -> usize {
        self.versions.iter().filter(|v| !v.is_latest).count()
    }
}

pub struct S3Client {
    config: ServiceConfig,
    creds: Credentials,
}

pub(crate) fn service_error(endpoint: &str, r: &Response) -> CloudError {
    let text = String::from_utf8_lossy(&r.body);
    let (code, message) = roxmltree::Document::parse(&text)
        .ok()
        .map(|doc| {
            let field = |name: &str| {
                doc.descendants()
                    .find(|n| n.has_tag_name(name))
                    .and_then(|n| n.text())
                    .unwrap_or("")
                    .to_string()
            };
            (field("Code"), field("Message"))
        })
        .unwrap_or_else(|| (String::new(), text.chars().take(200).collect()));
    CloudError::Service {
        endpoint: endpoint.to_string(),
        status: r.status,
        code,
        message,
    }
}

/// A bucket name as S3 allows it; anything else would make a malformed path.
pub fn valid_bucket_name(name: &str) -> bool {
    (3..=63).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
}

impl S3Client {
    pub fn new(config: ServiceConfig, creds: Credentials) -> S3Client {
        S3Client { config, creds }
    }

    pub fn endpoint(&self) -> &str {
        &self.config.endpoint
    }

    fn bucket_path(&self, bucket: &str) -> Result<String, CloudError> {
        if !valid_bucket_name(bucket) {
            return Err(CloudError::BadResponse {
                endpoint: self.config.endpoint.clone(),
                message: format!("`{bucket}` is not a valid bucket name"),
            });
        }
        Ok(format!("/{}", sigv4::uri_encode(bucket, false)))
    }

    pub fn head_bucket(&self, bucket: &str) -> Result<BucketState, CloudError> {
        let path = self.bucket_path(bucket)?;
        let r = send(
            &self.config,
            &self.creds,
            Call {
                service: "s3",
                method: "HEAD",
                path: &path,
                query: &[],
                headers: &[],
                body: Vec::new(),
            },
        )?;
        match r.status {
            200 => Ok(BucketState::Present),
            404 => Ok(BucketState::Absent),
            403 => Ok(BucketState::Forbidden),
            _ => Err(service_error(&self.config.endpoint, &r)),
        }
    }

    /// Every object version and delete marker, up to `max_entries` of them (following the
    /// listing's pages). `Ok(None)` when the bucket does not exist.
    pub fn list_versions(
        &self,
        bucket: &str,
        max_entries: usize,
    ) -> Result<Option<BucketContents>, CloudError> {
        self.list_versions_paged(bucket, "", max_entries, 1000)
    }

    /// [`list_versions`](Self::list_versions) of the keys under `prefix` only (all keys when
    /// it is empty), with `page_size` entries asked per request.
    pub fn list_versions_paged(
        &self,
        bucket: &str,
        prefix: &str,
        max_entries: usize,
        page_size: usize,
    ) -> Result<Option<BucketContents>, CloudError> {
        let path = self.bucket_path(bucket)?;
        let mut contents = BucketContents::default();
        let mut key_marker: Option<String> = None;
        let mut version_marker: Option<String> = None;
        loop {
            let mut query = vec![
                ("versions".to_string(), String::new()),
                ("max-keys".to_string(), page_size.clamp(1, 1000).to_string()),
            ];
            if !prefix.is_empty() {
                query.push(("prefix".into(), prefix.to_string()));
            }
            if let Some(k) = &key_marker {
                query.push(("key-marker".into(), k.clone()));
            }
            if let Some(v) = &version_marker {
                query.push(("version-id-marker".into(), v.clone()));
            }
            let r = send(
                &self.config,
                &self.creds,
                Call {
                    service: "s3",
                    method: "GET",
                    path: &path,
                    query: &query,
                    headers: &[],
                    body: Vec::new(),
                },
            )?;
            if r.status == 404 {
                return Ok(None);
            }
            if r.status != 200 {
                return Err(service_error(&self.config.endpoint, &r));
            }
            let page = parse_versions(&String::from_utf8_lossy(&r.body)).map_err(|message| {
                CloudError::BadResponse {
                    endpoint: self.config.endpoint.clone(),
                    message,
                }
            })?;
            contents.versions.extend(page.versions);
            contents.delete_markers.extend(page.delete_markers);
            let listed = contents.versions.len() + contents.delete_markers.len();
            if listed >= max_entries {
                contents.truncated = page.truncated || listed > max_entries;
                return Ok(Some(contents));
            }
            match page.next {
                Some((k, v)) if page.truncated => {
                    key_marker = Some(k);
                    version_marker = v;
                }
                _ => return Ok(Some(contents)),
            }
        }
    }
}

struct VersionsPage {
    versions: Vec<VersionEntry>,
    delete_markers: Vec<VersionEntry>,
    truncated: bool,
    next: Option<(String, Option<String>)>,
}

/// A `ListVersionsResult` document.
fn parse_versions(xml: &str) -> Result<VersionsPage, String> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| format!("not XML: {e}"))?;
    let root = doc.root_element();
    if !root.has_tag_name("ListVersionsResult") {
        return Err(format!(
            "expected ListVersionsResult, got {}",
            root.tag_name().name()
        ));
    }
    let child_text = |n: roxmltree::Node<'_, '_>, name: &str| {
        n.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    let entry = |n: roxmltree::Node<'_, '_>| VersionEntry {
        key: child_text(n, "Key").unwrap_or_default(),
        version_id: child_text(n, "VersionId").unwrap_or_else(|| "null".into()),
        is_latest: child_text(n, "IsLatest").as_deref() == Some("true"),
    };
    let mut page = VersionsPage {
        versions: Vec::new(),
        delete_markers: Vec::new(),
        truncated: child_text(root, "IsTruncated").as_deref() == Some("true"),
        next: None,
    };
    for n in root.children().filter(|n| n.is_element()) {
        if n.has_tag_name("Version") {
            page.versions.push(entry(n));
        } else if n.has_tag_name("DeleteMarker") {
            page.delete_markers.push(entry(n));
        }
    }
    if let Some(k) = child_text(root, "NextKeyMarker") {
        page.next = Some((k, child_text(root, "NextVersionIdMarker")));
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_versions_and_delete_markers() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>b</Name><IsTruncated>true</IsTruncated>
  <NextKeyMarker>k2</NextKeyMarker><NextVersionIdMarker>v9</NextVersionIdMarker>
  <Version><Key>k1</Key><VersionId>v1</VersionId><IsLatest>false</IsLatest></Version>
  <DeleteMarker><Key>k1</Key><VersionId>v2</VersionId><IsLatest>true</IsLatest></DeleteMarker>
  <Version><Key>k2</Key><VersionId>v3</VersionId><IsLatest>true</IsLatest></Version>
</ListVersionsResult>"#;
        let p = parse_versions(xml).unwrap();
        assert_eq!(p.versions.len(), 2);
        assert_eq!(p.delete_markers.len(), 1);
        assert!(p.truncated);
        assert_eq!(p.next, Some(("k2".into(), Some("v9".into()))));
        assert!(parse_versions("<Error/>").is_err());
    }

    #[test]
    fn bucket_names_are_checked() {
        assert!(valid_bucket_name("acme-receipts.eu"));
        assert!(!valid_bucket_name("Acme"));
        assert!(!valid_bucket_name("a/b"));
    }
}
