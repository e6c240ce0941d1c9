# Credentials embedded in a URL.
package steward.iac.dockerfile.url_with_credentials

__rego_metadata__ := {
    "id": "iac/dockerfile/url-with-credentials",
    "title": "Credentials embedded in a URL",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-798"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-SECRETS-001"
    ],
    "description": "A RUN, ADD, ENV or ARG contains a URL with a user name and password or token in it (`https://user:token@git.example.com/...`), so the credential is stored in the image history and in the Dockerfile.",
    "remediation": "Pass the credential as a build secret (`RUN --mount=type=secret,id=git_token ...`) or use an SSH mount for git; never write it into an instruction.",
    "formats": [
        "dockerfile"
    ]
}

_url := `(?i)\b(https?|ftp|git|ssh|postgres(ql)?|mysql|mongodb(\+srv)?|redis|amqps?)://[^\s/:@"'$]+:[^\s/@"'${}]{3,}@`

deny contains {"msg": sprintf("%s contains a URL with embedded credentials", [upper(ins.cmd)]), "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd in {"run", "add", "env", "arg", "label"}
	# What the expression needs, checked first: each regex.match builds a fresh matcher.
	contains(ins.value, "://")
	regex.match(_url, ins.value)
}
