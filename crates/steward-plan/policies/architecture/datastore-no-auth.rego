# Datastore without authentication.
package steward.arch.datastore_no_auth

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/datastore-no-auth",
    "title": "Datastore without authentication",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-306"
    ],
    "requirements": [
        "STW-AUTH-007",
        "STW-AUTH-001"
    ],
    "description": "A datastore is declared with `auth = \"none\"`: anything that reaches it on the network can read and change its data.",
    "remediation": "Turn on authentication (passwords from a secrets manager, IAM, or mTLS) and give each client its own identity.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s accepts connections without authentication", [arch.describe(c)]), "path": ["components", i, "auth"], "components": [c.id]} if {
	some i, c in arch.components
	arch.is_datastore(c)
	c.auth == "none"
}
