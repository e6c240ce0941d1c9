# Build step sets the setuid or setgid bit.
package steward.iac.dockerfile.setuid_bit

__rego_metadata__ := {
    "id": "iac/dockerfile/setuid-bit",
    "title": "Build step sets the setuid or setgid bit",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-009"
    ],
    "description": "A RUN gives a file the setuid or setgid bit (`chmod u+s`, `chmod 4755`, `g+s` on a file), so any user in the container runs it with its owner's (usually root's) privileges: one flaw in that program becomes root in the container.",
    "remediation": "Do not ship setuid programs: grant the one capability the program needs with `setcap`, or run the step as root at build time instead; strip existing setuid bits (`find / -perm /6000 -type f -exec chmod a-s {} +`).",
    "formats": [
        "dockerfile"
    ]
}

deny contains {"msg": "RUN sets the setuid or setgid bit", "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "run"
	regex.match(`chmod\s+(-\S+\s+)*([ugoa]*[ug][ugoa]*\+[rwxXt]*s|0?[2467][0-7]{3}\b)`, ins.value)
}
