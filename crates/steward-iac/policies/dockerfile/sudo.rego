# sudo used in a build step.
package steward.iac.dockerfile.sudo

__rego_metadata__ := {
    "id": "iac/dockerfile/sudo",
    "title": "sudo used in a build step",
    "severity": "low",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "RUN uses sudo: the build already runs as root until USER changes it, and sudo in an image usually means it stays installed for later misuse.",
    "remediation": "Run the step before switching USER, without sudo, and do not install sudo in the image.",
    "formats": [
        "dockerfile"
    ]
}

deny contains {"msg": "RUN uses sudo", "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "run"
	regex.match(`(^|[;&|]\s*|\s)sudo\s`, ins.value)
}
