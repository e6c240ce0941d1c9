# Datastore placed in the DMZ.
package steward.arch.datastore_in_dmz

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/datastore-in-dmz",
    "title": "Datastore placed in the DMZ",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-668"
    ],
    "requirements": [
        "STW-NET-003",
        "STW-NET-002"
    ],
    "description": "A database, cache, bucket or queue is declared in the DMZ, the zone reachable from the internet; only the services that front it belong there.",
    "remediation": "Move the datastore to the internal or restricted zone and let only the DMZ services that need it reach it through a declared flow.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s is a datastore in the DMZ", [arch.describe(c)]), "path": ["components", i, "zone"], "components": [c.id]} if {
	some i, c in arch.components
	arch.is_datastore(c)
	c.zone == "dmz"
}
