# S3 bucket versioning not enabled.
package steward.iac.terraform.s3_versioning_disabled

import data.steward.lib.terraform as tf

__rego_metadata__ := {
    "id": "iac/terraform/s3-versioning-disabled",
    "title": "S3 bucket versioning not enabled",
    "severity": "medium",
    "confidence": "medium",
    "cwe": [
        "CWE-693"
    ],
    "owasp": "A04",
    "requirements": [
        "STW-DATA-007"
    ],
    "description": "A bucket has no versioning (or has it suspended), so an overwrite or delete, accidental or by ransomware, cannot be undone.",
    "remediation": "Add `aws_s3_bucket_versioning` with `status = \"Enabled\"` (and MFA delete for critical data).",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_s3_bucket.%s does not enable versioning", [name]), "path": ["resource", "aws_s3_bucket", name]} if {
	some name, b in input.resource.aws_s3_bucket
	not _inline(b)
	count(tf.companions("aws_s3_bucket_versioning", name)) == 0
}

deny contains {"msg": sprintf("aws_s3_bucket.%s sets versioning enabled = false", [name]), "path": ["resource", "aws_s3_bucket", name, "versioning", 0, "enabled"]} if {
	some name, b in input.resource.aws_s3_bucket
	b.versioning[0].enabled == false
	count(tf.companions("aws_s3_bucket_versioning", name)) == 0
}

deny contains {"msg": sprintf("aws_s3_bucket_versioning.%s sets status %s", [name, v.versioning_configuration[0].status]), "path": ["resource", "aws_s3_bucket_versioning", name, "versioning_configuration", 0, "status"]} if {
	some name, v in input.resource.aws_s3_bucket_versioning
	v.versioning_configuration[0].status in {"Suspended", "Disabled"}
}

_inline(b) if b.versioning
