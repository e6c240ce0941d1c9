# A task that handles a secret prints it: no `no_log: true`.
package steward.iac.ansible.no_log_missing

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/no-log-missing",
    "title": "Task that handles a secret does not set no_log",
    "severity": "medium",
    "confidence": "medium",
    "cwe": [
        "CWE-532"
    ],
    "owasp": "A09",
    "requirements": [
        "STW-SECRETS-006",
        "STW-LOG-005"
    ],
    "description": "A task puts a secret where Ansible prints and logs it, and neither the task nor an enclosing block or play sets `no_log: true`: a command line that includes a password variable (shown as `cmd` in results and in -v output), a loop whose items carry passwords (each item is printed), `set_fact` or `debug` of a secret, or a uri request whose body or headers carry one. Module options Ansible already masks (a module's own `password`) are not reported.",
    "remediation": "Add `no_log: true` to the task (or the block), and pass secrets through environment variables or stdin rather than the command line.",
    "formats": [
        "ansible"
    ]
}

_secret_expr := `(?i)\{\{[^}]*(passw|secret|token|api_?key|private_?key|credential)[^}]*\}\}`

_logged(t) if not ansible.truthy(t.no_log)

_loops(t) if t.task.loop

_loops(t) if {
	some k, _ in t.task
	startswith(k, "with_")
}

deny contains {"msg": sprintf("%s puts a secret on a command line that Ansible logs", [c.label]), "path": array.concat(c.path, [])} if {
	some c in data.steward.lib.ansible.commands
	regex.match(_secret_expr, c.line)
	_logged(c.task)
}

deny contains {"msg": sprintf("%s loops over items that carry secrets; every item is printed", [ansible.label(t)]), "path": ["tasks", i, "no_log"]} if {
	some i, t in input.tasks
	not t.module in data.steward.lib.ansible.command_modules
	_loops(t)
	some [_, v] in ansible.nodes(t.args)
	is_string(v)
	regex.match(`(?i)\{\{\s*item(\.|\[['"])\w*(passw|secret|token|key)`, v)
	_logged(t)
}

deny contains {"msg": sprintf("%s sets fact %s from a secret without no_log", [ansible.label(t), k]), "path": ["tasks", i, "args", k]} if {
	some i, t in input.tasks
	t.module == "set_fact"
	some k, _ in t.args
	ansible.secret_name(k)
	_logged(t)
}

deny contains {"msg": sprintf("%s prints a secret", [ansible.label(t)]), "path": ["tasks", i, "args", k]} if {
	some i, t in input.tasks
	t.module == "debug"
	some k in ["msg", "var"]
	_mentions_secret(k, t.args[k])
	_logged(t)
}

_mentions_secret("msg", v) if regex.match(_secret_expr, sprintf("%v", [v]))

_mentions_secret("var", v) if ansible.secret_name(v)

deny contains {"msg": sprintf("%s sends a secret in its %s without no_log", [ansible.label(t), k]), "path": ["tasks", i, "args", k]} if {
	some i, t in input.tasks
	t.module in {"uri", "win_uri"}
	some k in ["body", "headers"]
	_carries_secret(k, t.args[k])
	_logged(t)
}

_carries_secret("body", v) if {
	some [p, _] in ansible.nodes(v)
	count(p) > 0
	ansible.secret_name(p[count(p) - 1])
}

_carries_secret("body", v) if {
	is_string(v)
	regex.match(`(?i)(passw|secret|token)`, v)
}

_carries_secret("headers", v) if {
	is_object(v)
	some h, _ in v
	lower(h) in {"authorization", "x-api-key", "private-token", "x-auth-token", "x-vault-token"}
}
