# Redshift cluster is publicly accessible.
package steward.iac.terraform.redshift_publicly_accessible

__rego_metadata__ := {
    "id": "iac/terraform/redshift-publicly-accessible",
    "title": "Redshift cluster is publicly accessible",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-284"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-NET-003",
        "STW-ACCESS-001"
    ],
    "description": "An `aws_redshift_cluster` sets `publicly_accessible = true`: it gets a public address and only its security groups stand between the internet and its login.",
    "remediation": "Set `publicly_accessible = false` and reach the cluster from inside the VPC.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_redshift_cluster.%s is publicly accessible", [name]), "path": ["resource", "aws_redshift_cluster", name, "publicly_accessible"]} if {
	some name, c in input.resource.aws_redshift_cluster
	c.publicly_accessible == true
}
