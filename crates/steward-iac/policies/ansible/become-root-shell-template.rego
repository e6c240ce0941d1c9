# A shell task runs as root with a templated value spliced into the command line.
package steward.iac.ansible.become_root_shell_template

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/become-root-shell-template",
    "title": "Root shell command built from unquoted variables",
    "severity": "medium",
    "confidence": "low",
    "cwe": [
        "CWE-78"
    ],
    "owasp": "A03",
    "requirements": [
        "STW-INPUT-002"
    ],
    "description": "A shell or raw task runs with `become` as root and splices a Jinja2 expression into the command line without the `quote` filter, so a variable holding `; rm -rf /` or `$(...)` (from inventory, facts, registered output or extra vars) runs as root.",
    "remediation": "Use the `command` module with `argv:` (no shell), or pass every variable through `| quote`; better, use a module that does the job without a shell.",
    "formats": [
        "ansible"
    ]
}

deny contains {"msg": sprintf("%s runs as root through a shell with unquoted {{ %s }}", [c.label, expr]), "path": c.path} if {
	some c in data.steward.lib.ansible.commands
	c.task.module in {"shell", "raw"}
	ansible.as_root(c.task)
	some m in regex.find_all_string_submatch_n(`\{\{\s*(.*?)\s*\}\}`, c.line, -1)
	expr := m[1]
	not regex.match(`\|\s*quote\s*$`, expr)
}
