# Container image not pinned to a version.
package steward.iac.kubernetes.latest_tag

import data.steward.lib.images

__rego_metadata__ := {
    "id": "iac/kubernetes/latest-tag",
    "title": "Container image not pinned to a version",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-1357"
    ],
    "owasp": "A08",
    "requirements": [],
    "description": "A container uses an image without a tag, or `latest`, so each node may run different, unreviewed code.",
    "remediation": "Pin images to a version tag, and preferably a digest.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s: container `%s` uses unpinned image `%s`", [data.steward.lib.kubernetes.name, c.name, c.container.image]), "path": array.concat(c.path, ["image"])} if {
	some c in data.steward.lib.kubernetes.containers
	images.floating(c.container.image)
}
