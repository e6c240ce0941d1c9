# No public access block, or one that leaves a setting off.
package steward.monitor.s3.public_access_block

__rego_metadata__ := {
    "id": "monitor/s3/public-access-block-off",
    "title": "S3 public access block is missing or incomplete",
    "severity": "medium",
    "confidence": "high",
    "cwe": ["CWE-732"],
    "owasp": "A05",
    "requirements": ["STW-ACCESS-010"],
    "description": "The bucket has no public access block, or one with a setting off, so a single ACL or policy change can make it public.",
    "remediation": "Turn on BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets on the bucket (and on the account).",
    "formats": ["s3-bucket"]
}

settings := {
	"block_public_acls": "BlockPublicAcls",
	"ignore_public_acls": "IgnorePublicAcls",
	"block_public_policy": "BlockPublicPolicy",
	"restrict_public_buckets": "RestrictPublicBuckets",
}

deny contains {"msg": sprintf("bucket `%s` has no public access block", [input.bucket]), "path": ["public_access_block"]} if {
	input.public_access_block == null
}

deny contains {"msg": sprintf("bucket `%s`'s public access block leaves %s off", [input.bucket, concat(", ", off)]), "path": ["public_access_block"]} if {
	is_object(input.public_access_block)
	off := sort([name | some key, name in settings; input.public_access_block[key] == false])
	count(off) > 0
}
