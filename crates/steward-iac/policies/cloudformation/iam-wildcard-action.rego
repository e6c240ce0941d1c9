# IAM policy allows every action.
package steward.iac.cloudformation.iam_wildcard_action

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/iam-wildcard-action",
    "title": "IAM policy allows every action",
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
    "description": "A policy document of an IAM policy, role, user or group has an `Allow` statement with `Action: \"*\"`, granting every action of every service: administrator access by another name.",
    "remediation": "List the actions the principal needs (`s3:GetObject`, ...), scoped to specific resources; attach `AdministratorAccess` knowingly, to a role only break-glass users can assume, if at all.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("%s %s allows every action (\"*\")", [s.type, s.name]), "path": array.concat(s.path, ["Action"])} if {
	some s in data.steward.lib.cloudformation.policy_statements
	startswith(s.type, "AWS::IAM::")
	cfn.allows(s.statement)
	some a in cfn.as_array(s.statement.Action)
	a in {"*", "*:*"}
}
