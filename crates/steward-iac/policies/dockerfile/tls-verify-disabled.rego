# Certificate verification disabled in a build step.
package steward.iac.dockerfile.tls_verify_disabled

__rego_metadata__ := {
    "id": "iac/dockerfile/tls-verify-disabled",
    "title": "Certificate verification disabled in a build step",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-295"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-003"
    ],
    "description": "A RUN or ENV turns off TLS certificate checks (curl -k, wget --no-check-certificate, pip --trusted-host, npm strict-ssl false, NODE_TLS_REJECT_UNAUTHORIZED=0), so downloads can be tampered with in transit.",
    "remediation": "Keep verification on; add the needed CA certificate to the image instead.",
    "formats": [
        "dockerfile"
    ]
}

pattern := `(curl(\s[^|;&]*)?\s(-k\b|-[a-zA-Z]*k[a-zA-Z]*\b|--insecure)|wget\s[^|;&]*--no-check-certificate|--trusted-host|strict-ssl\s+false|sslVerify\s*=?\s*false|NODE_TLS_REJECT_UNAUTHORIZED=0|GIT_SSL_NO_VERIFY|PYTHONHTTPSVERIFY=0)`

deny contains {"msg": "certificate verification is turned off", "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "run"
	regex.match(pattern, ins.value)
}

deny contains {"msg": sprintf("ENV %s turns certificate verification off", [p.key]), "path": ["stages", i, "instructions", j, "pairs", k]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "env"
	some k, p in ins.pairs
	p.key in {"NODE_TLS_REJECT_UNAUTHORIZED", "PYTHONHTTPSVERIFY", "GIT_SSL_NO_VERIFY"}
	p.value in {"0", "1", "true", "false"}
	_off(p.key, p.value)
}

_off("NODE_TLS_REJECT_UNAUTHORIZED", "0") := true

_off("PYTHONHTTPSVERIFY", "0") := true

_off("GIT_SSL_NO_VERIFY", v) if v in {"1", "true"}
