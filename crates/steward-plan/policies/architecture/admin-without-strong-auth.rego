# Administrative interface without strong authentication.
package steward.arch.admin_without_strong_auth

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/admin-without-strong-auth",
    "title": "Administrative interface without strong authentication",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-308"
    ],
    "requirements": [
        "STW-AUTH-002"
    ],
    "description": "A component marked `admin = true` authenticates with a password, a default account or nothing, where MFA-capable sign-in (OIDC) or mTLS is expected.",
    "remediation": "Put the interface behind single sign-on with MFA (`auth = \"oidc\"`), or require client certificates (`mtls`).",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s serves an administrative interface with %s authentication", [arch.describe(c), auth]), "path": ["components", i, "auth"], "components": [c.id]} if {
	some i, c in arch.components
	c.admin == true
	auth := object.get(c, "auth", "undeclared")
	not auth in {"oidc", "mtls", "iam"}
}
