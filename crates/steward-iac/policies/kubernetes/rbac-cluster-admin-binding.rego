# Binding grants cluster-admin.
package steward.iac.kubernetes.rbac_cluster_admin_binding

__rego_metadata__ := {
    "id": "iac/kubernetes/rbac-cluster-admin-binding",
    "title": "Binding grants cluster-admin",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-269"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-001",
        "STW-ACCESS-007"
    ],
    "description": "A ClusterRoleBinding or RoleBinding gives its subjects the `cluster-admin` role: full control of every object (in the namespace, for a RoleBinding), Secrets included. A workload's service account with it turns any code execution in that workload into cluster takeover.",
    "remediation": "Bind a Role that lists only the resources and verbs the subject needs; keep cluster-admin for break-glass human access through a group, not for service accounts.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s %s grants cluster-admin to %s", [input.kind, object.get(input.metadata, "name", "?"), concat(", ", _subjects)]), "path": ["roleRef", "name"]} if {
	input.kind in {"ClusterRoleBinding", "RoleBinding"}
	input.roleRef.name == "cluster-admin"
}

_subjects contains sprintf("%s %s", [s.kind, s.name]) if {
	some s in input.subjects
	is_object(s)
}
