resource "aws_iam_policy" "admin" {
  name   = "admin"
# expect
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
EOF
}

data "aws_iam_policy_document" "ci" {
  statement {
# expect
    actions   = ["*"]
    resources = ["*"]
  }
}
