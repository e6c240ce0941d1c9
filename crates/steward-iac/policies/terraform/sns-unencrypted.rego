# SNS topic is not encrypted.
package steward.iac.terraform.sns_unencrypted

__rego_metadata__ := {
    "id": "iac/terraform/sns-unencrypted",
    "title": "SNS topic is not encrypted",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An `aws_sns_topic` sets no `kms_master_key_id`, so messages it stores while delivering them are not encrypted under a key.",
    "remediation": "Set `kms_master_key_id` to a customer managed key (or `alias/aws/sns`).",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_sns_topic.%s is not encrypted", [name]), "path": ["resource", "aws_sns_topic", name]} if {
	some name, t in input.resource.aws_sns_topic
	not t.kms_master_key_id
}
