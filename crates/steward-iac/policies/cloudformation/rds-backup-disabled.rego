# RDS automated backups are turned off.
package steward.iac.cloudformation.rds_backup_disabled

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/rds-backup-disabled",
    "title": "RDS automated backups are turned off",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-693"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-BACKUP-001"
    ],
    "description": "An `AWS::RDS::DBInstance` sets `BackupRetentionPeriod: 0`, which turns automated backups and point-in-time recovery off.",
    "remediation": "Set `BackupRetentionPeriod` to the days of recovery you need (7 or more), or leave it out for the default of 1.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("database %s keeps no automated backups", [name]), "path": ["Resources", name, "Properties", "BackupRetentionPeriod"]} if {
	some name, r in cfn.resources("AWS::RDS::DBInstance")
	cfn.num(cfn.props(r).BackupRetentionPeriod) == 0
}
