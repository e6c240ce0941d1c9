# SQS queue is not encrypted.
package steward.iac.terraform.sqs_unencrypted

__rego_metadata__ := {
    "id": "iac/terraform/sqs-unencrypted",
    "title": "SQS queue is not encrypted",
    "severity": "medium",
    "confidence": "medium",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An `aws_sqs_queue` sets no `kms_master_key_id` and does not set `sqs_managed_sse_enabled = true` (or turns it off), so its messages are not encrypted under a key the code controls.",
    "remediation": "Set `kms_master_key_id` (a customer managed key, or `alias/aws/sqs`), or at least `sqs_managed_sse_enabled = true`.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_sqs_queue.%s is not encrypted", [name]), "path": _path(name, q)} if {
	some name, q in input.resource.aws_sqs_queue
	not q.kms_master_key_id
	not object.get(q, "sqs_managed_sse_enabled", false) == true
	not _computed(object.get(q, "sqs_managed_sse_enabled", false))
}

_computed(v) if {
	is_string(v)
	contains(v, "${")
}

_path(name, q) := ["resource", "aws_sqs_queue", name, "sqs_managed_sse_enabled"] if "sqs_managed_sse_enabled" in object.keys(q)

_path(name, q) := ["resource", "aws_sqs_queue", name] if not "sqs_managed_sse_enabled" in object.keys(q)
