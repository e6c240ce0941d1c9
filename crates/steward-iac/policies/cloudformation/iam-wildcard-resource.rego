# IAM policy allows a whole service on every resource.
package steward.iac.cloudformation.iam_wildcard_resource

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/iam-wildcard-resource",
    "title": "IAM policy allows a whole service on every resource",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-269"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-001",
        "STW-ACCESS-007"
    ],
    "description": "An `Allow` statement of an IAM policy grants every action of a service (`s3:*`, `iam:*`, ...) on `Resource: \"*\"`: the principal can read, change and delete everything that service holds in the account.",
    "remediation": "Grant the actions the principal needs on the resources it works on (`arn:aws:s3:::bucket/*`), not the service's every action on every resource.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("%s %s allows %s on every resource", [s.type, s.name, a]), "path": array.concat(s.path, ["Action"])} if {
	some s in data.steward.lib.cloudformation.policy_statements
	startswith(s.type, "AWS::IAM::")
	cfn.allows(s.statement)
	some a in cfn.as_array(s.statement.Action)
	is_string(a)
	regex.match(`^[a-zA-Z0-9-]+:\*$`, a)
	some res in cfn.as_array(object.get(s.statement, "Resource", []))
	res == "*"
}
