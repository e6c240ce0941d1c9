# No default encryption.
package steward.monitor.s3.encryption

__rego_metadata__ := {
    "id": "monitor/s3/encryption-off",
    "title": "S3 bucket has no default encryption",
    "severity": "medium",
    "confidence": "high",
    "cwe": ["CWE-311"],
    "owasp": "A02",
    "requirements": ["STW-DATA-002"],
    "description": "The bucket has no default server-side encryption configuration, so objects written without an encryption header are stored unencrypted.",
    "remediation": "Set default encryption (SSE-KMS with a customer-managed key for sensitive data, at least SSE-S3) on the bucket.",
    "formats": ["s3-bucket"]
}

deny contains {"msg": sprintf("bucket `%s` has no default encryption", [input.bucket]), "path": ["encryption"]} if {
	input.encryption.enabled == false
}
