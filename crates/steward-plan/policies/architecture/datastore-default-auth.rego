# Datastore with default credentials.
package steward.arch.datastore_default_auth

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/datastore-default-auth",
    "title": "Datastore with default credentials",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-1392",
        "CWE-521"
    ],
    "requirements": [
        "STW-AUTH-007"
    ],
    "description": "A datastore is declared with `auth = \"default\"`: the vendor's default account and password, which attackers try first.",
    "remediation": "Create a dedicated account with a generated password (or IAM or mTLS authentication) held in a secrets manager, and disable the default account.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s authenticates with default credentials", [arch.describe(c)]), "path": ["components", i, "auth"], "components": [c.id]} if {
	some i, c in arch.components
	arch.is_datastore(c)
	c.auth == "default"
}
