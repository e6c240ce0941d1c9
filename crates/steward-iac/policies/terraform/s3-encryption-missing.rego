# S3 bucket without a declared encryption configuration.
package steward.iac.terraform.s3_encryption_missing

import data.steward.lib.terraform as tf

__rego_metadata__ := {
    "id": "iac/terraform/s3-encryption-missing",
    "title": "S3 bucket without a declared encryption configuration",
    "severity": "medium",
    "confidence": "medium",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "A bucket declares no server-side encryption (inline block or `aws_s3_bucket_server_side_encryption_configuration`); the data is protected only by the account default, with AWS-owned keys you cannot audit or revoke.",
    "remediation": "Add `aws_s3_bucket_server_side_encryption_configuration` with `sse_algorithm = \"aws:kms\"` and a customer-managed key.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_s3_bucket.%s declares no server-side encryption", [name]), "path": ["resource", "aws_s3_bucket", name]} if {
	some name, b in input.resource.aws_s3_bucket
	not b.server_side_encryption_configuration
	count(tf.companions("aws_s3_bucket_server_side_encryption_configuration", name)) == 0
}
