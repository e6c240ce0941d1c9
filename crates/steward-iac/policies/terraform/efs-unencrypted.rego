# EFS file system is not encrypted.
package steward.iac.terraform.efs_unencrypted

__rego_metadata__ := {
    "id": "iac/terraform/efs-unencrypted",
    "title": "EFS file system is not encrypted",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An `aws_efs_file_system` does not set `encrypted = true`, so its files are stored in clear.",
    "remediation": "Set `encrypted = true` (with a `kms_key_id` for a customer managed key).",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_efs_file_system.%s is not encrypted", [name]), "path": _path(name, f)} if {
	some name, f in input.resource.aws_efs_file_system
	not object.get(f, "encrypted", false) == true
	not contains(sprintf("%v", [object.get(f, "encrypted", false)]), "${")
}

_path(name, f) := ["resource", "aws_efs_file_system", name, "encrypted"] if "encrypted" in object.keys(f)

_path(name, f) := ["resource", "aws_efs_file_system", name] if not "encrypted" in object.keys(f)
