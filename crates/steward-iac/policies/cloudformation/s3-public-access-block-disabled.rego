# S3 public access block leaves a setting off.
package steward.iac.cloudformation.s3_public_access_block_disabled

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/s3-public-access-block-disabled",
    "title": "S3 public access block leaves a setting off",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-732"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-010"
    ],
    "description": "A bucket's `PublicAccessBlockConfiguration` sets one of `BlockPublicAcls`, `BlockPublicPolicy`, `IgnorePublicAcls`, `RestrictPublicBuckets` to false or leaves it out (it then defaults to false), so public ACLs or policies can still take effect.",
    "remediation": "Set all four settings to `true`; serve public content through CloudFront instead of a public bucket.",
    "formats": [
        "cloudformation"
    ]
}

settings := ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"]

deny contains {"msg": sprintf("bucket %s does not turn on %s", [name, s]), "path": ["Resources", name, "Properties", "PublicAccessBlockConfiguration", s]} if {
	some name, r in cfn.resources("AWS::S3::Bucket")
	block := cfn.props(r).PublicAccessBlockConfiguration
	is_object(block)
	some s in settings
	not cfn.is_true(object.get(block, s, false))
	not cfn.intrinsic(object.get(block, s, false))
}
