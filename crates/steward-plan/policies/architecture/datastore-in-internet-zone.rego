# Datastore placed in the internet zone.
package steward.arch.datastore_in_internet_zone

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/datastore-in-internet-zone",
    "title": "Datastore placed in the internet zone",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-668",
        "CWE-284"
    ],
    "requirements": [
        "STW-NET-003"
    ],
    "description": "A database, cache, bucket or queue is declared in the internet zone: anyone on the internet can reach it directly.",
    "remediation": "Place the datastore in the internal or restricted zone, with no public endpoint; serve public content through a service or CDN in the DMZ.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s is a datastore in the internet zone, open to anyone", [arch.describe(c)]), "path": ["components", i, "zone"], "components": [c.id]} if {
	some i, c in arch.components
	arch.is_datastore(c)
	c.zone == "internet"
}
