# The user module is given a password that is not a crypt hash.
package steward.iac.ansible.user_plaintext_password

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/user-plaintext-password",
    "title": "User account password given in plain text",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-256"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-AUTH-005",
        "STW-SECRETS-001"
    ],
    "description": "The user module's `password` must be a crypt hash: it is written to /etc/shadow as given. A literal password there is in the repository, and a template not passed through `password_hash` stores the clear password in /etc/shadow (and the account cannot log in with it).",
    "remediation": "Pass the password through the filter: `password: \"{{ user_password | password_hash('sha512') }}\"` with `user_password` from Ansible Vault, or store a precomputed hash in the vault.",
    "formats": [
        "ansible"
    ]
}

# A crypt hash, possibly locked (`!$6$...`), or a locked or disabled account (`!`, `*`).
_hash(v) if regex.match(`^!?\$(1|2[abxy]?|5|6|y|gy|7|argon2(id|i|d)?|sha1|md5)\$`, trim_space(v))

_hash(v) if regex.match(`^[!*]+$`, trim_space(v))

deny contains {"msg": sprintf("%s sets a literal password that is not a crypt hash", [ansible.label(t)]), "path": ["tasks", i, "args", "password"]} if {
	some i, t in input.tasks
	t.module == "user"
	v := t.args.password
	ansible.literal_secret(v)
	not _hash(sprintf("%v", [v]))
}

deny contains {"msg": sprintf("%s templates a password without password_hash: /etc/shadow gets it in clear", [ansible.label(t)]), "path": ["tasks", i, "args", "password"]} if {
	some i, t in input.tasks
	t.module == "user"
	v := t.args.password
	ansible.templated(v)
	not regex.match(`(?i)(hash|crypt|shadow)`, v)
}
