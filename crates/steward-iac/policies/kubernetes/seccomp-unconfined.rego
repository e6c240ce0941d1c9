# Seccomp disabled for a Pod or container.
package steward.iac.kubernetes.seccomp_unconfined

__rego_metadata__ := {
    "id": "iac/kubernetes/seccomp-unconfined",
    "title": "Seccomp disabled for a Pod or container",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-693"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "A Pod or container sets `seccompProfile.type: Unconfined`, removing the system-call filter that limits what a compromised process can do.",
    "remediation": "Use `seccompProfile.type: RuntimeDefault` (or a Localhost profile).",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s: container `%s` runs without seccomp", [data.steward.lib.kubernetes.name, c.name]), "path": array.concat(c.path, ["securityContext", "seccompProfile", "type"])} if {
	some c in data.steward.lib.kubernetes.containers
	c.container.securityContext.seccompProfile.type == "Unconfined"
}

deny contains {"msg": sprintf("%s runs without seccomp", [data.steward.lib.kubernetes.name]), "path": array.concat(data.steward.lib.kubernetes.pod_spec_path, ["securityContext", "seccompProfile", "type"])} if {
	data.steward.lib.kubernetes.pod_spec.securityContext.seccompProfile.type == "Unconfined"
}
