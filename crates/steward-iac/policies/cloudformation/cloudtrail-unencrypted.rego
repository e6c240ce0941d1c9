# CloudTrail logs are not encrypted with a KMS key.
package steward.iac.cloudformation.cloudtrail_unencrypted

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/cloudtrail-unencrypted",
    "title": "CloudTrail logs are not encrypted with a KMS key",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-LOG-007",
        "STW-DATA-002"
    ],
    "description": "An `AWS::CloudTrail::Trail` names no `KMSKeyId`, so its log files are encrypted only with S3-managed keys and anyone who can read the bucket can read every API call of the account.",
    "remediation": "Set `KMSKeyId` to a customer managed key whose policy lets CloudTrail encrypt and only the security team decrypt.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("trail %s does not encrypt its logs with a KMS key", [name]), "path": ["Resources", name, "Properties", "KMSKeyId"]} if {
	some name, r in cfn.resources("AWS::CloudTrail::Trail")
	not cfn.props(r).KMSKeyId
}
