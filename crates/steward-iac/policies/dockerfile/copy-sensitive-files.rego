# COPY or ADD puts keys or credentials into the image.
package steward.iac.dockerfile.copy_sensitive_files

__rego_metadata__ := {
    "id": "iac/dockerfile/copy-sensitive-files",
    "title": "COPY or ADD puts keys or credentials into the image",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-538"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-SECRETS-001",
        "STW-CONFIG-009"
    ],
    "description": "A COPY or ADD copies SSH keys (`.ssh/`, `id_rsa`), cloud credentials (`.aws/`, `.kube/config`, gcloud keys), private keys (`*.pem`, `*.key`, `*.p12`), `.env` files or package-registry tokens (`.npmrc`, `.pypirc`, `.git-credentials`, `.netrc`) into the image, where every layer keeps them for anyone who can pull it, even if a later step deletes them.",
    "remediation": "Do not copy secrets into images: mount them for the one build step that needs them (`RUN --mount=type=secret,id=npmrc ...` or `--mount=type=ssh`), list them in .dockerignore, and give the running container its credentials at run time.",
    "formats": [
        "dockerfile"
    ]
}

_sensitive := `(?i)(^|/)(\.ssh(/|$)|id_(rsa|dsa|ecdsa|ed25519)$|\.aws(/|$)|\.kube/config$|\.docker/config\.json$|\.npmrc$|\.pypirc$|\.git-credentials$|\.netrc$|\.pgpass$|\.env(\.[a-z]+)?$|[^/]*\.(pem|key|p12|pfx|jks|keystore|ppk)$|credentials(\.json)?$|service[-_]?account[^/]*\.json$|terraform\.tfstate$)`

deny contains {"msg": sprintf("%s copies `%s` into the image", [upper(ins.cmd), src]), "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd in {"copy", "add"}
	count(ins.args) >= 2
	some k, src in ins.args
	k < count(ins.args) - 1
	not ins.flags.from
	regex.match(_sensitive, trim_suffix(src, "/"))
	not regex.match(`(?i)\.(example|sample|template|dist)$`, src)
}
