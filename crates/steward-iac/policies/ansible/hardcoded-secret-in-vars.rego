# A variable holds a password, token or key written in the playbook, role or inventory.
package steward.iac.ansible.hardcoded_secret_in_vars

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/hardcoded-secret-in-vars",
    "title": "Credential written into Ansible variables",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-798"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-SECRETS-001",
        "STW-SECRETS-002"
    ],
    "description": "A play, task, block or role variable, an `environment:` entry, or a variable file (group_vars, host_vars, role defaults and vars) sets a credential-named variable (`db_password`, `ansible_become_pass`, `api_token`, nested `password:` keys) to a literal value instead of a vault-encrypted value or a lookup.",
    "remediation": "Encrypt the value with `ansible-vault encrypt_string` (or keep it in a vaulted file), or read it at run time from a secrets manager; in role defaults leave secrets undefined so a missing value fails loudly. Rotate the exposed secret.",
    "formats": [
        "ansible"
    ]
}

deny contains {"msg": sprintf("%s variable %s is set to a literal value", [v.scope, concat(".", array.concat([v.name], [sprintf("%v", [s]) | some s in p]))]), "path": array.concat(["vars", j, "value"], p)} if {
	some j, v in input.vars
	some [p, leaf] in ansible.nodes(v.value)
	_name(v.name, p)
	ansible.literal_secret(leaf)
}

_name(name, []) if ansible.secret_name(name)

_name(_, p) if {
	count(p) > 0
	ansible.secret_name(p[count(p) - 1])
}
