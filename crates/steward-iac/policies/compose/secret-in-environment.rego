# Secret written into a service environment.
package steward.iac.compose.secret_in_environment

import data.steward.lib.images

__rego_metadata__ := {
    "id": "iac/compose/secret-in-environment",
    "title": "Secret written into a service environment",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-798"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-SECRETS-001"
    ],
    "description": "An environment variable named like a password, token or key holds a literal value in the compose file, so the secret lives in the repository.",
    "remediation": "Reference a variable (`${DB_PASSWORD}`) from an untracked `.env` file, or use compose `secrets:` and a `*_FILE` variable.",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` sets %s to a literal secret", [e.service, e.name]), "path": e.path} if {
	some e in data.steward.lib.compose.env
	images.secret_name(e.name)
	images.literal_secret(e.value)
}
