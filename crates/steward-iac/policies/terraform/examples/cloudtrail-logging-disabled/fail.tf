resource "aws_cloudtrail" "org" {
  name           = "org"
  s3_bucket_name = "trail-bucket"
# expect
  enable_logging = false
}
