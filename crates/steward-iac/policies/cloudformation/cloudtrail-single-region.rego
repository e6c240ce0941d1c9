# CloudTrail trail records one region only.
package steward.iac.cloudformation.cloudtrail_single_region

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/cloudtrail-single-region",
    "title": "CloudTrail trail records one region only",
    "severity": "medium",
    "confidence": "medium",
    "cwe": [
        "CWE-778"
    ],
    "owasp": "A09",
    "requirements": [
        "STW-LOG-001"
    ],
    "description": "An `AWS::CloudTrail::Trail` does not set `IsMultiRegionTrail: true`, so API activity in every other region (where an intruder would start resources unnoticed) is not recorded by it.",
    "remediation": "Set `IsMultiRegionTrail: true` (and `IncludeGlobalServiceEvents: true`), or use an organization trail.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("trail %s records only its own region", [name]), "path": ["Resources", name, "Properties", "IsMultiRegionTrail"]} if {
	some name, r in cfn.resources("AWS::CloudTrail::Trail")
	p := cfn.props(r)
	not cfn.is_true(object.get(p, "IsOrganizationTrail", false))
	v := object.get(p, "IsMultiRegionTrail", false)
	not cfn.is_true(v)
	not cfn.intrinsic(v)
}
