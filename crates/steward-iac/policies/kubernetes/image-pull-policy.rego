# Cached image used without pulling it again.
package steward.iac.kubernetes.image_pull_policy

__rego_metadata__ := {
    "id": "iac/kubernetes/image-pull-policy",
    "title": "Cached image used without pulling it again",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-1188"
    ],
    "owasp": "A08",
    "requirements": [
        "STW-DEPS-005"
    ],
    "description": "A container whose image is not pinned by digest does not set `imagePullPolicy: Always` (a tagged image defaults to IfNotPresent), so a node reuses whatever image it cached under that tag: a tag moved upstream or an image another tenant pulled with its own credentials runs without the registry being asked.",
    "remediation": "Pin the image by digest (`image: repo@sha256:...`), or set `imagePullPolicy: Always` (and the AlwaysPullImages admission plugin on shared clusters).",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s: container `%s` may run a cached image (imagePullPolicy %s)", [data.steward.lib.kubernetes.name, c.name, _policy(c.container)]), "path": array.concat(c.path, ["imagePullPolicy"])} if {
	some c in data.steward.lib.kubernetes.containers
	is_string(c.container.image)
	not contains(c.container.image, "@sha256:")
	not contains(c.container.image, "$")
	_policy(c.container) != "Always"
}

_policy(c) := c.imagePullPolicy if is_string(c.imagePullPolicy)

_policy(c) := "Always" if {
	not c.imagePullPolicy
	_floating(c.image)
}

_policy(c) := "IfNotPresent (default)" if {
	not c.imagePullPolicy
	not _floating(c.image)
}

_floating(ref) if {
	parts := split(ref, "/")
	last := parts[count(parts) - 1]
	not contains(last, ":")
}

_floating(ref) if endswith(ref, ":latest")
