# Container may run as root.
package steward.iac.kubernetes.run_as_root

__rego_metadata__ := {
    "id": "iac/kubernetes/run-as-root",
    "title": "Container may run as root",
    "severity": "medium",
    "confidence": "medium",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "Neither the Pod nor the container sets `runAsNonRoot: true` (or a non-zero `runAsUser`), or one sets `runAsUser: 0`, so the process may run as root.",
    "remediation": "Set `securityContext.runAsNonRoot: true` and a non-zero `runAsUser` in the Pod or container security context.",
    "formats": [
        "kubernetes"
    ]
}

pod_sc := object.get(data.steward.lib.kubernetes.pod_spec, "securityContext", {})

deny contains {"msg": sprintf("%s: container `%s` runs as UID 0", [data.steward.lib.kubernetes.name, c.name]), "path": array.concat(c.path, ["securityContext", "runAsUser"])} if {
	some c in data.steward.lib.kubernetes.containers
	c.container.securityContext.runAsUser == 0
}

deny contains {"msg": sprintf("%s: the Pod runs as UID 0", [data.steward.lib.kubernetes.name]), "path": array.concat(data.steward.lib.kubernetes.pod_spec_path, ["securityContext", "runAsUser"])} if {
	pod_sc.runAsUser == 0
}

deny contains {"msg": sprintf("%s: container `%s` is not required to run as a non-root user", [data.steward.lib.kubernetes.name, c.name]), "path": c.path} if {
	some c in data.steward.lib.kubernetes.containers
	sc := object.get(c.container, "securityContext", {})
	not sc.runAsUser == 0
	not _non_root(sc)
	not _non_root_pod(sc)
}

_non_root(sc) if sc.runAsNonRoot == true

_non_root(sc) if sc.runAsUser > 0

_non_root_pod(sc) if {
	not sc.runAsUser == 0
	not sc.runAsNonRoot == false
	_non_root(pod_sc)
}
