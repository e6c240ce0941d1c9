# Password-protected datastores but no secrets manager.
package steward.arch.no_secrets_manager

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/no-secrets-manager",
    "title": "Password-protected datastores but no secrets manager",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-522"
    ],
    "requirements": [
        "STW-SECRETS-002"
    ],
    "description": "Datastores authenticate with passwords, yet the architecture has no secrets manager (no component whose tech is a vault or secrets manager, none declaring `secrets = \"vault\"`), so those passwords live somewhere less safe.",
    "remediation": "Add the secrets manager the product uses as a component (e.g. `tech = \"vault\"` or `aws-secrets-manager`) and have services declare `secrets = \"vault\"`.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s authenticates with a password, and no secrets manager is declared to hold it", [arch.describe(c)]), "path": ["components", i, "auth"], "components": [c.id]} if {
	not arch.has_secrets_manager
	some i, c in arch.components
	arch.is_datastore(c)
	c.auth == "password"
}
