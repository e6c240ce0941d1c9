# Administrative interface exposed to the internet.
package steward.arch.admin_interface_exposed

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/admin-interface-exposed",
    "title": "Administrative interface exposed to the internet",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-668",
        "CWE-749"
    ],
    "requirements": [
        "STW-NET-006"
    ],
    "description": "A component marked `admin = true` (a console, admin API or management port) sits in the internet zone or DMZ, or takes a flow straight from the internet.",
    "remediation": "Keep administrative interfaces on the internal network, reached over a VPN or bastion with MFA; never publish them.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s serves an administrative interface reachable from the internet", [arch.describe(c)]), "path": ["components", i, "admin"], "components": [c.id]} if {
	some i, c in arch.components
	c.admin == true
	reachable(c)
}

reachable(c) if arch.faces_internet(c)

reachable(c) if {
	some f in arch.flows
	f.to == c.id
	arch.zone_of(f.from) == "internet"
}
