# Sensitive flow does not declare encryption.
package steward.arch.sensitive_flow_encryption_undeclared

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/sensitive-flow-encryption-undeclared",
    "title": "Sensitive flow does not declare encryption",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-319"
    ],
    "requirements": [
        "STW-DATA-003"
    ],
    "description": "A flow carries sensitive data but does not say whether it is encrypted.",
    "remediation": "Declare `encrypted = true` once the connection uses TLS (or `false`, so the gap is tracked).",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("flow %s -> %s carries %s data but does not declare encryption", [f.from, f.to, arch.joined(arch.sensitive(arch.flow_data(f)))]), "path": ["flows", i], "components": [f.from, f.to]} if {
	some i, f in arch.flows
	count(arch.sensitive(arch.flow_data(f))) > 0
	not has_key(f, "encrypted")
}

has_key(o, k) if _ = o[k]
