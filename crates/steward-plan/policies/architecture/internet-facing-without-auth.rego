# Internet-facing service with sensitive data and no authentication.
package steward.arch.internet_facing_without_auth

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/internet-facing-without-auth",
    "title": "Internet-facing service with sensitive data and no authentication",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-306"
    ],
    "requirements": [
        "STW-AUTH-001",
        "STW-ACCESS-001"
    ],
    "description": "A service in the internet zone or DMZ holds or receives sensitive data and is declared with `auth = \"none\"`.",
    "remediation": "Authenticate callers (OIDC for people, mTLS or IAM for services) before the service reads or returns sensitive data.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s faces the internet with %s data and no authentication", [arch.describe(c), arch.joined(arch.sensitive(arch.data_at(c.id)))]), "path": ["components", i, "auth"], "components": [c.id]} if {
	some i, c in arch.components
	not arch.is_datastore(c)
	arch.faces_internet(c)
	c.auth == "none"
	count(arch.sensitive(arch.data_at(c.id))) > 0
}
