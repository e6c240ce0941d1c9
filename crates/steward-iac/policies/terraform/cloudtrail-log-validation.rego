# CloudTrail log file validation disabled.
package steward.iac.terraform.cloudtrail_log_validation

__rego_metadata__ := {
    "id": "iac/terraform/cloudtrail-log-validation",
    "title": "CloudTrail log file validation disabled",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-354"
    ],
    "owasp": "A09",
    "requirements": [
        "STW-LOG-007"
    ],
    "description": "A trail does not set `enable_log_file_validation = true`, so altered or deleted log files cannot be detected.",
    "remediation": "Set `enable_log_file_validation = true` (and `is_multi_region_trail = true`).",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_cloudtrail.%s does not validate its log files", [name]), "path": _path(name, t)} if {
	some name, t in input.resource.aws_cloudtrail
	not t.enable_log_file_validation == true
}

_path(name, t) := ["resource", "aws_cloudtrail", name, "enable_log_file_validation"] if "enable_log_file_validation" in object.keys(t)

_path(name, t) := ["resource", "aws_cloudtrail", name] if not "enable_log_file_validation" in object.keys(t)
