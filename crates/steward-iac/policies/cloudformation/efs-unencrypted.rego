# EFS file system is not encrypted.
package steward.iac.cloudformation.efs_unencrypted

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/efs-unencrypted",
    "title": "EFS file system is not encrypted",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An `AWS::EFS::FileSystem` does not set `Encrypted: true`, so its files are stored in clear.",
    "remediation": "Set `Encrypted: true` (with a `KmsKeyId` for a customer managed key); an existing file system is encrypted by copying it to a new encrypted one.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("file system %s is not encrypted", [name]), "path": ["Resources", name, "Properties", "Encrypted"]} if {
	some name, r in cfn.resources("AWS::EFS::FileSystem")
	v := object.get(cfn.props(r), "Encrypted", false)
	not cfn.is_true(v)
	not cfn.intrinsic(v)
}
