# Redshift cluster is not encrypted.
package steward.iac.cloudformation.redshift_unencrypted

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/redshift-unencrypted",
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
    "description": "An `AWS::Redshift::Cluster` does not set `Encrypted: true`, so the warehouse's blocks and snapshots are stored in clear.",
    "remediation": "Set `Encrypted: true` with a `KmsKeyId`.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("cluster %s is not encrypted", [name]), "path": ["Resources", name, "Properties", "Encrypted"]} if {
	some name, r in cfn.resources("AWS::Redshift::Cluster")
	p := cfn.props(r)
	not p.SnapshotIdentifier
	v := object.get(p, "Encrypted", false)
	not cfn.is_true(v)
	not cfn.intrinsic(v)
}
