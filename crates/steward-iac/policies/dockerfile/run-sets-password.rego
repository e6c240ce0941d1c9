# Build step sets an account password in clear.
package steward.iac.dockerfile.run_sets_password

__rego_metadata__ := {
    "id": "iac/dockerfile/run-sets-password",
    "title": "Build step sets an account password in clear",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-798"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-SECRETS-001",
        "STW-AUTH-007"
    ],
    "description": "A RUN sets a user's password from a literal (`echo 'root:secret' | chpasswd`, `passwd --stdin`, `useradd -p`), so the password is in the Dockerfile, in the image history and the same in every container started from the image.",
    "remediation": "Do not give accounts in an image a password (containers need none); if a service needs a credential, inject it at run time from a secret store.",
    "formats": [
        "dockerfile"
    ]
}

_patterns := [
	`echo\s+(-e\s+)?["']?[A-Za-z0-9._-]+:[^\s"'$]+["']?\s*\|\s*(sudo\s+)?chpasswd`,
	`echo\s+(-e\s+)?["']?[^\s"'$|]{3,}["']?\s*\|\s*(sudo\s+)?passwd\s+--stdin`,
	`(useradd|adduser|usermod)\s[^;&|]*\s-p\s+["']?[^\s"'$]{3,}`,
	`printf\s+["'][^"'$]+\\n[^"'$]+["']\s*\|\s*(sudo\s+)?passwd\b`,
]

deny contains {"msg": "RUN sets an account password from a literal", "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "run"
	regex.match(_any_pattern, ins.value)
}

# One expression for all the patterns: each regex.match pays for a fresh matcher, so one
# call per instruction, not one per pattern.
_any_pattern := concat("|", [sprintf("(?:%s)", [p]) | some p in _patterns])
