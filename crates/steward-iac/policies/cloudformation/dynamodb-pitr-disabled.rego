# DynamoDB point-in-time recovery is off.
package steward.iac.cloudformation.dynamodb_pitr_disabled

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/dynamodb-pitr-disabled",
    "title": "DynamoDB point-in-time recovery is off",
    "severity": "medium",
    "confidence": "medium",
    "cwe": [
        "CWE-693"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-BACKUP-001"
    ],
    "description": "An `AWS::DynamoDB::Table` does not enable `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled`, so items overwritten or deleted by mistake or by an attacker cannot be restored to an earlier second.",
    "remediation": "Set `PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}`.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("table %s has no point-in-time recovery", [name]), "path": ["Resources", name, "Properties", "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"]} if {
	some name, r in cfn.resources("AWS::DynamoDB::Table")
	v := object.get(cfn.props(r), ["PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"], false)
	not cfn.is_true(v)
	not cfn.intrinsic(v)
}
