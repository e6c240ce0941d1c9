# KMS key rotation not enabled.
package steward.iac.terraform.kms_rotation_disabled

__rego_metadata__ := {
    "id": "iac/terraform/kms-rotation-disabled",
    "title": "KMS key rotation not enabled",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-320"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-CRYPTO-004"
    ],
    "description": "A symmetric customer-managed KMS key does not set `enable_key_rotation = true`, so the same key material protects data for ever.",
    "remediation": "Set `enable_key_rotation = true` (and `rotation_period_in_days` if a shorter period is required).",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_kms_key.%s does not rotate its key material", [name]), "path": _path(name, k)} if {
	some name, k in input.resource.aws_kms_key
	object.get(k, "customer_master_key_spec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	not k.enable_key_rotation == true
}

_path(name, k) := ["resource", "aws_kms_key", name, "enable_key_rotation"] if "enable_key_rotation" in object.keys(k)

_path(name, k) := ["resource", "aws_kms_key", name] if not "enable_key_rotation" in object.keys(k)
