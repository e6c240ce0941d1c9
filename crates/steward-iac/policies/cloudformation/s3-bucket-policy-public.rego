# S3 bucket policy allows everyone.
package steward.iac.cloudformation.s3_bucket_policy_public

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/s3-bucket-policy-public",
    "title": "S3 bucket policy allows everyone",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-732"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-010"
    ],
    "description": "An `AWS::S3::BucketPolicy` statement allows `Principal: \"*\"` (or `AWS: \"*\"`) without a condition, so anyone on the internet can perform its actions on the bucket.",
    "remediation": "Name the principals that need access (roles, accounts, a CloudFront origin access control with an `aws:SourceArn` condition) instead of `*`.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("bucket policy %s allows everyone (Principal \"*\") to %v", [s.name, s.statement.Action]), "path": array.concat(s.path, ["Principal"])} if {
	some s in data.steward.lib.cloudformation.policy_statements
	s.type == "AWS::S3::BucketPolicy"
	cfn.allows(s.statement)
	cfn.public_principal(s.statement.Principal)
	not s.statement.Condition
}
