# The certificate has expired or is not valid yet.
package steward.monitor.tls.certificate_invalid

__rego_metadata__ := {
    "id": "monitor/tls/certificate-invalid",
    "title": "TLS certificate expired or not yet valid",
    "severity": "critical",
    "confidence": "high",
    "cwe": ["CWE-298"],
    "owasp": "A02",
    "requirements": ["STW-CRYPTO-011", "STW-DATA-003"],
    "description": "The endpoint presents a certificate outside its validity period: clients either fail or are trained to click through warnings.",
    "remediation": "Renew the certificate now and automate renewal (ACME or your CA's API) with monitoring of the expiry date.",
    "formats": ["tls-endpoint"]
}

deny contains {"msg": sprintf("%s presents a certificate that expired on %s", [input.endpoint, input.certificate.not_after]), "path": ["certificate", "not_after"]} if {
	input.certificate.expired == true
}

deny contains {"msg": sprintf("%s presents a certificate not valid before %s", [input.endpoint, input.certificate.not_before]), "path": ["certificate", "not_before"]} if {
	input.certificate.not_yet_valid == true
}
