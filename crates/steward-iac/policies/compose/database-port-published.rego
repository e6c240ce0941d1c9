# Database port published on every interface.
package steward.iac.compose.database_port_published

import data.steward.lib.compose

__rego_metadata__ := {
    "id": "iac/compose/database-port-published",
    "title": "Database port published on every interface",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-668"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-ACCESS-001"
    ],
    "description": "A database, cache, search or broker port (27017, 5432, 3306, 6379, 9200, ...) is published on 0.0.0.0, so anyone who can reach the host can reach the data store.",
    "remediation": "Do not publish data-store ports; let services reach them on the compose network. If the host needs access, bind to 127.0.0.1 (`\"127.0.0.1:5432:5432\"`).",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` publishes port %d on all interfaces", [p.service, p.container]), "path": p.path} if {
	some p in data.steward.lib.compose.ports
	compose.all_interfaces(p)
	p.container in data.steward.lib.images.database_ports
}
