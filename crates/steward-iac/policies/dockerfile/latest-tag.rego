# Base image not pinned to a version.
package steward.iac.dockerfile.latest_tag

import data.steward.lib.images

__rego_metadata__ := {
    "id": "iac/dockerfile/latest-tag",
    "title": "Base image not pinned to a version",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-1357"
    ],
    "owasp": "A08",
    "requirements": [],
    "description": "A FROM line uses an image without a tag, or with `latest`, so every build may pull different, unreviewed content.",
    "remediation": "Pin the base image to a version tag, and preferably a digest: `FROM node:20.11-alpine@sha256:...`.",
    "formats": [
        "dockerfile"
    ]
}

stage_names := {s.name | some s in input.stages; s.name != null}

deny contains {"msg": sprintf("base image `%s` is not pinned to a version", [img]), "path": ["stages", i, "from"]} if {
	some i, stage in input.stages
	img := stage.from.image
	img != "scratch"
	not img in stage_names
	images.floating(img)
}
