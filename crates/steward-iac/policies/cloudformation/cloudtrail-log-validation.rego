# CloudTrail log file validation is off.
package steward.iac.cloudformation.cloudtrail_log_validation

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/cloudtrail-log-validation",
    "title": "CloudTrail log file validation is off",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-354"
    ],
    "owasp": "A09",
    "requirements": [
        "STW-LOG-007"
    ],
    "description": "An `AWS::CloudTrail::Trail` does not set `EnableLogFileValidation: true`, so a log file changed or deleted after delivery cannot be told from an original.",
    "remediation": "Set `EnableLogFileValidation: true` and check digests with `aws cloudtrail validate-logs`.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("trail %s does not validate its log files", [name]), "path": ["Resources", name, "Properties", "EnableLogFileValidation"]} if {
	some name, r in cfn.resources("AWS::CloudTrail::Trail")
	v := object.get(cfn.props(r), "EnableLogFileValidation", false)
	not cfn.is_true(v)
	not cfn.intrinsic(v)
}
