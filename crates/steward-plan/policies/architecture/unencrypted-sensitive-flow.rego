# Sensitive data over an unencrypted flow.
package steward.arch.unencrypted_sensitive_flow

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/unencrypted-sensitive-flow",
    "title": "Sensitive data over an unencrypted flow",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-319"
    ],
    "requirements": [
        "STW-DATA-003"
    ],
    "description": "A flow that carries cardholder, health, personal, credential or financial data is declared with `encrypted = false`.",
    "remediation": "Use TLS (1.2 or later, certificates verified) or mTLS on the connection and declare `encrypted = true`.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("flow %s -> %s carries %s data unencrypted", [f.from, f.to, arch.joined(arch.sensitive(arch.flow_data(f)))]), "path": ["flows", i, "encrypted"], "components": [f.from, f.to]} if {
	some i, f in arch.flows
	count(arch.sensitive(arch.flow_data(f))) > 0
	f.encrypted == false
}
