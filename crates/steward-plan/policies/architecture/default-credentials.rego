# Component with default credentials.
package steward.arch.default_credentials

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/default-credentials",
    "title": "Component with default credentials",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-1392"
    ],
    "requirements": [
        "STW-AUTH-007"
    ],
    "description": "A service, gateway, function or host is declared with `auth = \"default\"`: its vendor's default account still works.",
    "remediation": "Change or disable the default account before deployment; use per-person accounts with MFA for people and IAM or mTLS for services.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s still accepts its default credentials", [arch.describe(c)]), "path": ["components", i, "auth"], "components": [c.id]} if {
	some i, c in arch.components
	not arch.is_datastore(c)
	c.auth == "default"
}
