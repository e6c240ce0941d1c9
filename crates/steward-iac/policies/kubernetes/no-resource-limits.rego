# Container without memory or CPU limits.
package steward.iac.kubernetes.no_resource_limits

__rego_metadata__ := {
    "id": "iac/kubernetes/no-resource-limits",
    "title": "Container without memory or CPU limits",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-770"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "A container sets no memory or CPU limit, so one runaway or attacked container can starve its node.",
    "remediation": "Set `resources.limits.memory` and `resources.limits.cpu` (and requests) on every container.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s: container `%s` has no %s limit", [data.steward.lib.kubernetes.name, c.name, r]), "path": _path(c)} if {
	some c in data.steward.lib.kubernetes.containers
	not startswith(c.path[count(c.path) - 2], "ephemeral")
	some r in ["memory", "cpu"]
	not c.container.resources.limits[r]
}

_path(c) := array.concat(c.path, ["resources"]) if c.container.resources

_path(c) := c.path if not c.container.resources
