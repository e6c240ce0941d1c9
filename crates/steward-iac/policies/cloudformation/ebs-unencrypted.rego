# EBS volume is not encrypted.
package steward.iac.cloudformation.ebs_unencrypted

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/ebs-unencrypted",
    "title": "EBS volume is not encrypted",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An `AWS::EC2::Volume`, or a block device of an instance, launch template or launch configuration, does not set `Encrypted: true`, so the disk and its snapshots are stored in clear unless the account's default encryption happens to be on. Volumes made from a snapshot take its encryption and are not reported.",
    "remediation": "Set `Encrypted: true` (with a `KmsKeyId`), and turn on EBS encryption by default in every region of the account.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("volume %s is not encrypted", [name]), "path": ["Resources", name, "Properties", "Encrypted"]} if {
	some name, r in cfn.resources("AWS::EC2::Volume")
	p := cfn.props(r)
	not p.SnapshotId
	unencrypted(p)
}

# Block device mappings, by resource type, under Properties.
mappings := {
	"AWS::EC2::Instance": ["BlockDeviceMappings"],
	"AWS::AutoScaling::LaunchConfiguration": ["BlockDeviceMappings"],
	"AWS::EC2::LaunchTemplate": ["LaunchTemplateData", "BlockDeviceMappings"],
}

deny contains {"msg": sprintf("%s %s has an unencrypted block device %v", [r.Type, name, object.get(m, "DeviceName", i)]), "path": array.concat(array.concat(["Resources", name, "Properties"], at), [i, "Ebs", "Encrypted"])} if {
	some name, r in data.steward.lib.cloudformation.all_resources
	at := mappings[r.Type]
	some i, m in cfn.list(object.get(cfn.props(r), at, []))
	ebs := m.Ebs
	is_object(ebs)
	not ebs.SnapshotId
	unencrypted(ebs)
}

unencrypted(x) if {
	not cfn.is_true(object.get(x, "Encrypted", false))
	not cfn.intrinsic(object.get(x, "Encrypted", false))
}
