# Service image not pinned to a version.
package steward.iac.compose.latest_tag

import data.steward.lib.images

__rego_metadata__ := {
    "id": "iac/compose/latest-tag",
    "title": "Service image not pinned to a version",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-1357"
    ],
    "owasp": "A08",
    "requirements": [],
    "description": "A service uses an image without a tag, or `latest`, so each pull may run different, unreviewed code.",
    "remediation": "Pin the image to a version tag, and preferably a digest.",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` uses unpinned image `%s`", [s.name, s.service.image]), "path": array.concat(s.path, ["image"])} if {
	some s in data.steward.lib.compose.services
	is_string(s.service.image)
	images.floating(s.service.image)
}
