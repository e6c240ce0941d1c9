# RDS storage not encrypted.
package steward.iac.terraform.rds_storage_unencrypted

__rego_metadata__ := {
    "id": "iac/terraform/rds-storage-unencrypted",
    "title": "RDS storage not encrypted",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An RDS instance or Aurora cluster does not set `storage_encrypted = true`, so its storage, snapshots and replicas are unencrypted.",
    "remediation": "Set `storage_encrypted = true` (with `kms_key_id` for a customer-managed key); existing databases need a snapshot restore to switch.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("%s.%s does not encrypt its storage", [t, name]), "path": _path(t, name, r)} if {
	some t in ["aws_db_instance", "aws_rds_cluster"]
	some name, r in input.resource[t]
	not r.storage_encrypted == true
	not r.replicate_source_db
}

_path(t, name, r) := ["resource", t, name, "storage_encrypted"] if "storage_encrypted" in object.keys(r)

_path(t, name, r) := ["resource", t, name] if not "storage_encrypted" in object.keys(r)
