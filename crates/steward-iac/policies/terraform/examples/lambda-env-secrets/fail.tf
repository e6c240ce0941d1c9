resource "aws_lambda_function" "api" {
  function_name = "api"
  environment {
    variables = {
      LOG_LEVEL   = "info"
# expect
      DB_PASSWORD = "correct-horse-battery"
    }
  }
}
