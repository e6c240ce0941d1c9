# KMS key rotation is not enabled.
package steward.iac.cloudformation.kms_rotation_disabled

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/kms-rotation-disabled",
    "title": "KMS key rotation is not enabled",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-320"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-CRYPTO-004"
    ],
    "description": "A symmetric `AWS::KMS::Key` does not set `EnableKeyRotation: true`, so the same key material protects data for as long as the key lives.",
    "remediation": "Set `EnableKeyRotation: true` (yearly rotation, or `RotationPeriodInDays`).",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("key %s does not rotate", [name]), "path": ["Resources", name, "Properties", "EnableKeyRotation"]} if {
	some name, r in cfn.resources("AWS::KMS::Key")
	p := cfn.props(r)
	object.get(p, "KeySpec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	object.get(p, "Origin", "AWS_KMS") == "AWS_KMS"
	not cfn.is_true(object.get(p, "EnableKeyRotation", false))
	not cfn.intrinsic(object.get(p, "EnableKeyRotation", false))
}
