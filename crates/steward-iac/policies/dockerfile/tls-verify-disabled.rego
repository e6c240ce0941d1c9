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
    "description": "A RUN, ENV or ARG turns off TLS certificate checks (curl -k, wget --no-check-certificate, pip --trusted-host or PIP_TRUSTED_HOST, npm/yarn strict-ssl false or NPM_CONFIG_STRICT_SSL=false, yum/dnf config-manager sslverify=0, git sslVerify false or GIT_SSL_NO_VERIFY, NODE_TLS_REJECT_UNAUTHORIZED=0, PYTHONHTTPSVERIFY=0), so downloads can be tampered with in transit.",
    "remediation": "Keep verification on; add the needed CA certificate to the image instead.",
    "formats": [
        "dockerfile"
    ]
}

pattern := `(curl(\s[^|;&]*)?\s(-k\b|-[a-zA-Z]*k[a-zA-Z]*\b|--insecure)|wget\s[^|;&]*--no-check-certificate|--trusted-host|PIP_TRUSTED_HOST=|strict-ssl\s+false|(?i:npm_config_strict_ssl)=["']?false|sslVerify\s*=?\s*false|NODE_TLS_REJECT_UNAUTHORIZED=["']?0|GIT_SSL_NO_VERIFY|PYTHONHTTPSVERIFY=["']?0)`

# yum-config-manager / dnf config-manager --setopt=<repo>.sslverify=0
setopt := `(?i)(yum|dnf)(\s+|-)config-manager[^|;&]*--setopt=["']?([^=\s]+\.)?sslverify["']?=["']?(0|false|no)\b`

deny contains {"msg": "certificate verification is turned off", "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "run"
	_run_off(ins.value)
}

_run_off(v) if regex.match(_run_pattern, v)

# Both expressions in one: each regex.match pays for a fresh matcher.
_run_pattern := sprintf("(?:%s)|(?:%s)", [pattern, setopt])

deny contains {"msg": sprintf("%s %s turns certificate verification off", [upper(ins.cmd), p.key]), "path": ["stages", i, "instructions", j, "pairs", k]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd in {"env", "arg"}
	some k, p in ins.pairs
	is_string(p.value)
	_off(p.key, trim(p.value, `"'`))
}

_off("NODE_TLS_REJECT_UNAUTHORIZED", "0") := true

_off("PYTHONHTTPSVERIFY", "0") := true

# git turns verification off when the variable is set at all, whatever its value.
_off("GIT_SSL_NO_VERIFY", _) := true

_off("PIP_TRUSTED_HOST", v) if v != ""

_off(k, "false") if lower(k) == "npm_config_strict_ssl"
