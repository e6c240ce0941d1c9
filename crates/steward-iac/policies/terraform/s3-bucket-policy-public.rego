# S3 bucket policy allows everyone.
package steward.iac.terraform.s3_bucket_policy_public

import data.steward.lib.terraform as tf

__rego_metadata__ := {
    "id": "iac/terraform/s3-bucket-policy-public",
    "title": "S3 bucket policy allows everyone",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-732"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-010"
    ],
    "description": "A bucket policy has an `Allow` statement with `Principal: \"*\"` (or `{\"AWS\": \"*\"}`) and no condition, so anyone on the internet gets the listed actions.",
    "remediation": "Name the accounts or roles that need access in `Principal`, or restrict the statement with a condition (`aws:SourceVpce`, `aws:PrincipalOrgID`).",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("%s.%s allows Principal \"*\" without a condition", [t, name]), "path": ["resource", t, name, "policy"]} if {
	some t in ["aws_s3_bucket_policy", "aws_s3_bucket"]
	some name, r in input.resource[t]
	some st in tf.statements(r.policy)
	object.get(st, "Effect", "") == "Allow"
	_everyone(st.Principal)
	not st.Condition
}

# Policy documents built with the data source and attached to a bucket policy.
deny contains {"msg": sprintf("data.aws_iam_policy_document.%s allows everyone without a condition and is a bucket policy", [doc]), "path": ["data", "aws_iam_policy_document", doc, "statement", i, "principals", j]} if {
	some doc, d in input.data.aws_iam_policy_document
	some bp in input.resource.aws_s3_bucket_policy
	contains(bp.policy, sprintf("data.aws_iam_policy_document.%s.", [doc]))
	some i, st in d.statement
	object.get(st, "effect", "Allow") == "Allow"
	not st.condition
	some j, p in st.principals
	"*" in p.identifiers
}

_everyone("*") := true

_everyone(p) if p.AWS == "*"

_everyone(p) if "*" in p.AWS
