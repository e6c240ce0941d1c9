# Versioning off or suspended.
package steward.monitor.s3.versioning

__rego_metadata__ := {
    "id": "monitor/s3/versioning-off",
    "title": "S3 bucket versioning is off",
    "severity": "low",
    "confidence": "high",
    "cwe": ["CWE-693"],
    "owasp": "A05",
    "requirements": ["STW-DATA-007"],
    "description": "Versioning is off or suspended: an overwrite or delete, by mistake or by ransomware, cannot be undone.",
    "remediation": "Enable versioning (and a lifecycle rule that expires noncurrent versions after the retention period).",
    "formats": ["s3-bucket"]
}

deny contains {"msg": sprintf("bucket `%s` has versioning %s", [input.bucket, _state]), "path": ["versioning"]} if {
	input.versioning in {"Off", "Suspended"}
}

_state := "off" if input.versioning == "Off"

_state := "suspended" if input.versioning == "Suspended"
