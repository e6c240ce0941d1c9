# Component handling regulated data ships no logs.
package steward.arch.component_without_log_sink

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/component-without-log-sink",
    "title": "Component handling regulated data ships no logs",
    "severity": "low",
    "confidence": "high",
    "cwe": [
        "CWE-778"
    ],
    "requirements": [
        "STW-LOG-003",
        "STW-LOG-004"
    ],
    "description": "A log platform is declared, but a service that holds or receives cardholder or health data does not ship its logs to it (`logs_to`), so access to that data is not attributable.",
    "remediation": "Set `logs_to` on the component to the log platform's id, and log every access to the regulated data.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s handles %s data but ships no logs to the audit-log sink", [arch.describe(c), arch.joined(regulated)]), "path": ["components", i], "components": [c.id]} if {
	arch.has_log_sink
	some i, c in arch.components
	c.kind in {"service", "function", "host", "gateway"}
	not arch.is_log_sink(c)
	not c.logs_to
	regulated := {d | some d in arch.data_at(c.id); d in arch.regulated_classes}
	count(regulated) > 0
}
