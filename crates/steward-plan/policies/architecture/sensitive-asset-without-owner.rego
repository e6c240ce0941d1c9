# Asset holding sensitive data with no owner.
package steward.arch.sensitive_asset_without_owner

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/sensitive-asset-without-owner",
    "title": "Asset holding sensitive data with no owner",
    "severity": "low",
    "confidence": "high",
    "cwe": [
        "CWE-1059"
    ],
    "requirements": [
        "STW-SUNSET-001"
    ],
    "description": "An `[[asset]]` holds sensitive data but names no `owner`, so nobody answers for its monitoring or its destruction at sunset.",
    "remediation": "Set `owner` on the asset.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("asset `%s` (%s) holds %s data and has no owner", [a.id, a.location, arch.joined(arch.sensitive(object.get(a, "holds", [])))]), "path": ["assets", i], "components": []} if {
	some i, a in object.get(input, "assets", [])
	not a.owner
	count(arch.sensitive(object.get(a, "holds", []))) > 0
}
