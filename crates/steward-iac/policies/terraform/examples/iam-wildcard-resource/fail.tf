resource "aws_iam_role_policy" "storage" {
  role = aws_iam_role.app.id
# expect
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["s3:*"], Resource = "*" }]
  })
}

data "aws_iam_policy_document" "queues" {
  statement {
# expect
    actions   = ["sqs:*"]
    resources = ["*"]
  }
}
