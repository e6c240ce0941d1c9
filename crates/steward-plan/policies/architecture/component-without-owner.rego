# Component with no owner.
package steward.arch.component_without_owner

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/component-without-owner",
    "title": "Component with no owner",
    "severity": "low",
    "confidence": "high",
    "cwe": [
        "CWE-1059"
    ],
    "requirements": [
        "STW-CONFIG-010"
    ],
    "description": "A component that holds or receives sensitive data names no `owner`, and neither does the product: nobody is accountable for patching, access reviews or its decommissioning.",
    "remediation": "Set `owner` (a team or person) on the component, or on `[product]`.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s handles %s data and has no owner", [arch.describe(c), arch.joined(arch.sensitive(arch.data_at(c.id)))]), "path": ["components", i], "components": [c.id]} if {
	not input.product.owner
	some i, c in arch.components
	not c.owner
	count(arch.sensitive(arch.data_at(c.id))) > 0
}
