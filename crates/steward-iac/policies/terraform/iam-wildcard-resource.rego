# IAM policy allows a whole service on every resource.
package steward.iac.terraform.iam_wildcard_resource

import data.steward.lib.terraform as tf

__rego_metadata__ := {
    "id": "iac/terraform/iam-wildcard-resource",
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
        "terraform"
    ]
}

service_wildcard(a) if {
	is_string(a)
	regex.match(`^[a-zA-Z0-9-]+:\*$`, a)
}

deny contains {"msg": sprintf("%s.%s allows %s on every resource", [t, name, a]), "path": ["resource", t, name, "policy"]} if {
	some t in ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]
	some name, r in input.resource[t]
	some st in tf.statements(r.policy)
	object.get(st, "Effect", "") == "Allow"
	some a in tf.as_array(object.get(st, "Action", []))
	service_wildcard(a)
	"*" in tf.as_array(object.get(st, "Resource", []))
}

deny contains {"msg": sprintf("data.aws_iam_policy_document.%s allows %s on every resource", [name, a]), "path": ["data", "aws_iam_policy_document", name, "statement", i, "actions"]} if {
	some name, d in input.data.aws_iam_policy_document
	some i, st in d.statement
	object.get(st, "effect", "Allow") == "Allow"
	some a in st.actions
	service_wildcard(a)
	"*" in object.get(st, "resources", [])
}
