# Service explicitly runs as root.
package steward.iac.compose.user_root

__rego_metadata__ := {
    "id": "iac/compose/user-root",
    "title": "Service explicitly runs as root",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-009",
        "STW-ACCESS-007"
    ],
    "description": "A service sets `user: root` (or UID 0), overriding an image that may have been built to run unprivileged, so a compromised process is root in the container and one kernel or runtime flaw away from root on the host.",
    "remediation": "Run as an unprivileged user (`user: \"1000:1000\"` or the image's own user) and fix file ownership instead of running as root.",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` runs as root", [s.name]), "path": array.concat(s.path, ["user"])} if {
	some s in data.steward.lib.compose.services
	u := sprintf("%v", [s.service.user])
	split(u, ":")[0] in {"root", "0"}
}
