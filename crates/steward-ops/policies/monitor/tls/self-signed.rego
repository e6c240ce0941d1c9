# The certificate is self-signed.
package steward.monitor.tls.self_signed

__rego_metadata__ := {
    "id": "monitor/tls/self-signed",
    "title": "TLS certificate is self-signed",
    "severity": "medium",
    "confidence": "high",
    "cwe": ["CWE-295"],
    "owasp": "A07",
    "requirements": ["STW-DATA-003"],
    "description": "The endpoint presents a certificate signed by its own key: clients cannot verify they talk to the right server unless they pin it, and usually verification gets turned off.",
    "remediation": "Use a certificate from a public or internal CA that clients trust, and keep verification on.",
    "formats": ["tls-endpoint"]
}

deny contains {"msg": sprintf("%s presents a self-signed certificate (%s)", [input.endpoint, _subject]), "path": ["certificate", "self_signed"]} if {
	input.certificate.self_signed == true
}

_subject := sprintf("CN=%s", [input.certificate.subject]) if is_string(input.certificate.subject)

_subject := "no common name" if not is_string(input.certificate.subject)
