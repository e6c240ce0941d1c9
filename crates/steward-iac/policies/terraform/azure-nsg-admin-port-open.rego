# Azure NSG opens an admin port to the internet.
package steward.iac.terraform.azure_nsg_admin_port_open

__rego_metadata__ := {
    "id": "iac/terraform/azure-nsg-admin-port-open",
    "title": "Azure NSG opens an admin port to the internet",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-284"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-001"
    ],
    "description": "An inbound Allow rule of a network security group admits SSH (22) or RDP (3389) from any source (`*`, `Internet`, `0.0.0.0/0`).",
    "remediation": "Restrict `source_address_prefix` to known ranges or a bastion subnet, or use Azure Bastion / private endpoints.",
    "formats": [
        "terraform"
    ]
}

ports := admin_ports

admin_ports := {22, 3389}

_world_source(s) if lower(s) in {"*", "0.0.0.0/0", "0.0.0.0", "internet", "any", "::/0"}

# "22", "1000-2000" or "*" covers `port`.
_covers(range, _) if range == "*"

_covers(range, port) if {
	regex.match(`^[0-9]+$`, range)
	to_number(range) == port
}

_covers(range, port) if {
	regex.match(`^[0-9]+-[0-9]+$`, range)
	bounds := split(range, "-")
	to_number(bounds[0]) <= port
	port <= to_number(bounds[1])
}

_ranges(rule) := array.concat([r | r := rule.destination_port_range; is_string(r)], object.get(rule, "destination_port_ranges", []))

_sources(rule) := array.concat([s | s := rule.source_address_prefix; is_string(s)], object.get(rule, "source_address_prefixes", []))

# Inbound allow rules of NSGs, inline or standalone, with their paths.
nsg_rules contains {"name": sprintf("azurerm_network_security_group.%s", [n]), "rule": r, "path": ["resource", "azurerm_network_security_group", n, "security_rule", i]} if {
	some n, g in input.resource.azurerm_network_security_group
	some i, r in g.security_rule
}

nsg_rules contains {"name": sprintf("azurerm_network_security_rule.%s", [n]), "rule": r, "path": ["resource", "azurerm_network_security_rule", n]} if {
	some n, r in input.resource.azurerm_network_security_rule
}

open_nsg contains {"name": x.name, "port": port, "path": x.path} if {
	some x in nsg_rules
	lower(x.rule.direction) == "inbound"
	lower(x.rule.access) == "allow"
	some src in _sources(x.rule)
	_world_source(src)
	some port in ports
	some range in _ranges(x.rule)
	_covers(range, port)
}

deny contains {"msg": sprintf("%s admits port %d from the internet", [x.name, x.port]), "path": x.path} if {
	some x in open_nsg
}
