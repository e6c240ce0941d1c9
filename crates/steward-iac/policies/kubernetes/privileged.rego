# Container runs privileged.
package steward.iac.kubernetes.privileged

__rego_metadata__ := {
    "id": "iac/kubernetes/privileged",
    "title": "Container runs privileged",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-ACCESS-007"
    ],
    "description": "A container sets `securityContext.privileged: true`, which gives it every capability and the host devices: escaping to the node is trivial.",
    "remediation": "Remove `privileged: true`; add only the capabilities the container needs.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s: container `%s` runs privileged", [data.steward.lib.kubernetes.name, c.name]), "path": array.concat(c.path, ["securityContext", "privileged"])} if {
	some c in data.steward.lib.kubernetes.containers
	c.container.securityContext.privileged == true
}
