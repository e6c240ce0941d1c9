# Service shares the host network, PID or IPC namespace.
package steward.iac.compose.host_namespaces

__rego_metadata__ := {
    "id": "iac/compose/host-namespaces",
    "title": "Service shares the host network, PID or IPC namespace",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-653"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "A service uses the host network, PID, IPC or user namespace, so it can see and reach host processes and interfaces the container boundary should hide.",
    "remediation": "Remove `network_mode: host`, `pid: host`, `ipc: host` and `userns_mode: host`; publish the ports the service needs instead.",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` sets %s: host", [s.name, key]), "path": array.concat(s.path, [key])} if {
	some s in data.steward.lib.compose.services
	some key in ["network_mode", "pid", "ipc", "userns_mode"]
	s.service[key] == "host"
}
