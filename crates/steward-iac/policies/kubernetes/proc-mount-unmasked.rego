# Container sees the host's unmasked /proc.
package steward.iac.kubernetes.proc_mount_unmasked

__rego_metadata__ := {
    "id": "iac/kubernetes/proc-mount-unmasked",
    "title": "Container sees the host's unmasked /proc",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-693"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-009"
    ],
    "description": "A container sets `securityContext.procMount: Unmasked`, so the runtime no longer masks or makes read-only the sensitive parts of /proc (kernel parameters, keyrings, the sysrq trigger) that help contain a process.",
    "remediation": "Remove `procMount` (the default masks /proc); it is only meant for nested, user-namespaced containers.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s: container `%s` mounts /proc unmasked", [data.steward.lib.kubernetes.name, c.name]), "path": array.concat(c.path, ["securityContext", "procMount"])} if {
	some c in data.steward.lib.kubernetes.containers
	c.container.securityContext.procMount == "Unmasked"
}
