# IAM policy allows every action.
package steward.iac.terraform.iam_wildcard_action

import data.steward.lib.terraform as tf

__rego_metadata__ := {
    "id": "iac/terraform/iam-wildcard-action",
    "title": "IAM policy allows every action",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-269"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-001"
    ],
    "description": "An IAM policy has an `Allow` statement with `Action: \"*\"`, granting every action of every service: administrator access by another name.",
    "remediation": "List the actions the principal needs (`s3:GetObject`, ...), scoped to specific resources.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("%s.%s allows every action (\"*\")", [t, name]), "path": ["resource", t, name, "policy"]} if {
	some t in ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]
	some name, r in input.resource[t]
	some st in tf.statements(r.policy)
	object.get(st, "Effect", "") == "Allow"
	some a in tf.as_array(object.get(st, "Action", []))
	a in {"*", "*:*"}
}

deny contains {"msg": sprintf("data.aws_iam_policy_document.%s allows every action (\"*\")", [name]), "path": ["data", "aws_iam_policy_document", name, "statement", i, "actions"]} if {
	some name, d in input.data.aws_iam_policy_document
	some i, st in d.statement
	object.get(st, "effect", "Allow") == "Allow"
	some a in st.actions
	a in {"*", "*:*"}
}
