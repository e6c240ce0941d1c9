# EBS volume not encrypted.
package steward.iac.terraform.ebs_unencrypted

__rego_metadata__ := {
    "id": "iac/terraform/ebs-unencrypted",
    "title": "EBS volume not encrypted",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An EBS volume, or a block device of an instance, is not encrypted, so its data and snapshots are readable by anyone who gets hold of them.",
    "remediation": "Set `encrypted = true` (with a customer-managed `kms_key_id`), or enable `aws_ebs_encryption_by_default`.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_ebs_volume.%s is not encrypted", [name]), "path": _attr(["resource", "aws_ebs_volume", name], v)} if {
	not _default_on
	some name, v in input.resource.aws_ebs_volume
	not v.encrypted == true
}

deny contains {"msg": sprintf("aws_instance.%s %s is not encrypted", [name, dev]), "path": _attr(["resource", "aws_instance", name, dev, i], d)} if {
	not _default_on
	some name, inst in input.resource.aws_instance
	some dev in ["root_block_device", "ebs_block_device"]
	some i, d in inst[dev]
	not d.encrypted == true
}

_attr(path, r) := array.concat(path, ["encrypted"]) if "encrypted" in object.keys(r)

_attr(path, r) := path if not "encrypted" in object.keys(r)

_default_on if {
	some e in input.resource.aws_ebs_encryption_by_default
	e.enabled == true
}
