# TLS 1.0 or 1.1 still accepted.
package steward.monitor.tls.legacy_protocol

__rego_metadata__ := {
    "id": "monitor/tls/legacy-protocol",
    "title": "Endpoint accepts TLS 1.0 or 1.1",
    "severity": "high",
    "confidence": "high",
    "cwe": ["CWE-327"],
    "owasp": "A02",
    "requirements": ["STW-DATA-003", "STW-CRYPTO-001"],
    "description": "The endpoint completes a handshake offering only TLS 1.0 or 1.1, protocols deprecated by RFC 8996 and not allowed for card data; a downgrade exposes traffic to known attacks.",
    "remediation": "Disable TLS 1.0 and 1.1 in the server or load balancer (minimum TLS 1.2, prefer 1.3).",
    "formats": ["tls-endpoint"]
}

deny contains {"msg": sprintf("%s accepts %s", [input.endpoint, concat(" and ", input.legacy_protocols_accepted)]), "path": ["legacy_protocols_accepted"]} if {
	count(input.legacy_protocols_accepted) > 0
}
