# Database port exposed outside the cluster.
package steward.iac.kubernetes.database_service_exposed

__rego_metadata__ := {
    "id": "iac/kubernetes/database-service-exposed",
    "title": "Database port exposed outside the cluster",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-668"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "A Service of type LoadBalancer or NodePort exposes a database, cache, search or broker port (27017, 5432, 3306, 6379, 9200, ...) outside the cluster.",
    "remediation": "Use a ClusterIP Service for data stores; reach them from outside only through a bastion or private endpoint.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("Service %s (%s) exposes port %v outside the cluster", [input.metadata.name, input.spec.type, _port(p)]), "path": ["spec", "ports", i]} if {
	input.kind == "Service"
	input.spec.type in {"LoadBalancer", "NodePort"}
	some i, p in input.spec.ports
	_port(p) in data.steward.lib.images.database_ports
}

_port(p) := p.targetPort if is_number(p.targetPort)

_port(p) := p.port if not is_number(p.targetPort)
