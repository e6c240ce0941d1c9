# Files made world-writable.
package steward.iac.dockerfile.chmod_world_writable

__rego_metadata__ := {
    "id": "iac/dockerfile/chmod-world-writable",
    "title": "Files made world-writable",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-732"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-001"
    ],
    "description": "A RUN gives every user write permission (`chmod 777`, `o+w`), so any process in the container can alter those files.",
    "remediation": "Grant only what the owner needs (`chmod 755` for programs, `644` for data) and `chown` to the service user.",
    "formats": [
        "dockerfile"
    ]
}

deny contains {"msg": "RUN makes files writable by every user", "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "run"
	regex.match(`chmod\s+(-\S+\s+)*(0?[0-7]?[0-7][0-7][2367]\b|[ugoa]*o[ugoa]*\+[rwx]*w|a\+[rwx]*w)`, ins.value)
}
