# Secret in a Lambda function's environment.
package steward.iac.cloudformation.lambda_env_secrets

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/lambda-env-secrets",
    "title": "Secret in a Lambda function's environment",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-798"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-SECRETS-001",
        "STW-SECRETS-002"
    ],
    "description": "A Lambda function (`AWS::Lambda::Function`, `AWS::Serverless::Function` or SAM `Globals`) has an environment variable whose name says it holds a password, token or key, set to a literal: the secret is in the template and shown to anyone who can read the function's configuration.",
    "remediation": "Keep the secret in Secrets Manager or SSM Parameter Store and pass its name or ARN in the environment; the function reads it at start (the Parameters and Secrets extension caches it).",
    "formats": [
        "cloudformation"
    ]
}

secret_name := `(?i)(passw(or)?d|secret|token|api_?key|access_?key|private_?key|credential|auth_?key)`

# Names that hold where a secret is, not the secret.
pointer_name := `(?i)(_arn|_name|_id|_param(eter)?|_path|_url|_uri|_file|_region)$`

env_paths contains {"name": name, "path": ["Resources", name, "Properties", "Environment", "Variables"], "vars": cfn.props(r).Environment.Variables} if {
	some name, r in data.steward.lib.cloudformation.all_resources
	r.Type in {"AWS::Lambda::Function", "AWS::Serverless::Function"}
}

env_paths contains {"name": "Globals.Function", "path": ["Globals", "Function", "Environment", "Variables"], "vars": input.Globals.Function.Environment.Variables}

deny contains {"msg": sprintf("function %s sets %s to a literal", [e.name, k]), "path": array.concat(e.path, [k])} if {
	some e in env_paths
	is_object(e.vars)
	some k, v in e.vars
	regex.match(secret_name, k)
	not regex.match(pointer_name, k)
	is_string(v)
	count(v) >= 6
	not contains(v, "{{resolve:")
	not startswith(v, "arn:")
	not startswith(v, "/")
}
