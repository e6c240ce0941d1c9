resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
# expect
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# expect
resource "aws_s3_account_public_access_block" "acct" {
  block_public_acls = true
}
