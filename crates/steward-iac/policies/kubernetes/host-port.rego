# Container binds a host port.
package steward.iac.kubernetes.host_port

__rego_metadata__ := {
    "id": "iac/kubernetes/host-port",
    "title": "Container binds a host port",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-668"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "A container port sets `hostPort`, binding it on the node's own address outside of Services and network policies.",
    "remediation": "Remove `hostPort` and expose the port through a Service.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s: container `%s` binds host port %v", [data.steward.lib.kubernetes.name, c.name, p.hostPort]), "path": array.concat(c.path, ["ports", i, "hostPort"])} if {
	some c in data.steward.lib.kubernetes.containers
	some i, p in c.container.ports
	p.hostPort
}
