resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
  acl    = "private"
}
