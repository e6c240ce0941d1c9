# DocumentDB or Neptune cluster storage is not encrypted.
package steward.iac.cloudformation.docdb_unencrypted

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/docdb-unencrypted",
    "title": "DocumentDB or Neptune cluster storage is not encrypted",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An `AWS::DocDB::DBCluster` or `AWS::Neptune::DBCluster` does not set `StorageEncrypted: true`, so its storage and snapshots are in clear.",
    "remediation": "Set `StorageEncrypted: true` (with a `KmsKeyId`).",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("cluster %s does not encrypt its storage", [name]), "path": ["Resources", name, "Properties", "StorageEncrypted"]} if {
	some t in ["AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"]
	some name, r in cfn.resources(t)
	p := cfn.props(r)
	not p.SnapshotIdentifier
	v := object.get(p, "StorageEncrypted", false)
	not cfn.is_true(v)
	not cfn.intrinsic(v)
}
