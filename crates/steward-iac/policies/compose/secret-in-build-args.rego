# Secret passed as a build argument.
package steward.iac.compose.secret_in_build_args

import data.steward.lib.images

__rego_metadata__ := {
    "id": "iac/compose/secret-in-build-args",
    "title": "Secret passed as a build argument",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-798"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-SECRETS-001"
    ],
    "description": "A service's `build.args` gives a password, token or key a literal value: it is in the repository, and build arguments are recorded in the image history where anyone who can pull the image can read them.",
    "remediation": "Use build secrets (`build.secrets` with `RUN --mount=type=secret` in the Dockerfile) and keep the value out of the compose file.",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` passes build argument %s as a literal secret", [s.name, k]), "path": array.concat(s.path, ["build", "args", k])} if {
	some s in data.steward.lib.compose.services
	is_object(s.service.build.args)
	some k, v in s.service.build.args
	images.secret_name(k)
	images.literal_secret(v)
}

deny contains {"msg": sprintf("service `%s` passes build argument %s as a literal secret", [s.name, parts[0]]), "path": array.concat(s.path, ["build", "args", i])} if {
	some s in data.steward.lib.compose.services
	is_array(s.service.build.args)
	some i, entry in s.service.build.args
	is_string(entry)
	contains(entry, "=")
	parts := split(entry, "=")
	images.secret_name(parts[0])
	images.literal_secret(concat("=", array.slice(parts, 1, count(parts))))
}
