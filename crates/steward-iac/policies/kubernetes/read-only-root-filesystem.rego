# Container root filesystem is writable.
package steward.iac.kubernetes.read_only_root_filesystem

import data.steward.lib.kubernetes as k8s

__rego_metadata__ := {
    "id": "iac/kubernetes/read-only-root-filesystem",
    "title": "Container root filesystem is writable",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-732"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "A container does not set `readOnlyRootFilesystem: true`, so an attacker who gets in can modify binaries and drop tools.",
    "remediation": "Set `securityContext.readOnlyRootFilesystem: true` and mount `emptyDir` volumes where the application must write.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s: container `%s` has a writable root filesystem", [k8s.name, c.name]), "path": c.path} if {
	some c in k8s.containers
	not c.container.securityContext.readOnlyRootFilesystem == true
}
