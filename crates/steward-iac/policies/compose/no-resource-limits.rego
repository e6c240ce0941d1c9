# Service without memory or CPU limits.
package steward.iac.compose.no_resource_limits

__rego_metadata__ := {
    "id": "iac/compose/no-resource-limits",
    "title": "Service without memory or CPU limits",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-770"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "A service sets no memory or CPU limit, so one runaway or attacked container can starve everything else on the host.",
    "remediation": "Set `deploy.resources.limits` (`memory`, `cpus`), or `mem_limit` and `cpus`.",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` has no memory limit", [s.name]), "path": s.path} if {
	some s in data.steward.lib.compose.services
	not s.service.mem_limit
	not s.service.deploy.resources.limits.memory
}
