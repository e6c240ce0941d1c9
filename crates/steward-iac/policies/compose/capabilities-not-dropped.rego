# Service keeps the default Linux capabilities.
package steward.iac.compose.capabilities_not_dropped

__rego_metadata__ := {
    "id": "iac/compose/capabilities-not-dropped",
    "title": "Service keeps the default Linux capabilities",
    "severity": "low",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-009"
    ],
    "description": "A service does not drop ALL capabilities (`cap_drop: [ALL]`), so it keeps Docker's defaults, NET_RAW (packet spoofing), CHOWN, SETUID, DAC_OVERRIDE and others, whether it needs them or not.",
    "remediation": "Set `cap_drop: [ALL]` and add back with `cap_add` only the capability the service needs (`NET_BIND_SERVICE` for a low port).",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` does not drop ALL capabilities", [s.name]), "path": array.concat(s.path, ["cap_drop"])} if {
	some s in data.steward.lib.compose.services
	not _drops_all(s.service)
}

_drops_all(svc) if {
	is_array(svc.cap_drop)
	some c in svc.cap_drop
	is_string(c)
	trim_prefix(upper(c), "CAP_") == "ALL"
}
