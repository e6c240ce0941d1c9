# RDS automated backups disabled.
package steward.iac.terraform.rds_backup_disabled

__rego_metadata__ := {
    "id": "iac/terraform/rds-backup-disabled",
    "title": "RDS automated backups disabled",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-693"
    ],
    "owasp": "A04",
    "requirements": [],
    "description": "An RDS instance or cluster sets `backup_retention_period = 0`, turning off automated backups and point-in-time recovery.",
    "remediation": "Keep `backup_retention_period` at 7 days or more.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("%s.%s disables automated backups", [t, name]), "path": ["resource", t, name, "backup_retention_period"]} if {
	some t in ["aws_db_instance", "aws_rds_cluster"]
	some name, r in input.resource[t]
	r.backup_retention_period == 0
}
