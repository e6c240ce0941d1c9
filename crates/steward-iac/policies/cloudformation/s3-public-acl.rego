# S3 bucket ACL grants public access.
package steward.iac.cloudformation.s3_public_acl

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/s3-public-acl",
    "title": "S3 bucket ACL grants public access",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-732"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-010"
    ],
    "description": "An `AWS::S3::Bucket` sets `AccessControl` to a canned ACL (`PublicRead`, `PublicReadWrite`, `AuthenticatedRead`) that lets anyone, or any AWS account, read or write it.",
    "remediation": "Remove `AccessControl` (buckets are private, with object ownership `BucketOwnerEnforced`) and grant access through IAM or a bucket policy naming specific principals; serve public content through CloudFront with origin access control.",
    "formats": [
        "cloudformation"
    ]
}

public := {"PublicRead", "PublicReadWrite", "AuthenticatedRead"}

deny contains {"msg": sprintf("bucket %s uses the public ACL `%s`", [name, acl]), "path": ["Resources", name, "Properties", "AccessControl"]} if {
	some name, r in cfn.resources("AWS::S3::Bucket")
	acl := cfn.props(r).AccessControl
	acl in public
}
