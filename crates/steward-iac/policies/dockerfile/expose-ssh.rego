# SSH port exposed.
package steward.iac.dockerfile.expose_ssh

__rego_metadata__ := {
    "id": "iac/dockerfile/expose-ssh",
    "title": "SSH port exposed",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-284"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "The image exposes port 22: a container running an SSH server is a second way in that bypasses the orchestrator.",
    "remediation": "Remove the SSH server and the EXPOSE; use `docker exec` or `kubectl exec` for debugging.",
    "formats": [
        "dockerfile"
    ]
}

deny contains {"msg": "EXPOSE 22: the image runs an SSH server", "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "expose"
	some port in ins.args
	split(port, "/")[0] == "22"
}
