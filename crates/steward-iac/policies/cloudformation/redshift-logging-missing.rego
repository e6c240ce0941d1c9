# Redshift cluster audit logging is off.
package steward.iac.cloudformation.redshift_logging_missing

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/redshift-logging-missing",
    "title": "Redshift cluster audit logging is off",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-778"
    ],
    "owasp": "A09",
    "requirements": [
        "STW-LOG-001"
    ],
    "description": "An `AWS::Redshift::Cluster` has no `LoggingProperties`, so connections and queries to the warehouse leave no audit log.",
    "remediation": "Add `LoggingProperties` with a `BucketName` (or `LogDestinationType: cloudwatch` and `LogExports`).",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("cluster %s keeps no audit log", [name]), "path": ["Resources", name, "Properties", "LoggingProperties"]} if {
	some name, r in cfn.resources("AWS::Redshift::Cluster")
	not cfn.props(r).LoggingProperties
}
