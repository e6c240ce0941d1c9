# Sensitive datastore declared without backups.
package steward.arch.datastore_not_backed_up

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/datastore-not-backed-up",
    "title": "Sensitive datastore declared without backups",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-693"
    ],
    "requirements": [
        "STW-BACKUP-001"
    ],
    "description": "A datastore that holds sensitive data is declared with `backup = false`: a failure or ransomware loses the records the product must keep.",
    "remediation": "Back the datastore up on a schedule to an isolated, encrypted location and declare `backup = true`.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("%s holds %s data and is not backed up", [arch.describe(c), arch.joined(arch.sensitive(arch.holds(c)))]), "path": ["components", i, "backup"], "components": [c.id]} if {
	some i, c in arch.components
	arch.is_datastore(c)
	count(arch.sensitive(arch.holds(c))) > 0
	c.backup == false
}
