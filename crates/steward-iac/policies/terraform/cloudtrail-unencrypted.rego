# CloudTrail logs are not encrypted with a KMS key.
package steward.iac.terraform.cloudtrail_unencrypted

__rego_metadata__ := {
    "id": "iac/terraform/cloudtrail-unencrypted",
    "title": "CloudTrail logs are not encrypted with a KMS key",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-LOG-007",
        "STW-DATA-002"
    ],
    "description": "An `aws_cloudtrail` sets no `kms_key_id`, so its log files are encrypted only with S3-managed keys and anyone who can read the bucket can read every API call of the account.",
    "remediation": "Set `kms_key_id` to a customer managed key whose policy lets CloudTrail encrypt and only the security team decrypt.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_cloudtrail.%s does not encrypt its logs with a KMS key", [name]), "path": ["resource", "aws_cloudtrail", name]} if {
	some name, t in input.resource.aws_cloudtrail
	not t.kms_key_id
}
