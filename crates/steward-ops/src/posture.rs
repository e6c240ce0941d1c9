//! Posture policies: Rego over the observations probes make (an S3 bucket's
//! [`crate::storage`] observation, document kind `s3-bucket`; a TLS endpoint's
//! [`crate::tls`] observation, `tls-endpoint`), turned into findings located
//! at the asset. Plus the one finding that needs two probes: sensitive data (from DLP) in a
//! bucket that is public.

use std::sync::OnceLock;

use serde_json::Value;
use steward_core::finding::{Finding, Location};
use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};
use steward_core::taxonomy::{Cwe, Owasp};
use steward_policy::{Document, PolicyError, PolicySet, SourceMap};

/// The built-in posture policies, `(file, source)`.
const POLICIES: &[(&str, &str)] = &[
    (
        "monitor/s3/public-bucket.rego",
        include_str!("../policies/monitor/s3/public-bucket.rego"),
    ),
    (
        "monitor/s3/public-access-block.rego",
        include_str!("../policies/monitor/s3/public-access-block.rego"),
    ),
    (
        "monitor/s3/encryption.rego",
        include_str!("../policies/monitor/s3/encryption.rego"),
    ),
    (
        "monitor/s3/versioning.rego",
        include_str!("../policies/monitor/s3/versioning.rego"),
    ),
    (
        "monitor/s3/logging.rego",
        include_str!("../policies/monitor/s3/logging.rego"),
    ),
    (
        "monitor/s3/tls-required.rego",
        include_str!("../policies/monitor/s3/tls-required.rego"),
    ),
    (
        "monitor/tls/certificate-invalid.rego",
        include_str!("../policies/monitor/tls/certificate-invalid.rego"),
    ),
    (
        "monitor/tls/certificate-expiring.rego",
        include_str!("../policies/monitor/tls/certificate-expiring.rego"),
    ),
    (
        "monitor/tls/legacy-protocol.rego",
        include_str!("../policies/monitor/tls/legacy-protocol.rego"),
    ),
    (
        "monitor/tls/weak-key.rego",
        include_str!("../policies/monitor/tls/weak-key.rego"),
    ),
    (
        "monitor/tls/self-signed.rego",
        include_str!("../policies/monitor/tls/self-signed.rego"),
    ),
];

/// The document kind of an S3 bucket observation.
pub const S3_BUCKET: &str = "s3-bucket";

/// The document kind of a TLS endpoint observation.
pub const TLS_ENDPOINT: &str = "tls-endpoint";

/// Sensitive data in a bucket anyone can read.
pub const PUBLIC_SENSITIVE_DATA: &str = "dlp/public-sensitive-data";

fn policies() -> Result<&'static PolicySet, PolicyError> {
    static SET: OnceLock<Result<PolicySet, String>> = OnceLock::new();
    SET.get_or_init(|| {
        PolicySet::load(
            POLICIES
                .iter()
                .map(|(f, s)| (format!("policies/{f}"), s.to_string())),
        )
        .map_err(|e| e.to_string())
    })
    .as_ref()
    .map_err(|e| PolicyError::Parse {
        file: "posture policies".into(),
        message: e.clone(),
    })
}

/// Every posture rule, for the catalog and the rule reference.
pub fn rules() -> Result<Vec<Rule>, PolicyError> {
    let mut rules: Vec<Rule> = policies()?
        .policies()
        .iter()
        .map(|p| p.meta.to_rule("monitor"))
        .collect();
    rules.push(public_sensitive_rule());
    Ok(rules)
}

fn public_sensitive_rule() -> Rule {
    let mut r = Rule::new(
        PUBLIC_SENSITIVE_DATA,
        "dlp",
        "Sensitive data in a publicly readable bucket",
        Severity::Critical,
    );
    r.confidence = Confidence::High;
    r.cwe = vec![Cwe(359), Cwe(732)];
    r.owasp = Some(Owasp::A01);
    r.requirements = vec!["STW-ACCESS-010".into(), "STW-DATA-005".into()];
    r.description = "An object holding sensitive data (card numbers, national ids, health or personal data) sits in a bucket that anyone can read: it must be treated as already disclosed.".into();
    r.remediation = Some("Make the bucket private at once (remove the public grant or statement, turn on the public access block), then move the data to where it is declared, rotate what can be rotated (cards, credentials), and follow the incident procedure for a disclosure.".into());
    r
}

/// Findings for one observation of `kind` at `location` (`s3://bucket`), named after
/// `asset` when the manifest declares one. Policy evaluation errors come back beside them.
pub fn evaluate(
    kind: &str,
    observation: &Value,
    location: &str,
    asset: Option<&str>,
) -> Result<(Vec<Finding>, Vec<PolicyError>), PolicyError> {
    let set = policies()?;
    let doc = Document {
        kind: kind.to_string(),
        input: observation.clone(),
        source_map: SourceMap::default(),
    };
    let eval = set.evaluate(&doc, |p| p.applies_to(kind));
    let mut out = Vec::new();
    for v in eval.violations {
        let rule = v.policy.meta.to_rule("monitor");
        let matched = match &v.path {
            Some(p) => format!("{location}|{p}"),
            None => format!("{location}|{}", v.message),
        };
        let mut f = Finding::new(
            &rule,
            v.message.clone(),
            Location::whole(location),
            matched.as_bytes(),
        );
        f.severity = v.severity();
        if let Some(a) = asset {
            f.properties.insert("asset".into(), a.into());
        }
        if let Some(p) = &v.path {
            f.properties.insert("observed_field".into(), p.to_json());
        }
        out.push(f);
    }
    Ok((out, eval.errors))
}

/// One critical finding per object that holds sensitive data, when the bucket is public.
/// `objects` are `(s3://bucket/key, data classes found)`.
pub fn public_sensitive_findings(
    observation: &Value,
    objects: &[(String, Vec<String>)],
    asset: Option<&str>,
) -> Vec<Finding> {
    if observation.get("public") != Some(&Value::Bool(true)) {
        return Vec::new();
    }
    let bucket = observation
        .get("bucket")
        .and_then(Value::as_str)
        .unwrap_or("?");
    let how = if observation.get("public_via_acl") == Some(&Value::Bool(true)) {
        "its ACL"
    } else {
        "its bucket policy"
    };
    let rule = public_sensitive_rule();
    objects
        .iter()
        .filter(|(_, classes)| !classes.is_empty())
        .map(|(object, classes)| {
            let mut f = Finding::new(
                &rule,
                format!(
                    "{object} holds {} data and bucket `{bucket}` is public through {how} (breaks {})",
                    classes.join(", "),
                    rule.requirements.join(", ")
                ),
                Location::whole(object),
                object.as_bytes(),
            );
            f.properties.insert("data_classes".into(), classes.clone().into());
            if let Some(a) = asset {
                f.properties.insert("asset".into(), a.into());
            }
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids(findings: &[Finding]) -> Vec<&str> {
        let mut v: Vec<&str> = findings.iter().map(|f| f.rule_id.as_str()).collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn a_careless_bucket_fails_every_policy_and_a_careful_one_none() {
        let careless = json!({
            "bucket": "exports", "public": true, "public_via_acl": true, "public_via_policy": false,
            "public_acl_grants": [{"grantee": "AllUsers", "permission": "READ"}],
            "public_policy_statements": [], "public_access_block": null,
            "policy_present": false, "tls_required": false,
            "encryption": {"enabled": false}, "versioning": "Off", "logging": false, "unreadable": {}
        });
        let (f, errors) = evaluate(S3_BUCKET, &careless, "s3://exports", Some("exports")).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            ids(&f),
            [
                "monitor/s3/encryption-off",
                "monitor/s3/logging-off",
                "monitor/s3/public-access-block-off",
                "monitor/s3/public-bucket",
                "monitor/s3/tls-not-required",
                "monitor/s3/versioning-off",
            ]
        );
        let public = f
            .iter()
            .find(|f| f.rule_id == "monitor/s3/public-bucket")
            .unwrap();
        assert!(
            public.message.contains("READ to AllUsers"),
            "{}",
            public.message
        );
        assert_eq!(public.severity, Severity::Critical);

        let careful = json!({
            "bucket": "vault", "public": false, "public_via_acl": false, "public_via_policy": false,
            "public_acl_grants": [], "public_policy_statements": [],
            "public_access_block": {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true},
            "policy_present": true, "tls_required": true,
            "encryption": {"enabled": true, "algorithm": "aws:kms"}, "versioning": "Enabled", "logging": true, "unreadable": {}
        });
        let (f, errors) = evaluate(S3_BUCKET, &careful, "s3://vault", None).unwrap();
        assert!(errors.is_empty() && f.is_empty(), "{:?}", ids(&f));
    }

    #[test]
    fn unreadable_fields_stay_silent_and_a_partial_block_names_what_is_off() {
        let obs = json!({
            "bucket": "b", "public": false, "public_via_acl": false, "public_via_policy": false,
            "public_acl_grants": [], "public_policy_statements": [],
            "public_access_block": {"block_public_acls": true, "ignore_public_acls": false, "block_public_policy": true, "restrict_public_buckets": false},
            "policy_present": null, "tls_required": null,
            "encryption": null, "versioning": null, "logging": null,
            "unreadable": {"versioning": "501 NotImplemented"}
        });
        let (f, _) = evaluate(S3_BUCKET, &obs, "s3://b", None).unwrap();
        assert_eq!(ids(&f), ["monitor/s3/public-access-block-off"]);
        assert!(
            f[0].message
                .contains("IgnorePublicAcls, RestrictPublicBuckets"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn tls_policies_judge_protocols_keys_and_dates() {
        let weak = json!({
            "endpoint": "127.0.0.1:8443", "negotiated": "0x0303",
            "legacy_protocols_accepted": ["TLSv1.0", "TLSv1.1"],
            "certificate": {"subject": "app.internal", "not_before": "2026-01-01T00:00:00+00:00",
                "not_after": "2026-11-30T00:00:00+00:00", "days_left": 6, "expired": false,
                "not_yet_valid": false, "key_type": "rsa", "key_bits": 1024, "self_signed": true}
        });
        let (f, errors) = evaluate(TLS_ENDPOINT, &weak, "tls://127.0.0.1:8443", None).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            ids(&f),
            [
                "monitor/tls/certificate-expiring",
                "monitor/tls/legacy-protocol",
                "monitor/tls/self-signed",
                "monitor/tls/weak-key",
            ]
        );
        let strong = json!({
            "endpoint": "127.0.0.1:8443", "negotiated": "0x0303", "legacy_protocols_accepted": [],
            "certificate": {"subject": "app", "not_before": "2026-01-01T00:00:00+00:00",
                "not_after": "2027-06-01T00:00:00+00:00", "days_left": 190, "expired": false,
                "not_yet_valid": false, "key_type": "ec", "key_bits": 256, "self_signed": false}
        });
        let (f, _) = evaluate(TLS_ENDPOINT, &strong, "tls://127.0.0.1:8443", None).unwrap();
        assert!(f.is_empty(), "{:?}", ids(&f));
        let expired = json!({"endpoint": "e", "legacy_protocols_accepted": [],
            "certificate": {"expired": true, "not_yet_valid": false, "days_left": -3, "not_after": "2026-11-20T00:00:00+00:00", "key_type": "ec", "key_bits": 384, "self_signed": false}});
        let (f, _) = evaluate(TLS_ENDPOINT, &expired, "tls://e", None).unwrap();
        assert_eq!(ids(&f), ["monitor/tls/certificate-invalid"]);
    }

    #[test]
    fn sensitive_objects_in_a_public_bucket_are_critical() {
        let public = json!({"bucket": "exports", "public": true, "public_via_acl": true});
        let objects = vec![
            (
                "s3://exports/cards.csv".to_string(),
                vec!["cardholder".to_string()],
            ),
            ("s3://exports/readme.txt".to_string(), vec![]),
        ];
        let f = public_sensitive_findings(&public, &objects, Some("exports"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Critical);
        assert!(f[0].message.contains("cardholder"));
        assert!(f[0].message.contains("STW-ACCESS-010"));
        let private = json!({"bucket": "exports", "public": false});
        assert!(public_sensitive_findings(&private, &objects, None).is_empty());
    }
}
