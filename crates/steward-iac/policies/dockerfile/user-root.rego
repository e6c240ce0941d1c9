# Container runs as root.
package steward.iac.dockerfile.user_root

__rego_metadata__ := {
    "id": "iac/dockerfile/user-root",
    "title": "Container runs as root",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-ACCESS-007"
    ],
    "description": "The final build stage sets no USER, or sets it to root, so processes in the container run as root.",
    "remediation": "Create an unprivileged user and switch to it with `USER app` (or a numeric UID) in the final stage.",
    "formats": [
        "dockerfile"
    ]
}

final := count(input.stages) - 1

users := [j | some j, ins in input.stages[final].instructions; ins.cmd == "user"]

deny contains {"msg": "the final stage sets no USER, so the container runs as root", "path": ["stages", final]} if {
	count(users) == 0
	input.stages[final].from.image != "scratch"
}

deny contains {"msg": sprintf("the container runs as `%s`", [user]), "path": ["stages", final, "instructions", j]} if {
	count(users) > 0
	j := users[count(users) - 1]
	user := input.stages[final].instructions[j].args[0]
	split(user, ":")[0] in {"root", "0"}
}
