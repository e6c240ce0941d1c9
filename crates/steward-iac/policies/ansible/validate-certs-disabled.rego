# A task turns off TLS certificate verification.
package steward.iac.ansible.validate_certs_disabled

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/validate-certs-disabled",
    "title": "Task turns off TLS certificate verification",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-295"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-003"
    ],
    "description": "A task sets `validate_certs: no` (get_url, uri, apt_key, apt_repository, yum, k8s and cloud modules), `sslverify: no` (yum_repository), passes `--trusted-host`, `curl -k` or `wget --no-check-certificate`, or sets NODE_TLS_REJECT_UNAUTHORIZED=0 or GIT_SSL_NO_VERIFY in its environment, so whatever a man in the middle serves is accepted as genuine.",
    "remediation": "Keep verification on. When the server uses a private CA, give the module its certificate (`ca_path`, `ca_cert`) or install the CA in the host's trust store first.",
    "formats": [
        "ansible"
    ]
}

_off_keys := {"validate_certs", "sslverify", "ssl_verify", "verify_ssl", "validate_ssl", "tls_verify", "verify_certs"}

_command_pattern := `(curl(\s[^|;&]*)?\s(-k\b|-[a-zA-Z]*k[a-zA-Z]*\b|--insecure)|wget\s[^|;&]*--no-check-certificate|--trusted-host|strict-ssl\s+false|sslVerify\s*=?\s*false|NODE_TLS_REJECT_UNAUTHORIZED=0|GIT_SSL_NO_VERIFY=(1|true)|PYTHONHTTPSVERIFY=0)`

deny contains {"msg": sprintf("%s sets %s to %v: the server's certificate is not checked", [ansible.label(t), k, v]), "path": ["tasks", i, "args", k]} if {
	some i, t in input.tasks
	some k, v in t.args
	k in _off_keys
	ansible.falsy(v)
}

deny contains {"msg": sprintf("%s passes --trusted-host to pip: the index's certificate is not checked", [ansible.label(t)]), "path": ["tasks", i, "args", "extra_args"]} if {
	some i, t in input.tasks
	t.module == "pip"
	contains(t.args.extra_args, "--trusted-host")
}

deny contains {"msg": sprintf("%s runs a download with certificate verification off", [c.label]), "path": c.path} if {
	some c in data.steward.lib.ansible.commands
	regex.match(_command_pattern, c.line)
}

deny contains {"msg": sprintf("environment variable %s turns certificate verification off", [v.name]), "path": ["vars", j, "value"]} if {
	some j, v in input.vars
	v.scope == "environment"
	_env_off(v.name, lower(sprintf("%v", [v.value])))
}

_env_off("NODE_TLS_REJECT_UNAUTHORIZED", "0") := true

_env_off("PYTHONHTTPSVERIFY", "0") := true

_env_off("GIT_SSL_NO_VERIFY", v) if v in {"1", "true"}

_env_off("CURL_CA_BUNDLE", "") := true
