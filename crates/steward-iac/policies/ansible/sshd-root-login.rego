# sshd is configured to accept root logins.
package steward.iac.ansible.sshd_root_login

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/sshd-root-login",
    "title": "sshd configured to allow root login",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-AUTH-001",
        "STW-ACCESS-006"
    ],
    "description": "A lineinfile, replace, blockinfile or copy task writes `PermitRootLogin yes` into sshd_config (or a file under sshd_config.d), so attackers can guess the one account name every host has, and root's actions are not attributable to a person.",
    "remediation": "Set `PermitRootLogin no` and log in as a named user who escalates with sudo; where automation needs root, use `prohibit-password` with a restricted key.",
    "formats": [
        "ansible"
    ]
}

deny contains {"msg": sprintf("%s sets PermitRootLogin yes in sshd's configuration", [e.label]), "path": e.path} if {
	some e in ansible.config_text(`sshd_config`)
	regex.match(`(?im)^\s*PermitRootLogin\s+yes\b`, e.text)
}
