# ElastiCache replication group does not encrypt data.
package steward.iac.cloudformation.elasticache_unencrypted

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/elasticache-unencrypted",
    "title": "ElastiCache replication group does not encrypt data",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002",
        "STW-DATA-003"
    ],
    "description": "An `AWS::ElastiCache::ReplicationGroup` does not set `AtRestEncryptionEnabled` or `TransitEncryptionEnabled` to true, so cached data sits in clear on disk and backups, or crosses the network in clear (and `AuthToken` cannot be used).",
    "remediation": "Set `AtRestEncryptionEnabled: true` and `TransitEncryptionEnabled: true`, with an `AuthToken` from Secrets Manager or RBAC user groups.",
    "formats": [
        "cloudformation"
    ]
}

settings := {"AtRestEncryptionEnabled": "at rest", "TransitEncryptionEnabled": "in transit"}

deny contains {"msg": sprintf("replication group %s does not encrypt data %s", [name, what]), "path": ["Resources", name, "Properties", s]} if {
	some name, r in cfn.resources("AWS::ElastiCache::ReplicationGroup")
	some s, what in settings
	v := object.get(cfn.props(r), s, false)
	not cfn.is_true(v)
	not cfn.intrinsic(v)
}
