# Seccomp disabled for a Pod or container.
package steward.iac.kubernetes.seccomp_unconfined

import data.steward.lib.kubernetes as k8s

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

deny contains {"msg": sprintf("%s: container `%s` runs without seccomp", [k8s.name, c.name]), "path": array.concat(c.path, ["securityContext", "seccompProfile", "type"])} if {
	some c in k8s.containers
	c.container.securityContext.seccompProfile.type == "Unconfined"
}

deny contains {"msg": sprintf("%s runs without seccomp", [k8s.name]), "path": array.concat(k8s.pod_spec_path, ["securityContext", "seccompProfile", "type"])} if {
	k8s.pod_spec.securityContext.seccompProfile.type == "Unconfined"
}
