# A sudo rule lets an account run every command as root without a password.
package steward.iac.ansible.sudoers_nopasswd_all

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/sudoers-nopasswd-all",
    "title": "sudo rule grants every command without a password",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-269"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-006",
        "STW-ACCESS-007"
    ],
    "description": "A task writes a sudoers rule `NOPASSWD: ALL` (lineinfile, copy or blockinfile into /etc/sudoers or /etc/sudoers.d), or the sudoers module grants `commands: ALL` with its default `nopassword: true`, so anyone who takes over that account (a leaked key, a compromised service) is root at once.",
    "remediation": "Grant only the commands the account needs (`commands: [/usr/bin/systemctl restart app]`), and require a password for interactive administrators.",
    "formats": [
        "ansible"
    ]
}

deny contains {"msg": sprintf("%s grants NOPASSWD: ALL in sudoers", [e.label]), "path": e.path} if {
	some e in ansible.config_text(`^/etc/sudoers(\.d/.*)?$`)
	regex.match(`(?m)^[^#\n]*NOPASSWD\s*:\s*(\w+\s*:\s*)*ALL\s*$`, e.text)
}

deny contains {"msg": sprintf("%s grants every command without a password", [ansible.label(t)]), "path": ["tasks", i, "args", "commands"]} if {
	some i, t in input.tasks
	t.module == "sudoers"
	not t.args.state == "absent"
	_all(t.args.commands)
	not ansible.falsy(t.args.nopassword)
}

_all(c) if c == "ALL"

_all(c) if {
	is_array(c)
	"ALL" in c
}
