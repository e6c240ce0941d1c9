resource "aws_s3_bucket_policy" "public" {
  bucket = aws_s3_bucket.b.id
# expect
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme/*"
    }]
  })
}

data "aws_iam_policy_document" "open" {
  statement {
    actions = ["s3:GetObject"]
# expect
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "open" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.open.json
}
