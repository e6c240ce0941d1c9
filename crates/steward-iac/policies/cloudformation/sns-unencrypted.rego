# SNS topic is not encrypted.
package steward.iac.cloudformation.sns_unencrypted

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/sns-unencrypted",
    "title": "SNS topic is not encrypted",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An `AWS::SNS::Topic` names no `KmsMasterKeyId`, so messages it stores while delivering them are not encrypted under a key.",
    "remediation": "Set `KmsMasterKeyId` to a customer managed key (or `alias/aws/sns`).",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("topic %s is not encrypted", [name]), "path": ["Resources", name, "Properties", "KmsMasterKeyId"]} if {
	some name, r in cfn.resources("AWS::SNS::Topic")
	not cfn.props(r).KmsMasterKeyId
}
