# Container adds dangerous Linux capabilities.
package steward.iac.kubernetes.dangerous_capabilities

__rego_metadata__ := {
    "id": "iac/kubernetes/dangerous-capabilities",
    "title": "Container adds dangerous Linux capabilities",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "A container adds ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE or similar capabilities that let a compromised process escape or spy on the node.",
    "remediation": "Drop ALL capabilities and add back only the one the container needs, if any.",
    "formats": [
        "kubernetes"
    ]
}

dangerous := {"ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH", "SYS_RAWIO", "BPF"}

deny contains {"msg": sprintf("%s: container `%s` adds capability %s", [data.steward.lib.kubernetes.name, c.name, cap]), "path": array.concat(c.path, ["securityContext", "capabilities", "add", i])} if {
	some c in data.steward.lib.kubernetes.containers
	some i, cap in c.container.securityContext.capabilities.add
	trim_prefix(upper(cap), "CAP_") in dangerous
}
