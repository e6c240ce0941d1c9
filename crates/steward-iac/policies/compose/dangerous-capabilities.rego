# Service adds dangerous Linux capabilities.
package steward.iac.compose.dangerous_capabilities

__rego_metadata__ := {
    "id": "iac/compose/dangerous-capabilities",
    "title": "Service adds dangerous Linux capabilities",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "A service adds ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE or DAC_READ_SEARCH, capabilities that let a compromised container escape or spy on the host.",
    "remediation": "Drop the capability; if one is truly needed, add only that one and document why.",
    "formats": [
        "compose"
    ]
}

dangerous := {"ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH", "SYS_RAWIO", "BPF"}

deny contains {"msg": sprintf("service `%s` adds capability %s", [s.name, cap]), "path": array.concat(s.path, ["cap_add", i])} if {
	some s in data.steward.lib.compose.services
	some i, cap in s.service.cap_add
	trim_prefix(upper(cap), "CAP_") in dangerous
}
