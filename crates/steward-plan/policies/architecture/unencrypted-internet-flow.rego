# Unencrypted traffic from the internet.
package steward.arch.unencrypted_internet_flow

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/unencrypted-internet-flow",
    "title": "Unencrypted traffic from the internet",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-319"
    ],
    "requirements": [
        "STW-DATA-003"
    ],
    "description": "A flow from the internet (a user, a partner, or an internet-zone component) into the product is declared unencrypted, and carries more than public data.",
    "remediation": "Serve everything over TLS; redirect plain HTTP to HTTPS and set HSTS.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("flow %s -> %s enters from the internet unencrypted", [f.from, f.to]), "path": ["flows", i, "encrypted"], "components": [f.from, f.to]} if {
	some i, f in arch.flows
	arch.zone_of(f.from) == "internet"
	arch.zone_of(f.to) != "internet"
	f.encrypted == false
	not only_public(f)
}

only_public(f) if {
	count(arch.flow_data(f)) > 0
	every d in arch.flow_data(f) { d == "public" }
}
