# Cloud SQL authorizes the whole internet.
package steward.iac.terraform.gcp_sql_public

import data.steward.lib.terraform as tf

__rego_metadata__ := {
    "id": "iac/terraform/gcp-sql-public",
    "title": "Cloud SQL authorizes the whole internet",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-668"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-001"
    ],
    "description": "A Cloud SQL instance lists 0.0.0.0/0 in `authorized_networks`, so any address can connect to the database.",
    "remediation": "Remove the network, use private IP, or connect through the Cloud SQL Auth Proxy.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("google_sql_database_instance.%s authorizes %s", [name, n.value]), "path": ["resource", "google_sql_database_instance", name, "settings", i, "ip_configuration", j, "authorized_networks", k, "value"]} if {
	some name, db in input.resource.google_sql_database_instance
	some i, s in db.settings
	some j, ip in s.ip_configuration
	some k, n in ip.authorized_networks
	tf.world(n.value)
}
