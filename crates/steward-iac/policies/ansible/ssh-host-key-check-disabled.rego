# SSH host key checking is turned off.
package steward.iac.ansible.ssh_host_key_check_disabled

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/ssh-host-key-check-disabled",
    "title": "SSH host key checking turned off",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-322"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-003"
    ],
    "description": "A git task sets `accept_hostkey: yes`, a variable passes `-o StrictHostKeyChecking=no` or `UserKnownHostsFile=/dev/null` to ssh (`ansible_ssh_common_args`, `ansible_ssh_extra_args`), host key checking is turned off (`ansible_host_key_checking: false`, ANSIBLE_HOST_KEY_CHECKING), or a command does the same, so a man in the middle can pose as the server and receive keys, code or credentials.",
    "remediation": "Pin the server's key instead: add it with `ansible.builtin.known_hosts` (from a trusted source) and keep host key checking on.",
    "formats": [
        "ansible"
    ]
}

_off := `(?i)StrictHostKeyChecking\s*=?\s*(no|off|false)|UserKnownHostsFile\s*=?\s*/dev/null`

deny contains {"msg": sprintf("%s accepts any SSH host key", [ansible.label(t)]), "path": ["tasks", i, "args", "accept_hostkey"]} if {
	some i, t in input.tasks
	t.module == "git"
	ansible.truthy(t.args.accept_hostkey)
}

deny contains {"msg": sprintf("%s passes ssh options that skip host key checks", [ansible.label(t)]), "path": ["tasks", i, "args", k]} if {
	some i, t in input.tasks
	some k in ["ssh_opts", "ssh_args", "rsync_opts"]
	regex.match(_off, sprintf("%v", [t.args[k]]))
}

deny contains {"msg": sprintf("%s skips SSH host key checks", [c.label]), "path": c.path} if {
	some c in data.steward.lib.ansible.commands
	regex.match(_off, c.line)
}

deny contains {"msg": sprintf("variable %s skips SSH host key checks", [v.name]), "path": ["vars", j, "value"]} if {
	some j, v in input.vars
	v.name in {"ansible_ssh_common_args", "ansible_ssh_extra_args", "ansible_ssh_args", "ansible_scp_extra_args", "ansible_sftp_extra_args", "GIT_SSH_COMMAND"}
	regex.match(_off, sprintf("%v", [v.value]))
}

deny contains {"msg": sprintf("variable %s turns host key checking off", [v.name]), "path": ["vars", j, "value"]} if {
	some j, v in input.vars
	v.name in {"ansible_host_key_checking", "ansible_ssh_host_key_checking", "ANSIBLE_HOST_KEY_CHECKING"}
	ansible.falsy(v.value)
}
