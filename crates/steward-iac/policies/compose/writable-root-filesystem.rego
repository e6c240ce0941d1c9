# Service root filesystem is writable.
package steward.iac.compose.writable_root_filesystem

__rego_metadata__ := {
    "id": "iac/compose/writable-root-filesystem",
    "title": "Service root filesystem is writable",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-732"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-009"
    ],
    "description": "A service does not set `read_only: true`, so an attacker who gets code execution can modify the container's binaries and configuration and drop tools into it.",
    "remediation": "Set `read_only: true` and give the service `tmpfs:` entries or volumes for the paths it must write (`/tmp`, its data directory).",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` has a writable root filesystem", [s.name]), "path": array.concat(s.path, ["read_only"])} if {
	some s in data.steward.lib.compose.services
	not s.service.read_only == true
}
