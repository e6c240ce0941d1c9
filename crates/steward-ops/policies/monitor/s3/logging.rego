# Server access logging off.
package steward.monitor.s3.logging

__rego_metadata__ := {
    "id": "monitor/s3/logging-off",
    "title": "S3 bucket access logging is off",
    "severity": "low",
    "confidence": "high",
    "cwe": ["CWE-778"],
    "owasp": "A09",
    "requirements": ["STW-LOG-001"],
    "description": "The bucket does not log requests, so reads of its data cannot be traced after the fact.",
    "remediation": "Enable server access logging to a separate log bucket (or CloudTrail data events for the bucket).",
    "formats": ["s3-bucket"]
}

deny contains {"msg": sprintf("bucket `%s` does not log access", [input.bucket]), "path": ["logging"]} if {
	input.logging == false
}
