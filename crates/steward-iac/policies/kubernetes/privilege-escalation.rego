# Container allows privilege escalation.
package steward.iac.kubernetes.privilege_escalation

__rego_metadata__ := {
    "id": "iac/kubernetes/privilege-escalation",
    "title": "Container allows privilege escalation",
    "severity": "medium",
    "confidence": "medium",
    "cwe": [
        "CWE-269"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "A container does not set `allowPrivilegeEscalation: false`, so a process can gain more privileges than its parent (setuid binaries, file capabilities).",
    "remediation": "Set `securityContext.allowPrivilegeEscalation: false` on every container.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s: container `%s` allows privilege escalation", [data.steward.lib.kubernetes.name, c.name]), "path": _path(c)} if {
	some c in data.steward.lib.kubernetes.containers
	not c.container.securityContext.allowPrivilegeEscalation == false
}

_path(c) := array.concat(c.path, ["securityContext", "allowPrivilegeEscalation"]) if {
	c.container.securityContext.allowPrivilegeEscalation == true
} else := c.path
