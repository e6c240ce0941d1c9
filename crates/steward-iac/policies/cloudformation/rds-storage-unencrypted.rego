# RDS database storage is not encrypted.
package steward.iac.cloudformation.rds_storage_unencrypted

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/rds-storage-unencrypted",
    "title": "RDS database storage is not encrypted",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An `AWS::RDS::DBInstance` or `AWS::RDS::DBCluster` does not set `StorageEncrypted: true`, so its storage, snapshots and backups are readable by anyone who gets hold of them. Instances of an Aurora cluster, read replicas and restores from a snapshot take their encryption from their source and are not reported.",
    "remediation": "Set `StorageEncrypted: true` (with a `KmsKeyId` for a customer managed key); an existing database is encrypted by restoring an encrypted copy of a snapshot.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("%s %s does not encrypt its storage", [r.Type, name]), "path": ["Resources", name, "Properties", "StorageEncrypted"]} if {
	some t in ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
	some name, r in cfn.resources(t)
	p := cfn.props(r)
	not cfn.is_true(object.get(p, "StorageEncrypted", false))
	not cfn.intrinsic(object.get(p, "StorageEncrypted", false))
	not inherits(r.Type, p)
}

# Encryption comes from elsewhere: the cluster, the source instance or the snapshot.
inherits("AWS::RDS::DBInstance", p) if p.DBClusterIdentifier

inherits("AWS::RDS::DBInstance", p) if startswith(lower(object.get(p, "Engine", "")), "aurora")

inherits("AWS::RDS::DBCluster", p) if p.EngineMode == "serverless"

inherits(_, p) if {
	some k in ["SourceDBInstanceIdentifier", "SourceDBClusterIdentifier", "DBSnapshotIdentifier", "SnapshotIdentifier", "SourceDbiResourceId"]
	p[k]
}
