# Service logging turned off.
package steward.iac.compose.logging_disabled

__rego_metadata__ := {
    "id": "iac/compose/logging-disabled",
    "title": "Service logging turned off",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-778"
    ],
    "owasp": "A09",
    "requirements": [
        "STW-LOG-001",
        "STW-LOG-006"
    ],
    "description": "A service sets `logging.driver: none`, so nothing it writes to stdout or stderr is kept: errors, access logs and the traces of an attack are lost.",
    "remediation": "Keep the default driver or ship logs to a central system (`json-file` with rotation options, `syslog`, `fluentd`, `awslogs`, ...).",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` discards its logs (logging driver none)", [s.name]), "path": array.concat(s.path, ["logging", "driver"])} if {
	some s in data.steward.lib.compose.services
	s.service.logging.driver == "none"
}
