# S3 bucket without a public access block.
package steward.iac.terraform.s3_public_access_block_missing

import data.steward.lib.terraform as tf

__rego_metadata__ := {
    "id": "iac/terraform/s3-public-access-block-missing",
    "title": "S3 bucket without a public access block",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-284"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-010"
    ],
    "description": "A bucket has no `aws_s3_bucket_public_access_block` (and the account has none), so a later ACL or policy change can make it public without anything stopping it.",
    "remediation": "Add an `aws_s3_bucket_public_access_block` for the bucket with all four settings true, or an account-level `aws_s3_account_public_access_block`.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_s3_bucket.%s has no public access block", [name]), "path": ["resource", "aws_s3_bucket", name]} if {
	some name, _ in input.resource.aws_s3_bucket
	count(tf.companions("aws_s3_bucket_public_access_block", name)) == 0
	not input.resource.aws_s3_account_public_access_block
}
