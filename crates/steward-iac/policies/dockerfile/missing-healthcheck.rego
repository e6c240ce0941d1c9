# No HEALTHCHECK in the final stage.
package steward.iac.dockerfile.missing_healthcheck

__rego_metadata__ := {
    "id": "iac/dockerfile/missing-healthcheck",
    "title": "No HEALTHCHECK in the final stage",
    "severity": "low",
    "confidence": "low",
    "cwe": [
        "CWE-754"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "The image declares no HEALTHCHECK, so plain Docker and compose cannot tell a hung service from a healthy one.",
    "remediation": "Add `HEALTHCHECK CMD ...` that probes the service, or `HEALTHCHECK NONE` when the orchestrator probes it.",
    "formats": [
        "dockerfile"
    ]
}

final := count(input.stages) - 1

deny contains {"msg": "the final stage declares no HEALTHCHECK", "path": ["stages", final]} if {
	final >= 0
	not _has_healthcheck
}

_has_healthcheck if {
	some s in input.stages
	some ins in s.instructions
	ins.cmd == "healthcheck"
}
