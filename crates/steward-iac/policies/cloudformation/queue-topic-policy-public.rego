# SQS queue or SNS topic policy allows everyone.
package steward.iac.cloudformation.queue_topic_policy_public

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/queue-topic-policy-public",
    "title": "SQS queue or SNS topic policy allows everyone",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-732"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-001"
    ],
    "description": "An `AWS::SQS::QueuePolicy` or `AWS::SNS::TopicPolicy` statement allows `Principal: \"*\"` without a condition, so any AWS account can send, read or subscribe.",
    "remediation": "Name the principals (services, accounts, roles) and narrow service principals with an `aws:SourceArn` or `aws:SourceAccount` condition.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("%s %s allows everyone (Principal \"*\")", [s.type, s.name]), "path": array.concat(s.path, ["Principal"])} if {
	some s in data.steward.lib.cloudformation.policy_statements
	s.type in {"AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy"}
	cfn.allows(s.statement)
	cfn.public_principal(s.statement.Principal)
	not s.statement.Condition
}
