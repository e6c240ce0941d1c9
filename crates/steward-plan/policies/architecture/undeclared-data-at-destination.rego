# A flow delivers data its destination does not declare.
package steward.arch.undeclared_data_at_destination

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/undeclared-data-at-destination",
    "title": "A flow delivers data its destination does not declare",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-1059"
    ],
    "requirements": [
        "STW-DATA-001"
    ],
    "description": "A flow carries a data class into a datastore whose `holds` does not list it, so the data inventory understates what the store keeps (and its retention, encryption and sunset).",
    "remediation": "Add the class to the datastore's `holds`, or stop sending it there.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("flow %s -> %s delivers %s data, but `%s` does not declare holding it", [f.from, f.to, arch.joined(missing), f.to]), "path": ["flows", i, "data"], "components": [f.from, f.to]} if {
	some i, f in arch.flows
	c := arch.by_id[f.to]
	arch.is_datastore(c)
	missing := {d | some d in arch.sensitive(arch.flow_data(f)); not d in arch.holds(c)}
	count(missing) > 0
}
