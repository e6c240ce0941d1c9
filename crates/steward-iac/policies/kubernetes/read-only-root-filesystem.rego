# Container root filesystem is writable.
package steward.iac.kubernetes.read_only_root_filesystem

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

deny contains {"msg": sprintf("%s: container `%s` has a writable root filesystem", [data.steward.lib.kubernetes.name, c.name]), "path": c.path} if {
	some c in data.steward.lib.kubernetes.containers
	not c.container.securityContext.readOnlyRootFilesystem == true
}
