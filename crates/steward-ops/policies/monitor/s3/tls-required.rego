# No policy statement denies plain-HTTP requests.
package steward.monitor.s3.tls_required

__rego_metadata__ := {
    "id": "monitor/s3/tls-not-required",
    "title": "S3 bucket accepts requests without TLS",
    "severity": "medium",
    "confidence": "high",
    "cwe": ["CWE-319"],
    "owasp": "A02",
    "requirements": ["STW-DATA-003"],
    "description": "No bucket policy statement denies requests where aws:SecureTransport is false, so clients may read and write it over plain HTTP.",
    "remediation": "Add a Deny statement for all principals and actions with the condition Bool aws:SecureTransport = false.",
    "formats": ["s3-bucket"]
}

deny contains {"msg": sprintf("bucket `%s` does not deny requests without TLS", [input.bucket]), "path": ["tls_required"]} if {
	input.tls_required == false
}
