# Sensitive datastore does not declare encryption at rest.
package steward.arch.datastore_encryption_undeclared

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/datastore-encryption-undeclared",
    "title": "Sensitive datastore does not declare encryption at rest",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "A datastore holds sensitive data but does not say whether it is encrypted at rest.",
    "remediation": "Declare `encrypted_at_rest = true` once storage encryption is on (or `false`, so the gap is tracked).",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s holds %s data but does not declare encryption at rest", [arch.describe(c), arch.joined(arch.sensitive(arch.holds(c)))]), "path": ["components", i], "components": [c.id]} if {
	some i, c in arch.components
	arch.is_datastore(c)
	count(arch.sensitive(arch.holds(c))) > 0
	not has_key(c, "encrypted_at_rest")
}

has_key(o, k) if _ = o[k]
