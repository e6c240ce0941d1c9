# Cardholder data environment shares one zone with everything.
package steward.arch.cardholder_environment_not_segmented

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/cardholder-environment-not-segmented",
    "title": "Cardholder data environment shares one zone with everything",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-653"
    ],
    "requirements": [
        "STW-NET-002"
    ],
    "description": "The product handles cardholder data but every component sits in one zone, so the whole product is in scope of PCI DSS and nothing limits an intruder's movement.",
    "remediation": "Separate the components that store, process or transmit card data into their own zone (restricted) and declare the flows across the boundary.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("all %d components sit in the %s zone although the product handles cardholder data", [count(arch.components), z]), "path": ["data", "classes"], "components": [c.id | some c in arch.components]} if {
	"cardholder" in arch.product_classes
	count(arch.components) > 1
	zones := {c.zone | some c in arch.components}
	count(zones) == 1
	some z in zones
}
