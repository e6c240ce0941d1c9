# RDS instance publicly accessible.
package steward.iac.terraform.rds_publicly_accessible

__rego_metadata__ := {
    "id": "iac/terraform/rds-publicly-accessible",
    "title": "RDS instance publicly accessible",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-668"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-001"
    ],
    "description": "An RDS instance sets `publicly_accessible = true`, giving it a public IP address reachable from the internet wherever its security group allows.",
    "remediation": "Set `publicly_accessible = false` and reach the database from inside the VPC (or through a bastion or VPN).",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("%s.%s is publicly accessible", [t, name]), "path": ["resource", t, name, "publicly_accessible"]} if {
	some t in ["aws_db_instance", "aws_rds_cluster_instance"]
	some name, r in input.resource[t]
	r.publicly_accessible == true
}
