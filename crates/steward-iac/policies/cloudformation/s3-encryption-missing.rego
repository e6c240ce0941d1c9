# S3 bucket does not declare encryption.
package steward.iac.cloudformation.s3_encryption_missing

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/s3-encryption-missing",
    "title": "S3 bucket does not declare encryption",
    "severity": "medium",
    "confidence": "medium",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An `AWS::S3::Bucket` has no `BucketEncryption`, so the template leaves the choice of key to the account default (SSE-S3 at best) instead of a key whose use is controlled and logged.",
    "remediation": "Add `BucketEncryption` with a `ServerSideEncryptionByDefault` of `aws:kms` (and a `KMSMasterKeyID`) or at least `AES256`.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("bucket %s declares no BucketEncryption", [name]), "path": ["Resources", name, "Properties", "BucketEncryption"]} if {
	some name, r in cfn.resources("AWS::S3::Bucket")
	not cfn.props(r).BucketEncryption
}
