# S3 bucket access logging not enabled.
package steward.iac.terraform.s3_logging_missing

import data.steward.lib.terraform as tf

__rego_metadata__ := {
    "id": "iac/terraform/s3-logging-missing",
    "title": "S3 bucket access logging not enabled",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-778"
    ],
    "owasp": "A09",
    "requirements": [
        "STW-LOG-001"
    ],
    "description": "A bucket has no server access logging, so reads and writes of its objects leave no trail to investigate.",
    "remediation": "Add `aws_s3_bucket_logging` pointing at a separate log bucket (or enable CloudTrail data events for it).",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_s3_bucket.%s has no access logging", [name]), "path": ["resource", "aws_s3_bucket", name]} if {
	some name, b in input.resource.aws_s3_bucket
	not b.logging
	count(tf.companions("aws_s3_bucket_logging", name)) == 0
}
