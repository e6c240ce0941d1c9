# Component reads its secrets from code, files or the environment.
package steward.arch.secrets_without_vault

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/secrets-without-vault",
    "title": "Component reads its secrets from code, files or the environment",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-798",
        "CWE-522"
    ],
    "requirements": [
        "STW-SECRETS-002",
        "STW-SECRETS-001"
    ],
    "description": "A component declares `secrets = \"code\"`, `\"file\"` or `\"env\"`: its credentials live in the source, a deployed file or plain environment variables instead of a secrets manager.",
    "remediation": "Keep the secrets in a secrets manager (Vault, a cloud secrets manager), inject them at run time, and declare `secrets = \"vault\"`.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s takes its secrets from %s, not a secrets manager", [arch.describe(c), where[c.secrets]]), "path": ["components", i, "secrets"], "components": [c.id]} if {
	some i, c in arch.components
	c.secrets in {"code", "file", "env"}
}

where := {"code": "the source code", "file": "a deployed file", "env": "environment variables"}
