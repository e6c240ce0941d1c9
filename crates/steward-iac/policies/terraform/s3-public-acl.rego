# S3 bucket ACL grants public access.
package steward.iac.terraform.s3_public_acl

__rego_metadata__ := {
    "id": "iac/terraform/s3-public-acl",
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
    "description": "An S3 bucket (or `aws_s3_bucket_acl`) uses a canned ACL that lets anyone, or any AWS account, read or write it.",
    "remediation": "Use `acl = \"private\"` (or no ACL with object ownership `BucketOwnerEnforced`) and grant access through IAM or a bucket policy naming specific principals.",
    "formats": [
        "terraform"
    ]
}

public := {"public-read", "public-read-write", "authenticated-read", "website"}

deny contains {"msg": sprintf("%s.%s uses the public ACL `%s`", [t, name, r.acl]), "path": ["resource", t, name, "acl"]} if {
	some t in ["aws_s3_bucket", "aws_s3_bucket_acl"]
	some name, r in input.resource[t]
	r.acl in public
}
