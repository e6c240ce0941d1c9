# S3 bucket has no public access block.
package steward.iac.cloudformation.s3_public_access_block_missing

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/s3-public-access-block-missing",
    "title": "S3 bucket has no public access block",
    "severity": "medium",
    "confidence": "medium",
    "cwe": [
        "CWE-732"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-010"
    ],
    "description": "An `AWS::S3::Bucket` sets no `PublicAccessBlockConfiguration`, so nothing in the template stops a later ACL or bucket policy from making it public.",
    "remediation": "Add `PublicAccessBlockConfiguration` with `BlockPublicAcls`, `BlockPublicPolicy`, `IgnorePublicAcls` and `RestrictPublicBuckets` all `true`.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("bucket %s has no PublicAccessBlockConfiguration", [name]), "path": ["Resources", name, "Properties", "PublicAccessBlockConfiguration"]} if {
	some name, r in cfn.resources("AWS::S3::Bucket")
	not cfn.props(r).PublicAccessBlockConfiguration
}
