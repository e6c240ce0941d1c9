# A task switches the host firewall off.
package steward.iac.ansible.firewall_disabled

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/firewall-disabled",
    "title": "Task switches the host firewall off",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-284"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-NET-004",
        "STW-CONFIG-001"
    ],
    "description": "A task disables ufw (`state: disabled`, `policy: allow` for incoming traffic), stops or disables the firewalld, ufw, nftables or iptables service, turns Windows Firewall off, or runs `ufw disable`, `systemctl stop firewalld` or `iptables -F`, leaving every listening port reachable.",
    "remediation": "Keep the firewall running with a default-deny incoming policy and open only the ports the host serves (`ufw: rule=allow port=443`, `firewalld: service=https permanent=true state=enabled`).",
    "formats": [
        "ansible"
    ]
}

_services := {"firewalld", "ufw", "nftables", "iptables", "ip6tables", "netfilter-persistent", "mpssvc", "shorewall"}

_service_modules := {"service", "systemd", "systemd_service", "sysvinit", "win_service", "openrc"}

deny contains {"msg": sprintf("%s disables ufw", [ansible.label(t)]), "path": ["tasks", i, "args", "state"]} if {
	some i, t in input.tasks
	t.module == "ufw"
	t.args.state == "disabled"
}

deny contains {"msg": sprintf("%s sets ufw's default incoming policy to %s", [ansible.label(t), t.args.default]), "path": ["tasks", i, "args", "default"]} if {
	some i, t in input.tasks
	t.module == "ufw"
	lower(t.args.default) in {"allow", "accept"}
	object.get(t.args, "direction", "incoming") in {"incoming", "in"}
}

deny contains {"msg": sprintf("%s sets ufw's default incoming policy to %s", [ansible.label(t), t.args.policy]), "path": ["tasks", i, "args", "policy"]} if {
	some i, t in input.tasks
	t.module == "ufw"
	lower(t.args.policy) in {"allow", "accept"}
	object.get(t.args, "direction", "incoming") in {"incoming", "in"}
}

deny contains {"msg": sprintf("%s stops the %s firewall service", [ansible.label(t), t.args.name]), "path": ["tasks", i, "args", "state"]} if {
	some i, t in input.tasks
	t.module in _service_modules
	lower(t.args.name) in _services
	t.args.state in {"stopped", "absent"}
}

deny contains {"msg": sprintf("%s disables the %s firewall service at boot", [ansible.label(t), t.args.name]), "path": ["tasks", i, "args", "enabled"]} if {
	some i, t in input.tasks
	t.module in _service_modules
	lower(t.args.name) in _services
	ansible.falsy(t.args.enabled)
}

deny contains {"msg": sprintf("%s masks the %s firewall service", [ansible.label(t), t.args.name]), "path": ["tasks", i, "args", "masked"]} if {
	some i, t in input.tasks
	t.module in _service_modules
	lower(t.args.name) in _services
	ansible.truthy(t.args.masked)
}

deny contains {"msg": sprintf("%s turns Windows Firewall off", [ansible.label(t)]), "path": ["tasks", i, "args", "state"]} if {
	some i, t in input.tasks
	t.module == "win_firewall"
	t.args.state == "disabled"
}

_commands := [
	`\bufw\s+(--force\s+)?disable\b`,
	`systemctl\s+(stop|disable|mask)\s+(--now\s+)?(firewalld|ufw|nftables|iptables|ip6tables)\b`,
	`service\s+(firewalld|ufw|iptables|nftables)\s+stop\b`,
	`\bip6?tables\s+(-t\s+[a-z]+\s+)?(-F|--flush)\b`,
	`\bip6?tables\s+-P\s+INPUT\s+ACCEPT\b`,
	`nft\s+flush\s+ruleset`,
	`(?i)netsh\s+advfirewall\s+set\s+[a-z]+\s+state\s+off`,
	`(?i)Set-NetFirewallProfile\s.*-Enabled\s+\$?False`,
]

deny contains {"msg": sprintf("%s turns the firewall off", [c.label]), "path": c.path} if {
	some c in data.steward.lib.ansible.commands
	some pattern in _commands
	regex.match(pattern, c.line)
}
