# Remote-administration port published on every interface.
package steward.iac.compose.admin_port_published

import data.steward.lib.compose

__rego_metadata__ := {
    "id": "iac/compose/admin-port-published",
    "title": "Remote-administration port published on every interface",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-668"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-NET-006"
    ],
    "description": "A service publishes SSH 22, Telnet 23, RDP 3389, VNC 5900, the Docker API 2375/2376 or WinRM 5985/5986 on every interface of the host, so anyone who can reach the host gets a login or control prompt. (Database ports are reported by iac/compose/database-port-published.)",
    "remediation": "Do not publish administrative ports; reach containers with `docker exec`, or bind to 127.0.0.1 (`\"127.0.0.1:2222:22\"`) and tunnel over SSH to the host.",
    "formats": [
        "compose"
    ]
}

_admin := {22: "SSH", 23: "Telnet", 3389: "RDP", 5900: "VNC", 5901: "VNC", 2375: "the Docker API", 2376: "the Docker API", 5985: "WinRM", 5986: "WinRM"}

deny contains {"msg": sprintf("service `%s` publishes %s (port %d) on all interfaces", [p.service, _admin[p.container], p.container]), "path": p.path} if {
	some p in data.steward.lib.compose.ports
	compose.all_interfaces(p)
	_admin[p.container]
}
