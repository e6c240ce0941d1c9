# Logs shipped to a component that is not declared.
package steward.arch.log_sink_undeclared

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/log-sink-undeclared",
    "title": "Logs shipped to a component that is not declared",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-778"
    ],
    "requirements": [
        "STW-LOG-006"
    ],
    "description": "A component's `logs_to` names an id that no `[[component]]` declares, so where its logs go is unknown.",
    "remediation": "Declare the log platform as a component, or correct the id in `logs_to`.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s ships its logs to `%s`, which is not a declared component", [arch.describe(c), c.logs_to]), "path": ["components", i, "logs_to"], "components": [c.id]} if {
	some i, c in arch.components
	c.logs_to
	not arch.by_id[c.logs_to]
}
