data "aws_iam_policy_document" "app" {
  statement {
    effect    = "Allow"
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "app" {
  name   = "app-s3"
  role   = "app-role"
  policy = data.aws_iam_policy_document.app.json
}
