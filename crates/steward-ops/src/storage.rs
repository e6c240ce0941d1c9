//! The storage probe: what an S3 (or S3-compatible) bucket lets strangers do, how it is
//! protected, and which objects it holds. [`bucket_posture`] reads the bucket's public
//! access block, ACL, policy, default encryption, versioning and access logging, and decides
//! publicness itself (a policy statement open to `*` is public unless a condition ties it to
//! a network, an organisation or an account); the result is a JSON observation that the
//! posture policies (Rego, in `policies/monitor/s3/`) turn into findings. [`list_objects`]
//! and [`get_object`] feed `steward dlp s3://…` and the monitor's DLP pass.
//!
//! A field the service would not return (permissions, or an emulator that does not implement
//! it) is recorded under `unreadable` with the reason, and its policy stays silent: "could
//! not read" is never reported as a pass or a failure.

use serde_json::{Value, json};

use crate::cloud::s3::{service_error, valid_bucket_name};
use crate::cloud::{Call, CloudError, Credentials, Response, ServiceConfig, send, sigv4};

/// The groups an ACL grant makes public.
const ALL_USERS: &str = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED_USERS: &str = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

/// Condition keys that confine an `Allow` to something narrower than the internet.
const RESTRICTING_CONDITION_KEYS: &[&str] = &[
    "aws:sourceip",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceowner",
    "aws:userid",
    "aws:username",
];

/// A `s3://bucket/prefix` target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketTarget {
    pub bucket: String,
    pub prefix: String,
}

impl BucketTarget {
    pub fn parse(url: &str) -> Result<BucketTarget, String> {
        let rest = url
            .strip_prefix("s3://")
            .ok_or_else(|| format!("`{url}` is not an s3:// URL; write s3://bucket/prefix"))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if !valid_bucket_name(bucket) {
            return Err(format!(
                "`{bucket}` is not a bucket name (3 to 63 lower-case letters, digits, dots and hyphens); write s3://bucket/prefix"
            ));
        }
        Ok(BucketTarget {
            bucket: bucket.to_string(),
            prefix: prefix.to_string(),
        })
    }
}

/// The S3 client of the storage probe.
pub struct Storage {
    config: ServiceConfig,
    creds: Credentials,
}

/// One object of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectInfo {
    pub key: String,
    pub size: u64,
}

impl Storage {
    /// A client for `endpoint` (or the AWS environment's), with the environment's credentials.
    pub fn from_env(endpoint: Option<&str>, region: Option<&str>) -> Result<Storage, CloudError> {
        Ok(Storage {
            config: ServiceConfig::resolve("s3", endpoint, region),
            creds: Credentials::from_env()?,
        })
    }

    pub fn new(config: ServiceConfig, creds: Credentials) -> Storage {
        Storage { config, creds }
    }

    pub fn endpoint(&self) -> &str {
        &self.config.endpoint
    }

    fn get(&self, path: &str, query: &[(String, String)]) -> Result<Response, CloudError> {
        send(
            &self.config,
            &self.creds,
            Call {
                service: "s3",
                method: "GET",
                path,
                query,
                headers: &[],
                body: Vec::new(),
            },
        )
    }

    fn subresource(&self, bucket: &str, name: &str) -> Result<Response, CloudError> {
        self.get(
            &format!("/{}", sigv4::uri_encode(bucket, false)),
            &[(name.to_string(), String::new())],
        )
    }

    /// Every object under `prefix` (following the listing's pages), up to `max` of them;
    /// the flag says whether there were more.
    pub fn list_objects(
        &self,
        bucket: &str,
        prefix: &str,
        max: usize,
    ) -> Result<(Vec<ObjectInfo>, bool), CloudError> {
        let path = format!("/{}", sigv4::uri_encode(bucket, false));
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut query = vec![("list-type".to_string(), "2".to_string())];
            if !prefix.is_empty() {
                query.push(("prefix".into(), prefix.into()));
            }
            if let Some(t) = &token {
                query.push(("continuation-token".into(), t.clone()));
            }
            let r = self.get(&path, &query)?;
            if r.status != 200 {
                return Err(service_error(&self.config.endpoint, &r));
            }
            let text = String::from_utf8_lossy(&r.body);
            let doc = roxmltree::Document::parse(&text).map_err(|e| self.bad(e.to_string()))?;
            for c in doc.descendants().filter(|n| n.has_tag_name("Contents")) {
                let field = |name: &str| {
                    c.children()
                        .find(|n| n.has_tag_name(name))
                        .and_then(|n| n.text())
                        .unwrap_or("")
                };
                out.push(ObjectInfo {
                    key: field("Key").to_string(),
                    size: field("Size").parse().unwrap_or(0),
                });
                if out.len() >= max {
                    return Ok((out, true));
                }
            }
            let truncated = xml_text(&doc, "IsTruncated") == Some("true");
            token = xml_text(&doc, "NextContinuationToken").map(str::to_string);
            if !truncated || token.is_none() {
                return Ok((out, false));
            }
        }
    }

    /// An object's bytes.
    pub fn get_object(&self, bucket: &str, key: &str) -> Result<Vec<u8>, CloudError> {
        let path = format!(
            "/{}/{}",
            sigv4::uri_encode(bucket, false),
            sigv4::uri_encode(key, true)
        );
        let r = self.get(&path, &[])?;
        if r.status != 200 {
            return Err(service_error(&self.config.endpoint, &r));
        }
        Ok(r.body)
    }

    fn bad(&self, message: String) -> CloudError {
        CloudError::BadResponse {
            endpoint: self.config.endpoint.clone(),
            message,
        }
    }

    /// The bucket's posture as a JSON observation (see the module docs). `Err` only when the
    /// bucket cannot be reached at all or does not exist.
    pub fn bucket_posture(&self, bucket: &str) -> Result<Value, CloudError> {
        let mut unreadable = serde_json::Map::new();
        let mut note = |field: &str, e: String| {
            unreadable.insert(field.to_string(), Value::String(e));
        };
        // Existence first: everything else is moot without the bucket.
        let acl = self.subresource(bucket, "acl")?;
        if acl.status == 404 {
            return Err(service_error(&self.config.endpoint, &acl));
        }

        let grants = match acl.status {
            200 => parse_acl(&acl.body).map_err(|e| self.bad(format!("ACL: {e}")))?,
            _ => {
                note(
                    "acl",
                    service_error(&self.config.endpoint, &acl).to_string(),
                );
                Vec::new()
            }
        };
        let pab = match self.subresource(bucket, "publicAccessBlock") {
            Ok(r) if r.status == 200 => parse_public_access_block(&r.body),
            Ok(r) if r.status == 404 => Some(json!(null)),
            Ok(r) => {
                note(
                    "public_access_block",
                    service_error(&self.config.endpoint, &r).to_string(),
                );
                None
            }
            Err(e) => {
                note("public_access_block", e.to_string());
                None
            }
        };
        let policy = match self.subresource(bucket, "policy") {
            Ok(r) if r.status == 200 => match serde_json::from_slice::<Value>(&r.body) {
                Ok(v) => Some(v),
                Err(e) => {
                    note("policy", format!("not JSON: {e}"));
                    None
                }
            },
            Ok(r) if r.status == 404 => Some(Value::Null),
            Ok(r) => {
                note(
                    "policy",
                    service_error(&self.config.endpoint, &r).to_string(),
                );
                None
            }
            Err(e) => {
                note("policy", e.to_string());
                None
            }
        };
        let encryption = match self.subresource(bucket, "encryption") {
            Ok(r) if r.status == 200 => {
                let text = String::from_utf8_lossy(&r.body);
                let algo = roxmltree::Document::parse(&text)
                    .ok()
                    .and_then(|d| xml_text(&d, "SSEAlgorithm").map(str::to_string));
                Some(json!({"enabled": true, "algorithm": algo}))
            }
            Ok(r) if r.status == 404 => Some(json!({"enabled": false})),
            Ok(r) => {
                note(
                    "encryption",
                    service_error(&self.config.endpoint, &r).to_string(),
                );
                None
            }
            Err(e) => {
                note("encryption", e.to_string());
                None
            }
        };
        let versioning = match self.subresource(bucket, "versioning") {
            Ok(r) if r.status == 200 => {
                let text = String::from_utf8_lossy(&r.body);
                match roxmltree::Document::parse(&text) {
                    Ok(d) => Some(Value::String(
                        xml_text(&d, "Status").unwrap_or("Off").to_string(),
                    )),
                    Err(e) => {
                        note("versioning", format!("unreadable answer: {e}"));
                        None
                    }
                }
            }
            Ok(r) => {
                note(
                    "versioning",
                    service_error(&self.config.endpoint, &r).to_string(),
                );
                None
            }
            Err(e) => {
                note("versioning", e.to_string());
                None
            }
        };
        let logging = match self.subresource(bucket, "logging") {
            Ok(r) if r.status == 200 => {
                let text = String::from_utf8_lossy(&r.body);
                match roxmltree::Document::parse(&text) {
                    Ok(d) => Some(Value::Bool(
                        d.descendants().any(|n| n.has_tag_name("LoggingEnabled")),
                    )),
                    Err(e) => {
                        note("logging", format!("unreadable answer: {e}"));
                        None
                    }
                }
            }
            Ok(r) => {
                note(
                    "logging",
                    service_error(&self.config.endpoint, &r).to_string(),
                );
                None
            }
            Err(e) => {
                note("logging", e.to_string());
                None
            }
        };
        Ok(observation(
            bucket, &grants, pab, policy, encryption, versioning, logging, unreadable,
        ))
    }
}

fn xml_text<'a>(doc: &'a roxmltree::Document<'_>, tag: &str) -> Option<&'a str> {
    doc.descendants()
        .find(|n| n.has_tag_name(tag))
        .and_then(|n| n.text())
}

/// One ACL grant: who (a group URI or a canonical user id) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub uri: Option<String>,
    pub id: Option<String>,
    pub permission: String,
}

fn parse_acl(body: &[u8]) -> Result<Vec<Grant>, String> {
    let text = String::from_utf8_lossy(body);
    let doc = roxmltree::Document::parse(&text).map_err(|e| e.to_string())?;
    Ok(doc
        .descendants()
        .filter(|n| n.has_tag_name("Grant"))
        .map(|g| {
            let grantee = g.children().find(|n| n.has_tag_name("Grantee"));
            let field = |name: &str| {
                grantee
                    .and_then(|n| n.children().find(|c| c.has_tag_name(name)))
                    .and_then(|n| n.text())
                    .map(str::to_string)
            };
            Grant {
                uri: field("URI"),
                id: field("ID"),
                permission: g
                    .children()
                    .find(|n| n.has_tag_name("Permission"))
                    .and_then(|n| n.text())
                    .unwrap_or("")
                    .to_string(),
            }
        })
        .collect())
}

/// `{block_public_acls, ignore_public_acls, block_public_policy, restrict_public_buckets}`.
fn parse_public_access_block(body: &[u8]) -> Option<Value> {
    let text = String::from_utf8_lossy(body);
    let doc = roxmltree::Document::parse(&text).ok()?;
    let flag = |tag: &str| xml_text(&doc, tag) == Some("true");
    Some(json!({
        "block_public_acls": flag("BlockPublicAcls"),
        "ignore_public_acls": flag("IgnorePublicAcls"),
        "block_public_policy": flag("BlockPublicPolicy"),
        "restrict_public_buckets": flag("RestrictPublicBuckets"),
    }))
}

/// Whether a policy statement's principal is everyone.
fn principal_is_everyone(principal: &Value) -> bool {
    match principal {
        Value::String(s) => s == "*",
        Value::Object(m) => m.get("AWS").is_some_and(|aws| match aws {
            Value::String(s) => s == "*",
            Value::Array(a) => a.iter().any(|v| v == "*"),
            _ => false,
        }),
        _ => false,
    }
}

/// Whether a statement's conditions confine it (to networks, an organisation, accounts).
fn conditions_restrict(condition: Option<&Value>) -> bool {
    let Some(Value::Object(ops)) = condition else {
        return false;
    };
    ops.values().any(|keys| {
        keys.as_object().is_some_and(|k| {
            k.keys()
                .any(|key| RESTRICTING_CONDITION_KEYS.contains(&key.to_ascii_lowercase().as_str()))
        })
    })
}

fn as_list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    }
}

/// The statements of a bucket policy that let anyone in, as `(sid, actions)`.
pub fn public_statements(policy: &Value) -> Vec<(String, Vec<String>)> {
    as_list(policy.get("Statement"))
        .into_iter()
        .filter(|s| s.get("Effect").and_then(Value::as_str) == Some("Allow"))
        .filter(|s| s.get("Principal").is_some_and(principal_is_everyone))
        .filter(|s| !conditions_restrict(s.get("Condition")))
        .map(|s| {
            let sid = s
                .get("Sid")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let actions = as_list(s.get("Action"))
                .into_iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            (sid, actions)
        })
        .collect()
}

/// Whether the policy denies every request that does not use TLS (a Deny of `s3:*` or
/// `*` for everyone when aws:SecureTransport is false).
pub fn requires_tls(policy: &Value) -> bool {
    as_list(policy.get("Statement")).into_iter().any(|s| {
        s.get("Effect").and_then(Value::as_str) == Some("Deny")
            && s.get("Principal").is_some_and(principal_is_everyone)
            && as_list(s.get("Action"))
                .into_iter()
                .any(|a| a == "s3:*" || a == "*")
            && s.get("Condition")
                .and_then(|c| c.get("Bool"))
                .and_then(|b| b.get("aws:SecureTransport"))
                .is_some_and(|v| v == "false" || v == &Value::Bool(false))
    })
}

#[allow(clippy::too_many_arguments)]
fn observation(
    bucket: &str,
    grants: &[Grant],
    pab: Option<Value>,
    policy: Option<Value>,
    encryption: Option<Value>,
    versioning: Option<Value>,
    logging: Option<Value>,
    unreadable: serde_json::Map<String, Value>,
) -> Value {
    let flag = |name: &str| {
        pab.as_ref()
            .and_then(|p| p.get(name))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    };
    let acl_public: Vec<Value> = grants
        .iter()
        .filter(|g| {
            g.uri
                .as_deref()
                .is_some_and(|u| u == ALL_USERS || u == AUTHENTICATED_USERS)
        })
        .map(|g| {
            json!({
                "grantee": if g.uri.as_deref() == Some(ALL_USERS) { "AllUsers" } else { "AuthenticatedUsers" },
                "permission": g.permission,
            })
        })
        .collect();
    let policy_public: Vec<Value> = policy
        .as_ref()
        .map(public_statements)
        .unwrap_or_default()
        .into_iter()
        .map(|(sid, actions)| json!({"sid": sid, "actions": actions}))
        .collect();
    // What the public access block neutralises: public ACLs are ignored, public policies
    // restricted to the owner's account and AWS services.
    let public_via_acl = !acl_public.is_empty() && !flag("ignore_public_acls");
    let public_via_policy = !policy_public.is_empty() && !flag("restrict_public_buckets");
    json!({
        "bucket": bucket,
        "public": public_via_acl || public_via_policy,
        "public_via_acl": public_via_acl,
        "public_via_policy": public_via_policy,
        "public_acl_grants": acl_public,
        "public_policy_statements": policy_public,
        "public_access_block": pab.unwrap_or(Value::String("unreadable".into())),
        "policy_present": policy.as_ref().map(|p| !p.is_null()),
        "tls_required": policy.as_ref().map(|p| !p.is_null() && requires_tls(p)),
        "encryption": encryption,
        "versioning": versioning,
        "logging": logging,
        "unreadable": unreadable,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse() {
        assert_eq!(
            BucketTarget::parse("s3://exports/2026/q1").unwrap(),
            BucketTarget {
                bucket: "exports".into(),
                prefix: "2026/q1".into()
            }
        );
        assert_eq!(BucketTarget::parse("s3://exports").unwrap().prefix, "");
        assert!(BucketTarget::parse("s3://Bad_Name/x").is_err());
        assert!(BucketTarget::parse("gs://exports").is_err());
    }

    #[test]
    fn publicness_is_decided_with_conditions_and_the_access_block() {
        let open = json!({"Statement": [{"Sid": "Read", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]});
        assert_eq!(public_statements(&open).len(), 1);
        let aws_star = json!({"Statement": {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": ["s3:GetObject"]}});
        assert_eq!(public_statements(&aws_star).len(), 1);
        let vpc_only = json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b"}}}]});
        assert!(public_statements(&vpc_only).is_empty());
        let org_only = json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-123"}}}]});
        assert!(public_statements(&org_only).is_empty());
        // A condition that does not confine who (only TLS) leaves it public.
        let tls_only = json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]});
        assert_eq!(public_statements(&tls_only).len(), 1);
        let account = json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject"}]});
        assert!(public_statements(&account).is_empty());

        let grants = vec![Grant {
            uri: Some(ALL_USERS.into()),
            id: None,
            permission: "READ".into(),
        }];
        let none = || serde_json::Map::new();
        let obs = observation(
            "b",
            &grants,
            Some(Value::Null),
            None,
            None,
            None,
            None,
            none(),
        );
        assert_eq!(obs["public"], true);
        assert_eq!(obs["public_via_acl"], true);
        let blocked = json!({"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true});
        let obs = observation(
            "b",
            &grants,
            Some(blocked.clone()),
            Some(open.clone()),
            None,
            None,
            None,
            none(),
        );
        assert_eq!(obs["public"], false, "the access block neutralises both");
        let obs = observation(
            "b",
            &[],
            Some(Value::Null),
            Some(open),
            None,
            None,
            None,
            none(),
        );
        assert_eq!(obs["public_via_policy"], true);
    }

    #[test]
    fn tls_only_policies_are_recognised() {
        let p = json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]});
        assert!(requires_tls(&p));
        assert!(!requires_tls(&json!({"Statement": []})));
        // Only uploads: reads may still go over plain HTTP.
        let puts_only = json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]});
        assert!(!requires_tls(&puts_only));
    }

    #[test]
    fn acls_parse() {
        let xml = br#"<?xml version="1.0"?><AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>abc</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>abc</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>"#;
        let grants = parse_acl(xml).unwrap();
        assert_eq!(grants.len(), 2);
        assert_eq!(grants[1].uri.as_deref(), Some(ALL_USERS));
        assert_eq!(grants[1].permission, "READ");
    }
}
