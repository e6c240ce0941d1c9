# Lambda function can be invoked by anyone.
package steward.iac.terraform.lambda_public_permission

__rego_metadata__ := {
    "id": "iac/terraform/lambda-public-permission",
    "title": "Lambda function can be invoked by anyone",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-284"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-001"
    ],
    "description": "An `aws_lambda_permission` grants `principal = \"*\"` without a `source_arn`, `source_account` or `principal_org_id` to narrow it, so any AWS account (or, with a function URL without auth, anyone) can invoke the function.",
    "remediation": "Name the service or account that invokes the function and set `source_arn` (and `source_account`) to the resource that calls it.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_lambda_permission.%s lets anyone invoke the function", [name]), "path": ["resource", "aws_lambda_permission", name, "principal"]} if {
	some name, p in input.resource.aws_lambda_permission
	p.principal == "*"
	not p.source_arn
	not p.source_account
	not p.principal_org_id
}
