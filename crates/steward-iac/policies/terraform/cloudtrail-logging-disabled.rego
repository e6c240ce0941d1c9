# CloudTrail trail is not logging.
package steward.iac.terraform.cloudtrail_logging_disabled

__rego_metadata__ := {
    "id": "iac/terraform/cloudtrail-logging-disabled",
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
    "description": "An `aws_cloudtrail` sets `enable_logging = false`: the trail exists but records no API activity.",
    "remediation": "Remove `enable_logging = false` (logging is on by default) or set it to `true`.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_cloudtrail.%s is not logging", [name]), "path": ["resource", "aws_cloudtrail", name, "enable_logging"]} if {
	some name, r in input.resource.aws_cloudtrail
	r.enable_logging == false
}
