# SQS queue is not encrypted.
package steward.iac.cloudformation.sqs_unencrypted

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/sqs-unencrypted",
    "title": "SQS queue is not encrypted",
    "severity": "medium",
    "confidence": "medium",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An `AWS::SQS::Queue` names no `KmsMasterKeyId` and does not set `SqsManagedSseEnabled: true` (or turns it off), so its messages are not encrypted under a key the template controls.",
    "remediation": "Set `KmsMasterKeyId` (a customer managed key, or `alias/aws/sqs`), or at least `SqsManagedSseEnabled: true`.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("queue %s is not encrypted", [name]), "path": _path(name, p)} if {
	some name, r in cfn.resources("AWS::SQS::Queue")
	p := cfn.props(r)
	not p.KmsMasterKeyId
	not cfn.is_true(object.get(p, "SqsManagedSseEnabled", false))
	not cfn.intrinsic(object.get(p, "SqsManagedSseEnabled", false))
}

_path(name, p) := ["Resources", name, "Properties", "SqsManagedSseEnabled"] if "SqsManagedSseEnabled" in object.keys(p)

_path(name, p) := ["Resources", name, "Properties", "KmsMasterKeyId"] if not "SqsManagedSseEnabled" in object.keys(p)
