resource "aws_lambda_function" "api" {
  function_name = "api"
  environment {
    variables = {
      DB_PASSWORD_SECRET_ARN = aws_secretsmanager_secret.db.arn
      API_KEY_PARAM          = "/prod/api/key"
      AUTH_TOKEN             = random_password.token.result
    }
  }
}
