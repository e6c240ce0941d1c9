//! The rules sunset findings are reported under.

use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};
use steward_core::taxonomy::Cwe;

pub const BUCKET_NOT_EMPTY: &str = "sunset/bucket-not-empty";
pub const OBJECT_VERSIONS_LEFT: &str = "sunset/object-versions-left";
pub const DELETE_MARKERS_LEFT: &str = "sunset/delete-markers-left";
pub const DATABASE_PRESENT: &str = "sunset/database-present";
pub const KMS_KEY_ENABLED: &str = "sunset/kms-key-enabled";
pub const DATA_PATH_NOT_WIPED: &str = "sunset/data-path-not-wiped";
pub const DANGLING_CNAME: &str = "sunset/dangling-cname";
pub const DANGLING_ADDRESS: &str = "sunset/dangling-address";
pub const DNS_NOT_RELEASED: &str = "sunset/dns-not-released";
pub const CREDENTIAL_NOT_REVOKED: &str = "sunset/credential-not-revoked";
pub const NEEDS_ATTESTATION: &str = "sunset/needs-attestation";
pub const CHECK_FAILED: &str = "sunset/check-failed";

fn rule(
    id: &str,
    title: &str,
    severity: Severity,
    cwe: u32,
    description: &str,
    remediation: &str,
) -> Rule {
    let mut r = Rule::new(id, "sunset", title, severity);
    r.confidence = Confidence::High;
    r.cwe = vec![Cwe(cwe)];
    r.description = description.into();
    r.remediation = Some(remediation.into());
    r.references = vec!["https://csrc.nist.gov/pubs/sp/800/88/r1/final".into()];
    r
}

/// Every sunset rule.
pub fn rules() -> Vec<Rule> {
    let mut dangling = rule(
        DANGLING_CNAME,
        "DNS name still points at a released resource (subdomain takeover)",
        Severity::Critical,
        350,
        "A DNS name of the product is a CNAME to a cloud or hosting endpoint whose resource \
         no longer exists (the target does not resolve, or it is a bucket or host this sunset \
         released). Whoever registers that resource name at the provider serves content, \
         phishing pages or cookies-stealing scripts under the product's domain.",
        "Delete the DNS record (or point it at a resource you still control) before, not \
         after, releasing the resource it names.",
    );
    dangling.references.push(
        "https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/10-Test_for_Subdomain_Takeover".into(),
    );
    vec![
        rule(
            BUCKET_NOT_EMPTY,
            "Bucket still holds objects",
            Severity::High,
            212,
            "A bucket the product owned still exists and holds current objects: its data was not destroyed.",
            "Delete every object (and every version and delete marker, if versioning was ever on), then the bucket.",
        ),
        rule(
            OBJECT_VERSIONS_LEFT,
            "Bucket still holds noncurrent object versions",
            Severity::High,
            212,
            "A versioned bucket still keeps noncurrent versions of objects: deleting an object \
             in a versioned bucket only adds a delete marker, and every earlier version, with \
             its data, stays readable to anyone with s3:GetObjectVersion.",
            "List the versions (`aws s3api list-object-versions`) and delete each by version id, or let a lifecycle rule expire noncurrent versions, then delete the bucket.",
        ),
        rule(
            DELETE_MARKERS_LEFT,
            "Bucket still holds delete markers",
            Severity::High,
            459,
            "The bucket still has delete markers: the bucket cannot be deleted while they \
             remain, and its name stays held by the account, so the decommission is not complete.",
            "Delete each delete marker by version id, then delete the bucket.",
        ),
        rule(
            DATABASE_PRESENT,
            "Database or tables still present",
            Severity::High,
            212,
            "A database (or a table) the product owned still exists on the server.",
            "DROP the database (or the tables), and destroy its backups and replicas under the same plan.",
        ),
        rule(
            KMS_KEY_ENABLED,
            "Encryption key still enabled",
            Severity::High,
            320,
            "A KMS key whose destruction crypto-erases the product's data is still enabled: \
             every copy of the data encrypted under it, backups included, stays readable.",
            "Disable the key and schedule its deletion (`aws kms schedule-key-deletion`).",
        ),
        rule(
            DATA_PATH_NOT_WIPED,
            "Data path not wiped",
            Severity::High,
            212,
            "A path where the product kept data still exists and is not empty.",
            "Wipe the path (or destroy the volume), then check it again.",
        ),
        dangling,
        rule(
            DANGLING_ADDRESS,
            "DNS name still points at the address of a released host",
            Severity::High,
            350,
            "A DNS name of the product has an A or AAAA record for an address the product used \
             (a host this sunset releases, or one the ledger saw it served from). Cloud \
             providers hand released addresses to their next customer, who then serves \
             content, phishing pages or cookie-stealing scripts under the product's domain.",
            "Delete the DNS record before releasing the address (or keep the address reserved \
             until the record is gone).",
        ),
        rule(
            DNS_NOT_RELEASED,
            "DNS name still in use",
            Severity::Medium,
            459,
            "A DNS name of the product still resolves: the name was not released.",
            "Delete the record, or record why it stays (an attestation) if another product took it over.",
        ),
        rule(
            CREDENTIAL_NOT_REVOKED,
            "Credential found earlier not attested as revoked",
            Severity::High,
            798,
            "A scan recorded in the ledger found this kind of credential in the product's code \
             or history; nobody has attested that it was revoked. A credential outlives the \
             product that leaked it.",
            "Revoke or rotate the credential at its issuer, then `steward sunset attest ITEM --by NAME --evidence FILE`.",
        ),
        rule(
            NEEDS_ATTESTATION,
            "Item needs an attestation",
            Severity::Medium,
            459,
            "steward cannot check this item's destruction itself (or it is archived under \
             retention), and no attestation covers it.",
            "Destroy (or archive) it, then `steward sunset attest ITEM --by NAME --evidence FILE`.",
        ),
        rule(
            CHECK_FAILED,
            "Item could not be checked",
            Severity::Medium,
            459,
            "steward could not reach the service that holds this item (or the service refused \
             the check), so its destruction is not verified.",
            "Fix the endpoint or credentials and run `steward sunset verify` again, or attest the item.",
        ),
    ]
}
