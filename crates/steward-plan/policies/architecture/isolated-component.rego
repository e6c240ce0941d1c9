# Component with no flows.
package steward.arch.isolated_component

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/isolated-component",
    "title": "Component with no flows",
    "severity": "info",
    "confidence": "medium",
    "cwe": [
        "CWE-1059"
    ],
    "requirements": [
        "STW-NET-001"
    ],
    "description": "A component takes part in no `[[flow]]`, in an architecture that declares flows: either the data-flow diagram is incomplete or the component is dead weight.",
    "remediation": "Declare the flows that reach the component, or remove it.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s takes part in no declared flow", [arch.describe(c)]), "path": ["components", i], "components": [c.id]} if {
	count(arch.flows) > 0
	some i, c in arch.components
	not linked(c.id)
	not arch.is_log_sink(c)
	not arch.is_secrets_manager(c)
}

linked(id) if {
	some f in arch.flows
	id in {f.from, f.to}
}
