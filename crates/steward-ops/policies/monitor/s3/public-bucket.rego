# A live bucket is readable or writable by anyone, through its ACL or its policy.
package steward.monitor.s3.public_bucket

__rego_metadata__ := {
    "id": "monitor/s3/public-bucket",
    "title": "S3 bucket is public",
    "severity": "critical",
    "confidence": "high",
    "cwe": ["CWE-732"],
    "owasp": "A01",
    "requirements": ["STW-ACCESS-010"],
    "description": "The bucket grants access to everyone (AllUsers or AuthenticatedUsers in its ACL, or a policy statement allowing Principal `*` with no condition confining it to a network, organisation or account), and no public access block neutralises it.",
    "remediation": "Remove the public grant or statement, turn on all four public access block settings, and serve public content through a CDN with origin access control instead.",
    "formats": ["s3-bucket"]
}

deny contains {"msg": sprintf("bucket `%s` grants %s to %s in its ACL", [input.bucket, g.permission, g.grantee]), "path": ["public_acl_grants", i]} if {
	input.public_via_acl
	some i, g in input.public_acl_grants
}

deny contains {"msg": sprintf("bucket `%s`'s policy statement %s allows %s to everyone", [input.bucket, _sid(s), concat(", ", s.actions)]), "path": ["public_policy_statements", i]} if {
	input.public_via_policy
	some i, s in input.public_policy_statements
}

_sid(s) := sprintf("`%s`", [s.sid]) if s.sid != ""

_sid(s) := "(without Sid)" if s.sid == ""
