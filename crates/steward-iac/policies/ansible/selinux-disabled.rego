# A task turns SELinux or AppArmor off.
package steward.iac.ansible.selinux_disabled

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/selinux-disabled",
    "title": "Task turns SELinux or AppArmor off",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-693"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-001"
    ],
    "description": "A task sets SELinux to disabled or permissive (the selinux module, `SELINUX=` in /etc/selinux/config, `setenforce 0`, `selinux=0` or `apparmor=0` on the kernel command line) or stops AppArmor, removing the mandatory access control that contains a compromised service.",
    "remediation": "Keep SELinux enforcing (AppArmor enabled) and fix the denial instead: label files with `sefcontext`, allow ports with `seport`, set booleans with `seboolean`, or write a local policy module.",
    "formats": [
        "ansible"
    ]
}

deny contains {"msg": sprintf("%s sets SELinux to %s", [ansible.label(t), t.args.state]), "path": ["tasks", i, "args", "state"]} if {
	some i, t in input.tasks
	t.module == "selinux"
	lower(t.args.state) in {"disabled", "permissive"}
}

deny contains {"msg": sprintf("%s writes SELinux mode %s into /etc/selinux/config", [e.label, lower(m[1])]), "path": e.path} if {
	some e in ansible.config_text(`^/etc/selinux/config$|^/etc/sysconfig/selinux$`)
	some m in regex.find_all_string_submatch_n(`(?im)^\s*SELINUX\s*=\s*(disabled|permissive)\b`, e.text, -1)
}

deny contains {"msg": sprintf("%s turns mandatory access control off on the kernel command line", [e.label]), "path": e.path} if {
	some e in ansible.config_text(`^/etc/default/grub(\.d/.*)?$`)
	regex.match(`\b(selinux=0|enforcing=0|apparmor=0)\b`, e.text)
}

deny contains {"msg": sprintf("%s stops AppArmor", [ansible.label(t)]), "path": ["tasks", i, "args", "state"]} if {
	some i, t in input.tasks
	t.module in {"service", "systemd", "systemd_service", "sysvinit"}
	t.args.name == "apparmor"
	t.args.state in {"stopped", "absent"}
}

deny contains {"msg": sprintf("%s turns SELinux or AppArmor off", [c.label]), "path": c.path} if {
	some c in data.steward.lib.ansible.commands
	regex.match(`(?i)(\bsetenforce\s+(0|permissive)\b|systemctl\s+(stop|disable|mask)\s+(--now\s+)?apparmor\b|\baa-teardown\b|grubby\b.*--args=.*\b(selinux|enforcing|apparmor)=0)`, c.line)
}
