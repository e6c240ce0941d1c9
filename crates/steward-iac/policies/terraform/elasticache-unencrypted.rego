# ElastiCache replication group does not encrypt data.
package steward.iac.terraform.elasticache_unencrypted

__rego_metadata__ := {
    "id": "iac/terraform/elasticache-unencrypted",
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
    "description": "An `aws_elasticache_replication_group` does not set `at_rest_encryption_enabled` or `transit_encryption_enabled` to true, so cached data sits in clear on disk and in backups, or crosses the network in clear.",
    "remediation": "Set `at_rest_encryption_enabled = true` and `transit_encryption_enabled = true`, with an `auth_token` from a secrets manager or RBAC user groups.",
    "formats": [
        "terraform"
    ]
}

settings := {"at_rest_encryption_enabled": "at rest", "transit_encryption_enabled": "in transit"}

deny contains {"msg": sprintf("aws_elasticache_replication_group.%s does not encrypt data %s", [name, what]), "path": _path(name, g, s)} if {
	some name, g in input.resource.aws_elasticache_replication_group
	some s, what in settings
	not object.get(g, s, false) == true
	not contains(sprintf("%v", [object.get(g, s, false)]), "${")
}

_path(name, g, s) := ["resource", "aws_elasticache_replication_group", name, s] if s in object.keys(g)

_path(name, g, s) := ["resource", "aws_elasticache_replication_group", name] if not s in object.keys(g)
