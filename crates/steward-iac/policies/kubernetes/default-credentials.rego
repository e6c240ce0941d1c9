# Database or broker with default or no credentials.
package steward.iac.kubernetes.default_credentials

import data.steward.lib.images

__rego_metadata__ := {
    "id": "iac/kubernetes/default-credentials",
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
    "description": "A container of a well-known database or broker image (MongoDB, PostgreSQL, MySQL/MariaDB, Redis, RabbitMQ, Elasticsearch/OpenSearch) starts without authentication, with authentication disabled, or with a default or trivial password.",
    "remediation": "Give the container a strong password from a Secret (`valueFrom.secretKeyRef`) and never disable authentication.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s: container `%s` (%s) %s", [data.steward.lib.kubernetes.name, c.name, c.container.image, p.msg]), "path": _path(c, p.key)} if {
	some c in data.steward.lib.kubernetes.containers
	env := object.union({e.name: _value(e) | some e in c.container.env}, _elsewhere(c.container))
	some p in images.credential_problems(c.container.image, env, _command(c.container))
}

# `envFrom` Secrets and ConfigMaps may hold the credentials.
_elsewhere(ctr) := {"__from_elsewhere__": true} if count(object.get(ctr, "envFrom", [])) > 0

_elsewhere(ctr) := {} if count(object.get(ctr, "envFrom", [])) == 0

# A value from a Secret or ConfigMap counts as set, but not as weak.
_value(e) := e.value if is_string(e.value)

_value(e) := "<from a reference>" if not is_string(e.value)

_path(c, key) := array.concat(c.path, ["env", i]) if {
	key != ""
	some i, e in c.container.env
	e.name == key
} else := array.concat(c.path, ["image"])

_command(ctr) := concat(" ", array.concat(object.get(ctr, "command", []), object.get(ctr, "args", [])))
