# Redshift cluster is publicly accessible.
package steward.iac.cloudformation.redshift_publicly_accessible

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/redshift-publicly-accessible",
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
    "description": "An `AWS::Redshift::Cluster` sets `PubliclyAccessible: true`: it gets a public address and only its security groups stand between the internet and its login.",
    "remediation": "Set `PubliclyAccessible: false` and reach the cluster from inside the VPC.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("cluster %s is publicly accessible", [name]), "path": ["Resources", name, "Properties", "PubliclyAccessible"]} if {
	some name, r in cfn.resources("AWS::Redshift::Cluster")
	cfn.is_true(cfn.props(r).PubliclyAccessible)
}
