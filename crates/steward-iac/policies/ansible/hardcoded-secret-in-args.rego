# A module argument holds a password, token or key written in the playbook.
package steward.iac.ansible.hardcoded_secret_in_args

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/hardcoded-secret-in-args",
    "title": "Credential written into a task's arguments",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-798"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-SECRETS-001",
        "STW-SECRETS-008"
    ],
    "description": "A task argument named like a credential (`password`, `login_password`, `api_key`, `token`, `secret`, ...) holds a literal value, or a command line passes one (`--password=...`, `sshpass -p ...`), so the secret lives in the repository and in every copy of it. Templated (`{{ }}`) and vault-encrypted values are not reported; the user module's `password` has its own rule.",
    "remediation": "Move the value to an Ansible Vault file (or a `!vault` value) or look it up at run time (`{{ lookup('community.hashi_vault.hashi_vault', ...) }}`), reference it as `{{ db_password }}`, and rotate the exposed secret.",
    "formats": [
        "ansible"
    ]
}

deny contains {"msg": sprintf("%s passes a literal value in %s", [ansible.label(t), concat(".", [sprintf("%v", [s]) | some s in p])]), "path": array.concat(["tasks", i, "args"], p)} if {
	some i, t in input.tasks
	some [p, v] in ansible.nodes(t.args)
	count(p) > 0
	key := p[count(p) - 1]
	ansible.secret_name(key)
	ansible.literal_secret(v)
	not _own_rule(t, p)
}

# The user module's password is a hash; iac/ansible/user-plaintext-password judges it.
_own_rule(t, p) if {
	t.module in {"user", "win_user"}
	p == ["password"]
}

_command_secret := `(--password[= ]|--passwd[= ]|--pass[= ]|sshpass\s+-p\s*|PGPASSWORD=|MYSQL_PWD=)['"]?[^\s'"{$]{3,}`

deny contains {"msg": sprintf("%s puts a literal password on the command line", [c.label]), "path": c.path} if {
	some c in data.steward.lib.ansible.commands
	regex.match(_command_secret, c.line)
}
