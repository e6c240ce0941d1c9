# Database port published on every interface.
package steward.iac.compose.database_port_published

import data.steward.lib.compose
import data.steward.lib.images

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

deny contains {"msg": sprintf("service `%s` publishes port %d on all interfaces", [s.name, p.container]), "path": _at(array.concat(s.path, ["ports", i]), entry)} if {
	some s in compose.services
	some i, entry in s.service.ports
	p := _port(entry)
	p.ip in {"", "0.0.0.0", "::", "[::]"}
	p.container in images.database_ports
}

_port(p) := {"ip": "", "container": p} if is_number(p)

_port(p) := {"ip": object.get(p, "host_ip", ""), "container": to_number(p.target)} if {
	is_object(p)
	p.published
}

_port(p) := r if {
	is_string(p)
	not startswith(p, "[")
	parts := split(split(p, "/")[0], ":")
	r := {"ip": _ip(parts), "container": to_number(split(parts[count(parts) - 1], "-")[0])}
}

_port(p) := {"ip": ip, "container": to_number(split(parts[count(parts) - 1], "-")[0])} if {
	is_string(p)
	startswith(p, "[")
	ip := split(p, "]")[0]
	parts := split(split(p, "/")[0], ":")
}

_at(path, entry) := array.concat(path, ["published"]) if is_object(entry)

_at(path, entry) := path if not is_object(entry)

_ip(parts) := "" if count(parts) < 3

_ip(parts) := parts[0] if count(parts) >= 3
