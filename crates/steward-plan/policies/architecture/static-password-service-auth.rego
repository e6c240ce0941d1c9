# Regulated datastore authenticates services with a static password.
package steward.arch.static_password_service_auth

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/static-password-service-auth",
    "title": "Regulated datastore authenticates services with a static password",
    "severity": "low",
    "confidence": "high",
    "cwe": [
        "CWE-798"
    ],
    "requirements": [
        "STW-AUTH-010"
    ],
    "description": "A datastore that holds cardholder or health data authenticates its clients with a shared password rather than a workload identity (IAM) or mTLS.",
    "remediation": "Prefer IAM database authentication or client certificates; if a password must stay, rotate it from a secrets manager.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s holds %s data and authenticates its clients with a static password", [arch.describe(c), arch.joined(arch.regulated(arch.holds(c)))]), "path": ["components", i, "auth"], "components": [c.id]} if {
	some i, c in arch.components
	arch.is_datastore(c)
	c.auth == "password"
	some x in arch.holds(c)
	x in arch.regulated_classes
}
