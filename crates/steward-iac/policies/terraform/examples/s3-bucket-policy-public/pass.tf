resource "aws_s3_bucket_policy" "vpce_only" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme/*"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1234" } }
    }, {
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::acme/*"
    }]
  })
}
