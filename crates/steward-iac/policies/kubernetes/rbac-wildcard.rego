# RBAC role grants every verb or resource.
package steward.iac.kubernetes.rbac_wildcard

__rego_metadata__ := {
    "id": "iac/kubernetes/rbac-wildcard",
    "title": "RBAC role grants every verb or resource",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-269"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-001"
    ],
    "description": "A Role or ClusterRole rule uses `*` for verbs or resources, granting far more than any workload needs, including future resource types.",
    "remediation": "List the exact verbs and resources the subject needs.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s %s grants `*` %s", [input.kind, input.metadata.name, field]), "path": ["rules", i, field, j]} if {
	input.kind in {"Role", "ClusterRole"}
	some i, rule in input.rules
	some field in ["verbs", "resources"]
	is_array(rule[field])
	some j, v in rule[field]
	v == "*"
}
