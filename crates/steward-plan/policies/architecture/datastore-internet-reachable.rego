# Datastore reached directly from the internet.
package steward.arch.datastore_internet_reachable

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/datastore-internet-reachable",
    "title": "Datastore reached directly from the internet",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-668",
        "CWE-284"
    ],
    "requirements": [
        "STW-NET-003",
        "STW-NET-004"
    ],
    "description": "A flow goes straight from the internet (a user, a partner, or a component in the internet zone) to a datastore, with no service in between.",
    "remediation": "Route the traffic through a service that authenticates and authorizes each request, and remove the direct path to the datastore.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("flow %s -> %s reaches the datastore %s straight from the internet", [f.from, f.to, arch.describe(c)]), "path": ["flows", i], "components": [f.from, f.to]} if {
	some i, f in arch.flows
	c := arch.by_id[f.to]
	arch.is_datastore(c)
	arch.zone_of(f.from) == "internet"
}
