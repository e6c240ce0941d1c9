# A task pipes a downloaded script straight into a shell.
package steward.iac.ansible.curl_pipe_shell

__rego_metadata__ := {
    "id": "iac/ansible/curl-pipe-shell",
    "title": "Task pipes a downloaded script into a shell",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-494"
    ],
    "owasp": "A08",
    "requirements": [
        "STW-INPUT-003",
        "STW-DEPS-005"
    ],
    "description": "A shell, command or raw task downloads a script with curl or wget and pipes it into sh, bash or another interpreter, usually as root, so the hosts run whatever the server (or anyone in between) returns at that moment.",
    "remediation": "Download the script with `get_url` and a `checksum`, review it, then run it with `script` or `command`; better, install the software from a signed package repository.",
    "formats": [
        "ansible"
    ]
}

_pattern := `(curl|wget|fetch)\s[^;&]*\|\s*(sudo\s+(-\S+\s+)*)?(-\S+\s+)*(env\s+\S+\s+)?((ba|z|da|k|c|tc|fi)?sh|python[0-9.]*|perl|ruby|node|php|iex)\b`

_substitution := `(ba|z|da|k)?sh\s+(-c\s+)?["']?(\$\(|<\()\s*(curl|wget)\s`

deny contains {"msg": sprintf("%s pipes a downloaded script into an interpreter", [c.label]), "path": c.path} if {
	some c in data.steward.lib.ansible.commands
	regex.match(_pattern, c.line)
}

deny contains {"msg": sprintf("%s runs a downloaded script through a shell substitution", [c.label]), "path": c.path} if {
	some c in data.steward.lib.ansible.commands
	not regex.match(_pattern, c.line)
	regex.match(_substitution, c.line)
}
