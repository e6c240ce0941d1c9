# Datastore whose authentication is not declared.
package steward.arch.datastore_auth_undeclared

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/datastore-auth-undeclared",
    "title": "Datastore whose authentication is not declared",
    "severity": "low",
    "confidence": "high",
    "cwe": [
        "CWE-306"
    ],
    "requirements": [
        "STW-AUTH-001"
    ],
    "description": "A datastore does not say how clients authenticate (`auth`), so the review cannot tell whether it is open.",
    "remediation": "Declare `auth` on the component: `password`, `iam`, `mtls` or `oidc` (or `none`/`default` if that is the truth, so it is reviewed).",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s does not declare how clients authenticate", [arch.describe(c)]), "path": ["components", i], "components": [c.id]} if {
	some i, c in arch.components
	arch.is_datastore(c)
	not c.auth
}
