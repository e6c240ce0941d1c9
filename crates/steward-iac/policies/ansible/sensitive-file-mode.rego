# A key, password or sudoers file is written without a restrictive mode.
package steward.iac.ansible.sensitive_file_mode

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/sensitive-file-mode",
    "title": "Sensitive file written without a restrictive mode",
    "severity": "medium",
    "confidence": "medium",
    "cwe": [
        "CWE-276"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-SECRETS-001",
        "STW-ACCESS-001"
    ],
    "description": "A copy, template, get_url, assemble or htpasswd task writes a private key, credentials file, .ssh file, /etc/shadow or sudoers without `mode`, so a new file gets the umask's permissions (usually readable by every user), or with a mode that lets every user read it.",
    "remediation": "Set `mode: '0600'` (or `'0400'`; `'0440'` for sudoers files) and the owning account on every task that writes a secret or a security configuration.",
    "formats": [
        "ansible"
    ]
}

_writers := {"copy", "template", "get_url", "assemble", "htpasswd", "win_copy"}

_writes(t) if t.module in _writers

_writes(t) if {
	t.module == "file"
	t.args.state == "touch"
}

deny contains {"msg": sprintf("%s writes %s without a mode: it gets the umask's permissions", [ansible.label(t), p]), "path": ["tasks", i, "args", "mode"]} if {
	some i, t in input.tasks
	_writes(t)
	p := ansible.target(t.args)
	ansible.sensitive_path(p)
	not t.args.mode
}

deny contains {"msg": sprintf("%s writes %s with mode %v: every user can read it", [ansible.label(t), p, t.args.mode]), "path": ["tasks", i, "args", "mode"]} if {
	some i, t in input.tasks
	t.module in data.steward.lib.ansible.file_modules
	p := ansible.target(t.args)
	ansible.sensitive_path(p)
	ansible.world_readable(t.args.mode)
	# A public certificate or public key is meant to be read.
	not regex.match(`(?i)\.(pub|crt)$`, p)
}
