# The certificate expires within 30 days.
package steward.monitor.tls.certificate_expiring

__rego_metadata__ := {
    "id": "monitor/tls/certificate-expiring",
    "title": "TLS certificate expires within 30 days",
    "severity": "medium",
    "confidence": "high",
    "cwe": ["CWE-298"],
    "owasp": "A02",
    "requirements": ["STW-CRYPTO-011"],
    "description": "The certificate's validity ends within 30 days; without renewal the service breaks or clients learn to ignore errors.",
    "remediation": "Renew the certificate and automate renewal well before expiry.",
    "formats": ["tls-endpoint"]
}

deny contains {"msg": sprintf("%s presents a certificate that expires in %d days (%s)", [input.endpoint, input.certificate.days_left, input.certificate.not_after]), "path": ["certificate", "not_after"]} if {
	input.certificate.expired == false
	input.certificate.days_left < 30
}
