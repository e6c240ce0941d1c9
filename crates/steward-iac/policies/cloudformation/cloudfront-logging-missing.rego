# CloudFront distribution access logging is off.
package steward.iac.cloudformation.cloudfront_logging_missing

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/cloudfront-logging-missing",
    "title": "CloudFront distribution access logging is off",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-778"
    ],
    "owasp": "A09",
    "requirements": [
        "STW-LOG-001"
    ],
    "description": "An `AWS::CloudFront::Distribution` has no `Logging` configuration, so the requests it serves leave no access log.",
    "remediation": "Add `DistributionConfig.Logging` with a `Bucket` (a log bucket with ACLs enabled for CloudFront), or configure real-time or standard logging v2.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("distribution %s does not log requests", [name]), "path": ["Resources", name, "Properties", "DistributionConfig", "Logging"]} if {
	some name, r in cfn.resources("AWS::CloudFront::Distribution")
	object.get(cfn.props(r), ["DistributionConfig", "Logging"], null) == null
}
