# Container keeps the default Linux capabilities.
package steward.iac.kubernetes.capabilities_not_dropped

__rego_metadata__ := {
    "id": "iac/kubernetes/capabilities-not-dropped",
    "title": "Container keeps the default Linux capabilities",
    "severity": "low",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-009"
    ],
    "description": "A container does not drop ALL capabilities, so it keeps the runtime's defaults, NET_RAW (packet spoofing, ARP poisoning of neighbours) and CHOWN, SETUID, DAC_OVERRIDE among them, whether it needs them or not.",
    "remediation": "Set `securityContext.capabilities.drop: [\"ALL\"]` and add back only what the process needs (`NET_BIND_SERVICE` for a low port).",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s: container `%s` does not drop ALL capabilities", [data.steward.lib.kubernetes.name, c.name]), "path": array.concat(c.path, ["securityContext", "capabilities", "drop"])} if {
	some c in data.steward.lib.kubernetes.containers
	not _drops_all(c.container)
}

_drops_all(c) if {
	is_array(c.securityContext.capabilities.drop)
	some d in c.securityContext.capabilities.drop
	is_string(d)
	trim_prefix(upper(d), "CAP_") == "ALL"
}
