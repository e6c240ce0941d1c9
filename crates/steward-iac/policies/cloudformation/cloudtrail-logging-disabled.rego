# CloudTrail trail is not logging.
package steward.iac.cloudformation.cloudtrail_logging_disabled

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/cloudtrail-logging-disabled",
    "title": "CloudTrail trail is not logging",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-778"
    ],
    "owasp": "A09",
    "requirements": [
        "STW-LOG-001"
    ],
    "description": "An `AWS::CloudTrail::Trail` sets `IsLogging: false`: the trail exists but records no API activity.",
    "remediation": "Set `IsLogging: true`.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("trail %s is not logging", [name]), "path": ["Resources", name, "Properties", "IsLogging"]} if {
	some name, r in cfn.resources("AWS::CloudTrail::Trail")
	cfn.is_false(cfn.props(r).IsLogging)
}
