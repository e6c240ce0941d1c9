# Secret written into an ENV or ARG.
package steward.iac.dockerfile.secret_in_env

import data.steward.lib.images

__rego_metadata__ := {
    "id": "iac/dockerfile/secret-in-env",
    "title": "Secret written into an ENV or ARG",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-798"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-SECRETS-001"
    ],
    "description": "An `ENV` or `ARG` named like a password, token or key holds a literal value, which is stored in the image layers and visible to anyone who can pull it.",
    "remediation": "Pass secrets at run time (environment from a secret store) or at build time with `RUN --mount=type=secret`.",
    "formats": [
        "dockerfile"
    ]
}

deny contains {"msg": sprintf("%s `%s` holds a literal secret that ends up in the image", [upper(ins.cmd), p.key]), "path": ["stages", i, "instructions", j, "pairs", k]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd in {"env", "arg"}
	some k, p in ins.pairs
	images.secret_name(p.key)
	images.literal_secret(p.value)
}
