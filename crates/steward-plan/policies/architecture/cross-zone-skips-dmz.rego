# Traffic from the internet skips the DMZ.
package steward.arch.cross_zone_skips_dmz

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/cross-zone-skips-dmz",
    "title": "Traffic from the internet skips the DMZ",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-923",
        "CWE-668"
    ],
    "requirements": [
        "STW-NET-002",
        "STW-NET-004"
    ],
    "description": "A flow goes from the internet straight into a component of the internal or restricted zone, so the DMZ does not stand between them.",
    "remediation": "Terminate internet traffic in the DMZ (a gateway or edge service) and forward only what is needed inward.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("flow %s -> %s goes from the internet straight into the %s zone", [f.from, f.to, arch.zone_of(f.to)]), "path": ["flows", i], "components": [f.from, f.to]} if {
	some i, f in arch.flows
	arch.zone_of(f.from) == "internet"
	arch.zone_of(f.to) in {"internal", "restricted"}
	not arch.is_datastore(arch.by_id[f.to])
}
