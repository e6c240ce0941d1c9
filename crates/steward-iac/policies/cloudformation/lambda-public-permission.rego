# Lambda function can be invoked by anyone.
package steward.iac.cloudformation.lambda_public_permission

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/lambda-public-permission",
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
    "description": "An `AWS::Lambda::Permission` grants `Principal: \"*\"` without a `SourceArn`, `SourceAccount` or `PrincipalOrgID` to narrow it, so any AWS account (or, with a function URL without auth, anyone) can invoke the function.",
    "remediation": "Name the service or account that invokes the function and set `SourceArn` (and `SourceAccount`) to the resource that calls it.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("permission %s lets anyone invoke the function", [name]), "path": ["Resources", name, "Properties", "Principal"]} if {
	some name, r in cfn.resources("AWS::Lambda::Permission")
	p := cfn.props(r)
	p.Principal == "*"
	not p.SourceArn
	not p.SourceAccount
	not p.PrincipalOrgID
}
