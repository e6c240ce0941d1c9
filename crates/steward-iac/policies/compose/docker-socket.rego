# Docker socket mounted into a service.
package steward.iac.compose.docker_socket

__rego_metadata__ := {
    "id": "iac/compose/docker-socket",
    "title": "Docker socket mounted into a service",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A01",
    "requirements": [],
    "description": "A service mounts the Docker socket: whoever controls the container can start privileged containers and take over the host.",
    "remediation": "Do not mount /var/run/docker.sock; use a socket proxy that allows only the API calls needed, or rootless tooling.",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` mounts the Docker socket", [s.name]), "path": _at(array.concat(s.path, ["volumes", i]), v)} if {
	some s in data.steward.lib.compose.services
	some i, v in s.service.volumes
	_source(v) in {"/var/run/docker.sock", "/run/docker.sock"}
}

_at(path, v) := array.concat(path, ["source"]) if is_object(v)

_at(path, v) := path if is_string(v)

_source(v) := split(v, ":")[0] if is_string(v)

_source(v) := v.source if is_object(v)
