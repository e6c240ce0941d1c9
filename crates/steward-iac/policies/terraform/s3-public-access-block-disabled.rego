# S3 public access block leaves a setting off.
package steward.iac.terraform.s3_public_access_block_disabled

__rego_metadata__ := {
    "id": "iac/terraform/s3-public-access-block-disabled",
    "title": "S3 public access block leaves a setting off",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-284"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-010"
    ],
    "description": "A public access block sets (or leaves at its default of false) one of `block_public_acls`, `block_public_policy`, `ignore_public_acls`, `restrict_public_buckets`.",
    "remediation": "Set all four settings to `true`.",
    "formats": [
        "terraform"
    ]
}

settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

deny contains {"msg": sprintf("%s.%s sets %s = false", [t, name, s]), "path": ["resource", t, name, s]} if {
	some t in ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"]
	some name, r in input.resource[t]
	some s in settings
	r[s] == false
}

deny contains {"msg": sprintf("%s.%s does not set %s (defaults to false)", [t, name, s]), "path": ["resource", t, name]} if {
	some t in ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"]
	some name, r in input.resource[t]
	some s in settings
	not s in object.keys(r)
}
