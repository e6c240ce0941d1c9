resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
# expect
  acl    = "public-read"
}

resource "aws_s3_bucket_acl" "uploads" {
  bucket = aws_s3_bucket.site.id
# expect
  acl    = "public-read-write"
}
