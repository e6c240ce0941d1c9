# Cardholder or health data stored outside the restricted zone.
package steward.arch.sensitive_store_outside_restricted_zone

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/sensitive-store-outside-restricted-zone",
    "title": "Cardholder or health data stored outside the restricted zone",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-653"
    ],
    "requirements": [
        "STW-NET-002"
    ],
    "description": "A datastore that holds cardholder or health data sits in the internal zone, shared with everything else, instead of a restricted, segmented zone.",
    "remediation": "Put stores of cardholder and health data in the `restricted` zone, reachable only from the services that need them, so the regulated environment stays small.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s holds %s data outside the restricted zone", [arch.describe(c), arch.joined(arch.regulated(arch.holds(c)))]), "path": ["components", i, "zone"], "components": [c.id]} if {
	some i, c in arch.components
	arch.is_datastore(c)
	c.zone == "internal"
	some x in arch.holds(c)
	x in arch.regulated_classes
}
