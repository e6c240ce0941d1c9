# Internet-facing service with cardholder or health data has no WAF or gateway.
package steward.arch.no_waf_before_sensitive_service

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/no-waf-before-sensitive-service",
    "title": "Internet-facing service with cardholder or health data has no WAF or gateway",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-693"
    ],
    "requirements": [
        "STW-NET-005"
    ],
    "description": "A service in the internet zone or DMZ holds or receives cardholder or health data, is not marked `waf = true`, and no gateway or WAF component sends it its traffic.",
    "remediation": "Put a WAF or API gateway in front of it (declare the gateway and the flow through it), or mark `waf = true` when the platform filters its traffic.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s faces the internet with %s data and no WAF or gateway in front", [arch.describe(c), arch.joined(regulated)]), "path": ["components", i], "components": [c.id]} if {
	some i, c in arch.components
	c.kind in {"service", "function", "host"}
	arch.faces_internet(c)
	regulated := {d | some d in arch.data_at(c.id); d in arch.regulated_classes}
	count(regulated) > 0
	not c.waf == true
	not fronted(c.id)
}

fronted(id) if {
	some f in arch.flows
	f.to == id
	arch.is_gatekeeper(f.from)
}
