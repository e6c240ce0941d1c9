# Credentials written into Terraform.
package steward.iac.terraform.hardcoded_credentials

import data.steward.lib.terraform as tf

__rego_metadata__ := {
    "id": "iac/terraform/hardcoded-credentials",
    "title": "Credentials written into Terraform",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-798"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-SECRETS-001",
        "STW-SECRETS-008"
    ],
    "description": "A provider access key or a database master password is a literal in the Terraform code (or a variable default), so it is in the repository and in every plan and state file.",
    "remediation": "Take credentials from the environment or a secrets manager (`manage_master_user_password = true`, `aws_secretsmanager_secret_version`, a variable without default marked `sensitive`).",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("provider aws sets %s to a literal", [attr]), "path": ["provider", "aws", i, attr]} if {
	some i, p in input.provider.aws
	some attr in ["access_key", "secret_key", "token"]
	tf.literal(p[attr])
}

deny contains {"msg": sprintf("%s.%s sets %s to a literal", [t, name, attr]), "path": ["resource", t, name, attr]} if {
	some t, attr in {"aws_db_instance": "password", "aws_rds_cluster": "master_password", "aws_redshift_cluster": "master_password", "aws_docdb_cluster": "master_password", "aws_elasticache_replication_group": "auth_token", "aws_mq_broker": "password"}
	some name, r in input.resource[t]
	tf.literal(r[attr])
}
