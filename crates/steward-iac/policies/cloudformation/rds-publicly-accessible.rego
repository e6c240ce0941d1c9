# RDS database is publicly accessible.
package steward.iac.cloudformation.rds_publicly_accessible

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/rds-publicly-accessible",
    "title": "RDS database is publicly accessible",
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
    "description": "An `AWS::RDS::DBInstance` sets `PubliclyAccessible: true`: it gets a public DNS name and address, and only its security group stands between the internet and its login.",
    "remediation": "Set `PubliclyAccessible: false`, place the database in private subnets and reach it from the application tier, a bastion or a VPN.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("database %s is publicly accessible", [name]), "path": ["Resources", name, "Properties", "PubliclyAccessible"]} if {
	some name, r in cfn.resources("AWS::RDS::DBInstance")
	cfn.is_true(cfn.props(r).PubliclyAccessible)
}
