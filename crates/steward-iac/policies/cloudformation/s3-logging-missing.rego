# S3 bucket has no access logging.
package steward.iac.cloudformation.s3_logging_missing

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/s3-logging-missing",
    "title": "S3 bucket has no access logging",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-778"
    ],
    "owasp": "A09",
    "requirements": [
        "STW-LOG-001"
    ],
    "description": "An `AWS::S3::Bucket` has no `LoggingConfiguration`, so reads and writes of its objects leave no access log. Buckets that receive logs themselves (`AccessControl: LogDeliveryWrite`, or named as another bucket's or a trail's log destination) are not reported.",
    "remediation": "Add `LoggingConfiguration` with a `DestinationBucketName` (a dedicated log bucket), or record data events with CloudTrail.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("bucket %s has no access logging", [name]), "path": ["Resources", name, "Properties", "LoggingConfiguration"]} if {
	some name, r in cfn.resources("AWS::S3::Bucket")
	not cfn.props(r).LoggingConfiguration
	not log_bucket(name, r)
}

log_bucket(_, r) if cfn.props(r).AccessControl == "LogDeliveryWrite"

log_bucket(name, _) if {
	some other in data.steward.lib.cloudformation.all_resources
	some dest in [
		object.get(other, ["Properties", "LoggingConfiguration", "DestinationBucketName"], null),
		object.get(other, ["Properties", "S3BucketName"], null),
	]
	names_bucket(dest, name)
}

names_bucket(v, name) if v.Ref == name

names_bucket(v, name) if {
	is_string(v)
	v == object.get(input.Resources[name], ["Properties", "BucketName"], null)
}
