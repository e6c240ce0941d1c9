# Binding grants a role to anonymous or every user.
package steward.iac.kubernetes.rbac_anonymous_binding

__rego_metadata__ := {
    "id": "iac/kubernetes/rbac-anonymous-binding",
    "title": "Binding grants a role to anonymous or every user",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-284"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-001",
        "STW-AUTH-001"
    ],
    "description": "A ClusterRoleBinding or RoleBinding names `system:anonymous`, `system:unauthenticated` or `system:authenticated` as a subject, so anyone who can reach the API server (or anyone with any account, including every service account of every namespace) gets the role.",
    "remediation": "Bind the role to the specific users, groups or service accounts that need it.",
    "formats": [
        "kubernetes"
    ]
}

_everyone := {"system:anonymous", "system:unauthenticated", "system:authenticated"}

deny contains {"msg": sprintf("%s %s grants %s to %s", [input.kind, object.get(input.metadata, "name", "?"), object.get(input.roleRef, "name", "?"), s.name]), "path": ["subjects", i, "name"]} if {
	input.kind in {"ClusterRoleBinding", "RoleBinding"}
	some i, s in input.subjects
	s.name in _everyone
	# The built-in discovery bindings do this on purpose.
	not startswith(object.get(input.metadata, "name", ""), "system:")
}
