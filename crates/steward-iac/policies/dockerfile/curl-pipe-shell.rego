# Remote script piped into a shell.
package steward.iac.dockerfile.curl_pipe_shell

__rego_metadata__ := {
    "id": "iac/dockerfile/curl-pipe-shell",
    "title": "Remote script piped into a shell",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-494"
    ],
    "owasp": "A08",
    "requirements": [
        "STW-INPUT-003"
    ],
    "description": "A RUN downloads a script with curl or wget and pipes it straight into a shell, running whatever the server returns.",
    "remediation": "Download the script, verify its checksum or signature, then run it; better, install from a package repository.",
    "formats": [
        "dockerfile"
    ]
}

deny contains {"msg": "RUN pipes a downloaded script into a shell", "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "run"
	regex.match(`(curl|wget)\s[^;&]*\|\s*(sudo\s+)?(-\S+\s+)*(env\s+\S+\s+)?(ba|z|da|k)?sh\b`, ins.value)
}
