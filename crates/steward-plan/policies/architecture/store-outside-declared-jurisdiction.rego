# Sensitive data stored in a jurisdiction not declared.
package steward.arch.store_outside_declared_jurisdiction

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/store-outside-declared-jurisdiction",
    "title": "Sensitive data stored in a jurisdiction not declared",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-359"
    ],
    "requirements": [
        "STW-DATA-013"
    ],
    "description": "A component that holds sensitive data declares a `jurisdiction` missing from `[data] jurisdictions`.",
    "remediation": "Move the store to a declared jurisdiction, or declare the jurisdiction (and the legal basis for keeping the data there).",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s keeps %s data in %s, which [data] jurisdictions does not list", [arch.describe(c), arch.joined(arch.sensitive(arch.holds(c))), c.jurisdiction]), "path": ["components", i, "jurisdiction"], "components": [c.id]} if {
	some i, c in arch.components
	c.jurisdiction
	count(arch.sensitive(arch.holds(c))) > 0
	not c.jurisdiction in arch.declared_jurisdictions
}
