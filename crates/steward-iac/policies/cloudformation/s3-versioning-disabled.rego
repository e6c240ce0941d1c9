# S3 bucket versioning is not enabled.
package steward.iac.cloudformation.s3_versioning_disabled

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/s3-versioning-disabled",
    "title": "S3 bucket versioning is not enabled",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-693"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-BACKUP-001"
    ],
    "description": "An `AWS::S3::Bucket` has no `VersioningConfiguration` with `Status: Enabled`, so an overwritten or deleted object (by mistake or by ransomware) cannot be recovered.",
    "remediation": "Add `VersioningConfiguration: {Status: Enabled}` (and lifecycle rules that expire old versions).",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("bucket %s does not enable versioning", [name]), "path": _path(name, r)} if {
	some name, r in cfn.resources("AWS::S3::Bucket")
	not object.get(cfn.props(r), ["VersioningConfiguration", "Status"], "") == "Enabled"
	not cfn.intrinsic(object.get(cfn.props(r), ["VersioningConfiguration", "Status"], ""))
}

_path(name, r) := ["Resources", name, "Properties", "VersioningConfiguration", "Status"] if cfn.props(r).VersioningConfiguration

_path(name, r) := ["Resources", name, "Properties", "VersioningConfiguration"] if not cfn.props(r).VersioningConfiguration
