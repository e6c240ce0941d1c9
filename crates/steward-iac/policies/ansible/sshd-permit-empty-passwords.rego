# sshd is configured to accept accounts with empty passwords.
package steward.iac.ansible.sshd_permit_empty_passwords

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/sshd-permit-empty-passwords",
    "title": "sshd configured to accept empty passwords",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-258"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-AUTH-004",
        "STW-AUTH-007"
    ],
    "description": "A task writes `PermitEmptyPasswords yes` into sshd's configuration, so any account without a password can log in over the network with no credential at all.",
    "remediation": "Set `PermitEmptyPasswords no` (the default) and lock accounts that have no password.",
    "formats": [
        "ansible"
    ]
}

deny contains {"msg": sprintf("%s sets PermitEmptyPasswords yes in sshd's configuration", [e.label]), "path": e.path} if {
	some e in ansible.config_text(`sshd_config`)
	regex.match(`(?im)^\s*PermitEmptyPasswords\s+yes\b`, e.text)
}
