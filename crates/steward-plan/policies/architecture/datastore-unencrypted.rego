# Datastore holding sensitive data is not encrypted at rest.
package steward.arch.datastore_unencrypted

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/datastore-unencrypted",
    "title": "Datastore holding sensitive data is not encrypted at rest",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "A datastore that holds cardholder, health, personal, credential or financial data is declared with `encrypted_at_rest = false`.",
    "remediation": "Enable storage encryption (with keys in a KMS) and declare `encrypted_at_rest = true`.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s holds %s data unencrypted at rest", [arch.describe(c), arch.joined(arch.sensitive(arch.holds(c)))]), "path": ["components", i, "encrypted_at_rest"], "components": [c.id]} if {
	some i, c in arch.components
	arch.is_datastore(c)
	count(arch.sensitive(arch.holds(c))) > 0
	c.encrypted_at_rest == false
}
