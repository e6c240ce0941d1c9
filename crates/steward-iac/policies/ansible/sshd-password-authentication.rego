# sshd is configured to accept passwords.
package steward.iac.ansible.sshd_password_authentication

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/sshd-password-authentication",
    "title": "sshd configured to accept password logins",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-308"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-AUTH-002",
        "STW-AUTH-006"
    ],
    "description": "A task writes `PasswordAuthentication yes` (or `KbdInteractiveAuthentication`/`ChallengeResponseAuthentication yes`) into sshd's configuration, so SSH accepts guessable, reusable passwords over the network instead of keys or certificates.",
    "remediation": "Set `PasswordAuthentication no` and `KbdInteractiveAuthentication no`; distribute keys with `ansible.posix.authorized_key` or use SSH certificates, with MFA for administrative access.",
    "formats": [
        "ansible"
    ]
}

deny contains {"msg": sprintf("%s sets %s yes in sshd's configuration", [e.label, m[1]]), "path": e.path} if {
	some e in ansible.config_text(`sshd_config`)
	some m in regex.find_all_string_submatch_n(`(?im)^\s*(PasswordAuthentication|KbdInteractiveAuthentication|ChallengeResponseAuthentication)\s+yes\b`, e.text, -1)
}
