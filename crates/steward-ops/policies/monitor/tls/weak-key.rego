# The certificate key is too small.
package steward.monitor.tls.weak_key

__rego_metadata__ := {
    "id": "monitor/tls/weak-key",
    "title": "TLS certificate key is too small",
    "severity": "high",
    "confidence": "high",
    "cwe": ["CWE-326"],
    "owasp": "A02",
    "requirements": ["STW-CRYPTO-008"],
    "description": "The certificate's public key is below 128-bit security strength (RSA under 2048 bits, elliptic curves under 256 bits): it can be broken or will soon be.",
    "remediation": "Issue a new certificate with an RSA 3072-bit or ECDSA P-256 (or stronger) key.",
    "formats": ["tls-endpoint"]
}

deny contains {"msg": sprintf("%s presents a %d-bit RSA key", [input.endpoint, input.certificate.key_bits]), "path": ["certificate", "key_bits"]} if {
	input.certificate.key_type == "rsa"
	input.certificate.key_bits < 2048
}

deny contains {"msg": sprintf("%s presents a %d-bit elliptic-curve key", [input.endpoint, input.certificate.key_bits]), "path": ["certificate", "key_bits"]} if {
	input.certificate.key_type == "ec"
	input.certificate.key_bits < 256
}

deny contains {"msg": sprintf("%s presents a DSA key", [input.endpoint]), "path": ["certificate", "key_type"]} if {
	input.certificate.key_type == "dsa"
}
