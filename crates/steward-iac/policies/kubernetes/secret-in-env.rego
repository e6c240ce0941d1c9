# Secret written into a container environment.
package steward.iac.kubernetes.secret_in_env

import data.steward.lib.images

__rego_metadata__ := {
    "id": "iac/kubernetes/secret-in-env",
    "title": "Secret written into a container environment",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-798"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-SECRETS-001"
    ],
    "description": "An environment variable named like a password, token or key has a literal `value` in the manifest, so the secret lives in the repository and in the API server unencrypted.",
    "remediation": "Use `valueFrom.secretKeyRef` (or a mounted Secret) instead of a literal value.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s: container `%s` sets %s to a literal secret", [data.steward.lib.kubernetes.name, e.name, e.name]), "path": e.path} if {
	some e in data.steward.lib.kubernetes.env
	images.secret_name(e.name)
	images.literal_secret(e.value)
}
