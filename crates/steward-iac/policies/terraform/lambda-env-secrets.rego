# Secret in a Lambda function's environment.
package steward.iac.terraform.lambda_env_secrets

import data.steward.lib.terraform as tf

__rego_metadata__ := {
    "id": "iac/terraform/lambda-env-secrets",
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
    "description": "An `aws_lambda_function` has an environment variable whose name says it holds a password, token or key, set to a literal (or a variable's literal value): the secret is in the code and shown to anyone who can read the function's configuration.",
    "remediation": "Keep the secret in Secrets Manager or SSM Parameter Store and pass its name or ARN in the environment; the function reads it at start.",
    "formats": [
        "terraform"
    ]
}

secret_name := `(?i)(passw(or)?d|secret|token|api_?key|access_?key|private_?key|credential|auth_?key)`

pointer_name := `(?i)(_arn|_name|_id|_param(eter)?|_path|_url|_uri|_file|_region)$`

deny contains {"msg": sprintf("aws_lambda_function.%s sets %s to a literal", [name, k]), "path": ["resource", "aws_lambda_function", name, "environment", i, "variables", k]} if {
	some name, f in input.resource.aws_lambda_function
	some i, env in f.environment
	some k, v in env.variables
	regex.match(secret_name, k)
	not regex.match(pointer_name, k)
	tf.literal(v)
	is_string(v)
	count(v) >= 6
	not startswith(v, "arn:")
	not startswith(v, "/")
}
