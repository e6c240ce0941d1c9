# Kinesis stream is not encrypted.
package steward.iac.cloudformation.kinesis_unencrypted

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/kinesis-unencrypted",
    "title": "Kinesis stream is not encrypted",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An `AWS::Kinesis::Stream` has no `StreamEncryption`, so records are stored in clear for the stream's retention period.",
    "remediation": "Add `StreamEncryption: {EncryptionType: KMS, KeyId: alias/aws/kinesis}` (or a customer managed key).",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("stream %s is not encrypted", [name]), "path": ["Resources", name, "Properties", "StreamEncryption"]} if {
	some name, r in cfn.resources("AWS::Kinesis::Stream")
	not upper(object.get(cfn.props(r), ["StreamEncryption", "EncryptionType"], "NONE")) == "KMS"
	not cfn.intrinsic(object.get(cfn.props(r), ["StreamEncryption", "EncryptionType"], "NONE"))
}
