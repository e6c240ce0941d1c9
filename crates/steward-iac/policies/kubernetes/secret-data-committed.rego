# Secret values committed in a manifest.
package steward.iac.kubernetes.secret_data_committed

__rego_metadata__ := {
    "id": "iac/kubernetes/secret-data-committed",
    "title": "Secret values committed in a manifest",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-798"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-SECRETS-001",
        "STW-SECRETS-002"
    ],
    "description": "A `kind: Secret` manifest carries its values in `data` (base64 is an encoding, not encryption) or `stringData`, so the credentials live in the repository and in every clone of it. Certificates (`tls.crt`, `ca.crt`) are public and not reported.",
    "remediation": "Keep Secrets out of the repository: encrypt them (Sealed Secrets, SOPS) or sync them from a secrets manager (External Secrets Operator), and rotate the exposed values.",
    "formats": [
        "kubernetes"
    ]
}

_public := {"ca.crt", "tls.crt", "ca.pem", "cert.pem"}

deny contains {"msg": sprintf("Secret %s holds a committed value for `%s`", [object.get(input.metadata, "name", "?"), key]), "path": [field, key]} if {
	input.kind == "Secret"
	some field in ["data", "stringData"]
	is_object(input[field])
	some key, value in input[field]
	not key in _public
	is_string(value)
	trim_space(value) != ""
	not regex.match(`^\$\{.*\}$|^<.*>$|\{\{`, trim_space(value))
}
