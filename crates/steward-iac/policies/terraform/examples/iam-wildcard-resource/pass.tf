resource "aws_iam_role_policy" "storage" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["s3:*"], Resource = ["arn:aws:s3:::acme-data/*"] }]
  })
}

data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["logs:PutLogEvents"]
    resources = ["*"]
  }
}
