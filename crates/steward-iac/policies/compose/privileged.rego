# Service runs privileged.
package steward.iac.compose.privileged

__rego_metadata__ := {
    "id": "iac/compose/privileged",
    "title": "Service runs privileged",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-ACCESS-007"
    ],
    "description": "A service sets `privileged: true`, which gives the container every capability and access to the host devices: a compromise of the container is a compromise of the host.",
    "remediation": "Remove `privileged: true`; add only the specific capabilities the service needs with `cap_add`.",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` runs privileged", [s.name]), "path": array.concat(s.path, ["privileged"])} if {
	some s in data.steward.lib.compose.services
	s.service.privileged == true
}
