# A task makes a file or directory writable by every user.
package steward.iac.ansible.world_writable_mode

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/world-writable-mode",
    "title": "Task makes a file writable by every user",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-732"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-001"
    ],
    "description": "A file, copy, template, get_url, unarchive or similar task sets a mode that lets every user write (`0777`, `0666`, `'o+w'`, `a=rwx`), or a command runs `chmod 777` / `chmod o+w`, so any local account or compromised service can replace the file's content. Sticky shared directories (`1777`, like /tmp) are not reported.",
    "remediation": "Give the owner what it needs and nobody else write access: `mode: '0644'` for data and configuration, `'0755'` for programs and directories, and set `owner`/`group` to the service account.",
    "formats": [
        "ansible"
    ]
}

deny contains {"msg": sprintf("%s sets mode %v: every user can write %v", [ansible.label(t), t.args.mode, object.get(t.args, "path", object.get(t.args, "dest", "the file"))]), "path": ["tasks", i, "args", "mode"]} if {
	some i, t in input.tasks
	t.module in data.steward.lib.ansible.file_modules
	ansible.world_writable(t.args.mode)
}

deny contains {"msg": sprintf("%s runs chmod that lets every user write", [c.label]), "path": c.path} if {
	some c in data.steward.lib.ansible.commands
	regex.match(`chmod\s+(-\S+\s+)*(0?[0-7]?[0-7][0-7][2367]\b|[ugoa]*o[ugoa]*\+[rwx]*w|a\+[rwx]*w|a=[rwx]*w)`, c.line)
	not regex.match(`chmod\s+(-\S+\s+)*0?[1357][0-7][0-7][2367]\b`, c.line)
}
