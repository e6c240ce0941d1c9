# Security group opens a database port to the internet.
package steward.iac.cloudformation.sg_database_port_open

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/sg-database-port-open",
    "title": "Security group opens a database port to the internet",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-284"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-NET-003",
        "STW-ACCESS-001"
    ],
    "description": "An ingress rule allows a database, cache, search or broker port (27017, 5432, 3306, 6379, 9200, 1433, ...) from 0.0.0.0/0 or ::/0, so anyone on the internet can connect to it and try its credentials.",
    "remediation": "Allow the port only from the application tier's security group (`SourceSecurityGroupId`) or private ranges.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("security group %s opens port %d to the internet", [r.name, port]), "path": r.path} if {
	some r in data.steward.lib.cloudformation.world_ingress
	some port in data.steward.lib.images.database_ports
	cfn.covers_port(r.rule, port)
}
