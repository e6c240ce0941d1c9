# DynamoDB table is not encrypted with a KMS key.
package steward.iac.cloudformation.dynamodb_cmk_missing

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/dynamodb-cmk-missing",
    "title": "DynamoDB table is not encrypted with a KMS key",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An `AWS::DynamoDB::Table` (or global table) does not turn on `SSESpecification.SSEEnabled`, so it is encrypted only with an AWS owned key: its use is not in CloudTrail and access to the data cannot be revoked through a key policy.",
    "remediation": "Set `SSESpecification: {SSEEnabled: true, SSEType: KMS}` (with a `KMSMasterKeyId` for a customer managed key).",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("table %s is not encrypted with a KMS key", [name]), "path": ["Resources", name, "Properties", "SSESpecification", "SSEEnabled"]} if {
	some t in ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"]
	some name, r in cfn.resources(t)
	v := object.get(cfn.props(r), ["SSESpecification", "SSEEnabled"], false)
	not cfn.is_true(v)
	not cfn.intrinsic(v)
}
