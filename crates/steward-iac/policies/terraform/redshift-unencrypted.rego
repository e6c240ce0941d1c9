# Redshift cluster is not encrypted.
package steward.iac.terraform.redshift_unencrypted

__rego_metadata__ := {
    "id": "iac/terraform/redshift-unencrypted",
    "title": "Redshift cluster is not encrypted",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An `aws_redshift_cluster` does not set `encrypted = true`, so the warehouse's blocks and snapshots are stored in clear.",
    "remediation": "Set `encrypted = true` with a `kms_key_id`.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_redshift_cluster.%s is not encrypted", [name]), "path": _path(name, c)} if {
	some name, c in input.resource.aws_redshift_cluster
	not c.snapshot_identifier
	not object.get(c, "encrypted", false) == true
	not contains(sprintf("%v", [object.get(c, "encrypted", false)]), "${")
}

_path(name, c) := ["resource", "aws_redshift_cluster", name, "encrypted"] if "encrypted" in object.keys(c)

_path(name, c) := ["resource", "aws_redshift_cluster", name] if not "encrypted" in object.keys(c)
