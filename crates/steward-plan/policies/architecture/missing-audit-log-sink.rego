# No audit-log sink in the architecture.
package steward.arch.missing_audit_log_sink

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/missing-audit-log-sink",
    "title": "No audit-log sink in the architecture",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-778"
    ],
    "requirements": [
        "STW-LOG-006",
        "STW-LOG-001"
    ],
    "description": "The product handles sensitive data, but no component is a central log platform (a SIEM or log service, or the target of some component's `logs_to`), so security events stay on the hosts that produce them.",
    "remediation": "Declare the log platform the product ships to (e.g. `tech = \"splunk\"`, `\"cloudwatch\"`, `\"loki\"`) and set `logs_to` on the components that log.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("the product handles %s data but declares no audit-log sink", [arch.joined(arch.sensitive(arch.product_classes))]), "path": ["data", "classes"], "components": []} if {
	count(arch.sensitive(arch.product_classes)) > 0
	count(arch.components) > 0
	not arch.has_log_sink
}
