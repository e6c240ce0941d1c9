# Database or broker with default or no credentials.
package steward.iac.compose.default_credentials

import data.steward.lib.images

__rego_metadata__ := {
    "id": "iac/compose/default-credentials",
    "title": "Database or broker with default or no credentials",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-1392",
        "CWE-521"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-AUTH-007"
    ],
    "description": "A well-known database or broker image (MongoDB, PostgreSQL, MySQL/MariaDB, Redis, RabbitMQ, Elasticsearch/OpenSearch) is started without authentication, with authentication disabled, or with a default or trivial password.",
    "remediation": "Set a strong password from a secret (`*_PASSWORD_FILE` with compose secrets, or an environment file kept out of the repository) and never disable authentication.",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` (%s) %s", [s.name, s.service.image, p.msg]), "path": _path(s, p.key)} if {
	some s in data.steward.lib.compose.services
	is_string(s.service.image)
	env := object.union({e.name: e.value | some e in data.steward.lib.compose.env; e.service == s.name}, _elsewhere(s.service))
	some p in images.credential_problems(s.service.image, env, _command(s.service))
}

_path(s, key) := e.path if {
	key != ""
	some e in data.steward.lib.compose.env
	e.service == s.name
	e.name == key
} else := array.concat(s.path, ["image"])

# `env_file` entries may hold the credentials.
_elsewhere(svc) := {"__from_elsewhere__": true} if svc.env_file

_elsewhere(svc) := {} if not svc.env_file

_command(svc) := svc.command if is_string(svc.command)

_command(svc) := concat(" ", svc.command) if is_array(svc.command)

_command(svc) := "" if not svc.command
